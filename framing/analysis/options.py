"""The options of an analysis run (:class:`RunOptions`), checked when they are made.

:func:`framing.analysis.run.analyze`, :func:`~framing.analysis.run.analyze_to`
and ``framing analyze`` take one :class:`RunOptions`; the functions also take
its fields as keywords (``analyze_to(corpus, "out", workers=2)``).

Examples
--------
>>> RunOptions(workers=2).workers
2
>>> RunOptions(period="X")
Traceback (most recent call last):
...
framing.errors.FramingError: period (--period) must be one of D, W, M, Q, Y, got 'X'
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

#: Periods of the per-period table: day, week, month, quarter, year.
PERIODS = ("D", "W", "M", "Q", "Y")
#: The stance scorers a run may use (see :func:`framing.measures.fitted_scorers`).
STANCE_METHODS = ("cues", "news")
#: Sentiment scorers a run may use (``sentiment_method``).
SENTIMENT_METHODS = ("lexicon", "news")
#: The bootstrap units of the aggregate tables (:func:`framing.aggregate.aggregate`).
RESAMPLE = ("utterance", "document")


@dataclass(frozen=True)
class RunOptions:
    """What a run analyses with and how it runs; the values are checked when the object is made.

    Attributes
    ----------
    registry : Registry, optional
        Actor registry (the shipped one by default).
    targets : path or list of Target, optional
        Stance targets (the shipped defaults when None).
    topic_model : TopicModel or path, optional
        A topic model fitted on a reference corpus; no topic columns without one.
    use_side : bool
        With ``stance_method="cues"``: let the speaker's side inform stance
        (method ``stance.cues+side.v1``).
    issuer_voice : bool
        Read every sentence no reported statement covers as a statement of the
        document's issuer (the person a "Statement from ..." title names, else the
        outlet): for press releases and official statements, which speak in their
        issuer's own voice.
    stance_method : str
        ``"news"`` (the default: the model learned from coded news statements,
        which also reads the paragraph, headline and article around a
        statement and decides per speaker in an article,
        :class:`framing.stance.news_model.NewsStance`) or ``"cues"`` (the cue
        rules alone, :class:`framing.stance.cues.CueStance`).
    sentiment_method : str
        ``"news"`` (the default: Arabic statements scored by the model learned
        from coded news events, :class:`framing.sentiment.news_model.NewsSentiment`,
        other languages by the word lists) or ``"lexicon"`` (the word lists
        for every language, :class:`framing.sentiment.SentimentScorer`'s
        default: for Arabic text that is not news, and about two thirds of
        the news model's time).
    n_boot, seed, min_utterances : int
        Bootstrap replicates and seed for the confidence intervals; speakers
        with fewer utterances are flagged ``low_n``.
    period : str
        Period of the per-period table: D, W, M, Q or Y.
    resample : str
        The bootstrap unit of the speakers, outlets and periods tables:
        ``"utterance"`` (default) or ``"document"``, a cluster bootstrap over
        articles, the honest interval when the news stance method gives one
        decision per speaker and article to all their statements there.
    merge_variants : bool
        Merge the name variants of one unregistered person across the corpus
        ("جديع القحطاني" and "جديع بن نهار القحطاني" with shared title evidence;
        :mod:`framing.attribution.variants`); each merge is listed in the
        ``speaker_merges`` table.  On by default.
    keep_duplicates : bool
        Let documents flagged as duplicates (``duplicate_of``) count in the
        speakers, outlets and periods tables; by default they are left out
        of the aggregates (their rows stay in the documents, utterances and
        measures tables).
    frames : bool
        Score the shipped generic frames (experimental; ``frame_<name>`` columns).
    dictionaries : sequence of path
        Dictionary files (YAML, LIWC ``.dic``, Lexicoder ``.lc3``/``.lcd``) whose
        categories are counted in every utterance (:mod:`framing.frames`).
    models : sequence of path
        Label models trained on a researcher's codebook (``framing validate train --what labels``).
    stance_model, sentiment_model : path or scorer, optional
        Stance or sentiment models a researcher trained, scoring every
        utterance in place of ``stance_method`` or ``sentiment_method``: the
        news models of ``framing train stance`` and ``framing train
        sentiment-news``, or the supervised ones of ``framing validate train``
        (the folders ``stance`` and ``sentiment`` it writes); see
        :func:`framing.measures.load_stance_model`.
    stance_priors : bool
        With a news stance model: read each target it was not trained on
        with the balance of sides its statements show in a sample of the
        corpus (:mod:`framing.analysis.priors`), recorded in ``run.json``;
        False: every side equally likely.
    stance_balances : path or dict, optional
        With a news stance model: balances of sides you give for some of
        the targets (a file of counts or shares of coded statements,
        :func:`framing.stance.priors.read_side_balances`, or what it
        returns): each is read as a new target with that balance, in place
        of the corpus' or the training articles'; the others as
        ``stance_priors`` says.  Recorded in ``run.json``.
    workers : int
        Processes for the per-document stages (attribution and measures), or
        the size of the Dask ``LocalCluster`` started when the Dask engine
        gets no scheduler.  The tables are the same, row for row, whatever the number.
    batch_size : int, optional
        Documents per unit of work (1000 by default, locally and on Dask).
    progress : callable, optional
        Wraps the document iterator (e.g. a tqdm factory).
    engine : {"local", "dask"} or engine object, optional
        Where the per-document stages run (:mod:`framing.analysis.engines`); local by
        default, Dask when a scheduler or client is given.
    scheduler : str, optional
        Address of a Dask scheduler (implies ``engine="dask"``).
    client : dask.distributed.Client, optional
        A Dask client (implies ``engine="dask"``).
    restart : bool
        Streamed runs: discard an unfinished run in the output folder instead of resuming it.
    keep_parts : bool
        Streamed runs: keep ``parts/`` (the tables partitioned by batch) after joining them.
    csv : bool
        Streamed runs: write the CSV copies too.
    manifest : bool
        Streamed runs: write ``manifest.json`` (what was read and skipped) when the corpus has one.

    Raises
    ------
    FramingError
        When a value is out of range (:func:`check_options`).
    """

    registry: Any = None
    targets: Any = None
    topic_model: Any = None
    use_side: bool = False
    stance_method: str = "news"
    sentiment_method: str = "news"
    issuer_voice: bool = False
    n_boot: int = 1000
    seed: int = 0
    min_utterances: int = 3
    period: str = "M"
    resample: str = "utterance"
    keep_duplicates: bool = False
    merge_variants: bool = True
    frames: bool = True
    dictionaries: tuple = ()
    models: tuple = ()
    stance_model: Any = None
    sentiment_model: Any = None
    stance_priors: bool = True
    stance_balances: Any = None
    workers: int = 1
    batch_size: int | None = None
    progress: Callable | None = None
    engine: Any = None
    scheduler: str | None = None
    client: Any = None
    restart: bool = False
    keep_parts: bool = False
    csv: bool = True
    manifest: bool = True

    def __post_init__(self):
        check_options(n_boot=self.n_boot, seed=self.seed, min_utterances=self.min_utterances, period=self.period,
                      workers=self.workers, batch_size=self.batch_size, stance_method=self.stance_method,
                      sentiment_method=self.sentiment_method, use_side=self.use_side, resample=self.resample,
                      stance_model=self.stance_model)

    @classmethod
    def of(cls, options: "RunOptions | None" = None, overrides: dict | None = None, *, caller: str = "analyze_to",
           only_to_disk: tuple = ()) -> "RunOptions":
        """``options`` (the defaults when None) with the fields in ``overrides`` replaced, checked.

        A keyword that is no field, or one of ``only_to_disk`` (fields the
        caller does not take), is refused as Python refuses an unknown keyword.
        """
        overrides = overrides or {}
        fields = {f.name for f in dataclasses.fields(cls)}
        for name in overrides:
            if name not in fields or name in only_to_disk:
                raise TypeError(f"{caller}() got an unexpected keyword argument {name!r}")
        if options is None:
            return cls(**overrides)
        return dataclasses.replace(options, **overrides) if overrides else options


#: Fields of :class:`RunOptions` that only a run streamed to disk takes.
TO_DISK = ("restart", "keep_parts", "csv", "manifest")


def check_options(*, n_boot=1000, seed=0, min_utterances=3, period="M", workers=1, batch_size=None,
                  stance_method="news", sentiment_method="news", use_side=False, resample="utterance",
                  stance_model=None) -> None:
    """Check a run's option values before any work, so a typo costs seconds, not a whole batch phase.

    Raises
    ------
    FramingError
        Naming the option, the value and what it takes.

    Examples
    --------
    >>> check_options(n_boot=-5)
    Traceback (most recent call last):
    ...
    framing.errors.FramingError: n_boot (--n-boot) must be a whole number of at least 0, got -5
    """
    from framing.errors import FramingError

    def whole(name, value, least):
        ok = isinstance(value, (int, np.integer)) and not isinstance(value, bool) and value >= least
        if not ok:
            raise FramingError(f"{name} (--{name.replace('_', '-')}) must be a whole number of at least "
                               f"{least}, got {value!r}")

    whole("n_boot", n_boot, 0)
    whole("seed", seed, 0)
    whole("min_utterances", min_utterances, 0)
    whole("workers", workers, 1)
    if batch_size is not None:
        whole("batch_size", batch_size, 1)
    if period not in PERIODS:
        raise FramingError(f"period (--period) must be one of {', '.join(PERIODS)}, got {period!r}")
    if stance_method not in STANCE_METHODS:
        raise FramingError(f"stance_method (--stance-method) must be one of {', '.join(STANCE_METHODS)}, "
                           f"got {stance_method!r}")
    if resample not in RESAMPLE:
        raise FramingError(f"resample (--resample) must be one of {', '.join(RESAMPLE)}, got {resample!r}")
    if use_side and stance_model is not None:
        raise FramingError("use_side (--use-side) goes with the cue rules, not with a stance model you trained "
                           "(stance_model, --stance-model)")
    if use_side and stance_method != "cues":
        # the side informs the cue rules' method; the news method reads it as a feature already
        raise FramingError(f"use_side (--use-side) goes with the cue rules: add --stance-method cues "
                           f"(the {stance_method} method reads the speaker's side already)")
    if sentiment_method not in SENTIMENT_METHODS:
        raise FramingError(f"sentiment_method (--sentiment-method) must be one of {', '.join(SENTIMENT_METHODS)}, "
                           f"got {sentiment_method!r}")
