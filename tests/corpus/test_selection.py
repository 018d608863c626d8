"""Tests for framing.corpus.selection: filters by field, date and keyword, and a seeded sample."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.corpus import Corpus
from framing.corpus.documents import read_corpus
from framing.corpus.selection import Selection
from framing.errors import FramingError

DOCS = [
    {"id": "a", "title": "Talks", "text": "Iran said the talks went well.", "outlet": "Okaz", "date": "2015-03-02"},
    {"id": "b", "title": "محادثات", "text": "قالت وإيران إنها مستعدة.", "outlet": "Al Riyadh", "date": "2015-04-20"},
    {"id": "c", "title": "Markets", "text": "The Iranian rial fell.", "outlet": "okaz", "date": "2015-05-01"},
    {"id": "d", "title": "Weather", "text": "Rain is expected.", "outlet": "Sabq", "date": None},
]


def _corpus(selection=None, limit=None) -> Corpus:
    return Corpus.from_frame(pd.DataFrame(DOCS), selection=selection, limit=limit)


def _ids(corpus) -> list[str]:
    return [d["doc_id"] for d in corpus]


def test_where_matches_any_value_ignoring_case_and_all_fields():
    assert _ids(_corpus(Selection.parse(where=["outlet=OKAZ"]))) == ["a", "c"]
    assert _ids(_corpus(Selection.parse(where=["outlet=Okaz,Sabq"]))) == ["a", "c", "d"]
    assert _ids(_corpus(Selection.parse(where=["outlet=Okaz", "lang=ar"]))) == []


def test_where_reads_the_values_a_file_lists(tmp_path):
    listed = tmp_path / "coded.txt"
    listed.write_text("# the coded sample\nc\n\n  a  \n", encoding="utf-8")
    selection = Selection.parse(where=[f"doc_id=@{listed}"])
    assert selection.where == {"doc_id": ("c", "a")} and _ids(_corpus(selection)) == ["a", "c"]
    many = tmp_path / "many.txt"
    many.write_text("\n".join(f"id{i}" for i in range(25)), encoding="utf-8")
    assert Selection.parse(where=[f"doc_id=@{many}"]).describe() == "doc_id is one of 25 values (id0, id1, id2 ...)"
    with pytest.raises(FramingError, match=r"--where 'doc_id=@.*nowhere.txt': cannot read .*nowhere.txt"):
        Selection.parse(where=[f"doc_id=@{tmp_path / 'nowhere.txt'}"])
    (tmp_path / "empty.txt").write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(FramingError, match="empty.txt lists no values"):
        Selection.parse(where=[f"doc_id=@{tmp_path / 'empty.txt'}"])


def test_dates_take_partial_bounds_and_leave_out_undated_documents():
    assert _ids(_corpus(Selection.parse(since="2015-04"))) == ["b", "c"]
    assert _ids(_corpus(Selection.parse(until="2015-04"))) == ["a", "b"]
    assert _ids(_corpus(Selection.parse(since="2015", until="2015"))) == ["a", "b", "c"]


def test_mentions_are_whole_words_and_see_through_arabic_clitics():
    assert _ids(_corpus(Selection.parse(mentions=["iran"]))) == ["a"]  # not "Iranian"
    assert _ids(_corpus(Selection.parse(mentions=["إيران"]))) == ["b"]  # وإيران, hamza folded
    assert _ids(_corpus(Selection.parse(mentions=["rain", "Markets"]))) == ["c", "d"]  # title counts too


def test_the_manifest_counts_what_was_left_out_and_limit_counts_kept_documents():
    corpus = _corpus(Selection.parse(where=["outlet=okaz"]))
    assert len(list(corpus)) == 2
    m = corpus.manifest.summary()
    assert m["read"] == 4 and m["left_out"] == 2 and m["selection"] == "outlet is okaz" and m["complete"]
    limited = _corpus(Selection.parse(where=["outlet=okaz"]), limit=1)
    assert _ids(limited) == ["a"]
    empty = _corpus(Selection.parse(where=["outlet=Nowhere"]))
    assert list(empty) == [] and "the selection (outlet is Nowhere) kept none of the 4 read" in \
        empty.manifest.no_documents()


def test_sample_is_seeded_sized_ordered_and_independent_of_input_order():
    docs = [{"id": f"d{i:03d}", "text": f"Text {i}.", "outlet": "X"} for i in range(200)]
    sample = Selection(sample=20, seed=7)
    first = _ids(Corpus.from_frame(pd.DataFrame(docs), selection=sample))
    again = _ids(Corpus.from_frame(pd.DataFrame(docs), selection=sample))
    shuffled = _ids(Corpus.from_frame(pd.DataFrame(docs[::-1]), selection=sample))
    other = _ids(Corpus.from_frame(pd.DataFrame(docs), selection=Selection(sample=20, seed=8)))
    assert len(first) == 20 and first == again == sorted(first)  # in corpus order
    assert sorted(shuffled) == first
    assert other != first
    corpus = Corpus.from_frame(pd.DataFrame(docs), selection=sample)
    list(corpus)
    assert corpus.manifest.left_out == 180


def test_a_where_field_no_document_has_is_an_error_naming_the_fields():
    with pytest.raises(FramingError, match=r"no document has a field 'outlt'; the documents have: .*outlet"):
        list(_corpus(Selection.parse(where=["outlt=Okaz"])))


@pytest.mark.parametrize("kwargs, message", [
    ({"since": "March 2015"}, "give a date as YYYY"),
    ({"since": "2015-05", "until": "2015-04"}, "is after until"),
    ({"sample": 0}, "1 or more"),
    ({"where": ["outlet="]}, "write it as FIELD=VALUE"),
    ({"mentions": [" "]}, "empty keyword"),
])
def test_bad_values_are_refused_before_reading(kwargs, message):
    with pytest.raises(FramingError, match=message):
        Selection.parse(**kwargs)


def test_selection_round_trips_and_reaches_read_corpus_as_a_dict(tmp_path):
    s = Selection.parse(where=["lang=ar"], since="2015-01", mentions=["إيران"], sample=5, seed=3)
    assert Selection.from_dict(s.to_dict()) == s
    path = tmp_path / "news.csv"
    pd.DataFrame(DOCS).to_csv(path, index=False)
    corpus = read_corpus(path, selection={"where": {"outlet": ["Sabq"]}})
    assert [d["title"] for d in corpus] == ["Weather"]
    assert corpus.options["selection"] == {"where": {"outlet": ["Sabq"]}}
