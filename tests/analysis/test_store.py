"""Parquet parts of a streaming run: joining them, the resume log, and the CSV writer."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from framing.analysis.store import PARTS, PROGRESS, PartStore, batch_key
from framing.errors import InputError
from framing.tables import write_csv

SETTINGS = {"batch_size": 2, "seed": 0}


def test_parts_join_with_the_columns_of_all_batches(tmp_path):
    store = PartStore(tmp_path, settings=SETTINGS)
    first = pd.DataFrame({"doc_id": ["a", "b"], "n": pd.array([1, None], dtype="Int64"), "note": [None, None]})
    second = pd.DataFrame({"doc_id": ["c"], "n": pd.array([3], dtype="Int64"), "note": ["checked"],
                           "author": ["Lina"]})
    store.write(0, "k0", {"documents": first})
    store.write(1, "k1", {"documents": second})
    paths = store.finalize(["documents"])
    assert [p.name for p in paths] == ["documents.parquet", "documents.csv"]
    joined = pd.read_parquet(paths[0])
    expected = pd.concat([first, second], ignore_index=True)
    assert list(joined.columns) == ["doc_id", "n", "note", "author"]
    assert joined["n"].dtype == "Int64" and joined["n"].tolist()[0] == 1 and pd.isna(joined["n"][1])
    assert joined["note"].tolist()[2] == "checked" and joined["note"].isna().tolist()[:2] == [True, True]
    assert joined["author"].isna().tolist() == [True, True, False]
    # the CSV joined from parts is the CSV of the whole table
    whole = write_csv(expected, tmp_path / "whole.csv")
    assert paths[1].read_bytes() == whole.read_bytes()


def test_only_batches_recorded_in_the_log_count(tmp_path):
    store = PartStore(tmp_path, settings=SETTINGS)
    store.write(0, "k0", {"t": pd.DataFrame({"x": [1]})})
    # a crash after writing batch 1's file but before its log line: the file is not counted
    pd.DataFrame({"x": [2]}).to_parquet(store.part("t", 1))
    again = PartStore(tmp_path, settings=SETTINGS)
    assert sorted(again.done) == [0]
    assert again.read("t")["x"].tolist() == [1]
    assert again.is_done(0, "k0") and not again.is_done(1, "k1")


def test_a_half_written_last_log_line_is_ignored_but_a_bad_middle_line_is_named(tmp_path):
    store = PartStore(tmp_path, settings=SETTINGS)
    store.write(0, "k0", {"t": pd.DataFrame({"x": [1]})})
    log = tmp_path / PARTS / PROGRESS
    with open(log, "a", encoding="utf-8") as f:
        f.write('{"batch": 1, "ke')
    resumed = PartStore(tmp_path, settings=SETTINGS)
    assert sorted(resumed.done) == [0]
    resumed.write(2, "k2", {"t": pd.DataFrame({"x": [3]})})
    assert sorted(PartStore(tmp_path, settings=SETTINGS).done) == [0, 2]  # the next record has its own line
    lines = log.read_text(encoding="utf-8").splitlines()
    log.write_text("\n".join([lines[0], "garbage", lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"progress.jsonl, line 2: not a batch record"):
        PartStore(tmp_path, settings=SETTINGS)


def test_other_settings_are_named_and_restart_starts_afresh(tmp_path):
    store = PartStore(tmp_path, settings=SETTINGS)
    store.write(0, "k0", {"t": pd.DataFrame({"x": [1]})})
    with pytest.raises(InputError, match=r"differing: batch_size, topic_model"):
        PartStore(tmp_path, settings={**SETTINGS, "batch_size": 3, "topic_model": "abc"})
    fresh = PartStore(tmp_path, settings={**SETTINGS, "batch_size": 3}, restart=True)
    assert fresh.done == {} and not fresh.part("t", 0).exists()
    head = json.loads((tmp_path / PARTS / PROGRESS).read_text(encoding="utf-8").splitlines()[0])
    assert head["settings"]["batch_size"] == 3


def test_a_log_that_is_not_ours_is_named(tmp_path):
    (tmp_path / PARTS).mkdir()
    (tmp_path / PARTS / PROGRESS).write_text("hello\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1: not a progress log"):
        PartStore(tmp_path, settings=SETTINGS)


def test_a_batch_written_from_other_documents_is_an_error(tmp_path):
    store = PartStore(tmp_path, settings=SETTINGS)
    store.write(0, batch_key([{"doc_id": "a", "sha256": "1"}]), {"t": pd.DataFrame({"x": [1]})})
    assert store.is_done(0, batch_key([{"doc_id": "a", "sha256": "1"}]))
    with pytest.raises(InputError, match="batch 0 was written from other documents"):
        store.is_done(0, batch_key([{"doc_id": "a", "sha256": "2"}]))


def test_batch_key_sees_ids_texts_and_order():
    a, b = {"doc_id": "a", "text": "one"}, {"doc_id": "b", "text": "two"}
    assert batch_key([a, b]) == batch_key([dict(a), dict(b)])
    assert batch_key([a, b]) != batch_key([b, a])
    assert batch_key([a]) != batch_key([{"doc_id": "a", "text": "one!"}])


def test_read_selects_columns_in_batch_order(tmp_path):
    store = PartStore(tmp_path, settings=SETTINGS)
    store.write(1, "k1", {"t": pd.DataFrame({"x": [3], "y": ["c"]})})
    store.write(0, "k0", {"t": pd.DataFrame({"x": [1, 2], "y": ["a", "b"]})})
    assert store.read("t", columns=["y"]).to_dict("list") == {"y": ["a", "b", "c"]}


def test_finalize_without_batches_writes_empty_tables(tmp_path):
    store = PartStore(tmp_path, settings=SETTINGS)
    paths = store.finalize(["utterances"])
    assert len(pd.read_parquet(paths[0])) == 0 and paths[1].exists()
    store.remove()
    assert not (tmp_path / PARTS).exists()


def test_write_csv_quotes_text_and_leaves_missing_values_empty(tmp_path):
    frame = pd.DataFrame({"speaker": ['قال "نعم"', None], "n": [2, 3], "share": [0.25, None], "low_n": [True, False]})
    text = write_csv(frame, tmp_path / "t.csv").read_text(encoding="utf-8")
    assert text.splitlines() == ['"speaker","n","share","low_n"', '"قال ""نعم""",2,0.25,true', ',3,,false']
    back = pd.read_csv(tmp_path / "t.csv")
    assert back["low_n"].tolist() == [True, False] and back["speaker"][0] == 'قال "نعم"'


def test_a_worker_writes_parts_and_the_run_records_them(tmp_path):
    import pickle

    store = PartStore(tmp_path, settings={"seed": 0})
    writer = pickle.loads(pickle.dumps(store.writer()))  # as sent to a worker process
    rows = writer.write(0, {"t": pd.DataFrame({"x": [1, 2]}), "u": pd.DataFrame({"y": ["a"]})})
    assert rows == {"t": 2, "u": 1}
    assert not store.is_done(0, "k0")  # files in place, but not counted until recorded
    store.record(0, "k0", rows)
    assert PartStore(tmp_path, settings={"seed": 0}).is_done(0, "k0")
    assert store.read("t")["x"].tolist() == [1, 2]
