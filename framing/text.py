"""Normalization, segmentation, tokenization and language identification.

Every function here keeps offsets into the *original* text: normalization
returns an offset map, segmentation and tokenization return ``(start, end)``
spans.  Downstream tables (paragraphs, utterances) store those offsets, so a
researcher can always cut the exact words out of the source document.

Examples
--------
>>> n = normalize("أكّدت الرئاسة")
>>> n.text
'اكدت الرئاسه'
>>> n.span(0, 4)
(0, 5)
>>> paragraph_spans("Title\\n\\n  Body line.\\n")
[(0, 5), (9, 19)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from array import array
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

# --- character classes -------------------------------------------------------

#: Arabic harakat, tanween, shadda, sukun, dagger alef and Quranic marks.
ARABIC_DIACRITICS = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
)
TATWEEL = "\u0640"
#: Zero-width and bidirectional controls that editors and CMSs leave in text.
INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u061c\ufeff\u00ad"
)
_ARABIC_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ة": "ه",
    "ى": "ي",
    # Persian/Urdu letter forms that turn up in Arabic web text
    "ی": "ي", "ک": "ك", "ە": "ه",
}
_QUOTE_FOLD = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\uff02": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2039": "'", "\u203a": "'",
    "\u2032": "'", "\u0060": "'", "\u00b4": "'",
}
# Eastern Arabic and Persian digits fold to ASCII so numbers match across outlets.
_DIGIT_FOLD = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}

#: Code-point ranges of Arabic letters (no marks, digits or punctuation), and as a regex class body.
ARABIC_LETTER_RANGES = ((0x0621, 0x063A), (0x0641, 0x064A), (0x0671, 0x06D3), (0x06FA, 0x06FC))
ARABIC_LETTER = "".join(f"\\u{a:04X}-\\u{b:04X}" for a, b in ARABIC_LETTER_RANGES)
_ARABIC_CHAR_RE = re.compile(f"[{ARABIC_LETTER}]")
_LATIN_CHAR_RE = re.compile(r"[A-Za-z\u00C0-\u024F]")


_DELETABLE = "".join(sorted(ARABIC_DIACRITICS)) + TATWEEL
_INVIS = "".join(sorted(INVISIBLE))
_DROP_RE = re.compile(f"(?P<drop>[{re.escape(_INVIS + _DELETABLE)}]+)")
_DROP_INVISIBLE_RE = re.compile(f"(?P<drop>[{re.escape(_INVIS)}]+)")
# whitespace runs may have invisible marks inside them: the run still collapses
# with the Arabic folds, dropped diacritics and tatweel inside a run too ("a َ b" is "a b", as fold_text has it)
_WS_CLASS = re.escape(_INVIS + _DELETABLE)
_DROP_SPACE_RE = re.compile(f"(?P<ws> [\\s{_WS_CLASS}]+|[^\\S ][\\s{_WS_CLASS}]*)|(?P<drop>[{_WS_CLASS}]+)")
_DROP_INVISIBLE_SPACE_RE = re.compile(f"(?P<ws> [\\s{re.escape(_INVIS)}]+|[^\\S ][\\s{re.escape(_INVIS)}]*)|(?P<drop>[{re.escape(_INVIS)}]+)")
_QUOTE_TABLE = str.maketrans(_QUOTE_FOLD | _DIGIT_FOLD)
_FOLD_TABLE = str.maketrans(_ARABIC_FOLD | _QUOTE_FOLD | _DIGIT_FOLD)


@dataclass(frozen=True)
class Normalized:
    """A normalized string and the map from its characters back to the original.

    ``offsets[i]`` is the index in the original text of normalized character
    ``i``; ``offsets[len(text)]`` is the length of the original text.
    """

    text: str
    offsets: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalized text to the original.

        The end maps to one past the original character of the last normalized
        character, so dropped marks inside the span stay inside it.
        """
        if start >= end:
            pos = self.offsets[start]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


def normalize(text: str, lang: str | None = None, *, fold_arabic: bool = True,
              collapse_space: bool = True) -> Normalized:
    """Normalize text for matching, keeping an offset map to the original.

    Parameters
    ----------
    text : str
        Original text.
    lang : str, optional
        Language code; accepted for symmetry with the other text functions.
        Arabic and Latin folds are safe on mixed text, so both always apply.
    fold_arabic : bool
        Fold alef forms, taa marbuta and alef maqsura; drop
        diacritics and tatweel.
    collapse_space : bool
        Turn every run of whitespace into one space.

    Returns
    -------
    Normalized

    Examples
    --------
    >>> normalize("«مرحبا»  يا\u200f عالم").text
    '"مرحبا" يا عالم'
    """
    drop_re = _DROP_RE if fold_arabic else _DROP_INVISIBLE_RE
    pattern = drop_re if not collapse_space else (_DROP_SPACE_RE if fold_arabic else _DROP_INVISIBLE_SPACE_RE)
    pieces: list[str] = []
    offs = array("q")
    cur = 0
    # Work segment by segment: kept runs are copied and mapped 1:1 with
    # C-speed slicing and range(), so a 50 MB document normalizes quickly.
    for m in pattern.finditer(text):
        a, b = m.span()
        if a > cur:
            pieces.append(text[cur:a])
            offs.extend(range(cur, a))
        if m.lastgroup == "ws":
            pieces.append(" ")
            offs.append(a)
        cur = b
    if cur < len(text):
        pieces.append(text[cur:])
        offs.extend(range(cur, len(text)))
    offs.append(len(text))
    table = _FOLD_TABLE if fold_arabic else _QUOTE_TABLE
    return Normalized("".join(pieces).translate(table), offs)


# every whitespace run but a lone space, which would be replaced by itself (most of them, slowly)
_SPACE_RUN_RE = re.compile(r"[^\S ]\s*| \s+")


def fold_text(text: str, *, strip: bool = True) -> str:
    """``normalize(text).text`` without the offset map (stripped unless ``strip=False``): for matching only.

    The one fold of running text; :func:`fold` caches it for words, and
    duplicate detection hashes its output.

    >>> fold_text("قالَ  الوزير") == fold("قالَ الوزير")
    True
    >>> fold_text(" «أكّدت»  الرئاسة ", strip=False) == normalize(" «أكّدت»  الرئاسة ").text
    True
    """
    if len(text) >= _ARRAY_TEXT:
        return _fold_as_array(text, strip)
    if len(text) < _LONG_TEXT:
        folded = _DROP_RE.sub("", text).translate(_FOLD_TABLE)
    else:
        # str.translate looks every character up in a dict (slow on long Arabic texts): only the
        # characters that occur are replaced, each with one C-speed str.replace
        folded = text
        for ch, repl in _FOLD_REPLACEMENTS:
            if ch in folded:
                folded = folded.replace(ch, repl)
    if strip:
        return " ".join(folded.split())
    return _SPACE_RUN_RE.sub(" ", folded)


#: From this length on, :func:`fold_text` replaces character by character instead of translating: the
#: same text either way (no replacement makes a character another one replaces), and from about fifty
#: characters on the replacements are the faster (six to ten times on news paragraphs and articles, whose
#: duplicate keys fold them whole); words stay below it.
_LONG_TEXT = 64
_FOLD_REPLACEMENTS = tuple(
    (chr(k), "" if v is None else v if isinstance(v, str) else chr(v))
    for k, v in (_FOLD_TABLE | {ord(c): None for c in ARABIC_DIACRITICS | INVISIBLE | {TATWEEL}}).items())


#: From this length on (an article, a batch of texts joined), :func:`fold_text` folds the text as an array of
#: code points: a look-up table maps each at once and whitespace runs close up in the same pass, three to
#: four times faster than the replacements on news articles (the same text: every fold maps one character
#: to one character or to none).
_ARRAY_TEXT = 4096
#: About how many characters :func:`_fold_as_array` maps at once.
_ARRAY_PIECE = 1 << 20
#: A character the fold keeps that is not whitespace: where a long text may be cut into pieces.
_KEPT_RE = re.compile(f"[^\\s{re.escape(_INVIS + _DELETABLE)}]")
#: Marks a code point the fold drops in :func:`_fold_tables`' map (no code point is this large).
_DROPPED = 0xFFFFFFFF


@lru_cache(maxsize=1)
def _fold_tables():
    """The fold as arrays over every code point: what each becomes (:data:`_DROPPED` for none), and which
    are whitespace (``str.isspace``, as ``str.split`` and the regex ``\\s`` have it; none is above U+3000)."""
    import numpy as np

    mapped = np.arange(0x110000, dtype=np.uint32)
    for ch, repl in _FOLD_REPLACEMENTS:
        mapped[ord(ch)] = _DROPPED if repl == "" else ord(repl)
    space = np.zeros(0x110000, dtype=bool)
    space[[c for c in range(0x3001) if chr(c).isspace()]] = True
    return mapped, space


def _fold_as_array(text: str, strip: bool) -> str:
    """:func:`fold_text` of a long text, its code points mapped through :func:`_fold_tables`, in pieces of
    about :data:`_ARRAY_PIECE` characters (a huge document's arrays stay small beside it)."""
    if len(text) <= _ARRAY_PIECE:
        folded = _fold_piece(text)
    else:
        pieces, start = [], 0
        while start < len(text):
            # cut after a character the fold keeps that is not whitespace: no run of whitespace (with
            # characters the fold drops inside it) is split between two pieces, each closed up apart
            kept = _KEPT_RE.search(text, start + _ARRAY_PIECE)
            end = kept.end() if kept is not None else len(text)
            pieces.append(_fold_piece(text[start:end]))
            start = end
        folded = "".join(pieces)
    return folded.strip(" ") if strip else folded


def _fold_piece(text: str) -> str:
    """One piece of :func:`_fold_as_array`, unstripped."""
    import numpy as np

    mapped, space = _fold_tables()
    # "surrogatepass": a lone surrogate (JSON may hold one) passes through as the other folds leave it
    points = mapped[np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)]
    points = points[points != _DROPPED]
    if not len(points):
        return ""  # nothing but characters the fold drops
    blank = space[points]
    points[blank] = 32
    # a whitespace character right after another is dropped: each run becomes one space
    blank[1:] &= blank[:-1].copy()
    blank[0] = False
    return points[~blank].tobytes().decode("utf-32-le", "surrogatepass")


#: The characters fold drops or replaces (whitespace aside): none is left in a folded text.
FOLDED_AWAY = _INVIS + _DELETABLE + "".join(map(chr, _FOLD_TABLE))
# what fold changes in a word: a character it drops or replaces, or whitespace
_UNFOLDED_RE = re.compile(f"[{re.escape(FOLDED_AWAY)}\\s]")


def is_folded(word: str) -> bool:
    """Whether ``word`` holds nothing :func:`fold` changes (a character it drops or replaces, whitespace).

    Then ``fold(word) == word``, told without folding: a token of folded text is so.

    >>> is_folded("اكدت"), is_folded("أكّدت"), is_folded("Russia")
    (True, False, True)
    """
    return _UNFOLDED_RE.search(word) is None


@lru_cache(maxsize=1 << 18)
def fold(word: str) -> str:
    """Normalize a single word or phrase (no offsets); cached for lexicon look-ups.

    The same folds as :func:`normalize`, without building an offset map, so
    it is cheap enough to call on every token of a large corpus.

    >>> fold("إسرائيلَ")
    'اسرائيل'
    >>> fold("  a\u200f  b ") == normalize("  a\u200f  b ").text.strip()
    True
    """
    return fold_text(word)


# --- paragraphs and sentences -------------------------------------------------

_LINE_RE = re.compile(r"[^\r\n]+")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines of ``text``, stripped of surrounding space.

    Paragraph ``i`` of a document is ``text[start:end]`` of the ``i``-th span.
    Lines are found and stripped by position, without copying them (one
    line may be a whole 50 MB document).

    >>> paragraph_spans("a\\n \\n b ")
    [(0, 1), (5, 6)]
    """
    spans = []
    for m in _LINE_RE.finditer(text):
        a, b = _strip_span(text, *m.span())
        if a < b and _NOT_BLANK_RE.search(text, a, b):
            spans.append((a, b))
    return spans


_LEADING_SPACE_RE = re.compile(r"\s*")
_NOT_BLANK_RE = re.compile(f"[^\\s{re.escape(_INVIS)}]")


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    """``(a, b)`` without the whitespace at either end, as ``str.strip`` would leave it."""
    a = _LEADING_SPACE_RE.match(text, a, b).end()
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


# English abbreviations that end in a period but rarely end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen brig col lt sgt capt adm cmdr maj amb sec st jr sr
    inc ltd co corp dept univ no vol fig approx est vs etc al jan feb mar apr jun jul aug
    sep sept oct nov dec mt ft""".split()
)  # initialisms with periods (u.s, a.m, i.e) are read by _DOTTED_INITIALS_RE
#: Abbreviations of the parts of a text cited by number ("Sec. 2", "ch. 30"): not final before a digit.
_NUMBERED_PARTS = frozenset("secs para paras ch chap pp".split())
#: Letters each followed by a period ("E.O", "U.S.C", "A.G", "S.A"): an initialism or a person's initials.
_DOTTED_INITIALS_RE = re.compile(r"(?:[a-z]\.)+[a-z]")
_SENT_END_RE = re.compile(r"[.!?؟]+[\"'”’»)\]]*(?=\s|$)|[\n]+")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences; return spans in ``text``.

    A sentence ends at ``. ! ? ؟`` (with any closing quotes or brackets)
    followed by whitespace, or at a line break.  Periods after known
    abbreviations, single capital initials, initialisms written with periods
    ("E.O.", "U.S.C.", "A.G."), the abbreviation of a numbered part before its
    number ("Sec. 2") and inside numbers do not end a sentence.  Arabic commas
    never end one: Arabic news sentences run long.

    >>> s = "Mr. Smith said it. He left!"
    >>> [s[a:b] for a, b in sentence_spans(s)]
    ['Mr. Smith said it.', 'He left!']
    """
    end = len(text) if end is None else end
    spans = []
    cur = start
    # matched in place (endpos makes ``$`` match at ``end``): no copy of a long paragraph
    for m in _SENT_END_RE.finditer(text, start, end):
        if m.group().startswith(".") and _period_is_not_final(text, m.start(), start, end):
            continue
        stop = m.end() if not m.group().startswith("\n") else m.start()
        _append_stripped(spans, text, cur, stop)
        cur = m.end()
    _append_stripped(spans, text, cur, end)
    return spans


def _period_is_not_final(text: str, pos: int, start: int, end: int) -> bool:
    j = pos
    # linear over a paragraph: a period ends a sentence only before whitespace, so no two look-backs overlap
    while j > start and not text[j - 1].isspace():
        j -= 1
    if pos + 1 < end and text[pos + 1] == ")" and "(" in text[j:pos]:
        return True  # a party and state in parentheses: "Sen. David Perdue (R-Ga.) said"
    word = text[j:pos].lower().strip("(\"'")
    if word in _ABBREVIATIONS or _DOTTED_INITIALS_RE.fullmatch(word):
        # an initialism ends a sentence rarely, and is followed by a number, a name or a company's
        # name far more often ("E.O. 14024", "50 U.S.C. 1701", "A.G. Guryev", "Luxembourg S.A. (...)")
        return True
    if len(word) == 1 and word.isalpha() and word.isascii():
        return True  # an initial: "J. Biden"
    if _ARABIC_TITLE_LETTERS_RE.fullmatch(word) and not _after_number(text, j, start):
        return True  # a title cut to its letter: "د. الزهراني" (doctor), "م. أحمد" (engineer), "أ.د. خالد"
    nxt = text[pos + 1: min(pos + 3, end)].lstrip()
    if word in _NUMBERED_PARTS and nxt[:1].isdigit():
        return True  # "Sec. 2 of the order", "ch. 30"
    # the next sentence begins in lower case: almost always an abbreviation
    return bool(nxt) and nxt[0].isascii() and nxt[0].islower()


#: One Arabic letter, or letters joined by periods ("أ.د"): a title cut short before a name.
_ARABIC_TITLE_LETTERS_RE = re.compile(r"[\u0621-\u064A](?:\.[\u0621-\u064A])*")


def _after_number(text: str, j: int, start: int) -> bool:
    """Whether the word that starts at ``j`` follows a number: "عام 2015 م." and "1436 هـ." end sentences
    with an era's letter."""
    k = j
    while k > start and text[k - 1].isspace():
        k -= 1
    return k > start and text[k - 1].isdigit()


def _append_stripped(spans, text, a, b):
    a, b = _strip_span(text, a, b)
    if a < b and _NOT_BLANK_RE.search(text, a, b):
        spans.append((a, b))


# --- tokens -------------------------------------------------------------------

TOKEN_RE = re.compile(r"[\w\u0621-\u064A\u0660-\u0669\u0670-\u06D3\u064B-\u0652\u0640]+(?:['’][A-Za-z]+)?")


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of word tokens (letters, digits, Arabic marks; English ``'s`` kept on).

    >>> t = "وقال بوتين: Russia's army"
    >>> [t[a:b] for a, b in token_spans(t)]
    ['وقال', 'بوتين', "Russia's", 'army']
    """
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in TOKEN_RE.finditer(text, start, end)]


def tokenize(text: str) -> list[str]:
    """Word tokens of ``text`` as strings (no normalization).

    >>> tokenize("Hello, world")
    ['Hello', 'world']
    """
    return TOKEN_RE.findall(text)


#: Arabic proclitics, longest first, in their folded form.  ``ال`` is the
#: article; the others are conjunctions and prepositions.
ARABIC_PROCLITICS = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل",
                     "وب", "ول", "فب", "فل", "وس", "ال", "و", "ف", "ب", "ل", "ك", "س")
# the proclitics by their first letter: a word is tried only against those it can start with
_PROCLITICS_BY_FIRST = {ch: tuple(p for p in ARABIC_PROCLITICS if p[0] == ch) for ch in {p[0] for p in ARABIC_PROCLITICS}}


def clitic_variants(word: str, min_stem: int = 2) -> list[str]:
    """The folded word and the stems left after stripping Arabic proclitics.

    Matching a lexicon or a name against every variant sees through clitics
    (``والولايات`` matches ``الولايات`` and ``ولايات``) without a full
    morphological analyser.  Non-Arabic words come back folded and lower-cased.

    >>> clitic_variants("والولايات")
    ['والولايات', 'الولايات', 'ولايات']
    >>> clitic_variants("Russia")
    ['russia']
    """
    w = fold(word)
    if not w or not _ARABIC_CHAR_RE.match(w):
        return [w.lower()]
    stems = {w[len(p):] for p in _PROCLITICS_BY_FIRST.get(w[0], ()) if w.startswith(p) and len(w) - len(p) >= min_stem}
    stems.discard(w)
    return [w] + sorted(stems, key=lambda s: (-len(s), s))


# --- language identification ----------------------------------------------------

# A few hundred function words per language are enough to tell the Latin-script
# languages a news corpus mixes; Arabic is told by its script.
_FUNCTION_WORDS = {
    "en": set("the of and to in a is that for on with as by at from it was be are this an has have"
              " he she they we his her their its not but or will said would after about who which".split()),
    "fr": set("le la les de des du et à en un une est que qui dans pour sur par au aux ne pas avec il elle"
              " ils sont a été".split()),
    "es": set("el la los las de del y en un una es que por para con no se su al lo como más pero ha".split()),
    "de": set("der die das und in zu den von mit ist des sich nicht auf für im dem ein eine als auch es an"
              " werden aus er hat dass".split()),
}


_ARABIC_RUN_RE = re.compile(f"[{ARABIC_LETTER}]+")
_LATIN_LETTER_RANGES = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F))
_LATIN_RUN_RE = re.compile("[" + "".join(f"\\u{a:04X}-\\u{b:04X}" for a, b in _LATIN_LETTER_RANGES) + "]+")
# Function-word shares settle within a few thousand words; scoring a prefix
# keeps a 50 MB document from becoming a list of millions of words.
_SCORE_CHARS = 100_000


def _letter_count(run_re: re.Pattern, text: str) -> int:
    # deleting the runs is one C-speed pass and one temporary string, where
    # findall would build a Python object per letter
    return len(text) - len(run_re.sub("", text))


def _script_table():
    import numpy as np

    table = np.zeros(1 << 16, dtype=np.uint8)
    for script, ranges in ((1, ARABIC_LETTER_RANGES), (2, _LATIN_LETTER_RANGES)):
        for lo, hi in ranges:
            table[lo:hi + 1] = script
    return table


_SCRIPT_TABLE = None
#: Texts at least this long have their letters counted through a code-point table, shorter ones by regex.
_TABLE_COUNT_CHARS = 512


def _script_counts(text: str, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """Arabic and Latin letters in ``text[start:end]``, by looking its UTF-16 code units up in a table.

    For a long text this is several times faster than a regex over a
    character class; characters outside the basic plane are neither script.
    """
    global _SCRIPT_TABLE
    import numpy as np

    if _SCRIPT_TABLE is None:
        _SCRIPT_TABLE = _script_table()
    end = len(text) if end is None else end
    counts = np.zeros(3, dtype=np.int64)
    for i in range(start, end, 1 << 20):  # in pieces, so a 50 MB text makes no copy of its size
        units = np.frombuffer(text[i:min(i + (1 << 20), end)].encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
        counts += np.bincount(_SCRIPT_TABLE[units], minlength=3)
    return int(counts[1]), int(counts[2])


def detect_language(text: str, default: str = "und", *, start: int = 0, end: int | None = None) -> str:
    """Guess the language of ``text``: ``ar``, ``en``, ``fr``, ``es``, ``de`` or ``default``.

    Arabic is recognised by script (more Arabic letters than Latin ones);
    Latin-script text by the share of each language's function words
    (counted over the first 100,000 characters).  ``start`` and ``end``
    guess the language of ``text[start:end]`` without copying it (a
    paragraph of a long document).

    >>> detect_language("قال المتحدث إن الاجتماع انتهى")
    'ar'
    >>> detect_language("The minister said the talks were over")
    'en'
    """
    end = len(text) if end is None else end
    if end - start >= _TABLE_COUNT_CHARS:
        ar, la = _script_counts(text, start, end)
    else:
        text = text[start:end]
        start, end = 0, len(text)
        ar = _letter_count(_ARABIC_RUN_RE, text)
        if ar and 2 * ar >= len(text):
            return "ar"  # Latin letters cannot outnumber these: skip counting them
        la = _letter_count(_LATIN_RUN_RE, text)
    if ar == 0 and la == 0:
        return default
    if ar >= la:
        return "ar"
    counts = Counter(_LATIN_RUN_RE.findall(text[start:min(end, start + _SCORE_CHARS)].lower()))
    total = sum(counts.values())
    if not total:
        return default
    best, best_score = default, 0.0
    for lang, fw in _FUNCTION_WORDS.items():
        score = sum(counts[w] for w in fw) / total
        if score > best_score:
            best, best_score = lang, score
    # short English captions are mostly names: accept a low share for English
    if best_score < 0.05:
        return "en" if la >= 3 else default
    return best


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> tuple[str, int]:
    """Remove NUL and C0/C1 control characters except tab and newlines.

    Returns the cleaned text and the number of characters removed, so a
    reader can record that it cleaned a document instead of doing it silently.

    >>> strip_controls("a\\x00b\\tc")
    ('ab\\tc', 1)
    """
    cleaned, n = _CONTROL_RE.subn("", text)
    return cleaned, n
