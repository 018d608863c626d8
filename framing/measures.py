"""Measures per utterance: sentiment, stance toward each target, topic mix, frames and dictionary categories.

:data:`SCORERS` is the registry of measure families, in the order of their
columns in the measures table; :func:`fitted_scorers` makes each family's
scorer for a run's settings, and :func:`score_utterances` runs them over the
utterances table and joins their outputs on ``utterance_id`` into the
measures table of the table contract.  Each scorer stamps its versioned
method name (``sentiment_method``, ``stance_method``, ``topic_method``,
``frames_method``, ``dictionary_method``), so a
number in a paper can be traced to the method that made it.

Examples
--------
>>> import pandas as pd
>>> u = pd.DataFrame({"utterance_id": ["u1"], "lang": ["ar"], "content": ["ندين العدوان على أوكرانيا"]})
>>> m = score_utterances(u)
>>> m.loc[0, ["sentiment_label", "stance_ukraine_label"]].tolist()
['negative', 'favor']
>>> list(SCORERS)
['sentiment', 'stance', 'topic', 'frames', 'dictionary', 'label']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

#: Columns of the utterances table the scorers may read.
SCORER_INPUT = ("utterance_id", "doc_id", "content", "lang", "cue", "side", "speaker_id", "speaker_kind", "confidence")
#: Text around each utterance that scorers may read but the tables do not keep: the paragraph the
#: statement stands in, the document's headline, and the whole document (a stance target named there
#: is one the speaker may address without naming it).  Every utterance of a document shares one copy.
CONTEXT_COLUMNS = ("paragraph_text", "headline", "article_text")
#: Longer paragraphs and headlines are not passed as context: a scorer reads its context once per
#: utterance, and a paragraph of a document without line breaks can be the whole document.
CONTEXT_CHARS = 3000
#: Longer documents are not passed whole (a book-length document is no news article).
ARTICLE_CHARS = 30_000
#: Larger tables are scored this many rows at a time: every scorer scores each row on its own, and the
#: scorers' working copies of a long document's utterances (folded texts, tokens) would dwarf the table.
SCORE_CHUNK = 50_000


def utterance_context(doc, paragraphs) -> dict[str, list[str]]:
    """The context columns (:data:`CONTEXT_COLUMNS`) of a document's utterances, by their paragraph index.

    The headline is the document's title, or its first paragraph when it has
    none; a paragraph or headline longer than :data:`CONTEXT_CHARS`, or a
    document longer than :data:`ARTICLE_CHARS`, is left out ("").

    >>> utterance_context({"text": "Talks end\\n\\nPeskov said no.", "title": ""}, [1])["headline"]
    ['Talks end']
    """
    from framing.text import paragraph_spans

    text = doc.get("text") or ""
    spans = paragraph_spans(text) if len(paragraphs) else []

    def short(value) -> str:
        value = value if isinstance(value, str) else ""
        return value if len(value) <= CONTEXT_CHARS else ""

    paras = [short(text[a:b]) for a, b in spans]
    title = doc.get("title")
    headline = short(title if isinstance(title, str) and title.strip() else (paras[0] if paras else ""))
    article = text if len(text) <= ARTICLE_CHARS else ""
    return {"paragraph_text": [paras[p] if 0 <= p < len(paras) else "" for p in paragraphs],
            "headline": [headline] * len(paragraphs), "article_text": [article] * len(paragraphs)}


def scorer_input(doc, columns: dict) -> pd.DataFrame:
    """One document's scorer input: its utterance columns (``document_columns``) the scorers read, and
    their context (:func:`utterance_context`), as a frame a scorer's ``transform`` takes."""
    frame = pd.DataFrame({c: columns[c] for c in SCORER_INPUT if c in columns})
    for name, values in utterance_context(doc, columns["paragraph"]).items():
        frame[name] = context_column(values)
    return frame


def scorer_table(utterances: pd.DataFrame, context: dict | None = None) -> pd.DataFrame:
    """The utterances table as the scorers read it: the columns they take (:data:`SCORER_INPUT`) and the
    context columns given (one value per utterance, :func:`utterance_context`)."""
    X = utterances[[c for c in SCORER_INPUT if c in utterances.columns]].reset_index(drop=True)
    for name, values in (context or {}).items():
        if len(values) != len(X):
            raise ValueError(f"score_utterances: context {name!r} has {len(values)} values for {len(X)} utterances")
        X[name] = context_column(values)
    return X


def context_column(values) -> pd.Series:
    """A context column as the scorers take it: the texts themselves, not copied into a string array.

    A document's headline and article are one text repeated on each of its
    utterances (a paragraph on each of its statements).  An object column
    holds that one text once per document; pandas' default string column
    would copy it per utterance, and a scorer reading the column back would
    decode every copy.

    >>> context_column(["long article", "long article"]).dtype
    dtype('O')
    """
    return pd.Series(list(values), dtype=object)


def _model_format(folder) -> str | None:
    """The ``format`` a model folder's metadata gives (None when it has none that can be read: the
    scorer's own loader then says what is wrong)."""
    import json

    try:
        meta = json.loads((Path(folder) / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta.get("format") if isinstance(meta, dict) else None


def load_sentiment_model(model):
    """A sentiment scorer from a model a researcher trained: ``model`` itself when it is a scorer, else its folder.

    A folder of ``framing validate train`` (:class:`framing.sentiment.SupervisedSentiment`) scores every
    language; one of ``framing train sentiment-news`` scores Arabic statements, as the news method
    does with the shipped model, and the word lists the others.  A folder that is missing or holds
    another kind of model is an :class:`~framing.errors.InputError` naming it.
    """
    if not isinstance(model, (str, Path)):
        return model
    from framing.sentiment.news_model import MODEL_FORMAT, NewsSentiment

    if _model_format(model) == MODEL_FORMAT:
        from framing.sentiment import SentimentScorer
        from framing.sentiment.lexicon import default_scorers

        return SentimentScorer(scorers={**default_scorers(), "ar": NewsSentiment(model=model).fit()})
    from framing.sentiment import SupervisedSentiment

    return SupervisedSentiment.load(model)


def load_stance_model(model, targets=None, *, side_priors=None):
    """A stance scorer from a model a researcher trained: ``model`` itself when it is a scorer, else its folder.

    A folder of ``framing train stance`` is a news stance model
    (:class:`framing.stance.news_model.NewsStance`, toward ``targets``, as the news method reads them
    with the shipped model).  One of ``framing validate train``
    (:class:`framing.stance.supervised.SupervisedStance`) scores the targets it learned: ``targets``
    (the run's, when it was given some) say how they are named in the text, and an utterance that
    names none of them gets no stance toward it; without them the model keeps the ones it was trained
    with.  ``side_priors``: the balances of sides a news model reads its new targets with
    (``NewsStance(side_priors=...)``; none by default).

    Raises
    ------
    InputError
        When the folder is missing or holds another kind of model (naming it).
    """
    if not isinstance(model, (str, Path)):
        return model
    from framing.stance.news_model import MODEL_FORMAT, NewsStance

    if _model_format(model) == MODEL_FORMAT:
        return NewsStance(targets, model=model, side_priors=side_priors).fit()
    from framing.stance.supervised import SupervisedStance

    scorer = SupervisedStance.load(model)
    return scorer.set_params(targets=targets) if targets is not None else scorer


def _sentiment(X, *, given=None, sentiment_method: str = "news", sentiment_model=None, **settings):
    """The sentiment scorer unless one is given: a model the researcher trained (``sentiment_model``,
    :func:`load_sentiment_model`), else Arabic statements scored by the model
    learned from coded news events (:class:`framing.sentiment.news_model.NewsSentiment`,
    ``sentiment_method="news"``, the default), other languages by
    :class:`framing.sentiment.SentimentScorer`'s defaults; or with ``sentiment_method="lexicon"`` every
    language by those defaults (the word lists)."""
    from framing.sentiment import SentimentScorer

    if given is None and sentiment_model is not None:
        given = load_sentiment_model(sentiment_model)
    if given is None and sentiment_method == "news":
        from framing.sentiment.lexicon import default_scorers
        from framing.sentiment.news_model import NewsSentiment

        given = SentimentScorer(scorers={**default_scorers(), "ar": NewsSentiment()})
    return _fitted(given if given is not None else SentimentScorer(), X)


def _stance(X, *, given=None, targets=None, use_side: bool = False, stance_method: str = "news",
            stance_model=None, stance_priors=None, **settings):
    """The stance scorer toward ``targets`` unless one is given: a model the researcher trained
    (``stance_model``, :func:`load_stance_model`), else the model learned from coded news
    (:class:`framing.stance.news_model.NewsStance`), or with ``stance_method="cues"`` the cue rules
    (:class:`framing.stance.cues.CueStance`; ``use_side`` is theirs).  ``stance_priors``: the new
    targets' balances of sides a news model reads with (estimated from ``X`` when not given)."""
    if given is None and stance_model is not None:
        if use_side:
            from framing.errors import FramingError

            raise FramingError("use_side goes with the cue rules (stance_method='cues'), not a stance model")
        given = load_stance_model(stance_model, targets, side_priors=stance_priors)
    if given is not None:
        return _fitted(given, X)
    if stance_method == "news":
        if use_side:
            from framing.errors import FramingError

            raise FramingError("use_side goes with the cue rules (stance_method='cues'): the news method "
                               "reads the speaker's side already")
        from framing.stance.news_model import NewsStance

        return _fitted(NewsStance(targets, side_priors="fit" if stance_priors is None else stance_priors), X)
    from framing.stance.cues import CueStance

    return _fitted(CueStance(targets, use_side=use_side), X)


def _topic(X, *, given=None, topic_model=None, **settings):
    """The topic model of the run, loaded when given a folder; none (no topic columns) without one."""
    model = given if given is not None else topic_model
    return load_topic_model(model) if model is not None else None


def _frames(X, *, given=None, frames: bool = True, **settings):
    """The shipped generic frames (:class:`framing.frames.scorer.FrameScorer`), unless turned off."""
    if given is None and not frames:
        return None
    from framing.frames.scorer import FrameScorer

    return _fitted(given if given is not None else FrameScorer(), X)


def _dictionary(X, *, given=None, dictionaries=(), **settings):
    """Category counts of the dictionaries a run was given (:class:`framing.frames.scorer.DictionaryScorer`)."""
    if given is None and not dictionaries:
        return None
    from framing.frames.scorer import DictionaryScorer

    return _fitted(given if given is not None else DictionaryScorer(list(dictionaries)), X)


def _label(X, *, given=None, models=(), **settings):
    """The researcher's own label models (:class:`framing.frames.supervised.LabelModels`), when given."""
    if given is None and not models:
        return None
    from framing.frames.supervised import LabelModels

    return _fitted(given if given is not None else LabelModels(list(models)), X)


#: The measure families, keyed by the name their method column starts with (``<name>_method``), in the
#: order of their columns in the measures table.  Each entry makes the family's fitted scorer from the
#: utterances to fit on (``X``), the one the caller gave (``given``, or None) and the run's settings
#: (``targets``, ``topic_model``, ``use_side``); it returns None when the family has nothing to measure.
#: A new family is a module with its scorer and one entry here.
SCORERS = {"sentiment": _sentiment, "stance": _stance, "topic": _topic, "frames": _frames,
           "dictionary": _dictionary, "label": _label}


def fitted_scorers(X: pd.DataFrame | None = None, *, targets=None, topic_model=None, use_side: bool = False,
                   stance_method: str = "news", frames: bool = True, dictionaries=(), models=(),
                   sentiment_method: str = "news", stance_model=None, sentiment_model=None, stance_priors=None,
                   **given) -> list:
    """The scorer of each family in :data:`SCORERS` for a run's settings, fitted, in column order.

    Parameters
    ----------
    X : DataFrame, optional
        Utterances to fit on (the scorers check their columns; the news stance
        method learns from them only each new target's balance of sides,
        :mod:`framing.stance.priors`); none fits on an empty table, so a loop
        over batches can fit once and reuse the scorers.
    targets, topic_model, use_side, stance_method, frames, dictionaries, models, sentiment_method
        As for :func:`score_utterances`.
    stance_model, sentiment_model : path or scorer, optional
        Models the researcher trained (:func:`load_stance_model`,
        :func:`load_sentiment_model`), in place of the stance or sentiment method.
    stance_priors : dict, optional
        The balance of sides of each target the news stance model was not
        trained on (``NewsStance(side_priors=...)``), in place of one
        estimated from ``X``: ``framing analyze`` estimates it from a sample
        of the whole corpus before its batches.
    **given : scorer
        A scorer replacing a family's default, by family name (``sentiment=``, ``stance=``, ``topic=``).
    """
    unknown = sorted(set(given) - set(SCORERS))
    if unknown:
        raise TypeError(f"no measure family named {unknown[0]!r} (families: {', '.join(SCORERS)})")
    if X is None:
        X = pd.DataFrame({"utterance_id": [], "content": [], "lang": []})
    scorers = (make(X, given=given.get(name), targets=targets, topic_model=topic_model, use_side=use_side,
                    stance_method=stance_method, frames=frames, dictionaries=dictionaries, models=models,
                    sentiment_method=sentiment_method, stance_model=stance_model, sentiment_model=sentiment_model,
                    stance_priors=stance_priors)
               for name, make in SCORERS.items())
    return [scorer for scorer in scorers if scorer is not None]


def score_utterances(utterances: pd.DataFrame, *, targets=None, topic_model=None, sentiment=None,
                     stance=None, use_side: bool = False, stance_method: str = "news", frames: bool = True,
                     dictionaries=(), models=(), scorers: list | None = None,
                     context: dict | None = None) -> pd.DataFrame:
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
        already fitted is used as it is.
    use_side : bool
        Let the speaker's side inform the default stance method (``stance.cues+side.v1``).
    stance_method : {"news", "cues"}
        The stance scorer: the model learned from coded news (default), or the cue rules.
    frames : bool
        Score the shipped generic frames (``frame_<name>`` and ``frames`` columns).
    dictionaries : list of path or Dictionary
        Dictionaries whose categories are counted (``dict_<name>_<category>`` columns).
    models : list of path or LabelModel
        Label models trained on a researcher's codebook (``label_<name>_<label>`` columns).
    scorers : list, optional
        Fitted scorers to apply in this order, in place of the ones the
        settings above make (:func:`fitted_scorers`): a loop over batches fits them once.
    context : dict of lists, optional
        Context columns (:data:`CONTEXT_COLUMNS`, from :func:`utterance_context`),
        one value per utterance, for the scorers to read; not kept in any table.
    """
    X = scorer_table(utterances, context)
    if scorers is None:
        scorers = fitted_scorers(X, targets=targets, topic_model=topic_model, use_side=use_side,
                                 stance_method=stance_method, frames=frames, dictionaries=dictionaries,
                                 models=models,
                                 sentiment=sentiment, stance=stance)
    if len(X) <= SCORE_CHUNK:
        return _scored(X, scorers)
    chunks = [_scored(X.iloc[i:i + SCORE_CHUNK], scorers) for i in range(0, len(X), SCORE_CHUNK)]
    return pd.concat(chunks, ignore_index=True)


def _scored(X: pd.DataFrame, scorers: list) -> pd.DataFrame:
    """The measures of the utterances ``X`` from fitted scorers, joined in their order."""
    parts = [scorer.transform(X) for scorer in scorers]
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


def load_topic_model(model):
    """A :class:`~framing.topics.model.TopicModel`, loading it when given a folder."""
    from framing.topics.model import TopicModel

    if isinstance(model, (str, Path)):
        return TopicModel.load(model)
    return model


def methods(measures: pd.DataFrame) -> dict[str, list[str]]:
    """Every method name recorded in a measures table, by column."""
    return {c: sorted(measures[c].dropna().astype(str).unique()) for c in measures.columns if c.endswith("_method")}
