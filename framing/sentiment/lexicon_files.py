"""Lexicon files: read the sentiment word lists users bring (LSD2015, NileULex, NRC, TSV) into one form.

The toolkit ships its own word lists (``framing/lang/<lang>_sentiment.tsv``).
Published lexicons such as the Lexicoder Sentiment Dictionary (LSD2015),
NileULex or the NRC Emotion Lexicon come under their own licences, so the
toolkit does not ship them; a researcher who holds a copy passes its path to
one of the readers here and hands the result to
:class:`framing.sentiment.LexiconSentiment`.

Every reader returns a :class:`Lexicon`: patterns mapped to a score in
``-1..1``.  A pattern is one or more words separated by spaces; a word ending
in ``*`` matches every word that starts with the rest (``terror*`` matches
``terrorism``).  Bad rows raise :class:`framing.errors.InputError` naming the
file and every bad line, so a user fixes them all in one pass.

Examples
--------
>>> lex = Lexicon({"good": 1.0, "bad*": -1.0}, name="tiny")
>>> lex["bad*"], len(lex)
(-1.0, 2)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from framing.errors import InputError

#: LSD2015 categories and the score each gives its patterns.  The negated
#: categories hold phrases ("not good*") whose sense is the opposite of the
#: word inside; matching the whole phrase keeps the word inside from counting.
LSD_CATEGORIES = {"NEGATIVE": -1.0, "POSITIVE": 1.0, "NEG_POSITIVE": -1.0, "NEG_NEGATIVE": 1.0}
_POLARITY_WORDS = {"positive": 1.0, "pos": 1.0, "+1": 1.0, "1": 1.0,
                   "negative": -1.0, "neg": -1.0, "-1": -1.0,
                   "neutral": 0.0, "neu": 0.0, "0": 0.0}
#: The ten NRC word-emotion association categories.
NRC_CATEGORIES = ("anger", "anticipation", "disgust", "fear", "joy", "negative", "positive",
                  "sadness", "surprise", "trust")
# LSD/WordStat entries may carry a weight in brackets: "ABANDON* (1)".
_WEIGHT_RE = re.compile(r"\s*\(\s*[-+]?\d+(?:\.\d+)?\s*\)\s*$")


@dataclass(frozen=True)
class Lexicon(Mapping):
    """Patterns and their scores in ``-1..1``, with where they came from.

    Parameters
    ----------
    entries : mapping of str to float
        Pattern to score.  Words in a pattern are separated by single spaces;
        a trailing ``*`` on a word makes it a prefix.
    name : str
        Short name recorded in the scorer's method (``lsd2015``).
    lang : str, optional
        Language code when the lexicon has one.
    source : str, optional
        File the entries were read from.
    categories : mapping of str to frozenset, optional
        Extra word sets a format carries (the NRC emotions).

    Examples
    --------
    >>> Lexicon({"peace": 1.0}).get("peace")
    1.0
    """

    entries: Mapping[str, float]
    name: str = "custom"
    lang: str | None = None
    source: str | None = None
    categories: Mapping[str, frozenset] = field(default_factory=dict)

    def __getitem__(self, key: str) -> float:
        return self.entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def merged(self, other: Mapping[str, float], name: str | None = None) -> "Lexicon":
        """A new lexicon whose entries are these updated with ``other``'s."""
        return Lexicon({**self.entries, **dict(other)}, name=name or self.name, lang=self.lang,
                       source=self.source, categories=self.categories)


def raise_bad_rows(path, problems: list[str], entries=None) -> None:
    """Raise one :class:`InputError` naming the file and every bad row (the first 20 shown).

    With ``entries`` given and empty (and no problems), complain that nothing was read.
    """
    if entries is not None and not entries and not problems:
        raise InputError(f"{path}: no lexicon entries found (is this the right file and format?)")
    if problems:
        shown = "; ".join(problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        raise InputError(f"{path}: {len(problems)} bad row(s): {shown}{more}")


def _read_text(path) -> tuple[Path, str]:
    path = Path(path)
    try:
        return path, path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: lexicon file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None


def _clean_pattern(raw: str) -> str:
    return " ".join(_WEIGHT_RE.sub("", raw).strip().lower().split())


def _add(entries: dict, pattern: str, score: float) -> None:
    # A pattern listed as both positive and negative carries no usable sign.
    if pattern in entries and entries[pattern] != score:
        entries[pattern] = 0.0
    else:
        entries[pattern] = score


# --- the project's own format -------------------------------------------------

def read_tsv_lexicon(path, name: str | None = None, lang: str | None = None) -> Lexicon:
    """Read the project's lexicon format: ``pattern<TAB>score[<TAB>note]``.

    ``#`` starts a comment line; blank lines are skipped; scores lie in
    ``-1..1``.  This is the format of ``framing/lang/<lang>_sentiment.tsv``.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "mine.tsv")
    >>> _ = open(p, "w", encoding="utf-8").write("# mine\\nceasefire\\t0.5\\tdiplomacy\\n")
    >>> dict(read_tsv_lexicon(p))
    {'ceasefire': 0.5}
    """
    path, text = _read_text(path)
    entries: dict[str, float] = {}
    problems = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            problems.append(f"line {lineno}: expected 'pattern<TAB>score', got {line.strip()[:40]!r}")
            continue
        pattern = _clean_pattern(parts[0])
        try:
            score = float(parts[1])
        except ValueError:
            problems.append(f"line {lineno}: score {parts[1].strip()[:20]!r} is not a number")
            continue
        if not pattern or not -1.0 <= score <= 1.0:
            problems.append(f"line {lineno}: need a pattern and a score in -1..1")
            continue
        entries[pattern] = score
    raise_bad_rows(path, problems, entries)
    return Lexicon(entries, name=name or path.stem, lang=lang, source=str(path))


# --- Lexicoder (LSD2015) ------------------------------------------------------

def read_lsd2015(path, name: str = "lsd2015") -> Lexicon:
    """Read the Lexicoder Sentiment Dictionary (or any dictionary in its categories).

    Accepts the Lexicoder ``.lc3`` layout (``+NEGATIVE`` then one pattern a
    line), the WordStat ``.cat`` layout (unindented category names, indented
    patterns with an optional ``(1)`` weight), a YAML export
    (``NEGATIVE: [abandon*, ...]``) and a CSV export with columns for the
    pattern (``pattern``, ``term``, ``word`` or ``entry``) and the category
    (``category``, ``sentiment`` or ``key``).  Categories are NEGATIVE,
    POSITIVE, NEG_POSITIVE and NEG_NEGATIVE (any case).

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "mini.lc3")
    >>> _ = open(p, "w").write("+NEGATIVE\\nabandon*\\n+NEG_POSITIVE\\nnot good*\\n")
    >>> dict(read_lsd2015(p))
    {'abandon*': -1.0, 'not good*': -1.0}
    """
    path, text = _read_text(path)
    suffix = path.suffix.lower()
    problems: list[str] = []
    if suffix in (".yml", ".yaml"):
        pairs = _lsd_yaml_pairs(path, text)
    elif suffix == ".csv":
        pairs = _lsd_csv_pairs(path, text, problems)
    else:
        pairs = _lsd_cat_pairs(text, problems)
    entries: dict[str, float] = {}
    for where, category, pattern in pairs:
        key = category.strip().upper().replace(" ", "_")
        if key not in LSD_CATEGORIES:
            problems.append(f"{where}: unknown category {category!r} "
                            f"(expected one of {', '.join(LSD_CATEGORIES)})")
        elif not pattern:
            problems.append(f"{where}: empty pattern")
        else:
            _add(entries, pattern, LSD_CATEGORIES[key])
    raise_bad_rows(path, problems, entries)
    return Lexicon(entries, name=name, lang="en", source=str(path))


def _lsd_cat_pairs(text: str, problems: list[str]) -> Iterator[tuple[str, str, str]]:
    lines = text.splitlines()
    lexicoder = any(line.startswith("+") for line in lines)
    category = None
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        is_header = line.startswith("+") if lexicoder else not line[0].isspace()
        if is_header:
            category = _WEIGHT_RE.sub("", line.lstrip("+")).strip()
            if category.upper().replace(" ", "_") not in LSD_CATEGORIES:
                # name the header once; its patterns are skipped, not reported one by one
                problems.append(f"line {lineno}: unknown category {category!r} "
                                f"(expected one of {', '.join(LSD_CATEGORIES)})")
                category = ""
        elif category == "":
            continue
        elif category is None:
            problems.append(f"line {lineno}: pattern {line.strip()[:30]!r} before any category line")
        else:
            yield f"line {lineno}", category, _clean_pattern(line)


def _lsd_yaml_pairs(path: Path, text: str) -> Iterator[tuple[str, str, str]]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "somewhere"
        raise InputError(f"{path}: not valid YAML ({where})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected categories as top-level keys (NEGATIVE: [...])")
    for category, patterns in data.items():
        if not isinstance(patterns, list):
            raise InputError(f"{path}: category {category!r} should hold a list of patterns")
        for pattern in patterns:
            # YAML keeps no line numbers after parsing: name the category instead
            yield f"category {category} entry {pattern!r}", str(category), _clean_pattern(str(pattern))


def _lsd_csv_pairs(path: Path, text: str, problems: list[str]) -> Iterator[tuple[str, str, str]]:
    rows = _csv_rows(path, text, {"pattern": ("pattern", "term", "word", "entry"),
                                  "category": ("category", "sentiment", "key")}, problems)
    for lineno, row in rows:
        yield f"line {lineno}", row["category"], _clean_pattern(row["pattern"])


def _csv_rows(path: Path, text: str, wanted: dict[str, tuple[str, ...]],
              problems: list[str]) -> Iterator[tuple[int, dict]]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise InputError(f"{path}: empty file")
    lowered = [h.strip().lower() for h in header]
    index = {}
    for key, names in wanted.items():
        found = [lowered.index(n) for n in names if n in lowered]
        if not found:
            raise InputError(f"{path}: line 1: no column for {key} (expected one of {', '.join(names)}; "
                             f"found {', '.join(header)})")
        index[key] = found[0]
    width = max(index.values()) + 1
    for row in reader:
        lineno = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < width:
            problems.append(f"line {lineno}: {len(row)} field(s), expected at least {width}")
            continue
        yield lineno, {key: row[i].strip() for key, i in index.items()}


# --- NileULex -----------------------------------------------------------------

def read_nileulex(path, name: str = "nileulex") -> Lexicon:
    """Read NileULex (Egyptian and Modern Standard Arabic): a CSV of term and polarity.

    The header needs a term column (``term``, ``word`` or ``entry``) and a
    polarity column (``polarity`` or ``sentiment``) holding positive/negative
    (or pos/neg, 1/-1).  Terms may be phrases; they are matched after the
    toolkit's Arabic normalization, so spelling variants of alef and taa
    marbuta need no extra rows.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "nile.csv")
    >>> _ = open(p, "w", encoding="utf-8").write("Term,Polarity\\nجميل,positive\\nزفت,negative\\n")
    >>> dict(read_nileulex(p))
    {'جميل': 1.0, 'زفت': -1.0}
    """
    path, text = _read_text(path)
    entries: dict[str, float] = {}
    problems = []
    rows = _csv_rows(path, text, {"term": ("term", "word", "entry"), "polarity": ("polarity", "sentiment")},
                     problems)
    for lineno, row in rows:
        polarity = _POLARITY_WORDS.get(row["polarity"].lower())
        term = _clean_pattern(row["term"])
        if polarity is None:
            problems.append(f"line {lineno}: polarity {row['polarity'][:20]!r} is not positive/negative")
        elif not term:
            problems.append(f"line {lineno}: empty term")
        else:
            _add(entries, term, polarity)
    raise_bad_rows(path, problems, entries)
    return Lexicon(entries, name=name, lang="ar", source=str(path))


# --- NRC word-emotion association lexicon --------------------------------------

def read_nrc(path, name: str = "nrc") -> Lexicon:
    """Read the NRC Emotion Lexicon word-level file: ``word<TAB>emotion<TAB>0|1``.

    The ``positive`` and ``negative`` associations become the scores (+1 and
    -1; a word with both scores 0); all ten emotions are kept in
    ``categories`` (emotion to the set of words associated with it).

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "nrc.txt")
    >>> _ = open(p, "w").write("calm\\tpositive\\t1\\ncalm\\tjoy\\t1\\nruin\\tnegative\\t1\\n")
    >>> lex = read_nrc(p)
    >>> dict(lex), sorted(lex.categories["joy"])
    ({'calm': 1.0, 'ruin': -1.0}, ['calm'])
    """
    path, text = _read_text(path)
    emotions: dict[str, set] = {e: set() for e in NRC_CATEGORIES}
    problems = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 3:
            problems.append(f"line {lineno}: expected 3 tab-separated fields, got {len(parts)}")
            continue
        word, emotion, flag = parts
        if emotion.lower() not in emotions:
            problems.append(f"line {lineno}: unknown emotion {emotion!r}")
        elif flag not in ("0", "1"):
            problems.append(f"line {lineno}: association {flag!r} is not 0 or 1")
        elif flag == "1" and word:
            emotions[emotion.lower()].add(word.lower())
    raise_bad_rows(path, problems)
    pos, neg = emotions["positive"], emotions["negative"]
    entries = {w: 1.0 for w in pos - neg} | {w: -1.0 for w in neg - pos} | {w: 0.0 for w in pos & neg}
    return Lexicon(dict(sorted(entries.items())), name=name, source=str(path),
                   categories={e: frozenset(ws) for e, ws in emotions.items()})


# --- VADER's own lexicon ------------------------------------------------------

def read_vader_lexicon(path=None, name: str = "vader") -> Lexicon:
    """Read VADER's ``vader_lexicon.txt`` (token, mean valence -4..4, ...) scaled to ``-1..1``.

    Without a path, reads the copy inside the installed ``vaderSentiment``
    package (MIT licence), so nothing is downloaded or shipped here.

    Examples
    --------
    >>> read_vader_lexicon()["good"] > 0
    True
    """
    if path is None:
        import vaderSentiment
        path = Path(vaderSentiment.__file__).resolve().parent / "vader_lexicon.txt"
    path, text = _read_text(path)
    entries = {}
    problems = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        try:
            entries[parts[0].strip().lower()] = max(-1.0, min(1.0, float(parts[1]) / 4.0))
        except (IndexError, ValueError):
            problems.append(f"line {lineno}: expected 'token<TAB>valence'")
    raise_bad_rows(path, problems, entries)
    return Lexicon(entries, name=name, lang="en", source=str(path))


# --- one entry point ----------------------------------------------------------

READERS = {"tsv": read_tsv_lexicon, "lsd2015": read_lsd2015, "nileulex": read_nileulex,
           "nrc": read_nrc, "vader": read_vader_lexicon}


def read_lexicon(path, format: str | None = None) -> Lexicon:
    """Read a lexicon file, guessing its format from the name and first line when not given.

    ``format`` is one of ``tsv`` (the project's), ``lsd2015``, ``nileulex``,
    ``nrc`` or ``vader``.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "x.cat")
    >>> _ = open(p, "w").write("POSITIVE\\n\\tHOPE* (1)\\n")
    >>> dict(read_lexicon(p))
    {'hope*': 1.0}
    """
    fmt = format or guess_format(path)
    if fmt not in READERS:
        raise InputError(f"{path}: unknown lexicon format {fmt!r}; use one of {', '.join(READERS)}")
    return READERS[fmt](path)


def guess_format(path) -> str:
    """The likely format of a lexicon file (see :func:`read_lexicon`)."""
    path, text = _read_text(path)
    suffix = path.suffix.lower()
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    if suffix in (".cat", ".lc3", ".lcd", ".dic", ".yml", ".yaml"):
        return "lsd2015"
    if suffix == ".csv":
        return "lsd2015" if "category" in first.lower() else "nileulex"
    fields = first.split("\t")
    if len(fields) == 3 and fields[1].strip().lower() in NRC_CATEGORIES:
        return "nrc"
    if len(fields) == 4 and fields[3].lstrip().startswith("["):
        return "vader"
    return "tsv"


def patterns_by_score(lexicon: Mapping[str, float]) -> dict[str, list[str]]:
    """Group patterns into positive, negative and zero (handy for inspecting a lexicon)."""
    out: dict[str, list[str]] = {"positive": [], "negative": [], "zero": []}
    for pattern, score in lexicon.items():
        out["positive" if score > 0 else "negative" if score < 0 else "zero"].append(pattern)
    return out


def as_lexicon(obj: Mapping[str, float] | Iterable[tuple[str, float]], name: str = "custom") -> Lexicon:
    """Wrap a plain mapping (or pairs) as a :class:`Lexicon`; a Lexicon is returned as is."""
    if isinstance(obj, Lexicon):
        return obj
    return Lexicon(dict(obj), name=name)
