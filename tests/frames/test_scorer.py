"""Tests for framing.frames.scorer and ``framing analyze --dictionary``: one count and share column per category."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framing.cli import main
from framing.errors import InputError
from framing.frames.dictionary import load_dictionary
from framing.frames.scorer import DictionaryScorer, FrameScorer, frame_names

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dictionaries"


def _utterances() -> pd.DataFrame:
    return pd.DataFrame({"utterance_id": ["u1", "u2", "u3"],
                         "content": ["Exports and the budget fell.", "قال إن الجيش جاهز وإن الميزانية كافية", ""],
                         "lang": ["en", "ar", "en"]})


def test_counts_and_shares_per_category():
    out = DictionaryScorer([load_dictionary(FIXTURES / "policy.dic")]).fit(_utterances()).transform(_utterances())
    assert out["dict_policy_money"].tolist() == [1.0, 1.0, 0.0]
    assert out["dict_policy_trade"].tolist() == [1.0, 0.0, 0.0]
    assert out["dict_policy_security"].tolist() == [0.0, 1.0, 0.0]
    assert out["dict_policy_money_share"].round(3).tolist() == [0.2, round(1 / 7, 3), 0.0]
    assert set(out["dictionary_method"]) == {"dictionary.counts.v1"}


def test_two_dictionaries_of_one_name_are_refused():
    with pytest.raises(InputError, match="two dictionaries are named 'policy'"):
        DictionaryScorer([FIXTURES / "policy.yml", FIXTURES / "policy.dic"]).fit(_utterances())


@pytest.mark.parametrize("name", ["policy.yml", "policy.dic"])
def test_a_dictionary_round_trips_through_analyze(tmp_path, name):
    corpus = tmp_path / "news.csv"
    pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "date": ["2022-01-01", "2022-01-02"],
                  "text": ['The minister said "exports and the budget will grow".',
                           "وقال وزير الدفاع إن الجيش مستعد وإن الميزانية كافية."]}).to_csv(corpus, index=False)
    assert main(["analyze", str(corpus), "--dictionary", str(FIXTURES / name), "--out", str(tmp_path / "out"),
                 "--n-boot", "10"]) == 0
    measures = pd.read_parquet(tmp_path / "out" / "measures.parquet")
    prefix = "dict_policy_economy_money" if name.endswith(".yml") else "dict_policy_money"
    assert measures[prefix].sum() >= 2 and f"{prefix}_share" in measures
    speakers = pd.read_parquet(tmp_path / "out" / "speakers.parquet")
    assert f"{prefix}_mean" in speakers and f"{prefix}_ci_low" in speakers


def test_a_bad_dictionary_stops_analyze_before_reading(tmp_path, capsys):
    bad = tmp_path / "bad.dic"
    bad.write_text("budget\t1\n", encoding="utf-8")
    assert main(["analyze", "corpora/seed", "--dictionary", str(bad), "--out", str(tmp_path / "o")]) != 0
    assert "bad.dic" in capsys.readouterr().err and not (tmp_path / "o").exists()


def test_shipped_frames_mark_presence_per_utterance():
    names = frame_names()
    assert len(names) == 14 and "security_and_defense" in names
    X = pd.DataFrame({"utterance_id": ["u1", "u2", "u3"],
                      "content": ["The army launched a military offensive and the troops shelled the border.",
                                  "وقال إن الجيش شن هجوما عسكريا على الحدود", "Bonjour"],
                      "lang": ["en", "ar", "fr"]})
    out = FrameScorer().fit(X).transform(X)
    assert out["frame_security_and_defense"].tolist()[:2] == [1.0, 1.0]
    assert pd.isna(out["frame_security_and_defense"].iloc[2]) and out["frames"].iloc[2] == ""
    assert "security_and_defense" in out["frames"].iloc[0].split(";")
    assert set(out["frames_method"]) == {"frames.dictionary.v1"}
