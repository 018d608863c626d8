"""Corpora: read news files into the documents and paragraphs tables.

A :class:`Corpus` is a re-iterable stream of document dicts (gensim style):
each ``iter()`` reads the source again, so a corpus larger than memory can
be processed; only the tables a caller asks for are built in memory.
Every document follows the table contract (``doc_id, title, text, lang,
outlet, date, url, source_path, sha256``, plus ``duplicate_of``,
``date_raw`` and any extra input fields such as ``author``).

Examples
--------
>>> corpus = read_corpus("corpora/seed")                   # doctest: +SKIP
>>> corpus.info()["documents"], corpus.info()["paragraphs"]  # doctest: +SKIP
(1, 26)
>>> import pandas as pd
>>> frame = pd.DataFrame({"title": ["Talks end"], "body": ["The minister said the talks were over."]})
>>> doc = next(iter(Corpus.from_frame(frame)))
>>> doc["text"]
'Talks end\\n\\nThe minister said the talks were over.'
>>> doc["lang"], doc["doc_id"]
('en', 't_6a1bcebac492998a')
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from framing.corpus.dates import parse_date
from framing.errors import FramingError, InputError
from framing.corpus.manifest import Manifest
from framing.files import file_sha256
from framing.corpus.readers import Record, check_metadata, check_options, iter_records
from framing.text import (ARABIC_DIACRITICS, INVISIBLE, TATWEEL, _FOLD_TABLE, detect_language,
                          paragraph_spans, strip_controls)

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
_LANG_NAMES = {"arabic": "ar", "english": "en", "french": "fr", "spanish": "es", "german": "de",
               "العربية": "ar", "عربي": "ar"}


# --- record -> document ---------------------------------------------------------

# Folds the same way as normalize(): Arabic letter forms, quotes and digits;
# drops diacritics, tatweel and invisible marks.  str.translate looks every
# character up in a dict (slow on Arabic), so only the characters that occur
# are replaced, each with str.replace.
_DUP_FOLD = {chr(k): ("" if v is None else v if isinstance(v, str) else chr(v))
             for k, v in (_FOLD_TABLE | {ord(c): None for c in ARABIC_DIACRITICS | INVISIBLE | {TATWEEL}}).items()}
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
        for ch in _DUP_FOLD:
            if ch in chunk:  # a C-speed scan per character beats one regex over them all
                chunk = chunk.replace(ch, _DUP_FOLD[ch])
        words = chunk.split()  # chunks end at whitespace, so no word is cut in two
        if words:
            h.update((sep + " ".join(words)).encode("utf-8"))
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
        doc_id = self._doc_id(rec, _as_text(get(roles.get("id"))), url, text, where)
        iso, raw = self._date(get(roles.get("date")), where)
        lang = _as_text(get(roles.get("lang")))
        lang = _LANG_NAMES.get(lang.strip().lower(), lang.strip().lower()) if lang and lang.strip() else None
        outlet = _as_text(get(roles.get("outlet")))
        key = duplicate_key(text)
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

    def _doc_id(self, rec, given, url, text, where) -> str:
        if given and given.strip():
            base = given.strip()
        elif rec.stem is not None:
            base = rec.stem
        elif url:
            base = "u_" + _short_hash(url)
        else:
            base = "t_" + _short_hash(text)
        doc_id, n = base, 1
        while doc_id in self.ids:
            n += 1
            doc_id = f"{base}-{n}"
        if n > 1:
            self.manifest.renamed += 1
            self.manifest.warn(*where, f"doc_id {base!r} already used by an earlier document; this one is {doc_id!r}")
        self.ids.add(doc_id)
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
    if len(held) > 1:
        absent += f" in its first {len(held)} records"
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


# --- the corpus ----------------------------------------------------------------

class Corpus:
    """A re-iterable, streaming collection of documents.

    Build one with :func:`read_corpus` or :meth:`Corpus.from_frame`.  Each
    ``iter(corpus)`` reads the source again and yields one dict per document
    (see :data:`DOCUMENT_COLUMNS`); :attr:`manifest` describes the latest pass.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = Corpus.from_frame(pd.DataFrame({"id": ["a", "b"], "text": ["قال الوزير", "Hello there"]}))
    >>> [d["lang"] for d in corpus]
    ['ar', 'en']
    >>> corpus.documents(include_text=False)["doc_id"].tolist()
    ['a', 'b']
    """

    def __init__(self, records, *, name: str, columns: Mapping[str, str] | None = None,
                 lang: str | None = None, outlet: str | None = None, limit: int | None = None):
        # ``records(manifest)`` returns a fresh iterator of Records for one pass
        self._records = records
        self.name = name
        self.columns = dict(columns or {})
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
            raise FramingError(f"limit must be a whole number of documents, 0 or more, not {limit!r} "
                               "(limit=... or --limit N)")
        self.lang, self.outlet, self.limit = lang, outlet, limit
        _DocumentBuilder(Manifest(), self.columns, lang, outlet)  # validates the options now, not mid-pass
        self.manifest = Manifest(name)
        #: How the documents are read, not where from: a streamed run records these, so resuming it
        #: with other reader options is refused (read_corpus adds its file options).
        self.options = {"columns": self.columns, "lang": lang, "outlet": outlet, "limit": limit}

    def __repr__(self) -> str:
        return f"Corpus({self.name!r})"

    def __iter__(self) -> Iterator[dict]:
        previous = self.manifest
        manifest = self.manifest = Manifest(self.name)
        # each pass re-reads the source and records its problems afresh; log them on the first pass only
        manifest._logged, manifest._seen = previous._logged, previous._seen
        builder = _DocumentBuilder(manifest, self.columns, self.lang, self.outlet)
        if self.limit == 0:
            manifest.stopped = "limit=0: nothing was read"
            return
        for rec in check_named_columns(self._records(manifest), self.columns):
            doc = builder.build(rec)
            if doc is not None:
                yield doc
                if self.limit is not None and manifest.read >= self.limit:
                    manifest.stopped = f"stopped at limit={self.limit}"
                    return
        manifest.complete = True

    def check(self) -> None:
        """Read the first records, to report bad columns or metadata before any work.

        The manifest is left as it was; problems seen are not logged again.
        """
        probe = Manifest(self.name)
        records = check_named_columns(self._records(probe), self.columns)
        try:
            next(records, None)
        finally:
            records.close()
        self.manifest._logged, self.manifest._seen = probe._logged, probe._seen

    @classmethod
    def from_frame(cls, frame, *, columns: Mapping[str, str] | None = None, lang: str | None = None,
                   outlet: str | None = None, limit: int | None = None, name: str = "<frame>") -> "Corpus":
        """A corpus over the rows of a pandas DataFrame of documents.

        Columns are mapped as for files; ``source_path`` is ``<frame>:row N``
        (N counts from 1).  The frame is read row by row on each pass.
        """
        def records(manifest: Manifest):
            manifest.files += 1
            cols = [str(c) for c in frame.columns]
            for i, row in enumerate(frame.itertuples(index=False, name=None), 1):
                yield Record(dict(zip(cols, row)), name, f"row {i}")
        corpus = cls(records, name=name, columns=columns, lang=lang, outlet=outlet, limit=limit)
        if corpus.columns:
            corpus.check()
        return corpus

    def batches(self, size: int) -> Iterator[list[dict]]:
        """Documents in lists of at most ``size`` (the last may be shorter)."""
        if size < 1:
            raise ValueError("batch size must be at least 1")
        batch: list[dict] = []
        for doc in self:
            batch.append(doc)
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch

    def documents(self, include_text: bool = True):
        """The documents table (one pass); ``include_text=False`` leaves out ``text``."""
        import pandas as pd

        columns = [c for c in DOCUMENT_COLUMNS if include_text or c != "text"]
        rows = [doc if include_text else {k: v for k, v in doc.items() if k != "text"} for doc in self]
        extras = list(dict.fromkeys(k for row in rows for k in row if k not in _RESERVED))
        return pd.DataFrame(rows, columns=columns + extras)

    def iter_paragraphs(self, include_text: bool = False) -> Iterator[dict]:
        """Paragraph rows, streamed: ``doc_id, paragraph, start, end, lang`` (+ ``text``).

        A paragraph is a non-empty line of the document text; its language
        is detected on its own (a caption in another language shows up),
        falling back to the document's language for lines without letters.
        """
        for doc in self:
            text, doc_lang = doc["text"], doc["lang"]
            for i, (a, b) in enumerate(paragraph_spans(text)):
                row = {"doc_id": doc["doc_id"], "paragraph": i, "start": a, "end": b,
                       "lang": detect_language(text[a:b], default=doc_lang)}
                if include_text:
                    row["text"] = text[a:b]
                yield row

    def paragraphs(self, include_text: bool = False):
        """The paragraphs table (one pass); offsets index the document text."""
        import pandas as pd

        columns = list(PARAGRAPH_COLUMNS) + (["text"] if include_text else [])
        return pd.DataFrame(list(self.iter_paragraphs(include_text)), columns=columns)

    def info(self, progress=None) -> dict:
        """Counts over one pass: documents, paragraphs, languages, outlets, dates, duplicates, rejects.

        ``progress`` optionally wraps the document iterator (a tqdm factory).
        """
        langs: Counter = Counter()
        outlets: Counter = Counter()
        n_docs = n_pars = undated = 0
        first = last = None
        docs = progress(iter(self)) if progress else iter(self)
        for doc in docs:
            n_docs += 1
            n_pars += len(paragraph_spans(doc["text"]))
            langs[doc["lang"]] += 1
            outlets[doc["outlet"] or "(none)"] += 1
            d = doc["date"]
            undated += not d
            if d:
                first = d if first is None or d < first else first
                last = d if last is None or d > last else last
        m = self.manifest
        return {
            "corpus": self.name,
            "documents": n_docs,
            "paragraphs": n_pars,
            "languages": dict(langs.most_common()),
            "outlets": dict(outlets.most_common()),
            "date_range": [first, last],
            "undated": undated,
            "duplicates": m.duplicates,
            "rejects": len(m.skipped),
            "warnings": len(m.warnings),
            "manifest": m.summary(),
        }


def read_corpus(path, *, format: str | None = None, columns: Mapping[str, str] | None = None,
                encoding: str = "utf-8", metadata=None, lang: str | None = None, outlet: str | None = None,
                limit: int | None = None, delimiter: str | None = None) -> Corpus:
    """Open a corpus: a folder, or a ``.txt``, JSONL (``.gz`` too), CSV/TSV or Parquet file.

    Nothing is read until the corpus is iterated (but the first records, to
    check the options); each pass streams.

    Parameters
    ----------
    path : str or Path
        The corpus; ``source_path`` in the tables is written relative to it
        as given (``corpora/seed/a.txt``, ``news.jsonl.gz:line 7``).
    format : {"txt", "jsonl", "csv", "parquet"}, optional
        Told from the file name when omitted; in a folder, read only files
        of this format.
    columns : dict, optional
        Role -> input field, for roles ``id, title, text, date, outlet, url,
        lang``; roles not given are found by common names
        (:data:`COLUMN_CANDIDATES`).  Fields not mapped ride along as columns.
    encoding : str
        Of text files without a byte-order mark (UTF-8 and UTF-16 marks are
        honoured); e.g. ``"cp1256"`` for Windows Arabic.  Bytes that do not
        decode reject their file or line, never get replaced.
    metadata : path, optional
        Metadata for ``.txt`` files (CSV/TSV/JSONL with a ``file`` column);
        by default ``metadata.csv`` (or .tsv, .jsonl) in the folder; ``False``
        for none.
    lang, outlet : str, optional
        For documents whose metadata gives none (``lang`` also saves the
        language detection).
    limit : int, optional
        Stop after this many documents (0 or more).
    delimiter : str, optional
        CSV delimiter, one character (``"tab"`` and ``"\\t"`` name a tab);
        sniffed from the header when omitted.

    Raises
    ------
    FramingError
        For an option that cannot work (a delimiter of two characters, an
        unknown encoding, a negative limit) -- checked before any reading.
    InputError
        For a path that does not exist, a metadata file without a file-name
        column, or a column named in ``columns`` that the (first) file does
        not have; only the first records are read to tell.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> corpus = read_corpus("corpora/seed")                     # doctest: +SKIP
    >>> doc = next(iter(corpus))                                 # doctest: +SKIP
    >>> doc["outlet"], doc["date"], doc["lang"]                  # doctest: +SKIP
    ('Al Jazeera', '2021-12-08', 'ar')
    """
    name = str(path)
    p = Path(path)
    delimiter = check_options(p, name, format=format, encoding=encoding, delimiter=delimiter, metadata=metadata)
    check_metadata(p, name, metadata, encoding)

    def records(manifest: Manifest):
        return iter_records(p, name, format=format, encoding=encoding, metadata=metadata,
                            manifest=manifest, delimiter=delimiter)
    corpus = Corpus(records, name=name, columns=columns, lang=lang, outlet=outlet, limit=limit)
    corpus.options.update(format=format, encoding=encoding, delimiter=delimiter,
                          metadata=file_sha256(metadata) if metadata else None)
    if corpus.columns:
        corpus.check()
    return corpus


__all__ = ["COLUMN_CANDIDATES", "COLUMN_PROBE", "DOCUMENT_COLUMNS", "PARAGRAPH_COLUMNS", "Corpus",
           "check_named_columns", "duplicate_key", "read_corpus", "text_sha256"]
