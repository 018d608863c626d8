"""A document prepared for attribution: paragraphs, sentences, tokens and quotations.

Everything keeps offsets into the original document text.  The extractors
in :mod:`framing.attribution.arabic` and :mod:`framing.attribution.english`
read these structures; they never re-tokenize.

Examples
--------
>>> doc = prepare("عنوان\\n\\nوقال المتحدث «نحن هنا». وانتهى.")
>>> [s.text for s in doc.sentences]
['عنوان', 'وقال المتحدث «نحن هنا».', 'وانتهى.']
>>> doc.sentences[1].tokens[1].text
'المتحدث'
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from typing import NamedTuple

from framing.text import TOKEN_RE, detect_language, fold, paragraph_spans, sentence_spans

#: Characters that open and close quotations; a straight " closes itself.
OPENING = {"«": "»", "“": "”", '"': '"', "„": "“", "‹": "›"}
CLOSING = frozenset("»”\"“›")
#: Punctuation that ends a noun phrase when it stands between two tokens.
BOUNDARY_RE = re.compile(r"[،,:;.!?؟()\[\]{}\-–—\"«»“”„‹›/|]")


class Token(NamedTuple):
    """A word token: offsets into the document, its text, and its folded lower-cased form."""

    start: int
    end: int
    text: str
    norm: str  # folded and lower-cased

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Token({self.text!r}@{self.start})"


# The token pattern with a group, so that ``split`` returns gaps and words alternately.
_SPLIT_RE = re.compile("(" + TOKEN_RE.pattern + ")")
_NORMS: dict[str, str] = {}
_NORMS_MAX = 1 << 18


def norm_words(words: list[str]) -> list[str]:
    """Folded, lower-cased forms of ``words``, through a bounded cache.

    The forms a news corpus repeats are few; looking them up in one dict is
    several times cheaper than folding and lower-casing each token.
    """
    out = list(map(_NORMS.get, words))
    if None in out:
        if len(_NORMS) >= _NORMS_MAX:
            _NORMS.clear()
        for w in set(words).difference(_NORMS):
            _NORMS[w] = fold(w).lower()
        out = list(map(_NORMS.__getitem__, words))
    return out


@dataclass(slots=True)
class Sentence:
    """One sentence (or one window of an over-long one) of a prepared document.

    Its parts, folded words and tokens are built on first use and kept until
    :meth:`release`; a caller that visits each sentence once releases it
    after use, so a long document never holds the tokens of all its sentences.
    """

    doc: "PreparedDocument"
    paragraph: int
    index: int  # index of the sentence within its paragraph
    start: int
    end: int
    lang: str
    #: For a window of an over-long sentence: the part whose events are its own (the rest is context).
    keep: tuple[int, int] | None = None
    _parts: list[str] | None = None
    _norms: list[str] | None = None
    _tokens: list[Token] | None = None

    @property
    def text(self) -> str:
        return self.doc.text[self.start:self.end]

    @property
    def parts(self) -> list[str]:
        """The sentence split into gap, word, gap, ..., word, gap (gaps may be empty)."""
        if self._parts is None:
            self._parts = _SPLIT_RE.split(self.doc.text[self.start:self.end])
        return self._parts

    @property
    def norms(self) -> list[str]:
        """The folded, lower-cased words, without building tokens (enough to screen for cues)."""
        if self._norms is None:
            self._norms = norm_words(self.parts[1::2])
        return self._norms

    @property
    def tokens(self) -> list[Token]:
        """Word tokens with folded forms, built on first use (most sentences never need them)."""
        if self._tokens is None:
            parts = self.parts
            # offsets from the lengths of the pieces: no match object per token
            offsets = list(accumulate(map(len, parts), initial=self.start))
            # tuple.__new__ mapped over the columns builds the tokens without a Python call each
            fields = zip(offsets[1::2], offsets[2::2], parts[1::2], self.norms)
            self._tokens = list(map(tuple.__new__, repeat(Token), fields))
        return self._tokens

    def release(self) -> None:
        """Drop the parts, folded words and tokens (they are rebuilt if needed again)."""
        self._parts = self._norms = self._tokens = None

    def gap(self, i: int) -> str:
        """The characters between token ``i - 1`` and token ``i`` (or the sentence edges)."""
        return self.parts[2 * i]

    def boundary_before(self, i: int) -> bool:
        """Whether punctuation separates token ``i`` from the token before it."""
        return i == 0 or bool(BOUNDARY_RE.search(self.parts[2 * i]))


@dataclass
class PreparedDocument:
    """A segmented document.

    ``quotes`` are in text order and never overlap (:func:`quote_spans` keeps
    only outermost quotations), so the look-ups below bisect them instead of
    scanning: a long document has tens of thousands of quotations.
    ``windowed`` counts the over-long sentences that were cut into windows
    (see :func:`prepare`).
    """

    text: str
    lang: str
    paragraphs: list[tuple[int, int]]
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)  # (open mark, close mark + 1)
    paragraph_lang: list[str] = field(default_factory=list)
    windowed: int = 0
    _starts: list[int] = field(default_factory=list, repr=False)
    _ends: list[int] = field(default_factory=list, repr=False)

    def _index(self) -> tuple[list[int], list[int]]:
        # rebuilt when quotations were added since the last look-up
        if len(self._starts) != len(self.quotes):
            self._starts = [q[0] for q in self.quotes]
            self._ends = [q[1] for q in self.quotes]
        return self._starts, self._ends

    def first_quote_from(self, pos: int) -> int:
        """The index in ``quotes`` of the first quotation that opens at ``pos`` or later."""
        return bisect_left(self._index()[0], pos)

    def quote_opening_at(self, pos: int, limit: int) -> tuple[int, int] | None:
        """The quotation whose opening mark lies in ``[pos, limit)``, if any."""
        i = self.first_quote_from(pos)
        if i < len(self.quotes) and self.quotes[i][0] < limit:
            return self.quotes[i]
        return None

    def inner(self, q: tuple[int, int]) -> tuple[int, int]:
        """The quoted words of quotation ``q``, without its marks."""
        return quote_inner(self.text, q)

    def quote_closing_at(self, pos: int, limit: int) -> tuple[int, int] | None:
        """The last quotation whose closing mark lies in ``[pos, limit)``, if any."""
        _, ends = self._index()
        # closing mark at end - 1: the last quotation whose mark is before limit
        i = bisect_left(ends, limit + 1) - 1
        if i >= 0 and ends[i] - 1 >= pos:
            return self.quotes[i]
        return None

    def inside_quote(self, pos: int) -> tuple[int, int] | None:
        """The quotation that contains position ``pos`` strictly inside its marks."""
        starts, _ = self._index()
        i = bisect_right(starts, pos) - 1  # the only quotation that can contain pos
        if i >= 0:
            a, b = quote_inner(self.text, self.quotes[i])
            if a <= pos < b:
                return self.quotes[i]
        return None


# Quotation marks: guillemets, curly and straight double quotes, the two apostrophes some
# newspapers print for a double quote (''like this''), and curly single quotes when the closing
# one is not an apostrophe inside a word ("Clinton’s").
_QUOTE_MARK_RE = re.compile("''|‘|’(?!\\w)|[" + re.escape("".join(set(OPENING) | CLOSING)) + "]")
_PAIRS = {**OPENING, "''": "''", "‘": "’"}
_CLOSERS = CLOSING | {"''", "’"}


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Balanced quotations in ``text[start:end]`` as ``(open, close_end)`` spans.

    Unbalanced marks are ignored rather than guessed, so a stray quote never
    swallows a paragraph.  Use :func:`quote_inner` for the quoted words.

    >>> t = 'a «b "c" d» e "f'
    >>> [t[a:b] for a, b in quote_spans(t, 0, len(t))]
    ['«b "c" d»']
    >>> t = "''We won,'' he said."
    >>> [t[slice(*quote_inner(t, q))] for q in quote_spans(t, 0, len(t))]
    ['We won,']
    """
    spans = []
    stack: list[tuple[str, int]] = []
    for m in _QUOTE_MARK_RE.finditer(text, start, end):
        ch, i = m.group(), m.start()
        if stack and ch == _PAIRS[stack[-1][0]] and ch in _CLOSERS:
            opener, pos = stack.pop()
            if not stack:
                spans.append((pos, m.end()))
            continue
        if ch in _PAIRS and ch != "’":
            if ch in ('"', "''") and any(o == ch for o, _ in stack):
                continue
            stack.append((ch, i))
        elif ch in _CLOSERS and stack:
            # a mismatched closer ends whatever is open (mixed «...” in the wild)
            pos = stack[0][1]
            stack.clear()
            spans.append((pos, m.end()))
    return spans


def quote_inner(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The quoted words of a quotation span, without its marks."""
    a, b = span
    a += 2 if text.startswith("''", a) else 1
    b -= 2 if text.startswith("''", b - 2) else 1
    return a, max(a, b)


#: Longer "sentences" have no sentence punctuation to speak of (the longest sentence in news
#: corpora runs to a few thousand characters): :func:`prepare` cuts them into windows.
MAX_SENTENCE_CHARS = 10_000
#: The longest window an over-long sentence is cut into.  An utterance's content ends with its
#: sentence, so this (with the margin) bounds the content of every utterance found in such a run.
WINDOW_CHARS = 1_000
#: Context read on either side of a window, so that a cue near its edge keeps its speaker and content.
WINDOW_MARGIN = 250


def prepare(text: str, lang: str | None = None) -> PreparedDocument:
    """Segment a document: paragraphs, sentences with tokens, and quotations.

    ``lang`` is the document language; each paragraph gets its own guess too
    (an English caption inside an Arabic article is read as English).

    A sentence longer than :data:`MAX_SENTENCE_CHARS` (text without
    sentence punctuation, or not prose at all) is cut into windows of at most
    :data:`WINDOW_CHARS` characters at whitespace (anywhere, if it has none).
    Each window is read as a sentence together with up to
    :data:`WINDOW_MARGIN` characters of context on either side, and keeps
    the events whose cue lies in the window itself (``Sentence.keep``), so
    every cue is found once, with the words around it.  The document's
    ``windowed`` counts the sentences so cut.  Without the cut, every
    utterance's content would run to the end of the run, so that the
    contents of one document could outgrow memory.
    """
    doc_lang = lang or detect_language(text[:5000])
    paras = paragraph_spans(text)
    doc = PreparedDocument(text=text, lang=doc_lang, paragraphs=paras)
    for p, (a, b) in enumerate(paras):
        plang = detect_language(text, default=doc_lang, start=a, end=b)
        doc.paragraph_lang.append(plang)
        quotes = quote_spans(text, a, b)
        doc.quotes.extend(quotes)
        spans = []
        for sa, sb in _sentences_keeping_quotes(text, a, b, quotes):
            if sb - sa > MAX_SENTENCE_CHARS:
                doc.windowed += 1
                spans.extend(_with_margins(text, sa, sb, windows(text, sa, sb)))
            else:
                spans.append((sa, sb, None))
        doc.sentences.extend(Sentence(doc, p, s, sa, sb, plang, keep) for s, (sa, sb, keep) in enumerate(spans))
    return doc


def _with_margins(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> list[tuple]:
    """``(start, end, keep)`` for each window ``keep``: the window widened by its margins, at whitespace."""
    out = []
    for a, b in spans:
        lo, hi = max(start, a - WINDOW_MARGIN), min(end, b + WINDOW_MARGIN)
        if lo < a:
            space = _SPACE_RUN_RE.search(text, lo, a)  # begin after a whitespace: no cut word
            lo = space.end() if space else a
        if hi > b:
            gaps = list(_SPACE_RUN_RE.finditer(text, b, hi))
            hi = gaps[-1].start() if gaps and gaps[-1].start() > b else b
        out.append((lo, hi, (a, b)))
    return out


_SPACE_RUN_RE = re.compile(r"\s+")


def windows(text: str, start: int, end: int, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into consecutive windows of at most ``size`` characters.

    Each window ends at the last run of whitespace in its second half (the
    run is left between windows), or at ``size`` characters when there is
    none; the windows are spans in ``text``, stripped of whitespace.

    >>> t = "one two three four five"
    >>> [t[a:b] for a, b in windows(t, 0, len(t), size=9)]
    ['one two', 'three', 'four five']
    """
    out = []
    a = start
    while a < end:
        limit = min(end, a + size)
        cut = stop = limit
        if limit < end:
            gap = None
            for m in _SPACE_RUN_RE.finditer(text, a + size // 2, limit + 1):
                gap = m
            if gap is not None:
                stop, cut = gap.start(), gap.end()
        out.extend(_stripped(text, a, stop))
        a = cut
    return out


def _stripped(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """``[(a, b)]`` without surrounding whitespace, or ``[]`` when only whitespace is left."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return [(a, b)] if a < b else []


def _sentences_keeping_quotes(text: str, a: int, b: int, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph, merged where a split falls inside a short quotation.

    A quoted sentence inside reported speech ("... «We are ready. We will act» ...")
    belongs to the sentence that carries its cue; long quotations (several
    sentences) are kept split, with the quotation still tracked separately.
    """
    spans = sentence_spans(text, a, b)
    if len(spans) < 2 or not quotes:
        return spans
    # quotations are in order and never overlap: only the last one opening before a split can hold it
    starts = [q[0] for q in quotes]
    merged = [spans[0]]
    for s in spans[1:]:
        prev = merged[-1]
        split = prev[1]
        i = bisect_left(starts, split) - 1
        if i >= 0 and split < quotes[i][1] - 1 and (quotes[i][1] - quotes[i][0]) < 400:
            merged[-1] = (prev[0], s[1])
        else:
            merged.append(s)
    return merged
