"""The run manifest: what was given, read, rejected and why, within a size bound."""

from __future__ import annotations

import json
from pathlib import Path

from framing.corpus.documents import read_corpus
from framing.corpus.manifest import LIST_LIMIT, Manifest, reason_kind


def _bad_jsonl(path: Path, n_bad: int, n_good: int) -> Path:
    lines = [f'{{"id": "g{i}", "text": "Good record {i}."}}' for i in range(n_good)]
    lines += ["{oops" + str(i) for i in range(n_bad)]
    lines += ["[1, 2]"] * 3
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_summary_lists_each_skipped_input_with_source_place_and_reason(tmp_path):
    path = _bad_jsonl(tmp_path / "n.jsonl", n_bad=2, n_good=3)
    corpus = read_corpus(path)
    list(corpus)
    s = corpus.manifest.summary()
    assert [(p["source"], p["place"]) for p in s["skipped_inputs"]] == [
        (str(path), "line 4"), (str(path), "line 5"), (str(path), "line 6"), (str(path), "line 7"),
        (str(path), "line 8")]
    assert s["skipped_inputs"][0]["reason"].startswith("malformed JSON")
    assert (s["given"], s["read"], s["rejected"], s["complete"]) == (8, 3, 5, True)
    assert s["given"] == s["read"] + s["rejected"]


def test_summary_is_bounded_per_reason_and_counts_the_rest(tmp_path):
    path = _bad_jsonl(tmp_path / "n.jsonl", n_bad=LIST_LIMIT + 25, n_good=2)
    corpus = read_corpus(path)
    list(corpus)
    s = corpus.manifest.summary()
    kinds = [reason_kind(p["reason"]) for p in s["skipped_inputs"]]
    assert kinds.count("malformed JSON") == LIST_LIMIT and kinds.count("not a JSON object but a list") == 3
    assert s["skipped_not_listed"] == {"malformed JSON": 25}
    assert s["skipped"] == s["rejected"] == LIST_LIMIT + 28
    assert s["skip_reasons"] == {"malformed JSON": LIST_LIMIT + 25, "not a JSON object but a list": 3}
    full = corpus.manifest.to_dict()  # the --manifest FILE record lists them all
    assert len(full["skipped_inputs"]) == LIST_LIMIT + 28 and full["skipped_not_listed"] == {}


def test_summary_is_json_ready_and_the_same_on_every_pass(tmp_path):
    path = _bad_jsonl(tmp_path / "n.jsonl", n_bad=3, n_good=2)
    (tmp_path / "w.jsonl").write_text('{"id": "g0", "text": "again", "date": "soon"}\n', encoding="utf-8")
    corpus = read_corpus(tmp_path)
    list(corpus)
    first = json.dumps(corpus.manifest.summary(), ensure_ascii=False, sort_keys=True)
    list(corpus)
    assert json.dumps(corpus.manifest.summary(), ensure_ascii=False, sort_keys=True) == first
    s = json.loads(first)
    assert s["warnings"] == 2 and len(s["warning_list"]) == 2  # unparsed date, renamed doc_id
    assert s["files"] == 2 and s["given"] == 9 and s["read"] == 3


def test_not_complete_after_limit_and_why_there_are_no_documents(tmp_path):
    path = _bad_jsonl(tmp_path / "n.jsonl", n_bad=0, n_good=3)
    corpus = read_corpus(path, limit=2)
    assert len(list(corpus)) == 2
    s = corpus.manifest.summary()
    assert not s["complete"] and s["stopped"] == "stopped at limit=2" and s["no_documents"] == ""
    (tmp_path / "e.jsonl").write_text("", encoding="utf-8")
    corpus = read_corpus(tmp_path / "e.jsonl")
    list(corpus)
    why = corpus.manifest.summary()["no_documents"]
    assert why == f"no documents: {tmp_path / 'e.jsonl'}: empty file (no JSON line in it)"


def test_inputs_that_are_not_documents_do_not_count_as_rejected():
    m = Manifest("c")
    m.skip("c/a.txt", "", "binary file")
    m.skip("c/e.csv", "", "empty file", records=0)
    with m.not_documents():
        m.skip("c/metadata.csv", "line 3", "bad CSV row: 2 fields where the header has 3")
    m.ignore("c/README.md", "not a corpus file (by its name); not read")
    s = m.summary()
    assert (s["skipped"], s["rejected"], s["given"], s["ignored"]) == (3, 1, 1, 1)
    assert s["ignored_inputs"] == [
        {"source": "c/README.md", "place": "", "reason": "not a corpus file (by its name); not read"}]


def test_reason_kind_drops_what_varies():
    assert reason_kind("byte offset 17: not valid utf-8 (invalid start byte)") == "byte offset N"
    assert reason_kind("doc_id 'a' (made from its url) already used by the document at line 3; this one is 'a-2'") == \
        reason_kind("doc_id 'b' (made from its url) already used by the document at line 17; this one is 'b-2'")
    assert reason_kind("empty document (no text field among ['k']; name it with columns={'text': ...})") == \
        "empty document"
