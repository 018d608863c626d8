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
_LAZY = {"aggregate_files": "aggregates", "aggregate_tables": "aggregates", "RunOptions": "options",
         "check_options": "options", "analyze": "run", "analyze_to": "run", "BatchStage": "stage",
         "run_settings": "stage", "AGGREGATES": None, "BATCH_TABLES": None, "write_tables": None}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f"framing.analysis.{_LAZY[name]}" if _LAZY[name] else "framing.tables")
        return getattr(module, name)
    raise AttributeError(f"module 'framing.analysis' has no attribute {name!r}")
