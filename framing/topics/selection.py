"""Choosing and checking a topic model: K by held-out coherence, and how well topics recur across seeds.

:func:`choose_k` fits one model per K on a training part and reports NPMI
coherence on the held-out part (:mod:`framing.topics.evaluation`), so a K
is not chosen for topics that only describe the documents they were fitted on.
:func:`stability` fits one model per seed, matches topics between runs
with the Hungarian algorithm on Jensen-Shannon similarity, and reports
the mean matched similarity.  Every fit in one call shares one vocabulary.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from framing.errors import FramingError
from framing.topics.model import TopicModel

def choose_k(texts, ks=(5, 10, 15, 20), seed: int = 0, topn: int = 10, heldout_every: int = 10,
             **settings) -> pd.DataFrame:
    """Fit one model per K on the training part and compare NPMI coherence on the held-out part.

    Parameters
    ----------
    texts : re-iterable
        The reference corpus, as :meth:`TopicModel.fit` takes it.
    ks : sequence of int
        Numbers of topics to try.
    seed : int
        Seed for every fit.
    topn : int
        Top words per topic that coherence scores.
    heldout_every : int
        Every N-th document is held out (see :mod:`framing.topics.inputs`);
        all fits share the vocabulary of the other documents.
    **settings
        Other :class:`TopicModel` settings (passes, no_below, n_seeds ...).

    Returns
    -------
    DataFrame
        k, npmi (mean held-out NPMI over topics; higher is better),
        npmi_min, topics_below_zero, diversity, npmi_frequent_terms (the
        baseline of :func:`framing.topics.evaluation.evaluate`), umass
        (training UMass, for reference).

    Examples
    --------
    >>> docs = ["oil prices opec crude"] * 6 + ["football goal league match"] * 6
    >>> table = choose_k(docs, ks=(2, 3), heldout_every=3, passes=5, no_below=1, no_above=1.0)
    >>> list(table["k"]), "npmi" in table
    ([2, 3], True)
    """
    from framing.topics.evaluation import evaluate

    base = TopicModel(seed=seed, coherence_topn=topn, heldout_every=heldout_every, **settings)
    base._check_settings()
    prepared = base._prepare(texts)
    rows = []
    for k in ks:
        tm = TopicModel(**{**base.get_params(), "k": int(k)})._fit_prepared(prepared)
        report = evaluate(tm, texts, heldout_every=heldout_every, topn=topn)
        per_topic = np.asarray(report["npmi_per_topic"])
        rows.append({"k": int(k), "npmi": per_topic.mean(), "npmi_min": per_topic.min(),
                     "topics_below_zero": int((per_topic < 0).sum()), "diversity": report["diversity"],
                     "npmi_frequent_terms": report["baseline"]["frequent_terms"]["npmi"],
                     "umass": tm.metadata_["coherence"]["mean"]})
        tm._log(f"k={k}: held-out NPMI {per_topic.mean():.3f} "
                f"(frequent-term topics {report['baseline']['frequent_terms']['npmi']:.3f})")
    return pd.DataFrame(rows)


def topic_similarity(a: np.ndarray, b: np.ndarray, metric: str = "jsd") -> np.ndarray:
    """Similarity of every topic in ``a`` to every topic in ``b`` (rows: word distributions).

    ``jsd``: 1 − Jensen–Shannon distance (base 2), in [0, 1];
    ``cosine``: cosine similarity.

    >>> a = np.array([[0.5, 0.5, 0.0], [0.0, 0.0, 1.0]])
    >>> topic_similarity(a, a).round(3).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    from scipy.spatial.distance import cdist
    from scipy.special import rel_entr

    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if metric == "jsd":
        a = a / a.sum(axis=1, keepdims=True)
        b = b / b.sum(axis=1, keepdims=True)
        out = np.empty((a.shape[0], b.shape[0]))
        for i, p in enumerate(a):  # one row at a time: K x V, not K x K x V, in memory
            m = (p + b) / 2
            div = 0.5 * (rel_entr(p, m).sum(axis=1) + rel_entr(b, m).sum(axis=1)) / np.log(2)
            out[i] = 1.0 - np.sqrt(np.clip(div, 0.0, 1.0))
        return out
    if metric == "cosine":
        return 1.0 - cdist(a, b, metric="cosine")
    raise FramingError(f"unknown topic similarity {metric!r}: use 'jsd' or 'cosine'")


def align_topics(a: np.ndarray, b: np.ndarray, metric: str = "jsd") -> tuple[np.ndarray, np.ndarray]:
    """Match each topic of ``a`` to a distinct topic of ``b`` (Hungarian, maximum total similarity).

    Returns
    -------
    match : array of int
        ``match[i]`` is the topic of ``b`` paired with topic ``i`` of ``a``.
    similarity : array of float
        Similarity of each pair.

    Examples
    --------
    >>> a = np.array([[0.9, 0.1, 0.0], [0.0, 0.1, 0.9]])
    >>> match, sim = align_topics(a, a[::-1])
    >>> match.tolist()
    [1, 0]
    """
    from scipy.optimize import linear_sum_assignment

    sim = topic_similarity(a, b, metric)
    rows, cols = linear_sum_assignment(sim, maximize=True)
    match = np.empty(sim.shape[0], dtype=np.int64)
    match[rows] = cols
    return match, sim[rows, cols][np.argsort(rows)]


@dataclass
class Stability:
    """Result of :func:`stability`.

    Attributes
    ----------
    score : float
        Mean matched similarity over all pairs of runs (1 = identical topics).
    pairs : DataFrame
        seed_a, seed_b, similarity (mean over matched topics), min_similarity.
    topics : DataFrame
        For each topic of the first seed's model: its label and mean matched
        similarity in the other runs (which topics are reliable).
    """

    score: float
    pairs: pd.DataFrame
    topics: pd.DataFrame


def stability(texts, k: int = 20, seeds=(0, 1, 2), metric: str = "jsd", **settings) -> Stability:
    """Fit one model per seed on one vocabulary and measure how well topics recur.

    Topics of every pair of runs are matched with :func:`align_topics`;
    the score is the mean matched similarity over all pairs.

    Examples
    --------
    >>> docs = ["oil prices opec crude"] * 4 + ["football goal league match"] * 4
    >>> st = stability(docs, k=2, seeds=(0, 1), passes=20, no_below=1, no_above=1.0)
    >>> st.score > 0.5, list(st.pairs.columns)
    (True, ['seed_a', 'seed_b', 'similarity', 'min_similarity'])
    """
    seeds = [int(s) for s in seeds]
    if len(seeds) < 2:
        raise FramingError("stability needs at least two seeds")
    settings = {**settings, "k": int(k), "coherence_topn": settings.get("coherence_topn", 0)}
    if settings.get("sample"):
        raise FramingError("stability compares seeds on one vocabulary: fit on the full corpus (no sample)")
    base = TopicModel(seed=seeds[0], **settings)
    base._check_settings()
    prepared = base._prepare(texts)
    models = [TopicModel(**{**base.get_params(), "seed": s})._fit_prepared(prepared) for s in seeds]
    topics = [m.model_.get_topics() for m in models]
    rows, per_topic = [], defaultdict(list)
    for i in range(len(seeds)):
        for j in range(i + 1, len(seeds)):
            _, sim = align_topics(topics[i], topics[j], metric)
            rows.append({"seed_a": seeds[i], "seed_b": seeds[j], "similarity": float(sim.mean()),
                         "min_similarity": float(sim.min())})
            if i == 0:
                for t, s in enumerate(sim):
                    per_topic[t].append(float(s))
    pairs = pd.DataFrame(rows)
    table = pd.DataFrame({"topic": range(int(k)), "label": models[0].topic_labels(),
                          "similarity": [float(np.mean(per_topic[t])) for t in range(int(k))]})
    return Stability(float(pairs["similarity"].mean()), pairs, table)
