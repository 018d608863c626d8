"""Tests for framing.report.plots: the Arabic font, shaping and order, byte-stable files, each figure."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib import font_manager

from framing.report import plots


def _pdf_objects(data: bytes) -> dict[int, bytes]:
    """Object number -> stream content (inflated) of a PDF written by matplotlib."""
    out = {}
    for m in re.finditer(rb"\n(\d+) 0 obj\n<<(.*?)>>\nstream\n", data, re.S):
        body = data[m.end():data.index(b"endstream", m.end())]
        if b"/FlateDecode" in m.group(2):
            body = zlib.decompress(body)
        out[int(m.group(1))] = body
    return out


def _visual_clusters(pdf: Path) -> list[list[str]]:
    """For each font, the text it draws as a list of glyph clusters in visual order, left to right."""
    data = pdf.read_bytes()
    streams = _pdf_objects(data)
    runs = []
    for font in re.finditer(rb"/Subtype /Type0 /BaseFont /\S+\n/Encoding /Identity-H /DescendantFonts \[ \d+ 0 R \] "
                            rb"/ToUnicode (\d+) 0 R", data):
        cmap = streams[int(font.group(1))].decode("latin-1")
        to_text = {}
        for lo, hi, targets in re.findall(r"<([0-9a-f]{4})> <([0-9a-f]{4})> \[([^\]]*)\]", cmap, re.I):
            for cid, target in zip(range(int(lo, 16), int(hi, 16) + 1), re.findall(r"<([0-9a-f]+)>", targets, re.I)):
                to_text[cid] = "".join(chr(int(target[i:i + 4], 16)) for i in range(0, len(target), 4))
        for lo, target in re.findall(r"<([0-9a-f]{4})> <([0-9a-f]+)>\s*\n", cmap.split("beginbfchar")[-1], re.I) \
                if "beginbfchar" in cmap else []:
            to_text[int(lo, 16)] = "".join(chr(int(target[i:i + 4], 16)) for i in range(0, len(target), 4))
        runs.append(to_text)
    content = b"".join(s for s in streams.values() if b" TJ" in s or b" Tj" in s)
    clusters = []
    # one text object (BT ... ET) per drawn text: its glyphs come as TJ arrays, or one Tj per glyph when
    # each is placed by itself (Arabic, framing.report.pdf_text)
    for block in re.findall(rb"\bBT\b(.*?)\bET\b", content, re.S):
        cids = [int.from_bytes(s, "big") for s in re.findall(rb"\(((?:\\.|[^\\)])*)\)", block, re.S)
                for s in [re.sub(rb"\\(.)", rb"\1", s)]]
        for table in runs:
            if all(c in table for c in cids):
                clusters.append([table[c] for c in cids])
                break
    return clusters


def _embedded_glyph_names(pdf: Path, font: str) -> set[str]:
    import io

    from fontTools.ttLib import TTFont

    data = pdf.read_bytes()
    streams = _pdf_objects(data)
    names = set()
    for m in re.finditer(rb"/FontName /\w+\+(\w+)[^>]*?/FontFile2 (\d+) 0 R", data, re.S):
        if m.group(1).decode().startswith(font):
            names |= set(TTFont(io.BytesIO(streams[int(m.group(2))])).getGlyphOrder())
    return names


def test_arabic_font_comes_from_pip_and_is_registered():
    assert plots.setup_fonts() == plots.FONT_FAMILY
    path = font_manager.findfont(font_manager.FontProperties(family="Noto Sans Arabic"), fallback_to_default=False)
    assert "fontpkg_noto_sans_arabic" in Path(path).parts
    assert all(p.is_file() for p in plots._arabic_font_files())


def test_arabic_is_shaped_and_ordered_right_to_left(tmp_path):
    with plots.style():
        fig, ax = plots.new_figure(3, 1)
        ax.set_axis_off()
        ax.text(0.5, 0.5, "سلام", fontsize=20, ha="center", va="center", transform=ax.transAxes)
    plots.save_figure(fig, tmp_path, "word", formats=("pdf",))
    arabic = [c for c in _visual_clusters(tmp_path / "word.pdf") if any(plots.has_arabic(t) for t in c)]
    assert len(arabic) == 1
    # drawn left to right, the glyphs read right to left give the word back
    assert "".join(reversed(arabic[0])) == "سلام"
    # shaped: the embedded Noto glyphs are the joining forms (initial seen, medial lam, final alef), not
    # the isolated letters; and not pre-shaped presentation forms (U+FExx), which would be in the text
    names = _embedded_glyph_names(tmp_path / "word.pdf", "NotoSansArabic")
    assert {"uni0633.init", "uni0644.medi.rlig"} <= names and "uni0633" not in names


def test_labels_pass_arabic_through_unchanged():
    row = {"speaker": "Dmitry Peskov", "name_en": "Dmitry Peskov", "name_ar": "ديمتري بيسكوف"}
    assert plots.speaker_label(row) == "Dmitry Peskov · ديمتري بيسكوف"
    assert plots.speaker_label({"speaker": "X", "name_en": None, "name_ar": "anonymous (X)"}) == "X"
    assert plots.speaker_label({"speaker_id": "a", "name_en": float("nan")}) == "a"
    assert plots.speaker_label({"name_en": "n" * 80}).endswith("…")
    # a long label is cut between words
    long = plots.speaker_label({"name_en": "anonymous (Office of the President): مسؤول بديوان الرئاسة الأوكرانية"}, width=50)
    assert long == "anonymous (Office of the President): مسؤول بديوان…"


def test_saved_files_carry_no_date_or_version_and_repeat_byte_for_byte(tmp_path):
    import matplotlib

    speakers = pd.DataFrame({"speaker_id": ["k", "x"], "speaker": ["Kremlin", "Kyiv"], "name_en": ["Kremlin", None],
                             "name_ar": ["الكرملين", None], "kind": ["institution", "country"],
                             "n_utterances": [3, 1], "n_documents": [2, 1]})
    # the same data drawn twice, as two runs of a report do
    first = [p.read_bytes() for p in plots.save_figure(plots.speakers_figure(speakers), tmp_path / "a", "f")]
    second = [p.read_bytes() for p in plots.save_figure(plots.speakers_figure(speakers), tmp_path / "b", "f")]
    assert first == second
    png, pdf = first
    assert b"Software" not in png and matplotlib.__version__.encode() not in png
    assert b"CreationDate" not in pdf and b"Producer" not in pdf and b"matplotlib" not in pdf.lower()


def test_dollar_signs_are_text_not_mathematics(tmp_path):
    speakers = pd.DataFrame({"speaker_id": ["a"], "speaker": ["The $5 $bill$ group"], "name_en": [None],
                             "name_ar": [None], "kind": ["institution"], "n_utterances": [2], "n_documents": [1]})
    fig = plots.speakers_figure(speakers)
    plots.save_figure(fig, tmp_path, "s", formats=("png",))
    assert fig.axes[0].get_yticklabels()[0].get_text() == "The $5 $bill$ group"


def _stance(rows):
    columns = ["speaker_id", "target", "n_mentions", "favor", "favor_ci_low", "favor_ci_high", "against",
               "against_ci_low", "against_ci_high"]
    return pd.DataFrame(rows, columns=columns)


def test_stance_figure_marks_unnamed_cells_and_drops_targets_nobody_names():
    stance = _stance([("a", "Russia", 4, 0.0, 0.0, 0.0, 0.75, 0.25, 1.0),
                      ("a", "NATO", 0, np.nan, np.nan, np.nan, np.nan, np.nan, np.nan),
                      ("b", "Russia", 0, np.nan, np.nan, np.nan, np.nan, np.nan, np.nan),
                      ("b", "NATO", 0, np.nan, np.nan, np.nan, np.nan, np.nan, np.nan)])
    fig = plots.stance_figure(stance, {"a": "Ana", "b": "Bo"})
    favor, against = fig.axes[:2]
    assert [t.get_text() for t in against.get_xticklabels()] == ["Russia"]
    texts = [t.get_text() for t in against.texts]
    assert "0.75 (n=4)\n[0.25, 1.00]" in texts and "–" in texts
    assert [t.get_text() for t in favor.get_yticklabels()] == ["Ana", "Bo"]


def test_sentiment_figure_draws_each_speaker_with_its_interval():
    rows = pd.DataFrame({"speaker_id": ["a", "b", "c"], "n": [5, 1, 0], "mean": [0.4, -0.6, np.nan],
                         "ci_low": [0.1, -0.6, np.nan], "ci_high": [0.7, -0.6, np.nan], "low_n": [False, True, True]})
    fig = plots.sentiment_figure(rows, {"a": "Ana"})
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Ana", "b"]  # c has no score
    segments = ax.collections[0].get_segments()
    assert sorted(round(float(s[0][0]), 2) for s in segments) == [-0.6, 0.1]


def test_interval_that_misses_its_mean_by_rounding_draws_a_zero_bar():
    # the bootstrap CI of equal scores can lie a hair off their mean (5e-17 in SaudiNewsNet)
    mean = 0.1 + 0.2
    rows = pd.DataFrame({"speaker_id": ["a", "b"], "n": [4, 5], "mean": [mean, 0.2],
                         "ci_low": [np.nextafter(mean, 1.0), 0.1], "ci_high": [np.nextafter(mean, -1.0), 0.4],
                         "low_n": [False, False]})
    fig = plots.sentiment_figure(rows)
    lengths = sorted(round(float(abs(s[1][0] - s[0][0])), 6) for s in fig.axes[0].collections[0].get_segments())
    assert lengths == [0.0, 0.3]


def test_interval_errors_are_never_negative():
    err = plots.interval_errors([0.5, 0.1, 0.0], [0.5 + 1e-16, 0.0, np.nan], [0.5 - 1e-16, 0.3, np.nan])
    assert err.shape == (2, 3) and (err >= 0).all()
    np.testing.assert_allclose(err, [[0.0, 0.1, 0.0], [0.0, 0.2, 0.0]])


@pytest.mark.parametrize("make", [
    lambda: plots.speakers_figure(pd.DataFrame(columns=["speaker_id", "kind", "n_utterances", "n_documents"])),
    lambda: plots.stance_figure(_stance([])),
    lambda: plots.sentiment_figure(pd.DataFrame(columns=["speaker_id", "n", "mean", "ci_low", "ci_high", "low_n"])),
    lambda: plots.topic_words_figure(pd.DataFrame(columns=["topic", "rank", "word", "weight"])),
    lambda: plots.topic_shares_figure(pd.DataFrame(columns=["speaker_id"])),
    lambda: plots.corpus_figure(pd.DataFrame({"outlet": ["A"], "lang": ["ar"], "date": [None]})),
])
def test_empty_inputs_give_a_figure_that_says_so(make, tmp_path):
    fig = make()
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any(t.startswith("no ") for t in texts)
    plots.save_figure(fig, tmp_path, "empty", formats=("png",))


def test_date_bins_choose_a_readable_unit():
    assert plots.date_bins(pd.Series(["2021-01-05", "2021-09-01"]))[1] == "month"
    bins, unit = plots.date_bins(pd.Series(["2001-01-05", "2021-09-01", "not a date"]))
    assert unit == "year" and bins.tolist() == ["2001", "2021"]


def test_topic_figures_label_topics_and_speakers():
    words = pd.DataFrame({"topic": [0, 0, 1, 1], "rank": [1, 2, 1, 2], "word": ["نفط", "أسعار", "war", "troops"],
                          "weight": [0.2, 0.1, 0.3, 0.1]})
    fig = plots.topic_words_figure(words, {0: "Topic 0: نفط"})
    assert [ax.get_title(loc="left") for ax in fig.axes if ax.axison] == ["Topic 0: نفط", "Topic 1"]
    shares = pd.DataFrame({"speaker_id": ["a", "b"], 0: [0.8, 0.1], 1: [0.2, 0.9]})
    fig = plots.topic_shares_figure(shares, {"a": "Ana"}, {0: "0: oil"})
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Ana", "b"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0: oil", "1"]
    titles = {ax.get_title(loc=loc) for loc in ("left", "center")}
    assert "Topic shares per speaker" in titles
    outlets = plots.topic_shares_figure(shares, {}, {}, title="Topic shares per outlet")
    assert "Topic shares per outlet" in {outlets.axes[0].get_title(loc=loc) for loc in ("left", "center")}


def test_figures_draw_without_font_warnings(caplog, tmp_path):
    import logging

    speakers = pd.DataFrame({"speaker_id": ["k"], "speaker": ["Kremlin"], "name_en": ["Kremlin"],
                             "name_ar": ["الكرملين"], "kind": ["institution"], "n_utterances": [3], "n_documents": [2]})
    with caplog.at_level(logging.WARNING, logger="matplotlib"):
        plots.save_figure(plots.speakers_figure(speakers), tmp_path, "s")
        plots.save_figure(plots.corpus_figure(pd.DataFrame({"outlet": ["الجزيرة"], "lang": ["ar"],
                                                            "date": ["2021-12-08"]})), tmp_path, "c")
    assert [r.getMessage() for r in caplog.records] == []


def test_stance_cells_below_min_n_are_left_uncoloured():
    stance = pd.DataFrame({"speaker_id": ["a", "b"], "target": ["Russia", "Russia"], "n_mentions": [2, 8],
                           "favor": [1.0, 0.5], "favor_ci_low": [1.0, 0.2], "favor_ci_high": [1.0, 0.8],
                           "against": [0.0, 0.25], "against_ci_low": [0.0, 0.0], "against_ci_high": [0.0, 0.5]})
    fig = plots.stance_figure(stance, min_n=3)
    coloured = fig.axes[0].images[0].get_array()
    assert coloured.mask.tolist() == [[True], [False]]
    assert "fewer than 3 utterances" in fig.axes[0].get_xlabel()
    assert not plots.stance_figure(stance).axes[0].images[0].get_array().mask.any()


def test_stance_cells_resting_on_the_context_alone_are_hatched_and_said_to_be():
    stance = pd.DataFrame({"speaker_id": ["a", "b"], "target": ["Iran", "Iran"], "n_documents": [4, 6],
                           "favor": [0.0, 0.5], "favor_ci_low": [0.0, 0.2], "favor_ci_high": [0.5, 0.8],
                           "against": [1.0, 0.5], "against_ci_low": [0.5, 0.2], "against_ci_high": [1.0, 0.8],
                           "n_named": [0, 3]})
    fig = plots.stance_figure(stance, n_column="n_documents", unit="documents")
    hatched = [p for p in fig.axes[0].patches if p.get_hatch()]
    # one hatched cell per panel, on speaker a's row (y from -0.5 to 0.5)
    assert len(hatched) == 1 and hatched[0].get_xy() == (-0.5, -0.5)
    assert "hatched: the speaker's own words never name the target" in fig.axes[0].get_xlabel()
    unknown = plots.stance_figure(stance.drop(columns="n_named"), n_column="n_documents", unit="documents")
    assert not [p for p in unknown.axes[0].patches if p.get_hatch()] and unknown.axes[0].get_xlabel() == ""
