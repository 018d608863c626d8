"""Tests for framing.report.folders: which folders ``framing report --out`` may replace, and replacing them safely."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path

import nbformat
import pytest
from report_support import NOTEBOOKS, previous_report

from framing.cli import main
from framing.report.folders import check_report_folder, folder_files, report_files
from framing.report.runner import run_report


@pytest.mark.slow
def test_success_replaces_the_previous_report(tmp_path, seed_path):
    out = tmp_path / "r"
    previous_report(out)
    (out / "stale.csv").write_text("old\n", encoding="utf-8")
    run_report(seed_path, out, notebook=NOTEBOOKS / "hash_seed.ipynb")
    assert sorted(p.name for p in out.iterdir()) == ["kernel.txt", "report.html", "report.ipynb"]
    assert "the previous report" not in (out / "report.html").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["r"]


def _fingerprint(path: Path) -> dict[str, str]:
    """sha256 of every file at or under ``path`` (the file itself when it is one)."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return {p.as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def _refused(corpus, out, capsys, *extra) -> str:
    """Run ``framing report`` and return its one-line error; the run must fail before it starts."""
    status = main(["report", str(corpus), "--out", str(out), *extra])
    err = capsys.readouterr().err.strip()
    assert status == 2 and len(err.splitlines()) == 1
    return err


def test_out_that_is_a_file_is_refused_and_kept(tmp_path, seed_path, capsys):
    out = tmp_path / "notes.txt"
    out.write_text("my notes\n", encoding="utf-8")
    err = _refused(seed_path, out, capsys)
    assert str(out) in err and "choose another --out" in err
    assert out.read_text(encoding="utf-8") == "my notes\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]  # no temporary folder left


def test_out_folder_of_the_users_files_is_refused_and_kept(tmp_path, seed_path, capsys):
    out = tmp_path / "mine"
    (out / "sub").mkdir(parents=True)
    (out / "thesis.tex").write_text("chapter 1\n", encoding="utf-8")
    (out / "sub" / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    before = _fingerprint(out)
    err = _refused(seed_path, out, capsys)
    assert str(out) in err and "not a report folder" in err and "choose another --out" in err
    assert _fingerprint(out) == before and [p.name for p in tmp_path.iterdir()] == ["mine"]


def test_out_that_is_the_corpus_or_holds_it_is_refused(tmp_path, seed_path, capsys):
    corpus = tmp_path / "corpora" / "seed"
    shutil.copytree(seed_path, corpus)
    before = _fingerprint(tmp_path)
    for out in (corpus, corpus.parent, tmp_path):
        err = _refused(corpus, out, capsys)
        assert str(out) in err and "reads" in err
    # an input given as a parameter is protected the same way
    (tmp_path / "reports" / "r").mkdir(parents=True)
    model = tmp_path / "reports" / "r" / "model"
    model.mkdir()
    err = _refused(corpus, tmp_path / "reports" / "r", capsys, "-p", f"topic_model={model}")
    assert "reads" in err
    shutil.rmtree(tmp_path / "reports")
    assert _fingerprint(tmp_path) == before


@pytest.mark.slow
def test_report_folder_is_replaced_only_with_nothing_of_the_users_in_it(tmp_path, seed_path, capsys):
    out = tmp_path / "r"
    out.mkdir()  # an empty folder is fine to use
    old_mask = os.umask(0o022)
    try:
        run_report(seed_path, out, notebook=NOTEBOOKS / "hash_seed.ipynb")
    finally:
        os.umask(old_mask)
    # the folder and its files get the permissions of any new folder and file, not mkdtemp's owner-only
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {0o644}
    listed = nbformat.read(out / "report.ipynb", as_version=4).metadata["framing"]["report_files"]
    assert listed == ["kernel.txt", "report.html", "report.ipynb"]
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = _fingerprint(out)
    err = _refused(seed_path, out, capsys, "--notebook", str(NOTEBOOKS / "hash_seed.ipynb"))
    assert "notes.txt" in err and "did not write" in err
    assert _fingerprint(out) == before
    # once the user's file is gone the report is replaced; Jupyter's checkpoints are nobody's files
    (out / "notes.txt").unlink()
    (out / ".ipynb_checkpoints").mkdir()
    (out / ".ipynb_checkpoints" / "report-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    run_report(seed_path, out, notebook=NOTEBOOKS / "hash_seed.ipynb")
    assert sorted(p.name for p in out.iterdir()) == ["kernel.txt", "report.html", "report.ipynb"]


def test_report_files_are_listed_or_known_from_an_older_report(tmp_path):
    assert report_files(tmp_path) is None
    check_report_folder(tmp_path / "missing")
    check_report_folder(tmp_path)  # empty
    previous_report(tmp_path / "old")
    (tmp_path / "old" / ".ipynb_checkpoints").mkdir()
    (tmp_path / "old" / ".ipynb_checkpoints" / "x.ipynb").write_text("{}", encoding="utf-8")
    assert folder_files(tmp_path / "old") == ["provenance.json", "report.html", "report.ipynb"]
    assert report_files(tmp_path / "old") == {"provenance.json", "report.html", "report.ipynb"}
    check_report_folder(tmp_path / "old")
