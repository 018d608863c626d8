"""Tests for framing.validation.balances: coded balances of sides, written for framing analyze --stance-priors."""

import pytest

from framing.cli import main
from framing.errors import InputError
from framing.stance.priors import read_side_balances
from framing.stance.targets import load_targets
from framing.validation import read_sheets
from framing.validation.balances import coded_balances, write_balances

SHEET_A = """utterance_id,coder,stance_russia,stance_ukraine
u1,a,against,favor
u2,a,against,none
u3,a,neutral,
u4,a,favor,favor
"""
SHEET_B = """utterance_id,coder,stance_russia,stance_ukraine
u1,b,against,favor
u2,b,neutral,none
u3,b,neutral,against
u4,b,favor,favor
"""


@pytest.fixture
def sheets(tmp_path):
    paths = [tmp_path / "a.csv", tmp_path / "b.csv"]
    for path, text in zip(paths, (SHEET_A, SHEET_B)):
        path.write_text(text, encoding="utf-8")
    return paths


def test_each_statement_counts_once_by_the_coders_majority(sheets):
    balances = coded_balances(read_sheets(sheets), load_targets())
    # u2's Russia code is a tie (against / neutral): not counted; Ukraine's "none" and blanks are not sides
    assert balances == {"Russia": {"favor": 1, "against": 1, "neutral": 1},
                        "Ukraine": {"favor": 2, "against": 1, "neutral": 0}}


def test_the_file_reads_back_as_stance_priors_and_is_never_written_over(sheets, tmp_path):
    balances = coded_balances(read_sheets(sheets), load_targets())
    path = write_balances(balances, tmp_path / "balances.yml", sources=sheets)
    assert "# from: a.csv, b.csv" in path.read_text(encoding="utf-8")
    read = read_side_balances(path, load_targets())
    assert read["Ukraine"]["candidates"] == 3 and read["Ukraine"]["favor"] == pytest.approx(3 / 6, abs=1e-4)
    before = path.read_text(encoding="utf-8")
    with pytest.raises(InputError, match="already there"):
        write_balances(balances, path)
    assert path.read_text(encoding="utf-8") == before


def test_a_column_of_no_target_is_named(sheets, tmp_path):
    odd = tmp_path / "c.csv"
    odd.write_text("utterance_id,coder,stance_atlantis\nu1,c,favor\n", encoding="utf-8")
    with pytest.raises(InputError, match="stance_atlantis are of no target given .*--targets FILE"):
        coded_balances(read_sheets([odd]), load_targets())
    with pytest.raises(InputError, match="no stance_<target> column"):
        bare = tmp_path / "d.csv"
        bare.write_text("utterance_id,coder,sentiment\nu1,d,negative\n", encoding="utf-8")
        coded_balances(read_sheets([bare]), load_targets())


def test_validate_balances_from_the_command_line(sheets, tmp_path, capsys):
    out = tmp_path / "balances.yml"
    assert main(["validate", "balances", *map(str, sheets), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "  Ukraine: 2 / 1 / 0" in said and f"--stance-priors {out}" in said
    assert main(["validate", "balances", *map(str, sheets), "--out", str(out)]) == 2
    assert "already there" in capsys.readouterr().err
