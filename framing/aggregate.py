"""Aggregates per speaker, outlet and period, with bootstrap confidence intervals.

Every per-utterance measure (sentiment, stance scores, topic shares, and the
share of favor/against stance labels) is averaged within each group, weighted
by attribution confidence, and given a percentile bootstrap interval.  This
module prepares the tables (joins, groups, names); :mod:`framing.bootstrap`
computes the means and intervals of all groups at once.

Results are reproducible: the same inputs and ``seed`` give the same table
whatever the row order, and a group's interval depends only on its own rows
(each group seeds its own generator from ``seed`` and its key), so dropping a
speaker does not move anyone else's numbers.

Examples
--------
>>> import pandas as pd
>>> utterances = pd.DataFrame({
...     "utterance_id": ["u1", "u2", "u3", "u4"],
...     "doc_id": ["d1", "d1", "d2", "d2"],
...     "speaker_id": ["a", "a", "a", "b"],
...     "speaker": ["Ana", "Ana", "Ana", "Bo"],
...     "confidence": [1.0, 1.0, 0.5, 0.9],
...     "lang": ["en"] * 4,
... })
>>> measures = pd.DataFrame({"utterance_id": ["u1", "u2", "u3", "u4"],
...                          "sentiment": [0.5, -0.5, 1.0, 0.2]})
>>> table = speakers_table(utterances, measures, n_boot=200)
>>> table[["speaker_id", "n_utterances", "low_n", "sentiment_mean", "sentiment_n"]]
  speaker_id  n_utterances  low_n  sentiment_mean  sentiment_n
0          a             3  False             0.2            3
1          b             1   True             0.2            1
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from framing.bootstrap import group_estimates
from framing.errors import InputError

#: Versioned name of the aggregation method, recorded in ``DataFrame.attrs``.
METHOD = "aggregate.bootstrap.v1"

#: Period frequencies ``period_labels`` understands, with the label each gives.
PERIOD_FREQS = {"D": "2021-12-03", "W": "2021-W48", "M": "2021-12", "Q": "2021Q4", "Y": "2021"}

#: Stance labels a scorer may emit; "none" means the target is not mentioned.
STANCE_LABELS = ("favor", "against", "neutral", "none")

#: Speaker description columns joined from the actor registry.
SPEAKER_COLUMNS = ("speaker", "name_en", "name_ar", "kind", "affiliation")

RESAMPLE_UNITS = ("utterance", "document")

_TEXT_SUFFIXES = ("_label", "_method")


# --- which columns are measures ---------------------------------------------

def _stance_targets(columns: Sequence[str]) -> list[str]:
    """Targets that have a ``stance_<t>_label`` column, in column order."""
    return [c[len("stance_"):-len("_label")] for c in columns
            if c.startswith("stance_") and c.endswith("_label") and len(c) > len("stance__label")]


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
    targets = _stance_targets(columns)
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
    return out


def _label_share(labels: pd.Series, side: str) -> np.ndarray:
    """1 where the label is ``side``, 0 for the other labels, NaN for "none"/missing."""
    text = labels.astype("string").str.strip().str.lower()
    unknown = text.notna() & ~text.isin(STANCE_LABELS)
    if unknown.any():
        where = labels.index[unknown.to_numpy()][0]
        raise InputError(f"measures column {labels.name!r}, utterance {where!r}: stance label "
                         f"{labels[unknown].iloc[0]!r} is not one of {list(STANCE_LABELS)}")
    share = np.where(text.eq(side).fillna(False).to_numpy(bool), 1.0, 0.0)
    share[(text.isna() | text.eq("none").fillna(False)).to_numpy(bool)] = np.nan
    return share


def _measure_values(measures: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Float values of ``columns`` (derived shares computed), indexed by utterance_id."""
    _require(measures, ["utterance_id"], "measures")
    _reject_duplicates(measures["utterance_id"], "measures")
    indexed = measures.set_index("utterance_id")
    values = {}
    for col in columns:
        if col in indexed.columns and not _is_derived(col, indexed.columns):
            values[col] = indexed[col].to_numpy(dtype=float, na_value=np.nan)
        else:
            base, side = col.rsplit("_", 1)
            values[col] = _label_share(indexed[f"{base}_label"], side)
    return pd.DataFrame(values, index=indexed.index, columns=columns)


def _is_derived(col: str, columns) -> bool:
    if not col.endswith(("_favor", "_against")):
        return False
    return f"{col.rsplit('_', 1)[0]}_label" in columns


# --- input checks and joins ---------------------------------------------------

def _require(frame: pd.DataFrame, columns: Sequence[str], name: str, hint: str = "") -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"the {name} table lacks column(s) {missing}; it has {list(frame.columns)}"
                         + (f" ({hint})" if hint else ""))


def _reject_duplicates(ids: pd.Series, name: str) -> None:
    dup = ids.duplicated(keep=False)
    if dup.any():
        rows = list(np.flatnonzero(dup.to_numpy())[:5])
        raise InputError(f"the {name} table repeats {ids.name} {ids[dup].iloc[0]!r} "
                         f"(rows {rows}); each id must appear once")


def _join_documents(frame: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Fill document metadata (outlet, date, lang, ...) the utterances lack."""
    _require(documents, ["doc_id"], "documents")
    _reject_duplicates(documents["doc_id"], "documents")
    meta = documents.drop(columns=[c for c in ("text", "title") if c in documents.columns])
    meta = meta.set_index("doc_id")
    for col in meta.columns:
        joined = frame["doc_id"].map(meta[col])
        frame[col] = joined if col not in frame.columns else frame[col].fillna(joined)
    return frame


def _weights(frame: pd.DataFrame, weight: str | None) -> np.ndarray:
    if weight is None:
        return np.ones(len(frame))
    _require(frame, [weight], "utterances", "pass weight=None for equal weights")
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

def _group_starts(keys: pd.DataFrame) -> np.ndarray:
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


def _key_text(values) -> str:
    return "\x1f".join("<NA>" if pd.isna(v) else str(v) for v in values)


def _check_options(by, n_boot, seed, ci, resample, min_utterances) -> tuple[str, ...]:
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


def _prepare(utterances, measures, *, by, documents, period) -> tuple[pd.DataFrame, tuple, list]:
    """Join metadata and measures, derive the period, sort rows by group and id."""
    _require(utterances, ["utterance_id", "doc_id"], "utterances")
    _reject_duplicates(utterances["utterance_id"], "utterances")
    frame = utterances.copy()
    if documents is not None:
        frame = _join_documents(frame, documents)
    if period is not None:
        _require(frame, ["date"], "utterances", "pass documents= to join dates")
        frame["period"] = period_labels(frame["date"].set_axis(frame["utterance_id"]),
                                        period).to_numpy(dtype=object)
        if "period" not in by:
            by = (*by, "period")
    _require(frame, list(by), "utterances",
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


# --- speakers --------------------------------------------------------------------------

def _most_common(frame: pd.DataFrame, value: str) -> pd.Series:
    """Per speaker_id, the most frequent ``value`` (ties: alphabetically first)."""
    counts = (frame.dropna(subset=[value]).groupby(["speaker_id", value], dropna=False).size()
              .rename("n").reset_index())
    counts = counts.sort_values(["speaker_id", "n", value], ascending=[True, False, True],
                                kind="mergesort")
    return counts.drop_duplicates("speaker_id").set_index("speaker_id")[value]


def _speaker_info(frame: pd.DataFrame, ids: pd.Series, actors: pd.DataFrame | None) -> pd.DataFrame:
    """speaker, name_en, name_ar, kind, affiliation for each id: registry first, then utterances."""
    if actors is not None:
        _require(actors, ["speaker_id"], "actors")
        _reject_duplicates(actors["speaker_id"], "actors")
        registry = actors.reindex(columns=["speaker_id", *SPEAKER_COLUMNS])
    else:
        registry = pd.DataFrame(columns=["speaker_id", *SPEAKER_COLUMNS])
    info = pd.DataFrame({"speaker_id": ids.to_numpy()}).merge(registry.astype(object), on="speaker_id",
                                                               how="left")
    observed = {}
    if "speaker" in frame.columns:
        observed["speaker"] = _most_common(frame, "speaker")
        if "lang" in frame.columns:
            lang = frame["lang"].astype("string").str[:2].str.lower()
            for code in ("en", "ar"):
                observed[f"name_{code}"] = _most_common(frame[lang.eq(code).fillna(False)], "speaker")
    for col, seen in observed.items():
        info[col] = info[col].fillna(info["speaker_id"].map(seen))
    info["kind"] = info["kind"].fillna("unknown")
    return info[list(SPEAKER_COLUMNS)]


# --- public tables -----------------------------------------------------------------------

def aggregate(utterances: pd.DataFrame, measures: pd.DataFrame | None, *,
              by: Sequence[str] = ("speaker_id",), actors: pd.DataFrame | None = None,
              documents: pd.DataFrame | None = None, n_boot: int = 1000, seed: int = 0,
              ci: float = 0.95, min_utterances: int = 3, weight: str | None = "confidence",
              period: str | None = None, resample: str = "utterance") -> pd.DataFrame:
    """One row per group: counts, and each measure's weighted mean with a bootstrap CI.

    Parameters
    ----------
    utterances : DataFrame
        The utterances table (``utterance_id``, ``doc_id``, the ``by`` columns,
        ``confidence``); metadata such as ``outlet`` and ``date`` may ride along.
    measures : DataFrame or None
        One row per utterance, joined on ``utterance_id``; the columns listed
        by :func:`measure_columns` are aggregated.  Utterances without a
        measures row count in ``n_utterances`` but in no measure.  ``None``
        gives counts only.
    by : sequence of str
        Grouping columns.  Rows with a missing key form their own group
        (key NaN, sorted last), so counts always add up to the input.
    actors : DataFrame, optional
        Actor registry (``speaker_id, speaker, name_en, name_ar, kind,
        affiliation``).  When ``by`` holds ``speaker_id`` these columns are
        joined; speakers absent from the registry keep the name the utterances
        use most (overall, and among English and Arabic utterances for
        ``name_en``/``name_ar``) and get kind "unknown".
    documents : DataFrame, optional
        ``doc_id`` plus metadata (``outlet``, ``date``, ``lang``, ...) filling
        what the utterances lack.
    n_boot : int
        Bootstrap replicates; 0 skips the intervals (CI columns NaN).
    seed : int
        Seeds every group's generator together with the group key.
    ci : float
        Coverage of the percentile interval (0.95: 2.5th to 97.5th percentile).
    min_utterances : int
        Groups with fewer utterances get ``low_n=True``; they are kept.
    weight : str or None
        Column of weights (attribution confidence by default); ``None`` weighs
        utterances equally.  A missing weight counts as 0, with a warning.
    period : {"D", "W", "M", "Q", "Y"}, optional
        Derive a ``period`` column from ``date`` (see :func:`period_labels`)
        and group by it too.
    resample : {"utterance", "document"}
        The bootstrap unit.  The default resamples utterances within each
        group.  "document" is a cluster bootstrap: it resamples the group's
        documents (``doc_id``) and keeps all their utterances, which widens the
        interval honestly when utterances of one article are alike.  A group
        drawn from a single document then gets a zero-width interval.

    Returns
    -------
    DataFrame
        The ``by`` columns (plus the speaker columns when grouping by
        ``speaker_id``), ``n_utterances``, ``n_documents``, ``low_n``, and for
        each measure ``<m>_mean``, ``<m>_ci_low``, ``<m>_ci_high`` and ``<m>_n``
        (utterances with a value).  Rows are sorted by the ``by`` columns.
        ``attrs["aggregate"]`` records the method and parameters.

    Notes
    -----
    A measure missing for an utterance (NaN) is left out of that measure's
    mean, count and interval only: each set of measures missing on the same
    rows is bootstrapped over exactly the rows where it is present.  A group
    with zero total weight for a measure gets NaN; a group with one
    observation (or one document, with ``resample="document"``) gets an
    interval equal to its value.  Replicates whose drawn weights sum to zero
    are dropped before taking percentiles.

    Examples
    --------
    >>> import pandas as pd
    >>> u = pd.DataFrame({"utterance_id": ["u1", "u2", "u3"], "doc_id": ["d1", "d1", "d2"],
    ...                   "outlet": ["A", "A", "B"], "confidence": [1.0, 0.5, 1.0]})
    >>> m = pd.DataFrame({"utterance_id": ["u1", "u2", "u3"], "sentiment": [0.6, 0.0, -0.2]})
    >>> aggregate(u, m, by=["outlet"], n_boot=100)[["outlet", "n_utterances", "sentiment_mean"]]
      outlet  n_utterances  sentiment_mean
    0      A             2             0.4
    1      B             1            -0.2
    """
    by = _check_options(by, n_boot, seed, ci, resample, min_utterances)
    frame, by, columns = _prepare(utterances, measures, by=by, documents=documents, period=period)
    w = _weights(frame, weight)
    x = frame[columns].to_numpy(dtype=float) if columns else np.empty((len(frame), 0))
    docs = pd.factorize(frame["doc_id"].astype("string").fillna(
        "\0" + frame["utterance_id"].astype("string")), sort=True)[0]
    ids = frame["utterance_id"].astype(str).to_numpy(dtype=object)
    starts = _group_starts(frame[list(by)])
    ends = np.append(starts[1:], len(frame))
    keys = frame[list(by)].iloc[starts].reset_index(drop=True)
    est = group_estimates(x, w, starts, ids=ids, keys=[_key_text(k) for k in keys.itertuples(index=False)],
                          clusters=docs if resample == "document" else None, n_boot=int(n_boot), seed=int(seed),
                          ci=ci)
    stats = np.stack([est.mean, est.low, est.high, est.count])
    # distinct documents per group: the distinct (group, document) pairs, counted per group
    sizes = ends - starts
    base = int(docs.max()) + 1 if len(docs) else 1
    pairs = np.unique(np.repeat(np.arange(len(starts)), sizes) * base + docs)
    n_docs = np.bincount(pairs // base, minlength=len(starts))
    table = _assemble(keys, ends - starts, n_docs, stats, columns, min_utterances)
    if "speaker_id" in by:
        info = _speaker_info(frame, keys["speaker_id"], actors)
        table = pd.concat([table.iloc[:, :len(by)], info, table.iloc[:, len(by):]], axis=1)
    table.attrs["aggregate"] = {
        "method": METHOD, "by": list(by), "n_boot": int(n_boot), "seed": int(seed), "ci": ci,
        "weight": weight, "resample": resample, "min_utterances": min_utterances, "period": period}
    return table


def _assemble(keys, sizes, n_docs, stats, columns, min_utterances) -> pd.DataFrame:
    parts = {"n_utterances": np.asarray(sizes, dtype=int), "n_documents": n_docs,
             "low_n": np.asarray(sizes) < min_utterances}
    for k, col in enumerate(columns):
        parts[f"{col}_mean"] = stats[0, :, k]
        parts[f"{col}_ci_low"] = stats[1, :, k]
        parts[f"{col}_ci_high"] = stats[2, :, k]
        parts[f"{col}_n"] = stats[3, :, k].astype(int)
    return pd.concat([keys, pd.DataFrame(parts, index=keys.index)], axis=1)


def speakers_table(utterances: pd.DataFrame, measures: pd.DataFrame | None,
                   actors: pd.DataFrame | None = None, **kw) -> pd.DataFrame:
    """The speakers table: :func:`aggregate` by ``speaker_id`` with names joined.

    Sorted by ``n_utterances`` (most quoted first), then ``speaker``, then
    ``speaker_id``.  Keyword arguments go to :func:`aggregate`.

    Examples
    --------
    >>> import pandas as pd
    >>> u = pd.DataFrame({"utterance_id": ["u1", "u2", "u3"], "doc_id": ["d1", "d1", "d2"],
    ...                   "speaker_id": ["x", "y", "y"], "speaker": ["Xu", "Yan", "Yan"],
    ...                   "confidence": [0.9, 0.8, 0.7], "lang": ["en", "en", "ar"]})
    >>> actors = pd.DataFrame({"speaker_id": ["y"], "speaker": ["Yan Li"], "name_ar": ["يان لي"],
    ...                        "kind": ["person"], "affiliation": ["Ministry"]})
    >>> speakers_table(u, None, actors)[["speaker_id", "speaker", "name_en", "name_ar", "kind", "n_utterances"]]
      speaker_id speaker name_en name_ar     kind  n_utterances
    0          y  Yan Li     Yan  يان لي   person             2
    1          x      Xu      Xu     NaN  unknown             1
    """
    table = aggregate(utterances, measures, by=("speaker_id",), actors=actors, **kw)
    order = table.sort_values(["n_utterances", "speaker", "speaker_id"], ascending=[False, True, True],
                              na_position="last", kind="mergesort").index
    out = table.loc[order].reset_index(drop=True)
    out.attrs = table.attrs
    return out


def by_outlet(utterances: pd.DataFrame, measures: pd.DataFrame | None, **kw) -> pd.DataFrame:
    """:func:`aggregate` by ``outlet`` (pass ``documents=`` when utterances lack it).

    Examples
    --------
    >>> import pandas as pd
    >>> u = pd.DataFrame({"utterance_id": ["u1", "u2"], "doc_id": ["d1", "d2"], "confidence": [1, 1]})
    >>> docs = pd.DataFrame({"doc_id": ["d1", "d2"], "outlet": ["Daily", "Weekly"]})
    >>> by_outlet(u, None, documents=docs)[["outlet", "n_utterances"]]
       outlet  n_utterances
    0   Daily             1
    1  Weekly             1
    """
    return aggregate(utterances, measures, by=("outlet",), **kw)


def by_period(utterances: pd.DataFrame, measures: pd.DataFrame | None, freq: str = "M",
              by: Sequence[str] = (), **kw) -> pd.DataFrame:
    """:func:`aggregate` by period of ``date`` (after any ``by`` columns, e.g. outlet).

    ``freq`` is "D", "W", "M", "Q" or "Y"; the ``period`` column holds labels
    such as ``2021-12`` (see :func:`period_labels`).

    Examples
    --------
    >>> import pandas as pd
    >>> u = pd.DataFrame({"utterance_id": ["u1", "u2", "u3"], "doc_id": ["d1", "d2", "d3"],
    ...                   "date": ["2021-12-30", "2022-01-02", "2022-01-20"], "confidence": [1, 1, 1]})
    >>> by_period(u, None, freq="M")[["period", "n_utterances"]]
        period  n_utterances
    0  2021-12             1
    1  2022-01             2
    """
    by = (by,) if isinstance(by, str) else tuple(by)
    return aggregate(utterances, measures, by=(*by, "period"), period=freq, **kw)


def by_speaker_outlet(utterances: pd.DataFrame, measures: pd.DataFrame | None,
                      actors: pd.DataFrame | None = None, **kw) -> pd.DataFrame:
    """:func:`aggregate` by ``speaker_id`` and ``outlet``, with speaker names joined.

    Examples
    --------
    >>> import pandas as pd
    >>> u = pd.DataFrame({"utterance_id": ["u1", "u2", "u3"], "doc_id": ["d1", "d2", "d3"],
    ...                   "speaker_id": ["x", "x", "y"], "outlet": ["A", "B", "A"],
    ...                   "confidence": [1, 1, 1]})
    >>> by_speaker_outlet(u, None)[["speaker_id", "outlet", "kind", "n_utterances"]]
      speaker_id outlet     kind  n_utterances
    0          x      A  unknown             1
    1          x      B  unknown             1
    2          y      A  unknown             1
    """
    return aggregate(utterances, measures, by=("speaker_id", "outlet"), actors=actors, **kw)
