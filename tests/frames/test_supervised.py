"""Supervised measures for a researcher's codebook: train on coded sheets, apply with ``framing analyze --model``."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from framing.cli import main
from framing.errors import InputError
from framing.frames.supervised import LabelModel, load_codebook, parse_codes

CODEBOOK = "name: frame\nmulti: true\nlabels: [diplomacy, violence, schedule]\n"
# the frame a coder gives each row of the training sheet fixture (its content decides), by row
FRAMES = (["diplomacy"] * 6 + ["violence"] * 6 + ["schedule"] * 6 + ["diplomacy"] * 2
          + ["schedule,diplomacy", "schedule", "violence", ""])


@pytest.fixture()
def coded(fixtures, tmp_path):
    sheet = pd.read_csv(fixtures / "validation" / "train_sheet.csv", dtype=str)
    sheet["frame"] = FRAMES
    path = tmp_path / "coded.csv"
    sheet.to_csv(path, index=False)
    book = tmp_path / "codebook.yml"
    book.write_text(CODEBOOK, encoding="utf-8")
    return path, book


def test_train_then_apply_with_analyze(coded, tmp_path, capsys):
    sheet, book = coded
    out = tmp_path / "models"
    assert main(["validate", "train", str(sheet), "--what", "labels", "--codebook", str(book), "--out", str(out),
                 "--folds", "3"]) == 0
    printed = capsys.readouterr().out
    assert "frame: 23 coded utterances, 3-fold cross-validation: macro-F1" in printed and "baseline" in printed
    meta = json.loads((out / "frame" / "metadata.json").read_text(encoding="utf-8"))
    assert meta["classes"] == ["diplomacy", "violence", "schedule"] and meta["n_train"] == 23
    assert len(meta["cross_validation"]["macro_f1_folds"]) == 3 and len(meta["training_sha256"]) == 64
    corpus = tmp_path / "news.csv"
    pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"],
                  "text": ['The minister said "we condemn the brutal shelling of the city".',
                           'The spokesman said "the meeting will take place on Tuesday".']}).to_csv(corpus, index=False)
    assert main(["analyze", str(corpus), "--model", str(out / "frame"), "--out", str(tmp_path / "an"),
                 "--n-boot", "10", "--no-frames"]) == 0
    measures = pd.read_parquet(tmp_path / "an" / "measures.parquet")
    probs = measures[["label_frame_diplomacy", "label_frame_violence", "label_frame_schedule"]]
    assert probs.notna().all().all() and set(measures["label_method"]) == {"labels.tfidf-lr.v1"}
    speakers = pd.read_parquet(tmp_path / "an" / "speakers.parquet")
    assert "label_frame_violence_mean" in speakers and "label_frame_violence_ci_low" in speakers


def test_a_code_outside_the_codebook_names_its_sheet_and_row(coded, tmp_path, capsys):
    sheet, book = coded
    frame = pd.read_csv(sheet, dtype=str)
    frame.loc[4, "frame"] = "diplomcy"
    frame.to_csv(sheet, index=False)
    assert main(["validate", "train", str(sheet), "--what", "labels", "--codebook", str(book), "--out",
                 str(tmp_path / "m"), "--folds", "3"]) != 0
    err = capsys.readouterr().err
    assert "coded.csv: row" in err and "'diplomcy' is not a label of the codebook" in err


def test_sheets_without_the_column_and_runs_without_a_codebook_are_refused(fixtures, tmp_path, capsys):
    book = tmp_path / "codebook.yml"
    book.write_text(CODEBOOK, encoding="utf-8")
    sheet = str(fixtures / "validation" / "train_sheet.csv")
    assert main(["validate", "train", sheet, "--what", "labels", "--codebook", str(book), "--out",
                 str(tmp_path / "m")]) != 0
    assert "no column 'frame' (the codebook's name)" in capsys.readouterr().err
    assert main(["validate", "train", sheet, "--what", "labels", "--out", str(tmp_path / "m")]) != 0
    assert "--what labels needs --codebook FILE" in capsys.readouterr().err


def test_single_label_codebooks_refuse_two_labels_and_predict_one():
    book = {"name": "tone", "labels": ["calm", "alarm"], "multi": False}
    with pytest.raises(InputError, match="allows one"):
        parse_codes(["calm, alarm"], book)
    X = pd.DataFrame({"utterance_id": list("abcd"), "lang": "en",
                      "content": ["all is calm", "alarm and panic", "calm day", "panic alarm"]})
    model = LabelModel("tone", ["calm", "alarm"], min_df=1).fit(X, ["calm", "alarm"] * 2)
    assert model.transform(X)["label_tone"].tolist() == ["calm", "alarm", "calm", "alarm"]


def test_a_codebook_is_checked(tmp_path):
    path = tmp_path / "book.yml"
    path.write_text("name: x\nlabels: [a]\n", encoding="utf-8")
    with pytest.raises(InputError, match="at least two labels"):
        load_codebook(path)
    path.write_text("name: x\nlabels: [a, b]\ncolour: red\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown key"):
        load_codebook(path)


def test_sample_adds_the_codebook_column_for_coders(tmp_path):
    book = tmp_path / "codebook.yml"
    book.write_text(CODEBOOK + "description: the frame of the statement\n", encoding="utf-8")
    out = tmp_path / "sheet.csv"
    assert main(["validate", "sample", "corpora/seed", "--n", "5", "--out", str(out), "--codebook", str(book)]) == 0
    sheet = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert "frame" in sheet.columns and (sheet["frame"] == "").all()
    xlsx = out.with_suffix(".xlsx")
    if xlsx.exists():  # openpyxl installed: the codebook sheet lists the labels
        codes = pd.read_excel(xlsx, sheet_name="codebook", dtype=str)
        row = codes[codes["column"] == "frame"].iloc[0]
        assert row["codes"] == "diplomacy | violence | schedule" and "one or more labels" in row["meaning"]
