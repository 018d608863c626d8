"""The whole analysis of a corpus: documents, utterances, measures and speakers.

:func:`analyze` runs every per-document stage in one streaming pass over
the corpus and returns the tidy tables in memory (for a notebook);
:func:`write_tables` stores them as Parquet and CSV.  :func:`analyze_to`
streams a corpus of any size to disk: each batch's tables are written as
soon as it is done, an interrupted run resumes where it stopped, and the
aggregates are computed from the written tables.  ``framing analyze`` is a
thin wrapper around :func:`analyze_to`.

The per-document stages (attribution, sentiment, stance, topic inference)
run on an engine (:mod:`framing.analysis.engines`): this process, a pool of
processes (``workers=N``) or a Dask cluster (``engine="dask"``,
``scheduler=`` or ``client=``).  The tables are the same, row for row, on
every engine.

Examples
--------
>>> from framing.corpus.documents import read_corpus
>>> tables = analyze(read_corpus("corpora/seed"))          # doctest: +SKIP
>>> sorted(tables)                                          # doctest: +SKIP
['documents', 'measures', 'outlets', 'periods', 'speakers', 'utterances']
>>> summary = analyze_to(read_corpus("corpora/seed"), "out/seed", workers=2)   # doctest: +SKIP
"""

from __future__ import annotations

import gc
import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd

from framing.attribution.actors import Registry
from framing.attribution.pipeline import COLUMNS, columns_frame, document_columns
from framing.analysis.engines import DASK_BATCH, LocalEngine, make_engine
from framing.analysis.store import PartStore, batch_key
from framing.tables import AGGREGATES, BATCH_TABLES, write_tables

#: Document metadata copied onto each utterance, so every table can be grouped by it.
RIDE_ALONG = ("outlet", "date", "url")


#: Utterance columns the aggregates read back from disk (not the content, which is most of the bytes).
AGGREGATE_COLUMNS = ("utterance_id", "doc_id", "speaker_id", "speaker", "confidence", "lang", *RIDE_ALONG[:2])

#: Documents per batch on the local engine: large enough that the per-batch costs (tables,
#: part files, the topic E-step's fixed rounds) are small beside the documents' own.
LOCAL_BATCH = 1000


def analyze(corpus, *, registry: Registry | None = None, targets=None, topic_model=None, use_side: bool = False,
            n_boot: int = 1000, seed: int = 0, min_utterances: int = 3, period: str = "M",
            workers: int = 1, batch_size: int | None = None, progress=None, engine=None,
            scheduler: str | None = None, client=None) -> dict[str, pd.DataFrame]:
    """Read the corpus once and build every analysis table in memory.

    Parameters
    ----------
    corpus : Corpus or iterable of document dicts
    registry : Registry, optional
        Actor registry (the shipped one by default).
    targets : path or list of Target, optional
        Stance targets (the shipped defaults when None).
    topic_model : TopicModel or path, optional
        A topic model fitted on a reference corpus; no topic columns without one.
    use_side : bool
        Let the speaker's side inform stance (method ``stance.cues+side.v1``).
    n_boot, seed, min_utterances : int
        Bootstrap replicates and seed for the confidence intervals; speakers
        with fewer utterances are flagged ``low_n``.
    period : str
        Period of the per-period table: D, W, M, Q or Y.
    workers : int
        Processes for the per-document stages (attribution and measures), or
        the size of the Dask ``LocalCluster`` started when the Dask engine
        gets no scheduler.  The tables are the same, row for row, whatever the number.
    batch_size : int, optional
        Documents per unit of work (500 locally, 1000 on Dask).
    progress : callable, optional
        Wraps the document iterator (e.g. a tqdm factory).
    engine : {"local", "dask"} or engine object, optional
        Where the per-document stages run (:mod:`framing.analysis.engines`); local by
        default, Dask when a scheduler or client is given.
    scheduler : str, optional
        Address of a Dask scheduler (implies ``engine="dask"``).
    client : dask.distributed.Client, optional
        A Dask client (implies ``engine="dask"``).

    Returns
    -------
    dict of DataFrame
        ``documents`` (without the text column), ``utterances``, ``measures``,
        ``speakers``, ``outlets`` and ``periods``.

    See Also
    --------
    analyze_to : the same tables, streamed to disk with memory that stays flat.
    """
    check_options(n_boot=n_boot, seed=seed, min_utterances=min_utterances, period=period, workers=workers,
                  batch_size=batch_size)
    registry = registry or Registry.load()
    stage = BatchStage(registry=registry, targets=targets, topic_model=topic_model, use_side=use_side)
    docs = progress(iter(corpus)) if progress is not None else iter(corpus)
    with _Engine(engine, workers=workers, scheduler=scheduler, client=client) as eng:
        size = _batch_size(batch_size, eng)
        if eng.name == "dask":
            stage.prepare()
        documents, utterances, measures = _concat(eng.map(stage, _batches(docs, size)), stage)
        check_read_whole(corpus)
        aggregates = aggregate_tables(utterances, measures, registry=registry, n_boot=n_boot, seed=seed,
                                      min_utterances=min_utterances, period=period, engine=eng)
    return {"documents": documents, "utterances": utterances, "measures": measures, **aggregates}


def aggregate_tables(utterances: pd.DataFrame, measures: pd.DataFrame, *, registry: Registry, n_boot: int = 1000,
                     seed: int = 0, min_utterances: int = 3, period: str = "M",
                     engine=None) -> dict[str, pd.DataFrame]:
    """The speakers, outlets and periods tables of an analysis (see :mod:`framing.aggregate`).

    With an engine that runs several items at once, each table is computed
    in chunks of whole groups (speakers, outlets, periods) on the engine and
    the chunks are joined in the table's order.  A group's numbers depend
    only on its own rows (:mod:`framing.aggregate` seeds each group's
    bootstrap from its key), so the tables are the same as computed whole.
    """
    spec = _AggregateSpec(registry, n_boot=n_boot, seed=seed, min_utterances=min_utterances, period=period)
    n = engine.parallelism if engine is not None else 1
    if n <= 1:
        return {name: spec.table(name, utterances, measures) for name in AGGREGATES}
    tasks = []
    for name in AGGREGATES:
        keys = spec.group_keys(name, utterances)
        for rows in _balanced_chunks(keys, n):
            chunk = utterances.iloc[rows]
            tasks.append((name, chunk, measures[measures["utterance_id"].isin(chunk["utterance_id"])]))
    return spec.join(tasks, engine.map(spec, tasks))


def aggregate_files(out_dir, *, registry: Registry, n_boot: int = 1000, seed: int = 0, min_utterances: int = 3,
                    period: str = "M", workers: int = 1, chunk_rows: int | None = None) -> dict[str, pd.DataFrame]:
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
    took 1.6 times the peak memory of the whole run).
    """
    out = Path(out_dir)
    spec = _AggregateSpec(registry, n_boot=n_boot, seed=seed, min_utterances=min_utterances, period=period)
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
            tasks.append((name, _FileChunk(u_path, u_cols, m_path, m_cols, frozenset(rest.iloc[chunk]))))
    del keys_frame
    results = list(engine.map(spec, tasks)) + list(LocalEngine(1).map(spec, large))
    return spec.join(tasks + large, results)


#: Utterances per aggregation task when aggregating from files (about 25 MB of columns).
CHUNK_ROWS = 100_000


def _balanced_chunks(keys: pd.Series, n: int) -> list:
    """Row positions in at most ``n`` chunks of whole groups, the largest groups dealt out first."""
    import numpy as np

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

    def __init__(self, registry: Registry, *, n_boot: int, seed: int, min_utterances: int, period: str):
        self.actors = registry.to_frame()
        self.options = dict(n_boot=n_boot, seed=seed, min_utterances=min_utterances)
        self.period = period

    def __call__(self, task) -> pd.DataFrame:
        name, *data = task
        if isinstance(data[0], _FileChunk):
            data = data[0].read(name, lambda frame: self.group_keys(name, frame))
        return self.table(name, *data)

    def table(self, name: str, utterances: pd.DataFrame, measures: pd.DataFrame) -> pd.DataFrame:
        from framing import aggregate

        if name == "speakers":
            return aggregate.speakers_table(utterances, measures, actors=self.actors, **self.options)
        if name == "outlets":
            return aggregate.by_outlet(utterances, measures, **self.options)
        return aggregate.by_period(utterances, measures, freq=self.period, **self.options)

    def group_keys(self, name: str, utterances: pd.DataFrame) -> pd.Series:
        """Each utterance's group in table ``name``, as text (missing keys form one group)."""
        import warnings

        from framing.aggregate import period_labels

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


def analyze_to(corpus, out_dir, *, registry: Registry | None = None, targets=None, topic_model=None,
               use_side: bool = False, n_boot: int = 1000, seed: int = 0, min_utterances: int = 3,
               period: str = "M", workers: int = 1, batch_size: int | None = None, progress=None,
               engine=None, scheduler: str | None = None, client=None, restart: bool = False,
               keep_parts: bool = False, csv: bool = True, manifest: bool = True) -> dict:
    """Analyse a corpus of any size into ``out_dir``, batch by batch; resume an interrupted run.

    Each batch's documents, utterances and measures are written as Parquet
    parts (:class:`framing.analysis.store.PartStore`) as soon as the batch is done, so
    memory holds a few batches whatever the corpus size.  Run again on the
    same folder with the same settings, it skips the batches already written.
    At the end the parts are joined into ``documents``, ``utterances`` and
    ``measures`` (``.parquet`` and ``.csv``), and the aggregates are computed
    from the columns they need, read back from disk.  The files are the same
    as :func:`write_tables` writes for :func:`analyze`.

    Parameters
    ----------
    corpus : Corpus or re-iterable of document dicts
    out_dir : path
        Output folder (created).
    registry, targets, topic_model, use_side, n_boot, seed, min_utterances, period, workers, batch_size, \
progress, engine, scheduler, client
        As for :func:`analyze`.
    restart : bool
        Discard an unfinished run in ``out_dir`` instead of resuming it.
    keep_parts : bool
        Keep ``out_dir/parts`` (the tables partitioned by batch) after joining them.
    csv : bool
        Write the CSV copies too.
    manifest : bool
        Write ``manifest.json`` (what was read and skipped) when the corpus has one.

    Returns
    -------
    dict
        ``documents``, ``utterances``, ``speakers`` (counts), ``batches``,
        ``resumed`` (batches found written), ``paths`` (files written), ``engine``,
        ``seconds`` (wall time of each phase: batches, join, aggregates, write aggregates).

    Raises
    ------
    InputError
        When ``out_dir`` holds an unfinished run with other settings, or the
        corpus changed since it began (the message says to use ``restart``).
    """
    from framing.analysis.store import RunLock, check_out_dir

    check_options(n_boot=n_boot, seed=seed, min_utterances=min_utterances, period=period, workers=workers,
                  batch_size=batch_size)
    out = check_out_dir(out_dir)
    with RunLock(out):
        return _analyze_to(corpus, out, registry=registry, targets=targets, topic_model=topic_model,
                           use_side=use_side, n_boot=n_boot, seed=seed, min_utterances=min_utterances,
                           period=period, workers=workers, batch_size=batch_size, progress=progress,
                           engine=engine, scheduler=scheduler, client=client, restart=restart,
                           keep_parts=keep_parts, csv=csv, manifest=manifest)


def _analyze_to(corpus, out: Path, *, registry, targets, topic_model, use_side, n_boot, seed, min_utterances,
                period, workers, batch_size, progress, engine, scheduler, client, restart, keep_parts, csv,
                manifest) -> dict:
    import time

    clock = time.perf_counter
    timings = {}
    registry = registry or Registry.load()
    stage = BatchStage(registry=registry, targets=targets, topic_model=topic_model, use_side=use_side)
    with _Engine(engine, workers=workers, scheduler=scheduler, client=client) as eng:
        size = _batch_size(batch_size, eng)
        settings = run_settings(stage, batch_size=size, reader=getattr(corpus, "options", None))
        store = PartStore(out, settings=settings, restart=restart)
        t0 = clock()
        if eng.name == "dask":
            stage.prepare()
        docs = progress(iter(corpus)) if progress is not None else iter(corpus)
        plan = _Plan(store, _batches(docs, size))
        # Local workers share this file system: each writes its batch's parts and returns the
        # row counts, so the tables are not sent back here to be written by this one process.
        writer = store.writer() if eng.name == "local" else None
        for index, key, result in eng.map(_Keyed(stage, writer), plan):
            if writer is None:
                store.write(index, key, dict(zip(BATCH_TABLES, result)))
            else:
                store.record(index, key, result)
        plan.check()
        check_read_whole(corpus)
        timings["batches"] = clock() - t0
        n_batches, skipped = plan.n_batches, plan.skipped
    t0 = clock()
    # an empty corpus still gives every table with its columns
    empty = dict(zip(BATCH_TABLES, stage([]))) if not store.done else None
    paths = store.finalize(BATCH_TABLES, csv=csv, empty=empty)
    # the scorers and topic model loaded here (one process) are not needed for the aggregates
    del stage, plan, empty
    gc.collect()
    timings["join"] = clock() - t0
    t0 = clock()
    aggregates = aggregate_files(out, registry=registry, n_boot=n_boot, seed=seed, min_utterances=min_utterances,
                                 period=period, workers=eng.parallelism if eng.name == "local" else workers)
    timings["aggregates"] = clock() - t0
    t0 = clock()
    info = corpus.manifest.summary() if manifest and hasattr(getattr(corpus, "manifest", None), "summary") else None
    paths += write_tables(aggregates, out, manifest=info, csv=csv)
    rows = [rec["rows"] for rec in store.done.values()]
    if not keep_parts:
        store.remove()
    timings["write aggregates"] = clock() - t0
    return {"documents": sum(r["documents"] for r in rows), "utterances": sum(r["utterances"] for r in rows),
            "speakers": int((aggregates["speakers"]["speaker_id"].notna()).sum()),
            "batches": n_batches, "resumed": skipped, "paths": paths, "engine": repr(eng),
            "seconds": timings}


def check_options(*, n_boot=1000, seed=0, min_utterances=3, period="M", workers=1, batch_size=None) -> None:
    """Check a run's option values before any work, so a typo costs seconds, not a whole batch phase.

    Raises
    ------
    FramingError
        Naming the option, the value and what it takes.

    Examples
    --------
    >>> check_options(n_boot=-5)
    Traceback (most recent call last):
    ...
    framing.errors.FramingError: n_boot (--n-boot) must be a whole number of at least 0, got -5
    """
    from framing.errors import FramingError

    def whole(name, value, least):
        ok = isinstance(value, (int, np.integer)) and not isinstance(value, bool) and value >= least
        if not ok:
            raise FramingError(f"{name} (--{name.replace('_', '-')}) must be a whole number of at least "
                               f"{least}, got {value!r}")

    whole("n_boot", n_boot, 0)
    whole("seed", seed, 0)
    whole("min_utterances", min_utterances, 0)
    whole("workers", workers, 1)
    if batch_size is not None:
        whole("batch_size", batch_size, 1)
    if period not in PERIODS:
        raise FramingError(f"period (--period) must be one of {', '.join(PERIODS)}, got {period!r}")


#: Periods of the per-period table: day, week, month, quarter, year.
PERIODS = ("D", "W", "M", "Q", "Y")


def check_read_whole(corpus) -> None:
    """Fail when the last pass over ``corpus`` stopped before its end (and before its ``limit``).

    Tables from part of a corpus must never pass for the whole: this is the
    run's own check that every input was read or skipped with a reason.
    """
    from framing.errors import RunError

    manifest = getattr(corpus, "manifest", None)
    if manifest is None or not hasattr(manifest, "complete") or manifest.complete:
        return
    limit = getattr(corpus, "limit", None)
    if limit is not None and getattr(manifest, "read", 0) >= limit:
        return
    raise RunError(f"{getattr(corpus, 'name', 'the corpus')}: reading stopped after "
                   f"{getattr(manifest, 'read', '?')} documents, before the end of the corpus; the tables "
                   f"would be partial. Rerun the same command to resume")


def run_settings(stage: "BatchStage", *, batch_size: int, reader: dict | None = None) -> dict:
    """What decides the tables of a streaming run, as recorded in its progress log.

    A run resumes only with the same batch size, framing version, registry,
    targets, topic model fingerprint, ``use_side`` and reader options
    (``reader``: the corpus' ``options``, when it has them).  The corpus is checked
    batch by batch instead (:func:`framing.analysis.store.batch_key`), so the same
    corpus named by another path resumes, and a changed one does not.
    """
    import hashlib

    import framing
    from framing.stance.targets import load_targets

    targets = stage.targets
    if targets is None or isinstance(targets, (str, Path)):
        targets = load_targets(targets)
    # every field of every actor (names, roles, terms of office): an edited alias changes the tables
    actors = repr(sorted((repr(a) for a in stage.registry), key=str))
    model = stage.topic_model
    if isinstance(model, (str, Path)):
        meta = Path(model) / "metadata.json"
        fingerprint = json.loads(meta.read_text(encoding="utf-8")).get("fingerprint") if meta.is_file() else str(model)
    else:
        fingerprint = getattr(model, "fingerprint", None) if model is not None else None
    settings = {
        "batch_size": int(batch_size),
        "framing": getattr(framing, "__version__", None),
        "registry_sha256": hashlib.sha256(actors.encode("utf-8")).hexdigest(),
        "targets_sha256": hashlib.sha256(repr(list(targets)).encode("utf-8")).hexdigest(),
        "topic_model": fingerprint,
        "use_side": bool(stage.use_side),
    }
    if reader is not None:
        # how the corpus was read (format, columns, encoding, metadata, limit ...), not where it lies
        settings["reader"] = {k: v for k, v in sorted(dict(reader).items()) if k != "path"}
    return settings


class _Plan:
    """The batches still to do, with their index and key; counts those already written."""

    def __init__(self, store: PartStore, batches):
        self.store, self.batches = store, batches
        self.n_batches = self.skipped = 0

    def __iter__(self):
        for index, batch in enumerate(self.batches):
            self.n_batches = index + 1
            key = batch_key(batch)
            if self.store.is_done(index, key):
                self.skipped += 1
                continue
            yield index, key, batch

    def check(self) -> None:
        extra = sorted(i for i in self.store.done if i >= self.n_batches)
        if extra:
            from framing.errors import InputError

            raise InputError(f"{self.store.log}: batch {extra[0]} was written, but the corpus now has only "
                             f"{self.n_batches} batches (it changed since the run began); run again with --restart")


class _Keyed:
    """A stage applied to ``(index, key, batch)``: the index and key travel with the result.

    With a ``writer`` (:class:`framing.analysis.store.PartWriter`) the batch's tables
    are written where they are computed and the result is their row counts.
    """

    def __init__(self, stage: "BatchStage", writer=None):
        self.stage, self.writer = stage, writer

    def __call__(self, item):
        index, key, batch = item
        tables = self.stage(batch)
        if self.writer is None:
            return index, key, tables
        return index, key, self.writer.write(index, dict(zip(BATCH_TABLES, tables)))


class _Engine:
    """An engine for a run: made from the options, closed afterwards unless the caller gave it."""

    def __init__(self, engine, **options):
        self.given = engine is not None and not isinstance(engine, str)
        self.engine = make_engine(engine, **options)

    def __enter__(self):
        return self.engine

    def __exit__(self, *exc):
        if not self.given:
            self.engine.close()


def _batch_size(size: int | None, engine) -> int:
    if size is None:
        return DASK_BATCH if engine.name == "dask" else LOCAL_BATCH
    if int(size) < 1:
        from framing.errors import FramingError

        raise FramingError(f"batch size must be at least 1 document, got {size}")
    return int(size)


def _present(path: Path, columns) -> list[str]:
    import pyarrow.parquet as pq

    names = set(pq.read_schema(path).names)
    return [c for c in columns if c in names]


def _aggregated_measures(path: Path) -> list[str]:
    """Measures columns the aggregates use: not the method names, which repeat on every row."""
    import pyarrow.parquet as pq

    return [c for c in pq.read_schema(path).names
            if not c.endswith("_method") and c not in ("topic_model", "sentiment_label")]


class BatchStage:
    """The per-document stages, applied to one batch of documents at a time.

    A batch gives its documents (without text), utterances and measures.
    The stage holds only settings and read-only resources, so it can be sent
    to worker processes and gives the same rows wherever it runs.
    """

    def __init__(self, *, registry: Registry, targets=None, topic_model=None, use_side: bool = False):
        self.registry = registry
        self.targets = targets
        self.topic_model = topic_model
        self.use_side = use_side

    def __call__(self, docs: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        from framing.measures import score_utterances

        doc_rows = []
        columns: dict[str, list] = {c: [] for c in (*COLUMNS, *RIDE_ALONG)}
        for doc in docs:
            found = document_columns(doc, self.registry)
            for name, values in found.items():
                columns[name].extend(values)
            n = len(found["utterance_id"])
            for key in RIDE_ALONG:
                columns[key].extend([doc.get(key)] * n)
            del found
            doc_rows.append({k: v for k, v in doc.items() if k != "text"})
        utterances = columns_frame(columns)  # takes the utterance columns out of the dict as it goes
        for key in RIDE_ALONG:
            utterances[key] = columns.pop(key)
        del columns
        if not doc_rows:
            from framing.corpus.documents import DOCUMENT_COLUMNS

            doc_rows = pd.DataFrame(columns=[c for c in DOCUMENT_COLUMNS if c != "text"])
        sentiment, stance = self._scorers()
        measures = score_utterances(utterances, topic_model=self._model(), sentiment=sentiment, stance=stance)
        return pd.DataFrame(doc_rows), utterances, measures

    def _scorers(self):
        # built once per process: compiling lexicons and matchers for every batch would dominate
        if getattr(self, "_fitted_scorers", None) is None:
            from framing.measures import default_scorers

            self._fitted_scorers = default_scorers(self.targets, self.use_side)
        return self._fitted_scorers

    def _model(self):
        # load a saved topic model once per process, not once per batch
        if isinstance(self.topic_model, (str, Path)):
            from framing.measures import load_topic_model

            self.topic_model = load_topic_model(self.topic_model)
        return self.topic_model

    def prepare(self) -> "BatchStage":
        """Fit the scorers and load the topic model here, so the stage carries them.

        For a cluster, whose workers may not see this machine's files: the
        prepared stage (about 10 MB with a topic model) is sent to each worker once.
        """
        self._scorers()
        self._model()
        return self

    def map(self, batches, *, workers: int = 1):
        """Results for each batch, in corpus order; ``workers > 1`` uses processes."""
        from framing.analysis.engines import LocalEngine

        yield from LocalEngine(workers).map(self, batches)


def _batches(docs, size: int):
    """Lists of at most ``size`` documents from an iterable, read lazily.

    The iterable is turned into one iterator first: ``islice`` on an
    iterable that is not its own iterator (a tqdm bar) starts a new
    generator for each batch, and dropping one may close the corpus stream
    underneath (tqdm's ``yield from`` forwards the close), which ended
    runs with a progress bar after two batches.

    >>> [len(b) for b in _batches(range(5), 2)]
    [2, 2, 1]
    """
    docs = iter(docs)
    while True:
        batch = list(itertools.islice(docs, size))
        if not batch:
            return
        yield batch


def _concat(results, stage: "BatchStage") -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    docs, utts, meas = [], [], []
    for d, u, m in results:
        docs.append(d)
        utts.append(u)
        meas.append(m)
    if not docs:
        # an empty corpus: the stage's empty tables carry every column
        return stage([])
    return (pd.concat(docs, ignore_index=True), pd.concat(utts, ignore_index=True),
            pd.concat(meas, ignore_index=True))
