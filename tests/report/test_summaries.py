"""Tests for framing.report.summaries: the sentences state the numbers and escape names."""

from __future__ import annotations

import pandas as pd

from framing.report import summaries


def test_summaries_state_the_numbers_and_escape_names():
    sentiment = pd.DataFrame({"speaker_id": ["a", "b"], "n": [4, 2], "mean": [0.5, -0.25],
                              "ci_low": [0.1, -0.5], "ci_high": [0.9, 0.0]})
    text = summaries.sentiment_summary(sentiment, {"a": "<Ana>"})
    assert "Most positive: &lt;Ana&gt; (+0.50, 95% CI +0.10 to +0.90, n = 4)" in text
    assert "most negative: b (-0.25" in text and "For 1 speaker of 2 the interval excludes 0" in text
    assert summaries.code_spans_html("`x<y` and <b>") == "<code>x&lt;y</code> and &lt;b&gt;"
