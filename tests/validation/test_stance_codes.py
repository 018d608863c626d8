"""Tests for framing.validation.stance_codes: agreement between stance coders, per unit kind."""

import json

import pytest

from framing.cli import main
from framing.errors import InputError
from framing.validation.stance_codes import is_stance_file, read_stance_files, stance_agreement, stance_units


def _write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _statement(doc, p, target, stance, coder):
    return {"unit": "statement", "doc": doc, "paragraph": p, "cue": "وقال", "target": target, "stance": stance,
            "confidence": "clear", "coder": coder}


def test_units_only_in_articles_both_coded_and_missing_lines_count_as_they_should():
    a = [_statement("d1", 1, "Iran", "against", "A"), _statement("d1", 2, "Iran", "none", "A"),
         _statement("d9", 1, "Iran", "favor", "A"),
         {"unit": "speaker", "doc": "d1", "speaker": "Adel al-Jubeir", "target": "Iran", "stance": "against",
          "coder": "A"}]
    b = [_statement("d1", 1, "Iran", "against", "B"),
         {"unit": "speaker", "doc": "d1", "speaker": "Adel Al-Jubeir", "target": "Iran", "stance": "against",
          "coder": "B"},
         {"unit": "speaker", "doc": "d1", "speaker": "Hassan Rouhani", "target": "Egypt", "stance": "neutral",
          "coder": "B"}]
    long = stance_units(a + b)
    assert "d9" not in " ".join(long["unit"])  # coded once: not comparable
    # a statement unit one coder skipped is missing for them (every candidate gets a line) ...
    statement = long[long["kind"] == "statement"]
    assert len(statement) == 3
    # ... a speaker pair one coder did not write is "none" for them (only addressed pairs get a line)
    speaker = long[long["kind"] == "speaker"].set_index(["unit", "coder"])["stance"].to_dict()
    assert speaker[("d1|hassan rouhani|Egypt", "A")] == "none"
    assert speaker[("d1|adel jubeir|Iran", "A")] == speaker[("d1|adel jubeir|Iran", "B")] == "against"
    table = stance_agreement(long, n_boot=50)
    assert set(table["category"]) == {"statement units", "speaker units"}


def test_files_are_recognized_and_bad_lines_named(tmp_path):
    good = _write(tmp_path / "a.jsonl", [_statement("d", 1, "Iran", "against", "A")])
    assert is_stance_file(good)
    events = _write(tmp_path / "events.jsonl", [{"doc": "d", "paragraph": 1, "cue": "قال", "speaker": "X"}])
    assert not is_stance_file(events)
    bad = _write(tmp_path / "bad.jsonl", [{"unit": "statement", "doc": "d", "paragraph": 1, "cue": "قال",
                                           "target": "Iran", "stance": "hostile"}])
    with pytest.raises(InputError, match=r"bad.jsonl: record 1: stance 'hostile'"):
        read_stance_files([bad])


def test_validate_agreement_reads_stance_codes(tmp_path, capsys):
    rows_a = [_statement("d1", p, "Iran", s, "A") for p, s in enumerate(["against", "favor", "none", "neutral"] * 3)]
    rows_b = [_statement("d1", p, "Iran", s, "B") for p, s in enumerate(["against", "favor", "none", "none"] * 3)]
    a, b = _write(tmp_path / "a.jsonl", rows_a), _write(tmp_path / "b.jsonl", rows_b)
    assert main(["validate", "agreement", str(a), str(b), "--n-boot", "50"]) == 0
    printed = capsys.readouterr().out
    assert "12 statement" in printed and "statement units" in printed
    single = _write(tmp_path / "c.jsonl", rows_a)
    assert main(["validate", "agreement", str(single), "--n-boot", "50"]) == 2
    assert "coded by two coders" in capsys.readouterr().err


def test_two_coders_names_of_one_speaker_are_joined_by_the_toolkit_speakers_they_list():
    def line(coder, name, system, stance="against"):
        return {"unit": "speaker", "doc": "d1", "speaker": name, "system": system, "target": "ISIS",
                "stance": stance, "coder": coder}

    long = stance_units([line("A", "Athil al-Nujaifi", ["أثيل النجيفي"]),
                         line("B", "Atheel al-Nujaifi", ["أثيل النجيفي", "المحافظ"]),
                         # one string coder B gives to two people joins neither to coder A's third speaker
                         line("A", "Ashton Carter", ["unknown"], "favor"),
                         line("B", "Steve Warren", ["unknown", "بيان"], "favor"),
                         line("B", "Pentagon", ["بيان"], "neutral")])
    speaker = long[long["kind"] == "speaker"]
    assert speaker["unit"].nunique() == 4  # al-Nujaifi once; Carter, Warren and the Pentagon apart
    nujaifi = speaker[speaker["unit"].str.contains("nujaifi")]
    assert sorted(nujaifi["stance"]) == ["against", "against"]
    assert set(speaker[speaker["unit"].str.contains("carter")]["stance"]) == {"favor", "none"}


def test_statements_without_a_cue_are_told_apart_by_their_offset():
    def issued(start, stance, coder):
        return {"unit": "statement", "doc": "d1", "paragraph": 2, "cue": "", "start": start, "target": "Russia",
                "stance": stance, "confidence": "clear", "coder": coder}

    long = stance_units([issued(10, "against", "A"), issued(90, "none", "A"),
                         issued(10, "against", "B"), issued(90, "neutral", "B")])
    units = long.groupby("unit")["stance"].apply(list).to_dict()
    assert units == {"d1|2||10|Russia": ["against", "against"], "d1|2||90|Russia": ["none", "neutral"]}
