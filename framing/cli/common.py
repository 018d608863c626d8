"""Options every corpus-reading command shares, and opening the corpus from them.

A command adds the reader options with :func:`add_corpus_arguments` and
gets its :class:`~framing.corpus.documents.Corpus` from :func:`open_corpus`, so
``framing corpus info``, ``framing analyze`` and ``framing report`` read a
corpus the same way.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser()
>>> add_corpus_arguments(parser)
>>> args = parser.parse_args(["news.csv", "--text-col", "article", "--limit", "5"])
>>> corpus_options(args)["columns"], corpus_options(args)["limit"]
({'text': 'article'}, 5)
"""

from __future__ import annotations

import argparse
import sys

#: --<role>-col option -> column role of :func:`framing.corpus.documents.read_corpus`
COLUMN_OPTIONS = {"id_col": "id", "title_col": "title", "text_col": "text", "date_col": "date",
                  "outlet_col": "outlet", "url_col": "url", "lang_col": "lang"}


def at_least(least: int):
    """An argparse ``type`` for whole numbers of at least ``least``: a bad value is a usage error (exit 2).

    >>> at_least(1)("3")
    3
    >>> at_least(0)("-5")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '-5' is not a whole number of at least 0
    """
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < least:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least {least}")
        return value

    parse.__name__ = f"whole number >= {least}"
    return parse


def share(text: str) -> float:
    """An argparse ``type`` for a number between 0 and 1 (exclusive of 0).

    >>> share("0.5")
    0.5
    """
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is None or not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number greater than 0 and at most 1")
    return value


def one_character(text: str) -> str:
    r"""An argparse ``type`` for a CSV delimiter: exactly one character (``\t`` or ``tab`` for a tab).

    >>> one_character(";")
    ';'
    >>> one_character(r"\t") == one_character("tab") == "\t"
    True
    """
    value = {"\\t": "\t", "tab": "\t"}.get(text, text)
    if len(value) != 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not one character (a CSV delimiter is one, e.g. ';')")
    return value


def add_corpus_arguments(parser: argparse.ArgumentParser, *, sample: bool = True, optional_path: bool = False) -> None:
    """Add ``PATH``, the reader options (``--format``, ``--text-col`` ... ``--limit``, ``--progress``) and the
    selection (``--where``, ``--since``, ``--until``, ``--mentions``, ``--sample``, ``--sample-seed``).

    ``sample=False`` leaves out ``--sample`` and ``--sample-seed``, for a command with a sample of its own;
    ``optional_path=True`` lets PATH be left out (a command that can read something else instead).
    """
    parser.add_argument("path", metavar="PATH", nargs="?" if optional_path else None,
                        help="corpus: a folder of .txt files (with metadata.csv), or a .jsonl[.gz], .csv/.tsv or .parquet file")
    g = parser.add_argument_group("reading the corpus")
    g.add_argument("--format", choices=("txt", "jsonl", "csv", "parquet"),
                   help="input format (default: from the file name; in a folder, read only this format)")
    for opt, role in COLUMN_OPTIONS.items():
        g.add_argument(f"--{opt.replace('_', '-')}", dest=opt, metavar="NAME",
                       help=f"input column holding the document {role} (default: found by common names)")
    g.add_argument("--encoding", default="utf-8",
                   help="encoding of files without a byte-order mark, e.g. cp1256 (default: utf-8)")
    g.add_argument("--delimiter", type=one_character, help="CSV delimiter, one character (default: sniffed from the header)")
    g.add_argument("--metadata", metavar="FILE",
                   help="metadata for .txt files (CSV/TSV/JSONL with a 'file' column; default: metadata.csv in the folder)")
    g.add_argument("--lang", help="language of documents whose metadata gives none (skips detection)")
    g.add_argument("--outlet", help="outlet of documents whose metadata gives none")
    g.add_argument("--limit", type=at_least(0), metavar="N", help="read only the first N documents")
    c = parser.add_argument_group("choosing documents (each recorded in the manifest and provenance)")
    c.add_argument("--where", action="append", default=[], metavar="FIELD=VALUE[,VALUE]",
                   help="keep documents whose FIELD is one of the values, e.g. --where outlet=Okaz,Al-Riyadh "
                        "or --where lang=ar, or one listed in a file, one per line: --where doc_id=@ids.txt "
                        "(repeatable: all must hold)")
    c.add_argument("--since", metavar="DATE", help="keep documents dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    c.add_argument("--until", metavar="DATE", help="keep documents dated on or before DATE")
    c.add_argument("--mentions", action="append", default=[], metavar="WORD",
                   help="keep documents whose title or text holds WORD or phrase (repeatable: any of them)")
    if sample:
        c.add_argument("--sample", dest="select_sample", type=at_least(1), metavar="N",
                       help="a random sample of N of the documents kept (the same N for the same --sample-seed)")
        c.add_argument("--sample-seed", type=at_least(0), metavar="S",
                       help="seed of --sample (default: the run's --seed, else 0)")
    g.add_argument("--progress", action="store_true",
                   help="show a progress bar on stderr even when it is not a terminal")


def corpus_options(args: argparse.Namespace) -> dict:
    """The keyword arguments of :func:`framing.corpus.documents.read_corpus` that ``args`` sets."""
    columns = {role: getattr(args, opt) for opt, role in COLUMN_OPTIONS.items() if getattr(args, opt, None)}
    return {"format": args.format, "columns": columns, "encoding": args.encoding, "metadata": args.metadata,
            "lang": args.lang, "outlet": args.outlet, "limit": args.limit, "delimiter": args.delimiter,
            "selection": selection(args)}


def selection(args: argparse.Namespace):
    """The :class:`~framing.corpus.selection.Selection` of ``--where``, ``--since`` ... ``--sample``."""
    from framing.corpus.selection import Selection

    seed = getattr(args, "sample_seed", None)
    if seed is None:
        seed = getattr(args, "seed", None) or 0
    return Selection.parse(where=getattr(args, "where", None) or (), since=getattr(args, "since", None),
                           until=getattr(args, "until", None), mentions=getattr(args, "mentions", None) or (),
                           sample=getattr(args, "select_sample", None), seed=seed)


def open_corpus(args: argparse.Namespace):
    """The :class:`~framing.corpus.documents.Corpus` named by ``args`` (nothing is read yet)."""
    from framing.corpus.documents import read_corpus

    return read_corpus(args.path, **corpus_options(args))


def progress(iterable, args: argparse.Namespace, *, desc: str = "documents", total: int | None = None):
    """Wrap ``iterable`` in a tqdm bar on stderr when stderr is a terminal or ``--progress`` is given.

    While the bar runs, the toolkit's log lines (a
    skipped record, a warning) are printed above it instead of through it.
    """
    if not (getattr(args, "progress", False) or sys.stderr.isatty()):
        return iterable
    return _Bar(iterable, desc=desc, total=total or getattr(args, "limit", None))


class _Bar:
    """A tqdm bar on stderr, iterated (documents as they are read) or told (``update``: documents as a run
    finishes them), with the toolkit's log lines printed above it while it runs."""

    def __init__(self, iterable, *, desc: str, total: int | None):
        import logging

        from tqdm import tqdm
        from tqdm.contrib.logging import logging_redirect_tqdm

        self._redirect = logging_redirect_tqdm(loggers=[logging.getLogger("framing")])
        self._redirect.__enter__()
        # smoothing 0: the rate shown is the average so far (a run reports its documents a batch at a time)
        self._bar = tqdm(iterable, desc=desc, unit="doc", total=total, file=sys.stderr, dynamic_ncols=True,
                         smoothing=0)

    def __iter__(self):
        try:
            yield from self._bar
        finally:
            self.close()

    def update(self, n: int) -> None:
        """Count ``n`` more documents."""
        self._bar.update(n)

    def close(self) -> None:
        """End the bar and give the log lines back their handlers (once)."""
        if self._bar is not None:
            self._bar.close()
            self._redirect.__exit__(None, None, None)
            self._bar = None
