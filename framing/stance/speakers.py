"""Stance per speaker: each speaker's (or group's) shares of favor/against/neutral toward each target.

:func:`label_share` is the one definition of a stance share (a label among the utterances that
mention the target); :func:`speaker_stance` and :mod:`framing.aggregate` both average it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.bootstrap import group_estimates
from framing.errors import InputError
from framing.stance.cues import LABELS, NO_MENTION
from framing.stance.targets import Target, slugify

#: Every label a stance scorer may emit; "none" means the target is not mentioned.
STANCE_LABELS = (*LABELS, NO_MENTION)


def label_share(labels: pd.Series, side: str) -> np.ndarray:
    """1 where the label is ``side``, 0 for the other labels, NaN for "none"/missing (not mentioned).

    Labels are read without case or surrounding spaces; any other label is an
    error naming the column and the index label of its row.

    >>> label_share(pd.Series(["favor", "Against", "none", None]), "favor").tolist()
    [1.0, 0.0, nan, nan]
    """
    text = labels.astype("string").str.strip().str.lower()
    unknown = text.notna() & ~text.isin(STANCE_LABELS)
    if unknown.any():
        where = labels.index[unknown.to_numpy()][0]
        raise InputError(f"measures column {labels.name!r}, utterance {where!r}: stance label "
                         f"{labels[unknown].iloc[0]!r} is not one of {list(STANCE_LABELS)}")
    share = np.where(text.eq(side).fillna(False).to_numpy(bool), 1.0, 0.0)
    share[(text.isna() | text.eq(NO_MENTION).fillna(False)).to_numpy(bool)] = np.nan
    return share


def speaker_stance(utterances_with_stance: pd.DataFrame, targets=None, *, by=("speaker_id",)) -> pd.DataFrame:
    """One row per speaker (or other ``by`` group) and target.

    Parameters
    ----------
    utterances_with_stance : DataFrame
        Utterances joined with a stance scorer's output (``stance_<slug>``
        and ``stance_<slug>_label`` columns), with the ``by`` columns and
        optionally ``confidence`` (the attribution's; used as a weight).
    targets : list of Target or names, optional
        Which targets; by default every ``stance_*_label`` column found.
    by : sequence of str
        Grouping columns.

    Returns
    -------
    DataFrame
        The ``by`` columns (and ``speaker`` when present), ``target``,
        ``n_utterances``, ``n_mentions``, ``share_favor``, ``share_against``,
        ``share_neutral``, ``mean_score`` and ``label``: the (confidence-
        weighted) majority of favor/against/neutral among utterances that
        mention the target, ``neutral`` on a tie and ``none`` without mentions.
        Groups come in the order first seen, targets in the order given.

    Examples
    --------
    >>> u = pd.DataFrame({"speaker_id": ["a", "a", "a"], "stance_nato": [-0.8, 0.0, np.nan],
    ...                   "stance_nato_label": ["against", "neutral", "none"]})
    >>> speaker_stance(u, ["NATO"])[["speaker_id", "n_mentions", "share_against", "label"]].values.tolist()
    [['a', 2, 0.5, 'neutral']]
    """
    by = [by] if isinstance(by, str) else list(by)
    df = utterances_with_stance
    missing = [c for c in by if c not in df.columns]
    if missing:
        raise ValueError(f"speaker_stance: no column(s) {missing} to group by")
    names = _target_names(df, targets)
    weight = (pd.to_numeric(df["confidence"], errors="coerce").fillna(1.0).clip(lower=0.0)
              if "confidence" in df.columns else pd.Series(1.0, index=df.index))
    keys = df[by].astype(object).where(df[by].notna(), None)
    # rows sorted by group, groups in first-seen order
    grouped = keys.groupby(by, dropna=False, sort=False)
    group = grouped.ngroup().to_numpy()
    order = np.argsort(group, kind="stable")
    starts = np.flatnonzero(np.diff(group[order], prepend=-1) != 0)
    x = _stance_values(df, names)[order]
    est = group_estimates(x, weight.to_numpy(dtype=float)[order], starts, ids=np.arange(len(df)).astype(str),
                          keys=[str(g) for g in range(len(starts))], n_boot=0)
    k, n_groups = len(names), len(starts)
    shares = est.mean.reshape(n_groups, k, len(LABELS) + 1)
    out = grouped.size().reset_index()[by].loc[np.repeat(np.arange(n_groups), k)].reset_index(drop=True)
    out["target"] = pd.Series([name for name, _ in names] * n_groups, index=out.index, dtype=str)
    out["n_utterances"] = np.repeat(np.diff(np.append(starts, len(df))), k).astype(int)
    out["n_mentions"] = est.count.reshape(n_groups, k, len(LABELS) + 1)[:, :, 0].ravel().astype(int)
    for j, lab in enumerate(LABELS):
        out[f"share_{lab}"] = shares[:, :, j].ravel()
    out["mean_score"] = shares[:, :, len(LABELS)].ravel()
    out["label"] = _majority(shares[:, :, :len(LABELS)].reshape(-1, len(LABELS)), out["n_mentions"].to_numpy())
    if "speaker" in df.columns and "speaker" not in by:
        first = df.groupby(by, dropna=False, sort=False)["speaker"].first().reset_index()
        out = out.merge(first, on=by, how="left")
        out = out[by + ["speaker"] + [c for c in out.columns if c not in by and c != "speaker"]]
    return out


def stance_slugs(columns) -> list[str]:
    """Targets that have a ``stance_<slug>_label`` column, in column order.

    >>> stance_slugs(["utterance_id", "stance_nato", "stance_nato_label", "sentiment_label"])
    ['nato']
    """
    return [c[len("stance_"):-len("_label")] for c in map(str, columns)
            if c.startswith("stance_") and c.endswith("_label") and len(c) > len("stance__label")]


def _target_names(df: pd.DataFrame, targets) -> list[tuple[str, str]]:
    if targets is None:
        return [(s, s) for s in stance_slugs(df.columns)]
    return [(t.name, t.slug) if isinstance(t, Target) else (str(t), slugify(str(t))) for t in targets]


def _stance_values(df: pd.DataFrame, names: list[tuple[str, str]]) -> np.ndarray:
    """Per target, four columns: each utterance's favor, against and neutral shares, then its score.

    All four are NaN where the utterance does not mention the target.
    """
    columns = []
    for _, slug in names:
        score_col, label_col = f"stance_{slug}", f"stance_{slug}_label"
        if label_col not in df.columns:
            raise ValueError(f"speaker_stance: no column {label_col!r}; score the utterances first")
        labels = df[label_col]
        if "utterance_id" in df.columns:  # errors name the utterance
            labels = labels.set_axis(df["utterance_id"])
        shares = [label_share(labels, lab) for lab in LABELS]
        score = (pd.to_numeric(df[score_col], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
                 if score_col in df.columns else np.full(len(df), np.nan))
        columns += [*shares, np.where(np.isnan(shares[0]), np.nan, score)]
    return np.column_stack(columns) if columns else np.empty((len(df), 0))


def _majority(shares: np.ndarray, n: np.ndarray) -> list[str]:
    out = []
    for row, count in zip(shares, n):
        if count == 0:
            out.append(NO_MENTION)
            continue
        top = row.max()
        winners = np.flatnonzero(np.isclose(row, top))
        out.append(LABELS[winners[0]] if len(winners) == 1 else "neutral")
    return out
