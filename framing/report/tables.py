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
\\begin{tabular}{lr}
\\toprule
speaker & mean \\\\
\\midrule
Kremlin & 0.12 \\\\
\\bottomrule
\\end{tabular}
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
    """A LaTeX ``booktabs`` table (``\\toprule``, ``\\midrule``, ``\\bottomrule``); text is escaped.

    Arabic text is kept as UTF-8: typeset it with XeLaTeX or LuaLaTeX and an Arabic font.
    """
    return df.to_latex(index=False, float_format=float_format, na_rep="--", escape=True,
                       caption=latex_escape(caption) if caption else caption, label=label)


_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def latex_escape(text: str) -> str:
    """Escape LaTeX's special characters in running text (captions).

    >>> print(latex_escape("95% CIs for stance_russia"))
    95\\% CIs for stance\\_russia
    """
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def write_table(df: pd.DataFrame, directory, name: str, *, latex: bool = True, caption: str | None = None) -> list[Path]:
    """Write ``name.csv`` (and ``name.tex``) into ``directory``; return the paths.

    The CSV is UTF-8 with ``\\n`` line ends and :data:`CSV_FLOAT` floats; the
    LaTeX table gets the caption and the label ``tab:<name>``.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    csv = out / f"{name}.csv"
    csv.write_text(df.to_csv(index=False, float_format=CSV_FLOAT, lineterminator="\n"), encoding="utf-8")
    paths = [csv]
    if latex:
        tex = out / f"{name}.tex"
        tex.write_text(latex_table(df, caption=caption, label=f"tab:{name}"), encoding="utf-8")
        paths.append(tex)
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
    """What the reader skipped or kept with a caveat, and why: ``kind, source, place, reason``."""
    frame = manifest.to_frame()
    return frame.sort_values(["kind", "source", "place", "reason"], kind="stable", ignore_index=True)


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
    is the one the speaker's utterances carry most often (from the registry).
    """
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
    """The utterances behind each speaker x target cell: one row per utterance naming the target."""
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
            "score": named.get(f"stance_{t.slug}"), "content": named["content"]}))
    columns = ["speaker_id", "target", "utterance_id", "doc_id", "paragraph", "label", "score", "content"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


# --- sentiment ------------------------------------------------------------------------------------


def sentiment_table(speakers: pd.DataFrame, utterances: pd.DataFrame, measures: pd.DataFrame) -> pd.DataFrame:
    """Mean sentiment per speaker with its 95% CI, and the count of each sentiment label."""
    out = pd.DataFrame({
        "speaker_id": speakers["speaker_id"],
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


# --- HTML -----------------------------------------------------------------------------------------


def html_table(df: pd.DataFrame, *, float_format: str = "{:.2f}", classes: str = "framing-table") -> str:
    """``df`` as an HTML table, every cell and header escaped."""
    table = df.to_html(index=False, escape=True, na_rep="–", classes=classes, border=0,
                       float_format=float_format.format)
    # each cell finds its own direction, so an Arabic sentence reads right to left inside an English page;
    # the markup is pandas', and the escaped cell text cannot contain "<td>"
    return table.replace("<td>", '<td dir="auto">')


def anchor(*parts) -> str:
    """An HTML id from text parts (ASCII letters, digits, ``-`` and ``_`` only).

    >>> anchor("stance", "anon:ukraine presidency", "United States")
    'stance-anon-ukraine-presidency-united-states'
    """
    text = "-".join(str(p) for p in parts).lower()
    return re.sub(r"[^a-z0-9_]+", "-", text).strip("-")


def stance_cells_html(stance: pd.DataFrame, behind: pd.DataFrame, labels: dict | None = None, *,
                      decisions: pd.DataFrame | None = None, targets=None) -> str:
    """The stance table with each speaker x target cell linking to the utterances behind it.

    Cells show ``favor / against (n)``, led by the speaker-level label when
    ``decisions`` (:func:`framing.stance.decide.decide_stance` by
    ``speaker_id``, with ``targets`` to name their slugs) are given; each
    links to a collapsed list of its utterances (paragraph, label, score,
    text), strongest first, further down.  Every value is escaped.
    """
    labels = labels or {}
    named = stance[stance["n_mentions"] > 0]
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
    for sid in dict.fromkeys(named["speaker_id"]):
        row = [f"<th>{esc(labels.get(sid, sid))}</th>"]
        for t in targets:
            if (sid, t) not in cells.index:
                row.append("<td>–</td>")
                continue
            c = cells.loc[(sid, t)]
            ident = anchor("stance", sid, t)
            lead = f"<b>{esc(decided[(sid, t)])}</b> · " if (sid, t) in decided else ""
            row.append(f'<td><a href="#{ident}">{lead}{c["favor"]:.2f} / {c["against"]:.2f} '
                       f'(n={int(c["n_mentions"])})</a></td>')
            utts = behind[(behind["speaker_id"] == sid) & (behind["target"] == t)]
            utts = utts.assign(_s=utts["score"].abs().fillna(0)).sort_values("_s", ascending=False,
                                                                             kind="stable").drop(columns="_s")
            shown = utts[["paragraph", "label", "score", "content"]]
            # the id sits inside <details>: browsers open a closed <details> to show a fragment target
            details.append(f'<details><summary id="{ident}">{esc(labels.get(sid, sid))} → {esc(t)}: '
                           f'{len(utts)} utterance{"s" if len(utts) != 1 else ""}</summary>'
                           f"{html_table(shown)}</details>")
        body.append("<tr>" + "".join(row) + "</tr>")
    table = (f'<table class="framing-table"><thead><tr><th>speaker</th>{head}</tr></thead>'
             f"<tbody>{''.join(body)}</tbody></table>")
    note = ("<p>Each cell: " + ("the speaker's stance (any side taken outweighs neutral statements; the "
                                "stronger side wins), then " if decided else "") +
            "share favor / share against among the speaker's utterances that address the target (n). "
            "Click a cell for the utterances behind it, strongest first.</p>")
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


__all__ = ["CSV_FLOAT", "LATEX_FLOAT", "anchor", "corpus_table", "html_table", "latex_table", "paragraph_html",
           "problems_table", "report_speakers_table", "sentiment_table", "stance_cells_html", "stance_table",
           "stance_utterances", "topic_shares_table", "topic_words_table", "write_table"]
