"""Fixture builders for tests/test_invariants.py: small corpora in every input format.

Each builder writes a corpus of good documents (Arabic sentences taken from
the seed corpus, English ones written here, all with reporting verbs so the
analysis finds utterances) mixed with bad inputs that a reader must reject
with a reason.  A builder returns a :class:`Built`: where the corpus is, the
ids of the good documents, and how many inputs (files, lines, rows) it was
given in total, so a test can check that nothing went missing.
"""

from __future__ import annotations

import csv
import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from framing.text import paragraph_spans

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed"

#: English sentences with reporting verbs and quotes (so attribution finds utterances).
ENGLISH = (
    'The minister said that "the talks failed".',
    'Foreign Minister Sergei Lavrov said on Tuesday that Moscow would not accept new sanctions.',
    '"We will not back down," the spokesman told reporters in Washington.',
    'President Joe Biden said the United States was ready to respond to any attack.',
    'The Kremlin said that the two presidents had agreed to continue the dialogue.',
    'Ukraine warned that Russia could use Belarus to launch an attack, officials said.',
    'A senior official said the negotiations would resume next month in Geneva.',
    '"The situation remains tense," the United Nations envoy said in a statement.',
    'Liz Truss said Britain stood with its allies and would not be intimidated.',
    'The analyst said that "nobody expects a quick deal" between the two sides.',
)
OUTLETS = ("Al Jazeera", "Reuters", "BBC Arabic")


def seed_paragraphs() -> list[str]:
    """The paragraphs of the seed corpus's Arabic texts (read, never written)."""
    paragraphs = []
    for path in sorted(SEED.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs += [text[a:b] for a, b in paragraph_spans(text)]
    return [p for p in paragraphs if len(p) > 40]


def good_documents(n: int) -> list[dict]:
    """``n`` distinct documents, alternating Arabic and English, with ids, titles, dates and outlets.

    Each text is a few paragraphs; its first line carries a document number
    so no two texts are duplicates of each other.
    """
    arabic, docs = seed_paragraphs(), []
    for i in range(n):
        if i % 2 == 0:
            k = (i // 2) % len(arabic)
            body = [arabic[k], arabic[(k + 3) % len(arabic)], arabic[(k + 7) % len(arabic)]]
            title, lang = f"تقرير رقم {i}", "ar"
        else:
            k = (i // 2) % len(ENGLISH)
            body = [ENGLISH[k], ENGLISH[(k + 3) % len(ENGLISH)], ENGLISH[(k + 5) % len(ENGLISH)]]
            title, lang = f"Report number {i}", "en"
        docs.append({
            "id": f"doc{i:03d}",
            "title": title,
            "text": "\n\n".join(body),
            "outlet": OUTLETS[i % len(OUTLETS)],
            "date": f"2021-{1 + i % 12:02d}-{1 + i % 27:02d}",
            "lang": lang,
        })
    return docs


def without_some_metadata(docs: list[dict]) -> list[dict]:
    """The documents with the outlet of every 4th and the language of every 3rd left out.

    Reader options such as ``--outlet`` and ``--lang`` then change those
    documents' rows, so a resume that ignored them would mix two analyses.
    """
    out = []
    for i, d in enumerate(docs):
        d = dict(d)
        if i % 4 == 0:
            del d["outlet"]
        if i % 3 == 0:
            del d["lang"]
        out.append(d)
    return out


@dataclass
class Built:
    """A corpus written for a test: its path, good ids, inputs given, and where the bad ones are."""

    path: Path
    good_ids: list[str]
    inputs: int
    bad_places: list[str] = field(default_factory=list)  # "source:place" or "source" of each bad input
    frame: pd.DataFrame | None = None  # for Corpus.from_frame


# --- bad inputs, shared by the line- and row-based formats -----------------------

def _jsonl_lines(docs: list[dict]) -> tuple[list[str], list[int]]:
    """Good JSON lines with bad ones spliced in; returns the lines and the 1-based numbers of the bad ones."""
    lines = [json.dumps(d, ensure_ascii=False) for d in docs]
    bad = [
        '{"id": "broken", "text": "unterminated',                 # invalid JSON
        '["not", "an", "object"]',                                # a JSON array on a line: not an object
        '"just a string"',                                        # not an object
        json.dumps({"id": "empty1", "title": "", "text": ""}),     # empty text
        json.dumps({"id": "empty2", "text": "   \n  "}),          # whitespace only
    ]
    out, bad_numbers = [], []
    for i, line in enumerate(lines):
        out.append(line)
        if i % 3 == 1 and bad:  # never line 1: a '[' there makes the file a JSON array
            out.append(bad.pop(0))
            bad_numbers.append(len(out))
    for line in bad:
        out.append(line)
        bad_numbers.append(len(out))
    return out, bad_numbers


def write_jsonl(path: Path, docs: list[dict], *, gz: bool = False) -> Built:
    """A JSONL (or gzipped JSONL) corpus: ``docs`` plus five bad lines."""
    lines, bad_numbers = _jsonl_lines(docs)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return Built(path, [d["id"] for d in docs], len(lines), [f"{path}:line {n}" for n in bad_numbers])


_CSV_COLUMNS = ("id", "title", "text", "outlet", "date", "lang")


def write_delimited(path: Path, docs: list[dict], *, delimiter: str = ",") -> Built:
    """A CSV or TSV corpus: ``docs`` plus a row with too many fields, one with too few, and empty texts.

    Texts keep their paragraph breaks (quoted fields spanning lines), so the
    reader's line numbers are those of each record's first line.
    """
    import io

    def record(values) -> str:
        buf = io.StringIO()
        csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerow(values)
        return buf.getvalue()

    chunks = [record(_CSV_COLUMNS)]
    bad_records = [
        record(["extra", "Too many", "A row with an extra field.", "Reuters", "2021-01-01", "en", "surplus"]),
        record(["short", "Too few"]),
        record(["empty1", "", "", "Reuters", "2021-01-01", "en"]),
        record(["empty2", "   ", "  ", "BBC Arabic", "2021-01-02", "ar"]),
    ]
    bad_lines = []
    line = 2
    for i, d in enumerate(docs):
        rec = record([d[c] for c in _CSV_COLUMNS])
        chunks.append(rec)
        line += rec.count("\n")
        if i % 4 == 2 and bad_records:
            rec = bad_records.pop(0)
            chunks.append(rec)
            bad_lines.append(line)
            line += rec.count("\n")
    for rec in bad_records:
        chunks.append(rec)
        bad_lines.append(line)
        line += rec.count("\n")
    path.write_text("".join(chunks), encoding="utf-8", newline="")
    inputs = len(docs) + 4
    return Built(path, [d["id"] for d in docs], inputs, [f"{path}:line {n}" for n in bad_lines])


def _bad_rows() -> list[dict]:
    """Rows a table-shaped input (Parquet, DataFrame) can hold that still are no documents."""
    return [
        {"id": "empty1", "title": "", "text": "", "outlet": "Reuters", "date": "2021-01-01", "lang": "en"},
        {"id": "empty2", "title": None, "text": None, "outlet": "Reuters", "date": "2021-01-02", "lang": "en"},
        {"id": "empty3", "title": " ", "text": "\n\t ", "outlet": "BBC Arabic", "date": "2021-01-03", "lang": "ar"},
    ]


def _rows_with_bad(docs: list[dict]) -> tuple[list[dict], list[int]]:
    rows, bad_numbers, bad = [], [], _bad_rows()
    for i, d in enumerate(docs):
        rows.append(d)
        if i % 5 == 3 and bad:
            rows.append(bad.pop(0))
            bad_numbers.append(len(rows))
    for b in bad:
        rows.append(b)
        bad_numbers.append(len(rows))
    return rows, bad_numbers


def write_parquet(path: Path, docs: list[dict]) -> Built:
    """A Parquet corpus: ``docs`` plus rows whose text is empty, missing or blank."""
    rows, bad_numbers = _rows_with_bad(docs)
    pd.DataFrame(rows).to_parquet(path, index=False)
    return Built(path, [d["id"] for d in docs], len(rows), [f"{path}:row {n}" for n in bad_numbers])


def make_frame(docs: list[dict]) -> Built:
    """A DataFrame for ``Corpus.from_frame``: ``docs`` plus rows without text."""
    rows, bad_numbers = _rows_with_bad(docs)
    frame = pd.DataFrame(rows)
    return Built(Path("<frame>"), [d["id"] for d in docs], len(rows),
                 [f"<frame>:row {n}" for n in bad_numbers], frame=frame)


def write_folder(folder: Path, docs: list[dict]) -> Built:
    """A folder of ``.txt`` files with ``metadata.csv``, plus an empty, a blank, a binary and a non-UTF-8 file.

    The good files are named by document id, so the id of each document is
    its file's stem; the metadata gives outlet, date and language.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for d in docs:
        (folder / f"{d['id']}.txt").write_text(f"{d['title']}\n\n{d['text']}\n", encoding="utf-8")
    bad = {
        "empty.txt": b"",
        "blank.txt": b"  \n\n \t \n",
        "binary.txt": bytes(range(256)) * 8,
        "latin1.txt": "The minister said caf\u00e9 prices rose.".encode("latin-1"),
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "outlet", "date", "lang"])
        for d in docs:
            w.writerow([f"{d['id']}.txt", d["outlet"], d["date"], d["lang"]])
    (folder / "README.md").write_text("not a document\n", encoding="utf-8")  # ignored by design, not an input
    return Built(folder, [d["id"] for d in docs], len(docs) + len(bad),
                 [str(folder / name) for name in sorted(bad)])


#: reader name -> builder(tmp_path, docs) -> Built
def build(kind: str, tmp_path: Path, docs: list[dict]) -> Built:
    """The corpus of one reader kind (``folder, jsonl, jsonl.gz, csv, tsv, parquet, frame``) in ``tmp_path``."""
    if kind == "folder":
        return write_folder(tmp_path / "news", docs)
    if kind == "jsonl":
        return write_jsonl(tmp_path / "news.jsonl", docs)
    if kind == "jsonl.gz":
        return write_jsonl(tmp_path / "news.jsonl.gz", docs, gz=True)
    if kind == "csv":
        return write_delimited(tmp_path / "news.csv", docs)
    if kind == "tsv":
        return write_delimited(tmp_path / "news.tsv", docs, delimiter="\t")
    if kind == "parquet":
        return write_parquet(tmp_path / "news.parquet", docs)
    if kind == "frame":
        return make_frame(docs)
    raise ValueError(kind)


KINDS = ("folder", "jsonl", "jsonl.gz", "csv", "tsv", "parquet", "frame")
