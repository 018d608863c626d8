"""Record readers of JSONL (also a JSON array), CSV/TSV and Parquet files; bad lines and rows recorded and skipped."""


import csv
import io
import json
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from framing.errors import InputError
from framing.corpus.decoding import _decoded_lines, _open_binary

#: format name -> file name endings (a trailing ``.gz`` is allowed on the text formats)
FORMATS = {
    "txt": (".txt",),
    "jsonl": (".jsonl", ".ndjson", ".json"),
    "csv": (".csv", ".tsv", ".tab"),
    "parquet": (".parquet", ".pq"),
}
# Bounds how much a CSV record with a stray quote can swallow before it is
# rejected (csv's default 128 KiB is too small for long articles).
_CSV_FIELD_LIMIT = 256 * 2**20
_JSON = json.JSONDecoder(strict=False)  # control characters inside strings are stripped later, not fatal

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


def _parent_source(source: str) -> str:
    head = source.replace("\\", "/").rpartition("/")[0]
    return head or "."


def _join(source: str, rel: str) -> str:
    return rel if source in ("", ".") else f"{source.rstrip('/')}/{rel}"


def _stem(name: str) -> str:
    """``a.b.txt`` -> ``a.b``; ``a.txt.gz`` -> ``a``."""
    name = name[:-3] if name.lower().endswith(".gz") else name
    return name.rpartition(".")[0] or name



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
