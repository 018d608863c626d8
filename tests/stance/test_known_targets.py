"""Tests for framing.stance.known_targets: a run's target read as the training target whose aliases it shares."""

import pandas as pd
import pytest

from framing.stance.known_targets import alias_set, identify, read_record, targets_record, with_references
from framing.stance.news_model import MODEL_DIR, TARGETS_PART, NewsStance, load_news_model
from framing.stance.targets import Target

TRAINED = [Target("ISIS", {"ar": ["داعش", "تنظيم الدولة", "الدولة الإسلامية"], "en": ["ISIS", "Islamic State"]}),
           Target("Iran", {"ar": ["إيران", "طهران", "الإيراني"], "en": ["Iran", "Tehran"]}),
           Target("Iran nuclear agreement", {"ar": ["الاتفاق النووي", "الاتفاق النووي الإيراني"]})]


def test_a_target_named_otherwise_with_the_same_aliases_is_the_training_target():
    run = [Target("Islamic State group", {"ar": ["داعش", "تنظيم الدولة"], "en": ["Islamic State"]}),
           Target("Tehran", {"ar": ["طهران", "إيران"]})]
    found = identify(run, TRAINED)
    assert {run[i].name: k.name for i, k in found.items()} == {"Islamic State group": "ISIS", "Tehran": "Iran"}


def test_a_target_sharing_few_aliases_or_named_as_one_stays_new():
    # one alias in common of five: another target (a country is not its nuclear agreement)
    syria = Target("Syria", {"ar": ["سوريا", "دمشق", "السوري", "السورية", "داعش"]})
    assert identify([syria], TRAINED) == {}
    # a target the run names as the training set does is its own (no second identity)
    assert identify([Target("Iran", {"ar": ["إيران"]}), Target("Persia", {"ar": ["إيران", "طهران"]})],
                    TRAINED) == {}
    # two of the run's targets that both look like one training target: neither is taken for it
    twins = [Target("Daesh", {"ar": ["داعش"]}), Target("IS", {"ar": ["تنظيم الدولة"]})]
    assert identify(twins, TRAINED) == {}


def test_a_tie_between_two_training_targets_is_not_resolved():
    both = [Target("A", {"en": ["x", "y"]}), Target("B", {"en": ["x", "z"]})]
    assert identify([Target("C", {"en": ["x"]})], both) == {}


def test_alias_sets_fold_spelling():
    assert alias_set(Target("Iran", {"ar": ["إيران"]})) == alias_set(Target("Iran", {"ar": ["ايران"]}))


def test_the_record_reads_back():
    back = read_record(targets_record(TRAINED), "targets.json")
    assert [(t.name, t.aliases) for t in back] == [(t.name, t.aliases) for t in TRAINED]


@pytest.mark.skipif(not (MODEL_DIR / TARGETS_PART).exists(), reason="the shipped model names no training targets")
def test_the_shipped_model_names_the_targets_whose_balance_it_learned():
    model = load_news_model(None)
    learned = {f[len("target="):] for f in model.index if f.startswith("target=")}
    assert {t.slug for t in model.trained_targets} == learned


@pytest.mark.skipif(not (MODEL_DIR / TARGETS_PART).exists(), reason="the shipped model names no training targets")
def test_a_renamed_target_reads_as_the_training_target_and_a_new_one_does_not():
    trained = {t.name: t for t in load_news_model(None).trained_targets}
    iran = trained["Iran"]
    renamed = Target("The Islamic Republic", dict(iran.aliases))
    X = pd.DataFrame({"utterance_id": ["u1", "u2"], "lang": ["ar", "ar"], "cue": ["وقال", "وأدان"],
                      "speaker_id": ["a", "b"], "doc_id": ["d", "d"],
                      "content": ["إن إيران تهدد أمن المنطقة وتدعم الميليشيات", "التدخل الإيراني في اليمن"]})
    named = NewsStance(targets=[iran]).fit()
    other = NewsStance(targets=[renamed]).fit()
    assert other.model_slug(0) == "iran" and other._knows(0)
    a = named.transform(X)
    b = other.transform(X)
    assert a["stance_iran"].tolist() == b["stance_the_islamic_republic"].tolist()
    # the same aliases under a name and with one alias only it does not share enough of: read as new
    lone = NewsStance(targets=[Target("Persian Gulf state", {"ar": ["إيران", "الخليج", "فارس"]})]).fit()
    assert lone.model_slug(0) == "persian_gulf_state" and not lone._knows(0)


def test_a_target_without_references_takes_those_of_the_training_target_it_is():
    deal = Target("Iran nuclear agreement", {"ar": ["الاتفاق النووي"]}, references={"ar": ["الاتفاق"]})
    mine = Target("The deal", {"ar": ["الاتفاق النووي"]})
    assert with_references(mine, deal).references == {"ar": ("الاتفاق",)}
    own = Target("The deal", {"ar": ["الاتفاق النووي"]}, references={"ar": ["الصفقة"]})
    assert with_references(own, deal) is own  # a researcher's own references stand
    assert targets_record([deal])[0]["references"] == {"ar": ["الاتفاق"]}


@pytest.mark.skipif(not (MODEL_DIR / TARGETS_PART).exists(), reason="the shipped model names no training targets")
def test_the_scorer_reads_a_known_target_by_the_references_it_was_trained_with():
    trained = {t.name: t for t in load_news_model(None).trained_targets}
    deal = trained["Iran nuclear agreement"]
    assert deal.references  # the training targets refer back to the agreement
    plain = Target("Iran nuclear agreement", dict(deal.aliases))  # as a researcher's file names it
    X = pd.DataFrame({"utterance_id": ["u1", "u2"], "lang": ["ar", "ar"], "cue": ["وقال", "وقال"],
                      "speaker_id": ["a", "b"], "doc_id": ["d", "d"],
                      "content": ["إن الاتفاق النووي مع إيران خطوة مهمة", "إن الاتفاق سيصمد رغم المعارضة"],
                      "headline": ["الاتفاق النووي مع إيران"] * 2})
    scorer = NewsStance(targets=[plain], speakers=False).fit()
    assert scorer.targets_[0].references == deal.references
    named = [feats[0] for row in scorer.candidates(X) for _, feats in row]
    # the second statement names the agreement only by a reference: a candidate because of it
    assert len(named) == 2
    # a target the model does not know (one alias of three in common) keeps only what its file gives
    other = NewsStance(targets=[Target("Deal", {"ar": ["الاتفاق النووي", "البرنامج النووي", "المفاعل"]})],
                       speakers=False).fit()
    assert not other.targets_[0].references
    assert [feats[0] for row in other.candidates(X) for _, feats in row] == ["content", "headline"]
