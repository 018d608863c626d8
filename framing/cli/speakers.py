"""``framing speakers PATH``: who is quoted, how often, in how many documents."""

from __future__ import annotations

from framing.cli.common import add_corpus_arguments, at_least, corpus_options, open_corpus, progress


def register(sub) -> None:
    p = sub.add_parser("speakers", help="print the speakers of a corpus with their counts",
                       description="Attribute every reported statement in the corpus and print one row per "
                                   "speaker: id, name, kind, side, utterances and documents. PATH may also be "
                                   "a folder framing analyze wrote: its statements are counted as they are.")
    add_corpus_arguments(p)
    p.add_argument("--actors", metavar="FILE", action="append",
                   help="YAML actor registry that extends or overrides the shipped one (repeatable)")
    p.add_argument("--top", type=at_least(1), metavar="N", help="print only the N most quoted speakers")
    p.add_argument("--csv", action="store_true", help="print CSV instead of an aligned table")
    p.set_defaults(handler=run)


def run(args) -> int:
    import pandas as pd

    from framing.analysis.record import is_analysis_folder
    from framing.attribution import attribute
    from framing.attribution.actors import Registry

    registry = Registry.load(args.actors) if args.actors else Registry.load()
    if is_analysis_folder(args.path):
        u = _analysed_utterances(args)
    else:
        corpus = open_corpus(args)
        u = attribute(progress(iter(corpus), args, desc="speakers"), registry)
    table = speaker_counts(u, registry)
    if args.top:
        table = table.head(args.top)
    if args.csv:
        print(table.to_csv(index=False), end="")
    else:
        with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 60):
            print(table.to_string(index=False))
    return 0


def _analysed_utterances(args):
    """The utterances table of the analysis folder ``args.path``; reading and selection options are refused.

    The folder's statements were found as its run chose them (``run.json``): an option that reads or chooses
    documents cannot apply to them, and is an error rather than silently ignored.
    """
    from framing.errors import InputError
    from framing.tables import read_table

    options = corpus_options(args)
    given = [f"--{name}" for name, value in options.items()
             if name not in ("encoding", "selection") and value not in (None, {}, False)]
    given += ["--encoding"] if options["encoding"] != "utf-8" else []
    given += ["--where/--since/--until/--mentions/--sample"] if options["selection"] else []
    if given:
        raise InputError(f"{args.path}: a folder framing analyze wrote, whose statements are counted as they are; "
                         f"{', '.join(given)} (options for reading a corpus) cannot apply to them: give the corpus, "
                         "or leave them out")
    return read_table(args.path, "utterances")


def speaker_counts(utterances, registry=None):
    """One row per speaker: id, name, names in Arabic and English, kind, side, utterances, documents,
    mean confidence."""
    if utterances.empty:
        import pandas as pd

        return pd.DataFrame(columns=["speaker_id", "speaker", "kind", "side", "n_utterances", "n_documents",
                                     "confidence"])
    g = utterances.groupby("speaker_id", sort=False)
    table = g.agg(speaker=("speaker", "first"), kind=("speaker_kind", "first"), side=("side", "first"),
                  n_utterances=("utterance_id", "size"), n_documents=("doc_id", "nunique"),
                  confidence=("confidence", "mean")).reset_index()
    table["confidence"] = table["confidence"].round(2)
    if registry is not None:
        names = registry.to_frame()[["speaker_id", "name_en", "name_ar"]]
        table = table.merge(names, on="speaker_id", how="left")
        table = table[["speaker_id", "speaker", "name_ar", "kind", "side", "n_utterances", "n_documents",
                       "confidence"]].fillna({"name_ar": ""})
    return table.sort_values(["n_utterances", "speaker"], ascending=[False, True], kind="stable")
