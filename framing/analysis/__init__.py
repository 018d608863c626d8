"""The analysis stage: a corpus in, the analysis tables out, in memory or streamed to disk.

:func:`analyze` and :func:`analyze_to` (:mod:`.run`) run the per-document
stages in batches on an engine (:mod:`.engines`), write each batch's tables
as parts (:mod:`.store`) and compute the aggregates from them.
"""

from framing.analysis.run import (AGGREGATES, BATCH_TABLES, BatchStage, aggregate_files, aggregate_tables,
                                  analyze, analyze_to, check_options, run_settings, write_tables)

__all__ = ["AGGREGATES", "BATCH_TABLES", "BatchStage", "aggregate_files", "aggregate_tables", "analyze",
           "analyze_to", "check_options", "run_settings", "write_tables"]
