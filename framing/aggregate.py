"""Aggregates per speaker, outlet and period, with bootstrap confidence intervals.

Every per-utterance measure (sentiment, stance scores, topic shares, and the
share of favor/against stance labels) is averaged within each group, weighted
by attribution confidence, and given a percentile bootstrap interval.  This
module builds the tables (groups, names); :mod:`framing.grouping` prepares their
rows (measures, joins, weights, periods) and :mod:`framing.bootstrap`
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

from collections.abc import Sequence

import numpy as np
import pandas as pd

from framing.bootstrap import group_estimates
from framing.grouping import (check_options, group_starts, key_text, measure_columns, period_labels, prepare_rows,
                              reject_duplicates, require_columns, row_weights)

#: Versioned name of the aggregation method, recorded in ``DataFrame.attrs``.
METHOD = "aggregate.bootstrap.v1"

#: Speaker description columns joined from the actor registry (``side``: whose side the speaker is on, the
#: registry's or, for a speaker it does not list, the one attribution read: "السفير الروسي" is Russia's).
SPEAKER_COLUMNS = ("speaker", "name_en", "name_ar", "kind", "affiliation", "side")

# --- speakers --------------------------------------------------------------------------

#: The speaker id of an utterance whose speaker was not found.
UNATTRIBUTED = "unknown"


def _most_common(frame: pd.DataFrame, value: str) -> pd.Series:
    """Per speaker_id, the most frequent ``value`` (ties: alphabetically first)."""
    counts = (frame.dropna(subset=[value]).groupby(["speaker_id", value], dropna=False).size()
              .rename("n").reset_index())
    counts = counts.sort_values(["speaker_id", "n", value], ascending=[True, False, True],
                                kind="mergesort")
    return counts.drop_duplicates("speaker_id").set_index("speaker_id")[value]


def _speaker_info(frame: pd.DataFrame, ids: pd.Series, actors: pd.DataFrame | None) -> pd.DataFrame:
    """speaker, name_en, name_ar, kind, affiliation, side for each id: registry first, then utterances."""
    if actors is not None:
        require_columns(actors, ["speaker_id"], "actors")
        reject_duplicates(actors["speaker_id"], "actors")
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
    if "speaker_kind" in frame.columns:
        # unregistered speakers keep the kind attribution gave them (institution, media, anonymous, ...)
        observed["kind"] = _most_common(frame, "speaker_kind")
    if "side" in frame.columns:
        # an unregistered speaker's side as attribution read it; none read is no side
        sided = frame[frame["side"].astype("string").fillna("").str.len() > 0]
        observed["side"] = _most_common(sided, "side")
    for col, seen in observed.items():
        info[col] = info[col].fillna(info["speaker_id"].map(seen))
    info["side"] = info["side"].replace("", pd.NA)
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
        affiliation, side``).  When ``by`` holds ``speaker_id`` these columns are
        joined; speakers absent from the registry keep the name the utterances
        use most (overall, and among English and Arabic utterances for
        ``name_en``/``name_ar``), the side attribution read most often and the
        kind it gave (else "unknown").
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
    by = check_options(by, n_boot, seed, ci, resample, min_utterances)
    frame, by, columns = prepare_rows(utterances, measures, by=by, documents=documents, period=period)
    w = row_weights(frame, weight)
    x = frame[columns].to_numpy(dtype=float) if columns else np.empty((len(frame), 0))
    docs = pd.factorize(frame["doc_id"].astype("string").fillna(
        "\0" + frame["utterance_id"].astype("string")), sort=True)[0]
    ids = frame["utterance_id"].astype(str).to_numpy(dtype=object)
    starts = group_starts(frame[list(by)])
    ends = np.append(starts[1:], len(frame))
    keys = frame[list(by)].iloc[starts].reset_index(drop=True)
    est = group_estimates(x, w, starts, ids=ids, keys=[key_text(k) for k in keys.itertuples(index=False)],
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

    Utterances whose speaker was not found (``speaker_id`` "unknown") are
    left out: they are counted in the utterances table, not as a speaker.
    Unregistered speakers take their ``kind`` from the utterances'
    ``speaker_kind``.

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
    if "speaker_id" in utterances.columns:
        # utterances no speaker was found for stay in the utterances table; they describe no speaker
        utterances = utterances[utterances["speaker_id"].ne(UNATTRIBUTED).fillna(True)]
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
