"""Metadata files of a folder of .txt documents."""

from __future__ import annotations

import pytest
from corpus_support import CORPUS, by_id

from framing.corpus.documents import read_corpus
from framing.errors import InputError


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


def test_single_txt_file_picks_up_sibling_metadata():
    docs = list(read_corpus(CORPUS / "txt" / "ar_talks.txt"))
    assert len(docs) == 1 and docs[0]["outlet"] == "صحيفة المساء"
    assert list(read_corpus(CORPUS / "txt" / "ar_talks.txt", metadata=False))[0]["outlet"] is None


def test_missing_metadata_file_is_an_error_before_reading(tmp_path):
    with pytest.raises(InputError, match="metadata file not found"):
        read_corpus(CORPUS / "txt", metadata=tmp_path / "absent.csv")
    (tmp_path / "meta.tsv").write_text("filename\toutlet\nen_briefing.txt\tEvening Wire\n", encoding="utf-8")
    docs = by_id(read_corpus(CORPUS / "txt", metadata=tmp_path / "meta.tsv"))
    assert docs["en_briefing"]["outlet"] == "Evening Wire" and docs["ar_talks"]["outlet"] is None
