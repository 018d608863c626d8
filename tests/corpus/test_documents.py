"""Corpus readers, the documents and paragraphs tables, and the run manifest.

Fixtures in tests/fixtures/corpus/ were written for these tests (sentences
made up for them); gzip and Parquet copies and the 50 MB document are made
in a temporary folder.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from framing.corpus.documents import (DOCUMENT_COLUMNS, PARAGRAPH_COLUMNS, Corpus, duplicate_key, read_corpus,
                            text_sha256)
from framing.corpus.dates import parse_date
from framing.errors import InputError
from framing.text import normalize, paragraph_spans

HERE = Path(__file__).resolve().parents[1]  # tests/, holding fixtures/
CORPUS = HERE / "fixtures" / "corpus"


def by_id(corpus):
    return {d["doc_id"]: d for d in corpus}


# --- the seed article -----------------------------------------------------------

def test_seed_is_one_arabic_document_with_26_paragraphs(seed_path):
    corpus = read_corpus(seed_path)
    docs = list(corpus)
    assert len(docs) == 1
    doc = docs[0]
    txt = next(seed_path.glob("*.txt"))
    raw = txt.read_text(encoding="utf-8")
    assert doc["doc_id"] == txt.stem
    assert doc["text"] == raw
    assert doc["title"] == raw.strip().splitlines()[0].strip()
    assert (doc["lang"], doc["outlet"], doc["date"]) == ("ar", "Al Jazeera", "2021-12-08")
    assert doc["url"] is None
    assert doc["sha256"] == hashlib.sha256(raw.encode("utf-8")).hexdigest()
    assert doc["source_path"] == f"{seed_path}/{txt.name}"
    pars = corpus.paragraphs(include_text=True)
    assert list(pars.columns[:5]) == list(PARAGRAPH_COLUMNS)
    assert len(pars) == 26
    assert pars["paragraph"].tolist() == list(range(26))
    assert pars.loc[1, "lang"] == "en"
    assert (pars.drop(index=1)["lang"] == "ar").all()
    for row in pars.itertuples():
        assert raw[row.start:row.end] == row.text and row.text.strip() == row.text
    assert corpus.manifest.read == 1 and not corpus.manifest.skipped and corpus.manifest.complete


# --- txt folder with metadata ---------------------------------------------------

def test_txt_folder_uses_metadata_by_file_name():
    corpus = read_corpus(CORPUS / "txt")
    docs = by_id(corpus)
    assert sorted(docs) == ["ar_no_metadata", "ar_talks", "en_briefing"]
    talks = docs["ar_talks"]
    assert talks["outlet"] == "صحيفة المساء"
    assert (talks["date"], talks["date_raw"]) == ("2021-12-08", "December 8, 2021")
    assert talks["url"] == "https://example.org/ar/talks"
    assert talks["author"] == "مراسل الصحيفة"  # an extra metadata column rides along
    # the file starts with a blank line: the title is the first non-empty line
    assert talks["title"] == "وزير الخارجية: المحادثات مع الجانب الآخر كانت صريحة"
    assert talks["text"] == (CORPUS / "txt" / "ar_talks.txt").read_text(encoding="utf-8")
    # metadata matched by stem too ("en_briefing" without .txt); empty lang -> detected
    brief = docs["en_briefing"]
    assert brief["outlet"] == "Morning Wire" and brief["lang"] == "en"
    assert brief["date"] is None and brief["date_raw"] == "sometime next week"
    bare = docs["ar_no_metadata"]
    assert bare["lang"] == "ar" and bare["outlet"] is None and bare["date"] is None
    reasons = [str(w) for w in corpus.manifest.warnings]
    assert any("en_briefing.txt" in r and "sometime next week" in r for r in reasons)
    assert any("metadata.csv" in r and "missing_file.txt" in r for r in reasons)


def test_txt_paragraph_language_per_line():
    corpus = read_corpus(CORPUS / "txt", lang=None)
    pars = corpus.paragraphs(include_text=True)
    talks = pars[pars.doc_id == "ar_talks"].reset_index(drop=True)
    assert talks.loc[1, "text"].startswith("Foreign ministers") and talks.loc[1, "lang"] == "en"
    assert talks.loc[0, "lang"] == "ar" and talks.loc[2, "lang"] == "ar"


def test_single_txt_file_picks_up_sibling_metadata():
    docs = list(read_corpus(CORPUS / "txt" / "ar_talks.txt"))
    assert len(docs) == 1 and docs[0]["outlet"] == "صحيفة المساء"
    assert list(read_corpus(CORPUS / "txt" / "ar_talks.txt", metadata=False))[0]["outlet"] is None


def test_lang_and_outlet_options_fill_only_missing_values():
    docs = by_id(read_corpus(CORPUS / "txt", lang="xx", outlet="Wire"))
    assert docs["ar_talks"]["lang"] == "ar" and docs["ar_talks"]["outlet"] == "صحيفة المساء"
    assert docs["en_briefing"]["lang"] == "xx"
    assert docs["ar_no_metadata"]["outlet"] == "Wire"


# --- JSONL ----------------------------------------------------------------------

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


def test_jsonl_duplicates_flagged_not_dropped():
    corpus = read_corpus(CORPUS / "news.jsonl")
    docs = by_id(corpus)
    copy = docs["n-002"]
    assert copy["duplicate_of"] == "n-001"
    assert copy["text"] != docs["n-001"]["text"]  # differs only by marks that normalization drops
    assert normalize(copy["text"]).text.split() == normalize(docs["n-001"]["text"]).text.split()
    assert sum(d["duplicate_of"] is not None for d in docs.values()) == corpus.manifest.duplicates == 1


def test_doc_id_collision_gets_suffix_and_is_noted():
    corpus = read_corpus(CORPUS / "news.jsonl")
    docs = by_id(corpus)
    assert docs["u_4eec907383de9b64-2"]["url"] == docs["u_4eec907383de9b64"]["url"]
    assert corpus.manifest.renamed == 1
    assert any("u_4eec907383de9b64-2" in w.reason for w in corpus.manifest.warnings)


def test_control_characters_are_stripped_and_counted():
    corpus = read_corpus(CORPUS / "news.jsonl")
    doc = by_id(corpus)["n-008"]
    assert doc["title"] == "Grid restored"
    assert doc["text"] == "Grid restored\n\nPower returned to most homes by evening."
    assert corpus.manifest.controls_removed == 2
    assert any(w.place == "line 9" and "control" in w.reason for w in corpus.manifest.warnings)


def test_doc_ids_do_not_depend_on_row_order(tmp_path):
    lines = (CORPUS / "news.jsonl").read_bytes().splitlines(keepends=True)
    good = [ln for ln in lines if ln.strip().startswith(b"{") and b"n-003" not in ln and b"\xe9" not in ln]
    # the two records that share a url keep their order: which one gets "-2" is by design an order
    shared_url = [ln for ln in good if b"example.org/en/7" in ln]
    reordered = [ln for ln in good if ln not in shared_url][::-1] + shared_url
    assert len(reordered) == len(good) == 8
    (tmp_path / "r.jsonl").write_bytes(b"".join(reordered))
    a = {d["sha256"]: d["doc_id"] for d in read_corpus(CORPUS / "news.jsonl")}
    b = {d["sha256"]: d["doc_id"] for d in read_corpus(tmp_path / "r.jsonl")}
    assert a == b


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


# --- CSV ------------------------------------------------------------------------

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


# --- Parquet and frames -------------------------------------------------------------

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


# --- encodings and bad files ---------------------------------------------------------

def test_cp1256_rejected_as_utf8_and_read_when_named():
    path = CORPUS / "encodings" / "cp1256_ar.txt"
    corpus = read_corpus(path)
    assert list(corpus) == []
    reason = corpus.manifest.skipped[0].reason
    assert reason.startswith("byte offset 0: not valid utf-8") and "cp1256" in reason
    doc = next(iter(read_corpus(path, encoding="cp1256")))
    assert doc["text"] == path.read_bytes().decode("cp1256")
    assert doc["title"] == "بيان الحكومة" and doc["lang"] == "ar"


def test_utf16_and_utf8_byte_order_marks():
    docs = by_id(read_corpus(CORPUS / "encodings", encoding="utf-8"))
    assert docs["utf16_bom"]["text"] == (CORPUS / "encodings" / "utf16_bom.txt").read_bytes().decode("utf-16")
    assert docs["utf16_bom"]["title"] == "بيان الوزارة"
    assert not docs["utf8_bom"]["text"].startswith("\ufeff")
    assert docs["utf8_bom"]["title"] == "The ministry statement"


def test_bad_files_are_recorded_and_good_ones_kept(tmp_path):
    corpus = read_corpus(CORPUS / "bad")
    assert [d["doc_id"] for d in corpus] == ["good"]
    reasons = {Path(p.source).name: p.reason for p in corpus.manifest.skipped}
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["empty.txt"] == reasons["blank.txt"] == "empty document"
    frame = corpus.manifest.to_frame()
    assert list(frame.columns) == ["kind", "source", "place", "reason"] and len(frame) == 3
    corpus.manifest.to_json(tmp_path / "m.json")
    saved = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert saved["read"] == 1 and saved["skipped"] == 3 and saved["files"] == 4
    assert {Path(p["source"]).name for p in saved["skipped_inputs"]} == {"binary.txt", "empty.txt", "blank.txt"}


def test_missing_path_and_unknown_format(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_corpus(tmp_path / "nope")
    (tmp_path / "a.xml").write_text("<a/>")
    with pytest.raises(InputError, match="unknown corpus format"):
        list(read_corpus(tmp_path / "a.xml"))


# --- the Corpus object -----------------------------------------------------------------

def test_corpus_reiterates_streams_and_batches():
    corpus = read_corpus(CORPUS / "news.jsonl")
    first = [d["doc_id"] for d in corpus]
    second = [d["doc_id"] for d in corpus]
    assert first == second and len(first) == 7
    assert [len(b) for b in corpus.batches(3)] == [3, 3, 1]
    limited = read_corpus(CORPUS / "news.jsonl", limit=2)
    assert [d["doc_id"] for d in limited] == first[:2]
    assert not limited.manifest.complete
    table = corpus.documents(include_text=False)
    assert "text" not in table.columns
    assert list(table.columns[:10]) == [c for c in DOCUMENT_COLUMNS if c != "text"]
    assert "author" in table.columns


def test_info_counts(seed_path):
    info = read_corpus(CORPUS / "news.jsonl").info()
    assert info["documents"] == 7 and info["duplicates"] == 1 and info["rejects"] == 4
    assert info["languages"] == {"en": 4, "ar": 3}
    assert info["date_range"] == ["2021-12-08", "2022-03-05"]
    docs = list(read_corpus(CORPUS / "news.jsonl"))
    assert info["paragraphs"] == sum(len(paragraph_spans(d["text"])) for d in docs)
    assert info["undated"] == sum(d["date"] is None for d in docs)
    assert json.loads(json.dumps(info)) == info


def test_documents_table_of_an_empty_corpus_has_the_contract_columns(tmp_path):
    (tmp_path / "e.jsonl").write_text("\n", encoding="utf-8")
    table = read_corpus(tmp_path / "e.jsonl").documents()
    assert list(table.columns) == list(DOCUMENT_COLUMNS) and table.empty


# --- dates and duplicate keys ------------------------------------------------------------

@pytest.mark.parametrize("raw, iso", [
    ("September 30, 2022", "2022-09-30"), ("Sept. 3, 2022", "2022-09-03"), ("Feb. 24, 2023", "2023-02-24"),
    ("Tuesday, 7 December 2021", "2021-12-07"), ("2015-07-21 02:51:32", "2015-07-21"),
    ("2021-12-08T23:10:00Z", "2021-12-08"), ("2021/12/08", "2021-12-08"), ("20211208", "2021-12-08"),
    ("25/12/2021", "2021-12-25"), ("12/25/2021", "2021-12-25"), ("الأربعاء 8 ديسمبر 2021", "2021-12-08"),
    ("٨ كانون الأول ٢٠٢١", "2021-12-08"), ("3 آذار 2022", "2022-03-03"), ("1 أغسطس 2015", "2015-08-01"),
])
def test_parse_date(raw, iso):
    assert parse_date(raw) == (iso, "")


@pytest.mark.parametrize("raw", ["sometime", "February 30, 2022", "03/04/2022", "2022", ""])
def test_parse_date_refuses(raw):
    iso, problem = parse_date(raw)
    assert iso is None and problem


def test_duplicate_key_folds_like_normalize():
    texts = ["أكّدت الرئاسة «أن» المحادثات\u200f انتهت", "إلى المستشفى ٣ مرات", "قالـــت  الوزيرة\n\nنعم",
             "He said “yes”  twice", "Line\r\nbreaks\tand tabs"]
    for t in texts:
        assert duplicate_key(t) == duplicate_key(normalize(t).text)
    assert len({duplicate_key(t) for t in texts}) == len(texts)
    assert duplicate_key("قال الوزير") != duplicate_key("قالت الوزيرة")


def test_duplicate_key_is_the_same_for_long_texts_cut_in_pieces():
    from framing.corpus import documents as corpus_module

    text = " ".join(f"قالت الوزارة إن الجولة {i} انتهت،" for i in range(3000))
    whole = duplicate_key(text)
    original = corpus_module._CHUNK
    try:
        corpus_module._CHUNK = 777
        assert duplicate_key(text) == whole
        assert text_sha256(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    finally:
        corpus_module._CHUNK = original


# --- a 50 MB document ------------------------------------------------------------------------

def test_fifty_megabyte_document_in_bounded_memory(tmp_path):
    line = "قال المتحدث إن الجلسة رقم {} انتهت دون اتفاق، وأضاف أن الوفود ستعود للتشاور.\n"
    size = n = 0
    with open(tmp_path / "big.txt", "w", encoding="utf-8") as f:
        while size < 50 * 2**20:
            chunk = "".join(line.format(n + i) for i in range(1000))
            f.write(chunk)
            size += len(chunk.encode("utf-8"))
            n += 1000
    script = textwrap.dedent("""
        import json, resource, sys
        from framing.corpus.documents import read_corpus
        corpus = read_corpus(sys.argv[1])
        info = corpus.info()
        doc = next(iter(corpus))
        # VmHWM is this process's own peak; ru_maxrss can carry over the peak of the
        # (large) pytest process that spawned it, since Linux keeps it across exec
        try:
            hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
        except (OSError, StopIteration):
            hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({"info": info, "len": len(doc["text"]), "lang": doc["lang"], "maxrss_mb": hwm / 1024}))
    """)
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                         check=True, env=os.environ | {"PYTHONWARNINGS": "ignore"})
    result = json.loads(out.stdout)
    assert result["info"]["documents"] == 1 and result["info"]["paragraphs"] == n
    assert result["len"] == len((tmp_path / "big.txt").read_text(encoding="utf-8"))
    assert result["lang"] == "ar"
    # the text itself is ~60 MB in memory; streaming the hashes keeps the peak to a few copies
    assert result["maxrss_mb"] < 6 * size / 2**20


# --- the shared corpora (skipped when ../shared is absent) ---------------------------------------

@pytest.mark.shared
def test_saudinewsnet_full_count(shared):
    path = shared / "corpora" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    records = empty = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            records += 1
            empty += not (r.get("title") or "").strip() and not (r.get("content") or "").strip()
    corpus = read_corpus(path)
    info = corpus.info()
    assert records == 30990
    # records with neither title nor content are skipped as empty and recorded; the rest are documents
    assert info["documents"] + empty == records
    assert corpus.manifest.summary()["skip_reasons"] == {"empty document": empty}
    assert info["date_range"][0].startswith("2015-07") and info["undated"] == 0
    assert len(info["outlets"]) == 14 and info["languages"].get("ar", 0) > 0.99 * info["documents"]


@pytest.mark.shared
def test_us_gov_ukraine_full_count(shared):
    path = shared / "corpora" / "us_gov_ukraine" / "Government_Data.csv"
    expected = pd.read_csv(path, keep_default_na=False)
    docs = read_corpus(path).documents()
    assert len(docs) == len(expected) == 291
    assert docs["date"].notna().all()
    assert docs["date_raw"].tolist() == expected["date"].tolist()
    assert (docs["text"].str.split("\n\n", n=1).str[1] == expected["article"]).all()
    assert docs["keyword"].tolist() == expected["keyword"].tolist()
    assert set(docs["outlet"]) == set(expected["source"]) and (docs["lang"] == "en").all()
    assert docs["doc_id"].is_unique


def test_byte_order_marks_in_csv_and_jsonl(tmp_path):
    (tmp_path / "bom.csv").write_bytes("\ufeffid,title,text\r\nb1,Port reopens,\"Ships entered\r\nthe port.\"\r\n"
                                       .encode("utf-8"))
    doc = next(iter(read_corpus(tmp_path / "bom.csv")))
    assert doc["doc_id"] == "b1" and doc["text"] == "Port reopens\n\nShips entered\r\nthe port."
    (tmp_path / "wide.jsonl").write_bytes(('{"id": "w1", "text": "قال الوزير إن الميناء فتح."}\n'
                                           '{"id": "w2", "text": "The port opened."}\n').encode("utf-16"))
    assert [(d["doc_id"], d["lang"]) for d in read_corpus(tmp_path / "wide.jsonl")] == [("w1", "ar"), ("w2", "en")]


def test_folder_of_mixed_formats(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Port reopens\nShips entered the port.\n", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text('{"id": "j1", "text": "Talks resumed."}\n', encoding="utf-8")
    (tmp_path / "README.md").write_text("# not a document\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden\n", encoding="utf-8")
    corpus = read_corpus(str(tmp_path))
    assert [(d["doc_id"], d["source_path"]) for d in corpus] == [
        ("j1", f"{tmp_path}/a.jsonl:line 1"), ("b", f"{tmp_path}/sub/b.txt")]
    assert corpus.manifest.files == 2
    assert [d["doc_id"] for d in read_corpus(tmp_path, format="txt")] == ["b"]


def test_missing_text_column_is_named_in_the_reason(tmp_path):
    (tmp_path / "x.csv").write_text("key,words\nk1,Ships entered the port.\n", encoding="utf-8")
    corpus = read_corpus(tmp_path / "x.csv")
    assert list(corpus) == []
    assert "no text field among ['key', 'words']" in corpus.manifest.skipped[0].reason
    with pytest.raises(InputError, match=r"x.csv: no column 'article' .*--text-col.*its columns are key, words"):
        read_corpus(tmp_path / "x.csv", columns={"text": "article"})
    assert [d["text"] for d in read_corpus(tmp_path / "x.csv", columns={"text": "words"})] == [
        "Ships entered the port."]


def test_missing_metadata_file_is_an_error_before_reading(tmp_path):
    with pytest.raises(InputError, match="metadata file not found"):
        read_corpus(CORPUS / "txt", metadata=tmp_path / "absent.csv")
    (tmp_path / "meta.tsv").write_text("filename\toutlet\nen_briefing.txt\tEvening Wire\n", encoding="utf-8")
    docs = by_id(read_corpus(CORPUS / "txt", metadata=tmp_path / "meta.tsv"))
    assert docs["en_briefing"]["outlet"] == "Evening Wire" and docs["ar_talks"]["outlet"] is None
