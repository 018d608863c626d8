"""Drawing articles for a coding round, and reading back the articles of an ids file.

A coding round draws its articles from a ``framing analyze`` run of the
corpus: those with a number of statements in a range (:func:`statement_counts`),
none already used (:func:`used_ids`: earlier rounds' ids files, the articles
of coded event files, articles titled as the development articles), in a
seeded random order, so many per outlet at most (:func:`draw_articles`).
The coders' files are then written from the articles of the ids file
(:func:`documents_of`).  No article text is stored in the project: the ids
are the toolkit's, and the texts are read from the corpus again.

Examples
--------
>>> import pandas as pd
>>> counts = pd.DataFrame({"n": [5, 2, 7, 6], "outlet": ["a", "a", "b", "a"]}, index=["w", "x", "y", "z"])
>>> sorted(draw_articles(counts, {"z"}, n=5, low=3, high=8))
['w', 'y']
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from framing.errors import InputError

__all__ = ["documents_of", "draw_articles", "statement_counts", "used_ids"]


def statement_counts(run, *, naming_target: bool = False) -> pd.DataFrame:
    """Per article of a ``framing analyze`` folder: its statements (``n``) and its ``outlet``.

    With ``naming_target``, only the statements that name a stance target
    count, in a run of the cue rules (``--stance-method cues``), which label a
    target other than ``none`` only where the statement names it (the news
    method labels all the statements of a speaker who addresses it).
    """
    from framing.tables import read_table

    u = read_table(run, "utterances")[["utterance_id", "doc_id", "outlet"]]
    if naming_target:
        m = read_table(run, "measures")
        labels = [c for c in m.columns if c.startswith("stance_") and c.endswith("_label")]
        named = m.assign(named=(m[labels] != "none").any(axis=1))[["utterance_id", "named"]]
        return u.merge(named, on="utterance_id").groupby("doc_id").agg(n=("named", "sum"),
                                                                        outlet=("outlet", "first"))
    return u.groupby("doc_id").agg(n=("utterance_id", "size"), outlet=("outlet", "first"))


def used_ids(run, *, id_files=(), event_files=(), titles_file=None) -> set:
    """Ids not to draw: those of ``id_files`` (one per line), the ``doc`` of each line of ``event_files``
    (JSONL), and the articles of ``run`` titled as a line of ``titles_file`` (JSONL with ``title``)."""
    from framing.tables import read_table

    out = {line for f in id_files for line in Path(f).read_text(encoding="utf-8").split()}
    for f in event_files:
        with open(f, encoding="utf-8") as fh:
            out |= {json.loads(line)["doc"] for line in fh if line.strip()}
    if titles_file:
        with open(titles_file, encoding="utf-8") as fh:
            titles = {(json.loads(line).get("title") or "").strip() for line in fh if line.strip()}
        docs = read_table(run, "documents")[["doc_id", "title"]]
        out |= set(docs[docs["title"].fillna("").str.strip().isin(titles - {""})]["doc_id"])
    return out


def draw_articles(counts: pd.DataFrame, excluded: set, *, n: int, seed: int = 0, per_outlet: int = 30,
                  low: int = 1, high: int = 10**9) -> list[str]:
    """The first ``n`` articles with ``low``..``high`` statements in a seeded random order, none of
    ``excluded``, at most ``per_outlet`` from one outlet (``counts``: :func:`statement_counts`)."""
    eligible = counts[(counts["n"] >= low) & (counts["n"] <= high) & ~counts.index.isin(excluded)]
    order = eligible.index[np.random.default_rng(seed).permutation(len(eligible))]
    chosen, taken = [], {}
    for doc in order:
        outlet = eligible.loc[doc, "outlet"]
        if taken.get(outlet, 0) >= per_outlet:
            continue
        taken[outlet] = taken.get(outlet, 0) + 1
        chosen.append(doc)
        if len(chosen) == n:
            break
    return chosen


def documents_of(corpus, ids_file) -> tuple[list[str], dict]:
    """The ids of ``ids_file`` in order, and their documents read from ``corpus``.

    Raises
    ------
    InputError
        When an id is not in the corpus (naming the first).
    """
    from framing.corpus import read_corpus

    ids = Path(ids_file).read_text(encoding="utf-8").split()
    wanted = set(ids)
    docs = {d["doc_id"]: d for d in read_corpus(corpus) if d["doc_id"] in wanted}
    missing = wanted - set(docs)
    if missing:
        raise InputError(f"{corpus}: {len(missing)} id(s) of {ids_file} not found, first {sorted(missing)[0]}; "
                         f"is it the corpus the ids were drawn from?")
    return ids, docs
