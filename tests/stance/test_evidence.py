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


@pytest.mark.parametrize("text, lang, expected", [
    # an operation reported on a target makes it no one's victim: most such reports are its enemies' own
    ("تواصل قصف أوكرانيا", "ar", []),
    ("أعلن شن هجوم على مواقع روسيا", "ar", []),
    ("the attack on Ukraine continued", "en", []),
    # ... unless its agent is named, or it is condemned (or welcomed: its patient then opposed)
    ("هجوم روسيا على أوكرانيا", "ar", [("russia", "agent", -1.0), ("ukraine", "victim", 0.5)]),
    ("ندين الهجوم على أوكرانيا", "ar", [("ukraine", "victim", 0.5)]),
    ("We condemn the bombing of Ukraine", "en", [("ukraine", "victim", 0.5)]),
    ("نرحب بالهجمات على روسيا", "ar", [("russia", "victim", -0.5)]),
    # an aggression needs neither: the act itself condemns
    ("العدوان على أوكرانيا", "ar", [("ukraine", "victim", 0.5)]),
    ("the invasion of Ukraine", "en", [("ukraine", "victim", 0.5)]),
])
def test_an_operation_frames_its_patient_as_a_victim_only_with_an_agent_or_a_condemnation(matcher, text, lang,
                                                                                           expected):
    found = [(slug, rel, value) for slug, cls, rel, value in _relations(matcher, text, lang) if cls == "hostile"]
    assert found == expected


def test_no_cues_or_no_mentions_give_no_evidence(matcher):
    lex = StanceLexicon.for_language("en")
    assert find_evidence(tokenize_for_matching("Talks were held in Geneva"), [], lex) == []
    tokens = tokenize_for_matching("Russia said so")
    assert find_evidence(tokens, matcher.find(tokens), lex) == []


def _relations(matcher, text, lang):
    tokens = tokenize_for_matching(text)
    found = find_evidence(tokens, matcher.find(tokens), StanceLexicon.for_language(lang))
    return [(matcher.targets[e.target].slug, e.cls, e.relation, e.value) for e in found]


@pytest.mark.parametrize("text, lang, expected", [
    # a demand that the target halt its act: against it
    ("طالب روسيا بالكف عن التصعيد", "ar", [("russia", "demand", "object", -1.0)]),
    ("ودعت الحكومة روسيا إلى الانسحاب من أوكرانيا", "ar", [("russia", "demand", "object", -1.0)]),
    ("We urged Russia to withdraw its forces", "en", [("russia", "demand", "object", -1.0)]),
    ("The President called on Russia to stop the attacks", "en", [("russia", "demand", "object", -1.0)]),
    ("They demanded that Russia end the invasion", "en", [("russia", "demand", "object", -1.0)]),
    # a demand with nothing halted, on two parties, of a ceasefire, or not made: no side
    ("We urged Russia to engage in talks", "en", []),
    ("ودعا روسيا وأوكرانيا إلى وقف التصعيد", "ar", []),
    ("ودعا روسيا إلى وقف إطلاق النار", "ar", []),
    ("We did not urge Russia to withdraw", "en", []),
])
def test_a_demand_to_halt_is_against_the_target_it_is_made_on(matcher, text, lang, expected):
    assert [r for r in _relations(matcher, text, lang) if r[1] == "demand"] == expected


def test_a_word_that_reads_as_a_demand_but_is_a_noun_is_no_cue():
    lex = StanceLexicon.for_language("ar")
    # the student, propaganda: a demand's stem with the article or a noun's ending
    for text in ("الطالب الروسي", "الدعاية الروسية", "دعاية روسية"):
        assert [c.entry.cls for c in lex.find_cues(tokenize_for_matching(text))] == []


@pytest.mark.parametrize("text, lang", [
    ("دعا روسيا إلى وقف دعمها للانفصاليين في أوكرانيا", "ar"),
    ("They call on all countries to stop supporting Russia", "en"),
])
def test_a_word_of_halting_calls_off_the_support_after_it(matcher, text, lang):
    support = [r for r in _relations(matcher, text, lang) if r[1] == "support"]
    assert support and all(value < 0 for *_, value in support)


def test_halting_an_act_of_hostility_leaves_its_agent_the_aggressor(matcher):
    # stopping an aggression does not turn it around: its agent is still against-framed
    found = _relations(matcher, "ندعو إلى وقف العدوان الروسي", "ar")
    assert ("russia", "hostile", "agent", -1.0) in found


def test_a_demand_relays_no_block_between_a_cue_and_its_object(matcher):
    # "welcomed the truce that Ukraine called for": the demand between them leaves the welcome its object
    found = _relations(matcher, "رحب بالهدنة التي دعت إليها أوكرانيا", "ar")
    assert ("ukraine", "support", "object", 1.0) in found
