"""One record to one document: ids, duplicates, control characters, language codes, named columns."""

from __future__ import annotations

import hashlib

import pytest
from corpus_support import CORPUS, by_id

from framing.corpus.documents import duplicate_key, read_corpus, text_sha256
from framing.errors import InputError
from framing.text import normalize


def test_doc_id_collision_gets_suffix_and_is_noted():
    corpus = read_corpus(CORPUS / "news.jsonl")
    docs = by_id(corpus)
    assert docs["u_4eec907383de9b64-2"]["url"] == docs["u_4eec907383de9b64"]["url"]
    assert corpus.manifest.renamed == 1
    assert any("u_4eec907383de9b64-2" in w.reason for w in corpus.manifest.warnings)


def test_a_collision_names_the_document_holding_the_id_and_whether_it_repeats_it(tmp_path):
    rows = ['{"url": "https://example.org/a", "text": "First report."}',
            '{"url": "https://example.org/b", "text": "Other news."}',
            '{"url": "https://example.org/a", "text": "First report."}',
            '{"url": "https://example.org/a", "text": "A corrected report."}']
    (tmp_path / "c.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    corpus = read_corpus(tmp_path / "c.jsonl")
    assert len(list(corpus)) == 4  # the warnings are made as the documents are read
    reasons = {w.place: w.reason for w in corpus.manifest.warnings}
    assert "made from its url" in reasons["line 3"] and "document at line 1 with the same text" in reasons["line 3"]
    assert "document at line 1" in reasons["line 4"] and "same text" not in reasons["line 4"]


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


def test_duplicate_key_folds_like_normalize():
    texts = ["أكّدت الرئاسة «أن» المحادثات\u200f انتهت", "إلى المستشفى ٣ مرات", "قالـــت  الوزيرة\n\nنعم",
             "He said “yes”  twice", "Line\r\nbreaks\tand tabs"]
    for t in texts:
        assert duplicate_key(t) == duplicate_key(normalize(t).text)
    assert len({duplicate_key(t) for t in texts}) == len(texts)
    assert duplicate_key("قال الوزير") != duplicate_key("قالت الوزيرة")


def test_duplicate_key_is_the_same_for_long_texts_cut_in_pieces():
    from framing.corpus import builder as corpus_module

    text = " ".join(f"قالت الوزارة إن الجولة {i} انتهت،" for i in range(3000))
    whole = duplicate_key(text)
    original = corpus_module._CHUNK
    try:
        corpus_module._CHUNK = 777
        assert duplicate_key(text) == whole
        assert text_sha256(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    finally:
        corpus_module._CHUNK = original


def test_missing_text_column_is_named_in_the_reason(tmp_path):
    (tmp_path / "x.csv").write_text("key,words\nk1,Ships entered the port.\n", encoding="utf-8")
    corpus = read_corpus(tmp_path / "x.csv")
    assert list(corpus) == []
    assert "no text field among ['key', 'words']" in corpus.manifest.skipped[0].reason
    with pytest.raises(InputError, match=r"x.csv: no column 'article' .*--text-col.*its columns are key, words"):
        read_corpus(tmp_path / "x.csv", columns={"text": "article"})
    assert [d["text"] for d in read_corpus(tmp_path / "x.csv", columns={"text": "words"})] == [
        "Ships entered the port."]


def test_language_tags_become_base_codes(tmp_path):
    """'ar-SA', 'Arabic' and 'ENG' name the languages the extractors know as 'ar' and 'en'."""
    import json

    path = tmp_path / "news.jsonl"
    rows = [{"id": "a", "text": "قال الوزير إن المحادثات انتهت.", "lang": "ar-SA"},
            {"id": "b", "text": "قال الوزير إن المحادثات انتهت تماما.", "lang": "Arabic"},
            {"id": "c", "text": "The minister said the talks were over.", "lang": "ENG"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert [d["lang"] for d in read_corpus(path)] == ["ar", "ar", "en"]
