"""Figures for reports and notebooks, the same on every machine.

Every function returns a :class:`matplotlib.figure.Figure` built without
pyplot (no global figure state, no backend choice), and :func:`save_figure`
writes it as PNG and PDF without timestamps or tool versions in the files,
so the same data give the same bytes.

Arabic needs no preparation: matplotlib >= 3.11 shapes and orders Arabic
itself (through libraqm), so names are passed as plain strings -- running
them through arabic_reshaper or python-bidi would reverse them again.  The
text is set in Noto Sans Arabic, installed from PyPI
(``fontpkg-noto-sans-arabic``), which has Arabic and Latin letters, with
DejaVu Sans (bundled with matplotlib) for the symbols it lacks: both fonts
are the same files on every machine.

Examples
--------
>>> import pandas as pd
>>> speakers = pd.DataFrame({"speaker_id": ["a", "b"], "speaker": ["Ana", "Bo"],
...                          "name_en": ["Ana", "Bo"], "name_ar": ["آنا", None],
...                          "kind": ["person", "institution"], "n_utterances": [3, 1],
...                          "n_documents": [2, 1]})
>>> fig = speakers_figure(speakers)
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
['Ana · آنا', 'Bo']
>>> save_figure(fig, "figures", "speakers")       # doctest: +SKIP
[PosixPath('figures/speakers.png'), PosixPath('figures/speakers.pdf')]
"""

from __future__ import annotations

import math
import re
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

#: Noto Sans Arabic (from pip) sets Arabic and Latin text alike; DejaVu Sans (bundled with
#: matplotlib) fills in the few symbols it lacks.  DejaVu first would take Arabic too: it has Arabic glyphs.
FONT_FAMILY = ["Noto Sans Arabic", "DejaVu Sans"]

#: Settings every figure is drawn and saved with.
STYLE = {
    "font.family": FONT_FAMILY,
    "font.size": 9,
    # a "$" in a speaker's name or a headline is text, not mathematics
    "text.parse_math": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # the pip font is one variable-weight file that matplotlib reads at its default weight (400)
    # only, so titles stand out by size, not weight
    "axes.titlesize": 11,
    "axes.titleweight": "normal",
    "axes.titlelocation": "left",
    "figure.dpi": 100,
    "savefig.dpi": 120,  # sharp on screen; the report embeds every figure, so its size counts
    "savefig.bbox": "tight",
    # fixed ids in SVG output; PNG and PDF get their metadata from save_figure
    "svg.hashsalt": "framing",
    "pdf.fonttype": 42,
}

#: File metadata cleared on save: these would carry a date or the matplotlib version.
METADATA = {
    "png": {"Software": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
    "svg": {"Date": None, "Creator": None},
}

#: Colours by speaker kind (colour-blind safe, from the Okabe-Ito palette).
# Okabe-Ito colours, one per speaker kind (framing.attribution.kinds.KINDS), readable in colour-blind vision
KIND_COLORS = {"person": "#0072B2", "institution": "#E69F00", "country": "#009E73", "media": "#56B4E9",
               "document": "#D55E00", "anonymous": "#999999", "unknown": "#CC79A7"}
FAVOR_CMAP, AGAINST_CMAP = "Blues", "Oranges"
_ARABIC = re.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_fonts_ready = False


def setup_fonts() -> list[str]:
    """Register the pip-installed Arabic font with matplotlib (once); return the font family list.

    Examples
    --------
    >>> setup_fonts()
    ['Noto Sans Arabic', 'DejaVu Sans']
    """
    global _fonts_ready
    if not _fonts_ready:
        from matplotlib import font_manager

        for path in _arabic_font_files():
            font_manager.fontManager.addfont(str(path))
        _fonts_ready = True
    return list(FONT_FAMILY)


def _arabic_font_files() -> list[Path]:
    """The font files ``fontpkg-noto-sans-arabic`` ships, as its metadata.json lists them."""
    import json

    import fontpkg_noto_sans_arabic as package

    root = Path(package.ROOT)
    meta = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
    return [root / f["path"] for f in meta["files"]]


@contextmanager
def style():
    """Draw inside this context to get the report's fonts and look."""
    import matplotlib

    setup_fonts()
    with matplotlib.rc_context(STYLE):
        yield


def styled(func):
    """Decorator: build the figure inside :func:`style`, so every text gets the report's fonts."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with style():
            return func(*args, **kwargs)
    return wrapper


def new_figure(width: float, height: float, **subplots):
    """A pyplot-free Figure with subplots, in the report style: ``fig, axes``.

    Texts take their font when they are made: add them inside ``with style():``.
    """
    from matplotlib.figure import Figure

    with style():
        fig = Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(**subplots)
    return fig, axes


def save_figure(fig, directory, name: str, formats=("png", "pdf")) -> list[Path]:
    """Write ``fig`` as ``directory/name.<format>`` for each format, without timestamps.

    Returns the paths written.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    from framing.report.pdf_text import actual_text

    with style(), actual_text():  # Arabic in the PDF extracts as the words it shows (pdf_text)
        for fmt in formats:
            path = out / f"{name}.{fmt}"
            fig.savefig(path, format=fmt, metadata=METADATA.get(fmt))
            paths.append(path)
    return paths


def describe(fig) -> str:
    """A short text alternative for a figure: its panels' titles."""
    titles = [ax.get_title(loc="left") or ax.get_title() for ax in fig.axes]
    return "; ".join(t for t in titles if t) or "figure"


def show(fig, directory=None, name: str | None = None, alt: str | None = None) -> None:
    """Display ``fig`` in a notebook as a PNG; with ``directory`` and ``name``, save it (PNG and PDF) first.

    Showing the saved file, not the live figure, puts the very bytes of
    ``figures/NAME.png`` in the notebook and its HTML.  ``alt`` (default: the
    panel titles) rides along in the output's metadata and becomes the
    image's text alternative in the HTML report.
    """
    from IPython.display import Image, display

    alt = alt or describe(fig)
    if directory is None:
        import io

        buffer = io.BytesIO()
        with style():
            fig.savefig(buffer, format="png", metadata=METADATA["png"])
        image = Image(data=buffer.getvalue(), format="png")
    else:
        image = Image(filename=str(save_figure(fig, directory, name)[0]))
    display(image, metadata={"image/png": {"alt": alt}})


# --- labels ---------------------------------------------------------------------------------------


def has_arabic(text) -> bool:
    """Whether ``text`` holds Arabic letters.

    >>> has_arabic("بوتين"), has_arabic("Putin"), has_arabic(None)
    (True, False, False)
    """
    return isinstance(text, str) and bool(_ARABIC.search(text))


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value).strip()


def speaker_label(row, sep: str = " · ", width: int = 60) -> str:
    """English (or canonical) name, then the Arabic name when there is a distinct one.

    >>> speaker_label({"speaker": "Kremlin", "name_en": "Kremlin", "name_ar": "الكرملين"})
    'Kremlin · الكرملين'
    >>> speaker_label({"speaker": "Ana", "name_en": None, "name_ar": "Ana"})
    'Ana'
    """
    en = _text(row.get("name_en")) or _text(row.get("speaker")) or _text(row.get("speaker_id"))
    ar = _text(row.get("name_ar"))
    label = f"{en}{sep}{ar}" if has_arabic(ar) and ar != en else en
    if len(label) <= width:
        return label
    # cut between words: half an Arabic word reads as another word
    cut = label[:width - 1]
    if label[width - 1] != " " and " " in cut[width // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def speaker_labels(frame: pd.DataFrame) -> list[str]:
    """:func:`speaker_label` for every row of a speakers table, each label told apart from the others.

    Speakers who share a label (an anonymous source is one speaker per
    document: "a senior official" in ten briefings is ten rows) get the end
    of their id after it, as the speakers table writes it, so a chart's rows
    can be told apart and looked up.

    >>> speaker_labels(pd.DataFrame({"speaker_id": ["anon:official:9e42", "anon:official:6adc", "putin"],
    ...                              "speaker": ["anonymous: official", "anonymous: official", "Putin"]}))
    ['anonymous: official · 9e42', 'anonymous: official · 6adc', 'Putin']
    """
    rows = frame.to_dict("records")
    labels = [speaker_label(row) for row in rows]
    shared = {label for label, n in pd.Series(labels, dtype=object).value_counts().items() if n > 1}
    return [f"{label} · {str(row.get('speaker_id', '')).rsplit(':', 1)[-1]}" if label in shared else label
            for label, row in zip(labels, rows)]


def empty_panel(ax, message: str) -> None:
    """Turn ``ax`` into a blank panel that says ``message`` (a figure with nothing to draw says why)."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")


# --- corpus ---------------------------------------------------------------------------------------


def date_bins(dates: pd.Series) -> tuple[pd.Series, str]:
    """Dates cut into days, months or years, whichever gives a readable number of bars.

    >>> bins, unit = date_bins(pd.Series(["2021-12-08", "2021-12-09", None]))
    >>> unit, bins.tolist()
    ('day', ['2021-12-08', '2021-12-09'])
    """
    parsed = pd.to_datetime(pd.Series(dates, dtype="string").str[:10], errors="coerce", format="%Y-%m-%d").dropna()
    if parsed.empty:
        return pd.Series([], dtype=str), "day"
    span = (parsed.max() - parsed.min()).days
    if span <= 62:
        return parsed.dt.strftime("%Y-%m-%d"), "day"
    if span <= 6 * 366:
        return parsed.dt.strftime("%Y-%m"), "month"
    return parsed.dt.strftime("%Y"), "year"


@styled
def corpus_figure(documents: pd.DataFrame):
    """Documents by outlet, by language and over time (three panels)."""
    fig, axes = new_figure(10, 3.2, ncols=3, width_ratios=[1.3, 0.7, 1.6])
    outlets = documents["outlet"].fillna("(none)").astype(str).value_counts().sort_index(kind="stable")
    outlets = outlets.sort_values(kind="stable").tail(15)
    axes[0].barh(outlets.index, outlets.to_numpy(), color="#0072B2", height=min(0.8, 0.25 * len(outlets) + 0.2))
    axes[0].set_title("Documents by outlet")
    langs = documents["lang"].fillna("(none)").astype(str).value_counts().sort_index(kind="stable")
    axes[1].bar(langs.index, langs.to_numpy(), color="#009E73", width=min(0.8, 0.25 * len(langs) + 0.2))
    axes[1].set_title("By language")
    bins, unit = date_bins(documents["date"])
    undated = int(documents["date"].isna().sum())
    if bins.empty:
        empty_panel(axes[2], "no dated documents")
    else:
        counts = bins.value_counts().sort_index()
        axes[2].bar(counts.index, counts.to_numpy(), color="#E69F00", width=min(0.8, 0.1 * len(counts) + 0.2))
        step = max(1, len(counts) // 12)
        axes[2].set_xticks(range(0, len(counts), step), counts.index[::step], rotation=45, ha="right")
        axes[2].set_title(f"By {unit}" + (f" ({undated} undated)" if undated else ""))
    from matplotlib.ticker import MaxNLocator

    axes[0].xaxis.set_major_locator(MaxNLocator(integer=True))
    for ax in axes[1:]:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return fig


# --- speakers -------------------------------------------------------------------------------------


@styled
def speakers_figure(speakers: pd.DataFrame, n: int = 25):
    """Utterances and documents per speaker (the ``n`` most quoted), coloured by kind."""
    top = speakers.head(n)
    fig, ax = new_figure(8, 1.4 + 0.32 * max(len(top), 1))
    if top.empty:
        empty_panel(ax, "no speakers found")
        return fig
    y = np.arange(len(top))[::-1]
    kinds = top["kind"].fillna("unknown").astype(str)
    colors = [KIND_COLORS.get(k, KIND_COLORS["unknown"]) for k in kinds]
    ax.barh(y, top["n_utterances"].to_numpy(), color=colors)
    for yi, nu, nd in zip(y, top["n_utterances"], top["n_documents"]):
        ax.text(nu, yi, f" {int(nu)} in {int(nd)} doc{'s' if nd != 1 else ''}", va="center", fontsize=8)
    ax.set_yticks(y, speaker_labels(top))
    ax.set_xlabel("utterances")
    ax.set_xlim(0, top["n_utterances"].max() * 1.3)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Who is quoted")
    from matplotlib.patches import Patch

    shown = list(dict.fromkeys(kinds))
    ax.legend([Patch(color=KIND_COLORS.get(k, KIND_COLORS["unknown"])) for k in shown], shown,
              title="kind", loc="lower right", frameon=False)
    return fig


# --- stance ---------------------------------------------------------------------------------------


@styled
def stance_figure(stance: pd.DataFrame, labels: dict | None = None, min_n: int = 1, *,
                  n_column: str = "n_mentions", unit: str = "utterances"):
    """Speaker x target heatmaps of the share of favor and of against, with 95% CIs.

    Cells with fewer than ``min_n`` units (``n_column``: utterances, or the
    documents of :func:`framing.stance.shares.document_shares`) are left
    uncoloured and their numbers greyed: a share of 1.00 from two utterances
    is not a finding.  Cells whose sides all rest on the context (``n_named``
    0: the speaker's own words never name the target) are hatched.

    Parameters
    ----------
    stance : DataFrame
        Long table (see :func:`framing.report.tables.stance_table`): ``speaker_id``,
        ``target``, ``n_mentions``, ``favor``, ``favor_ci_low``,
        ``favor_ci_high``, ``against`` and its CI columns.
    labels : dict, optional
        speaker_id -> row label (default: the speaker_id).
    n_column, unit : str
        The column counting each cell's units, and their name in the note.
    """
    from matplotlib.patches import Rectangle

    from framing.stance.shares import rests_on_context

    named = stance[stance[n_column] > 0] if not stance.empty else stance
    speakers = list(dict.fromkeys(stance["speaker_id"])) if not stance.empty else []
    # a target nobody names would be a column of dashes
    targets = [t for t in dict.fromkeys(stance["target"]) if t in set(named["target"])] if not stance.empty else []
    fig, axes = new_figure(2.2 + 2.0 * max(len(targets), 1), 1.4 + 0.6 * max(len(speakers), 1), ncols=2,
                           sharey=True)
    if not speakers or not targets:
        for ax in axes:
            empty_panel(ax, "no utterance mentions a target")
        return fig
    labels = labels or {}
    cells = stance.set_index(["speaker_id", "target"])
    for ax, side, cmap in ((axes[0], "favor", FAVOR_CMAP), (axes[1], "against", AGAINST_CMAP)):
        grid = np.full((len(speakers), len(targets)), np.nan)
        for i, s in enumerate(speakers):
            for j, t in enumerate(targets):
                if cells.loc[(s, t), n_column] >= min_n:
                    grid[i, j] = cells.loc[(s, t), side]
        masked = np.ma.masked_invalid(grid)
        ax.imshow(masked, cmap=cmap, vmin=0, vmax=1, aspect="auto")
        ax.set_facecolor("#eeeeee")
        for i, s in enumerate(speakers):
            for j, t in enumerate(targets):
                c = cells.loc[(s, t)]
                if c[n_column] == 0 or pd.isna(c[side]):
                    ax.text(j, i, "–", ha="center", va="center", color="#777777")
                    continue
                text = (f"{c[side]:.2f} (n={int(c[n_column])})\n"
                        f"[{c[f'{side}_ci_low']:.2f}, {c[f'{side}_ci_high']:.2f}]")
                few = c[n_column] < min_n
                # the Arabic font's tall line box would push a third line out of the cell
                ax.text(j, i, text, ha="center", va="center", fontsize=7, linespacing=1.0,
                        color="#888888" if few else "white" if c[side] > 0.6 else "black")
                if rests_on_context(c.get("n_named")):
                    ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="//", linewidth=0,
                                           edgecolor="#aaaaaa"))
        ax.set_xticks(range(len(targets)), targets, rotation=30, ha="right")
        ax.set_title(f"Share {side} (95% CI)")
        for spine in ax.spines.values():
            spine.set_visible(False)
    notes = [f"grey numbers: fewer than {min_n} {unit}"] if min_n > 1 and (
        stance[n_column].between(1, min_n - 1)).any() else []
    if "n_named" in named.columns and any(map(rests_on_context, named["n_named"])):
        notes.append("hatched: the speaker's own words never name the target")
    if notes:
        axes[0].set_xlabel("; ".join(notes), fontsize=7, color="#777777")
    axes[0].set_yticks(range(len(speakers)), [labels.get(s, s) for s in speakers])
    axes[1].tick_params(axis="y", length=0)
    return fig


# --- sentiment ------------------------------------------------------------------------------------


def interval_errors(centre, low, high) -> np.ndarray:
    """The ``xerr``/``yerr`` of points at ``centre`` with intervals ``[low, high]``: 2 x n, never negative.

    The bootstrap interval of equal scores can miss their mean by float
    rounding (by 5e-17), and matplotlib refuses a negative error; such a bar,
    and a missing interval, have length zero.

    >>> interval_errors([0.5, 0.1], [0.5 + 5e-17, 0.0], [0.5, float("nan")]).tolist()
    [[0.0, 0.1], [0.0, 0.0]]
    """
    centre = np.asarray(centre, dtype=float)
    err = np.vstack([centre - np.asarray(low, dtype=float), np.asarray(high, dtype=float) - centre])
    return np.clip(np.nan_to_num(err), 0, None)


@styled
def sentiment_figure(sentiment: pd.DataFrame, labels: dict | None = None):
    """Mean sentiment per speaker with its 95% CI; hollow markers for speakers with few utterances.

    ``sentiment`` has ``speaker_id``, ``n``, ``mean``, ``ci_low``, ``ci_high``
    and ``low_n`` (see :func:`framing.report.tables.sentiment_table`); rows are drawn
    top to bottom in its order.
    """
    rows = sentiment.dropna(subset=["mean"])
    fig, ax = new_figure(8, 1.0 + 0.32 * max(len(rows), 1))
    if rows.empty:
        empty_panel(ax, "no utterance has a sentiment score")
        return fig
    labels = labels or {}
    y = np.arange(len(rows))[::-1]
    mean = rows["mean"].to_numpy(float)
    err = interval_errors(mean, rows["ci_low"], rows["ci_high"])
    ax.errorbar(mean, y, xerr=err, fmt="none", ecolor="#555555", elinewidth=1.2, capsize=2)
    low = rows["low_n"].to_numpy(bool)
    ax.scatter(mean[~low], y[~low], color="#0072B2", zorder=3, label="mean")
    ax.scatter(mean[low], y[low], facecolor="white", edgecolor="#0072B2", zorder=3, label="few utterances")
    ax.axvline(0, color="#999999", lw=0.8, zorder=0)
    ax.set_xlim(-1.05, 1.25)
    for yi, n in zip(y, rows["n"]):
        ax.text(1.08, yi, f"n={int(n)}", va="center", fontsize=8, color="#555555")
    ax.set_yticks(y, [labels.get(s, s) for s in rows["speaker_id"]])
    ax.set_xlabel("sentiment (−1 negative … +1 positive), 95% CI")
    ax.set_title("Sentiment per speaker")
    fig.legend(loc="outside lower center", ncols=2, frameon=False, fontsize=8)
    return fig


# --- topics ---------------------------------------------------------------------------------------


@styled
def topic_words_figure(top_words: pd.DataFrame, labels: dict | None = None, ncols: int = 4):
    """Each topic's top words as a small bar chart of their weights.

    ``top_words`` is :meth:`framing.topics.model.TopicModel.top_words` (topic, rank, word, weight).
    """
    topics = sorted(top_words["topic"].unique()) if not top_words.empty else []
    ncols = max(1, min(ncols, len(topics) or 1))
    nrows = max(1, math.ceil(len(topics) / ncols))
    n_words = int(top_words["rank"].max()) if topics else 1
    fig, axes = new_figure(2.6 * ncols, 0.5 + (0.2 * n_words + 0.5) * nrows, nrows=nrows, ncols=ncols,
                           squeeze=False)
    if not topics:
        empty_panel(axes[0, 0], "no topics")
        return fig
    labels = labels or {}
    for k, ax in enumerate(axes.flat):
        if k >= len(topics):
            ax.set_axis_off()
            continue
        t = topics[k]
        words = top_words[top_words["topic"] == t].sort_values("rank")
        y = np.arange(len(words))[::-1]
        ax.barh(y, words["weight"].to_numpy(float), color="#56B4E9")
        ax.set_yticks(y, words["word"].astype(str).tolist(), fontsize=8)
        ax.set_xticks([])
        ax.set_title(labels.get(t, f"Topic {t}"), fontsize=9)
    return fig


def _label_heatmap(ax, xlabels, ylabels, title: str, *, rotation: int = 40, fontsize: int = 7) -> None:
    """Tick labels, title and no frame: the finish every heat map of the report shares."""
    ax.set_xticks(range(len(xlabels)), xlabels, rotation=rotation, ha="right", fontsize=fontsize)
    ax.set_yticks(range(len(ylabels)), ylabels)
    ax.set_title(title)
    for spine in ax.spines.values():
        spine.set_visible(False)


@styled
def topic_shares_figure(shares: pd.DataFrame, labels: dict | None = None, topic_labels: dict | None = None,
                        title: str = "Topic shares per speaker"):
    """Speaker x topic heatmap of mean topic shares (other groups, such as outlets, with their ``title``).

    ``shares`` is wide: ``speaker_id`` then one column per topic number
    (see :func:`framing.report.tables.topic_shares_table`).
    """
    topics = [c for c in shares.columns if c != "speaker_id"]
    fig, ax = new_figure(4.0 + 0.45 * max(len(topics), 1), 2.4 + 0.3 * max(len(shares), 1))
    if shares.empty or not topics:
        empty_panel(ax, "no topic shares")
        return fig
    labels, topic_labels = labels or {}, topic_labels or {}
    grid = shares[topics].to_numpy(float)
    image = ax.imshow(np.ma.masked_invalid(grid), cmap="Purples", vmin=0, vmax=max(0.5, np.nanmax(grid)),
                      aspect="auto")
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            if grid[i, j] >= 0.1:
                ax.text(j, i, f"{grid[i, j]:.2f}", ha="center", va="center", fontsize=7,
                        color="white" if grid[i, j] > 0.35 else "black")
    _label_heatmap(ax, [topic_labels.get(t, str(t)) for t in topics], [labels.get(s, s) for s in shares["speaker_id"]],
                   title, rotation=60)
    ax.figure.colorbar(image, ax=ax, shrink=0.6, label="mean share")
    return fig


# --- frames ---------------------------------------------------------------------------------------


@styled
def frames_figure(table: pd.DataFrame, labels: dict | None = None, key: str = "speaker_id", min_n: int = 1,
                  title: str = "Frames per speaker"):
    """Group x frame heat map of the share of utterances using each frame (its CI and n are in the table).

    ``table`` is :func:`framing.report.tables.frames_table`; rows keep its
    order; cells with fewer than ``min_n`` utterances are left uncoloured.
    """
    groups = list(dict.fromkeys(table[key])) if not table.empty else []
    frames = list(dict.fromkeys(table["frame"])) if not table.empty else []
    fig, ax = new_figure(2.5 + 0.9 * max(len(frames), 1), 1.4 + 0.32 * max(len(groups), 1))
    if not groups or not frames:
        empty_panel(ax, "no utterance uses a frame")
        return fig
    labels = labels or {}
    cells = table.set_index([key, "frame"])
    grid = np.full((len(groups), len(frames)), np.nan)
    for i, g in enumerate(groups):
        for j, f in enumerate(frames):
            if (g, f) in cells.index and cells.loc[(g, f), "n"] >= min_n:
                grid[i, j] = cells.loc[(g, f), "share"]
    ax.imshow(np.ma.masked_invalid(grid), cmap="Purples", vmin=0, vmax=max(0.5, np.nanmax(grid) if
                                                                         np.isfinite(grid).any() else 0.5),
              aspect="auto")
    ax.set_facecolor("#f4f4f4")
    for i, g in enumerate(groups):
        for j, f in enumerate(frames):
            if (g, f) not in cells.index:
                continue
            c = cells.loc[(g, f)]
            few = c["n"] < min_n
            # the share alone: the intervals are in the table beside the figure (tables/frames.csv)
            ax.text(j, i, f"{c['share']:.2f}", ha="center", va="center", fontsize=7,
                    color="#888888" if few else "white" if c["share"] > 0.35 else "black")
    _label_heatmap(ax, [f.replace("_", " ") for f in frames], [labels.get(g, g) for g in groups],
                   title + " (share of utterances)")
    return fig


# --- outlets and periods --------------------------------------------------------------------------


@styled
def outlets_figure(counts: pd.DataFrame, labels: dict | None = None):
    """Speaker x outlet heat map of utterance counts (``speaker_id, outlet, n``, rows in the order given)."""
    speakers = list(dict.fromkeys(counts["speaker_id"])) if not counts.empty else []
    outlets = list(dict.fromkeys(counts["outlet"])) if not counts.empty else []
    fig, ax = new_figure(3.0 + 0.6 * max(len(outlets), 1), 1.6 + 0.3 * max(len(speakers), 1))
    if not speakers or not outlets:
        empty_panel(ax, "no utterances by outlet")
        return fig
    labels = labels or {}
    grid = counts.pivot(index="speaker_id", columns="outlet", values="n").loc[speakers, outlets].to_numpy(float)
    image = ax.imshow(np.ma.masked_equal(grid, 0), cmap="Blues", vmin=0, vmax=max(1.0, grid.max()), aspect="auto")
    ax.set_facecolor("#f4f4f4")
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            if grid[i, j]:
                ax.text(j, i, f"{int(grid[i, j])}", ha="center", va="center", fontsize=7,
                        color="white" if grid[i, j] > 0.6 * grid.max() else "black")
    _label_heatmap(ax, outlets, [labels.get(s, s) for s in speakers], "Utterances per speaker and outlet", fontsize=8)
    ax.figure.colorbar(image, ax=ax, shrink=0.6, label="utterances")
    return fig


@styled
def periods_figure(table: pd.DataFrame, measures=None, ncols: int = 2):
    """One panel per measure: its mean per period with the 95% CI as a band, and n per point.

    ``table`` is :func:`framing.report.tables.period_table` (``period, measure,
    mean, ci_low, ci_high, n``); ``measures`` picks and orders the panels.
    """
    measures = list(measures) if measures is not None else list(dict.fromkeys(table["measure"]))
    n = max(len(measures), 1)
    rows = -(-n // ncols)
    fig, axes = new_figure(4.0 * min(n, ncols), 2.4 * rows, nrows=rows, ncols=min(n, ncols), squeeze=False)
    flat = list(axes.ravel())
    for ax in flat[len(measures):]:
        ax.set_visible(False)
    if not measures:
        flat[0].set_visible(True)
        empty_panel(flat[0], "no measure per period")
        return fig
    periods = sorted(set(table["period"].astype(str)))
    x_of = {p: i for i, p in enumerate(periods)}
    for ax, measure in zip(flat, measures):
        rows_m = table[table["measure"] == measure].sort_values("period")
        x = rows_m["period"].astype(str).map(x_of).to_numpy()
        ax.fill_between(x, rows_m["ci_low"].to_numpy(float), rows_m["ci_high"].to_numpy(float), color="#56B4E9",
                        alpha=0.3, linewidth=0)
        ax.plot(x, rows_m["mean"].to_numpy(float), marker="o", markersize=3, color="#0072B2")
        ax.set_title(measure, fontsize=9)
        step = max(1, len(periods) // 6)
        ax.set_xticks(range(0, len(periods), step), periods[::step], rotation=30, ha="right", fontsize=7)
        ax.set_ylim(-1.05 if measure == "sentiment" else -0.02, 1.05)
        if measure == "sentiment":
            ax.axhline(0, color="#999999", lw=0.8, zorder=0)
    return fig


__all__ = ["FONT_FAMILY", "STYLE", "corpus_figure", "date_bins", "describe", "empty_panel", "frames_figure",
           "has_arabic", "interval_errors", "new_figure", "outlets_figure", "periods_figure", "save_figure",
           "sentiment_figure", "setup_fonts", "show", "speaker_label", "speaker_labels", "speakers_figure",
           "stance_figure", "style", "styled", "topic_shares_figure", "topic_words_figure"]
