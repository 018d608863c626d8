"""The machine against coded sheets: event-level attribution, per-class scores, confusion, alpha.

A sheet coded from gold attributions gives the numbers ``framing eval attribution`` prints.
"""

import importlib.util
import json
import re

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import f1_score

from conftest import ROOT
from framing.cli import main
from framing.errors import InputError
from framing.validation import confusion_matrix, read_key, read_sheets, score_sheets


@pytest.fixture
def folder(fixtures):
    return fixtures / "validation"


def test_one_coder_as_reference(folder):
    r = score_sheets(read_sheets([folder / "coder_a.csv", folder / "coder_b.csv"]), coder="ana", n_boot=50)
    # ana: six statements (one optional left aside), one narration, one missed statement added;
    # the speaker is wrong on d1:60 and not judged on d2:90
    assert r["attribution"]["detection"] == {"tp": 6, "fp": 1, "fn": 1, "precision": 0.8571, "recall": 0.8571,
                                             "f1": 0.8571}
    assert r["attribution"]["attribution"] == {"tp": 4, "fp": 2, "fn": 2, "precision": 0.6667, "recall": 0.6667,
                                               "f1": 0.6667}
    assert r["attribution"]["unjudged"] == 1
    assert r["attribution"]["documents"] == 2 and r["attribution"]["gold_required"] == 7
    summary = r["summary"].set_index("variable")
    assert summary.loc["speaker", "n"] == 6 and summary.loc["speaker", "accuracy"] == pytest.approx(5 / 6)
    # sentiment: six pairs; d2:150 positive for ana, negative for the machine
    human = ["positive", "negative", "neutral", "positive", "negative", "positive"]
    machine = ["positive", "negative", "neutral", "positive", "negative", "negative"]
    assert summary.loc["sentiment", "n"] == 6
    assert summary.loc["sentiment", "accuracy"] == pytest.approx(5 / 6)
    assert summary.loc["sentiment", "macro_f1"] == pytest.approx(f1_score(human, machine, average="macro"))
    classes = r["classes"].set_index(["variable", "class"])
    assert classes.loc[("sentiment", "positive"), ["precision", "recall", "support"]].tolist() == pytest.approx(
        [1.0, 2 / 3, 3])
    assert classes.loc[("sentiment", "negative"), ["precision", "recall"]].tolist() == pytest.approx([2 / 3, 1.0])
    matrix = confusion_matrix(r["confusion"], "sentiment")
    assert matrix.loc["positive", "negative"] == 1 and matrix.loc["positive", "positive"] == 2
    assert int(matrix.values.sum()) == 6
    # alpha with the machine as a second coder, computed independently
    codes = {"positive": 0, "negative": 1, "neutral": 2}
    ana = [0, 1, np.nan, 2, 0, 1, np.nan, 0]
    bot = [codes[v] for v in ["positive", "negative", "neutral", "neutral", "positive", "negative", "neutral",
                              "negative"]]
    expected = krippendorff.alpha(reliability_data=[ana, bot], level_of_measurement="nominal")
    assert summary.loc["sentiment", "alpha"] == pytest.approx(expected, abs=1e-9)
    assert summary.loc["sentiment", "ci_low"] <= summary.loc["sentiment", "alpha"] <= summary.loc["sentiment", "ci_high"]


def test_majority_of_two_coders(folder):
    r = score_sheets(read_sheets([folder / "coder_a.csv", folder / "coder_b.csv"]), n_boot=0)
    # d1:240 optional vs yes: a tie, left out; the row only ana added: a tie with coder_b's silence;
    # d1:180 speaker right for ana, wrong for coder_b: a tie, so not judged
    assert r["attribution"]["detection"] == {"tp": 6, "fp": 1, "fn": 0, "precision": 0.8571, "recall": 1.0,
                                             "f1": 0.9231}
    att = r["attribution"]["attribution"]
    assert (att["tp"], att["fp"], att["fn"], r["attribution"]["unjudged"]) == (4, 2, 1, 1)
    summary = r["summary"].set_index("variable")
    # stance: the coders agree on five units and split on d2:0 (against / neutral: left out); ana alone coded
    # d2:150, which counts; d1:120 has no stance code
    assert summary.loc["stance_russia", "n"] == 6
    assert r["coders"] == ["ana", "coder_b"]


def test_key_supplies_the_machine_answers(folder, tmp_path):
    coded = pd.read_csv(folder / "coder_a.csv", dtype=str, keep_default_na=False)
    hidden = tmp_path / "hidden.csv"
    coded.drop(columns=["machine_kind", "machine_sentiment", "machine_stance_russia"]).to_csv(hidden, index=False)
    with_sheet = score_sheets(read_sheets(folder / "coder_a.csv"), n_boot=0)
    without = score_sheets(read_sheets(hidden), n_boot=0)
    assert without["classes"].empty
    assert any("sentiment is coded but the machine's sentiment is not in the sheet" in n for n in without["notes"])
    with_key = score_sheets(read_sheets(hidden), read_key(folder / "key.csv"), n_boot=0)
    assert with_key["notes"] == []  # the key's method columns are not codes
    pd.testing.assert_frame_equal(with_key["classes"], with_sheet["classes"])
    assert with_key["attribution"] == with_sheet["attribution"]


def test_key_without_a_coded_utterance_names_the_row(folder, tmp_path):
    key = pd.read_csv(folder / "key.csv", dtype=str, keep_default_na=False)
    short = tmp_path / "short.key.csv"
    key[key["utterance_id"] != "d1:180"].to_csv(short, index=False)
    with pytest.raises(InputError, match=r"coder_a.csv: row 5: utterance d1:180"):
        score_sheets(read_sheets(folder / "coder_a.csv"), read_key(short), n_boot=0)


def test_named_speakers_are_matched_like_eval_attribution(tmp_path):
    sheet = tmp_path / "s.csv"
    sheet.write_text("utterance_id,doc_id,machine_speaker,machine_mention,utterance,speaker\n"
                     "u1,d,Dmitry Peskov,بيسكوف,yes,Peskov\n"
                     "u2,d,Kremlin,الكرملين,yes,Russian presidency\n"
                     "u3,d,Kremlin,الكرملين,yes,Dmitry Peskov\n", encoding="utf-8")
    aliases = {"Russian presidency": ["الكرملين", "Kremlin"]}
    without = score_sheets(read_sheets(sheet), n_boot=0)["attribution"]["attribution"]
    with_aliases = score_sheets(read_sheets(sheet), aliases=aliases, n_boot=0)["attribution"]["attribution"]
    assert (without["tp"], with_aliases["tp"]) == (1, 2)


def test_unknown_coder(folder):
    with pytest.raises(InputError, match="no coder 'bob'"):
        score_sheets(read_sheets(folder / "coder_a.csv"), coder="bob")


def test_score_and_agreement_commands(folder, tmp_path, capsys):
    a, b = str(folder / "coder_a.csv"), str(folder / "coder_b.csv")
    assert main(["validate", "score", a, "--key", str(folder / "key.csv"), "--n-boot", "20",
                 "--out", str(tmp_path / "scores")]) == 0
    out = capsys.readouterr().out
    assert "detection    P=0.857  R=0.857  F1=0.857  (tp=6 fp=1 fn=1)" in out
    assert "sentiment: per class" in out
    for name in ("events", "summary", "classes", "confusion", "alpha"):
        assert (tmp_path / "scores" / f"{name}.csv").exists()
    assert main(["validate", "score", a, b, "--json", "--n-boot", "0"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["attribution"]["detection"]["fn"] == 0 and payload["coders"] == ["ana", "coder_b"]
    assert main(["validate", "agreement", a, b, "--n-boot", "20", "--no-categories"]) == 0
    out = capsys.readouterr().out
    assert "between 2 coders (ana, coder_b)" in out and "stance_russia" in out
    assert main(["validate", "agreement", str(folder / "coder_bad.csv")]) == 2
    assert "coder_bad.csv: 4 bad row(s)" in capsys.readouterr().err


# --- a sheet coded from gold attributions ------------------------------------------------------------


def _script():
    spec = importlib.util.spec_from_file_location("make_seed_sheet", ROOT / "benchmarks" / "make_seed_sheet.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.match(r"(documents:|detection |attribution )", line)]


@pytest.mark.shared
def test_seed_sheet_reproduces_eval_attribution(shared, seed_path, tmp_path, capsys):
    gold = shared / "gold" / "seed_utterances.jsonl"
    stem = tmp_path / "seed_sheet"
    assert _script().main([str(seed_path), "--gold", str(gold), "--out", str(stem)]) == 0
    coded = pd.read_csv(f"{stem}.coded.csv", dtype=str, keep_default_na=False)
    assert set(coded["utterance"]) <= {"yes", "no", "optional"} and (coded["utterance"] == "optional").any()
    capsys.readouterr()

    assert main(["analyze", str(seed_path), "--out", str(tmp_path / "pred"), "--n-boot", "10"]) == 0
    capsys.readouterr()
    assert main(["eval", "attribution", "--pred", str(tmp_path / "pred"), "--gold", str(gold)]) == 0
    expected = _score_lines(capsys.readouterr().out)
    assert main(["validate", "score", f"{stem}.coded.csv", "--key", f"{stem}.key.csv",
                 "--speakers", str(shared / "gold" / "seed_speakers.json"), "--n-boot", "20"]) == 0
    got = _score_lines(capsys.readouterr().out)
    assert len(expected) == 3 and got == expected


@pytest.mark.slow
@pytest.mark.shared
def test_dev_sheet_reproduces_eval_attribution(shared, tmp_path, capsys):
    """Forty articles with misses, spurious and wrong speakers: the counts still agree."""
    dev = shared / "gold" / "ar_dev"
    if not dev.is_dir():
        pytest.skip("the Arabic dev gold is not in the shared folder")
    stem = tmp_path / "dev_sheet"
    status = _script().main([str(dev / "articles"), "--metadata", str(dev / "articles.jsonl"), "--gold", str(dev),
                             "--out", str(stem)])
    out = capsys.readouterr().out
    assert status == 0 and "same numbers" in out
    coded = pd.read_csv(f"{stem}.coded.csv", dtype=str, keep_default_na=False)
    # the sheet holds every kind of case the counts depend on
    assert {"yes", "no", "optional"} <= set(coded["utterance"])
    assert (coded["utterance_id"] == "").any() and (coded["speaker_ok"] == "no").any()
