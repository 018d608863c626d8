"""A sheet coded from gold attributions gives the numbers ``framing eval attribution`` prints."""

import importlib.util
import re

import pandas as pd
import pytest

from conftest import ROOT
from framing.cli import main

pytestmark = pytest.mark.shared


def _script():
    spec = importlib.util.spec_from_file_location("make_seed_sheet", ROOT / "benchmarks" / "make_seed_sheet.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.match(r"(documents:|detection |attribution )", line)]


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
