"""The tables ``framing analyze`` writes, on disk: their names, and one way to write and read them.

Each table is ``NAME.parquet`` (typed, what the toolkit reads back) and
``NAME.csv`` (for everyone else) in the output folder, beside
``manifest.json``.  Evaluation, validation, stance evaluation and the
report all read them through :func:`read_table`.

Examples
--------
>>> import tempfile
>>> out = tempfile.mkdtemp()
>>> paths = write_tables({"speakers": pd.DataFrame({"speaker": ["a"], "n_utterances": [2]})}, out)
>>> read_table(out, "speakers").to_dict("list")
{'speaker': ['a'], 'n_utterances': [2]}
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from framing.errors import InputError

#: The per-batch tables, and the aggregates computed from them at the end.
BATCH_TABLES = ("documents", "utterances", "measures")
AGGREGATES = ("speakers", "outlets", "periods")
TABLES = BATCH_TABLES + AGGREGATES

#: Text columns read as text from CSV (an id such as "0012" keeps its zeros; an empty cell is missing).
_TEXT_COLUMNS = ("doc_id", "utterance_id", "speaker_id", "cue", "speaker", "mention", "mention_full", "content")


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path, *, manifest=None,
                 csv: bool = True) -> list[Path]:
    """Write each table as ``NAME.parquet`` and ``NAME.csv`` in ``out_dir``; return the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in tables.items():
        df.to_parquet(out / f"{name}.parquet", index=False)
        written.append(out / f"{name}.parquet")
        if csv:
            written.append(write_csv(df, out / f"{name}.csv"))
    if manifest is not None:
        path = out / "manifest.json"
        path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
        written.append(path)
    return written


def write_csv(frame: pd.DataFrame, path) -> Path:
    """Write a table as CSV with Arrow's writer (ten times pandas' speed on wide float tables).

    Strings are quoted, missing values are empty, booleans are ``true``/``false``;
    :meth:`PartStore.finalize` writes the same format, so a table written whole
    and one joined from parts are the same bytes.

    >>> import tempfile, os
    >>> p = write_csv(pd.DataFrame({"a": [1, None], "b": ["x", None]}), os.path.join(tempfile.mkdtemp(), "t.csv"))
    >>> p.read_text().splitlines()
    ['"a","b"', '1,"x"', ',']
    """
    import pyarrow as pa
    import pyarrow.csv as pcsv

    path = Path(path)
    pcsv.write_csv(pa.Table.from_pandas(frame, preserve_index=False), path)
    return path


def read_table(source: str | Path, name: str, *, missing_ok: bool = False) -> pd.DataFrame | None:
    """Table ``name`` from an output folder (``NAME.parquet``, else ``NAME.csv``), or from a file.

    Parameters
    ----------
    source : path
        A ``framing analyze`` output folder, or a ``.parquet`` / ``.csv`` file of the table.
    name : str
        The table: ``utterances``, ``measures``, ``speakers`` ...
    missing_ok : bool
        Return None, instead of raising, when a folder lacks the table.

    Raises
    ------
    InputError
        Naming the folder and the files looked for, or a file of another kind.
    """
    path = Path(source)
    if path.is_dir():
        for candidate in (path / f"{name}.parquet", path / f"{name}.csv"):
            if candidate.exists():
                return read_table(candidate, name)
        if missing_ok:
            return None
        raise InputError(f"{path}: no {name}.parquet or {name}.csv in this folder (run `framing analyze` to make it)")
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".csv":
        return pd.read_csv(path, keep_default_na=False, na_values=[""], dtype={c: str for c in _TEXT_COLUMNS})
    raise InputError(f"{path}: expected a folder, a .csv or a .parquet file of {name}")


__all__ = ["AGGREGATES", "BATCH_TABLES", "TABLES", "read_table", "write_csv", "write_tables"]
