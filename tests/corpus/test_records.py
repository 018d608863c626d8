"""JSONL, JSON arrays, gzip, CSV and Parquet records: good ones read, bad ones recorded with their place."""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest
from corpus_support import CORPUS, by_id

from framing.corpus.documents import Corpus, read_corpus, text_sha256
from framing.errors import InputError


def test_jsonl_records_and_bad_lines():
    corpus = read_corpus(CORPUS / "news.jsonl")
    docs = by_id(corpus)
    assert sorted(docs) == ["11", "n-001", "n-002", "n-004", "n-008",
                            "u_4eec907383de9b64", "u_4eec907383de9b64-2"]
    first = docs["n-001"]
    assert first["text"].startswith("الحكومة تعد بخطة إصلاح\n\nقال رئيس الوزراء")
    assert first["author"] == "القسم السياسي" and first["outlet"] == "Al-Mada"
    assert (first["date"], first["date_raw"]) == ("2022-03-01", "2022-03-01T09:30:00+02:00")
    assert first["source_path"].endswith("news.jsonl:line 1")
    # no title -> the text is the body; newlines in a title become spaces
    assert docs["n-004"]["title"] is None and docs["n-004"]["text"].startswith("The finance minister")
    talks = docs["u_4eec907383de9b64"]
    assert talks["title"] == "Talks resume after a pause" and talks["date"] == "2022-03-04"
    # the input's own sha256 field does not overwrite ours
    assert docs["11"]["input_sha256"] == "not-ours" and docs["11"]["sha256"] == text_sha256(docs["11"]["text"])
    assert docs["11"]["date"] == "2021-12-08"

    skipped = {p.place: p.reason for p in corpus.manifest.skipped}
    assert skipped["line 3"].startswith("malformed JSON")
    assert "not a JSON object" in skipped["line 4"]
    assert skipped["line 10"] == "empty document"
    raw = (CORPUS / "news.jsonl").read_bytes()
    assert f"byte offset {raw.index(bytes([0xE9]))}" in skipped["line 11"]
    assert corpus.manifest.read == 7 and len(corpus.manifest.skipped) == 4


def test_gzipped_jsonl_reads_like_the_plain_file(tmp_path):
    gz = tmp_path / "news.jsonl.gz"
    gz.write_bytes(gzip.compress((CORPUS / "news.jsonl").read_bytes()))
    plain = read_corpus(CORPUS / "news.jsonl").documents()
    packed = read_corpus(gz).documents()
    cols = [c for c in plain.columns if c != "source_path"]
    pd.testing.assert_frame_equal(plain[cols], packed[cols])
    assert packed["source_path"].str.startswith(f"{gz}:line ").all()


def test_truncated_gzip_keeps_the_lines_before_the_cut(tmp_path):
    body = "".join(json.dumps({"id": f"d{i}", "text": f"Report number {i} said the port was open."}) + "\n"
                   for i in range(2000)).encode()
    packed = gzip.compress(body)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    corpus = read_corpus(cut)
    docs = list(corpus)
    assert 0 < len(docs) < 2000
    assert [d["doc_id"] for d in docs] == [f"d{i}" for i in range(len(docs))]
    assert "the rest of this file is skipped" in corpus.manifest.skipped[-1].reason


def test_json_array_file(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"id": "x", "body": "One report."}, 5]), encoding="utf-8")
    corpus = read_corpus(tmp_path / "a.json")
    assert [d["doc_id"] for d in corpus] == ["x"]
    assert corpus.manifest.skipped[0].place == "item 2"


def test_csv_multiline_fields_dates_and_bad_rows():
    corpus = read_corpus(CORPUS / "statements.csv")
    docs = list(corpus)
    assert [d["url"][-3:] for d in docs] == ["s/1", "s/2", "s/5", "s/6"]
    first = docs[0]
    assert first["text"] == ("Statement on the annexation attempt\n\nThe United States condemns the attempt.\n\n"
                             "We will continue to support our partners, the statement said.")
    assert (first["outlet"], first["keyword"], first["lang"]) == ("whitehouse", "russia", "en")
    assert [(d["date"], d["date_raw"]) for d in docs] == [
        ("2022-09-30", "September 30, 2022"), ("2023-02-24", "Feb. 24, 2023"),
        ("2023-04-17", "April 17, 2023"), (None, "not a date")]
    assert docs[3]["text"].endswith('as "usual".')
    assert first["source_path"].endswith("statements.csv:line 2")
    assert docs[1]["source_path"].endswith(":line 5")
    skipped = corpus.manifest.skipped
    assert [p.place for p in skipped] == ["line 7", "line 8"]
    assert "7 fields where the header has 6" in skipped[0].reason
    # the unclosed quote on line 8 swallowed line 9; line 9 was read again and kept
    assert "read again" in skipped[1].reason
    assert docs[2]["source_path"].endswith(":line 9")
    assert any("not a date" in w.reason for w in corpus.manifest.warnings)


def test_csv_column_options_override_detection(tmp_path):
    (tmp_path / "x.tsv").write_text("headline\tstory\twhen\tpaper\tnotes\n"
                                    "Port reopens\tShips entered the port.\t2022-05-02\tCoast Daily\tchecked\n",
                                    encoding="utf-8")
    doc = next(iter(read_corpus(tmp_path / "x.tsv", columns={"text": "notes", "date": "when", "outlet": "paper"})))
    assert doc["text"] == "Port reopens\n\nchecked"
    assert doc["story"] == "Ships entered the port."
    assert (doc["date"], doc["outlet"]) == ("2022-05-02", "Coast Daily")
    auto = next(iter(read_corpus(tmp_path / "x.tsv")))
    assert auto["text"] == "Port reopens\n\nShips entered the port." and auto["outlet"] is None
    with pytest.raises(InputError, match="unknown column role"):
        read_corpus(tmp_path / "x.tsv", columns={"body": "story"})


def test_parquet_made_from_a_frame(tmp_path):
    frame = pd.DataFrame({
        "doc_id": ["p1", "p2", "p3"],
        "title": ["القمة تنتهي", "Summit ends", None],
        "body": ["قال الرئيس إن القمة انتهت باتفاق.", "The president said the summit ended.", "نص بلا عنوان."],
        "published": pd.to_datetime(["2022-06-01 10:00", "2022-06-02 00:00", None]),
        "source": ["A", "B", "C"],
    })
    frame.to_parquet(tmp_path / "docs.parquet")
    docs = list(read_corpus(tmp_path / "docs.parquet"))
    assert [d["doc_id"] for d in docs] == ["p1", "p2", "p3"]
    assert [d["date"] for d in docs] == ["2022-06-01", "2022-06-02", None]
    assert [d["lang"] for d in docs] == ["ar", "en", "ar"]
    assert docs[2]["text"] == "نص بلا عنوان." and docs[2]["title"] is None
    assert docs[1]["source_path"] == f"{tmp_path / 'docs.parquet'}:row 2"
    from_frame = list(Corpus.from_frame(frame))
    assert [d["text"] for d in from_frame] == [d["text"] for d in docs]


def test_broken_parquet_is_skipped_with_a_reason(tmp_path):
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really parquet")
    corpus = read_corpus(tmp_path / "bad.parquet")
    assert list(corpus) == []
    assert "cannot read Parquet" in corpus.manifest.skipped[0].reason


def test_byte_order_marks_in_csv_and_jsonl(tmp_path):
    (tmp_path / "bom.csv").write_bytes("\ufeffid,title,text\r\nb1,Port reopens,\"Ships entered\r\nthe port.\"\r\n"
                                       .encode("utf-8"))
    doc = next(iter(read_corpus(tmp_path / "bom.csv")))
    assert doc["doc_id"] == "b1" and doc["text"] == "Port reopens\n\nShips entered\r\nthe port."
    (tmp_path / "wide.jsonl").write_bytes(('{"id": "w1", "text": "قال الوزير إن الميناء فتح."}\n'
                                           '{"id": "w2", "text": "The port opened."}\n').encode("utf-16"))
    assert [(d["doc_id"], d["lang"]) for d in read_corpus(tmp_path / "wide.jsonl")] == [("w1", "ar"), ("w2", "en")]
