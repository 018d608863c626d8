"""framing.text: normalization with offset maps, segmentation, clitics, language id, control characters.

The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from framing.text import (clitic_variants, detect_language, fold, normalize, paragraph_spans, sentence_spans,
                          strip_controls, token_spans, tokenize)

ARABIC_MARKED = "أكّـــدت\u200f الرئاسةُ «أنّ» الاجتماعَ سيُعقد في إبريل، وقالت إنه \u202bمهم\u202c جدا."


def sentences(text):
    return [text[a:b] for a, b in sentence_spans(text)]


# --- normalization and the offset map ----------------------------------------------

def test_normalize_folds_arabic_and_drops_marks():
    n = normalize(ARABIC_MARKED)
    assert n.text == 'اكدت الرئاسه "ان" الاجتماع سيعقد في ابريل، وقالت انه مهم جدا.'
    assert len(n.offsets) == len(n.text) + 1 and n.offsets[-1] == len(ARABIC_MARKED)
    assert list(n.offsets) == sorted(n.offsets)


def test_offset_map_round_trip_on_every_token():
    n = normalize(ARABIC_MARKED)
    for a, b in token_spans(n.text):
        oa, ob = n.span(a, b)
        original = ARABIC_MARKED[oa:ob]
        # the original slice normalizes back to the token, marks and all
        assert normalize(original).text == n.text[a:b]
    # the first word keeps its shadda and tatweel in the original slice
    oa, ob = n.span(0, 4)
    assert ARABIC_MARKED[oa:ob] == "أكّـــدت"


def test_offset_map_points_each_kept_character_home():
    n = normalize(ARABIC_MARKED)
    fold_back = {"ا": "اأإآ", "ه": "هة", '"': "«»", "ي": "يى"}
    for i, ch in enumerate(n.text):
        src = ARABIC_MARKED[n.offsets[i]]
        assert src == ch or src in fold_back.get(ch, "") or (ch == " " and src.isspace())


def test_normalize_collapses_whitespace_and_folds_digits_and_quotes():
    original = "He said  “yes”\n\n on ٣ May"
    n = normalize(original)
    assert n.text == 'He said "yes" on 3 May'
    a, b = n.span(8, 13)
    assert original[a:b] == "“yes”"
    a, b = n.span(17, 18)
    assert original[a:b] == "٣"
    kept = normalize("a  b", collapse_space=False)
    assert kept.text == "a  b"


def test_normalize_without_arabic_folds_keeps_letters_but_drops_invisibles():
    n = normalize("إلى\u200f المدرسة", fold_arabic=False)
    assert n.text == "إلى المدرسة"


def test_fold_is_normalize_of_a_word():
    assert fold("  الأمينُ  ") == "الامين"
    assert fold("Biden") == "Biden"


# --- paragraphs and sentences ----------------------------------------------------------

def test_paragraph_spans_skip_blank_and_invisible_lines():
    text = "Title\r\n\r\n  First line.  \n\u200f\n\tلقد انتهى.\n"
    spans = paragraph_spans(text)
    assert [text[a:b] for a, b in spans] == ["Title", "First line.", "لقد انتهى."]


def test_arabic_sentences():
    text = "قال الوزير إن المحادثات انتهت. وأضاف أن الوفد سيعود غدا! هل تستمر المفاوضات؟ لا أحد يعرف"
    assert sentences(text) == ["قال الوزير إن المحادثات انتهت.", "وأضاف أن الوفد سيعود غدا!",
                               "هل تستمر المفاوضات؟", "لا أحد يعرف"]


def test_arabic_comma_does_not_end_a_sentence_and_guillemets_stay_with_it():
    text = "وقال المتحدث: «لن نتراجع»، مضيفا أن القرار نهائي. وأكد الوزير ذلك."
    assert sentences(text) == ["وقال المتحدث: «لن نتراجع»، مضيفا أن القرار نهائي.", "وأكد الوزير ذلك."]


def test_an_arabic_title_cut_to_its_letter_does_not_end_a_sentence():
    # "د." doctor, "م." engineer, "أ.د." professor doctor: a name follows
    text = "ويضيف د. الزهراني أن الحالات كثيرة. وقال م. صادق العلي إن المشروع جاهز. وأوضح أ.د. خالد أن النتائج جيدة."
    assert sentences(text) == ["ويضيف د. الزهراني أن الحالات كثيرة.", "وقال م. صادق العلي إن المشروع جاهز.",
                               "وأوضح أ.د. خالد أن النتائج جيدة."]
    # an era's letter after a year ends one: "2015 م.", "1436 هـ."
    text = "وافتتح المشروع عام 2015 م. وقال الوزير إنه جاهز. وذلك في 1436 هـ. ثم عاد"
    assert sentences(text) == ["وافتتح المشروع عام 2015 م.", "وقال الوزير إنه جاهز.", "وذلك في 1436 هـ.", "ثم عاد"]


def test_english_abbreviations_initials_and_numbers():
    text = "Mr. Smith met Dr. J. Jones at 3.5 p.m. on Monday. The U.S. Army agreed. Gen. Lee left."
    assert sentences(text) == ["Mr. Smith met Dr. J. Jones at 3.5 p.m. on Monday.", "The U.S. Army agreed.",
                               "Gen. Lee left."]


def test_initialisms_and_numbered_parts_end_no_sentence():
    # legal citations, orders and initials, as government statements write them
    text = ("Pursuant to 50 U.S.C. 1701 and E.O. 14024, Treasury designated A.G. Guryev and Luxembourg S.A. "
            "today. See Sec. 2 of the order and ch. 30 of the law. It applies now.")
    assert sentences(text) == [
        "Pursuant to 50 U.S.C. 1701 and E.O. 14024, Treasury designated A.G. Guryev and Luxembourg S.A. today.",
        "See Sec. 2 of the order and ch. 30 of the law.", "It applies now."]
    text = "Brig. Gen. Ryder said Sec. Austin and Amb. Carpenter will attend. They left."
    assert sentences(text) == ["Brig. Gen. Ryder said Sec. Austin and Amb. Carpenter will attend.", "They left."]


def test_a_word_before_a_number_still_ends_a_sentence():
    # only abbreviations of a text's parts hold a number after them: a word that is not one ends its sentence
    text = "They admired the art. 5 people came. He paid 5 ft. Then left."
    assert sentences(text) == ["They admired the art.", "5 people came.", "He paid 5 ft. Then left."]


def test_english_quotes_close_sentences():
    text = '"We agreed," she said. "It is over." Then the talks ended.'
    assert sentences(text) == ['"We agreed," she said.', '"It is over."', "Then the talks ended."]


def test_sentence_spans_inside_a_paragraph_index_the_whole_text():
    text = "Heading\n\nFirst one. Second one."
    (a, b) = paragraph_spans(text)[1]
    spans = sentence_spans(text, a, b)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]
    assert spans[0][0] == a and spans[-1][1] == b


# --- tokens and clitics ----------------------------------------------------------------

def test_tokens_keep_arabic_marks_and_english_possessives():
    text = "وقالَ بوتين: Russia's army, ٢٠٢١"
    assert tokenize(text) == ["وقالَ", "بوتين", "Russia's", "army", "٢٠٢١"]
    assert [text[a:b] for a, b in token_spans(text)] == tokenize(text)


@pytest.mark.parametrize("word, must_include", [
    ("والولايات", ["والولايات", "الولايات", "ولايات"]),
    ("وبالتالي", ["بالتالي", "التالي", "تالي"]),
    ("فأكد", ["فاكد", "اكد"]),
    ("وقالت", ["قالت"]),
    ("للرئيس", ["رئيس"]),
])
def test_clitic_variants_strip_proclitics(word, must_include):
    variants = clitic_variants(word)
    assert variants[0] == fold(word)
    assert set(must_include) <= set(variants)
    assert all(len(v) >= 2 for v in variants)


def test_clitic_variants_leave_short_and_latin_words_alone():
    assert clitic_variants("بل") == ["بل"]
    assert clitic_variants("Ukraine") == ["ukraine"]


# --- language identification ---------------------------------------------------------------

@pytest.mark.parametrize("text, lang", [
    ("أعلنت الحكومة أمس عن خطة جديدة لدعم المزارعين", "ar"),
    ("The government announced a new plan to support farmers on Monday", "en"),
    ("Le gouvernement a annoncé un nouveau plan pour les agriculteurs", "fr"),
    ("Die Regierung hat einen neuen Plan für die Bauern angekündigt", "de"),
    ("El gobierno anunció un nuevo plan para los agricultores", "es"),
    ("Joe Biden Vladimir Putin", "en"),  # a caption of names
    ("قال بايدن إن Biden Putin", "ar"),  # more Arabic letters than Latin ones
    ("The talks in الدوحة ended on Monday with an agreement", "en"),
    ("12 / 34 --", "und"),
    ("", "und"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_detect_language_default_for_text_without_letters():
    assert detect_language("2021-12-08", default="ar") == "ar"


def test_detect_language_on_long_mixed_text_is_decided_by_script():
    arabic = "وأضاف المتحدث أن الوفد سيعود. " * 500
    english = "The spokesperson said the delegation would return. " * 100
    assert detect_language(arabic + english) == "ar"
    assert detect_language(english * 10 + arabic[:200]) == "en"


# --- control characters ----------------------------------------------------------------------

def test_strip_controls_keeps_tabs_and_newlines_and_counts_removals():
    cleaned, n = strip_controls("a\x00b\x07c\td\r\ne\x1bf\x7fg\x85h")
    assert cleaned == "abc\td\r\nefgh"
    assert n == 5


def test_strip_controls_leaves_clean_text_alone():
    text = "قال الوزير: نعم.\nThe end."
    assert strip_controls(text) == (text, 0)


def test_long_and_short_texts_count_letters_alike():
    import random

    from framing.text import _ARABIC_RUN_RE, _LATIN_RUN_RE, _letter_count, _script_counts

    rng = random.Random(0)
    alphabet = [chr(c) for c in [*range(0x600, 0x700), *range(0x20, 0x250), 0x1F600, 0x200F, 0x0640]]
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3000)))
        assert _script_counts(text) == (_letter_count(_ARABIC_RUN_RE, text), _letter_count(_LATIN_RUN_RE, text))
    # a long text and the same text cut short get the same language
    para = "قال المتحدث إن الاجتماع انتهى دون اتفاق. " * 5
    assert detect_language(para) == detect_language(para * 40) == "ar"
    en = "The minister said the talks were over and nothing was agreed. " * 3
    assert detect_language(en) == detect_language(en * 40) == "en"


def test_a_period_inside_parentheses_ends_no_sentence():
    assert sentences("Sen. David Perdue (R-Ga.) said he agreed. (A note.) Next.") == \
        ["Sen. David Perdue (R-Ga.) said he agreed.", "(A note.)", "Next."]


def test_is_folded_says_when_fold_leaves_a_word_as_it_is():
    from framing.text import is_folded

    for word in ("اكدت", "الرئاسه", "Russia", "2004", "u.s", "أكدت", "الرئاسة", "قالَ", "ـه", "\u200fكلمه", "ی",
                 "a b", "«x»"):
        assert not is_folded(word) or fold(word) == word, word
    assert is_folded("اكدت") and not is_folded("أكدت") and not is_folded("قالَ")


def test_whitespace_runs_collapse_as_one_regex_of_any_run_would():
    import random
    import re

    from framing.text import fold_text

    rnd = random.Random(11)
    for _ in range(2000):
        text = "".join(rnd.choice("ab \t\n\u00a0\u200f\u064e،") for _ in range(rnd.randint(0, 12)))
        expected = re.sub(r"\s+", " ", normalize(text, collapse_space=False).text)
        assert fold_text(text, strip=False) == expected, repr(text)


def test_a_long_text_folds_in_pieces_as_in_one(monkeypatch):
    """Folded as arrays in pieces (a huge document), cut only after a kept character that is no whitespace:
    the same text as one piece gives, whitespace runs with dropped marks inside them closed up once."""
    import random

    import framing.text as text_module
    from framing.text import _ARRAY_TEXT, fold_text

    rnd = random.Random(9)
    pieces = ["أ", "ة", "قال", " ", "  ", "\n", "\u064e", "\u0640", "\u200f", "\u00a0", "«", "٣", "x", " \u064e "]
    texts = ["".join(rnd.choice(pieces) for _ in range(_ARRAY_TEXT)) for _ in range(20)]
    assert min(map(len, texts)) >= _ARRAY_TEXT
    whole = [(fold_text(t), fold_text(t, strip=False)) for t in texts]
    for size in (1, 7, 100, 1000):
        monkeypatch.setattr(text_module, "_ARRAY_PIECE", size)
        assert [(fold_text(t), fold_text(t, strip=False)) for t in texts] == whole, size
    assert all(a == normalize(t).text.strip() for (a, _), t in zip(whole, texts))
    # a long text, or a piece of one, of nothing but what the fold drops folds to nothing
    monkeypatch.setattr(text_module, "_ARRAY_PIECE", 1000)
    assert fold_text("\u064e" * _ARRAY_TEXT) == fold_text("\u200f" * _ARRAY_TEXT, strip=False) == ""
    assert fold_text("قال" + "\u064e" * (2 * _ARRAY_TEXT)) == "قال"


def test_fold_text_translates_and_replaces_alike():
    """fold_text translates short texts, replaces character by character from _LONG_TEXT on and maps code
    points as an array from _ARRAY_TEXT on: the same text each way."""
    import random

    from framing.text import _ARRAY_TEXT, _LONG_TEXT, fold_text

    rnd = random.Random(5)
    pieces = ["أ", "إ", "آ", "ٱ", "ة", "ى", "ی", "ک", "ە", "«", "»", "“", "’", "`", "٣", "۷", "\u064e", "\u0640",
              "\u200f", "\u00ad", "قال", "Russia's", " ", "\n", "\t", "\u00a0", "، ", "\u3000", "\u2028", "\x85",
              "\x1c", "\U0001F600", "\ud800", "\ufeff"]
    for _ in range(500):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 60)))
        short, long = text[:_LONG_TEXT - 1], (text * (_LONG_TEXT // max(1, len(text)) + 1))
        longest = text * (_ARRAY_TEXT // max(1, len(text)) + 1)
        for t in (short, long, longest, " " + longest + "\n"):
            assert fold_text(t) == normalize(t).text.strip(), repr(t)
            assert fold_text(t, strip=False) == normalize(t).text, repr(t)
