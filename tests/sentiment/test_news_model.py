"""The Arabic news sentiment model: coded events as examples, its features, training and the shipped weights.

The sentences are written for these tests; none comes from a data set.
"""

from __future__ import annotations

import json

import numpy as np
from sentiment_support import check_contract, utts

from framing.model_files import STANDARD_KEYS
from framing.sentiment.news_events import event_examples
from framing.sentiment.news_model import METHOD, MODEL_DIR, NewsSentiment, cue_key, news_features, word_key
from framing.sentiment.news_training import (choose_settings, cross_validate_by_article, fit_news_sentiment,
                                             save_news_sentiment)

NEG = ["الهجوم على القرية", "العنف ضد المدنيين", "القصف العشوائي للأحياء", "الاعتداء على المتظاهرين"]
POS = ["الاتفاق بين الطرفين", "التعاون بين البلدين", "نجاح المفاوضات الأخيرة", "المبادرة الجديدة للسلام"]
NEU = ["موعد الاجتماع المقبل", "جدول أعمال اللجنة", "عدد المشاركين في المؤتمر", "مكان انعقاد الدورة"]


def toy_frame(n=3):
    """Statements whose label the reporting verb gives (the same content under different verbs)."""
    rows, labels, docs = [], [], []
    for k in range(n):
        for cue, label, texts in (("وأدان", "negative", NEG), ("ورحب", "positive", POS), ("وأوضح", "neutral", NEU)):
            for t in texts:
                rows.append((cue, t))
                labels.append(label)
                docs.append(f"d{k}_{t[:3]}")
    X = utts([t for _, t in rows], "ar", cue=[c for c, _ in rows])
    return X, labels, np.array(docs, dtype=object)


def test_keys_fold_and_drop_proclitics():
    assert word_key("والحكومة") == word_key("الحكومة") == word_key("حكومة")
    assert word_key("بلد") == "بلد"  # a three-letter word keeps its first letter
    assert cue_key("وأدان") == cue_key("أدان") == cue_key("فأدان")


def test_features_read_content_and_cue_apart():
    f = news_features("الاتفاق", "وأدان")
    assert f["lex_pos"] > 0 and f["cue_neg"] > 0
    assert f["cue=ادان"] == 1.0 and f["w=اتفاق"] == 1.0
    assert "w=اتفاق" not in news_features("الاتفاق", words=False)
    assert "cue_neg" in news_features("الاتفاق") and news_features("الاتفاق")["cue_neg"] == 0


def test_training_learns_the_reporting_verb():
    X, labels, _ = toy_frame()
    scorer = NewsSentiment(C=1.0, words=True).fit(X, labels)
    new = utts(["موضوع جديد", "موضوع جديد", "موضوع جديد"], "ar", cue=["وأدان", "ورحب", "وأوضح"])
    out = scorer.transform(new)
    assert out["sentiment_label"].tolist() == ["negative", "positive", "neutral"]
    assert out["sentiment"].iloc[0] < 0 < out["sentiment"].iloc[1]
    assert (out["sentiment_method"] == METHOD).all()


def test_cross_validation_by_article_reports_baselines():
    X, labels, docs = toy_frame(5)
    r = cross_validate_by_article(X, labels, docs, {"C": 1.0, "words": False}, folds=3)
    assert set(r) == {"settings", "model", "lexicon", "majority"}
    assert len(r["model"]["folds"]) == 3
    assert r["model"]["mean"] > r["majority"]["mean"]


def test_saved_model_loads_and_scores_the_same(tmp_path):
    X, labels, _ = toy_frame()
    model = fit_news_sentiment(X, labels, C=1.0, words=True)
    folder = save_news_sentiment(model, {"format": "framing.news-sentiment-model", "method": METHOD,
                                         "settings": {"C": 1.0, "words": True}}, tmp_path / "m")
    loaded = NewsSentiment(model=folder).fit()
    fresh = NewsSentiment(C=1.0, words=True).fit(X, labels)
    assert np.allclose(loaded.transform(X)["sentiment"], fresh.transform(X)["sentiment"], atol=1e-3)


def test_events_pair_with_the_utterance_at_their_place():
    doc = {"doc_id": "d1", "text": "عنوان الخبر\nوقال الوزير إن الاتفاق الجديد مفيد.\nوأدان المتحدث الهجوم على القرية."}
    events = [{"doc": "d1", "paragraph": 2, "cue": "وأدان", "sentiment": "negative"},
              {"doc": "d1", "paragraph": 1, "cue": "وقال", "sentiment": "positive"},
              {"doc": "d1", "paragraph": 1, "cue": "أكد", "sentiment": "neutral"},  # no such utterance
              {"doc": "d1", "paragraph": 2, "cue": "وأدان", "sentiment": "mixed"}]  # not a label: skipped
    ex, stats = event_examples([doc], events)
    assert sorted(zip(ex["cue"], ex["label"])) == [("وأدان", "negative"), ("وقال", "positive")]
    assert stats == {"documents": 1, "events": 3, "matched": 2, "unmatched": 1}


def test_contract_and_shipped_model_metadata():
    check_contract(NewsSentiment())
    meta = json.loads((MODEL_DIR / "metadata.json").read_text())
    assert set(STANDARD_KEYS) <= set(meta)
    assert meta["command"].startswith("framing train sentiment-news")
    best = meta["cross_validation"]["best"]
    # the setting chosen by the one-standard-error rule along C (choose_settings), within that error of the best
    grid = meta["cross_validation"]["grid"]
    assert best == choose_settings(grid, meta["training"]["folds"])
    top = max(grid, key=lambda r: r["model"]["mean"])
    assert best["model"]["mean"] >= top["model"]["mean"] - top["model"]["std"] / meta["training"]["folds"] ** 0.5
    assert best["model"]["mean"] > best["majority"]["mean"]
    weights = json.loads((MODEL_DIR / "weights.json").read_text())
    assert len(weights["features"]) == meta["n_features"]


def test_a_run_scores_arabic_with_the_news_model_unless_told_the_lexicon():
    import pytest

    from framing.analysis.options import check_options
    from framing.errors import FramingError
    from framing.measures import fitted_scorers, score_utterances

    X = utts(["الهجوم على القرية", "The talks were a great success"], ["ar", "en"], cue=["وأدان", "said"])
    default = score_utterances(X, frames=False)
    assert default["sentiment_method"].tolist() == [METHOD, "sentiment.lexicon.en.v2"]
    lexicon = fitted_scorers(X, sentiment_method="lexicon", frames=False)[0]
    out = score_utterances(X, scorers=[lexicon])
    assert out["sentiment_method"].tolist() == ["sentiment.lexicon.ar.v2", "sentiment.lexicon.en.v2"]
    with pytest.raises(FramingError, match="sentiment_method"):
        check_options(sentiment_method="vader")


def test_the_fast_matrix_is_the_feature_dicts_matrix():
    from framing.sentiment.news_training import features_of

    X, labels, _ = toy_frame()
    X["cue"] = X["cue"].where(X.index % 5 != 0, None)  # some statements without a verb
    for scorer in (NewsSentiment().fit(), NewsSentiment(C=1.0, words=True).fit(X, labels)):
        fast = scorer.matrix(X).toarray()
        slow = scorer.model_.matrix(features_of(X, words=True)).toarray()
        assert fast.shape == slow.shape and np.allclose(fast, slow)


# Statements whose words are hard to find: marks, zero-width characters, tatweel, digits, hashtags, Latin.
TRICKY = ["وقالَ الوزيرُ إنّ «الحكومةَ» ستدعم ٢٠١٥م المشروع",
          "الحكو\u200cمة والحكومة_الجديدة #ارتكبت_مذبحة",
          "الاتفاقـــ الجديد\u200f، و\ufeffالتعاون (بين) البلدين؟",
          "قال: abcالحكومة's 12وزير ۱۲۳ 😀الاتفاق",
          "مبادرة" + "\u0653" + "السلام " + "كلمة " * 500]


def test_the_words_of_a_scan_are_the_words_of_the_folded_statement():
    import re

    from framing.sentiment.lexicon import compiled_shipped
    from framing.sentiment.news_model import _WORD, piece_words, scan_is_whole
    from framing.text import fold

    lex = compiled_shipped("ar")
    for text in TRICKY:
        whole = set(_WORD.findall(fold(text)))
        assert {w for piece in text.split() for w in piece_words(piece)} == whole
        if scan_is_whole(text):
            assert {w for item in lex.scan(text) for w in piece_words(item)} == whole
    assert not scan_is_whole(TRICKY[1]) and not scan_is_whole(TRICKY[4]) and scan_is_whole(TRICKY[0])
    # a mark the scan leaves out joins two tokens into one folded word: that is why such texts are split
    assert re.search(_WORD, fold("الحكو\u200cمة")).group() == "الحكومه"


def test_word_columns_count_each_spelling_of_a_key():
    from framing.sentiment.news_model import WordColumns

    words = WordColumns({"w=حكومه": 3, "w=2015": 5, "w=م": 7})
    pieces = ["الحكومة", "والحكومة", "الحكومة", "٢٠١٥م", "جديد"]
    codes = [words[p] for p in pieces]
    assert codes[0] == codes[2] >= 0 and codes[4] == -1 and codes[3] < -1  # one known word, none, several
    rows, cols = words.columns(codes + codes[:1], [len(pieces), 1])
    assert rows.tolist() == [0, 0, 0, 0, 1] and sorted(cols[:4].tolist()) == [3, 3, 5, 7] and cols[4] == 3
    assert [x.tolist() for x in words.columns([], [0, 0])] == [[], []]


def test_the_matrix_and_the_scores_agree_on_hard_statements():
    import pickle

    from framing.sentiment.news_training import features_of

    X = utts(TRICKY + ["", "الهجوم على القرية"], "ar", cue=["وأدان", None, "ورحب", "وقال", "", "وأكد", None])
    scorer = NewsSentiment().fit()
    fast = scorer.matrix(X).toarray()
    slow = scorer.model_.matrix(features_of(X, words=True)).toarray()
    # the same features as training, a key spelled two ways in a statement (الحكومة، والحكومة) included
    assert fast.shape == slow.shape and (fast == slow).all()
    assert fast.max() == slow.max()
    z = scorer._linear(X, X["content"].tolist())
    assert np.allclose(z, fast @ scorer.model_.coef + scorer.model_.intercept, rtol=0, atol=1e-12)
    # the words seen are a cache, not part of a pickled scorer
    assert "_words" in scorer.__dict__ and "_words" not in pickle.loads(pickle.dumps(scorer)).__dict__


def test_a_repeated_statement_is_read_once_and_scored_as_if_alone():
    from framing.sentiment.news_model import distinct_statements

    texts = ["الهجوم على القرية", "نجاح المفاوضات الأخيرة", "الهجوم على القرية", "الهجوم على القرية", float("nan")]
    cues = ["وأوضح", "ورحب", "وأوضح", "وأدان", "وأوضح"]
    first, inverse = distinct_statements(texts, cues)
    # the same content under another verb is another statement; a missing content is one of its own
    assert first.tolist() == [0, 1, 3, 4] and inverse.tolist() == [0, 1, 0, 2, 3]
    scorer = NewsSentiment().fit()
    together = scorer.transform(utts(texts, "ar", cue=cues))
    alone = [scorer.transform(utts([t], "ar", cue=[c])).iloc[0] for t, c in zip(texts, cues)]
    assert together["sentiment_label"].tolist() == [row["sentiment_label"] for row in alone]
    assert np.allclose(together["sentiment"].to_numpy(float), [row["sentiment"] for row in alone], equal_nan=True)
    assert together["sentiment"].iloc[0] == together["sentiment"].iloc[2]
    assert together["sentiment"].iloc[0] != together["sentiment"].iloc[3]  # the verb is read
