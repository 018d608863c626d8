"""The reader options every corpus command shares, the option types, and the progress bar."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from framing.cli.common import (
    add_corpus_arguments,
    corpus_options,
    open_corpus,
    progress,
)

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"

def test_common_options_build_reader_arguments():
    parser = argparse.ArgumentParser()
    add_corpus_arguments(parser)
    args = parser.parse_args(["c.csv", "--text-col", "article", "--date-col", "when", "--id-col", "key",
                              "--format", "csv", "--metadata", "m.csv", "--encoding", "cp1256"])
    opts = corpus_options(args)
    assert opts["columns"] == {"text": "article", "date": "when", "id": "key"}
    assert (opts["format"], opts["metadata"], opts["encoding"], opts["limit"]) == ("csv", "m.csv", "cp1256", None)
    with pytest.raises(SystemExit):
        parser.parse_args(["c.csv", "--format", "xml"])


def test_open_corpus_returns_a_streaming_corpus(seed_path):
    parser = argparse.ArgumentParser()
    add_corpus_arguments(parser)
    corpus = open_corpus(parser.parse_args([str(seed_path)]))
    assert [d["outlet"] for d in corpus] == ["Al Jazeera"]


def test_progress_bar_only_on_request_or_terminal():
    args = argparse.Namespace(progress=False, limit=None)
    items = [1, 2]
    assert progress(items, args) is items  # stderr is captured, not a terminal
    bar = progress(items, argparse.Namespace(progress=True, limit=None))
    assert bar is not items and list(bar) == items


def test_log_lines_print_above_the_bar(capsys):
    """A skipped record logged while the bar runs goes through tqdm, so it does not break the bar's line."""
    import logging

    from tqdm.contrib.logging import _TqdmLoggingHandler

    seen = []

    def items():
        seen.append([type(h) for h in logging.getLogger("framing").handlers])
        logging.getLogger("framing.corpus").warning("skipped: news.jsonl:line 3: empty document")
        yield 1

    assert list(progress(items(), argparse.Namespace(progress=True, limit=None))) == [1]
    assert _TqdmLoggingHandler in seen[0]
    assert "skipped: news.jsonl:line 3" in capsys.readouterr().err
    assert _TqdmLoggingHandler not in [type(h) for h in logging.getLogger("framing").handlers]


def test_option_types_refuse_what_cannot_work():
    from framing.cli.common import at_least, one_character, share

    assert at_least(1)("4") == 4
    for bad in ("0", "-3", "two", "1.5"):
        with pytest.raises(argparse.ArgumentTypeError):
            at_least(1)(bad)
    assert one_character(";") == ";" and one_character("tab") == "\t"
    with pytest.raises(argparse.ArgumentTypeError, match="one character"):
        one_character(";;")
    assert share("1") == 1.0
    for bad in ("0", "1.5", "x"):
        with pytest.raises(argparse.ArgumentTypeError):
            share(bad)
