"""Tests for framing.stance.priors: a new target's balance of sides, estimated from the statements read."""

import numpy as np
import pandas as pd
import pytest

from framing.stance.news_model import NewsStance
from framing.stance.priors import em_side_prior, estimate_side_priors, with_side_prior
from framing.stance.targets import Target


def test_the_balance_follows_the_statements_and_sums_to_one():
    leaning_against = np.array([[0.2, 0.5, 0.2, 0.1]] * 50 + [[0.5, 0.2, 0.2, 0.1]] * 10)
    prior = em_side_prior(leaning_against)
    assert np.isclose(prior.sum(), 1.0)
    assert prior[1] > 0.7 > prior[0]
    # the same statements read the other way round give the mirrored balance
    mirrored = em_side_prior(leaning_against[:, [1, 0, 2, 3]])
    assert np.allclose(mirrored[[1, 0, 2]], prior)


def test_few_statements_keep_a_balance_near_even():
    one = np.array([[0.1, 0.8, 0.05, 0.05]])
    assert abs(em_side_prior(one)[1] - 1 / 3) < abs(em_side_prior(np.repeat(one, 40, axis=0))[1] - 1 / 3)
    assert np.allclose(em_side_prior(np.zeros((0, 4))), 1 / 3)


def test_a_statement_that_hardly_addresses_the_target_weighs_little():
    addressed = np.array([[0.1, 0.7, 0.1, 0.1]] * 20)
    not_addressed = np.array([[0.009, 0.001, 0.0, 0.99]] * 200)  # leaning favor, but "none" all the same
    assert em_side_prior(np.vstack([addressed, not_addressed]))[1] > 0.6


def test_weighing_by_a_balance_keeps_p_addressed():
    P = np.array([[0.2, 0.3, 0.1, 0.4], [0.0, 0.0, 0.0, 1.0]])
    out = with_side_prior(P, [0.2, 0.6, 0.2])
    assert np.allclose(out[:, :3].sum(axis=1), P[:, :3].sum(axis=1))
    assert np.allclose(out[:, 3], P[:, 3])
    assert out[0, 1] > P[0, 1] and out[0, 0] < P[0, 0]


TARGETS = [Target("Iran", {"ar": ["إيران"]}), Target("Qxyz", {"ar": ["قزيز"]})]  # a target no model learned


def _X(contents):
    n = len(contents)
    return pd.DataFrame({"utterance_id": [f"u{i}" for i in range(n)], "doc_id": [f"d{i}" for i in range(n)],
                         "speaker_id": ["s"] * n, "speaker_kind": ["person"] * n, "lang": ["ar"] * n,
                         "cue": ["وقال"] * n, "content": contents})


def test_only_targets_the_model_did_not_learn_get_a_balance():
    X = _X(["ندين قزيز ونرفض إرهاب قزيز"] * 30 + ["إيران دولة"] * 5)
    scorer = NewsStance(TARGETS, side_priors=None).fit()
    priors = estimate_side_priors(scorer, X)
    assert set(priors) == {"Qxyz"} and priors["Qxyz"]["candidates"] == 30
    assert priors["Qxyz"]["against"] > priors["Qxyz"]["favor"]


def test_a_balance_moves_an_unclear_statement_toward_the_corpus_side():
    unclear = "التقى الوفد مع قزيز أمس"
    scorer = NewsStance(TARGETS, speakers=False, side_priors=None).fit()
    even = scorer.transform(_X([unclear]))["stance_qxyz"].iloc[0]
    against = NewsStance(TARGETS, speakers=False,
                         side_priors={"Qxyz": {"favor": 0.05, "against": 0.9, "neutral": 0.05}}).fit()
    leaning = against.transform(_X([unclear]))["stance_qxyz"].iloc[0]
    assert leaning < even  # the score is P(favor) - P(against)


def test_fit_estimates_the_balance_from_the_statements_it_is_given():
    X = _X(["ندين قزيز ونرفض إرهاب قزيز"] * 30)
    assert NewsStance(TARGETS).fit(X).side_priors_["Qxyz"]["against"] > 0.4
    assert NewsStance(TARGETS).fit().side_priors_ == {}  # nothing given, nothing estimated
    assert NewsStance(TARGETS, side_priors=None).fit(X).side_priors_ == {}


@pytest.mark.parametrize("bad", [{"Qxyz": {"favor": 0.5}}, {"Qxyz": {"favor": 0, "against": 0.5, "neutral": 0.5}},
                                 {"Qxyz": "against"}])
def test_a_malformed_balance_is_refused_naming_the_target(bad):
    with pytest.raises(ValueError, match="Qxyz"):
        NewsStance(TARGETS, side_priors=bad).fit()


def test_a_balance_weighs_the_side_a_speaker_takes_not_whether_they_address_the_target():
    contents = ["التقى الوفد مع قزيز أمس", "ندين قزيز", "قال إن الطقس حار", "نرحب بموقف قزيز", "وصل الوفد إلى قزيز"]
    X = _X(contents * 4)
    X["speaker_id"] = [f"s{i % 7}" for i in range(len(X))]
    X["doc_id"] = [f"d{i % 3}" for i in range(len(X))]
    plain = NewsStance(TARGETS, side_priors=None).fit().transform(X)["stance_qxyz_label"]
    for balance in ({"favor": 0.9, "against": 0.05, "neutral": 0.05}, {"favor": 0.05, "against": 0.9, "neutral": 0.05}):
        weighed = NewsStance(TARGETS, side_priors={"Qxyz": balance}).fit().transform(X)["stance_qxyz_label"]
        assert ((weighed == "none") == (plain == "none")).all()
    leaning = NewsStance(TARGETS, side_priors={"Qxyz": {"favor": 0.05, "against": 0.9, "neutral": 0.05}}).fit()
    assert (leaning.transform(X)["stance_qxyz_label"] == "against").sum() >= (plain == "against").sum()
