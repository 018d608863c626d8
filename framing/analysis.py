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

import json
from pathlib import Path

import pandas as pd

from framing.actors import Registry
from framing.attribution import attribute_document, utterances_frame

#: Document metadata copied onto each utterance, so every table can be grouped by it.
RIDE_ALONG = ("outlet", "date", "url")


def analyze(corpus, *, registry: Registry | None = None, targets=None, topic_model=None, use_side: bool = False,
            n_boot: int = 1000, seed: int = 0, min_utterances: int = 3, period: str = "M",
            progress=None) -> dict[str, pd.DataFrame]:
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
    progress : callable, optional
        Wraps the document iterator (e.g. a tqdm factory).

    Returns
    -------
    dict of DataFrame
        ``documents`` (without the text column), ``utterances``, ``measures``,
        ``speakers``, ``outlets`` and ``periods``.
    """
    from framing import aggregate
    from framing.measures import score_utterances

    registry = registry or Registry.load()
    docs = iter(corpus)
    if progress is not None:
        docs = progress(docs)
    doc_rows, utt_rows = [], []
    for doc in docs:
        rows = attribute_document(doc, registry)
        for r in rows:
            for key in RIDE_ALONG:
                r[key] = doc.get(key)
        utt_rows.extend(rows)
        doc_rows.append({k: v for k, v in doc.items() if k != "text"})
    documents = pd.DataFrame(doc_rows)
    utterances = utterances_frame(utt_rows)
    for key in RIDE_ALONG:
        utterances[key] = [r.get(key) for r in utt_rows]
    measures = score_utterances(utterances, targets=targets, topic_model=topic_model, use_side=use_side)
    kw = dict(n_boot=n_boot, seed=seed, min_utterances=min_utterances)
    actors = registry.to_frame()
    return {
        "documents": documents,
        "utterances": utterances,
        "measures": measures,
        "speakers": aggregate.speakers_table(utterances, measures, actors=actors, **kw),
        "outlets": aggregate.by_outlet(utterances, measures, **kw),
        "periods": aggregate.by_period(utterances, measures, freq=period, **kw),
    }


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
