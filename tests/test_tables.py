"""The tables on disk: written as Parquet and CSV, read back from a folder or a file, missing ones named."""

import pandas as pd
import pytest

from framing.errors import InputError
from framing.tables import read_table, write_tables


def test_written_tables_read_back_from_parquet_and_from_csv(tmp_path):
    utterances = pd.DataFrame({"utterance_id": ["d1:0012"], "doc_id": ["0012"], "speaker": ["x"], "confidence": [0.9]})
    paths = write_tables({"utterances": utterances}, tmp_path, manifest={"read": 1})
    assert sorted(p.name for p in paths) == ["manifest.json", "utterances.csv", "utterances.parquet"]
    pd.testing.assert_frame_equal(read_table(tmp_path, "utterances"), utterances)
    from_csv = read_table(tmp_path / "utterances.csv", "utterances")
    assert from_csv["doc_id"].tolist() == ["0012"]  # an id keeps its leading zeros
    (tmp_path / "utterances.parquet").unlink()
    assert read_table(tmp_path, "utterances")["utterance_id"].tolist() == ["d1:0012"]


def test_a_missing_table_is_named(tmp_path):
    with pytest.raises(InputError, match="no measures.parquet or measures.csv"):
        read_table(tmp_path, "measures")
    assert read_table(tmp_path, "measures", missing_ok=True) is None
    with pytest.raises(InputError, match="expected a folder"):
        read_table(tmp_path / "notes.txt", "measures")
