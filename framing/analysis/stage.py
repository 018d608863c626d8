"""The per-document stages (attribution, then the measures) applied to one batch of documents.

:class:`BatchStage` turns a batch into its documents, utterances and
measures tables; :func:`run_settings` is the fingerprint of a stage's
settings that a streamed run records so that it resumes only with the same.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pandas as pd

from framing.attribution.actors import Registry
from framing.attribution.pipeline import columns_frame, document_columns, empty_columns
from framing.measures import CONTEXT_COLUMNS, utterance_context

#: Document metadata copied onto each utterance, so every table can be grouped by it.
RIDE_ALONG = ("outlet", "date", "url")


class BatchStage:
    """The per-document stages, applied to one batch of documents at a time.

    A batch gives its documents (without text), utterances and measures.
    The measures are those of every family in :data:`framing.measures.SCORERS`,
    applied in order.  The stage holds only settings and read-only
    resources, so it can be sent to worker processes and gives the same rows
    wherever it runs.
    """

    def __init__(self, *, registry: Registry, targets=None, topic_model=None, use_side: bool = False,
                 stance_method: str = "news", issuer_voice: bool = False, frames: bool = True, dictionaries=(),
                 models=(), sentiment_method: str = "news", stance_model=None, sentiment_model=None,
                 stance_priors=None):
        self.registry = registry
        self.targets = targets
        self.topic_model = topic_model
        self.use_side = use_side
        self.stance_method = stance_method
        self.sentiment_method = sentiment_method
        self.issuer_voice = issuer_voice
        self.frames = frames
        self.dictionaries = tuple(dictionaries or ())
        self.models = tuple(models or ())
        self.stance_model = stance_model
        self.sentiment_model = sentiment_model
        #: the balance of sides of each target the news stance model was not trained on, in the corpus
        #: (:func:`framing.analysis.priors.corpus_side_priors`); None: every side equally likely
        self.stance_priors = stance_priors

    def __call__(self, docs: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        from framing.measures import score_utterances

        doc_rows, utterances, context = self.statements(docs)
        measures = score_utterances(utterances, scorers=self.scorers(), context=context)
        return pd.DataFrame(doc_rows), utterances, measures

    def read_with_priors(self, priors: dict) -> None:
        """Read the stance targets the model learned no balance of sides for with ``priors``
        (:func:`framing.analysis.priors.corpus_side_priors`); the scorers are made again with them."""
        self.stance_priors = priors
        self._fitted_scorers = None

    def statements(self, docs: list[dict]) -> tuple:
        """The attribution of ``docs``: their rows (without text), the utterances table and the context
        columns the scorers read (None when none reads them)."""
        doc_rows = []
        columns = empty_columns(RIDE_ALONG)
        # the text around each statement, for scorers that read it (the news stance method); none otherwise
        context = {name: [] for name in CONTEXT_COLUMNS} \
            if any(getattr(s, "reads_context", False) for s in self.scorers()) else None
        for doc in docs:
            found = document_columns(doc, self.registry, **self._attribution_options)
            for name, values in found.items():
                columns[name].extend(values)
            n = len(found["utterance_id"])
            for key in RIDE_ALONG:
                columns[key].extend([doc.get(key)] * n)
            if context is not None:
                for name, values in utterance_context(doc, found["paragraph"]).items():
                    context[name].extend(values)
            del found
            doc_rows.append({k: v for k, v in doc.items() if k != "text"})
        utterances = columns_frame(columns)  # takes the utterance columns out of the dict as it goes
        for key in RIDE_ALONG:
            utterances[key] = columns.pop(key)
        del columns
        if not doc_rows:
            from framing.corpus.documents import DOCUMENT_COLUMNS

            doc_rows = pd.DataFrame(columns=[c for c in DOCUMENT_COLUMNS if c != "text"])
        return doc_rows, utterances, context

    @property
    def _attribution_options(self) -> dict:
        """Options of document_columns that differ from its defaults (none, usually)."""
        return {"issuer_voice": True} if self.issuer_voice else {}

    def scorers(self) -> list:
        """The fitted scorers of the stage's settings (:func:`framing.measures.fitted_scorers`), in order.

        Made once per process (the topic model loaded once, too): compiling
        lexicons and matchers for every batch would dominate.
        """
        if getattr(self, "_fitted_scorers", None) is None:
            from framing.measures import fitted_scorers

            self._fitted_scorers = fitted_scorers(targets=self.targets, topic_model=self.topic_model,
                                                  use_side=self.use_side,
                                                  stance_method=self.stance_method,
                                                  sentiment_method=self.sentiment_method, frames=self.frames,
                                                  dictionaries=self.dictionaries, models=self.models,
                                                  stance_model=self.stance_model,
                                                  sentiment_model=self.sentiment_model,
                                                  stance_priors=self.stance_priors)
        return self._fitted_scorers

    def prepare(self) -> "BatchStage":
        """Fit the scorers and load the topic model here, so the stage carries them.

        For a cluster, whose workers may not see this machine's files: the
        prepared stage (about 10 MB with a topic model) is sent to each worker once.
        """
        self.scorers()
        return self

    def map(self, batches, *, workers: int = 1):
        """Results for each batch, in corpus order; ``workers > 1`` uses processes."""
        from framing.analysis.engines import LocalEngine

        yield from LocalEngine(workers).map(self, batches)


def run_settings(stage: BatchStage, *, batch_size: int, reader: dict | None = None) -> dict:
    """What decides the tables of a streaming run, as recorded in its progress log.

    A run resumes only with the same batch size, framing version, registry,
    targets, topic model fingerprint, ``use_side`` and reader options
    (``reader``: the corpus' ``options``, when it has them).  The corpus is checked
    batch by batch instead (:func:`framing.analysis.store.batch_key`), so the same
    corpus named by another path resumes, and a changed one does not.
    """
    import hashlib

    import framing
    from framing.files import file_sha256
    from framing.stance.targets import load_targets

    targets = stage.targets
    if targets is None or isinstance(targets, (str, Path)):
        targets = load_targets(targets)
    # every field of every actor (names, roles, terms of office): an edited alias changes the tables
    actors = repr(sorted((repr(a) for a in stage.registry), key=str))
    model = stage.topic_model
    if isinstance(model, (str, Path)):
        meta = Path(model) / "metadata.json"
        fingerprint = json.loads(meta.read_text(encoding="utf-8")).get("fingerprint") if meta.is_file() else str(model)
    else:
        fingerprint = getattr(model, "fingerprint", None) if model is not None else None
    settings = {
        "batch_size": int(batch_size),
        "framing": getattr(framing, "__version__", None),
        "registry_sha256": hashlib.sha256(actors.encode("utf-8")).hexdigest(),
        "targets_sha256": hashlib.sha256(repr(list(targets)).encode("utf-8")).hexdigest(),
        "topic_model": fingerprint,
        "use_side": bool(stage.use_side),
    }
    # recorded unless the cue rules, the default of earlier releases: their runs, which hold no
    # stance_method, resume only with the rules
    if stage.stance_method != "cues":
        settings["stance_method"] = stage.stance_method
    if getattr(stage, "sentiment_method", "lexicon") != "lexicon":  # likewise
        settings["sentiment_method"] = stage.sentiment_method
    if stage.issuer_voice:
        settings["issuer_voice"] = True
    if getattr(stage, "stance_priors", None):  # estimated from the corpus: the same corpus gives the same
        settings["stance_priors"] = stage.stance_priors
    if not stage.frames:
        settings["frames"] = False
    if stage.dictionaries:  # each by its content: an edited dictionary changes the tables
        settings["dictionaries"] = [file_sha256(d) if isinstance(d, (str, Path)) else repr(d)
                                    for d in stage.dictionaries]
    if stage.models:  # each label model by the hash of its training data and settings
        settings["models"] = [file_sha256(Path(m) / "metadata.json") if isinstance(m, (str, Path)) else repr(m)
                              for m in stage.models]
    for name in ("stance_model", "sentiment_model"):  # each by its metadata: its training data and settings
        model = getattr(stage, name, None)
        if model is not None:
            meta = Path(model) / "metadata.json" if isinstance(model, (str, Path)) else None
            settings[name] = file_sha256(meta) if meta is not None and meta.is_file() else repr(model)
    if reader is not None:
        # how the corpus was read (format, columns, encoding, metadata, limit ...), not where it lies
        settings["reader"] = {k: v for k, v in sorted(dict(reader).items()) if k != "path"}
    return settings


def _batches(docs, size: int):
    """Lists of at most ``size`` documents from an iterable, read lazily.

    The iterable is turned into one iterator first: ``islice`` on an
    iterable that is not its own iterator (a tqdm bar) starts a new
    generator for each batch, and dropping one may close the corpus stream
    underneath (tqdm's ``yield from`` forwards the close), which ended
    runs with a progress bar after two batches.

    >>> [len(b) for b in _batches(range(5), 2)]
    [2, 2, 1]
    """
    docs = iter(docs)
    while True:
        batch = list(itertools.islice(docs, size))
        if not batch:
            return
        yield batch
