"""Names kept whole: the gazetteer, the registry words, and the merges and splits the light stemmer made.

The word pairs below were written for this test from the merges and splits
seen in topics fitted on Arabic news (the issue that asked for name tables)
and from other names and words that end like a suffix.
"""

from __future__ import annotations

import pytest

from framing.topics.names import protected
from framing.topics.preprocess import Preprocessor, light_stem, term

# (a, b): two words a reader means as one thing must be one term
SAME = [
    ("إيران", "الإيراني"), ("إيران", "الإيرانية"), ("إيران", "والإيرانيين"), ("إيران", "وإيران"),
    ("الحوثي", "الحوثيين"), ("الحوثي", "والحوثيون"), ("كرة", "لكرة"), ("الكرة", "بالكرة"),
    ("السعودية", "السعودي"), ("السعودية", "للسعودية"), ("السعوديين", "السعودية"),
    ("تركيا", "التركية"), ("تركيا", "الأتراك"), ("سوريا", "السوري"), ("سوريا", "سورية"),
    ("أمريكا", "الأميركية"), ("أمريكا", "الأمريكيين"), ("روسيا", "الروسية"), ("روسيا", "الروس"),
    ("ألمانيا", "الألمانية"), ("مصر", "المصريين"), ("لبنان", "اللبنانية"), ("البحرين", "البحرينية"),
    ("العراق", "العراقية"), ("اليمن", "اليمنيين"), ("فلسطين", "الفلسطينيون"),
    ("الرياض", "للرياض"), ("الرياض", "والرياض"), ("العمليات", "العملية"), ("الدولي", "الدولية"),
    ("الدوري", "بالدوري"), ("القانون", "قوانين"), ("البرلمان", "البرلماني"),
    ("Iran", "Iranians"), ("Russia", "Russian"),
]

# (a, b): different things the light stemmer merged must stay two terms
MERGED = [
    ("السعودية", "سعود"), ("الدوري", "دور"), ("الدوري", "الدورة"), ("العمليات", "عمل"),
    ("العملية", "العمل"), ("الدولي", "الدولة"), ("الدولي", "الدول"), ("الدولة", "الدول"),
    ("المدني", "المدن"), ("البلدية", "البلد"), ("تركيا", "ترك"),
    ("سوريا", "سور"), ("طهران", "طهر"), ("الطيران", "طير"), ("لبنان", "لبن"), ("البحرين", "بحر"),
    ("القانون", "قان"), ("سلمان", "سلم"), ("الإنسان", "أنس"), ("نجران", "نجر"), ("الظهران", "ظهر"),
    ("فلسطين", "فلسط"), ("الرياض", "الرياضة"), ("بريدة", "بريد"), ("البصرة", "بصر"),
    ("المنامة", "منام"), ("الحديدة", "حديد"), ("عمران", "عمر"),
]
DIFFERENT = MERGED + [("المدني", "المدينة"), ("المدن", "المدينة"), ("الإسكان", "السكان")]
# pairs of SAME that the light stemmer alone sends to two stems
SPLIT = [("إيران", "الإيراني"), ("إيران", "والإيرانيين"), ("الحوثي", "الحوثيين"), ("كرة", "لكرة"),
         ("تركيا", "الأتراك"), ("أمريكا", "الأميركية"), ("ألمانيا", "الألمانية"), ("القانون", "قوانين")]


@pytest.mark.parametrize("a,b", SAME)
def test_words_a_reader_means_as_one_are_one_term(a, b):
    assert term(a) is not None and term(a) == term(b)


@pytest.mark.parametrize("a,b", DIFFERENT)
def test_words_the_stemmer_merged_are_two_terms(a, b):
    assert term(a) != term(b)


@pytest.mark.parametrize("a,b", MERGED)
def test_the_light_stemmer_alone_merges_them(a, b):
    # the list checks something: without the name tables these pairs collide
    assert light_stem(a) == light_stem(b)


@pytest.mark.parametrize("a,b", SPLIT)
def test_the_light_stemmer_alone_splits_them(a, b):
    assert set(SPLIT) <= set(SAME) and light_stem(a) != light_stem(b)


def test_names_show_as_the_gazetteer_writes_them():
    table = protected("ar")
    assert table.display(term("الإيرانية")) == "إيران"
    assert table.display(term("السعوديين")) == "السعودية"
    assert table.display(term("العمليات")) is None  # a word, not a name: labels use its written form


def test_registry_words_are_kept_whole_and_outlets_dropped():
    # actor and target names come from the data files; the light stemmer cuts بوتين to بوت
    assert term("بوتين") == "بوتين" and light_stem("بوتين") != "بوتين"
    assert term("الكرملين") == term("للكرملين") == "الكرملين"
    # media actors are outlets: dropped like stop words, in both scripts
    assert term("عكاظ") is None and term("Reuters") is None and term("BBC") is None
    # a policy target is not a name: its words stem as usual
    assert term("sanctions") == "sanction"


def test_a_proclitic_is_never_read_into_a_name():
    # ب + ريطانيا is not a name: the whole word is looked up first
    assert term("بريطانيا") == term("البريطانية")
    assert protected("ar").term("ريطانيا") is None
    assert protected("ar").term("سور") is None


def test_names_in_running_text():
    terms = Preprocessor()("قالت الرياض إن التحالف بقيادة السعودية استهدف الحوثيين في صنعاء والحديدة")
    assert {"الرياض", "السعوديه", "الحوثي", "صنعاء", "الحديده"} <= set(terms)
    assert "سعود" not in terms and "حوث" not in terms


def test_without_stemming_names_are_only_folded():
    assert Preprocessor(stem=False)("والإيرانية") == ["والايرانيه"]


def test_the_table_fingerprint_is_recorded():
    settings = Preprocessor().settings()
    assert settings["names"]["ar"]["sha256"] == protected("ar").sha256
    assert len(protected("ar").sha256) == 16 and protected("ar").sha256 != protected("en").sha256
