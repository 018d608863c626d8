"""Agreement between coders of attribution events (JSONL)."""

import json

import pytest

from framing.cli import main
from framing.validation.events import event_agreement, event_counts, event_units, is_event_file, speaker_key


def _event(coder, paragraph, cue, speaker, **kw):
    return {"doc": "d", "paragraph": paragraph, "cue": cue, "speaker": speaker, "type": "indirect",
            "required": True, "explicit": True, "sentiment": "neutral", "coder": coder, **kw}


def test_units_are_the_cues_any_coder_marked_in_articles_coded_twice():
    records = [_event("A", 1, "وقال", "X"), _event("B", 1, "قال", "X"),
               _event("A", 2, "وأضاف", "X"),  # only A saw it: B says "no"
               _event("A", 3, "وقال", "Y"), _event("A", 3, "وقال", "Z"), _event("B", 3, "وقال", "Y"),
               {"doc": "other", "paragraph": 0, "cue": "قال", "speaker": "Q", "coder": "A"}]  # coded once
    long = event_units(records)
    assert set(long["unit"].str.split("|").str[0]) == {"d"}
    by = long.set_index(["unit", "coder"])["event"]
    assert by[("d|2|اضاف|1", "B")] == "no"
    assert by[("d|3|قال|2", "B")] == "no"  # the second "وقال" of paragraph 3 is its own unit
    assert event_counts(long) == {"units": 4, "marked_by_all": 2, "marked_by_some": 2}


def test_articles_with_no_events_count_as_coded():
    records = [_event("A", 1, "قال", "X"), {"doc": "d", "no_events": True, "coder": "B"}]
    assert event_units(records).set_index("coder").loc["B", "event"] == "no"


def test_alpha_is_one_for_identical_codes_and_lower_when_speakers_differ():
    same = [_event(c, p, "قال", s) for c in "AB" for p, s in ((1, "X"), (2, "Y"), (3, "Z"))]
    table = event_agreement(event_units(same), n_boot=50).set_index(["variable", "level"])
    assert table.loc[("speaker", "nominal"), "alpha"] == pytest.approx(1.0)
    differ = same[:3] + [_event("B", 1, "قال", "X"), _event("B", 2, "قال", "Z"), _event("B", 3, "قال", "Y")]
    table = event_agreement(event_units(differ), n_boot=50).set_index(["variable", "level"])
    assert table.loc[("speaker", "nominal"), "alpha"] < 0.5


def test_speaker_names_compare_across_spellings():
    assert speaker_key("Adel Al-Jubeir") == speaker_key("adel al jubeir") == "adel jubeir"


def test_the_agreement_command_reads_event_files(tmp_path, capsys):
    a, b = tmp_path / "coder_a.jsonl", tmp_path / "coder_b.jsonl"
    for path, coder in ((a, "A"), (b, "B")):
        lines = [_event(coder, p, "قال", s) for p, s in ((1, "X"), (2, "Y"))]
        path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines), encoding="utf-8")
    assert is_event_file(a)
    assert main(["validate", "agreement", str(a), str(b), "--n-boot", "20"]) == 0
    out = capsys.readouterr().out
    assert "2 cues marked" in out and "speaker" in out
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("unit,coder,sentiment\nu1,A,positive\n", encoding="utf-8")
    assert main(["validate", "agreement", str(a), str(sheet)]) == 2
    assert "not both" in capsys.readouterr().err


def test_a_coded_event_without_paragraph_or_cue_is_named(tmp_path):
    from framing.errors import InputError
    from framing.validation.events import read_event_files

    bad = tmp_path / "coder.jsonl"
    bad.write_text('{"doc": "d", "paragraph": 1, "cue": "قال"}\n{"doc": "d", "cue": "قال"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="record 2: no 'paragraph'"):
        read_event_files([bad])


def test_fields_the_files_do_not_code_get_no_row():
    # statements labelled for sentiment alone: no speaker, type or explicit to compare
    def line(coder, p, sentiment):
        return {"doc": "d", "paragraph": p, "cue": "قال", "sentiment": sentiment, "coder": coder}

    records = [line(c, p, s) for c in "AB" for p, s in ((1, "positive"), (2, "negative"), (3, "neutral"))]
    table = event_agreement(event_units(records), n_boot=50)
    assert "sentiment" in set(table["variable"])
    assert not {"speaker", "type", "explicit"} & set(table["variable"])
