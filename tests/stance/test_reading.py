"""Tests for framing.stance.reading: a batch's texts folded and screened, one text read for its targets."""

import numpy as np
import pandas as pd

from framing.stance import reading
from framing.stance.lexicon import StanceLexicon
from framing.stance.news_model import NewsStance
from framing.stance.reading import (FoldedBatch, Reading, breaks_words, content_word, cue_classes, parts_of_rejected,
                                    repeated_texts, sentiment_bin, stands_in, word_key)
from framing.stance.targets import Target, tokenize_for_matching
from stance_support import TARGETS, statements

_X = statements


def test_a_part_stands_in_a_whole_after_a_break_between_words():
    whole = "قال الوزير: «ندين الهجوم» وأضاف U.S. officials"
    assert stands_in("قال", whole) and stands_in("ندين الهجوم", whole) and stands_in("S. officials", whole)
    assert not stands_in("الهجوم»", "x") and not stands_in("زير", whole)
    assert breaks_words(" ") and breaks_words("«") and not breaks_words("ب") and not breaks_words("\u064e")
    assert parts_of_rejected(["قال", "قال", None], [whole, "other", whole], {whole}) == [True, False, False]


def test_statements_in_a_rejected_article_or_paragraph_are_not_read_and_the_output_is_the_same(monkeypatch):
    article = "تقرير عن الطقس\n\nقال المتحدث إن الجو حار.\n\nوقال الوزير إن إيران تهدد المنطقة."
    X = _X(content=["الجو حار", "إيران تهدد المنطقة", "الجو حار"],
           paragraph_text=["قال المتحدث إن الجو حار.", "وقال الوزير إن إيران تهدد المنطقة.",
                           "قال المتحدث إن الجو حار."],
           headline=["تقرير عن الطقس"] * 3, article_text=[article, article, "قال المتحدث إن الجو حار."])
    scorer = NewsStance(TARGETS, speakers=False).fit()
    folded = FoldedBatch(X, scorer.rules_.matcher_)
    assert folded.quiet == [True, False, True] and folded.contents[2] is None and folded.paras[2] is None
    assert folded.content(2) == "الجو حار"
    quick = scorer.transform(X)
    monkeypatch.setattr(reading, "parts_of_rejected", lambda parts, wholes, rejected: [False] * len(parts))
    assert NewsStance(TARGETS, speakers=False).fit().transform(X).equals(quick)
    # both statements of the article that names Iran were read: each has Iran among its candidates (what
    # label the first gets is the shipped model's business), and the one naming it takes a side
    assert all(any(t == 0 for t, _ in row) for row in scorer.candidates(X)[:2])
    assert quick["stance_iran_label"].tolist()[1] != "none"


def test_repeated_texts_convert_each_distinct_value_once():
    column = pd.Series(["a long article", None, "a long article", "another"], dtype="string")
    values = repeated_texts(column)
    assert values == column.fillna("").tolist() and values[0] is values[2]


def test_a_statement_that_cuts_a_word_short_is_read_though_its_paragraph_names_no_target(monkeypatch):
    targets = [Target("Russia", {"ar": ["الروس"]})]
    paragraph = "ندد الروسيون بالقرار"  # a core (روس) inside a word that names no target
    X = _X(content=["ندد الروس"], paragraph_text=[paragraph], headline=["خبر"], article_text=[paragraph])
    quick = NewsStance(targets, speakers=False).fit().transform(X)
    monkeypatch.setattr(reading, "parts_of_rejected", lambda parts, wholes, rejected: [False] * len(parts))
    assert NewsStance(targets, speakers=False).fit().transform(X).equals(quick)
    assert quick["stance_russia_label"].tolist() != ["none"]


def test_a_readings_cue_words_are_read_when_first_asked_for():
    tokens = tokenize_for_matching("We condemn the invasion")
    read = Reading(tokens, np.zeros(1), {}, None, lex=StanceLexicon.for_language("en"))
    assert read._cues is None
    assert read.cues == [(1, 2, "oppose"), (3, 4, "hostile")] and read._cues is read.cues
    assert Reading(tokens, np.zeros(1), {}, None).cues == []


def test_word_keys_drop_the_article_and_a_conjunction_before_it_only():
    assert word_key("والحوثيين") == "حوثيين" and word_key("الحكومة") == "حكومة"
    assert word_key("سوريا") == "سوريا" and word_key("وزير") == "وزير" and word_key("Sanctions") == "sanctions"
    assert content_word("والحوثيين") == "c=حوثيين" and content_word("في") == ""


def test_cue_classes_and_a_clear_sentiment_are_read_off_a_text():
    en = StanceLexicon.for_language("en")
    assert cue_classes(en, "we condemn the invasion") == ("hostile", "oppose")
    assert cue_classes(None, "we condemn the invasion") == () and cue_classes(en, "") == ()
    assert sentiment_bin("en", "a terrible, brutal attack") == "neg"
    assert sentiment_bin("en", "the meeting is on Tuesday") == ""
    assert sentiment_bin("xx", "a terrible, brutal attack") == ""  # no shipped lexicon: no reading
