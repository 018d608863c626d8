"""The analysis stage: a corpus in, the analysis tables out, in memory or streamed to disk.

:func:`analyze` and :func:`analyze_to` (:mod:`.run`) take a :class:`RunOptions`
(:mod:`.options`), run the per-document stages (:mod:`.stage`) in batches on an
engine (:mod:`.engines`), write each batch's tables as parts (:mod:`.store`)
and compute the aggregates from them (:mod:`.aggregates`).
"""

__all__ = ["AGGREGATES", "BATCH_TABLES", "BatchStage", "RunOptions", "aggregate_files", "aggregate_tables",
           "analyze", "analyze_to", "check_options", "run_settings", "write_tables"]

# Imported on first use: a light submodule (``framing.analysis.record``, which the corpus reader asks whether a
# folder is an analysis) must not load pandas and the whole stage with its package.
_LAZY = {"aggregate_files": "framing.analysis.aggregates", "aggregate_tables": "framing.analysis.aggregates",
         "RunOptions": "framing.analysis.options", "check_options": "framing.analysis.options",
         "analyze": "framing.analysis.run", "analyze_to": "framing.analysis.run",
         "BatchStage": "framing.analysis.stage", "run_settings": "framing.analysis.stage",
         "AGGREGATES": "framing.tables", "BATCH_TABLES": "framing.tables", "write_tables": "framing.tables"}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'framing.analysis' has no attribute {name!r}")
