"""``framing topics``: fit a topic model on a reference corpus, inspect it, choose K, check stability.

``framing topics fit CORPUS --k 20 --out MODEL`` streams the corpus (once
for the vocabulary, once per pass) and saves the model folder that
``framing analyze`` applies to utterances; ``--n-seeds M`` fits a consensus
of M seeds (``--workers`` processes) and ``--heldout-every N`` sets every
N-th document aside.  ``evaluate`` scores a model on held-out documents
(NPMI, diversity, stability, beside baselines); ``show`` prints each
topic's label, top words and stability; ``choose-k`` compares held-out
NPMI over several K; ``stability`` refits with several seeds and reports
how well topics recur.  Progress goes to standard error.

Examples
--------
>>> from framing.cli import main
>>> main(["topics", "fit", "news.jsonl.gz", "--k", "20", "--out", "models/k20"])  # doctest: +SKIP
0
>>> main(["topics", "show", "models/k20"])                                        # doctest: +SKIP
0
>>> main(["topics", "evaluate", "models/k20", "news.jsonl.gz", "--json"])          # doctest: +SKIP
0
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing.cli.common import add_corpus_arguments, at_least, open_corpus, share
from framing.errors import FramingError
from framing.files import file_sha256


def register(subparsers) -> None:
    parser = subparsers.add_parser("topics", help="topic models: fit on a reference corpus, show, choose K, stability")
    sub = parser.add_subparsers(dest="topics_command", metavar="SUBCOMMAND")
    parser.set_defaults(handler=lambda args: parser.print_help() or 2)

    fit = sub.add_parser("fit", help="fit an LDA model on a corpus and save it")
    add_corpus_arguments(fit, sample=False)  # its --sample draws the fitting sample
    fit.add_argument("--k", type=at_least(2), default=20, help="number of topics (default: 20)")
    fit.add_argument("--out", required=True, metavar="DIR", help="folder to save the model in")
    fit.add_argument("--sample", type=at_least(1), metavar="N", help="fit on a random sample of N documents (drawn with --seed)")
    fit.add_argument("--n-seeds", type=at_least(1), default=1, metavar="M",
                     help="consensus of M fits (seeds seed*M ... seed*M+M-1), topics matched and merged, "
                          "each topic's stability recorded (default: 1, a single fit)")
    fit.add_argument("--workers", type=at_least(1), default=1, help="processes for the consensus fits (default: 1)")
    fit.add_argument("--refine-passes", type=at_least(0), default=None, metavar="R",
                     help="batch EM passes that re-estimate the merged consensus topics (default: the model's)")
    fit.add_argument("--member-passes", type=at_least(1), default=None, metavar="P",
                     help="passes of each member fit of a consensus (default: the model's)")
    fit.add_argument("--member-share", type=share, default=None, metavar="SHARE",
                     help="share of the documents each member of a consensus fits on, drawn with its seed "
                          "(default: 0.8 with the nndsvd start, 1 with the random one)")
    _add_model_arguments(fit)
    fit.set_defaults(handler=run_fit)

    ev = sub.add_parser("evaluate", help="held-out NPMI coherence, diversity and stability of a saved model")
    ev.add_argument("model", metavar="MODEL", help="folder written by 'framing topics fit'")
    add_corpus_arguments(ev)
    ev.add_argument("--heldout-every", type=at_least(2), metavar="N",
                    help="score every N-th document of PATH (default: the model's own split when PATH is "
                         "the corpus it was fitted on, else every document)")
    ev.add_argument("--topn", type=at_least(2), default=10, help="top terms per topic for NPMI (default: 10)")
    ev.add_argument("--json", action="store_true", help="print the full report as JSON")
    ev.set_defaults(handler=run_evaluate)

    show = sub.add_parser("show", help="print a saved model's topics, top words and coherence")
    show.add_argument("model", metavar="MODEL", help="folder written by 'framing topics fit'")
    show.add_argument("--n", type=at_least(1), default=10, help="top words per topic (default: 10)")
    show.add_argument("--csv", metavar="FILE", help="also write the tidy top-words table (topic, rank, word, term, weight)")
    show.set_defaults(handler=run_show)

    choose = sub.add_parser("choose-k", help="fit one model per K and compare held-out NPMI coherence")
    add_corpus_arguments(choose)
    choose.add_argument("--ks", default="5,10,15,20", help="comma-separated K values (default: 5,10,15,20)")
    choose.add_argument("--csv", metavar="FILE", help="write the table as CSV")
    _add_model_arguments(choose)
    choose.set_defaults(handler=run_choose_k)

    stab = sub.add_parser("stability", help="refit with several seeds; match topics; report mean matched similarity")
    add_corpus_arguments(stab)
    stab.add_argument("--k", type=at_least(2), default=20, help="number of topics (default: 20)")
    stab.add_argument("--seeds", default="0,1,2", help="comma-separated seeds (default: 0,1,2)")
    stab.add_argument("--metric", choices=("jsd", "cosine"), default="jsd",
                      help="topic similarity: 1 - Jensen-Shannon distance, or cosine (default: jsd)")
    stab.add_argument("--csv", metavar="FILE", help="write the per-topic similarities as CSV")
    _add_model_arguments(stab, seed=False)
    stab.set_defaults(handler=run_stability)


def _add_model_arguments(parser, seed: bool = True) -> None:
    g = parser.add_argument_group("model settings")
    if seed:
        g.add_argument("--seed", type=at_least(0), default=0, help="random seed (default: 0)")
    g.add_argument("--passes", type=at_least(1), default=5, help="passes over the corpus (default: 5)")
    g.add_argument("--init", choices=["nndsvd", "random"], default="nndsvd",
                   help="where a fit starts: a factorization of the documents, the same for every seed "
                        "(nndsvd, the default), or gensim's random draw, which changes with the seed (random)")
    g.add_argument("--iterations", type=at_least(1), default=50, help="E-step iterations per document (default: 50)")
    g.add_argument("--no-below", type=at_least(1), default=5, help="drop terms in fewer documents (default: 5)")
    g.add_argument("--no-above", type=share, default=0.5, help="drop terms in a larger share of documents (default: 0.5)")
    g.add_argument("--keep-n", type=at_least(1), default=50000, help="keep at most this many terms (default: 50000)")
    g.add_argument("--min-share", type=_share_below_one, default=None, metavar="SHARE",
                   help="also drop terms in fewer than this share of documents (default: the model's, see README)")
    g.add_argument("--only-lang", metavar="LANG", help="fit only on documents in this language")
    g.add_argument("--no-stem", action="store_true", help="no Arabic light stemming or English lemmas")
    g.add_argument("--heldout-every", type=at_least(2), metavar="N",
                   help="set every N-th document aside and fit on the others (choose-k default: 10)")


def _settings(args) -> dict:
    settings = {"passes": args.passes, "iterations": args.iterations, "no_below": args.no_below,
                "no_above": args.no_above, "keep_n": args.keep_n, "lang": args.only_lang,
                "stem": not args.no_stem, "heldout_every": args.heldout_every, "init": args.init, "verbose": True}
    if args.min_share is not None:
        settings["min_share"] = args.min_share
    return settings


def _share_below_one(text: str) -> float:
    value = share(text)
    if value >= 1:
        raise argparse.ArgumentTypeError(f"a share of documents below 1, got {text}")
    return value


def _ints(text: str, option: str) -> list[int]:
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise FramingError(f"{option} takes comma-separated whole numbers, got {text!r}") from None
    if not values:
        raise FramingError(f"{option} is empty")
    return values


def run_fit(args) -> int:
    from framing.topics.model import TopicModel

    corpus = open_corpus(args)
    extra = {name: value for name, value in (("refine_passes", args.refine_passes),
                                             ("member_passes", args.member_passes),
                                             ("member_share", args.member_share)) if value is not None}
    tm = TopicModel(k=args.k, seed=args.seed, sample=args.sample, n_seeds=args.n_seeds, workers=args.workers,
                    **extra, **_settings(args))
    tm.fit(corpus, corpus_sha256=file_sha256(args.path) if Path(args.path).is_file() else None,
           corpus_name=str(args.path))
    out = tm.save(args.out)
    print(f"saved {out} (fingerprint {tm.fingerprint}, {tm.metadata_['training']['n_documents']} documents, "
          f"{len(tm.dictionary_)} terms)")
    _print_topics(tm, 10)
    return 0


def run_show(args) -> int:
    from framing.topics.model import TopicModel

    tm = TopicModel.load(args.model)
    meta = tm.metadata_
    train = meta["training"]
    print(f"model        {args.model}")
    print(f"method       {meta['method']}  fingerprint {meta['fingerprint']}")
    print(f"topics       {tm.k}  seed {tm.seed}  passes {tm.passes}  start {train.get('start', 'random')}")
    print(f"trained on   {train['n_documents']} documents"
          + (f" (sample of {train['sample']['population']}, seed {train['sample']['seed']})" if train.get("sample") else "")
          + (f"  {train['corpus_name']}" if train.get("corpus_name") else ""))
    print(f"vocabulary   {train['vocabulary']} terms (of {train['vocabulary_before_pruning']}; "
          f"{train['merged_clitic_forms']} clitic forms merged)")
    if meta.get("coherence"):
        c = meta["coherence"]
        print(f"coherence    {c['mean']:.3f} ({c['measure']}, top {c['topn']} words; closer to 0 is better)")
    _print_topics(tm, args.n)
    if args.csv:
        tm.top_words(args.n).to_csv(args.csv, index=False)
        print(f"wrote {args.csv}")
    return 0


def _print_topics(tm, n: int) -> None:
    from framing.topics.consensus import stability_table

    words = tm.top_words(n)
    table = stability_table(tm)
    consensus = tm.metadata_.get("consensus")
    if consensus:
        print(f"stability    mean top-10 Jaccard of each topic with its {len(consensus['member_seeds'])} member fits "
              f"{table['stability'].mean():.3f} (member fits with each other: "
              f"{consensus['members_matched_jaccard']:.3f})")
    print("topic  stab.  label  |  top words")
    for topic, group in words.groupby("topic", sort=True):
        stab = table["stability"].iloc[topic]
        score = f"{stab:5.2f}" if stab == stab else "    -"
        print(f"{topic:5d}  {score}  {table['label'].iloc[topic]}  |  {' '.join(group['word'])}")


def run_evaluate(args) -> int:
    import json

    from framing.topics.evaluation import evaluate
    from framing.topics.model import TopicModel

    tm = TopicModel.load(args.model)
    every = args.heldout_every
    train = tm.metadata_["training"]
    if every is None and train.get("heldout_every"):
        # the same file: by its hash when the fit recorded one, else by its name
        recorded = train.get("corpus_sha256")
        same = Path(args.path).is_file() and (recorded == file_sha256(args.path) if recorded
                                               else train.get("corpus_name") == str(args.path))
        if same:
            every = train["heldout_every"]
            print(f"scoring the model's held-out documents (every {every}th of {args.path})", file=sys.stderr)
    report = evaluate(tm, open_corpus(args), heldout_every=every, topn=args.topn)
    report["model"] = {"path": str(args.model), "fingerprint": tm.fingerprint, "k": int(tm.k)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    base = report["baseline"]
    print(f"held-out documents  {report['documents']}" + (f" (every {every}th)" if every else ""))
    line = (f"NPMI@{report['topn']}             {report['npmi']:.3f} ({report['topics_below_zero']} of {tm.k} "
            f"topics below 0); frequent-term topics {base['frequent_terms']['npmi']:.3f}")
    if "members" in base:
        line += (f"; member fits {base['members']['npmi']:.3f} "
                 f"({base['members']['topics_below_zero']:.1f} below 0)")
    print(line)
    line = f"diversity@25        {report['diversity']:.3f}; frequent-term topics {base['frequent_terms']['diversity']:.3f}"
    if "members" in base:
        line += f"; member fits {base['members']['diversity']:.3f}"
    print(line)
    if report["stability"]:
        st = report["stability"]
        print(f"stability           top-10 Jaccard of each topic with its member fits "
              f"{st['topic_vs_members_jaccard']:.3f}; member fits with each other {st['members_matched_jaccard']:.3f}")
    return 0


def run_choose_k(args) -> int:
    from framing.topics.selection import choose_k

    ks = _ints(args.ks, "--ks")
    settings = _settings(args)
    settings["heldout_every"] = settings["heldout_every"] or 10
    table = choose_k(open_corpus(args), ks=ks, seed=args.seed, **settings)
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    best = table.loc[table["npmi"].idxmax()]
    print(f"highest held-out NPMI: k={int(best['k'])} ({best['npmi']:.3f}; frequent-term topics "
          f"{best['npmi_frequent_terms']:.3f}); read the topics too: coherence is a guide, not a verdict",
          file=sys.stderr)
    if args.csv:
        table.to_csv(args.csv, index=False)
    return 0


def run_stability(args) -> int:
    from framing.topics.selection import stability

    seeds = _ints(args.seeds, "--seeds")
    result = stability(open_corpus(args), k=args.k, seeds=seeds, metric=args.metric, **_settings(args))
    print(result.pairs.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(result.topics.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"stability ({args.metric}, mean matched similarity over {len(result.pairs)} pairs): {result.score:.3f}")
    if args.csv:
        result.topics.to_csv(args.csv, index=False)
    return 0
