"""Sentiment quality and speed: the numbers behind the sentiment bars, measured in one run.

Usage::

    python benchmarks/eval_sentiment.py [--shared DIR] [--folds 5] [--seed 0] [--no-supervised]
                                        [--skip-quality] [--skip-speed]

Quality (``framing.sentiment.evaluate_sentiment``, 5-fold stratified CV):

* Arabic tweets, ``../shared/data/arsarcasm_v2/training_data.csv``: the
  default lexicon scorer (no training: each fold's test part is scored as
  it is) and the supervised TF-IDF scorer.
* English news targets, ``../shared/data/newsmtsc/train.jsonl``: the default
  scorer beside VADER alone, plus a sensitivity table of the optional
  ``target_window`` setting.  That table is measured on the evaluation data
  itself, so it shows how much the option matters, not an independent
  estimate; the default (``target_window=None``, whole sentence) was fixed
  before looking at it.

Dialect shift (with the supervised scorer): the supervised scorer fitted on
the ArSarcasm-v2 training rows not marked Egyptian and scored on the
Egyptian ones (other spellings and words, and a class balance near the test
file's: about half negative), with and without the lexicon features, beside
the training rows' majority label and with the calibration of its
probabilities.

Speed: rows/s of the default scorer on 10,000 Arabic news sentences
(SaudiNewsNet) and 10,000 English sentences (US government statements),
beside two baselines measured in the same run: splitting each sentence into
tokens (the least any scorer does) and VADER alone on the English rows.

Examples
--------
$ python benchmarks/eval_sentiment.py --no-supervised         # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.sentiment import (LexiconSentiment, SentimentScorer, VaderSentiment,  # noqa: E402
                               evaluate_sentiment, format_result, macro_f1, read_eval_data)
from framing.text import sentence_spans, tokenize  # noqa: E402

N_SPEED = 10_000


def quality(shared: Path, folds: int, seed: int, supervised: bool) -> None:
    ar = shared / "data" / "arsarcasm_v2" / "training_data.csv"
    en = shared / "data" / "newsmtsc" / "train.jsonl"
    for path, lang, sup in ((ar, "ar", supervised), (en, "en", False)):
        if not path.exists():
            print(f"skipped: {path} not found")
            continue
        print(f"\n== {path.parent.name}/{path.name} ==")
        t0 = time.perf_counter()
        result = evaluate_sentiment(path, lang=lang, folds=folds, seed=seed, supervised=sup)
        print(format_result(result))
        print(f"({time.perf_counter() - t0:.1f} s)")
    if en.exists():
        window_table(en)


def dialect_shift(shared: Path, seed: int) -> None:
    from collections import Counter

    from framing.sentiment import SupervisedSentiment
    from framing.sentiment.supervised import calibration

    path = shared / "data" / "arsarcasm_v2" / "training_data.csv"
    if not path.exists():
        print(f"skipped: {path} not found")
        return
    X = read_eval_data(path)
    X["lang"] = "ar"
    # read_eval_data keeps text and label; the dialect column comes from the same rows, in order
    dialect = pd.read_csv(path, dtype=str, keep_default_na=False)["dialect"].to_numpy()
    train, test = X[dialect != "egypt"], X[dialect == "egypt"]
    y = test["label"].tolist()
    top = Counter(train["label"]).most_common(1)[0][0]
    print(f"\n== dialect shift: fitted on {len(train)} non-Egyptian rows {dict(Counter(train['label']))}, "
          f"scored on {len(test)} Egyptian rows {dict(Counter(y))} ==")
    print(f"  always {top!r} (the training majority): macro-F1 {macro_f1(y, [top] * len(y)):.4f}")
    for name, model in (("supervised, n-grams only (v1)", SupervisedSentiment(seed=seed, lexicon_features=False)),
                        ("supervised, with lexicon features (v2)", SupervisedSentiment(seed=seed))):
        model.fit(train, train["label"].tolist())
        pred = model.transform(test)["sentiment_label"].tolist()
        cal = calibration(model.pipeline_.predict_proba(test["content"].tolist()), y, model.classes_)
        print(f"  {name:<40} macro-F1 {macro_f1(y, pred):.4f}   expected calibration error {cal['ece']:.4f}")
    lexicon = SentimentScorer().fit().transform(test)["sentiment_label"].tolist()
    print(f"  {'default lexicon (nothing fitted)':<40} macro-F1 {macro_f1(y, lexicon):.4f}")


def window_table(path: Path) -> None:
    X = read_eval_data(path)
    X["lang"] = "en"
    print("\ntarget_window sensitivity (English, all rows, no CV: nothing is trained)")
    print(f"  {'setting':<22} macro-F1")
    vader = VaderSentiment().fit().transform(X)["sentiment_label"]
    print(f"  {'VADER alone':<22} {macro_f1(X['label'], vader):.4f}")
    for window in (None, 3, 6, 10, 15):
        pred = LexiconSentiment("en", target_window=window).fit().transform(X)["sentiment_label"]
        name = "whole text (default)" if window is None else f"target_window={window}"
        print(f"  {name:<22} {macro_f1(X['label'], pred):.4f}")


def arabic_sentences(shared: Path, n: int) -> list[str]:
    path = shared / "corpora" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("content") or ""
            out.extend(text[a:b] for a, b in sentence_spans(text))
            if len(out) >= n:
                break
    return out[:n]


def english_sentences(shared: Path, n: int) -> list[str]:
    df = pd.read_csv(shared / "corpora" / "us_gov_ukraine" / "Government_Data.csv")
    out = []
    for text in df["article"].dropna():
        out.extend(text[a:b] for a, b in sentence_spans(text))
    # the corpus has fewer sentences than n: cycle, and say so
    if len(out) < n:
        print(f"(English: {len(out)} distinct sentences, cycled to {n})")
    return list(itertools.islice(itertools.cycle(out), n))


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def speed(shared: Path) -> None:
    print(f"\n== speed on {N_SPEED:,} sentences (best of 3; first run also shown) ==")
    for lang, texts in (("ar", arabic_sentences(shared, N_SPEED)), ("en", english_sentences(shared, N_SPEED))):
        X = pd.DataFrame({"utterance_id": range(len(texts)), "content": texts, "lang": lang})
        words = sum(len(tokenize(t)) for t in texts)
        base = timed(lambda: [tokenize(t) for t in texts])
        cold_scorer = SentimentScorer().fit()
        t0 = time.perf_counter()
        cold_scorer.transform(X)
        cold = time.perf_counter() - t0
        warm = timed(lambda: SentimentScorer().fit().transform(X))
        print(f"{lang}: {len(texts):,} rows, {words:,} words")
        print(f"  baseline tokenize only     {len(texts) / base:>10,.0f} rows/s")
        print(f"  default scorer, first run  {len(texts) / cold:>10,.0f} rows/s")
        print(f"  default scorer, warm cache {len(texts) / warm:>10,.0f} rows/s")
        if lang == "en":
            vader = timed(lambda: VaderSentiment().fit().transform(X), repeat=1)
            print(f"  VADER alone                {len(texts) / vader:>10,.0f} rows/s")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-supervised", action="store_true", help="skip training (the slow part)")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args(argv)
    if not args.shared.exists():
        print(f"shared data folder {args.shared} not found", file=sys.stderr)
        return 2
    if not args.skip_quality:
        quality(args.shared, args.folds, args.seed, not args.no_supervised)
        if not args.no_supervised:
            dialect_shift(args.shared, args.seed)
    if not args.skip_speed:
        speed(args.shared)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
