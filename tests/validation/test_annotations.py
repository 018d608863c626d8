"""The coded data the project ships (corpora/annotations): readable, keyed, and agreeing as documented."""

from pathlib import Path

import pytest

from framing.stance.news_training import read_stance_codes
from framing.validation.stance_codes import read_stance_files, stance_agreement, stance_units

ROOT = Path(__file__).resolve().parents[2] / "corpora" / "annotations"


@pytest.mark.parametrize("name", ["coder_a.jsonl", "coder_b.jsonl", "statements_a.jsonl", "statements_b.jsonl"])
def test_stance_codes_read_cleanly(name):
    rows = read_stance_codes(ROOT / "stance_ar" / name)
    assert rows and all(str(r["doc"]).startswith("u_") for r in rows)


def test_statement_agreement_is_the_documented_one():
    files = [ROOT / "stance_ar" / "statements_a.jsonl", ROOT / "stance_ar" / "statements_b.jsonl"]
    table = stance_agreement(stance_units(read_stance_files(files)), n_boot=20)
    row = table[(table["variable"] == "stance") & (table["category"] == "statement units")].iloc[0]
    assert row["units"] == 543 and round(row["alpha"], 2) == 0.92
    assert "0.92" in (ROOT / "stance_ar" / "README.md").read_text(encoding="utf-8")


def test_english_dev_pairs_read_as_gold():
    from framing.stance.evaluate import read_gold_stance

    pairs = read_gold_stance(ROOT / "stance_en" / "dev.jsonl")
    assert len(pairs) == 100 and {p["target"] for p in pairs} == {"Russia", "Ukraine", "sanctions"}


def test_frames_codes_use_the_guidelines_frames_and_agree_as_documented():
    from framing.validation.label_codes import label_agreement, label_units, read_label_files

    folder = ROOT / "frames_en"
    guidelines = (folder / "GUIDELINES.md").read_text(encoding="utf-8")
    records = read_label_files([folder / "coder_a.jsonl", folder / "coder_b.jsonl"])
    assert all(f"`{label}`" in guidelines for r in records for label in r["labels"])
    first = {r["doc"] for r in records if r["coder"] in ("A1", "A2")}
    second = {r["doc"] for r in records if r["coder"] == "B"}
    assert len(first) == 123 and len(second) == 25 and second <= first
    table = label_agreement(label_units(records), n_boot=20)
    pooled = table[table["category"] == "all labels"].iloc[0]
    assert pooled["units"] == 350 and f"{pooled['alpha']:.3f}" in (folder / "README.md").read_text(encoding="utf-8")


def test_arabic_frames_codes_agree_as_documented():
    from framing.validation.label_codes import label_agreement, label_units, read_label_files

    folder = ROOT / "frames_ar"
    guidelines = (ROOT / "frames_en" / "GUIDELINES.md").read_text(encoding="utf-8")
    records = read_label_files([folder / "coder_a.jsonl", folder / "coder_b.jsonl"])
    assert all(f"`{label}`" in guidelines for r in records for label in r["labels"])
    assert all(r["doc"].startswith("u_") for r in records)
    first = {r["doc"] for r in records if r["coder"] == "A"}
    second = {r["doc"] for r in records if r["coder"] == "B"}
    assert len(first) == 60 and len(second) == 20 and second <= first
    pooled = label_agreement(label_units(records), n_boot=20).iloc[0]
    assert pooled["units"] == 200 and f"{pooled['alpha']:.3f}" in (folder / "README.md").read_text(encoding="utf-8")
