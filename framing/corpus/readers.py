"""Format readers: files in, raw records out, bad input recorded and skipped.

Each reader streams one file and yields :class:`Record` objects (the raw
fields of one document and where they came from); :mod:`framing.corpus.documents`
turns records into documents.  A file, line or row that cannot be read is
recorded in the :class:`~framing.corpus.manifest.Manifest` with its place and
reason, and reading goes on with the next one.

Supported: a folder (its ``.txt``, ``.jsonl``, ``.csv``, ``.tsv`` and
``.parquet`` files, with an optional ``metadata.csv``/``.tsv``/``.jsonl`` for
the ``.txt`` files), JSONL (also a JSON array), CSV/TSV, Parquet; any of the
text formats may be gzipped (told by its magic bytes, not its name).

In a folder, every entry is accounted for: corpus files are read; hidden
files and folders (names starting with ``.``: editor backups, checkpoints,
version control) are not read, a hidden corpus file being recorded as a
skipped input and anything else as ignored; broken links, FIFOs and other
non-regular files are recorded as skipped and never opened (a FIFO would
block); links to folders are not followed (they can loop) and are recorded.

Examples
--------
>>> import tempfile, pathlib
>>> from framing.corpus.manifest import Manifest
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.jsonl").write_text('{"text": "one"}\\n{oops\\n', encoding="utf-8")
>>> m = Manifest()
>>> [r.fields for r in iter_records(d / "a.jsonl", "a.jsonl", manifest=m)]
[{'text': 'one'}]
>>> str(m.skipped[0])
'a.jsonl:line 2: malformed JSON: Expecting property name enclosed in double quotes (column 2)'
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import stat
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from framing.errors import FramingError, InputError
from framing.corpus.manifest import Manifest

#: format name -> file name endings (a trailing ``.gz`` is allowed on the text formats)
FORMATS = {
    "txt": (".txt",),
    "jsonl": (".jsonl", ".ndjson", ".json"),
    "csv": (".csv", ".tsv", ".tab"),
    "parquet": (".parquet", ".pq"),
}
#: names the folder reader picks up as metadata for its ``.txt`` files, in order
METADATA_NAMES = ("metadata.csv", "metadata.tsv", "metadata.jsonl")
#: columns of a metadata file that name the text file a row describes
#: (matched case-insensitively, in this order, to the file's path, name or stem)
METADATA_KEYS = ("file", "filename", "file_name", "filepath", "file_path", "path", "name", "doc", "doc_id",
                 "docid", "document", "id", "stem")

# A file whose first block is this share NUL bytes is binary (or UTF-16 without
# a byte-order mark, which we do not guess at).
_NUL_SHARE = 0.05
_SNIFF_BYTES = 65536
# Bounds how much a CSV record with a stray quote can swallow before it is
# rejected (csv's default 128 KiB is too small for long articles).
_CSV_FIELD_LIMIT = 256 * 2**20
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_JSON = json.JSONDecoder(strict=False)  # control characters inside strings are stripped later, not fatal
# Delimiters csv cannot use: they end a line or open a quote.
_BAD_DELIMITERS = {"\n", "\r", '"'}
_DELIMITER_NAMES = {"\\t": "\t", "tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


@dataclass
class Record:
    """The raw fields of one document and where they came from.

    ``text`` and ``stem`` are set for ``.txt`` documents only (the decoded
    file and its name without extension); ``fields`` then holds the file's
    metadata row, if any, and ``fields_from`` names that metadata file ("" when
    there is none).
    """

    fields: dict
    source: str
    place: str = ""
    text: str | None = None
    stem: str | None = None
    fields_from: str | None = None

    @property
    def columns_source(self) -> str:
        """The file whose columns ``fields`` are: the record's own, or its metadata file."""
        return self.source if self.fields_from is None else self.fields_from


def detect_format(path: Path) -> str:
    """The format of a file from its name (``.gz`` ignored).

    >>> detect_format(Path("news.jsonl.gz"))
    'jsonl'
    """
    fmt = _format_of(path.name)
    if fmt is None:
        raise InputError(f"{path}: unknown corpus format; name one of {', '.join(FORMATS)} (format=... or --format)")
    return fmt


def _format_of(name: str) -> str | None:
    name = name.lower().removesuffix(".gz")
    return next((fmt for fmt, endings in FORMATS.items() if name.endswith(endings)), None)


def check_options(path: Path, source: str, *, format: str | None, encoding: str, delimiter: str | None,
                  metadata) -> str | None:
    """Check the reader options before any reading; return the delimiter to use.

    Raises
    ------
    FramingError
        For a delimiter that is not one character, an encoding Python does
        not know, or a format that is not one of :data:`FORMATS`.
    InputError
        For a corpus or metadata path that does not exist or cannot be read
        as a corpus (a FIFO, an unknown file type).

    >>> check_options(Path("."), ".", format=None, encoding="utf-8", delimiter="tab", metadata=None) == "\\t"
    True
    """
    if format is not None and format not in FORMATS:
        raise InputError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    _check_encoding(encoding)
    delimiter = _check_delimiter(delimiter)
    if not path.exists():
        raise InputError(f"{source}: no such file or folder")
    if not path.is_dir():
        if not stat.S_ISREG(path.stat().st_mode):
            raise InputError(f"{source}: not a regular file (a FIFO, socket or device); give a file or a folder")
        if format is None:
            detect_format(path)  # an unknown format is the user's to fix now, not mid-pass
    if metadata not in (None, False):
        meta = Path(metadata)
        if not meta.is_file():
            raise InputError(f"{metadata}: metadata file not found")
        if _format_of(meta.name) not in ("csv", "jsonl"):
            raise InputError(f"{metadata}: metadata must be CSV, TSV or JSONL")
    return delimiter


def _check_encoding(encoding: str) -> None:
    try:
        info = codecs.lookup(encoding)
    except (LookupError, TypeError):
        raise FramingError(f"unknown encoding {encoding!r}; name one Python knows, e.g. utf-8 or cp1256 "
                           "(encoding=... or --encoding)") from None
    if not getattr(info, "_is_text_encoding", True):
        raise FramingError(f"{encoding!r} is not a text encoding; name one such as utf-8 or cp1256")


def _check_delimiter(delimiter: str | None) -> str | None:
    if delimiter is None:
        return None
    delimiter = _DELIMITER_NAMES.get(delimiter, delimiter) if isinstance(delimiter, str) else delimiter
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in _BAD_DELIMITERS:
        raise FramingError(f"CSV delimiter {delimiter!r} must be one character other than a quote or a line "
                           "break, e.g. ',' ';' '|' or 'tab' (delimiter=... or --delimiter)")
    return delimiter


def iter_records(path: Path, source: str, *, format: str | None = None, encoding: str = "utf-8",
                 metadata: Path | None | bool = None, manifest: Manifest,
                 delimiter: str | None = None) -> Iterator[Record]:
    """Records of a file or folder; ``source`` is the path as the user wrote it.

    ``metadata`` is a path, ``None`` to pick ``metadata.csv`` (or .tsv,
    .jsonl) from the folder by name, or ``False`` for none.
    """
    if format is not None and format not in FORMATS:
        raise InputError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if not path.exists():
        raise InputError(f"{source}: no such file or folder")
    if path.is_dir():
        yield from _read_folder(path, source, format, encoding, metadata, manifest, delimiter)
        return
    fmt = format or detect_format(path)
    meta = _txt_metadata(path.parent, _parent_source(source), metadata, encoding, manifest) if fmt == "txt" else None
    yield from _read_file(path, source, fmt, encoding, manifest, delimiter, meta)
    if meta is not None:
        meta.report_unused()


def _parent_source(source: str) -> str:
    head = source.replace("\\", "/").rpartition("/")[0]
    return head or "."


def _join(source: str, rel: str) -> str:
    return rel if source in ("", ".") else f"{source.rstrip('/')}/{rel}"


def _read_folder(folder, source, format, encoding, metadata, manifest, delimiter):
    meta = _txt_metadata(folder, source, metadata, encoding, manifest)
    files = _folder_files(folder, source, format, meta.path.resolve() if meta is not None else None, manifest)
    if not files:
        manifest.skip(source, "", f"no {format or 'corpus'} files in this folder", records=0)
    for p, rel, fmt in files:
        yield from _read_file(p, _join(source, rel), fmt, encoding, manifest, delimiter, meta, rel)
    if meta is not None:
        meta.report_unused()


def _walk(folder: Path) -> list[tuple[Path, str]]:
    """``(path, kind)`` of every entry under ``folder``, in path order.

    ``kind`` is "file" (anything that is not a folder: links, FIFOs ...),
    "dir", "hidden dir" or "link dir"; hidden folders and links to folders
    are listed but not entered.
    """
    entries = []
    for top, dirs, names in os.walk(folder):
        here = Path(top)
        kept = []
        for d in dirs:
            p = here / d
            kind = "link dir" if p.is_symlink() else "hidden dir" if d.startswith(".") else "dir"
            entries.append((p, kind))
            if kind == "dir":
                kept.append(d)
        dirs[:] = kept
        entries += [(here / n, "file") for n in names]
    return sorted(entries, key=lambda e: e[0].relative_to(folder).parts)


def _folder_files(folder, source, format, meta_path, manifest) -> list[tuple[Path, str, str]]:
    """The corpus files of a folder as ``(path, rel, format)``; every other entry is recorded."""
    files = []
    for p, kind in _walk(folder):
        rel = p.relative_to(folder).as_posix()
        where = _join(source, rel)
        fmt = _format_of(p.name)
        if kind == "dir":
            if fmt is not None:
                manifest.ignore(where, "a folder, though named like a corpus file; its files are read")
        elif kind == "hidden dir":
            manifest.ignore(where, "hidden folder (its name starts with '.'); not read")
        elif kind == "link dir":
            manifest.skip(where, "", "link to a folder; not followed (links can loop): "
                          "give its target as a corpus of its own to read it", records=0)
        elif meta_path is not None and p.resolve() == meta_path:
            continue  # the metadata of the .txt files, read already
        elif p.name.lower() in METADATA_NAMES:
            manifest.ignore(where, "a metadata file not used: only the corpus folder's first metadata file is")
        elif fmt is None or (format is not None and fmt != format):
            manifest.ignore(where, f"not a {format or 'corpus'} file (by its name); not read")
        else:
            reason = _unreadable_entry(p)
            if reason is None:
                files.append((p, rel, fmt))
            else:
                manifest.skip(where, "", reason)  # a corpus file left out: count it as a rejected input
    return files


def _unreadable_entry(p: Path) -> str | None:
    """Why a corpus file in a folder is not read (None when it is)."""
    if p.name.startswith("."):
        return "hidden file (its name starts with '.'); not read: rename it to read it"
    try:
        mode = p.stat().st_mode  # follows a link to its target
    except FileNotFoundError:
        return f"broken link (its target {os.readlink(p)!r} does not exist); not read"
    except OSError as exc:
        return f"cannot read: {exc}"
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, socket or device); not opened"
    return None


def _read_file(path, source, fmt, encoding, manifest, delimiter, meta=None, rel=None):
    manifest.files += 1
    try:
        if fmt == "txt":
            yield from _read_txt(path, source, encoding, manifest, meta, rel or path.name)
        elif fmt == "jsonl":
            yield from _read_jsonl(path, source, encoding, manifest)
        elif fmt == "csv":
            yield from _read_csv(path, source, encoding, manifest, delimiter)
        else:
            yield from _read_parquet(path, source, manifest)
    except (OSError, EOFError, zlib.error) as exc:  # unreadable file, or a gzip stream cut short
        manifest.skip(source, "", f"cannot read: {exc}; the rest of this file is skipped")


# --- bytes to text ------------------------------------------------------------

def _bom_encoding(head: bytes) -> str | None:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def _nul_share(head: bytes) -> float:
    return head.count(0) / len(head) if head else 0.0


def _encoding_hint(encoding: str) -> str:
    if codecs.lookup(encoding).name == "utf-8":
        return "; if it is Windows Arabic, name the encoding (encoding='cp1256' or --encoding cp1256)"
    return ""


def decode_bytes(raw: bytes, encoding: str = "utf-8") -> str:
    """Decode a whole file: a byte-order mark wins, errors are never replaced.

    Raises
    ------
    InputError
        For a binary (NUL-heavy) file or a byte that ``encoding`` cannot
        decode; the message names the byte offset.

    >>> decode_bytes(b"\\xef\\xbb\\xbfhi")
    'hi'
    """
    bom = _bom_encoding(raw[:4])
    if bom is None:
        share = _nul_share(raw[:_SNIFF_BYTES])
        if share > _NUL_SHARE:
            raise InputError(f"binary file ({share:.0%} NUL bytes), not text")
    try:
        return raw.decode(bom or encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"byte offset {exc.start}: not valid {bom or encoding} ({exc.reason})"
                         f"{_encoding_hint(encoding) if not bom else ''}") from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None


def _open_binary(path: Path):
    with open(path, "rb") as f:
        magic = f.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb")


def _decoded_lines(stream, encoding: str) -> Iterator[tuple[int, str, str]]:
    """``(line number, text, error)`` per line; ``error`` is "" when it decoded.

    On a decode error ``text`` is a lossy decode used only to keep a CSV
    parser in step, never as data.  Line endings are kept (csv needs them).
    """
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    bom = _bom_encoding(head)
    if bom is None and _nul_share(stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]) > _NUL_SHARE:
        yield 1, "", "binary file (NUL-heavy), not text; the whole file is skipped"
        return
    if bom in ("utf-16", "utf-32"):
        yield from _wide_lines(stream, bom)
        return
    enc = "utf-8" if bom else encoding
    offset = 0
    for lineno, raw in enumerate(stream, 1):
        body = raw[3:] if lineno == 1 and bom else raw
        try:
            yield lineno, body.decode(enc), ""
        except UnicodeDecodeError as exc:
            reason = (f"byte offset {offset + len(raw) - len(body) + exc.start}: not valid {enc} "
                      f"({exc.reason}){_encoding_hint(enc)}")
            yield lineno, body.decode(enc, errors="replace"), reason
        offset += len(raw)


def _wide_lines(stream, encoding):
    # UTF-16/32 lines cannot be split on b"\n"; decode as a stream, and on an
    # error keep what came before and say where the rest was lost.
    lines = io.TextIOWrapper(stream, encoding=encoding, newline="")
    lineno = 0
    try:
        for lineno, line in enumerate(lines, 1):
            yield lineno, line, ""
    except UnicodeDecodeError as exc:
        yield lineno + 1, "", f"not valid {encoding} ({exc.reason}); the rest of the file is skipped"
    finally:
        lines.detach()


# --- txt ----------------------------------------------------------------------

def _stem(name: str) -> str:
    """``a.b.txt`` -> ``a.b``; ``a.txt.gz`` -> ``a``."""
    name = name[:-3] if name.lower().endswith(".gz") else name
    return name.rpartition(".")[0] or name


def _read_txt(path, source, encoding, manifest, meta, rel):
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    try:
        text = decode_bytes(raw, encoding)
    except InputError as exc:
        manifest.skip(source, "", str(exc))
        return
    del raw  # a generator frame keeps its locals alive while it yields
    fields = meta.lookup(rel) if meta is not None else {}
    yield Record(dict(fields), source, "", text=text, stem=_stem(path.name),
                 fields_from=meta.source if meta is not None else "")


class _Metadata:
    """A metadata table for ``.txt`` files, keyed by file path, name or stem."""

    def __init__(self, path: Path, source: str, rows: dict[str, dict], key_col: str, manifest: Manifest):
        self.path, self.source, self.rows, self.key_col, self.manifest = path, source, rows, key_col, manifest
        self.used: set[str] = set()

    def lookup(self, rel: str) -> dict:
        name = rel.rpartition("/")[2]
        for key in (rel, name, _stem(name)):
            if key in self.rows:
                self.used.add(key)
                return {k: v for k, v in self.rows[key].items() if k != self.key_col}
        return {}

    def report_unused(self) -> None:
        for key in self.rows.keys() - self.used:
            self.manifest.warn(self.source, "", f"metadata row for {key!r} matches no text file")


def _metadata_file(folder: Path, folder_source: str, metadata) -> tuple[Path, str] | None:
    """The metadata file of a ``.txt`` corpus and its name as the user sees it."""
    if metadata is False:
        return None
    if metadata is None:
        found = [folder / n for n in METADATA_NAMES if (folder / n).is_file()]
        return (found[0], _join(folder_source, found[0].name)) if found else None
    path, source = Path(metadata), str(metadata)
    if not path.is_file():
        raise InputError(f"{source}: metadata file not found")
    return path, source


def _metadata_records(path: Path, source: str, encoding: str, manifest: Manifest) -> Iterator[Record]:
    fmt = detect_format(path)
    if fmt == "csv":
        # a metadata field never holds a line break: one that does is an unclosed quote swallowing rows
        return _read_csv(path, source, encoding, manifest, None, multiline=False)
    if fmt == "jsonl":
        return _read_jsonl(path, source, encoding, manifest)
    raise InputError(f"{source}: metadata must be CSV, TSV or JSONL")


def metadata_key(fields, source: str) -> str:
    """The column of a metadata record that names the text file it describes.

    Raises
    ------
    InputError
        When no column has one of the :data:`METADATA_KEYS` names; the
        message lists the columns the file has.

    >>> metadata_key({"doc": "a1", "source": "Wire"}, "m.jsonl")
    'doc'
    """
    lower = {str(k).lower(): k for k in fields}
    key = next((lower[k] for k in METADATA_KEYS if k in lower), None)
    if key is None:
        raise InputError(f"{source}: metadata has no column naming the text files; its columns are "
                         f"{', '.join(map(str, fields)) or '(none)'}: rename one to one of {', '.join(METADATA_KEYS)}")
    return key


def check_metadata(path: Path, source: str, metadata, encoding: str) -> None:
    """Check, before reading, that the metadata of a ``.txt`` corpus has a file-name column."""
    folder, folder_source = (path, source) if path.is_dir() else (path.parent, _parent_source(source))
    if not path.is_dir() and _format_of(path.name) != "txt":
        return
    found = _metadata_file(folder, folder_source, metadata)
    if found is None:
        return
    records = _metadata_records(*found, encoding, Manifest())
    try:
        first = next(records, None)
    finally:
        records.close()
    if first is not None:
        metadata_key(first.fields, found[1])


def _txt_metadata(folder, folder_source, metadata, encoding, manifest) -> _Metadata | None:
    found = _metadata_file(folder, folder_source, metadata)
    if found is None:
        return None
    path, source = found
    rows: dict[str, dict] = {}
    key_col = None
    with manifest.not_documents():  # a bad metadata row is no document lost
        for rec in _metadata_records(path, source, encoding, manifest):
            key_col = key_col or metadata_key(rec.fields, source)
            key = str(rec.fields.get(key_col) or "").strip().replace("\\", "/")
            if not key:
                manifest.skip(source, rec.place, f"metadata row without a {key_col!r}", records=0)
            elif key in rows:
                manifest.warn(source, rec.place, f"second metadata row for {key!r}; the first one is used")
            else:
                rows[key] = rec.fields
    return _Metadata(path, source, rows, key_col or "", manifest)


# --- jsonl --------------------------------------------------------------------

def _decode_json(text: str) -> tuple[object, str, bool]:
    """``(value, problem, cut_short)``: ``problem`` is "" when ``text`` parsed.

    ``cut_short`` tells a value that only ends on a later line (the first
    line of a pretty-printed JSON array) from a malformed one.
    """
    try:
        return _JSON.decode(text), "", False
    except RecursionError:  # a value nested thousands deep: Python's parser recurses
        return None, "JSON nested too deeply to read", False
    except json.JSONDecodeError as exc:
        return None, f"malformed JSON: {exc.msg} (column {exc.colno})", exc.pos >= len(text.rstrip())


def _read_jsonl(path, source, encoding, manifest):
    with _open_binary(path) as stream:
        yield from _jsonl_lines(_decoded_lines(stream, encoding), source, manifest, first=True)


def _jsonl_lines(lines, source, manifest, first=False):
    """Records of JSON Lines; ``first`` while no line has been met (a JSON array may start)."""
    met = False
    for lineno, text, err in lines:
        if err:
            manifest.skip(source, f"line {lineno}", err)
            first, met = False, True
            continue
        if not text.strip():
            continue
        obj, problem, cut_short = _decode_json(text)
        if first and text.lstrip().startswith("["):
            if cut_short:  # a JSON array over several lines, not JSON Lines: parse it whole
                yield from _json_array(text, list(lines), source, manifest)
                return
            if isinstance(obj, list):  # a JSON array on one line
                yield from _json_items(obj, source, manifest)
                first, met = False, True
                continue
        first, met = False, True
        if problem:
            manifest.skip(source, f"line {lineno}", problem)
        elif not isinstance(obj, dict):
            manifest.skip(source, f"line {lineno}", f"not a JSON object but a {type(obj).__name__}")
        else:
            yield Record(obj, source, f"line {lineno}")
    if not met and first:
        manifest.skip(source, "", "empty file (no JSON line in it)", records=0)


def _json_array(head, rest, source, manifest):
    """Items of a JSON array whose first line is ``head``; if it is no array, its lines one by one."""
    problem = next((f"line {n}: {err}" for n, _, err in rest if err), "")
    if not problem:
        try:
            items = _JSON.decode(head + "".join(t for _, t, _ in rest))
        except RecursionError:
            problem = "nested too deeply to read"
        except ValueError as exc:
            problem = f"line {exc.lineno}: {exc.msg} (column {exc.colno})"
        else:
            yield from _json_items(items, source, manifest)
            return
    # keep what can be kept: the file may be JSON Lines after a bad first line
    manifest.skip(source, "line 1", f"malformed JSON: not one JSON value, and not a JSON array either ({problem})")
    yield from _jsonl_lines(rest, source, manifest)


def _json_items(items, source, manifest):
    for i, obj in enumerate(items, 1):
        if isinstance(obj, dict):
            yield Record(obj, source, f"item {i}")
        else:
            manifest.skip(source, f"item {i}", f"not a JSON object but a {type(obj).__name__}")


# --- csv ----------------------------------------------------------------------

class _LineFeed:
    """Decoded lines for ``csv.reader``, remembering the lines of the current record.

    A record with the wrong number of fields that spans several lines is
    usually a stray quote swallowing the rows after it; its lines after the
    first are pushed back and parsed again, so those rows are not lost.
    """

    def __init__(self, lines):
        self._lines = lines
        self._back: deque = deque()
        self.taken: list[tuple[int, str]] = []
        self.error: tuple[int, str] | None = None
        self.ended = False  # the current record ran into the end of the file

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self._back:
            lineno, text = self._back.popleft()
        else:
            try:
                lineno, text, err = next(self._lines)
            except StopIteration:
                self.ended = True
                raise
            if err and self.error is None:
                self.error = (lineno, err)
        self.taken.append((lineno, text))
        return text

    def start_record(self) -> None:
        self.taken, self.error, self.ended = [], None, False

    def push_back(self, lines: list[tuple[int, str]]) -> None:
        self._back.extendleft(reversed(lines))

    @property
    def first_line(self) -> int:
        return self.taken[0][0] if self.taken else 0


def _sniff_delimiter(header: str, path: Path) -> str:
    if path.name.lower().removesuffix(".gz").endswith((".tsv", ".tab")):
        return "\t"
    counts = {d: header.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[","] else ","


def _read_csv(path, source, encoding, manifest, delimiter, multiline=True):
    """Rows of a CSV/TSV file; ``multiline=False`` rejects a field that spans lines."""
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    with _open_binary(path) as stream:
        lines = _decoded_lines(stream, encoding)
        first = next(lines, None)
        if first is None:
            manifest.skip(source, "", "empty file", records=0)
            return
        if first[2]:
            manifest.skip(source, "line 1", f"{first[2]} (header unreadable; the whole file is skipped)")
            return
        delimiter = delimiter or _sniff_delimiter(first[1], path)
        header = next(csv.reader([first[1]], delimiter=delimiter), [])
        header = [h.strip() or f"column_{i + 1}" for i, h in enumerate(header)]
        if not header:
            manifest.skip(source, "line 1", "empty header line; the whole file is skipped")
            return
        feed = _LineFeed(lines)
        reader = csv.reader(feed, delimiter=delimiter)
        before, rows = len(manifest.skipped), 0
        for rec in _csv_rows(reader, feed, header, source, manifest, delimiter, multiline):
            rows += 1
            yield rec
        if not rows and len(manifest.skipped) == before:
            manifest.skip(source, "", "no rows after the header line", records=0)


def _csv_rows(reader, feed, header, source, manifest, delimiter=",", multiline=True):
    ncols = len(header)
    while True:
        feed.start_record()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            _reject_row(feed, source, manifest, f"bad CSV row: {exc}")
            continue
        place = f"line {feed.first_line}"
        if feed.error is not None:
            manifest.skip(source, f"line {feed.error[0]}", feed.error[1])
            continue
        if not row or (len(row) == 1 and not row[0].strip() and ncols > 1):
            continue  # blank line
        while len(row) > ncols and not row[-1].strip():
            row.pop()  # trailing delimiters
        if len(row) != ncols:
            _reject_row(feed, source, manifest, f"bad CSV row: {len(row)} fields where the header has {ncols}")
            continue
        if len(feed.taken) > 1 and (not multiline or (feed.ended and _ends_in_quote(feed.taken, delimiter))):
            _reject_row(feed, source, manifest, f"bad CSV row: a quote opened on line {feed.first_line} is not "
                        "closed where the row should end" + ("" if multiline else " (a field spans lines)"))
            continue
        yield Record(dict(zip(header, row)), source, place)


def _ends_in_quote(taken: list[tuple[int, str]], delimiter: str) -> bool:
    """Whether these lines end inside a quoted field (the file ran out before the quote closed)."""
    try:
        for _ in csv.reader(io.StringIO("".join(t for _, t in taken), newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _reject_row(feed, source, manifest, reason):
    taken = feed.taken
    if len(taken) > 1:
        reason += f" (lines {taken[0][0]}-{taken[-1][0]}; the lines after the first are read again)"
        feed.push_back(taken[1:])
    manifest.skip(source, f"line {feed.first_line}", reason)


# --- parquet ------------------------------------------------------------------

def _read_parquet(path, source, manifest):
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a broken file
        manifest.skip(source, "", f"cannot read Parquet: {exc}")
        return
    row = 0
    for group in range(pf.num_row_groups):
        start, n = row, pf.metadata.row_group(group).num_rows
        try:
            for batch in pf.iter_batches(batch_size=1024, row_groups=[group]):
                for fields in batch.to_pylist():
                    row += 1
                    yield Record(fields, source, f"row {row}")
        except Exception as exc:  # a damaged row group: keep the others
            manifest.skip(source, f"rows {row + 1}-{start + n}", f"cannot read Parquet row group {group}: {exc}",
                          records=start + n - row)
            row = start + n


__all__ = ["FORMATS", "METADATA_KEYS", "METADATA_NAMES", "Record", "check_metadata", "check_options",
           "decode_bytes", "detect_format", "iter_records", "metadata_key"]
