"""The whole analysis of a corpus: documents, utterances, measures and speakers.

:func:`analyze` runs every per-document stage in one streaming pass over
the corpus and returns the tidy tables in memory (for a notebook);
:func:`write_tables` stores them as Parquet and CSV.  :func:`analyze_to`
streams a corpus of any size to disk: each batch's tables are written as
soon as it is done, an interrupted run resumes where it stopped, and the
aggregates are computed from the written tables.  ``framing analyze`` is a
thin wrapper around :func:`analyze_to`.

The per-document stages (attribution, sentiment, stance, topic inference)
run on an engine (:mod:`framing.engines`): this process, a pool of
processes (``workers=N``) or a Dask cluster (``engine="dask"``,
``scheduler=`` or ``client=``).  The tables are the same, row for row, on
every engine.

Examples
--------
>>> from framing.corpus import read_corpus
>>> tables = analyze(read_corpus("corpora/seed"))          # doctest: +SKIP
>>> sorted(tables)                                          # doctest: +SKIP
['documents', 'measures', 'outlets', 'periods', 'speakers', 'utterances']
>>> summary = analyze_to(read_corpus("corpora/seed"), "out/seed", workers=2)   # doctest: +SKIP
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pandas as pd

from framing.actors import Registry
from framing.attribution import attribute_document, utterances_frame
from framing.engines import DASK_BATCH, make_engine
from framing.store import PartStore, batch_key

#: Document metadata copied onto each utterance, so every table can be grouped by it.
RIDE_ALONG = ("outlet", "date", "url")

#: The per-batch tables, and the aggregates computed from them at the end.
BATCH_TABLES = ("documents", "utterances", "measures")
AGGREGATES = ("speakers", "outlets", "periods")

#: Utterance columns the aggregates read back from disk (not the content, which is most of the bytes).
AGGREGATE_COLUMNS = ("utterance_id", "doc_id", "speaker_id", "speaker", "confidence", "lang", *RIDE_ALONG[:2])

#: Documents per batch on the local engine.
LOCAL_BATCH = 500


def analyze(corpus, *, registry: Registry | None = None, targets=None, topic_model=None, use_side: bool = False,
            n_boot: int = 1000, seed: int = 0, min_utterances: int = 3, period: str = "M",
            workers: int = 1, batch_size: int | None = None, progress=None, engine="local",
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
    engine : {"local", "dask"} or engine object
        Where the per-document stages run (:mod:`framing.engines`).
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
    registry = registry or Registry.load()
    stage = BatchStage(registry=registry, targets=targets, topic_model=topic_model, use_side=use_side)
    docs = progress(iter(corpus)) if progress is not None else iter(corpus)
    with _Engine(engine, workers=workers, scheduler=scheduler, client=client) as eng:
        size = batch_size or _default_batch(eng)
        if eng.name == "dask":
            stage.prepare()
        documents, utterances, measures = _concat(eng.map(stage, _batches(docs, size)))
    return {"documents": documents, "utterances": utterances, "measures": measures,
            **aggregate_tables(utterances, measures, registry=registry, n_boot=n_boot, seed=seed,
                               min_utterances=min_utterances, period=period)}


def aggregate_tables(utterances: pd.DataFrame, measures: pd.DataFrame, *, registry: Registry, n_boot: int = 1000,
                     seed: int = 0, min_utterances: int = 3, period: str = "M") -> dict[str, pd.DataFrame]:
    """The speakers, outlets and periods tables of an analysis (see :mod:`framing.aggregate`)."""
    from framing import aggregate

    kw = dict(n_boot=n_boot, seed=seed, min_utterances=min_utterances)
    return {
        "speakers": aggregate.speakers_table(utterances, measures, actors=registry.to_frame(), **kw),
        "outlets": aggregate.by_outlet(utterances, measures, **kw),
        "periods": aggregate.by_period(utterances, measures, freq=period, **kw),
    }


def analyze_to(corpus, out_dir, *, registry: Registry | None = None, targets=None, topic_model=None,
               use_side: bool = False, n_boot: int = 1000, seed: int = 0, min_utterances: int = 3,
               period: str = "M", workers: int = 1, batch_size: int | None = None, progress=None,
               engine="local", scheduler: str | None = None, client=None, restart: bool = False,
               keep_parts: bool = False, csv: bool = True, manifest: bool = True) -> dict:
    """Analyse a corpus of any size into ``out_dir``, batch by batch; resume an interrupted run.

    Each batch's documents, utterances and measures are written as Parquet
    parts (:class:`framing.store.PartStore`) as soon as the batch is done, so
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
        ``resumed`` (batches found written), ``paths`` (files written), ``engine``.

    Raises
    ------
    InputError
        When ``out_dir`` holds an unfinished run with other settings, or the
        corpus changed since it began (the message says to use ``restart``).
    """
    registry = registry or Registry.load()
    stage = BatchStage(registry=registry, targets=targets, topic_model=topic_model, use_side=use_side)
    out = Path(out_dir)
    with _Engine(engine, workers=workers, scheduler=scheduler, client=client) as eng:
        size = batch_size or _default_batch(eng)
        settings = run_settings(corpus, stage, batch_size=size)
        store = PartStore(out, settings=settings, restart=restart)
        if eng.name == "dask":
            stage.prepare()
        docs = progress(iter(corpus)) if progress is not None else iter(corpus)
        plan = _Plan(store, _batches(docs, size))
        for index, key, tables in eng.map(_Keyed(stage), plan):
            store.write(index, key, dict(zip(BATCH_TABLES, tables)))
    plan.check()
    paths = store.finalize(BATCH_TABLES, csv=csv)
    utterances = pd.read_parquet(out / "utterances.parquet", columns=_present(out / "utterances.parquet",
                                                                              AGGREGATE_COLUMNS))
    measures = pd.read_parquet(out / "measures.parquet", columns=_aggregated_measures(out / "measures.parquet"))
    aggregates = aggregate_tables(utterances, measures, registry=registry, n_boot=n_boot, seed=seed,
                                  min_utterances=min_utterances, period=period)
    info = corpus.manifest.summary() if manifest and hasattr(getattr(corpus, "manifest", None), "summary") else None
    paths += write_tables(aggregates, out, manifest=info, csv=csv)
    n_docs = sum(rec["rows"]["documents"] for rec in store.done.values())
    if not keep_parts:
        store.remove()
    return {"documents": n_docs, "utterances": len(utterances), "speakers": int(utterances["speaker_id"].nunique()),
            "batches": plan.n_batches, "resumed": plan.skipped, "paths": paths, "engine": repr(eng)}


def run_settings(corpus, stage: "BatchStage", *, batch_size: int) -> dict:
    """What decides the tables of a streaming run, as recorded in its progress log.

    A run resumes only with the same: corpus name, batch size, framing version,
    registry, targets, topic model fingerprint and ``use_side``.
    """
    import hashlib

    import framing
    from framing.targets import load_targets

    targets = stage.targets
    if targets is None or isinstance(targets, (str, Path)):
        targets = load_targets(targets)
    registry_csv = stage.registry.to_frame().to_csv(index=False)
    model = stage.topic_model
    if isinstance(model, (str, Path)):
        meta = Path(model) / "metadata.json"
        fingerprint = json.loads(meta.read_text(encoding="utf-8")).get("fingerprint") if meta.is_file() else str(model)
    else:
        fingerprint = getattr(model, "fingerprint", None) if model is not None else None
    return {
        "corpus": getattr(corpus, "name", None),
        "batch_size": int(batch_size),
        "framing": getattr(framing, "__version__", None),
        "registry_sha256": hashlib.sha256(registry_csv.encode("utf-8")).hexdigest(),
        "targets_sha256": hashlib.sha256(repr(list(targets)).encode("utf-8")).hexdigest(),
        "topic_model": fingerprint,
        "use_side": bool(stage.use_side),
    }


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
    """A stage applied to ``(index, key, batch)``: the index and key travel with the result."""

    def __init__(self, stage: "BatchStage"):
        self.stage = stage

    def __call__(self, item):
        index, key, batch = item
        return index, key, self.stage(batch)


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


def _default_batch(engine) -> int:
    return DASK_BATCH if engine.name == "dask" else LOCAL_BATCH


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

        doc_rows, utt_rows = [], []
        for doc in docs:
            rows = attribute_document(doc, self.registry)
            for r in rows:
                for key in RIDE_ALONG:
                    r[key] = doc.get(key)
            utt_rows.extend(rows)
            doc_rows.append({k: v for k, v in doc.items() if k != "text"})
        utterances = utterances_frame(utt_rows)
        for key in RIDE_ALONG:
            utterances[key] = [r.get(key) for r in utt_rows]
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
        from framing.engines import LocalEngine

        yield from LocalEngine(workers).map(self, batches)


def _batches(docs, size: int):
    """Lists of at most ``size`` documents from an iterator, read lazily."""
    while True:
        batch = list(itertools.islice(docs, size))
        if not batch:
            return
        yield batch


def _concat(results) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    docs, utts, meas = [], [], []
    for d, u, m in results:
        docs.append(d)
        utts.append(u)
        meas.append(m)
    documents = pd.concat(docs, ignore_index=True) if docs else pd.DataFrame()
    utterances = pd.concat(utts, ignore_index=True) if utts else utterances_frame([])
    measures = pd.concat(meas, ignore_index=True) if meas else pd.DataFrame({"utterance_id": []})
    return documents, utterances, measures


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
            df.to_csv(out / f"{name}.csv", index=False)
            written.append(out / f"{name}.csv")
    if manifest is not None:
        path = out / "manifest.json"
        path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
        written.append(path)
    return written
