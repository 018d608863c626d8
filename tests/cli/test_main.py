"""The command line's one error path: one line, exit 2 for usage and 1 for a failed run, --debug for tracebacks."""

from __future__ import annotations

import errno

import pytest

from framing.cli import describe_error, main
from framing.errors import FramingError, InputError, RunError


def fail_with(monkeypatch, exc):
    def boom(*args, **kwargs):
        raise exc
    monkeypatch.setattr("framing.analysis.run.analyze_to", boom)


@pytest.mark.parametrize("exc, status, words", [
    (KeyboardInterrupt(), 1, "rerun the same command to resume"),
    (OSError(errno.ENOSPC, "No space left on device", "out/utterances.csv"), 1, "out/utterances.csv: no space left"),
    (PermissionError(errno.EACCES, "Permission denied", "/out"), 1, "choose a place you can write to"),
    (ValueError("something odd"), 1, "unexpected ValueError: something odd (rerun with --debug"),
    (RunError("another run"), 1, "another run"),
    (InputError("news.csv, line 3: bad"), 2, "news.csv, line 3: bad"),
])
def test_failures_are_one_line(monkeypatch, capsys, seed_path, tmp_path, exc, status, words):
    fail_with(monkeypatch, exc)
    assert main(["analyze", str(seed_path), "--out", str(tmp_path / "o")]) == status
    err = capsys.readouterr().err
    assert words in err
    assert err.count("\n") == 1
    assert err.startswith(("framing: error:", "framing: interrupted"))
    assert "Traceback" not in err


def test_debug_shows_the_traceback(monkeypatch, seed_path, tmp_path):
    fail_with(monkeypatch, ValueError("something odd"))
    with pytest.raises(ValueError):
        main(["analyze", str(seed_path), "--out", str(tmp_path / "o"), "--debug"])
    with pytest.raises(ValueError):
        main(["--debug", "analyze", str(seed_path), "--out", str(tmp_path / "o")])


@pytest.mark.parametrize("argv, words", [
    (["analyze", "x", "--out", "o", "--n-boot", "-5"], "--n-boot: '-5' is not a whole number of at least 0"),
    (["analyze", "x", "--out", "o", "--seed", "-1"], "--seed: '-1'"),
    (["analyze", "x", "--out", "o", "--workers", "0"], "--workers: '0'"),
    (["analyze", "x", "--out", "o", "--delimiter", ";;"], "';;' is not one character"),
    (["analyze", "x", "--out", "o", "--limit", "-1"], "--limit: '-1'"),
    (["analyze", "x", "--out", "o", "--txt-col", "article"], "did you mean --text-col?"),
    (["anlyze", "x"], "did you mean analyze?"),
    # a required option mistyped is first reported missing: the hint names it all the same
    (["explain", "out", "--speakr", "a", "--target", "Iran"], "required: --speaker; did you mean --speaker?"),
])
def test_usage_errors_are_one_line_with_status_2(capsys, argv, words):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1


def test_os_error_while_making_the_output_folder(capsys, seed_path, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("mine", encoding="utf-8")
    assert main(["analyze", str(seed_path), "--out", str(blocker / "sub")]) == 1
    err = capsys.readouterr().err
    assert "not a directory" in err and err.count("\n") == 1
    assert blocker.read_text(encoding="utf-8") == "mine"


def test_describe_error_keeps_framing_exit_codes():
    assert describe_error(FramingError("x")) == ("x", 2)
    assert describe_error(RunError("y")) == ("y", 1)
    assert describe_error(MemoryError())[1] == 1


def test_a_hint_comes_from_the_options_of_the_command_typed(capsys):
    # `validate` has --speakers; `report` has not, so a report typo must not be pointed at it
    assert main(["report", "corpora/seed", "--max-speakers", "5"]) == 2
    assert "did you mean" not in capsys.readouterr().err
    assert main(["report", "corpora/seed", "--wokers", "2"]) == 2
    assert "did you mean --workers?" in capsys.readouterr().err
