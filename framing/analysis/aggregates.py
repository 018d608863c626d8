"""The speakers, outlets and periods tables of a run, computed in chunks of whole groups.

:func:`aggregate_tables` aggregates tables in memory, :func:`aggregate_files`
the tables a streamed run wrote, reading back only the rows and columns each chunk needs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from framing.attribution.actors import Registry
from framing.analysis.engines import LocalEngine, make_engine
from framing.analysis.stage import RIDE_ALONG
from framing.tables import AGGREGATES

#: Utterance columns the aggregates read back from disk (not the content, which is most of the bytes).
AGGREGATE_COLUMNS = ("utterance_id", "doc_id", "speaker_id", "speaker", "speaker_kind", "side", "confidence",
                     "lang", *RIDE_ALONG[:2])


def aggregate_tables(utterances: pd.DataFrame, measures: pd.DataFrame, *, registry: Registry, n_boot: int = 1000,
                     seed: int = 0, min_utterances: int = 3, period: str = "M",
                     engine=None, exclude_docs=(), resample: str = "utterance") -> dict[str, pd.DataFrame]:
    """The speakers, outlets and periods tables of an analysis (see :mod:`framing.aggregate`).

    With an engine that runs several items at once, each table is computed
    in chunks of whole groups (speakers, outlets, periods) on the engine and
    the chunks are joined in the table's order.  A group's numbers depend
    only on its own rows (:mod:`framing.aggregate` seeds each group's
    bootstrap from its key), so the tables are the same as computed whole.
    The utterances of the documents in ``exclude_docs`` (duplicates, see
    :func:`duplicate_documents`) are left out.  ``resample`` is the bootstrap
    unit (:func:`framing.aggregate.aggregate`).
    """
    spec = _AggregateSpec(registry, n_boot=n_boot, seed=seed, min_utterances=min_utterances, period=period,
                          exclude_docs=exclude_docs, resample=resample)
    n = engine.parallelism if engine is not None else 1
    if n <= 1:
        return {name: spec.table(name, utterances, measures) for name in AGGREGATES}
    tasks = []
    for name in AGGREGATES:
        keys = spec.group_keys(name, utterances)
        for rows in _balanced_chunks(keys, n):
            chunk = utterances.iloc[rows]
            tasks.append((name, chunk, measures[_member(measures["utterance_id"], chunk["utterance_id"])]))
    return spec.join(tasks, engine.map(spec, tasks))


def aggregate_files(out_dir, *, registry: Registry, n_boot: int = 1000, seed: int = 0, min_utterances: int = 3,
                    period: str = "M", workers: int = 1, chunk_rows: int | None = None,
                    keep_duplicates: bool = False, resample: str = "utterance") -> dict[str, pd.DataFrame]:
    """:func:`aggregate_tables` from ``utterances.parquet`` and ``measures.parquet`` in ``out_dir``.

    Memory stays bounded as the corpus grows: this process reads only the
    grouping columns (speaker, outlet, date) to split each table into chunks
    of whole groups of about ``chunk_rows`` utterances; each chunk is a task
    that streams the two files row group by row group and keeps its own
    rows, reading only the columns the aggregates use (not the content).
    Tasks run in ``workers`` processes on this machine.  A single group
    larger than ``chunk_rows`` (a month of a large corpus) stays whole, as
    its bootstrap needs all its rows; such groups are aggregated one at a
    time, after the others, so that at most one of them is in memory (run
    side by side, two months of a corpus four times saudinewsnet's size
    took 1.6 times the peak memory of the whole run).  Unless
    ``keep_duplicates``, the documents ``documents.parquet`` flags as
    duplicates are left out.
    """
    out = Path(out_dir)
    excluded = () if keep_duplicates else duplicate_documents(pd.read_parquet(
        out / "documents.parquet", columns=_present(out / "documents.parquet", ("doc_id", "duplicate_of"))))
    spec = _AggregateSpec(registry, n_boot=n_boot, seed=seed, min_utterances=min_utterances, period=period,
                          exclude_docs=excluded, resample=resample)
    u_path, m_path = out / "utterances.parquet", out / "measures.parquet"
    u_cols, m_cols = _present(u_path, AGGREGATE_COLUMNS), _aggregated_measures(m_path)
    keys_frame = pd.read_parquet(u_path, columns=_present(u_path, ("speaker_id", "outlet", "date")))
    engine = make_engine("local", workers=workers)
    rows = chunk_rows or CHUNK_ROWS
    tasks, large = [], []
    for name in AGGREGATES:
        keys = spec.group_keys(name, keys_frame)
        oversized = keys.map(keys.value_counts()).to_numpy() > rows
        for group in keys[oversized].unique():
            large.append((name, _FileChunk(u_path, u_cols, m_path, m_cols, frozenset([group]))))
        rest = keys[~oversized]
        n = engine.parallelism * max(1, -(-len(rest) // (engine.parallelism * rows)))
        # no utterances at all: one empty chunk still gives the table its columns
        for chunk in _balanced_chunks(rest, n) or ([[]] if not oversized.any() else []):
            tasks.append((name, _FileChunk(u_path, u_cols, m_path, m_cols, frozenset(rest.iloc[chunk].tolist()))))
    del keys_frame
    results = list(engine.map(spec, tasks)) + list(LocalEngine(1).map(spec, large))
    return spec.join(tasks + large, results)


def duplicate_documents(documents: pd.DataFrame) -> frozenset:
    """The ids of the documents flagged as repeating an earlier one (``duplicate_of`` set).

    >>> sorted(duplicate_documents(pd.DataFrame({"doc_id": ["a", "b"], "duplicate_of": [None, "a"]})))
    ['b']
    """
    if "duplicate_of" not in documents or documents.empty:
        return frozenset()
    return frozenset(documents.loc[documents["duplicate_of"].notna(), "doc_id"].astype(str))


#: Utterances per aggregation task when aggregating from files (about 25 MB of columns).
CHUNK_ROWS = 100_000


def _balanced_chunks(keys: pd.Series, n: int) -> list:
    """Row positions in at most ``n`` chunks of whole groups, the largest groups dealt out first."""
    codes, uniques = pd.factorize(keys, sort=True)
    sizes = np.bincount(codes, minlength=len(uniques))
    load = np.zeros(n, dtype=np.int64)
    chunk_of = np.empty(len(uniques), dtype=np.int64)
    for g in np.argsort(-sizes, kind="stable"):
        c = int(np.argmin(load))
        chunk_of[g] = c
        load[c] += sizes[g]
    row_chunk = chunk_of[codes]
    return [np.flatnonzero(row_chunk == c) for c in range(n) if load[c]]


class _AggregateSpec:
    """One aggregate table, or a chunk of its groups, from utterances and measures; picklable."""

    def __init__(self, registry: Registry, *, n_boot: int, seed: int, min_utterances: int, period: str,
                 exclude_docs=(), resample: str = "utterance"):
        self.actors = registry.to_frame()
        self.options = dict(n_boot=n_boot, seed=seed, min_utterances=min_utterances, resample=resample)
        self.period = period
        self.exclude_docs = frozenset(exclude_docs)

    def __call__(self, task) -> pd.DataFrame:
        name, *data = task
        if isinstance(data[0], _FileChunk):
            data = data[0].read(name, lambda frame: self.group_keys(name, frame))
        return self.table(name, *data)

    def table(self, name: str, utterances: pd.DataFrame, measures: pd.DataFrame) -> pd.DataFrame:
        from framing import aggregate

        if self.exclude_docs and len(utterances):
            utterances = utterances[~_member(utterances["doc_id"], list(self.exclude_docs))]
            measures = measures[_member(measures["utterance_id"], utterances["utterance_id"])]
        if name == "speakers":
            return aggregate.speakers_table(utterances, measures, actors=self.actors, **self.options)
        if name == "outlets":
            return aggregate.by_outlet(utterances, measures, **self.options)
        return aggregate.by_period(utterances, measures, freq=self.period, **self.options)

    def group_keys(self, name: str, utterances: pd.DataFrame) -> pd.Series:
        """Each utterance's group in table ``name``, as text (missing keys form one group)."""
        import warnings

        from framing.grouping import period_labels

        if name == "periods":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the aggregate itself warns about bad dates, once
                keys = period_labels(utterances["date"].reset_index(drop=True), self.period)
        else:
            keys = utterances["speaker_id" if name == "speakers" else "outlet"].reset_index(drop=True)
        return keys.astype("string").fillna("\0missing")

    @staticmethod
    def join(tasks: list, tables) -> dict[str, pd.DataFrame]:
        """Each table from its chunks (results in task order), in the order the whole table has."""
        parts: dict[str, list] = {name: [] for name in AGGREGATES}
        for (name, *_), table in zip(tasks, tables):
            parts[name].append(table)
        out = {}
        for name, chunks in parts.items():
            table = pd.concat(chunks, ignore_index=True)
            if name == "speakers":
                # the order of aggregate.speakers_table: most quoted first, then name, then id (unique)
                table = table.sort_values(["n_utterances", "speaker", "speaker_id"], ascending=[False, True, True],
                                          na_position="last", kind="mergesort")
            else:
                table = table.sort_values(["outlet" if name == "outlets" else "period"], na_position="last",
                                          kind="mergesort")
            out[name] = table.reset_index(drop=True)
            out[name].attrs = chunks[0].attrs
        return out


class _FileChunk:
    """The utterances of some groups and their measures, read from the tables on disk when needed."""

    def __init__(self, u_path: Path, u_cols: list[str], m_path: Path, m_cols: list[str], keys: frozenset):
        self.u_path, self.u_cols, self.m_path, self.m_cols, self.keys = u_path, u_cols, m_path, m_cols, keys

    def read(self, name: str, group_keys) -> tuple[pd.DataFrame, pd.DataFrame]:
        """``(utterances, measures)`` of the chunk; ``group_keys(frame)`` gives each row's group.

        Only the key column is read whole (one column); the other columns
        are read one row group at a time and only the chunk's rows are kept.
        """
        keys = group_keys(pd.read_parquet(self.u_path, columns=[_KEY_COLUMN[name]]))
        utterances = _read_rows(self.u_path, self.u_cols, _member(keys, list(self.keys)))
        ids = pd.read_parquet(self.m_path, columns=["utterance_id"])["utterance_id"]
        measures = _read_rows(self.m_path, self.m_cols, _member(ids, utterances["utterance_id"]))
        return utterances, measures


def _member(values: pd.Series, value_set) -> "np.ndarray":
    """Whether each value is in ``value_set``, by Arrow's hash look-up (pandas' isin on strings loops in Python)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def text(v):
        return pa.array(pd.Series(v).astype(str).to_numpy(dtype=object), type=pa.string())

    return pc.is_in(text(values), value_set=text(value_set)).to_numpy(zero_copy_only=False)


#: The column of the utterances table that decides each aggregate's groups.
_KEY_COLUMN = {"speakers": "speaker_id", "outlets": "outlet", "periods": "date"}


def _read_rows(path: Path, columns: list[str], mask) -> pd.DataFrame:
    """The rows of a Parquet file where ``mask`` is true, read one row group at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    f = pq.ParquetFile(path)
    pieces, start = [], 0
    for i in range(f.num_row_groups):
        end = start + f.metadata.row_group(i).num_rows
        keep = mask[start:end]
        if keep.any():
            pieces.append(f.read_row_group(i, columns=columns).filter(pa.array(keep)))
        start = end
    if not pieces:
        return f.schema_arrow.empty_table().select(columns).to_pandas()
    return pa.concat_tables(pieces).to_pandas()


def _present(path: Path, columns) -> list[str]:
    import pyarrow.parquet as pq

    names = set(pq.read_schema(path).names)
    return [c for c in columns if c in names]


def _aggregated_measures(path: Path) -> list[str]:
    """Measures columns the aggregates use: not the method names, which repeat on every row."""
    import pyarrow.parquet as pq

    return [c for c in pq.read_schema(path).names
            if not c.endswith("_method") and c not in ("topic_model", "sentiment_label")]
