"""Tests for framing.frames.evaluate and ``framing eval frames``: document frames against a labels file."""

from __future__ import annotations

import json

import pytest

from framing.cli import main
from framing.errors import InputError
from framing.frames.evaluate import evaluate_frames, read_labels

ARTICLES = {
    "1": "Budget cuts\n\nThe budget deficit grew and taxes rose; the budget office warned of the deficit.",
    "2": "Troops move\n\nThe army sent troops; the army said the troops would stay.",
    "3": "Budget and army\n\nThe army budget: taxes pay the army, the budget says.",
    "4": "Weather\n\nRain is expected on Monday.",
}
LABELS = "1\tEconomic\n2\tSecurity_and_defense\n3\tEconomic,Security_and_defense\n4\t\n"


@pytest.fixture()
def labelled(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for ident, text in ARTICLES.items():
        (folder / f"article{ident}.txt").write_text(text, encoding="utf-8")
    labels = tmp_path / "labels.txt"
    labels.write_text(LABELS, encoding="utf-8")
    frames = tmp_path / "frames.yml"
    frames.write_text("Economic: [budget*, tax*, deficit]\nSecurity_and_defense: [army, troops]\n", encoding="utf-8")
    return folder, labels, frames


def test_scores_and_the_baseline(labelled):
    folder, labels, frames = labelled
    result = evaluate_frames(folder, labels, dictionary=frames, baseline_k=1, lang="en")
    assert result["articles"] == 4 and result["micro_f1"] == 1.0 and result["macro_f1"] == 1.0
    # always answering the most frequent frame (Economic, then by name): right on 2 of its 4 answers
    assert result["baseline"]["answer"] == ["economic"]
    assert result["baseline"]["macro_f1"] == pytest.approx((2 * 0.5 * 1 / 1.5) / 2)


def test_min_count_decides_what_is_predicted(labelled):
    folder, labels, frames = labelled
    strict = evaluate_frames(folder, labels, dictionary=frames, min_count=5, lang="en")
    assert strict["per_frame"]["economic"]["recall"] == 0.5  # article 3 has four economic terms only


def test_cli_prints_json_with_macro_and_micro_f1(labelled, capsys):
    folder, labels, frames = labelled
    assert main(["eval", "frames", "--articles", str(folder), "--labels", str(labels), "--dictionary", str(frames),
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"macro_f1", "micro_f1", "baseline", "per_frame"} <= set(out)
    assert main(["eval", "frames", "--articles", str(folder), "--labels", str(labels)]) == 0
    text = capsys.readouterr().out
    # the labels hold two frames, so the five most frequent are those two
    assert "baseline: always the 2 most frequent frames" in text and "frames dictionary" in text


def test_a_labels_line_without_a_tab_names_its_line(tmp_path):
    path = tmp_path / "labels.txt"
    path.write_text("1\tEconomic\n2 Political\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"labels.txt, line 2"):
        read_labels(path)
