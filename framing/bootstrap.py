"""Weighted group means with percentile bootstrap intervals, for many groups at once.

:func:`framing.aggregate.aggregate` sorts its rows by group and hands the
measure matrix here.  Each group's mean is its weighted mean; its interval
comes from resampling the group's rows (or documents) with replacement.

Three properties shape the code:

- **Stable numbers.** Every resample is drawn from a generator seeded by the
  seed, the group key and the ids of the rows resampled, nothing else, so a
  group's interval does not move when other groups, other measures, or rows
  where the measure is missing are added or dropped, and any split of the
  groups over processes gives the same tables.
- **Missing values.** A measure missing on some rows (NaN) is resampled over
  the rows where it is present; measures present on the same rows share one
  resample.
- **Many small groups.** Most speakers of a corpus are quoted a handful of
  times.  A group of ``n`` units has only ``C(2n-1, n)`` distinct resamples
  (10 for three units, 126 for five), so for small groups the replicates are
  counted per distinct resample and groups of one size are processed together
  as arrays; the percentiles are those of the same thousand replicates.

Examples
--------
>>> import numpy as np
>>> x = np.array([[1.0], [0.0], [0.5], [2.0]])
>>> est = group_estimates(x, np.ones(4), np.array([0, 3]), ids=np.array(["a", "b", "c", "d"], dtype=object),
...                       keys=["g1", "g2"], n_boot=200)
>>> est.mean[:, 0]
array([0.5, 2. ])
>>> bool(est.low[0, 0] < 0.5 < est.high[0, 0]), float(est.low[1, 0]), int(est.count[0, 0])
(True, 2.0, 3)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations_with_replacement

import numpy as np
from threadpoolctl import threadpool_limits

# Count-matrix cells drawn at once: bounds memory (about 16 MB per array) for
# very large groups without adding Python-level loops for ordinary ones.
_CHUNK_CELLS = 1 << 21
# Groups of at least this many units count each replicate's draws separately.
_ROWWISE_UNITS = 256
# Groups of at most this many units are resampled as distinct count rows with multiplicities.
_DISTINCT_UNITS = 5
# Cells (draws, or distinct resamples x measures) held at once when batching small groups.
_BATCH_CELLS = 1 << 21


@dataclass
class Estimates:
    """Per group and measure (groups x measures): weighted mean, interval bounds, rows with a value."""

    mean: np.ndarray
    low: np.ndarray
    high: np.ndarray
    count: np.ndarray


def group_estimates(x: np.ndarray, w: np.ndarray, starts: np.ndarray, *, ids: np.ndarray, keys: list[str],
                    clusters: np.ndarray | None = None, n_boot: int = 1000, seed: int = 0,
                    ci: float = 0.95) -> Estimates:
    """Weighted means and percentile bootstrap intervals of consecutive row groups.

    Parameters
    ----------
    x : ndarray (rows x measures)
        Measure values, NaN where missing; rows sorted by group.
    w : ndarray (rows,)
        Non-negative weights.
    starts : ndarray
        Row where each group begins (increasing; the first is 0).
    ids : ndarray of str
        Row ids (utterance ids); with ``keys`` they seed each resample.
    keys : list of str
        One text per group naming it (the group key).
    clusters : ndarray of int, optional
        Resampling unit of each row (a document code) for a cluster
        bootstrap; by default rows are resampled.
    n_boot : int
        Replicates; 0 gives NaN intervals.
    seed : int
        Seeds every group's generator together with its key and row ids.
    ci : float
        Coverage of the percentile interval.

    Returns
    -------
    Estimates
        A group with no weight for a measure gets NaN; a group resampled from
        one unit gets an interval equal to its value.  Replicates whose drawn
        weights sum to zero are dropped before taking percentiles.
    """
    q = ((1 - ci) / 2, 1 - (1 - ci) / 2)
    n_rows, n_cols = x.shape
    n_groups = len(starts)
    sizes = np.diff(np.append(starts, n_rows)).astype(np.int64)
    present = ~np.isnan(x)
    xw = np.where(present, x, 0.0) * w[:, None]
    if n_groups == 0:
        empty = np.empty((0, n_cols))
        return Estimates(empty, empty.copy(), empty.copy(), np.zeros((0, n_cols), dtype=np.int64))
    den = np.add.reduceat(present * w[:, None], starts, axis=0)
    count = np.add.reduceat(present.astype(np.int64), starts, axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(den > 0, np.add.reduceat(xw, starts, axis=0) / den, np.nan)
    est = Estimates(mean, np.full_like(mean, np.nan), np.full_like(mean, np.nan), count)
    if n_boot == 0:
        return est
    # A group of one row: every replicate repeats it, so the interval is the value itself.
    single = sizes == 1
    est.low[single] = est.high[single] = mean[single]
    multi = np.flatnonzero(~single)
    ctx = _Context(x=xw, w=w, present=present, ids=ids, keys=keys, starts=starts, sizes=sizes,
                   n_boot=int(n_boot), seed=int(seed), q=q, est=est)
    # The products are thin (replicates x rows times rows x measures); threaded
    # BLAS gains little on them and loses badly on a busy machine.
    with threadpool_limits(limits=1, user_api="blas"):
        if clusters is not None:
            for g in multi:
                _pattern_intervals(ctx, g, den[g] > 0, clusters)
            return est
        # Measures present on every row of their group share the group's one resample of all rows.
        full = (count == sizes[:, None]) & (den > 0)
        has_full = full[multi].any(axis=1)
        for n in np.unique(sizes[multi][has_full]):
            groups = multi[has_full & (sizes[multi] == n)]
            if n <= _DISTINCT_UNITS:
                _small_groups(ctx, groups, int(n), full)
            else:
                for g in groups:
                    _full_rows_intervals(ctx, g, full[g])
        # Measures missing on some rows: each set present on the same rows gets its own resample.
        partial = (count > 0) & (count < sizes[:, None]) & (den > 0)
        for g in multi[partial[multi].any(axis=1)]:
            _pattern_intervals(ctx, g, partial[g], None)
    return est


@dataclass
class _Context:
    x: np.ndarray  # values times weights, 0 where missing
    w: np.ndarray
    present: np.ndarray
    ids: np.ndarray
    keys: list[str]
    starts: np.ndarray
    sizes: np.ndarray
    n_boot: int
    seed: int
    q: tuple[float, float]
    est: Estimates

    def rng(self, g: int, rows: np.ndarray | slice) -> np.random.Generator:
        s = self.starts[g]
        return group_rng(self.seed, self.keys[g], self.ids[s:s + self.sizes[g]][rows])


def _full_rows_intervals(ctx: _Context, g: int, cols_mask: np.ndarray) -> None:
    """Intervals of the measures present on every row of group ``g``: one resample of all its rows."""
    s, e = ctx.starts[g], ctx.starts[g] + ctx.sizes[g]
    cols = np.flatnonzero(cols_mask)
    _store_intervals(ctx, g, cols, np.column_stack([ctx.x[s:e][:, cols], ctx.w[s:e]]), slice(None))


def _pattern_intervals(ctx: _Context, g: int, cols_mask: np.ndarray, clusters: np.ndarray | None) -> None:
    """Intervals of the measures ``cols_mask`` of group ``g``, one resample per pattern of present rows."""
    s, e = ctx.starts[g], ctx.starts[g] + ctx.sizes[g]
    present = ctx.present[s:e]
    shared: dict[bytes, list[int]] = {}
    packed = np.packbits(present, axis=0)
    for col in np.flatnonzero(cols_mask):
        shared.setdefault(packed[:, col].tobytes(), []).append(col)
    for cols in shared.values():
        rows = np.flatnonzero(present[:, cols[0]])
        sums = np.column_stack([ctx.x[s:e][rows][:, cols], ctx.w[s:e][rows]])
        if clusters is not None:
            _, unit = np.unique(clusters[s:e][rows], return_inverse=True)
            sums = _sum_by(unit.ravel(), sums)
        if sums.shape[0] == 1:
            # Every replicate repeats the one unit: the interval is the value itself.
            ctx.est.low[g, cols] = ctx.est.high[g, cols] = ctx.est.mean[g, cols]
            continue
        _store_intervals(ctx, g, cols, sums, rows)


def _store_intervals(ctx: _Context, g: int, cols, sums: np.ndarray, rows) -> None:
    """Resample the units ``sums`` (values then weight) of group ``g``, seeded by its ``rows``; keep the interval."""
    ratios = _ratios(replicate_sums(sums, ctx.n_boot, ctx.rng(g, rows)))
    ctx.est.low[g, cols], ctx.est.high[g, cols] = percentiles(ratios.T, ctx.q)


def _ratios(reps: np.ndarray) -> np.ndarray:
    """Each replicate's weighted means: its column totals over its weight total (the last column), NaN at zero weight."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(reps[..., -1:] > 0, reps[..., :-1] / reps[..., -1:], np.nan)


def _small_groups(ctx: _Context, groups: np.ndarray, n: int, full: np.ndarray) -> None:
    """Intervals of the all-rows measures of groups of ``n`` rows, counted per distinct resample.

    The draws are each group's own (the same as :func:`replicate_sums` would
    make); each replicate is coded by the multiset it drew, and only the
    distinct multisets are multiplied out and sorted, with their counts.
    """
    comps, lookup = compositions(n)
    powers = (n + 1) ** np.arange(n, dtype=np.int32)
    n_comp, n_cols = comps.shape[0], ctx.x.shape[1]
    # bounds the draws (groups x replicates x rows) and the replicate sums (groups x multisets x measures)
    per_batch = max(1, _BATCH_CELLS // max(ctx.n_boot * n, n_comp * (n_cols + 1)))
    offsets = np.arange(n)
    for b0 in range(0, len(groups), per_batch):
        batch = groups[b0:b0 + per_batch]
        draws = np.empty((len(batch), ctx.n_boot, n), dtype=np.int32)
        for t, g in enumerate(batch):
            draws[t] = ctx.rng(g, slice(None)).integers(0, n, size=(ctx.n_boot, n), dtype=np.int32)
        code = powers[draws[:, :, 0]]  # int32: n <= 5 keeps codes below 6**5
        for j in range(1, n):  # a sum over a short last axis is slow in numpy; n vector adds are not
            code += powers[draws[:, :, j]]
        which = lookup[code]  # replicate -> its multiset
        which += np.arange(len(batch))[:, None] * n_comp
        mult = np.bincount(which.ravel(), minlength=len(batch) * n_comp).reshape(len(batch), n_comp)
        # only the measures some group of the batch has on all its rows (stances rarely are)
        cols = np.flatnonzero(full[batch].any(axis=0))
        rows = ctx.starts[batch][:, None] + offsets
        sums = np.concatenate([ctx.x[rows[:, :, None], cols], ctx.w[rows][:, :, None]], axis=2)
        ratios = _ratios(comps @ sums)  # (groups x multisets x measures)
        low, high = repeated_percentiles(ratios, mult, ctx.q)
        keep = full[batch][:, cols]
        sub = np.ix_(batch, cols)
        ctx.est.low[sub] = np.where(keep, low, ctx.est.low[sub])
        ctx.est.high[sub] = np.where(keep, high, ctx.est.high[sub])


# --- the pieces -----------------------------------------------------------------------

def group_rng(seed: int, key: str, ids: np.ndarray) -> np.random.Generator:
    """A generator seeded by the group key and the ids of the rows resampled, nothing else.

    >>> a = group_rng(0, "g", np.array(["u1", "u2"], dtype=object)).integers(0, 10**9)
    >>> b = group_rng(0, "g", np.array(["u1", "u2"], dtype=object)).integers(0, 10**9)
    >>> bool(a == b)
    True
    """
    text = key + "\0" + "\x1f".join(ids.tolist())
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    words = np.frombuffer(digest, dtype=np.uint32).tolist()
    return np.random.default_rng([seed, *words])


def replicate_sums(sums: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap totals: resample the rows of ``sums`` (units x columns) ``n_boot`` times.

    Each replicate draws as many units as there are, with replacement; the
    draw counts form a (replicates x units) matrix whose product with
    ``sums`` gives every replicate's column totals in one BLAS call.

    >>> replicate_sums(np.array([[1.0, 1.0], [3.0, 1.0]]), 4, np.random.default_rng(0)).shape
    (4, 2)
    """
    n_units = sums.shape[0]
    if n_units == 1:
        return np.repeat(sums, n_boot, axis=0)
    out = np.empty((n_boot, sums.shape[1]))
    step = max(1, _CHUNK_CELLS // n_units)
    for start in range(0, n_boot, step):
        b = min(step, n_boot - start)
        # int32 draws are cheaper to make; the chunk bound keeps offsets below 2**31.
        draws = rng.integers(0, n_units, size=(b, n_units), dtype=np.int32)
        if n_units < _ROWWISE_UNITS:
            draws += np.arange(b, dtype=np.int32)[:, None] * n_units
            counts = np.bincount(draws.ravel(), minlength=b * n_units).reshape(b, n_units).astype(float)
        else:
            # one replicate at a time: its counts stay in cache, and no 64-bit copy of all draws is made
            counts = np.empty((b, n_units))
            for i in range(b):
                counts[i] = np.bincount(draws[i], minlength=n_units)
        out[start:start + b] = counts @ sums
    return out


@lru_cache(maxsize=None)
def compositions(n: int) -> tuple[np.ndarray, np.ndarray]:
    """The multisets of ``n`` draws from ``n`` units, as counts, and a table from code to multiset.

    A draw of units ``d_1 .. d_n`` has the code ``sum((n + 1) ** d_j)``,
    which is unique to its multiset because every count is at most ``n``.

    >>> comps, lookup = compositions(2)
    >>> comps.tolist(), int(lookup[3 ** 0 + 3 ** 1]) == comps.tolist().index([1.0, 1.0])
    ([[2.0, 0.0], [1.0, 1.0], [0.0, 2.0]], True)
    """
    combos = list(combinations_with_replacement(range(n), n))
    comps = np.zeros((len(combos), n))
    lookup = np.full((n + 1) ** n, -1, dtype=np.int64)
    for k, combo in enumerate(combos):
        for unit in combo:
            comps[k, unit] += 1
        lookup[sum((n + 1) ** u for u in combo)] = k
    return comps, lookup


def _sum_by(unit: np.ndarray, values: np.ndarray) -> np.ndarray:
    out = np.zeros((unit.max() + 1, values.shape[1]))
    np.add.at(out, unit, values)
    return out


def percentiles(ratios: np.ndarray, q: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Percentiles of each row of ``ratios`` (measures x replicates), "linear" rule, NaN replicates ignored.

    A full sort of each row (NaN sorted last) is faster than numpy's
    partition-based quantile for a thousand values and handles NaN in the
    same pass.  All-NaN rows give NaN.

    >>> percentiles(np.array([[0.0, 1.0, 2.0, np.nan]]), (0.5, 1.0))
    (array([1.]), array([2.]))
    """
    ordered = np.sort(ratios, axis=1)
    counts = np.count_nonzero(~np.isnan(ordered), axis=1)
    rows = np.arange(ordered.shape[0])
    out = []
    for p in q:
        h = (np.maximum(counts, 1) - 1) * p
        lo = np.floor(h).astype(int)
        hi = np.minimum(lo + 1, np.maximum(counts - 1, 0))
        a, b = ordered[rows, lo], ordered[rows, hi]
        value = a + (b - a) * (h - lo)
        out.append(np.where(counts > 0, value, np.nan))
    return out[0], out[1]


def repeated_percentiles(values: np.ndarray, mult: np.ndarray, q: tuple[float, float]) -> tuple:
    """:func:`percentiles` of replicates given once each with how often they occur.

    ``values`` is (groups x distinct x measures) and ``mult`` (groups x
    distinct) says how many replicates each row stands for.  The k-th of the
    sorted replicates is the first distinct value whose cumulative count
    exceeds k, so the result equals sorting the repeated replicates.

    >>> v = np.array([[[0.0], [1.0], [2.0]]])
    >>> repeated_percentiles(v, np.array([[1, 2, 1]]), (0.5, 1.0))
    (array([[1.]]), array([[2.]]))
    >>> percentiles(np.array([[0.0, 1.0, 1.0, 2.0]]), (0.5, 1.0))
    (array([1.]), array([2.]))
    """
    order = np.argsort(values, axis=1, kind="stable")  # NaN last
    ordered = np.take_along_axis(values, order, axis=1)
    weight = np.take_along_axis(np.broadcast_to(mult[:, :, None], values.shape), order, axis=1)
    cum = np.cumsum(np.where(np.isnan(ordered), 0, weight), axis=1)
    counts = cum[:, -1, :]
    out = []
    for p in q:
        h = (np.maximum(counts, 1) - 1) * p
        lo = np.floor(h).astype(int)
        hi = np.minimum(lo + 1, np.maximum(counts - 1, 0))
        a = np.take_along_axis(ordered, (cum > lo[:, None, :]).argmax(axis=1)[:, None, :], axis=1)[:, 0]
        b = np.take_along_axis(ordered, (cum > hi[:, None, :]).argmax(axis=1)[:, None, :], axis=1)[:, 0]
        value = a + (b - a) * (h - lo)
        out.append(np.where(counts > 0, value, np.nan))
    return out[0], out[1]
