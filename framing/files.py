"""Small files the toolkit reads whole or hashes: one JSONL reader, one file hasher.

Corpora are streamed by :mod:`framing.corpus` with a record of every bad
line; the files here are small and made by people (gold annotations, coded
data, settings), so a bad line is an error naming the file and the line.

Examples
--------
>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "gold.jsonl")
>>> _ = open(path, "w", encoding="utf-8").write('{"doc": "d1"}\\n\\n{"doc": "d2"}\\n')
>>> [row["doc"] for row in read_jsonl(path)]
['d1', 'd2']
>>> len(file_sha256(path))
64
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from framing.errors import InputError


def read_jsonl(path: str | Path, *, required: tuple[str, ...] = ()) -> list[dict]:
    """Objects of a JSONL file (a byte-order mark and blank lines allowed).

    Parameters
    ----------
    path : path
        The file.
    required : tuple of str
        Fields every object must have.

    Raises
    ------
    InputError
        For a line that is not JSON, not an object, or lacks a required
        field; the message names the file and the line.
    """
    path = Path(path)
    rows = []
    with path.open(encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as exc:
                reason = getattr(exc, "msg", "nested too deeply")
                raise InputError(f"{path}: line {n}: not valid JSON ({reason})") from None
            if not isinstance(row, dict):
                raise InputError(f"{path}: line {n}: expected a JSON object")
            missing = [k for k in required if k not in row]
            if missing:
                raise InputError(f"{path}: line {n}: missing field(s) {missing}")
            rows.append(row)
    return rows


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


__all__ = ["file_sha256", "read_jsonl"]
