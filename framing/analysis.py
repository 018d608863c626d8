"""The whole analysis of a corpus: documents, utterances, measures and speakers.

:func:`analyze` runs every per-document stage in one streaming pass over
the corpus and returns the tidy tables; :func:`write_tables` stores them
as Parquet and CSV.  ``framing analyze`` is a thin wrapper around both.

Examples
--------
>>> from framing.corpus import read_corpus
>>> tables = analyze(read_corpus("corpora/seed"))          # doctest: +SKIP
>>> sorted(tables)                                          # doctest: +SKIP
['documents', 'measures', 'speakers', 'utterances']
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pandas as pd

from framing.actors import Registry
from framing.attribution import attribute_document, utterances_frame

#: Document metadata copied onto each utterance, so every table can be grouped by it.
RIDE_ALONG = ("outlet", "date", "url")


def analyze(corpus, *, registry: Registry | None = None, targets=None, topic_model=None, use_side: bool = False,
            n_boot: int = 1000, seed: int = 0, min_utterances: int = 3, period: str = "M",
            workers: int = 1, batch_size: int = 500, progress=None) -> dict[str, pd.DataFrame]:
    """Read the corpus once and build every analysis table.

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
        Processes for the per-document stages (attribution and measures).
        The tables are the same, row for row, whatever the number.
    batch_size : int
        Documents per unit of work.
    progress : callable, optional
        Wraps the document iterator (e.g. a tqdm factory).

    Returns
    -------
    dict of DataFrame
        ``documents`` (without the text column), ``utterances``, ``measures``,
        ``speakers``, ``outlets`` and ``periods``.
    """
    from framing import aggregate

    registry = registry or Registry.load()
    stage = BatchStage(registry=registry, targets=targets, topic_model=topic_model, use_side=use_side)
    docs = progress(iter(corpus)) if progress is not None else iter(corpus)
    results = stage.map(_batches(docs, batch_size), workers=workers)
    documents, utterances, measures = _concat(results)
    kw = dict(n_boot=n_boot, seed=seed, min_utterances=min_utterances)
    return {
        "documents": documents,
        "utterances": utterances,
        "measures": measures,
        "speakers": aggregate.speakers_table(utterances, measures, actors=registry.to_frame(), **kw),
        "outlets": aggregate.by_outlet(utterances, measures, **kw),
        "periods": aggregate.by_period(utterances, measures, freq=period, **kw),
    }


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

    def map(self, batches, *, workers: int = 1):
        """Results for each batch, in corpus order; ``workers > 1`` uses processes."""
        if workers <= 1:
            yield from (self(b) for b in batches)
            return
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(self,)) as pool:
            pending = []
            for batch in batches:
                pending.append(pool.submit(_run_worker, batch))
                # a bounded window keeps memory flat: read ahead only a few batches
                if len(pending) >= 2 * workers:
                    yield pending.pop(0).result()
            for fut in pending:
                yield fut.result()


_WORKER_STAGE: BatchStage | None = None


def _init_worker(stage: BatchStage) -> None:
    global _WORKER_STAGE
    _WORKER_STAGE = stage


def _run_worker(batch: list[dict]):
    return _WORKER_STAGE(batch)


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


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path, *, manifest=None) -> list[Path]:
    """Write each table as ``NAME.parquet`` and ``NAME.csv`` in ``out_dir``; return the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in tables.items():
        pq, csv = out / f"{name}.parquet", out / f"{name}.csv"
        df.to_parquet(pq, index=False)
        df.to_csv(csv, index=False)
        written += [pq, csv]
    if manifest is not None:
        path = out / "manifest.json"
        path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
        written.append(path)
    return written
