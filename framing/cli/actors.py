"""``framing actors suggest OUT``: propose registry entries for the most-quoted speakers the registry does not know.

Reads the utterances table of a ``framing analyze`` folder, groups the
variants of each unregistered named speaker ("Secretary Yellen", "Janet L
Yellen"), and writes an actor registry YAML, most quoted first, for a
researcher to check and pass back with ``framing analyze ... --actors FILE``.
Without ``--out`` the YAML goes to standard output.  With ``--out FILE`` the
file is written only when it is new or was written by this command before
(its first line says so); any other file is left alone.

Examples
--------
>>> from framing.cli import main
>>> main(["actors", "suggest", "out", "--top", "50", "--out", "my_actors.yml"])  # doctest: +SKIP
0
>>> main(["analyze", "news.csv", "--out", "out2", "--actors", "my_actors.yml"])  # doctest: +SKIP
0
"""

from __future__ import annotations

import sys
from pathlib import Path

from framing.cli.common import at_least
from framing.errors import FramingError, InputError


def register(subparsers) -> None:
    parser = subparsers.add_parser("actors", help="actor registry helpers: suggest entries for unregistered speakers")
    sub = parser.add_subparsers(dest="actors_command", metavar="SUBCOMMAND")
    parser.set_defaults(handler=lambda args: parser.print_help() or 2)

    suggest = sub.add_parser(
        "suggest", help="write a registry YAML of the most-quoted speakers the registry does not know",
        description="Group the variants of each speaker the registry does not know (speaker ids x:...) in "
                    "the tables of 'framing analyze', and write one proposed registry entry per group, most "
                    "quoted first, with counts and example mentions as comments.  Edit it, then pass it back "
                    "with 'framing analyze ... --actors FILE'.")
    suggest.add_argument("out_dir", metavar="OUT", help="folder written by 'framing analyze --out'")
    suggest.add_argument("--top", type=at_least(1), default=100, metavar="N",
                         help="propose at most N actors (default: 100)")
    suggest.add_argument("--min-utterances", type=at_least(1), default=2, metavar="K",
                         help="leave out speakers quoted fewer than K times (default: 2)")
    suggest.add_argument("--out", metavar="FILE",
                         help="write the YAML to FILE (new, or written by this command before) instead of "
                              "standard output")
    suggest.add_argument("--actors", metavar="FILE", action="append",
                         help="registry file the analysis used besides the shipped one (repeatable): its ids "
                              "and names are not proposed again")
    suggest.set_defaults(handler=run_suggest)


def run_suggest(args) -> int:
    from framing.attribution.actors import Registry
    from framing.attribution.suggest import REQUIRED_COLUMNS, actors_yaml, suggest_actors
    from framing.tables import read_table

    out_dir = Path(args.out_dir)
    if not out_dir.is_dir():
        what = "no such folder" if not out_dir.exists() else "not a folder"
        raise InputError(f"{out_dir}: {what}; give the folder 'framing analyze CORPUS --out OUT' wrote")
    target = Path(args.out) if args.out else None
    if target is not None:
        check_writable(target)  # before the work, so a refusal costs nothing
    utterances = read_table(out_dir, "utterances")
    missing = [c for c in REQUIRED_COLUMNS if c not in utterances.columns]
    if missing:
        raise InputError(f"{out_dir}: the utterances table has no column {', '.join(missing)}; "
                         "rerun 'framing analyze' to write it")
    registry = Registry.load(args.actors) if args.actors else Registry.load()
    groups = suggest_actors(utterances, registry, top=args.top, min_utterances=args.min_utterances)
    text = actors_yaml(groups, source=str(out_dir),
                       settings=f"top {args.top}, at least {args.min_utterances} utterances")
    if target is None:
        sys.stdout.write(text)
        return 0
    write_own_file(target, text)
    print(f"wrote {target}: {len(groups)} proposed actor(s); edit it, then pass it to "
          f"'framing analyze ... --actors {target}'", file=sys.stderr)
    return 0


def _written_by_us(path: Path) -> bool:
    from framing.attribution.suggest import MARKER

    try:
        with path.open(encoding="utf-8") as fh:
            return fh.readline().startswith(MARKER)
    except (OSError, UnicodeDecodeError):
        return False


def check_writable(path: Path) -> None:
    """Refuse a path that holds something this command did not write (a researcher's edited registry ...).

    >>> check_writable(Path("no-such-file-here.yml"))  # a new file will do
    >>> check_writable(Path("."))
    Traceback (most recent call last):
    ...
    framing.errors.FramingError: .: is a folder; give a file name for --out
    """
    if path.is_dir():
        raise FramingError(f"{path}: is a folder; give a file name for --out")
    if path.exists() and not _written_by_us(path):
        raise FramingError(f"{path}: exists and was not written by 'framing actors suggest'; "
                           "choose another file (it is left as it is)")


def write_own_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` after checking again that it is new or ours (its first line is the marker,
    so even a write cut short leaves a file the next run may replace)."""
    check_writable(path)
    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: no such folder for --out")
    path.write_text(text, encoding="utf-8")
