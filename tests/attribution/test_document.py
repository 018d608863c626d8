"""Segmentation for attribution: tokens, gaps and the cue screen agree with the plain text layer."""

import pytest

from framing.attribution.cues import cue_lexicon
from framing.attribution.document import prepare
from framing.text import fold, token_spans

TEXTS = [
    "وقالَ المتحدثُ باسم الوزارة، في بيان: «نحن هنا». وانتهى الاجتماع.",
    "The minister’s aide said on Monday that Russia's army had moved. Officials' views differ!",
    "  بحسب مصادر مطلعة ــ فإن الاتفاق قريب  ",
    "",
    "؟!",
]


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_match_token_spans_and_gaps_rebuild_the_sentence(text):
    doc = prepare(text)
    for sent in doc.sentences:
        toks = sent.tokens
        assert [(t.start, t.end) for t in toks] == token_spans(text, sent.start, sent.end)
        assert [t.text for t in toks] == [text[t.start:t.end] for t in toks]
        assert [t.norm for t in toks] == [fold(t.text).lower() for t in toks] == sent.norms
        # the gaps and the words, interleaved, give the sentence back
        rebuilt = "".join(sent.gap(i) + toks[i].text for i in range(len(toks))) + sent.gap(len(toks))
        assert rebuilt == sent.text
        for i in range(1, len(toks)):
            assert sent.gap(i) == text[toks[i - 1].end:toks[i].start]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_cue_screen_from_norms_agrees_with_the_text_screen(lang):
    lex = cue_lexicon(lang)
    sentences = [
        "وأكدَ الوزير أن الوضع مستقر", "وفقا لمصادر محلية فإن", "ذهب الولد إلى المدرسة", "الوزارة: لا تغيير",
        "He said the army's plans changed", "The army's plans, according to officials, changed",
        "Nobody's plans changed", "Markets rose on Monday",
    ]
    for text in sentences:
        for sent in prepare(text, lang=lang).sentences:
            assert lex.may_have_cue(sent.text, sent.norms) == lex.may_have_cue(sent.text)
    # the screen can say no: a sentence with no cue of either language is skipped
    assert not lex.may_have_cue("Markets rose on Monday" if lang == "en" else "ذهب الولد إلى المدرسة")


def test_screens_skip_sentences_that_cannot_hold_a_quote():
    from framing.attribution.arabic import may_have_colon_quote

    ar = cue_lexicon("ar")
    # a frequent word of an "according to" phrase alone is not the phrase
    assert not ar.may_have_cue("وضع الكتاب على الطاولة")
    assert ar.may_have_cue("وذلك على حد تعبير الوزير")
    assert ar.may_have_cue("ووفقا لمصادر محلية فإن الاتفاق قريب")
    en = cue_lexicon("en")
    assert not en.may_have_cue("The cake was delivered to the office on time")
    assert en.may_have_cue("Prices rose, according to the bank")
    # colons: a headline, or a body paragraph opening with a short name, may be a colon quote
    doc = prepare("الكرملين: المحادثات مفيدة\n\nبدأ الاجتماع الذي طال انتظاره كثيرا في الساعة 10:30 صباحا\n\n"
                  "المتحدث باسم الوزارة: لا تغيير\n\nوفي الجلسة قرأ النائب البند الأول من جدول الأعمال: التعليم")
    screens = [may_have_colon_quote(s) for s in doc.sentences]
    assert screens == [True, False, True, False]
