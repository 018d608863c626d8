"""``framing analyze PATH --out DIR``: the analysis tables of a corpus."""

from __future__ import annotations

from framing.cli.common import add_corpus_arguments, open_corpus, progress


def register(sub) -> None:
    p = sub.add_parser("analyze", help="find who said what and write the analysis tables",
                       description="Read a corpus, find every reported statement and its speaker, and write "
                                   "documents, utterances, measures (sentiment, stance, topics), speakers, outlets and periods "
                                   "tables (Parquet and CSV) to --out.")
    add_corpus_arguments(p)
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the tables")
    p.add_argument("--actors", metavar="FILE", action="append",
                   help="YAML actor registry that extends or overrides the shipped one (repeatable)")
    m = p.add_argument_group("measures and aggregates")
    m.add_argument("--targets", metavar="FILE", help="stance targets YAML (default: the shipped targets)")
    m.add_argument("--topic-model", metavar="MODEL", help="a topic model saved by `framing topics fit`")
    m.add_argument("--use-side", action="store_true",
                   help="let the speaker's side inform stance (method stance.cues+side.v1)")
    m.add_argument("--seed", type=int, default=0, help="seed of the bootstrap confidence intervals (default 0)")
    m.add_argument("--n-boot", type=int, default=1000, help="bootstrap replicates (default 1000)")
    m.add_argument("--min-utterances", type=int, default=3,
                   help="speakers with fewer utterances are flagged low_n (default 3)")
    m.add_argument("--period", default="M", choices=("D", "W", "M", "Q", "Y"),
                   help="period of the per-period table (default M, months)")
    r = p.add_argument_group("running")
    r.add_argument("--workers", type=int, default=1, metavar="N",
                   help="processes for attribution and measures (same tables for any N; default 1)")
    r.add_argument("--batch-size", type=int, default=500, metavar="N", help="documents per unit of work (default 500)")
    p.set_defaults(handler=run)


def run(args) -> int:
    from framing.actors import Registry
    from framing.analysis import analyze, write_tables

    corpus = open_corpus(args)
    registry = Registry.load(args.actors) if args.actors else Registry.load()
    tables = analyze(corpus, registry=registry, targets=args.targets, topic_model=args.topic_model,
                     use_side=args.use_side, n_boot=args.n_boot, seed=args.seed,
                     min_utterances=args.min_utterances, period=args.period, workers=args.workers,
                     batch_size=args.batch_size, progress=lambda it: progress(it, args, desc="analyze"))
    manifest = corpus.manifest.summary() if hasattr(corpus.manifest, "summary") else None
    paths = write_tables(tables, args.out, manifest=manifest)
    u = tables["utterances"]
    print(f"{len(tables['documents'])} documents, {len(u)} utterances, {u['speaker_id'].nunique()} speakers")
    print(f"wrote {len(paths)} files to {args.out}")
    return 0
