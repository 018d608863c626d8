"""Format readers: files in, raw records out, bad input recorded and skipped.

Each reader streams one file and yields :class:`Record` objects (the raw
fields of one document and where they came from); :mod:`framing.corpus`
turns records into documents.  A file, line or row that cannot be read is
recorded in the :class:`~framing.manifest.Manifest` with its place and
reason, and reading goes on with the next one.

Supported: a folder (its ``.txt``, ``.jsonl``, ``.csv``, ``.tsv`` and
``.parquet`` files, with an optional ``metadata.csv``/``.tsv``/``.jsonl`` for
the ``.txt`` files), JSONL (also a JSON array), CSV/TSV, Parquet; any of the
text formats may be gzipped (told by its magic bytes, not its name).

Examples
--------
>>> import tempfile, pathlib
>>> from framing.manifest import Manifest
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
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from framing.errors import InputError
from framing.manifest import Manifest

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
METADATA_KEYS = ("file", "filename", "file_name", "path", "name", "doc_id", "id")

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


@dataclass
class Record:
    """The raw fields of one document and where they came from.

    ``text`` and ``stem`` are set for ``.txt`` documents only (the decoded
    file and its name without extension); ``fields`` then holds the file's
    metadata row, if any.
    """

    fields: dict
    source: str
    place: str = ""
    text: str | None = None
    stem: str | None = None


def detect_format(path: Path) -> str:
    """The format of a file from its name (``.gz`` ignored).

    >>> detect_format(Path("news.jsonl.gz"))
    'jsonl'
    """
    name = path.name.lower().removesuffix(".gz")
    for fmt, endings in FORMATS.items():
        if name.endswith(endings):
            return fmt
    raise InputError(f"{path}: unknown corpus format; name one of {', '.join(FORMATS)} (format=... or --format)")


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
    skip_names = {meta.path.resolve()} if meta is not None else set()
    files = []
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if not p.is_file() or any(part.startswith(".") for part in p.relative_to(folder).parts):
            continue
        if p.name.lower() in METADATA_NAMES or p.resolve() in skip_names:
            continue
        try:
            fmt = detect_format(p)
        except InputError:
            continue  # READMEs, images and the like are not documents
        if format is None or fmt == format:
            files.append((p, rel, fmt))
    if not files:
        manifest.skip(source, "", f"no {format or 'corpus'} files in this folder")
    for p, rel, fmt in files:
        yield from _read_file(p, _join(source, rel), fmt, encoding, manifest, delimiter, meta, rel)
    if meta is not None:
        meta.report_unused()


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
    yield Record(dict(fields), source, "", text=text, stem=_stem(path.name))


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


def _txt_metadata(folder, folder_source, metadata, encoding, manifest) -> _Metadata | None:
    if metadata is False:
        return None
    if metadata is None:
        found = [folder / n for n in METADATA_NAMES if (folder / n).is_file()]
        if not found:
            return None
        path, source = found[0], _join(folder_source, found[0].name)
    else:
        path, source = Path(metadata), str(metadata)
        if not path.is_file():
            raise InputError(f"{source}: metadata file not found")
    fmt = detect_format(path)
    if fmt not in ("csv", "jsonl"):
        raise InputError(f"{source}: metadata must be CSV, TSV or JSONL")
    reader = _read_csv(path, source, encoding, manifest, None) if fmt == "csv" else _read_jsonl(path, source, encoding, manifest)
    rows: dict[str, dict] = {}
    key_col = None
    for rec in reader:
        if key_col is None:
            lower = {k.lower(): k for k in rec.fields}
            key_col = next((lower[k] for k in METADATA_KEYS if k in lower), None)
            if key_col is None:
                manifest.skip(source, "", f"metadata has no file-name column (one of {', '.join(METADATA_KEYS)})")
                return None
        key = str(rec.fields.get(key_col) or "").strip().replace("\\", "/")
        if not key:
            manifest.skip(source, rec.place, f"metadata row without a {key_col!r}")
        elif key in rows:
            manifest.warn(source, rec.place, f"second metadata row for {key!r}; the first one is used")
        else:
            rows[key] = rec.fields
    return _Metadata(path, source, rows, key_col or "", manifest)


# --- jsonl --------------------------------------------------------------------

def _read_jsonl(path, source, encoding, manifest):
    with _open_binary(path) as stream:
        lines = _decoded_lines(stream, encoding)
        for lineno, text, err in lines:
            if err:
                manifest.skip(source, f"line {lineno}", err)
                continue
            if not text.strip():
                continue
            if lineno == 1 and text.lstrip().startswith("["):
                # a JSON array, not JSON Lines: it can only be parsed whole
                yield from _json_array(text + "".join(t for _, t, _ in lines), source, manifest)
                return
            try:
                obj = _JSON.decode(text)
            except ValueError as exc:
                manifest.skip(source, f"line {lineno}", f"malformed JSON: {exc.msg} (column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                manifest.skip(source, f"line {lineno}", f"not a JSON object but a {type(obj).__name__}")
                continue
            yield Record(obj, source, f"line {lineno}")


def _json_array(text, source, manifest):
    try:
        items = _JSON.decode(text)
    except ValueError as exc:
        manifest.skip(source, f"line {exc.lineno}", f"malformed JSON: {exc.msg} (column {exc.colno}); the whole array is skipped")
        return
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

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self._back:
            lineno, text = self._back.popleft()
        else:
            lineno, text, err = next(self._lines)
            if err and self.error is None:
                self.error = (lineno, err)
        self.taken.append((lineno, text))
        return text

    def start_record(self) -> None:
        self.taken, self.error = [], None

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


def _read_csv(path, source, encoding, manifest, delimiter):
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    with _open_binary(path) as stream:
        lines = _decoded_lines(stream, encoding)
        first = next(lines, None)
        if first is None:
            manifest.skip(source, "", "empty file")
            return
        if first[2]:
            manifest.skip(source, "line 1", f"{first[2]} (header unreadable; the whole file is skipped)")
            return
        header = next(csv.reader([first[1]], delimiter=delimiter or _sniff_delimiter(first[1], path)))
        header = [h.strip() or f"column_{i + 1}" for i, h in enumerate(header)]
        feed = _LineFeed(lines)
        reader = csv.reader(feed, delimiter=delimiter or _sniff_delimiter(first[1], path))
        yield from _csv_rows(reader, feed, header, source, manifest)


def _csv_rows(reader, feed, header, source, manifest):
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
        yield Record(dict(zip(header, row)), source, place)


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
            manifest.skip(source, f"rows {row + 1}-{start + n}", f"cannot read Parquet row group {group}: {exc}")
            row = start + n


__all__ = ["FORMATS", "METADATA_NAMES", "Record", "decode_bytes", "detect_format", "iter_records"]
