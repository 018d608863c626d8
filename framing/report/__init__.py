"""The report stage: a parameterized notebook run with Papermill into a folder a reader can cite.

:func:`run_report` (:mod:`.runner`) executes the notebook; the notebook
builds its tables (:mod:`.tables`), sentences (:mod:`.summaries`) and
figures (:mod:`.plots`) and records versions and hashes (:mod:`.provenance`).
"""

from framing.report.runner import ReportError, run_report

__all__ = ["ReportError", "run_report"]
