"""``framing report PATH [-p key=value ...] [--out DIR]``: a reproducible report of a corpus.

Runs ``notebooks/report.ipynb`` with Papermill and writes ``reports/NAME/``
(the executed notebook, HTML without code, tables, figures, provenance.json,
methods.md).  Reader options are the same as for ``framing analyze``;
notebook parameters go with ``-p`` (``-p seed=1 -p topic_model=models/k20``).
``--notebook validate`` runs ``notebooks/validate.ipynb`` instead: PATH is then
a coded sheet or a folder of them, and the report is the validation appendix
(agreement, the machine against the coders, confusion matrices).

Examples
--------
>>> from framing.cli import main
>>> main(["report", "corpora/seed"])                                          # doctest: +SKIP
wrote reports/seed (report.html, report.ipynb, tables/, figures/, provenance.json, methods.md)
0
>>> main(["report", "coding", "--notebook", "validate", "-p", "key=coding/sheet.key.csv"])  # doctest: +SKIP
wrote reports/coding (figures/, methods.md, provenance.json, report.html, report.ipynb, tables/)
0
"""

from __future__ import annotations

import sys
from pathlib import Path

from framing.cli.common import add_corpus_arguments, at_least, corpus_options, progress


def register(sub) -> None:
    p = sub.add_parser("report", help="run the report notebook on a corpus (HTML, tables, figures, provenance)",
                       description="Execute the parameterized report notebook with Papermill and write the "
                                   "executed notebook, an HTML rendering without code, tables (CSV and LaTeX), "
                                   "figures (PNG and PDF), provenance.json and methods.md to --out. The previous "
                                   "report there is replaced only when every cell ran, and only when --out is "
                                   "new, empty, or a report folder framing wrote with no other files in it.")
    add_corpus_arguments(p, optional_path=True)
    p.add_argument("--from", dest="analysis", metavar="OUT",
                   help="make the report from the tables of an analysis folder (framing analyze --out OUT) "
                        "instead of analysing PATH")
    p.add_argument("-p", "--parameter", dest="parameters", action="append", default=[], metavar="KEY=VALUE",
                   help="a notebook parameter, e.g. -p seed=1 -p topic_model=models/k20 -p 'title=Ukraine, 2022' "
                        "(numbers, true/false, null and [..]/{..} are typed; repeatable)")
    p.add_argument("--out", metavar="DIR", help="report folder (default: reports/NAME, NAME from PATH); an existing "
                                                "folder must be empty or a previous report")
    r = p.add_argument_group("running")
    r.add_argument("--notebook", metavar="FILE|NAME",
                   help="the notebook to run: a path, or the name of one in notebooks/ (validate: the validation "
                        "appendix of a folder of coded sheets); default notebooks/report.ipynb")
    r.add_argument("--timeout", type=int, default=600, metavar="SECONDS",
                   help="longest a single cell may run (default 600)")
    r.add_argument("--kernel", metavar="NAME", help="Jupyter kernel (default: the Python running framing)")
    r.add_argument("--workers", type=at_least(1), default=1, metavar="N",
                   help="processes for the analysis of PATH made before the notebook runs (default 1)")
    r.add_argument("--keep-duplicates", action="store_true",
                   help="let documents flagged as duplicates count in the aggregates (as -p keep_duplicates=true)")
    p.set_defaults(handler=run)


def default_out(path: str | None, analysis: str | None = None) -> Path:
    """``reports/NAME``, NAME from the corpus path without its extensions.

    >>> default_out("corpora/seed").as_posix(), default_out("data/news.jsonl.gz").as_posix()
    ('reports/seed', 'reports/news')
    >>> default_out(None, "out/snn").as_posix()
    'reports/snn'
    """
    name = Path((path or analysis or "report").rstrip("/\\")).name.split(".")[0] or "report"
    return Path("reports") / name


def reader_options(args) -> dict:
    """The reader options the user set (defaults left out, so the notebook shows only what matters)."""
    options = corpus_options(args)
    options["selection"] = options["selection"].to_dict()  # a notebook parameter: plain JSON
    defaults = {"encoding": "utf-8"}
    return {k: v for k, v in options.items() if v not in (None, {}, False) and defaults.get(k) != v}


def run(args) -> int:
    from framing.report.runner import parse_parameter, run_report

    from framing.errors import InputError

    params = dict(parse_parameter(text) for text in args.parameters)
    options = reader_options(args)
    if args.analysis and args.path is None and options:
        raise InputError(f"--from {args.analysis}: the documents were chosen and read when it was analysed; "
                         f"reader and selection options ({', '.join(sorted(options))}) go to `framing analyze`")
    if args.analysis is None and args.path is None:
        raise InputError("give a corpus (PATH) or an analysis folder (--from OUT)")
    if args.keep_duplicates:
        params["keep_duplicates"] = True
    out = Path(args.out) if args.out else default_out(args.path, args.analysis)
    final = run_report(args.path, out, parameters=params, reader_options=options, notebook=args.notebook,
                       timeout=args.timeout, kernel=args.kernel, analysis=args.analysis, workers=args.workers,
                       progress=lambda it: progress(it, args, desc="analyze"),
                       log=lambda line: print(line, file=sys.stderr, flush=True))
    names = sorted(p.name + ("/" if p.is_dir() else "") for p in final.iterdir())
    print(f"wrote {final} ({', '.join(names)})")
    return 0
