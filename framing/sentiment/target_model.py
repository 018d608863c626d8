"""A learned English scorer of sentiment toward a named target (NewsMTSC's layout), shipped as JSON weights.

A row that names a target (``target_start``/``target_end``, character
offsets into ``content``) is turned into named features
(:func:`target_features`):

* the words within ``window`` tokens left and right of the target, each as
  itself and marked with its side (``L=``/``R=``), the three nearest on
  each side also apart (``nL=``/``nR=``);
* the bigrams of that window, the target standing as one token ``<T>``
  (``criticized <T>``, ``<T> praised``);
* the shipped English lexicon's reading of the window (its positive and
  negative sums, the squashed score, its label) and of the whole sentence;
* optionally every word of the sentence (``s=``);
* whether the target opens the sentence and whether it stands inside a
  quotation.

A multinomial logistic regression over them (classes weighted to balance)
gives negative, neutral or positive; the score is P(positive) - P(negative).
The weights are a JSON file read without running code.  The shipped model
(``framing/sentiment/models/target_en``) was trained on the NewsMTSC
training file by ``framing train sentiment-targets``; its ``metadata.json``
records the command, the data hash, the settings chosen by cross-validation
and the held-out figures (:mod:`framing.sentiment.target_training`).

Examples
--------
>>> import pandas as pd
>>> X = pd.DataFrame({"utterance_id": ["a", "b"], "lang": "en",
...                   "content": ["Critics slammed Smith for the scandal", "Smith spoke on Monday"],
...                   "target_start": [16, 0], "target_end": [21, 5]})
>>> out = TargetSentiment().fit().transform(X)
>>> out["sentiment_label"].tolist(), out["sentiment_method"].iloc[0]
(['negative', 'neutral'], 'sentiment.target-lr.en.v1')
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from framing.scorers import UtteranceScorer
from framing.sentiment.engine import squash
from framing.sentiment.lexicon import NO_LABEL, LexiconSentiment, compiled_shipped, label_scores, target_spans

#: The shipped model.
MODEL_DIR = Path(__file__).parent / "models" / "target_en"
#: The ``format`` of a saved target sentiment model (:mod:`framing.model_files`).
MODEL_FORMAT = "framing.target-sentiment-model"
METHOD = "sentiment.target-lr.en.v1"
#: Words, numbers and single punctuation marks (quotes matter: a target inside a quotation).
_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)?|[0-9]+|[^\sa-z0-9]")
_QUOTES = ("“", "”", '"')
#: How many of the window's words on each side are also features of their own (the nearest).
NEAR = 3


def _label(score: float) -> str:
    return "pos" if score >= 0.05 else "neg" if score <= -0.05 else "zero"


def target_features(text: str, span: tuple[int, int], window: int, sentence_words: bool = False,
                    lex=None) -> dict[str, float]:
    """The named features of the target at ``span`` in ``text`` (see the module notes).

    Parameters
    ----------
    text : str
    span : tuple of int
        Character offsets of the target.
    window : int
        Words on each side of the target that are read.
    sentence_words : bool
        Add every word of the sentence (``s=word``).
    lex : CompiledLexicon, optional
        The lexicon read for the polarity features (the shipped English one by default).

    Examples
    --------
    >>> f = target_features("Critics slammed Smith badly", (16, 21), 2)
    >>> sorted(k for k in f if k.startswith(("L=", "R=", "b=")))
    ['L=critics', 'L=slammed', 'R=badly', 'b=<T>_badly', 'b=critics_slammed', 'b=slammed_<T>']
    """
    lex = lex if lex is not None else compiled_shipped("en")
    a, b = span
    left = _TOKEN.findall(text[:a].lower())[-window:] if window > 0 else []
    right = _TOKEN.findall(text[b:].lower())[:window] if window > 0 else []
    f: dict[str, float] = {}

    def add(name: str, value: float = 1.0) -> None:
        f[name] = f.get(name, 0.0) + value

    for side, words in (("L", left), ("R", right)):
        near = words[-NEAR:] if side == "L" else words[:NEAR]
        for w in words:
            add("w=" + w)
            add(f"{side}={w}")
        for w in near:
            add(f"n{side}={w}")
    seq = [*left, "<T>", *right]
    for x, y in zip(seq, seq[1:]):
        add(f"b={x}_{y}")
    pos, neg, _ = lex.polarity(text, (a, b), window)
    score = squash(pos + neg)
    f.update({"lex_pos": pos, "lex_neg": -neg, "lex_score": score, "lex=" + _label(score): 1.0})
    pos, neg, _ = lex.polarity(text)
    whole = squash(pos + neg)
    f.update({"sent_score": whole, "sent=" + _label(whole): 1.0})
    if sentence_words:
        for w in set(_TOKEN.findall(text.lower())):
            f["s=" + w] = 1.0
    f["target_first"] = float(a == 0)
    f["in_quote"] = float(sum(text[:a].count(q) for q in _QUOTES) % 2 == 1)
    return f


class LinearModel:
    """A multinomial logistic regression over named features, as saved in ``weights.json``.

    Examples
    --------
    >>> m = LinearModel(["negative", "positive"], ["w=bad"], [[1.0, -1.0]], [0.0, 0.0])
    >>> m.proba([{"w=bad": 1.0}, {}]).round(2).tolist()
    [[0.88, 0.12], [0.5, 0.5]]
    """

    def __init__(self, classes, features, coef, intercept):
        self.classes = list(classes)
        self.features = list(features)
        self.index = {name: i for i, name in enumerate(self.features)}
        self.coef = np.asarray(coef, dtype=float).reshape(len(self.features), len(self.classes))
        self.intercept = np.asarray(intercept, dtype=float)

    @classmethod
    def fit(cls, rows: list[dict], labels, *, C: float, seed: int = 0, min_count: int = 2) -> "LinearModel":
        """A class-balanced logistic regression over feature dicts; features seen fewer than ``min_count``
        times are left out.  Two classes are stored as two opposite columns, so scoring is the same for any
        number of classes."""
        from collections import Counter

        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        counts = Counter(name for f in rows for name in f)
        rows = [{k: v for k, v in f.items() if counts[k] >= min_count} for f in rows]
        vec = DictVectorizer()
        matrix = vec.fit_transform(rows)
        clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, random_state=seed)
        clf.fit(matrix, np.asarray(labels, dtype=object))
        coef = clf.coef_.T if len(clf.classes_) > 2 else np.hstack([-clf.coef_.T, clf.coef_.T]) / 2
        intercept = clf.intercept_ if len(clf.classes_) > 2 else np.array([-clf.intercept_[0], clf.intercept_[0]]) / 2
        return cls([str(c) for c in clf.classes_], vec.get_feature_names_out().tolist(), coef, intercept)

    def matrix(self, rows: list[dict]):
        """The rows as a sparse matrix over the model's features (unknown features dropped)."""
        import scipy.sparse as sp

        data, cols, ptr = [], [], [0]
        for row in rows:
            for name, value in row.items():
                j = self.index.get(name)
                if j is not None and value:
                    cols.append(j)
                    data.append(value)
            ptr.append(len(cols))
        return sp.csr_matrix((data, cols, ptr), shape=(len(rows), len(self.features)))

    def proba(self, rows: list[dict]) -> np.ndarray:
        """Class probabilities, one row per feature dict, columns in ``classes`` order."""
        z = self.matrix(rows) @ self.coef + self.intercept
        z = np.asarray(z) - np.asarray(z).max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def to_json(self) -> dict:
        return {"classes": self.classes, "features": self.features, "coef": self.coef.round(4).tolist(),
                "intercept": self.intercept.round(4).tolist()}

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        return cls(data["classes"], data["features"], data["coef"], data["intercept"])


def read_linear_model(folder, *, fmt: str, method: str, what: str) -> tuple[LinearModel, dict]:
    """A :class:`LinearModel` saved in ``folder`` (``weights.json``) and its checked metadata."""
    from framing.model_files import read_metadata, read_part

    folder = Path(folder)
    meta = read_metadata(folder, formats=(fmt,), methods=(method,), what=what)
    return LinearModel.from_json(read_part(folder, "weights.json")), meta


@lru_cache(maxsize=4)
def load_target_model(path: str | None = None) -> tuple[LinearModel, dict]:
    """The model in folder ``path`` (the shipped one by default) and its metadata, loaded once per process."""
    return read_linear_model(path or MODEL_DIR, fmt=MODEL_FORMAT, method=METHOD, what="target sentiment model")


class TargetSentiment(UtteranceScorer):
    """English sentiment toward a row's target from a learned model; rows without a target get the lexicon.

    Parameters
    ----------
    model : path, optional
        A model folder written by ``framing train sentiment-targets`` (the
        shipped one by default).  Ignored when ``fit`` is given labels: then
        a new model is trained with the settings below.
    window, C, sentence_words
        Training settings (:func:`framing.sentiment.target_training.fit_target_model`);
        ``None`` takes the shipped model's.  A loaded model reads texts with
        the settings it was trained with.
    fallback : scorer, optional
        Scores rows that name no target (every ``framing analyze`` row);
        default the English lexicon scorer on the whole text
        (:class:`framing.sentiment.LexiconSentiment`).

    Attributes
    ----------
    model_ : LinearModel
        Set by training, or on the first row with a target (the saved model is read then).
    settings_ : dict
        ``window`` and ``sentence_words`` the model reads texts with.
    metadata_ : dict
        The saved model's metadata (a freshly trained one: its settings).

    Examples
    --------
    >>> TargetSentiment().method
    'sentiment.target-lr.en.v1'
    """

    method = METHOD
    method_column = "sentiment_method"

    def __init__(self, model=None, window: int | None = None, C: float | None = None,
                 sentence_words: bool | None = None, fallback=None):
        self.model = model
        self.window = window
        self.C = C
        self.sentence_words = sentence_words
        self.fallback = fallback

    def _settings(self) -> dict:
        from framing.sentiment.target_training import DEFAULT_SETTINGS

        shipped = load_target_model(None)[1].get("settings", {}) if (MODEL_DIR / "metadata.json").exists() \
            else DEFAULT_SETTINGS
        given = {"window": self.window, "C": self.C, "sentence_words": self.sentence_words}
        return {k: shipped.get(k) if v is None else v for k, v in given.items()}

    def fit(self, X=None, y=None):
        """Load the model; with labels ``y`` (and targets in ``X``) train a new one on the rows that name a target."""
        from sklearn.base import clone

        self.fallback_ = clone(self.fallback) if self.fallback is not None else LexiconSentiment("en")
        self.fallback_.fit()
        spans = target_spans(X) if X is not None else None
        if y is not None and spans is not None and any(spans):
            from framing.sentiment.target_training import fit_target_model

            settings = self._settings()
            rows = [i for i, s in enumerate(spans) if s and isinstance(X["content"].iat[i], str)]
            y = np.asarray(y, dtype=object)
            self.model_ = fit_target_model([X["content"].iat[i] for i in rows], [spans[i] for i in rows],
                                           y[rows], **settings)
            self.settings_ = {k: settings[k] for k in ("window", "sentence_words")}
            self.metadata_ = {"settings": settings}
            return self
        # the saved model is read when a row names a target (an analyze run has none: it never loads it)
        for name in ("model_", "metadata_", "settings_"):
            self.__dict__.pop(name, None)
        return self

    def _load(self) -> None:
        path = str(self.model) if self.model is not None else None
        self.model_, self.metadata_ = load_target_model(path)
        saved = self.metadata_.get("settings", {})
        self.settings_ = {"window": int(saved["window"]), "sentence_words": bool(saved["sentence_words"])}

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        """Score every row: the model where a target is named, the fallback elsewhere; the method per row."""
        X = self._validate(X)
        if not hasattr(self, "fallback_"):
            self.fit()
        n = len(X)
        scores, labels = np.full(n, np.nan), np.full(n, NO_LABEL, dtype=object)
        methods = np.full(n, NO_LABEL, dtype=object)
        spans = target_spans(X) or [None] * n
        texts = X["content"].tolist()
        rows = np.array([i for i in range(n) if spans[i] and isinstance(texts[i], str)], dtype=int)
        rest = np.setdiff1d(np.arange(n), rows)
        if len(rows):
            if not hasattr(self, "model_"):
                self._load()
            lex = compiled_shipped("en")
            feats = [target_features(texts[i], spans[i], self.settings_["window"],
                                     self.settings_["sentence_words"], lex) for i in rows]
            proba = self.model_.proba(feats)
            classes = self.model_.classes
            col = {c: proba[:, classes.index(c)] if c in classes else 0.0 for c in ("positive", "negative")}
            scores[rows] = col["positive"] - col["negative"]
            labels[rows] = np.asarray(classes, dtype=object)[proba.argmax(axis=1)]
            methods[rows] = self.method
        if len(rest):
            part = self.fallback_.transform(X.iloc[rest])
            scores[rest] = part["sentiment"].to_numpy(dtype=float)
            labels[rest] = part["sentiment_label"].to_numpy()
            methods[rest] = part["sentiment_method"].to_numpy()
        labels[np.isnan(scores)] = label_scores(scores[np.isnan(scores)], 0.05, -0.05)
        return pd.DataFrame({"utterance_id": X["utterance_id"].to_numpy(), "sentiment": scores,
                             "sentiment_label": labels, "sentiment_method": methods})


__all__ = ["LinearModel", "TargetSentiment", "target_features", "load_target_model", "METHOD", "MODEL_FORMAT",
           "MODEL_DIR"]
