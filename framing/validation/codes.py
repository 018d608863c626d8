"""Reading coded sheets back: every code checked, blanks kept as missing, speakers judged.

:func:`read_sheets` reads CSV, TSV or XLSX sheets (one or several coders)
into one table; an unknown code, a score that is not a number or an added
row without its place is an :class:`~framing.errors.InputError` naming the
file and every bad row.  :func:`speaker_judgements` turns ``speaker_ok`` and
``speaker`` into whether the machine's speaker is right.

Examples
--------
>>> import tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "ann.csv")
>>> _ = open(p, "w").write("utterance_id,machine_speaker,speaker_ok,stance_russia\\nu1,A,yes,Against\\n")
>>> speaker_judgements(read_sheets(p))[["speaker_correct", "stance_russia"]].values.tolist()
[[True, 'against']]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from framing.errors import InputError
from framing.sentiment.lexicon_files import raise_bad_rows
from framing.text import fold, tokenize
from framing.validation.sheets import INFO_COLUMNS, SYNONYMS, vocabulary

#: Value of a coder's speaker that is wrong but not named.
OTHER_SPEAKER = "(not the machine's speaker)"


def read_sheet_file(path: str | Path) -> pd.DataFrame:
    """A sheet (CSV, TSV or XLSX) with every cell as text, blanks as empty strings."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: coding sheet not found")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            try:
                df = pd.read_excel(path, sheet_name=0, dtype=str)
            except ImportError:
                raise InputError(f"{path}: reading XLSX needs openpyxl; save the sheet as CSV instead") from None
            return df.fillna("")
        sep = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
        return pd.read_csv(path, dtype=str, keep_default_na=False, sep=sep, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{path}: cannot read as a coding sheet ({exc})") from None


def read_sheets(paths: str | Path | Sequence[str | Path]) -> pd.DataFrame:
    """Read coded sheets into one table: one row per sheet row, codes checked and normalised.

    Adds ``source`` (the file), ``row`` (its spreadsheet row; the header is
    row 1), ``unit`` (the utterance id, or ``doc|paragraph|cue`` for an
    added row) and ``added``.  A blank ``coder`` becomes the file's stem.

    Raises
    ------
    InputError
        Naming the file and every bad row: an unknown code, a score that is
        not a number, an added row without its place, the same unit coded
        twice by one coder.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "ann.csv")
    >>> _ = open(p, "w").write("utterance_id,sentiment\\nu1,NEG\\nu2,\\n")
    >>> read_sheets(p)[["coder", "unit", "sentiment"]].values.tolist()
    [['ann', 'u1', 'negative'], ['ann', 'u2', nan]]
    """
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    if not paths:
        raise InputError("no coding sheets given")
    frames = [_read_one(Path(p)) for p in paths]
    coded = pd.concat(frames, ignore_index=True, sort=False)
    _check_duplicates(coded)
    return coded


def _read_one(path: Path) -> pd.DataFrame:
    df = read_sheet_file(path)
    df.columns = [str(c).strip() for c in df.columns]
    if "utterance_id" not in df.columns:
        raise InputError(f"{path}: not a coding sheet (no utterance_id column); columns are {list(df.columns)}")
    problems = []
    out = df.copy()
    for col in df.columns:
        if col.startswith("machine_") or col in INFO_COLUMNS or col in ("coder", "speaker", "notes"):
            continue
        codes = vocabulary(col)
        if codes is not None:
            out[col] = [_code(v, codes, col, i, problems) for i, v in enumerate(df[col])]
        elif col.endswith("_score"):
            out[col] = [_number(v, col, i, problems) for i, v in enumerate(df[col])]
    out["speaker"] = df["speaker"].str.strip().replace("", np.nan) if "speaker" in df else np.nan
    out["coder"] = (df["coder"].str.strip() if "coder" in df else pd.Series("", index=df.index)).replace("", path.stem)
    out.insert(0, "row", np.arange(len(df)) + 2)
    out.insert(0, "source", str(path))
    # ids are kept exactly as written (they join to the key); a blank one, spaces or not, marks an added row
    out["utterance_id"] = df["utterance_id"].where(df["utterance_id"].str.strip() != "", "")
    out["added"] = out["utterance_id"] == ""
    # an added row without codes is a spare line, not a statement
    out = out[~out["added"] | _has_codes(out)].reset_index(drop=True)
    out["unit"] = [_added_unit(r, problems) if r["added"] else r["utterance_id"]
                   for r in out.to_dict("records")]
    raise_bad_rows(path, problems)
    return out


def _code(value: str, codes: tuple[str, ...], col: str, i: int, problems: list[str]):
    v = str(value).strip().lower()
    if not v:
        return np.nan
    v = SYNONYMS.get(v, v)
    if v not in codes:
        problems.append(f"row {i + 2}: {col} {value!r} is not one of {', '.join(codes)}")
        return np.nan
    return v


def _number(value: str, col: str, i: int, problems: list[str]) -> float:
    v = str(value).strip()
    if not v:
        return np.nan
    try:
        return float(v)
    except ValueError:
        problems.append(f"row {i + 2}: {col} {value!r} is not a number")
        return np.nan


def _added_unit(r: dict, problems: list[str]) -> str:
    """The unit key of a row the coder added: ``doc|paragraph|cue`` (cue folded)."""
    doc, par, cue = (str(r.get(c, "") or "").strip() for c in ("doc_id", "paragraph", "cue"))
    if not (doc and par and cue):
        problems.append(f"row {r['row']}: an added row (blank utterance_id) needs doc_id, paragraph and cue")
        return ""
    try:
        par = str(int(float(par)))
    except ValueError:
        problems.append(f"row {r['row']}: paragraph {par!r} is not a number")
    return f"{doc}|{par}|{' '.join(fold(t).lower() for t in tokenize(cue))}"


def code_columns(coded: pd.DataFrame) -> list[str]:
    """The coded columns of a read sheet: labels (fixed vocabularies), ``speaker`` and ``*_score`` scores."""
    return [c for c in coded.columns
            if not c.startswith("machine_") and c not in INFO_COLUMNS
            and (vocabulary(c) is not None or c.endswith("_score") or c == "speaker")]


def _has_codes(df: pd.DataFrame) -> pd.Series:
    cols = code_columns(df)
    if not cols:
        return pd.Series(False, index=df.index)
    return df[cols].replace("", np.nan).notna().any(axis=1)


def _check_duplicates(coded: pd.DataFrame) -> None:
    dup = coded[coded.duplicated(["coder", "unit"], keep=False) & (coded["unit"] != "")]
    if not len(dup):
        return
    problems = []
    for (coder, unit), g in dup.groupby(["coder", "unit"], sort=False):
        one_file = g["source"].nunique() == 1
        rows = [str(r) if one_file else f"{Path(s).name} {r}" for s, r in zip(g["source"], g["row"])]
        problems.append(f"{coder} coded {unit} twice (rows {', '.join(rows)})")
    raise_bad_rows(", ".join(dict.fromkeys(dup["source"])), problems)


def speaker_judgements(coded: pd.DataFrame, aliases: Mapping[str, list[str]] | None = None) -> pd.DataFrame:
    """Add ``speaker_correct`` (True/False/NaN) and ``speaker_value`` (for agreement) to coded rows.

    ``speaker_ok`` decides when coded; otherwise a named ``speaker`` is
    compared with the machine's speaker, mention and fullest mention as
    ``framing eval attribution`` compares them (folded names, one containing
    the other, gold ``aliases``).  ``speaker_value`` is the machine's speaker
    when right, else the coder's name for the speaker folded (or
    :data:`OTHER_SPEAKER`), so coders can be compared with each other.
    """
    from framing.attribution.evaluate import speaker_matches

    out = coded.copy()
    correct, value = [], []
    for r in out.to_dict("records"):
        ok, named = r.get("speaker_ok"), r.get("speaker")
        named = named if isinstance(named, str) and named.strip() else None
        machine = {"speaker": r.get("machine_speaker") or "", "mention": r.get("machine_mention") or "",
                   "mention_full": r.get("machine_mention_full") or ""}
        if r.get("added"):
            c = False if named else np.nan
        elif ok in ("yes", "no"):
            c = ok == "yes"
        elif named:
            c = speaker_matches(machine, {"speaker": named}, aliases)
        else:
            c = np.nan
        correct.append(c)
        if c is True:
            value.append(machine["speaker"])
        elif c is False:
            value.append(" ".join(fold(t).lower() for t in tokenize(named)) if named else OTHER_SPEAKER)
        else:
            value.append(np.nan)
    out["speaker_correct"] = pd.Series(correct, index=out.index, dtype=object)
    out["speaker_value"] = value
    return out
