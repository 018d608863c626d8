"""Agreement between coders of document labels (JSONL: one document, a list of labels, a coder per line).

A label set such as the generic frames (``corpora/annotations/frames_en``)
is coded per document, several labels at once::

    {"doc": "d1", "frames": ["Political", "Public_opinion"], "coder": "A1"}

The list's field is the first of :data:`LIST_FIELDS` a line has.  Only
documents coded by two or more coders count.  Each label is a nominal
variable (present or absent in each document): alpha is reported per label,
and over all labels pooled (every document × label pair one unit), the
figure to quote for the label set as a whole.

Examples
--------
>>> records = [{"doc": "d1", "labels": {"Economic"}, "coder": "A"}, {"doc": "d1", "labels": {"Economic"}, "coder": "B"},
...            {"doc": "d2", "labels": {"Political"}, "coder": "A"}, {"doc": "d2", "labels": {"Economic"}, "coder": "B"}]
>>> long = label_units(records)   # records as read_label_files returns them
>>> sorted(set(long["label"]))
['Economic', 'Political']
>>> long.query("label == 'Economic'")["present"].tolist()
[1, 1, 0, 1]
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from framing.errors import InputError
from framing.files import read_jsonl
from framing.validation.agreement import alpha_ci

#: Fields that hold a document's list of labels, in the order they are looked for.
LIST_FIELDS = ("frames", "labels")


def is_label_file(path) -> bool:
    """Whether a file holds document labels (JSONL whose first line has ``doc`` and a list of labels)."""
    path = Path(path)
    if path.suffix.lower() != ".jsonl":
        return False
    for record in read_jsonl(path):
        return "doc" in record and any(isinstance(record.get(f), list) for f in LIST_FIELDS)
    return False


def read_label_files(paths) -> list[dict]:
    """The coded lines of several files: ``doc``, ``labels`` (a set) and ``coder`` (its field or the file's name).

    A line without a list of labels, a label that is not a string, or one
    document coded twice by one coder is an error naming the file and line.
    """
    out, seen = [], {}
    for path in paths:
        for n, record in enumerate(read_jsonl(path, required=("doc",)), 1):
            field = next((f for f in LIST_FIELDS if isinstance(record.get(f), list)), None)
            if field is None:
                raise InputError(f"{path}: line {n}: no list of labels ({' or '.join(LIST_FIELDS)})")
            labels = record[field]
            if not all(isinstance(x, str) and x.strip() for x in labels):
                raise InputError(f"{path}: line {n}: labels are non-empty strings, got {labels!r}")
            coder = str(record.get("coder") or Path(path).stem)
            key = (str(record["doc"]), coder)
            if key in seen:
                raise InputError(f"{path}: line {n}: document {key[0]!r} is coded twice by {coder!r} "
                                 f"(first at {seen[key]})")
            seen[key] = f"{path}: line {n}"
            out.append({"doc": key[0], "coder": coder, "labels": {x.strip() for x in labels}})
    return out


def label_units(records: list[dict]) -> pd.DataFrame:
    """A long table (``label``, ``doc``, ``coder``, ``present``) over documents coded by two coders or more."""
    coders_of: dict[str, set] = {}
    for r in records:
        coders_of.setdefault(r["doc"], set()).add(r["coder"])
    shared = [r for r in records if len(coders_of[r["doc"]]) > 1]
    labels = sorted({x for r in shared for x in r["labels"]})
    rows = [{"label": label, "doc": r["doc"], "coder": r["coder"], "present": int(label in r["labels"])}
            for label in labels for r in shared]
    return pd.DataFrame(rows, columns=["label", "doc", "coder", "present"]).sort_values(
        ["label", "doc", "coder"], ignore_index=True)


def label_agreement(long: pd.DataFrame, *, n_boot: int = 1000, seed: int = 0, ci: float = 0.95) -> pd.DataFrame:
    """Krippendorff's alpha (nominal) of :func:`label_units`: all labels pooled, then per label."""
    def row(part: pd.DataFrame, category: str, units) -> dict:
        data = part.pivot(index="coder", columns=units, values="present")
        matrix = data.astype(object).where(data.notna(), np.nan).values
        return {"variable": "labels", "level": "nominal", "category": category, "coders": len(data.index),
                **alpha_ci(matrix, "nominal", n_boot=n_boot, seed=seed, ci=ci)}

    rows = []
    if not long.empty:
        rows.append(row(long.assign(unit=long["doc"] + "|" + long["label"]), "all labels", "unit"))
        rows += [row(part, label, "doc") for label, part in long.groupby("label", sort=True)]
    columns = ["variable", "level", "category", "alpha", "ci_low", "ci_high", "units", "values", "agreement",
               "coders"]
    return pd.DataFrame(rows, columns=columns)
