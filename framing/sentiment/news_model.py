"""A learned Arabic scorer of news statements: the lexicon's reading, the reporting verb and the words, weighed.

The lexicon scorer adds word scores and labels a statement neutral only
when the sum is near 0, but in news most statements carry some
evaluative word, and what coders call the statement's polarity depends on
what the speaker does with it (condemned, welcomed, explained).
:class:`NewsSentiment` turns each utterance into named features
(:func:`news_features`):

* the shipped Arabic lexicon's reading of the content (its positive and
  negative sums, the squashed score, whether any word matched), of the
  reporting verb (``cue``) apart, and of both together (the lexicon
  default's score and label);
* the reporting verb itself, folded, without its conjunction (و، ف);
* the content's words, folded, without the article and common proclitics.

A multinomial logistic regression over them (classes weighted to balance),
trained on the project's coded news events
(``corpora/annotations/attribution_ar``; :mod:`framing.sentiment.news_training`),
gives negative, neutral or positive; the score is P(positive) - P(negative).
The weights are a JSON file read without running code (``framing/sentiment/models/news_ar``).

Examples
--------
>>> import pandas as pd
>>> X = pd.DataFrame({"utterance_id": ["a"], "lang": ["ar"], "cue": ["وأدان"],
...                   "content": ["الهجوم الإرهابي على المدنيين"]})
>>> out = NewsSentiment().fit().transform(X)
>>> out["sentiment_label"].tolist(), out["sentiment_method"].tolist()
(['negative'], ['sentiment.news-lr.ar.v1'])
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from framing.scorers import UtteranceScorer
from framing.sentiment.engine import squash
from framing.sentiment.lexicon import NO_LABEL, compiled_shipped
from framing.sentiment.target_model import LinearModel
from framing.text import fold

#: The shipped model.
MODEL_DIR = Path(__file__).parent / "models" / "news_ar"
#: The ``format`` of a saved news sentiment model (:mod:`framing.model_files`).
MODEL_FORMAT = "framing.news-sentiment-model"
METHOD = "sentiment.news-lr.ar.v1"
_WORD = re.compile(r"[\u0621-\u064A]+|[0-9\u0660-\u0669]+")
# Proclitics taken off a word feature, longest first (the article with its prepositions and conjunctions):
# with about 1,500 coded statements, والحكومة and الحكومة must be one feature.
_PROCLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
_MIN_STEM = 3


def _label(score: float) -> str:
    return "pos" if score >= 0.05 else "neg" if score <= -0.05 else "zero"


def word_key(word: str) -> str:
    """A folded word without its proclitics (at least three letters are kept).

    >>> word_key("والحكومة"), word_key("وقال"), word_key("بلد")
    ('حكومه', 'قال', 'بلد')
    """
    return _strip_proclitic(fold(word))


@lru_cache(maxsize=200_000)
def _strip_proclitic(w: str) -> str:
    # cached: a corpus repeats its words, and this runs once per word of every statement
    for p in _PROCLITICS:
        if w.startswith(p) and len(w) - len(p) >= _MIN_STEM:
            return w[len(p):]
    return w


def cue_key(cue) -> str:
    """The reporting verb's first word, folded, without a leading و or ف.

    >>> cue_key("وأدان"), cue_key("فأكد أن"), cue_key(None)
    ('ادان', 'اكد', '')
    """
    words = fold(cue).split() if isinstance(cue, str) else []
    w = words[0] if words else ""
    return w[1:] if w[:1] in ("و", "ف") and len(w) > 3 else w


def news_features(content: str, cue=None, lex=None, words: bool = True, cues: dict | None = None) -> dict[str, float]:
    """The named features of one statement (see the module notes).

    ``cues``, a dict kept across calls, holds each reporting verb's reading once it is made.

    Examples
    --------
    >>> f = news_features("الهجوم الإرهابي", "وأدان")
    >>> f["cue=ادان"], f["both=neg"], f["w=هجوم"], f["lex_neg"] > 0
    (1.0, 1.0, 1.0, True)
    """
    lex = lex if lex is not None else compiled_shipped("ar")
    content = content if isinstance(content, str) else ""
    pos, neg, hits = lex.polarity(content)
    f = {"lex_pos": pos, "lex_neg": -neg, "lex_score": squash(pos + neg), "lex_none": float(hits == 0)}
    cp, cn = 0.0, 0.0
    if isinstance(cue, str) and cue:
        # a corpus has few distinct reporting verbs: ``cues`` keeps each one's reading
        known = cues.get(cue) if cues is not None else None
        if known is None:
            known = (*lex.polarity(cue)[:2], "cue=" + cue_key(cue))
            if cues is not None:
                cues[cue] = known
        cp, cn, name = known
        f[name] = 1.0
    f.update({"cue_pos": cp, "cue_neg": -cn})
    both = squash(pos + neg + cp + cn)
    f.update({"both_score": both, "both=" + _label(both): 1.0})
    if words:
        for w in set(_WORD.findall(fold(content))):
            f["w=" + _strip_proclitic(w)] = 1.0
    return f


@lru_cache(maxsize=4)
def load_news_sentiment(path: str | None = None) -> tuple[LinearModel, dict]:
    """The model in folder ``path`` (the shipped one by default) and its metadata, loaded once per process."""
    from framing.model_files import read_metadata, read_part

    folder = Path(path) if path else MODEL_DIR
    meta = read_metadata(folder, formats=(MODEL_FORMAT,), methods=(METHOD,), what="news sentiment model")
    return LinearModel.from_json(read_part(folder, "weights.json")), meta


class NewsSentiment(UtteranceScorer):
    """Arabic news statements' sentiment from a model learned on coded news events.

    Parameters
    ----------
    model : path, optional
        A model folder written by ``framing train sentiment-news`` (the
        shipped one by default).  Ignored when ``fit`` is given labels: then
        a new model is trained on the rows with the settings below.
    C : float, optional
        Inverse regularization when training (``None``: the shipped model's).
    words : bool, optional
        Whether the content's words are features (``None``: the shipped model's).

    Attributes
    ----------
    model_ : LinearModel
    settings_ : dict
    metadata_ : dict

    Examples
    --------
    >>> NewsSentiment().method
    'sentiment.news-lr.ar.v1'
    """

    method = METHOD
    method_column = "sentiment_method"
    def __init__(self, model=None, C: float | None = None, words: bool | None = None):
        self.model = model
        self.C = C
        self.words = words

    def _settings(self) -> dict:
        from framing.sentiment.news_training import DEFAULT_SETTINGS

        shipped = load_news_sentiment(None)[1].get("settings", {}) if (MODEL_DIR / "metadata.json").exists() \
            else DEFAULT_SETTINGS
        return {k: shipped.get(k, DEFAULT_SETTINGS[k]) if v is None else v
                for k, v in (("C", self.C), ("words", self.words))}

    def fit(self, X=None, y=None):
        """Load the model; with labels ``y`` train a new one on ``X`` instead."""
        if X is not None:
            self._validate(X)
        self.__dict__.pop("_word_cols", None)  # columns of the model fitted before, if any
        if y is not None and X is not None:
            from framing.sentiment.news_training import fit_news_sentiment

            settings = self._settings()
            self.model_ = fit_news_sentiment(X, y, **settings)
            self.settings_, self.metadata_ = settings, {"settings": settings}
            return self
        self.model_, self.metadata_ = load_news_sentiment(str(self.model) if self.model is not None else None)
        self.settings_ = dict(self.metadata_.get("settings", {}))
        return self

    def matrix(self, X: pd.DataFrame):
        """The rows' :func:`news_features` as a sparse matrix over the model's features, built directly.

        The same values as ``model_.matrix`` of the feature dicts, without making them: each distinct
        word and reporting verb is looked up once, which keeps a large corpus fast.
        """
        import scipy.sparse as sp

        index, lex = self.model_.index, compiled_shipped("ar")
        words = bool(self.settings_.get("words", True))
        word_cols = self.__dict__.setdefault("_word_cols", {})
        cue_cache: dict = {}
        fixed = {name: index.get(name) for name in ("lex_pos", "lex_neg", "lex_score", "lex_none", "cue_pos",
                                                    "cue_neg", "both_score", "both=pos", "both=neg", "both=zero")}
        data, cols, ptr = [], [], [0]

        def put(name, value):
            j = fixed[name]
            if j is not None and value:
                cols.append(j)
                data.append(value)

        cues = X["cue"].tolist() if "cue" in X.columns else [None] * len(X)
        for content, cue in zip(X["content"].tolist(), cues):
            content = content if isinstance(content, str) else ""
            pos, neg, hits = lex.polarity(content)
            put("lex_pos", pos), put("lex_neg", -neg), put("lex_score", squash(pos + neg)), put("lex_none", hits == 0)
            cp = cn = 0.0
            if isinstance(cue, str) and cue:
                known = cue_cache.get(cue)
                if known is None:
                    known = cue_cache[cue] = (*lex.polarity(cue)[:2], index.get("cue=" + cue_key(cue)))
                cp, cn, j = known
                if j is not None:
                    cols.append(j)
                    data.append(1.0)
            put("cue_pos", cp), put("cue_neg", -cn)
            both = squash(pos + neg + cp + cn)
            put("both_score", both), put("both=" + _label(both), 1.0)
            if words:
                for w in set(_WORD.findall(fold(content))):
                    j = word_cols.get(w, -1)
                    if j == -1:
                        j = word_cols[w] = index.get("w=" + _strip_proclitic(w))
                    if j is not None:
                        cols.append(j)
                        data.append(1.0)
            ptr.append(len(cols))
        return sp.csr_matrix((np.asarray(data, dtype=float), cols, ptr), shape=(len(ptr) - 1, len(index)))

    def _score(self, X: pd.DataFrame) -> pd.DataFrame:
        if not hasattr(self, "model_"):
            self.fit()
        z = np.asarray(self.matrix(X) @ self.model_.coef + self.model_.intercept)
        proba = np.exp(z - z.max(axis=1, keepdims=True))
        proba /= proba.sum(axis=1, keepdims=True)
        classes = self.model_.classes
        scores = sum((proba[:, classes.index(c)] * s for c, s in (("positive", 1), ("negative", -1))
                      if c in classes), np.zeros(len(X)))
        labels = np.asarray(classes, dtype=object)[proba.argmax(axis=1)]
        missing = np.array([not isinstance(t, str) for t in X["content"].tolist()], dtype=bool)
        scores[missing], labels[missing] = np.nan, NO_LABEL
        return pd.DataFrame({"sentiment": scores, "sentiment_label": labels})


__all__ = ["NewsSentiment", "news_features", "load_news_sentiment", "word_key", "cue_key", "METHOD",
           "MODEL_FORMAT", "MODEL_DIR"]
