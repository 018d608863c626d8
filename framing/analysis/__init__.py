"""The analysis stage: a corpus in, the analysis tables out, in memory or streamed to disk.

:func:`analyze` and :func:`analyze_to` (:mod:`.run`) take a :class:`RunOptions`
(:mod:`.options`), run the per-document stages (:mod:`.stage`) in batches on an
engine (:mod:`.engines`), write each batch's tables as parts (:mod:`.store`)
and compute the aggregates from them (:mod:`.aggregates`).
"""

from framing.analysis.aggregates import aggregate_files, aggregate_tables
from framing.analysis.options import RunOptions, check_options
from framing.analysis.run import analyze, analyze_to
from framing.analysis.stage import BatchStage, run_settings
from framing.tables import AGGREGATES, BATCH_TABLES, write_tables

__all__ = ["AGGREGATES", "BATCH_TABLES", "BatchStage", "RunOptions", "aggregate_files", "aggregate_tables",
           "analyze", "analyze_to", "check_options", "run_settings", "write_tables"]
