"""Rows ready to aggregate: which columns are measures, input checks and joins, weights, periods, groups.

:func:`prepare_rows` joins the utterances with their measures (stance labels turned into
favor/against shares by :func:`framing.stance.speakers.label_share`) and sorts them by group;
:mod:`framing.aggregate` averages each group.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from framing.errors import InputError
from framing.stance.speakers import label_share, stance_slugs

#: Period frequencies ``period_labels`` understands, with the label each gives.
PERIOD_FREQS = {"D": "2021-12-03", "W": "2021-W48", "M": "2021-12", "Q": "2021Q4", "Y": "2021"}

#: What a bootstrap may resample.
RESAMPLE_UNITS = ("utterance", "document")

_TEXT_SUFFIXES = ("_label", "_method", "_named_in")


# --- which columns are measures ---------------------------------------------

def measure_columns(measures: pd.DataFrame) -> list[str]:
    """Numeric measure columns to aggregate, including derived stance shares.

    Picks ``sentiment``, every numeric ``stance_<t>`` score and every numeric
    ``topic_<k>`` share (``*_label`` and ``*_method`` columns and the dominant
    ``topic`` are text and are skipped).  For each ``stance_<t>_label`` column
    it adds ``stance_<t>_favor`` and ``stance_<t>_against``: the share of
    utterances labelled favor (against) among those that mention the target,
    i.e. whose label is not "none".  Those two are computed by ``aggregate``;
    they need not exist in ``measures``.

    Parameters
    ----------
    measures : DataFrame
        The measures table (one row per utterance).

    Returns
    -------
    list of str
        Sentiment first, then each stance target (score, favor, against), then
        topic shares, each family in the order its columns appear.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"utterance_id": ["u1"], "sentiment": [0.1],
    ...                   "sentiment_label": ["positive"], "sentiment_method": ["x.v1"],
    ...                   "stance_nato": [0.4], "stance_nato_label": ["favor"],
    ...                   "topic_0": [0.7], "topic_1": [0.3], "topic": [0]})
    >>> measure_columns(m)
    ['sentiment', 'stance_nato', 'stance_nato_favor', 'stance_nato_against', 'topic_0', 'topic_1']
    """
    columns = [str(c) for c in measures.columns]
    targets = stance_slugs(columns)
    derived = {f"stance_{t}_{side}" for t in targets for side in ("favor", "against")}

    def numeric(c: str) -> bool:
        return not c.endswith(_TEXT_SUFFIXES) and pd.api.types.is_numeric_dtype(measures[c])

    out = ["sentiment"] if "sentiment" in columns and numeric("sentiment") else []
    scored = [c for c in columns if c.startswith("stance_") and c not in derived and numeric(c)]
    for col in scored:
        out.append(col)
        if col[len("stance_"):] in targets:
            out += [f"{col}_favor", f"{col}_against"]
    for t in targets:
        if f"stance_{t}" not in scored:
            out += [f"stance_{t}_favor", f"stance_{t}_against"]
    out += [c for c in columns if c.startswith("topic_") and numeric(c)]
    # frames present (0/1: a group's mean is the share of its utterances using the frame) and dictionary counts
    # and the probabilities of a researcher's labels (a group's mean: its expected share)
    out += [c for c in columns if c.startswith(("frame_", "dict_", "label_")) and numeric(c)]
    return out


def _measure_values(measures: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Float values of ``columns`` (derived shares computed), indexed by utterance_id."""
    require_columns(measures, ["utterance_id"], "measures")
    reject_duplicates(measures["utterance_id"], "measures")
    indexed = measures.set_index("utterance_id")
    values = {}
    for col in columns:
        if col in indexed.columns and not _is_derived(col, indexed.columns):
            values[col] = indexed[col].to_numpy(dtype=float, na_value=np.nan)
        else:
            base, side = col.rsplit("_", 1)
            values[col] = label_share(indexed[f"{base}_label"], side)
    return pd.DataFrame(values, index=indexed.index, columns=columns)


def _is_derived(col: str, columns) -> bool:
    if not col.endswith(("_favor", "_against")):
        return False
    return f"{col.rsplit('_', 1)[0]}_label" in columns


# --- input checks and joins ---------------------------------------------------

def require_columns(frame: pd.DataFrame, columns: Sequence[str], name: str, hint: str = "") -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"the {name} table lacks column(s) {missing}; it has {list(frame.columns)}"
                         + (f" ({hint})" if hint else ""))


def reject_duplicates(ids: pd.Series, name: str) -> None:
    dup = ids.duplicated(keep=False)
    if dup.any():
        rows = list(np.flatnonzero(dup.to_numpy())[:5])
        raise InputError(f"the {name} table repeats {ids.name} {ids[dup].iloc[0]!r} "
                         f"(rows {rows}); each id must appear once")


def _join_documents(frame: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Fill document metadata (outlet, date, lang, ...) the utterances lack."""
    require_columns(documents, ["doc_id"], "documents")
    reject_duplicates(documents["doc_id"], "documents")
    meta = documents.drop(columns=[c for c in ("text", "title") if c in documents.columns])
    meta = meta.set_index("doc_id")
    for col in meta.columns:
        joined = frame["doc_id"].map(meta[col])
        frame[col] = joined if col not in frame.columns else frame[col].fillna(joined)
    return frame


def row_weights(frame: pd.DataFrame, weight: str | None) -> np.ndarray:
    if weight is None:
        return np.ones(len(frame))
    require_columns(frame, [weight], "utterances", "pass weight=None for equal weights")
    raw = frame[weight]
    w = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = (np.isnan(w) & raw.notna().to_numpy()) | np.isinf(w) | (w < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(f"utterances column {weight!r}, utterance {frame['utterance_id'].iloc[i]!r}: "
                         f"weight {raw.iloc[i]!r} is not a finite number >= 0")
    missing = np.isnan(w)
    if missing.any():
        ids = list(frame["utterance_id"].to_numpy()[missing][:5])
        warnings.warn(f"{int(missing.sum())} utterance(s) have no {weight!r} (e.g. {ids}); "
                      f"they get weight 0", stacklevel=3)
        w = np.where(missing, 0.0, w)
    return w


# --- periods -------------------------------------------------------------------

def period_labels(dates: pd.Series, freq: str = "M") -> pd.Series:
    """Label each date with its period, as a sortable string.

    Parameters
    ----------
    dates : Series
        ISO dates (``YYYY-MM-DD``; a longer ISO timestamp is cut to its date
        as written, so the local publication date is kept) or datetimes.
        Missing dates give missing labels; a value that is not a date gives a
        missing label and a warning naming its index label.
    freq : {"D", "W", "M", "Q", "Y"}
        Day (``2021-12-03``), ISO week (``2021-W48``), month (``2021-12``),
        quarter (``2021Q4``) or year (``2021``).

    Returns
    -------
    Series of str, same index as ``dates`` (NaN where the date is missing).

    Examples
    --------
    >>> import pandas as pd
    >>> period_labels(pd.Series(["2021-12-03", None, "2022-01-01T08:00:00+03:00"]), "W").tolist()
    ['2021-W48', nan, '2021-W52']
    """
    freq = str(freq).upper()
    if freq not in PERIOD_FREQS:
        raise ValueError(f"unknown period frequency {freq!r}; use one of {list(PERIOD_FREQS)}")
    if pd.api.types.is_datetime64_any_dtype(dates):
        ts = dates
    else:
        text = dates.astype("string").str.strip().str[:10]
        ts = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        bad = (text.notna() & ts.isna()).to_numpy(bool)
        if bad.any():
            shown = ", ".join(f"{i!r}: {v!r}" for i, v in list(dates[bad].items())[:5])
            warnings.warn(f"{int(bad.sum())} date(s) are not YYYY-MM-DD and count as missing ({shown})",
                          stacklevel=2)
    valid = ts.notna().to_numpy(bool)
    labels = np.full(len(ts), np.nan, dtype=object)
    if valid.any():
        ok = ts[valid]
        if freq == "W":
            iso = ok.dt.isocalendar()
            text = iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
        elif freq == "Q":
            text = ok.dt.year.astype(str) + "Q" + ok.dt.quarter.astype(str)
        else:
            text = ok.dt.strftime({"D": "%Y-%m-%d", "M": "%Y-%m", "Y": "%Y"}[freq])
        labels[valid] = text.to_numpy(dtype=object)
    return pd.Series(labels, index=dates.index, name="period")


# --- grouping ------------------------------------------------------------------------

def group_starts(keys: pd.DataFrame) -> np.ndarray:
    """Positions where a new group begins in rows sorted by ``keys`` (missing == missing)."""
    new = np.zeros(len(keys), dtype=bool)
    if len(keys):
        new[0] = True
    for col in keys.columns:
        s = keys[col]
        prev = s.shift()
        same = (s == prev).fillna(False).to_numpy(bool) | (s.isna() & prev.isna()).to_numpy(bool)
        new |= ~same
    new[:1] = len(keys) > 0
    return np.flatnonzero(new)


def key_text(values) -> str:
    return "\x1f".join("<NA>" if pd.isna(v) else str(v) for v in values)


def check_options(by, n_boot, seed, ci, resample, min_utterances) -> tuple[str, ...]:
    by = (by,) if isinstance(by, str) else tuple(by)
    if not by:
        raise ValueError("by must name at least one column")
    if not (isinstance(n_boot, (int, np.integer)) and n_boot >= 0):
        raise ValueError(f"n_boot must be an integer >= 0, got {n_boot!r}")
    if not (isinstance(seed, (int, np.integer)) and seed >= 0):
        raise ValueError(f"seed must be an integer >= 0, got {seed!r}")
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1 (e.g. 0.95), got {ci!r}")
    if resample not in RESAMPLE_UNITS:
        raise ValueError(f"resample must be one of {list(RESAMPLE_UNITS)}, got {resample!r}")
    if min_utterances < 0:
        raise ValueError(f"min_utterances must be >= 0, got {min_utterances!r}")
    return by


def prepare_rows(utterances, measures, *, by, documents, period) -> tuple[pd.DataFrame, tuple, list]:
    """Join metadata and measures, derive the period, sort rows by group and id."""
    require_columns(utterances, ["utterance_id", "doc_id"], "utterances")
    reject_duplicates(utterances["utterance_id"], "utterances")
    frame = utterances.copy()
    if documents is not None:
        frame = _join_documents(frame, documents)
    if period is not None:
        require_columns(frame, ["date"], "utterances", "pass documents= to join dates")
        frame["period"] = period_labels(frame["date"].set_axis(frame["utterance_id"]),
                                        period).to_numpy(dtype=object)
        if "period" not in by:
            by = (*by, "period")
    require_columns(frame, list(by), "utterances",
             "pass documents= to join outlet or date" if {"outlet", "date"} & set(by) else "")
    columns = measure_columns(measures) if measures is not None else []
    if columns:
        values = _measure_values(measures, columns)
        row = values.index.get_indexer(frame["utterance_id"])
        found = row >= 0
        joined = np.full((len(frame), len(columns)), np.nan)
        joined[found] = values.to_numpy(dtype=float)[row[found]]
        joined = pd.DataFrame(joined, columns=columns)
        # Extra measures rows are normal (utterances filtered first); none matching is not.
        if len(frame) and len(values) and not found.any():
            warnings.warn(f"no measures row matches an utterance (utterance ids such as "
                          f"{frame['utterance_id'].iloc[0]!r}, measures ids such as {values.index[0]!r}); "
                          f"check that both tables come from the same run", stacklevel=3)
        frame = frame.drop(columns=[c for c in columns if c in frame.columns])
        frame = pd.concat([frame.reset_index(drop=True), joined.reset_index(drop=True)], axis=1)
    frame = frame.sort_values([*by, "utterance_id"], na_position="last", kind="mergesort")
    return frame.reset_index(drop=True), by, columns
