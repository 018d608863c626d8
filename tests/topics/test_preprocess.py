"""Preprocessing for topic models: folding, Arabic clitics and stems, stop words, English lemmas."""

from __future__ import annotations

import pytest

from framing.topics.preprocess import (Preprocessor, clitic_candidates, light_stem, stopwords, stopwords_fingerprint,
                                term, tokens)


@pytest.fixture(scope="module")
def pre():
    return Preprocessor()


# --- Arabic ---------------------------------------------------------------------

@pytest.mark.parametrize("forms", [
    ("السياسة", "سياسة", "والسياسة", "السياسات", "سياسي", "السياسية", "سياساتها"),
    ("الحكومة", "حكومة", "حكومتها", "الحكومات", "بالحكومة", "للحكومة"),
    ("المفاوضات", "مفاوضات", "والمفاوضات", "للمفاوضات"),
    ("الاقتصاد", "اقتصادي", "الاقتصادية", "اقتصادها", "والاقتصادية"),
])
def test_arabic_forms_of_one_word_share_a_stem(forms):
    stems = {light_stem(f) for f in forms}
    assert len(stems) == 1, dict(zip(forms, map(light_stem, forms)))


def test_arabic_stem_folds_spelling_variants():
    # hamza on alef, taa marbuta, diacritics and tatweel do not split a stem
    assert light_stem("الأمن") == light_stem("الامن")
    assert light_stem("المَدِينَة") == light_stem("المدينه") == light_stem("المديـنة")


def test_arabic_stem_keeps_short_roots():
    # a suffix is only stripped when three letters remain
    assert light_stem("بيت") == "بيت"
    assert light_stem("بيتها") == "بيت"
    assert light_stem("وقت") == "وقت"
    # a bare initial و is part of the word here, not a clitic: the stemmer leaves it
    assert light_stem("وزير") == "وزير"
    assert light_stem("الوزير") == "وزير"
    # nor a bare و before a noun without the article: the topic model decides with corpus counts
    assert light_stem("واقتصادها") == "واقتصاد"


def test_clitic_candidates_list_shorter_readings():
    assert clitic_candidates("وحرب") == ("حرب",)
    assert clitic_candidates("وبحرب") == ("بحرب", "حرب")
    assert clitic_candidates("فحرب") == ("حرب",)
    assert clitic_candidates("لحرب") == ("حرب",)
    assert clitic_candidates("حرب") == ()
    assert clitic_candidates("وقت") == ()  # "قت" is too short to be a reading


@pytest.mark.parametrize("word", ["قال", "وقال", "فقال", "وقالت", "وأضاف", "مؤكدا", "وأشار", "في", "وفي",
                                  "إن", "بأن", "لأنه", "عليها", "الذي", "والتي", "هذه", "وكالة", "الأنباء",
                                  "الاثنين", "يوليو", "سيكون", "عكاظ", "وعكاظ", "الموافق",
                                  "شوال", "الأربعاء"])
def test_arabic_stop_words_and_their_clitic_forms_are_dropped(word):
    assert term(word) is None


def test_arabic_content_words_survive(pre):
    text = "وقال وزير الخارجية إن المفاوضات النووية مع إيران ستستأنف في فيينا الأسبوع المقبل"
    terms = pre(text)
    assert "قال" not in terms and "في" not in terms
    assert {light_stem("وزير"), light_stem("المفاوضات"), light_stem("النووية")} <= set(terms)
    # names are kept whole (the light stemmer alone would cut فيينا to فيي)
    assert {"فيينا", "ايران"} <= set(terms) and light_stem("فيينا") not in terms
    # the calendar and the reporting verb are boilerplate
    assert light_stem("الأسبوع") not in terms


def test_numbers_and_one_letter_tokens_are_dropped(pre):
    assert pre("2015 ٢٠١٥ 3.5 و a b") == []
    assert pre("مليار 12 دولار") == [light_stem("دولار")]


def test_invisible_marks_do_not_split_words():
    assert tokens("الحكو\u200cمة") == ["الحكومة"]


# --- English --------------------------------------------------------------------

def test_english_lemmas_and_stop_words(pre):
    terms = pre("The officials said the negotiations on sanctions were continuing on Monday.")
    assert terms == ["official", "negotiation", "sanction"]


def test_english_acronyms_are_not_stop_words(pre):
    assert pre("US and UN envoys met us") == ["us", "un", "envoy", "meet"]
    assert pre("The U.S. envoy") == ["us", "envoy"]


def test_english_possessives_and_contractions(pre):
    assert pre("Russia's army didn't move") == ["russia", "army", "move"]


def test_mixed_script_text_keeps_both(pre):
    terms = pre("قال الأمين العام لحلف NATO إن الحلف")
    assert "nato" in terms and light_stem("الأمين") in terms


def test_stem_off_keeps_folded_words():
    assert Preprocessor(stem=False)("السياسات officials") == ["السياسات", "officials"]


# --- resources ------------------------------------------------------------------

def test_stopword_lists_are_folded_and_fingerprinted():
    ar = stopwords("ar")
    assert "ان" in ar and "أن" not in ar  # stored folded
    assert "said" in stopwords("en")
    assert len(stopwords_fingerprint("ar")) == 16 and stopwords_fingerprint("ar") != stopwords_fingerprint("en")


def test_settings_record_versions():
    s = Preprocessor().settings()
    assert s["stemmer_version"] and s["preprocess_version"]
    assert s["stopwords"]["ar"]["sha256"] == stopwords_fingerprint("ar")
    assert Preprocessor(stem=False).settings()["stemmer_version"] is None
