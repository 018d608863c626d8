"""Validation against human coding: coding sheets, agreement between coders, the machine against them.

* :mod:`~framing.validation.sheets` -- draw a stratified sample of utterances
  and write a coding sheet (CSV and XLSX) with its key.
* :mod:`~framing.validation.codes` -- read coded sheets back, codes checked
  (an unknown code is an error naming the file and row).
* :mod:`~framing.validation.agreement` -- Krippendorff's alpha (nominal and
  interval, missing codes allowed) with bootstrap intervals over units, per
  variable and per category.
* :mod:`~framing.validation.scoring` -- the machine against the coders:
  event-level attribution P/R/F1 (as ``framing eval attribution``), per-class
  P/R/F1, macro-F1, confusion matrices, alpha with the machine as a coder.
* :mod:`~framing.validation.training` -- train the supervised sentiment and
  stance scorers on coded sheets, with cross-validation.

Every function returns tidy DataFrames (or dicts of them), so a notebook can
render the tables and figures.

Examples
--------
>>> from framing.validation import alpha
>>> alpha([["favor", "against", "none"], ["favor", "against", "neutral"]])  # doctest: +ELLIPSIS
0.6...
"""

from framing.validation.agreement import agreement_table, alpha, alpha_ci, format_table, reliability_matrix
from framing.validation.scoring import (attach_machine, confusion_matrix, consensus, event_scores,
                                        format_validation_scores, read_key, read_machine, score_sheets)
from framing.validation.codes import read_sheets, speaker_judgements
from framing.validation.sheets import build_sheet, codebook, draw_sample, machine_table, sample_corpus, write_sheet
from framing.validation.training import train_from_sheets, training_data

__all__ = ["agreement_table", "alpha", "alpha_ci", "attach_machine", "build_sheet", "codebook",
           "confusion_matrix", "consensus", "draw_sample", "event_scores", "format_table", "format_validation_scores",
           "machine_table", "read_key", "read_machine", "read_sheets", "reliability_matrix", "sample_corpus",
           "score_sheets", "speaker_judgements", "train_from_sheets", "training_data", "write_sheet"]
