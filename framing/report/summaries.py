"""Short texts that state what each report figure shows, written from the numbers.

Every function returns an HTML paragraph in which every value taken from
the data (names, outlets, titles) is escaped, so an article that contains
``<script>`` shows it as text.

Examples
--------
>>> import pandas as pd
>>> sp = pd.DataFrame({"speaker_id": ["a", "b"], "name_en": ["Ana <b>", "Bo"], "name_ar": [None, None],
...                    "n_utterances": [3, 1], "n_documents": [2, 1], "low_n": [False, True]})
>>> print(speakers_summary(sp, min_utterances=3))
<p>2 speakers are quoted in 4 utterances. Most quoted: Ana &lt;b&gt; (3 utterances in 2 documents), Bo (1 utterance in 1 document). 1 speaker has fewer than 3 utterances: read their figures as anecdotes, not estimates.</p>
"""

from __future__ import annotations

import html
import re

import pandas as pd

esc = html.escape


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _p(*sentences: str) -> str:
    return "<p>" + " ".join(s for s in sentences if s) + "</p>"


def _name(row) -> str:
    return esc(str(row.get("name_en") or row.get("speaker") or row.get("speaker_id")))


def corpus_summary(documents: pd.DataFrame, manifest, name: str) -> str:
    """How many documents, from which outlets and languages, over which dates; what was skipped."""
    n = len(documents)
    outlets = documents["outlet"].dropna().astype(str).value_counts() if n else pd.Series(dtype=int)
    langs = documents["lang"].dropna().astype(str).value_counts() if n else pd.Series(dtype=int)
    dates = documents["date"].dropna().astype(str).str[:10] if n else pd.Series(dtype=str)
    s = manifest.summary()
    first = (f"The corpus {esc(name)} holds {_n(n, 'document')} from {_n(len(outlets), 'outlet')} "
             f"({', '.join(f'{esc(o)}: {c}' for o, c in outlets.head(5).items()) or 'none named'}) in "
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


def stance_summary(stance: pd.DataFrame, labels: dict) -> str:
    """Which speaker takes the clearest stance toward which target."""
    named = stance[stance["n_mentions"] > 0]
    if named.empty:
        return _p("No utterance names any of the stance targets, so the heatmap is empty.")
    pairs = len(named)
    lean = named.assign(net=named["favor"] - named["against"])
    best = []
    for side, col in (("in favor of", "favor"), ("against", "against")):
        pick = lean[lean[col] > 0].sort_values([col, "n_mentions", "speaker_id", "target"],
                                               ascending=[False, False, True, True], kind="stable")
        if len(pick):
            r = pick.iloc[0]
            best.append(f"{esc(labels.get(r['speaker_id'], r['speaker_id']))} is most often {side} "
                        f"{esc(r['target'])} (share {r[col]:.2f}, 95% CI {r[col + '_ci_low']:.2f}–"
                        f"{r[col + '_ci_high']:.2f}, n = {int(r['n_mentions'])})")
    return _p(f"{_n(pairs, 'speaker–target pair')} {'has' if pairs == 1 else 'have'} at least one utterance naming "
              "the target. Blue cells give the share of those utterances in favor, orange the share against; "
              "grey cells mean the speaker never names the target.",
              ("; ".join(best) + ".") if best else "No utterance takes a side.")


def sentiment_summary(sentiment: pd.DataFrame, labels: dict) -> str:
    """The most positive and most negative speakers, and how many intervals exclude zero."""
    rows = sentiment.dropna(subset=["mean"])
    if rows.empty:
        return _p("No utterance has a sentiment score.")
    order = rows.sort_values(["mean", "speaker_id"], kind="stable")
    lo, hi = order.iloc[0], order.iloc[-1]

    def one(r) -> str:
        return (f"{esc(labels.get(r['speaker_id'], r['speaker_id']))} ({r['mean']:+.2f}, 95% CI "
                f"{r['ci_low']:+.2f} to {r['ci_high']:+.2f}, n = {int(r['n'])})")

    clear = int(((rows["ci_low"] > 0) | (rows["ci_high"] < 0)).sum())
    return _p(f"Most positive: {one(hi)}; most negative: {one(lo)}.",
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
            parts.append(f"{esc(labels.get(r['speaker_id'], r['speaker_id']))}: topic {t} "
                         f"({esc(label.iloc[0]) if len(label) else ''}, {values[t]:.2f})")
    return _p(f"{_n(len(words), 'topic')}, each shown by its heaviest words.",
              ("Dominant topic of the most quoted speakers — " + "; ".join(parts) + ".") if parts else "")


def code_spans_html(text: str) -> str:
    """Escape ``text`` and turn Markdown code spans (`like this`) into ``<code>``.

    >>> code_spans_html("method `a<b` used")
    'method <code>a&lt;b</code> used'
    """
    return re.sub(r"`([^`]*)`", r"<code>\1</code>", esc(text))


__all__ = ["code_spans_html", "corpus_summary", "sentiment_summary", "speakers_summary", "stance_summary",
           "topics_summary"]
