"""Measures per utterance: sentiment, stance toward each target, topic mix.

:func:`score_utterances` runs every configured scorer over the utterances
table and joins their outputs on ``utterance_id`` into the measures table of
the table contract.  Each scorer stamps its versioned method name
(``sentiment_method``, ``stance_method``, ``topic_method``), so a number in a
paper can be traced to the method that made it.

Examples
--------
>>> import pandas as pd
>>> u = pd.DataFrame({"utterance_id": ["u1"], "lang": ["ar"], "content": ["ندين العدوان على أوكرانيا"]})
>>> m = score_utterances(u)
>>> m.loc[0, ["sentiment_label", "stance_ukraine_label"]].tolist()
['negative', 'favor']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

#: Columns of the utterances table the scorers may read.
SCORER_INPUT = ("utterance_id", "content", "lang", "cue", "side", "speaker_id", "confidence")
#: Larger tables are scored this many rows at a time: every scorer scores each row on its own, and the
#: scorers' working copies of a long document's utterances (folded texts, tokens) would dwarf the table.
SCORE_CHUNK = 50_000


def score_utterances(utterances: pd.DataFrame, *, targets=None, topic_model=None, sentiment=None,
                     stance=None, use_side: bool = False) -> pd.DataFrame:
    """The measures table: one row per utterance, keyed by ``utterance_id``.

    Parameters
    ----------
    utterances : DataFrame
        The utterances table (at least ``utterance_id``, ``content``, ``lang``).
    targets : path or list of Target, optional
        Stance targets (the shipped defaults when None).
    topic_model : TopicModel or path, optional
        A fitted topic model (:class:`framing.topics.model.TopicModel`) or the folder
        it was saved to; no topic columns without one.
    sentiment, stance : scorer, optional
        Replace the default scorers (any :class:`~framing.scorers.UtteranceScorer`); one
        already fitted is used as it is, so a loop over batches can fit once
        (:func:`default_scorers`).
    use_side : bool
        Let the speaker's side inform the default stance method (``stance.cues+side.v1``).
    """
    from framing.sentiment import SentimentScorer
    from framing.stance.cues import CueStance

    X = utterances[[c for c in SCORER_INPUT if c in utterances.columns]].reset_index(drop=True)
    # scorers passed in already fitted are used as they are (a batch loop fits them once)
    sentiment = _fitted(sentiment if sentiment is not None else SentimentScorer(), X)
    stance = _fitted(stance if stance is not None else CueStance(targets, use_side=use_side), X)
    model = load_topic_model(topic_model) if topic_model is not None else None
    if len(X) <= SCORE_CHUNK:
        return _scored(X, sentiment, stance, model)
    chunks = [_scored(X.iloc[i:i + SCORE_CHUNK], sentiment, stance, model) for i in range(0, len(X), SCORE_CHUNK)]
    return pd.concat(chunks, ignore_index=True)


def _scored(X: pd.DataFrame, sentiment, stance, model) -> pd.DataFrame:
    """The measures of the utterances ``X`` from fitted scorers."""
    parts = [sentiment.transform(X), stance.transform(X)]
    if model is not None:
        parts.append(model.transform(X))
    out = parts[0]
    for part in parts[1:]:
        out = out.merge(part, on="utterance_id", how="left", validate="one_to_one")
    return out


def _fitted(scorer, X):
    from sklearn.utils.validation import check_is_fitted
    from sklearn.exceptions import NotFittedError

    try:
        check_is_fitted(scorer)
        return scorer
    except NotFittedError:
        return scorer.fit(X)


def default_scorers(targets=None, use_side: bool = False):
    """The default sentiment and stance scorers, fitted (they learn nothing) and ready to reuse."""
    from framing.sentiment import SentimentScorer
    from framing.stance.cues import CueStance

    empty = pd.DataFrame({"utterance_id": [], "content": [], "lang": []})
    return SentimentScorer().fit(empty), CueStance(targets, use_side=use_side).fit(empty)


def load_topic_model(model):
    """A :class:`~framing.topics.model.TopicModel`, loading it when given a folder."""
    from framing.topics.model import TopicModel

    if isinstance(model, (str, Path)):
        return TopicModel.load(model)
    return model


def methods(measures: pd.DataFrame) -> dict[str, list[str]]:
    """Every method name recorded in a measures table, by column."""
    return {c: sorted(measures[c].dropna().astype(str).unique()) for c in measures.columns if c.endswith("_method")}
