"""Metadata of a folder of ``.txt`` files: the file that gives each text its title, date, outlet and url."""


from collections.abc import Iterator
from pathlib import Path

from framing.errors import InputError
from framing.corpus.manifest import Manifest
from framing.corpus.records import Record, _format_of, _join, _parent_source, _read_csv, _read_jsonl, _stem, detect_format

#: names the folder reader picks up as metadata for its ``.txt`` files, in order
METADATA_NAMES = ("metadata.csv", "metadata.tsv", "metadata.jsonl")
#: columns of a metadata file that name the text file a row describes
#: (matched case-insensitively, in this order, to the file's path, name or stem)
METADATA_KEYS = ("file", "filename", "file_name", "filepath", "file_path", "path", "name", "doc", "doc_id",
                 "docid", "document", "id", "stem")


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
