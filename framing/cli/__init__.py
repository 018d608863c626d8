"""The ``framing`` command line.

Each module in this package is one command (``corpus``, ``analyze``,
``eval`` ...) and exposes ``register(subparsers)``; ``main`` discovers them,
so adding a command means adding a module, not editing this file.
Handlers import heavy libraries lazily to keep ``framing --help`` fast.

Examples
--------
>>> main(["--version"])  # doctest: +SKIP
framing 0.1.0
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from framing.errors import FramingError


class CommandParser(argparse.ArgumentParser):
    """argparse's parser with a usage error on one line (the full usage is one ``--help`` away)."""

    def error(self, message: str):
        hint = self._did_you_mean(message)
        self.exit(2, f"{self.prog}: error: {message}{hint} (see: {self.prog} --help)\n")

    def _did_you_mean(self, message: str) -> str:
        """``; did you mean --text-col?`` for a mistyped option or command, when one is close."""
        import difflib
        import re

        # only the words of the command typed (framing report ... suggests report's options, not validate's)
        known = sorted(_words(_command_parser(self, getattr(self, "argv", ()))))
        typed = re.findall(r"invalid choice: '([^']+)'", message) or [
            a for a in re.findall(r"(--?[\w-]+)", message.partition("unrecognized arguments:")[2])]
        if not typed and "required" in message:
            # a required option mistyped ("--speakr") is reported missing before it is reported unknown
            typed = [a for a in getattr(self, "argv", ()) if a.startswith("--") and a.split("=")[0] not in known]
        for word in typed:
            close = difflib.get_close_matches(word.split("=")[0], known, n=1, cutoff=0.6)
            if close:
                return f"; did you mean {close[0]}?"
        return ""


def _command_parser(parser: argparse.ArgumentParser, argv) -> argparse.ArgumentParser:
    """The parser of the deepest (sub)command named in ``argv`` (``parser`` itself when none is)."""
    for token in argv:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if subs and token in subs[0].choices:
            parser = subs[0].choices[token]
    return parser


def _words(parser: argparse.ArgumentParser) -> set[str]:
    """Every option, command and choice of ``parser`` and of its subcommands."""
    words = set()
    for action in parser._actions:
        words.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                words.add(name)
                words |= _words(sub)
        elif action.choices is not None:
            words.update(str(c) for c in action.choices)
    return words


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command module registered."""
    from framing import __version__

    parser = CommandParser(
        prog="framing",
        description="Who is quoted in the news, and how: attribution, stance, sentiment and topics per speaker.",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show the full traceback of an error (may also come after the command)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "common":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Every expected failure is one line on stderr, ``framing: error: ...``,
    naming the thing and what to do: exit status 2 when the command cannot
    run as given (argparse's own errors included), 1 when a run failed
    (an OS error, an interrupt, an unexpected error).  ``--debug`` (anywhere
    on the line, or ``FRAMING_DEBUG=1``) shows the traceback instead.
    """
    import os

    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv or os.environ.get("FRAMING_DEBUG", "") not in ("", "0")
    argv = [a for a in argv if a != "--debug"]
    parser = build_parser()
    CommandParser.argv = argv  # for the hint of a usage error, in any (sub)command's parser: what was typed
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # a usage error (2), or --help / --version (0): already printed
        return int(stop.code or 0)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except BrokenPipeError:  # `framing speakers ... | head`
        _silence_stdout()
        return 0
    except Exception as exc:  # noqa: BLE001 - the one place where every failure becomes one line
        if debug:
            raise
        message, status = describe_error(exc)
        print(f"framing: error: {message}", file=sys.stderr)
        return status
    except KeyboardInterrupt:
        if debug:
            raise
        print("framing: interrupted; rerun the same command to resume (batches already written are kept)",
              file=sys.stderr)
        return 1


def describe_error(exc: BaseException) -> tuple[str, int]:
    """One line for the user, and the exit status, for an exception that ended a command.

    >>> describe_error(FramingError("--n-boot must be at least 0"))
    ('--n-boot must be at least 0', 2)
    >>> describe_error(PermissionError(13, "Permission denied", "out/x.csv"))
    ('out/x.csv: permission denied; choose a place you can write to', 1)
    """
    import errno

    if isinstance(exc, FramingError):
        return str(exc), exc.exit_code
    if isinstance(exc, OSError):
        place = f"{exc.filename}: " if exc.filename else ""
        what = (exc.strerror or str(exc)).lower()
        hint = {errno.ENOSPC: "free some space, then rerun the same command to resume",
                errno.EDQUOT: "free some space, then rerun the same command to resume",
                errno.EACCES: "choose a place you can write to",
                errno.EPERM: "choose a place you can write to",
                errno.EROFS: "the file system is read-only; choose another place",
                errno.ENOTDIR: "a part of the path is a file, not a folder",
                errno.EISDIR: "a folder was given where a file is needed",
                errno.ENOENT: "check the path"}.get(exc.errno, "")
        return f"{place}{what}{'; ' + hint if hint else ''}", 1
    if isinstance(exc, MemoryError):
        return "out of memory; try --workers 1 or a smaller --batch-size, then rerun the same command", 1
    return (f"unexpected {type(exc).__name__}: {exc} (rerun with --debug for the traceback, and please "
            f"report it)"), 1


def _silence_stdout() -> None:
    # a closed pipe would raise again when Python flushes stdout at exit
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
