"""The grouped bootstrap: the fast paths give the numbers of the plain one."""

import numpy as np
import pytest

from framing import bootstrap
from framing.bootstrap import compositions, group_estimates, group_rng, percentiles, replicate_sums

Q = (0.025, 0.975)


def reference(x, w, starts, ids, keys, n_boot, seed, clusters=None):
    """One group at a time, one resample per set of measures present on the same rows, full sorts."""
    n_rows, n_cols = x.shape
    ends = list(starts[1:]) + [n_rows]
    mean, low, high = (np.full((len(starts), n_cols), np.nan) for _ in range(3))
    for g, (s, e) in enumerate(zip(starts, ends)):
        xs, ws = x[s:e], w[s:e]
        present = ~np.isnan(xs)
        patterns = {}
        for c in range(n_cols):
            den = ws[present[:, c]].sum()
            if not present[:, c].any() or den <= 0:
                continue
            mean[g, c] = (xs[present[:, c], c] * ws[present[:, c]]).sum() / den
            patterns.setdefault(present[:, c].tobytes(), []).append(c)
        for cols in patterns.values():
            rows = np.flatnonzero(present[:, cols[0]])
            sums = np.column_stack([xs[rows][:, cols] * ws[rows, None], ws[rows]])
            if clusters is not None:
                _, unit = np.unique(clusters[s:e][rows], return_inverse=True)
                sums = np.array([sums[unit == u].sum(axis=0) for u in range(unit.max() + 1)])
            if len(sums) == 1:
                low[g, cols] = high[g, cols] = mean[g, cols]
                continue
            reps = replicate_sums(sums, n_boot, group_rng(seed, keys[g], ids[s:e][rows]))
            with np.errstate(invalid="ignore", divide="ignore"):
                ratios = np.where(reps[:, -1:] > 0, reps[:, :-1] / reps[:, -1:], np.nan)
            low[g, cols], high[g, cols] = percentiles(ratios.T, Q)
    return mean, low, high


def random_groups(seed, n_groups=60, max_size=9, n_cols=4):
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, max_size + 1, n_groups)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    n = sizes.sum()
    x = rng.normal(size=(n, n_cols))
    x[:, 1][rng.random(n) < 0.4] = np.nan  # a measure missing on some rows
    x[:, 2] = np.nan if n_cols > 2 else 0  # a measure missing everywhere
    w = rng.uniform(0.2, 1.0, n)
    w[rng.random(n) < 0.1] = 0.0  # some rows with no weight
    ids = np.array([f"d{i // 3}:{i}" for i in range(n)], dtype=object)
    keys = [f"g{g}" for g in range(n_groups)]
    clusters = np.array([i // 2 for i in range(n)])
    return x, w, starts, ids, keys, clusters


@pytest.mark.parametrize("seed", [0, 1])
def test_grouped_estimates_equal_the_one_group_at_a_time_bootstrap(seed):
    x, w, starts, ids, keys, _ = random_groups(seed)
    est = group_estimates(x, w, starts, ids=ids, keys=keys, n_boot=300, seed=7)
    mean, low, high = reference(x, w, starts, ids, keys, 300, 7)
    np.testing.assert_allclose(est.mean, mean, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(est.low, low, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(est.high, high, rtol=1e-12, atol=1e-12)
    assert np.isnan(est.low[:, 2]).all() and (est.count[:, 2] == 0).all()
    # the small-group path was exercised, and it gave real intervals
    sizes = np.diff(np.append(starts, len(x)))
    small = (sizes >= 2) & (sizes <= bootstrap._DISTINCT_UNITS)
    assert small.sum() > 10
    assert (est.high[small, 0] > est.low[small, 0]).mean() > 0.8


def test_cluster_bootstrap_equals_the_reference():
    x, w, starts, ids, keys, clusters = random_groups(3)
    est = group_estimates(x, w, starts, ids=ids, keys=keys, clusters=clusters, n_boot=200, seed=1)
    mean, low, high = reference(x, w, starts, ids, keys, 200, 1, clusters=clusters)
    np.testing.assert_allclose(est.low, low, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(est.high, high, rtol=1e-12, atol=1e-12)


def test_the_small_group_cut_does_not_change_the_numbers(monkeypatch):
    x, w, starts, ids, keys, _ = random_groups(5, max_size=6)
    fast = group_estimates(x, w, starts, ids=ids, keys=keys, n_boot=500)
    monkeypatch.setattr(bootstrap, "_DISTINCT_UNITS", 1)  # every group through the plain path
    plain = group_estimates(x, w, starts, ids=ids, keys=keys, n_boot=500)
    np.testing.assert_allclose(fast.low, plain.low, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(fast.high, plain.high, rtol=1e-12, atol=1e-12)


def test_a_group_does_not_depend_on_its_neighbours():
    x, w, starts, ids, keys, _ = random_groups(2)
    whole = group_estimates(x, w, starts, ids=ids, keys=keys, n_boot=200)
    g = 7
    s, e = starts[g], starts[g + 1]
    alone = group_estimates(x[s:e], w[s:e], np.array([0]), ids=ids[s:e], keys=[keys[g]], n_boot=200)
    np.testing.assert_allclose(alone.low[0], whole.low[g], rtol=1e-12, equal_nan=True)
    np.testing.assert_allclose(alone.high[0], whole.high[g], rtol=1e-12, equal_nan=True)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_compositions_cover_every_multiset_once(n):
    comps, lookup = compositions(n)
    assert (comps.sum(axis=1) == n).all()
    assert len({tuple(c) for c in comps.tolist()}) == len(comps)
    from math import comb
    assert len(comps) == comb(2 * n - 1, n)
    codes = comps @ (n + 1) ** np.arange(n)
    assert (lookup[codes.astype(int)] == np.arange(len(comps))).all()
    assert (lookup >= 0).sum() == len(comps)


def test_no_replicates_and_no_rows():
    x, w, starts, ids, keys, _ = random_groups(4, n_groups=5)
    est = group_estimates(x, w, starts, ids=ids, keys=keys, n_boot=0)
    assert np.isnan(est.low).all() and np.isfinite(est.mean[:, 0]).any()
    empty = group_estimates(np.empty((0, 2)), np.empty(0), np.array([], dtype=int), ids=np.array([], dtype=object),
                            keys=[], n_boot=10)
    assert empty.mean.shape == (0, 2)
