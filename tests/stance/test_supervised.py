"""The supervised stance scorer on the shared n-gram base: its pipeline, its saved formats, coded JSONL."""

from __future__ import annotations

import json

import joblib
import numpy as np
import pandas as pd
import pytest
import sklearn
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from framing.errors import InputError
from framing.scorers import MODEL_FORMAT
from framing.stance.supervised import (SupervisedStance, normalize_stance_label, prepare_text, read_coded_stance,
                                      stance_f1)
from framing.stance.targets import Target

# written for these tests: two targets, three stances, four rows each
ROWS = pd.DataFrame({
    "text": ["we support the treaty", "the treaty is a fine step", "a treaty worth signing", "yes to the treaty",
             "we oppose the treaty", "the treaty is a mistake", "a treaty to tear up", "no to the treaty",
             "the treaty text was posted", "the treaty has ten articles", "a treaty session on friday",
             "the treaty was translated",
             "نؤيد الميناء الجديد", "الميناء خطوة ممتازة", "الميناء مشروع ناجح", "نعم للميناء",
             "نرفض الميناء الجديد", "الميناء خطأ كبير", "الميناء مشروع فاشل", "لا للميناء",
             "افتتح الميناء صباحا", "الميناء في الشمال", "زار الوزير الميناء", "صور من الميناء"],
    "target": ["treaty"] * 12 + ["الميناء"] * 12,
    "stance": (["favor"] * 4 + ["against"] * 4 + ["none"] * 4) * 2,
})
TARGETS = [Target("treaty", {"en": ["treaty"]})]


@pytest.fixture(scope="module")
def model():
    return SupervisedStance(targets=TARGETS, min_df=1).fit(ROWS)


def utterances(texts):
    return pd.DataFrame({"utterance_id": [f"u{i}" for i in range(len(texts))], "content": texts, "lang": "en"})


def _reference_fit(rows, C, interactions):
    # the features and classifier written out in scikit-learn and SciPy terms, apart from the package's classes
    text = {"min_df": 1, "max_features": 300_000, "sublinear_tf": True, "preprocessor": prepare_text}
    vectorizers = [TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), **text),
                   TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b", **text)]
    for v in vectorizers:
        v.fit(rows["text"])
    targets = sorted(set(rows["target"]))

    def features(frame):
        shared = sp.hstack([v.transform(frame["text"]) for v in vectorizers]).tocsr()
        onehot = sp.csr_matrix(np.array([[float(t == u) for u in targets] for t in frame["target"]]))
        own = [sp.diags(onehot[:, k].toarray().ravel()) @ shared for k in range(len(targets))] if interactions else []
        return sp.hstack([shared, onehot, *own]).tocsr()

    labels = rows["stance"].replace("none", "neutral").to_numpy(dtype=object)
    clf = LogisticRegression(C=C, class_weight="balanced", solver="newton-cg", max_iter=1000, random_state=0)
    clf.fit(features(rows), labels)
    return lambda frame: clf.predict_proba(features(frame))


PROBE = pd.DataFrame({"text": ["we support it", "نرفض", "posted on friday"], "target": ["treaty", "الميناء", "treaty"]})


def test_the_pipeline_is_the_one_measured(model):
    # v2: the n-grams shared, the target's indicator, the n-grams again for the row's own target
    reference = _reference_fit(ROWS, C=1.0, interactions=True)
    np.testing.assert_allclose(model.predict_proba(PROBE), reference(PROBE), rtol=1e-6, atol=1e-9)
    assert model.get_params()["C"] == 1.0 and model.method == "stance.tfidf-lr.v2"


def test_without_interactions_the_pipeline_is_v1s_and_so_named(tmp_path):
    v1 = SupervisedStance(targets=TARGETS, min_df=1, C=3.0, target_interactions=False).fit(ROWS)
    reference = _reference_fit(ROWS, C=3.0, interactions=False)
    np.testing.assert_allclose(v1.predict_proba(PROBE), reference(PROBE), rtol=1e-6, atol=1e-9)
    assert v1.method == "stance.tfidf-lr.v1" and SupervisedStance().method == "stance.tfidf-lr.v2"
    assert set(v1.transform(utterances(["we oppose the treaty"]))["stance_method"]) == {"stance.tfidf-lr.v1"}
    back = SupervisedStance.load(v1.save(tmp_path / "v1"))
    assert back.method == "stance.tfidf-lr.v1" and back.get_params()["target_interactions"] is False


def test_a_word_can_mean_one_side_toward_one_target_and_the_other_toward_another():
    # "ban" is favor toward a smoking ban and against a festival, "lift" the reverse; each target has both
    # sides equally often, so neither its indicator nor a shared word can tell the two apart
    ban, lift = ["ban it now", "a ban please", "we want a ban"], ["lift it now", "a lift please", "we want a lift"]
    rows = pd.DataFrame({"text": ban + lift + ban + lift, "target": ["smoking"] * 6 + ["festival"] * 6,
                         "stance": ["favor"] * 3 + ["against"] * 3 + ["against"] * 3 + ["favor"] * 3})
    probe = pd.DataFrame({"text": ["a ban", "a ban"], "target": ["smoking", "festival"]})
    v2 = SupervisedStance(min_df=1).fit(rows)
    assert v2.predict(probe).tolist() == ["favor", "against"]
    v1 = SupervisedStance(min_df=1, target_interactions=False).fit(rows)
    p = v1.predict_proba(probe)
    assert abs(p[0] - p[1]).max() < 0.25  # shared words: the two targets read almost alike


def test_an_unseen_target_gets_the_shared_features(model):
    p = model.predict_proba(pd.DataFrame({"text": ["we oppose it", "we support it"], "target": ["canal", "canal"]}))
    assert np.isfinite(p).all() and p[0, list(model.classes_).index("against")] > p[1, list(model.classes_).index("against")]


def test_save_writes_one_folder_with_json_metadata(model, tmp_path):
    model.cv_ = {"f_avg": 0.5, "folds": 3}
    folder = model.save(tmp_path / "stance")
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    assert meta["format"] == MODEL_FORMAT and meta["method"] == "stance.tfidf-lr.v2" and meta["version"] == "v2"
    assert meta["targets"] == ["treaty", "الميناء"] and meta["cross_validation"] == {"f_avg": 0.5, "folds": 3}
    assert meta["n_train"] == 24 and meta["training_sha256"] == model.training_sha256_
    back = SupervisedStance.load(folder)
    X = utterances(["we oppose the treaty", "الميناء ناجح"])
    pd.testing.assert_frame_equal(back.transform(X), model.transform(X))
    assert back.get_params()["targets"][0].aliases == {"en": ("treaty",)}
    assert back.get_params()["char_ngrams"] == (2, 5) and back.cv_ == model.cv_


def test_a_model_saved_in_the_old_joblib_format_still_loads(model, tmp_path):
    # the single joblib file written before the shared n-gram format, built by hand
    params = model.get_params()
    params["targets"] = [(t.name, dict(t.aliases), dict(t.exclude)) for t in params["targets"]]
    meta = {"format": "framing.stance_model", "format_version": 1, "method": "stance.tfidf-lr.v1",
            "framing_version": "0.1.0", "sklearn_version": sklearn.__version__, "params": params,
            "targets": model.targets_, "classes": [str(c) for c in model.classes_], "n_train": 24,
            "cross_validation": {"f_avg": 0.9}}
    path = tmp_path / "stance.joblib"
    joblib.dump({"metadata": meta, "pipeline": model.pipeline_}, path)
    back = SupervisedStance.load(path)
    X = utterances(["we oppose the treaty", "الميناء ناجح", "nothing here"])
    pd.testing.assert_frame_equal(back.transform(X).drop(columns="stance_method"),
                                  model.transform(X).drop(columns="stance_method"))
    assert back.targets_ == ["treaty", "الميناء"] and back.cv_ == {"f_avg": 0.9} and back.n_train_ == 24
    assert back.method == "stance.tfidf-lr.v1"  # its output is labelled with the method that made it
    joblib.dump({"metadata": {"format": "something else"}}, tmp_path / "other.joblib")
    with pytest.raises(InputError, match="other.joblib: not a framing stance model"):
        SupervisedStance.load(tmp_path / "other.joblib")


def test_a_sentiment_model_is_not_read_as_a_stance_model(tmp_path):
    from framing.sentiment import SupervisedSentiment

    X = pd.DataFrame({"utterance_id": range(4), "lang": "en", "content": ["good", "fine", "bad", "awful"]})
    folder = SupervisedSentiment(min_df=1).fit(X, ["positive", "positive", "negative", "negative"]).save(tmp_path / "s")
    with pytest.raises(InputError, match="saved with method 'sentiment.supervised.tfidf-lr.v2'"):
        SupervisedStance.load(folder)


def test_coded_jsonl_errors_name_the_file_and_line(tmp_path):
    path = tmp_path / "coded.jsonl"
    path.write_text('{"text": "yes", "target": "t", "stance": "favor"}\n{"text": "no", "target": "t", '
                    '"stance": 7}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"coded.jsonl: 1 bad row\(s\): line 2: stance '7'"):
        read_coded_stance(path)
    path.write_text('{"text": "yes", "target": "t", "stance": "favor"}\n[1]\n', encoding="utf-8")
    with pytest.raises(InputError, match="coded.jsonl: line 2: expected a JSON object"):
        read_coded_stance(path)


def test_transform_scores_each_trained_target_and_gates_those_with_aliases(model):
    out = model.transform(utterances(["we oppose the treaty", "we oppose the port", "نؤيد الميناء"]))
    assert list(out.columns) == ["utterance_id", "stance_treaty", "stance_treaty_label", "stance_الميناء",
                                 "stance_الميناء_label", "stance_method"]
    assert out["stance_treaty_label"].tolist()[:2] == ["against", "none"]  # the second does not name the treaty
    assert out["stance_treaty"].iloc[0] < 0 and np.isnan(out["stance_treaty"].iloc[1])
    # الميناء has no alias definition here, so every utterance is scored for it
    assert (out["stance_الميناء_label"] != "none").all() and out["stance_الميناء"].iloc[2] > 0
    assert model.columns() == list(out.columns[1:-1]) and set(out["stance_method"]) == {"stance.tfidf-lr.v2"}


def test_an_untrained_model_says_so():
    for call in (lambda m: m.transform(utterances(["x"])),
                 lambda m: m.predict(pd.DataFrame({"text": ["x"], "target": ["t"]}))):
        with pytest.raises(ValueError, match="SupervisedStance is not trained"):
            call(SupervisedStance())


def test_labels_are_read_in_any_case_and_none_means_neutral():
    assert [normalize_stance_label(v) for v in ("Favour", " AGAINST ", "None", "neither", "maybe", 1)] == \
        ["favor", "against", "neutral", "neutral", None, None]
    with pytest.raises(ValueError, match="1 stance label"):
        SupervisedStance().fit(pd.DataFrame({"text": ["a"], "target": ["t"], "stance": ["maybe"]}))


def test_coded_csv_keeps_none_as_a_label_and_lists_every_bad_line(tmp_path):
    path = tmp_path / "coded.tsv"
    path.write_text("Tweet\tTopic\tClass\nyes\tport\tFAVOR\nmeh\tport\tNone\n", encoding="utf-8")
    assert read_coded_stance(path).values.tolist() == [["yes", "port", "favor"], ["meh", "port", "neutral"]]
    bad = tmp_path / "bad.csv"
    bad.write_text("text,target,stance\n,port,favor\nok,,against\nok,port,perhaps\nok,port,against\n",
                   encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv: 3 bad row\(s\): line 2: empty text; line 3: empty target; "
                                         r"line 4: stance 'perhaps'"):
        read_coded_stance(bad)


def test_stance_f1_averages_favor_and_against():
    scores = stance_f1(["favor", "against", "neutral", "neutral"], ["favor", "neutral", "neutral", "neutral"])
    assert scores["f1_favor"] == 1.0 and scores["f1_against"] == 0.0 and scores["f_avg"] == 0.5
    assert scores["f1_neutral"] == pytest.approx(0.8) and scores["macro_f1"] == pytest.approx(0.6)


def test_a_v1_model_folder_loads_with_v1s_features_and_name(tmp_path):
    v1 = SupervisedStance(targets=TARGETS, min_df=1, C=3.0, target_interactions=False).fit(ROWS)
    folder = v1.save(tmp_path / "v1")
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    meta["method"], meta["version"] = "stance.tfidf-lr.v1", "v1"
    del meta["params"]["target_interactions"]  # v1 had no such setting
    (folder / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    back = SupervisedStance.load(folder)
    assert back.get_params()["target_interactions"] is False and back.method == "stance.tfidf-lr.v1"
    np.testing.assert_array_equal(back.predict_proba(PROBE), v1.predict_proba(PROBE))
