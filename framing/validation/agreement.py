"""Krippendorff's alpha between coders, with bootstrap confidence intervals.

Alpha is computed from the coincidence matrix (Krippendorff 2011,
"Computing Krippendorff's Alpha-Reliability"): within each unit every
ordered pair of values from different coders adds ``1 / (m_u - 1)`` to the
coincidence of the two values, where ``m_u`` is the number of values in the
unit.  Missing values are allowed; units with fewer than two values cannot
be paired and are left out.  Then

    alpha = 1 - (n - 1) * sum_u D_u / sum_{c,k} n_c n_k delta(c, k)^2

with ``D_u`` the unit's pairwise disagreement over ``m_u - 1``, ``n`` the
number of pairable values and ``n_c`` how often value ``c`` occurs among
them.  ``delta^2`` is 0/1 (nominal) or ``(c - k)^2`` (interval).  Both sums
add up per unit, so resampling units (the bootstrap) reweights them.

Examples
--------
>>> alpha([["a", "a", "b", None], ["a", "a", "b", "b"]])
1.0
>>> round(alpha([[1, 2, 3, 4], [1, 2, 3, 5]], level="interval"), 4)
0.9369
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.validation.codes import code_columns, speaker_judgements
from framing.validation.sheets import scale, vocabulary

LEVELS = ("nominal", "interval")
#: Category label of a row that covers every value of a variable.
ALL = "(all)"


def _missing(v) -> bool:
    if v is None or v is pd.NA or (isinstance(v, str) and not v.strip()):
        return True
    return isinstance(v, (float, np.floating)) and np.isnan(v)


def pairable_units(data) -> list[list]:
    """The values of each unit (column of ``data``, coders by units) that has at least two of them."""
    arr = np.asarray(data, dtype=object)
    if arr.ndim != 2:
        raise ValueError(f"reliability data must be coders x units (2-D), got {arr.ndim}-D")
    units = []
    for col in arr.T:
        values = [v for v in col if not _missing(v)]
        if len(values) >= 2:
            units.append(values)
    return units


class _UnitStats:
    """Per-unit sums from which alpha follows for any weighting of the units."""

    def __init__(self, units: list[list], level: str):
        if level not in LEVELS:
            raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
        self.level = level
        self.m = np.array([len(u) for u in units], dtype=float)
        if level == "nominal":
            cats = {v: i for i, v in enumerate(sorted({str(v) for u in units for v in u}))}
            counts = np.zeros((len(units), max(len(cats), 1)))
            for i, u in enumerate(units):
                for v in u:
                    counts[i, cats[str(v)]] += 1
            self.parts = counts
            self.d = (self.m ** 2 - (counts ** 2).sum(axis=1)) / (self.m - 1)
        else:
            values = [np.asarray(u, dtype=float) for u in units]
            # alpha is the same for shifted values; centring keeps the sums below well conditioned
            centre = np.mean(np.concatenate(values)) if values else 0.0
            s1 = np.array([(x - centre).sum() for x in values])
            s2 = np.array([((x - centre) ** 2).sum() for x in values])
            self.parts = np.column_stack([s1, s2]) if values else np.zeros((0, 2))
            self.d = (2 * self.m * s2 - 2 * s1 ** 2) / (self.m - 1) if values else np.zeros(0)

    def alpha(self, w: np.ndarray) -> np.ndarray:
        """Alpha for unit weights ``w`` (units, or replicates by units)."""
        n = w @ self.m
        within = w @ self.d
        parts = w @ self.parts
        if self.level == "nominal":
            expected = n ** 2 - (parts ** 2).sum(axis=-1)
        else:
            expected = 2 * n * parts[..., 1] - 2 * parts[..., 0] ** 2
        with np.errstate(divide="ignore", invalid="ignore"):
            out = 1 - (n - 1) * within / expected
        # no variation among the values: alpha is undefined
        return np.where(expected > 1e-12 * np.maximum(n, 1) ** 2, out, np.nan)


def alpha(data, level: str = "nominal") -> float:
    """Krippendorff's alpha of reliability data (coders by units; None or NaN is missing).

    Returns NaN when fewer than two units can be paired or the values do not vary.

    Examples
    --------
    >>> round(alpha([["x", "y", "x", "x"], ["x", "y", "y", None]]), 4)
    0.4444
    """
    units = pairable_units(data)
    if not units:
        return float("nan")
    return float(_UnitStats(units, level).alpha(np.ones(len(units))))


def alpha_ci(data, level: str = "nominal", *, n_boot: int = 1000, seed: int = 0, ci: float = 0.95) -> dict:
    """Alpha with a percentile bootstrap interval over units (resampled with replacement).

    Returns
    -------
    dict
        ``alpha``, ``ci_low``, ``ci_high``, ``units`` (pairable units),
        ``values`` (pairable values) and ``agreement`` (observed share of
        agreeing value pairs; nominal only, else NaN).

    Examples
    --------
    >>> r = alpha_ci([["a", "b", "a", "b", "a"], ["a", "b", "a", "a", "a"]], n_boot=200, seed=1)
    >>> r["units"], r["ci_low"] <= r["alpha"] <= r["ci_high"]
    (5, True)
    """
    units = pairable_units(data)
    out = {"alpha": np.nan, "ci_low": np.nan, "ci_high": np.nan, "units": len(units),
           "values": int(sum(len(u) for u in units)), "agreement": np.nan}
    if not units:
        return out
    stats = _UnitStats(units, level)
    out["alpha"] = float(stats.alpha(np.ones(len(units))))
    if level == "nominal":
        out["agreement"] = float(1 - stats.d.sum() / stats.m.sum())
    rng = np.random.default_rng(seed)
    reps = []
    for start in range(0, n_boot, 256):  # a bounded block of replicates keeps memory flat
        size = min(256, n_boot - start)
        w = rng.multinomial(len(units), np.full(len(units), 1 / len(units)), size=size).astype(float)
        reps.append(stats.alpha(w))
    reps = np.concatenate(reps) if reps else np.array([])
    reps = reps[np.isfinite(reps)]
    if len(reps):
        tail = (1 - ci) / 2
        out["ci_low"], out["ci_high"] = (float(q) for q in np.quantile(reps, [tail, 1 - tail]))
    return out


def reliability_matrix(long: pd.DataFrame, value: str, *, unit: str = "unit", coder: str = "coder") -> pd.DataFrame:
    """Coders by units, from a long table with one row per coder and unit.

    >>> long = pd.DataFrame({"unit": ["u1", "u1", "u2"], "coder": ["a", "b", "a"], "v": ["x", "y", "x"]})
    >>> reliability_matrix(long, "v").values.tolist()
    [['x', 'x'], ['y', nan]]
    """
    rows = long[[unit, coder, value]].dropna(subset=[value])
    wide = rows.pivot(index=coder, columns=unit, values=value)
    return wide.astype(object).where(wide.notna(), np.nan)


def variables(coded: pd.DataFrame) -> list[tuple[str, str, str]]:
    """The (variable, column, level) triples to measure in coded rows.

    Label columns are nominal; sentiment and stance are also interval on
    their -1/0/1 scale; ``*_score`` columns are interval; the speaker is
    nominal on who the coder says it is (:func:`speaker_judgements`).
    """
    out = []
    for col in code_columns(coded):
        if col in ("speaker", "speaker_ok"):
            continue
        if col.endswith("_score"):
            out.append((col, col, "interval"))
            continue
        out.append((col, col, "nominal"))
        if scale(col):
            out.append((col, col, "interval"))
    if "speaker_value" in coded.columns and coded["speaker_value"].notna().any():
        out.insert(1 if out and out[0][0] == "utterance" else 0, ("speaker", "speaker_value", "nominal"))
    return out


def _scaled(values: pd.Series, col: str) -> pd.Series:
    mapping = scale(col)
    return values.map(mapping) if mapping else pd.to_numeric(values, errors="coerce")


def agreement_table(coded: pd.DataFrame, *, per_category: bool = True, n_boot: int = 1000, seed: int = 0,
                    ci: float = 0.95, aliases=None) -> pd.DataFrame:
    """Krippendorff's alpha between the coders of coded sheets, per variable and per category.

    Parameters
    ----------
    coded : DataFrame
        Rows from :func:`framing.validation.read_sheets` (``unit``, ``coder`` and codes).
    per_category : bool
        Also give, for each label of a nominal variable, alpha of "this label
        or not" (which categories coders confuse).
    n_boot, seed, ci : int, int, float
        Bootstrap replicates over units, their seed, and the interval's level.
    aliases : dict, optional
        Speaker aliases, for coders who name the speaker instead of judging the machine's.

    Returns
    -------
    DataFrame
        ``variable, level, category, alpha, ci_low, ci_high, units, values, agreement, coders``.
    """
    if "speaker_value" not in coded.columns:
        coded = speaker_judgements(coded, aliases)
    rows = []
    for name, col, level in variables(coded):
        values = coded[col]
        if level == "interval":
            values = _scaled(values, col)
        data = reliability_matrix(coded.assign(_v=values), "_v")
        base = {"variable": name, "level": level, "coders": int(len(data.index))}
        rows.append({**base, "category": ALL, **alpha_ci(data.values, level, n_boot=n_boot, seed=seed, ci=ci)})
        if not per_category or level != "nominal" or col == "speaker_value":
            continue
        for cat in _categories(col, data.values):
            binary = np.where(pd.isna(data.values), None, data.values == cat)
            rows.append({**base, "category": cat, **alpha_ci(binary, level, n_boot=n_boot, seed=seed, ci=ci)})
    columns = ["variable", "level", "category", "alpha", "ci_low", "ci_high", "units", "values", "agreement",
               "coders"]
    return pd.DataFrame(rows, columns=columns)


def _categories(col: str, values: np.ndarray) -> list[str]:
    seen = {v for v in values.ravel() if not _missing(v)}
    order = vocabulary(col) or ()
    return [c for c in order if c in seen] + sorted(seen - set(order), key=str)


def format_table(table: pd.DataFrame, *, title: str = "") -> str:
    """A plain-text rendering of an alpha table (one line per row)."""
    lines = [title] if title else []
    # as wide as the longest category (frame names run to 44 characters)
    width = max([10, *(len(str(c)) for c in table["category"])]) if len(table) else 10
    lines.append(f"{'variable':<22} {'level':<9} {'category':<{width}} {'alpha':>7}  {'95% CI':<17} {'units':>5} "
                 f"{'agree':>6}")
    for r in table.itertuples(index=False):
        ci = f"[{r.ci_low:.3f}, {r.ci_high:.3f}]" if np.isfinite(r.ci_low) else "[  -  ,   -  ]"
        agree = f"{r.agreement:.3f}" if np.isfinite(r.agreement) else "-"
        a = f"{r.alpha:.3f}" if np.isfinite(r.alpha) else "-"
        lines.append(f"{r.variable:<22} {r.level:<9} {str(r.category):<{width}} {a:>7}  {ci:<17} {r.units:>5} "
                     f"{agree:>6}")
    return "\n".join(lines)


__all__ = ["ALL", "LEVELS", "agreement_table", "alpha", "alpha_ci", "format_table",
           "pairable_units", "reliability_matrix", "variables"]
