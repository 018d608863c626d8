"""Speaker-level stance against gold pairs."""

import json

import pytest

from framing.cli import main
from framing.errors import InputError
from framing.stance.evaluate import evaluate_speaker_stance, read_gold_stance


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
