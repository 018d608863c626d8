"""Stance targets: their names, aliases in each language, and finding them in text.

A target is what a speaker takes a stance toward: a country, an alliance,
a policy.  Targets come from a YAML file (``framing/data/targets.yml`` by
default; ``--targets FILE`` replaces it)::

    targets:
      - name: Russia
        aliases:
          ar: [روسيا, موسكو, الكرملين, الروسي]
          en: [Russia, Moscow, Kremlin, Russian]
        exclude:               # optional: phrases that contain an alias but name something else
          en: [Russian roulette]
        references:            # optional: words that mean the target in an article that names it
          ar: [الاتفاق]        # (an agreement's target, say: "the agreement" after "the nuclear agreement")

Aliases are matched on whole tokens after :func:`framing.text.normalize`:
Arabic through attached proclitics (وروسيا، بروسيا، لأوكرانيا، للروس), English
case-insensitively, except short acronyms written in capitals (``US``,
``EU``, ``U.S.``), which match only in capitals because in lower case they are
ordinary words ("us").  Multi-word aliases match token by token.  The
language keys are for the reader: every alias is looked for in every text,
so an English acronym inside Arabic text is still found.

Examples
--------
>>> ts = load_targets()
>>> [t.slug for t in ts][:3]
['russia', 'ukraine', 'united_states']
>>> target_columns(ts[:1])
['stance_russia', 'stance_russia_label']
>>> m = AliasMatcher(ts)
>>> [(ts[x.target].name, x.start) for x in m.find(tokenize_for_matching("ندعم أوكرانيا وندين الغزو الروسي"))]
[('Ukraine', 1), ('Russia', 4)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from framing.errors import InputError
from framing.text import ARABIC_PROCLITICS, FOLDED_AWAY, TOKEN_RE, clitic_variants, fold, fold_text, is_folded
from framing.stance.matching import FirstTokens, scan_longest

HERE = Path(__file__).resolve().parents[1]  # the package folder, holding data/

#: Keys a target entry may have; anything else is most likely a typo ("alias:").
ENTRY_KEYS = ("name", "aliases", "exclude", "references", "description")


@dataclass(frozen=True)
class Target:
    """One stance target: a display name and its aliases by language.

    Parameters
    ----------
    name : str
        Display name ("United States"); its slug names the output columns.
    aliases : mapping of str to sequence of str
        Aliases by language code.
    exclude : mapping of str to sequence of str, optional
        Longer phrases that contain an alias but do not name the target
        ("Latin America"); they are matched and then ignored.
    references : mapping of str to sequence of str, optional
        Words that refer back to the target in an article that names it by
        an alias ("الاتفاق", "التنظيم"), and mean something else elsewhere;
        the news stance scorer reads them so (:func:`reference_matchers`).

    Examples
    --------
    >>> Target("European Union", {"en": ["EU", "European Union"]}).slug
    'european_union'
    """

    name: str
    aliases: Mapping[str, tuple[str, ...]]
    exclude: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    references: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "aliases", {k: tuple(v) for k, v in self.aliases.items()})
        object.__setattr__(self, "exclude", {k: tuple(v) for k, v in self.exclude.items()})
        object.__setattr__(self, "references", {k: tuple(v) for k, v in self.references.items()})

    @cached_property
    def slug(self) -> str:
        """The name as a column-safe slug (``United States`` -> ``united_states``)."""
        # made once: the stance scorer asks for it for every candidate of a corpus
        return slugify(self.name)

    def all_aliases(self) -> list[str]:
        """Every alias, all languages together."""
        return [a for values in self.aliases.values() for a in values]

    def names_it(self, label) -> bool:
        """Whether ``label`` (e.g. a speaker's side) is this target's name, slug or one of its aliases.

        >>> Target("Russia", {"en": ["Moscow"]}).names_it("moscow")
        True
        """
        if not isinstance(label, str) or not label.strip():
            return False
        return fold(label).lower() in self._names

    @cached_property
    def _names(self) -> frozenset:
        # the folded name, slug and aliases, made once (asked for every speaker of a corpus)
        return frozenset({fold(self.name).lower(), self.slug} | {fold(a).lower() for a in self.all_aliases()})


def reference_matchers(targets: Sequence[Target]) -> dict[int, "AliasMatcher"]:
    """One matcher per target that has ``references``, by the target's index (empty when none has any).

    Each finds its target's references (as index 0); a reader keeps those
    of targets its article names, and drops a word two of them share.

    >>> ts = [Target("Iran nuclear agreement", {"ar": ["الاتفاق النووي"]}, references={"ar": ["الاتفاق"]}),
    ...       Target("Iran", {"ar": ["إيران"]})]
    >>> sorted(reference_matchers(ts))
    [0]
    """
    return {i: AliasMatcher([Target(t.name, t.references)]) for i, t in enumerate(targets) if t.references}


def slugify(name: str) -> str:
    """Lower-case the name and join its words with ``_`` (letters of any script are kept).

    >>> slugify("United States"), slugify("N.A.T.O."), slugify("حلف الناتو")
    ('united_states', 'n_a_t_o', 'حلف_الناتو')
    """
    return re.sub(r"\W+", "_", fold(name).lower()).strip("_")


def target_columns(targets: Iterable[Target | str]) -> list[str]:
    """The stance output columns for ``targets``: ``stance_<slug>`` and ``stance_<slug>_label`` each.

    Targets may be :class:`Target` objects or plain names.

    >>> target_columns(["United States", "sanctions"])
    ['stance_united_states', 'stance_united_states_label', 'stance_sanctions', 'stance_sanctions_label']
    """
    cols = []
    for t in targets:
        slug = t.slug if isinstance(t, Target) else slugify(str(t))
        cols += [f"stance_{slug}", f"stance_{slug}_label"]
    return cols


def default_targets_path() -> Path:
    """The shipped targets file (the sample domain: the Russia–Ukraine crisis)."""
    return HERE / "data" / "targets.yml"


# --- reading and validating a targets file --------------------------------------------------


def load_targets(path=None) -> list[Target]:
    """Read and validate a targets YAML file (the shipped defaults when ``path`` is None).

    Raises
    ------
    InputError
        When the file cannot be read or parsed, or an entry is malformed;
        the message names the file, the line and the target entry.

    Examples
    --------
    >>> [t.name for t in load_targets()]
    ['Russia', 'Ukraine', 'United States', 'NATO', 'European Union', 'sanctions']
    """
    path = Path(path) if path is not None else default_targets_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: targets file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the targets file ({exc})") from None
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    return parse_targets(data, source=str(path), lines=_entry_lines(node))


def combine_targets(base, added) -> list[Target]:
    """The targets of ``base`` (None: the shipped ones) followed by those of ``added`` (a file or list).

    An added target whose name or column slug is already taken is an error
    naming it: two targets would write one column.

    Examples
    --------
    >>> extra = [Target("Iran", {"en": ["Iran", "Tehran"]})]
    >>> [t.name for t in combine_targets(None, extra)][-2:]
    ['sanctions', 'Iran']
    """
    first, more = resolve_targets(base), resolve_targets(added)
    taken = {t.slug: t.name for t in first}
    for t in more:
        if t.slug in taken:
            where = f"{added}: " if isinstance(added, (str, Path)) else ""
            raise InputError(f"{where}target {t.name!r} is already a target ({taken[t.slug]!r}); rename it, or "
                             f"use --targets to replace the list instead of adding to it")
        taken[t.slug] = t.name
    return [*first, *more]


def resolve_targets(targets) -> list[Target]:
    """Targets from None (the shipped defaults), a file path, or a list of :class:`Target`."""
    if targets is None:
        return load_targets()
    if isinstance(targets, (str, Path)):
        return load_targets(targets)
    targets = list(targets)
    if not all(isinstance(t, Target) for t in targets):
        raise TypeError("targets must be None, a targets file path, or a list of framing.stance.targets.Target")
    return targets


def parse_targets(data, *, source: str = "<targets>", lines: Sequence[int] | None = None) -> list[Target]:
    """Validate already-loaded YAML data (a list of entries, or ``{"targets": [...]}``).

    ``source`` and ``lines`` (the line of each entry) only make error messages precise.

    >>> parse_targets([{"name": "NATO", "aliases": {"en": ["NATO"]}}])[0].aliases
    {'en': ('NATO',)}
    """
    if isinstance(data, Mapping) and "targets" in data:
        data = data["targets"]
    if not isinstance(data, list) or not data:
        raise InputError(f"{source}: expected a non-empty list of targets, or a 'targets:' key holding one "
                         f"(each with a 'name' and 'aliases')")
    targets, seen = [], {}
    for i, entry in enumerate(data):
        line = lines[i] if lines is not None and i < len(lines) else None
        where = f"{source}, line {line}" if line else source
        target = _parse_entry(entry, i + 1, where)
        if target.slug in seen:
            raise InputError(f"{where}: target {target.name!r} has the same column name "
                             f"'stance_{target.slug}' as target #{seen[target.slug]}; rename one")
        seen[target.slug] = i + 1
        targets.append(target)
    return targets


def _parse_entry(entry, number: int, where: str) -> Target:
    if not isinstance(entry, Mapping):
        raise InputError(f"{where}: target #{number} is {type(entry).__name__} {entry!r}; "
                         f"expected a mapping with 'name' and 'aliases'")
    name = entry.get("name")
    label = f"target #{number}" + (f" ({name!r})" if isinstance(name, str) else "")
    unknown = [k for k in entry if k not in ENTRY_KEYS]
    if unknown:
        raise InputError(f"{where}: {label}: unknown key(s) {unknown}; allowed: {list(ENTRY_KEYS)}")
    if name is None:
        raise InputError(f"{where}: {label} has no 'name'")
    if not isinstance(name, str) or not name.strip() or not slugify(name):
        raise InputError(f"{where}: {label}: 'name' must be non-empty text, got {name!r}")
    aliases = _parse_phrases(entry.get("aliases"), "aliases", label, where, required=True)
    exclude = _parse_phrases(entry.get("exclude"), "exclude", label, where, required=False)
    references = _parse_phrases(entry.get("references"), "references", label, where, required=False)
    return Target(name.strip(), aliases, exclude, references)


def _parse_phrases(value, key: str, label: str, where: str, *, required: bool) -> dict[str, tuple[str, ...]]:
    if value is None:
        if required:
            raise InputError(f"{where}: {label} has no '{key}' (a mapping of language code to a list of names)")
        return {}
    if not isinstance(value, Mapping):
        raise InputError(f"{where}: {label}: '{key}' must map language codes to lists of names "
                         f"(e.g. {{en: [Russia, Moscow]}}), got {type(value).__name__}")
    out = {}
    for lang, items in value.items():
        if not isinstance(lang, str):
            raise InputError(f"{where}: {label}: language code {lang!r} in '{key}' must be text such as 'ar'")
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list):
            raise InputError(f"{where}: {label}: {key}.{lang} must be a list of names, got {type(items).__name__}")
        for j, item in enumerate(items):
            if not isinstance(item, str) or not tokenize_for_matching(item):
                raise InputError(f"{where}: {label}: {key}.{lang}[{j}] must be a non-empty name, got {item!r}")
        out[lang] = tuple(s.strip() for s in items)
    if required and not any(out.values()):
        raise InputError(f"{where}: {label} has no aliases; give at least one name to look for")
    return out


def _entry_lines(node) -> list[int] | None:
    """1-based line of each target entry in the composed YAML, to point errors at it."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "targets":
                node = value
                break
    if isinstance(node, yaml.SequenceNode):
        return [item.start_mark.line + 1 for item in node.value]
    return None


# --- tokens for matching ------------------------------------------------------------------------

# Dotted capital abbreviations ("U.S.", "E.U.") are one token; a clause boundary is a
# sentence mark, semicolon, colon or comma (a period only before a space or the end).
# \b(?:[A-Za-z]\.){2,} without its first letter (which has no dot to take out), written to open on the
# dot: the regex engine finds a literal first character at C speed, where a class of letters made it test
# every character of an Arabic text (seventeen times slower on SaudiNewsNet's articles)
_ABBREVIATION_RE = re.compile(r"\.(?<=[A-Za-z]\.)(?<!\w[A-Za-z]\.)(?:[A-Za-z]\.)+")
_MATCH_TOKEN_RE = re.compile(TOKEN_RE.pattern + r"|[!?؟;؛:,،]|\.(?!\w)")
#: Tokens that end a clause; relations between a cue and a target do not cross them.
BOUNDARIES = frozenset("!?؟;؛:,،.")
#: Tokens that end a sentence (pronoun references may cross commas but not these).
SENTENCE_ENDS = frozenset("!?؟.")
_ARABIC_RE = re.compile(r"[\u0621-\u064A]")


def tokenize_for_matching(text: str, *, normalized: bool = False) -> list[str]:
    """Normalized word tokens and clause-boundary marks of ``text``, for alias and cue matching.

    ``normalized=True`` says ``text`` comes from :func:`fold_texts` already.

    >>> tokenize_for_matching("The U.S. said: «نقف مع أوكرانيا».")
    ['The', 'US', 'said', ':', 'نقف', 'مع', 'اوكرانيا', '.']
    """
    if not normalized:
        text = _join_abbreviations(fold_text(text, strip=False))
    return _MATCH_TOKEN_RE.findall(text)


def _join_abbreviations(text: str) -> str:
    return _ABBREVIATION_RE.sub(_undot, text) if "." in text else text


def _undot(m: re.Match) -> str:
    return m.group().replace(".", "")


#: Tokens whose candidate targets are kept; the cache is emptied when full.
_CACHE_LIMIT = 1 << 18


def fold_texts(values: Iterable, chunk: int = 4096) -> list[str]:
    """Texts ready for :func:`tokenize_for_matching` (``normalized=True``), folded in joined chunks.

    :func:`framing.text.fold_text` (unstripped), and dotted abbreviations closed up ("U.S." -> "US");
    non-text values give ``""``.

    >>> fold_texts(["The U.S. said", None])
    ['The US said', '']
    """
    raw = ["" if not isinstance(v, str) else v.replace(_SEP, " ") for v in values]
    out: list[str] = []
    a = 0
    while a < len(raw):
        # at most ``chunk`` texts and about _CHUNK_CHARS characters: 4,096 whole articles joined would be
        # some eight million characters, held two or three times over while they are folded and split
        b, size = a, 0
        while b < len(raw) and b - a < chunk and (size < _CHUNK_CHARS or b == a):
            size += len(raw[b])
            b += 1
        out += _join_abbreviations(fold_text(_SEP.join(raw[a:b]), strip=False)).split(_SEP)
        a = b
    return out


#: About how many characters :func:`fold_texts` folds at once.
_CHUNK_CHARS = 1 << 18


_SEP = "\ue000"  # a private-use character that no text contains (replaced above if one does)


@lru_cache(maxsize=200_000)
def readings(token: str) -> tuple[tuple[str, str, bool], ...]:
    """Ways to read a normalized token for look-up: ``(key, prefix, possessive)`` triples.

    Arabic tokens give the word and its stems without proclitics (the
    stripped ``prefix`` is kept); when the stripped prefix ends in the
    article (``ال``, or ``لل`` for ل + ال), the stem with ``ال`` restored is
    offered too, so ``للروس`` reads as ``ل`` + ``الروس``.  Latin tokens are
    lower-cased, and an English possessive ``'s`` is split off.

    >>> readings("للروس")
    (('للروس', '', False), ('لروس', 'ل', False), ('الروس', 'لل', False), ('روس', 'لل', False))
    >>> readings("Russia's")
    (('russia', '', True), ("russia's", '', False))
    """
    if _ARABIC_RE.match(token):
        out = []
        for stem in clitic_variants(token):
            prefix = token[: len(token) - len(stem)]
            if prefix.endswith(("ال", "لل")) and not stem.startswith("ال") and prefix != "ال":
                out.append(("ال" + stem, prefix, False))
            out.append((stem, prefix, False))
        return tuple(out)
    low = token.lower()
    if low.endswith(("'s", "'")) and len(low) > 2:
        return ((low[:-2] if low.endswith("'s") else low[:-1], "", True), (low, "", False))
    return ((low, "", False),)


def reads_by_endings(token: str) -> bool:
    """Whether each key of ``readings(token)`` is an ending of ``token``, or one with ال put before it.

    So for a folded Arabic token: its readings are the stems left after its
    proclitics.  A look-up by reading can then skip a token that contains
    none of its words (their cheap test, before the readings are worked out).

    >>> reads_by_endings("للروس"), reads_by_endings("Russia's"), reads_by_endings("أوكرانيا")
    (True, False, False)
    """
    return _ARABIC_RE.match(token) is not None and is_folded(token) and token.lower() == token


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """The form of a non-initial phrase token that must match exactly (lower case, no ``'s``)."""
    low = token.lower()
    if low.endswith("'s") and not _ARABIC_RE.match(low):
        return low[:-2]
    return low


#: How far from a core :meth:`AliasMatcher.find_spans` looks for the space that bounds a token.
_NEAR_SPACE = 256
#: What :meth:`AliasMatcher._mention_at` gives when no space stands near a core.
_FAR = object()


def _space_after(text: str, at: int) -> int | None:
    """The first space at or after ``at`` within :data:`_NEAR_SPACE` characters, or the text's end when that
    comes first; None when neither does."""
    found = text.find(" ", at, at + _NEAR_SPACE)
    if found >= 0:
        return found
    return len(text) if len(text) <= at + _NEAR_SPACE else None


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "")
    return letters.isascii() and letters.isalpha() and letters.isupper() and len(letters) <= 3


# --- alias matching -------------------------------------------------------------------------------


def trie_pattern(words: Sequence[str]) -> str:
    """A regex alternation of ``words`` factored into a prefix tree (fast to search).

    >>> trie_pattern(["russia", "russian", "rome"])
    '(?:r(?:ome|ussia(?:n)?))'
    >>> bool(re.fullmatch(trie_pattern(["ab", "abc", "b"]), "abc"))
    True
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            child, piece = node[ch], re.escape(ch)
            while len(child) == 1 and "" not in child:  # a chain without branches is one literal
                (nxt, child), = child.items()
                piece += re.escape(nxt)
            alts.append(piece + build(child))
        if not alts:
            return ""
        optional = "" in node
        body = alts[0] if len(alts) == 1 and not optional else "(?:" + "|".join(alts) + ")"
        return body + "?" if optional else body

    return "(?:" + build(trie) + ")"


#: Words of the Arabic block alone (letters, marks, digits): no character of it has a case.
_ARABIC_BLOCK_RE = re.compile("[\u0600-\u06FF]+")
#: Characters that an ignore-case search matches to an ASCII letter while their lower case is not that
#: letter alone (dotted capital I, dotless i, long s); a text holding one is searched ignoring case.
_CASE_EXCEPTIONS = "\u0130\u0131\u017f"


class WordScreen:
    """Whether a text contains any of some words, case ignored: ``re.search`` with ``re.IGNORECASE``, faster.

    An ignore-case search tests every character of the text against the
    words' case variants, several times slower than a case-sensitive one on
    long texts.  The words of ASCII characters alone are therefore looked for
    in the lower-cased text, case-sensitively; the same answer, since lower
    case maps a character to an ASCII letter just when an ignore-case search
    matches it to that letter, but for :data:`_CASE_EXCEPTIONS`.  The other
    words (Arabic) are looked for ignoring case, as before.

    Parameters
    ----------
    words : iterable of str

    Examples
    --------
    >>> screen = WordScreen(["nato", "روسيا"])
    >>> screen.search("قالت روسيا"), screen.search("NATO said"), screen.search("no one")
    (True, True, False)
    """

    def __init__(self, words):
        words = set(words)
        ascii_words = sorted({w.lower() for w in words if w.isascii()})
        # Arabic letters have no case: their words are looked for as they are, faster than ignoring case
        arabic = sorted(w for w in words if not w.isascii() and _ARABIC_BLOCK_RE.fullmatch(w))
        other = sorted(w for w in words if not w.isascii() and not _ARABIC_BLOCK_RE.fullmatch(w))
        self._ascii = re.compile(trie_pattern(ascii_words)) if ascii_words else None
        self._ascii_ignore_case = re.compile(trie_pattern(ascii_words), re.IGNORECASE) if ascii_words else None
        self._arabic = re.compile(trie_pattern(arabic)) if arabic else None
        self._other = re.compile(trie_pattern(other), re.IGNORECASE) if other else None

    def search(self, text: str) -> bool:
        """Whether ``text`` contains one of the words, case ignored."""
        if self._arabic is not None and self._arabic.search(text) is not None:
            return True
        if self._other is not None and self._other.search(text) is not None:
            return True
        if self._ascii is None:
            return False
        if any(ch in text for ch in _CASE_EXCEPTIONS):
            return self._ascii_ignore_case.search(text) is not None
        return self._ascii.search(text.lower()) is not None

    def starts(self, text: str) -> list[int]:
        """Where in ``text`` the words are found, ascending: each regex's non-overlapping matches.

        A word inside another's match may be passed over, but a token that holds
        one of the words holds a match: the search reaches the token's start, and
        a match of word characters found from there ends inside it.  Not for a
        text holding one of :data:`_CASE_EXCEPTIONS`, whose lower case may be
        longer than the text.

        >>> WordScreen(["nato", "روسيا"]).starts("NATO: روسيا")
        [0, 6]
        """
        found = [m.start() for pattern in (self._arabic, self._other) if pattern is not None
                 for m in pattern.finditer(text)]
        if self._ascii is not None:
            found += [m.start() for m in self._ascii.finditer(text.lower())]
        return sorted(found)


#: Texts up to this long (a paragraph, a statement) are screened a second time, by their tokens.
_SHORT_TEXT = 1500
#: Characters after which a text is read token by token, however the tokens' regex answers.
_UNSURE_RE = re.compile(f"[{re.escape(FOLDED_AWAY + _CASE_EXCEPTIONS)}]")
#: A character of a word token (:data:`framing.text.TOKEN_RE` less its ``'s`` ending).
_TOKEN_CHAR = r"[\w\u0621-\u064A\u0660-\u0669\u0670-\u06D3\u064B-\u0652\u0640]"
# a token ends before a character not of a word, or after the [A-Za-z]+ of its 's ending (then before a
# character that is not [A-Za-z]); the next token may start there
_TOKEN_END = f"(?:(?!{_TOKEN_CHAR})|(?<=[A-Za-z])(?![A-Za-z]))"
# what stands before a token's first character (matched there): not a character of a word, or the last
# letter of an 's ending before a character that is not [A-Za-z] (case ignored, as first_token_pattern's
# look-behind: the Kelvin sign is a K)
_TOKEN_START_RE = re.compile(f"(?!{_TOKEN_CHAR}).|[A-Za-z](?![A-Za-z])", re.DOTALL | re.IGNORECASE)


def first_token_pattern(index_keys, exact_keys) -> re.Pattern:
    """A regex found in a folded text wherever a token may have a reading among the keys (ignoring case).

    A token's readings (:func:`readings`) are, for an Arabic one, its stem
    after a proclitic (:data:`framing.text.ARABIC_PROCLITICS`, or none), or
    ال with that stem after a proclitic ending in ال or لل; for another, the
    token lower-cased, without an ending ``'s`` or ``'``.  So a token with a
    reading among the keys is a proclitic and a key (or a key without its ال)
    standing between characters that are not of a word (or after a Latin
    letter that a ``'s`` ending may end a token with).  A key with a
    character not of a word is looked for anywhere.

    Parameters
    ----------
    index_keys : iterable of str
        Keys looked up by reading (lower case for Latin words).
    exact_keys : iterable of str
        Keys looked up by the token itself (acronyms).

    Examples
    --------
    >>> pattern = first_token_pattern(["الروس", "nato"], ["US"])
    >>> [bool(pattern.search(t)) for t in ("وللروس", "دروس", "the NATO summit", "focus", "US aid")]
    [True, False, True, False, True]
    """
    keys = {k.lower() for k in (*index_keys, *exact_keys)}
    word = re.compile(f"{_TOKEN_CHAR}+")
    whole = sorted(k for k in keys if word.fullmatch(k))
    anywhere = sorted(k for k in keys if not word.fullmatch(k))
    restored = sorted(k[2:] for k in whole if k.startswith("ال") and len(k) > 2)
    after_article = [p for p in ARABIC_PROCLITICS if p.endswith(("ال", "لل")) and p != "ال"]
    # a token starts after a character not of a word, or where one ends after the [A-Za-z]+ of its 's ending
    start = f"(?:(?<!{_TOKEN_CHAR})|(?<=[A-Za-z])(?![A-Za-z]))"
    end = _TOKEN_END
    alternatives = []
    if whole:
        alternatives.append(f"{start}{trie_pattern([*ARABIC_PROCLITICS, ''])}{trie_pattern(whole)}{end}")
    if restored:
        alternatives.append(f"{start}{trie_pattern(after_article)}{trie_pattern(restored)}{end}")
    if anywhere:
        alternatives.append(trie_pattern(anywhere))
    return re.compile("|".join(alternatives) or "(?!)", re.IGNORECASE)


class FirstTokenScreen:
    """:func:`first_token_pattern`'s answer for a folded text, found several times faster.

    That regex opens with a look-behind for a token's start, which keeps
    Python's regex engine from skipping ahead to the characters a match can
    begin with, and ignores case, which slows every comparison.  Here the
    keys of Arabic letters are written after each proclitic (one prefix tree
    of whole strings, which the engine skips ahead to, searched as they are:
    Arabic has no case); the other keys are looked for in the lower-cased
    text (as :class:`WordScreen` does), a proclitic before one checked
    after it is found; and a match's token start is checked after it is
    found.  A text holding one of :data:`_CASE_EXCEPTIONS` is searched with
    the regex itself, and so is every text when a key has letters other than
    ASCII and Arabic ones (Türkiye).

    Parameters
    ----------
    index_keys, exact_keys : iterable of str
        As for :func:`first_token_pattern`.

    Examples
    --------
    >>> screen = FirstTokenScreen(["الروس", "nato"], ["US"])
    >>> [screen.search(t) for t in ("وللروس", "دروس", "the NATO summit", "focus", "US aid", "وNATO")]
    [True, False, True, False, True, True]
    """

    def __init__(self, index_keys, exact_keys):
        index_keys, exact_keys = list(index_keys), list(exact_keys)
        self._regex = first_token_pattern(index_keys, exact_keys)
        keys = {k.lower() for k in (*index_keys, *exact_keys)}
        word = re.compile(f"{_TOKEN_CHAR}+")
        whole = [k for k in keys if word.fullmatch(k)]
        anywhere = sorted(k for k in keys if not word.fullmatch(k))
        arabic = [k for k in whole if _ARABIC_BLOCK_RE.fullmatch(k)]
        cased = sorted(k for k in whole if not _ARABIC_BLOCK_RE.fullmatch(k))
        restored = [k[2:] for k in whole if k.startswith("ال") and len(k) > 2]
        after_article = [p for p in ARABIC_PROCLITICS if p.endswith(("ال", "لل")) and p != "ال"]
        strings = sorted({p + k for p in (*ARABIC_PROCLITICS, "") for k in arabic}
                         | {p + k for p in after_article for k in restored})
        self._arabic = re.compile(trie_pattern(strings) + _TOKEN_END) if strings else None
        self._cased = re.compile(trie_pattern(cased) + _TOKEN_END) if cased else None
        # a key of other letters than ASCII and Arabic (Türkiye) may match a text that differs in more than
        # case, as an ignore-case search reads it: such keys are searched with the regex itself
        self._lower_is_enough = all(k.isascii() for k in cased)
        self._anywhere = re.compile(trie_pattern(anywhere), re.IGNORECASE) if anywhere else None
        self._proclitics = sorted(ARABIC_PROCLITICS, key=len, reverse=True)

    def search(self, text: str) -> bool:
        """Whether folded ``text`` has a token that may start an alias (``first_token_pattern(...).search``)."""
        if self._anywhere is not None and self._anywhere.search(text) is not None:
            return True
        if self._arabic is not None and _found_at_token(self._arabic, text, lambda at: _starts_token(text, at)):
            return True
        if self._cased is None:
            return False
        if not self._lower_is_enough or any(ch in text for ch in _CASE_EXCEPTIONS):
            return self._regex.search(text) is not None  # lower case may change the text's length
        low = text.lower()
        # a key of other letters may stand at a token's start or after a proclitic there (وNATO)
        return _found_at_token(self._cased, low, lambda at: _starts_token(low, at) or any(
            low.startswith(p, at - len(p)) and _starts_token(low, at - len(p)) for p in self._proclitics
            if at >= len(p)))


def _found_at_token(pattern: re.Pattern, text: str, starts) -> bool:
    """Whether ``pattern`` matches ``text`` somewhere that ``starts(position)`` accepts."""
    found = pattern.search(text)
    while found is not None:
        if starts(found.start()):
            return True
        found = pattern.search(text, found.start() + 1)
    return False


def _starts_token(text: str, at: int) -> bool:
    # a token may start here: after a character not of a word, or after the [A-Za-z]+ of an 's ending
    # (before a character that is not [A-Za-z])
    return at == 0 or _TOKEN_START_RE.match(text, at - 1) is not None


@dataclass(frozen=True)
class Mention:
    """A target found in a token list: tokens ``[start, end)``, the target's index, how it was attached."""

    start: int
    end: int
    target: int
    prefix: str = ""        # Arabic proclitics stripped from the first token (و، ب، لل ...)
    possessive: bool = False


def family_names(pairs) -> frozenset[str]:
    """The Arabic aliases of origin ("التركي", "المصري") that a text uses as a family name: right after a given
    name ("منصور التركي", a Saudi spokesman; "خليل المصري"), where an adjective never stands.  ``pairs`` are
    (token before, one-token mention), as :func:`tokenize_for_matching` gives them (folded).

    >>> sorted(family_names([("منصور", "التركي"), ("الرئيس", "المصري"), ("منصور", "تركيا")]))
    ['التركي']
    """
    pairs = [(before, token) for before, token in pairs if token.startswith("ال") and token.endswith("ي")]
    if not pairs:
        return frozenset()
    # the attribution's given names, imported when a text has such a word: the package is not loaded with this one
    from framing.attribution.kinds import given_names

    return frozenset(token for before, token in pairs if len(before) >= 3 and before in given_names("ar"))


def is_surname(before: str, token: str, surnames: frozenset[str]) -> bool:
    """Whether a one-token mention is a family name of :func:`family_names`: after a given name, or after a
    courtesy title or rank ("اللواء التركي" in an article that names "اللواء منصور التركي"), never after an
    office ("الرئيس التركي" stays Turkey's).

    >>> is_surname("اللواء", "التركي", frozenset(["التركي"])), is_surname("الرئيس", "التركي", frozenset(["التركي"]))
    (True, False)
    """
    if token not in surnames:
        return False
    from framing.attribution.kinds import given_names, speaker_kinds  # loaded already by family_names

    return before in given_names("ar") or before in speaker_kinds("ar").courtesy_titles


def _token_before(text: str, start: int) -> str:
    """The token that ends right before ``start`` in ``text`` (empty at its start)."""
    before = [m.group() for m in _MATCH_TOKEN_RE.finditer(text, max(0, start - 40), start)]
    return before[-1] if before else ""


class AliasMatcher:
    """Find every target's aliases in token lists, longest match first.

    Built once for a list of targets; the per-token analysis is cached, so
    matching costs a dictionary look-up per token for words seen before.

    Parameters
    ----------
    targets : list of Target

    Examples
    --------
    >>> m = AliasMatcher([Target("US", {"en": ["US", "United States"]})])
    >>> [x.start for x in m.find(tokenize_for_matching("Ask us about the US and the United States"))]
    [4, 7]
    """

    def __init__(self, targets: Sequence[Target]):
        self.targets = list(targets)
        # first token -> [(rest tokens, target index or -1 for an exclusion)]
        self._index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self._exact: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for ti, t in enumerate(self.targets):
            for alias in t.all_aliases():
                self._add(alias, ti)
            for phrase in (p for values in t.exclude.values() for p in values):
                self._add(phrase, -1)
        # longest first; at one length an alias before an exclusion: a phrase one target excludes may be
        # another's alias ("الاتفاق النووي الإيراني" is not Iran but is the agreement)
        for entries in (*self._index.values(), *self._exact.values()):
            entries.sort(key=lambda e: (-len(e[0]), e[1] < 0))
        # what a folded Arabic token must end in for a reading of it to be a first word (_may_start)
        self._arabic_ends = tuple(sorted({k for k in self._index} | {k[2:] for k in self._index
                                                                     if k.startswith("ال")}))
        self._cache = FirstTokens(self._candidates, limit=_CACHE_LIMIT)
        # Every alias contains its first word's core (article and case aside), so one regex
        # search rejects most texts that mention no target before any token is looked at.
        cores = {k[2:] if k.startswith("ال") and len(k) > 4 else k for k in self._index}
        cores |= {k.lower() for k in self._exact}
        self._screen = WordScreen(cores) if cores else None
        self._first_tokens = FirstTokenScreen(self._index, self._exact)
        #: whether the screen's words are free of dots, which joining "U.S." to "US" takes out of a text
        self.screen_dotless = not any("." in core for core in cores)
        # the most tokens after an alias's first one: what find_spans reads past a first word
        self._longest_rest = max((len(rest) for entries in (*self._index.values(), *self._exact.values())
                                  for rest, _ in entries), default=0)
        # find_spans reads only around the cores: every token that may start an alias must hold one.  A
        # first word of ال and two letters or fewer is its own core, which "لل" + its stem does not hold
        self._cores_cover = self._screen is not None and not any(
            k.startswith("ال") and len(k) <= 4 for k in self._index)

    def holds_core(self, text: str) -> bool:
        """Whether folded ``text`` holds the core of a first word anywhere (the first screen of :meth:`may_mention`).

        Unlike the whole screen, it answers for any piece of a text as for the
        text: a piece holds no core the text does not.
        """
        return self._screen is not None and self._screen.search(text)

    def may_mention(self, text: str, *, core: bool | None = None) -> bool:
        """False when folded ``text`` certainly mentions no target (a fast screen before :meth:`find`).

        The first screen finds a first word's core anywhere, inside any word
        (روس in دروس); many short texts it passes hold no token that can start
        an alias, which a second regex (:func:`first_token_pattern`) tells.  A
        long text it passes most often does hold one: the second regex would
        cost more than the reading it saves.  ``core``, when given, is
        :meth:`holds_core` of ``text`` asked already (a caller that screened
        whole articles first need not search them again).
        """
        if not (self.holds_core(text) if core is None else core):
            return False
        if len(text) > _SHORT_TEXT or _UNSURE_RE.search(text):
            return True  # not folded, or a character case folding treats apart: the tokens' regex may miss
        return self._first_tokens.search(text)

    def _add(self, phrase: str, target: int) -> None:
        toks = tokenize_for_matching(phrase)
        if _is_acronym(phrase):
            self._exact.setdefault(toks[0], []).append((tuple(toks[1:]), target))
        else:
            first = toks[0] if _ARABIC_RE.match(toks[0]) else toks[0].lower()
            self._index.setdefault(first, []).append((tuple(token_key(x) for x in toks[1:]), target))

    def _candidates(self, token: str) -> tuple:
        """What may start at ``token``: ``((rest, target), prefix, possessive)`` triples (kept in ``_cache``)."""
        found = []
        base = token[:-2] if token.endswith("'s") else token
        for entry in self._exact.get(base, ()):
            found.append((entry, "", base != token))
        if not self._may_start(token):
            return tuple(found)
        for key, prefix, poss in readings(token):
            for entry in self._index.get(key, ()):
                found.append((entry, prefix, poss))
        return tuple(found)

    def _may_start(self, token: str) -> bool:
        """False when no reading of ``token`` can be an alias's first word, told without reading it.

        The readings of most tokens are endings of them (:func:`reads_by_endings`): one of them is a
        first word only if the token ends in a first word, or in one without its ال.
        """
        return not reads_by_endings(token) or token.endswith(self._arabic_ends)

    def find(self, tokens: Sequence[str]) -> list[Mention]:
        """Mentions in ``tokens`` (from :func:`tokenize_for_matching`), left to right, not overlapping."""
        starts = self._cache.starts(tokens)
        if not starts:
            return []
        found = [(i, end, hit) for i, end, hit in scan_longest(tokens, self._cache.get, self._longest, starts)
                 if hit[0] >= 0]
        surnames = family_names([(tokens[i - 1] if i > 0 else "", tokens[i]) for i, end, _ in found
                                 if end == i + 1])
        return [Mention(i, end, *hit) for i, end, hit in found
                if not (surnames and end == i + 1 and i > 0 and is_surname(tokens[i - 1], tokens[i], surnames))]

    def find_spans(self, text: str) -> list[tuple[int, int, int]] | None:
        """``(target, start, end)`` character spans in folded ``text`` of the mentions :meth:`find` finds in
        its tokens, read only around the screen's cores; None where that cannot be vouched for.

        For a long text naming few targets (an article): every token that may
        start an alias holds a first word's core, so the text is tokenized only
        around each core found, from the space before it to as many tokens after
        as the longest alias has.  Tokens hold no space, so these are the tokens
        of the whole text there, and the mentions are :meth:`find`'s, left to
        right and longest first.  None for a text holding a character that
        folding changes or that case folding treats apart (as :meth:`may_mention`
        then reads token by token), and for targets with a first word the
        screen does not cover: then :meth:`find` its tokens.

        Examples
        --------
        >>> m = AliasMatcher([Target("US", {"en": ["US", "United States"]})])
        >>> text = "Ask us about the US and the United States"
        >>> [(t, text[a:b]) for t, a, b in m.find_spans(text)]
        [(0, 'US'), (0, 'United States')]
        """
        if not self._cores_cover or _UNSURE_RE.search(text):
            return None
        hits = self._screen.starts(text)
        out: list[tuple[int, int, int, str]] = []
        done = 0  # where the last mention ended: a token starting before it is inside that mention
        for p in hits:
            if p < done:
                continue
            found = self._mention_at(text, p)
            if found is _FAR:
                return None  # no space near a core (a run of text without any): read by the whole tokens
            if found is not None:
                token_start, end, target = found
                if token_start >= done:
                    done = end
                    if target >= 0:
                        out.append((target, token_start, end, _token_before(text, token_start)))
        pairs = [(before, text[a:b]) for _, a, b, before in out if " " not in text[a:b]]
        surnames = family_names(pairs)
        return [(t, a, b) for t, a, b, before in out
                if not (surnames and " " not in text[a:b] and is_surname(before, text[a:b], surnames))]

    def _mention_at(self, text: str, p: int) -> tuple[int, int, int] | None:
        """The longest mention starting at the token that holds character ``p``: (token start, end, target,
        -1 for an excluded phrase), or None when none starts there; :data:`_FAR` when no space stands within
        :data:`_NEAR_SPACE` characters where one is looked for (each look is bounded, so a text without
        spaces costs no more than its length)."""
        start = text.rfind(" ", max(0, p - _NEAR_SPACE), p) + 1
        if start == 0 and p > _NEAR_SPACE:
            return _FAR
        # most cores stand in words that start no alias (روس in دروس): the word's own tokens tell
        stop = _space_after(text, p)
        if stop is None:
            return _FAR
        token = next((m.group() for m in _MATCH_TOKEN_RE.finditer(text, start, stop) if m.end() > p), None)
        if token is None or not self._cache.get(token):
            return None
        size = 64
        while True:
            stop = _space_after(text, min(p + size, len(text)))
            if stop is None:
                return _FAR
            spans = [m.span() for m in _MATCH_TOKEN_RE.finditer(text, start, stop)]
            k = next((i for i, (a, b) in enumerate(spans) if b > p), None)
            if k is None or spans[k][0] > p:
                return None  # the core is in no token (cannot be: cores are word characters)
            if len(spans) - k > self._longest_rest or stop == len(text):
                break
            size *= 4
        tokens = [text[a:b] for a, b in spans]
        cands = self._cache.get(tokens[k])
        hit = self._longest(tokens, k, cands) if cands else None
        if hit is None:
            return None
        end, (target, _, _) = hit
        return spans[k][0], spans[end - 1][1], target

    @staticmethod
    def _longest(tokens, i, cands):
        best, n = None, len(tokens)
        for (rest, target), prefix, poss in cands:
            end = i + 1 + len(rest)
            if end > n or (best is not None and end <= best[0]):
                continue
            if rest:
                if any(token_key(tokens[i + 1 + r]) != word for r, word in enumerate(rest)):
                    continue
                poss = tokens[end - 1].lower().endswith("'s")
            best = (end, (target, prefix, poss))
        return best
