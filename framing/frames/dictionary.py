"""Dictionaries of categories and terms, read from the formats researchers own, matched on tokens.

Formats (told from the file name):

- ``.yml`` / ``.yaml``: a mapping of category -> list of terms; nested
  mappings (quanteda's dictionary YAML) give categories ``parent.child``;
- ``.dic``: LIWC, a ``%``-delimited header of ``number<TAB>category``
  lines, then ``term<TAB>number [number ...]`` lines;
- ``.lc3`` / ``.lcd``: Lexicoder, a ``+category`` line and then its terms,
  one per line.

Terms are matched on word tokens, after the toolkit's fold (case, Arabic
hamza and alef forms, taa marbuta, alef maqsura, diacritics).  A final
``*`` is a prefix wildcard (``econom*``); a term of several words matches
them in sequence.  Arabic words are matched through their attached
proclitics (و ف ب ل ك and the article: ``اقتصاد`` finds ``والاقتصاد``) and
common pronoun suffixes (``اقتصادها``).

Examples
--------
>>> d = Dictionary("demo", {"economy": ["econom*", "cost of living"], "security": ["army", "أمن"]})
>>> d.count("The cost of living and the economy; الأمن والجيش")
{'economy': 2, 'security': 1}
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from pathlib import Path

from framing.errors import InputError
from framing.text import clitic_variants, fold, tokenize

#: Attached pronoun suffixes of Arabic nouns, longest first (folded): اقتصادها -> اقتصاد.
ARABIC_SUFFIXES = ("كما", "هما", "كم", "كن", "هم", "هن", "نا", "ها", "ه", "ك", "ي")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
#: File suffixes of each format.
FORMATS = {".yml": "yaml", ".yaml": "yaml", ".dic": "liwc", ".lc3": "lexicoder", ".lcd": "lexicoder"}
#: Distinct tokens whose first-word entries a dictionary keeps (the cache is emptied when full).
_STARTS_MAX = 1 << 18


def slug(name: str) -> str:
    """A column-safe name: lower case, runs of other characters as ``_``.

    >>> slug("Security & Defense"), slug("politics.democracy")
    ('security_defense', 'politics_democracy')
    """
    text = re.sub(r"[^0-9a-z\u0600-\u06FF]+", "_", str(name).lower()).strip("_")
    return text or "category"


@lru_cache(maxsize=1 << 18)
def token_forms(token: str) -> tuple[str, ...]:
    """The folded forms a token can match: itself, without proclitics, and without a pronoun suffix.

    >>> token_forms("واقتصادها")
    ('واقتصادها', 'اقتصادها', 'واقتصاد', 'اقتصاد')
    """
    forms = clitic_variants(token)
    if forms and _ARABIC.match(forms[0]):
        extra = []
        for form in forms:
            for suffix in ARABIC_SUFFIXES:
                if form.endswith(suffix) and len(form) - len(suffix) >= 3:
                    extra.append(form[: -len(suffix)])
                    break
        forms = list(dict.fromkeys(forms + extra))
    return tuple(forms)


@dataclass
class Dictionary:
    """Categories of terms, compiled for matching.

    Parameters
    ----------
    name : str
        Names the dictionary's columns (``dict_<name>_<category>``).
    categories : mapping of str to sequence of str
        Category -> terms (``*`` a final prefix wildcard; several words a phrase).
    source : str
        Where it was read from (for messages and provenance).
    """

    name: str
    categories: Mapping[str, Sequence[str]]
    source: str = "<dictionary>"
    _exact: dict = field(init=False, repr=False)
    _prefix: dict = field(init=False, repr=False)

    def __post_init__(self):
        if not self.categories:
            raise InputError(f"{self.source}: the dictionary has no categories")
        self.categories = {str(c): [str(t) for t in terms] for c, terms in self.categories.items()}
        slugs = {}
        for cat in self.categories:
            other = slugs.setdefault(slug(cat), cat)
            if other != cat:
                raise InputError(f"{self.source}: categories {other!r} and {cat!r} would share the column "
                                 f"name {slug(cat)!r}; rename one")
        # first word -> [(words of the term, last word is a prefix, category)], exact and prefix first words apart
        self._exact, self._prefix = {}, {}
        for cat, terms in self.categories.items():
            for term in terms:
                words = [fold(w).lower() for w in term.split()]
                if not words or not all(w.strip("*") for w in words):
                    raise InputError(f"{self.source}: category {cat!r}: empty term {term!r}")
                wild = words[-1].endswith("*")
                words[-1] = words[-1].rstrip("*")
                if len(words[-1]) < 2 and wild:
                    raise InputError(f"{self.source}: category {cat!r}: the wildcard term {term!r} is too short "
                                     "(it would match almost every word)")
                entry = (tuple(words), wild, cat)
                first = words[0]
                table = self._prefix if wild and len(words) == 1 else self._exact
                table.setdefault(first, []).append(entry)
        self._prefix_lengths = sorted({len(k) for k in self._prefix}, reverse=True)
        # token -> the entries its forms can start (most often none): a corpus repeats its words, and
        # working out a token's forms and prefixes anew each time was most of the matching
        self._starts: dict[str, tuple] = {}

    @property
    def category_names(self) -> list[str]:
        """The categories, in the order of the file."""
        return list(self.categories)

    def _first_matches(self, forms):
        for form in forms:
            yield from self._exact.get(form, ())
            for n in self._prefix_lengths:
                if len(form) >= n:
                    yield from self._prefix.get(form[:n], ())

    def _starts_of(self, tokens: list[str]) -> list[tuple]:
        """The entries each token can start (:meth:`_first_matches` of its forms), through a bounded cache."""
        starts = self._starts
        out = list(map(starts.get, tokens))
        if None in out:
            if len(starts) >= _STARTS_MAX:
                starts.clear()
            for k, entries in enumerate(out):
                if entries is None:
                    token = tokens[k]
                    entries = starts.get(token)
                    if entries is None:
                        entries = starts[token] = tuple(self._first_matches(token_forms(token)))
                    out[k] = entries
        return out

    def matches(self, text: str, tokens: list[str] | None = None) -> list[tuple[int, int, str]]:
        """``(first token, end token, category)`` of every match, longest first at each place, not overlapping.

        ``tokens`` (the text's tokens) saves tokenizing again when several dictionaries read one text.
        """
        tokens = tokenize(str(text or "")) if tokens is None else tokens
        firsts = self._starts_of(tokens)
        forms = [None] * len(tokens)

        def forms_at(i):
            if forms[i] is None:
                forms[i] = token_forms(tokens[i])
            return forms[i]

        found, i = [], 0
        # only the tokens that can start a match are visited; a match moves ``i`` past its words
        for k in compress(range(len(tokens)), firsts):
            if k < i:
                continue
            best = None
            for words, wild, cat in firsts[k]:
                n = len(words)
                if k + n > len(tokens):
                    continue
                if all(_word_matches(words[j], forms_at(k + j), wild and j == n - 1) for j in range(1, n)):
                    if best is None or n > best[1] - best[0]:
                        best = (k, k + n, cat)
            if best:
                found.append(best)
                i = best[1]
        return found

    def count(self, text: str, tokens: list[str] | None = None) -> dict[str, int]:
        """Matches per category in ``text`` (categories without a match left out)."""
        counts: dict[str, int] = {}
        for _, _, cat in self.matches(text, tokens):
            counts[cat] = counts.get(cat, 0) + 1
        return counts


def _word_matches(word: str, forms, wild: bool) -> bool:
    return any(f.startswith(word) for f in forms) if wild else word in forms


# --- reading --------------------------------------------------------------------------------------


def load_dictionary(path, name: str | None = None) -> Dictionary:
    """Read a dictionary file (YAML, LIWC ``.dic``, Lexicoder ``.lc3``/``.lcd``); its name is the file stem.

    Raises
    ------
    InputError
        Naming the file and line for a format it cannot read.
    """
    p = Path(path)
    kind = FORMATS.get(p.suffix.lower())
    if kind is None:
        raise InputError(f"{p}: not a dictionary file this toolkit reads (.yml/.yaml quanteda or plain YAML, "
                         f".dic LIWC, .lc3/.lcd Lexicoder)")
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    text = p.read_text(encoding="utf-8-sig")
    categories = {"yaml": _read_yaml, "liwc": _read_liwc, "lexicoder": _read_lexicoder}[kind](text, str(p))
    return Dictionary(slug(name or p.stem), categories, source=str(p))


def _read_yaml(text: str, source: str) -> dict[str, list[str]]:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise InputError(f"{source}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if isinstance(data, Mapping) and set(data) == {"dictionary"}:  # a wrapper some tools write
        data = data["dictionary"]
    if not isinstance(data, Mapping):
        raise InputError(f"{source}: expected a mapping of category -> list of terms")
    out: dict[str, list[str]] = {}

    def walk(node, prefix):
        for key, value in node.items():
            cat = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, Mapping):
                walk(value, cat)
            elif isinstance(value, (list, tuple)):
                out[cat] = [str(v) for v in value if str(v).strip()]
            elif isinstance(value, str):
                out[cat] = [value]
            else:
                raise InputError(f"{source}: category {cat!r} holds {type(value).__name__}, not a list of terms")

    walk(data, "")
    return out


def _read_liwc(text: str, source: str) -> dict[str, list[str]]:
    lines = text.splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise InputError(f"{source}: a LIWC dictionary starts with a '%' line, the categories "
                         "(number<TAB>name), and another '%' line")
    names: dict[str, str] = {}
    for i in range(marks[0] + 1, marks[1]):
        parts = lines[i].split()
        if not parts:
            continue
        if len(parts) < 2:
            raise InputError(f"{source}, line {i + 1}: expected 'number<TAB>category', got {lines[i]!r}")
        names[parts[0]] = " ".join(parts[1:])
    out: dict[str, list[str]] = {name: [] for name in names.values()}
    for i in range(marks[1] + 1, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        parts = [p.strip() for p in parts if p.strip()]
        # the term may have spaces (a phrase); the category numbers are the trailing fields
        k = len(parts)
        while k > 1 and parts[k - 1].isdigit():
            k -= 1
        term, ids = " ".join(parts[:k]), parts[k:]
        if not ids:
            raise InputError(f"{source}, line {i + 1}: {term!r} has no category number")
        for cid in ids:
            if cid not in names:
                raise InputError(f"{source}, line {i + 1}: category number {cid} is not in the header")
            out[names[cid]].append(term)
    return out


def _read_lexicoder(text: str, source: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = None
    for i, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("+"):
            current = line[1:].strip()
            if not current:
                raise InputError(f"{source}, line {i}: a '+' line names a category")
            out.setdefault(current, [])
        elif current is None:
            raise InputError(f"{source}, line {i}: a term before any '+category' line")
        else:
            out[current].append(line)
    return out


__all__ = ["ARABIC_SUFFIXES", "FORMATS", "Dictionary", "load_dictionary", "slug", "token_forms"]
