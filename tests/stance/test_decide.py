"""Tests for framing.stance.decide: one stance per speaker and target, and the utterances behind it."""

import numpy as np
import pandas as pd
import pytest

from framing.stance.decide import decide_one, decide_stance, explain, own_words_only


def _frame(rows):
    return pd.DataFrame(rows, columns=["doc_id", "speaker_id", "utterance_id", "content", "stance_iran",
                                       "stance_iran_label"])


def test_a_side_outweighs_neutral_statements():
    # two neutral sentences do not outvote a condemnation: the guidelines code the position taken
    assert decide_one(["neutral", "neutral", "against"], [0.0, 0.0, -0.4]) == ("against", -1.0)


def test_mixed_sides_follow_the_stronger_evidence_and_ties_are_neutral():
    assert decide_one(["favor", "against"], [0.9, -0.3])[0] == "favor"
    assert decide_one(["favor", "against"], [0.5, -0.5]) == ("neutral", 0.0)


def test_never_addressed_is_none_and_weights_count():
    assert decide_one(["none", None], [np.nan, np.nan]) == ("none", 0.0)
    # the attribution's confidence weighs an utterance
    assert decide_one(["favor", "against"], [0.5, -0.5], weights=[1.0, 0.2])[0] == "favor"


def test_decide_stance_is_per_document_by_default():
    u = _frame([["d1", "a", "u1", "x", -0.8, "against"], ["d2", "a", "u2", "y", 0.7, "favor"],
                ["d2", "b", "u3", "z", np.nan, "none"]])
    out = decide_stance(u)
    assert out[["doc_id", "speaker_id", "label"]].values.tolist() == [["d1", "a", "against"], ["d2", "a", "favor"]]
    # across the corpus the two documents meet (and cancel out to the stronger one)
    corpus = decide_stance(u, by=("speaker_id",))
    assert corpus[["speaker_id", "label", "n_addressed"]].values.tolist() == [["a", "against", 2]]


def test_decide_stance_counts_the_statements_whose_own_words_name_the_target():
    u = _frame([["d1", "a", "u1", "x", -0.8, "against"], ["d1", "a", "u2", "y", -0.2, "against"],
                ["d2", "a", "u3", "z", -0.5, "against"], ["d2", "a", "u4", "w", np.nan, "none"]])
    u["stance_iran_named_in"] = ["content", "article", "headline", ""]
    out = decide_stance(u)
    # in d2 the side rests on the headline alone: none of the speaker's words there name the target
    assert out[["doc_id", "n_addressed", "n_named"]].values.tolist() == [["d1", 2, 1], ["d2", 1, 0]]
    # a scorer that does not say where the target is named: unknown, not zero
    assert decide_stance(u.drop(columns="stance_iran_named_in"))["n_named"].isna().all()


def test_own_words_only_keeps_the_sides_a_statement_gives_in_its_own_words():
    u = _frame([["d1", "a", "u1", "x", -0.8, "against"], ["d1", "a", "u2", "y", 0.6, "favor"],
                ["d2", "a", "u3", "z", -0.5, "against"]])
    u["stance_iran_named_in"] = ["content", "article", "headline"]
    own = own_words_only(u)
    assert own["stance_iran_label"].tolist() == ["against", "none", "none"]
    assert decide_stance(own)[["doc_id", "label", "n_named"]].values.tolist() == [["d1", "against", 1]]
    assert u["stance_iran_label"].tolist() == ["against", "favor", "against"]  # a copy: the input is untouched
    # a scorer that reads the statement alone says nothing of where: its sides stay
    plain = u.drop(columns="stance_iran_named_in")
    assert own_words_only(plain)["stance_iran_label"].tolist() == plain["stance_iran_label"].tolist()


def test_decide_stance_needs_the_stance_columns():
    with pytest.raises(ValueError, match="stance_nato_label"):
        decide_stance(_frame([["d", "a", "u", "x", 0.1, "favor"]]), ["NATO"])


def test_explain_lists_the_deciding_utterances_strongest_first():
    u = _frame([["d", "a", "u1", "they met", 0.0, "neutral"], ["d", "a", "u2", "we condemn Iran", -0.9, "against"],
                ["d", "a", "u3", "rain", np.nan, "none"], ["e", "a", "u4", "Iran is right", 0.8, "favor"]])
    out = explain(u, "a", "Iran", doc="d")
    assert out["utterance_id"].tolist() == ["u2", "u1"]
    assert out["label"].tolist() == ["against", "neutral"]
    assert out["named_in"].tolist() == ["", ""]  # the scorer did not say where the target is named
    u["stance_iran_named_in"] = ["headline", "content", "", "content"]
    assert explain(u, "a", "Iran", doc="d")["named_in"].tolist() == ["content", "headline"]
