"""Reporting-cue lexicons: Arabic inflections and clitics, participles, English forms, according-to phrases."""

import pytest

from framing.attribution.cues import cue_lexicon


@pytest.fixture(scope="module")
def ar():
    return cue_lexicon("ar")


@pytest.fixture(scope="module")
def en():
    return cue_lexicon("en")


def test_arabic_verbs_are_found_in_their_inflected_forms(ar):
    # the data file lists قال/يقول once; the lexicon generates the rest
    forms = {"قال": {}, "قالت": {"feminine": True}, "قالوا": {"plural": True}, "قالا": {"plural": True},
             "قالتا": {"feminine": True, "plural": True}, "يقول": {"imperfect": True},
             "تقول": {"imperfect": True, "feminine": True}, "يقولون": {"imperfect": True, "plural": True}}
    for form, flags in forms.items():
        cue = ar.lookup(form)
        assert cue is not None and cue.lemma == "قال" and cue.type == "verb", form
        for flag in ("feminine", "plural", "imperfect"):
            assert getattr(cue, flag) == flags.get(flag, False), (form, flag)


def test_arabic_verbs_with_an_object_pronoun(ar):
    # verbs marked takes_object carry the pronoun ("اعتبرتها", "تبناه" with alef maqsura written alef)
    assert ar.lookup("اعتبرتها").lemma == ar.lookup("اعتبر").lemma and ar.lookup("اعتبرتها").feminine
    assert ar.lookup("وتبناه").lemma == ar.lookup("تبنى").lemma
    # not a verb whose form with a pronoun is mostly a noun: "رفضه" is "his rejection"
    assert ar.lookup("رفضه") is None and ar.lookup("رفض") is not None


def test_arabic_lookup_sees_through_conjunctions_and_spelling_variants(ar):
    assert ar.lookup("وأكدت").lemma == ar.lookup("فأكد").lemma == ar.lookup("أكد").lemma
    assert ar.lookup("وأكدت").feminine
    assert ar.lookup("اكد") == ar.lookup("أكد")          # alef with or without hamza
    assert ar.lookup("أكّد") == ar.lookup("أكد")          # a shadda does not hide the verb
    # an irregular verb lists its forms; they are found like the generated ones
    assert ar.lookup("بينت").lemma == ar.lookup("يبين").lemma and ar.lookup("بينت").needs_clause
    # ordinary words, with or without و, are no cues
    for word in ("وزير", "الوزارة", "والحكومة", "سدا"):
        assert ar.lookup(word) is None, word


def test_arabic_cue_sorts(ar):
    part = ar.lookup("موضحا")
    assert part.type == "participle" and not part.required
    assert ar.lookup("موضح") is None                     # the participle counts with its adverbial -ا only
    assert ar.lookup("ونقلت").type == "passive_quote"
    assert ar.lookup("لفت").needs_clause and not ar.lookup("قال").needs_clause
    assert ("بحسب",) in ar.according
    # longer "according to" phrases come first, so the longest one is tried first
    lengths = [len(p) for p in ar.according]
    assert lengths == sorted(lengths, reverse=True)


def test_english_forms_map_to_their_lemma_case_insensitively(en):
    assert en.lookup("told").lemma == en.lookup("Tells").lemma == "tell"
    assert en.lookup("SAID").lemma == "say"
    assert en.lookup("saying").imperfect and not en.lookup("said").imperfect
    assert en.lookup("minister") is None
    found = en.lookup("found")
    assert found.weak and not found.required              # a verb of finding, not of speech
    assert "for" in en.lookup("called").next_words        # "called for", not "so-called"
    assert ("according", "to") in en.according


def test_lexicons_are_built_once_per_language():
    assert cue_lexicon("ar") is cue_lexicon("ar")
    assert cue_lexicon("en") is not cue_lexicon("ar")
