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
