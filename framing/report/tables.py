"""The report's tables: built from the analysis tables, written as CSV and LaTeX.

Each builder takes the tidy tables of :func:`framing.analysis.run.analyze` and
returns one small table a reader can cite (speakers, stance, sentiment,
topics, the corpus overview).  :func:`write_table` writes a table as CSV and
as a LaTeX ``booktabs`` table, with fixed float formats and sorted rows, so
a changed number is a one-line diff.  :func:`html_table` and
:func:`stance_cells_html` render tables for notebooks and HTML reports with
every value escaped: corpus text is data, never markup.

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"speaker": ["Kremlin"], "mean": [0.123456]})
>>> print(latex_table(t))
\\framingfit{\\begin{tabular}{lr}
\\toprule
Name & Mean \\\\
\\midrule
Kremlin & 0.12 \\\\
\\bottomrule
\\end{tabular}}
<BLANKLINE>
>>> html_table(pd.DataFrame({"content": ["<script>x</script>"]})).count("&lt;script&gt;")
1
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import numpy as np
import pandas as pd

from framing.report.plots import has_arabic

#: Float format of CSV tables (enough digits to compare, few enough to be stable across platforms).
CSV_FLOAT = "%.4f"
#: Float format of LaTeX tables.
LATEX_FLOAT = "%.2f"


# --- writing --------------------------------------------------------------------------------------


def latex_table(df: pd.DataFrame, *, caption: str | None = None, label: str | None = None,
                float_format: str = LATEX_FLOAT) -> str:
    """A LaTeX ``booktabs`` table (``\\toprule``, ``\\midrule``, ``\\bottomrule``) with human headers.

    Text is escaped; a cell with Arabic is set in ``\\textarabic{...}``
    (polyglossia), so it is shaped and runs right to left.  Compile with
    XeLaTeX or LuaLaTeX and the preamble :data:`LATEX_PREAMBLE` (written
    beside the tables as ``preamble.tex``).

    >>> print(latex_table(pd.DataFrame({"name_ar": ["بوتين"], "n_utterances": [3]})).splitlines()[2])
    Name (Arabic) & Utterances \\\\
    """
    cells = df.copy()
    for col in cells.columns:
        if cells[col].dtype == object or str(cells[col].dtype) in ("string", "str"):
            cells[col] = cells[col].map(_latex_cell)
    cells.columns = [latex_escape(human_header(c)) for c in cells.columns]
    tex = cells.to_latex(index=False, float_format=float_format, na_rep="--", escape=False,
                         caption=latex_escape(caption) if caption else caption, label=label)
    # a wide table is shrunk to the text width (\framingfit, defined in the preamble), a narrow one left alone
    return tex.replace("\\begin{tabular}", "\\framingfit{\\begin{tabular}").replace(
        "\\end{tabular}", "\\end{tabular}}")


def _latex_cell(value):
    if not isinstance(value, str):
        return value
    text = latex_escape(value)
    return f"\\textarabic{{{text}}}" if has_arabic(value) else text


#: Headers for the report tables' columns; others are written with spaces for underscores.
HEADERS = {
    "speaker_id": "Speaker", "name_en": "Name", "name_ar": "Name (Arabic)", "kind": "Kind", "side": "Side",
    "affiliation": "Affiliation", "n_utterances": "Utterances", "n_documents": "Documents", "low_n": "Few",
    "n_mentions": "n", "n": "n", "target": "Target", "favor": "Favor", "favor_ci_low": "Favor CI low",
    "favor_ci_high": "Favor CI high", "against": "Against", "against_ci_low": "Against CI low",
    "against_ci_high": "Against CI high", "mean_score": "Mean score", "mean": "Mean", "ci_low": "95% CI low",
    "ci_high": "95% CI high", "positive": "Positive", "neutral": "Neutral", "negative": "Negative",
    "outlet": "Outlet", "lang": "Language", "documents": "Documents", "first_date": "First date",
    "last_date": "Last date", "undated": "Undated", "topic": "Topic", "label": "Label", "words": "Top words",
    "coherence": "Coherence", "period": "Period", "measure": "Measure", "n_decisions": "Decisions", "speaker": "Name",
    "n_favor": "n favor", "n_against": "n against", "n_neutral": "n neutral", "n_named": "In own words",
    "named_in": "Named in",
}


def human_header(column) -> str:
    """A table header a reader expects: ``n_utterances`` -> ``Utterances``, ``topic_3`` -> ``Topic 3``.

    >>> human_header("favor_ci_low"), human_header("topic_3"), human_header("stance_label")
    ('Favor CI low', 'Topic 3', 'Stance label')
    """
    name = str(column)
    if name in HEADERS:
        return HEADERS[name]
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


#: What ``\\input`` of the report's LaTeX tables needs: write it in the preamble (``\\input{tables/preamble.tex}``).
LATEX_PREAMBLE = r"""% Preamble for the LaTeX tables of a framing report.  Compile with XeLaTeX or LuaLaTeX:
%   \documentclass{article}
%   \input{tables/preamble.tex}
%   \begin{document} \input{tables/speakers.tex} \end{document}
% Arabic cells are marked \textarabic{...} (polyglossia); the Arabic font is the first of these installed.
\usepackage{booktabs}
\usepackage{graphicx}
\newcommand{\framingfit}[1]{\resizebox{\ifdim\width>\linewidth\linewidth\else\width\fi}{!}{#1}}
\usepackage{fontspec}
\usepackage{polyglossia}
\setdefaultlanguage{english}
\setotherlanguage{arabic}
\IfFontExistsTF{Amiri}{\newfontfamily\arabicfont[Script=Arabic]{Amiri}}{%
  \IfFontExistsTF{Noto Naskh Arabic}{\newfontfamily\arabicfont[Script=Arabic]{Noto Naskh Arabic}}{%
    \newfontfamily\arabicfont[Script=Arabic]{Noto Sans Arabic}}}
"""


_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def latex_escape(text: str) -> str:
    """Escape LaTeX's special characters in running text (captions).

    >>> print(latex_escape("95% CIs for stance_russia"))
    95\\% CIs for stance\\_russia
    """
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


#: Rows of a LaTeX table at most (its first rows; the CSV beside it has them all).
LATEX_MAX_ROWS = 200


def write_table(df: pd.DataFrame, directory, name: str, *, latex: bool = True, caption: str | None = None) -> list[Path]:
    """Write ``name.csv`` (and ``name.tex``) into ``directory``; return the paths.

    The CSV is UTF-8 with ``\\n`` line ends and :data:`CSV_FLOAT` floats; the
    LaTeX table gets the caption and the label ``tab:<name>``, and ``preamble.tex``
    (what a document needs to typeset it, :data:`LATEX_PREAMBLE`) is written beside it.  A table longer
    than :data:`LATEX_MAX_ROWS` gets its first rows in LaTeX, the caption saying so.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    csv = out / f"{name}.csv"
    csv.write_text(df.to_csv(index=False, float_format=CSV_FLOAT, lineterminator="\n"), encoding="utf-8")
    paths = [csv]
    if latex:
        tex = out / f"{name}.tex"
        shown = df
        if len(df) > LATEX_MAX_ROWS:  # a paper prints the head of a long table; the CSV has every row
            shown = df.head(LATEX_MAX_ROWS)
            caption = (f"{caption} " if caption else "") + f"(the first {LATEX_MAX_ROWS} of {len(df)} rows; all in {name}.csv)"
        tex.write_text(latex_table(shown, caption=caption, label=f"tab:{name}"), encoding="utf-8")
        preamble = out / "preamble.tex"
        preamble.write_text(LATEX_PREAMBLE, encoding="utf-8")
        paths += [tex, preamble]
    return paths


# --- corpus ---------------------------------------------------------------------------------------


def corpus_table(documents: pd.DataFrame) -> pd.DataFrame:
    """Documents by outlet and language, with the first and last date.

    >>> docs = pd.DataFrame({"outlet": ["A", "A", None], "lang": ["ar", "ar", "en"],
    ...                      "date": ["2021-01-02", None, "2021-03-01"]})
    >>> corpus_table(docs).values.tolist()
    [['(none)', 'en', 1, '2021-03-01', '2021-03-01', 0], ['A', 'ar', 2, '2021-01-02', '2021-01-02', 1]]
    """
    columns = ["outlet", "lang", "documents", "first_date", "last_date", "undated"]
    if documents.empty:
        return pd.DataFrame(columns=columns)
    d = pd.DataFrame({"outlet": documents["outlet"].fillna("(none)").astype(str),
                      "lang": documents["lang"].fillna("(none)").astype(str),
                      "date": documents["date"].astype("string").str[:10]})
    g = d.groupby(["outlet", "lang"], sort=True)
    out = g.agg(documents=("date", "size"), first_date=("date", "min"), last_date=("date", "max"),
                undated=("date", lambda s: int(s.isna().sum()))).reset_index()
    out[["first_date", "last_date"]] = out[["first_date", "last_date"]].astype(object).where(
        out[["first_date", "last_date"]].notna(), None)
    return out[columns]


def problems_table(manifest) -> pd.DataFrame:
    """What the reader skipped or kept with a caveat, and why: ``kind, source, place, reason``.

    Places are in reading order: "line 7955" before "line 12348" (their numbers compared as numbers).

    >>> from framing.report.inputs import SavedManifest
    >>> m = SavedManifest({"warning_list": [{"source": "a.csv", "place": p, "reason": "x"}
    ...                                     for p in ("line 12348", "line 7955", "")]})
    >>> problems_table(m)["place"].tolist()
    ['', 'line 7955', 'line 12348']
    """
    frame = manifest.to_frame()
    return frame.sort_values(["kind", "source", "place", "reason"], kind="stable", ignore_index=True,
                             key=lambda c: c.map(_natural_key) if c.name == "place" else c)


def _natural_key(value) -> tuple:
    """A sort key reading the runs of digits in a text as numbers: ``"line 7955"`` < ``"line 12348"``."""
    return tuple((0, int(part)) if part.isdigit() else (1, part)
                 for part in re.split(r"(\d+)", "" if value is None else str(value)) if part)


# --- speakers -------------------------------------------------------------------------------------


def _most_common(frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    known = frame[[key, value]].dropna()
    if known.empty:
        return pd.Series(dtype=object)
    counts = known.groupby([key, value], sort=True).size().reset_index(name="n")
    best = counts.sort_values([key, "n", value], ascending=[True, False, True], kind="stable")
    return best.drop_duplicates(key).set_index(key)[value]


def report_speakers_table(speakers: pd.DataFrame, utterances: pd.DataFrame) -> pd.DataFrame:
    """Who is quoted: names in English and Arabic, kind, side, affiliation and counts.

    ``speakers`` is the analysis speakers table (most quoted first); the side
    is its ``side`` column, or, in a table written before it had one, the one
    the speaker's utterances carry most often.
    """
    if "side" in speakers:
        side = speakers.set_index("speaker_id")["side"]
        side = side[~side.index.duplicated()].mask(side.astype("string").str.strip().eq(""))
    else:
        side = _most_common(utterances, "speaker_id", "side") if "side" in utterances else pd.Series(dtype=object)
    out = pd.DataFrame({
        "speaker_id": speakers["speaker_id"],
        "name_en": [_name_en(r) for r in speakers.to_dict("records")],
        "name_ar": [r.get("name_ar") if has_arabic(r.get("name_ar")) else None for r in speakers.to_dict("records")],
        "kind": speakers["kind"].fillna("unknown"),
        "side": speakers["speaker_id"].map(side),
        "affiliation": speakers["affiliation"].mask(speakers["affiliation"].astype("string").str.strip().eq("")),
        "n_utterances": speakers["n_utterances"].astype(int),
        "n_documents": speakers["n_documents"].astype(int),
        "low_n": speakers["low_n"].astype(bool),
    })
    return out.reset_index(drop=True)


def _name_en(row: dict) -> str:
    for key in ("name_en", "speaker", "speaker_id"):
        value = row.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return ""


# --- stance ---------------------------------------------------------------------------------------


def stance_table(speakers: pd.DataFrame, targets) -> pd.DataFrame:
    """Speaker x target: share of favor and of against among utterances naming the target, with CIs.

    Parameters
    ----------
    speakers : DataFrame
        The analysis speakers table, with ``stance_<slug>_favor_*`` and
        ``stance_<slug>_against_*`` columns.
    targets : list of Target
        In the order to show them.

    Returns
    -------
    DataFrame
        One row per speaker and target (speakers in table order, then targets):
        ``speaker_id, target, slug, n_mentions, favor, favor_ci_low,
        favor_ci_high, against, against_ci_low, against_ci_high, mean_score``.
    """
    rows = []
    for s in speakers.to_dict("records"):
        for t in targets:
            base = f"stance_{t.slug}"
            if f"{base}_favor_mean" not in s:
                continue
            n = s.get(f"{base}_favor_n")
            rows.append({"speaker_id": s["speaker_id"], "target": t.name, "slug": t.slug,
                         "n_mentions": 0 if pd.isna(n) else int(n),
                         **{f"{side}{suffix}": s.get(f"{base}_{side}{part}")
                            for side in ("favor", "against")
                            for suffix, part in (("", "_mean"), ("_ci_low", "_ci_low"), ("_ci_high", "_ci_high"))},
                         "mean_score": s.get(f"{base}_mean")})
    columns = ["speaker_id", "target", "slug", "n_mentions", "favor", "favor_ci_low", "favor_ci_high", "against",
               "against_ci_low", "against_ci_high", "mean_score"]
    return pd.DataFrame(rows, columns=columns)


def stance_utterances(utterances: pd.DataFrame, measures: pd.DataFrame, targets) -> pd.DataFrame:
    """The utterances behind each speaker x target cell: one row per utterance with a stance toward the target,
    and ``named_in``, where its words name the target (the scorer's ``stance_<slug>_named_in``; ``content``:
    the speaker's own words; empty when the scorer does not say)."""
    joined = utterances.merge(measures, on="utterance_id", how="inner", validate="one_to_one")
    parts = []
    for t in targets:
        label = f"stance_{t.slug}_label"
        if label not in joined:
            continue
        named = joined[joined[label].isin(["favor", "against", "neutral"])]
        parts.append(pd.DataFrame({
            "speaker_id": named["speaker_id"], "target": t.name, "utterance_id": named["utterance_id"],
            "doc_id": named["doc_id"], "paragraph": named["paragraph"], "label": named[label],
            "score": named.get(f"stance_{t.slug}"),
            "named_in": named.get(f"stance_{t.slug}_named_in", pd.Series("", index=named.index)),
            "content": named["content"]}))
    columns = ["speaker_id", "target", "utterance_id", "doc_id", "paragraph", "label", "score", "named_in",
               "content"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def quote_examples(behind: pd.DataFrame, documents: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The ``n`` strongest utterances of each speaker x target cell, with the title, outlet, date and URL.

    ``behind`` is :func:`stance_utterances`; the strongest are those with the
    largest absolute score (ties by document and paragraph, so the choice is stable).

    >>> behind = pd.DataFrame({"speaker_id": ["a", "a"], "target": ["T", "T"], "utterance_id": ["u1", "u2"],
    ...     "doc_id": ["d", "d"], "paragraph": [1, 2], "label": ["favor", "against"], "score": [0.2, -0.9],
    ...     "content": ["x", "y"]})
    >>> docs = pd.DataFrame({"doc_id": ["d"], "title": ["A title"], "outlet": ["O"], "date": ["2021-01-01"],
    ...     "url": [None]})
    >>> quote_examples(behind, docs, n=1)[["utterance_id", "title"]].values.tolist()
    [['u2', 'A title']]
    """
    columns = ["speaker_id", "target", "utterance_id", "label", "score", "content", "title", "outlet", "date", "url",
               "doc_id", "paragraph"]
    if behind.empty:
        return pd.DataFrame(columns=columns)
    meta = documents[[c for c in ("doc_id", "title", "outlet", "date", "url") if c in documents]]
    strongest = behind.assign(_s=-behind["score"].abs().fillna(0)).sort_values(
        ["speaker_id", "target", "_s", "doc_id", "paragraph"], kind="stable")
    top = strongest.groupby(["speaker_id", "target"], sort=False).head(n).drop(columns="_s")
    out = top.merge(meta, on="doc_id", how="left")
    for c in columns:
        if c not in out:
            out[c] = None
    return out[columns].reset_index(drop=True)


# --- outlets and periods --------------------------------------------------------------------------


def outlet_speakers_table(utterances: pd.DataFrame, speaker_ids, outlets) -> pd.DataFrame:
    """Speaker x outlet: how many utterances of each speaker each outlet carries (``speaker_id, outlet, n``).

    >>> u = pd.DataFrame({"speaker_id": ["a", "a", "b"], "outlet": ["X", "Y", "X"]})
    >>> outlet_speakers_table(u, ["a", "b"], ["X", "Y"]).values.tolist()
    [['a', 'X', 1], ['a', 'Y', 1], ['b', 'X', 1], ['b', 'Y', 0]]
    """
    speaker_ids, outlets = list(dict.fromkeys(speaker_ids)), list(dict.fromkeys(outlets))
    u = utterances[utterances["speaker_id"].isin(speaker_ids) & utterances["outlet"].isin(outlets)]
    grid = pd.MultiIndex.from_product([speaker_ids, outlets], names=["speaker_id", "outlet"])
    counts = u.groupby(["speaker_id", "outlet"]).size().reindex(grid, fill_value=0)
    return counts.astype(int).reset_index(name="n")


def top_outlets(outlets: pd.DataFrame, n: int = 12) -> list:
    """The ``n`` outlets with the most utterances (ties by name)."""
    named = outlets.dropna(subset=["outlet"])
    order = named.sort_values(["n_utterances", "outlet"], ascending=[False, True], kind="stable")
    return order["outlet"].head(n).tolist()


def period_table(periods: pd.DataFrame, targets) -> pd.DataFrame:
    """Measures per period with their CIs, long: ``period, measure, mean, ci_low, ci_high, n``.

    Measures are ``sentiment``, per target ``<target>: favor`` and ``<target>: against``
    (the shares among the period's utterances that address it), and per frame
    ``frame: <name>`` (the share of the period's utterances using it).
    """
    rows = []
    specs = [("sentiment", "sentiment")] + [(f"{t.name}: {side}", f"stance_{t.slug}_{side}")
                                           for t in targets for side in ("favor", "against")]
    specs += [(f"frame: {c[len('frame_'):-len('_mean')]}", c[:-len("_mean")]) for c in periods.columns
              if c.startswith("frame_") and c.endswith("_mean")]
    for r in periods.to_dict("records"):
        for measure, base in specs:
            if f"{base}_mean" not in r:
                continue
            n = r.get(f"{base}_n")
            if n is None or pd.isna(n) or int(n) == 0:
                continue
            rows.append({"period": r["period"], "measure": measure, "mean": r.get(f"{base}_mean"),
                         "ci_low": r.get(f"{base}_ci_low"), "ci_high": r.get(f"{base}_ci_high"), "n": int(n)})
    return pd.DataFrame(rows, columns=["period", "measure", "mean", "ci_low", "ci_high", "n"])


def frames_table(groups: pd.DataFrame, key: str = "speaker_id", frames=None) -> pd.DataFrame:
    """Group x frame: the share of the group's utterances using each frame, with its 95% CI and n.

    ``groups`` is an aggregate table (speakers, outlets or periods) with
    ``frame_<name>_mean``, ``_ci_low``, ``_ci_high`` and ``_n`` columns;
    ``frames`` picks and orders them (default: every frame the table has).

    >>> sp = pd.DataFrame({"speaker_id": ["a"], "frame_economic_mean": [0.5], "frame_economic_ci_low": [0.2],
    ...                    "frame_economic_ci_high": [0.8], "frame_economic_n": [6]})
    >>> frames_table(sp).values.tolist()
    [['a', 'economic', 0.5, 0.2, 0.8, 6]]
    """
    if frames is None:
        frames = [c[len("frame_"):-len("_mean")] for c in groups.columns
                  if c.startswith("frame_") and c.endswith("_mean")]
    rows = []
    for r in groups.to_dict("records"):
        for f in frames:
            n = r.get(f"frame_{f}_n")
            if n is None or pd.isna(n) or int(n) == 0:
                continue
            rows.append({key: r[key], "frame": f, "share": r.get(f"frame_{f}_mean"),
                         "ci_low": r.get(f"frame_{f}_ci_low"), "ci_high": r.get(f"frame_{f}_ci_high"), "n": int(n)})
    return pd.DataFrame(rows, columns=[key, "frame", "share", "ci_low", "ci_high", "n"])


def topic_shares_by(utterances: pd.DataFrame, measures: pd.DataFrame, key: str, k: int, groups=None) -> pd.DataFrame:
    """Mean topic shares of the utterances of each ``key`` group (an outlet ...): ``key``, then one column per topic."""
    cols = [f"topic_{t}" for t in range(k) if f"topic_{t}" in measures]
    joined = utterances[["utterance_id", key]].merge(measures[["utterance_id", *cols]], on="utterance_id")
    if groups is not None:
        joined = joined[joined[key].isin(list(groups))]
    out = joined.groupby(key, sort=True)[cols].mean().reset_index()
    return out.rename(columns={f"topic_{t}": t for t in range(k)})


# --- sentiment ------------------------------------------------------------------------------------


def sentiment_table(speakers: pd.DataFrame, utterances: pd.DataFrame, measures: pd.DataFrame) -> pd.DataFrame:
    """Mean sentiment per speaker (id and name) with its 95% CI, and the count of each sentiment label."""
    out = pd.DataFrame({
        "speaker_id": speakers["speaker_id"],
        **({"speaker": speakers["speaker"]} if "speaker" in speakers else {}),
        "n": speakers.get("sentiment_n", pd.Series(0, index=speakers.index)).fillna(0).astype(int),
        "mean": speakers.get("sentiment_mean"), "ci_low": speakers.get("sentiment_ci_low"),
        "ci_high": speakers.get("sentiment_ci_high"), "low_n": speakers["low_n"].astype(bool)})
    if "sentiment_label" in measures:
        labels = utterances[["utterance_id", "speaker_id"]].merge(
            measures[["utterance_id", "sentiment_label"]], on="utterance_id", how="inner")
        counts = pd.crosstab(labels["speaker_id"], labels["sentiment_label"])
        for lab in ("positive", "neutral", "negative"):
            out[lab] = out["speaker_id"].map(counts[lab] if lab in counts else {}).fillna(0).astype(int)
    return out.reset_index(drop=True)


# --- topics ---------------------------------------------------------------------------------------


def topic_words_table(model, n: int = 10) -> pd.DataFrame:
    """One row per topic: its label, UMass coherence (when stored) and top ``n`` words."""
    words = model.top_words(n)
    joined = words.groupby("topic", sort=True)["word"].apply(lambda w: " · ".join(map(str, w)))
    out = pd.DataFrame({"topic": joined.index.astype(int), "label": model.topic_labels(3), "words": joined.to_numpy()})
    from framing.errors import FramingError

    try:
        out["coherence"] = model.topic_coherence()["coherence"].to_numpy(float)
    except FramingError:  # fitted without coherence (coherence_topn=0): no column
        pass
    return out


def topic_shares_table(speakers: pd.DataFrame, k: int) -> pd.DataFrame:
    """Speaker x topic mean shares: ``speaker_id``, then one column per topic number."""
    out = pd.DataFrame({"speaker_id": speakers["speaker_id"]})
    for t in range(k):
        out[t] = speakers.get(f"topic_{t}_mean", np.nan)
    return out.reset_index(drop=True)


def stance_quality_table(quality: dict | None, priors: dict | None = None) -> pd.DataFrame:
    """The run's targets with how the stance model's decisions compare with coded speakers (``run.json``'s
    ``stance_quality``, :func:`framing.stance.quality.quality_record`), for the report.

    Columns: ``target``; ``coded pairs`` (speaker-target pairs coders found
    addressed); ``coded label given`` (the share given it, a pair taken as
    not addressed counting wrong) beside ``always its usual side`` (the
    target's most frequent coded side and its share); ``side given``, ``side
    right`` and, beside it, ``usual side right`` (among the pairs given a
    side, always the target's most frequent coded side).  A target no coder
    coded has dashes.  Empty without figures (a run before they were kept,
    another method).  With ``priors`` (``run.json``'s ``stance_priors``, the
    balances of sides the run read its new targets with), a last column
    ``sides read with``: that balance, or the model's own for a target it learned.

    >>> q = {"targets": [{"target": "Iran", "measured": True, "pairs": 10, "right": 7, "accuracy": 0.7,
    ...                   "majority_side": "against", "majority": 0.9, "labelled": 9, "side_right": 7,
    ...                   "side_accuracy": 0.7778, "side_majority": 0.8889}, {"target": "X", "measured": False}]}
    >>> stance_quality_table(q).iloc[0].tolist()
    ['Iran', '10', '0.70', 'against 0.90', '9', '0.78', '0.89']
    >>> stance_quality_table(q).iloc[1].tolist()
    ['X', nan, nan, nan, nan, nan, nan]
    >>> balance = {"X": {"favor": 0.2, "against": 0.7, "neutral": 0.1, "candidates": 30}}
    >>> stance_quality_table(q, balance)["sides read with"].tolist()
    ['the balance the model learned', "the corpus' balance: favor 0.20, against 0.70, neutral 0.10 (30 statements)"]
    """
    columns = ["target", "coded pairs", "coded label given", "always its usual side", "side given", "side right",
               "usual side right"]
    rows = []
    for t in (quality or {}).get("targets") or []:
        # a target the model knows under another name (the same aliases) has that target's figures and balance
        name = t["target"] if not t.get("trained_as") else f"{t['target']} (read as {t['trained_as']})"
        if not t.get("measured"):
            rows.append({"target": name, "key": t["target"]})
            continue
        rows.append({"target": name, "key": t["target"], "coded pairs": t["pairs"],
                     "coded label given": f"{t['accuracy']:.2f}",
                     "always its usual side": f"{t['majority_side']} {t['majority']:.2f}",
                     "side given": t["labelled"],
                     "side right": None if t.get("side_accuracy") is None else f"{t['side_accuracy']:.2f}",
                     "usual side right": None if t.get("side_majority") is None else f"{t['side_majority']:.2f}"})
    if priors:
        columns.append("sides read with")
        for row in rows:
            b = priors.get(row["key"])
            row["sides read with"] = "the balance the model learned" if b is None else _balance_text(b)
    # all text, a missing figure NaN: an HTML table shows it as a dash (a missing integer would show "<NA>")
    return pd.DataFrame([{c: np.nan if row.get(c) is None else str(row[c]) for c in columns} for row in rows],
                        columns=columns, dtype=object)


def _balance_text(b: dict) -> str:
    """Where a new target's balance of sides came from, and the balance (:func:`stance_quality_table`).

    >>> _balance_text({"favor": 0.6, "against": 0.1, "neutral": 0.3, "candidates": 12, "given": "b.yml"})
    'the balance given in b.yml: favor 0.60, against 0.10, neutral 0.30 (12 coded statements)'
    >>> _balance_text({"favor": 0.95, "against": 0.02, "neutral": 0.03, "candidates": 90}).split("; ")[1]
    "one-sided: every speaker's side is pulled toward favor, an opposing camp's too"
    """
    from framing.stance.priors import describe_balance, one_sided_note

    shares = describe_balance(b)
    if b.get("given"):
        counted = f" ({b['candidates']} coded statements)" if b.get("candidates") is not None else ""
        return f"the balance given in {b['given']}: {shares}{counted}"
    note = one_sided_note(b)
    warning = f"; {note}" if note else ""
    return f"the corpus' balance: {shares} ({b.get('candidates', 0)} statements){warning}"


# --- HTML -----------------------------------------------------------------------------------------


def html_table(df: pd.DataFrame, *, float_format: str = "{:.2f}", classes: str = "framing-table") -> str:
    """``df`` as an HTML table, every cell and header escaped."""
    table = df.to_html(index=False, escape=True, na_rep="–", classes=classes, border=0,
                       float_format=float_format.format)
    # each cell finds its own direction, so an Arabic sentence reads right to left inside an English page;
    # the markup is pandas', and the escaped cell text cannot contain "<td>"
    return table.replace("<td>", '<td dir="auto">')


def more_rows_html(total: int, shown: int, csv_name: str) -> str:
    """A note under a table cut to its first ``shown`` rows, linking the CSV that has them all ("" when none was cut).

    >>> more_rows_html(40, 25, "speakers.csv")
    '<p>The first 25 of 40 rows; all are in <a href="tables/speakers.csv">tables/speakers.csv</a>.</p>'
    """
    if total <= shown:
        return ""
    name = html.escape(csv_name)
    return f'<p>The first {shown} of {total} rows; all are in <a href="tables/{name}">tables/{name}</a>.</p>'


def anchor(*parts) -> str:
    """An HTML id from text parts (ASCII letters, digits, ``-`` and ``_`` only).

    >>> anchor("stance", "anon:ukraine presidency", "United States")
    'stance-anon-ukraine-presidency-united-states'
    """
    text = "-".join(str(p) for p in parts).lower()
    return re.sub(r"[^a-z0-9_]+", "-", text).strip("-")


#: Characters of a quote shown in the report (the whole text is in tables/stance_utterances.csv).
QUOTE_CHARS = 400


def _shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """``text`` cut at a word boundary before ``limit`` characters, with an ellipsis when cut.

    >>> _shorten("one two three", 8)
    'one two …'
    """
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return (cut[: cut.rfind(" ") + 1] if " " in cut else cut) + "…"


def _examples_html(rows: pd.DataFrame) -> str:
    """Example quotes as a list: the quote, then its label, title, outlet, date and a link to the article."""
    esc = html.escape
    items = []
    for r in rows.to_dict("records"):
        source = " · ".join(esc(str(r[k])) for k in ("outlet", "date") if isinstance(r.get(k), str) and r[k])
        title = r.get("title") if isinstance(r.get("title"), str) and r.get("title") else r.get("doc_id")
        url = r.get("url")
        title_html = f'<bdi>{esc(str(title))}</bdi>'
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            title_html = f'<a href="{esc(url, quote=True)}">{title_html}</a>'
        score = "" if pd.isna(r.get("score")) else f" {float(r['score']):+.2f}"
        items.append(f'<li><q dir="auto">{esc(_shorten(str(r.get("content") or "")))}</q> <small>({esc(str(r["label"]))}'
                     f"{score}; {title_html}{', ' + source if source else ''}, paragraph {r.get('paragraph')})"
                     "</small></li>")
    return "<ul>" + "".join(items) + "</ul>"


def stance_cells_html(stance: pd.DataFrame, behind: pd.DataFrame, labels: dict | None = None, *,
                      decisions: pd.DataFrame | None = None, targets=None, documents: pd.DataFrame | None = None,
                      examples: int | None = None, n_column: str = "n_mentions", unit: str = "utterances") -> str:
    """The stance table with each speaker x target cell linking to the utterances behind it.

    Cells show ``favor / against (n)``, led by the speaker-level label when
    ``decisions`` (:func:`framing.stance.decide.decide_stance` by
    ``speaker_id``, with ``targets`` to name their slugs) are given, or else
    by ``stance``'s own ``label`` column when it has one; each
    links to a collapsed list of its utterances, strongest first, further
    down.  With ``documents`` and ``examples``, that list holds the
    ``examples`` strongest quotes with their title, outlet, date and link
    (the rest are in ``tables/stance_utterances.csv``), so the page stays
    small on a large corpus; without, every utterance (paragraph, label,
    score, text).  ``n_column`` counts each cell's units: the utterances of
    :func:`stance_table`, or with ``unit="documents"`` the documents of
    :func:`framing.stance.shares.document_shares`.  Every value is escaped.
    """
    labels = labels or {}
    named = stance[stance[n_column] > 0]
    if named.empty:
        return "<p>No utterance names a stance target.</p>"
    targets = [t for t in dict.fromkeys(stance["target"]) if t in set(named["target"])]
    esc = html.escape
    head = "".join(f"<th>{esc(t)}</th>" for t in targets)
    body, details = [], []
    cells = named.set_index(["speaker_id", "target"])
    decided = {}
    if decisions is not None and len(decisions):
        from framing.stance.targets import Target, slugify

        names = {(t.slug if isinstance(t, Target) else slugify(str(t))): getattr(t, "name", str(t))
                 for t in (targets or [])}
        decided = {(r["speaker_id"], names.get(r["target"], r["target"])): r["label"]
                   for r in decisions.to_dict("records")}
    elif "label" in stance.columns:
        decided = {(r["speaker_id"], r["target"]): r["label"] for r in named.to_dict("records")}
    by_cell = {key: rows for key, rows in behind.groupby(["speaker_id", "target"], sort=False)}
    for sid in dict.fromkeys(named["speaker_id"]):
        row = [f'<th dir="auto">{esc(labels.get(sid, sid))}</th>']
        for t in targets:
            if (sid, t) not in cells.index:
                row.append("<td>–</td>")
                continue
            c = cells.loc[(sid, t)]
            ident = anchor("stance", sid, t)
            lead = f"<b>{esc(decided[(sid, t)])}</b> · " if (sid, t) in decided else ""
            own = c.get("n_named")
            own = f"; {int(own)} in own words" if own is not None and pd.notna(own) else ""
            row.append(f'<td><a href="#{ident}">{lead}{c["favor"]:.2f} / {c["against"]:.2f} '
                       f'(n={int(c[n_column])}{own})</a></td>')
            utts = by_cell.get((sid, t), behind.iloc[:0])
            utts = utts.assign(_s=utts["score"].abs().fillna(0)).sort_values("_s", ascending=False,
                                                                             kind="stable").drop(columns="_s")
            if documents is not None and examples is not None:
                top = quote_examples(utts, documents, n=examples)
                more = len(utts) - len(top)
                inner = _examples_html(top) + (f"<p>{more} more in tables/stance_utterances.csv.</p>" if more else "")
            else:
                inner = html_table(utts[["paragraph", "label", "score", "content"]])
            # the id sits inside <details>: browsers open a closed <details> to show a fragment target
            details.append(f'<details><summary id="{ident}"><bdi>{esc(labels.get(sid, sid))}</bdi> → {esc(t)}: '
                           f'{len(utts)} utterance{"s" if len(utts) != 1 else ""}</summary>'
                           f"{inner}</details>")
        body.append("<tr>" + "".join(row) + "</tr>")
    table = (f'<table class="framing-table"><thead><tr><th>speaker</th>{head}</tr></thead>'
             f"<tbody>{''.join(body)}</tbody></table>")
    lead_note = ("the side most of the speaker's documents take (divided when as many take each), then "
                 if decisions is None and "label" in stance.columns else
                 "the speaker's stance (any side taken outweighs neutral statements; the stronger side wins), then ")
    note = ("<p>Each cell: " + (lead_note if decided else "") +
            (f"share favor / share against among the speaker's {unit} that address the target (n). "
             if unit == "utterances" else
             "share favor / share against among the documents in which the speaker addresses the target, one "
             "decision per document (n documents). ")
            + (f"“In own words”: the {unit} in which the speaker's own words name the target; in the others the "
               "side is read from the context (the paragraph, headline or article names the target), which may "
               "carry the outlet's words more than the speaker's. " if "n_named" in named.columns
               and named["n_named"].notna().any() else "")
            + ("Click a cell for its strongest quotes, with their articles." if examples is not None and documents is not None
                else "Click a cell for the utterances behind it, strongest first.") + "</p>")
    return note + table + "\n" + "\n".join(details) + _OPEN_TARGET


# For browsers that do not open a <details> around a link target by themselves; the page works without it.
_OPEN_TARGET = ("<script>(function(){function open(){var e=location.hash&&document.getElementById("
                "decodeURIComponent(location.hash.slice(1)));var d=e&&e.closest('details');if(d){d.open=true;}}"
                "window.addEventListener('hashchange',open);open();})();</script>")


def paragraph_html(template: str, **values) -> str:
    """A ``<p>`` from a template whose ``{placeholders}`` are filled with escaped values.

    >>> paragraph_html("{name} is quoted {n} times.", name="<b>X</b>", n=3)
    '<p>&lt;b&gt;X&lt;/b&gt; is quoted 3 times.</p>'
    """
    return "<p>" + template.format(**{k: html.escape(str(v)) for k, v in values.items()}) + "</p>"


__all__ = ["CSV_FLOAT", "HEADERS", "LATEX_FLOAT", "LATEX_PREAMBLE", "anchor", "human_header", "more_rows_html", "corpus_table", "html_table", "latex_table", "paragraph_html",
           "frames_table", "outlet_speakers_table", "period_table", "problems_table", "quote_examples", "report_speakers_table", "sentiment_table", "stance_cells_html", "stance_table",
           "stance_utterances", "top_outlets", "topic_shares_by", "topic_shares_table", "topic_words_table", "write_table"]
