"""Agreement on document labels (frames): files read, units built, alpha per label and pooled, the CLI."""

from __future__ import annotations

import json

import pytest

from framing.cli import main
from framing.errors import InputError
from framing.validation.label_codes import is_label_file, label_agreement, label_units, read_label_files


def write(path, lines):
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


DOCS = {f"d{i}": labels for i, labels in enumerate(
    [["Economic"], ["Political", "Public_opinion"], ["Security_and_defense"], ["Economic", "Political"],
     ["Morality"], ["Political"]])}


def coded(coder, change=None):
    return [{"doc": d, "frames": (change or {}).get(d, labels), "coder": coder} for d, labels in DOCS.items()]


def test_identical_coders_agree_perfectly_and_each_label_is_a_unit(tmp_path):
    a, b = write(tmp_path / "a.jsonl", coded("A")), write(tmp_path / "b.jsonl", coded("B"))
    assert is_label_file(a) and not is_label_file(tmp_path / "a.csv")
    long = label_units(read_label_files([a, b]))
    assert set(long["label"]) == {"Economic", "Political", "Public_opinion", "Security_and_defense", "Morality"}
    table = label_agreement(long, n_boot=50)
    assert table.iloc[0]["category"] == "all labels" and table.iloc[0]["units"] == 6 * 5
    assert (table["alpha"].dropna() == 1.0).all()


def test_disagreement_lowers_the_labels_alpha_only(tmp_path):
    change = {"d0": ["Political"], "d3": ["Political"]}
    a, b = write(tmp_path / "a.jsonl", coded("A")), write(tmp_path / "b.jsonl", coded("B", change))
    table = label_agreement(label_units(read_label_files([a, b])), n_boot=50).set_index("category")
    assert table.loc["Economic", "alpha"] < 0.5
    assert table.loc["Morality", "alpha"] == 1.0
    assert table.loc["all labels", "alpha"] < 1.0


def test_only_documents_coded_twice_count(tmp_path):
    a = write(tmp_path / "a.jsonl", coded("A"))
    b = write(tmp_path / "b.jsonl", coded("B")[:2])
    assert set(label_units(read_label_files([a, b]))["doc"]) == {"d0", "d1"}


def test_bad_lines_are_named(tmp_path):
    bad = write(tmp_path / "bad.jsonl", [{"doc": "d0", "frames": ["Economic"], "coder": "A"},
                                         {"doc": "d0", "frames": ["Political"], "coder": "A"}])
    with pytest.raises(InputError, match=r"bad.jsonl: line 2: document 'd0' is coded twice by 'A'"):
        read_label_files([bad])
    empty = write(tmp_path / "empty.jsonl", [{"doc": "d0", "frames": ["Economic", ""]}])
    with pytest.raises(InputError, match=r"empty.jsonl: line 1: labels are non-empty strings"):
        read_label_files([empty])


def test_cli_prints_alpha_per_frame(tmp_path, capsys):
    a = write(tmp_path / "a.jsonl", coded("A"))
    b = write(tmp_path / "b.jsonl", coded("B", {"d5": ["Political", "Public_opinion"]}))
    assert main(["validate", "agreement", str(a), str(b), "--json", "--n-boot", "50"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["coders"] == ["A", "B"]
    by = {r["category"]: r for r in result["alpha"]}
    assert by["Economic"]["alpha"] == 1.0 and by["Public_opinion"]["alpha"] < 1.0
    events = write(tmp_path / "events.jsonl", [{"doc": "d0", "paragraph": 1, "cue": "said", "coder": "A"}])
    assert main(["validate", "agreement", str(a), str(events)]) == 2
    assert "on their own" in capsys.readouterr().err
