"""Tests for framing.stance.speakers: stance shares and the majority label per speaker and target."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing.errors import InputError
from framing.stance.cues import CueStance
from framing.stance.speakers import label_share, speaker_stance, stance_slugs
from framing.stance.targets import Target


def test_speaker_stance_majority_shares_and_ties():
    u = pd.DataFrame({
        "speaker_id": ["a", "a", "a", "b", "b", "c"],
        "speaker": ["A", "A", "A", "B", "B", "C"],
        "stance_russia": [-0.8, -0.6, 0.0, 0.5, -0.5, np.nan],
        "stance_russia_label": ["against", "against", "neutral", "favor", "against", "none"],
        "stance_nato": [np.nan] * 6,
        "stance_nato_label": ["none"] * 6,
    })
    out = speaker_stance(u, ["Russia", "NATO"])
    assert list(out.columns[:3]) == ["speaker_id", "speaker", "target"]
    rus = out[out["target"] == "Russia"].set_index("speaker_id")
    assert rus.loc["a", "label"] == "against" and rus.loc["a", "n_mentions"] == 3
    assert rus.loc["a", "share_against"] == pytest.approx(2 / 3)
    assert rus.loc["a", "mean_score"] == pytest.approx(-1.4 / 3)
    assert rus.loc["b", "label"] == "neutral"  # one favor, one against: a tie
    assert rus.loc["c", "label"] == "none" and rus.loc["c", "n_mentions"] == 0
    assert np.isnan(rus.loc["c", "share_favor"])
    assert (out[out["target"] == "NATO"]["label"] == "none").all()
    assert len(out) == 6
    # speakers in first-seen order, targets in the order given
    assert out[["speaker_id", "target"]].values.tolist()[:3] == [["a", "Russia"], ["a", "NATO"], ["b", "Russia"]]


def test_speaker_stance_weighs_by_confidence_and_groups_by_any_columns():
    u = pd.DataFrame({"speaker_id": ["a"] * 3, "outlet": ["x", "x", "y"],
                      "stance_nato": [0.6, -0.6, -0.6], "stance_nato_label": ["favor", "against", "against"],
                      "confidence": [0.9, 0.3, 0.3]})
    (row,) = speaker_stance(u, None).to_dict("records")
    assert row["label"] == "favor" and row["share_favor"] == pytest.approx(0.6)
    by_outlet = speaker_stance(u, [Target("NATO", {"en": ["NATO"]})], by=("speaker_id", "outlet"))
    assert by_outlet[["outlet", "label"]].values.tolist() == [["x", "favor"], ["y", "against"]]
    with pytest.raises(ValueError, match="stance_sanctions_label"):
        speaker_stance(u, ["sanctions"])


def test_scorer_output_feeds_speaker_stance():
    scorer = CueStance().fit()
    X = pd.DataFrame({"utterance_id": ["u0", "u1", "u2"], "lang": ["ar"] * 3, "speaker_id": ["s1"] * 3,
                      "content": ["ندين روسيا", "العدوان الروسي مستمر", "ستتصل موسكو غدا"]})
    scored = X.merge(scorer.transform(X), on="utterance_id")
    out = speaker_stance(scored, scorer.targets_)
    row = out[out["target"] == "Russia"].iloc[0]
    assert row["label"] == "against" and row["n_mentions"] == 3 and row["share_neutral"] == pytest.approx(1 / 3)


def test_label_share_reads_labels_loosely_and_names_an_unknown_one():
    labels = pd.Series([" Favor", "against", "none", None], index=["u1", "u2", "u3", "u4"], name="stance_x_label")
    assert label_share(labels, "favor").tolist()[:2] == [1.0, 0.0]
    assert np.isnan(label_share(labels, "favor")[2:]).all()
    with pytest.raises(InputError, match=r"stance_x_label.*'u2'.*'maybe'"):
        label_share(labels.replace("against", "maybe"), "favor")


def test_stance_slugs_are_the_label_columns_in_order():
    assert stance_slugs(["stance_b_label", "stance_b", "stance_a_label", "stance__label", "topic_label"]) == ["b", "a"]
