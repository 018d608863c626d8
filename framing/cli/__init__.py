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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command module registered."""
    from framing import __version__

    parser = argparse.ArgumentParser(
        prog="framing",
        description="Who is quoted in the news, and how: attribution, stance, sentiment and topics per speaker.",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "common":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except FramingError as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `framing speakers ... | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
