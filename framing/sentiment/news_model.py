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
``framing analyze`` scores Arabic statements with it by default (``--sentiment-method lexicon``: the
word lists); its held-out figures beside the lexicon's are in ``framing/lang/SENTIMENT.md``.

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
from framing.sentiment.engine import ALPHA, squash
from framing.sentiment.lexicon import NO_LABEL, compiled_shipped
from framing.sentiment.target_model import LinearModel, read_linear_model
from framing.text import ARABIC_DIACRITICS, INVISIBLE, TATWEEL, TOKEN_RE, fold, fold_text

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
# Distinct pieces of text whose word columns a scorer keeps (then it starts afresh): bounds the memory
# of a run over a huge corpus.
_PIECES_LIMIT = 300_000
# Characters folding deletes that the lexicon's scan leaves out of its tokens (zero-width marks, some
# Quranic marks): between two letters they make one folded word of what the scan reads as two tokens.
_JOINERS_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(ARABIC_DIACRITICS | INVISIBLE | {TATWEEL})
                                       if not TOKEN_RE.fullmatch(c)) + "]")


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


def piece_words(piece: str) -> tuple[str, ...]:
    """The folded words of a piece of text, as :func:`news_features` finds them in a whole statement.

    Folding maps each character on its own, and no whitespace character folds to a letter or a digit,
    so the words of a statement are those of its whitespace-separated pieces, each folded apart.  The
    same holds for the tokens of the lexicon's scan when no character folding deletes lies outside
    them (:func:`scan_is_whole`): a scorer folds each distinct piece once, not every statement whole.

    >>> piece_words("«والحكومةُ»،"), piece_words("٢٠١٥م")
    (('والحكومه',), ('2015', 'م'))
    """
    return tuple(_WORD.findall(fold_text(piece)))


def scan_is_whole(text: str) -> bool:
    """Whether the tokens of the lexicon's scan of ``text`` hold all its folded words (see :func:`piece_words`).

    Not when a character that folding deletes but the scan does not take into a token (a zero-width
    mark, say) stands between two letters: folded, they are one word.

    >>> scan_is_whole("الحكومة الجديدة"), scan_is_whole("الحكو\u200cمة")
    (True, False)
    """
    return _JOINERS_RE.search(text) is None


class WordColumns(dict):
    """A piece of text (no whitespace) to a code for the model's words it holds, worked out on first sight.

    A statement's words are then one look-up per piece, with no folding (statements share most of
    their pieces), and a batch's codes become its word columns in a few array operations
    (:meth:`columns`).  The code of a piece is the id of the one known word it holds, -1 when it holds
    none, and below -1 when it holds several (a rare piece such as ``2015م``).  A column is listed once
    per distinct folded word of a statement, so two spellings of one key (``الحكومة``, ``والحكومة``)
    list it twice; ``NewsSentiment`` makes that one feature, as training does.

    Parameters
    ----------
    index : dict
        Feature name to column (``LinearModel.index``).

    Examples
    --------
    >>> words = WordColumns({"w=حكومه": 0, "w=قرار": 1})
    >>> pieces = "قرار الحكومة والحكومة قرار جديد".split()
    >>> rows, cols = words.columns([words[p] for p in pieces], [len(pieces)])
    >>> rows.tolist(), sorted(cols.tolist())
    ([0, 0, 0], [0, 0, 1])
    """

    def __init__(self, index: dict):
        super().__init__()
        self.index = index
        self.ids: dict[str, int] = {}  # folded word the model knows to its id
        self.id_columns: list[int] = []  # id to column
        self.several: dict[tuple, int] = {}  # the ids of a piece with several known words to its code

    def __missing__(self, piece: str) -> int:
        if len(self) > _PIECES_LIMIT:
            self.clear()  # the ids stay: codes handed out in this batch still name them
        ids = []
        for w in piece_words(piece):
            i = self.ids.get(w)
            if i is None:
                j = self.index.get("w=" + _strip_proclitic(w))
                if j is None:
                    continue
                i = self.ids[w] = len(self.id_columns)
                self.id_columns.append(j)
            ids.append(i)
        code = self[piece] = -1 if not ids else ids[0] if len(ids) == 1 \
            else self.several.setdefault(tuple(ids), -2 - len(self.several))
        return code

    def columns(self, codes, sizes) -> tuple[np.ndarray, np.ndarray]:
        """Rows and columns of the known words of statements whose pieces have ``codes`` (``sizes`` per statement).

        Each distinct word of a statement once, in order of row then word id.
        """
        codes = np.asarray(codes, dtype=np.int64)
        rows = np.repeat(np.arange(len(sizes)), sizes)
        ids, owners = [codes[codes >= 0]], [rows[codes >= 0]]
        several = {code: list(ids_) for ids_, code in self.several.items()}
        for k in np.flatnonzero(codes < -1):  # rare: expanded one by one
            ids.append(np.array(several[int(codes[k])], dtype=np.int64))
            owners.append(np.full(len(ids[-1]), rows[k]))
        width = max(len(self.id_columns), 1)
        # one number per (statement, word), sorted: the first of each run is a distinct word of a statement
        # (sorted by hand: np.unique may hash, much slower on millions of numbers)
        pairs = np.sort(np.concatenate(owners) * width + np.concatenate(ids))
        pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if len(pairs) else pairs
        return pairs // width, np.asarray(self.id_columns, dtype=np.int64)[pairs % width]


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


def distinct_statements(contents: list, cues: list | None) -> tuple[np.ndarray, np.ndarray]:
    """The first row of each distinct (content, reporting verb) pair, and each row's pair.

    >>> first, inverse = distinct_statements(["a", "b", "a", "a"], ["said", "said", "said", "added"])
    >>> first.tolist(), inverse.tolist()
    ([0, 1, 3], [0, 1, 0, 2])
    """
    seen: dict = {}
    cues = cues if cues is not None else [None] * len(contents)
    # a missing value (NaN) is not equal to itself: every one is read as None
    inverse = [seen.setdefault((c if isinstance(c, str) else None, q if isinstance(q, str) else None), len(seen))
               for c, q in zip(contents, cues)]
    inverse_array = np.asarray(inverse, dtype=np.int64)
    # pairs are numbered in order of first sight: the first row of pair k is where k first appears
    first = np.unique(inverse_array, return_index=True)[1] if len(inverse) else np.zeros(0, dtype=np.int64)
    return first.astype(np.int64), inverse_array


def _squash_all(totals: np.ndarray) -> np.ndarray:
    # engine.squash of each element: the same IEEE operations, so the same floats
    return totals / np.sqrt(totals * totals + ALPHA)


def _read_statements(texts: list[str], words: WordColumns | None):
    """The lexicon's ``polarity`` of each text and, with ``words``, the rows and columns of its words.

    Each text is scanned once for both.  Returns an array of ``(positive, negative, hits)`` rows and
    the word rows and columns (:meth:`WordColumns.columns`; empty without ``words``).
    """
    lex = compiled_shipped("ar")
    sums: list[float] = []
    codes: list[int] = []
    sizes: list[int] = []
    # flat lists: a tuple or a list kept per statement would be 100,000s of objects for the garbage collector
    for t in texts:
        scanned = lex.scan(t)
        sums.extend(lex.polarity(t, scanned=scanned))
        if words is not None:
            pieces = scanned if scan_is_whole(t) else t.split()
            codes.extend(map(words.__getitem__, pieces))
            sizes.append(len(pieces))
    rows, cols = words.columns(codes, sizes) if words is not None else (np.zeros(0, np.int64),) * 2
    return np.array(sums, dtype=float).reshape(len(texts), 3), rows, cols


def _fixed_blocks(sums: np.ndarray, cues: list, index: dict) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(rows, columns, values) of the lexicon and reporting-verb features (see :func:`news_features`).

    ``sums`` holds the lexicon's ``polarity`` of each statement's content.
    """
    n = len(sums)
    pos, neg, hits = sums.T
    cue_pos, cue_neg, cue_cols = _cue_readings(cues, compiled_shipped("ar"), index)
    both = _squash_all(pos + neg + cue_pos + cue_neg)
    every = np.arange(n)
    named = {"lex_pos": pos, "lex_neg": -neg, "lex_score": _squash_all(pos + neg), "lex_none": (hits == 0) * 1.0,
             "cue_pos": cue_pos, "cue_neg": -cue_neg, "both_score": both}
    blocks = [(every, np.full(n, index[name]), values) for name, values in named.items() if name in index]
    label = np.where(both >= 0.05, "pos", np.where(both <= -0.05, "neg", "zero"))  # as _label
    for name in ("pos", "neg", "zero"):
        rows = np.flatnonzero(label == name)
        if "both=" + name in index:
            blocks.append((rows, np.full(len(rows), index["both=" + name]), np.ones(len(rows))))
    rows = np.flatnonzero(cue_cols >= 0)
    blocks.append((rows, cue_cols[rows], np.ones(len(rows))))
    return blocks


def _cue_readings(cues: list, lex, index: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row the lexicon's positive and negative sums of the reporting verb and its column (-1: none).

    A corpus has few distinct reporting verbs: each is read once.
    """
    readings = _CueReadings(lex, index)
    table = np.array(list(map(readings.__getitem__, cues)), dtype=float).reshape(len(cues), 3)
    return table[:, 0], table[:, 1], table[:, 2].astype(np.int64)


class _CueReadings(dict):
    # reporting verb to (positive sum, negative sum, column), read on first sight; no verb reads as nothing
    def __init__(self, lex, index: dict):
        super().__init__()
        self.lex, self.index = lex, index

    def __missing__(self, cue) -> tuple[float, float, int]:
        if not isinstance(cue, str) or not cue:
            return (0.0, 0.0, -1)
        reading = self[cue] = (*self.lex.polarity(cue)[:2], self.index.get("cue=" + cue_key(cue), -1))
        return reading


@lru_cache(maxsize=4)
def load_news_sentiment(path: str | None = None) -> tuple[LinearModel, dict]:
    """The model in folder ``path`` (the shipped one by default) and its metadata, loaded once per process."""
    return read_linear_model(path or MODEL_DIR, fmt=MODEL_FORMAT, method=METHOD, what="news sentiment model")


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
        self.__dict__.pop("_words", None)  # word columns of the model fitted before, if any
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

        The lexicon's readings of the statements become the fixed features as whole columns, each
        distinct reporting verb is read once, and the words come from :class:`WordColumns`; a word key
        spelled two ways in one statement (``الحكومة``, ``والحكومة``) is 1, as :func:`news_features` (the
        training features) gives it.  (Before, it was 2 or more here: scores differed from the trained
        model's on about a fifth of statements, and labels on about 1 in 100.)
        """
        import scipy.sparse as sp

        blocks, words = self._blocks(X, X["content"].tolist())
        rows, cols, data = (np.concatenate(part) for part in zip(*blocks))
        kept = data != 0  # zeros are not stored, as in the feature dicts
        return sp.csr_matrix((data[kept], (rows[kept], cols[kept])), shape=words.shape) + words

    def _blocks(self, X: pd.DataFrame, contents: list):
        """The fixed features as ``(rows, columns, values)`` blocks (each row at most once in a block)
        and the words as a 0/1 sparse matrix (see :meth:`matrix`)."""
        import scipy.sparse as sp

        index, n = self.model_.index, len(X)
        texts = [t if isinstance(t, str) else "" for t in contents]
        cues = X["cue"].tolist() if "cue" in X.columns else [None] * n
        sums, word_rows, word_cols = _read_statements(texts, self._word_columns())
        ptr = np.concatenate([[0], np.cumsum(np.bincount(word_rows, minlength=n))])  # the rows come in order
        words = sp.csr_matrix((np.ones(len(word_cols)), word_cols, ptr), shape=(n, len(index)))
        # a word key is a feature present or not, as in training (news_features): two spellings of one key
        # in a statement ("الحكومة", "والحكومة") are one feature, value 1
        words.sum_duplicates()
        words.data[:] = 1.0
        return _fixed_blocks(sums, cues, index), words

    def _linear(self, X: pd.DataFrame, contents: list) -> np.ndarray:
        """The model's linear scores of the rows (``contents``: their ``content``): ``matrix(X) @ coef +
        intercept``, without making the matrix."""
        coef = self.model_.coef
        blocks, words = self._blocks(X, contents)
        z = np.asarray(words @ coef)
        for rows, cols, values in blocks:  # a block names each row once: no two updates of one row collide
            z[rows] += values[:, None] * coef[cols]
        return z + self.model_.intercept

    def _word_columns(self) -> WordColumns | None:
        # the model's word columns, kept from batch to batch (None: the model reads no words)
        if not self.settings_.get("words", True):
            return None
        words = self.__dict__.get("_words")
        if words is None or words.index is not self.model_.index:
            words = self.__dict__["_words"] = WordColumns(self.model_.index)
        return words

    def __getstate__(self):
        # the word columns seen so far are a cache: a pickled scorer (sent to worker processes) leaves them
        state = super().__getstate__()
        state.pop("_words", None)
        return state

    def _score(self, X: pd.DataFrame) -> pd.DataFrame:
        if not hasattr(self, "model_"):
            self.fit()
        contents = X["content"].tolist()
        # a statement's features are its content and its reporting verb alone: a corpus repeats many
        # (wire copy in several papers, a headline quoted again), and each distinct pair is read once
        first, inverse = distinct_statements(contents, X["cue"].tolist() if "cue" in X.columns else None)
        if len(first) < len(contents):
            unique = X.iloc[first]
            z = self._linear(unique, unique["content"].tolist())[inverse]
        else:
            z = self._linear(X, contents)
        proba = np.exp(z - z.max(axis=1, keepdims=True))
        proba /= proba.sum(axis=1, keepdims=True)
        classes = self.model_.classes
        scores = sum((proba[:, classes.index(c)] * s for c, s in (("positive", 1), ("negative", -1))
                      if c in classes), np.zeros(len(X)))
        labels = np.asarray(classes, dtype=object)[proba.argmax(axis=1)]
        missing = np.array([not isinstance(t, str) for t in contents], dtype=bool)
        scores[missing], labels[missing] = np.nan, NO_LABEL
        return pd.DataFrame({"sentiment": scores, "sentiment_label": labels})


__all__ = ["NewsSentiment", "news_features", "load_news_sentiment", "word_key", "cue_key", "METHOD",
           "MODEL_FORMAT", "MODEL_DIR"]
