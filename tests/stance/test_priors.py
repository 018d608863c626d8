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


def _balances(tmp_path, text, targets=TARGETS):
    from framing.stance.priors import read_side_balances

    path = tmp_path / "balances.yml"
    path.write_text(text, encoding="utf-8")
    return read_side_balances(path, targets)


def test_given_counts_become_shares_with_one_more_of_each_and_shares_stay(tmp_path):
    given = _balances(tmp_path, "Qxyz: {favor: 7, against: 0, neutral: 2}\nIran: {favor: 0.1, against: 0.6, neutral: 0.3}")
    assert given["Qxyz"]["favor"] == pytest.approx(8 / 12, abs=1e-4)  # rounded as the estimated ones are
    assert given["Qxyz"]["against"] == pytest.approx(1 / 12, abs=1e-4)
    assert given["Qxyz"]["candidates"] == 9 and given["Qxyz"]["given"] == "balances.yml"
    assert [given["Iran"][s] for s in ("favor", "against", "neutral")] == pytest.approx([0.1, 0.6, 0.3])
    assert given["Iran"]["candidates"] is None


@pytest.mark.parametrize("text, said", [
    ("Qxzy: {favor: 1, against: 2, neutral: 3}", "'Qxzy' is no target of this run; did you mean 'Qxyz'?"),
    ("Egypt: {favor: 1, against: 2, neutral: 3}", "'Egypt' is no target of this run (its targets: Iran, Qxyz)"),
    ("Qxyz: {favor: 1, against: 2}", "'Qxyz': give favor, against and neutral"),
    ("Qxyz: {favor: 1, against: -2, neutral: 3}", "must be 0 or more"),
    ("Qxyz: {favor: 0.5, against: 0.6, neutral: 0.1}", "shares that sum to 1"),
    ("Qxyz: {favor: 0.5, against: 0.5, neutral: 0}", "shares that sum to 1 with none at 0"),
    ("Qxyz: {favor: 0, against: 0, neutral: 0}", "some above 0"),
    ("Qxyz: {favor: a lot, against: 1, neutral: 1}", "must be numbers"),
    ("- Qxyz", "give each target's balance of sides"),
    ("Qxyz: {favor: [1, against", "line 1: not valid YAML"),
])
def test_a_bad_balance_is_refused_naming_the_file_and_the_target(tmp_path, text, said):
    from framing.errors import InputError

    with pytest.raises(InputError) as caught:
        _balances(tmp_path, text)
    assert str(caught.value).startswith(str(tmp_path / "balances.yml")) and said in str(caught.value)


def test_a_learned_target_with_a_given_balance_is_read_as_a_new_one_with_it():
    iran = "ندين تدخل إيران في المنطقة"
    X = _X([iran])
    learned = NewsStance(TARGETS, speakers=False, side_priors=None).fit()
    t = 0
    assert learned._knows(t) and learned._model_for(t) is learned.model_ and learned._prior_of(t) is None
    favor = {"favor": 0.98, "against": 0.01, "neutral": 0.01, "given": "mine.yml"}
    given = NewsStance(TARGETS, speakers=False, side_priors={"Iran": favor}).fit()
    assert not given._knows(t) and given._model_for(t) is given.model_.generic
    assert given._prior_of(t) == [0.98, 0.01, 0.01]
    assert given.transform(X)["stance_iran"].iloc[0] > learned.transform(X)["stance_iran"].iloc[0]
    # a balance the run estimated (not marked given) leaves a learned target as the model learned it
    estimated = NewsStance(TARGETS, speakers=False, side_priors={"Iran": {k: favor[k] for k in favor if k != "given"}}).fit()
    assert estimated._knows(t) and estimated.transform(X).equals(learned.transform(X))


def test_one_coded_statement_is_a_count(tmp_path):
    one = _balances(tmp_path, "Qxyz: {favor: 0, against: 1, neutral: 0}")["Qxyz"]
    assert one["candidates"] == 1 and one["against"] == pytest.approx(0.5, abs=1e-4)


def test_statements_whose_every_target_balance_was_learned_are_not_read(monkeypatch):
    learned = NewsStance(TARGETS[:1], side_priors=None).fit()  # Iran: its balance learned from Arabic statements
    arabic = _X(["ندين إيران ونرفض تدخل إيران"] * 5)
    monkeypatch.setattr(learned, "_candidates", lambda X: pytest.fail("read statements with nothing to estimate"))
    assert estimate_side_priors(learned, arabic) == {}


def test_a_statement_in_a_language_that_taught_no_balance_is_still_read():
    learned = NewsStance([Target("Iran", {"ar": ["إيران"], "en": ["Iran"]})], side_priors=None).fit()
    english = _X(["we condemn Iran and its meddling"] * 5).assign(lang="en")
    mixed = pd.concat([_X(["ندين إيران"] * 5), english], ignore_index=True)
    assert learned._may_strip_rows(mixed).tolist() == [False] * 5 + [True] * 5
    assert estimate_side_priors(learned, mixed)["Iran"]["candidates"] == 5
    # with a target no model learned, every statement may be read with its balance taken out
    assert NewsStance(TARGETS, side_priors=None).fit()._may_strip_rows(mixed).all()
