"""Tests for framing.stance.quality: the stance model's per-target figures on coded speakers, read back."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from framing.stance.news_model import MODEL_DIR, NewsStance, load_news_model
from framing.stance.news_training import target_figures
from framing.stance.quality import COLUMNS, quality_record, target_quality
from framing.stance.targets import Target


def _metadata(per_target: dict) -> dict:
    return {"method": "stance.news-lr.v3", "training_sha256": "ab",
            "speaker_model": {"cross_validation": {"per_target": per_target}}}


FIGURES = {"Iran": {"pairs": 10, "right": 6, "majority_side": "against", "majority": 0.9, "labelled": 8,
                    "side_right": 6, "side_majority": 0.875},
           "Turkey": {"pairs": 4, "right": 3, "majority_side": "favor", "majority": 0.5, "labelled": 4,
                      "side_right": 3, "side_majority": 0.5}}


def test_target_figures_count_only_pairs_coded_as_addressed():
    gold = np.array(["against", "against", "none", "favor", "favor", "against"])
    decided = np.array(["against", "none", "against", "favor", "against", "against"])
    targets = np.array(["Iran", "Iran", "Iran", "Turkey", "Turkey", "Turkey"])
    out = target_figures(gold, decided, targets)
    assert out["Iran"] == {"pairs": 2, "right": 1, "majority_side": "against", "majority": 1.0, "labelled": 1,
                           "side_right": 1, "side_majority": 1.0}
    assert out["Turkey"]["pairs"] == 3 and out["Turkey"]["right"] == 2
    assert out["Turkey"]["majority_side"] == "favor" and out["Turkey"]["side_majority"] == round(2 / 3, 4)


def test_a_target_given_no_side_has_no_side_baseline():
    out = target_figures(np.array(["favor"]), np.array(["none"]), np.array(["Qatar"]))
    assert out["Qatar"]["labelled"] == 0 and out["Qatar"]["side_majority"] is None


def test_target_quality_reads_the_figures_beside_the_usual_side():
    q = target_quality(_metadata(FIGURES), targets=[Target("Turkey", {"en": ["Turkey"]}), "Iran", "NATO"])
    assert list(q.columns) == list(COLUMNS)
    assert q["target"].tolist() == ["Turkey", "Iran", "NATO"]
    iran = q.set_index("target").loc["Iran"]
    assert iran["accuracy"] == 0.6 and iran["side_accuracy"] == 0.75
    assert bool(iran["below_baseline"])  # 0.75 of the sides given, always "against" 0.875
    assert not q.set_index("target").loc["Turkey", "below_baseline"]  # 0.75 against 0.5
    nato = q.set_index("target").loc["NATO"]
    assert not nato["measured"] and math.isnan(nato["accuracy"])


def test_quality_record_is_plain_json_and_none_without_figures():
    record = quality_record(_metadata(FIGURES), ["Iran", "NATO"])
    text = json.dumps(record, allow_nan=False)  # no NaN, no numpy types
    assert json.loads(text)["targets"][1] == {**{c: None for c in COLUMNS}, "target": "NATO", "measured": False,
                                               "below_baseline": None}
    assert quality_record({"method": "stance.news-lr.v2"}, ["Iran"]) is None
    assert quality_record(object(), ["Iran"]) is None  # a supervised scorer: no such figures


def test_the_shipped_model_measures_its_training_targets(tmp_path):
    q = target_quality()
    assert len(q) >= 10 and q["measured"].all()
    assert (q["pairs"] >= q["labelled"]).all() and (q["labelled"] >= q["side_right"]).all()
    # the same figures whether from the folder, the loaded model or a scorer holding it
    for given in (MODEL_DIR, str(MODEL_DIR), load_news_model(), NewsStance().fit()):
        assert target_quality(given).equals(q)
    assert target_quality(tmp_path).empty  # a folder without a model's metadata: nothing measured


@pytest.mark.skipif(not (MODEL_DIR / "targets.json").exists(), reason="the shipped model names no training targets")
def test_a_target_named_otherwise_gets_the_figures_of_the_training_target_it_is():
    iran = next(t for t in load_news_model().trained_targets if t.name == "Iran")
    q = target_quality(targets=[Target("Islamic Republic", dict(iran.aliases)), Target("Narnia", {"en": ["Narnia"]})])
    known = target_quality(targets=["Iran"]).iloc[0]
    row = q.iloc[0]
    assert row["target"] == "Islamic Republic" and row["trained_as"] == "Iran"
    assert row["pairs"] == known["pairs"] and row["side_accuracy"] == known["side_accuracy"]
    assert not q.iloc[1]["measured"] and pd.isna(q.iloc[1]["trained_as"])
