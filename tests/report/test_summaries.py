"""Tests for framing.report.summaries: the sentences state the numbers, escape and isolate names."""

from __future__ import annotations

import pandas as pd

from framing.report import summaries


def test_summaries_state_the_numbers_and_escape_names():
    sentiment = pd.DataFrame({"speaker_id": ["a", "b"], "n": [4, 2], "mean": [0.5, -0.25],
                              "ci_low": [0.1, -0.5], "ci_high": [0.9, 0.0]})
    text = summaries.sentiment_summary(sentiment, {"a": "<Ana>"})
    assert "Most positive: <bdi>&lt;Ana&gt;</bdi> (+0.50, 95% CI +0.10 to +0.90, n = 4)" in text
    assert "most negative: <bdi>b</bdi> (-0.25" in text and "For 1 speaker of 2 the interval excludes 0" in text
    assert summaries.code_spans_html("`x<y` and <b>") == "<code>x&lt;y</code> and &lt;b&gt;"


def test_an_arabic_name_is_isolated_so_the_numbers_keep_their_order():
    sentiment = pd.DataFrame({"speaker_id": ["p"], "n": [5], "mean": [0.43], "ci_low": [0.1], "ci_high": [0.7]})
    text = summaries.sentiment_summary(sentiment, {"p": "ديمتري بيسكوف"})
    # the bidi algorithm would carry "(+0.43, 95% CI" into the right-to-left run without the isolate
    assert "<bdi>ديمتري بيسكوف</bdi> (+0.43, 95% CI +0.10 to +0.70, n = 5)" in text


def _stance(n_small: int, n_big: int) -> pd.DataFrame:
    return pd.DataFrame({"speaker_id": ["pentagon", "ministry"], "target": ["Russia", "Russia"],
                         "n_mentions": [n_small, n_big], "favor": [0.0, 0.1], "favor_ci_low": [0.0, 0.0],
                         "favor_ci_high": [0.0, 0.3], "against": [1.0, 0.6], "against_ci_low": [1.0, 0.4],
                         "against_ci_high": [1.0, 0.8]})


def test_headlines_leave_out_groups_below_min_utterances():
    text = summaries.stance_summary(_stance(2, 10), {}, min_utterances=3)
    assert "<bdi>pentagon</bdi>" not in text
    assert "<bdi>ministry</bdi> is most often against <bdi>Russia</bdi> (share 0.60" in text
    assert "1 speaker–target pair with fewer than 3 utterances is shown but not summarized" in text
    # without the threshold the two-utterance share of 1.00 would lead
    assert "<bdi>pentagon</bdi> is most often against" in summaries.stance_summary(_stance(2, 10), {})


def test_a_degenerate_interval_is_said_to_be_one():
    text = summaries.stance_summary(_stance(5, 10), {}, min_utterances=3)
    assert "pentagon</bdi> is most often against <bdi>Russia</bdi> (share 1.00, 95% CI 1.00–1.00, n = 5 utterances — a " \
           "degenerate interval" in text


def test_sides_read_from_the_context_alone_are_said_to_be_so():
    stance = _stance(5, 10).rename(columns={"n_mentions": "n_documents"}).assign(n_named=[0, 4])
    text = summaries.stance_summary(stance, {}, min_utterances=3, unit="document", n_column="n_documents")
    assert "n = 5 documents — a degenerate interval: every one of these documents has this label; in 0 of them " \
           "the speaker's own words name the target)" in text
    assert "For 1 pair of 2 the speaker's own words never name the target" in text
    # a scorer that does not say where the target is named: nothing is claimed either way
    unknown = summaries.stance_summary(stance.assign(n_named=pd.NA), {}, min_utterances=3, unit="document",
                                       n_column="n_documents")
    assert "own words" not in unknown


def test_sentiment_headline_needs_enough_utterances():
    sentiment = pd.DataFrame({"speaker_id": ["a", "b"], "n": [1, 2], "mean": [0.9, -0.9],
                              "ci_low": [0.9, -0.9], "ci_high": [0.9, -0.9]})
    assert "No speaker has 3 or more utterances" in summaries.sentiment_summary(sentiment, {}, min_utterances=3)


def test_selection_and_duplicates_are_stated():
    record = {"counts": {"selection": "outlet is okaz", "left_out": 7, "documents": 3, "duplicate_documents": 1},
              "options": {"keep_duplicates": True}}
    text = summaries.selection_summary(record)
    assert "where outlet is okaz (3 documents; 7 read and left out)" in text
    assert "1 document repeats an earlier one: they count in the aggregates" in text
    assert summaries.selection_summary({}) == ""


def test_single_group_note_names_the_group():
    assert "one outlet (<bdi>Okaz</bdi>)" in summaries.single_group_note(["Okaz"], "outlet")
    assert "No utterance has an outlet" in summaries.single_group_note([], "outlet")


def test_the_merges_of_name_variants_are_counted_and_the_largest_shown():
    merges = pd.DataFrame({"speaker": ["سالم الراشد", "Dr. Lee", "Ann Roe"], "merged_into": ["x:1", "x:2", "x:2"],
                           "merged_speaker": ["سالم بن علي الراشد", "Dr. Kim Lee", "Dr. Kim Lee"],
                           "n_utterances": [4, 9, 1]})
    text = summaries.merges_summary(merges, top=2)
    assert "3 name variants (14 utterances) were merged into 2 speakers" in text
    assert text.index("Dr. Lee") < text.index("سالم الراشد") and "Ann Roe" not in text  # largest first, top 2
    assert "<bdi>سالم الراشد</bdi>" in text and "speaker_merges.csv" in text
    assert summaries.merges_summary(merges.iloc[:0]) == ""


def test_stance_quality_summary_names_targets_below_or_near_their_usual_side_escaped():
    from framing.report.summaries import stance_quality_summary

    rows = [{"target": "Egypt <b>", "measured": True, "side_accuracy": 0.79, "side_majority": 0.88},
            {"target": "Israel", "measured": True, "side_accuracy": 0.815, "side_majority": 0.815},
            {"target": "United States", "measured": True, "side_accuracy": 0.63, "side_majority": 0.5},
            {"target": "NATO", "measured": False}]
    text = stance_quality_summary({"targets": rows})
    assert "less often right than the usual side: <bdi>Egypt &lt;b&gt;</bdi>." in text
    assert "Within 0.05 of it: <bdi>Israel</bdi>." in text
    assert "United States" not in text  # ahead of its usual side by more than 0.05: nothing to warn of
    assert "Not measured (no coded speakers toward them): <bdi>NATO</bdi>" in text
    assert "no per-target figures" in stance_quality_summary(None)
