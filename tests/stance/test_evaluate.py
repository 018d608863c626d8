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


def _two_docs(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "d1.txt").write_text("خبر\n\nوقال كوليبا إن العدوان الروسي يجب أن يتوقف.\n", encoding="utf-8")
    (corpus / "d2.txt").write_text("خبر\n\nوقال كوليبا إننا نقف مع روسيا.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "--out", str(out), "--n-boot", "20"]) == 0
    return out


def test_pairs_are_per_document_with_baseline_and_confusion(tmp_path):
    out = _two_docs(tmp_path)
    gold = tmp_path / "g.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"doc": "d1", "speaker": "Dmytro Kuleba", "target": "Russia", "stance": "against", "confidence": "clear"},
        {"doc": "d2", "speaker": "Dmytro Kuleba", "target": "Russia", "stance": "favor", "confidence": "implied"},
        {"doc": "d3", "none": True},
    ]) + "\n", encoding="utf-8")
    r = evaluate_speaker_stance(out, gold)
    # the one speaker's two documents are two pairs, each judged on its own utterances
    assert [d["pred"] for d in r["details"]] == ["against", "favor"]
    assert (r["pairs"], r["correct"], r["clear"]["pairs"], r["clear"]["correct"]) == (2, 2, 1, 1)
    assert r["baseline"]["accuracy"] == 0.5 and r["confusion"]["favor"]["favor"] == 1
    assert r["per_target"]["Russia"]["pairs"] == 2
    assert r["breakdown"] == {"not_found": 0, "found_none": 0, "decided": 2, "decided_correct": 2}


def test_the_report_says_where_pairs_are_lost():
    from framing.stance.evaluate import _summarize, format_speaker_stance

    details = [{"speaker": "a", "target": "T", "gold": "against", "pred": "none", "speaker_ids": []},
               {"speaker": "b", "target": "T", "gold": "against", "pred": "none", "speaker_ids": ["b"]},
               {"speaker": "c", "target": "T", "gold": "favor", "pred": "against", "speaker_ids": ["c"]},
               {"speaker": "d", "target": "T", "gold": "favor", "pred": "favor", "speaker_ids": ["d"]}]
    r = _summarize(details, found=3)
    assert r["breakdown"] == {"not_found": 1, "found_none": 1, "decided": 2, "decided_correct": 1}
    assert "1 speakers not found; of the found, 1 taken as not addressing the target and 2 given a label, " \
           "1 of them right (0.500)" in format_speaker_stance(r, details=False)


def test_gold_speakers_are_found_through_the_attribution_events(tmp_path):
    out = _two_docs(tmp_path)
    gold = tmp_path / "g_stance.jsonl"
    gold.write_text(json.dumps({"doc": "d1", "speaker": "Ukraine's foreign minister", "target": "Russia",
                                "stance": "against"}) + "\n", encoding="utf-8")
    assert evaluate_speaker_stance(out, gold, events=[])["speakers_found"] == 0
    events = tmp_path / "gold_events.jsonl"
    events.write_text(json.dumps({"doc": "d1", "paragraph": 1, "cue": "وقال", "speaker": "Ukraine's foreign minister",
                                  "mention": "كوليبا", "mention_full": "كوليبا"}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    r = evaluate_speaker_stance(out, gold, events=events)
    assert r["speakers_found"] == 1 and r["correct"] == 1
    # beside the gold file, event files are found on their own
    assert evaluate_speaker_stance(out, gold)["speakers_found"] == 1


def test_eval_stance_fixed_split_prints_held_out_beside_cross_validation(tmp_path, capsys):
    train, test = tmp_path / "train.csv", tmp_path / "test.csv"
    CODED.to_csv(train, index=False)
    CODED.iloc[:12].to_csv(test, index=False)
    assert main(["eval", "stance", "--train", str(train), "--test", str(test), "--folds", "3"]) == 0
    printed = capsys.readouterr().out
    assert "scored on 12 held-out rows" in printed and "3-fold cross-validation" in printed
    assert "majority baseline (training rows)" in printed
    assert main(["eval", "stance", "--train", str(train)]) == 2
    assert "--train and --test go together" in capsys.readouterr().err


@pytest.mark.shared
def test_ar_dev_stance_news_method_beats_the_cue_rules(tmp_path, shared):
    """The 40 Arabic dev articles: the learned method holds its measured figure and beats the cue rules.

    Neither reaches always "against" yet (0.605 of all pairs); README gives the figures.
    """
    dev = shared / "gold" / "ar_dev"
    scores = {}
    for method in ("cues", "news"):
        out = tmp_path / method
        assert main(["analyze", str(dev / "articles"), "--metadata", str(dev / "articles.jsonl"), "--targets",
                     str(dev / "stance_targets.yml"), "--stance-method", method, "--out", str(out),
                     "--n-boot", "20"]) == 0
        scores[method] = evaluate_speaker_stance(out, dev / "stance_gold.jsonl")
    assert scores["news"]["pairs"] == 134 and scores["news"]["baseline"]["label"] == "against"
    assert scores["news"]["accuracy"] >= 0.40 and scores["news"]["clear"]["accuracy"] >= 0.42
    assert scores["news"]["accuracy"] > scores["cues"]["accuracy"] + 0.2


def test_a_label_on_a_pair_the_gold_leaves_uncoded_is_counted(tmp_path):
    out = _analyze(tmp_path, "خبر\n\nوقال كوليبا إن العدوان الروسي يجب أن يتوقف.\n\n"
                             "وقال بوريل إن الاتحاد الأوروبي يدين العدوان الروسي.\n")
    gold = tmp_path / "g.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in [
        {"doc": "d1", "speaker": "Dmytro Kuleba", "target": "Russia", "stance": "against"},
        {"doc": "d1", "speaker": "Josep Borrell", "target": "Ukraine", "stance": "favor"}]) + "\n", encoding="utf-8")
    r = evaluate_speaker_stance(out, gold, events=[])
    # the document's coded targets are Russia and Ukraine: Borrell's Russia and Kuleba's Ukraine are
    # uncoded (not addressed by the guidelines); the scorer labels Borrell against Russia all the same
    assert r["speakers_found"] == 2
    assert r["uncoded"] == {"pairs": 2, "labelled": 1, "per_label": {"against": 1}}
    from framing.stance.evaluate import format_speaker_stance

    assert "uncoded pairs with a target coded in their document (none by the guidelines): 2, 1 of them " \
           "given a label (0.500)" in format_speaker_stance(r, details=False)


def test_a_gold_line_listing_the_toolkit_speakers_finds_them(tmp_path):
    import pandas as pd

    out = _two_docs(tmp_path)
    written = pd.read_parquet(out / "utterances.parquet").query("doc_id == 'd1'")["speaker"].iloc[0]
    gold = tmp_path / "g.jsonl"
    line = {"unit": "speaker", "doc": "d1", "speaker": "the minister quoted", "target": "Russia", "stance": "against"}
    gold.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert evaluate_speaker_stance(out, gold, events=[])["speakers_found"] == 0
    gold.write_text(json.dumps({**line, "system": [written]}, ensure_ascii=False) + "\n", encoding="utf-8")
    r = evaluate_speaker_stance(out, gold, events=[])
    assert r["speakers_found"] == 1 and r["correct"] == 1
    # codes made when the toolkit wrote the speaker otherwise: the fullest mention, or an unnamed-source form
    full = pd.read_parquet(out / "utterances.parquet").query("doc_id == 'd1'")["mention_full"].iloc[0]
    for string in (full, "anonymous: " + full):
        gold.write_text(json.dumps({**line, "system": [string]}, ensure_ascii=False) + "\n", encoding="utf-8")
        assert evaluate_speaker_stance(out, gold, events=[])["speakers_found"] == 1, string


def test_a_gold_line_listing_a_phrase_the_toolkit_now_writes_longer_finds_it(tmp_path):
    import pandas as pd

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "d1.txt").write_text("خبر\n\nوقال وزير الخارجية إن العدوان الروسي يجب أن يتوقف.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "--out", str(out), "--n-boot", "20"]) == 0
    full = pd.read_parquet(out / "utterances.parquet").query("doc_id == 'd1'")["mention_full"].iloc[0]
    assert full == "وزير الخارجية"
    gold = tmp_path / "g.jsonl"
    line = {"unit": "speaker", "doc": "d1", "speaker": "the minister quoted", "target": "Russia", "stance": "against"}
    # a code made when the toolkit wrote the phrase with a word more, or with its first word only
    for string in (full + " أمس", "anonymous: " + full.split()[0]):
        gold.write_text(json.dumps({**line, "system": [string]}, ensure_ascii=False) + "\n", encoding="utf-8")
        assert evaluate_speaker_stance(out, gold, events=[])["speakers_found"] == 1, string
    # a string none of the document's phrases holds, nor is held in: not found
    gold.write_text(json.dumps({**line, "system": ["وزير الزراعة"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert evaluate_speaker_stance(out, gold, events=[])["speakers_found"] == 0


def test_a_gold_name_is_the_person_the_toolkit_gives_its_id(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "d1.txt").write_text(
        "Sanctions widen\n\n\u201cWe condemn Russia for this war,\u201d said Under Secretary of the Treasury for "
        "Terrorism and Financial Intelligence Brian E. Nelson.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "--out", str(out), "--n-boot", "50"]) == 0
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"doc": "d1", "speaker": "Brian Nelson", "target": "Russia", "stance": "against"})
                    + "\n", encoding="utf-8")
    r = evaluate_speaker_stance(out, gold, events=[])
    assert r["speakers_found"] == 1 and r["correct"] == 1
    # another name is not found through the id
    gold.write_text(json.dumps({"doc": "d1", "speaker": "Brian Smith", "target": "Russia", "stance": "against"})
                    + "\n", encoding="utf-8")
    assert evaluate_speaker_stance(out, gold, events=[])["speakers_found"] == 0
