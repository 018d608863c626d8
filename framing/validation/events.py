"""Agreement between coders of attribution events (JSONL, one event per line).

Coders of reported speech do not code a fixed list of units: each marks the
events they find.  The units are therefore the cues any coder marked in an
article both coded: ``doc``, ``paragraph`` and the cue word (folded, an
attached و/ف ignored, as the evaluation compares cues).  Per unit:

- ``event``: whether the coder marked an event there (``yes``/``no``);
  a cue only one coder saw is a disagreement, not a missing value;
- ``required``, ``type``, ``explicit``, ``sentiment``: the coder's codes,
  where both marked the event;
- ``speaker``: who the coder says spoke, compared by name (case, spelling
  of hyphens and the article "al" ignored; an anonymous source compares as
  its description).

Lines ``{"doc": ..., "no_events": true}`` record that a coder read an
article and found nothing in it.  The coder is the ``coder`` field of each
line, or the file's name.

Examples
--------
>>> a = [{"doc": "d", "paragraph": 1, "cue": "وقال", "speaker": "Adel al-Jubeir", "type": "indirect", "coder": "A"}]
>>> b = [{"doc": "d", "paragraph": 1, "cue": "قال", "speaker": "Adel Al-Jubeir", "type": "direct", "coder": "B"}]
>>> long = event_units(a + b)
>>> sorted(long["event"]), sorted(long["speaker"])
(['yes', 'yes'], ['adel jubeir', 'adel jubeir'])
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from framing.attribution.evaluate import cue_key
from framing.errors import InputError
from framing.files import read_jsonl
from framing.validation.agreement import alpha_ci

#: Variables measured, with their level.
EVENT_VARIABLES = (("event", "nominal"), ("required", "nominal"), ("type", "nominal"), ("explicit", "nominal"),
                   ("speaker", "nominal"), ("sentiment", "nominal"), ("sentiment", "interval"))
_SENTIMENT = {"negative": -1, "neutral": 0, "positive": 1}


def is_event_file(path) -> bool:
    """Whether a file holds coded attribution events (JSONL with ``cue`` or ``no_events`` lines)."""
    path = Path(path)
    if path.suffix.lower() != ".jsonl":
        return False
    for record in read_jsonl(path):
        return "cue" in record or "no_events" in record
    return False


def read_event_files(paths) -> list[dict]:
    """Coded events of several files, each line's coder its ``coder`` field or the file's name."""
    out = []
    for path in paths:
        for n, record in enumerate(read_jsonl(path, required=("doc",)), 1):
            if not record.get("no_events"):
                missing = [k for k in ("paragraph", "cue") if k not in record]
                if missing:
                    raise InputError(f"{path}: record {n}: no {', '.join(repr(k) for k in missing)} (an event needs "
                                     f"doc, paragraph and cue; an article coded as having none: no_events: true)")
            record.setdefault("coder", Path(path).stem)
            out.append(record)
    return out


def speaker_key(name) -> str:
    """A speaker name as compared between coders: "Adel Al-Jubeir" and "adel al jubeir" are one."""
    if not isinstance(name, str):
        return ""
    words = re.sub(r"[-_'’.,]", " ", name.lower()).split()
    return " ".join(w for w in words if w not in ("al", "el", "the"))


def event_units(records: list[dict]) -> pd.DataFrame:
    """A long table (``unit``, ``coder`` and one column per variable) over articles coded by two or more coders."""
    coders_of: dict[str, set] = {}
    for r in records:
        coders_of.setdefault(str(r["doc"]), set()).add(str(r["coder"]))
    shared = {d for d, c in coders_of.items() if len(c) > 1}
    rows = {}
    seen: dict[tuple, int] = {}
    for r in records:
        doc = str(r["doc"])
        if doc not in shared or r.get("no_events"):
            continue
        coder = str(r["coder"])
        place = (doc, int(r["paragraph"]), " ".join(cue_key(r["cue"])))
        # the n-th "وقال" of a paragraph is its own unit: a second one only one coder marked is a disagreement
        n = seen[(coder, *place)] = seen.get((coder, *place), 0) + 1
        unit = "|".join(map(str, place)) + f"|{n}"
        rows.setdefault((unit, coder), {
            "unit": unit, "coder": coder, "event": "yes", "required": _flag(r.get("required", True)),
            "type": r.get("type"), "explicit": _flag(r.get("explicit")), "speaker": speaker_key(r.get("speaker")),
            "sentiment": r.get("sentiment")})
    units = {u for u, _ in rows}
    for unit in units:
        doc = unit.split("|", 1)[0]
        for coder in coders_of[doc]:
            rows.setdefault((unit, coder), {"unit": unit, "coder": coder, "event": "no"})
    columns = ["unit", "coder", "event", "required", "type", "explicit", "speaker", "sentiment"]
    return pd.DataFrame(list(rows.values()), columns=columns).sort_values(["unit", "coder"], ignore_index=True)


def _flag(value) -> str | None:
    return None if value is None else "true" if bool(value) else "false"


def event_agreement(long: pd.DataFrame, *, n_boot: int = 1000, seed: int = 0, ci: float = 0.95) -> pd.DataFrame:
    """Krippendorff's alpha per variable of :func:`event_units` (the columns of :func:`framing.validation.agreement_table`)."""
    rows = []
    for name, level in EVENT_VARIABLES:
        values = long[name]
        if level == "interval":
            values = values.map(_SENTIMENT)
        data = long.assign(_v=values).dropna(subset=["_v"]).pivot(index="coder", columns="unit", values="_v")
        if data.empty:
            continue  # a field these files do not code (statements labelled for sentiment alone have no type)
        matrix = data.astype(object).where(data.notna(), np.nan).values
        scored = alpha_ci(matrix, level, n_boot=n_boot, seed=seed, ci=ci)
        if not scored["units"]:
            continue  # no unit two coders both coded for it
        rows.append({"variable": name, "level": level, "category": "(all)", "coders": int(len(data.index)),
                     **scored})
    columns = ["variable", "level", "category", "alpha", "ci_low", "ci_high", "units", "values", "agreement",
               "coders"]
    return pd.DataFrame(rows, columns=columns)


def event_counts(long: pd.DataFrame) -> dict:
    """Events of :func:`event_units` marked by every coder of an article, and by some only (the raw form of the
    ``event`` alpha)."""
    marked = long.groupby("unit")["event"].agg(lambda v: (v == "yes").sum())
    coders = long.groupby("unit")["coder"].nunique()
    return {"units": int(len(marked)), "marked_by_all": int((marked == coders).sum()),
            "marked_by_some": int((marked < coders).sum())}
