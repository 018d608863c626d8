"""The contract every per-utterance scorer follows, and the base of the n-gram classifiers.

Scorers are scikit-learn estimators: settings go in ``__init__`` (stored
unchanged under the same names), learning happens in ``fit``, learned state
ends in an underscore, and ``transform`` returns a tidy table keyed by
``utterance_id``.  Each scorer names its method with a version
(``sentiment.lexicon.ar.v2``) so a number in a paper stays traceable after
the method improves.  :class:`NgramLogisticScorer` is the TF-IDF and
logistic-regression base of the supervised sentiment and stance scorers, with
their one save format.

Examples
--------
>>> import pandas as pd
>>> class Length(UtteranceScorer):
...     method = "length.chars.v1"
...     def _score(self, X):
...         return pd.DataFrame({"length": X["content"].str.len()})
>>> X = pd.DataFrame({"utterance_id": ["u1"], "content": ["hello"], "lang": ["en"]})
>>> Length().fit(X).transform(X)
  utterance_id  length    length_method
0           u1       5  length.chars.v1
"""

from __future__ import annotations

import gc
import hashlib
import inspect
import json
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from framing.errors import InputError
from framing.model_files import command_line, read_metadata, read_part, save_model

#: Columns every scorer may read from the utterances table.
REQUIRED_COLUMNS = ("utterance_id", "content", "lang")


class UtteranceScorer(TransformerMixin, BaseEstimator):
    """Base class: validates input, keys output by ``utterance_id``, stamps the method.

    Subclasses set ``method`` (a versioned name) and implement ``_score``,
    which receives the validated utterances and returns a DataFrame with the
    same index.  Override ``fit`` when the scorer learns.
    """

    method: str = "base.v0"
    #: name of the column that records the method, set per scorer family
    method_column: str | None = None

    def fit(self, X: pd.DataFrame, y=None):
        """Nothing to learn by default; returns ``self``."""
        self._validate(X)
        self.is_fitted_ = True
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        """Score every utterance; one output row per input row, in input order."""
        X = self._validate(X)
        with collector_paused():
            scores = self._score(X)
        out = pd.concat([X[["utterance_id"]].reset_index(drop=True),
                         scores.reset_index(drop=True)], axis=1)
        col = self.method_column or f"{self.method.split('.')[0]}_method"
        out[col] = self.method
        return out

    def _score(self, X: pd.DataFrame) -> pd.DataFrame:  # pragma: no cover - abstract
        raise NotImplementedError

    def _validate(self, X) -> pd.DataFrame:
        if not isinstance(X, pd.DataFrame):
            raise TypeError(f"{type(self).__name__} expects a pandas DataFrame of utterances, "
                            f"got {type(X).__name__}")
        missing = [c for c in REQUIRED_COLUMNS if c not in X.columns]
        if missing:
            raise ValueError(f"{type(self).__name__}: the utterances table lacks column(s) {missing}; "
                             f"it needs {list(REQUIRED_COLUMNS)}")
        return X


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector for the block, then restore it as it was.

    Scoring a batch makes many small objects that live to its end (each
    distinct text read once and kept, the features of every candidate) and
    no reference cycles to speak of.  With the collector on, every full
    collection the growing batch sets off walks all of them again: on a
    whole corpus that was a fifth of the stance stage
    (``benchmarks/bench_analyze.py``).  Reference counting still frees what
    each step drops; a cycle made in the block is collected after it.

    Examples
    --------
    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


# --- TF-IDF n-grams and logistic regression ----------------------------------------------------------------

#: What a saved n-gram model says it is (``metadata.json`` of the model folder).
MODEL_FORMAT = "framing.tfidf-lr-model"
_FILES = {"metadata": "metadata.json", "estimator": "estimator.joblib"}


def rows_sha256(rows) -> str:
    """SHA-256 of training rows (tuples of text, label, ...) written one JSON array a line.

    >>> rows_sha256([("a fine deal", "positive")])[:12]
    'e43ce9f5f9c7'
    """
    h = hashlib.sha256()
    for row in rows:
        h.update(json.dumps(list(row), ensure_ascii=False, default=str).encode("utf-8") + b"\n")
    return h.hexdigest()


class NgramLogisticScorer(UtteranceScorer):
    """TF-IDF character and word n-grams with logistic regression: the supervised scorers' base.

    Subclasses assemble their pipeline from :meth:`_text_features` and
    :meth:`_classifier` and fit it with :meth:`_fit_pipeline`.  :meth:`save`
    writes a folder that :meth:`load` reads: ``metadata.json`` (method,
    version, training-data hash, cross-validation, settings) and
    ``estimator.joblib`` (the fitted pipeline; loading it runs code from it,
    so load only folders you trust).

    Parameters
    ----------
    char_ngrams : tuple of int
        Character n-gram range, within word boundaries (``char_wb``).
    word_ngrams : tuple of int or None
        Word n-gram range; ``None`` leaves word features out.
    C : float
        Inverse regularisation strength of the logistic regression.
    class_weight : str or None
        ``"balanced"`` weighs classes inversely to their frequency, which
        favours macro-F1 when one class is rare.
    min_df : int
        Ignore n-grams seen in fewer training texts.
    max_features : int or None
        Keep at most this many n-grams per feature kind.
    seed : int
        Seed for the solver.

    Attributes
    ----------
    pipeline_ : sklearn.pipeline.Pipeline
        The fitted features and classifier.
    classes_ : ndarray
        Labels the model knows.
    n_train_ : int
        Number of training rows.
    training_sha256_ : str
        :func:`rows_sha256` of the training rows.
    cv_ : dict or None
        Cross-validation result set by whoever trained the model (saved with it).
    metadata_ : dict
        The saved metadata, on a loaded model.
    """

    #: keyword arguments of the logistic regression beyond the settings
    classifier_options: ClassVar[dict] = {}
    #: name used in messages ("sentiment model")
    kind: str = "n-gram model"
    #: earlier method names whose saved models this class still reads (they keep their name when loaded)
    readable_methods: ClassVar[tuple] = ()

    def __init__(self, char_ngrams=(2, 5), word_ngrams=(1, 2), C: float = 1.0,
                 class_weight: str | None = "balanced", min_df: int = 2,
                 max_features: int | None = 300_000, seed: int = 0):
        self.char_ngrams = char_ngrams
        self.word_ngrams = word_ngrams
        self.C = C
        self.class_weight = class_weight
        self.min_df = min_df
        self.max_features = max_features
        self.seed = seed

    def _text_features(self, preprocessor) -> list[tuple[str, TfidfVectorizer]]:
        """The character (within word boundaries) and, unless ``word_ngrams`` is None, word vectorizers."""
        text = {"min_df": self.min_df, "max_features": self.max_features, "sublinear_tf": True,
                "preprocessor": preprocessor}
        parts = [("char", TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.char_ngrams), **text))]
        if self.word_ngrams is not None:
            parts.append(("word", TfidfVectorizer(analyzer="word", ngram_range=tuple(self.word_ngrams),
                                                  token_pattern=r"(?u)\b\w+\b", **text)))
        return parts

    def _classifier(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, class_weight=self.class_weight, random_state=self.seed,
                                  **self.classifier_options)

    @property
    def version(self) -> str:
        """The method's version (``v1`` of ``stance.tfidf-lr.v1``)."""
        return self.method.rsplit(".", 1)[-1]

    def _pipeline(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def _fit_pipeline(self, features, labels, rows) -> None:
        """Fit a fresh pipeline on ``features`` and ``labels``; ``rows`` are hashed as the training data."""
        self.pipeline_ = self._pipeline().fit(features, labels)
        self.classes_ = self.pipeline_.classes_
        self.n_train_ = len(labels)
        self.training_sha256_ = rows_sha256(rows)
        self.cv_ = None

    def _check_trained(self) -> None:
        if not hasattr(self, "pipeline_"):
            raise ValueError(f"{type(self).__name__} is not trained: call fit() on coded rows first (or load())")

    def _proba(self, features) -> np.ndarray:
        self._check_trained()
        return self.pipeline_.predict_proba(features)

    def _signed(self, proba: np.ndarray, plus: str, minus: str) -> tuple[np.ndarray, np.ndarray]:
        """Scores P(plus) - P(minus) (a class not seen counts 0) and the most probable labels."""
        classes = list(self.classes_)
        score = 0.0
        if plus in classes:
            score = score + proba[:, classes.index(plus)]
        if minus in classes:
            score = score - proba[:, classes.index(minus)]
        labels = np.asarray(self.classes_, dtype=object)[proba.argmax(axis=1)]
        return np.asarray(score, dtype=float) * np.ones(len(proba)), labels

    # --- the one save format --------------------------------------------------------------------------

    def _params_to_json(self) -> dict:
        return self.get_params()

    @classmethod
    def _params_from_json(cls, params: dict) -> dict:
        defaults = {k: p.default for k, p in inspect.signature(cls.__init__).parameters.items()}
        return {k: tuple(v) if isinstance(v, list) and isinstance(defaults.get(k), tuple) else v
                for k, v in params.items()}

    def _extra_metadata(self) -> dict:
        """Fitted state beyond the pipeline, saved in the metadata (subclasses add theirs)."""
        return {}

    def _restore(self, metadata: dict) -> None:
        """Set the fitted state kept in ``metadata`` back on a loaded model."""

    def metadata(self) -> dict:
        """What a saved model says about itself (JSON-ready)."""
        import sklearn

        from framing import __version__ as framing_version
        return {"format": MODEL_FORMAT, "format_version": 1, "method": self.method, "version": self.version,
                "framing_version": framing_version, "sklearn_version": sklearn.__version__,
                "params": self._params_to_json(), "classes": [str(c) for c in getattr(self, "classes_", [])],
                "n_train": getattr(self, "n_train_", 0),
                "command": getattr(self, "command_", None) or command_line() or None,
                "training_sha256": getattr(self, "training_sha256_", None),
                "cross_validation": getattr(self, "cv_", None), **self._extra_metadata()}

    def save(self, path, command: str | None = None) -> Path:
        """Write the fitted model to the folder ``path`` (``metadata.json``, ``estimator.joblib``); returns it.

        The format is :mod:`framing.model_files`'s.  ``command`` records how
        the model was trained; by default the ``framing ...`` command line
        this process runs (none when called from Python).
        """
        if not hasattr(self, "pipeline_"):
            raise ValueError("nothing to save: fit the model first")
        if command is not None:
            self.command_ = command
        return save_model(path, self.metadata(), joblib_parts={_FILES["estimator"]: self.pipeline_})

    @classmethod
    def load(cls, path):
        """Read a model folder written by :meth:`save`, or a file in the scorer's earlier format.

        Warns when the model was trained with another scikit-learn version.
        Loading runs code from the estimator file: load only models you trust.
        """
        path = Path(path)
        if not path.exists():
            raise InputError(f"{path}: model not found")
        if not path.is_dir():
            model, meta, pipeline = cls._load_legacy(path)
        else:
            model, meta, pipeline = cls._load_folder(path)
        _check_sklearn(path, meta)
        model.pipeline_ = pipeline
        model.classes_ = pipeline.classes_
        model.n_train_ = meta.get("n_train", 0)
        model.training_sha256_ = meta.get("training_sha256")
        model.cv_ = meta.get("cross_validation")
        model.metadata_ = meta
        if meta.get("method") in cls.readable_methods:
            model.method = meta["method"]  # an earlier method's model labels its output with its own name
        model._restore(meta)
        return model

    @classmethod
    def _load_folder(cls, folder: Path):
        meta = read_metadata(folder, formats=(MODEL_FORMAT,), methods=(cls.method, *cls.readable_methods),
                             what=cls.kind)
        pipeline = read_part(folder, _FILES["estimator"])
        return cls(**cls._params_from_json(meta.get("params", {}))), meta, pipeline

    @classmethod
    def _load_legacy(cls, path: Path):  # pragma: no cover - overridden where an earlier format exists
        raise InputError(f"{path}: not a saved {cls.kind} (expected a model folder)")


def _check_sklearn(path: Path, meta: dict) -> None:
    import sklearn

    if meta.get("sklearn_version") != sklearn.__version__:
        warnings.warn(f"{path}: trained with scikit-learn {meta.get('sklearn_version')}, running "
                      f"{sklearn.__version__}; predictions may differ", stacklevel=3)

