"""Tests for framing.report.pdf_text: Arabic in the PDF figures extracts as the words it shows."""

from __future__ import annotations

import shutil
import subprocess

import pandas as pd
import pytest

from framing.report import plots
from framing.report.pdf_text import visual_order


def test_visual_order_reverses_right_to_left_runs_only():
    assert visual_order("Kremlin") == "Kremlin"
    assert visual_order("ليز تروس") == "سورت زيل"
    assert visual_order("Liz Truss · ليز تروس (UK)") == "Liz Truss · سورت زيل (UK)"
    assert visual_order("عام 2021") == "2021 ماع"  # digits stay left to right inside the run


def _speakers() -> pd.DataFrame:
    return pd.DataFrame({"speaker_id": ["p", "k"], "speaker": ["Dmitry Peskov", "Kremlin"],
                         "name_en": ["Dmitry Peskov", "Kremlin"], "name_ar": ["ديمتري بيسكوف", "الكرملين"],
                         "kind": ["person", "institution"], "n_utterances": [5, 4], "n_documents": [1, 1]})


def _content(pdf) -> bytes:
    """The PDF's content streams, inflated."""
    import re
    import zlib

    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", pdf.read_bytes(), re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            out.append(m.group(1))
    return b"\n".join(out)


def test_pdf_marks_arabic_text_with_its_actual_text(tmp_path):
    pdf = plots.save_figure(plots.speakers_figure(_speakers()), tmp_path, "speakers", formats=("pdf",))[0]
    data = _content(pdf)
    expected = ("FEFF" + visual_order("Dmitry Peskov · ديمتري بيسكوف").encode("utf-16-be").hex().upper()).encode()
    assert b"/ActualText <" + expected + b">" in data
    assert data.count(b"BDC") == data.count(b"EMC") >= 2


def test_pdf_is_unchanged_by_the_patch_once_saved(tmp_path):
    # the PDF backend is patched only while a figure is saved
    from matplotlib.backends import backend_pdf

    before = backend_pdf.RendererPdf.draw_text
    plots.save_figure(plots.speakers_figure(_speakers()), tmp_path, "s", formats=("pdf",))
    assert backend_pdf.RendererPdf.draw_text is before


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdftotext_reads_the_names_with_their_spaces(tmp_path):
    pdf = plots.save_figure(plots.speakers_figure(_speakers()), tmp_path, "speakers", formats=("pdf",))[0]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "ديمتري بيسكوف" in text and "الكرملين" in text


def _ink_gaps(image) -> list[int]:
    """Widths of the blank column runs between the first and last inked column of a rendered text."""
    import numpy as np

    gray = image[..., :3].mean(axis=-1) if image.ndim == 3 else image
    inked = (gray < 0.5).any(axis=0)
    cols = np.flatnonzero(inked)
    gaps, run = [], 0
    for c in range(cols[0], cols[-1] + 1):
        if inked[c]:
            if run:
                gaps.append(run)
            run = 0
        else:
            run += 1
    return gaps


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_pdf_sets_the_words_apart_as_the_png_does(tmp_path):
    # the PNG renderer places each shaped glyph where the shaper puts it; the PDF must show the same line
    from matplotlib.image import imread

    fig, ax = plots.new_figure(4, 1)
    ax.set_axis_off()
    with plots.style():
        ax.text(0.05, 0.3, "ديمتري بيسكوف", fontsize=28)
    png, pdf = plots.save_figure(fig, tmp_path, "words")
    dpi = str(plots.STYLE["savefig.dpi"])  # the PDF rendered at the resolution the PNG was saved at
    subprocess.run(["pdftoppm", "-r", dpi, "-png", "-singlefile", str(pdf), str(tmp_path / "from_pdf")], check=True)
    from_png, from_pdf = _ink_gaps(imread(png)), _ink_gaps(imread(tmp_path / "from_pdf.png"))
    # the space between the two words is the widest gap in both, and about as wide
    assert max(from_pdf) >= 6 and abs(max(from_pdf) - max(from_png)) <= 3
