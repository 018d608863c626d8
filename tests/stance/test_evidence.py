"""Tests for framing.stance.evidence: the relations between an utterance's cues and the targets it mentions."""

from __future__ import annotations

import pytest

from framing.stance.evidence import find_evidence
from framing.stance.lexicon import StanceLexicon
from framing.stance.targets import AliasMatcher, load_targets, tokenize_for_matching


@pytest.fixture(scope="module")
def matcher():
    return AliasMatcher(load_targets())


def test_object_of_support_and_agent_of_a_hostile_act(matcher):
    tokens = tokenize_for_matching("نقف مع أوكرانيا وندين العدوان الروسي")
    found = find_evidence(tokens, matcher.find(tokens), StanceLexicon.for_language("ar"))
    assert [(e.relation, e.value) for e in found] == [("object", 1.0), ("agent", -1.0)]


def test_a_negated_cue_is_flipped_and_halved(matcher):
    tokens = tokenize_for_matching("We do not condemn Russia")
    (ev,) = find_evidence(tokens, matcher.find(tokens), StanceLexicon.for_language("en"))
    assert (ev.cue, ev.relation, ev.value) == ("condemn", "object", 0.5)


def test_mentions_before_the_content_are_not_related(matcher):
    head, content = tokenize_for_matching("Russia condemned"), tokenize_for_matching("the attack on Ukraine")
    tokens = head + content
    found = find_evidence(tokens, matcher.find(tokens), StanceLexicon.for_language("en"), first_content=len(head))
    assert [(e.target, e.cue, e.relation, e.value) for e in found] == [(1, "attack", "victim", 0.5)]  # Ukraine only


@pytest.mark.parametrize("text, lang, expected", [
    ("نرحب بالتدخل الأمريكي", "ar", [("agent", 1.0)]),               # the act welcomed: its agent favored
    ("لم نرحب بالتدخل الأمريكي", "ar", [("agent", -0.5)]),           # not welcomed: half against
    ("ندين التدخل الأمريكي", "ar", [("agent", -1.0)]),               # condemned, as the act alone
    ("We support the invasion of Ukraine", "en", [("victim", -0.5)]),  # its patient opposed
    ("We condemn the invasion of Ukraine", "en", [("victim", 0.5)]),
])
def test_a_hostile_act_welcomed_favors_its_agent(matcher, text, lang, expected):
    tokens = tokenize_for_matching(text)
    found = find_evidence(tokens, matcher.find(tokens), StanceLexicon.for_language(lang))
    assert [(e.relation, e.value) for e in found if e.cls == "hostile"] == expected


def test_no_cues_or_no_mentions_give_no_evidence(matcher):
    lex = StanceLexicon.for_language("en")
    assert find_evidence(tokenize_for_matching("Talks were held in Geneva"), [], lex) == []
    tokens = tokenize_for_matching("Russia said so")
    assert find_evidence(tokens, matcher.find(tokens), lex) == []
