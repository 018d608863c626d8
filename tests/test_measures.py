"""The measures table: every scorer joined on utterance_id, methods recorded."""

import pandas as pd
import pytest

from framing.errors import FramingError
from framing.measures import SCORERS, fitted_scorers, methods, score_utterances
from framing.scorers import UtteranceScorer


@pytest.fixture()
def utterances():
    return pd.DataFrame({
        "utterance_id": ["a:1", "a:9", "b:4"],
        "lang": ["ar", "en", "ar"],
        "content": ["ندين العدوان الروسي على أوكرانيا", "We stand with Ukraine and support sanctions.",
                    "سيعقد الاجتماع غدا"],
        "cue": ["وقال", "said", "وأضاف"],
        "side": ["Ukraine", "United States", ""],
        "confidence": [0.95, 0.9, 0.6],
    })


def test_one_row_per_utterance_with_every_family(utterances):
    m = score_utterances(utterances)
    assert m.utterance_id.tolist() == utterances.utterance_id.tolist()
    assert {"sentiment", "sentiment_label", "sentiment_method", "stance_method"} <= set(m.columns)
    assert m.loc[0, "stance_russia_label"] == "against" and m.loc[2, "stance_russia_label"] == "none"
    # the cue rules, statement by statement
    m = score_utterances(utterances, stance_method="cues")
    assert m.loc[0, "stance_russia_label"] == "against" and m.loc[0, "stance_ukraine_label"] == "favor"
    assert m.loc[1, "stance_ukraine_label"] == "favor" and m.loc[1, "stance_sanctions_label"] == "favor"
    assert m.loc[2, "stance_russia_label"] == "none"
    assert m.sentiment.between(-1, 1).all()


def test_methods_are_recorded_and_side_changes_the_method(utterances):
    assert methods(score_utterances(utterances))["stance_method"] == ["stance.news-lr.v3"]
    assert methods(score_utterances(utterances, stance_method="cues"))["stance_method"] == ["stance.cues.v1"]
    assert methods(score_utterances(utterances, stance_method="cues", use_side=True))["stance_method"] == \
        ["stance.cues+side.v1"]
    with pytest.raises(FramingError, match="use_side goes with the cue rules"):
        score_utterances(utterances, use_side=True)


def test_custom_scorer_replaces_default(utterances):
    class Constant(UtteranceScorer):
        method = "sentiment.constant.v1"
        method_column = "sentiment_method"

        def _score(self, X):
            return pd.DataFrame({"sentiment": [0.5] * len(X), "sentiment_label": ["positive"] * len(X)})

    m = score_utterances(utterances, sentiment=Constant())
    assert (m.sentiment == 0.5).all() and (m.sentiment_method == "sentiment.constant.v1").all()


def test_targets_file_sets_the_stance_columns(utterances, tmp_path):
    f = tmp_path / "targets.yml"
    f.write_text("targets:\n  - name: Sanctions\n    aliases:\n      en: [sanctions]\n      ar: [العقوبات]\n",
                 encoding="utf-8")
    m = score_utterances(utterances, targets=f)
    assert [c for c in m.columns if c.startswith("stance_") and c.endswith("_label")] == ["stance_sanctions_label"]


def test_families_are_registered_in_the_order_of_their_columns(utterances):
    assert list(SCORERS) == ["sentiment", "stance", "topic", "frames", "dictionary", "label"]
    scorers = fitted_scorers()
    # no topic model, no topics; no dictionary given, no dictionary columns
    assert [type(s).__name__ for s in scorers] == ["SentimentScorer", "NewsStance", "FrameScorer"]
    assert [type(s).__name__ for s in fitted_scorers(frames=False)] == ["SentimentScorer", "NewsStance"]
    m = score_utterances(utterances, scorers=scorers)
    pd.testing.assert_frame_equal(m, score_utterances(utterances))
    assert list(m.columns[:4]) == ["utterance_id", "sentiment", "sentiment_label", "sentiment_method"]


def test_an_unknown_family_is_refused():
    with pytest.raises(TypeError, match="no measure family named 'sentiments'"):
        fitted_scorers(sentiments=object())


def test_the_scorers_get_each_documents_context_as_one_text_not_a_copy_per_utterance():
    from framing.measures import scorer_input, scorer_table

    article = "قال الوزير إن المحادثات مثمرة.\n\nوأضاف أن الاتفاق قريب."
    utterances = pd.DataFrame({"utterance_id": ["d:1", "d:2"], "content": ["المحادثات مثمرة", "الاتفاق قريب"]})
    X = scorer_table(utterances, {"article_text": [article, article], "headline": ["h", "h"]})
    assert X["article_text"].dtype == object and X["article_text"].tolist() == [article, article]
    assert X["article_text"].iloc[0] is X["article_text"].iloc[1]  # the same text, not two copies
    doc = {"doc_id": "d", "text": article, "title": "المحادثات"}
    frame = scorer_input(doc, {"utterance_id": ["d:1", "d:2"], "content": ["المحادثات مثمرة", "الاتفاق قريب"],
                               "paragraph": [0, 1]})
    assert frame["article_text"].dtype == object and frame["paragraph_text"].tolist()[1].startswith("وأضاف")
