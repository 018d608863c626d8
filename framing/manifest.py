"""The run manifest: what a corpus reader read, skipped, and why.

Bad input never stops a run: the reader records every file, line or row it
could not use (with the place and the reason), every warning (a date it
could not parse, control characters it removed, a doc_id it had to rename)
and reads on.  The manifest is the record of that, for the researcher and
for the methods section.

Examples
--------
>>> m = Manifest("news.jsonl")
>>> m.skip("news.jsonl", "line 3", "malformed JSON: Expecting value (column 1)")
>>> m.read += 2
>>> m.summary()["skipped"]
1
>>> str(m.skipped[0])
'news.jsonl:line 3: malformed JSON: Expecting value (column 1)'
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

logger = logging.getLogger("framing.corpus")

#: Problems logged per source before the log goes quiet (all are still recorded).
LOG_LIMIT = 20


@dataclass(frozen=True)
class Problem:
    """One skipped input or warning: where it is and what is wrong.

    ``source`` is the file as the user named it, ``place`` a line, row or
    byte offset inside it ("" for the whole file).
    """

    source: str
    place: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.place}" if self.place else self.source
        return f"{where}: {self.reason}"


@dataclass
class Manifest:
    """Counts and problems of one pass over a corpus.

    Attributes
    ----------
    path : str
        The corpus as the user named it.
    files : int
        Files opened.
    read : int
        Documents produced.
    skipped : list of Problem
        Files, lines and rows left out, each with its reason.
    warnings : list of Problem
        Documents kept with a caveat (unparsed date, control characters
        removed, doc_id renamed, metadata row without a file ...).
    duplicates : int
        Documents whose normalized text repeats an earlier one (kept, flagged
        in ``duplicate_of``).
    renamed : int
        Documents whose doc_id was already taken and got a ``-2``, ``-3`` suffix.
    controls_removed : int
        NUL and control characters removed from texts, in total.
    complete : bool
        Whether the pass reached the end of the input (False after ``limit``
        or an interrupted iteration).

    Examples
    --------
    >>> m = Manifest("corpus")
    >>> m.warn("corpus/a.txt", "", "date 'soon' not understood; kept in date_raw")
    >>> m.to_frame()[["kind", "source"]].values.tolist()
    [['warning', 'corpus/a.txt']]
    """

    path: str = ""
    files: int = 0
    read: int = 0
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    duplicates: int = 0
    renamed: int = 0
    controls_removed: int = 0
    complete: bool = False
    _logged: Counter = field(default_factory=Counter, repr=False, compare=False)
    _seen: set = field(default_factory=set, repr=False, compare=False)

    def skip(self, source: str, place: str, reason: str) -> None:
        """Record (and log) an input that was left out."""
        problem = Problem(str(source), place, reason)
        self.skipped.append(problem)
        self._log(problem, "skipped")

    def warn(self, source: str, place: str, reason: str) -> None:
        """Record (and log) a caveat on an input that was kept."""
        problem = Problem(str(source), place, reason)
        self.warnings.append(problem)
        self._log(problem, "warning")

    def _log(self, problem: Problem, kind: str) -> None:
        # a file with a million bad lines should not flood stderr: log the
        # first few per source, keep them all in the manifest
        if problem in self._seen:
            return  # already logged on an earlier pass over the same corpus
        self._seen.add(problem)
        n = self._logged[problem.source] = self._logged[problem.source] + 1
        if n <= LOG_LIMIT:
            logger.warning("%s: %s", kind, problem)
        elif n == LOG_LIMIT + 1:
            logger.warning("%s: further problems are recorded in the manifest, not logged", problem.source)

    def summary(self) -> dict:
        """Counts only, JSON-ready.

        >>> Manifest("x").summary()["read"]
        0
        """
        return {
            "path": self.path,
            "complete": self.complete,
            "files": self.files,
            "read": self.read,
            "skipped": len(self.skipped),
            "warnings": len(self.warnings),
            "duplicates": self.duplicates,
            "renamed": self.renamed,
            "controls_removed": self.controls_removed,
            "skip_reasons": dict(Counter(_reason_kind(p.reason) for p in self.skipped).most_common()),
        }

    def to_frame(self):
        """Skipped inputs and warnings as a table: ``kind, source, place, reason``."""
        import pandas as pd

        rows = [{"kind": "skipped", **asdict(p)} for p in self.skipped]
        rows += [{"kind": "warning", **asdict(p)} for p in self.warnings]
        return pd.DataFrame(rows, columns=["kind", "source", "place", "reason"])

    def to_dict(self) -> dict:
        """Summary plus every problem, JSON-ready."""
        return self.summary() | {
            "skipped_inputs": [asdict(p) for p in self.skipped],
            "warning_list": [asdict(p) for p in self.warnings],
        }

    def to_json(self, path: str | Path) -> None:
        """Write :meth:`to_dict` as UTF-8 JSON (Arabic kept readable)."""
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def __str__(self) -> str:
        s = self.summary()
        text = (f"{s['read']} documents read from {s['files']} file(s); {s['skipped']} skipped, "
                f"{s['warnings']} warnings, {s['duplicates']} duplicates, {s['renamed']} doc_ids renamed")
        if not s["complete"]:
            text += " (pass not complete)"
        return text


def _reason_kind(reason: str) -> str:
    """The stable head of a reason ("malformed JSON: ..." -> "malformed JSON")."""
    return reason.split(":", 1)[0]
