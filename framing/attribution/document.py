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


@dataclass
class Sentence:
    doc: "PreparedDocument"
    paragraph: int
    index: int  # index of the sentence within its paragraph
    start: int
    end: int
    lang: str
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

    def gap(self, i: int) -> str:
        """The characters between token ``i - 1`` and token ``i`` (or the sentence edges)."""
        return self.parts[2 * i]

    def boundary_before(self, i: int) -> bool:
        """Whether punctuation separates token ``i`` from the token before it."""
        return i == 0 or bool(BOUNDARY_RE.search(self.parts[2 * i]))


@dataclass
class PreparedDocument:
    text: str
    lang: str
    paragraphs: list[tuple[int, int]]
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)  # (open mark, close mark + 1)
    paragraph_lang: list[str] = field(default_factory=list)

    def quote_opening_at(self, pos: int, limit: int) -> tuple[int, int] | None:
        """The quotation whose opening mark lies in ``[pos, limit)``, if any."""
        for q in self.quotes:
            if pos <= q[0] < limit:
                return q
            if q[0] >= limit:
                break
        return None

    def inner(self, q: tuple[int, int]) -> tuple[int, int]:
        """The quoted words of quotation ``q``, without its marks."""
        return quote_inner(self.text, q)

    def quote_closing_at(self, pos: int, limit: int) -> tuple[int, int] | None:
        """The last quotation whose closing mark lies in ``[pos, limit)``, if any."""
        found = None
        for q in self.quotes:
            if pos <= q[1] - 1 < limit:
                found = q
            elif q[0] >= limit:
                break
        return found

    def inside_quote(self, pos: int) -> tuple[int, int] | None:
        """The quotation that contains position ``pos`` strictly inside its marks."""
        for q in self.quotes:
            a, b = quote_inner(self.text, q)
            if a <= pos < b:
                return q
            if q[0] > pos:
                break
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


def prepare(text: str, lang: str | None = None) -> PreparedDocument:
    """Segment a document: paragraphs, sentences with tokens, and quotations.

    ``lang`` is the document language; each paragraph gets its own guess too
    (an English caption inside an Arabic article is read as English).
    """
    doc_lang = lang or detect_language(text[:5000])
    paras = paragraph_spans(text)
    doc = PreparedDocument(text=text, lang=doc_lang, paragraphs=paras)
    for p, (a, b) in enumerate(paras):
        plang = detect_language(text[a:b], default=doc_lang)
        doc.paragraph_lang.append(plang)
        quotes = quote_spans(text, a, b)
        doc.quotes.extend(quotes)
        for s, (sa, sb) in enumerate(_sentences_keeping_quotes(text, a, b, quotes)):
            doc.sentences.append(Sentence(doc, p, s, sa, sb, plang))
    return doc


def _sentences_keeping_quotes(text: str, a: int, b: int, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph, merged where a split falls inside a short quotation.

    A quoted sentence inside reported speech ("... «We are ready. We will act» ...")
    belongs to the sentence that carries its cue; long quotations (several
    sentences) are kept split, with the quotation still tracked separately.
    """
    spans = sentence_spans(text, a, b)
    if len(spans) < 2 or not quotes:
        return spans
    merged = [spans[0]]
    for s in spans[1:]:
        prev = merged[-1]
        split = prev[1]
        if any(q0 < split < q1 - 1 and (q1 - q0) < 400 for q0, q1 in quotes):
            merged[-1] = (prev[0], s[1])
        else:
            merged.append(s)
    return merged
