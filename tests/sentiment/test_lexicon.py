"""The lexicon sentiment scorers: the estimator contract, Arabic and English rules, the dispatcher.

The sentences are written for these tests; none comes from a data set.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from sentiment_support import check_contract, labels, scores, utts
from sklearn.base import clone

from framing.errors import FramingError
from framing.sentiment import LexiconSentiment, SentimentScorer, VaderSentiment


@pytest.fixture(scope="module")
def ar():
    return LexiconSentiment("ar").fit()


@pytest.fixture(scope="module")
def en():
    return LexiconSentiment("en").fit()


# --- the estimator contract ------------------------------------------------------

@pytest.mark.parametrize("make", [lambda: LexiconSentiment("ar"), lambda: LexiconSentiment("en"), VaderSentiment,
                                  SentimentScorer], ids=["lexicon-ar", "lexicon-en", "vader", "default"])
def test_scorer_contract(make):
    check_contract(make())


def test_settings_are_stored_unchanged():
    scorer = LexiconSentiment("en", negation_window=5, positive_threshold=0.3, target_window=4)
    assert scorer.get_params()["negation_window"] == 5
    assert clone(scorer).get_params()["target_window"] == 4
    assert not hasattr(scorer, "lexicon_")
    assert scorer.fit().method_ == "sentiment.lexicon.en.v2" and scorer.n_entries_ > 7000


def test_transform_needs_the_utterance_columns(ar):
    with pytest.raises(ValueError, match="lacks column"):
        ar.transform(pd.DataFrame({"content": ["نص"]}))


def test_unknown_language_without_own_lexicon_is_explained():
    with pytest.raises(FramingError, match="no sentiment lexicon ships"):
        LexiconSentiment("fr").fit()


# --- Arabic ------------------------------------------------------------------------

def test_arabic_negation_flips(ar):
    pos, neg = scores(ar, ["كان الاجتماع ناجحا", "لم يكن الاجتماع ناجحا"])
    assert pos > 0 > neg
    assert labels(ar, ["الوضع غير مستقر", "عدم الاستقرار في المنطقة", "لن نقبل بالفشل"]) == \
        ["negative", "negative", "positive"]


def test_arabic_negation_stops_at_the_clause(ar):
    # the comma ends the negated clause: "ناجحا" after it is not negated
    assert scores(ar, ["لم يحضر الوزير، وكان اللقاء ناجحا"])[0] > 0


def test_arabic_phrases_that_look_negated_are_not(ar):
    # لا يزال means "still": nothing is negated
    assert labels(ar, ["لا يزال الوضع مستقرا", "ولا سيما الدعم الكبير"]) == ["positive", "positive"]


def test_arabic_clitic_and_suffix_matching(ar):
    assert labels(ar, ["وبالتصعيد", "فالعدوان", "انتصاراتهم", "تدعم الحكومة المبادرة", "أزماتها"]) == \
        ["negative", "negative", "positive", "positive", "negative"]


def test_arabic_matching_folds_spelling(ar):
    # hamza-less alef, diacritics and tatweel are folded before look-up
    assert scores(ar, ["إبادة"])[0] == pytest.approx(scores(ar, ["ابادَة"])[0])
    assert scores(ar, ["الاعتـــداء"])[0] < 0


def test_arabic_names_and_institutions_carry_no_sentiment(ar):
    assert labels(ar, ["اجتمع قادة مجلس التعاون الخليجي", "قالت قوات الدعم السريع"]) == ["neutral", "neutral"]


def test_arabic_intensifiers_before_and_after(ar):
    plain, after, before = scores(ar, ["كان اللقاء ناجحا", "كان اللقاء ناجحا جدا", "وضع بالغ الخطورة"])
    assert after > plain > 0
    assert before < scores(ar, ["وضع الخطورة"])[0] < 0
    weak = scores(ar, ["تحسن طفيف"])[0]
    assert 0 < weak < scores(ar, ["تحسن"])[0]


def test_arabic_dialect_spellings_and_affixes(ar):
    # lengthened letters, Egyptian ه future, ني "me", dialect negators and the ما...ش circumfix
    assert labels(ar, ["حلوووو", "هيخسر", "يعجبني", "الفيلم مش حلو", "مابحبش الكلام ده", "مكانش كويس"]) == \
        ["positive", "negative", "positive", "negative", "negative", "negative"]
    assert labels(ar, ["الأكل زاكي كتير", "خايس مرة", "مزيان بزاف", "كلامك بايخ"]) == \
        ["positive", "negative", "positive", "negative"]
    # intensifiers of the dialects raise what they govern
    assert scores(ar, ["حلو أوي"])[0] > scores(ar, ["حلو"])[0] > 0


def test_arabic_look_alikes_made_by_stripping_are_not_matched(ar):
    # سحب is not س + حب, سياسة not س + يأس, السوداني not السودا + ني, فكرة not ف + كره, هنا is not هنأ
    assert labels(ar, ["سحب القوات", "سياستها الخارجية", "قال السوداني", "فكرة جديدة", "هنا وهناك",
                       "بذل جهدا", "مباراة كرة القدم", "قال الأمين العام", "بدأ المهرجان"]) == ["neutral"] * 9


def test_arabic_verbs_of_stopping_and_fighting_reverse_what_they_govern(ar):
    assert labels(ar, ["وقف العدوان", "مكافحة الفساد", "الحد من الفقر", "إنهاء الحصار"]) == ["positive"] * 4
    # a fixed phrase that begins with one keeps its own score
    assert labels(ar, ["خفض التصعيد"]) == ["positive"]


def test_the_reporting_verb_is_read_with_the_statement(ar):
    X = pd.DataFrame({"utterance_id": ["a", "b", "c"], "lang": "ar", "cue": ["وأدان", "ورحب", "وقال"],
                      "content": ["الهجوم على القرية", "بالاتفاق", "إن الاجتماع عقد أمس"]})
    assert ar.transform(X)["sentiment_label"].tolist() == ["negative", "positive", "neutral"]
    # a cue is a clause of its own: its negator does not reach the content
    X = pd.DataFrame({"utterance_id": ["a"], "lang": "ar", "cue": ["لم يقل"], "content": ["إن الاتفاق ناجح"]})
    assert ar.transform(X)["sentiment_label"].tolist() == ["positive"]
    without = LexiconSentiment("ar", cue=False).fit()
    X = pd.DataFrame({"utterance_id": ["a"], "lang": "ar", "cue": ["وأدان"], "content": ["الاجتماع"]})
    assert without.transform(X)["sentiment_label"].tolist() == ["neutral"]


def test_a_cue_keeps_the_target_window_on_the_target():
    scorer = LexiconSentiment("en", target_window=2).fit()
    text = "Smith spoke, and a terrible war followed far away from him"
    X = pd.DataFrame({"utterance_id": ["a"], "lang": "en", "content": [text], "cue": ["praised"],
                      "target_start": [0], "target_end": [5]})
    # about a target only the words near it count: not the cue's praise, not the far war
    assert scorer.transform(X)["sentiment"].tolist() == [0.0]


def test_arabic_multiword_entry(ar):
    assert labels(ar, ["أعلن وقف إطلاق النار", "سمع إطلاق النار"]) == ["positive", "negative"]


def test_arabic_contrast_weighs_what_follows(ar):
    assert scores(ar, ["الاتفاق جيد لكن التنفيذ فاشل"])[0] < 0


# --- English -----------------------------------------------------------------------

def test_english_negation(en):
    good, not_good, isnt, never = scores(en, ["The plan is good", "The plan is not good",
                                              "The plan isn't good", "It was never peaceful"], "en")
    assert good > 0 > not_good and isnt < 0 and never < 0
    assert scores(en, ["Not only good but great"], "en")[0] > 0


def test_english_news_additions(en):
    assert labels(en, ["The escalation continued", "Both sides agreed to a ceasefire",
                       "The United Nations Security Council met on Monday", "a cease-fire held"], "en") == \
        ["negative", "positive", "neutral", "positive"]
    vader = VaderSentiment().fit()
    # VADER alone reads institution names as praise; the additions do not
    assert labels(vader, ["The United Nations Security Council met on Monday"], "en") == ["positive"]


def test_english_intensifier_and_diminisher(en):
    plain, very, slightly = scores(en, ["a good result", "a very good result", "a slightly good result"], "en")
    assert very > plain > slightly > 0


def test_english_contrast(en):
    assert scores(en, ["The offer was good but the outcome was terrible"], "en")[0] < 0


def test_target_window_scores_near_the_target():
    text = "Critics condemned Smith, and everyone praised Jones"
    start = text.index("Smith")
    jones = text.index("Jones")
    windowed = LexiconSentiment("en", target_window=3).fit()
    got = scores(windowed, [text, text], "en", target_start=[start, jones], target_end=[start + 5, jones + 5])
    assert got[0] < 0 < got[1]
    whole = LexiconSentiment("en").fit()  # target_window=None: the whole text, the same for both
    same = scores(whole, [text, text], "en", target_start=[start, jones], target_end=[start + 5, jones + 5])
    assert same[0] == same[1]


def test_thresholds_are_settings(ar):
    strict = LexiconSentiment("ar", positive_threshold=0.9, negative_threshold=-0.9).fit()
    assert labels(ar, ["دعم"]) == ["positive"] and labels(strict, ["دعم"]) == ["neutral"]
    with pytest.raises(ValueError, match="above"):
        LexiconSentiment("ar", positive_threshold=-0.5, negative_threshold=0.5).fit().transform(utts(["دعم"]))


def test_no_match_is_neutral_zero_and_missing_text_is_none(ar):
    out = ar.transform(utts(["انعقد الاجتماع يوم الاثنين", None]))
    assert out["sentiment"].iloc[0] == 0.0 and out["sentiment_label"].iloc[0] == "neutral"
    assert math.isnan(out["sentiment"].iloc[1]) and out["sentiment_label"].iloc[1] == "none"


def test_user_modifiers_replace_the_shipped_ones():
    scorer = LexiconSentiment("en", lexicon={"good": 1.0}, modifiers={"negators": ["nae"]}).fit()
    assert scores(scorer, ["nae good", "not good"], "en") == [pytest.approx(-0.61, abs=0.01),
                                                             pytest.approx(0.72, abs=0.01)]


# --- the default dispatcher --------------------------------------------------------

def test_dispatch_records_the_method_per_row():
    X = utts(["رحب الوزير بالاتفاق", "A deadly attack", "Une attaque meurtrière", "قصف عنيف", ""],
             ["AR", "en-GB", "fr", None, "und"])
    out = SentimentScorer().fit(X).transform(X)
    assert out["sentiment_method"].tolist() == ["sentiment.lexicon.ar.v2", "sentiment.lexicon.en.v2", "none",
                                                "sentiment.lexicon.ar.v2", "none"]
    assert out["sentiment_label"].tolist() == ["positive", "negative", "none", "negative", "none"]
    assert math.isnan(out["sentiment"].iloc[2])


def test_dispatch_without_detection_leaves_missing_languages_unscored():
    out = SentimentScorer(detect_language=False).fit().transform(utts(["قصف عنيف"], [None]))
    assert out["sentiment_label"].tolist() == ["none"]


def test_dispatch_passes_target_window_and_custom_scorers():
    scorer = SentimentScorer(scorers={"en": LexiconSentiment("en", lexicon={"calm": 1.0})}, target_window=2)
    scorer.fit()
    assert scorer.scorers_["en"].target_window == 2
    out = scorer.transform(utts(["calm", "هدوء"], ["en", "ar"]))
    assert out["sentiment_label"].tolist() == ["positive", "none"]
