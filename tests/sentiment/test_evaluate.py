"""Evaluation of the sentiment scorers on coded data (``framing eval sentiment``)."""

from __future__ import annotations

import json
import os

import pytest

from framing.errors import InputError
from framing.sentiment import evaluate_sentiment, read_eval_data
from framing.sentiment.evaluate import evaluate_holdout

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
    # the trivial baseline beside every figure: one label of three, equally frequent
    assert result["majority"]["macro_f1"] == pytest.approx(1 / 6, abs=1e-3)
    from framing.sentiment import format_result
    assert "always" in format_result(result) and "not a held-out" in format_result(result)


def _csv(path, rows):
    path.write_text("\n".join(["text,label", *rows]) + "\n", encoding="utf-8")
    return path


def test_fixed_split_scores_held_out_rows_with_balance_and_confusion(tmp_path, capsys):
    from framing.cli import main

    train = _csv(tmp_path / "train.csv", ["رحب الجميع بالاتفاق التاريخي,positive", "قصف عنيف ودمار واسع,negative",
                                          "انعقد الاجتماع يوم الاثنين,neutral", "قصف ودمار,negative"] * 4)
    test = _csv(tmp_path / "test.csv", ["قصف عنيف ودمار واسع,negative", "انعقد الاجتماع يوم الاثنين,neutral",
                                        "انعقد الاجتماع يوم الاثنين,negative"] * 2)
    from framing.sentiment.evaluate import evaluate_split

    r = evaluate_split(train, test)
    assert r["train_labels"] == {"negative": 8, "neutral": 4, "positive": 4}
    assert r["labels"] == {"negative": 4, "neutral": 2} and r["majority"]["label"] == "negative"
    # the last row is coded negative but reads neutral: one error per copy, seen in the table
    assert r["lexicon"]["confusion"]["negative"]["neutral"] == 2 and r["lexicon"]["accuracy"] == round(4 / 6, 4)
    assert r["supervised"]["predicted"]
    assert main(["eval", "sentiment", "--train", str(train), "--test", str(test), "--no-supervised"]) == 0
    out = capsys.readouterr().out
    assert "scored on test.csv" in out and "always 'negative'" in out and "rows gold, columns predicted" in out
    assert main(["eval", "sentiment", "--train", str(train)]) == 2
    assert "--train and --test go together" in capsys.readouterr().err


def _analysed(tmp_path, text: str):
    # one document d1 analysed into tmp_path / "out"
    from framing.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "d1.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "--out", str(out), "--n-boot", "10"]) == 0
    return out


def _gold(tmp_path, events: list[dict]):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in events) + "\n", encoding="utf-8")
    return gold


def test_news_utterances_against_the_sentiment_of_gold_events(tmp_path, capsys):
    from framing.cli import main
    from framing.sentiment.evaluate import evaluate_events

    out = _analysed(tmp_path, "خبر\n\nوقال الوزير إن القصف الوحشي دمر المدينة.\n\nوأضاف الوزير أن الاتفاق نجاح كبير.\n")
    gold = _gold(tmp_path, [{"doc": "d1", "paragraph": 1, "cue": "وقال", "sentiment": "negative"},
                            {"doc": "d1", "paragraph": 2, "cue": "وأضاف", "sentiment": "positive"},
                            {"doc": "d1", "paragraph": 5, "cue": "وقال", "sentiment": "neutral"}])
    r = evaluate_events(out, [gold])
    assert (r["n"], r["unmatched"]) == (2, 1) and r["scorer"]["accuracy"] == 1.0
    capsys.readouterr()
    assert main(["eval", "sentiment", "--pred", str(out), "--gold", str(gold)]) == 0
    assert "2 gold events matched to utterances (1 not matched)" in capsys.readouterr().out


def test_events_sharing_a_cue_in_a_paragraph_are_each_paired_with_their_own_utterance(tmp_path):
    from framing.sentiment.evaluate import evaluate_events
    from framing.tables import read_table

    out = _analysed(tmp_path, "خبر\n\nوقال الوزير إن القصف الوحشي دمر المدينة، وقال السفير إن الاتفاق نجاح كبير "
                              "وإنجاز رائع.\n")
    said = read_table(out, "measures").merge(read_table(out, "utterances"), on="utterance_id")
    assert said.sort_values("cue_start")["sentiment_label"].tolist() == ["negative", "positive"]
    # gold events carry their speaker as written, which the pairing reads where cues repeat
    gold = _gold(tmp_path, [{"doc": "d1", "paragraph": 1, "cue": "وقال", "speaker": who, "mention": who, "sentiment": s}
                            for who, s in (("الوزير", "negative"), ("السفير", "positive"), ("المتحدث", "neutral"))])
    # the second event is the second utterance's, not the first's again; the third has none of its own
    r = evaluate_events(out, [gold])
    assert (r["n"], r["unmatched"]) == (2, 1) and r["scorer"]["accuracy"] == 1.0


def test_resampling_follows_the_balance_and_runs_out_on_the_scarcest_label():
    import pandas as pd

    from framing.sentiment.evaluate import resample_to_balance

    X = pd.DataFrame({"label": ["negative"] * 30 + ["neutral"] * 60 + ["positive"] * 10, "i": range(100)})
    out = resample_to_balance(X, {"negative": 0.5, "neutral": 0.25, "positive": 0.25}, seed=3)
    assert out["label"].value_counts().to_dict() == {"negative": 20, "neutral": 10, "positive": 10}
    assert out["i"].is_unique  # without replacement
    with pytest.raises(InputError, match="no rows labelled"):
        resample_to_balance(X, {"negative": 1, "mixed": 1})


def test_holdout_scores_the_rest_and_a_rebalanced_rest(tmp_path, capsys):
    from framing.cli import main

    rows = ["رحب الجميع بالاتفاق التاريخي,positive", "قصف عنيف ودمار واسع,negative",
            "انعقد الاجتماع يوم الاثنين,neutral", "دمار وخراب,negative", "هجوم وحشي,negative"] * 8
    data = _csv(tmp_path / "coded.csv", rows)
    r = evaluate_holdout(data, test_size=0.25, balance={"negative": 1, "neutral": 1, "positive": 1})
    held, rebalanced = r["parts"]["held_out"], r["parts"]["rebalanced"]
    assert r["n_train"] == 30 and held["n"] == 10 and held["labels"] == {"negative": 6, "neutral": 2, "positive": 2}
    assert rebalanced["labels"] == {"negative": 2, "neutral": 2, "positive": 2}
    assert held["majority"]["label"] == "negative" and rebalanced["majority"]["macro_f1"] < held["majority"]["macro_f1"]
    assert rebalanced["lexicon"]["macro_f1"] == 1.0
    cal = held["supervised"]["calibration"]
    assert 0 <= cal["ece"] <= 1 and 0 <= cal["brier"] <= 2 and cal["n"] == 10
    assert main(["eval", "sentiment", "--data", str(data), "--holdout", "0.25", "--balance",
                 "negative=2,neutral=1,positive=1", "--no-supervised"]) == 0
    out = capsys.readouterr().out
    assert "resampled to" in out and "always 'negative'" in out
    assert main(["eval", "sentiment", "--data", str(data), "--balance", "negative=1"]) == 2
    assert "--balance goes with --holdout" in capsys.readouterr().err
    assert main(["eval", "sentiment", "--data", str(data), "--holdout", "2"]) == 2
    assert main(["eval", "sentiment", "--data", str(data), "--holdout", "0.2", "--balance", "negative"]) == 2


# --- shared data (skipped when ../shared is absent) --------------------------------------

@pytest.mark.slow
@pytest.mark.shared
def test_lexicon_bar_on_arabic_tweets(shared):
    result = evaluate_sentiment(shared / "data" / "arsarcasm_v2" / "training_data.csv", lang="ar",
                                supervised=False, verbose=False)
    assert result["n"] > 10000
    assert result["lexicon"]["mean"] >= 0.50  # cross-validation on the training file, not a held-out figure


@pytest.mark.slow
@pytest.mark.shared
def test_english_default_beats_vader_on_news_targets(shared):
    result = evaluate_sentiment(shared / "data" / "newsmtsc" / "train.jsonl", supervised=False, verbose=False)
    assert result["targets"] and result["lang"] == "en"
    assert result["lexicon"]["mean"] >= 0.55  # the words around each target (0.542 on the whole sentence)
    assert result["lexicon"]["mean"] > result["vader"]["mean"]


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.skipif(not RUN_SLOW, reason="trains 5 models on 12k tweets (minutes); set FRAMING_RUN_SLOW=1")
def test_supervised_bar_on_arabic_tweets(shared):
    result = evaluate_sentiment(shared / "data" / "arsarcasm_v2" / "training_data.csv", lang="ar",
                                verbose=False)
    assert result["supervised"]["mean"] >= 0.65


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.skipif(not RUN_SLOW, reason="trains a model on 10k tweets; set FRAMING_RUN_SLOW=1")
def test_supervised_holds_under_another_class_balance(shared):
    # the held-out fifth of the training file resampled to the test file's balance (about 56% negative)
    result = evaluate_holdout(shared / "data" / "arsarcasm_v2" / "training_data.csv", lang="ar",
                              balance={"negative": 1677, "neutral": 748, "positive": 575})
    rebalanced = result["parts"]["rebalanced"]
    assert rebalanced["supervised"]["macro_f1"] >= 0.65
    assert rebalanced["supervised"]["calibration"]["ece"] <= 0.05
    assert rebalanced["lexicon"]["macro_f1"] >= 0.50 > rebalanced["majority"]["macro_f1"]
