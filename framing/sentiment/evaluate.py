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
from framing.sentiment.target_training import newsmtsc_group
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
    # sentences of one article or story share a group, so a split can keep near-duplicates together
    group = newsmtsc_group(rec["primary_gid"]) if "primary_gid" in rec else rid
    for k, target in enumerate(rec["targets"]):
        raw = target["polarity"]
        label = _NEWSMTSC_POLARITY.get(float(raw)) if isinstance(raw, (int, float)) else normalize_label(raw)
        if label is None:
            raise ValueError(f"target {k}: polarity {raw!r} is not a sentiment")
        out.append({"utterance_id": f"{rid}:{k}", "content": text, "lang": rec.get("lang", ""),
                    "target_start": int(target["from"]), "target_end": int(target["to"]), "label": label,
                    "group": group})
    return out


def _baseline_runs(code: str, targets: bool) -> dict:
    """The scorers every evaluation runs: the lexicon default, and for English VADER and (with targets) the
    target model, trained afresh on each training part (the shipped one has seen the NewsMTSC training file)."""
    from framing.sentiment.lexicon import DEFAULT_TARGET_WINDOW
    from framing.sentiment.target_model import TargetSentiment

    lexicon = {code: LexiconSentiment(code, target_window=DEFAULT_TARGET_WINDOW.get(code))} if code in SHIPPED else {}
    runs = {"lexicon": SentimentScorer(scorers=lexicon)}
    if code == "en":
        runs["vader"] = VaderSentiment()
        if targets:
            runs["target"] = TargetSentiment()
    return runs


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
    top = Counter(y).most_common(1)[0][0]
    result = {"data": Path(data_path).name, "n": int(len(X)), "lang": code,
              "labels": dict(sorted(Counter(y).items())), "folds": folds, "seed": seed,
              "targets": bool("target_start" in X.columns),
              # stratified folds keep the file's balance, so always-the-majority scores the same on each
              "majority": {"label": top, **_scored("majority", "always " + top, list(y), [top] * len(y))}}
    runs = _baseline_runs(code, "target_start" in X.columns)
    if supervised:
        runs["supervised"] = SupervisedSentiment(seed=seed)
    for name, scorer in runs.items():
        method = LexiconSentiment(code).method if name == "lexicon" and code in SHIPPED else scorer.method
        result[name] = cross_validate(scorer, X, y, folds=folds, seed=seed, verbose=verbose,
                                      name=f"{name} ({method})")
    return result


SENTIMENT_LABELS = ("negative", "neutral", "positive")


def confusion(gold, predicted) -> dict:
    """Gold label -> predicted label -> count, over negative, neutral, positive (and ``none`` predicted).

    >>> confusion(["negative", "neutral"], ["neutral", "neutral"])["negative"]
    {'negative': 0, 'neutral': 1, 'positive': 0, 'none': 0}
    """
    cols = (*SENTIMENT_LABELS, "none")
    table = {g: dict.fromkeys(cols, 0) for g in SENTIMENT_LABELS}
    for g, p in zip(gold, predicted):
        if g in table:
            table[g][p if p in cols else "none"] += 1
    return table


def _scored(name: str, method: str, gold, predicted) -> dict:
    from framing.sentiment.supervised import macro_f1

    gold = list(gold)
    predicted = [str(p) for p in predicted]
    return {"name": name, "method": method, "macro_f1": round(macro_f1(gold, predicted), 4),
            "accuracy": round(sum(g == p for g, p in zip(gold, predicted)) / len(gold), 4) if gold else 0.0,
            "predicted": dict(sorted(Counter(predicted).items())), "confusion": confusion(gold, predicted)}


def evaluate_split(train_path, test_path, *, lang: str | None = None, supervised: bool = True) -> dict:
    """Held-out figures: score the lexicon scorers on ``test``, fit the supervised one on ``train`` and score ``test``.

    Beside them, always the most frequent label of the training file.  Each
    scorer's macro-F1, accuracy, predicted class balance and confusion table
    (rows gold, columns predicted) are on the test file's own balance, which
    may differ from the training file's: both balances are in the result.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> rows = ["text,label"] + ["a great success,positive", "a terrible war,negative",
    ...                          "the meeting is on monday,neutral"] * 4
    >>> for name in ("train.csv", "test.csv"):
    ...     _ = open(os.path.join(d, name), "w").write("\\n".join(rows) + "\\n")
    >>> r = evaluate_split(os.path.join(d, "train.csv"), os.path.join(d, "test.csv"), supervised=False)
    >>> r["lexicon"]["macro_f1"], r["majority"]["label"]
    (1.0, 'positive')
    """
    train, test = read_eval_data(train_path), read_eval_data(test_path)
    code = lang_code(lang) or _guess_lang(test["content"].tolist())
    train["lang"] = test["lang"] = code
    y_train = train["label"].to_numpy(dtype=object)
    y = test["label"].tolist()
    top = Counter(y_train).most_common(1)[0][0]
    result = {"train": Path(train_path).name, "test": Path(test_path).name, "lang": code,
              "n_train": int(len(train)), "n": int(len(test)),
              "train_labels": dict(sorted(Counter(y_train).items())), "labels": dict(sorted(Counter(y).items())),
              "majority": {"label": top, **_scored("majority", "always " + top, y, [top] * len(y))}}
    runs = _baseline_runs(code, "target_start" in train.columns)
    if supervised:
        runs["supervised"] = SupervisedSentiment()
    for name, scorer in runs.items():
        method = LexiconSentiment(code).method if name == "lexicon" and code in SHIPPED else scorer.method
        fitted = scorer.fit(train, y_train)
        result[name] = _scored(name, method, y, fitted.transform(test)["sentiment_label"].tolist())
        if name == "supervised":
            from framing.sentiment.supervised import calibration

            proba = fitted.pipeline_.predict_proba(test["content"].tolist())
            result[name]["calibration"] = calibration(proba, y, fitted.classes_)
    return result


def resample_to_balance(X: pd.DataFrame, balance: dict, seed: int = 0) -> pd.DataFrame:
    """The largest sample of ``X`` (without replacement) whose ``label`` counts follow ``balance``.

    ``balance`` maps labels to counts or shares (only the proportions
    matter); labels it leaves out are dropped.

    Examples
    --------
    >>> X = pd.DataFrame({"label": ["negative"] * 50 + ["neutral"] * 50 + ["positive"] * 20})
    >>> resample_to_balance(X, {"negative": 6, "neutral": 3, "positive": 1})["label"].value_counts().to_dict()
    {'negative': 50, 'neutral': 25, 'positive': 8}
    """
    shares = {k: float(v) for k, v in balance.items() if float(v) > 0}
    have = X["label"].value_counts()
    missing = [k for k in shares if k not in have.index]
    if missing:
        raise InputError(f"no rows labelled {missing} to resample to the class balance {balance}")
    total = sum(shares.values())
    # the label that runs out first fixes the size of the sample
    size = min(have[k] / (v / total) for k, v in shares.items())
    parts = [X[X["label"] == k].sample(int(round(size * v / total)), random_state=seed) for k, v in shares.items()]
    return pd.concat(parts)


def evaluate_holdout(data_path, *, test_size: float = 0.2, balance: dict | None = None, lang: str | None = None,
                     seed: int = 0, supervised: bool = True) -> dict:
    """Held-out figures from one coded file: fit on a stratified share, score the rest (optionally rebalanced).

    The file is split once (stratified by label, ``seed``); the held-out
    part is scored as it is and, with ``balance``, also resampled to that
    class balance (:func:`resample_to_balance`), which shows how a scorer
    fares where the labels are distributed differently from its training
    data.  Each result has the training rows' most frequent label beside it,
    and the supervised scorer its calibration (:func:`calibration`).  This
    is a held-out split of a training file, not a separate test file.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "coded.csv")
    >>> rows = ["text,label"] + ["a great success,positive", "a terrible war,negative",
    ...                          "the meeting is on monday,neutral"] * 10
    >>> _ = open(p, "w").write("\\n".join(rows) + "\\n")
    >>> r = evaluate_holdout(p, balance={"negative": 2, "neutral": 1, "positive": 1}, supervised=False)
    >>> r["parts"]["rebalanced"]["labels"], r["parts"]["rebalanced"]["lexicon"]["macro_f1"]
    ({'negative': 2, 'neutral': 1, 'positive': 1}, 1.0)
    """
    from sklearn.model_selection import train_test_split

    from framing.sentiment.supervised import calibration

    X = read_eval_data(data_path)
    code = lang_code(lang) or _guess_lang(X["content"].tolist())
    X["lang"] = code
    train, held = train_test_split(X, test_size=test_size, stratify=X["label"], random_state=seed)
    y_train = train["label"].to_numpy(dtype=object)
    top = Counter(y_train).most_common(1)[0][0]
    parts = {"held_out": held}
    if balance:
        parts["rebalanced"] = resample_to_balance(held, balance, seed=seed)
    runs = _baseline_runs(code, "target_start" in X.columns)
    if supervised:
        runs["supervised"] = SupervisedSentiment(seed=seed)
    fitted = {name: scorer.fit(train, y_train) for name, scorer in runs.items()}
    result = {"data": Path(data_path).name, "lang": code, "test_size": test_size, "seed": seed,
              "n_train": int(len(train)), "train_labels": dict(sorted(Counter(y_train).items())),
              "balance": dict(balance) if balance else None, "parts": {}}
    for part, rows in parts.items():
        y = rows["label"].tolist()
        out = {"n": int(len(rows)), "labels": dict(sorted(Counter(y).items())),
               "majority": {"label": top, **_scored("majority", "always " + top, y, [top] * len(y))}}
        for name, scorer in fitted.items():
            method = LexiconSentiment(code).method if name == "lexicon" and code in SHIPPED else scorer.method
            out[name] = _scored(name, method, y, scorer.transform(rows)["sentiment_label"].tolist())
            if name == "supervised":
                proba = scorer.pipeline_.predict_proba(rows["content"].tolist())
                out[name]["calibration"] = calibration(proba, y, scorer.classes_)
        result["parts"][part] = out
    return result


def format_holdout(result: dict) -> str:
    """Printable lines for :func:`evaluate_holdout`: per part, each scorer beside the baseline."""
    lines = [f"{result['data']}: fitted on {result['n_train']} rows {result['train_labels']} "
             f"(a stratified {1 - result['test_size']:.0%} of the file, seed {result['seed']}); lang {result['lang']}"]
    for part, r in result["parts"].items():
        what = "the held-out rest" if part == "held_out" else f"the held-out rest resampled to {result['balance']}"
        lines.append(f"scored on {what}: {r['n']} rows {r['labels']}")
        lines.extend(format_scored({**r, "majority": r["majority"], "test": part, "train": "", "n_train": 0,
                                    "train_labels": {}, "lang": result["lang"]}).splitlines()[1:])
        if "supervised" in r and "calibration" in r["supervised"]:
            c = r["supervised"]["calibration"]
            lines.append(f"    supervised calibration: expected calibration error {c['ece']:.4f}, "
                         f"Brier {c['brier']:.4f} (uniform guess 0.6667)")
    return "\n".join(lines)


def evaluate_events(pred, gold_files) -> dict:
    """Sentiment of news utterances: the ``sentiment`` of gold attribution events against the predicted label.

    The gold events of each paragraph are paired with its predicted
    utterances as the attribution evaluation pairs them
    (:func:`framing.attribution.evaluate.align_events`: by cue, in text
    order, each utterance with one event at most), so the events of a
    paragraph quoting several speakers with the same verb are each compared
    with their own utterance; unpaired events are counted apart.

    Parameters
    ----------
    pred : path
        A ``framing analyze`` folder.
    gold_files : list of paths
        Gold attribution events (JSONL: ``doc``, ``paragraph``, ``cue``, ``sentiment``).
    """
    from framing.attribution.evaluate import align_events
    from framing.tables import read_table

    utterances = read_table(pred, "utterances")
    measures = read_table(pred, "measures")
    joined = utterances.merge(measures, on="utterance_id")
    columns = [c for c in ("doc_id", "paragraph", "cue", "cue_start", "speaker", "mention", "mention_full",
                           "sentiment_label", "sentiment_method") if c in joined.columns]
    by_place: dict[tuple, list[dict]] = {}
    for r in joined[columns].to_dict("records"):
        by_place.setdefault((str(r["doc_id"]), int(r["paragraph"])), []).append(r)
    events: dict[tuple, list[dict]] = {}
    for path in gold_files:
        for e in read_jsonl(path, required=("doc", "paragraph", "cue")):
            if e.get("sentiment") in SENTIMENT_LABELS:
                events.setdefault((path, str(e["doc"]), int(e["paragraph"])), []).append(e)
    gold, predicted, unmatched = [], [], 0
    for (_, doc, paragraph), found in events.items():
        pairs = align_events(found, by_place.get((doc, paragraph), []))
        for e in found:
            hit = pairs.get(id(e))
            if hit is None:
                unmatched += 1
                continue
            gold.append(e["sentiment"])
            predicted.append(hit["sentiment_label"])
    if not gold:
        raise InputError(f"{pred}: no gold event with a sentiment matches a predicted utterance")
    top = Counter(gold).most_common(1)[0][0]
    method = str(joined["sentiment_method"].iloc[0]) if len(joined) else ""
    return {"n": len(gold), "unmatched": unmatched, "labels": dict(sorted(Counter(gold).items())),
            "scorer": _scored("default", method, gold, predicted),
            "majority": {"label": top, **_scored("majority", "always " + top, gold, [top] * len(gold))}}


def format_scored(result: dict) -> str:
    """Printable lines for :func:`evaluate_split` or :func:`evaluate_events`: scores, baseline, confusion."""
    if "test" in result:
        lines = [f"fitted on {result['train']} ({result['n_train']}: {result['train_labels']}), scored on "
                 f"{result['test']} ({result['n']}: {result['labels']}); lang {result['lang']}"]
        names = ("lexicon", "vader", "target", "supervised")
    else:
        lines = [f"{result['n']} gold events matched to utterances ({result['unmatched']} not matched): "
                 f"{result['labels']}"]
        names = ("scorer",)
    base = result["majority"]
    for name in names:
        if name not in result:
            continue
        r = result[name]
        lines.append(f"  {r['name']:<10} {r['method']:<36} macro-F1 {r['macro_f1']:.4f}   accuracy "
                     f"{r['accuracy']:.4f}   (always {base['label']!r}: macro-F1 {base['macro_f1']:.4f}, "
                     f"accuracy {base['accuracy']:.4f})")
        if "calibration" in r and "test" in result and result.get("train"):
            c = r["calibration"]
            lines.append(f"    calibration: expected calibration error {c['ece']:.4f}, Brier {c['brier']:.4f} "
                         f"(uniform guess 0.6667)")
        lines.append(f"    predicted {r['predicted']}; rows gold, columns predicted:")
        cols = (*SENTIMENT_LABELS, "none")
        lines.append("    " + " " * 10 + "".join(f"{c:>10}" for c in cols))
        for g, row in r["confusion"].items():
            lines.append(f"    {g:<10}" + "".join(f"{row[c]:>10}" for c in cols))
    return "\n".join(lines)


def format_result(result: dict) -> str:
    """A few printable lines summarising :func:`evaluate_sentiment`'s result."""
    lines = [f"{result['data']}: n = {result['n']}, lang = {result['lang']}, labels = {result['labels']}, "
             f"{result['folds']}-fold CV (seed {result['seed']}; cross-validation on one file, not a held-out "
             f"test figure)"]
    if "majority" in result:
        base = result["majority"]
        lines.append(f"  {'majority':<10} macro-F1 {base['macro_f1']:.4f} (always {base['label']!r})")
    for name in ("lexicon", "vader", "target", "supervised"):
        if name in result:
            r = result[name]
            folds = ", ".join(f"{s:.4f}" for s in r["folds"])
            lines.append(f"  {name:<10} macro-F1 {r['mean']:.4f} (sd {r['std']:.4f}; folds {folds})")
    return "\n".join(lines)


__all__ = ["evaluate_sentiment", "evaluate_split", "evaluate_holdout", "evaluate_events", "read_eval_data",
           "resample_to_balance", "format_result", "format_scored", "format_holdout", "confusion"]
