"""How often a speaker (or an outlet's quoted speakers) takes each side, counted in documents, with 95% intervals.

The news method decides a speaker's side toward a target once per article and
gives it to each of their statements there, so a share of *utterances*
counts one decision as many times as the speaker was quoted, and its
bootstrap over utterances gives a speaker quoted at length in one article
a zero-width interval.  These shares count *decisions* instead
(:func:`framing.stance.decide.decide_stance`, one per speaker, document and
target):

- :func:`document_shares`: per speaker and target, the documents in which
  they address the target, and the share of them in which they are in favor
  and against, with Wilson score intervals (a speaker's documents are the
  independent units; one document gives an honest wide interval, 1 of 1 is
  0.21 to 1.00, not 1.00 to 1.00);
- :func:`group_shares`: the same for any grouping of the decisions (an
  outlet: its quoted speakers in its documents), with a percentile bootstrap
  over the group's documents, as several speakers quoted in one article are
  not independent.

Examples
--------
>>> import pandas as pd
>>> decisions = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "speaker_id": ["a", "a", "a"],
...                           "target": ["nato"] * 3, "label": ["against", "against", "neutral"],
...                           "n_addressed": [12, 1, 2]})
>>> row = document_shares(decisions).iloc[0]
>>> int(row["n_documents"]), round(float(row["against"]), 2), round(float(row["against_ci_low"]), 2)
(3, 0.67, 0.21)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.bootstrap import group_rng, replicate_sums
from framing.stance.pooling import SIDES
from framing.stance.targets import Target, slugify

__all__ = ["wilson_interval", "majority_label", "document_shares", "group_shares", "rests_on_context",
           "SHARE_COLUMNS"]

#: Two-sided 95% normal quantile.
Z95 = 1.959963984540054
#: The share columns, after the grouping column and the target.
SHARE_COLUMNS = ["target", "slug", "label", "n_documents", "n_decisions", "n_favor", "n_against", "n_neutral",
                 "favor", "favor_ci_low", "favor_ci_high", "against", "against_ci_low", "against_ci_high",
                 "n_utterances", "n_named"]


def wilson_interval(k, n, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval of ``k`` successes in ``n`` trials (NaN where ``n`` is 0).

    Unlike the normal approximation or a bootstrap, it stays inside 0..1 and
    is not of zero width at 0 of n or n of n.

    >>> low, high = wilson_interval([1, 0, 5], [1, 4, 10])
    >>> low.round(3).tolist(), high.round(3).tolist()
    ([0.207, 0.0, 0.237], [1.0, 0.49, 0.763])
    """
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denominator = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denominator
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    low = np.where(n > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
    high = np.where(n > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    # at 0 of n and n of n the bound on that side is exactly 0 or 1, not a rounding error away from it
    low = np.where((n > 0) & (k == 0), 0.0, low)
    high = np.where((n > 0) & (k == n), 1.0, high)
    return low, high


def majority_label(n_favor, n_against, n_neutral) -> np.ndarray:
    """The side most of the decisions take: favor or against (the more frequent), ``divided`` when they are
    as many, ``neutral`` when neither is taken, ``none`` when there is no decision.

    >>> majority_label([3, 1, 2, 0, 0], [1, 1, 0, 0, 0], [0, 4, 9, 2, 0]).tolist()
    ['favor', 'divided', 'favor', 'neutral', 'none']
    """
    fav, ag, neu = (np.asarray(x) for x in (n_favor, n_against, n_neutral))
    return np.select([fav > ag, ag > fav, (fav > 0), neu > 0], ["favor", "against", "divided", "neutral"],
                     default="none").astype(object)


def rests_on_context(n_named) -> bool:
    """Whether sides (of a decision, or of a speaker x target cell) all rest on the context: ``n_named`` is
    known and 0, the speaker's own words never naming the target; unknown (a scorer that does not say where
    a target is named) is not.

    >>> rests_on_context(0), rests_on_context(2), rests_on_context(None), rests_on_context(float("nan"))
    (True, False, False, False)
    """
    return n_named is not None and not pd.isna(n_named) and int(n_named) == 0


def _target_names(targets) -> dict[str, str]:
    return {(t.slug if isinstance(t, Target) else slugify(str(t))): getattr(t, "name", str(t))
            for t in (targets or [])}


def _counted(decisions: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per group and target: decisions by side, documents and utterances behind them."""
    missing = [c for c in (by, "doc_id", "target", "label") if c not in decisions.columns]
    if missing:
        raise ValueError(f"the stance decisions have no column(s) {missing}: use decide_stance's per-document "
                         "table (by doc_id and speaker_id)")
    d = decisions[decisions["label"].isin(SIDES)]
    sides = pd.crosstab([d[by], d["target"]], d["label"]).reindex(columns=list(SIDES), fill_value=0)
    keys = [d[by], d["target"]]
    out = pd.DataFrame({
        "n_documents": d.groupby(keys, sort=False)["doc_id"].nunique(),
        "n_decisions": d.groupby(keys, sort=False).size(),
        "n_utterances": (d.groupby(keys, sort=False)["n_addressed"].sum() if "n_addressed" in d.columns
                         else d.groupby(keys, sort=False).size()),
    })
    # the decisions resting on the speaker's own words naming the target (unknown where the scorer did not say)
    own = pd.to_numeric(d["n_named"], errors="coerce") if "n_named" in d.columns else pd.Series(np.nan, d.index)
    out["n_named"] = (own > 0).where(own.notna()).groupby(keys, sort=False).sum(min_count=1)
    out = out.join(sides.rename(columns={s: f"n_{s}" for s in SIDES}))
    return out.reset_index().rename(columns={"level_0": by, "level_1": "target"})


def _frame(counted: pd.DataFrame, by: str, targets, groups) -> pd.DataFrame:
    """Every group x target cell, in the order of ``groups`` then ``targets``; unaddressed cells count 0."""
    names = _target_names(targets)
    slugs = list(names) or list(dict.fromkeys(counted["target"]))
    order = list(dict.fromkeys(groups)) if groups is not None else list(dict.fromkeys(counted[by]))
    grid = pd.MultiIndex.from_product([order, slugs], names=[by, "target"])
    counts = ["n_documents", "n_decisions", "n_favor", "n_against", "n_neutral", "n_utterances"]
    cells = counted.set_index([by, "target"])[counts].reindex(grid, fill_value=0).reset_index()
    # unknown stays unknown (a scorer that does not say where the target is named); no decision names it 0 times
    named = counted.set_index([by, "target"])["n_named"].reindex(grid)
    cells["n_named"] = named.where(cells["n_decisions"].to_numpy() > 0, 0).astype("Int64").array \
        if named.notna().any() else pd.array([pd.NA] * len(cells), dtype="Int64")
    cells.insert(2, "slug", cells["target"])
    cells["target"] = cells["slug"].map(lambda s: names.get(s, s))
    cells.insert(3, "label", majority_label(cells["n_favor"], cells["n_against"], cells["n_neutral"]))
    return cells


def document_shares(decisions: pd.DataFrame, targets=None, *, speakers=None) -> pd.DataFrame:
    """Per speaker and target: the share of the documents they address it in where they are in favor, against.

    Parameters
    ----------
    decisions : DataFrame
        :func:`framing.stance.decide.decide_stance` by ``("doc_id",
        "speaker_id")`` (its default): one row per speaker, document and
        target addressed, with ``label`` and ``n_addressed``.
    targets : list of Target, optional
        The targets, in the order to show them (their names replace the
        slugs); default: the slugs found, in order.
    speakers : list of str, optional
        The speaker ids to give a row for each target, in this order (a
        speaker who never addresses a target gets ``n_documents`` 0 and NaN
        shares); default: the speakers in ``decisions``.

    Returns
    -------
    DataFrame
        ``speaker_id`` and :data:`SHARE_COLUMNS`: the side most of their
        documents take (:func:`majority_label`), the documents, the decisions
        by side, the shares of favor and against among the documents with 95%
        Wilson intervals, the utterances behind them, and ``n_named``: the
        documents in which the speaker's own words name the target (in the
        others the side rests on the context alone: the paragraph, headline
        or article names the target; missing when the scorer does not say).

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["d1"], "speaker_id": ["a"], "target": ["nato"], "label": ["favor"],
    ...                   "n_addressed": [40]})
    >>> document_shares(d)[["n_documents", "favor", "favor_ci_low", "favor_ci_high", "n_utterances"]].round(2
    ...     ).values.tolist()
    [[1.0, 1.0, 0.21, 1.0, 40.0]]
    """
    counted = _counted(decisions, "speaker_id")
    if (counted["n_decisions"] != counted["n_documents"]).any():
        raise ValueError("more than one decision per speaker, document and target: give decide_stance's "
                         "per-document table")
    cells = _frame(counted, "speaker_id", targets, speakers)
    n = cells["n_documents"].to_numpy(dtype=float)
    for side in ("favor", "against"):
        k = cells[f"n_{side}"].to_numpy(dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            cells[side] = np.where(n > 0, k / n, np.nan)
        cells[f"{side}_ci_low"], cells[f"{side}_ci_high"] = wilson_interval(k, n)
    return cells[["speaker_id", *SHARE_COLUMNS]]


def group_shares(decisions: pd.DataFrame, by: str, targets=None, *, groups=None, n_boot: int = 1000,
                 seed: int = 0) -> pd.DataFrame:
    """Per group (an outlet, a period) and target: the share of the speaker decisions in favor, against.

    The units are the group's (speaker, document) decisions; the interval is
    a percentile bootstrap over its documents (each resample draws documents
    with replacement and keeps all their decisions), since the speakers
    quoted in one article are not independent.  A group with one document has
    a zero-width interval: one article says nothing about the next.

    Parameters
    ----------
    decisions : DataFrame
        :func:`framing.stance.decide.decide_stance`'s per-document table,
        with the ``by`` column added (e.g. the documents' ``outlet``).
    by : str
        The grouping column.
    targets, groups
        As ``targets`` and ``speakers`` of :func:`document_shares`.
    n_boot, seed : int
        Bootstrap resamples and seed (each cell's generator is seeded by its
        group, target and documents, so adding a group changes no other).

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["d1", "d1", "d2"], "speaker_id": ["a", "b", "a"], "outlet": "x",
    ...                   "target": "nato", "label": ["against", "favor", "against"], "n_addressed": 1})
    >>> row = group_shares(d, "outlet").iloc[0]
    >>> int(row["n_documents"]), int(row["n_decisions"]), round(float(row["against"]), 2)
    (2, 3, 0.67)
    """
    counted = _counted(decisions, by)
    cells = _frame(counted, by, targets, groups)
    d = decisions[decisions["label"].isin(SIDES)]
    bounds = {f"{side}_ci_{end}": np.full(len(cells), np.nan) for side in ("favor", "against")
              for end in ("low", "high")}
    for side in ("favor", "against"):
        with np.errstate(invalid="ignore", divide="ignore"):
            cells[side] = np.where(cells["n_decisions"] > 0, cells[f"n_{side}"] / cells["n_decisions"], np.nan)
    for (group, slug), rows in d.groupby([by, "target"], sort=False):
        i = np.flatnonzero((cells[by].to_numpy() == group) & (cells["slug"].to_numpy() == slug))
        if not len(i):
            continue
        per_doc = pd.crosstab(rows["doc_id"], rows["label"]).reindex(columns=list(SIDES), fill_value=0)
        docs = per_doc.index.astype(str).to_numpy(dtype=object)
        # the aggregates' resampling: documents drawn with replacement, the generator seeded by the cell
        sums = replicate_sums(per_doc.to_numpy(dtype=float), int(n_boot), group_rng(seed, f"{group}\0{slug}", docs))
        total = sums.sum(axis=1)
        for j, side in enumerate(("favor", "against")):
            low, high = np.percentile(sums[:, j] / total, [2.5, 97.5])
            bounds[f"{side}_ci_low"][i[0]], bounds[f"{side}_ci_high"][i[0]] = low, high
    for column, values in bounds.items():
        cells[column] = values
    return cells[[by, *SHARE_COLUMNS]]
