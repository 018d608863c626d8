"""Bytes to text: declared encodings, byte-order marks, wide encodings."""

from __future__ import annotations

from corpus_support import CORPUS, by_id

from framing.corpus.documents import read_corpus


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


def test_a_few_nul_bytes_in_a_short_file_do_not_make_it_binary(tmp_path):
    """Two NULs in a 40-byte CSV are control characters in the text, not a binary file."""
    path = tmp_path / "h.csv"
    path.write_bytes(b"id,title,text\nr0,a,A\x00B\nr1,a,A\x00B\n")
    corpus = read_corpus(path)
    assert [d["doc_id"] for d in corpus] == ["r0", "r1"]
    assert corpus.manifest.controls_removed == 2
    (tmp_path / "blob.csv").write_bytes(bytes(200))
    assert list(read_corpus(tmp_path / "blob.csv")) == []
