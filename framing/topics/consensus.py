"""Consensus topics: fits over several seeds, topics matched and merged, each topic's stability measured.

From gensim's random start, one LDA fit depends on its seed: on Arabic
news, two seeds share about 40% of each topic's top ten words.  The
toolkit's fits start from a factorization instead (:mod:`framing.topics.start`)
and find the same topics on every seed, but a topic can still depend on
which documents the corpus happens to hold.  A consensus model
(``TopicModel(n_seeds=M)``) fits M member models on one vocabulary (from
the factorization start each member sees its own random 80% of the
documents; from the random start, all of them with its own seed), matches
their topics and averages the matched topic-word weights:

1. The first centres are the topics that recur most: every member topic
   is scored by its closest topic in each other member (Bhattacharyya
   coefficient of the word distributions), and the best-supported topic
   and its closest unassigned topic in every other member form a cluster,
   K times over.  A topic that only one seed finds is chosen last, so it
   cannot pull a reproducible topic away from its peers.
2. Each member's topics are matched one-to-one to the centre's
   (:func:`framing.topics.selection.align_topics`, Hungarian on
   1 − Jensen–Shannon distance) and the centre becomes the mean of the
   matched, normalised topics; this is repeated ``rounds`` times, so no
   single seed decides the matching.
3. The consensus topic-word weights are a weighted mean of the members'
   matched weights (gensim's ``lambda``): each member topic counts by its
   similarity to the plain mean raised to the power ``weight_power``, so a
   member whose matched topic is another topic (a seed that split or merged
   it) barely moves the consensus.  They are then re-estimated by ``refine_passes`` batch
   EM passes over the corpus (an average of topics is blurrier than any of
   them); per-utterance inference is unchanged.

Each consensus topic is reported with its **stability**: the mean top-``n``
Jaccard overlap between its words and the matched topic of each member,
the mean Jensen–Shannon similarity, and its **recurrence** (the share of
members whose matched topic shares at least half of its top words).  A
topic with low stability is one the members disagree on: read it with care.

Examples
--------
>>> rng = np.random.default_rng(0)
>>> base = rng.dirichlet(np.ones(30) * 0.1, size=3)
>>> members = [base[p] * 100 for p in ([0, 1, 2], [2, 0, 1], [1, 2, 0])]
>>> merged = merge_topics(members, topn=5)
>>> merged.stability.round(2).tolist()
[1.0, 1.0, 1.0]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from framing.errors import FramingError

#: A member topic "recurs" when it shares at least this share of the consensus topic's top words.
RECUR_JACCARD = 0.5


def top_ids(weights: np.ndarray, n: int) -> np.ndarray:
    """Indices of each row's ``n`` largest weights, heaviest first (ties: lower index first).

    >>> top_ids(np.array([[0.1, 0.5, 0.4]]), 2).tolist()
    [[1, 2]]
    """
    return np.argsort(-np.asarray(weights), axis=1, kind="stable")[:, :n]


def jaccard_matrix(a: list[set], b: list[set]) -> np.ndarray:
    """Jaccard overlap of every word set in ``a`` with every one in ``b``.

    >>> jaccard_matrix([{1, 2}], [{2, 3}, {1, 2}]).tolist()
    [[0.3333333333333333, 1.0]]
    """
    out = np.zeros((len(a), len(b)))
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            union = len(x | y)
            out[i, j] = len(x & y) / union if union else 0.0
    return out


def matched_jaccard(a: list, b: list) -> np.ndarray:
    """Top-word Jaccard of each topic of ``a`` with its match in ``b`` (Hungarian on Jaccard).

    ``a`` and ``b`` are lists of word lists (one per topic), e.g. two models'
    top ten words.  Returns one value per topic of ``a``, in ``a``'s order.

    >>> matched_jaccard([["oil", "gas"], ["goal", "match"]], [["goal", "match"], ["oil", "price"]]).tolist()
    [0.3333333333333333, 1.0]
    """
    from scipy.optimize import linear_sum_assignment

    sim = jaccard_matrix([set(x) for x in a], [set(x) for x in b])
    rows, cols = linear_sum_assignment(sim, maximize=True)
    out = np.zeros(len(a))
    out[rows] = sim[rows, cols]
    return out


@dataclass
class Merged:
    """Result of :func:`merge_topics`.

    Attributes
    ----------
    lam : ndarray
        Consensus topic-word weights, ``(k, V)``.
    matches : list of ndarray
        ``matches[m][t]``: the topic of member ``m`` merged into consensus topic ``t``.
    stability, similarity, recurrence : ndarray
        Per consensus topic: mean top-``topn`` Jaccard with the matched member
        topics, mean Jensen–Shannon similarity, share of members whose
        matched topic has Jaccard of at least :data:`RECUR_JACCARD`.
    """

    lam: np.ndarray
    matches: list
    stability: np.ndarray
    similarity: np.ndarray
    recurrence: np.ndarray


#: Power of a member topic's similarity to the plain mean in the weighted mean (0: plain mean).
WEIGHT_POWER = 4.0


def merge_topics(lambdas: list, topn: int = 10, rounds: int = 3, weight_power: float = WEIGHT_POWER) -> Merged:
    """Match the topics of several fits and average them (see the module notes).

    Parameters
    ----------
    lambdas : list of ndarray
        Topic-word weights of each member, ``(k, V)`` each, one vocabulary.
    topn : int
        Top words per topic for the Jaccard stability.
    rounds : int
        Times the matching to the centre is repeated.
    weight_power : float
        Member topics are weighted by (similarity to the plain mean) ** this.

    Returns
    -------
    Merged
    """
    from framing.topics.selection import align_topics

    if len(lambdas) < 2:
        raise FramingError("a consensus needs at least two member fits")
    lambdas = [np.asarray(lam, dtype=np.float64) for lam in lambdas]
    dists = [lam / lam.sum(axis=1, keepdims=True) for lam in lambdas]
    centre = _recurring_centres(dists)
    for _ in range(max(1, int(rounds))):
        matches = [align_topics(centre, d)[0] for d in dists]
        centre = np.mean([d[match] for d, match in zip(dists, matches)], axis=0)
    stack = np.array([lam[match] for lam, match in zip(lambdas, matches)])
    lam = stack.mean(axis=0)
    if weight_power:
        weights = np.array([_pairwise_similarity(lam, member) for member in stack]) ** float(weight_power)
        weights /= weights.sum(axis=0, keepdims=True)
        lam = np.einsum("mk,mkv->kv", weights, stack)
    return Merged(lam, matches, *score_topics(lam, lambdas, matches, topn))


def _recurring_centres(dists: list) -> np.ndarray:
    """Initial centres: clusters of the most recurring member topics, one topic per member each."""
    m, k = len(dists), dists[0].shape[0]
    pooled = np.vstack(dists)
    owner = np.repeat(np.arange(m), k)
    root = np.sqrt(pooled)
    sim = root @ root.T  # Bhattacharyya coefficient: 1 for identical distributions, 0 for disjoint ones
    best = np.zeros((m * k, m))
    for b in range(m):
        best[:, b] = sim[:, owner == b].max(axis=1)
    best[np.arange(m * k), owner] = 0.0
    support = best.sum(axis=1)
    free = np.ones(m * k, dtype=bool)
    centres = []
    for _ in range(k):
        seed = int(np.flatnonzero(free)[np.argmax(support[free])])
        cluster = [seed]
        for b in range(m):
            if b == owner[seed]:
                continue
            candidates = np.flatnonzero(free & (owner == b))
            cluster.append(int(candidates[np.argmax(sim[seed, candidates])]))
        free[cluster] = False
        centres.append(pooled[cluster].mean(axis=0))
    return np.asarray(centres)


def score_topics(lam: np.ndarray, lambdas: list, matches: list, topn: int = 10) -> tuple:
    """Stability, similarity and recurrence of each topic of ``lam`` against its matched member topics.

    ``lam`` may be the merged weights or weights re-estimated from them
    (topic ``t`` stays topic ``t``).  See :class:`Merged` for the three measures.
    """
    merged_top = [set(row) for row in top_ids(lam, topn)]
    jac, sim = [], []
    for member, match in zip(lambdas, matches):
        matched = np.asarray(member, dtype=np.float64)[match]
        member_top = top_ids(matched, topn)
        jac.append([len(merged_top[t] & set(member_top[t])) / len(merged_top[t] | set(member_top[t]))
                    for t in range(len(match))])
        sim.append(_pairwise_similarity(np.asarray(lam, dtype=np.float64), matched))
    jac, sim = np.asarray(jac), np.asarray(sim)
    return jac.mean(axis=0), sim.mean(axis=0), (jac >= RECUR_JACCARD).mean(axis=0)


def _pairwise_similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """1 − Jensen–Shannon distance of row t of ``a`` with row t of ``b``."""
    from scipy.special import rel_entr

    p = a / a.sum(axis=1, keepdims=True)
    q = b / b.sum(axis=1, keepdims=True)
    mid = (p + q) / 2
    div = 0.5 * (rel_entr(p, mid).sum(axis=1) + rel_entr(q, mid).sum(axis=1)) / np.log(2)
    return 1.0 - np.sqrt(np.clip(div, 0.0, 1.0))


def stability_table(model) -> pd.DataFrame:
    """Per-topic stability of a fitted :class:`~framing.topics.model.TopicModel`, for reports.

    Columns: topic, label (the user's label when edited, see
    :mod:`framing.topics.labels`), words (top ten display forms), stability
    (mean top-10 Jaccard with the member fits; NaN for a single-seed model),
    similarity (mean Jensen–Shannon similarity), recurrence (share of
    member fits in which the topic recurs), members (number of fits).

    Examples
    --------
    >>> docs = ["oil prices opec crude"] * 4 + ["football goal league match"] * 4
    >>> from framing.topics.model import TopicModel
    >>> tm = TopicModel(k=2, n_seeds=2, passes=10, no_below=1, no_above=1.0).fit(docs)
    >>> table = stability_table(tm)
    >>> list(table.columns), bool((table["stability"] > 0.5).all())
    (['topic', 'label', 'words', 'stability', 'similarity', 'recurrence', 'members'], True)
    """
    model._require_fitted()
    words = model.top_words(10)
    joined = words.groupby("topic", sort=True)["word"].agg(" ".join)
    info = model.metadata_.get("consensus") or {}
    k = int(model.k)
    nan = [float("nan")] * k
    return pd.DataFrame({
        "topic": range(k),
        "label": model.topic_labels(),
        "words": joined.reindex(range(k)).fillna("").to_numpy(),
        "stability": info.get("stability", nan),
        "similarity": info.get("similarity", nan),
        "recurrence": info.get("recurrence", nan),
        "members": len(info.get("member_seeds", [])) or 1,
    })
