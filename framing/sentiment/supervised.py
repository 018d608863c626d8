"""A sentiment scorer learned from coded examples, and cross-validation for any scorer.

Examples
--------
>>> import pandas as pd
>>> X = pd.DataFrame({"utterance_id": range(6), "lang": "en",
...                   "content": ["great win", "great deal", "awful loss", "awful war",
...                               "the meeting", "the report"]})
>>> y = ["positive", "positive", "negative", "negative", "neutral", "neutral"]
>>> model = SupervisedSentiment(min_df=1).fit(X, y)
>>> model.transform(X.head(1))["sentiment_label"].tolist()
['positive']
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import ClassVar

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline

from framing.errors import InputError
from framing.scorers import NgramLogisticScorer
from framing.sentiment.lexicon import LABELS_ORDER, NO_LABEL
from framing.sentiment.lexicon_files import raise_bad_rows
from framing.text import normalize

VERSION = "v1"
_LABEL_WORDS = {"positive": "positive", "pos": "positive", "+1": "positive", "1": "positive",
                "negative": "negative", "neg": "negative", "-1": "negative",
                "neutral": "neutral", "neu": "neutral", "obj": "neutral", "objective": "neutral",
                "0": "neutral", "none": "neutral"}


def normalize_label(value) -> str | None:
    """Map a coded label to positive / negative / neutral (None when it is not one).

    >>> normalize_label("POS"), normalize_label(" Negative "), normalize_label(-1), normalize_label("maybe")
    ('positive', 'negative', 'negative', None)
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        value = str(int(value)) if float(value).is_integer() else str(value)
    return _LABEL_WORDS.get(str(value).strip().lower())


def _prepare(text) -> str:
    # Arabic folds and lower case let character n-grams generalise across spellings.
    return normalize(text).text.lower() if isinstance(text, str) else ""


def read_coded(path, text_column: str = "text", label_column: str = "label", lang: str | None = None,
               label_map: dict | None = None) -> pd.DataFrame:
    """Read coded examples (a CSV of text and label) as an utterances table with a ``label`` column.

    Labels are mapped with ``label_map`` when given, otherwise read as
    positive/negative/neutral (POS/NEG/NEU, 1/-1/0 also work).  Rows with an
    empty text or an unknown label raise :class:`InputError` naming their
    lines; fix them or drop them and read again.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "coded.csv")
    >>> _ = open(p, "w").write("text,label\\nA fine deal,POS\\nA war,NEG\\n")
    >>> read_coded(p)[["content", "label"]].values.tolist()
    [['A fine deal', 'positive'], ['A war', 'negative']]
    """
    path = Path(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(f"{path}: coded examples file not found") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot parse as CSV ({exc})") from None
    missing = [c for c in (text_column, label_column) if c not in df.columns]
    if missing:
        raise InputError(f"{path}: line 1: no column(s) {missing}; columns are {list(df.columns)} "
                         f"(set text_column= and label_column=)")
    labels, problems = [], []
    for i, (text, raw) in enumerate(zip(df[text_column], df[label_column])):
        label = label_map.get(raw) if label_map is not None else normalize_label(raw)
        if not text.strip():
            problems.append(f"line {i + 2}: empty text")
        elif label is None:
            problems.append(f"line {i + 2}: label {raw!r} is not positive/negative/neutral")
        labels.append(label)
    raise_bad_rows(path, problems)
    return pd.DataFrame({"utterance_id": [f"{path.stem}:{i + 2}" for i in range(len(df))],
                         "content": df[text_column].to_list(), "lang": lang or "",
                         "label": labels})


class SupervisedSentiment(NgramLogisticScorer):
    """Character and word n-gram TF-IDF with logistic regression, trained on coded utterances.

    Parameters
    ----------
    char_ngrams, word_ngrams, C, class_weight, min_df, max_features, seed
        The n-gram and classifier settings of
        :class:`framing.scorers.NgramLogisticScorer` (its defaults are this scorer's).

    Attributes
    ----------
    pipeline_, classes_, n_train_, training_sha256_, cv_
        As in :class:`framing.scorers.NgramLogisticScorer`; ``cv_`` is the
        :func:`cross_validate` result when trained with :meth:`fit_with_cv`.
    cv_scores_ : list of float
        Per-fold macro-F1 of ``cv_`` (empty without it).

    Examples
    --------
    >>> SupervisedSentiment().method
    'sentiment.supervised.tfidf-lr.v1'
    """

    method = f"sentiment.supervised.tfidf-lr.{VERSION}"
    method_column = "sentiment_method"
    classifier_options: ClassVar[dict] = {"max_iter": 2000}
    kind = "sentiment model"

    def _pipeline(self) -> Pipeline:
        return Pipeline([("features", FeatureUnion(self._text_features(_prepare))), ("clf", self._classifier())])

    @property
    def cv_scores_(self) -> list:
        cv = getattr(self, "cv_", None)
        return list(cv["folds"]) if cv else []

    def fit(self, X: pd.DataFrame, y=None):
        """Learn from utterances ``X`` (``content``) and labels ``y`` (or ``X["label"]``)."""
        if not isinstance(X, pd.DataFrame) or "content" not in X.columns:
            raise ValueError("SupervisedSentiment.fit expects a DataFrame with a 'content' column")
        if y is None:
            if "label" not in X.columns:
                raise ValueError("give labels as y= or as a 'label' column")
            y = X["label"]
        y = np.asarray(y, dtype=object)
        if len(y) != len(X):
            raise ValueError(f"{len(X)} texts but {len(y)} labels")
        texts = X["content"].tolist()
        self._fit_pipeline(texts, y, zip(texts, y))
        return self

    def fit_with_cv(self, X: pd.DataFrame, y=None, folds: int = 5, seed: int = 0, verbose: bool = True):
        """Cross-validate (see :func:`cross_validate`), then fit on all of ``X``; keeps the result as ``cv_``."""
        y = X["label"] if y is None else y
        result = cross_validate(self, X, y, folds=folds, seed=seed, verbose=verbose)
        self.fit(X, y)
        self.cv_ = result
        return self

    def _score(self, X: pd.DataFrame) -> pd.DataFrame:
        texts = X["content"].tolist()
        scores, labels = self._signed(self._proba(texts), "positive", "negative")
        missing = np.array([not isinstance(t, str) for t in texts], dtype=bool)
        scores[missing] = np.nan
        labels[missing] = NO_LABEL
        return pd.DataFrame({"sentiment": scores, "sentiment_label": labels})

    @classmethod
    def _load_legacy(cls, path: Path):
        # the earlier format: one pickle of {"metadata": ..., "model": the fitted scorer}
        try:
            with path.open("rb") as fh:
                payload = pickle.load(fh)
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError) as exc:
            raise InputError(f"{path}: not a saved framing sentiment model ({exc})") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("model"), cls):
            raise InputError(f"{path}: not a saved {cls.__name__}")
        old, meta = payload["model"], dict(payload.get("metadata") or {})
        if meta.get("method") != cls.method:
            raise InputError(f"{path}: saved with method {meta.get('method')!r}, this version reads {cls.method!r}")
        folds = meta.pop("cv_macro_f1", None) or list(getattr(old, "__dict__", {}).get("cv_scores_", []))
        meta["cross_validation"] = {"folds": list(folds)} if folds else None
        return cls(**old.get_params()), meta, old.pipeline_


def macro_f1(gold, predicted) -> float:
    """Macro-F1 over the sentiment labels present in ``gold`` (a ``none`` prediction is an error).

    >>> macro_f1(["positive", "negative"], ["positive", "none"])
    0.5
    """
    gold = np.asarray(gold, dtype=object)
    labels = [lab for lab in LABELS_ORDER if (gold == lab).any()]
    return float(f1_score(gold, np.asarray(predicted, dtype=object), labels=labels, average="macro",
                          zero_division=0))


def cross_validate(scorer, X: pd.DataFrame, y, folds: int = 5, seed: int = 0, verbose: bool = True,
                   name: str | None = None) -> dict:
    """Stratified k-fold macro-F1 of any sentiment scorer; prints each fold and the mean.

    The scorer is cloned and fitted on each training part (a lexicon scorer
    learns nothing, so for it this is just scoring each test part) and
    scored on the held-out part.  Rows it labels ``none`` count as errors.

    Returns
    -------
    dict
        ``{"method", "folds": [...], "mean", "std", "n"}`` (macro-F1 over
        the labels among positive, negative, neutral that the gold data has).

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.sentiment import LexiconSentiment
    >>> X = pd.DataFrame({"utterance_id": range(4), "lang": "en",
    ...                   "content": ["a great deal", "a terrible war", "a great win", "a horrible loss"]})
    >>> cross_validate(LexiconSentiment("en"), X, ["positive", "negative"] * 2, folds=2,
    ...                verbose=False)["mean"]
    1.0
    """
    y = np.asarray(y, dtype=object)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    scores = []
    label = name or getattr(scorer, "method", type(scorer).__name__)
    for k, (train, test) in enumerate(splitter.split(np.zeros(len(y)), y), 1):
        model = clone(scorer)
        model.fit(X.iloc[train], y[train])
        pred = model.transform(X.iloc[test])["sentiment_label"].to_numpy()
        f1 = macro_f1(y[test], pred)
        scores.append(f1)
        if verbose:
            print(f"{label}: fold {k}/{folds} macro-F1 = {f1:.4f}")
    result = {"method": label, "folds": [round(s, 4) for s in scores], "mean": round(float(np.mean(scores)), 4),
              "std": round(float(np.std(scores)), 4), "n": int(len(y))}
    if verbose:
        print(f"{label}: mean macro-F1 = {result['mean']:.4f} (sd {result['std']:.4f}, n = {result['n']})")
    return result
