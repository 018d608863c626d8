"""``framing analyze PATH --out DIR``: the analysis tables of a corpus."""

from __future__ import annotations

from framing.cli.common import add_corpus_arguments, at_least, open_corpus, progress


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
    m.add_argument("--targets", metavar="FILE",
                   help="stance targets YAML replacing the list (default: the shipped targets)")
    m.add_argument("--add-targets", metavar="FILE",
                   help="stance targets YAML added to the list (the shipped one, or --targets)")
    m.add_argument("--issuer-voice", action="store_true",
                   help="read every sentence no quotation or reported statement covers as a statement of the "
                        "document's issuer (the person a 'Statement from ...' title names, else the outlet): for "
                        "press releases and official statements")
    m.add_argument("--stance-method", choices=("cues", "news"), default="news",
                   help="stance scorer: the model learned from coded news (default; it also reads a "
                        "statement's paragraph, headline and article, and decides per speaker in an article), or "
                        "the cue rules alone (faster, far less accurate on news)")
    m.add_argument("--sentiment-method", choices=("news", "lexicon"), default="news",
                   help="sentiment scorer for Arabic statements: the model learned from coded news events "
                        "(default), or the word lists (for Arabic text that is not news; a little faster). "
                        "Other languages are scored by their word lists either way")
    m.add_argument("--topic-model", metavar="MODEL", help="a topic model saved by `framing topics fit`")
    m.add_argument("--dictionary", action="append", default=[], metavar="FILE",
                   help="a dictionary whose categories are counted in every utterance (YAML category -> terms, "
                        "quanteda YAML, LIWC .dic, Lexicoder .lc3/.lcd; repeatable): dict_<name>_<category> columns")
    m.add_argument("--model", action="append", default=[], metavar="DIR",
                   help="a label model trained on your codebook (framing validate train --what labels; "
                        "repeatable): label_<name>_<label> probabilities and label_<name>")
    m.add_argument("--stance-model", metavar="DIR",
                   help="a stance model you trained, in place of --stance-method: a news stance model "
                        "(`framing train stance --out DIR`), read as the shipped one, or one trained on your "
                        "coding (the stance folder of `framing validate train`), giving the targets it learned")
    m.add_argument("--no-stance-priors", action="store_true",
                   help="read each target the news stance model learned no balance of sides for (one it was not "
                        "trained on, or any in statements of a language it learned none in) with every side equally "
                        "likely, not with the balance of sides its statements show in a sample of the corpus "
                        "(up to 2,000 documents, recorded in run.json)")
    m.add_argument("--stance-priors", metavar="FILE",
                   help="balances of sides you give for some targets, from your own coded sample of their statements "
                        "(YAML: `Target name: {favor: 40, against: 3, neutral: 7}`, counts or shares): each is read "
                        "as a target the model was not trained on, with that balance, in place of the corpus' or the "
                        "training articles' (recorded in run.json)")
    m.add_argument("--sentiment-model", metavar="DIR",
                   help="a sentiment model you trained, in place of --sentiment-method: an Arabic news model "
                        "(`framing train sentiment-news --out DIR`), read as the shipped one, or one trained "
                        "on your coding (the sentiment folder of `framing validate train`), for every language")
    m.add_argument("--no-frames", action="store_true",
                   help="leave out the shipped generic frames (frame_<name> columns; experimental)")
    m.add_argument("--use-side", action="store_true",
                   help="with --stance-method cues: let the speaker's side inform stance (method "
                        "stance.cues+side.v1; the news method reads the side already)")
    m.add_argument("--seed", type=at_least(0), default=0, help="seed of the bootstrap confidence intervals (default 0)")
    m.add_argument("--n-boot", type=at_least(0), default=1000, help="bootstrap replicates (default 1000)")
    m.add_argument("--min-utterances", type=at_least(0), default=3,
                   help="speakers with fewer utterances are flagged low_n (default 3)")
    m.add_argument("--period", default="M", choices=("D", "W", "M", "Q", "Y"),
                   help="period of the per-period table (default M, months)")
    m.add_argument("--resample", default="utterance", choices=("utterance", "document"),
                   help="bootstrap unit of the speakers, outlets and periods tables: utterances (default) or "
                        "documents, a cluster bootstrap (intervals over articles: the honest ones for the news "
                        "stance method, which gives one decision per speaker and article to all their statements)")
    m.add_argument("--no-merge-variants", action="store_true",
                   help="keep every way of writing an unregistered person's name as its own speaker (by default "
                        "a short form and the one long form of a name, with shared title words or an article "
                        "naming both, are one speaker; speaker_merges lists each merge and its evidence)")
    m.add_argument("--keep-duplicates", action="store_true",
                   help="let documents flagged as duplicates (duplicate_of) count in the speakers, outlets and "
                        "periods tables (by default they are kept in the other tables but left out of these)")
    r = p.add_argument_group("running (the tables are the same on every engine and for any N)")
    r.add_argument("--workers", type=at_least(1), default=1, metavar="N",
                   help="processes for attribution and measures; with --engine dask and no --scheduler, the "
                        "size of a local Dask cluster (default 1)")
    r.add_argument("--engine", choices=("local", "dask"), default=None,
                   help="local (this machine's processes, the default) or dask (a Dask cluster; "
                        "needs pip install 'framing[dask]')")
    r.add_argument("--scheduler", metavar="ADDRESS",
                   help="address of a running Dask scheduler, e.g. tcp://scheduler.example.org:8786 (implies --engine dask)")
    r.add_argument("--batch-size", type=at_least(1), metavar="N",
                   help="documents per unit of work (default 1000)")
    r.add_argument("--restart", action="store_true",
                   help="discard an unfinished run in --out instead of resuming it (an interrupted run "
                        "resumes by default: batches already written are not redone)")
    r.add_argument("--keep-parts", action="store_true",
                   help="keep --out/parts/ (the tables partitioned by batch, and the progress log)")
    p.set_defaults(handler=run)


def run(args) -> int:
    from framing.attribution.actors import Registry
    from framing.analysis.options import RunOptions
    from framing.analysis.run import analyze_to

    if args.dictionary:  # a bad dictionary file fails now, not in the first batch
        from framing.frames.dictionary import load_dictionary

        for path in args.dictionary:
            load_dictionary(path)
    if args.model:  # a folder that is not a label model fails now, not in the first batch
        from framing.frames.supervised import LabelModels

        LabelModels(args.model).fit()
    corpus = open_corpus(args)
    registry = Registry.load(args.actors) if args.actors else Registry.load()
    targets = args.targets
    if args.add_targets:
        from framing.stance.targets import combine_targets

        targets = combine_targets(args.targets, args.add_targets)
    options = RunOptions(registry=registry, targets=targets, topic_model=args.topic_model,
                         use_side=args.use_side, stance_method=args.stance_method,
                         sentiment_method=args.sentiment_method,
                         issuer_voice=args.issuer_voice, n_boot=args.n_boot, seed=args.seed,
                         min_utterances=args.min_utterances, period=args.period, resample=args.resample,
                         keep_duplicates=args.keep_duplicates, merge_variants=not args.no_merge_variants,
                         frames=not args.no_frames,
                         dictionaries=tuple(args.dictionary), models=tuple(args.model),
                         stance_model=args.stance_model, sentiment_model=args.sentiment_model,
                         stance_priors=not args.no_stance_priors, stance_balances=args.stance_priors,
                         workers=args.workers,
                         batch_size=args.batch_size, engine=args.engine, scheduler=args.scheduler,
                         restart=args.restart, keep_parts=args.keep_parts,
                         progress=lambda it, desc="analyze": progress(it, args, desc=desc))
    summary = analyze_to(corpus, args.out, options)
    if summary["resumed"]:
        print(f"resumed: {summary['resumed']} of {summary['batches']} batches were already written")
    print(", ".join(f"{summary[k]} {k[:-1] if summary[k] == 1 else k}" for k in ("documents", "utterances", "speakers")))
    priors = summary.get("stance_priors") or {}
    renamed = _read_as(args.out)
    if renamed:
        # a target of the researcher's own name that the model learned under another: its balance is the model's
        print("stance targets read as the model's training targets whose aliases they share: "
              + ", ".join(f"{name} as {trained}" for name, trained in renamed.items()))
    estimated = {name: b for name, b in priors.items() if not b.get("given")}
    if estimated:
        # the researcher sees what their new targets' sides were read with, and can turn it off
        print("stance targets the model learned no balance of sides for (here), read with their balance in a sample "
              "of the corpus (favor / against / neutral; --no-stance-priors for none):")
        from framing.stance.priors import one_sided_note

        for name, b in estimated.items():
            note = one_sided_note(b)
            warning = f"; {note}" if note else ""
            print(f"  {name}: {b['favor']:.2f} / {b['against']:.2f} / {b['neutral']:.2f} "
                  f"({b['candidates']} statement{'' if b['candidates'] == 1 else 's'} with it in or around them{warning})")
        # the estimate follows the model's own reading, which takes conflict news for "against"
        print("  (estimated from what the model reads; a target most sources favour can come out against: "
              "count your own coded statements with `framing validate balances` and give them with --stance-priors)")
    given = {name: b for name, b in priors.items() if b.get("given")}
    if given:
        print(f"stance targets read with the balance of sides given in {args.stance_priors} (favor / against / neutral):")
        for name, b in given.items():
            counted = f" ({b['candidates']} coded statements)" if b.get("candidates") is not None else ""
            print(f"  {name}: {b['favor']:.2f} / {b['against']:.2f} / {b['neutral']:.2f}{counted}")
    print(f"wrote {len(summary['paths'])} files to {args.out}")
    return 0


def _read_as(out) -> dict[str, str]:
    """{target: training target} for the run's targets its stance model knows under another name (``run.json``)."""
    from framing.analysis.record import read_run_record

    rows = (read_run_record(out).get("stance_quality") or {}).get("targets") or []
    return {r["target"]: r["trained_as"] for r in rows if r.get("trained_as")}
