"""Names and words the topic stemmer keeps whole: a gazetteer, the actor registry and the stance targets.

A light stemmer cuts endings that are often part of a name (سوريا → سور,
"wall"; السعودية → سعود, the name Saud) and sends a country and its
adjective to different stems (إيران → اير, الإيراني → ايران).  Readers
look for names, so every form listed here skips the stemmer and becomes the
term of its entry:

``framing/lang/<lang>_names.yml`` (written for this purpose; see ``framing/lang/TOPICS.md``)
    ``names``: countries with their adjective, cities, organisations and
    people; ``words``: common words the stemmer merges with another word or
    splits (الدوري "league" is not دور "role").  A country, its adjective
    in every gender and number, and listed variants are one term.
``framing/data/targets.yml`` and ``framing/data/actors.yml``
    every single-word alias of a stance target named with a capital (a
    policy target such as "sanctions" is not a name) and single-word name of an
    actor (and each word of a person's name) is kept whole as its own term,
    unless the gazetteer already lists it.  Names of media actors are
    outlet names: they are dropped as stop words instead.

An Arabic token is looked up as written (folded), then with each proclitic
(و ف ب ل ك س, the article and their combinations) stripped, and with the
article restored after the contracted لل (للرياض → الرياض).

Examples
--------
>>> table = protected("ar")
>>> table.term("والإيرانية") == table.term("إيران") == "ايران"
True
>>> table.term("للرياض"), table.term("الرياضة")
('الرياض', None)
>>> table.display("ايران")
'إيران'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from framing.errors import FramingError
from framing.lang import resource_path
from framing.text import ARABIC_PROCLITICS, fold

#: Version of the name tables; recorded with every model.
NAMES_VERSION = "names.v1"
#: Endings added to an Arabic masculine adjective (إيراني → إيرانية، إيرانيون ...), in folded spelling.
AR_ADJECTIVE_ENDINGS = ("", "ه", "ون", "ين", "ان", "تان", "تين", "ات", "ا")
#: Endings added to an English adjective (Iranian → Iranians).
EN_ADJECTIVE_ENDINGS = ("", "s")
_DATA = Path(__file__).resolve().parents[1] / "data"
#: Fewest letters of a registry word worth protecting (shorter ones are particles and initials).
_MIN_REGISTRY_WORD = 3


def _key(word: str, lang: str) -> str:
    w = fold(word)
    return w.lower() if lang == "en" else w


@dataclass
class NameTable:
    """Folded form → protected term for one language, with display names and outlet stop words.

    Attributes
    ----------
    lang : str
    terms : dict
        Folded single-word form → term.
    names : dict
        Term → display name, for entries read as names (labels show it).
    outlets : frozenset
        Folded outlet names (media actors), to drop as stop words.
    sha256 : str
        Short hash of the table, recorded with models.
    """

    lang: str
    terms: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    outlets: frozenset[str] = frozenset()
    sha256: str = ""

    def term(self, word: str) -> str | None:
        """The protected term of ``word`` (folded or not), or None when the word is not listed.

        >>> protected("ar").term("بسوريا"), protected("ar").term("سور")
        ('سوريا', None)
        """
        w = _key(word, self.lang)
        hit = self.terms.get(w)
        if hit is not None or self.lang != "ar":
            return hit
        for p in ARABIC_PROCLITICS:
            if w.startswith(p) and len(w) - len(p) >= 2:
                rest = w[len(p):]
                # لل is ل + the article (للرياض), وال و + the article: the form with the article is the
                # word meant, before a bare word of the same letters (a given name: رياض)
                hit = self.terms.get("ال" + rest) if p.endswith(("لل", "ال")) else None
                if hit is None:
                    hit = self.terms.get(rest)
                if hit is not None:
                    return hit
        return None

    def display(self, term: str) -> str | None:
        """The name a label shows for a protected ``term`` (None for words and unknown terms)."""
        return self.names.get(term)

    def protected_terms(self) -> frozenset[str]:
        """Every term this table can return (the vocabulary never merges them into another)."""
        return frozenset(self.terms.values())


def _entries(path: Path) -> tuple[list[dict], list[dict]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise FramingError(f"{path}: not valid YAML ({exc})") from None
    out = []
    for section in ("names", "words"):
        entries = data.get(section) or []
        for i, e in enumerate(entries, 1):
            if not isinstance(e, dict) or not isinstance(e.get("name"), str):
                raise FramingError(f"{path.name}: {section} entry {i} needs a 'name'")
        out.append(entries)
    return out[0], out[1]


def _add_entry(table: NameTable, entry: dict, *, is_name: bool, endings: tuple[str, ...]) -> None:
    lang = table.lang
    name = entry["name"]
    term = _key(name, lang).replace(" ", "_")
    forms = [name, *(entry.get("forms") or [])]
    if entry.get("adj"):
        adj = _key(entry["adj"], lang)
        forms += [adj + e for e in endings]
    for form in forms:
        key = _key(form, lang)
        if " " not in key:
            table.terms.setdefault(key, term)  # the first entry that lists a form keeps it
    if is_name:
        table.names.setdefault(term, name)


def _registry_words(lang: str) -> tuple[list[str], list[str]]:
    """Single words of the shipped targets and actors (kept whole), and outlet names (dropped)."""
    keep, outlets = [], []
    targets = yaml.safe_load((_DATA / "targets.yml").read_text(encoding="utf-8")) or {}
    for t in targets.get("targets") or []:
        if not str(t.get("name", ""))[:1].isupper():
            continue  # a policy ("sanctions"), not a name: its words stem like any other
        keep += [a for a in (t.get("aliases") or {}).get(lang) or [] if " " not in a.strip()]
    actors = yaml.safe_load((_DATA / "actors.yml").read_text(encoding="utf-8")) or {}
    for a in actors.get("actors") or []:
        names = (a.get("names") or {}).get(lang) or []
        if a.get("kind") == "media":
            outlets += [n for n in names if " " not in n.strip()]
        elif a.get("kind") == "person":
            keep += [w for n in names for w in n.split()]  # each word of a person's name
        else:
            keep += [n for n in names if " " not in n.strip()]
    return keep, outlets


@lru_cache(maxsize=None)
def protected(lang: str) -> NameTable:
    """The name table of ``lang`` (``ar`` or ``en``): gazetteer first, then targets and actors.

    >>> protected("en").term("Iranians")
    'iran'
    """
    if lang not in ("ar", "en"):
        raise FramingError(f"no name table for language {lang!r}")
    endings = AR_ADJECTIVE_ENDINGS if lang == "ar" else EN_ADJECTIVE_ENDINGS
    table = NameTable(lang)
    path = resource_path(lang, "names.yml")
    names, words = _entries(path)
    for e in names:
        _add_entry(table, e, is_name=True, endings=endings)
    for e in words:
        _add_entry(table, e, is_name=False, endings=endings)
    keep, outlets = _registry_words(lang)
    for w in keep:
        key = _key(w, lang)
        if len(key) >= _MIN_REGISTRY_WORD and key not in table.terms and table.term(key) is None:
            table.terms[key] = key
    table.outlets = frozenset(_key(o, lang) for o in outlets if len(_key(o, lang)) >= 2)
    h = hashlib.sha256()
    for k in sorted(table.terms):
        h.update(f"{k}\t{table.terms[k]}\n".encode())
    for o in sorted(table.outlets):
        h.update(f"outlet\t{o}\n".encode())
    table.sha256 = h.hexdigest()[:16]
    return table
