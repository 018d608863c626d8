"""Agreement between coders of stance (JSONL standoff lines: statement, event and speaker units).

Stance codes come in three units (see ``corpora/annotations/stance_ar/README.md``):

- ``statement``: a statement (doc, paragraph, cue) and a target named in or
  around it, labelled favor, against, neutral or none.  Every candidate is
  labelled, so a unit only one coder labelled is missing for the other;
- ``event``: a coded reported-speech event's stance toward a target it
  addresses; coders write lines only for targets an event addresses, so a
  unit only one coder wrote is ``none`` for the other;
- ``speaker``: a speaker's overall stance toward a target in an article,
  speakers compared by name as in the attribution agreement, or as the
  same speaker when the lines give the toolkit's speakers they are
  (``system``: the toolkit's speaker strings whose statements are theirs)
  and two coders' lists share one (coders spell names apart: "Athil" and
  "Atheel"); a pair only one coder wrote is ``none`` for the other.

Only articles coded by two or more coders count.  Per unit kind, alpha is
reported for ``stance`` (the four labels), ``side`` (favor, against,
neutral, where both coders found the target addressed) and ``confidence``
(clear, implied, where both gave a side).

Examples
--------
>>> a = [{"unit": "speaker", "doc": "d", "speaker": "Adel al-Jubeir", "target": "Iran", "stance": "against",
...       "coder": "A"}]
>>> b = [{"unit": "speaker", "doc": "d", "speaker": "Adel Al-Jubeir", "target": "Iran", "stance": "against",
...       "coder": "B"}]
>>> long = stance_units(a + b)
>>> long[["kind", "coder", "stance"]].values.tolist()
[['speaker', 'A', 'against'], ['speaker', 'B', 'against']]
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from framing.attribution.evaluate import cue_key
from framing.files import read_jsonl
from framing.validation.agreement import alpha_ci
from framing.validation.events import speaker_key

KINDS = ("statement", "event", "speaker")


def is_stance_file(path) -> bool:
    """Whether a file holds stance codes (JSONL whose first line has ``stance`` and ``target``, or ``unit``)."""
    path = Path(path)
    if path.suffix.lower() != ".jsonl":
        return False
    for record in read_jsonl(path):
        return ("stance" in record and "target" in record) or "unit" in record
    return False


def read_stance_files(paths) -> list[dict]:
    """Stance codes of several files (:func:`framing.stance.news_training.read_stance_codes`); each line's
    coder is its ``coder`` field or the file's name."""
    from framing.stance.news_training import read_stance_codes

    return [{**r, "coder": str(r.get("coder") or Path(path).stem)} for path in paths for r in read_stance_codes(path)]


def stance_units(records: list[dict]) -> pd.DataFrame:
    """A long table (``kind``, ``unit``, ``coder``, ``stance``, ``side``, ``confidence``) over shared articles."""
    coders_of: dict[str, set] = {}
    for r in records:
        coders_of.setdefault(str(r["doc"]), set()).add(r["coder"])
    shared = {d for d, c in coders_of.items() if len(c) > 1}
    rows: dict[tuple, dict] = {}
    same = _same_speakers([r for r in records if r["unit"] == "speaker" and str(r["doc"]) in shared])
    for r in records:
        doc = str(r["doc"])
        if doc not in shared or r["unit"] == "none":
            continue
        if r["unit"] == "speaker":
            key = (doc, same.get((doc, r["coder"], speaker_key(r["speaker"])), speaker_key(r["speaker"])),
                   r["target"])
        else:
            # a statement with its character offset (an issuer's sentence has no cue) is keyed by it too
            start = () if r.get("start") is None else (int(r["start"]),)
            key = (doc, int(r["paragraph"]), " ".join(cue_key(r["cue"])), *start, r["target"])
        unit = "|".join(map(str, key))
        rows[(r["unit"], unit, r["coder"])] = {
            "kind": r["unit"], "unit": unit, "coder": r["coder"], "stance": r["stance"],
            "confidence": r.get("confidence") if r["stance"] in ("favor", "against") else None}
    # a unit one coder wrote and another did not: "none" for event and speaker units (only addressed
    # targets get a line there), missing for statement units (every candidate gets a line)
    for kind, unit, _ in list(rows):
        if kind == "statement":
            continue
        for coder in coders_of[unit.split("|", 1)[0]]:
            rows.setdefault((kind, unit, coder), {"kind": kind, "unit": unit, "coder": coder, "stance": "none",
                                                  "confidence": None})
    long = pd.DataFrame(list(rows.values()), columns=["kind", "unit", "coder", "stance", "confidence"])
    long["side"] = long["stance"].where(long["stance"].ne("none"))
    return long.sort_values(["kind", "unit", "coder"], ignore_index=True)


def _same_speakers(lines: list[dict]) -> dict:
    """(doc, coder, name key) -> one key per speaker of an article, joining the coders' names of one speaker.

    Two coders' speakers are one when their names fold to the same key or
    their ``system`` lists share a toolkit speaker string; a string a coder
    gives to two of their speakers (one statement of each) joins nothing,
    and "unknown" never does.

    >>> a = {"doc": "d", "coder": "A", "speaker": "Athil al-Nujaifi", "system": ["أثيل النجيفي"]}
    >>> b = {"doc": "d", "coder": "B", "speaker": "Atheel al-Nujaifi", "system": ["أثيل النجيفي"]}
    >>> len(set(_same_speakers([a, b]).values()))
    1
    """
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owners: dict = {}  # (doc, coder, system string) -> the coder's speakers who list it
    for r in lines:
        node = (str(r["doc"]), r["coder"], speaker_key(r["speaker"]))
        find(node)
        for string in r.get("system") or ():
            if isinstance(string, str) and string.strip() and string.strip().lower() != "unknown":
                owners.setdefault((node[0], node[1], string.strip()), set()).add(node)
    by_name: dict = {}
    for node in list(parent):
        by_name.setdefault((node[0], node[2]), []).append(node)
    by_string: dict = {}
    for (doc, _, string), nodes in owners.items():
        if len(nodes) == 1:
            by_string.setdefault((doc, string), []).extend(nodes)
    for group in (*by_name.values(), *by_string.values()):
        for node in group[1:]:
            parent[find(node)] = find(group[0])
    return {node: find(node)[2] for node in parent}


def stance_agreement(long: pd.DataFrame, *, n_boot: int = 1000, seed: int = 0, ci: float = 0.95) -> pd.DataFrame:
    """Krippendorff's alpha per unit kind and variable of :func:`stance_units` (nominal)."""
    rows = []
    for kind in KINDS:
        part = long[long["kind"] == kind]
        if part.empty:
            continue
        for name in ("stance", "side", "confidence"):
            data = part.dropna(subset=[name]).pivot(index="coder", columns="unit", values=name)
            matrix = data.astype(object).where(data.notna(), np.nan).values
            rows.append({"variable": name, "level": "nominal", "category": f"{kind} units",
                         "coders": int(len(data.index)), **alpha_ci(matrix, "nominal", n_boot=n_boot, seed=seed,
                                                                     ci=ci)})
    columns = ["variable", "level", "category", "alpha", "ci_low", "ci_high", "units", "values", "agreement",
               "coders"]
    return pd.DataFrame(rows, columns=columns)
