"""Tests for framing.stance.speaker_model: whether a speaker addresses a target, learned per speaker."""

import numpy as np
import pytest

from framing.stance.speaker_model import (FEATURES, SpeakerModel, choose_threshold, fit_speaker_model,
                                          group_features)


def test_the_features_of_a_group_read_its_statements_speaker_and_article():
    p = [np.array([0.1, 0.6, 0.1, 0.2]), np.array([0.0, 0.1, 0.0, 0.9])]
    x = dict(zip(FEATURES, group_features(p, [None, "against"], ["content", "headline"], ["neg", ""],
                                          centred=False, kind="anonymous", share=0.25, article_targets=3)))
    assert x["max_addressed"] == pytest.approx(0.8) and x["sum_addressed"] == pytest.approx(0.9)
    assert x["statements_over_0.3"] == 1 and x["rule_side"] == 1 and x["centred"] == 0
    assert x["against_share"] == pytest.approx(0.7 / 0.9)
    assert (x["named_in_content"], x["named_in_paragraph"], x["named_in_headline"]) == (1, 0, 1)
    assert x["kind_anonymous"] == 1 and x["kind_other"] == 0
    assert (x["share_of_article"], x["article_targets"], x["said_negative"], x["said_positive"]) == (0.25, 3, 0.5, 0)
    # a kind the model has no feature for is "other"
    other = dict(zip(FEATURES, group_features(p, [None, None], ["article"] * 2, ["", ""], centred=True,
                                              kind="unknown", share=1.0, article_targets=1)))
    assert other["kind_other"] == 1 and other["centred"] == 1


def test_a_fitted_model_separates_and_round_trips_through_json():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, len(FEATURES)))
    y = X[:, 0] + 0.1 * rng.normal(size=200) > 0
    model = fit_speaker_model(X, y, threshold=0.5)
    assert np.mean(model.addressed(X) == y) > 0.9
    again = SpeakerModel.from_json(model.to_json())
    assert np.array_equal(again.proba(X), model.proba(X)) and again.threshold == 0.5


def test_a_model_saved_with_other_features_is_refused():
    data = SpeakerModel([0.0], [1.0], [1.0], 0.0, features=["x"]).to_json()
    with pytest.raises(ValueError, match="retrain it"):
        SpeakerModel.from_json(data)


def test_the_threshold_gets_the_most_addressed_pairs_right_within_the_budget_of_false_labels():
    p = [0.9, 0.7, 0.5, 0.3, 0.6, 0.2]
    gold = ["against", "favor", "against", "favor", "none", "none"]
    side = ["against", "favor", "favor", "favor", "against", "against"]
    # no false label allowed: above 0.6, two of the four addressed pairs right
    assert choose_threshold(p, gold, side, budget=0.0) == {
        "threshold": 0.61, "addressed_accuracy": 0.5, "unaddressed_labelled": 0.0}
    # one of the two may be labelled: down to 0.3, where a third is right (the 0.5 pair's side is wrong)
    chosen = choose_threshold(p, gold, side, budget=0.5)
    assert chosen["addressed_accuracy"] == 0.75 and chosen["unaddressed_labelled"] == 0.5
