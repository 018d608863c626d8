"""How the news stance model reads the side of a target it was never trained on, one training target left out at a time.

A researcher's own targets are new to the shipped model: it reads them with
the model trained without any feature of a target's balance of sides
(``NewsModel.generic``), the model's lean among the sides taken out, and the
balance of sides the corpus' statements show (expectation-maximisation over
their side probabilities, :func:`framing.stance.priors.em_side_prior`).  The
renamed-target runs (``eval_stance_new_targets.py``) measure that on the
development and held-out articles, whose targets the training set shares;
here each training target in turn is new for real: the model is fitted
without the articles that code it (and without any of its statements) and
scored on them.

For each Arabic target of the coded statements it prints, on the statements
coded as addressing it (favor, against or neutral), how many get the coded
side from the model's side probabilities as they are (``raw``), with the
model's lean taken out (``even``: as ``framing analyze --no-stance-priors``
reads a new target), and weighed by the target's balance estimated from all
its candidates without their codes (``corpus``: as ``framing analyze`` reads
it); beside always "against" (the most frequent side of the training
statements) and always the target's own most frequent coded side (a prior
no run has: the most the corpus balance could give).  Statement level, not
speaker level: no pooling, no speaker model.

Usage (from the repository root; the defaults are the shipped model's training files)::

    python benchmarks/eval_stance_leave_target_out.py [CORPUS] [--annotations FILE ...] [--C 0.3]
        [--attribution FILE ...] [--targets FILE] [--no-also] [--drop-features PREFIX ...]

``--drop-features`` leaves out the features that start with the strings given, or
hold them after a scope (``c= mc=``: the statement's words; ``:said=``: its
sentiment), to try what a new target reads better without.
The shared folder is ``../shared`` beside the repository (or ``$FRAMING_SHARED``).
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("FRAMING_SHARED") or ROOT.parent / "shared")
ANNOTATIONS = ROOT / "corpora" / "annotations"
SIDES = ("favor", "against", "neutral")


def candidates(args) -> list[dict]:
    """The coded candidates of the training statements (and, unless ``--no-also``, the English ones)."""
    from framing.attribution.training import coded_events
    from framing.corpus import documents_by_id
    from framing.stance.news_training import coded_candidates, read_stance_codes

    codes = [c for f in args.annotations for c in read_stance_codes(f)]
    attribution = [e for f in args.attribution for e in coded_events(f)]
    docs, missing = documents_by_id(args.corpus, {str(c["doc"]) for c in codes})
    if missing:
        sys.exit(f"{args.corpus}: {len(missing)} coded document(s) not in the corpus")
    found = list(coded_candidates(docs, codes, attribution, targets=args.targets))
    if args.also:
        en_codes = [c for f in args.also_annotations for c in read_stance_codes(f)]
        en_docs, _ = documents_by_id(args.also_corpus, {str(c["doc"]) for c in en_codes})
        for c in coded_candidates(en_docs, en_codes, [], targets=args.also_targets, issuer_voice=True, priors=False):
            found.append({**c, "also": True})
    return found


def side_counts(model, rows: list[list[str]], gold: list[str], every: list[list[str]], *, given=None,
                rest=None) -> dict:
    """How many of the coded sides each reading gets (see the module's docstring); with ``given`` (a balance of
    sides) also read with it, and with ``rest`` (indices of ``rows``) each counted on those rows only."""
    from framing.stance.news_model import NewsStance
    from framing.stance.priors import em_side_prior, with_side_prior

    order = [model.classes.index(c) for c in (*SIDES, "none")]

    def probabilities(feats):
        P = model.proba_matrix(feats)[:, order] if feats else np.zeros((0, 4))
        # the lean among the sides taken out, as the scorer reads a target it was not trained on
        # (P's sides are in the scorer's order, favor, against, neutral, as the method takes them)
        even = NewsStance._without_side_prior_rows(NewsStance(), P, model) if len(P) else P
        return P, even

    raw, even = probabilities(rows)
    balance = em_side_prior(probabilities(every)[1])
    readings = {"raw": raw, "even": even, "corpus": with_side_prior(even, balance)}
    if given is not None:
        readings["given"] = with_side_prior(even, given)
    at = range(len(gold)) if rest is None else rest

    def right(P):
        return int(sum(SIDES[int(np.argmax(P[i, :3]))] == gold[i] for i in at))

    return {**{k: right(P) for k, P in readings.items()}, "balance": balance}


def _dropped(feature: str, drop: tuple) -> bool:
    # "c=حرب" starts with "c="; "content:said=neg" holds ":said=" after its scope
    return feature.startswith(drop) or any(d.startswith(":") and d in feature for d in drop)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(SHARED / "corpora" / "saudinewsnet" / "saudinewsnet.jsonl.gz"))
    parser.add_argument("--annotations", nargs="+", default=[str(ANNOTATIONS / "stance_ar" / "coder_a.jsonl"),
                                                             str(ANNOTATIONS / "stance_ar" / "statements_a.jsonl")])
    parser.add_argument("--attribution", nargs="+", default=[str(ANNOTATIONS / "attribution_ar" / "coder_a.jsonl")])
    parser.add_argument("--targets", default=str(ANNOTATIONS / "stance_ar" / "targets.yml"))
    parser.add_argument("--also-corpus", default=str(SHARED / "corpora" / "us_gov_ukraine" / "Government_Data.csv"))
    parser.add_argument("--also-annotations", nargs="+", default=[str(ANNOTATIONS / "stance_en" / "statements_a.jsonl")])
    parser.add_argument("--also-targets", default=str(ANNOTATIONS / "stance_en" / "targets.yml"))
    parser.add_argument("--no-also", dest="also", action="store_false", help="leave out the English statements")
    parser.add_argument("--C", type=float, default=0.3, help="inverse regularization (the shipped model's: 0.3)")
    parser.add_argument("--given-share", type=float, metavar="SHARE",
                        help="also read each target with the balance counted in a random SHARE of its coded "
                             "statements (as --stance-priors would take it), every reading scored on the rest")
    parser.add_argument("--seed", type=int, default=0, help="the draw of --given-share (default 0)")
    parser.add_argument("--drop-features", nargs="+", default=[], metavar="STRING",
                        help="leave out the features starting with these, or holding one after a scope "
                             "(':said='), a language-marked copy too")
    args = parser.parse_args(argv)
    if not Path(args.corpus).exists():
        sys.exit(f"corpus not found: {args.corpus} (set FRAMING_SHARED)")
    if args.also and not Path(args.also_corpus).exists():
        sys.exit(f"corpus not found: {args.also_corpus} (--no-also to leave the English statements out)")
    logging.disable(logging.WARNING)
    from framing.stance.news_training import fit_news_model, without_priors
    from framing.stance.priors import side_balances

    drop = tuple(args.drop_features)

    def features(c) -> list[str]:
        feats = without_priors(c["features"])
        if not drop:
            return feats
        return [f for f in feats if not _dropped(f.split("|", 1)[-1], drop)]

    t0 = time.perf_counter()
    found = candidates(args)
    coded = [c for c in found if c["label"] is not None]
    targets = sorted({c["target_name"] for c in coded if not c.get("also") and c["label"] in SIDES})
    print(f"{len(coded)} coded candidates ({sum(bool(c.get('also')) for c in coded)} English), "
          f"{len(targets)} Arabic targets; C {args.C}" + (f"; without {' '.join(drop)}" if drop else ""))
    readings = ["raw", "even", "corpus"] + (["given"] if args.given_share else [])
    columns = ["coded", *readings, "against", "own top"]
    if args.given_share:
        print(f"given: the balance counted in {args.given_share:.0%} of each target's coded statements (draw "
              f"{args.seed}); every column counts the other statements")
    print(f"{'target (left out)':26s} " + " ".join(f"{c:>8s}" for c in columns) + "   corpus balance f/a/n")
    total = Counter()
    for name in targets:
        mine = [c for c in found if c["target_name"] == name and not c.get("also")]
        held = {c["doc"] for c in mine}
        train = [c for c in coded if c["doc"] not in held]
        model = fit_news_model([features(c) for c in train], [c["label"] for c in train], C=args.C)
        sided = [c for c in mine if c["label"] in SIDES]
        gold = [c["label"] for c in sided]
        rest, given = None, None
        if args.given_share:
            order = list(range(len(gold)))
            random.Random(args.seed).shuffle(order)
            k = max(1, round(len(order) * args.given_share))
            counts = Counter(gold[i] for i in order[:k])
            # as framing analyze --stance-priors reads counts
            read = side_balances({name: {s: counts[s] for s in SIDES}}, [SimpleNamespace(name=name)])[name]
            given, rest = [read[s] for s in SIDES], order[k:]
        r = side_counts(model, [features(c) for c in sided], gold, [features(c) for c in mine], given=given, rest=rest)
        scored = [gold[i] for i in (rest if rest is not None else range(len(gold)))]
        top, top_n = Counter(scored).most_common(1)[0]
        row = {"coded": len(scored), **{k: r[k] for k in readings}, "against": scored.count("against"), "own top": top_n}
        total.update(row)
        print(f"{name:26s} " + " ".join(f"{row[c]:8d}" for c in columns)
              + f"   {' / '.join(f'{v:.2f}' for v in r['balance'])} (coded: mostly {top})")
    n = total["coded"]
    print(f"{'all':26s} " + " ".join(f"{total[c]:8d}" for c in columns))
    print("share of the coded sides: " + ", ".join(f"{k} {total[k] / n:.3f}" for k in columns[1:]))
    print(f"({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
