"""The supervised sentiment scorer: learning, cross-validation, coded data, and its saved formats.

The sentences are written for these tests; none comes from a data set.
"""

from __future__ import annotations

import json
import pickle

import numpy as np
import pandas as pd
import pytest
from sentiment_support import check_contract, utts

from framing.errors import InputError
from framing.scorers import MODEL_FORMAT
from framing.sentiment import SupervisedSentiment, cross_validate, read_coded
from framing.sentiment.supervised import LexiconFeatures

TRAIN_TEXTS = (["a wonderful success today", "great wonderful result", "wonderful great news indeed",
                "a great success for all", "success and great joy", "wonderful joy and success"]
               + ["a terrible disaster today", "awful terrible failure", "terrible awful news indeed",
                  "an awful disaster for all", "disaster and awful grief", "terrible grief and failure"]
               + ["the committee meets on monday", "the report was published", "the minister travels on monday",
                  "the committee published the schedule", "the meeting schedule was published",
                  "the report lists the members"])
TRAIN_LABELS = ["positive"] * 6 + ["negative"] * 6 + ["neutral"] * 6
#: Scores of "wonderful success", "awful disaster", "the schedule was published" by the model trained on
#: TRAIN_TEXTS, recorded from the scorer before it moved onto the shared n-gram base.
RECORDED_SCORES = [0.645557429551, -0.581510314139, -0.008942827471]




def trained():
    return SupervisedSentiment(min_df=1).fit(utts(TRAIN_TEXTS, "en"), TRAIN_LABELS)


def test_scorer_contract():
    check_contract(trained(), fit=False)


def test_supervised_learns_a_separable_set():
    model = trained()
    test = ["wonderful success", "awful disaster", "the schedule was published on monday"]
    out = model.transform(utts(test, "en"))
    assert out["sentiment_label"].tolist() == ["positive", "negative", "neutral"]
    assert out["sentiment"].iloc[0] > 0 > out["sentiment"].iloc[1]
    assert model.n_train_ == 18 and set(model.classes_) == {"positive", "negative", "neutral"}


def test_supervised_save_load_round_trip(tmp_path):
    model = trained()
    model.cv_ = {"folds": [0.5, 0.6], "mean": 0.55}
    folder = model.save(tmp_path / "model")
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    assert meta["format"] == MODEL_FORMAT and meta["method"] == "sentiment.supervised.tfidf-lr.v2"
    assert meta["version"] == "v2" and meta["n_train"] == 18 and len(meta["training_sha256"]) == 64
    assert meta["lexicon_lang"] == "en" and meta["params"]["lexicon_features"] is True
    again = SupervisedSentiment.load(folder)
    X = utts(["wonderful joy", "terrible failure", "the members met"], "en")
    pd.testing.assert_frame_equal(model.transform(X), again.transform(X))
    assert again.metadata()["n_train"] == 18 and again.cv_scores_ == [0.5, 0.6]
    assert again.get_params() == model.get_params() and again.training_sha256_ == model.training_sha256_


def test_the_training_hash_names_the_data():
    a, b = trained(), trained()
    assert a.training_sha256_ == b.training_sha256_
    other = SupervisedSentiment(min_df=1).fit(utts(TRAIN_TEXTS, "en"), TRAIN_LABELS[::-1])
    assert other.training_sha256_ != a.training_sha256_


def _old_pickle(path, model, cv_scores=()):
    # the single-pickle format written before the shared n-gram format, built by hand:
    # {"metadata": ..., "model": the scorer with exactly its attributes of then}
    old = object.__new__(SupervisedSentiment)
    old.__dict__.update({**model.get_params(), "pipeline_": model.pipeline_, "classes_": model.classes_,
                         "n_train_": model.n_train_, "cv_scores_": list(cv_scores)})
    import sklearn
    meta = {"method": "sentiment.supervised.tfidf-lr.v1", "framing_version": "0.1.0",
            "sklearn_version": sklearn.__version__, "params": model.get_params(), "n_train": model.n_train_,
            "classes": list(model.classes_), "cv_macro_f1": list(cv_scores)}
    with open(path, "wb") as fh:
        pickle.dump({"metadata": meta, "model": old}, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def test_a_model_saved_in_the_old_pickle_format_still_loads(tmp_path):
    # the pickle format held v1 models only: n-grams, no lexicon features
    model = SupervisedSentiment(min_df=1, lexicon_features=False).fit(utts(TRAIN_TEXTS, "en"), TRAIN_LABELS)
    back = SupervisedSentiment.load(_old_pickle(tmp_path / "sentiment.pkl", model, [0.5, 0.75]))
    X = utts(["wonderful joy", "terrible failure", "the members met"], "en")
    scores = ["utterance_id", "sentiment", "sentiment_label"]
    pd.testing.assert_frame_equal(model.transform(X)[scores], back.transform(X)[scores])
    assert set(back.transform(X)["sentiment_method"]) == {"sentiment.supervised.tfidf-lr.v1"}
    assert back.cv_scores_ == [0.5, 0.75] and back.n_train_ == 18 and back.get_params() == model.get_params()
    # and it saves again in the one format, under its own method
    again = SupervisedSentiment.load(back.save(tmp_path / "resaved"))
    pd.testing.assert_frame_equal(back.transform(X), again.transform(X))


def test_supervised_load_rejects_other_files(tmp_path):
    path = tmp_path / "junk.pkl"
    path.write_bytes(b"not a pickle")
    with pytest.raises(InputError, match="junk.pkl"):
        SupervisedSentiment.load(path)
    with pytest.raises(InputError, match="not found"):
        SupervisedSentiment.load(tmp_path / "absent")
    with pytest.raises(ValueError, match="fit the model"):
        SupervisedSentiment().save(tmp_path / "unfitted")
    with pytest.raises(ValueError, match="not trained"):
        SupervisedSentiment().transform(utts(["x"], "en"))


def test_the_pipeline_is_the_one_measured():
    # the settings behind the published numbers: changing any changes the method's results
    model = trained()
    char, word = (dict(model.pipeline_.named_steps["features"].transformer_list)[k].get_params()
                  for k in ("char", "word"))
    assert (char["analyzer"], char["ngram_range"], char["sublinear_tf"]) == ("char_wb", (2, 5), True)
    assert (word["analyzer"], word["ngram_range"], word["token_pattern"]) == ("word", (1, 2), r"(?u)\b\w+\b")
    parts = dict(model.pipeline_.named_steps["features"].transformer_list)
    assert set(parts) == {"char", "word", "lexicon"} and parts["lexicon"].lang == "en"
    clf = model.pipeline_.named_steps["clf"].get_params()
    assert (clf["C"], clf["class_weight"], clf["max_iter"], clf["solver"], clf["random_state"]) == \
        (1.0, "balanced", 2000, "lbfgs", 0)


def test_predictions_are_those_of_the_earlier_code():
    # recorded from the scorer before it moved onto the shared n-gram base (v1: no lexicon features)
    v1 = SupervisedSentiment(min_df=1, lexicon_features=False).fit(utts(TRAIN_TEXTS, "en"), TRAIN_LABELS)
    assert v1.lexicon_lang_ is None
    out = v1.transform(utts(["wonderful success", "awful disaster", "the schedule was published"], "en"))
    assert out["sentiment_label"].tolist() == ["positive", "negative", "neutral"]
    assert out["sentiment"].tolist() == pytest.approx(RECORDED_SCORES, abs=1e-9)


def test_cross_validate_reports_each_fold(capsys):
    X = utts(TRAIN_TEXTS, "en")
    result = cross_validate(SupervisedSentiment(min_df=1), X, TRAIN_LABELS, folds=3, seed=1)
    printed = capsys.readouterr().out
    assert len(result["folds"]) == 3 and "fold 3/3" in printed and "mean macro-F1" in printed
    assert result["mean"] == pytest.approx(np.mean(result["folds"]), abs=1e-3)
    assert result["mean"] > 0.5  # separable data: far above the 1/3 of a guess


def test_fit_with_cv_keeps_the_fold_scores():
    model = SupervisedSentiment(min_df=1).fit_with_cv(utts(TRAIN_TEXTS, "en"), TRAIN_LABELS, folds=3,
                                                      verbose=False)
    assert len(model.cv_scores_) == 3 and model.cv_["folds"] == model.cv_scores_ and model.n_train_ == 18


def test_read_coded_names_bad_lines(tmp_path):
    path = tmp_path / "coded.csv"
    path.write_text("body,code\nA calm day,POS\n,NEG\nA storm,maybe\nA war,NEG\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_coded(path, text_column="body", label_column="code")
    assert "line 3: empty text" in str(err.value) and "line 4: label 'maybe'" in str(err.value)
    assert "line 2" not in str(err.value) and "line 5" not in str(err.value)
    with pytest.raises(InputError, match="no column"):
        read_coded(path)


def test_read_coded_with_a_label_map(tmp_path):
    path = tmp_path / "coded.csv"
    path.write_text("text,label\nA calm day,good\nA war,bad\n", encoding="utf-8")
    df = read_coded(path, label_map={"good": "positive", "bad": "negative"})
    assert df["label"].tolist() == ["positive", "negative"]


def test_lexicon_features_read_negation_and_carry_words_the_training_data_lacks():
    feats = LexiconFeatures("ar").transform(["نجاح", "لم يكن نجاحا", "اجتمع الوزراء"]).toarray()
    assert feats[0, 0] > 0 and feats[0, 3] == 1          # positive sum, labelled positive
    assert feats[1, 1] > 0 and feats[1, 4] == 1          # negated: a negative sum, labelled negative
    assert feats[2].tolist() == [0, 0, 0, 0, 0, 1]       # no sentiment word
    # "catastrophe" and "superb" are in no training text: only the lexicon knows them
    X = utts(["a catastrophe", "a superb day"], "en")
    with_lex = trained().transform(X)["sentiment"].to_numpy()
    without = SupervisedSentiment(min_df=1, lexicon_features=False).fit(
        utts(TRAIN_TEXTS, "en"), TRAIN_LABELS).transform(X)["sentiment"].to_numpy()
    assert with_lex[0] < without[0] and with_lex[1] > without[1]


def test_a_v1_model_folder_still_loads_under_its_own_name(tmp_path):
    v1 = SupervisedSentiment(min_df=1, lexicon_features=False).fit(utts(TRAIN_TEXTS, "en"), TRAIN_LABELS)
    folder = v1.save(tmp_path / "v1")
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    meta["method"], meta["version"] = "sentiment.supervised.tfidf-lr.v1", "v1"
    del meta["params"]["lexicon_features"], meta["lexicon_lang"]
    (folder / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    back = SupervisedSentiment.load(folder)
    X = utts(["wonderful success", "awful disaster"], "en")
    out = back.transform(X)
    assert set(out["sentiment_method"]) == {"sentiment.supervised.tfidf-lr.v1"}
    assert back.lexicon_features is False and back.lexicon_lang_ is None
    assert out["sentiment"].tolist() == pytest.approx(v1.transform(X)["sentiment"].tolist())
    meta["method"] = "sentiment.supervised.tfidf-lr.v0"
    (folder / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(InputError, match="this version reads"):
        SupervisedSentiment.load(folder)


def test_rows_with_a_target_are_read_around_it_and_older_models_read_whole_texts(tmp_path):
    # the target's sentiment sits next to it; the sentence's other half says the opposite
    texts = [f"{a} {t} {verb} . Elsewhere people {other} the {noun}"
             for a, t, verb, other, noun in [("Voters", "Smith", "excels", "hate", "weather"),
                                             ("Critics", "Smith", "fails", "love", "film"),
                                             ("Voters", "Jones", "excels", "hate", "rain"),
                                             ("Critics", "Jones", "fails", "love", "song")] * 3]
    X = utts(texts, "en")
    X["target_start"] = [len(t.split()[0]) + 1 for t in texts]
    X["target_end"] = X["target_start"] + 5
    y = ["positive", "negative", "positive", "negative"] * 3
    model = SupervisedSentiment(min_df=1, lexicon_features=False, target_window=1).fit(X, y)
    assert model._texts(X.head(1)) == ["Voters TARGETX excels"]
    assert model.transform(X.head(2))["sentiment_label"].tolist() == ["positive", "negative"]
    assert model._texts(X.drop(columns=["target_start", "target_end"]).head(1)) == texts[:1]
    folder = model.save(tmp_path / "m")
    assert SupervisedSentiment.load(folder).target_window == 1
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    del meta["params"]["target_window"]
    (folder / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    assert SupervisedSentiment.load(folder).target_window is None
