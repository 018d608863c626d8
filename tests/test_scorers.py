"""The scorer contract: the collector paused while scoring; the n-gram base: the training hash, settings through
JSON, and load errors."""

from __future__ import annotations

import gc
import json

import pandas as pd
import pytest

from framing.errors import InputError
from framing.scorers import NgramLogisticScorer, UtteranceScorer, rows_sha256
from framing.sentiment import SupervisedSentiment

X = pd.DataFrame({"utterance_id": range(4), "lang": "en", "content": ["good day", "fine day", "bad day", "awful day"]})
Y = ["positive", "positive", "negative", "negative"]


def test_rows_sha256_depends_on_content_and_order():
    rows = [("a", "positive"), ("b", "negative")]
    assert rows_sha256(rows) == rows_sha256(list(rows)) != rows_sha256(rows[::-1])
    assert len(rows_sha256([])) == 64


def test_settings_survive_json():
    model = SupervisedSentiment(char_ngrams=(3, 4), word_ngrams=None, min_df=1, max_features=None)
    params = json.loads(json.dumps(model._params_to_json()))
    assert SupervisedSentiment(**SupervisedSentiment._params_from_json(params)).get_params() == model.get_params()


def test_version_comes_from_the_method():
    assert SupervisedSentiment().version == "v2"
    assert issubclass(SupervisedSentiment, NgramLogisticScorer)


def test_load_names_what_is_wrong(tmp_path):
    folder = SupervisedSentiment(min_df=1).fit(X, Y).save(tmp_path / "m")
    (folder / "metadata.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="metadata.json: not valid JSON"):
        SupervisedSentiment.load(folder)
    (folder / "metadata.json").write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(InputError, match="not a framing sentiment model"):
        SupervisedSentiment.load(folder)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no metadata.json"):
        SupervisedSentiment.load(tmp_path / "empty")
    again = SupervisedSentiment(min_df=1).fit(X, Y).save(tmp_path / "n")
    (again / "estimator.joblib").write_bytes(b"junk")
    with pytest.raises(InputError, match="estimator.joblib: not readable"):
        SupervisedSentiment.load(again)


def test_a_model_from_another_scikit_learn_warns(tmp_path):
    folder = SupervisedSentiment(min_df=1).fit(X, Y).save(tmp_path / "m")
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    meta["sklearn_version"] = "0.0"
    (folder / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.warns(UserWarning, match="trained with scikit-learn 0.0"):
        SupervisedSentiment.load(folder)


def test_the_collector_is_paused_while_scoring_and_restored_after():
    seen = []

    class Probe(UtteranceScorer):
        method = "probe.v1"

        def _score(self, X):
            seen.append(gc.isenabled())
            if X["content"].iloc[0] == "fail":
                raise RuntimeError("scorer failed")
            return pd.DataFrame({"n": [1] * len(X)}, index=X.index)

    X = pd.DataFrame({"utterance_id": ["u1"], "content": ["ok"], "lang": ["en"]})
    assert gc.isenabled()
    Probe().fit(X).transform(X)
    with pytest.raises(RuntimeError):
        Probe().transform(X.assign(content="fail"))
    assert seen == [False, False] and gc.isenabled()  # paused inside, back on after, even after an error
    gc.disable()
    try:
        Probe().transform(X)
        assert not gc.isenabled()  # a caller who turned it off keeps it off
    finally:
        gc.enable()
