"""Short texts that state what each report figure shows, written from the numbers.

Every function returns an HTML paragraph in which every value taken from
the data (names, outlets, titles) is escaped, so an article that contains
``<script>`` shows it as text, and isolated in ``<bdi>``, so an Arabic name
inside an English sentence keeps the numbers around it in their order.

Headline sentences name only groups with at least ``min_utterances``
utterances: a share of 1.00 from two utterances is an anecdote, not a finding.

Examples
--------
>>> import pandas as pd
>>> sp = pd.DataFrame({"speaker_id": ["a", "b"], "name_en": ["Ana <b>", "Bo"], "name_ar": [None, None],
...                    "n_utterances": [3, 1], "n_documents": [2, 1], "low_n": [False, True]})
>>> print(speakers_summary(sp, min_utterances=3))
<p>2 speakers are quoted in 4 utterances. Most quoted: <bdi>Ana &lt;b&gt;</bdi> (3 utterances in 2 documents), <bdi>Bo</bdi> (1 utterance in 1 document). 1 speaker has fewer than 3 utterances: read their figures as anecdotes, not estimates.</p>
"""

from __future__ import annotations

import html
import re

import pandas as pd

esc = html.escape


def bdi(text) -> str:
    """``text`` escaped and isolated from the sentence around it (``<bdi>``).

    >>> bdi("ديمتري <x>")
    '<bdi>ديمتري &lt;x&gt;</bdi>'
    """
    return f"<bdi>{esc(str(text))}</bdi>"


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"


def _p(*sentences: str) -> str:
    return "<p>" + " ".join(s for s in sentences if s) + "</p>"


def _name(row) -> str:
    return bdi(row.get("name_en") or row.get("speaker") or row.get("speaker_id"))


def corpus_summary(documents: pd.DataFrame, manifest, name: str) -> str:
    """How many documents, from which outlets and languages, over which dates; what was skipped."""
    n = len(documents)
    outlets = documents["outlet"].dropna().astype(str).value_counts() if n else pd.Series(dtype=int)
    langs = documents["lang"].dropna().astype(str).value_counts() if n else pd.Series(dtype=int)
    dates = documents["date"].dropna().astype(str).str[:10] if n else pd.Series(dtype=str)
    s = manifest.summary()
    first = (f"The corpus {bdi(name)} holds {_n(n, 'document')} from {_n(len(outlets), 'outlet')} "
             f"({', '.join(f'{bdi(o)}: {c}' for o, c in outlets.head(5).items()) or 'none named'}"
             f"{', ...' if len(outlets) > 5 else ''}) in "
             f"{_n(len(langs), 'language')} ({', '.join(f'{esc(l)}: {c}' for l, c in langs.items()) or 'none'}).")
    when = (f"Dates run from {esc(dates.min())} to {esc(dates.max())}"
            + (f"; {_n(n - len(dates), 'document')} undated." if len(dates) < n else ".")) if len(dates) else \
        "No document is dated."
    skipped = (f"The reader skipped {_n(s['skipped'], 'input')} and kept {_n(s['warnings'], 'document')} with a "
               "warning; the table below lists each with its place and reason."
               if s["skipped"] or s["warnings"] else "The reader skipped nothing and raised no warning.")
    return _p(first, when, skipped)


def speakers_summary(speakers: pd.DataFrame, *, min_utterances: int, top: int = 3) -> str:
    """Who is quoted most, and how many speakers have too few utterances to estimate from."""
    if speakers.empty:
        return _p("No reported statement was found, so no speaker is shown.")
    total = int(speakers["n_utterances"].sum())
    most = ", ".join(f"{_name(r)} ({_n(int(r['n_utterances']), 'utterance')} in {_n(int(r['n_documents']), 'document')})"
                     for r in speakers.head(top).to_dict("records"))
    low = int(speakers["low_n"].sum())
    few = (f"{_n(low, 'speaker')} {'has' if low == 1 else 'have'} fewer than {min_utterances} utterances: "
           "read their figures as anecdotes, not estimates." if low else "")
    return _p(f"{_n(len(speakers), 'speaker')} {'is' if len(speakers) == 1 else 'are'} quoted in "
              f"{_n(total, 'utterance')}. Most quoted: {most}.", few)


def merges_summary(merges: pd.DataFrame, *, top: int = 3) -> str:
    """How many name variants were merged into one speaker across articles, with the largest merges.

    >>> m = pd.DataFrame({"speaker": ["سالم الراشد"], "merged_into": ["x:1"], "merged_speaker": ["سالم بن علي الراشد"],
    ...                   "n_utterances": [4]})
    >>> "1 name variant" in merges_summary(m), merges_summary(m.iloc[:0])
    (True, '')
    """
    if merges is None or merges.empty:
        return ""
    largest = merges.sort_values("n_utterances", ascending=False, kind="stable").head(top)
    # long Arabic names inline in an English sentence are hard to read: one merge per line
    examples = "".join(f"<li>{bdi(r['speaker'])} → {bdi(r['merged_speaker'])} ({_n(int(r['n_utterances']), 'utterance')})</li>"
                       for r in largest.to_dict("records"))
    n_into = merges["merged_into"].nunique()
    return _p(f"{_n(len(merges), 'name variant')} ({_n(int(merges['n_utterances'].sum()), 'utterance')}) "
              f"{'was' if len(merges) == 1 else 'were'} merged into {_n(n_into, 'speaker')} named more fully "
              "elsewhere in the corpus, each on evidence (shared title words or a shared article). The largest:") \
        + f"<ul>{examples}</ul>" + _p("Each merge, its rule and its evidence are in <code>tables/speaker_merges.csv"
                                       "</code>; <code>framing analyze --no-merge-variants</code> keeps the variants apart.")


def _degenerate(low, high) -> bool:
    return pd.notna(low) and pd.notna(high) and abs(float(high) - float(low)) < 1e-9


def stance_summary(stance: pd.DataFrame, labels: dict, *, min_utterances: int = 1, noun: str = "speaker",
                   unit: str = "utterance", n_column: str = "n_mentions") -> str:
    """Which speaker (or outlet) takes the clearest stance toward which target, among those with enough support.

    Only pairs with at least ``min_utterances`` units (``n_column``: the
    utterances naming the target, or with ``unit="document"`` the documents in
    which the speaker addresses it, :func:`framing.stance.shares.document_shares`)
    are candidates; a degenerate interval (every unit with the same label) is
    said to be one.

    >>> st = pd.DataFrame({"speaker_id": ["a", "b"], "target": ["T", "T"], "n_mentions": [2, 5],
    ...     "favor": [1.0, 0.2], "favor_ci_low": [1.0, 0.0], "favor_ci_high": [1.0, 0.6],
    ...     "against": [0.0, 0.6], "against_ci_low": [0.0, 0.2], "against_ci_high": [0.0, 1.0]})
    >>> "<bdi>a</bdi>" in stance_summary(st, {}, min_utterances=3)
    False
    """
    named = stance[stance[n_column] > 0]
    if named.empty:
        return _p("No utterance names any of the stance targets, so the heatmap is empty.")
    pairs = len(named)
    enough = named[named[n_column] >= min_utterances]
    units = {"utterance": "utterances", "document": "documents"}.get(unit, unit + "s")
    best = []
    for side, col in (("in favor of", "favor"), ("against", "against")):
        pick = enough[enough[col] > 0].sort_values([col, n_column, "speaker_id", "target"],
                                                   ascending=[False, False, True, True], kind="stable")
        if len(pick):
            r = pick.iloc[0]
            low, high = r[col + "_ci_low"], r[col + "_ci_high"]
            note = f" — a degenerate interval: every one of these {units} has this label" \
                if _degenerate(low, high) else ""
            own = r.get("n_named")
            note += (f"; in {int(own)} of them the {noun}'s own words name the target" if own is not None
                     and pd.notna(own) and noun == "speaker" else "")
            best.append(f"{bdi(labels.get(r['speaker_id'], r['speaker_id']))} is most often {side} "
                        f"{bdi(r['target'])} (share {r[col]:.2f}, 95% CI {low:.2f}–{high:.2f}, "
                        f"n = {int(r[n_column])} {units if int(r[n_column]) != 1 else unit}{note})")
    few = pairs - len(enough)
    caveat = (f"{_n(few, noun + '–target pair')} with fewer than {min_utterances} {units} "
              f"{'is' if few == 1 else 'are'} shown but not summarized here." if few and min_utterances > 1 else "")
    if noun == "speaker" and "n_named" in named.columns:
        from framing.stance.shares import rests_on_context

        # a side read from the context alone may be the outlet's framing of the target more than the speaker's
        context = sum(map(rests_on_context, named["n_named"]))
        if context:
            caveat += (f" For {_n(context, 'pair')} of {pairs} the speaker's own words never name the target: "
                       "every side there is read from the paragraph, headline or article around their statements.")
    if unit == "document":
        opening = (f"{_n(pairs, noun + '–target pair')}: the {noun} addresses the target in at least one document. "
                   f"Blue cells give the share of those documents in which the {noun}'s stance (one decision per "
                   f"document) is in favor, orange the share against, with 95% Wilson intervals; grey cells mean "
                   f"the {noun} never addresses the target.")
    else:
        opening = (f"{_n(pairs, noun + '–target pair')} {'has' if pairs == 1 else 'have'} at least one utterance "
                   "with a stance toward the target. Blue cells give the share of those utterances in favor, orange "
                   f"the share against; grey cells mean the {noun} never addresses the target.")
    return _p(opening,
              ("; ".join(best) + ".") if best else (
                  f"No {noun} with at least {min_utterances} such {units} takes a side." if len(enough) < pairs
                  else "No utterance takes a side."), caveat)


def sentiment_summary(sentiment: pd.DataFrame, labels: dict, *, min_utterances: int = 1) -> str:
    """The most positive and most negative speakers (with at least ``min_utterances``), and how many intervals exclude zero."""
    rows = sentiment.dropna(subset=["mean"])
    rows = rows[rows["n"] >= min_utterances]
    if rows.empty:
        return _p("No utterance has a sentiment score." if sentiment.dropna(subset=["mean"]).empty else
                  f"No speaker has {min_utterances} or more utterances with a sentiment score to summarize.")
    order = rows.sort_values(["mean", "speaker_id"], kind="stable")
    lo, hi = order.iloc[0], order.iloc[-1]

    def one(r) -> str:
        return (f"{bdi(labels.get(r['speaker_id'], r['speaker_id']))} ({r['mean']:+.2f}, 95% CI "
                f"{r['ci_low']:+.2f} to {r['ci_high']:+.2f}, n = {int(r['n'])})")

    clear = int(((rows["ci_low"] > 0) | (rows["ci_high"] < 0)).sum())
    return _p(f"Most positive: {one(hi)}; most negative: {one(lo)}"
              + (f" (among the {len(rows)} speakers with {min_utterances} or more utterances)." if min_utterances > 1
                 else "."),
              f"For {_n(clear, 'speaker')} of {len(rows)} the interval excludes 0; hollow markers are speakers "
              "with few utterances.")


def topics_summary(words: pd.DataFrame, shares: pd.DataFrame, labels: dict) -> str:
    """How many topics, and each of the most quoted speakers' dominant topic."""
    if words.empty:
        return _p("The topic model has no topics.")
    topic_cols = [c for c in shares.columns if c != "speaker_id"]
    parts = []
    for r in shares.head(3).to_dict("records"):
        values = {t: r[t] for t in topic_cols if pd.notna(r[t])}
        if values:
            t = max(values, key=lambda k: (values[k], -int(k)))
            label = words.loc[words["topic"] == int(t), "label"]
            parts.append(f"{bdi(labels.get(r['speaker_id'], r['speaker_id']))}: topic {t} "
                         f"({bdi(label.iloc[0]) if len(label) else ''}, {values[t]:.2f})")
    return _p(f"{_n(len(words), 'topic')}, each shown by its heaviest words.",
              ("Dominant topic of the most quoted speakers — " + "; ".join(parts) + ".") if parts else "")


def frames_summary(measures: pd.DataFrame, speakers: pd.DataFrame, labels: dict, *, min_utterances: int = 1,
                   top: int = 3) -> str:
    """How many utterances use a frame, the most used frames, and the leading frame of the most quoted speakers.

    >>> m = pd.DataFrame({"frame_economic": [1.0, 0.0, 1.0, None], "frame_political": [0.0, 0.0, 1.0, None]})
    >>> sp = pd.DataFrame({"speaker_id": ["a"], "n_utterances": [3], "frame_economic_mean": [0.67],
    ...                    "frame_political_mean": [0.33]})
    >>> print(frames_summary(m, sp, {"a": "Ana"}, min_utterances=3))
    <p>2 of the 3 utterances in a language with a frames list use at least one frame. The most used: economic (0.67 of utterances), political (0.33). Leading frame of the most quoted speakers — <bdi>Ana</bdi>: economic (0.67).</p>
    """
    cols = [c for c in measures.columns if c.startswith("frame_")]
    scored = measures[cols].dropna(how="all")
    if scored.empty:
        return _p("No utterance is in a language with a frames list.")
    anyframe = int((scored.fillna(0) > 0).any(axis=1).sum())
    shares = scored.mean().sort_values(ascending=False, kind="stable")
    most = ", ".join(f"{esc(c[len('frame_'):].replace('_', ' '))} ({v:.2f}{' of utterances' if i == 0 else ''})"
                     for i, (c, v) in enumerate(shares.head(top).items()) if v > 0)
    lead = []
    for r in speakers[speakers["n_utterances"] >= min_utterances].head(top).to_dict("records"):
        means = {c: r.get(f"{c}_mean") for c in cols if pd.notna(r.get(f"{c}_mean"))}
        if means and max(means.values()) > 0:
            best = max(means, key=lambda c: (means[c], c))
            lead.append(f"{bdi(labels.get(r['speaker_id'], r['speaker_id']))}: "
                        f"{esc(best[len('frame_'):].replace('_', ' '))} ({means[best]:.2f})")
    return _p(f"{anyframe} of the {len(scored)} utterances in a language with a frames list use at least one frame.",
              f"The most used: {most}." if most else "",
              ("Leading frame of the most quoted speakers — " + "; ".join(lead) + ".") if lead else "")


def selection_summary(record: dict) -> str:
    """What the run chose of the corpus (its selection) and how duplicates were counted, from ``run.json``.

    >>> selection_summary({"counts": {"selection": "outlet is Okaz", "left_out": 90, "documents": 10,
    ...                    "duplicate_documents": 2}, "options": {"keep_duplicates": False}})
    '<p>The analysis kept the documents where outlet is Okaz (10 documents; 90 read and left out). 2 documents repeat an earlier one: they are left out of the aggregates (kept in the tables with duplicate_of).</p>'
    """
    counts, options = record.get("counts") or {}, record.get("options") or {}
    parts = []
    if counts.get("selection"):
        parts.append(f"The analysis kept the documents where {esc(counts['selection'])} "
                     f"({_n(int(counts.get('documents') or 0), 'document')}; {int(counts.get('left_out') or 0)} "
                     "read and left out).")
    dup = int(counts.get("duplicate_documents") or 0)
    if dup:
        parts.append(f"{_n(dup, 'document')} {'repeats' if dup == 1 else 'repeat'} an earlier one: "
                     + ("they count in the aggregates (keep_duplicates)." if options.get("keep_duplicates") else
                        "they are left out of the aggregates (kept in the tables with duplicate_of)."))
    return _p(*parts) if parts else ""


def stance_quality_summary(quality: dict | None) -> str:
    """How far to trust each target's sides: what the stance model's training measured per target.

    ``quality`` is ``run.json``'s ``stance_quality``
    (:func:`framing.stance.quality.quality_record`).

    >>> q = {"targets": [{"target": "US", "measured": True, "side_accuracy": 0.62, "side_majority": 0.6,
    ...                   "below_baseline": False}, {"target": "NATO", "measured": False}]}
    >>> s = stance_quality_summary(q)
    >>> "Within 0.05 of it: <bdi>US</bdi>" in s, "Not measured (no coded speakers toward them): <bdi>NATO</bdi>" in s
    (True, True)
    """
    if not quality or not quality.get("targets"):
        return _p("This run's stance method has no per-target figures of how far its sides hold.")
    rows = quality["targets"]

    def names(ts) -> str:
        return ", ".join(bdi(t) for t in ts)

    measured = [r for r in rows if r.get("measured") and r.get("side_accuracy") is not None
                and r.get("side_majority") is not None]
    below = [r["target"] for r in measured if r["side_accuracy"] < r["side_majority"]]
    close = [r["target"] for r in measured if 0 <= r["side_accuracy"] - r["side_majority"] < 0.05]
    unmeasured = [r["target"] for r in rows if not r.get("measured")]
    return _p(
        "For each target, the stance model's decisions on speakers coded over "
        "whole articles (the speaker round of its training set, each article decided by models that did not "
        "learn from it). Where a side is given, it is compared with always answering the side most coded "
        "speakers take toward the target; where the two are close, the model mostly repeats that usual side, "
        "and a speaker's share in favor or against says little of their own position.",
        f"Sides given less often right than the usual side: {names(below)}." if below else "",
        f"Within 0.05 of it: {names(close)}." if close else "",
        f"Not measured (no coded speakers toward them): {names(unmeasured)}; their sides come from the model's "
        "reading of the words and from the cue rules, unchecked against coders." if unmeasured else "")


def single_group_note(names, noun: str) -> str:
    """Why a comparison view is empty: the corpus has fewer than two groups (outlets, periods)."""
    if not names:
        return _p(f"No utterance has a{'n' if noun[0] in 'aeiou' else ''} {noun}, so there is nothing to compare.")
    return _p(f"All utterances come from one {noun} ({bdi(names[0])}), so there is nothing to compare.")


def code_spans_html(text: str) -> str:
    """Escape ``text`` and turn Markdown code spans (`like this`) into ``<code>``.

    >>> code_spans_html("method `a<b` used")
    'method <code>a&lt;b</code> used'
    """
    return re.sub(r"`([^`]*)`", r"<code>\1</code>", esc(text))


__all__ = ["bdi", "code_spans_html", "frames_summary", "selection_summary", "single_group_note", "corpus_summary", "sentiment_summary", "speakers_summary", "stance_quality_summary", "stance_summary",
           "topics_summary"]
