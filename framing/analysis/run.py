"""The whole analysis of a corpus: documents, utterances, measures and speakers.

:func:`analyze` runs every per-document stage in one streaming pass over
the corpus and returns the tidy tables in memory (for a notebook);
:func:`write_tables` stores them as Parquet and CSV.  :func:`analyze_to`
streams a corpus of any size to disk: each batch's tables are written as
soon as it is done, an interrupted run resumes where it stopped, and the
aggregates are computed from the written tables.  ``framing analyze`` is a
thin wrapper around :func:`analyze_to`.

Both take a :class:`~framing.analysis.options.RunOptions`, or its fields as
keywords.  The per-document stages (:class:`~framing.analysis.stage.BatchStage`:
attribution, sentiment, stance, topic inference) run on an engine
(:mod:`framing.analysis.engines`): this process, a pool of processes
(``workers=N``) or a Dask cluster (``engine="dask"``, ``scheduler=`` or
``client=``).  The tables are the same, row for row, on every engine.

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
from pathlib import Path

import pandas as pd

from framing.attribution.actors import Registry
from framing.analysis.aggregates import aggregate_files, aggregate_tables, duplicate_documents
from framing.analysis.engines import DASK_BATCH, make_engine
from framing.analysis.options import TO_DISK, RunOptions
from framing.analysis.priors import check_same_documents
from framing.analysis.stage import BatchStage, _batches, run_settings
from framing.stance.targets import resolve_targets
from framing.analysis.store import PartStore, batch_key
from framing.attribution.variants import apply_merges, find_merges, merge_arrow, merges_from_parts
from framing.tables import BATCH_TABLES, write_tables

#: Documents per batch on the local engine: large enough that the per-batch costs (tables,
#: part files, the topic E-step's fixed rounds) are small beside the documents' own.
LOCAL_BATCH = 1000


def analyze(corpus, options: RunOptions | None = None, **overrides) -> dict[str, pd.DataFrame]:
    """Read the corpus once and build every analysis table in memory.

    Parameters
    ----------
    corpus : Corpus or iterable of document dicts
    options : RunOptions, optional
        The run's options (the defaults when None): registry, targets,
        topic_model, use_side, stance_method, sentiment_method, issuer_voice, n_boot, seed, min_utterances, period, workers,
        batch_size, progress, engine, scheduler, client.
    **overrides
        Fields of :class:`~framing.analysis.options.RunOptions` replacing those of
        ``options`` (``analyze(corpus, workers=2)``); not those only a streamed
        run takes (restart, keep_parts, csv, manifest).

    Returns
    -------
    dict of DataFrame
        ``documents`` (without the text column), ``utterances``, ``measures``,
        ``speakers``, ``outlets``, ``periods`` and ``speaker_merges`` (the name
        variants merged, :mod:`framing.attribution.variants`; empty when
        ``merge_variants`` is off).

    See Also
    --------
    analyze_to : the same tables, streamed to disk with memory that stays flat.
    """
    o = RunOptions.of(options, overrides, caller="analyze", only_to_disk=TO_DISK)
    # a model folder that is none, or a stance model's undefined targets: said before any work; so is a bad
    # file of balances of sides
    given = _given_balances(o, _checked_models(o))
    registry = o.registry or Registry.load()
    stage = BatchStage(registry=registry, targets=o.targets, topic_model=o.topic_model, use_side=o.use_side,
                       stance_method=o.stance_method, sentiment_method=o.sentiment_method,
                       issuer_voice=o.issuer_voice, frames=o.frames,
                       dictionaries=o.dictionaries, models=o.models, stance_model=o.stance_model,
                       sentiment_model=o.sentiment_model)
    sampled = _estimate_priors(corpus, stage, o, given)
    with _RunEngine(o.engine, workers=o.workers, scheduler=o.scheduler, client=o.client) as eng:
        size = _batch_size(o.batch_size, eng)
        if eng.name == "dask":
            stage.prepare()
        # closed on an error too: a bar left open keeps the log lines redirected to it
        with _Analysed(o.progress) as bar:
            results = eng.map(stage, _batches(iter(corpus), size))
            documents, utterances, measures = _concat((bar.counted(r, len(r[0])) for r in results), stage)
        check_read_whole(corpus)
        check_same_documents(sampled, len(documents), corpus)
        # after every document is attributed: the same merges on every engine and for any batch size
        merges = find_merges(utterances) if o.merge_variants else find_merges(utterances.iloc[:0])
        utterances = apply_merges(utterances, merges)
        excluded = () if o.keep_duplicates else duplicate_documents(documents)
        aggregates = aggregate_tables(utterances, measures, registry=registry, n_boot=o.n_boot, seed=o.seed,
                                      min_utterances=o.min_utterances, period=o.period, engine=eng,
                                      exclude_docs=excluded, resample=o.resample)
    return {"documents": documents, "utterances": utterances, "measures": measures, **aggregates,
            "speaker_merges": merges}


def analyze_to(corpus, out_dir, options: RunOptions | None = None, **overrides) -> dict:
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
    options : RunOptions, optional
        The run's options (the defaults when None); besides those of
        :func:`analyze`: ``restart`` (discard an unfinished run in ``out_dir``
        instead of resuming it), ``keep_parts`` (keep ``out_dir/parts``, the
        tables partitioned by batch), ``csv`` (write the CSV copies too) and
        ``manifest`` (write ``manifest.json`` when the corpus has one).
    **overrides
        Fields of :class:`~framing.analysis.options.RunOptions` replacing those of
        ``options`` (``analyze_to(corpus, "out", workers=2)``).

    Returns
    -------
    dict
        ``documents``, ``utterances``, ``speakers`` (counts), ``batches``,
        ``resumed`` (batches found written), ``paths`` (files written), ``engine``, ``stance_priors``
        (the new stance targets' balances of sides the run read with, :mod:`framing.analysis.priors`; None without),
        ``seconds`` (wall time of each phase: batches, join, aggregates, write aggregates).

    Raises
    ------
    InputError
        When ``out_dir`` holds an unfinished run with other settings, or the
        corpus changed since it began (the message says to use ``restart``).
    """
    from framing.analysis.store import RunLock, check_out_dir

    o = RunOptions.of(options, overrides, caller="analyze_to")
    targets = _checked_models(o)  # a bad model folder or a stance model's undefined targets: refused before any write
    given = _given_balances(o, targets)
    out = check_out_dir(out_dir)
    with RunLock(out):
        return _analyze_to(corpus, out, o, targets, given)


def _analyze_to(corpus, out: Path, o: RunOptions, targets: list, given: dict) -> dict:
    import time

    clock = time.perf_counter
    timings = {}
    registry = o.registry or Registry.load()
    stage = BatchStage(registry=registry, targets=o.targets, topic_model=o.topic_model, use_side=o.use_side,
                       stance_method=o.stance_method, sentiment_method=o.sentiment_method,
                       issuer_voice=o.issuer_voice, frames=o.frames,
                       dictionaries=o.dictionaries, models=o.models, stance_model=o.stance_model,
                       sentiment_model=o.sentiment_model)
    sampled = _estimate_priors(corpus, stage, o, given)
    with _RunEngine(o.engine, workers=o.workers, scheduler=o.scheduler, client=o.client) as eng:
        size = _batch_size(o.batch_size, eng)
        settings = run_settings(stage, batch_size=size, reader=getattr(corpus, "options", None))
        store = PartStore(out, settings=settings, restart=o.restart)
        t0 = clock()
        if eng.name == "dask":
            stage.prepare()
        # Local workers share this file system: each writes its batch's parts and returns the
        # row counts, so the tables are not sent back here to be written by this one process.
        writer = store.writer() if eng.name == "local" else None
        with _Analysed(o.progress) as bar:
            plan = _Plan(store, _batches(iter(corpus), size), on_skip=bar.advance)
            for index, key, result in eng.map(_Keyed(stage, writer), plan):
                if writer is None:
                    store.write(index, key, dict(zip(BATCH_TABLES, result)))
                else:
                    store.record(index, key, result)
                bar.advance(plan.sizes.pop(index))
        plan.check()
        check_read_whole(corpus)
        check_same_documents(sampled, sum(rec["rows"]["documents"] for rec in store.done.values()), corpus)
        timings["batches"] = clock() - t0
        n_batches, skipped = plan.n_batches, plan.skipped
    t0 = clock()
    # an empty corpus still gives every table with its columns
    empty = dict(zip(BATCH_TABLES, stage([]))) if not store.done else None
    priors = stage.stance_priors
    # the scorers, the topic model and their word caches (one process) are needed no more: freed before
    # the tables are joined, whose Arrow buffers would otherwise come on top of them
    del stage, plan
    gc.collect()
    # name variants of one person are merged once the whole corpus is attributed, as the parts are joined
    t1 = clock()
    merges = merges_from_parts(store.parts("utterances") if o.merge_variants else [])
    timings["merge variants"] = clock() - t1
    paths = store.finalize(BATCH_TABLES, csv=o.csv, empty=empty,
                           transforms={"utterances": lambda table: merge_arrow(table, merges)})
    del empty
    timings["join"] = clock() - t0
    t0 = clock()
    aggregates = aggregate_files(out, registry=registry, n_boot=o.n_boot, seed=o.seed,
                                 min_utterances=o.min_utterances, period=o.period,
                                 workers=eng.parallelism if eng.name == "local" else o.workers,
                                 keep_duplicates=o.keep_duplicates, resample=o.resample)
    timings["aggregates"] = clock() - t0
    t0 = clock()
    has_summary = hasattr(getattr(corpus, "manifest", None), "summary")
    info = corpus.manifest.summary() if o.manifest and has_summary else None
    paths += write_tables({**aggregates, "speaker_merges": merges}, out, manifest=info, csv=o.csv)
    rows = [rec["rows"] for rec in store.done.values()]
    paths += _write_record(out, corpus, o, targets, priors=priors,
                           aggregate=aggregates["speakers"].attrs.get("aggregate"), counts={
        "documents": sum(r["documents"] for r in rows), "utterances": sum(r["utterances"] for r in rows),
        "duplicate_documents": len(duplicate_documents(pd.read_parquet(out / "documents.parquet",
                                                                       columns=["doc_id", "duplicate_of"])))})
    if not o.keep_parts:
        store.remove()
    timings["write aggregates"] = clock() - t0
    return {"documents": sum(r["documents"] for r in rows), "utterances": sum(r["utterances"] for r in rows),
            "speakers": int((aggregates["speakers"]["speaker_id"].notna()).sum()),
            "batches": n_batches, "resumed": skipped, "paths": paths, "engine": repr(eng), "stance_priors": priors,
            "seconds": timings}


def _estimate_priors(corpus, stage: BatchStage, o: RunOptions, given: dict | None = None) -> int | None:
    """Give ``stage`` the balance of sides of each target its news stance model was not trained on, from a
    sample of ``corpus`` (:func:`framing.analysis.priors.corpus_side_priors`), unless turned off, and the
    balances a researcher gave (``given``, :func:`_given_balances`) in place of any; return the documents the
    sampling pass read (None without one), which the run's own pass must match."""
    estimated, read = None, None
    if o.stance_priors:
        from framing.analysis.priors import corpus_side_priors

        bar = None
        if o.progress is not None and _takes_label(o.progress):
            # the command's bars take a label; a caller's own progress wraps the documents analysed, no other pass
            def bar(docs, what):
                return o.progress(docs, desc=f"stance priors, {what}")
        estimated, read = corpus_side_priors(corpus, stage, progress=bar)
    priors = {**(estimated or {}), **(given or {})}
    if priors:
        stage.read_with_priors(priors)
    return read


def _given_balances(o: RunOptions, targets: list) -> dict:
    """The balances of sides ``o.stance_balances`` gives (a file read against the run's ``targets``, or a dict
    of them), each marked as given; ``{}`` without any.

    Raises
    ------
    FramingError
        When the run's stance method reads no balance of sides (the cue rules, a supervised model).
    InputError
        For a file that is not one (:func:`framing.stance.priors.read_side_balances`).
    """
    if o.stance_balances is None:
        return {}
    from framing.errors import FramingError

    if o.stance_model is None and o.stance_method != "news":
        raise FramingError("balances of sides (stance_balances, --stance-priors FILE) go with the news stance "
                           "method, not the cue rules")
    if o.stance_model is not None:
        from framing.measures import load_stance_model
        from framing.stance.news_model import NewsStance

        if not isinstance(load_stance_model(o.stance_model, o.targets), NewsStance):
            raise FramingError("balances of sides (stance_balances, --stance-priors FILE) go with a news stance "
                               "model, not one trained on your coding of statements")
    from framing.stance.priors import read_side_balances, side_balances

    if isinstance(o.stance_balances, dict):
        return side_balances(o.stance_balances, targets, source="stance_balances")
    return read_side_balances(o.stance_balances, targets)


def _takes_label(progress) -> bool:
    """Whether a progress callable takes a ``desc`` (a bar's label), as the command's does."""
    import inspect

    try:
        return "desc" in inspect.signature(progress).parameters
    except (TypeError, ValueError):
        return False


def _checked_models(o: RunOptions) -> list:
    """The targets of the run's stance columns, once the models the run was given are read.

    The targets are the run's, or with a stance model the ones it learned, as the run's targets define
    them (without any, the targets it was trained with), so a report reads the columns there are.

    Raises
    ------
    InputError
        When a model folder is missing or holds another kind of model (naming it).
    FramingError
        When the stance model learned a target the run's targets do not define:
        without its aliases every statement would get a stance toward it.
    """
    from framing.measures import load_sentiment_model, load_stance_model

    if o.sentiment_model is not None:
        load_sentiment_model(o.sentiment_model)
    if o.stance_model is None:
        return resolve_targets(o.targets)
    from framing.errors import FramingError
    from framing.stance.supervised import SupervisedStance
    from framing.stance.targets import slugify

    model = load_stance_model(o.stance_model, o.targets)
    if not isinstance(model, SupervisedStance):  # a news stance model reads the run's targets, whatever they are
        return resolve_targets(o.targets)
    learned = list(getattr(model, "targets_", None) or [])
    # the run's targets, or without them those the model was trained with (the shipped ones if none)
    defined = {t.slug: t for t in resolve_targets(model.get_params().get("targets"))}
    missing = [name for name in learned if slugify(name) not in defined]
    if missing:
        raise FramingError(
            f"the stance model {_model_name(o.stance_model)} learned target(s) {', '.join(map(repr, missing))}, "
            f"which the run's targets do not define; give a targets file naming them with their aliases "
            f"(framing analyze --targets FILE, or --add-targets FILE beside the shipped ones; framing report "
            f"-p targets=FILE): an utterance is scored toward a target it names")
    return [defined[slugify(name)] for name in learned]


def _model_name(model) -> str:
    """How ``run.json`` names a model a run was given: its folder, or its method when given as an object."""
    return str(model) if isinstance(model, (str, Path)) else str(getattr(model, "method", type(model).__name__))


def _write_record(out: Path, corpus, o: RunOptions, targets, counts: dict, aggregate: dict | None,
                  priors: dict | None = None) -> list[Path]:
    """``run.json`` and ``targets.yml``: what a later step (``framing report --from``) needs to know of the run."""
    from framing.analysis.record import write_run_record

    model = o.topic_model
    options = {"stance_method": o.stance_method, "sentiment_method": o.sentiment_method, "issuer_voice": o.issuer_voice, "use_side": o.use_side,
               "n_boot": o.n_boot, "seed": o.seed, "min_utterances": o.min_utterances, "period": o.period,
               "resample": o.resample,
               "keep_duplicates": o.keep_duplicates, "merge_variants": o.merge_variants, "frames": o.frames,
               "dictionaries": [str(d) for d in o.dictionaries], "models": [str(m) for m in o.models],
               **{name: _model_name(getattr(o, name)) for name in ("stance_model", "sentiment_model")
                  if getattr(o, name) is not None},
               "topic_model": str(model) if isinstance(model, (str, Path)) else getattr(model, "path_", None)}
    manifest = getattr(corpus, "manifest", None)
    counts = dict(counts, selection=getattr(manifest, "selection", ""), left_out=getattr(manifest, "left_out", 0))
    aggregate = dict(aggregate or {}, duplicates="kept" if o.keep_duplicates else "left out")
    quality = None
    if o.stance_method == "news" or o.stance_model is not None:
        from framing.stance.quality import quality_record

        # the figures the stance model was trained with, per target of the run (None for a model without them)
        quality = quality_record(o.stance_model, targets)
    return write_run_record(out, corpus_name=getattr(corpus, "name", "<documents>"),
                            reader=getattr(corpus, "options", None), options=options, targets=targets,
                            counts=counts, aggregate=aggregate, stance_quality=quality, stance_priors=priors)


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


class _Plan:
    """The batches still to do, with their index and key; counts those already written.

    ``sizes`` holds the documents of each batch handed out and not yet done; ``on_skip`` is told the
    documents of a batch an earlier run wrote.
    """

    def __init__(self, store: PartStore, batches, on_skip=None):
        self.store, self.batches, self.on_skip = store, batches, on_skip
        self.n_batches = self.skipped = 0
        self.sizes: dict[int, int] = {}

    def __iter__(self):
        for index, batch in enumerate(self.batches):
            self.n_batches = index + 1
            key = batch_key(batch)
            if self.store.is_done(index, key):
                self.skipped += 1
                if self.on_skip is not None:
                    self.on_skip(len(batch))
                continue
            self.sizes[index] = len(batch)
            yield index, key, batch

    def check(self) -> None:
        extra = sorted(i for i in self.store.done if i >= self.n_batches)
        if extra:
            from framing.errors import InputError

            raise InputError(f"{self.store.log}: batch {extra[0]} was written, but the corpus now has only "
                             f"{self.n_batches} batches (it changed since the run began); run again with --restart")


class _Analysed:
    """The run's progress wrapper, advanced by documents analysed rather than documents read.

    With several processes the reader runs a window of batches ahead of the analysis: a bar around the
    documents read reached its end while a fifth of a corpus was still being analysed.  The wrapper
    (``progress``) is given an endless stream; a wrapper with ``update`` (a tqdm bar) is told each
    batch's documents, any other is asked for one item per document.
    """

    def __init__(self, progress=None):
        self._wrapped = progress(itertools.repeat(None)) if progress is not None else None
        self._update = getattr(self._wrapped, "update", None)
        self._items = iter(self._wrapped) if self._wrapped is not None and self._update is None else None
        # an iterated wrapper counts an item when the next one is asked for (as tqdm does): one is asked
        # for ahead, so the count shown is the documents analysed, to the last
        if self._items is not None:
            self.advance(1)

    def advance(self, n: int) -> None:
        """Count ``n`` more documents as analysed."""
        if self._update is not None:
            self._update(n)
        elif self._items is not None:
            for _ in range(n):
                next(self._items)

    def counted(self, result, n: int):
        """``result``, after counting its ``n`` documents."""
        self.advance(n)
        return result

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """End the bar (a generator wrapper's ``finally`` runs); a second call does nothing."""
        target = self._wrapped if self._update is not None else self._items
        close = getattr(target, "close", None)
        if close is not None:
            close()
        self._wrapped = self._items = self._update = None


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


class _RunEngine:
    """The engine of a run: made from the options, closed afterwards unless the caller gave it."""

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

