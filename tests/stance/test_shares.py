"""Tests for framing.stance.shares: stance shares count decisions per document, with honest intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing.stance.decide import decide_stance
from framing.stance.shares import document_shares, group_shares, majority_label, wilson_interval
from framing.stance.targets import Target


def test_wilson_interval_matches_the_textbook_values_and_is_never_of_zero_width():
    low, high = wilson_interval([0, 1, 7, 0], [10, 1, 10, 0])
    # Wilson (1927) at z = 1.96: 0 of 10 -> [0, 0.278], 7 of 10 -> [0.397, 0.892]
    assert low[0] == 0.0 and high[0] == pytest.approx(0.2775, abs=1e-3)
    assert low[1] == pytest.approx(0.2065, abs=1e-3) and high[1] == 1.0
    assert (low[2], high[2]) == (pytest.approx(0.3968, abs=1e-3), pytest.approx(0.8922, abs=1e-3))
    assert np.isnan(low[3]) and np.isnan(high[3])


def _quoted_at_length() -> pd.DataFrame:
    """Speaker a: 40 statements against NATO in one article, one in favor in each of two others."""
    rows = [("d1", "a", f"u{i}", -0.9, "against") for i in range(40)]
    rows += [("d2", "a", "v1", 0.8, "favor"), ("d3", "a", "w1", 0.7, "favor"), ("d3", "b", "w2", 0.0, "neutral")]
    return pd.DataFrame(rows, columns=["doc_id", "speaker_id", "utterance_id", "stance_nato", "stance_nato_label"])


def test_a_speaker_quoted_at_length_in_one_article_counts_once():
    nato = Target("NATO", {"en": ["NATO"]})
    shares = document_shares(decide_stance(_quoted_at_length(), [nato]), [nato]).set_index("speaker_id")
    a = shares.loc["a"]
    # by utterances a would be 40 of 42 against; by documents, 1 of 3
    assert (a["n_documents"], a["n_against"], a["n_favor"], a["n_utterances"]) == (3, 1, 2, 42)
    assert a["against"] == pytest.approx(1 / 3) and a["label"] == "favor" and a["target"] == "NATO"
    assert a["against_ci_low"] < a["against"] < a["against_ci_high"]
    b = shares.loc["b"]
    assert b["label"] == "neutral" and b["favor"] == 0.0 and b["favor_ci_high"] > 0.5


def test_speakers_who_never_address_a_target_get_an_empty_cell_in_the_given_order():
    d = decide_stance(_quoted_at_length(), ["nato"])
    shares = document_shares(d, ["nato", "iran"], speakers=["c", "b", "a"])
    assert shares["speaker_id"].tolist() == ["c", "c", "b", "b", "a", "a"]
    empty = shares[(shares["speaker_id"] == "c") | (shares["slug"] == "iran")]
    assert (empty["n_documents"] == 0).all() and empty["favor"].isna().all() and (empty["label"] == "none").all()


def test_shares_count_the_documents_where_the_speakers_own_words_name_the_target():
    u = _quoted_at_length()
    # a's side in d1 and d3 is read from the statements, in d2 from the article around them
    u["stance_nato_named_in"] = ["content"] * 40 + ["article", "content", "article"]
    shares = document_shares(decide_stance(u, ["nato"]), ["nato", "iran"], speakers=["a", "b"]).set_index(
        ["speaker_id", "slug"])
    assert shares.loc[("a", "nato"), "n_named"] == 2 and shares.loc[("b", "nato"), "n_named"] == 0
    assert shares.loc[("a", "iran"), "n_named"] == 0  # no decision: none rests on anything
    outlets = group_shares(decide_stance(u, ["nato"]).assign(outlet="x"), "outlet", ["nato"])
    assert outlets["n_named"].tolist() == [2] and outlets["n_decisions"].tolist() == [4]
    # without the scorer saying where: unknown
    assert document_shares(decide_stance(_quoted_at_length(), ["nato"]))["n_named"].isna().all()


def test_the_pooled_table_is_refused_as_it_would_count_one_decision_for_many_documents():
    d = decide_stance(_quoted_at_length(), ["nato"])
    with pytest.raises(ValueError, match="decide_stance"):
        document_shares(d.drop(columns="doc_id"))
    twice = pd.concat([d, d])
    with pytest.raises(ValueError, match="more than one decision"):
        document_shares(twice)


def test_outlet_shares_count_speakers_decisions_and_resample_documents():
    rows = []
    for outlet, n_docs in (("big", 40), ("small", 4)):
        for k in range(n_docs):
            for j, speaker in enumerate(("a", "b")):
                rows.append({"doc_id": f"{outlet}{k}", "speaker_id": speaker, "outlet": outlet, "target": "nato",
                             "label": "against" if (k + j) % 5 < 3 else "favor", "n_addressed": 3})
    d = pd.DataFrame(rows)
    shares = group_shares(d, "outlet", ["nato"], n_boot=500, seed=0).set_index("outlet")
    assert shares.loc["big", "n_documents"] == 40 and shares.loc["big", "n_decisions"] == 80
    width = shares["against_ci_high"] - shares["against_ci_low"]
    assert 0 < width["big"] < width["small"]
    assert shares.loc["big", "against_ci_low"] <= shares.loc["big", "against"] <= shares.loc["big", "against_ci_high"]
    again = group_shares(d, "outlet", ["nato"], n_boot=500, seed=0).set_index("outlet")
    pd.testing.assert_frame_equal(shares, again)
    # one group more changes no other group's interval
    more = pd.concat([d, d.assign(outlet="other")])
    assert group_shares(more, "outlet", ["nato"], n_boot=500, seed=0).set_index("outlet").loc["big", "against_ci_low"] \
        == shares.loc["big", "against_ci_low"]


def test_majority_label_says_divided_when_the_sides_tie():
    assert majority_label([2, 1], [2, 3], [0, 0]).tolist() == ["divided", "against"]
