"""Tests for framing.stance.lexicon: loading the shipped cue lexicons, finding cues, naming bad data."""

from __future__ import annotations

import pytest

from framing.errors import FramingError
from framing.stance.lexicon import StanceLexicon
from framing.stance.targets import tokenize_for_matching


def test_shipped_lexicons_load_and_unknown_languages_have_none():
    for lang in ("ar", "en"):
        lex = StanceLexicon.for_language(lang)
        assert lex is not None and lex.markers["negators"]
    assert StanceLexicon.for_language("xx") is None
    assert StanceLexicon.for_language("en-GB") is StanceLexicon.for_language("en")


@pytest.mark.parametrize("data, fragment", [
    ({"cues": {"kindness": ["x"]}}, "unknown cue class"),
    ({"cues": {"support": [5]}}, r"cues.support\[0\]"),
    ({"cues": {"hostile": [{"cue": "x", "genitive": "owner"}]}}, "genitive"),
    ({"markers": {"prepositions": [True, "to"]}}, "quote words"),
    ({"max_gap": {"support": "far"}}, "max_gap"),
])
def test_bad_lexicon_data_is_named(data, fragment):
    with pytest.raises(FramingError, match=fragment):
        StanceLexicon(data, source="xx_stance.yml")


def test_an_operation_is_marked_as_needing_its_agent_for_a_victim():
    lex = StanceLexicon({"cues": {"hostile": [{"cue": "bombing", "genitive": "patient", "victim_needs_agent": True},
                                              "aggression"]}}, source="xx_stance.yml")
    found = {c.entry.text: c.entry.victim_needs_agent
             for c in lex.find_cues(tokenize_for_matching("the bombing and the aggression"))}
    assert found == {"bombing": True, "aggression": False}
    with pytest.raises(FramingError, match="victim_needs_agent"):
        StanceLexicon({"cues": {"hostile": [{"cue": "x", "victim": True}]}}, source="xx_stance.yml")


def test_language_names_and_codes_find_the_same_lexicon():
    ar = StanceLexicon.for_language("ar")
    assert StanceLexicon.for_language("ara") is ar and StanceLexicon.for_language("Arabic") is ar


def test_cues_are_found_left_to_right_and_negation_is_marked():
    lex = StanceLexicon.for_language("en")
    cues = lex.find_cues(tokenize_for_matching("We do not condemn the invasion"))
    assert [(c.entry.cls, c.entry.text, c.negated) for c in cues] == [("oppose", "condemn", True),
                                                                      ("hostile", "invasion", False)]


def test_tokens_skipped_unread_have_no_cue(monkeypatch):
    from framing.stance import lexicon as lexicon_module

    lex = StanceLexicon.for_language("ar")
    text = ("أدانت الوزارة بشدة العدوان وندعم جهود السلام ورحب الوزير بالاتفاق وحذرت من التصعيد "
            "وانتقد المتحدث الهجمات الإرهابية واستنكرت الحكومة ذلك وأشاد بالتعاون وقال إن الاجتماع مهم")
    tokens = set(tokenize_for_matching(text))
    tokens |= {p + t for t in list(tokens) for p in ("و", "ب", "لل", "ف")}
    quick = {t: lex._first_word(t) for t in tokens}
    monkeypatch.setattr(lexicon_module, "reads_by_endings", lambda token: False)  # read every token in full
    full = {t: lex._first_word(t) for t in tokens}
    assert quick == full
    assert any(quick.values()) and not all(quick.values())


def test_markers_of_tokens_skipped_unread_are_none(monkeypatch):
    from framing.stance import lexicon as lexicon_module

    text = ("لم يدن الوزير ولا الحكومة الهجوم بل إن المتحدث قال إنه لن يقبل وقد أكد أن الجيش الذي هاجم "
            "كان في المدينة وعلى الحدود ضد المسلحين من قبل القوات ولكن الاتفاق تم بين الطرفين")
    tokens = set(tokenize_for_matching(text))
    tokens |= {p + t for t in list(tokens) for p in ("و", "ب", "لل", "ف")}
    kinds = ("negators", "prepositions", "clause_openers", "determiners", "conjunctions", "passive", "institutions")
    fresh = StanceLexicon(lexicon_module.read_yaml("ar", "stance.yml"))  # nothing cached yet
    quick = {(t, k): fresh.is_word(t, k) for t in tokens for k in kinds}
    monkeypatch.setattr(lexicon_module, "reads_by_endings", lambda token: False)  # read every token in full
    full = StanceLexicon(lexicon_module.read_yaml("ar", "stance.yml"))
    assert quick == {(t, k): full.is_word(t, k) for t in tokens for k in kinds}
    assert any(quick.values()) and not all(quick.values())


@pytest.mark.parametrize("lang, text, words", [
    ("ar", "ندعو إلى ضبط النفس وخفض التصعيد والحل السياسي",
     [("demand", "ندعو"), ("calm", "ضبط النفس"), ("calm", "خفض ... التصعيد"), ("calm", "الحل السياسي")]),
    ("en", "we urge restraint and call on both to ease the tensions",
     [("demand", "urge"), ("calm", "restraint"), ("demand", "call on"), ("calm", "ease ... tensions")]),
])
def test_calls_for_calm_are_a_class_of_their_own(lang, text, words):
    # the calls themselves are demands (which take a side only when a target is asked to halt its act)
    cues = StanceLexicon.for_language(lang).find_cues(tokenize_for_matching(text, normalized=True))
    assert [(c.entry.cls, c.entry.text) for c in cues] == words
