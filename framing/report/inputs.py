"""What a report reads: the tables of an analysis folder, made first when the report is given a corpus.

A report never analyses a corpus in its own kernel.  ``framing report
PATH`` first streams the corpus into ``REPORT/analysis/`` with
:func:`prepare_analysis` (the same path as ``framing analyze``, with its
workers and progress bar), and ``framing report --from OUT`` reuses an
analysis folder written before; in both cases the notebook reads the
tables with :func:`load_analysis`, so a corpus of any size costs the report
only its tables.

Examples
--------
>>> folder = prepare_analysis("corpora/seed", "out/seed-analysis")      # doctest: +SKIP
>>> analysis = load_analysis(folder)                                     # doctest: +SKIP
>>> analysis.speakers.head(3)                                            # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from framing.errors import InputError

#: The tables a report needs from an analysis folder.
TABLES = ("documents", "utterances", "measures", "speakers", "outlets", "periods")


class SavedManifest:
    """The manifest an analysis wrote (``manifest.json``), with the methods the report uses.

    >>> m = SavedManifest({"read": 2, "skipped": 0, "warnings": 1, "warning_list": [
    ...     {"source": "a.txt", "place": "", "reason": "undated"}]})
    >>> m.summary()["read"], m.to_frame()["kind"].tolist()
    (2, ['warning'])
    """

    def __init__(self, summary: dict | None):
        self._summary = dict(summary or {})

    def summary(self) -> dict:
        return dict(self._summary)

    def to_frame(self) -> pd.DataFrame:
        rows = [{"kind": "skipped", **p} for p in self._summary.get("skipped_inputs") or []]
        rows += [{"kind": "warning", **p} for p in self._summary.get("warning_list") or []]
        return pd.DataFrame(rows, columns=["kind", "source", "place", "reason"])


@dataclass
class Analysis:
    """The tables of an analysis folder, what it was made from, and its targets."""

    folder: Path
    documents: pd.DataFrame
    utterances: pd.DataFrame
    measures: pd.DataFrame
    speakers: pd.DataFrame
    outlets: pd.DataFrame
    periods: pd.DataFrame
    manifest: SavedManifest
    record: dict = field(default_factory=dict)
    targets: list = field(default_factory=list)


def has_tables(folder) -> bool:
    """Whether ``folder`` holds a finished analysis (every table of :data:`TABLES`)."""
    f = Path(folder)
    return all((f / f"{name}.parquet").is_file() or (f / f"{name}.csv").is_file() for name in TABLES)


def check_analysis_folder(folder) -> Path:
    """``folder`` if it holds a finished analysis, else an error saying what is missing and how to make it."""
    f = Path(folder)
    if not f.is_dir():
        raise InputError(f"{folder}: no such folder (write one with `framing analyze CORPUS --out {folder}`)")
    missing = [name for name in TABLES if not (f / f"{name}.parquet").is_file() and not (f / f"{name}.csv").is_file()]
    if missing:
        unfinished = " (an unfinished run: rerun the same `framing analyze` command to finish it)" \
            if (f / "parts").is_dir() else ""
        raise InputError(f"{folder}: not a finished analysis folder, no {', '.join(missing)} table"
                         f"{'s' if len(missing) > 1 else ''}{unfinished}; write one with "
                         f"`framing analyze CORPUS --out {folder}`")
    return f


def load_analysis(folder) -> Analysis:
    """Read an analysis folder written by ``framing analyze`` (or :func:`prepare_analysis`)."""
    import json

    from framing.analysis.record import TARGETS_FILE, read_run_record
    from framing.stance.targets import load_targets
    from framing.tables import read_table

    f = check_analysis_folder(folder)
    tables = {name: read_table(f, name) for name in TABLES}
    manifest_path = f / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    targets = load_targets(f / TARGETS_FILE) if (f / TARGETS_FILE).is_file() else load_targets()
    return Analysis(folder=f, manifest=SavedManifest(manifest), record=read_run_record(f), targets=targets,
                    **tables)


def prepare_analysis(corpus, folder, *, reader_options: dict | None = None, targets=None, actors=None,
                     topic_model=None, stance_method: str = "news", sentiment_method: str = "news",
                     stance_model=None, sentiment_model=None, use_side: bool = False, issuer_voice: bool = False,
                     n_boot: int = 1000, seed: int = 0, min_utterances: int = 3, keep_duplicates: bool = False,
                     frames: bool = True, dictionaries=(), workers: int = 1, progress=None,
                     stance_balances=None) -> Path:
    """Analyse ``corpus`` into ``folder`` by the streaming path (as ``framing analyze``), unless it is done.

    A folder that already holds a finished analysis is returned as it is
    (an interrupted one is resumed).  ``topic_model`` is a model folder or
    a fitted :class:`~framing.topics.model.TopicModel`; ``stance_model`` and
    ``sentiment_model`` are folders of models a researcher trained (as
    ``framing analyze --stance-model``, ``--sentiment-model``); ``stance_balances``
    a file of balances of sides they give for some targets (``--stance-priors``).

    Returns
    -------
    Path
        ``folder``.
    """
    from framing.analysis.options import RunOptions
    from framing.analysis.run import analyze_to
    from framing.attribution.actors import Registry
    from framing.corpus.documents import read_corpus

    folder = Path(folder)
    if has_tables(folder):
        return folder
    documents = read_corpus(corpus, **dict(reader_options or {})) if isinstance(corpus, (str, Path)) else corpus
    registry = Registry.load(actors) if actors else Registry.load()
    options = RunOptions(registry=registry, targets=targets, topic_model=topic_model, use_side=use_side,
                         stance_method=stance_method, sentiment_method=sentiment_method,
                         stance_model=stance_model, sentiment_model=sentiment_model, stance_balances=stance_balances,
                         issuer_voice=issuer_voice, n_boot=n_boot, seed=seed,
                         min_utterances=min_utterances, keep_duplicates=keep_duplicates, frames=frames,
                         dictionaries=tuple(dictionaries or ()),
                         workers=workers, progress=progress)
    analyze_to(documents, folder, options)
    return folder


__all__ = ["Analysis", "SavedManifest", "TABLES", "check_analysis_folder", "has_tables", "load_analysis",
           "prepare_analysis"]
