"""Figures of the validation appendix: alpha with its interval (forest plot) and confusion matrices.

Built like :mod:`framing.report.plots` (no pyplot, the report's fonts and style), so
:func:`framing.report.plots.show` and :func:`framing.report.plots.save_figure` write them
as PNG and PDF with the same bytes on every run.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"variable": ["kind", "sentiment"], "level": ["nominal", "interval"],
...                       "alpha": [0.74, 0.9], "ci_low": [-0.1, 0.2], "ci_high": [1.0, 1.0], "units": [6, 5]})
>>> fig = alpha_figure(table)
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
['kind', 'sentiment (interval)']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.report.plots import empty_panel, new_figure, styled
from framing.validation.appendix import ALPHA_RELIABLE, ALPHA_TENTATIVE

#: Colours of the series in a forest plot (Okabe-Ito: blue, vermillion, bluish green).
SERIES_COLORS = ("#0072B2", "#D55E00", "#009E73")


def alpha_labels(table: pd.DataFrame) -> list[str]:
    """Row labels of a forest plot: ``variable: category``, or the variable with ``(interval)`` when it is.

    >>> alpha_labels(pd.DataFrame({"variable": ["kind"], "category": ["direct"]}))
    ['kind: direct']
    """
    if "category" in table.columns:
        return [f"{v}: {c}" for v, c in zip(table["variable"], table["category"])]
    if "level" in table.columns:
        return [f"{v} (interval)" if lev == "interval" else str(v) for v, lev in zip(table["variable"], table["level"])]
    return [str(v) for v in table["variable"]]


@styled
def alpha_figure(table: pd.DataFrame, *, title: str = "Krippendorff's alpha (95% CI)"):
    """Alpha per row with its bootstrap interval, the benchmarks 0.667 and 0.8 marked.

    Parameters
    ----------
    table : DataFrame
        ``variable``, ``alpha``, ``ci_low``, ``ci_high``, ``units``, and
        ``level`` or ``category`` for the row labels; with a ``series``
        column (e.g. coders, coders + machine) each row shows one point per series.
    title : str
        The panel's title.
    """
    table = table.reset_index(drop=True)
    labels = alpha_labels(table)
    rows = list(dict.fromkeys(labels))
    series = list(dict.fromkeys(table["series"])) if "series" in table.columns else [None]
    fig, ax = new_figure(7.5, 1.1 + 0.3 * max(len(rows), 1) * (1 + 0.5 * (len(series) - 1)))
    if table.empty:
        empty_panel(ax, "no variable was coded by two coders")
        return fig
    values = table[["alpha", "ci_low", "ci_high"]].to_numpy(float)
    lowest = np.nanmin(values) if np.isfinite(values).any() else 0.0
    left = min(-0.1, np.floor(lowest * 10) / 10 - 0.05)
    step = 0.6 / max(len(series), 1)
    for k, name in enumerate(series):
        part = table if name is None else table[table["series"] == name]
        y = np.array([len(rows) - 1 - rows.index(lab) for lab in np.asarray(labels)[part.index]], float)
        y += (len(series) - 1) / 2 * step - k * step
        a, lo, hi = (part[c].to_numpy(float) for c in ("alpha", "ci_low", "ci_high"))
        color = SERIES_COLORS[k % len(SERIES_COLORS)]
        has_ci = np.isfinite(lo) & np.isfinite(hi)
        ax.hlines(y[has_ci], lo[has_ci], hi[has_ci], color=color, lw=1.4)
        ax.scatter(a, y, color=color, zorder=3, s=22, label=name)
        for yi, ai, li, hi_, n in zip(y, a, lo, hi, part["units"]):
            text = (f"{ai:.2f} [{li:.2f}, {hi_:.2f}]" if np.isfinite(li) else f"{ai:.2f}") if np.isfinite(ai) \
                else "undefined"
            ax.text(1.04, yi, f"{text}  n={int(n)}", va="center", fontsize=7, color=color,
                    transform=ax.get_yaxis_transform(), clip_on=False)
    for x, style, note in ((0, "-", None), (ALPHA_TENTATIVE, ":", "0.667"), (ALPHA_RELIABLE, "--", "0.8")):
        ax.axvline(x, color="#999999", lw=0.8, ls=style, zorder=0)
        if note:
            ax.text(x, 1.0, note, transform=ax.get_xaxis_transform(), ha="center", va="bottom", fontsize=7,
                    color="#555555")
    ax.set_xlim(left, 1.02)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_yticks(range(len(rows))[::-1], rows)
    ax.set_xlabel("alpha (1 perfect agreement, 0 chance; dotted 0.667 tentative, dashed 0.8 reliable)")
    ax.set_title(title, pad=14)
    if series != [None]:
        fig.legend(loc="outside lower center", ncols=len(series), frameon=False, fontsize=8)
    return fig


@styled
def confusion_figure(matrix: pd.DataFrame, variable: str):
    """A confusion matrix as a heatmap with every count written in its cell.

    ``matrix`` is :func:`framing.validation.confusion_matrix`: the coders'
    reference codes as rows, the machine's as columns.

    Examples
    --------
    >>> m = pd.DataFrame([[3, 1], [0, 2]], index=["favor", "none"], columns=["favor", "none"])
    >>> fig = confusion_figure(m, "stance_russia")
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['0', '1', '2', '3']
    """
    counts = matrix.fillna(0).to_numpy(float)
    k = max(len(matrix.columns), len(matrix.index), 1)
    fig, ax = new_figure(2.2 + 0.7 * k, 1.6 + 0.55 * k)
    if counts.size == 0:
        empty_panel(ax, f"no unit has both a reference and a machine code for {variable}")
        return fig
    top = max(counts.max(), 1.0)
    ax.imshow(counts, cmap="Blues", vmin=0, vmax=top, aspect="equal")
    for i in range(counts.shape[0]):
        for j in range(counts.shape[1]):
            ax.text(j, i, f"{int(counts[i, j])}", ha="center", va="center", fontsize=9,
                    color="white" if counts[i, j] > 0.6 * top else "black")
    ax.set_xticks(range(len(matrix.columns)), [str(c) for c in matrix.columns], rotation=30, ha="right")
    ax.set_yticks(range(len(matrix.index)), [str(r) for r in matrix.index])
    ax.set_xlabel("machine")
    ax.set_ylabel("coders (reference)")
    ax.set_title(f"{variable}: coders against the machine (n={int(counts.sum())})")
    for spine in ax.spines.values():
        spine.set_visible(False)
    return fig


__all__ = ["SERIES_COLORS", "alpha_figure", "alpha_labels", "confusion_figure"]
