"""``framing validate sample|agreement|score|train|balances``: validation against human coding.

Examples
--------
>>> main(["validate", "sample", "corpora/seed", "--n", "20", "--out", "sheets/seed.csv"])   # doctest: +SKIP
>>> main(["validate", "agreement", "coder1.csv", "coder2.csv"])                             # doctest: +SKIP
>>> main(["validate", "score", "coder1.csv", "--key", "sheets/seed.key.csv"])               # doctest: +SKIP
>>> main(["validate", "train", "coder1.csv", "coder2.csv", "--out", "models/"])              # doctest: +SKIP
>>> main(["validate", "balances", "coder1.csv", "coder2.csv", "--out", "balances.yml"])      # doctest: +SKIP
"""

from __future__ import annotations

import json
from pathlib import Path

from framing.cli.common import add_corpus_arguments, open_corpus, progress
from framing.errors import FramingError


def register(sub) -> None:
    p = sub.add_parser("validate", help="coding sheets, agreement between coders, the machine against them",
                       description="Validate the automatic measures against human coding.")
    what = p.add_subparsers(dest="what", metavar="STEP", required=True)

    s = what.add_parser("sample", help="draw a stratified sample of utterances and write a coding sheet",
                        description="Analyse a corpus (or take --tables), draw a stratified sample of utterances "
                                    "and write a coding sheet for human coders (CSV, and XLSX with a codebook "
                                    "when openpyxl is installed) and its key (the machine's answers, "
                                    "<out>.key.csv). Cells keep the corpus text exactly; coders should work in the "
                                    "XLSX, where every cell is text, or import the CSV with every column as text: "
                                    "spreadsheet apps evaluate CSV cells that begin with =, +, - or @.")
    add_corpus_arguments(s)
    s.add_argument("--out", required=True, metavar="FILE", help="the sheet to write (sheet.csv or sheet.xlsx)")
    s.add_argument("--n", type=int, default=200, help="utterances in the sample (default 200)")
    s.add_argument("--by", choices=("speaker", "outlet", "none"), default="speaker",
                   help="stratify by speaker or outlet, or not at all (default speaker)")
    s.add_argument("--seed", type=int, default=0, help="seed of the sample (default 0)")
    s.add_argument("--tables", metavar="DIR", help="a `framing analyze` folder of this corpus (skips the analysis)")
    s.add_argument("--targets", metavar="FILE", help="stance targets YAML (default: the shipped targets)")
    s.add_argument("--actors", metavar="FILE", action="append", help="extra actor registry YAML (repeatable)")
    s.add_argument("--show-machine", action="store_true",
                   help="show the machine's kind, sentiment and stance in the sheet (hidden by default)")
    s.add_argument("--workers", type=int, default=1, metavar="N", help="processes for the analysis (default 1)")
    s.add_argument("--codebook", action="append", default=[], metavar="FILE",
                   help="a codebook of your own (YAML: name, labels, multi): the sheet gets an empty column of its "
                        "name for coders, and its labels in the codebook sheet (repeatable)")
    s.set_defaults(handler=run_sample)

    a = what.add_parser("agreement", help="Krippendorff's alpha between coders, with bootstrap intervals",
                        description="Krippendorff's alpha between the coders of coded sheets: nominal for labels, "
                                    "interval for sentiment and stance on their -1/0/1 scale and for *_score "
                                    "columns, per variable and per category, with bootstrap intervals over units.")
    a.add_argument("sheets", nargs="+", metavar="SHEET",
                   help="coded sheets (CSV, TSV or XLSX), or JSONL codes, one file per coder: attribution events, "
                        "stance, or document labels such as frames ({\"doc\": ..., \"frames\": [...]})")
    _add_shared(a)
    a.add_argument("--no-categories", action="store_true", help="leave out the per-category rows")
    a.set_defaults(handler=run_agreement)

    c = what.add_parser("score", help="the machine against the coders: P/R/F1, confusion matrices, alpha",
                        description="Compare the machine's speaker, kind, sentiment and stance with coded sheets "
                                    "(the coders' majority): event-level attribution P/R/F1 as `framing eval "
                                    "attribution` counts it, per-class P/R/F1, macro-F1, confusion matrices, and "
                                    "alpha with the machine as a coder.")
    c.add_argument("sheets", nargs="+", metavar="SHEET", help="coded sheets (CSV, TSV or XLSX)")
    _add_machine(c)
    _add_shared(c)
    c.add_argument("--coder", help="compare with this coder only (default: the coders' majority)")
    c.set_defaults(handler=run_score)

    t = what.add_parser("train", help="train the supervised sentiment and stance scorers on coded sheets",
                        description="Train the supervised sentiment and stance scorers on the coders' labels, "
                                    "printing k-fold cross-validation first and saving it in each model's metadata.")
    t.add_argument("sheets", nargs="+", metavar="SHEET", help="coded sheets (CSV, TSV or XLSX)")
    t.add_argument("--out", required=True, metavar="DIR", help="folder for the models and training.json")
    t.add_argument("--what", choices=("sentiment", "stance", "both", "labels"), default="both",
                   help="the shipped scorers (sentiment, stance, both), or labels: a model of your own codebook's "
                        "variable (--codebook), applied with framing analyze --model OUT/NAME")
    t.add_argument("--codebook", metavar="FILE",
                   help="with --what labels: YAML with name (the sheet column coders filled), labels, multi")
    t.add_argument("--targets", metavar="FILE", help="stance targets YAML (default: the shipped targets)")
    t.add_argument("--folds", type=int, default=5)
    t.add_argument("--seed", type=int, default=0)
    t.set_defaults(handler=run_train)

    b = what.add_parser("balances", help="each target's balance of sides in coded sheets, for --stance-priors",
                        description="Count, per target, the statements the coders' majority codes favor, against "
                                    "or neutral in coded sheets, and write them as the file `framing analyze "
                                    "--stance-priors` reads: the news stance model then reads each of these targets "
                                    "with your coders' balance of sides rather than one estimated from the corpus.")
    b.add_argument("sheets", nargs="+", metavar="SHEET", help="coded sheets (CSV, TSV or XLSX)")
    b.add_argument("--out", required=True, metavar="FILE", help="the YAML file to write (never written over)")
    b.add_argument("--targets", metavar="FILE", help="the stance targets YAML the sheet was drawn with "
                                                     "(default: the shipped targets)")
    b.set_defaults(handler=run_balances)


def _add_machine(p) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--key", metavar="FILE", help="the key written beside the sheet (sheet.key.csv)")
    g.add_argument("--pred", metavar="DIR", help="the `framing analyze` folder the sheet was drawn from")


def _add_shared(p) -> None:
    p.add_argument("--speakers", metavar="FILE", help="speaker aliases (JSON), for coders who name speakers")
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap replicates (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="seed of the bootstrap (default 0)")
    p.add_argument("--ci", type=float, default=0.95, help="level of the intervals (default 0.95)")
    p.add_argument("--out", metavar="DIR", help="also write the tables as CSV to this folder")
    p.add_argument("--json", action="store_true", help="print the result as JSON")


def _aliases(args):
    from framing.attribution.evaluate import read_speaker_aliases

    return read_speaker_aliases(args.speakers)


def _write(tables: dict, folder: str | None) -> None:
    if not folder:
        return
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        table.to_csv(out / f"{name}.csv", index=False)
    print(f"wrote {', '.join(f'{n}.csv' for n in tables)} to {out}")


def run_sample(args) -> int:
    from framing.attribution.actors import Registry
    from framing.validation import sample_corpus, write_sheet

    from framing.frames.supervised import load_codebook

    books = [load_codebook(p) for p in args.codebook]  # a bad codebook fails before the analysis
    corpus = open_corpus(args)
    registry = Registry.load(args.actors) if args.actors else None
    sheet, key = sample_corpus(corpus, n=args.n, by=args.by, seed=args.seed, tables=args.tables,
                               registry=registry, targets=args.targets, show_machine=args.show_machine,
                               workers=args.workers, progress=lambda it: progress(it, args, desc="analyze"))
    paths = write_sheet(sheet, args.out, key, codebooks=books)
    strata = sheet["stratum"].nunique()
    print(f"{len(sheet)} utterances from {sheet['doc_id'].nunique()} documents, {strata} strata "
          f"(by {args.by}, seed {args.seed})")
    print("wrote " + ", ".join(str(p) for p in paths))
    return 0


def _code_kinds() -> list[tuple]:
    """The JSONL codes ``validate agreement`` reads, in the order files are tested for them.

    Each: (is one of them, long table of units from the files, alpha table from it, message when no unit is
    coded twice or None, one-line summary of the units, message when mixed with other files).
    """
    from framing.validation.events import event_agreement, event_counts, event_units, is_event_file, read_event_files
    from framing.validation.label_codes import is_label_file, label_agreement, label_units, read_label_files
    from framing.validation.stance_codes import is_stance_file, read_stance_files, stance_agreement, stance_units

    def label_summary(long):
        return f"{long['doc'].nunique()} documents coded more than once, {long['label'].nunique()} labels"

    def stance_summary(long):
        counts = long.groupby("kind")["unit"].nunique().to_dict()
        return "units in articles coded more than once: " + ", ".join(f"{n} {kind}" for kind, n in
                                                                      sorted(counts.items()))

    def event_summary(long):
        counts = event_counts(long)
        return (f"{counts['units']} cues marked in articles coded more than once: {counts['marked_by_all']} by "
                f"every coder of the article, {counts['marked_by_some']} by some only")

    return [
        # document labels (doc and a list of labels, such as frames): each label present or absent
        (is_label_file, lambda paths: label_units(read_label_files(paths)), label_agreement,
         "no document was coded by two coders in these files: nothing to compare", label_summary,
         "give document labels (JSONL with doc and a list of labels) on their own, not with other files"),
        # stance codes: statement, event and speaker units of articles coded more than once
        (is_stance_file, lambda paths: stance_units(read_stance_files(paths)), stance_agreement,
         "no article was coded by two coders in these files: nothing to compare", stance_summary,
         "give stance codes (JSONL with stance and target) on their own, not with other files"),
        # attribution events: units are the cues any coder marked
        (is_event_file, lambda paths: event_units(read_event_files(paths)), event_agreement, None, event_summary,
         "give either coded sheets (CSV, TSV, XLSX) or coded attribution events (JSONL), not both in one run"),
    ]


def run_agreement(args) -> int:
    from framing.validation import agreement_table, format_table, read_sheets

    for is_kind, units, agreement, nothing, summary, mixed in _code_kinds():
        found = {is_kind(p) for p in args.sheets}
        if found == {True}:
            long = units(args.sheets)
            if nothing and long.empty:
                raise FramingError(nothing)
            table = agreement(long, n_boot=args.n_boot, seed=args.seed, ci=args.ci)
            # the coders of documents coded more than once: the others add no pairable value
            coders = sorted(set(long["coder"]))
            if not args.json:
                print(summary(long))
            break
        if True in found:
            raise FramingError(mixed)
    else:
        coded = read_sheets(args.sheets)
        table = agreement_table(coded, per_category=not args.no_categories, n_boot=args.n_boot, seed=args.seed,
                                ci=args.ci, aliases=_aliases(args))
        coders = sorted(set(coded["coder"]))
    if args.json:
        print(json.dumps({"coders": coders, "alpha": table.to_dict("records")}, ensure_ascii=False, indent=2))
    else:
        print(format_table(table, title=f"Krippendorff's alpha between {len(coders)} coders ({', '.join(coders)}); "
                                        f"{int(args.ci * 100)}% bootstrap CI over units, {args.n_boot} replicates"))
    _write({"agreement": table}, args.out)
    return 0


def run_score(args) -> int:
    from framing.validation import format_validation_scores, read_key, read_machine, read_sheets, score_sheets

    coded = read_sheets(args.sheets)
    machine = read_key(args.key) if args.key else read_machine(args.pred) if args.pred else None
    result = score_sheets(coded, machine, aliases=_aliases(args), coder=args.coder, n_boot=args.n_boot,
                          seed=args.seed, ci=args.ci)
    tables = {k: result[k] for k in ("events", "summary", "classes", "confusion", "alpha")}
    if args.json:
        payload = {"attribution": result["attribution"], "coders": result["coders"], "notes": result["notes"],
                   **{k: t.to_dict("records") for k, t in tables.items()}}
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        print(format_validation_scores(result))
    _write(tables, args.out)
    return 0


def run_train(args) -> int:
    from framing.validation import read_sheets, train_from_sheets

    coded = read_sheets(args.sheets)
    if args.what == "labels":
        from framing.errors import InputError
        from framing.validation.training import train_labels

        if not args.codebook:
            raise InputError("--what labels needs --codebook FILE (name, labels, multi)")
        r = train_labels(coded, args.codebook, args.out, folds=args.folds, seed=args.seed)
        print(f"{r['model'].name}: {r['n']} coded rows -> {r['path']} (apply it: framing analyze CORPUS "
              f"--model {r['path']})")
        return 0
    what = ("sentiment", "stance") if args.what == "both" else (args.what,)
    results = train_from_sheets(coded, args.out, what=what, targets=args.targets, folds=args.folds, seed=args.seed)
    for name, r in results.items():
        print(f"{name}: {r['n']} coded rows -> {r['path']}")
    return 0


def run_balances(args) -> int:
    from framing.stance.targets import load_targets
    from framing.validation import read_sheets
    from framing.validation.balances import coded_balances, write_balances

    balances = coded_balances(read_sheets(args.sheets), load_targets(args.targets))
    path = write_balances(balances, args.out, sources=args.sheets)
    print("coded statements per target (favor / against / neutral; the coders' majority per statement):")
    for name, c in balances.items():
        print(f"  {name}: {c['favor']} / {c['against']} / {c['neutral']}")
    print(f"wrote {path}; read the corpus with them: framing analyze CORPUS --stance-priors {path}")
    return 0
