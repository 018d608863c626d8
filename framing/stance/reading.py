"""How the news stance scorer reads texts: a batch's texts folded and screened, and one text read for its targets.

:class:`FoldedBatch` folds a batch's statements, paragraphs, headlines and
articles for matching, each distinct text once, and screens them for the
targets' words (a document's context repeats on every statement of it).
:class:`Reading` is one text read: its tokens, the cue rules' totals toward
each target, where each target is named, the cue words around each mention
(:meth:`Reading.near`).  The word-feature keys (:func:`word_key`,
:func:`content_word`), the stance-lexicon classes of a text's cue words
(:func:`cue_classes`) and the sentiment lexicon's clear polarity of a text
(:func:`sentiment_bin`) are here too: the features of
:class:`framing.stance.news_model.NewsStance` are made of them.

Examples
--------
>>> word_key("والحوثيين"), content_word("في")
('حوثيين', '')
>>> sentiment_bin("en", "a terrible, brutal attack")
'neg'
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from framing.stance.lexicon import StanceLexicon
from framing.stance.targets import fold_texts, tokenize_for_matching
from framing.text import fold_text

__all__ = ["Reading", "FoldedBatch", "sentiment_bin", "repeated_texts", "fold_unique", "parts_of_rejected",
           "stands_in", "word_key", "content_word", "cue_classes", "cue_class", "NEAR"]


#: Words either side of a target's mention that describe it ("داعش الإرهابي", "the brutal regime").
NEAR = 3


class Reading:
    """A text read once: its tokens, the rules' totals per target, where each target is named, its cue words."""

    __slots__ = ("tokens", "totals", "mentions", "_cues", "_lex", "full")

    def __init__(self, tokens, totals, mentions, cues, full: bool = True, lex: StanceLexicon | None = None):
        self.tokens, self.totals, self.mentions, self._cues, self.full = tokens, totals, mentions, cues, full
        self._lex = lex

    @property
    def cues(self) -> list[tuple[int, int, str]]:
        """The cue words: ``(start, end, class)``, found (in the stance lexicon given) on first use."""
        if self._cues is None:
            lex = self._lex
            self._cues = [(c.start, c.end, cue_class(c)) for c in lex.find_cues(self.tokens)] \
                if lex is not None else []
        return self._cues

    def near(self, t: int, scope: str, lang: str) -> list[str]:
        """Features of the words around target ``t``'s mentions: their cue classes and sentiment, the words."""
        if not self.full:
            return []
        out = set()
        spans = self.mentions[t]
        if scope == "content" and spans[0][0] < NEAR:
            out.add(f"{scope}:opens")
        if len(spans) > 1:
            out.add(f"{scope}:repeated")
        for a, b in spans:
            lo, hi = max(0, a - NEAR), min(len(self.tokens), b + NEAR)
            out |= {f"{scope}:near={cls}" for s, e, cls in self.cues if s < hi and e > lo}
            words = (*self.tokens[lo:a], *self.tokens[b:hi])
            out |= {f"w={word_key(w)}" for w in words if len(w) > 1}
            polarity = sentiment_bin(lang, " ".join(words))
            if polarity:
                out.add(f"{scope}:near_sent={polarity}")
        return sorted(out)


@lru_cache(maxsize=65536)  # a paragraph's windows and statements recur for each of its candidates
def sentiment_bin(lang: str, text: str) -> str:
    """"pos" or "neg" when the shipped sentiment lexicon of ``lang`` finds ``text`` clearly so, else ""."""
    from framing.sentiment.lexicon import SHIPPED, compiled_shipped

    if lang not in SHIPPED or not text:
        return ""  # a language without a shipped lexicon
    score = compiled_shipped(lang).score(text)
    return "pos" if score >= 0.25 else "neg" if score <= -0.25 else ""


class FoldedBatch:
    """A batch's texts folded for matching (:func:`framing.stance.targets.fold_texts`), each distinct one once.

    A statement or paragraph that stands in a text without a first word's
    core (a paragraph in its article, a statement in its paragraph or article)
    has none either (:func:`stands_in`), and the target screen rejects it:
    ``quiet`` says so per statement.  One in such an article is not folded
    (None in ``contents`` and ``paras``); :meth:`content` folds a statement's
    text when it is needed after all.  (The screen's second look, for a whole
    token, does not carry over to a piece: a piece may cut a word short.)
    """

    def __init__(self, X: pd.DataFrame, matcher, *, context: bool = True):
        n = len(X)
        self.matcher = matcher
        self._passes: dict[str, bool] = {}
        self._cores: dict[str, bool] = {}
        self.raw = X["content"].tolist()
        paras, heads, articles = (
            (repeated_texts(X[col]) if col != "paragraph_text" else X[col].fillna("").tolist())
            if context and col in X.columns else [""] * n for col in ("paragraph_text", "headline", "article_text"))
        self.articles = fold_unique(articles)
        self.paras = fold_unique(paras, skip=self._inside_rejected(paras, articles, self.articles))
        # a statement of an article that names a target is most often read for the article's sake,
        # its text wanted: it is folded, though its paragraph be rejected (then it is not screened)
        self.contents = fold_unique(self.raw, skip=self._inside_rejected(self.raw, articles, self.articles))
        self.quiet = [c is None or p for c, p in zip(self.contents,
                                                     self._inside_rejected(self.raw, paras, self.paras))]
        self.heads = fold_unique(heads)
        self.cues = fold_texts(X["cue"].fillna("").tolist()) if "cue" in X.columns else [""] * n

    def passes(self, text: str) -> bool:
        """The target screen's answer for a folded text (asked once per text)."""
        found = self._passes.get(text)
        if found is None:
            # an article or paragraph screened for a core already (_inside_rejected) is not searched again
            found = self._passes[text] = self.matcher.may_mention(text, core=self._cores.get(text))
        return found

    def holds_core(self, text: str) -> bool:
        """Whether a folded text holds a first word's core (asked once per text)."""
        found = self._cores.get(text)
        if found is None:
            found = self._cores[text] = self.matcher.holds_core(text)
        return found

    def content(self, i: int) -> str:
        """The folded statement of row ``i``."""
        if self.contents[i] is None:
            self.contents[i] = fold_texts([self.raw[i]])[0]
        return self.contents[i]

    def _inside_rejected(self, parts: list, wholes: list, folded: list) -> list[bool]:
        # the screen looks for words without dots; joining "U.S." takes dots out (stands_in)
        if not self.matcher.screen_dotless:
            return [False] * len(parts)
        distinct = {w: f for w, f in zip(wholes, folded) if w and f is not None}  # None: not folded, skipped
        rejected = {w for w, f in distinct.items() if not self.holds_core(f)}
        return parts_of_rejected(parts, wholes, rejected)


def repeated_texts(column: pd.Series) -> list:
    """A column's values as a list, missing ones ``""``, each distinct value converted once.

    For a document's headline and article, repeated on each of its
    utterances: a list of them makes a Python string of every row's copy,
    which costs more than looking them up.

    >>> repeated_texts(pd.Series(["long text", None, "long text"], dtype="string"))
    ['long text', '', 'long text']
    >>> repeated_texts(pd.Series(["long text", None], dtype=object))
    ['long text', '']
    """
    if column.dtype == object:
        # the texts themselves, each document's once (framing.measures.context_column): a list of them
        # copies nothing, and hashing them to find the distinct ones would cost more than it saves
        return [v if isinstance(v, str) else "" for v in column.tolist()]
    codes, distinct = pd.factorize(column)  # a missing value is -1: the "" put last
    values = [*distinct.tolist(), ""]
    return [values[c] for c in codes]


def fold_unique(values: list, skip: list[bool] | None = None) -> list[str | None]:
    """Folded texts, each distinct text folded once (a document's context repeats on all its utterances).

    A value whose ``skip`` is true is not folded: None in its place.

    >>> fold_unique(["U.S.", "أكّد", "U.S."], skip=[False, True, False])
    ['US', None, 'US']
    """
    skip = skip or [False] * len(values)
    distinct = list(dict.fromkeys(v for v, quiet in zip(values, skip) if not quiet))
    folded = dict(zip(distinct, fold_texts(distinct)))
    return [None if quiet else folded[v] for v, quiet in zip(values, skip)]


def parts_of_rejected(parts: list, wholes: list, rejected: set) -> list[bool]:
    """Per row, whether its part (a statement, a paragraph) stands in its whole (the article), one the
    target screen rejected: then the screen rejects the part too (:func:`stands_in`), unfolded.

    >>> parts_of_rejected(["a b", "b", "x"], ["a b c", "a b c", "x y"], {"a b c"})
    [True, True, False]
    """
    return [isinstance(part, str) and whole in rejected and stands_in(part, whole)
            for part, whole in zip(parts, wholes)]


def stands_in(part: str, whole: str) -> bool:
    """Whether ``part`` occurs in ``whole`` at its start or after a character that folds to a non-word one.

    Folded (:func:`framing.stance.targets.fold_texts`), such a part is then a
    piece of the folded whole but for dots: folding maps characters one by one
    and collapses whitespace, and joining a dotted abbreviation ("U.S." to
    "US") starts at a word's start, as the part's is, and may only run on past
    its end in the whole.  So it holds no word without dots (as the target
    screen looks for) that the folded whole does not.

    >>> stands_in("said no", "He said no."), stands_in("no", "He said «no»."), stands_in("aid", "He said")
    (True, True, False)
    """
    at = whole.find(part)
    return at == 0 or (at > 0 and breaks_words(whole[at - 1]))


@lru_cache(maxsize=4096)
def breaks_words(char: str) -> bool:
    """Whether ``char`` folds to a character that is not part of a word (a space, a quote, a comma)."""
    folded = fold_text(char, strip=False)
    return len(folded) == 1 and not (folded.isalnum() or folded == "_")


@lru_cache(maxsize=200_000)
def content_word(token: str) -> str:
    """The feature of a statement's word (``c=`` and its :func:`word_key`); ``""`` for one of two letters or fewer.

    >>> content_word("والحوثيين"), content_word("في")
    ('c=حوثيين', '')
    """
    return f"c={word_key(token)}" if len(token) > 2 else ""


@lru_cache(maxsize=200_000)
def word_key(token: str) -> str:
    """A word without its article (ال), and a conjunction (و، ف) before it, lower-cased: a word feature's name.

    Only these are taken off, and a conjunction only before the article: a longer list of clitics
    (ب، ل، س ...) would also eat the first letter of words that begin with it (سوريا، وزير).

    >>> word_key("والحوثيين"), word_key("سوريا"), word_key("وزير"), word_key("Sanctions")
    ('حوثيين', 'سوريا', 'وزير', 'sanctions')
    """
    word = token.lower()
    if len(word) > 5 and word[0] in "وف" and word[1:3] == "ال":
        word = word[1:]
    if len(word) > 4 and word.startswith("ال"):
        word = word[2:]
    return word


@lru_cache(maxsize=65536)  # reporting cues repeat ("قال", "أكد"): each is read once
def cue_classes(lex: StanceLexicon | None, text: str) -> tuple:
    """The stance-lexicon classes of the cue words in ``text`` (folded)."""
    if lex is None or not text:
        return ()
    return tuple(sorted({cue_class(c) for c in lex.find_cues(tokenize_for_matching(text, normalized=True))}))


def cue_class(cue) -> str:
    """A cue's class in the stance lexicon; a negated cue ("لم يدن", "did not condemn") is its own class."""
    return cue.entry.cls + ("-not" if cue.negated else "")
