"""The machine against human coding: P/R/F1 per class, confusion matrices, alpha, event-level attribution.

The reference for each unit is the coders' majority code (a tie leaves it
missing; with one coder it is that coder's code).  The machine's answers
come from the sheet's ``machine_*`` columns, the key written beside the
sheet (:func:`read_key`), or an analysis folder (:func:`read_machine`).

Event-level attribution counts as ``framing eval attribution`` does, with
the coders as the gold: a machine row coded ``utterance = yes`` is a
detected event (a true positive) and its speaker is right or wrong; ``no``
is a spurious event; ``optional`` neither rewards nor penalises; an added
row is a missed event.  The counts go through
:class:`framing.attribution.evaluate.Counts`, so the rounding is the same
and a sheet coded from a gold file gives that file's numbers.

Examples
--------
>>> coded = pd.DataFrame({"unit": ["u1", "u2", "p|1|said"], "coder": "a", "added": [False, False, True],
...                       "doc_id": "d", "utterance": ["yes", "no", "yes"], "speaker_ok": ["yes", None, None],
...                       "speaker": [None, None, "B"], "machine_speaker": ["A", "C", None],
...                       "sentiment": ["negative", None, None],
...                       "machine_sentiment": ["negative", "positive", None]})
>>> r = score_sheets(coded, n_boot=0)
>>> r["attribution"]["detection"]["precision"], r["attribution"]["attribution"]["recall"]
(0.5, 0.5)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from framing.errors import InputError
from framing.validation.agreement import agreement_table
from framing.validation.codes import read_sheet_file, speaker_judgements
from framing.validation.sheets import machine_table, read_tables, vocabulary


def machine_column(col: str) -> str:
    """The machine's column for a coded label column (``kind`` -> ``machine_kind``)."""
    return f"machine_{col}"


# --- the machine's answers ------------------------------------------------------------------------------


def read_key(path: str | Path) -> pd.DataFrame:
    """A key written by :func:`framing.validation.write_sheet` (CSV), blanks as missing."""
    key = read_sheet_file(path)
    if "utterance_id" not in key.columns:
        raise InputError(f"{path}: not a sheet key (no utterance_id column)")
    return key.replace("", np.nan)


def read_machine(folder: str | Path) -> pd.DataFrame:
    """The machine's answers from a ``framing analyze`` folder (utterances and measures)."""
    return machine_table(*read_tables(folder))


def attach_machine(coded: pd.DataFrame, machine: pd.DataFrame | None) -> pd.DataFrame:
    """Coded rows with the machine's columns from ``machine`` (a key), which wins over the sheet's copies.

    Raises
    ------
    InputError
        Naming the file and row of each coded utterance the key does not have.
    """
    if machine is None:
        return coded
    key = machine.drop_duplicates("utterance_id").set_index("utterance_id")
    rows = coded[~coded["added"]]
    unknown = rows[~rows["utterance_id"].isin(key.index)]
    if len(unknown):
        where = "; ".join(f"{r.source}: row {r.row}: utterance {r.utterance_id}" for r in unknown.head(20).itertuples())
        raise InputError(f"{len(unknown)} coded utterance(s) are not in the machine's answers: {where}")
    out = coded.copy()
    for col in key.columns:
        if col.startswith("machine_") or col.endswith("_method"):
            values = coded["utterance_id"].map(key[col])
            out[col] = values.where(~coded["added"], np.nan)
    return out


# --- the reference ---------------------------------------------------------------------------------------


def _majority(values) -> object:
    counts = Counter(v for v in values if not (v is None or (isinstance(v, float) and np.isnan(v))))
    if not counts:
        return np.nan
    top = counts.most_common(2)
    return np.nan if len(top) > 1 and top[0][1] == top[1][1] else top[0][0]


def consensus(coded: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """One row per unit: the majority code of each of ``columns`` (ties and no codes: NaN).

    Coders who did not add a row another coder added count as saying it is
    not a statement, so a missed statement needs a majority of all coders.

    Examples
    --------
    >>> coded = pd.DataFrame({"unit": ["u", "u", "u"], "coder": list("abc"), "added": False,
    ...                       "sentiment": ["negative", "negative", "neutral"]})
    >>> consensus(coded, ["sentiment"])["sentiment"].tolist()
    ['negative']
    """
    n_coders = coded["coder"].nunique()
    info = [c for c in coded.columns if c not in columns and (c.startswith("machine_") or c in
            ("unit", "added", "utterance_id", "doc_id", "paragraph", "cue", "lang", "content", "weight"))]
    out = coded.drop_duplicates("unit")[info].set_index("unit")
    groups = coded.groupby("unit", sort=False)
    for col in columns:
        if col == "utterance":
            out[col] = pd.Series({unit: _majority(_utterance_votes(g, n_coders)) for unit, g in groups}, dtype=object)
        else:
            out[col] = groups[col].agg(lambda s: _majority(list(s)))
    return out.reset_index()


def _utterance_votes(g: pd.DataFrame, n_coders: int) -> list:
    if not g["added"].iloc[0]:
        return list(g["utterance"])
    votes = [v if isinstance(v, str) else "yes" for v in g["utterance"]]
    return votes + ["no"] * (n_coders - len(votes))


# --- measures --------------------------------------------------------------------------------------------


def event_scores(reference: pd.DataFrame) -> dict:
    """Detection and attribution P/R/F1 from the reference's ``utterance`` and ``speaker_correct``.

    Returns the shape of :func:`framing.attribution.evaluate.score_events`
    (without ``errors``), plus ``unjudged``: detected statements whose
    speaker nobody coded, left out of attribution.
    """
    from framing.attribution.evaluate import Counts

    det, att = Counts(), Counts()
    unjudged = 0
    for r in reference.to_dict("records"):
        code = r.get("utterance")
        if r["added"]:
            if code == "yes":
                det.fn += 1
                att.fn += 1
        elif code == "no":
            det.fp += 1
            att.fp += 1
        elif code == "yes":
            det.tp += 1
            ok = r.get("speaker_correct")
            if not isinstance(ok, (bool, np.bool_)):
                unjudged += 1
            elif ok:
                att.tp += 1
            else:
                att.fp += 1
                att.fn += 1
    return {"detection": det.as_dict(), "attribution": att.as_dict(),
            "documents": int(reference["doc_id"].nunique()) if "doc_id" in reference else 0,
            "gold_required": det.tp + det.fn, "unjudged": unjudged}


def label_columns(coded: pd.DataFrame) -> list[str]:
    """Coded label columns that have a machine counterpart (kind, sentiment, stance_<t>)."""
    return [c for c in coded.columns if vocabulary(c) and c not in ("utterance", "speaker_ok")
            and machine_column(c) in coded.columns and coded[c].notna().any()]


def classification(reference: pd.DataFrame, columns: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Per-class P/R/F1, a summary (n, accuracy, macro-F1) and long confusion counts, per variable.

    Classes are the labels that occur in the reference or the machine's
    answers, in the vocabulary's order; macro-F1 is their mean F1.
    """
    from sklearn.metrics import precision_recall_fscore_support

    classes, summary, confusion = [], [], []
    for col in columns:
        pairs = reference.loc[~reference["added"], [col, machine_column(col)]].dropna()
        human, machine = pairs[col].astype(str).to_numpy(), pairs[machine_column(col)].astype(str).to_numpy()
        seen = set(human) | set(machine)
        labels = [c for c in vocabulary(col) if c in seen] + sorted(seen - set(vocabulary(col)))
        if not len(pairs):
            summary.append({"variable": col, "n": 0, "accuracy": np.nan, "macro_f1": np.nan})
            continue
        p, r, f, s = precision_recall_fscore_support(human, machine, labels=labels, zero_division=0)
        classes += [{"variable": col, "class": lab, "precision": p[i], "recall": r[i], "f1": f[i],
                     "support": int(s[i])} for i, lab in enumerate(labels)]
        summary.append({"variable": col, "n": len(pairs), "accuracy": float((human == machine).mean()),
                        "macro_f1": float(np.mean(f))})
        counts = Counter(zip(human, machine))
        confusion += [{"variable": col, "human": h, "machine": m, "count": counts.get((h, m), 0)}
                      for h in labels for m in labels]
    return (pd.DataFrame(classes, columns=["variable", "class", "precision", "recall", "f1", "support"]),
            pd.DataFrame(summary, columns=["variable", "n", "accuracy", "macro_f1"]),
            pd.DataFrame(confusion, columns=["variable", "human", "machine", "count"]))


def confusion_matrix(confusion: pd.DataFrame, variable: str) -> pd.DataFrame:
    """The confusion matrix of one variable: human codes as rows, the machine's as columns.

    >>> long = pd.DataFrame({"variable": "kind", "human": ["direct", "direct"],
    ...                      "machine": ["direct", "mixed"], "count": [3, 1]})
    >>> confusion_matrix(long, "kind").fillna(0).astype(int).values.tolist()
    [[3, 1], [0, 0]]
    """
    sub = confusion[confusion["variable"] == variable]
    order = list(dict.fromkeys([*sub["human"], *sub["machine"]]))
    return sub.pivot(index="human", columns="machine", values="count").reindex(index=order, columns=order)


def machine_as_coder(coded: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The coded rows plus one row per unit coded by the machine (coder ``machine``)."""
    rows = coded[~coded["added"]].drop_duplicates("unit")
    machine = pd.DataFrame({"unit": rows["unit"], "coder": "machine", "added": False,
                            "speaker_value": rows["machine_speaker"]})
    for col in columns:
        machine[col] = rows[machine_column(col)]
    keep = ["unit", "coder", "added", "speaker_value", *columns]
    return pd.concat([coded[keep], machine[keep]], ignore_index=True)


def score_sheets(coded: pd.DataFrame, machine: pd.DataFrame | None = None, *,
                 aliases: Mapping[str, list[str]] | None = None, coder: str | None = None,
                 n_boot: int = 1000, seed: int = 0, ci: float = 0.95) -> dict:
    """Compare the machine's speaker, kind, sentiment and stance with coded sheets.

    Parameters
    ----------
    coded : DataFrame
        From :func:`framing.validation.read_sheets`.
    machine : DataFrame, optional
        The machine's answers (:func:`read_key`, :func:`read_machine`) when
        the sheet does not carry them.
    aliases : dict, optional
        Speaker aliases (as for ``framing eval attribution --speakers``).
    coder : str, optional
        Compare with this coder only (default: the coders' majority).
    n_boot, seed, ci
        Bootstrap of the machine-as-coder alpha.

    Returns
    -------
    dict
        ``attribution`` (the event-level dict, :func:`format_attribution`),
        and tidy tables: ``events`` (detection/attribution P/R/F1),
        ``summary`` (per variable n, accuracy, macro-F1, machine-as-coder
        alpha), ``classes`` (per-class P/R/F1), ``confusion`` (long counts;
        :func:`confusion_matrix` pivots one), ``alpha`` (machine as a coder,
        nominal and interval), and ``notes``.
    """
    if coder is not None:
        if coder not in set(coded["coder"]):
            raise InputError(f"no coder {coder!r} in the sheets (coders: {sorted(set(coded['coder']))})")
        coded = coded[coded["coder"] == coder]
    coded = speaker_judgements(attach_machine(coded, machine), aliases)
    columns = label_columns(coded)
    notes = [f"{c} is coded but the machine's {c} is not in the sheet: give the key (--key) or --pred"
             for c in coded.columns if vocabulary(c) and c not in ("utterance", "speaker_ok")
             and c not in columns and coded[c].notna().any()]
    voted = ["utterance", "speaker_correct", *columns]
    reference = consensus(coded.assign(**{c: coded.get(c, np.nan) for c in voted}), voted)
    attribution = event_scores(reference)
    classes, summary, confusion = classification(reference, columns)
    judged = reference.loc[~reference["added"], "speaker_correct"].dropna()
    speaker = pd.DataFrame([{"variable": "speaker", "n": len(judged),
                             "accuracy": float(judged.astype(bool).mean()) if len(judged) else np.nan,
                             "macro_f1": np.nan}])
    summary = pd.concat([speaker, summary], ignore_index=True)
    alpha = agreement_table(machine_as_coder(coded, columns), per_category=False, n_boot=n_boot, seed=seed, ci=ci)
    alpha = alpha[alpha["variable"] != "utterance"].reset_index(drop=True)
    nominal = alpha[alpha["level"] == "nominal"].set_index("variable")
    for col in ("alpha", "ci_low", "ci_high"):
        summary[col] = summary["variable"].map(nominal[col])
    events = pd.DataFrame([{"level": k, **attribution[k]} for k in ("detection", "attribution")])
    return {"attribution": attribution, "events": events, "summary": summary, "classes": classes,
            "confusion": confusion, "alpha": alpha, "coders": sorted(set(coded["coder"])), "notes": notes}


def format_validation_scores(result: dict) -> str:
    """Plain text of :func:`score_sheets`: attribution as ``framing eval attribution`` prints it, then the tables."""
    from framing.attribution.evaluate import format_scores as format_attribution

    att = result["attribution"]
    lines = [f"reference: {', '.join(result['coders'])}" + (" (majority)" if len(result["coders"]) > 1 else ""),
             format_attribution(att)]
    if att["unjudged"]:
        lines.append(f"({att['unjudged']} detected statement(s) without a speaker code left out of attribution)")
    lines.append("")
    lines.append(f"{'variable':<22} {'n':>4} {'accuracy':>8} {'macro-F1':>8} {'alpha':>7}  95% CI (machine as coder)")
    for r in result["summary"].itertuples(index=False):
        f1 = f"{r.macro_f1:.3f}" if np.isfinite(r.macro_f1) else "-"
        acc = f"{r.accuracy:.3f}" if np.isfinite(r.accuracy) else "-"
        a = f"{r.alpha:.3f}" if np.isfinite(r.alpha) else "-"
        ci = f"[{r.ci_low:.3f}, {r.ci_high:.3f}]" if np.isfinite(r.ci_low) else ""
        lines.append(f"{r.variable:<22} {r.n:>4} {acc:>8} {f1:>8} {a:>7}  {ci}")
    for variable, table in result["classes"].groupby("variable", sort=False):
        lines.append("")
        lines.append(f"{variable}: per class (rows: human, columns: machine)")
        matrix = confusion_matrix(result["confusion"], variable)
        width = max(9, *(len(c) + 1 for c in matrix.columns))
        lines.append(f"{'':<10}" + "".join(f"{c:>{width}}" for c in matrix.columns)
                     + f"{'P':>8}{'R':>7}{'F1':>7}{'n':>5}")
        for r in table.itertuples(index=False):
            counts = "".join(f"{int(matrix.loc[r[1], c]):>{width}}" for c in matrix.columns)
            lines.append(f"{r[1]:<10}{counts}{r.precision:>8.3f}{r.recall:>7.3f}{r.f1:>7.3f}{r.support:>5}")
    lines += [f"note: {n}" for n in result["notes"]]
    return "\n".join(lines)
