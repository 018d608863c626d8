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
from corpus_support import CORPUS, by_id

from framing.corpus.documents import DOCUMENT_COLUMNS, PARAGRAPH_COLUMNS, read_corpus
from framing.errors import InputError
from framing.text import normalize, paragraph_spans

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

def test_txt_paragraph_language_per_line():
    corpus = read_corpus(CORPUS / "txt", lang=None)
    pars = corpus.paragraphs(include_text=True)
    talks = pars[pars.doc_id == "ar_talks"].reset_index(drop=True)
    assert talks.loc[1, "text"].startswith("Foreign ministers") and talks.loc[1, "lang"] == "en"
    assert talks.loc[0, "lang"] == "ar" and talks.loc[2, "lang"] == "ar"


def test_lang_and_outlet_options_fill_only_missing_values():
    docs = by_id(read_corpus(CORPUS / "txt", lang="xx", outlet="Wire"))
    assert docs["ar_talks"]["lang"] == "ar" and docs["ar_talks"]["outlet"] == "صحيفة المساء"
    assert docs["en_briefing"]["lang"] == "xx"
    assert docs["ar_no_metadata"]["outlet"] == "Wire"


# --- JSONL ----------------------------------------------------------------------

def test_jsonl_duplicates_flagged_not_dropped():
    corpus = read_corpus(CORPUS / "news.jsonl")
    docs = by_id(corpus)
    copy = docs["n-002"]
    assert copy["duplicate_of"] == "n-001"
    assert copy["text"] != docs["n-001"]["text"]  # differs only by marks that normalization drops
    assert normalize(copy["text"]).text.split() == normalize(docs["n-001"]["text"]).text.split()
    assert sum(d["duplicate_of"] is not None for d in docs.values()) == corpus.manifest.duplicates == 1


# --- CSV ------------------------------------------------------------------------

# --- Parquet and frames -------------------------------------------------------------

# --- encodings and bad files ---------------------------------------------------------

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

# --- a 50 MB document ------------------------------------------------------------------------

@pytest.mark.slow
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

@pytest.mark.slow
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


@pytest.mark.slow
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
