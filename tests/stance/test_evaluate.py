"""Tests for framing.stance.evaluate: speaker-level stance against gold pairs, cross-validation on coded data."""

import importlib.util
import json
import os
import warnings

import pytest
from stance_support import CODED

from framing.cli import main
from framing.errors import InputError
from framing.stance.evaluate import evaluate_speaker_stance, evaluate_stance, read_gold_stance
from framing.stance.supervised import cross_validate_stance, read_coded_stance

RUN_SLOW = bool(os.environ.get("FRAMING_RUN_SLOW"))


def _analyze(tmp_path, text):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "d1.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "--out", str(out), "--n-boot", "50"]) == 0
    return out


def test_pairs_counted_against_gold(tmp_path, capsys):
    out = _analyze(tmp_path, "خبر\n\nوقال وزير الخارجية الأوكراني دميترو كوليبا إن العدوان الروسي يجب أن يتوقف.\n"
                             "وأضاف كوليبا أن بلاده تشكر الولايات المتحدة على دعمها.\n")
    gold = tmp_path / "g_stance.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in [
        {"doc": "d1", "speaker": "Dmytro Kuleba", "target": "Russia", "stance": "against"},
        {"doc": "d1", "speaker": "Dmytro Kuleba", "target": "NATO", "stance": "favor"},
    ]) + "\n", encoding="utf-8")
    r = evaluate_speaker_stance(out, gold)
    assert (r["pairs"], r["correct"]) == (2, 1)
    assert r["details"][1]["pred"] == "none"
    capsys.readouterr()
    assert main(["eval", "stance", "--pred", str(out), "--gold", str(gold)]) == 0
    assert "1 of 2" in capsys.readouterr().out


def test_bad_gold_line_is_named(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"speaker": "x", "target": "Russia"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl: line 1: missing"):
        read_gold_stance(f)


def test_eval_stance_needs_data_or_pred_and_gold(capsys):
    assert main(["eval", "stance"]) == 2
    assert "--data" in capsys.readouterr().err


@pytest.mark.shared
def test_seed_speaker_stance_bar(tmp_path, seed_path, shared):
    out = tmp_path / "seed"
    assert main(["analyze", str(seed_path), "--out", str(out), "--n-boot", "50"]) == 0
    r = evaluate_speaker_stance(out, shared / "gold" / "seed_stance.jsonl")
    assert r["pairs"] == 13 and r["correct"] >= 11


def test_cross_validation_and_evaluate_stance_on_a_tiny_file(tmp_path):
    path = tmp_path / "coded.csv"
    CODED.to_csv(path, index=False)
    result = evaluate_stance(path, folds=3, seed=1)
    assert result["n"] == len(CODED) and result["folds"] == 3 and len(result["per_fold"]) == 3
    assert 0.0 <= result["f_avg"] <= 1.0 and set(result["per_target"]) == {"الخطة", "vaccine"}
    assert result["f_avg"] > result["majority"]["f_avg"]
    with pytest.raises(ValueError, match="at least 10 rows"):
        cross_validate_stance(read_coded_stance(path), folds=10)


def _benchmark():
    path = os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks", "eval_stance.py")
    spec = importlib.util.spec_from_file_location("eval_stance", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
def test_seed_article_speaker_stance_bar(shared):
    bench = _benchmark()
    for use_side in (False, True):
        right, total = bench.score_seed(bench.seed_utterances(shared), shared, use_side=use_side, verbose=False)
        assert total == 13 and right >= 11


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.skipif(not RUN_SLOW, reason="set FRAMING_RUN_SLOW=1 (5-fold CV on Mawqif takes ~15 s)")
def test_mawqif_cross_validation_bar(shared):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = evaluate_stance(shared / "data" / "mawqif" / "Mawqif_AllTargets_Train.csv", folds=5, seed=0)
    assert result["n"] == 3502 and result["f_avg"] >= 0.70
