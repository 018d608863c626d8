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


def analyze(corpus, *, registry: Registry | None = None, progress=None) -> dict[str, pd.DataFrame]:
    """Read the corpus once and build the analysis tables.

    Parameters
    ----------
    corpus : Corpus or iterable of document dicts
    registry : Registry, optional
        Actor registry (the shipped one by default).
    progress : callable, optional
        Wraps the document iterator (e.g. a tqdm factory).

    Returns
    -------
    dict of DataFrame
        ``documents`` (without the text column) and ``utterances``.
    """
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
    return {"documents": documents, "utterances": utterances}


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
