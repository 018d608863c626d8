"""The run manifest: what a corpus reader was given, read, skipped, and why.

Bad input never stops a run: the reader records every file, line or row it
could not use (with the place and the reason), every warning (a date it
could not parse, control characters it removed, a doc_id it had to rename)
and reads on.  The manifest is the record of that, for the researcher and
for the methods section.

Its books balance: every record (a JSONL line, a CSV row, a ``.txt`` file)
the readers met is either a document read or an input rejected with a
reason, so ``given == read + rejected``.  Entries that are not documents (an
empty file, a metadata row, a folder not followed) are listed among the
skipped inputs without counting as rejected documents; files that are not
corpus files at all (a README, a hidden folder) are listed as ignored.

Examples
--------
>>> m = Manifest("news.jsonl")
>>> m.skip("news.jsonl", "line 3", "malformed JSON: Expecting value (column 1)")
>>> m.read += 2
>>> m.summary()["skipped"], m.summary()["given"]
(1, 3)
>>> str(m.skipped[0])
'news.jsonl:line 3: malformed JSON: Expecting value (column 1)'
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

logger = logging.getLogger("framing.corpus")

#: Problems logged per source before the log goes quiet (all are still recorded).
LOG_LIMIT = 20
#: Problems listed in :meth:`Manifest.summary` per kind of reason; the rest are counted.
LIST_LIMIT = 100


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
    rejected : int
        Documents (records, ``.txt`` files) left out, each with a reason in
        ``skipped``.
    skipped : list of Problem
        Files, lines and rows left out, each with its reason.
    warnings : list of Problem
        Documents kept with a caveat (unparsed date, control characters
        removed, doc_id renamed, metadata row without a file ...).
    ignored : list of Problem
        Files in a corpus folder that are not corpus files (a README, a
        hidden folder), so no document was expected from them.
    duplicates : int
        Documents whose normalized text repeats an earlier one (kept, flagged
        in ``duplicate_of``).
    renamed : int
        Documents whose doc_id was already taken and got a ``-2``, ``-3`` suffix.
    controls_removed : int
        NUL and control characters removed from texts, in total.
    left_out : int
        Documents read and left out by the run's selection (filters, sample).
    selection : str
        The selection in words ("" when every document is kept).
    complete : bool
        Whether the pass reached the end of the input (False after ``limit``
        or an interrupted iteration).
    stopped : str
        Why a pass ended before the end of the input ("" when it did not).

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
    rejected: int = 0
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    ignored: list[Problem] = field(default_factory=list)
    duplicates: int = 0
    renamed: int = 0
    controls_removed: int = 0
    left_out: int = 0
    selection: str = ""
    complete: bool = False
    stopped: str = ""
    _counting: bool = field(default=True, repr=False, compare=False)
    _logged: Counter = field(default_factory=Counter, repr=False, compare=False)
    _seen: set = field(default_factory=set, repr=False, compare=False)

    def skip(self, source: str, place: str, reason: str, records: int = 1) -> None:
        """Record (and log) an input that was left out.

        ``records`` is how many documents it stands for: 1 for a line, row
        or ``.txt`` file, 0 for what is not a document (an empty file, a
        metadata row), more for a damaged block of rows.
        """
        problem = Problem(str(source), place, reason)
        self.skipped.append(problem)
        if self._counting:
            self.rejected += records
        self._log(problem, "skipped")

    def warn(self, source: str, place: str, reason: str) -> None:
        """Record (and log) a caveat on an input that was kept."""
        problem = Problem(str(source), place, reason)
        self.warnings.append(problem)
        self._log(problem, "warning")

    def ignore(self, source: str, reason: str) -> None:
        """Record, without logging, a file that is not a corpus file and was not read."""
        self.ignored.append(Problem(str(source), "", reason))

    def leave_out(self) -> None:
        """Count a document the selection left out (read and checked, not analysed)."""
        self.left_out += 1

    @contextmanager
    def not_documents(self) -> Iterator[None]:
        """Within this block, skipped inputs are not documents (metadata rows, say)."""
        before, self._counting = self._counting, False
        try:
            yield
        finally:
            self._counting = before

    @property
    def given(self) -> int:
        """Records and ``.txt`` files met: documents read plus documents rejected."""
        return self.read + self.rejected

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

    def no_documents(self) -> str:
        """Why the pass gave no document ("" when it gave some).

        >>> m = Manifest("news.jsonl")
        >>> m.skip("news.jsonl", "", "empty file", records=0)
        >>> m.no_documents()
        'no documents: news.jsonl: empty file'
        """
        if self.read and self.selection and self.left_out >= self.read:
            return f"no documents: the selection ({self.selection}) kept none of the {self.read} read"
        if self.read:
            return ""
        if self.stopped:
            return f"no documents: {self.stopped}"
        if self.skipped:
            shown = "; ".join(map(str, self.skipped[:3]))
            more = len(self.skipped) - 3
            return f"no documents: {shown}" + (f"; and {more} more skipped" if more > 0 else "")
        if self.ignored:
            return f"no documents: no corpus file among the {len(self.ignored)} file(s) found"
        return "no documents: the input holds no records"

    def summary(self) -> dict:
        """Counts and the problems (the first :data:`LIST_LIMIT` of each kind), JSON-ready.

        Deterministic: the same input gives the same summary.

        >>> Manifest("x").summary()["read"]
        0
        """
        skipped, skipped_more = _bounded(self.skipped)
        warnings, warnings_more = _bounded(self.warnings)
        ignored, ignored_more = _bounded(self.ignored)
        return {
            "path": self.path,
            "complete": self.complete,
            "stopped": self.stopped,
            "files": self.files,
            "given": self.given,
            "read": self.read,
            "rejected": self.rejected,
            "skipped": len(self.skipped),
            "warnings": len(self.warnings),
            "ignored": len(self.ignored),
            "duplicates": self.duplicates,
            "renamed": self.renamed,
            "controls_removed": self.controls_removed,
            "selection": self.selection,
            "left_out": self.left_out,
            "no_documents": self.no_documents(),
            "skip_reasons": dict(Counter(reason_kind(p.reason) for p in self.skipped).most_common()),
            "skipped_inputs": skipped,
            "skipped_not_listed": skipped_more,
            "warning_list": warnings,
            "warnings_not_listed": warnings_more,
            "ignored_inputs": ignored,
            "ignored_not_listed": ignored_more,
        }

    def to_frame(self):
        """Skipped inputs and warnings as a table: ``kind, source, place, reason``."""
        import pandas as pd

        rows = [{"kind": "skipped", **asdict(p)} for p in self.skipped]
        rows += [{"kind": "warning", **asdict(p)} for p in self.warnings]
        return pd.DataFrame(rows, columns=["kind", "source", "place", "reason"])

    def to_dict(self) -> dict:
        """Summary with every problem listed (no bound), JSON-ready."""
        return self.summary() | {
            "skipped_inputs": [asdict(p) for p in self.skipped], "skipped_not_listed": {},
            "warning_list": [asdict(p) for p in self.warnings], "warnings_not_listed": {},
            "ignored_inputs": [asdict(p) for p in self.ignored], "ignored_not_listed": {},
        }

    def to_json(self, path: str | Path) -> None:
        """Write :meth:`to_dict` as UTF-8 JSON (Arabic kept readable)."""
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def __str__(self) -> str:
        s = self.summary()
        text = (f"{s['read']} documents read from {s['files']} file(s); {s['skipped']} skipped, "
                f"{s['warnings']} warnings, {s['duplicates']} duplicates, {s['renamed']} doc_ids renamed")
        if not s["complete"]:
            text += f" (pass not complete{': ' + self.stopped if self.stopped else ''})"
        return text


_QUOTED_RE = re.compile(r"'[^']*'|\"[^\"]*\"")
_PAREN_RE = re.compile(r"\s*\([^()]*\)")
_NUMBER_RE = re.compile(r"\d+")


def reason_kind(reason: str) -> str:
    """The stable head of a reason, without the names and numbers that vary.

    >>> reason_kind("malformed JSON: Expecting value (column 1)")
    'malformed JSON'
    >>> reason_kind("byte offset 12: not valid utf-8 (invalid start byte)")
    'byte offset N'
    >>> reason_kind("date 'soon' not understood (no format); kept in date_raw")
    "date '…' not understood; kept in date_raw"
    """
    head = _PAREN_RE.sub("", _QUOTED_RE.sub("'…'", reason)).split(":", 1)[0]
    return _NUMBER_RE.sub("N", head).strip()


def _bounded(problems: list[Problem], limit: int = LIST_LIMIT) -> tuple[list[dict], dict[str, int]]:
    """The first ``limit`` problems of each kind of reason, and the count of the rest per kind."""
    shown: Counter = Counter()
    listed, rest = [], Counter()
    for p in problems:
        kind = reason_kind(p.reason)
        shown[kind] += 1
        if shown[kind] <= limit:
            listed.append(asdict(p))
        else:
            rest[kind] += 1
    return listed, dict(sorted(rest.items()))
