"""The English target sentiment model: its features, its JSON weights, training, and the default it makes.

The sentences are written for these tests; none comes from a data set.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from sentiment_support import check_contract, utts

from framing.model_files import STANDARD_KEYS
from framing.sentiment import SentimentScorer
from framing.sentiment.lexicon import LexiconSentiment
from framing.sentiment.target_model import METHOD, MODEL_DIR, LinearModel, TargetSentiment, target_features
from framing.sentiment.target_training import (fit_target_model, grouped_folds, newsmtsc_group,
                                               save_target_model, train_target_sentiment)

PRAISE = ["praised", "thanked", "applauded", "hailed"]
BLAME = ["slammed", "attacked", "condemned", "mocked"]
NAMES = ["Smith", "Jones", "Brown", "Lee", "Adams", "Clark"]


def toy_rows():
    """Sentences whose label depends on the verb before the target, two targets each."""
    texts, spans, labels = [], [], []
    for i, name in enumerate(NAMES * 2):
        good, bad = PRAISE[i % 4], BLAME[i % 4]
        other = NAMES[(i + 1) % len(NAMES)]
        text = f"Officials {good} {name} while critics {bad} {other} on Monday"
        a = text.index(f" {name} ") + 1
        b = text.index(f" {other} ") + 1
        texts += [text, text]
        spans += [(a, a + len(name)), (b, b + len(other))]
        labels += ["positive", "negative"]
        plain = f"{name} arrived in the capital on Monday"
        texts.append(plain)
        spans.append((0, len(name)))
        labels.append("neutral")
    return texts, spans, labels


def toy_frame():
    texts, spans, labels = toy_rows()
    X = utts(texts, "en", target_start=[a for a, _ in spans], target_end=[b for _, b in spans])
    return X, labels


def test_features_read_the_window_around_the_target_not_the_target():
    f = target_features("Critics slammed Senator Wonderful over the awful deal", (16, 33), 2)
    assert {"L=critics", "L=slammed", "R=over", "R=the"} <= set(f)
    assert not any("wonderful" in k for k in f)  # the target's own words are not read
    assert "R=awful" not in f  # beyond the window
    assert f["b=slammed_<T>"] == 1.0
    assert f["target_first"] == 0.0


def test_features_know_a_target_inside_a_quotation():
    text = "He said “Smith is a fraud” today"
    a = text.index("Smith")
    assert target_features(text, (a, a + 5), 4)["in_quote"] == 1.0
    assert target_features("Smith is a fraud", (0, 5), 4)["in_quote"] == 0.0


def test_linear_model_round_trips_through_json():
    texts, spans, labels = toy_rows()
    model = fit_target_model(texts, spans, labels, window=4, C=1.0, sentence_words=False)
    again = LinearModel.from_json(json.loads(json.dumps(model.to_json())))
    feats = [target_features(t, s, 4) for t, s in zip(texts[:5], spans[:5])]
    assert np.allclose(model.proba(feats), again.proba(feats), atol=1e-3)
    assert np.allclose(model.proba(feats).sum(axis=1), 1.0)


def test_training_learns_what_is_said_about_each_target():
    X, labels = toy_frame()
    scorer = TargetSentiment(window=3, C=1.0, sentence_words=False).fit(X, labels)
    text = "Officials hailed Morgan while critics mocked Baker on Monday"
    new = utts([text, text], "en", target_start=[text.index("Morgan"), text.index("Baker")],
               target_end=[text.index("Morgan") + 6, text.index("Baker") + 5])
    out = scorer.transform(new)
    assert out["sentiment_label"].tolist() == ["positive", "negative"]
    assert out["sentiment"].iloc[0] > 0 > out["sentiment"].iloc[1]
    assert (out["sentiment_method"] == METHOD).all()


def test_the_model_is_read_only_for_rows_that_name_a_target():
    scorer = TargetSentiment().fit()
    scorer.transform(utts(["A quiet day"], "en"))
    assert not hasattr(scorer, "model_")
    scorer.transform(utts(["Critics slammed Smith"], "en", target_start=[16], target_end=[21]))
    assert hasattr(scorer, "model_")


def test_rows_without_a_target_get_the_lexicon():
    texts = ["The talks were a great success", "A deadly attack killed dozens"]
    X = utts(texts + ["Officials praised Smith"], "en", target_start=[None, None, 18], target_end=[None, None, 23])
    out = TargetSentiment().fit().transform(X)
    lexicon = LexiconSentiment("en").fit().transform(utts(texts, "en"))
    assert out["sentiment_method"].tolist() == ["sentiment.lexicon.en.v2"] * 2 + [METHOD]
    assert np.allclose(out["sentiment"].iloc[:2], lexicon["sentiment"])
    assert out["sentiment_label"].iloc[:2].tolist() == lexicon["sentiment_label"].tolist()


def test_contract_and_default_english_scorer():
    check_contract(TargetSentiment())
    X = utts(["Critics slammed Smith", "Critics slammed Smith"], "en", target_start=[16, None],
             target_end=[21, None])
    out = SentimentScorer().fit().transform(X)
    assert out["sentiment_method"].tolist() == [METHOD, "sentiment.lexicon.en.v2"]


def test_groups_keep_stories_and_articles_together():
    assert newsmtsc_group("allsides_12_7_3_Name_0_4") == newsmtsc_group("allsides_99_7_1_Other_2_5")
    assert newsmtsc_group("polusa_v1_5_-1_2_x") != newsmtsc_group("polusa_v1_6_-1_2_x")
    y = np.array(["positive", "negative", "neutral"] * 20, dtype=object)
    groups = np.repeat(np.arange(20), 3)
    for train, test in grouped_folds(y, groups, 4, 0):
        assert not set(groups[train]) & set(groups[test])


def test_train_command_writes_a_model_that_loads(tmp_path):
    texts, spans, labels = toy_rows()
    code = {"negative": 2.0, "neutral": 4.0, "positive": 6.0}
    path = tmp_path / "coded.jsonl"
    with path.open("w") as fh:
        for i, (t, (a, b), lab) in enumerate(zip(texts, spans, labels)):
            rec = {"primary_gid": f"polusa_v1_{i // 3}_-1_0_x", "sentence_normalized": t,
                   "targets": [{"from": a, "to": b, "polarity": code[lab]}]}
            fh.write(json.dumps(rec) + "\n")
    model, report = train_target_sentiment(path, windows=(3,), Cs=(0.5, 1.0), sentence_words=(False,),
                                           holdout=0.25, folds=2, verbose=False)
    assert len(report["cross_validation"]["grid"]) == 2
    assert report["settings"] == report["cross_validation"]["best"]["settings"]
    held = report["held_out"]
    assert held["n"] + 0 < len(labels) and set(held) >= {"model", "lexicon", "vader", "majority"}
    folder = save_target_model(model, report, tmp_path / "m")
    assert set(STANDARD_KEYS) <= set(json.loads((folder / "metadata.json").read_text()))
    loaded = TargetSentiment(model=folder).fit()
    X, labels = toy_frame()
    out = loaded.transform(X)
    assert loaded.settings_ == {"window": 3, "sentence_words": False}
    assert out["sentiment_label"].tolist() == _predicted(model, X, {"window": 3, "sentence_words": False})


def _predicted(model, X, settings):
    from framing.sentiment.target_training import _predict

    return _predict(model, X["content"].tolist(), list(zip(X["target_start"], X["target_end"])), settings)


def test_shipped_model_records_how_it_was_made():
    meta = json.loads((MODEL_DIR / "metadata.json").read_text())
    assert meta["method"] == METHOD and meta["command"].startswith("framing train sentiment-targets")
    assert len(meta["training_sha256"]) == 64
    best = meta["cross_validation"]["best"]
    assert meta["settings"] == best["settings"]
    assert best["mean"] == max(r["mean"] for r in meta["cross_validation"]["grid"])
    held = meta["held_out"]
    # the held-out split is the model's own evidence: it must beat the baselines it was reported beside
    assert held["model"]["macro_f1"] > max(held["lexicon"]["macro_f1"], held["majority"]["macro_f1"])
    weights = json.loads((MODEL_DIR / "weights.json").read_text())
    assert len(weights["features"]) == meta["n_features"] == len(weights["coef"])


@pytest.mark.parametrize("window", [0, 5])
def test_window_zero_reads_no_words(window):
    f = target_features("Critics slammed Smith badly", (16, 21), window)
    assert any(k.startswith("L=") for k in f) == (window > 0)


def test_train_command_line(tmp_path, capsys):
    from framing.cli import main

    texts, spans, labels = toy_rows()
    code = {"negative": 2.0, "neutral": 4.0, "positive": 6.0}
    path = tmp_path / "coded.jsonl"
    path.write_text("".join(json.dumps({"primary_gid": f"polusa_v1_{i // 3}_-1_0_x", "sentence_normalized": t,
                                        "targets": [{"from": a, "to": b, "polarity": code[lab]}]}) + "\n"
                            for i, (t, (a, b), lab) in enumerate(zip(texts, spans, labels))))
    out = tmp_path / "model"
    assert main(["train", "sentiment-targets", str(path), "--out", str(out), "--windows", "3", "--C", "1",
                 "--holdout", "0.25", "--folds", "2"]) == 0
    meta = json.loads((out / "metadata.json").read_text())
    assert (meta["settings"]["window"], meta["settings"]["C"]) == (3, 1.0)
    assert len(meta["cross_validation"]["grid"]) == 2  # with and without the sentence's words
    assert meta["command"] is None or meta["command"].startswith("framing train sentiment-targets")
    assert "wrote" in capsys.readouterr().out
    assert main(["train", "sentiment-targets", str(path), "--out", str(out), "--holdout", "1.5"]) != 0
