"""The report stage: a parameterized notebook run with Papermill into a folder a reader can cite.

:func:`run_report` (:mod:`.runner`) executes the notebook, normalizes and
renders it (:mod:`.html`) and moves the report folder into place
(:mod:`.folders`); the notebook builds its tables (:mod:`.tables`),
sentences (:mod:`.summaries`) and figures (:mod:`.plots`) and records
versions and hashes (:mod:`.provenance`).
"""

from framing.report.folders import check_report_folder
from framing.report.html import normalize_notebook, render_html
from framing.report.runner import (NOTEBOOK_DIR, ReportError, error_outputs, execute, parse_parameter,
                                   report_parameters, report_topic_model, resolve_notebook, run_report)

__all__ = ["NOTEBOOK_DIR", "ReportError", "check_report_folder", "error_outputs", "execute", "normalize_notebook",
           "parse_parameter", "render_html", "report_parameters", "report_topic_model", "resolve_notebook",
           "run_report"]
