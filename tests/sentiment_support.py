"""Utterance tables and the estimator-contract check shared by the sentiment tests."""

from __future__ import annotations

from sklearn.base import clone
from utterances_support import utts  # noqa: F401 - the tests import it from here

#: An utterance in each language with a clear sentiment, in an order the index does not follow.
CONTRACT_TEXTS = (["رحب الوزير بالاتفاق", "The talks were a great success", "لم يكن ناجحا", "A deadly attack"],
                  ["ar", "en", "ar", "en"])


def scores(scorer, texts, lang="ar", **extra):
    return scorer.transform(utts(texts, lang, **extra))["sentiment"].tolist()


def labels(scorer, texts, lang="ar", **extra):
    return scorer.transform(utts(texts, lang, **extra))["sentiment_label"].tolist()


def check_contract(scorer, fit: bool = True) -> None:
    """Assert the sentiment scorer contract: clonable settings, keyed output, labels and method in range."""
    X = utts(*CONTRACT_TEXTS)
    X.index = [10, 3, 7, 1]  # the output must not depend on the input's index
    params = scorer.get_params()
    twin = clone(scorer)
    assert twin.get_params().keys() == params.keys()
    if fit:
        assert scorer.fit(X) is scorer
    out = scorer.transform(X)
    assert out["utterance_id"].tolist() == X["utterance_id"].tolist()
    assert list(out.columns) == ["utterance_id", "sentiment", "sentiment_label", "sentiment_method"]
    assert out["sentiment"].between(-1, 1).all()
    assert set(out["sentiment_label"]) <= {"positive", "negative", "neutral"}
    assert out["sentiment_method"].str.match(r"^sentiment\.[a-z-]+\.[a-z0-9.+-]*v\d+$").all()
