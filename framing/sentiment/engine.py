"""The lexicon matcher behind every lexicon sentiment scorer.

A :class:`CompiledLexicon` turns a lexicon (pattern to score) and a set of
modifiers (negators, intensifiers, diminishers, contrast markers, neutral
phrases) into dictionaries over folded word forms, so scoring a text is one
regular-expression pass plus dictionary look-ups.  What each distinct token
can match is worked out once and cached, which keeps a large corpus fast.

Rules, the same for every language:

* **Matching** takes the longest pattern that starts at a token (phrases
  before single words; modifiers before sentiment words of the same length).
  Arabic tokens are also tried without proclitics (``وبالتصعيد`` finds
  ``تصعيد``), without common suffixes (plural ``ات/ون/ين``, accusative
  ``ا``, past feminine ``ت``, pronouns ``ه/ها/هم/نا/كم``) and with the imperfect prefix
  ``ت/ن`` read as ``ي`` (``تدعم`` finds ``يدعم``); the full form wins
  over a stripped one, so a lexicon entry of 0 blocks a look-alike.
* **Negation** flips and damps a sentiment word (factor -0.74, VADER's) when
  a negator stands at most ``negation_window`` tokens before it in the same
  clause (clauses end at punctuation).
* **Intensifiers and diminishers** scale the nearest sentiment word up or
  down; Arabic puts them before or after (``ناجح جدا``, ``بالغ الخطورة``),
  English before.
* **Contrast** (``but``, ``لكن``): words before the last marker count half,
  words after it one and a half times (VADER's rule).
* The sum ``x`` becomes ``x / sqrt(x**2 + 15/16)``, VADER's normalisation
  for scores on a -1..1 scale, so one strong word gives about 0.72.

Examples
--------
>>> lex = CompiledLexicon({"good": 1.0}, {"negators": ["not"]})
>>> round(lex.score("good"), 2), round(lex.score("not good"), 2)
(0.72, -0.61)
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from operator import itemgetter

from framing.text import ARABIC_PROCLITICS, INVISIBLE, TOKEN_RE, fold

SENT, NEG, BOOST, CONTRAST, NOOP = range(5)
#: VADER's damping of a negated word (a negated "good" is less bad than "bad").
NEGATION_FACTOR = -0.74
#: VADER's normalisation constant (15 on its -4..4 scale) on a -1..1 scale.
ALPHA = 15 / 16
CONTRAST_BEFORE, CONTRAST_AFTER = 0.5, 1.5
#: How far (in tokens) an intensifier reaches.
BOOST_REACH = 2

_EMOJI = "\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B55"
#: Characters that end a clause (negation, intensifiers and phrases do not reach across them).
BOUNDARY_CHARS = frozenset(".!?؟,،;؛:\n()[]{}")
_BOUNDARY = "".join(re.escape(c) for c in sorted(BOUNDARY_CHARS))
SCAN_RE = re.compile(f"(?P<t>{TOKEN_RE.pattern})|(?P<e>[{_EMOJI}])|(?P<b>[{_BOUNDARY}])")
# The same alternatives without groups: ``findall`` then returns the matched strings at C speed, and a
# clause boundary is told from a token by its text (no boundary character is a token character).
_FLAT_SCAN_RE = re.compile(f"{TOKEN_RE.pattern}|[{_EMOJI}]|[{_BOUNDARY}]")
_ARABIC_RE = re.compile("[\u0621-\u064A]")

# Suffixes tried on Arabic tokens, longest first.  Pronoun suffixes come off
# first (a stem before them shows taa marbuta as ت), then number/case endings.
# ني and ك are the object and possessive "me"/"you" of dialect speech (يعجبني، بحبك).
_AR_PRONOUNS = ("هما", "هم", "هن", "ها", "كم", "نا", "ني", "ه", "ك")
# و is the dialect spelling of the plural verb ending وا (بيقولو، نفضحو).
_AR_ENDINGS = ("ات", "ون", "ين", "ان", "وا", "يه", "ا", "ت", "و")
_AR_MIN_STEM = 3
# A letter written three or more times in a row is lengthening for emphasis (حلوووو، زفتتتت): Arabic
# spelling never triples a letter.
_ELONGATION_RE = re.compile(r"(.)\1{2,}")
# Dialect future prefixes ه/ح (Egyptian هيفضح, Levantine حيعمل) before a person prefix.
_AR_DIALECT_PREFIXES = frozenset("هح")
_AR_PERSON_PREFIXES = frozenset("يتنا")
_CACHE_LIMIT = 300_000


# One str.translate table that does for a single token what framing.text.fold
# does for any text (built from fold itself, so the two cannot drift apart):
# a per-token fold at C speed keeps first sight of a new word cheap.
_FOLD_CHARS = ([chr(c) for c in range(0x0600, 0x0700)] + sorted(INVISIBLE)
               + list("\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2032\u2033\u2039\u203a`\u00b4\uff02")
               + ["\ufe0f"])
_TOKEN_FOLD = str.maketrans({c: (fold(c) if c != "\ufe0f" else "") for c in _FOLD_CHARS
                             if (fold(c) if c != "\ufe0f" else "") != c})
_PROCLITICS = frozenset(ARABIC_PROCLITICS)
_PROCLITIC_LENGTHS = sorted({len(p) for p in ARABIC_PROCLITICS}, reverse=True)


def _fold_word(word: str) -> str:
    return word.translate(_TOKEN_FOLD).strip().lower()


def arabic_forms(token: str) -> tuple[str, ...]:
    """Forms an Arabic token may take in a lexicon, the full (folded) form first.

    >>> arabic_forms("وبالتصعيد")[:2]
    ('وبالتصعيد', 'بالتصعيد')
    >>> "تصعيد" in arabic_forms("وبالتصعيد")
    True
    >>> "ازمه" in arabic_forms("أزماتها")
    True
    """
    word = _ELONGATION_RE.sub(_first_letter, _fold_word(token))
    stems = [word] + [word[n:] for n in _PROCLITIC_LENGTHS
                      if len(word) - n >= 2 and word[:n] in _PROCLITICS
                      # س is the future prefix of a verb: never strip it from anything else (سحب is not حب)
                      and (word[n - 1] != "س" or word[n] in _AR_PERSON_PREFIXES)]
    if word.startswith("يا") and len(word) >= 5:
        stems.append(word[2:])  # the vocative is often written on the word: ياحرامي، ياكذاب
    for stem in list(stems):
        if len(stem) >= 5 and stem[0] in _AR_DIALECT_PREFIXES and stem[1] in _AR_PERSON_PREFIXES:
            stems.append(stem[1:])  # هيفضح -> يفضح، وحيعمل -> يعمل
    forms: dict[str, None] = {}
    for stem in stems:
        for base in _strip(stem, _PRONOUN_TABLE, _pronoun_bases):
            for form in _strip(base, _ENDING_TABLE, _ending_roots):
                forms[form] = None
                if len(form) >= 4 and form[0] in "تن":
                    forms["ي" + form[1:]] = None  # تدعم، ندعم -> يدعم
    full = next(iter(forms))
    return (full,) + tuple(sorted((f for f in forms if f != full), key=len, reverse=True))


def _by_length(suffixes) -> tuple:
    # ((length, set of suffixes of that length), ...), longest first: one slice and one set look-up per length
    lengths = sorted({len(x) for x in suffixes}, reverse=True)
    return tuple((n, frozenset(x for x in suffixes if len(x) == n)) for n in lengths)


_PRONOUN_TABLE = _by_length(_AR_PRONOUNS)
_ENDING_TABLE = _by_length(_AR_ENDINGS)


def _first_letter(match) -> str:
    return match.group(1)


def _suffix_in(word: str, table) -> str | None:
    # the longest suffix of the table that leaves a stem of at least _AR_MIN_STEM letters
    size = len(word)
    for n, group in table:
        if size - n >= _AR_MIN_STEM and word[-n:] in group:
            return word[-n:]
    return None


def _strip(word: str, table, forms) -> list[str]:
    # the word, then forms(rest, suffix) of what is left without its longest suffix in the table
    suf = _suffix_in(word, table) if len(word) > _AR_MIN_STEM else None
    return [word, *forms(word[: -len(suf)], suf)] if suf else [word]


def _pronoun_bases(base: str, suf: str) -> list[str]:
    if suf == "ني" and base.endswith("ا"):
        return []  # اني is the nisba ending (السوداني، الاسواني), not a verb with "me"
    return [base, base[:-1] + "ه"] if base.endswith("ت") else [base]  # ازمتها -> ازمه


def _ending_roots(root: str, suf: str) -> list[str]:
    out = [root + "ي" if suf == "يه" else root]  # سلبيه -> سلبي (not حربيه -> حرب)
    if suf == "ات":
        out.append(root + "ه")  # ازمات -> ازمه
    return out


# What a scanned item is to the matcher: a token that can match nothing (most of a text), a token that
# can begin a match (a word of the lexicon, a modifier or a phrase's first word), or a clause boundary.
INERT, LIVE, BOUNDARY = 0, 1, 2
# A token's reading is a plain tuple, not an object: ``(forms, unit, phrases, seconds, role)``.  A tuple
# of strings and numbers leaves the garbage collector's lists, so the 100,000s of readings a corpus
# makes are not walked by every full collection.
_FORMS, _UNIT, _PHRASES, _SECONDS, _ROLE_AT = range(5)
_ROLE = itemgetter(_ROLE_AT)


def _token(forms: tuple[str, ...], unit, phrases: tuple) -> tuple:
    # seconds: the second words of the phrases the token may begin (None: one of them is a prefix pattern),
    # so a phrase is tried only when the next token can continue it; () when it begins none
    if not phrases:
        seconds = ()
    elif any(rest[0][1] for rest, _ in phrases):
        seconds = None
    else:
        seconds = frozenset(rest[0][0] for rest, _ in phrases)
    return forms, unit, phrases, seconds, LIVE if unit is not None or phrases else INERT


#: What the scan gives for a clause boundary: no forms, no unit, no phrases.
_BOUNDARY_TOKEN = ((), None, (), (), BOUNDARY)


class _TokenCache(dict):
    """Raw scanned string to its reading (:func:`_token`), made on first sight (a boundary: ``_BOUNDARY_TOKEN``).

    A dict whose misses fill themselves, so a text's items are looked up with one ``map`` at C speed;
    it is emptied when it grows past ``_CACHE_LIMIT`` to bound memory on a huge corpus.
    """

    __slots__ = ("analyse",)

    def __init__(self, analyse):
        super().__init__()
        self.analyse = analyse

    def __missing__(self, raw: str) -> tuple:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        info = self[raw] = _BOUNDARY_TOKEN if raw in BOUNDARY_CHARS else self.analyse(raw)
        return info


class CompiledLexicon:
    """Look-up tables for one lexicon plus one language's modifiers.

    Parameters
    ----------
    entries : mapping of str to float
        Pattern to score in ``-1..1`` (see :mod:`framing.sentiment.lexicon_files`).
    modifiers : dict
        ``negators`` (list), ``intensifiers`` and ``diminishers`` (word to
        strength, e.g. 0.3), ``contrast`` (list), ``neutral`` (phrases that
        look like modifiers but are not, such as ``لا يزال``),
        ``negation_suffixes`` (``n't``), ``intensifier_position``
        (``before`` or ``both``) and ``negation_circumfix`` (true: read
        the dialect ``ما...ش`` around a word as its negation).

    Examples
    --------
    >>> lex = CompiledLexicon({"تصعيد": -1.0}, {"negators": ["لا"]})
    >>> lex.score("وبالتصعيد") < 0
    True
    """

    def __init__(self, entries: Mapping[str, float], modifiers: Mapping | None = None):
        mods = dict(modifiers or {})
        self.exact: dict[str, tuple] = {}
        self.prefix: dict[str, tuple] = {}
        self.phrases: dict[str, list] = {}
        self.phrase_prefix: dict[str, list] = {}
        for pattern, score in entries.items():
            self._add(pattern, (SENT, float(score)))
        # Modifiers are added after sentiment words so that they win a tie
        # ("no" is a negator here even though VADER scores it).
        for word in mods.get("negators", ()):
            self._add(word, (NEG, 0.0))
        for word, strength in (mods.get("intensifiers") or {}).items():
            self._add(word, (BOOST, abs(float(strength))))
        for word, strength in (mods.get("diminishers") or {}).items():
            self._add(word, (BOOST, -abs(float(strength))))
        for word in mods.get("contrast", ()):
            self._add(word, (CONTRAST, 0.0))
        for word in mods.get("neutral", ()):
            self._add(word, (NOOP, 0.0))
        self.negation_suffixes = tuple(_fold_word(s) for s in mods.get("negation_suffixes", ()))
        self.boost_after = mods.get("intensifier_position", "before") == "both"
        self.negation_circumfix = bool(mods.get("negation_circumfix", False))
        self.prefix_lengths = sorted({len(k) for k in self.prefix}, reverse=True)
        self.phrase_prefix_lengths = sorted({len(k) for k in self.phrase_prefix}, reverse=True)
        for table in (self.phrases, self.phrase_prefix):
            for cands in table.values():
                cands.sort(key=lambda c: -len(c[0]))
        self._cache = _TokenCache(self._analyse)

    def __len__(self) -> int:
        return len(self.exact) + len(self.prefix) + sum(len(v) for v in self.phrases.values()) \
            + sum(len(v) for v in self.phrase_prefix.values())

    def _add(self, pattern: str, unit: tuple) -> None:
        items = []
        for word in str(pattern).split():
            is_prefix = word.endswith("*") and len(word) > 1
            text = _fold_word(word.rstrip("*") if is_prefix else word)
            if text:
                items.append((text, is_prefix))
        if not items:
            return
        if len(items) == 1:
            text, is_prefix = items[0]
            (self.prefix if is_prefix else self.exact)[text] = unit
            return
        first, first_prefix = items[0]
        table = self.phrase_prefix if first_prefix else self.phrases
        table.setdefault(first, []).append((tuple(items[1:]), unit))

    # --- per-token analysis (cached) ----------------------------------------

    def token(self, raw: str) -> tuple:
        """What one token can match, ``(forms, unit, phrases, seconds, role)`` (cached by its raw form)."""
        if raw in BOUNDARY_CHARS:
            return self._analyse(raw)  # the cache holds the boundary marker for these
        return self._cache[raw]

    def _analyse(self, raw: str) -> tuple:
        if _ARABIC_RE.search(raw):
            forms = arabic_forms(raw)
        else:
            low = _fold_word(raw)
            forms = (low, low[:-2]) if low.endswith("'s") and len(low) > 2 else (low,)
        unit = self._lookup(forms)
        if unit is None and self.negation_suffixes and forms[0].endswith(self.negation_suffixes):
            unit = (NEG, 0.0)
        if unit is None and self.negation_circumfix and forms[0].endswith("ش"):
            unit = next((u for u in map(self._circumfix, forms) if u is not None), None)
        phrases = []
        for form in forms:
            phrases.extend(self.phrases.get(form, ()))
            for n in self.phrase_prefix_lengths:
                if len(form) >= n:
                    phrases.extend(self.phrase_prefix.get(form[:n], ()))
        if len(phrases) > 1:
            phrases.sort(key=lambda c: -len(c[0]))
        return _token(forms, unit, tuple(phrases))

    def _circumfix(self, word: str):
        # Dialect negation wraps the verb: ما...ش / م...ش (مابحبش، مكانش، معجبنيش).  A sentiment word
        # inside is negated in place; any other wrapped verb negates what follows, as مش does.
        if len(word) < 5 or not word.endswith("ش") or word[0] != "م":
            return None
        inner = word[2:-1] if word.startswith("ما") else word[1:-1]
        if len(inner) < _AR_MIN_STEM:
            return None
        unit = self._lookup(arabic_forms(inner))
        if unit is not None and unit[0] == SENT:
            return (SENT, unit[1] * NEGATION_FACTOR)
        return (NEG, 0.0)

    def _lookup(self, forms: tuple[str, ...]):
        for form in forms:
            unit = self.exact.get(form)
            if unit is not None:
                return unit
        for form in forms:
            for n in self.prefix_lengths:
                if len(form) >= n:
                    unit = self.prefix.get(form[:n])
                    if unit is not None:
                        return unit
        return None

    # --- scoring --------------------------------------------------------------

    def units(self, text: str):
        """Matched units: ``(kind, value, first_token, last_token, clause, start, end)``, and the tokens.

        Token positions count tokens only (not the boundaries between clauses); ``start`` and ``end``
        are character offsets in ``text``.  The tokens are ``(info, clause, start, end)``.
        """
        scanned = _hashtag_words_apart(text)
        spans, clauses = _token_spans(scanned)
        toks = [(self._cache[scanned[a:b]], c, a, b) for (a, b), c in zip(spans, clauses)]
        out = [(kind, value, first, last, clause, spans[first][0], spans[last][1])
               for kind, value, first, last, clause in self._units(text)]
        return out, toks

    def scan(self, text: str) -> list[str]:
        """The tokens and clause boundaries of ``text`` in order, as the matcher reads them.

        A caller that reads the text's words too can scan once and give the result to :meth:`polarity`.

        >>> CompiledLexicon({}).scan("good, not #very_bad")
        ['good', ',', 'not', 'very', 'bad']
        """
        return _FLAT_SCAN_RE.findall(_hashtag_words_apart(text))

    def _units(self, text: str, scanned: list[str] | None = None) -> list[tuple]:
        # Matched units ``(kind, value, first_token, last_token, clause)``.  Only the tokens that can
        # begin a match are visited in Python: the scan, the look-ups and the roles are C-speed passes,
        # and a live token's clause and token position follow from the boundaries before it.
        items = list(map(self._cache.__getitem__, self.scan(text) if scanned is None else scanned))
        roles = bytes(map(_ROLE, items))
        p = roles.find(LIVE)
        out: list[tuple] = []
        n = len(items)
        clause = seen = 0  # boundaries before position ``seen``
        while p >= 0:
            clause += roles.count(BOUNDARY, seen, p)
            seen = p
            _, unit, phrases, seconds, _ = items[p]
            width = 1
            if phrases and p + 1 < n and roles[p + 1] != BOUNDARY \
                    and (seconds is None or not seconds.isdisjoint(items[p + 1][_FORMS])):
                for rest, phrase_unit in phrases:
                    if _phrase_matches(rest, items, roles, p):
                        width, unit = len(rest) + 1, phrase_unit
                        break
            if unit is not None:
                first = p - clause  # boundaries are not tokens
                out.append((unit[0], unit[1], first, first + width - 1, clause))
            p = roles.find(LIVE, p + width)  # the words of a matched phrase count only as the phrase
        return out

    def score(self, text: str, target: tuple[int, int] | None = None, window: int | None = None,
              negation_window: int = 3) -> float:
        """Sentiment of ``text`` in ``-1..1`` (``nan`` never: no match scores 0).

        With ``target`` (character span in ``text``) and ``window``, only
        sentiment words within ``window`` tokens of the target count, and
        words inside the target's own span do not.
        """
        return self.score_detail(text, target, window, negation_window)[0]

    def score_detail(self, text, target=None, window=None, negation_window=3):
        """``(score, number of sentiment words that counted)``."""
        positive, negative, hits = self.polarity(text, target, window, negation_window)
        return squash(positive + negative), hits

    def polarity(self, text, target=None, window=None, negation_window=3,
                 scanned: list[str] | None = None) -> tuple[float, float, int]:
        """``(sum of positive word scores, sum of negative ones, words counted)`` after the modifiers.

        The parts :meth:`score` adds up, kept apart so a classifier can use
        them as features (a text with much praise and much blame is not a
        text with neither).  ``scanned``, when given, is :meth:`scan` of ``text``.

        >>> CompiledLexicon({"good": 1.0, "bad": -1.0}).polarity("good and bad")
        (1.0, -1.0, 2)
        """
        units = self._units(text, scanned)
        if not units:
            return 0.0, 0.0, 0
        span = _target_tokens(text, target) if target is not None and window is not None else None
        negs = [(u[3], u[4]) for u in units if u[0] == NEG]
        boosts = [u for u in units if u[0] == BOOST]
        contrast = max((u[2] for u in units if u[0] == CONTRAST), default=None)
        positive = negative = 0.0
        hits = 0
        for kind, value, first, last, clause in units:
            if kind != SENT or value == 0.0:
                continue
            if span is not None and not _near(first, last, span, window):
                continue
            v = value
            for _, amount, bfirst, blast, bclause in boosts:
                if bclause == clause and (0 < first - blast <= BOOST_REACH
                                          or (self.boost_after and 0 < bfirst - last <= BOOST_REACH)):
                    v *= max(0.1, 1.0 + amount)
            if any(c == clause and 0 < first - t <= negation_window for t, c in negs):
                v *= NEGATION_FACTOR
            if contrast is not None:
                v *= CONTRAST_BEFORE if last < contrast else CONTRAST_AFTER
            if v > 0:
                positive += v
            else:
                negative += v
            hits += 1
        return positive, negative, hits


def squash(total: float) -> float:
    """A sum of word scores on the -1..1 scale: ``x / sqrt(x**2 + 15/16)`` (VADER's normalisation).

    >>> round(squash(1.0), 2), squash(0.0)
    (0.72, 0.0)
    """
    return total / math.sqrt(total * total + ALPHA)


def _phrase_matches(rest, items, roles, p) -> bool:
    # the phrase's other words are the items after position p, all tokens of the same clause
    if p + len(rest) >= len(items):
        return False
    for k, (text, is_prefix) in enumerate(rest, 1):
        if roles[p + k] == BOUNDARY:
            return False
        forms = items[p + k][_FORMS]
        if is_prefix:
            if not any(f.startswith(text) for f in forms):
                return False
        elif text not in forms:
            return False
    return True


def _hashtag_words_apart(text: str) -> str:
    # words of a hashtag are joined by _ (#ارتكبت_مذبحة): read them apart; same length, same offsets
    return text.replace("_", " ") if "_" in text else text


def _token_spans(scanned: str) -> tuple[list[tuple[int, int]], list[int]]:
    # character spans of the tokens the matcher reads in a text (hashtag words apart), and each one's clause
    spans, clauses, clause = [], [], 0
    for m in SCAN_RE.finditer(scanned):
        if m.lastgroup == "b":
            clause += 1
        else:
            spans.append(m.span())
            clauses.append(clause)
    return spans, clauses


def _target_tokens(text: str, target) -> tuple[int, int] | None:
    a, b = target
    spans = _token_spans(_hashtag_words_apart(text))[0]
    inside = [k for k, (s, e) in enumerate(spans) if s < b and e > a]
    if inside:
        return inside[0], inside[-1]
    # the span falls between tokens: anchor on the next token
    after = [k for k, (s, _) in enumerate(spans) if s >= a]
    return (after[0], after[0] - 1) if after else None


def _near(first, last, span, window) -> bool:
    lo, hi = span
    if first <= hi and last >= lo:
        return False  # the target's own words
    gap = lo - last if last < lo else first - hi
    return gap <= window
