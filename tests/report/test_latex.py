"""The report's LaTeX tables: human headers, Arabic marked for polyglossia, and a document that compiles."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from framing.report import tables as T

ROOT = Path(__file__).resolve().parents[2]


def _speakers() -> pd.DataFrame:
    return pd.DataFrame({"speaker_id": ["peskov"], "name_en": ["Dmitry Peskov"], "name_ar": ["ديمتري بيسكوف"],
                         "kind": ["person"], "n_utterances": [5], "favor_ci_low": [0.25],
                         "affiliation": ["Kremlin & co_50%"]})


def test_tables_have_human_headers_marked_arabic_and_a_preamble(tmp_path):
    paths = T.write_table(_speakers(), tmp_path, "speakers", caption="Speakers by number of utterances")
    assert sorted(p.name for p in paths) == ["preamble.tex", "speakers.csv", "speakers.tex"]
    tex = (tmp_path / "speakers.tex").read_text(encoding="utf-8")
    assert "Speaker & Name & Name (Arabic) & Kind & Utterances & Favor CI low & Affiliation" in tex
    assert "\\textarabic{ديمتري بيسكوف}" in tex
    assert "Kremlin \\& co\\_50\\%" in tex and "n_utterances" not in tex
    preamble = (tmp_path / "preamble.tex").read_text(encoding="utf-8")
    assert "\\setotherlanguage{arabic}" in preamble and "\\usepackage{booktabs}" in preamble


def _engine() -> str | None:
    return next((e for e in ("xelatex", "lualatex") if shutil.which(e)), None)


@pytest.mark.slow
@pytest.mark.skipif(_engine() is None, reason="no XeLaTeX or LuaLaTeX here (Debian: texlive-xetex texlive-lang-arabic)")
def test_the_committed_seed_tables_compile(tmp_path):
    folder = ROOT / "reports" / "seed" / "tables"
    shutil.copytree(folder, tmp_path / "tables")
    inputs = "\n".join(f"\\input{{tables/{p.name}}}" for p in sorted(folder.glob("*.tex")) if p.name != "preamble.tex")
    (tmp_path / "main.tex").write_text("\\documentclass{article}\n\\input{tables/preamble.tex}\n"
                                       f"\\begin{{document}}\n{inputs}\n\\end{{document}}\n", encoding="utf-8")
    run = subprocess.run([_engine(), "-interaction=nonstopmode", "-halt-on-error", "main.tex"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:]
    assert (tmp_path / "main.pdf").stat().st_size > 1000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "main.pdf"), "-"], capture_output=True, text=True).stdout
        assert "Utterances" in text and "Dmitry Peskov" in text
