"""Each target's balance of sides in coded sheets, written as ``framing analyze --stance-priors`` reads it.

A researcher who has coded a sample of statements (``framing validate
sample``, then coders fill the ``stance_<target>`` columns) knows how the
corpus' speakers lean toward each target better than any estimate: the
news stance model reads a target it was not trained on with the balance of
sides the corpus' statements seem to show (:mod:`framing.stance.priors`),
and that estimate follows what the model reads.  :func:`coded_balances`
counts, per target, the statements the coders' majority codes favor,
against or neutral (``none``, ties and blanks are not counted), and
:func:`write_balances` writes them as the counts
:func:`framing.stance.priors.read_side_balances` takes.

Examples
--------
>>> import pandas as pd
>>> from framing.stance.targets import Target
>>> coded = pd.DataFrame({"unit": ["u1", "u1", "u2", "u3"], "coder": ["a", "b", "a", "a"], "added": False,
...                       "stance_egypt": ["favor", "favor", "neutral", "none"]})
>>> coded_balances(coded, [Target("Egypt", {"ar": ["مصر"]})])
{'Egypt': {'favor': 1, 'against': 0, 'neutral': 1}}
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from framing.errors import InputError
from framing.stance.priors import SIDES
from framing.validation.scoring import consensus
from framing.validation.sheets import is_stance_column


def coded_balances(coded: pd.DataFrame, targets) -> dict[str, dict[str, int]]:
    """Per target with a coded column, how many statements the coders' majority codes favor, against, neutral.

    Parameters
    ----------
    coded : DataFrame
        Coded sheets as :func:`framing.validation.read_sheets` reads them.
    targets : list of Target
        The targets the sheet's ``stance_<slug>`` columns are of.

    Raises
    ------
    InputError
        For a stance column of no target given (naming it), or sheets with no stance column.
    """
    columns = [c for c in coded.columns if is_stance_column(c)]
    if not columns:
        raise InputError("the coded sheets have no stance_<target> column: nothing to count")
    by_slug = {t.slug: t for t in targets}
    unknown = [c for c in columns if c[len("stance_"):] not in by_slug]
    if unknown:
        raise InputError(f"stance column(s) {', '.join(unknown)} are of no target given (targets: "
                         f"{', '.join(t.name for t in targets)}); give the targets file the sheet was drawn with "
                         f"(--targets FILE)")
    reference = consensus(coded, columns)
    out = {}
    for column in columns:
        codes = reference[column].value_counts()
        counts = {side: int(codes.get(side, 0)) for side in SIDES}
        if sum(counts.values()):
            out[by_slug[column[len("stance_"):]].name] = counts
    return out


def write_balances(balances: dict[str, dict[str, int]], path, *, sources=()) -> Path:
    """Write ``balances`` (target name to counts) as YAML, never over an existing file.

    ``sources`` (the sheets) are named in the file's opening comment.
    """
    import yaml

    path = Path(path)
    if path.exists():
        raise InputError(f"{path}: already there; choose another --out (a file of balances is never written over)")
    if not balances:
        raise InputError("no statement in the coded sheets is coded favor, against or neutral toward any target: "
                         "nothing to write")
    head = ["# Balances of sides counted in coded statements (the coders' majority per statement), for",
            "# framing analyze CORPUS --stance-priors THIS_FILE"]
    if sources:
        head.append("# from: " + ", ".join(Path(s).name for s in sources))
    body = yaml.safe_dump(balances, allow_unicode=True, sort_keys=False, default_flow_style=None)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(head) + "\n" + body, encoding="utf-8")
    return path


__all__ = ["coded_balances", "write_balances"]
