"""Tests for framing.grouping: which columns are measures, and period labels."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.grouping import measure_columns, period_labels


def test_measure_columns_picks_numeric_measures_and_derives_stance_shares():
    m = pd.DataFrame({
        "utterance_id": ["u1"], "lang": ["en"], "sentiment": [0.2], "sentiment_label": ["positive"],
        "sentiment_method": ["sentiment.lexicon.en.v1"], "stance_russia": [0.5],
        "stance_russia_label": ["favor"], "stance_eu_label": ["none"], "stance_method": ["s.v1"],
        "topic_0": [0.6], "topic_1": [0.4], "topic": [0], "topic_method": ["lda.v1"],
    })
    assert measure_columns(m) == [
        "sentiment", "stance_russia", "stance_russia_favor", "stance_russia_against",
        "stance_eu_favor", "stance_eu_against", "topic_0", "topic_1"]


def test_measure_columns_does_not_count_precomputed_shares_as_targets():
    m = pd.DataFrame({"utterance_id": ["u1"], "stance_nato": [0.1], "stance_nato_label": ["against"],
                      "stance_nato_favor": [0.0]})
    assert measure_columns(m) == ["stance_nato", "stance_nato_favor", "stance_nato_against"]


def test_period_labels_for_each_frequency():
    dates = pd.Series(["2021-12-03", "2022-01-02", None, "2021-02-28T23:30:00-05:00"])
    expected = {
        "D": ["2021-12-03", "2022-01-02", None, "2021-02-28"],
        "W": ["2021-W48", "2021-W52", None, "2021-W08"],  # 2 Jan 2022 is in ISO week 52 of 2021
        "M": ["2021-12", "2022-01", None, "2021-02"],
        "Q": ["2021Q4", "2022Q1", None, "2021Q1"],
        "Y": ["2021", "2022", None, "2021"],
    }
    for freq, labels in expected.items():
        got = period_labels(dates, freq)
        assert [None if pd.isna(v) else v for v in got] == labels, freq


def test_period_labels_warn_about_bad_dates_by_index():
    dates = pd.Series(["2021-12-03", "03/12/2021"], index=["u1", "u2"])
    with pytest.warns(UserWarning, match=r"'u2': '03/12/2021'"):
        labels = period_labels(dates, "M")
    assert labels.iloc[0] == "2021-12" and pd.isna(labels.iloc[1])
    with pytest.raises(ValueError, match="frequency"):
        period_labels(dates, "H")
