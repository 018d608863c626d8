"""Tests for framing.stance.speaker_training: speaker-level reference labels and cross-validation."""

import pytest

from framing.stance.speaker_training import speaker_cross_validate, speaker_groups, speaker_label


def test_speaker_label_takes_the_side_most_statements_take():
    assert speaker_label(["against", "against", "favor", "neutral", "none"]) == "against"
    assert speaker_label(["favor", "none"]) == "favor"
    assert speaker_label(["neutral", "none"]) == "neutral"
    assert speaker_label(["none", "none"]) == "none"
    assert speaker_label(["favor", "against"]) is None


def _cand(doc, speaker, label, feats, *, round_="statement", who=None, target=0, centred=False):
    return {"doc": doc, "speaker_id": speaker, "who": who, "target": target, "target_name": "Iran",
            "features": feats, "label": label, "round": round_, "centred": centred}


def test_groups_are_per_speaker_in_a_document_and_event_rounds_use_the_speaker_line():
    cands = [_cand("d1", "a", "none", ["headline"]), _cand("d1", "a", "against", ["content"]),
             _cand("d1", "b", None, ["article"]),
             _cand("e1", "a", "none", ["headline"], round_="event", who="Coded A"),
             _cand("e1", "", "none", ["headline"], round_="event")]
    groups = speaker_groups(cands, {("e1", "Coded A", "Iran"): "favor"})
    assert groups[("d1", "a", 0)] == ("against", [0, 1])
    assert ("d1", "b", 0) not in groups          # never labelled: left out
    assert groups[("e1", "a", 0)] == ("favor", [3])
    assert groups[("e1", "#4", 0)] == ("none", [4])


def test_cross_validation_learns_a_separable_side():
    cands = []
    for d in range(20):
        cands += [_cand(f"d{d}", "a", "against", ["content", "act=oppose"]),
                  _cand(f"d{d}", "b", "favor", ["content", "act=support"]),
                  _cand(f"d{d}", "c", "none", ["article"])]
    cv = speaker_cross_validate(cands, {}, C=1.0, folds=5, none_threshold=0.5)
    assert cv["groups"] == 60 and cv["addressed"] == 40
    assert cv["addressed_accuracy"] == pytest.approx(1.0) and cv["accuracy"] == pytest.approx(1.0)
    assert cv["side_majority"] == pytest.approx(0.5) and cv["majority"] == pytest.approx(20 / 60, abs=1e-4)
    assert cv["unaddressed"] == 20 and cv["unaddressed_labelled"] == pytest.approx(0.0)
    assert cv["macro_f1"] == pytest.approx(1.0)


def test_cross_validation_counts_unaddressed_pairs_given_a_label():
    # the words of a statement said in passing are those of one that takes a side: the model cannot tell
    # them apart, and a low bar for "addressed" labels the pairs coded as not addressed
    cands = []
    for d in range(20):
        cands += [_cand(f"d{d}", "a", "against", ["content", "act=oppose"]),
                  _cand(f"d{d}", "c", "none", ["content", "act=oppose"])]
    strict = speaker_cross_validate(cands, {}, C=1.0, folds=5, none_threshold=0.4)
    loose = speaker_cross_validate(cands, {}, C=1.0, folds=5, none_threshold=0.6)
    assert strict["unaddressed_labelled"] == pytest.approx(0.0) and strict["addressed_accuracy"] == pytest.approx(0.0)
    assert loose["unaddressed_labelled"] == pytest.approx(1.0) and loose["addressed_accuracy"] == pytest.approx(1.0)
