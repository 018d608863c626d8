"""Training the supervised scorers on a coded sheet."""

import json

import pytest

from framing.cli import main
from framing.errors import InputError
from framing.sentiment import SupervisedSentiment
from framing.stance.supervised import SupervisedStance
from framing.validation import read_sheets, train_from_sheets, training_data


@pytest.fixture
def sheet(fixtures):
    return fixtures / "validation" / "train_sheet.csv"


def test_training_data_takes_labels_and_leaves_none_out(sheet):
    data = training_data(read_sheets(sheet))
    sentiment, stance = data["sentiment"], data["stance"]
    assert len(sentiment) == 23  # the row coded "no" has no label
    assert sentiment["label"].value_counts().to_dict() == {"positive": 8, "neutral": 8, "negative": 7}
    assert set(sentiment["lang"]) == {"en", "ar"}
    assert len(stance) == 12 and set(stance["target"]) == {"Russia"}  # the shipped target's name, not the slug
    assert stance["stance"].value_counts().to_dict() == {"favor": 4, "against": 4, "neutral": 4}


def test_train_command_saves_models_with_cross_validation(sheet, tmp_path, capsys):
    out = tmp_path / "models"
    assert main(["validate", "train", str(sheet), "--out", str(out), "--folds", "3", "--seed", "2"]) == 0
    printed = capsys.readouterr().out
    assert "fold 3/3 macro-F1" in printed and "F_avg" in printed
    summary = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert summary["sentiment"]["n"] == 23 and summary["stance"]["n"] == 12
    meta = json.loads((out / "sentiment" / "metadata.json").read_text(encoding="utf-8"))
    folds = meta["cross_validation"]["folds"]
    assert folds == summary["sentiment"]["cv"]["folds"] and len(folds) == 3
    assert meta["n_train"] == 23 and len(meta["training_sha256"]) == 64
    assert summary["sentiment"]["path"] == str(out / "sentiment")
    for fold in folds:
        assert f"macro-F1 = {fold:.4f}" in printed
    model = SupervisedSentiment.load(out / "sentiment")
    assert model.metadata()["cross_validation"]["folds"] == folds and model.cv_scores_ == folds
    stance_meta = json.loads((out / "stance" / "metadata.json").read_text(encoding="utf-8"))
    cv = stance_meta["cross_validation"]
    assert cv["f_avg"] == pytest.approx(summary["stance"]["cv"]["f_avg"]) and cv["folds"] == 3 and cv["n"] == 12
    assert f"F_avg (mean F1 of favor and against) = {cv['f_avg']:.3f}" in printed
    loaded = SupervisedStance.load(out / "stance")
    assert loaded.targets_ == ["Russia"] and loaded.cv_["f_avg"] == cv["f_avg"]


def test_too_few_examples_for_the_folds(sheet, tmp_path, capsys):
    with pytest.raises(InputError, match=r"sentiment: 8-fold cross-validation needs 8 coded rows of each label; "
                                         r"negative has 7"):
        train_from_sheets(read_sheets(sheet), what=("sentiment",), folds=8, verbose=False)
    assert main(["validate", "train", str(sheet), "--out", str(tmp_path / "m"), "--folds", "5",
                 "--what", "stance"]) == 2
    assert "stance: 5-fold cross-validation needs 5 coded rows" in capsys.readouterr().err


def test_labelled_rows_need_content(tmp_path):
    sheet = tmp_path / "s.csv"
    sheet.write_text("utterance_id,content,sentiment\nu1,a fine day,positive\nu2,,negative\nu3,,\n",
                     encoding="utf-8")
    with pytest.raises(InputError, match=r"1 coded row\(s\) have no content to learn from: .*s.csv: row 3"):
        training_data(read_sheets(sheet))
