"""``framing corpus info`` and the shared corpus options in framing.cli.common."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from framing.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"

def run(capsys, *argv):
    code = main(["corpus", "info", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def line(out: str, key: str) -> str:
    return next(ln for ln in out.splitlines() if ln.startswith(key + " "))[len(key):].strip()


def test_info_on_the_seed(capsys, seed_path):
    code, out, _ = run(capsys, seed_path)
    assert code == 0
    assert line(out, "documents").startswith("1 ")
    assert line(out, "paragraphs") == "26"
    assert line(out, "languages") == "ar 1"
    assert line(out, "outlets") == "Al Jazeera 1"
    assert line(out, "dates") == "2021-12-08 .. 2021-12-08"
    assert line(out, "rejects") == "0"


def test_info_json_and_manifest_on_bad_input(capsys, caplog, tmp_path):
    manifest = tmp_path / "manifest.json"
    code, out, err = run(capsys, CORPUS / "news.jsonl", "--json", "--manifest", manifest)
    assert code == 0
    info = json.loads(out)
    assert info["documents"] == 7 and info["rejects"] == 4 and info["duplicates"] == 1
    # logged as it goes (to stderr outside pytest, which captures the log)
    assert any("line 3" in r.getMessage() and "malformed JSON" in r.getMessage() for r in caplog.records)
    saved = json.loads(manifest.read_text(encoding="utf-8"))
    assert [p["place"] for p in saved["skipped_inputs"]] == ["line 3", "line 4", "line 10", "line 11"]


def test_info_human_output_lists_rejects(capsys):
    code, out, _ = run(capsys, CORPUS / "bad")
    assert code == 0
    assert line(out, "rejects").startswith("3")
    assert sum("skipped" in ln and "binary.txt" in ln for ln in out.splitlines()) == 1


def test_reader_options_reach_the_reader(capsys, tmp_path):
    (tmp_path / "x.csv").write_text("headline;story;when\nPort reopens;Ships entered.;2022-05-02\n", encoding="utf-8")
    code, out, _ = run(capsys, tmp_path / "x.csv", "--json", "--text-col", "headline", "--title-col", "when",
                       "--outlet", "Coast Daily", "--lang", "en")
    info = json.loads(out)
    assert info["outlets"] == {"Coast Daily": 1} and info["languages"] == {"en": 1}
    assert info["date_range"] == [None, None]  # the date column was given away as the title


def test_limit_and_encoding(capsys):
    code, out, _ = run(capsys, CORPUS / "news.jsonl", "--limit", "2", "--json")
    assert json.loads(out)["documents"] == 2
    code, out, _ = run(capsys, CORPUS / "encodings" / "cp1256_ar.txt", "--encoding", "cp1256", "--json")
    assert json.loads(out)["languages"] == {"ar": 1}


def test_no_documents_exit_1_and_missing_path_exit_2(capsys, tmp_path):
    code, out, _ = run(capsys, CORPUS / "encodings" / "cp1256_ar.txt")
    assert code == 1 and "not valid utf-8" in out
    code, _, err = run(capsys, tmp_path / "absent")
    assert code == 2 and "no such file" in err


def test_command_line_entry_point(seed_path):
    out = subprocess.run([sys.executable, "-m", "framing", "corpus", "info", str(seed_path), "--json"],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["paragraphs"] == 26
    bad = subprocess.run([sys.executable, "-m", "framing", "corpus", "info", str(CORPUS / "bad")],
                         capture_output=True, text=True)
    assert bad.returncode == 0 and "binary.txt" in bad.stderr and "binary file" in bad.stderr
