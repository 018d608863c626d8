"""Scoring predicted utterances against gold: JSONL events and brat standoff."""

import json

import pandas as pd
import pytest

from framing.attribution import attribute
from framing.attribution.evaluate import (
    evaluate_attribution,
    format_scores,
    read_brat,
    read_gold_jsonl,
    score_events,
    speaker_matches,
)
from framing.errors import InputError


def test_brat_reader_picks_first_annotator_and_keeps_sourceless(fixtures):
    gold = read_brat(fixtures / "brat")
    assert list(gold) == ["city"]
    assert len(gold["city"]) == 3
    assert gold["city"][2]["source"] == []


def test_brat_scores_overlap_and_sourceless_events(fixtures):
    text = (fixtures / "brat" / "text" / "city.txt").read_text(encoding="utf-8")
    pred = attribute([{"doc_id": "city", "text": text, "lang": "en"}])
    r = evaluate_attribution(pred, fixtures / "brat")
    # "said" and "added" are found with the right speakers; "disagree" (no source) is missed
    assert r["detection"] == {"tp": 2, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.6667, "f1": 0.8}
    assert r["attribution"]["tp"] == 2 and r["attribution"]["fn"] == 0  # sourceless: detection only
    assert "detection" in format_scores(r)


def test_jsonl_gold_errors_name_the_line(tmp_path):
    f = tmp_path / "gold.jsonl"
    f.write_text('{"doc": "d", "paragraph": 1, "cue": "قال", "speaker": "X"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold.jsonl: line 2"):
        read_gold_jsonl(f)
    f.write_text('{"doc": "d", "cue": "قال"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1: missing field"):
        read_gold_jsonl(f)


def test_speaker_matching_uses_names_mentions_and_aliases():
    gold = {"speaker": "Dmitry Peskov", "mention": "بيسكوف"}
    assert speaker_matches({"speaker": "Dmitry Peskov"}, gold)
    assert speaker_matches({"speaker": "x", "mention": "ديمتري بيسكوف"}, gold)
    assert not speaker_matches({"speaker": "Kremlin", "mention": "الكرملين"}, gold)
    assert speaker_matches({"speaker": "x", "mention": "الرئاسة الروسية"}, {"speaker": "Kremlin"},
                           {"Kremlin": ["الرئاسة الروسية"]})


def test_predictions_folder_and_speaker_file_beside_gold(tmp_path):
    gold = tmp_path / "demo_utterances.jsonl"
    gold.write_text(json.dumps({"doc": "d", "paragraph": 1, "cue": "وقال", "speaker": "Kremlin"}) + "\n",
                    encoding="utf-8")
    (tmp_path / "demo_speakers.json").write_text(json.dumps({"Kremlin": {"aliases": ["الرئاسة الروسية"]}}),
                                                 encoding="utf-8")
    pred_dir = tmp_path / "pred"
    pred_dir.mkdir()
    pd.DataFrame([{"doc_id": "d", "paragraph": 1, "cue": "وقال", "speaker": "x", "mention": "الرئاسة الروسية",
                   "mention_full": ""}]).to_csv(pred_dir / "utterances.csv", index=False)
    r = evaluate_attribution(pred_dir, gold)
    assert r["attribution"]["f1"] == 1.0
    with pytest.raises(InputError, match="no utterances"):
        evaluate_attribution(tmp_path, gold)


def test_a_gold_folder_reads_only_the_event_files(tmp_path):
    """Article metadata and speaker-level stance gold beside the attribution gold are not events."""
    from framing.attribution.evaluate import gold_event_files

    (tmp_path / "gold_1.jsonl").write_text('{"doc": "d1", "paragraph": 1, "cue": "said"}\n', encoding="utf-8")
    (tmp_path / "articles.jsonl").write_text('{"doc": "d1", "title": "t"}\n', encoding="utf-8")
    (tmp_path / "stance_gold.jsonl").write_text('{"doc": "d1", "speaker": "x", "target": "y"}\n', encoding="utf-8")
    assert [f.name for f in gold_event_files(tmp_path)] == ["gold_1.jsonl"]
    (tmp_path / "gold_1.jsonl").unlink()
    with pytest.raises(InputError, match="no gold attribution"):
        gold_event_files(tmp_path)


def test_scoring_rewards_and_penalizes():
    gold = [{"doc": "d", "paragraph": 1, "cue": "وقال", "speaker": "A", "required": True},
            {"doc": "d", "paragraph": 2, "cue": "موضحا", "speaker": "A", "required": False},
            {"doc": "d", "paragraph": 3, "cue": "قال", "speaker": "B", "required": True}]
    pred = [{"doc_id": "d", "paragraph": 1, "cue": "قال", "speaker": "A", "mention": "", "mention_full": ""},
            {"doc_id": "d", "paragraph": 2, "cue": "موضحا", "speaker": "Z", "mention": "", "mention_full": ""},
            {"doc_id": "d", "paragraph": 4, "cue": "أكد", "speaker": "B", "mention": "", "mention_full": ""}]
    r = score_events(pred, gold)
    assert r["detection"]["tp"] == 1 and r["detection"]["fp"] == 1 and r["detection"]["fn"] == 1
    assert r["attribution"]["precision"] == 0.5


def test_strict_asks_the_speaker_column_itself_to_name_the_gold_speaker():
    gold = [{"doc": "d", "paragraph": 1, "cue": "قال", "speaker": "Adel al-Jubeir", "mention": "الوزير",
             "mention_full": "عادل الجبير", "type": "indirect"},
            {"doc": "d", "paragraph": 2, "cue": "قال", "speaker": "Adel al-Jubeir", "mention": "",
             "mention_full": "عادل الجبير", "type": "direct"},
            {"doc": "d", "paragraph": 3, "cue": "قال", "speaker": "anonymous: security source",
             "mention": "مصدر أمني", "mention_full": "", "type": "indirect"}]
    pred = [{"doc_id": "d", "paragraph": 1, "cue": "قال", "speaker": "الوزير", "mention": "الوزير",
             "mention_full": "وزير الخارجية عادل الجبير"},  # lenient through the fullest mention only
            {"doc_id": "d", "paragraph": 2, "cue": "قال", "speaker": "الجبير", "mention": "", "mention_full": ""},
            {"doc_id": "d", "paragraph": 3, "cue": "قال", "speaker": "anonymous: مصدر أمني", "mention": "",
             "mention_full": ""}]
    r = score_events(pred, gold)
    assert (r["attribution"]["tp"], r["strict"]["tp"]) == (3, 2)
    assert [d["status"] for d in r["details"]] == ["lenient", "strict", "strict"]
    kinds = {(k["by"], k["kind"]): k for k in r["by_kind"]}
    assert kinds[("type", "indirect")]["gold"] == 2 and kinds[("speaker", "named")]["strict"] == 0.5
    assert "strict" in format_scores(r)


def test_eval_writes_per_event_details(tmp_path, capsys):
    from framing.cli import main

    text = "خبر\nوقال سامي العلي إن السد جاهز."
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "d.txt").write_text(text, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "d", "paragraph": 1, "cue": "وقال", "speaker": "Sami Ali",
                                "mention_full": "سامي العلي"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["analyze", str(corpus), "--out", str(tmp_path / "out"), "--n-boot", "0"]) == 0
    details = tmp_path / "details.csv"
    assert main(["eval", "attribution", "--pred", str(tmp_path / "out"), "--gold", str(gold),
                 "--details", str(details)]) == 0
    assert "strict" in capsys.readouterr().out
    rows = pd.read_csv(details)
    assert rows.loc[0, "status"] == "strict" and rows.loc[0, "pred_speaker"] == "سامي العلي"


def test_details_never_write_over_another_file(tmp_path, capsys):
    from framing.cli import main

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "d.txt").write_text("خبر\nوقال سامي العلي إن السد جاهز.", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "d", "paragraph": 1, "cue": "وقال", "speaker": "Sami Ali"}) + "\n",
                    encoding="utf-8")
    assert main(["analyze", str(corpus), "--out", str(tmp_path / "out"), "--n-boot", "0"]) == 0
    notes = tmp_path / "notes.csv"
    notes.write_text("my,own\n1,2\n", encoding="utf-8")
    assert main(["eval", "attribution", "--pred", str(tmp_path / "out"), "--gold", str(gold),
                 "--details", str(notes)]) == 2
    assert notes.read_text(encoding="utf-8") == "my,own\n1,2\n"
    mine = tmp_path / "details.csv"
    for _ in range(2):  # its own table is replaced on a rerun
        assert main(["eval", "attribution", "--pred", str(tmp_path / "out"), "--gold", str(gold),
                     "--details", str(mine)]) == 0


def test_cues_match_through_the_conjunction_and_one_inside_the_other():
    from framing.attribution.evaluate import cues_match

    assert cues_match("قال", "وقال") and cues_match("وقال", "قال")
    # a cue that spans its verb, subject and "by saying" holds the verb coded alone, with or without و
    assert cues_match("ومضى المتحدث بالقول", "ومضى") and cues_match("ومضى المتحدث بالقول", "بالقول")
    assert not cues_match("ومضى المتحدث بالقول", "وقال")
    assert not cues_match("وفد", "فد")  # a short word keeps its first letter: "وفد" is a delegation


def test_gold_events_pair_with_predictions_in_text_order():
    # the gold names no offsets: three "يقول" in one paragraph, the first missed by the system; greedy pairing
    # would give the first gold event the second's prediction and shift every speaker after it
    gold = [{"doc": "d", "paragraph": 1, "cue": "يقول", "speaker": s, "required": True} for s in ("A", "B", "C")]
    pred = [{"doc_id": "d", "paragraph": 1, "cue": "يقول", "speaker": s, "cue_start": at, "mention": "",
             "mention_full": ""} for s, at in (("C", 90), ("B", 40))]
    r = score_events(pred, gold)
    assert [d["status"] for d in r["details"]] == ["missed", "strict", "strict"]
    # order is kept: a prediction never pairs with an earlier gold event than the one before it did
    crossed = [{"doc_id": "d", "paragraph": 1, "cue": "يقول", "speaker": s, "cue_start": at, "mention": "",
                "mention_full": ""} for s, at in (("B", 10), ("A", 50))]
    r = score_events(crossed, gold[:2])
    assert r["detection"]["tp"] == 2 and r["strict"]["tp"] == 0
    # a required event is found before an optional one takes the only prediction
    opt = [{"doc": "d", "paragraph": 1, "cue": "قال", "speaker": "A", "required": False},
           {"doc": "d", "paragraph": 1, "cue": "قال", "speaker": "B", "required": True}]
    one = [{"doc_id": "d", "paragraph": 1, "cue": "قال", "speaker": "A", "cue_start": 5, "mention": "",
            "mention_full": ""}]
    r = score_events(one, opt)
    assert r["detection"]["tp"] == 1 and [d["status"] for d in r["details"]][1] == "wrong_speaker"


def test_optional_events_listed_after_the_required_ones_still_pair():
    # a gold file may list a paragraph's optional events after its required ones, out of text order
    gold = [{"doc": "d", "paragraph": 1, "cue": "وقالت", "speaker": "A", "required": True},
            {"doc": "d", "paragraph": 1, "cue": "وجددت", "speaker": "A", "required": False}]
    pred = [{"doc_id": "d", "paragraph": 1, "cue": c, "speaker": "A", "cue_start": at, "mention": "",
             "mention_full": ""} for c, at in (("وجددت", 0), ("وقالت", 40))]
    r = score_events(pred, gold)
    assert r["detection"]["fp"] == 0 and [d["status"] for d in r["details"]] == ["strict", "optional"]
