"""Sentiment per utterance: lexicon scorers for Arabic and English, a supervised scorer, evaluation.

Every scorer is a scikit-learn style estimator (:class:`framing.scorers.UtteranceScorer`)
whose ``transform`` returns ``utterance_id``, ``sentiment`` (-1..1),
``sentiment_label`` (positive, negative, neutral; ``none`` when a row could
not be scored) and ``sentiment_method`` (a versioned method name).

* :class:`SentimentScorer` -- Arabic and English lexicon scorers chosen per
  row by ``lang``; other languages get NaN and ``none``.
* :class:`LexiconSentiment` -- one language; the shipped lexicon or your own
  (:mod:`framing.sentiment.lexicon_files` reads LSD2015, NileULex and NRC files).
* :class:`VaderSentiment` -- VADER alone, the English baseline.
* :class:`SupervisedSentiment` -- TF-IDF n-grams and the shipped lexicon's
  reading (:class:`LexiconFeatures`) with logistic regression, trained on
  coded examples (:func:`read_coded`, :func:`cross_validate`); its
  probabilities' calibration: :func:`calibration`.
* :class:`TargetSentiment` -- English sentiment toward a named target, learned
  from NewsMTSC (the English default for rows that name a target).
* :class:`NewsSentiment` -- Arabic news statements, learned from coded news
  events: what ``framing analyze`` scores Arabic statements with by default
  (``--sentiment-method lexicon`` gives the word lists instead).
* :func:`evaluate_sentiment` -- cross-validated macro-F1 on coded data;
  :func:`evaluate_holdout` -- a held-out share of one file, as it is and at
  another class balance.

Examples
--------
>>> import pandas as pd
>>> X = pd.DataFrame({"utterance_id": ["u1"], "content": ["لم يكن الاجتماع ناجحا"], "lang": ["ar"]})
>>> SentimentScorer().fit(X).transform(X)["sentiment_label"].tolist()
['negative']
"""

from framing.lang import lang_code  # the one normaliser, importable here as before
from framing.sentiment.engine import CompiledLexicon
from framing.sentiment.evaluate import evaluate_holdout, evaluate_sentiment, format_result, read_eval_data
from framing.sentiment.lexicon import (LABELS_ORDER, NO_LABEL, LexiconSentiment, SentimentScorer, VaderSentiment,
                                       shipped_lexicon)
from framing.sentiment.news_model import NewsSentiment
from framing.sentiment.target_model import TargetSentiment
from framing.sentiment.supervised import (LexiconFeatures, SupervisedSentiment, calibration, cross_validate, macro_f1,
                                          normalize_label, read_coded)

__all__ = ["CompiledLexicon", "LABELS_ORDER", "NO_LABEL", "LexiconFeatures", "LexiconSentiment", "NewsSentiment",
           "SentimentScorer", "TargetSentiment",
           "SupervisedSentiment", "VaderSentiment", "calibration", "cross_validate", "evaluate_holdout",
           "evaluate_sentiment", "format_result", "lang_code", "macro_f1", "normalize_label", "read_coded",
           "read_eval_data", "shipped_lexicon"]
