"""Analysis tables written batch by batch, and the bookkeeping to resume a run.

A streaming run writes each batch's tables as Parquet parts as soon as the
batch is done, so memory holds one batch at a time however large the corpus::

    OUT/parts/progress.jsonl                 the run's settings, then one line per finished batch
    OUT/parts/utterances/part-000000.parquet one file per batch and table
    OUT/parts/measures/part-000000.parquet
    OUT/parts/documents/part-000000.parquet

A batch counts as written only once its line is in ``progress.jsonl``; the
line is appended after the batch's files are in place, so a run stopped at
any moment leaves no half-counted batch.  Each line records the batch's key
(a hash of its documents' ids and texts): a resumed run skips the batches
whose key matches and stops with an error when the corpus changed under it.

:meth:`PartStore.finalize` then joins each table's parts into ``NAME.parquet``
(one row group per part) and ``NAME.csv``, one part at a time, with the
columns of all parts (a field seen in only some batches is empty elsewhere).

Examples
--------
>>> import tempfile, pandas as pd
>>> store = PartStore(tempfile.mkdtemp(), settings={"seed": 0})
>>> store.write(0, "k0", {"t": pd.DataFrame({"a": [1, 2]})})
>>> store.write(1, "k1", {"t": pd.DataFrame({"a": [3], "b": ["x"]})})
>>> paths = store.finalize(["t"])
>>> pd.read_parquet(paths[0]).to_dict("list")
{'a': [1, 2, 3], 'b': [nan, nan, 'x']}
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from framing.errors import InputError
from framing.tables import write_csv

PARTS = "parts"
PROGRESS = "progress.jsonl"


def batch_key(docs: Iterable[Mapping]) -> str:
    """A hash of a batch's documents: every field, the text by its sha256 when the corpus gave one.

    The fields besides the text (language, outlet, date, url, title, extra
    metadata) count too: they decide the tables, and they change with the
    reader options (``--lang``, ``--outlet``, ``--metadata``, ``--*-col``),
    so a run resumed with other options meets other keys and is refused.

    >>> batch_key([{"doc_id": "a", "sha256": "00"}]) == batch_key([{"doc_id": "a", "sha256": "00"}])
    True
    >>> batch_key([{"doc_id": "a", "sha256": "00", "lang": "ar"}]) == batch_key([{"doc_id": "a", "sha256": "00", "lang": "en"}])
    False
    """
    h = hashlib.blake2b(digest_size=16)
    for doc in docs:
        text_hash = doc.get("sha256") or hashlib.sha256(str(doc.get("text", "")).encode("utf-8")).hexdigest()
        fields = sorted((str(k), repr(v)) for k, v in doc.items() if k not in ("text", "sha256", "doc_id"))
        h.update(f"{doc.get('doc_id')}\x1f{text_hash}\x1f{fields!r}\x1e".encode("utf-8"))
    return h.hexdigest()


#: Files ``framing analyze`` writes in its output folder; a folder holding any of them is one of its own.
OUTPUT_NAMES = frozenset(f"{name}.{ext}" for name in ("documents", "utterances", "measures", "speakers",
                                                       "outlets", "periods") for ext in ("parquet", "csv"))
LOCK = ".framing-analyze.lock"


def check_out_dir(out_dir) -> Path:
    """The output folder of a run, checked before any work: a folder this toolkit may write into.

    A new or empty folder, or one holding a run of ``framing analyze``
    (its tables or its ``parts/``), is fine; a file, or a folder of other
    files (the corpus, a user's documents), is refused, since the run
    would write over names it does not own.

    Raises
    ------
    FramingError
        Naming the folder and what to do.
    """
    from framing.errors import FramingError

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise FramingError(f"--out {out}: is a file, not a folder; give a new or empty folder for the tables")
    if out.is_dir():
        names = {p.name for p in out.iterdir()}
        ours = names & (OUTPUT_NAMES | {PARTS, "manifest.json", LOCK})
        if names and not ours:
            raise FramingError(f"--out {out}: holds files that framing analyze did not write "
                               f"({', '.join(sorted(names)[:3])}{' ...' if len(names) > 3 else ''}); "
                               f"give a new or empty folder")
    return out


class RunLock:
    """An exclusive lock on an output folder, held while a run writes into it.

    A second run into the same folder fails at once with a clear message
    instead of interleaving its batches with the first.  The lock is an
    advisory ``flock`` on ``OUT/.framing-analyze.lock``, released by the
    system when the process ends (however it ends); the file is removed
    when the run is done.  Where ``fcntl`` is missing, runs are not locked.
    """

    def __init__(self, out_dir):
        self.path = Path(out_dir) / LOCK
        self._fh = None

    def __enter__(self) -> "RunLock":
        from framing.errors import RunError

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+", encoding="utf-8")
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not a POSIX system
            self._fh = fh
            return self
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.seek(0)
            holder = fh.read().strip()
            fh.close()
            raise RunError(f"--out {self.path.parent}: another framing analyze is writing there"
                           f"{f' (process {holder})' if holder else ''}; wait for it to finish, "
                           f"or use another --out") from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh
        return self

    def __exit__(self, exc_type, *exc) -> bool:
        if self._fh is not None:
            if exc_type is None:
                # the run finished: no lock file left among the tables (a failed run keeps it, harmlessly)
                self.path.unlink(missing_ok=True)
            self._fh.close()
            self._fh = None
        return False


class PartStore:
    """Parquet parts of the analysis tables under ``OUT/parts``, with a resume log.

    Parameters
    ----------
    out_dir : path
        The output folder of the run.
    settings : dict
        What decides the tables (options, versions, model and registry
        hashes); a resumed run must have the same.
    restart : bool
        Discard the parts of an earlier run instead of resuming it.

    Raises
    ------
    InputError
        When ``out_dir`` holds an unfinished run with other settings and
        ``restart`` is false (the message names the settings that differ).
    """

    def __init__(self, out_dir, *, settings: Mapping, restart: bool = False):
        self.out = Path(out_dir)
        self.root = self.out / PARTS
        self.settings = json.loads(json.dumps(dict(settings), sort_keys=True, default=str))
        self.log = self.root / PROGRESS
        if restart and self.root.exists():
            shutil.rmtree(self.root)
        self.done: dict[int, dict] = self._read_log() if self.log.exists() else {}
        if not self.log.exists():
            self.root.mkdir(parents=True, exist_ok=True)
            self._append({"settings": self.settings})

    # -- resume bookkeeping --

    def _read_log(self) -> dict[int, dict]:
        lines = self.log.read_text(encoding="utf-8").splitlines()
        try:
            head = json.loads(lines[0])["settings"] if lines else None
        except (ValueError, KeyError, TypeError):
            head = None
        if head is None:
            raise InputError(f"{self.log}, line 1: not a progress log of framing analyze "
                             f"(remove {self.root} or run with --restart)")
        if head != self.settings:
            differ = sorted(k for k in set(head) | set(self.settings) if head.get(k) != self.settings.get(k))
            if differ == ["stance_priors"]:
                # estimated from a sample of the corpus before the batches: the same corpus gives the same
                raise InputError(f"{self.out} holds an unfinished run of a corpus that has changed since (the "
                                 f"stance priors estimated from a sample of it differ); run again with --restart "
                                 f"to discard it, or use another --out")
            raise InputError(f"{self.out} holds an unfinished run with other settings (differing: "
                             f"{', '.join(differ)}); run again with --restart to discard it, or use another --out")
        done = {}
        for number, line in enumerate(lines[1:], 2):
            try:
                rec = json.loads(line)
                done[int(rec["batch"])] = rec
            except (ValueError, KeyError, TypeError):
                # only a crash while appending leaves a partial line, and it can only be the last:
                # drop it, so the next record starts on a line of its own
                if number != len(lines):
                    raise InputError(f"{self.log}, line {number}: not a batch record") from None
                self.log.write_text("".join(x + "\n" for x in lines[:-1]), encoding="utf-8")
        return done

    def _append(self, record: dict) -> None:
        with open(self.log, "a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())

    def is_done(self, index: int, key: str) -> bool:
        """Whether batch ``index`` is written; an error when it was written from other documents."""
        rec = self.done.get(index)
        if rec is None:
            return False
        if rec["key"] != key:
            raise InputError(f"{self.log}: batch {index} was written from other documents than the corpus "
                             f"now gives (the corpus changed since the run began); run again with --restart")
        return True

    # -- writing --

    def part(self, name: str, index: int) -> Path:
        return self.writer().part(name, index)

    def writer(self) -> "PartWriter":
        """What writes this store's part files, small enough to send to a worker process."""
        return PartWriter(self.root)

    def write(self, index: int, key: str, tables: Mapping[str, pd.DataFrame], **info) -> None:
        """Write one batch's tables, then record the batch as done."""
        self.record(index, key, self.writer().write(index, tables), **info)

    def record(self, index: int, key: str, rows: Mapping[str, int], **info) -> None:
        """Record batch ``index`` as done, its part files (``rows`` per table) being in place."""
        rec = {"batch": index, "key": key, "rows": dict(rows), **info}
        self._append(rec)
        self.done[index] = rec

    # -- reading --

    def parts(self, name: str) -> list[Path]:
        """The parts of table ``name`` of the batches recorded as done, in batch order."""
        return [self.part(name, i) for i in sorted(self.done)]

    def schema(self, name: str):
        """The Arrow schema of all parts of ``name``: columns in order of appearance, types unified."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        schemas = [_without_pandas_meta(pq.read_schema(p)) for p in self.parts(name)]
        return pa.unify_schemas(schemas, promote_options="permissive") if schemas else pa.schema([])

    def read(self, name: str, columns: Iterable[str] | None = None) -> pd.DataFrame:
        """Table ``name`` from its parts (only ``columns`` when given), in batch order."""
        import pyarrow as pa

        import pyarrow.parquet as pq

        schema = self.schema(name)
        if self.done:
            schema = schema.with_metadata(pq.read_schema(self.parts(name)[0]).metadata)
        wanted = [c for c in (columns or schema.names) if c in schema.names]
        tables = [_conform(p, schema, wanted) for p in self.parts(name)]
        if not tables:
            return pd.DataFrame(columns=wanted)
        return pa.concat_tables(tables).to_pandas()

    def finalize(self, names: Iterable[str], *, csv: bool = True,
                 empty: Mapping[str, pd.DataFrame] | None = None, transforms: Mapping | None = None) -> list[Path]:
        """Join each table's parts into ``OUT/NAME.parquet`` (and ``NAME.csv``); return the paths.

        Written under temporary names and moved into place at the end, so a
        reader never sees half a table.  The tables are joined in threads:
        Arrow reads, converts and writes without holding the interpreter.
        A table with no parts (an empty corpus) is written from ``empty[name]``,
        an empty frame with the table's columns, so readers still find them.
        ``transforms[name]``, when given, rewrites each part of table ``name``
        (an Arrow table, same columns) as it is joined: the corpus-level
        merge of speaker name variants, without a second pass over the table.
        """
        from concurrent.futures import ThreadPoolExecutor

        names = list(names)
        empty, transforms = empty or {}, transforms or {}
        with ThreadPoolExecutor(max_workers=max(1, min(len(names), 3))) as pool:
            done = list(pool.map(lambda name: self._finalize_one(name, csv, empty.get(name), transforms.get(name)),
                                 names))
        return [path for paths in done for path in paths]

    def _finalize_one(self, name: str, csv: bool, empty: pd.DataFrame | None = None, transform=None) -> list[Path]:
        import pyarrow.csv as pcsv
        import pyarrow.parquet as pq

        parts = self.parts(name)
        if not parts and empty is not None:
            pq_path = self.out / f"{name}.parquet"
            empty.to_parquet(pq_path, index=False)
            return [pq_path, write_csv(empty, self.out / f"{name}.csv")] if csv else [pq_path]
        schema = self.schema(name)
        if parts:
            # the first part's pandas metadata keeps dtypes (Int64, str ...) when the table is read back
            schema = schema.with_metadata(pq.read_schema(parts[0]).metadata)
        pq_path, csv_path = self.out / f"{name}.parquet", self.out / f"{name}.csv"
        pq_tmp, csv_tmp = _tmp(pq_path), _tmp(csv_path)
        with pq.ParquetWriter(pq_tmp, schema) as writer, \
                (pcsv.CSVWriter(csv_tmp, schema) if csv else _Null()) as text:
            for part in parts:
                table = _conform(part, schema, schema.names)
                if transform is not None:
                    table = transform(table)
                writer.write_table(table)
                if csv:
                    text.write_table(table)
        os.replace(pq_tmp, pq_path)
        if not csv:
            return [pq_path]
        os.replace(csv_tmp, csv_path)
        return [pq_path, csv_path]

    def remove(self) -> None:
        """Delete the parts and the progress log (after :meth:`finalize`)."""
        shutil.rmtree(self.root, ignore_errors=True)


class PartWriter:
    """Writes a batch's tables as part files under a store's root; picklable.

    A worker process that computed a batch writes its parts itself and
    sends back only the row counts, for the run's process to
    :meth:`PartStore.record`: the tables never travel between processes.
    """

    def __init__(self, root: Path):
        self.root = Path(root)

    def part(self, name: str, index: int) -> Path:
        return self.root / name / f"part-{index:06d}.parquet"

    def write(self, index: int, tables: Mapping[str, pd.DataFrame]) -> dict[str, int]:
        """Write each table of batch ``index`` (atomically, by renaming); return the row counts."""
        for name, df in tables.items():
            path = self.part(name, index)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            df.to_parquet(tmp, index=False)
            os.replace(tmp, path)
        return {name: len(df) for name, df in tables.items()}


class _Null:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _without_pandas_meta(schema):
    return schema.remove_metadata()


def _tmp(path: Path) -> Path:
    return path.with_name(path.name + ".tmp")


def _conform(path: Path, schema, columns: list[str]):
    """One part read as ``columns`` of ``schema``: missing columns null, types cast."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    present = set(pq.read_schema(path).names)
    table = pq.read_table(path, columns=[c for c in columns if c in present])
    arrays = []
    for col in columns:
        field = schema.field(col)
        if col in present:
            arrays.append(table.column(col).cast(field.type))
        else:
            arrays.append(pa.nulls(table.num_rows, field.type))
    return pa.table(arrays, schema=pa.schema([schema.field(c) for c in columns], metadata=schema.metadata))


__all__ = ["LOCK", "OUTPUT_NAMES", "PARTS", "PROGRESS", "PartStore", "RunLock", "batch_key", "check_out_dir"]
