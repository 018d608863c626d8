"""Kinds of unregistered speakers, honorific pronouns and words of reverence."""

import pytest

from framing.attribution.kinds import (KINDS, is_honorific_pronoun, phrase_kind, speaker_kinds, without_reverence,
                                      without_same)


@pytest.mark.parametrize("words, lang, kind", [
    (["وزارة", "الصحة", "السعودية"], "ar", "institution"),
    (["والحكومة", "الأردنية"], "ar", "institution"),
    (["صحيفة", "الحياة"], "ar", "media"),
    (["وكالة", "الأنباء", "الفرنسية"], "ar", "media"),
    (["البيان", "الختامي"], "ar", "document"),
    (["بعض", "السكان"], "ar", "anonymous"),
    (["باحث", "يمني"], "ar", "anonymous"),
    (["الباحث", "اليمني", "أحمد", "سعيد"], "ar", "person"),
    (["the", "Defense", "Ministry"], "en", "institution"),
    (["The", "New", "York", "Times", "newspaper"], "en", "media"),
    (["a", "statement"], "en", "document"),
    (["Senator", "Smith"], "en", "person"),
    # a state named by its own word is a country, not a person
    (["المملكة"], "ar", "country"),
    (["دولة", "الكويت"], "ar", "country"),
    (["the", "Kingdom"], "en", "country"),
])
def test_head_words_give_the_kind(words, lang, kind):
    assert phrase_kind(words, lang) == kind
    assert kind in KINDS


def test_every_listed_head_has_a_kind_and_the_lists_do_not_overlap():
    for lang in ("ar", "en"):
        heads = speaker_kinds(lang).heads
        assert all(heads.values())
        assert not heads["document"] & heads["institution"]


def test_honorific_pronouns_and_reverence():
    assert is_honorific_pronoun(["سموه"], "ar") and is_honorific_pronoun(["معاليه"], "ar")
    assert not is_honorific_pronoun(["الوزير"], "ar")
    assert without_reverence(["الله", "عز", "وجل"], "ar") == ["الله"]
    assert without_reverence(["رسول", "الله", "ﷺ"], "ar") == ["رسول", "الله"]
    assert without_reverence(["محمد", "عز", "الدين"], "ar") == ["محمد", "عز", "الدين"]  # a name, not reverence


def test_the_same_one_points_back():
    assert without_same(["المصدر", "نفسه"], "ar") == ["المصدر"]
    assert without_same(["نفسه"], "ar") == ["نفسه"]


def test_an_english_acronym_alone_names_a_body():
    assert phrase_kind(["OFAC"], "en") == "institution" and phrase_kind(["G7"], "en") == "institution"
    assert phrase_kind(["Obama"], "en") == "person" and phrase_kind(["I"], "en") == "person"
