"""Text to terms for bag-of-words models: folding, stop words, light stemming.

Topic models count words, so inflected and cliticised forms of one word
must become one *term*, and function words, reporting verbs and wire
boilerplate must go.  Each token is handled by its script: Arabic-script
tokens by the Arabic rules, everything else by the English ones, so an
Arabic article quoting "NATO" keeps both.

Names first
    With stemming on, a token listed in the name tables of
    :mod:`framing.topics.names` (a gazetteer of places, countries with their
    adjectives, organisations and people; the stance targets; the actor
    registry; common words the stemmer would merge) becomes that entry's
    term and skips the rules below: السعودية stays السعوديه (not سعود), and
    إيران، الإيراني، والإيرانيين are one term.  Names of media actors
    (outlets) are dropped with the stop words.

Arabic (``light_stem``, version ``ar-light-1``)
    1. Fold (:func:`framing.text.fold`: alef forms, taa marbuta → ه,
       alef maqsura → ي, diacritics and tatweel dropped).
    2. Strip one definite-article group, longest first: وبال وكال فبال وال
       فال بال كال ولل فلل لل ال (keeping at least two letters).
    3. Strip one pronoun suffix (تهما تهم تها ته هما كما هم هن ها كم نا ه;
       the ت forms are taa marbuta before a pronoun: حكومتها → حكوم, except
       after ا, where ت belongs to the plural: سياساتها → سياسات), then
       one inflection suffix (يات ات ون ين ان يه يا ي), each only when
       three letters stay.  ه is also the folded taa marbuta, so
       سياسة / سياسي / السياسية / سياسات all become ``سياس``.

    Bare one-letter proclitics (و ف ب ل ك without the article) are *not*
    stripped here: too many roots start with those letters (وزير، فريق،
    بيان، لجنة).  :func:`clitic_candidates` lists the shorter readings, and
    the topic model keeps a reading only when the corpus attests it (see
    :mod:`framing.topics.model`).  Known conflations of this light stemmer:
    قانون → قان, لبنان → لبن, البحرين → بحر; labels show the most frequent
    surface form, not the stem.  The name tables fix those three and the
    merges readers noticed (الدوري/دور، العمليات/عمل، الدولي/الدولة/الدول).

English
    Lower-cased, possessive 's dropped, negated auxiliaries (don't) dropped,
    lemmatized with simplemma; all-capital acronyms (US, UN, WHO) are kept
    as written (lower-cased) and never treated as stop words.  ``U.S.`` is
    read as ``US``.

Both
    Tokens without a letter (numbers) and one-letter terms are dropped.
    Stop-word lists are ``framing/lang/<lang>_stopwords.txt``; an Arabic
    token is a stop word when the word or any proclitic-stripped variant of
    it is listed, so وقال and فإن need no entry.

Examples
--------
>>> pre = Preprocessor()
>>> pre("وقال الوزير إن السياسات الاقتصادية تغيرت في 2015")
['وزير', 'سياس', 'اقتصاد', 'تغيرت']
>>> pre("السعودية وإيران والإيرانيون")
['السعوديه', 'ايران', 'ايران']
>>> pre("The U.S. officials said talks on sanctions resumed.")
['us', 'official', 'talk', 'sanction', 'resume']
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import simplemma

from framing.lang import read_wordlist, resource_path
from framing.text import ARABIC_PROCLITICS, INVISIBLE, TOKEN_RE, fold
from framing.topics.names import NAMES_VERSION, protected

#: Version of the preprocessing rules; saved with every model that uses them.
PREPROCESS_VERSION = "preprocess.v2"
#: Version of :func:`light_stem`.
STEMMER_VERSION = "ar-light-1"

ARTICLE_PREFIXES = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
PRONOUN_SUFFIXES = ("تهما", "تهم", "تها", "ته", "هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه")
INFLECTION_SUFFIXES = ("يات", "ات", "ون", "ين", "ان", "يه", "يا", "ي")
#: One-letter proclitics that :func:`clitic_candidates` may peel off.
CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
#: Fewest letters a stem keeps after a suffix is stripped.
MIN_STEM = 3

_ARABIC_START = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
_LETTER = re.compile(r"[^\W\d_]")
# "U.S." and "U.N." would split into one-letter tokens.  No leading \b: a
# pattern that starts with a character class scans text much faster, and
# _join_acronym checks the boundary itself.
_DOTTED_ACRONYM = re.compile(r"[A-Z]\.(?:[A-Z]\.)+")
# a regex finds nothing to delete much faster than str.translate copies a text
_INVISIBLE_RE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")


def light_stem(word: str) -> str:
    """Light-stem one Arabic word (see the module notes for the rules).

    Parameters
    ----------
    word : str
        An Arabic word; it is folded first.

    Returns
    -------
    str
        The stem, in folded spelling.

    Examples
    --------
    >>> [light_stem(w) for w in ["والسياسية", "سياسات", "حكومتها", "وزير"]]
    ['سياس', 'سياس', 'حكوم', 'وزير']
    """
    return _stem_folded(fold(word))


def _stem_folded(w: str) -> str:
    for prefix in ARTICLE_PREFIXES:
        if w.startswith(prefix) and len(w) - len(prefix) >= 2:
            w = w[len(prefix):]
            break
    w = _strip_suffix(w, PRONOUN_SUFFIXES)
    return _strip_suffix(w, INFLECTION_SUFFIXES)


def _strip_suffix(w: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        n = len(suffix)
        if w.endswith(suffix) and len(w) - n >= MIN_STEM:
            if suffix[0] == "ت" and w[-n - 1] == "ا":
                continue  # سياساتها is plural ات + ها, not taa marbuta + ها
            return w[:-n]
    return w


def clitic_candidates(term: str) -> tuple[str, ...]:
    """Shorter readings of a stem that began with a bare proclitic.

    ``وحرب`` may be و + حرب; ``وزير`` is a word of its own.  Only the corpus
    can tell, so this lists the readings (longest first, at least three
    letters) and the caller checks which one its vocabulary knows.

    Examples
    --------
    >>> clitic_candidates("وبحرب")
    ('بحرب', 'حرب')
    >>> clitic_candidates("حرب")
    ()
    """
    out = []
    if term[:1] in CONJUNCTIONS and term[:1]:
        out.append(term[1:])
        if term[1:2] and term[1] in PREPOSITIONS:
            out.append(term[2:])
    elif term[:1] and term[0] in PREPOSITIONS:
        out.append(term[1:])
    return tuple(c for c in out if len(c) >= MIN_STEM)


@lru_cache(maxsize=None)
def stopwords(lang: str) -> frozenset[str]:
    """The shipped stop-word list for ``lang``, folded (and lower-cased).

    >>> "قال" in stopwords("ar") and "said" in stopwords("en")
    True
    """
    return frozenset(fold(w).lower() for w in read_wordlist(lang, "stopwords.txt"))


def stopwords_fingerprint(lang: str) -> str:
    """Short sha256 of the folded stop-word set, to record with a model."""
    words = "\n".join(sorted(stopwords(lang))).encode("utf-8")
    return hashlib.sha256(words).hexdigest()[:16]


def _is_arabic_stop(word: str, stops: frozenset[str]) -> bool:
    # the same proclitics as framing.text.clitic_variants, without building the list
    return word in stops or any(word.startswith(p) and word[len(p):] in stops for p in ARABIC_PROCLITICS)


def term(token: str, stem: bool = True) -> str | None:
    """The term a raw token counts as, or None when it is dropped.

    :class:`Preprocessor` caches the results: a corpus has far fewer
    distinct tokens than tokens.

    >>> term("والسياسية"), term("وقالت"), term("2015"), term("Russia's")
    ('سياس', None, None, 'russia')
    """
    if not _LETTER.search(token):
        return None
    if _ARABIC_START.match(token):
        return _arabic_term(token, stem)
    return _latin_term(token, stem)


@lru_cache(maxsize=None)
def _drop_set(lang: str) -> frozenset[str]:
    """Stop words and outlet names: the words a topic model never counts."""
    return stopwords(lang) | protected(lang).outlets


def _arabic_term(token: str, stem: bool) -> str | None:
    word = fold(token)
    if len(word) < 2 or _is_arabic_stop(word, _drop_set("ar")):
        return None
    if stem:
        name = protected("ar").term(word)
        if name is not None:
            return name
    out = _stem_folded(word) if stem else word
    return out if len(out) >= 2 else None


def _latin_term(token: str, stem: bool) -> str | None:
    base, _, suffix = token.replace("’", "'").partition("'")
    if suffix and suffix.lower() == "t":
        return None  # don't, can't, won't: negated auxiliaries
    if len(base) >= 2 and base.isupper() and base.isalpha():
        acronym = base.lower()  # acronym: US is not "us"
        return None if acronym in protected("en").outlets else acronym
    word = fold(base).lower()
    stops = _drop_set("en")
    if len(word) < 2 or word in stops:
        return None
    if stem:
        name = protected("en").term(word)
        if name is not None:
            return name
        word = simplemma.lemmatize(word, lang="en").lower()
        if word in stops:
            return None
    return word if len(word) >= 2 else None


def tokens(text: str) -> list[str]:
    """Raw word tokens of ``text`` with invisible marks removed and U.S. joined.

    >>> tokens("The U.S. and\u200c NATO")
    ['The', 'US', 'and', 'NATO']
    """
    text = _INVISIBLE_RE.sub("", text)
    if "." in text:
        text = _DOTTED_ACRONYM.sub(_join_acronym, text)
    return TOKEN_RE.findall(text)


def _join_acronym(m: re.Match) -> str:
    start = m.start()
    if start and m.string[start - 1].isalnum():
        return m.group()  # "ABC.D.E." mid-word: not an acronym of initials
    return m.group().replace(".", "")


class Preprocessor:
    """Turn a text into the list of terms a topic model counts.

    Parameters
    ----------
    stem : bool
        Light-stem Arabic and lemmatize English; off keeps folded words.

    Examples
    --------
    >>> Preprocessor(stem=False)("وأكد الرئيس أن المفاوضات مستمرة")
    ['الرئيس', 'المفاوضات', 'مستمره']
    """

    def __init__(self, stem: bool = True):
        self.stem = stem

    def __call__(self, text: str) -> list[str]:
        return [t for t in self._terms(tokens(text)) if t]

    def pairs(self, text: str) -> list[tuple[str, str]]:
        """``(token as written, term)`` for each kept token.

        >>> Preprocessor().pairs("وقال الوزير")
        [('الوزير', 'وزير')]
        """
        toks = tokens(text)
        return [(w, t) for w, t in zip(toks, self._terms(toks)) if t]

    def term(self, token: str) -> str:
        """The term of one raw token ("" when dropped), from the shared cache.

        >>> Preprocessor().term("والسياسية")
        'سياس'
        """
        return self._terms([token])[0]

    def _terms(self, toks: list[str]) -> list[str | None]:
        # A plain dict looked up with map() runs in C: most of a corpus's
        # tokens are repeats, so this is most of the preprocessing time.
        cache = _TERM_CACHE[self.stem]
        found = list(map(cache.get, toks))
        if None in found:
            if len(cache) > _TERM_CACHE_MAX:
                cache.clear()
            for i, t in enumerate(found):
                if t is None:
                    found[i] = cache[toks[i]] = term(toks[i], self.stem) or ""
        return found

    def settings(self) -> dict:
        """What a saved model must record to reproduce these terms."""
        return {
            "preprocess_version": PREPROCESS_VERSION,
            "stemmer_version": STEMMER_VERSION if self.stem else None,
            "lemmatizer": f"simplemma {getattr(simplemma, '__version__', '?')}" if self.stem else None,
            "stem": self.stem,
            "names": {lang: {"version": NAMES_VERSION, "sha256": protected(lang).sha256} for lang in ("ar", "en")}
            if self.stem else None,
            "stopwords": {lang: {"file": resource_path(lang, "stopwords.txt").name,
                                 "sha256": stopwords_fingerprint(lang),
                                 "n": len(stopwords(lang))} for lang in ("ar", "en")},
        }


# token -> term ("" when dropped), per stem setting; cleared when it grows past the cap
_TERM_CACHE: dict[bool, dict[str, str]] = {True: {}, False: {}}
_TERM_CACHE_MAX = 2_000_000
