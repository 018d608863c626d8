"""Format readers: a corpus path in, raw records out, bad input recorded and skipped.

:func:`iter_records` checks the options, walks a folder and hands each file
to its reader (:mod:`.records` for JSONL, CSV and Parquet, the ``.txt``
reader here with its metadata from :mod:`.metadata`, bytes decoded by
:mod:`.decoding`).  Each reader streams one file and yields :class:`Record` objects (the raw
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
import gzip
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path

from framing.errors import FramingError, InputError
from framing.corpus.manifest import Manifest
from framing.corpus.decoding import decode_bytes
from framing.corpus.metadata import METADATA_KEYS, METADATA_NAMES, check_metadata, metadata_key, _txt_metadata
from framing.corpus.records import (FORMATS, Record, _format_of, _join, _parent_source, _read_csv, _read_jsonl,
                                    _read_parquet, _stem, detect_format)

# Delimiters csv cannot use: they end a line or open a quote.
_BAD_DELIMITERS = {"\n", "\r", '"'}
_DELIMITER_NAMES = {"\\t": "\t", "tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


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
    if path.is_dir():
        _not_an_analysis_folder(path, source)
    else:
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


def _not_an_analysis_folder(path: Path, source: str) -> None:
    # the tables of an analysis (documents.csv, utterances.parquet ...) would be read as a corpus of documents
    from framing.analysis.record import is_analysis_folder, read_run_record

    if is_analysis_folder(path):
        corpus = read_run_record(path).get("corpus")
        made_from = f" (made from {corpus})" if corpus else ""
        raise InputError(f"{source}: a folder framing analyze wrote{made_from}, not a corpus; give the corpus, or "
                         f"read the folder's tables: framing report --from {source}, framing speakers {source}")


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


# --- txt ----------------------------------------------------------------------

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


__all__ = ["FORMATS", "METADATA_KEYS", "METADATA_NAMES", "Record", "check_metadata", "check_options",
           "decode_bytes", "detect_format", "iter_records", "metadata_key"]
