"""Sentiment per utterance: lexicon scorers for Arabic and English, a supervised scorer, evaluation."""
from framing.sentiment.lexicon import LexiconSentiment, SentimentScorer, VaderSentiment  # noqa: F401
