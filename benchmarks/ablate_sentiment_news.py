"""Features tried for the Arabic news sentiment model, each by repeated CV by article on the coded events.

Usage::

    python benchmarks/ablate_sentiment_news.py [CORPUS] [--annotations FILE ...] [--repeats 3] [--C 0.1]
                                               [--only NAME ...] [--dev-corpus DIR --dev-metadata FILE
                                               --dev-gold FILE ...]

CORPUS defaults to ``../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz`` and the
annotations to ``corpora/annotations/attribution_ar/coder_a.jsonl``.  Each variant
adds features to :func:`framing.sentiment.news_model.news_features` (nothing
is changed in the shipped model) and is scored by 5-fold CV by article
drawn ``--repeats`` times (seeds 0, 1, ...; the procedure of
``framing train sentiment-news``), printed beside the lexicon default and the
training parts' majority label on the same folds.  With ``--dev-*`` each
variant is also fitted on all the coded events and scored on the development
events (a development figure: nothing here is chosen on it).

Examples
--------
$ python benchmarks/ablate_sentiment_news.py --only base acts --repeats 3     # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.sentiment.engine import squash  # noqa: E402
from framing.sentiment.lexicon import LexiconSentiment, compiled_shipped  # noqa: E402
from framing.sentiment.news_model import _WORD, _strip_proclitic, cue_key, news_features  # noqa: E402
from framing.sentiment.supervised import macro_f1  # noqa: E402
from framing.sentiment.target_model import LinearModel  # noqa: E402
from framing.sentiment.target_training import grouped_folds  # noqa: E402
from framing.text import fold  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpora" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
EVENTS = ROOT / "corpora" / "annotations" / "attribution_ar" / "coder_a.jsonl"

# Speech acts of reporting verbs, folded as cue_key folds them (alef forms to ا, ى to ي, ة to ه, ئ to ي):
# condemning, warning, accusing, rejecting against welcoming, praising, thanking, promising.
NEGATIVE_ACTS = ("ادان يدين استنكر يستنكر مستنكرا ندد يندد منددا شجب يشجب حذر يحذر محذرا انذر ينذر توعد يتوعد "
                 "هدد يهدد مهددا اتهم يتهم متهما انتقد ينتقد منتقدا هاجم يهاجم مهاجما اعترض يعترض احتج يحتج "
                 "محتجا اشتكي يشتكي شكا رفض يرفض رافضا استهجن يستهجن نعي ينعي حمل يحمل محملا طالب يطالب "
                 "مطالبا اعترف يعترف نفي ينفي نافيا زعم يزعم ادعي يدعي").split()
POSITIVE_ACTS = ("رحب يرحب مرحبا اشاد يشيد مشيدا ثمن يثمن مثمنا شكر يشكر شاكرا هنا يهني مهنيا بارك يبارك مباركا "
                 "اثني يثني مثنيا امتدح يمتدح تمني يتمني متمنيا تعهد يتعهد متعهدا وعد يعد طمان يطمين مطمينا "
                 "بشر يبشر مبشرا").split()
ACTS = {**{w: "neg" for w in NEGATIVE_ACTS}, **{w: "pos" for w in POSITIVE_ACTS}}
NEGATORS = set("لا لم لن ليس ليست غير دون بدون بلا عدم".split())
SUFFIXES = ("هما", "هم", "ها", "كم", "نا", "ات", "ون", "ين", "ه", "ي")
CLAUSE_END = re.compile(r"[،,.؛;:!?؟]| و(?:لكن|أن|إن)")


def _text(t) -> str:
    return t if isinstance(t, str) else ""


def _words(t) -> set[str]:
    return {_strip_proclitic(w) for w in _WORD.findall(fold(_text(t)))}


def _reading(prefix: str, text) -> dict:
    pos, neg, _ = compiled_shipped("ar").polarity(_text(text))
    return {prefix + "_pos": pos, prefix + "_neg": -neg, prefix + "_score": squash(pos + neg)}


def _stem(w: str) -> str:
    for s in SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 3:
            return w[:-len(s)]
    return w


def _chars(row) -> dict:
    out = {}
    for w in _words(row.content):
        w = "<" + w + ">"
        for n in (3, 4):
            out.update({"c=" + w[i:i + n]: 0.5 for i in range(len(w) - n + 1)})
    return out


def _acts(row) -> dict:
    act = ACTS.get(cue_key(row.cue))
    return {"act=" + act: 1.0} if act else {}


def _form(row) -> dict:
    t = _text(row.content)
    return {"quoted": float(any(c in t[:3] for c in "\"«“'")),
            "negators": float(min(sum(w in NEGATORS for w in fold(t).split()), 3)),
            "has_side": float(bool(getattr(row, "side", ""))), **_acts(row)}


#: Per-row additions, by name (``base`` adds nothing).
ROW_VARIANTS = {
    "base": lambda r: {},
    "headline_lexicon": lambda r: _reading("hl", r.headline),
    "headline_words": lambda r: {**_reading("hl", r.headline), **{"h=" + w: 1.0 for w in _words(r.headline)}},
    "paragraph_lexicon": lambda r: _reading("pa", r.paragraph_text),
    "article_lexicon": lambda r: _reading("ar", r.article_text),
    "first_clause_lexicon": lambda r: _reading("fc", CLAUSE_END.split(_text(r.content))[0]),
    "stems": lambda r: {"s=" + _stem(w): 1.0 for w in _words(r.content)},
    "char_3_4": _chars,
    "length": lambda r: {"len": min(len(_text(r.content).split()), 60) / 60},
    "acts": _acts,
    "acts_quote_negators_side": _form,
    "article_words": lambda r: {"a=" + w: 1.0 for w in _words(r.article_text)},
}
#: Variants that add the mean lexicon score of the other statements of the same article.
WITH_OTHERS = {"others_mean": "base", "acts_quote_negators_side+others_mean": "acts_quote_negators_side"}


def features(X: pd.DataFrame, name: str) -> list[dict]:
    lex, known = compiled_shipped("ar"), {}
    extra = ROW_VARIANTS[WITH_OTHERS.get(name, name)]
    rows = [{**news_features(r.content, r.cue, lex, True, known), **extra(r)} for r in X.itertuples()]
    if name in WITH_OTHERS:
        # the statements of one article share its tone: the mean of the others' lexicon score
        score = np.array([f["both_score"] for f in rows])
        total = pd.Series(score).groupby(X["doc_id"].to_numpy()).transform("sum").to_numpy()
        count = pd.Series(np.ones(len(rows))).groupby(X["doc_id"].to_numpy()).transform("sum").to_numpy()
        for i, f in enumerate(rows):
            f["others_mean"] = (total[i] - score[i]) / (count[i] - 1) if count[i] > 1 else 0.0
            f["others_none"] = float(count[i] == 1)
    return rows


def repeated_cv(F, y, groups, lexicon, C: float, repeats: int, folds: int = 5) -> dict:
    scores = {"model": [], "lexicon": [], "majority": []}
    for seed in range(repeats):
        for train, test in grouped_folds(y, groups, folds, seed):
            model = LinearModel.fit([F[i] for i in train], y[train], C=C, seed=0, min_count=2)
            proba = model.proba([F[i] for i in test])
            scores["model"].append(macro_f1(y[test], np.asarray(model.classes, dtype=object)[proba.argmax(axis=1)]))
            scores["lexicon"].append(macro_f1(y[test], lexicon[test]))
            top = Counter(y[train]).most_common(1)[0][0]
            scores["majority"].append(macro_f1(y[test], [top] * len(test)))
    return {k: (float(np.mean(v)), float(np.std(v))) for k, v in scores.items()}


def examples(corpus, event_files, metadata=None):
    from framing.attribution.training import coded_events
    from framing.corpus import documents_by_id, read_corpus
    from framing.sentiment.news_events import event_examples

    events = [e for f in event_files for e in coded_events(f) if not e.get("no_events")]
    if metadata:
        docs = list(read_corpus(corpus, metadata=metadata))
    else:
        docs, _ = documents_by_id(corpus, {e["doc"] for e in events})
    return event_examples(docs, events)[0]


def main(argv=None) -> int:
    import logging

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--annotations", nargs="+", default=[str(EVENTS)])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--C", type=float, default=0.1)
    parser.add_argument("--only", nargs="+", choices=[*ROW_VARIANTS, *WITH_OTHERS])
    parser.add_argument("--dev-corpus")
    parser.add_argument("--dev-metadata")
    parser.add_argument("--dev-gold", nargs="+")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    X = examples(args.corpus, args.annotations)
    y, groups = X["label"].to_numpy(dtype=object), X["doc_id"].to_numpy(dtype=object)
    lexicon = LexiconSentiment("ar").fit().transform(X)["sentiment_label"].to_numpy()
    dev = examples(args.dev_corpus, args.dev_gold, args.dev_metadata) if args.dev_corpus and args.dev_gold else None
    print(f"{len(X)} coded events in {len(set(groups))} articles {dict(sorted(Counter(y).items()))}; "
          f"5-fold CV by article x{args.repeats}, C {args.C}")
    results = {}
    for name in args.only or [*ROW_VARIANTS, *WITH_OTHERS]:
        t0 = time.perf_counter()
        F = features(X, name)
        r = repeated_cv(F, y, groups, lexicon, args.C, args.repeats)
        line = (f"  {name:40s} macro-F1 {r['model'][0]:.4f} (sd {r['model'][1]:.4f}); lexicon {r['lexicon'][0]:.4f}, "
                f"majority {r['majority'][0]:.4f}")
        if dev is not None:
            model = LinearModel.fit(F, y, C=args.C, seed=0, min_count=2)
            yd = dev["label"].to_numpy(dtype=object)
            proba = model.proba(features(dev, name))
            r["dev"] = macro_f1(yd, np.asarray(model.classes, dtype=object)[proba.argmax(axis=1)])
            line += f"; dev {r['dev']:.4f} on {len(dev)} events"
        results[name] = r
        print(line + f"  ({time.perf_counter() - t0:.0f} s)", flush=True)
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
