"""``framing analyze PATH --out DIR``: the analysis tables of a corpus."""

from __future__ import annotations

from framing.cli.common import add_corpus_arguments, open_corpus, progress


def register(sub) -> None:
    p = sub.add_parser("analyze", help="find who said what and write the analysis tables",
                       description="Read a corpus, find every reported statement and its speaker, and write "
                                   "documents and utterances tables (Parquet and CSV) to --out.")
    add_corpus_arguments(p)
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the tables")
    p.add_argument("--actors", metavar="FILE", action="append",
                   help="YAML actor registry that extends or overrides the shipped one (repeatable)")
    p.set_defaults(handler=run)


def run(args) -> int:
    from framing.actors import Registry
    from framing.analysis import analyze, write_tables

    corpus = open_corpus(args)
    registry = Registry.load(args.actors) if args.actors else Registry.load()
    tables = analyze(corpus, registry=registry, progress=lambda it: progress(it, args, desc="analyze"))
    manifest = corpus.manifest.summary() if hasattr(corpus.manifest, "summary") else None
    paths = write_tables(tables, args.out, manifest=manifest)
    u = tables["utterances"]
    print(f"{len(tables['documents'])} documents, {len(u)} utterances, {u['speaker_id'].nunique()} speakers")
    print(f"wrote {len(paths)} files to {args.out}")
    return 0
