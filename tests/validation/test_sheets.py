"""Coding sheets: the stratified sample, the sheet and its key, cells that read back exactly."""

import pandas as pd
import pytest

from framing.cli import main
from framing.errors import InputError
from framing.text import paragraph_spans
from framing.validation import draw_sample, read_sheets
from framing.validation.sheets import MARK, VOCABULARY, allocate, mark_context, write_sheet

ENGLISH = """Talks resume in Vienna

Foreign minister Anna Berg said the talks with Moscow were useful.
"We will not accept any new sanctions," Berg told reporters on Monday.
The spokesman added that a second meeting would be held next week.
"""
ARABIC = """محادثات جديدة في فيينا

وقال وزير الخارجية الأوكراني دميترو كوليبا إن العدوان الروسي يجب أن يتوقف.
وأضاف كوليبا أن بلاده تشكر الولايات المتحدة على دعمها.
وأكد المتحدث باسم الكرملين ديمتري بيسكوف أن المحادثات كانت مفيدة.
"""


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "e1.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "a1.txt").write_text(ARABIC, encoding="utf-8")
    return folder


def _utterances(sizes, outlets=None):
    speakers = [s for s, n in sizes.items() for _ in range(n)]
    table = pd.DataFrame({"utterance_id": [f"u{i}" for i in range(len(speakers))], "speaker_id": speakers})
    if outlets:
        table["outlet"] = [outlets[i % len(outlets)] for i in range(len(table))]
    return table


def test_allocation_is_proportional_with_one_for_each_stratum():
    assert allocate([90, 9, 1], 10).tolist() == [8, 1, 1]
    assert allocate([50, 30, 20], 10).tolist() == [5, 3, 2]
    assert allocate([5, 2], 50).tolist() == [5, 2]
    assert allocate([3, 3, 3], 2).sum() == 2  # fewer places than strata: no minimum


def test_sample_is_stratified_seeded_and_weighted():
    table = _utterances({"x": 60, "y": 30, "z": 10}, outlets=["A", "B"])
    sample = draw_sample(table, 20, by="speaker", seed=4)
    assert sample["stratum"].value_counts().to_dict() == {"x": 12, "y": 6, "z": 2}
    assert sample["weight"].sum() == pytest.approx(len(table))  # weights stand for the whole table
    assert (sample["speaker_id"] == sample["stratum"]).all()
    assert sample["utterance_id"].is_unique
    assert draw_sample(table, 20, seed=4)["utterance_id"].tolist() == sample["utterance_id"].tolist()
    assert draw_sample(table, 20, seed=5)["utterance_id"].tolist() != sample["utterance_id"].tolist()
    # rows keep the table's order
    assert sample["utterance_id"].str[1:].astype(int).is_monotonic_increasing
    by_outlet = draw_sample(table, 10, by="outlet", seed=0)
    assert by_outlet["stratum"].value_counts().to_dict() == {"A": 5, "B": 5}
    assert draw_sample(table, 10, by="none")["stratum"].unique().tolist() == ["(all)"]
    with pytest.raises(ValueError, match="stratify by"):
        draw_sample(table, 10, by="lang")
    with pytest.raises(InputError, match="outlet"):
        draw_sample(_utterances({"x": 3}), 2, by="outlet")


def test_sample_command_writes_sheet_key_and_xlsx(corpus, tmp_path, capsys):
    out = tmp_path / "sheets" / "round1.csv"
    assert main(["validate", "sample", str(corpus), "--n", "4", "--seed", "1", "--out", str(out)]) == 0
    assert "4 utterances from 2 documents" in capsys.readouterr().out
    sheet = pd.read_csv(out, dtype=str, keep_default_na=False)
    key = pd.read_csv(out.with_name("round1.key.csv"), dtype=str, keep_default_na=False)
    assert len(sheet) == 4 and sheet["utterance_id"].tolist() == key["utterance_id"].tolist()
    coder = ["coder", "utterance", "speaker_ok", "speaker", "kind", "sentiment", "stance_russia", "notes"]
    assert set(coder) <= set(sheet.columns)
    assert (sheet[coder] == "").all().all()
    # the machine's labels are hidden from coders, kept in the key
    assert not any(c.startswith("machine_sentiment") or c.startswith("machine_stance") for c in sheet.columns)
    assert set(key["machine_sentiment"]) <= set(VOCABULARY["sentiment"])
    assert set(key["machine_stance_russia"]) <= set(VOCABULARY["stance"])
    texts = {"e1": ENGLISH, "a1": ARABIC}
    for row in sheet.itertuples():
        assert row.context.count(MARK[0]) == 1
        assert f"{MARK[0]}{row.cue}{MARK[1]}" in row.context
        a, b = paragraph_spans(texts[row.doc_id])[int(row.paragraph)]
        assert row.context.replace(MARK[0], "").replace(MARK[1], "") == texts[row.doc_id][a:b]
    xlsx = out.with_suffix(".xlsx")
    from openpyxl import load_workbook

    assert load_workbook(xlsx).sheetnames == ["coding", "codebook"]
    assert read_sheets(xlsx)["unit"].tolist() == sheet["utterance_id"].tolist()


def test_show_machine_and_tables_option(corpus, tmp_path):
    assert main(["analyze", str(corpus), "--out", str(tmp_path / "tables"), "--n-boot", "10"]) == 0
    plain, shown = tmp_path / "plain.csv", tmp_path / "shown.csv"
    assert main(["validate", "sample", str(corpus), "--n", "3", "--out", str(plain)]) == 0
    assert main(["validate", "sample", str(corpus), "--n", "3", "--out", str(shown), "--show-machine",
                 "--tables", str(tmp_path / "tables")]) == 0
    a, b = (pd.read_csv(p, dtype=str, keep_default_na=False) for p in (plain, shown))
    assert a["utterance_id"].tolist() == b["utterance_id"].tolist()  # same analysis, same sample
    key = pd.read_csv(tmp_path / "shown.key.csv", dtype=str, keep_default_na=False)
    assert b["machine_sentiment"].tolist() == key["machine_sentiment"].tolist()
    assert b["machine_kind"].tolist() == key["machine_kind"].tolist()


def test_sample_reports_tables_from_another_corpus(corpus, tmp_path, capsys):
    other = tmp_path / "other"
    other.mkdir()
    (other / "e1.txt").write_text("Short.\n\nShe said no.\n", encoding="utf-8")
    assert main(["analyze", str(corpus), "--out", str(tmp_path / "tables"), "--n-boot", "10"]) == 0
    status = main(["validate", "sample", str(other), "--n", "6", "--tables", str(tmp_path / "tables"),
                   "--out", str(tmp_path / "s.csv")])
    assert status == 2
    assert "is not in" in capsys.readouterr().err


#: Text a spreadsheet would take for a formula, or change: formula starts, tab and CR first, spaces around.
HOSTILE = ['=HYPERLINK("https://example.org/x","click")', "=2+3", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1",
           " spaced ", "'quoted", "007"]


def test_sheet_cells_round_trip_exactly_and_are_never_formulas(tmp_path):
    from openpyxl import load_workbook

    from framing.validation import read_key
    from framing.validation.codes import read_sheet_file
    from framing.validation.scoring import attach_machine
    from framing.validation.sheets import build_sheet

    n = len(HOSTILE)
    texts = {f"{h}|{i}": f"{h} said {h}\r\nnext line" for i, h in enumerate(HOSTILE)}
    sample = pd.DataFrame({"utterance_id": [f"{h}#{i}" for i, h in enumerate(HOSTILE)], "doc_id": list(texts),
                           "paragraph": 0, "cue": "said", "cue_start": [len(h) + 1 for h in HOSTILE],
                           "cue_end": [len(h) + 5 for h in HOSTILE], "speaker_id": HOSTILE, "speaker": HOSTILE,
                           "mention": HOSTILE, "mention_full": HOSTILE, "kind": "direct", "content": HOSTILE,
                           "lang": "en", "outlet": HOSTILE})
    sheet, key = build_sheet(sample, texts, targets=None)
    paths = write_sheet(sheet, tmp_path / "round.csv", key)
    xlsx = tmp_path / "round.xlsx"
    assert xlsx in paths
    ws = load_workbook(xlsx)["coding"]
    assert {c.data_type for row in ws.iter_rows() for c in row if c.value is not None} <= {"s", "n"}
    expected = sheet.astype(str).replace("nan", "")
    for path in (tmp_path / "round.csv", xlsx):
        back = read_sheet_file(path)
        info = ["utterance_id", "doc_id", "context", "cue", "machine_speaker", "machine_mention", "content"]
        pd.testing.assert_frame_equal(back[info], expected[info], check_dtype=False)
        # the ids still join to the key: every coded row finds its machine answers
        coded = read_sheets(path).assign(utterance="yes")
        assert coded["unit"].tolist() == sheet["utterance_id"].tolist()
        joined = attach_machine(coded, read_key(tmp_path / "round.key.csv"))
        assert joined["machine_speaker"].tolist() == HOSTILE and len(joined) == n


def test_mark_context_checks_offsets():
    assert mark_context("T\n\nHe said no.", 1, 6, 10) == f"He {MARK[0]}said{MARK[1]} no."
    with pytest.raises(InputError, match="outside paragraph 1"):
        mark_context("T\n\nHe said no.", 1, 0, 1, where="utterance u1: ")
    with pytest.raises(InputError, match="paragraph 5 is not in the document"):
        mark_context("T\n\nHe said no.", 5, 0, 1)


def test_a_sheet_is_never_written_over(tmp_path):
    sheet = pd.DataFrame({"unit": ["u1"], "lang": ["ar"], "content": ["نص"], "sentiment": [""]})
    paths = write_sheet(sheet, tmp_path / "sheet.csv")
    coded = paths[0].read_text(encoding="utf-8") + "coder's work\n"
    paths[0].write_text(coded, encoding="utf-8")
    with pytest.raises(InputError, match="never written over"):
        write_sheet(sheet, tmp_path / "sheet.csv")
    assert paths[0].read_text(encoding="utf-8") == coded


def test_control_characters_do_not_stop_the_spreadsheet(tmp_path):
    pytest.importorskip("openpyxl")
    sheet = pd.DataFrame({"unit": ["u1"], "lang": ["en"], "content": ["a\x01b\x1fc"], "sentiment": [""]})
    paths = write_sheet(sheet, tmp_path / "odd.csv")
    xlsx = [p for p in paths if p.suffix == ".xlsx"][0]
    assert pd.read_excel(xlsx, sheet_name="coding")["content"][0] == "a\ufffdb\ufffdc"
    assert "a\x01b\x1fc" in paths[0].read_text(encoding="utf-8")
