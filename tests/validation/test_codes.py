"""Reading coded sheets back (framing.validation.codes): codes checked, blanks missing, coders named."""

import numpy as np
import pytest

from framing.errors import InputError
from framing.validation import read_sheets


def test_unknown_codes_are_errors_naming_file_and_rows(fixtures):
    with pytest.raises(InputError) as err:
        read_sheets(fixtures / "validation" / "coder_bad.csv")
    message = str(err.value)
    assert "coder_bad.csv" in message and "4 bad row(s)" in message
    for expected in ("row 2: sentiment 'good'", "row 3: utterance 'maybe'", "row 4: stance_russia 'pro-russia'",
                     "row 5: sentiment_score 'zero' is not a number"):
        assert expected in message


def test_blank_codes_are_missing_and_coders_are_named(fixtures):
    folder = fixtures / "validation"
    coded = read_sheets([folder / "coder_a.csv", folder / "coder_b.csv"])
    assert sorted(set(coded["coder"])) == ["ana", "coder_b"]  # a blank coder column: the file's name
    b = coded[coded["coder"] == "coder_b"].set_index("unit")
    assert b.loc["d2:150", ["utterance", "speaker_ok", "kind", "sentiment", "stance_russia"]].isna().all()
    assert np.isnan(b.loc["d2:150", "sentiment_score"])
    assert b.loc["d1:10", "sentiment_score"] == pytest.approx(0.4)
    a = coded[coded["coder"] == "ana"]
    added = a[a["added"]]
    assert added["unit"].tolist() == ["d1|4|warned"] and added["speaker"].tolist() == ["Lena Kovac"]
    assert a.loc[a["unit"] == "d1:120", "notes"].tolist() == ["narration"]


def test_codes_are_read_case_insensitively_with_synonyms(tmp_path):
    sheet = tmp_path / "s.csv"
    sheet.write_text("utterance_id,utterance,sentiment,stance_nato\nu1,Y,POS,Favour\nu2, n ,Neg,CON\n",
                     encoding="utf-8")
    coded = read_sheets(sheet)
    assert coded[["utterance", "sentiment", "stance_nato"]].values.tolist() == [
        ["yes", "positive", "favor"], ["no", "negative", "against"]]


def test_added_rows_need_their_place_and_spare_rows_are_ignored(tmp_path):
    sheet = tmp_path / "s.csv"
    sheet.write_text("utterance_id,doc_id,paragraph,cue,utterance,speaker\n"
                     "u1,d,1,said,yes,\n"
                     ",,,,,\n"
                     ",d,,warned,yes,Anna Berg\n"
                     ",d,two,said,yes,Anna Berg\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_sheets(sheet)
    assert "row 4: an added row (blank utterance_id) needs doc_id, paragraph and cue" in str(err.value)
    assert "row 5: paragraph 'two' is not a number" in str(err.value)
    assert "row 3" not in str(err.value)


def test_one_coder_coding_a_unit_twice_is_an_error(tmp_path):
    sheet = tmp_path / "s.csv"
    sheet.write_text("utterance_id,coder,sentiment\nu1,ana,positive\nu2,ana,neutral\nu1,ana,negative\n",
                     encoding="utf-8")
    with pytest.raises(InputError, match=r"ana coded u1 twice \(rows 2, 4\)"):
        read_sheets(sheet)
    again = tmp_path / "again.csv"
    again.write_text("utterance_id,coder,sentiment\nu2,ana,neutral\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"ana coded u2 twice \(rows first.csv 3, again.csv 2\)"):
        read_sheets([sheet.rename(tmp_path / "first.csv"), again])


def test_not_a_sheet(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_sheets(tmp_path / "missing.csv")
    other = tmp_path / "other.csv"
    other.write_text("id,label\n1,positive\n", encoding="utf-8")
    with pytest.raises(InputError, match="no utterance_id column"):
        read_sheets(other)
