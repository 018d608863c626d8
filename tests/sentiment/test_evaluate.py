"""Evaluation of the sentiment scorers on coded data (``framing eval sentiment``)."""

from __future__ import annotations

import json
import os

import pytest

from framing.errors import InputError
from framing.sentiment import evaluate_sentiment, read_eval_data

RUN_SLOW = bool(os.environ.get("FRAMING_RUN_SLOW"))


def test_read_eval_data_expands_targets(tmp_path):
    path = tmp_path / "targets.jsonl"
    recs = [{"sentence_normalized": "Critics condemned Smith", "targets": [
        {"from": 18, "to": 23, "polarity": 2.0}, {"from": 0, "to": 7, "polarity": 4.0}]},
        {"sentence_normalized": "Jones won", "targets": [{"from": 0, "to": 5, "polarity": 6.0}]}]
    path.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    df = read_eval_data(path)
    assert df["label"].tolist() == ["negative", "neutral", "positive"]
    assert df["target_start"].tolist() == [18, 0, 0]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(recs[1]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        read_eval_data(bad)


def test_evaluate_sentiment_on_a_tiny_arabic_set(tmp_path):
    rows = ["text,label"] + ["رحب الجميع بالاتفاق التاريخي,positive", "قصف عنيف ودمار واسع,negative",
                             "انعقد الاجتماع يوم الاثنين,neutral"] * 4
    path = tmp_path / "ar.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = evaluate_sentiment(path, folds=2, verbose=False)
    assert result["lang"] == "ar" and result["n"] == 12
    assert result["lexicon"]["mean"] == 1.0 and len(result["supervised"]["folds"]) == 2
    assert "vader" not in result


# --- shared data (skipped when ../shared is absent) --------------------------------------

@pytest.mark.slow
@pytest.mark.shared
def test_lexicon_bar_on_arabic_tweets(shared):
    result = evaluate_sentiment(shared / "data" / "arsarcasm_v2" / "training_data.csv", lang="ar",
                                supervised=False, verbose=False)
    assert result["n"] > 10000
    assert result["lexicon"]["mean"] >= 0.45


@pytest.mark.slow
@pytest.mark.shared
def test_english_default_beats_vader_on_news_targets(shared):
    result = evaluate_sentiment(shared / "data" / "newsmtsc" / "train.jsonl", supervised=False, verbose=False)
    assert result["targets"] and result["lang"] == "en"
    assert result["lexicon"]["mean"] >= 0.52
    assert result["lexicon"]["mean"] > result["vader"]["mean"]


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.skipif(not RUN_SLOW, reason="trains 5 models on 12k tweets (minutes); set FRAMING_RUN_SLOW=1")
def test_supervised_bar_on_arabic_tweets(shared):
    result = evaluate_sentiment(shared / "data" / "arsarcasm_v2" / "training_data.csv", lang="ar",
                                verbose=False)
    assert result["supervised"]["mean"] >= 0.65
