"""The lexicon matcher: Arabic word forms, negation, intensifiers, contrast, target windows."""

from __future__ import annotations

import pytest

from framing.sentiment.engine import CompiledLexicon, arabic_forms


@pytest.mark.parametrize("token, forms", [
    ("وبالتصعيد", ("وبالتصعيد", "بالتصعيد", "التصعيد", "تصعيد", "يصعيد")),   # proclitics, imperfect prefix
    ("ازمتها", ("ازمتها", "ازمته", "ازمت", "ازمه", "ازم")),                  # pronoun off, ت read as ه
    ("أزماتها", ("ازماتها", "ازماته", "ازمات", "ازماه", "ازمه", "ازم")),       # plural ات read as ه
    ("سلبيه", ("سلبيه", "سلبي")),                                             # يه -> ي; س only before a verb
    ("سيدعم", ("سيدعم", "يدعم")),                                             # the future س comes off
    ("حلوووو", ("حلو",)),                                                     # lengthening folded
    ("هيخسر", ("هيخسر", "يخسر")),                                             # dialect future ه
    ("يعجبني", ("يعجبني", "يعجب")),                                           # ني "me"
    ("السوداني", ("السوداني", "سوداني")),                                     # nisba اني keeps its ني
    ("ياحرامي", ("ياحرامي", "حرامي")),                                         # the vocative written on
    ("نفضحو", ("نفضحو", "يفضحو", "نفضح", "يفضح")),                            # dialect plural و
    ("حربيه", ("حربيه", "حربي")),                                             # never حرب
    ("دعم", ("دعم",)),                                                       # too short to strip
])
def test_arabic_forms_full_form_first_then_longest(token, forms):
    assert arabic_forms(token) == forms


def test_negation_flips_and_damps_within_the_clause():
    lex = CompiledLexicon({"good": 1.0}, {"negators": ["not"]})
    good, not_good, cut = lex.score("good"), lex.score("not good"), lex.score("not now, good")
    assert good == pytest.approx(0.72, abs=0.01) and not_good == pytest.approx(-0.61, abs=0.01)
    assert cut == pytest.approx(good)


def test_intensifier_and_contrast():
    lex = CompiledLexicon({"good": 1.0, "bad": -1.0}, {"intensifiers": {"very": 0.3}, "contrast": ["but"]})
    assert lex.score("very good") > lex.score("good") > 0
    assert lex.score("good but bad") < 0 < lex.score("bad but good")


def test_a_target_window_keeps_far_words_out():
    lex = CompiledLexicon({"bad": -1.0})
    text = "bad things and then a long way on Smith"
    start = text.index("Smith")
    assert lex.score(text, target=(start, start + 5), window=2) == 0.0
    assert lex.score(text) < 0


def test_dialect_negation_circumfix_negates_the_word_inside_or_what_follows():
    lex = CompiledLexicon({"حب": 1.0, "كويس": 1.0}, {"negation_circumfix": True})
    assert lex.score("مابحبش") < 0 < lex.score("بحب")
    assert lex.score("مكانش كويس") < 0 < lex.score("كان كويس")
    # without the setting (English, user modifiers) nothing is read into ش
    assert CompiledLexicon({"حب": 1.0}).score("مابحبش") == 0.0


def test_polarity_keeps_praise_and_blame_apart():
    lex = CompiledLexicon({"good": 1.0, "bad": -1.0}, {"negators": ["not"]})
    assert lex.polarity("good and bad") == (1.0, -1.0, 2)
    pos, neg, hits = lex.polarity("not good, bad")
    assert pos == 0.0 and neg == pytest.approx(-1.74) and hits == 2
    assert lex.score("good and bad") == 0.0


def test_hashtag_words_are_read_apart_at_the_same_offsets():
    lex = CompiledLexicon({"مذبحة": -1.0, "massacre": -1.0})
    assert lex.score("#ارتكبت_مذبحة") < 0 and lex.score("#stop_the_massacre") < 0
    # offsets do not move: a target window still finds the word next to the target
    text = "#Smith_massacre far away"
    assert lex.score(text, target=(1, 6), window=1) < 0


def test_scan_gives_tokens_and_boundaries_in_order():
    lex = CompiledLexicon({})
    assert lex.scan("good, not #very_bad (now)") == ["good", ",", "not", "very", "bad", "(", "now", ")"]
    # polarity reads a given scan as it reads the text
    text = "not good, bad"
    lex = CompiledLexicon({"good": 1.0, "bad": -1.0}, {"negators": ["not"]})
    assert lex.polarity(text, scanned=lex.scan(text)) == lex.polarity(text)


def test_units_count_tokens_not_boundaries():
    lex = CompiledLexicon({"good": 1.0, "bad": -1.0})
    units, toks = lex.units("good. (so) bad")
    # token positions 0 and 2 (boundaries skipped), clauses 0 and 3, character offsets of each word
    assert [(u[2], u[3], u[4], u[5], u[6]) for u in units] == [(0, 0, 0, 0, 4), (2, 2, 3, 11, 14)]
    assert [(c, a, b) for _, c, a, b in toks] == [(0, 0, 4), (2, 7, 9), (3, 11, 14)]


def test_a_phrase_is_one_unit_and_never_crosses_a_boundary():
    lex = CompiledLexicon({"good": 1.0, "not bad": 0.5, "bad": -1.0})
    units, _ = lex.units("not bad at all")
    assert [(u[1], u[2], u[3]) for u in units] == [(0.5, 0, 1)]  # "bad" inside the phrase is not read again
    assert [u[1] for u in lex.units("not, bad")[0]] == [-1.0]
    assert [u[1] for u in lex.units("good not")[0]] == [1.0]  # a phrase's first word at the end of the text


def test_negation_window_counts_tokens_across_a_scan():
    lex = CompiledLexicon({"good": 1.0}, {"negators": ["not"]})
    assert lex.score("not a b good") < 0 < lex.score("not a b c good")  # three tokens reach, four do not
    assert lex.score("not a (b) good") > 0  # the parentheses end the negator's clause


def test_a_full_token_cache_starts_afresh_with_the_same_readings(monkeypatch):
    from framing.sentiment import engine

    text = "غير ناجح، لكن الاتفاق مفيد جدا"
    lex = CompiledLexicon({"ناجح": 1.0, "مفيد": 1.0}, {"negators": ["غير"], "contrast": ["لكن"],
                                                     "intensifiers": {"جدا": 0.3}})
    expected = lex.polarity(text)
    monkeypatch.setattr(engine, "_CACHE_LIMIT", 2)
    fresh = CompiledLexicon({"ناجح": 1.0, "مفيد": 1.0}, {"negators": ["غير"], "contrast": ["لكن"],
                                                       "intensifiers": {"جدا": 0.3}})
    assert fresh.polarity(text) == expected and len(fresh._cache) <= 3


def test_boundary_characters_are_the_scan_boundaries():
    import re
    import sys

    from framing.sentiment.engine import _BOUNDARY, BOUNDARY_CHARS

    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert set(re.findall(f"[{_BOUNDARY}]", everything)) == BOUNDARY_CHARS
    assert CompiledLexicon({}).token(".")[-1] != 2  # token() of a boundary still analyses it as a word
