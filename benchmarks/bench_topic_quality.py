"""Topic quality on a held-out split: NPMI, topics below zero, seed stability and fit time, beside baselines.

Usage::

    python benchmarks/bench_topic_quality.py [PATH] [--k 20] [--heldout-every 10] [--n-seeds 4]
                                             [--workers 2] [--baseline-rev 797baab] [--baseline-seeds 3]
                                             [--init nndsvd|random] [--single-seeds 3]
                                             [--member-passes P] [--refine-passes R]
                                             [--limit N] [--out MODEL] [--timing-only]

PATH defaults to ``../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz``.
Every ``--heldout-every``-th document is held out; every model is fitted on
the others and scored on the held-out ones with
:func:`framing.topics.evaluation.npmi` (gensim ``c_npmi``, top 10 terms,
windows of 10) on its own terms.  Rows, all measured in this run:

``baseline``
    The toolkit at ``--baseline-rev`` (extracted with ``git archive`` into a
    temporary folder and run in a subprocess): one fit per seed 0, 1, 2
    (``--baseline-seeds``), with its own preprocessing and settings, one
    process at a time, the training part streamed from the file as
    ``framing topics fit`` reads a corpus; the fit time is seed 0's.
``single``
    This toolkit, one fit per seed 0, 1, 2 (``--single-seeds``) on the whole
    training part, started as ``--init`` says (the model's default start
    otherwise): fit time of seed 0, NPMI and stability over the fits.
``consensus``
    ``TopicModel(n_seeds=M, workers=W)`` with base seeds 0, 1, 2 (members
    drawn apart: 0..M-1, M..2M-1, 2M..3M-1).

``--timing-only`` fits baseline seed 0, single seed 0 and consensus seed 0,
one after another, and prints their fit times only.

Stability is the matched top-10 Jaccard between the three models of a row
(Hungarian matching on Jaccard), mean over topics and pairs, with the number
of topics at 0.5 or more (mean over pairs).

Examples
--------
$ python benchmarks/bench_topic_quality.py --n-seeds 4 --workers 2   # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "saudinewsnet" / "saudinewsnet.jsonl.gz"

# Run with the baseline's code on sys.path: fit one seed on the training part, print its top terms,
# the held-out documents in its own terms, and the fit time.
_BASELINE_CHILD = r"""
import json, sys, time
from framing.corpus.documents import read_corpus
from framing.topics.model import TopicModel
from framing.topics.preprocess import Preprocessor
path, every, k, seed, limit, want_heldout = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6] == "1"
docs = read_corpus(path, lang="ar", limit=int(limit) if limit != "none" else None)

class Train:  # the training part, streamed from the file on every pass, as `framing topics fit` reads a corpus
    def __iter__(self):
        return (d for i, d in enumerate(docs) if (i + 1) % every)

t0 = time.perf_counter()
tm = TopicModel(k=k, seed=seed).fit(Train())
fit_s = time.perf_counter() - t0
top = [list(g["term"]) for _, g in tm.top_words(25).groupby("topic", sort=True)]
out = {"fit_s": fit_s, "top": top}
if want_heldout:
    pre, index, d = Preprocessor(), tm.index_, tm.dictionary_
    held = []
    for i, doc in enumerate(docs):
        if (i + 1) % every == 0:
            held.append([d[j] if (j := index.id(t)) >= 0 else t for t in pre(doc["text"])])
    out["heldout"] = held
out["framing_file"] = __import__("framing").__file__
print(json.dumps(out, ensure_ascii=False))
"""


def stability(tops: list) -> tuple[float, float]:
    """Mean matched top-10 Jaccard over pairs of models, and mean number of topics at 0.5 or more."""
    from framing.topics.consensus import matched_jaccard

    scores = [matched_jaccard([t[:10] for t in a], [t[:10] for t in b]) for a, b in combinations(tops, 2)]
    return float(np.mean([s.mean() for s in scores])), float(np.mean([(s >= 0.5).sum() for s in scores]))


def npmi_of(tops: list, heldout: list) -> tuple[float, float]:
    """Mean held-out NPMI and mean number of topics below zero over models."""
    from gensim.corpora import Dictionary

    from framing.topics.evaluation import npmi

    dictionary = Dictionary(heldout + [w for top in tops for w in top])
    per = [npmi([t[:10] for t in top], heldout, dictionary, topn=10) for top in tops]
    return float(np.mean([p.mean() for p in per])), float(np.mean([(p < 0).sum() for p in per]))


def run_baseline(rev: str, path: Path, every: int, k: int, limit: int | None, seeds: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "framing"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        env = {**os.environ, "PYTHONPATH": tmp}
        runs = []
        for seed in range(seeds):
            # run in the extracted folder: `python -c` puts the working directory first on sys.path, and
            # from the repository that would import this toolkit instead of the baseline
            proc = subprocess.run([sys.executable, "-c", _BASELINE_CHILD, str(Path(path).resolve()), str(every),
                                   str(k), str(seed), str(limit) if limit else "none", "1" if seed == 0 else "0"],
                                  env=env, cwd=tmp, capture_output=True, text=True, check=True)
            runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
            if not runs[-1]["framing_file"].startswith(str(Path(tmp).resolve())):
                raise RuntimeError(f"the baseline imported {runs[-1]['framing_file']}, not the extracted {rev}")
            print(f"  baseline seed {seed}: fit {runs[-1]['fit_s']:.1f} s", flush=True)
    return {"fit_s": runs[0]["fit_s"], "tops": [r["top"] for r in runs], "heldout": runs[0]["heldout"]}


def consensus_settings(args) -> dict:
    """The consensus settings given on the command line (the model's defaults for the others)."""
    return {key: value for key, value in (("member_passes", args.member_passes),
                                          ("refine_passes", args.refine_passes)) if value is not None}


def start_settings(args) -> dict:
    """Where the toolkit's fits start (its default unless --init is given)."""
    return {} if args.init is None else {"init": args.init}


def timing_only(args, path: Path, corpus) -> int:
    from framing.topics.model import TopicModel

    base = run_baseline(args.baseline_rev, path, args.heldout_every, args.k, args.limit, 1)["fit_s"]
    t0 = time.perf_counter()
    TopicModel(k=args.k, seed=0, heldout_every=args.heldout_every, **start_settings(args)).fit(corpus)
    single = time.perf_counter() - t0
    t0 = time.perf_counter()
    TopicModel(k=args.k, seed=0, n_seeds=args.n_seeds, workers=args.workers,
               heldout_every=args.heldout_every, **start_settings(args), **consensus_settings(args)).fit(corpus)
    consensus = time.perf_counter() - t0
    print(f"\n{'model':10s} {'fit s':>7s} {'x base':>7s}")
    for name, value in (("baseline", base), ("single", single), ("consensus", consensus)):
        print(f"{name:10s} {value:7.1f} {value / base:7.2f}")
    print(f"\nconsensus = n_seeds={args.n_seeds}, workers={args.workers}, {consensus_settings(args)}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--heldout-every", type=int, default=10)
    ap.add_argument("--n-seeds", type=int, default=4)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--init", choices=["nndsvd", "random"], help="where the toolkit's fits start (default: the model's)")
    ap.add_argument("--single-seeds", type=int, default=3, help="single fits, seeds 0..N-1 (default 3)")
    ap.add_argument("--member-passes", type=int, help="passes of each member fit (default: the model's)")
    ap.add_argument("--refine-passes", type=int, help="batch EM passes over the merged topics (default: the model's)")
    ap.add_argument("--baseline-rev", default="797baab", help="git revision of the baseline toolkit ('' skips it)")
    ap.add_argument("--baseline-seeds", type=int, default=3,
                    help="seeds fitted with the baseline (1 skips its stability, for a shorter run)")
    ap.add_argument("--limit", type=int, help="read only the first N documents (a quick look)")
    ap.add_argument("--out", help="save the consensus model of base seed 0 here")
    ap.add_argument("--timing-only", action="store_true",
                    help="fit times only: baseline seed 0, single seed 0 and consensus seed 0, one after another")
    args = ap.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        print(f"{path}: not found (the shared corpora live beside the repository)", file=sys.stderr)
        return 2

    import gensim

    from framing.corpus.documents import read_corpus
    from framing.topics.evaluation import heldout_terms
    from framing.topics.model import TopicModel

    every, m = args.heldout_every, args.n_seeds
    print(f"# {path.name}: every {every}th document held out, k={args.k}; python {platform.python_version()}, "
          f"gensim {gensim.__version__}, {os.cpu_count()} cores", flush=True)
    corpus = read_corpus(path, lang="ar", limit=args.limit)
    rows = {}

    if args.timing_only:
        return timing_only(args, path, corpus)
    if args.baseline_rev:
        base = run_baseline(args.baseline_rev, path, every, args.k, args.limit, args.baseline_seeds)
        stab = stability(base["tops"]) if len(base["tops"]) > 1 else (float("nan"), float("nan"))
        rows["baseline"] = (base["fit_s"], *npmi_of(base["tops"], base["heldout"]), *stab)

    singles, single_times = [], []
    for seed in range(args.single_seeds):
        t0 = time.perf_counter()
        singles.append(TopicModel(k=args.k, seed=seed, heldout_every=every, **start_settings(args)).fit(corpus))
        single_times.append(time.perf_counter() - t0)
        print(f"  single seed {seed}: fit {single_times[-1]:.1f} s", flush=True)
    heldout = heldout_terms(singles[0], corpus, every)

    models, times = [], []
    for seed in (0, 1, 2):
        t0 = time.perf_counter()
        models.append(TopicModel(k=args.k, seed=seed, n_seeds=m, workers=args.workers,
                                 heldout_every=every, **start_settings(args), **consensus_settings(args)).fit(corpus))
        times.append(time.perf_counter() - t0)
        print(f"  consensus seed {seed} (members {models[-1].member_seeds()}): fit {times[-1]:.1f} s", flush=True)
    if args.out:
        models[0].save(args.out)

    single_tops = [[list(g["term"]) for _, g in tm.top_words(25).groupby("topic", sort=True)] for tm in singles]
    stab = stability(single_tops) if len(singles) > 1 else (float("nan"), float("nan"))
    rows["single"] = (single_times[0], *npmi_of(single_tops, heldout), *stab)
    tops = [[list(g["term"]) for _, g in tm.top_words(25).groupby("topic", sort=True)] for tm in models]
    rows["consensus"] = (float(np.mean(times)), *npmi_of(tops, heldout), *stability(tops))

    print(f"\n{'model':10s} {'fit s':>7s} {'x base':>7s} {'NPMI':>7s} {'topics<0':>9s} "
          f"{'Jaccard':>8s} {'topics>=.5':>11s}")
    ref = rows.get("baseline", (None,))[0]
    for name, (fit_s, npmi, below, jac, n_half) in rows.items():
        ratio = f"{fit_s / ref:7.2f}" if ref else "      -"
        print(f"{name:10s} {fit_s:7.1f} {ratio} {npmi:7.3f} {below:9.1f} {jac:8.3f} {n_half:11.1f}")
    print(f"\nsingle = this toolkit, one fit per seed 0..{args.single_seeds - 1} (start {args.init or 'the default'}); "
          f"consensus = n_seeds={m}, workers={args.workers}, {consensus_settings(args)}, base seeds 0, 1, 2")
    print("\nconsensus topics (base seed 0): stability, label")
    from framing.topics.consensus import stability_table

    for row in stability_table(models[0]).itertuples():
        print(f"{row.topic:3d} {row.stability:5.2f}  {row.words}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
