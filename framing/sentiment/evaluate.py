"""Measure the sentiment scorers against coded data (the ``framing eval sentiment`` command).

Two layouts are read:

* **CSV** of text and label: the text column is the first of ``text``,
  ``tweet``, ``content``, ``sentence``; the label column the first of
  ``label``, ``sentiment``, ``polarity``, ``class``.
* **JSONL** of sentences with targets (NewsMTSC's layout): each record has
  ``sentence_normalized`` (or ``sentence``/``text``) and ``targets``, a list
  of ``{"from", "to", "polarity"}``; every target becomes one row with
  ``target_start``/``target_end``, so target-aware scorers can use them.
  Polarity 2/4/6 (NewsMTSC's negative/neutral/positive codes) or words.
  Records without ``targets`` are read as ``{"text", "label"}`` rows.

Examples
--------
>>> import tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "coded.csv")
>>> rows = ["text,label"] + ["a great success,positive", "a terrible war,negative",
...                          "the meeting is on monday,neutral"] * 4
>>> _ = open(p, "w").write("\\n".join(rows) + "\\n")
>>> result = evaluate_sentiment(p, folds=2, supervised=False, verbose=False)
>>> result["lang"], result["lexicon"]["mean"]
('en', 1.0)
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from framing.errors import InputError
from framing.files import read_jsonl
from framing.lang import lang_code
from framing.sentiment.lexicon import SHIPPED, LexiconSentiment, SentimentScorer, VaderSentiment
from framing.sentiment.lexicon_files import raise_bad_rows
from framing.sentiment.supervised import SupervisedSentiment, cross_validate, normalize_label
from framing.text import detect_language

TEXT_COLUMNS = ("text", "tweet", "content", "sentence")
LABEL_COLUMNS = ("label", "sentiment", "polarity", "class")
#: NewsMTSC codes polarity as 2 (negative), 4 (neutral) and 6 (positive).
_NEWSMTSC_POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def read_eval_data(path) -> pd.DataFrame:
    """Read coded data for evaluation as utterances with a ``label`` column (see module notes)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: evaluation data not found")
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        return _read_jsonl(path)
    return _read_csv(path)


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot parse as CSV ({exc})") from None
    lowered = {c.strip().lower(): c for c in df.columns}
    text_col = next((lowered[c] for c in TEXT_COLUMNS if c in lowered), None)
    label_col = next((lowered[c] for c in LABEL_COLUMNS if c in lowered), None)
    if text_col is None or label_col is None:
        raise InputError(f"{path}: line 1: need a text column ({', '.join(TEXT_COLUMNS)}) and a label column "
                         f"({', '.join(LABEL_COLUMNS)}); found {list(df.columns)}")
    labels = [normalize_label(v) for v in df[label_col]]
    bad = [f"line {i + 2}: label {v!r}" for i, (v, lab) in enumerate(zip(df[label_col], labels)) if lab is None]
    raise_bad_rows(path, bad)
    return pd.DataFrame({"utterance_id": [f"{path.stem}:{i + 2}" for i in range(len(df))],
                         "content": df[text_col].tolist(), "lang": "", "label": labels})


def _read_jsonl(path: Path) -> pd.DataFrame:
    # ids and messages name each record's line, so count the lines read_jsonl reads (it skips blank ones)
    with path.open(encoding="utf-8-sig") as fh:
        lines = [n for n, line in enumerate(fh, 1) if line.strip()]
    rows, bad = [], []
    for lineno, rec in zip(lines, read_jsonl(path)):
        try:
            rows.extend(_records(rec, f"{path.stem}:{lineno}"))
        except (KeyError, TypeError, ValueError) as exc:
            bad.append(f"line {lineno}: {type(exc).__name__}: {str(exc)[:60]}")
    raise_bad_rows(path, bad)
    return pd.DataFrame(rows)


def _records(rec: dict, rid: str) -> list[dict]:
    text = next(rec[k] for k in ("sentence_normalized", "sentence", "text", "content") if k in rec)
    if "targets" not in rec:
        label = normalize_label(next(rec[k] for k in LABEL_COLUMNS if k in rec))
        if label is None:
            raise ValueError("label is not positive/negative/neutral")
        return [{"utterance_id": rid, "content": text, "lang": rec.get("lang", ""), "label": label}]
    out = []
    for k, target in enumerate(rec["targets"]):
        raw = target["polarity"]
        label = _NEWSMTSC_POLARITY.get(float(raw)) if isinstance(raw, (int, float)) else normalize_label(raw)
        if label is None:
            raise ValueError(f"target {k}: polarity {raw!r} is not a sentiment")
        out.append({"utterance_id": f"{rid}:{k}", "content": text, "lang": rec.get("lang", ""),
                    "target_start": int(target["from"]), "target_end": int(target["to"]), "label": label})
    return out


def _guess_lang(texts) -> str:
    sample = [t for t in texts[:500] if isinstance(t, str)]
    votes = Counter(detect_language(t) for t in sample)
    return votes.most_common(1)[0][0] if votes else "und"


def evaluate_sentiment(data_path, *, lang: str | None = None, folds: int = 5, seed: int = 0,
                       supervised: bool = True, verbose: bool = True) -> dict:
    """Cross-validated macro-F1 of the default lexicon scorer, the supervised scorer and (English) VADER.

    Parameters
    ----------
    data_path : str or Path
        Coded data (see the module notes for the layouts).
    lang : str, optional
        Language of the data; guessed from the texts when not given.
    folds, seed : int
        Stratified k-fold settings (the same folds for every scorer).
    supervised : bool
        Also train and test :class:`SupervisedSentiment` (the slow part).
    verbose : bool
        Print per-fold and mean scores as they come.

    Returns
    -------
    dict
        ``data``, ``n``, ``lang``, ``labels`` (counts), ``folds``, ``seed``,
        and per scorer (``lexicon``, ``supervised``, ``vader``) the
        :func:`cross_validate` result: ``method``, ``folds``, ``mean``,
        ``std``.  The lexicon scorers learn nothing, so their "folds" are
        the same held-out parts scored as they are.
    """
    X = read_eval_data(data_path)
    code = lang_code(lang) or _guess_lang(X["content"].tolist())
    X["lang"] = code
    y = X["label"].to_numpy(dtype=object)
    result = {"data": Path(data_path).name, "n": int(len(X)), "lang": code,
              "labels": dict(sorted(Counter(y).items())), "folds": folds, "seed": seed,
              "targets": bool("target_start" in X.columns)}
    runs = {"lexicon": SentimentScorer()}
    if code == "en":
        runs["vader"] = VaderSentiment()
    if supervised:
        runs["supervised"] = SupervisedSentiment(seed=seed)
    for name, scorer in runs.items():
        method = LexiconSentiment(code).method if name == "lexicon" and code in SHIPPED else scorer.method
        result[name] = cross_validate(scorer, X, y, folds=folds, seed=seed, verbose=verbose,
                                      name=f"{name} ({method})")
    return result


def format_result(result: dict) -> str:
    """A few printable lines summarising :func:`evaluate_sentiment`'s result."""
    lines = [f"{result['data']}: n = {result['n']}, lang = {result['lang']}, labels = {result['labels']}, "
             f"{result['folds']}-fold CV (seed {result['seed']})"]
    for name in ("lexicon", "vader", "supervised"):
        if name in result:
            r = result[name]
            folds = ", ".join(f"{s:.4f}" for s in r["folds"])
            lines.append(f"  {name:<10} macro-F1 {r['mean']:.4f} (sd {r['std']:.4f}; folds {folds})")
    return "\n".join(lines)


__all__ = ["evaluate_sentiment", "read_eval_data", "format_result"]
