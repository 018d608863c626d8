"""One record to one document: ids, titles, dates, language, duplicates, and the columns the user named.

:class:`~framing.corpus.documents.Corpus` runs every record of a pass through
a builder; what the builder changes or refuses goes to the manifest.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
from collections.abc import Iterable, Iterator, Mapping

from framing.corpus.dates import parse_date
from framing.corpus.manifest import Manifest
from framing.corpus.readers import Record
from framing.errors import InputError
from framing.lang import lang_code
from framing.text import detect_language, fold_text, paragraph_spans, strip_controls

#: The documents table's columns, in order; extra input fields follow them.
DOCUMENT_COLUMNS = ("doc_id", "title", "text", "lang", "outlet", "date", "url", "source_path", "sha256",
                    "duplicate_of", "date_raw")
PARAGRAPH_COLUMNS = ("doc_id", "paragraph", "start", "end", "lang")

#: Input field names tried for each role, in order (matched case-insensitively).
#: ``columns={"text": "article"}`` (or ``--text-col article``) overrides them.
COLUMN_CANDIDATES = {
    "id": ("doc_id", "id", "article_id", "_id", "uuid", "guid"),
    "title": ("title", "headline", "heading"),
    "text": ("text", "content", "article", "body", "full_text", "fulltext", "maintext", "story"),
    "date": ("date", "date_published", "published", "published_at", "publish_date", "pub_date",
             "publication_date", "datetime", "date_extracted", "timestamp", "created_at"),
    "outlet": ("outlet", "source", "publisher", "source_name", "newspaper", "site", "media"),
    "url": ("url", "link", "href", "source_url", "article_url"),
    "lang": ("lang", "language"),
}
#: Records of a file searched for a column the user named before it is called missing
#: (JSON records may leave a field out; a CSV header has it or not).
COLUMN_PROBE = 100


# --- record -> document ---------------------------------------------------------

# Folds the same way as normalize(): Arabic letter forms, quotes and digits;
# drops diacritics, tatweel and invisible marks.  str.translate looks every
# character up in a dict (slow on Arabic), so only the characters that occur
# are replaced, each with str.replace.
_NEWLINES_RE = re.compile(r"\s*[\r\n]\s*")
_RESERVED = frozenset(DOCUMENT_COLUMNS)


# Long texts are folded and hashed in pieces of about this many characters,
# cut at whitespace, so a 50 MB document never turns into millions of objects.
_CHUNK = 1 << 20
_WS_RE = re.compile(r"\s")


def _chunks(text: str, size: int = _CHUNK) -> Iterator[str]:
    start, n = 0, len(text)
    while start < n:
        end = start + size
        if end < n:
            m = _WS_RE.search(text, end)
            end = m.end() if m else n
        yield text[start:end]
        start = end


def duplicate_key(text: str) -> str:
    """A hash that two texts share when they are equal after normalization.

    >>> duplicate_key("قالَ  «نعم»") == duplicate_key("قال \\"نعم\\"")
    True
    """
    h = hashlib.blake2b(digest_size=16)
    sep = ""
    for chunk in _chunks(text):
        folded = fold_text(chunk)  # chunks end at whitespace, so no word is cut in two
        if folded:
            h.update((sep + folded).encode("utf-8"))
            sep = " "
    return h.hexdigest()


def text_sha256(text: str) -> str:
    """SHA-256 of the UTF-8 text, encoded piece by piece.

    >>> text_sha256("abc")[:12]
    'ba7816bf8f01'
    """
    h = hashlib.sha256()
    for i in range(0, len(text), _CHUNK):
        h.update(text[i:i + _CHUNK].encode("utf-8"))
    return h.hexdigest()


def _short_hash(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:16]


def _as_text(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id column read as floats
    return value if isinstance(value, str) else str(value)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and math.isnan(value))


class _DocumentBuilder:
    """Turns records into documents for one pass: ids, duplicates, dates, language."""

    def __init__(self, manifest: Manifest, columns: Mapping[str, str], lang: str | None, outlet: str | None):
        unknown = set(columns) - set(COLUMN_CANDIDATES)
        if unknown:
            raise InputError(f"unknown column role(s) {sorted(unknown)}; roles are {', '.join(COLUMN_CANDIDATES)}")
        self.manifest, self.columns, self.lang, self.outlet = manifest, dict(columns), lang, outlet
        self.ids: set[str] = set()
        self.id_origin: dict[str, tuple] = {}  # doc_id -> ((source, place), duplicate key) of its document
        self.first_of: dict[str, str] = {}
        self._roles_cache: dict[tuple, dict[str, str]] = {}

    def roles(self, keys: Iterable[str]) -> dict[str, str]:
        """role -> field name for a record with these field names (cached per key set)."""
        keys = tuple(keys)
        found = self._roles_cache.get(keys)
        if found is None:
            lower = {k.lower(): k for k in reversed(keys)}
            found = {}
            for role, candidates in COLUMN_CANDIDATES.items():
                if role in self.columns:
                    if self.columns[role] in keys:
                        found[role] = self.columns[role]
                    continue
                hit = next((lower[c] for c in candidates if c in lower and lower[c] not in found.values()), None)
                if hit is not None:
                    found[role] = hit
            self._roles_cache[keys] = found
        return found

    def build(self, rec: Record) -> dict | None:
        roles = self.roles(rec.fields)
        get = rec.fields.get
        where = (rec.source, rec.place)
        if not self._named_columns_present(rec, roles, where):
            return None
        if rec.text is not None:  # a .txt file: the whole file is the text
            text, removed = strip_controls(rec.text)
            title = next((text[a:b] for a, b in paragraph_spans(text[:65536])), None)
        else:
            text, title, removed = self._compose(_as_text(get(roles.get("title"))), _as_text(get(roles.get("text"))))
        if removed:
            self.manifest.controls_removed += removed
            self.manifest.warn(*where, f"removed {removed} NUL/control character(s)")
        if not text or text.isspace():
            self.manifest.skip(*where, "empty document" + self._missing_text(roles, rec))
            return None
        url = _as_text(get(roles.get("url")))
        url = url.strip() if url else None
        key = duplicate_key(text)
        doc_id = self._doc_id(rec, _as_text(get(roles.get("id"))), url, text, where, key)
        iso, raw = self._date(get(roles.get("date")), where)
        lang = _as_text(get(roles.get("lang")))
        lang = lang_code(lang) or None  # "Arabic", "ara", "ar-SA" -> "ar"
        outlet = _as_text(get(roles.get("outlet")))
        first = self.first_of.setdefault(key, doc_id)
        if first != doc_id:
            self.manifest.duplicates += 1
        doc = {
            "doc_id": doc_id,
            "title": title,
            "text": text,
            "lang": lang or self.lang or detect_language(text),
            "outlet": outlet.strip() if outlet and outlet.strip() else self.outlet,
            "date": iso,
            "url": url or None,
            "source_path": f"{rec.source}:{rec.place}" if rec.place else rec.source,
            "sha256": text_sha256(text),
            "duplicate_of": first if first != doc_id else None,
            "date_raw": raw,
        }
        used = set(roles.values())
        if rec.text is not None:  # a metadata title or text column does not replace the file's: keep it beside
            used -= {roles.get("title"), roles.get("text")}
        for k, v in rec.fields.items():
            if k not in used:
                doc[f"input_{k}" if k in _RESERVED else k] = v
        self.manifest.read += 1
        return doc

    def _named_columns_present(self, rec, roles, where) -> bool:
        """Reject a record without the user's text column; warn for the other named roles it lacks.

        A named column is never replaced by another one (a title standing in
        for a missing text would pass the headline off as the article).
        """
        for role, name in self.columns.items():
            if role in roles or (rec.text is not None and role in ("text", "title")):
                continue
            missing = f"no column {name!r} ({_option(role)}) in this record"
            if role == "text":
                self.manifest.skip(*where, f"{missing}; its fields are {sorted(map(str, rec.fields))}")
                return False
            self.manifest.warn(*where, f"{missing}; its {role} is left empty")
        return True

    def _missing_text(self, roles, rec) -> str:
        """Why a record has no text, when the cause is a column name rather than an empty field."""
        if rec.text is not None or roles.get("text") or roles.get("title"):
            return ""
        wanted = f"column {self.columns['text']!r}" if "text" in self.columns else "text field"
        return f" (no {wanted} among {sorted(map(str, rec.fields))}; name it with columns={{'text': ...}} or --text-col)"

    def _compose(self, title, body):
        removed = 0
        if title:
            title, n = strip_controls(_NEWLINES_RE.sub(" ", title).strip())
            removed += n
        if body:
            body, n = strip_controls(body)
            removed += n
        title = title or None
        if body and not body.isspace():
            return (f"{title}\n\n{body}" if title else body), title, removed
        return title, title, removed

    def _doc_id(self, rec, given, url, text, where, key) -> str:
        made = ""  # how an id the input does not give was made, for the warning when two collide
        if given and given.strip():
            base = given.strip()
        elif rec.stem is not None:
            base = rec.stem
        elif url:
            base, made = "u_" + _short_hash(url), " (made from its url)"
        else:
            base, made = "t_" + _short_hash(text), " (made from its text)"
        doc_id, n = base, 1
        while doc_id in self.ids:
            n += 1
            doc_id = f"{base}-{n}"
        if n > 1:
            self.manifest.renamed += 1
            # which document holds the id, and whether this one repeats it, so the reader can check both
            (source, place), earlier_key = self.id_origin[base]
            earlier = place if source == where[0] and place else f"{source} {place}".strip()
            same = " with the same text (flagged in duplicate_of)" if earlier_key == key else ""
            self.manifest.warn(*where, f"doc_id {base!r}{made} already used by the document at {earlier}{same}; "
                                       f"this one is {doc_id!r}")
        self.ids.add(doc_id)
        self.id_origin.setdefault(doc_id, (where, key))
        return doc_id

    def _date(self, value, where) -> tuple[str | None, str | None]:
        if _blank(value):
            return None, None
        iso, problem = parse_date(value)
        raw = value if isinstance(value, str) else str(value)
        if iso is None:
            self.manifest.warn(*where, f"date {raw!r} not understood ({problem}); kept in date_raw")
        return iso, (raw if raw != iso else None)


# --- columns the user named -------------------------------------------------------

def _option(role: str) -> str:
    return f"columns={{'{role}': ...}} / --{role}-col"


def _missing_columns_error(source: str, missing, held: list[Record]) -> InputError:
    have = sorted({str(k) for rec in held for k in rec.fields})
    absent = "; ".join(f"no column {name!r} ({_option(role)})" for role, name in missing)
    close = [f"{m[0]!r} for {name!r}" for _, name in missing if (m := difflib.get_close_matches(name, have, n=1))]
    where = source or "the .txt files (they have no metadata file)"
    if len(held) > 1 and not source.lower().removesuffix(".gz").endswith((".csv", ".tsv", ".tab", ".parquet", ".pq")):
        absent += f" in its first {len(held)} records"  # JSONL records may differ: only a sample was read
    return InputError(f"{where}: {absent}; its columns are {', '.join(have) or '(none)'}"
                      + (f"; did you mean {', '.join(close)}?" if close else "; name one of them"))


def check_named_columns(records: Iterable[Record], columns: Mapping[str, str],
                        probe: int = COLUMN_PROBE) -> Iterator[Record]:
    """The records unchanged, after checking each file has the columns the user named.

    A file's first ``probe`` records are held back until every named column
    has turned up in one of them (at once for a CSV header).

    Raises
    ------
    InputError
        When a named column is in none of a file's first ``probe`` records;
        the message names the file, the option, the columns it has and the
        closest one.
    """
    if not columns:
        yield from records
        return
    group, held, missing = None, [], set()
    for rec in records:
        if rec.columns_source != group:
            if missing and held:
                raise _missing_columns_error(group, sorted(missing), held)
            yield from held
            group, held, missing = rec.columns_source, [], set(columns.items())
        if not missing and not held:
            yield rec  # this file is checked
            continue
        missing = {(role, name) for role, name in missing if name not in rec.fields}
        held.append(rec)
        if not missing or len(held) >= probe:
            if missing:
                raise _missing_columns_error(group, sorted(missing), held)
            yield from held
            held = []
    if missing and held:
        raise _missing_columns_error(group, sorted(missing), held)
    yield from held


