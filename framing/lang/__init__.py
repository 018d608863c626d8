"""Per-language resources behind one interface.

Word lists live as data files beside this module, named
``<lang>_<resource>.<ext>`` (``ar_cues.yml``, ``en_sentiment.tsv``,
``ar_stopwords.txt``), so a linguist can extend a list without reading
code and a new language is a new set of files.  Each file starts with a
comment that says who wrote it and how.

Examples
--------
>>> resource_path("ar", "cues.yml").name
'ar_cues.yml'
>>> sorted(read_wordlist("en", "stopwords.txt"))[:1]  # doctest: +SKIP
['a']
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from framing.errors import FramingError

HERE = Path(__file__).resolve().parent
#: Languages the toolkit ships resources for.
SUPPORTED = ("ar", "en")


_LANG_ALIASES = {"ara": "ar", "arb": "ar", "arabic": "ar", "العربية": "ar", "عربي": "ar", "eng": "en", "english": "en",
                 "french": "fr", "fra": "fr", "spanish": "es", "spa": "es", "german": "de", "deu": "de"}


def lang_code(value) -> str:
    """The base code of a language tag: ``"AR-sa"`` -> ``"ar"``, ``"eng"`` -> ``"en"``; not text -> ``""``.

    The one normalisation of language tags (metadata, coded data, options).

    >>> lang_code("en-GB"), lang_code("ara"), lang_code(None)
    ('en', 'ar', '')
    """
    if not isinstance(value, str):
        return ""
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return _LANG_ALIASES.get(code, code)


def resource_path(lang: str, name: str) -> Path:
    """Path of the data file ``<lang>_<name>`` beside this module."""
    return HERE / f"{lang}_{name}"


def _require(lang: str, name: str) -> Path:
    path = resource_path(lang, name)
    if not path.exists():
        raise FramingError(f"no {name!r} resource for language {lang!r} (looked for {path.name}); "
                           f"supported languages: {', '.join(SUPPORTED)}")
    return path


@lru_cache(maxsize=None)
def read_wordlist(lang: str, name: str) -> frozenset[str]:
    """A one-entry-per-line word list; ``#`` starts a comment, blank lines are skipped."""
    path = _require(lang, name)
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line)
    return frozenset(words)


@lru_cache(maxsize=None)
def read_yaml(lang: str, name: str) -> dict:
    """A YAML resource as a dict (cached: treat it as read-only)."""
    path = _require(lang, name)
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise FramingError(f"{path.name}: expected a mapping at the top level")
    return data
