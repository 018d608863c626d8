"""Tests for framing.stance.pooling and the news scorer's decisions per speaker in a document."""

import math

import numpy as np
import pandas as pd

from framing.stance.news_model import CLASSES, NewsModel, NewsStance, _speaker_keys
from framing.stance.pooling import ADDRESS_FLOOR, pool_speaker, side_of, speaker_side
from framing.stance.targets import Target

TARGETS = [Target("Iran", {"ar": ["إيران"], "en": ["Iran"]}), Target("Egypt", {"ar": ["مصر"], "en": ["Egypt"]})]


def _p(favor, against, neutral, none):
    return np.array([favor, against, neutral, none])


def test_side_drops_none_and_weighs_by_how_much_the_statement_addresses_the_target():
    label, score = side_of(_p(0.05, 0.15, 0.05, 0.75))
    assert label == "against" and math.isclose(score, -0.4 * 0.25)
    assert side_of(_p(0.1, 0.0, 0.3, 0.6)) == ("neutral", 0.1)
    # the same side balance, said more about the target, weighs more
    assert abs(side_of(_p(0.1, 0.3, 0.1, 0.5))[1]) > abs(side_of(_p(0.05, 0.15, 0.05, 0.75))[1])


def test_a_side_the_rules_decide_is_kept():
    assert side_of(_p(0.3, 0.1, 0.1, 0.5), rule="against") == ("against", -1.0)
    assert side_of(_p(0.1, 0.3, 0.1, 0.5), rule="favor") == ("favor", 1.0)


def test_a_speaker_who_never_addresses_the_target_is_none_throughout():
    out = pool_speaker([_p(0.05, 0.1, 0.05, 0.8), _p(0.1, 0.05, 0.05, 0.8)], [None, None],
                       centred=False, none_threshold=0.7)
    assert [label for label, _ in out] == ["none", "none"] and all(math.isnan(s) for _, s in out)


def test_one_statement_that_addresses_the_target_makes_the_speaker_address_it():
    out = pool_speaker([_p(0.05, 0.6, 0.05, 0.3), _p(0.02, 0.1, 0.03, 0.85)], [None, None],
                       centred=False, none_threshold=0.7)
    assert [label for label, _ in out] == ["against", "against"]
    assert out[0][1] < 0 and out[1][1] < 0


def test_an_article_centred_on_the_target_lowers_the_bar_to_the_floor():
    below = 1.0 - ADDRESS_FLOOR + 0.05   # P(none): P(addressed) just under the floor
    above = 1.0 - ADDRESS_FLOOR - 0.05   # P(addressed) over the floor, under the model's own bar
    assert pool_speaker([_p(0.04, 0.1, 0.01, above)], [None], centred=False, none_threshold=0.7)[0][0] == "none"
    assert pool_speaker([_p(0.04, 0.1, 0.01, above)], [None], centred=True, none_threshold=0.7)[0][0] == "against"
    assert pool_speaker([_p(0.04, 0.05, 0.01, below)], [None], centred=True, none_threshold=0.7)[0][0] == "none"


def test_a_statement_about_the_target_outweighs_several_in_passing():
    from framing.stance.decide import decide_one

    about = _p(0.6, 0.1, 0.1, 0.2)
    passing = [_p(0.02, 0.06, 0.02, 0.9)] * 4
    out = pool_speaker([about, *passing], [None] * 5, centred=False, none_threshold=0.7)
    assert [label for label, _ in out] == ["favor"] * 5
    # the statement about the target carries more of the speaker's margin than each in passing
    assert out[0][1] > out[1][1] > 0
    assert decide_one([label for label, _ in out], [s for _, s in out])[0] == "favor"


def test_the_side_is_the_speakers_over_their_statements_not_a_count_of_them():
    # two statements lean against a little, one is clearly for: summed, the speaker is for
    weak = _p(0.25, 0.35, 0.1, 0.3)
    strong = _p(0.8, 0.05, 0.05, 0.1)
    assert speaker_side([weak, weak, strong])[0] == "favor"
    assert speaker_side([weak, weak])[0] == "against"
    # a speaker whose statements are mostly neutral toward it is neutral, though one leans a little
    assert speaker_side([_p(0.1, 0.15, 0.5, 0.25), _p(0.05, 0.05, 0.6, 0.3)])[0] == "neutral"
    out = pool_speaker([weak, weak, strong], [None] * 3, centred=False, none_threshold=0.7)
    assert {label for label, _ in out} == {"favor"} and all(s > 0 for _, s in out)


def test_the_margin_runs_from_against_to_favor():
    assert speaker_side([_p(0.0, 0.5, 0.0, 0.5)]) == ("against", -1.0)
    assert speaker_side([_p(0.3, 0.0, 0.0, 0.7)]) == ("favor", 1.0)
    assert speaker_side([_p(0.0, 0.0, 0.0, 1.0)]) == ("neutral", 0.0)


def test_a_rule_side_addresses_whatever_the_probabilities():
    p = _p(0.01, 0.03, 0.01, 0.95)
    assert pool_speaker([p], [None], centred=False, none_threshold=0.7)[0][0] == "none"
    # addressed because the rules decide a side; a side the model reads against them stands
    assert pool_speaker([p], ["favor"], centred=False, none_threshold=0.7)[0][0] == "against"


def test_a_rule_side_takes_what_the_model_leaves_neutral():
    # the model sees no side (a target or a time its training did not show); the rules read one
    neutral = _p(0.05, 0.1, 0.6, 0.25)
    assert speaker_side([neutral])[0] == "neutral"
    assert speaker_side([neutral], ["against"])[0] == "against"
    assert speaker_side([neutral, neutral], [None, "favor"])[0] == "favor"
    # only the statement the rules read: another statement's neutral share stays neutral
    assert speaker_side([neutral, neutral, neutral], ["favor", None, None])[0] == "neutral"
    out = pool_speaker([neutral], ["against"], centred=False, none_threshold=0.7)
    assert out[0][0] == "against" and out[0][1] < 0


def test_speakers_are_grouped_per_document():
    X = pd.DataFrame({"doc_id": ["d", "d", "e", "e"], "speaker_id": ["a", "a", "a", ""]})
    keys = _speaker_keys(X)
    assert keys[0] == keys[1] and keys[0] != keys[2] and keys[3] == (3,)


def _model():
    """A hand-set model: a target named in the statement is against, named only in the article is none
    (P(addressed) about 0.25: over the floor, under the model's own bar)."""
    feats = ["content", "article"]
    coef = np.zeros((2, len(CLASSES)))
    coef[0, CLASSES.index("against")] = 4.0
    coef[1, CLASSES.index("none")] = 2.2
    coef[1, CLASSES.index("against")] = 0.1
    return NewsModel(CLASSES, feats, coef, np.zeros(len(CLASSES)), none_threshold=0.7)


def _X(speakers, contents, article):
    n = len(contents)
    return pd.DataFrame({"utterance_id": [f"u{i}" for i in range(n)], "doc_id": ["d"] * n,
                         "speaker_id": speakers, "lang": ["en"] * n, "cue": ["said"] * n,
                         "content": contents, "article_text": [article] * n})


def test_the_speaker_who_names_the_target_carries_it_to_their_other_statements():
    X = _X(["a", "a", "b"], ["Iran is a threat", "the talks went on", "the talks went on"],
           "Iran is a threat. The talks went on. Nothing else.")
    out = NewsStance(TARGETS, model=_model()).fit().transform(X)
    assert out["stance_iran_label"].tolist() == ["against", "against", "none"]
    per_statement = NewsStance(TARGETS, model=_model(), speakers=False).fit().transform(X)
    assert per_statement["stance_iran_label"].tolist() == ["against", "none", "none"]


def test_in_an_article_centred_on_the_target_every_speaker_addresses_it():
    article = "Iran again. Iran and more. Iran at last. The talks went on."
    X = _X(["a", "b"], ["the talks went on", "nothing new"], article)
    out = NewsStance(TARGETS, model=_model()).fit().transform(X)
    assert out["stance_iran_label"].tolist() == ["against", "against"]
    once = _X(["a", "b"], ["the talks went on", "nothing new"], "Iran once. The talks went on.")
    assert NewsStance(TARGETS, model=_model()).fit().transform(once)["stance_iran_label"].tolist() == ["none", "none"]


def test_the_target_is_a_feature():
    X = _X(["a"], ["Iran is a threat"], "")
    (t, feats), = NewsStance(TARGETS).fit_rules().candidates(X)[0]
    assert TARGETS[t].name == "Iran" and "target=iran" in feats


def test_every_statement_of_a_speaker_carries_the_speakers_side():
    feats = ["content", "c=welcome"]
    coef = np.zeros((2, len(CLASSES)))
    coef[0, CLASSES.index("against")] = 2.0
    coef[1, CLASSES.index("favor")] = 6.0
    model = NewsModel(CLASSES, feats, coef, np.zeros(len(CLASSES)), none_threshold=0.7)
    X = _X(["a", "a", "b"], ["we welcome Iran", "Iran again", "Iran again"], "")
    scorer = NewsStance(TARGETS, model=model).fit()
    out = scorer.transform(X)
    # alone, the second statement leans against; its speaker's other statement is clearly for
    alone = NewsStance(TARGETS, model=model, speakers=False).fit().transform(X)
    assert alone["stance_iran_label"].tolist() == ["favor", "against", "against"]
    assert out["stance_iran_label"].tolist() == ["favor", "favor", "against"]
    # the statement that says more about the target carries more of the speaker's margin
    assert out["stance_iran"].iloc[0] > out["stance_iran"].iloc[1] > 0


def test_without_the_words_of_the_language_the_rules_give_the_side_and_the_model_none():
    neutral = _p(0.05, 0.1, 0.6, 0.25)
    out = pool_speaker([neutral, _p(0.1, 0.5, 0.1, 0.3)], ["favor", None], centred=False, none_threshold=0.7,
                       learned=False)
    # the model's "against" in a language it did not learn is its prior, not the statement's
    assert out == [("favor", 1.0), ("neutral", 0.0)]
    assert pool_speaker([neutral], ["against"], centred=False, none_threshold=0.7, learned=False) == \
        [("against", -1.0)]
    (label, score), = pool_speaker([_p(0.01, 0.01, 0.01, 0.97)], [None], centred=False, none_threshold=0.7,
                                   learned=False)
    assert label == "none" and math.isnan(score)


def test_a_model_trained_on_arabic_gives_english_statements_the_rules_side_or_neutral():
    feats = ["content", "c=welcome"]
    coef = np.zeros((2, len(CLASSES)))
    coef[0, CLASSES.index("against")] = 2.0
    coef[1, CLASSES.index("favor")] = 6.0
    X = _X(["a", "a"], ["we welcome Iran", "Iran again"], "")
    arabic = NewsModel(CLASSES, feats, coef, np.zeros(len(CLASSES)), {"languages": ["ar"]}, none_threshold=0.7)
    english = NewsModel(CLASSES, feats, coef, np.zeros(len(CLASSES)), {"languages": ["ar", "en"]},
                        none_threshold=0.7)
    assert NewsStance(TARGETS, model=arabic).fit().transform(X)["stance_iran_label"].tolist() == ["favor", "neutral"]
    assert NewsStance(TARGETS, model=english).fit().transform(X)["stance_iran_label"].tolist() == ["favor", "favor"]
    # the language told by the text when the lang column says nothing
    unknown = X.assign(lang=[None, None])
    assert NewsStance(TARGETS, model=arabic).fit().transform(unknown)["stance_iran_label"].tolist() == \
        ["favor", "neutral"]


def test_for_a_target_the_model_was_not_trained_on_the_rules_side_is_the_statements_whole_side():
    p = [np.array([0.05, 0.5, 0.1, 0.35])]
    assert pool_speaker(p, ["favor"], centred=False, none_threshold=0.7)[0][0] == "against"
    label, score = pool_speaker(p, ["favor"], centred=False, none_threshold=0.7, rules_outright=True)[0]
    assert label == "favor" and score > 0
    # a statement without a rule keeps the model's side
    both = p + [np.array([0.02, 0.9, 0.03, 0.05])]
    assert speaker_side(both, ["favor", None], outright=True)[0] == "against"
