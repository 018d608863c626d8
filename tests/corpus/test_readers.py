"""The corpus readers on odd input: nothing given is lost without a word.

Each test builds its corpus in a temporary folder.  The property-based
tests make small random JSONL, CSV and folder corpora with good and bad
records mixed and check the books balance: every record given is either a
document read or an input rejected with a reason, and no good record is lost.
"""

from __future__ import annotations

import csv
import io
import json
import os
import threading
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.cli import main
from framing.corpus.dates import parse_date
from framing.corpus.documents import Corpus, read_corpus
from framing.errors import FramingError, InputError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def balanced(corpus) -> bool:
    m = corpus.manifest
    return m.complete and m.given == m.read + m.rejected


# --- 1. a column the user names must exist ---------------------------------------------

OPTIONS = ("id", "title", "text", "date", "outlet", "url", "lang")


@pytest.mark.parametrize("role", OPTIONS)
def test_named_csv_column_missing_is_an_input_error(tmp_path, role):
    path = write(tmp_path / "gov.csv", "title,article,date\nTalks end,The minister said the talks ended.,2022-05-01\n")
    with pytest.raises(InputError) as err:
        read_corpus(path, columns={role: "artcle"})
    msg = str(err.value)
    assert str(path) in msg and f"--{role}-col" in msg and "'artcle'" in msg
    assert "its columns are article, date, title" in msg and "did you mean 'article'" in msg


def test_text_col_typo_on_the_command_line_fails_with_one_line(tmp_path, capsys):
    path = write(tmp_path / "gov.csv", "title,article\nTalks end,The minister said the talks ended.\n")
    assert main(["corpus", "info", str(path), "--text-col", "artcle"]) == 2
    err = capsys.readouterr().err
    assert "no column 'artcle'" in err and "did you mean 'article'" in err and len(err.strip().splitlines()) == 1


def test_named_jsonl_column_in_no_record_is_an_error_and_records_without_it_are_rejected(tmp_path):
    rows = [{"title": "T1", "body": "Body one."}, {"title": "T2", "article": "Body two."},
            {"title": "T3", "body": "Body three."}]
    path = write(tmp_path / "n.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(InputError, match=r"n.jsonl: no column 'story' .*its columns are article, body, title"):
        read_corpus(path, columns={"text": "story"})
    corpus = read_corpus(path, columns={"text": "article"})
    assert [d["text"] for d in corpus] == ["T2\n\nBody two."]  # never the title standing in for the text
    assert [p.place for p in corpus.manifest.skipped] == ["line 1", "line 3"]
    assert all("no column 'article'" in p.reason for p in corpus.manifest.skipped)
    assert balanced(corpus) and corpus.manifest.given == 3


def test_named_column_missing_from_txt_metadata_names_the_metadata_file(tmp_path):
    write(tmp_path / "c" / "a.txt", "Talks end\nThe minister spoke.\n")
    write(tmp_path / "c" / "metadata.csv", "file,outlet\na.txt,Wire\n")
    with pytest.raises(InputError, match=r"metadata.csv: no column 'paper' \(.*--outlet-col\)"):
        read_corpus(tmp_path / "c", columns={"outlet": "paper"})
    assert [d["outlet"] for d in read_corpus(tmp_path / "c", columns={"outlet": "outlet"})] == ["Wire"]


def test_named_column_missing_from_a_frame(tmp_path):
    with pytest.raises(InputError, match="no column 'body'"):
        Corpus.from_frame(pd.DataFrame({"text": ["One."]}), columns={"text": "body"})


# --- 2. an empty corpus reads as nothing, and says why ------------------------------------

@pytest.mark.parametrize("name, content, why", [
    ("e.jsonl", "", "e.jsonl: empty file"),
    ("b.jsonl", "\n  \n", "b.jsonl: empty file"),
    ("e.csv", "", "e.csv: empty file"),
    ("h.csv", "id,text\r\n", "h.csv: no rows after the header"),
    ("e.txt", "", "e.txt: empty document"),
])
def test_empty_files_give_no_documents_and_a_reason(tmp_path, name, content, why):
    corpus = read_corpus(write(tmp_path / name, content))
    assert list(corpus) == [] and corpus.documents().empty
    assert why in corpus.manifest.no_documents()
    assert why in corpus.manifest.summary()["no_documents"] and corpus.manifest.complete


def test_empty_folder_and_folder_of_skipped_files(tmp_path):
    (tmp_path / "none").mkdir()
    corpus = read_corpus(tmp_path / "none")
    assert list(corpus) == [] and "no corpus files in this folder" in corpus.manifest.no_documents()
    (tmp_path / "bad" / "x.txt").parent.mkdir()
    (tmp_path / "bad" / "x.txt").write_bytes(b"\x00" * 100)
    write(tmp_path / "bad" / "y.jsonl", "{oops\n")
    corpus = read_corpus(tmp_path / "bad")
    assert list(corpus) == [] and corpus.info()["documents"] == 0
    why = corpus.manifest.no_documents()
    assert "x.txt: binary file" in why and "y.jsonl:line 1: malformed JSON" in why
    assert balanced(corpus) and corpus.manifest.rejected == 2


def test_limit_zero_and_negative(tmp_path):
    path = write(tmp_path / "n.jsonl", '{"text": "One."}\n')
    corpus = read_corpus(path, limit=0)
    assert list(corpus) == [] and "limit=0" in corpus.manifest.no_documents()
    assert not corpus.manifest.complete
    with pytest.raises(FramingError, match="limit"):
        read_corpus(path, limit=-1)


# --- 3. a deeply nested line is one bad line ------------------------------------------------

@pytest.mark.parametrize("deep", ["[" * 100000, '{"a":' * 100000, "[" * 100000 + "]" * 100000])
@pytest.mark.parametrize("at", [0, 1])
def test_deeply_nested_json_line_is_skipped_and_the_rest_read(tmp_path, deep, at):
    lines = ['{"id": "a", "text": "First."}', '{"id": "b", "text": "Second."}']
    lines.insert(at, deep)
    corpus = read_corpus(write(tmp_path / "d.jsonl", "\n".join(lines) + "\n"))
    assert [d["doc_id"] for d in corpus] == ["a", "b"]
    [problem] = corpus.manifest.skipped
    assert problem.place == f"line {at + 1}" and "nested too deeply" in problem.reason
    assert problem.source.endswith("d.jsonl") and balanced(corpus)


def test_json_array_over_several_lines_and_on_one_line(tmp_path):
    items = [{"id": "x", "text": "One."}, {"id": "y", "text": "Two."}]
    assert [d["doc_id"] for d in read_corpus(write(tmp_path / "p.json", json.dumps(items, indent=2)))] == ["x", "y"]
    one = write(tmp_path / "o.jsonl", json.dumps(items) + '\n{"id": "z", "text": "Three."}\n')
    assert [d["doc_id"] for d in read_corpus(one)] == ["x", "y", "z"]


def test_bad_first_line_opening_a_bracket_does_not_lose_the_lines_after_it(tmp_path):
    path = write(tmp_path / "b.jsonl", '[1, 2\n{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n')
    corpus = read_corpus(path)
    assert [d["doc_id"] for d in corpus] == ["a", "b"]
    [problem] = corpus.manifest.skipped
    assert problem.place == "line 1" and "not a JSON array either" in problem.reason and balanced(corpus)


# --- 4. options are checked before any reading -------------------------------------------------

@pytest.mark.parametrize("options, match", [
    ({"delimiter": ";;"}, "delimiter"),
    ({"delimiter": ""}, "delimiter"),
    ({"delimiter": '"'}, "delimiter"),
    ({"encoding": "no-such-codec"}, "unknown encoding"),
    ({"encoding": "base64"}, "not a text encoding"),
    ({"format": "xml"}, "unknown format"),
])
def test_bad_options_fail_when_the_corpus_is_opened(tmp_path, monkeypatch, options, match):
    import framing.corpus.documents

    path = write(tmp_path / "x.csv", "id,text\n1,One.\n")
    monkeypatch.setattr(framing.corpus.documents, "iter_records", lambda *a, **k: pytest.fail("read before the check"))
    with pytest.raises(FramingError, match=match):
        read_corpus(path, **options)


def test_missing_paths_fail_when_the_corpus_is_opened(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_corpus(tmp_path / "absent.csv")
    write(tmp_path / "c" / "a.txt", "One.\n")
    with pytest.raises(InputError, match="metadata file not found"):
        read_corpus(tmp_path / "c", metadata=tmp_path / "absent.csv")
    write(tmp_path / "m.xlsx", "x")
    with pytest.raises(InputError, match="metadata must be CSV, TSV or JSONL"):
        read_corpus(tmp_path / "c", metadata=tmp_path / "m.xlsx")


def test_delimiter_names_and_one_character(tmp_path):
    path = write(tmp_path / "x.csv", "id;text\n1;One.\n")
    assert [d["text"] for d in read_corpus(path, delimiter=";")] == ["One."]
    tab = write(tmp_path / "t.csv", "id\ttext\n1\tOne.\n")
    assert [d["text"] for d in read_corpus(tab, delimiter="tab")] == ["One."]
    assert [d["text"] for d in read_corpus(tab, delimiter="\\t")] == ["One."]


# --- 5. odd entries in a folder ----------------------------------------------------------------

def test_odd_folder_entries_are_recorded_and_a_fifo_never_blocks(tmp_path):
    folder = tmp_path / "c"
    write(folder / "good.txt", "Good document.\n")
    write(folder / ".hidden.txt", "Hidden document.\n")
    write(folder / "inside.txt" / "inner.txt", "Inner document.\n")  # a folder named like a .txt file
    write(folder / ".checkpoints" / "copy.txt", "A copy.\n")
    write(folder / "README.md", "# notes\n")
    (folder / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "linked").symlink_to(tmp_path, target_is_directory=True)
    has_fifo = hasattr(os, "mkfifo")
    if has_fifo:
        os.mkfifo(folder / "pipe.txt")
    result = {}
    reader = threading.Thread(target=lambda: result.update(docs=list(corpus := read_corpus(folder)), corpus=corpus),
                              daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert not reader.is_alive(), "reading the folder blocked"
    corpus = result["corpus"]
    assert sorted(d["doc_id"] for d in result["docs"]) == ["good", "inner"]
    m = corpus.manifest
    skipped = {Path(p.source).name: p.reason for p in m.skipped}
    ignored = {Path(p.source).name: p.reason for p in m.ignored}
    assert skipped[".hidden.txt"].startswith("hidden file")
    assert skipped["broken.txt"].startswith("broken link")
    assert skipped["linked"].startswith("link to a folder")
    if has_fifo:
        assert skipped["pipe.txt"].startswith("not a regular file")
    assert ignored["inside.txt"].startswith("a folder") and ignored[".checkpoints"].startswith("hidden folder")
    assert ignored["README.md"].startswith("not a corpus file")
    assert balanced(corpus) and m.rejected == 2 + has_fifo  # the hidden, broken and FIFO .txt files


def test_a_fifo_given_as_the_corpus_is_refused(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    os.mkfifo(tmp_path / "pipe.jsonl")
    with pytest.raises(InputError, match="not a regular file"):
        read_corpus(tmp_path / "pipe.jsonl")


# --- 6. an unclosed quote in a metadata file ---------------------------------------------------

def _meta_folder(tmp_path, metadata: str) -> Path:
    folder = tmp_path / "c"
    for name in "abc":
        write(folder / f"{name}.txt", f"Document {name}.\n")
    write(folder / "metadata.csv", metadata)
    return folder


@pytest.mark.parametrize("metadata, bad_line", [
    # the quote closes on a later line: field counts still match
    ('file,outlet,date\na.txt,"Al Jazeera,2021-01-01\nb.txt,"Wire",2021-02-02\nc.txt,Post,2021-03-03\n', 2),
    # the quote never closes: the file ends inside it
    ('file,outlet\na.txt,Wire\nb.txt,"Post\nc.txt,Daily\n', 3),
])
def test_unclosed_quote_in_metadata_is_reported_and_later_rows_kept(tmp_path, metadata, bad_line):
    corpus = read_corpus(_meta_folder(tmp_path, metadata))
    outlets = {d["doc_id"]: d["outlet"] for d in corpus}
    assert all(o is None or "\n" not in o for o in outlets.values())
    assert outlets["c"] in ("Post", "Daily")  # the row after the bad one is read again
    [problem] = corpus.manifest.skipped
    assert problem.source.endswith("metadata.csv") and problem.place == f"line {bad_line}"
    assert "quote" in problem.reason
    assert balanced(corpus) and corpus.manifest.rejected == 0 and corpus.manifest.read == 3


def test_csv_ending_inside_a_quote_keeps_the_rows_it_swallowed(tmp_path):
    path = write(tmp_path / "x.csv", 'id,text\n1,"Opened quote\n2,Second.\n3,Third.\n')
    corpus = read_corpus(path)
    assert [d["doc_id"] for d in corpus] == ["2", "3"]
    [problem] = corpus.manifest.skipped
    assert problem.place == "line 2" and "quote" in problem.reason and "read again" in problem.reason


def test_multiline_csv_fields_are_still_read(tmp_path):
    path = write(tmp_path / "x.csv", 'id,text\n1,"Line one\nline two"\n2,"Last\nfield"')
    assert [d["text"] for d in read_corpus(path)] == ["Line one\nline two", "Last\nfield"]


# --- 7. metadata keyed by doc, id, path ... ----------------------------------------------------

@pytest.mark.parametrize("key", ["doc", "doc_id", "id", "path", "filename", "name"])
def test_metadata_jsonl_keyed_by_common_names(tmp_path, key):
    folder = tmp_path / "articles"
    write(folder / "dev001.txt", "The minister said the talks ended.\n")
    meta = write(tmp_path / "articles.jsonl", json.dumps({key: "dev001", "source": "aawsat"}) + "\n")
    corpus = read_corpus(folder, metadata=meta)
    assert [d["outlet"] for d in corpus] == ["aawsat"]
    assert not corpus.manifest.warnings and not corpus.manifest.skipped


def test_metadata_without_a_key_column_lists_its_columns(tmp_path):
    folder = tmp_path / "articles"
    write(folder / "dev001.txt", "Text.\n")
    meta = write(tmp_path / "meta.jsonl", json.dumps({"article": "dev001", "source": "aawsat"}) + "\n")
    with pytest.raises(InputError, match=r"meta.jsonl: metadata has no column naming the text files; "
                                         r"its columns are article, source"):
        read_corpus(folder, metadata=meta)


@pytest.mark.shared
def test_gold_articles_with_their_jsonl_metadata(shared):
    gold = shared / "gold" / "ar_dev"
    corpus = read_corpus(gold / "articles", metadata=gold / "articles.jsonl")
    docs = list(corpus)
    keys = [json.loads(line)["doc"] for line in (gold / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(docs) == len(list((gold / "articles").glob("*.txt")))
    assert sum(d["outlet"] is not None for d in docs) == len(set(keys) & {d["doc_id"] for d in docs}) > 0


# --- dates from odd unicode --------------------------------------------------------------------

@pytest.mark.parametrize("raw, iso", [("ſept 3, 2022", "2022-09-03"), ("aprıl 3, 2022", "2022-04-03"),
                                      ("3 AUGUſT 2022", "2022-08-03")])
def test_month_names_matched_case_insensitively_with_odd_letters(raw, iso):
    assert parse_date(raw) == (iso, "")


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40), st.integers(), st.floats(allow_nan=True), st.none()))
def test_parse_date_never_raises(value):
    iso, problem = parse_date(value)
    assert (iso is None) != (problem == "")


# --- property-based: the books balance -----------------------------------------------------------

# raw NULs only where a file stays text (a NUL-heavy file is binary and skipped whole)
_WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"),
                 max_size=12)
_GOOD_TEXT = st.text(alphabet="abcdefghij قالوزير «»é\u200f", min_size=1, max_size=20).filter(str.strip)


@st.composite
def jsonl_corpus(draw):
    """Lines of a JSONL file and which of them are good records (their text)."""
    lines, good = [], []
    for i in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["good", "good", "dup", "bad", "list", "empty", "nul", "rawnul", "blank"]))
        if kind in ("good", "dup"):
            text = "Duplicate text." if kind == "dup" else draw(_GOOD_TEXT)
            lines.append(json.dumps({"id": f"r{i}", "text": text}, ensure_ascii=draw(st.booleans())))
            good.append(f"r{i}")
        elif kind == "nul":
            lines.append(json.dumps({"id": f"r{i}", "text": "Nul\u0000 inside " + draw(_WORDS)}))
            good.append(f"r{i}")
        elif kind == "rawnul":  # a raw NUL inside a JSON string, in a line long enough to stay text
            lines.append(f'{{"id": "r{i}", "text": "A raw NUL \x00 inside a string, then more words."}}')
            good.append(f"r{i}")
        elif kind == "bad":
            lines.append("{" + draw(_WORDS).replace("\n", " ").replace("\r", " "))
        elif kind == "list":  # one item, so one record given (on the first line it reads as an array)
            lines.append(json.dumps([draw(_WORDS)]))
        elif kind == "empty":
            lines.append(json.dumps({"id": f"r{i}", "text": draw(st.sampled_from(["", "  ", "\u00a0"]))}))
        else:
            lines.append("")
    return lines, good


def _join_lines(lines, endings):
    return "".join(line + endings[i % len(endings)] for i, line in enumerate(lines))


def _given(lines) -> int:
    return sum(bool(line.strip()) for line in lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(jsonl_corpus(), st.lists(st.sampled_from(["\n", "\r\n"]), min_size=1, max_size=3))
def test_jsonl_books_balance(tmp_path, data, endings):
    lines, good = data
    path = tmp_path / "h.jsonl"
    path.write_bytes(_join_lines(lines, endings).encode("utf-8"))
    corpus = read_corpus(path)
    ids = [d["doc_id"] for d in corpus]
    m = corpus.manifest
    assert m.complete and m.read + m.rejected == _given(lines)
    assert ids == good  # every good record, in order
    assert all(p.source == str(path) and p.reason for p in m.skipped)
    assert json.loads(json.dumps(m.summary())) == corpus.manifest.summary()


@st.composite
def csv_corpus(draw):
    rows, good = [], []
    for i in range(draw(st.integers(0, 10))):
        kind = draw(st.sampled_from(["good", "good", "multiline", "dup", "short", "empty", "nul"]))
        if kind in ("good", "dup", "nul"):
            text = {"good": draw(_GOOD_TEXT), "dup": "Same text.", "nul": "A\u0000B"}[kind]
            rows.append([f"r{i}", draw(_GOOD_TEXT), text])
            good.append(f"r{i}")
        elif kind == "multiline":
            rows.append([f"r{i}", "Title", draw(_GOOD_TEXT) + "\r\n" + draw(_GOOD_TEXT)])
            good.append(f"r{i}")
        elif kind == "short":
            rows.append([f"r{i}"])
        else:
            rows.append([f"r{i}", "", " "])
    return rows, good


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(csv_corpus(), st.sampled_from(["\n", "\r\n"]))
def test_csv_books_balance(tmp_path, data, ending):
    rows, good = data
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=ending)
    writer.writerow(["id", "title", "text"])
    writer.writerows(rows)
    path = tmp_path / "h.csv"
    path.write_bytes(buf.getvalue().encode("utf-8"))
    corpus = read_corpus(path)
    ids = [d["doc_id"] for d in corpus]
    m = corpus.manifest
    assert ids == good
    assert m.complete and m.read + m.rejected == len(rows)
    assert all(p.reason for p in m.skipped)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["good", "empty", "binary", "hidden", "crlf"]), _GOOD_TEXT),
                max_size=8),
       jsonl_corpus())
def test_folder_books_balance(tmp_path_factory, files, data):
    folder = tmp_path_factory.mktemp("folder")
    good = []
    for i, (kind, text) in enumerate(files):
        name = f".doc{i}.txt" if kind == "hidden" else f"doc{i}.txt"
        raw = {"empty": b"", "binary": b"\x00" * 64, "crlf": f"{text}\r\nmore\r\n".encode()}.get(
            kind, text.encode("utf-8"))
        (folder / name).write_bytes(raw)
        if kind in ("good", "crlf"):
            good.append(f"doc{i}")
    lines, good_lines = data
    (folder / "sub").mkdir()
    (folder / "sub" / "x.jsonl").write_text(_join_lines(lines, ["\n"]), encoding="utf-8")
    corpus = read_corpus(folder)
    ids = [d["doc_id"] for d in corpus]
    m = corpus.manifest
    assert sorted(i for i in ids if i.startswith("doc")) == sorted(good)
    assert [i for i in ids if not i.startswith("doc")] == good_lines
    assert m.complete and m.read + m.rejected == len(files) + _given(lines)
