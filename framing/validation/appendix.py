"""The validation appendix: finding coded sheets, the tables ``notebooks/validate.ipynb`` renders, its provenance.

``framing report coding/ --notebook validate`` runs the validation notebook
on a folder of coded sheets; this module holds what the notebook needs
beyond :mod:`framing.validation` itself:

* :func:`coding_sheets` and :func:`find_key` -- which files of the folder are
  coded sheets and which one is the machine's key.
* :func:`read_coding` -- read every sheet, leaving out (and saying why) a
  sheet with a bad code or no codes at all, so one coder's typo does not
  hide the others' work.
* :func:`compared_units` -- the coded units the key has answers for.
* :func:`coders_table`, :func:`coding_table`, :func:`split_agreement` --
  small tables a reader can cite.
* :func:`validation_provenance`, :func:`validation_methods_text`,
  :func:`validation_methods_markdown` -- versions, sha256 of every sheet, the methods
  paragraph and how to cite.

Examples
--------
>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> for name in ("ana.csv", "bo.csv", "sheet.key.csv"):
...     _ = open(os.path.join(folder, name), "w").write("utterance_id,sentiment\\nu1,negative\\n")
>>> [p.name for p in coding_sheets(folder)], find_key(folder).name
(['ana.csv', 'bo.csv'], 'sheet.key.csv')
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import numpy as np
import pandas as pd

from framing.errors import InputError
from framing.validation.agreement import ALL, variables
from framing.validation.codes import code_columns, read_sheets, speaker_judgements
from framing.validation.sheets import vocabulary

#: Krippendorff's (2004) benchmarks: below 0.667 data are not relied on; from 0.8 they are.
ALPHA_TENTATIVE, ALPHA_RELIABLE = 0.667, 0.8
LEFT_OUT_COLUMNS = ["sheet", "reason"]


def is_key(path) -> bool:
    """Whether a file is a machine key (``key.csv`` or ``<sheet>.key.csv``), not a coded sheet.

    >>> is_key("coding/sheet.key.csv"), is_key("coding/key.csv"), is_key("coding/keyes.csv")
    (True, True, False)
    """
    name = Path(path).name.lower()
    return name == "key.csv" or name.endswith(".key.csv")


def coding_sheets(corpus, pattern: str = "*.csv") -> list[Path]:
    """The coded sheets a report reads: ``corpus`` itself, or the files of the folder matching ``pattern``.

    Keys (:func:`is_key`) and hidden files are left out; sub-folders are not searched.

    Raises
    ------
    InputError
        When ``corpus`` does not exist or the folder has no sheet matching ``pattern``.
    """
    path = Path(corpus)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError(f"{corpus}: no such coded sheet or folder")
    found = sorted(p for p in path.glob(pattern) if p.is_file() and not is_key(p) and not p.name.startswith("."))
    if not found:
        raise InputError(f"{corpus}: no coded sheet matches {pattern!r} (keys *.key.csv and key.csv are not sheets)")
    return found


def find_key(corpus) -> Path | None:
    """The machine's key beside the sheets: the one ``key.csv`` or ``*.key.csv`` in the folder, else None.

    For a single sheet the folder is the sheet's own.

    Raises
    ------
    InputError
        When the folder holds several keys (pass the right one as ``key``).
    """
    path = Path(corpus)
    folder = path if path.is_dir() else path.parent
    keys = sorted(p for p in folder.glob("*.csv") if p.is_file() and is_key(p))
    if len(keys) > 1:
        raise InputError(f"{folder}: several keys ({', '.join(p.name for p in keys)}); "
                         "name the one to use, e.g. -p key=" + keys[0].as_posix())
    return keys[0] if keys else None


def read_coding(paths) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read coded sheets, leaving out each sheet that cannot be used and saying why.

    A sheet with a bad code (:func:`framing.validation.read_sheets` names the
    rows) or without a single code (the blank sheet ``framing validate
    sample`` writes) is left out; the others are read together, so a unit
    coded twice by one coder across files is still an error.

    Returns
    -------
    (DataFrame, DataFrame)
        The coded rows of the usable sheets, and ``sheet, reason`` for each sheet left out.

    Raises
    ------
    InputError
        When no sheet is usable (the message gives every reason).
    """
    good, left_out = [], []
    for path in (Path(p) for p in paths):
        try:
            one = read_sheets([path])
        except InputError as exc:
            left_out.append({"sheet": path.name, "reason": str(exc).replace(f"{path}: ", "", 1)})
            continue
        if not one[code_columns(one)].notna().to_numpy().any():
            left_out.append({"sheet": path.name, "reason": "no codes (an uncoded sheet, such as the blank one "
                                                            "`framing validate sample` writes)"})
            continue
        good.append(path)
    left = pd.DataFrame(left_out, columns=LEFT_OUT_COLUMNS)
    if not good:
        raise InputError("no usable coded sheet: " + "; ".join(f"{r.sheet}: {r.reason}" for r in left.itertuples()))
    return read_sheets(good), left


def compared_units(coded: pd.DataFrame, key: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The coded rows the machine can be compared on, and the units left out (not in ``key``).

    Without a key every row is compared (the machine's answers are the
    sheets' own ``machine_*`` columns).  With one, a unit is compared when
    the key has its utterance, or when it is a statement a coder added in a
    document the key covers.

    Examples
    --------
    >>> coded = pd.DataFrame({"unit": ["u1", "t1"], "utterance_id": ["u1", "t1"], "doc_id": ["d", "t"],
    ...                       "added": False, "coder": "a", "source": "a.csv"})
    >>> kept, left = compared_units(coded, pd.DataFrame({"utterance_id": ["u1"], "doc_id": ["d"]}))
    >>> kept["unit"].tolist(), left["unit"].tolist()
    (['u1'], ['t1'])
    """
    columns = ["unit", "coders", "sheets"]
    if key is None:
        return coded, pd.DataFrame(columns=columns)
    known = set(key["utterance_id"].astype(str))
    docs = set(key["doc_id"].astype(str)) if "doc_id" in key else set()
    inside = np.where(coded["added"], coded["doc_id"].astype(str).isin(docs), coded["utterance_id"].isin(known))
    out = coded[~inside]
    left = (out.groupby("unit", sort=False)
            .agg(coders=("coder", lambda s: ", ".join(sorted(set(s)))),
                 sheets=("source", lambda s: ", ".join(sorted({Path(p).name for p in s}))))
            .reset_index())
    return coded[inside].reset_index(drop=True), left[columns]


# --- tables ---------------------------------------------------------------------------------------


def coders_table(coded: pd.DataFrame) -> pd.DataFrame:
    """Who coded what: ``coder, sheet, units, added, codes`` (codes: non-blank cells across code columns).

    >>> coded = pd.DataFrame({"coder": ["a", "a"], "source": ["x/a.csv"] * 2, "unit": ["u1", "u2"],
    ...                       "added": [False, True], "sentiment": ["negative", None], "speaker": [None, "B"]})
    >>> coders_table(coded).values.tolist()
    [['a', 'a.csv', 2, 1, 2]]
    """
    cols = code_columns(coded)
    rows = []
    for coder, g in coded.groupby("coder", sort=True):
        rows.append({"coder": coder, "sheet": ", ".join(sorted({Path(s).name for s in g["source"]})),
                     "units": int(g["unit"].nunique()), "added": int(g["added"].sum()),
                     "codes": int(g[cols].notna().to_numpy().sum())})
    return pd.DataFrame(rows, columns=["coder", "sheet", "units", "added", "codes"])


def coding_table(coded: pd.DataFrame, aliases=None) -> pd.DataFrame:
    """What was coded: per variable its codes, how many coders coded it, units coded once and at least twice.

    ``speaker`` counts the units whose speaker a coder judged (or named).
    """
    judged = coded if "speaker_value" in coded.columns else speaker_judgements(coded, aliases)
    rows, seen = [], set()
    for name, col, _level in variables(judged):
        if name in seen:  # sentiment and stance come twice (nominal and interval)
            continue
        seen.add(name)
        codes = vocabulary(col)
        present = judged.dropna(subset=[col])
        per_unit = present.groupby("unit")["coder"].nunique()
        rows.append({"variable": name,
                     "codes": " | ".join(codes) if codes else ("names" if name == "speaker" else "number"),
                     "coders": int(present["coder"].nunique()), "units": int(len(per_unit)),
                     "units_2plus": int((per_unit >= 2).sum())})
    return pd.DataFrame(rows, columns=["variable", "codes", "coders", "units", "units_2plus"])


def split_agreement(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An :func:`~framing.validation.agreement_table` as two citable tables: per variable, and per category.

    Returns ``(variable, level, alpha, ci_low, ci_high, units, values, agreement, coders)`` for the
    whole variables and ``(variable, category, alpha, ci_low, ci_high, units, agreement)`` for the categories.
    """
    whole = table[table["category"] == ALL].drop(columns="category").reset_index(drop=True)
    cats = table[table["category"] != ALL]
    return whole, cats[["variable", "category", "alpha", "ci_low", "ci_high", "units", "agreement"]].reset_index(
        drop=True)


def alpha_comparison(between: pd.DataFrame, machine: pd.DataFrame) -> pd.DataFrame:
    """Alpha between the coders beside alpha with the machine as one more coder, for the variables of both.

    Both tables have ``variable, level, alpha, ci_low, ci_high``; the result
    stacks them with a ``series`` column (``coders``, ``coders + machine``).
    """
    keep = ["variable", "level", "alpha", "ci_low", "ci_high", "units"]
    both = set(zip(machine["variable"], machine["level"]))
    coders = between[[(v, l) in both for v, l in zip(between["variable"], between["level"])]]
    return pd.concat([coders[keep].assign(series="coders"), machine[keep].assign(series="coders + machine")],
                     ignore_index=True)


def confusion_table(confusion: pd.DataFrame, variable: str) -> pd.DataFrame:
    """One variable's confusion matrix as a citable table: ``reference`` then one count column per machine code.

    >>> long = pd.DataFrame({"variable": "kind", "human": ["direct", "direct"],
    ...                      "machine": ["direct", "mixed"], "count": [3, 1]})
    >>> confusion_table(long, "kind").values.tolist()
    [['direct', 3, 1], ['mixed', 0, 0]]
    """
    from framing.validation.scoring import confusion_matrix

    wide = confusion_matrix(confusion, variable).fillna(0).astype(int)
    wide.index.name, wide.columns.name = "reference", None
    return wide.reset_index()


# --- texts ----------------------------------------------------------------------------------------


def _fmt(x: float) -> str:
    return f"{x:.2f}" if np.isfinite(x) else "undefined"


def coding_summary(coders: pd.DataFrame, coding: pd.DataFrame, left_out: pd.DataFrame, key_name) -> str:
    """HTML paragraph: how many coders coded how many units, which variables, which sheets were left out."""
    esc = html.escape
    n_units = int(coding["units"].max()) if len(coding) else 0
    parts = [f"{len(coders)} coder{'s' if len(coders) != 1 else ''} "
             f"({', '.join(esc(str(c)) for c in coders['coder'])}) coded {n_units} unit{'s' if n_units != 1 else ''} "
             f"on {len(coding)} variable{'s' if len(coding) != 1 else ''} "
             f"({', '.join(esc(v) for v in coding['variable'])})."]
    added = int(coders["added"].sum())
    if added:
        parts.append(f"Coders added {added} statement{'s' if added != 1 else ''} the machine missed.")
    parts.append(f"The machine's answers come from the key {esc(str(key_name))}." if key_name else
                 "No key was given: the machine's answers are those the sheets carry (machine_* columns).")
    if len(left_out):
        parts.append(f"{len(left_out)} sheet{'s were' if len(left_out) != 1 else ' was'} left out "
                     f"({', '.join(esc(s) for s in left_out['sheet'])}); the table below says why.")
    return "<p>" + " ".join(parts) + "</p>"


def not_in_key_summary(left: pd.DataFrame, shown: int = 5) -> str:
    """HTML paragraph on the coded units the key lacks (:func:`compared_units`); empty when there are none.

    >>> print(not_in_key_summary(pd.DataFrame({"unit": ["t:1"], "coders": ["tess"], "sheets": ["train.csv"]})))
    ... # doctest: +NORMALIZE_WHITESPACE
    <p>1 coded unit is not in the key and is left out of the comparison with the machine (it still counts
    in the agreement between coders): t:1, from train.csv.</p>
    """
    if not len(left):
        return ""
    esc = html.escape
    one = len(left) == 1
    units = ", ".join(esc(str(u)) for u in left["unit"].head(shown))
    more = f" and {len(left) - shown} more" if len(left) > shown else ""
    sheets = sorted({s for value in left["sheets"] for s in str(value).split(", ")})
    return (f"<p>{len(left)} coded unit{'' if one else 's'} {'is' if one else 'are'} not in the key and "
            f"{'is' if one else 'are'} left out of the comparison with the machine ({'it' if one else 'they'} "
            f"still count{'s' if one else ''} in the agreement between coders): {units}{more}, from "
            f"{', '.join(esc(s) for s in sheets)}.</p>")


def agreement_summary(per_variable: pd.DataFrame) -> str:
    """HTML paragraph: which variables reach Krippendorff's benchmarks (0.8 reliable, 0.667 tentative)."""
    esc = html.escape
    nominal = per_variable[per_variable["level"] == "nominal"]
    groups = {"reliable": nominal[nominal["alpha"] >= ALPHA_RELIABLE],
              "tentative": nominal[(nominal["alpha"] >= ALPHA_TENTATIVE) & (nominal["alpha"] < ALPHA_RELIABLE)],
              "low": nominal[nominal["alpha"] < ALPHA_TENTATIVE]}

    def names(frame):
        return ", ".join(f"{esc(r.variable)} ({_fmt(r.alpha)})" for r in frame.itertuples()) or "none"

    undefined = nominal[~np.isfinite(nominal["alpha"].astype(float))]
    parts = [f"Nominal alpha of at least {ALPHA_RELIABLE} (reliable): {names(groups['reliable'])}.",
             f"Between {ALPHA_TENTATIVE} and {ALPHA_RELIABLE} (tentative conclusions only): "
             f"{names(groups['tentative'])}.",
             f"Below {ALPHA_TENTATIVE}: {names(groups['low'])}."]
    if len(undefined):
        parts.append(f"Undefined (fewer than two units coded twice, or no variation): {names(undefined)}.")
    parts.append("Intervals are wide when few units were coded by two coders: read them before the point values.")
    return "<p>" + " ".join(parts) + "</p>"


def machine_summary(result: dict) -> str:
    """HTML paragraph of :func:`~framing.validation.score_sheets`: events, then accuracy and macro-F1 per variable."""
    esc = html.escape
    att = result["attribution"]
    det, who = att["detection"], att["attribution"]
    ref = ", ".join(esc(c) for c in result["coders"])
    parts = [f"The reference is the coders' majority ({ref})." if len(result["coders"]) > 1 else
             f"The reference is the one coder's codes ({ref}).",
             f"Statements: precision {det['precision']:.2f}, recall {det['recall']:.2f}, F1 {det['f1']:.2f} "
             f"({att['gold_required']} required statements in {att['documents']} documents); with the speaker "
             f"right as well: precision {who['precision']:.2f}, recall {who['recall']:.2f}, F1 {who['f1']:.2f}."]
    if att["unjudged"]:
        one = att["unjudged"] == 1
        parts.append(f"{att['unjudged']} detected statement{'' if one else 's'} without a speaker code "
                     f"{'is' if one else 'are'} left out of the speaker scores.")
    for r in result["summary"].itertuples():
        if r.n:
            f1 = f", macro-F1 {r.macro_f1:.2f}" if np.isfinite(r.macro_f1) else ""
            parts.append(f"{esc(r.variable)}: accuracy {r.accuracy:.2f}{f1} on {r.n} units.")
    parts += [esc(n) + "." for n in result["notes"]]
    return "<p>" + " ".join(parts) + "</p>"


# --- provenance -----------------------------------------------------------------------------------


def _file(path, root=None) -> dict:
    from framing.files import file_sha256

    p = Path(path)
    name = p.relative_to(root).as_posix() if root is not None and p.is_relative_to(root) else p.name
    return {"file": name, "sha256": file_sha256(p), "bytes": p.stat().st_size}


def validation_provenance(*, corpus, sheets, left_out: pd.DataFrame, coders: pd.DataFrame, key=None,
                          speakers=None, parameters: dict) -> dict:
    """The provenance record of a validation appendix, JSON-ready; nothing in it reads a clock.

    Parameters
    ----------
    corpus : path
        The sheet or folder the report was run on.
    sheets : list of path
        The sheets read (usable or not): each is hashed.
    left_out : DataFrame
        ``sheet, reason`` of the sheets left out (:func:`read_coding`).
    coders : DataFrame
        :func:`coders_table`.
    key, speakers : path, optional
        The machine's key and the speaker aliases used.
    parameters : dict
        Every parameter of the run (seed and n_boot included).
    """
    from framing.report.provenance import citation, software

    root = Path(corpus) if Path(corpus).is_dir() else Path(corpus).parent
    skipped = dict(zip(left_out["sheet"], left_out["reason"]))
    files = []
    for p in sheets:
        entry = _file(p, root)
        entry["used"] = Path(p).name not in skipped
        files.append(entry)
    return {
        "software": software(),
        "sheets": files,
        "left_out": [{"sheet": s, "reason": r} for s, r in skipped.items()],
        "coders": coders.to_dict("records"),
        "key": _file(key, root) if key else None,
        "speakers": _file(speakers) if speakers else None,
        "parameters": parameters,
        "seed": parameters.get("seed"),
        "methods": {"agreement": "krippendorff-alpha.coincidence.v1", "interval": "percentile bootstrap over units",
                    "reference": "coders' majority per unit (ties missing)",
                    "events": "framing eval attribution counting"},
        "citation": citation(),
    }


def validation_methods_text(record: dict) -> str:
    """The methods paragraph of a validation appendix (Markdown)."""
    params, sw = record["parameters"], record["software"]
    commit = sw["git"].get("commit")
    n_boot, seed = params.get("n_boot"), params.get("seed")
    ci = round(100 * float(params.get("ci", 0.95)))
    used = [f for f in record["sheets"] if f["used"]]
    coders = [str(c["coder"]) for c in record["coders"]]
    key = record.get("key")
    return " ".join([
        f"{len(coders)} coder{'s' if len(coders) != 1 else ''} ({', '.join(coders)}) coded utterances in "
        f"{len(used)} sheet{'s' if len(used) != 1 else ''} (sha256 below)"
        + (f"; {len(record['left_out'])} more could not be used (see left_out in provenance.json)."
           if record["left_out"] else "."),
        "Agreement between coders is Krippendorff's alpha (Krippendorff 2011, computed from the coincidence "
        "matrix; missing codes allowed, units coded by fewer than two coders left out): nominal for every label; "
        "interval as well for sentiment and stance on their −1/0/+1 scale (none, 'not addressed', off the scale) "
        "and for numeric `*_score` columns. The speaker is compared nominally on whom each coder says spoke "
        "(the machine's speaker when judged right, else the name the coder gives). Per category, alpha of "
        "'this code or not' shows which codes coders confuse.",
        f"Intervals are {ci}% percentile bootstrap intervals over units: {n_boot} replicates, each resampling "
        f"the coded units with replacement (seed {seed}); replicates in which alpha is undefined are dropped.",
        "The machine is compared with a reference formed unit by unit as the coders' majority code (a tie "
        "leaves the unit without reference; with one coder, that coder's codes). Statements and speakers are "
        "counted as events as `framing eval attribution` counts them: a machine statement coded 'yes' is a hit, "
        "'no' a false alarm, 'optional' neither, and a statement coders added is a miss when most coders added "
        "it; a hit's speaker must also be right for the attribution score. Kind, sentiment and stance are "
        "scored per class (precision, recall, F1; macro-F1 is the mean F1 over the classes present in the "
        "reference or the machine's answers), and alpha is computed again with the machine as one more coder.",
        (f"The machine's answers come from the key `{key['file']}` (sha256 `{key['sha256'][:16]}…`)." if key else
         "The machine's answers are the ones the sheets carry."),
        f"Computed with framing {sw['framing']}" + (f" (commit `{commit[:12]}`)" if commit else "")
        + f" on Python {sw['python']}. Parameters: "
        + ", ".join(f"`{k}={json.dumps(v, ensure_ascii=False)}`" for k, v in sorted(params.items())) + ".",
    ])


def validation_methods_markdown(record: dict) -> str:
    """``methods.md`` of a validation appendix: the methods paragraph, files and hashes, versions, how to cite."""
    sw = record["software"]
    lines = ["# Methods", "", validation_methods_text(record), "", "Krippendorff, K. (2011). Computing Krippendorff's "
             "Alpha-Reliability. Annenberg School for Communication, University of Pennsylvania.", "",
             "## Provenance", "",
             f"- framing {sw['framing']}, commit {sw['git'].get('commit') or 'unknown'}"
             + (" (with local changes)" if sw["git"].get("dirty") else ""),
             f"- Python {sw['python']} ({sw['platform']})", f"- seed {record.get('seed')}", "",
             "### Files (sha256)", ""]
    for f in record["sheets"]:
        lines.append(f"- `{f['file']}` {f['sha256']}" + ("" if f["used"] else " (left out)"))
    for what in ("key", "speakers"):
        if record.get(what):
            lines.append(f"- `{record[what]['file']}` {record[what]['sha256']} ({what})")
    lines += ["", "### Dependencies", ""]
    lines += [f"- {name} {version or '(not installed)'}" for name, version in sw["dependencies"].items()]
    cite = record["citation"]
    lines += ["", "## How to cite", "", cite["text"], "", "```bibtex", cite["bibtex"], "```", ""]
    return "\n".join(lines)


__all__ = ["ALPHA_RELIABLE", "ALPHA_TENTATIVE", "agreement_summary", "alpha_comparison", "coders_table",
           "coding_sheets", "coding_summary", "coding_table", "compared_units", "confusion_table", "find_key",
           "is_key", "machine_summary", "not_in_key_summary", "read_coding", "split_agreement",
           "validation_methods_markdown", "validation_methods_text", "validation_provenance"]
