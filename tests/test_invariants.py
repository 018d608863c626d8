"""Invariants of the whole toolkit: nothing given is lost, and how a run is run does not change its tables.

1. Readers: for every input format, documents read + inputs rejected (each
   with its place and reason) = inputs given, and every good record is in
   the documents table.
2. Run paths: the progress bar, the number of workers, the engine, the
   batch size and a resume after ``kill -9`` give the very same tables
   (byte for byte) as a plain ``framing analyze``; a resume with other
   reader options is refused, not silently mixed.
3. Text layer: property-based checks (hypothesis) that normalization,
   paragraphs, sentences and tokens keep valid offsets into the original.
4. Empty corpora: exit 0, empty tables with their columns, and a manifest
   that says why there are no documents.

Fixture corpora are built by :mod:`invariants_support`.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
import invariants_support as support  # noqa: E402

from framing import text as T  # noqa: E402
from framing.cli import main  # noqa: E402
from framing.corpus.documents import DOCUMENT_COLUMNS, Corpus, read_corpus  # noqa: E402

TABLES = ("documents", "utterances", "measures", "speakers")
N_RUN_DOCS = 60


# --- helpers ------------------------------------------------------------------

def problem_place(problem) -> str:
    """``source:place`` of a manifest problem (just ``source`` for a whole file)."""
    return f"{problem.source}:{problem.place}" if problem.place else problem.source


def open_built(built: support.Built) -> Corpus:
    """The corpus a test reads: a DataFrame's or a path's, named as the builder wrote it."""
    if built.frame is not None:
        return Corpus.from_frame(built.frame)
    return read_corpus(str(built.path))


def cli(capsys, *args) -> tuple[int, str, str]:
    """Run ``framing ARGS`` in this process: exit status, stdout, stderr."""
    capsys.readouterr()
    try:
        rc = main([str(a) for a in args])
    except SystemExit as exc:  # argparse usage errors
        rc = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return rc, out, err


def csv_rows(path: Path) -> int:
    """Data rows of a CSV table (records, not lines: texts may span lines)."""
    import pandas as pd

    return len(pd.read_csv(path, dtype=str, keep_default_na=False))


def header(path: Path) -> list[str]:
    """The column names of a CSV table written by framing."""
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    return [c.strip('"') for c in first.split(",")] if first else []


def assert_same_tables(out: Path, plain: Path, what: str) -> None:
    """Each table's CSV in ``out`` equals the plain run's, byte for byte (the message says where not)."""
    for name in TABLES:
        got, want = out / f"{name}.csv", plain / f"{name}.csv"
        assert got.is_file(), f"{what}: {name}.csv not written"
        a, b = got.read_bytes(), want.read_bytes()
        if a != b:
            la, lb = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
            first = next((i for i, (x, y) in enumerate(zip(la, lb)) if x != y), min(len(la), len(lb)))
            pytest.fail(f"{what}: {name}.csv differs from the plain run's ({len(la)} vs {len(lb)} lines; "
                        f"first difference at line {first + 1})")


def manifest_of(out: Path) -> dict:
    path = out / "manifest.json"
    assert path.is_file(), f"no manifest.json in {out}"
    return json.loads(path.read_text(encoding="utf-8"))


def rejected(summary: dict) -> int:
    """Documents rejected with a reason: ``rejected`` where the manifest counts it, else every skip."""
    return summary.get("rejected", summary["skipped"])


def explanations(manifest: dict) -> list[str]:
    """What a manifest says in words, besides the corpus path: skip reasons, warnings, notes."""
    said = list(manifest.get("skip_reasons") or {})

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and value.strip() and key not in ("path", "source", "place"):
            said.append(value)

    walk(manifest)
    return said


# --- 1. readers: read + rejected = given ---------------------------------------

@pytest.mark.parametrize("kind", support.KINDS)
def test_reader_accounts_for_every_input(kind, tmp_path):
    """Every file, line or row given is either a document or a skip with its place and reason."""
    built = support.build(kind, tmp_path, support.good_documents(12))
    corpus = open_built(built)
    docs = corpus.documents(include_text=False)
    summary = corpus.manifest.summary()
    assert summary["complete"], "a full pass must be marked complete"
    assert summary["read"] + rejected(summary) == built.inputs, (
        f"{kind}: {summary['read']} read + {rejected(summary)} rejected != {built.inputs} inputs given "
        f"({[str(p) for p in corpus.manifest.skipped]})")
    assert summary.get("given", built.inputs) == built.inputs
    assert len(docs) == summary["read"]
    missing = set(built.good_ids) - set(docs["doc_id"])
    assert not missing, f"{kind}: good records missing from the documents table: {sorted(missing)}"
    assert sorted(problem_place(p) for p in corpus.manifest.skipped) == sorted(built.bad_places)
    assert all(p.reason.strip() for p in corpus.manifest.skipped)


@pytest.mark.parametrize("kind", support.KINDS)
def test_reader_passes_are_repeatable(kind, tmp_path):
    """A second pass over the same corpus reads the same documents and records the same skips."""
    built = support.build(kind, tmp_path, support.good_documents(6))
    corpus = open_built(built)
    first = [d["doc_id"] for d in corpus]
    first_skips = [str(p) for p in corpus.manifest.skipped]
    assert [d["doc_id"] for d in corpus] == first
    assert [str(p) for p in corpus.manifest.skipped] == first_skips


@pytest.mark.parametrize("kind", [
    "jsonl", "csv",
    pytest.param("folder", marks=pytest.mark.slow), pytest.param("jsonl.gz", marks=pytest.mark.slow),
    pytest.param("tsv", marks=pytest.mark.slow), pytest.param("parquet", marks=pytest.mark.slow),
])
def test_analyze_accounts_for_every_input(kind, tmp_path, capsys):
    """framing analyze: manifest.json's read + skipped = inputs, and documents.csv has every document read."""
    built = support.build(kind, tmp_path, support.good_documents(10))
    out = tmp_path / "out"
    rc, _, err = cli(capsys, "analyze", built.path, "--out", out)
    assert rc == 0, err
    manifest = manifest_of(out)
    assert manifest["read"] + rejected(manifest) == built.inputs
    assert manifest.get("given", built.inputs) == built.inputs
    assert csv_rows(out / "documents.csv") == manifest["read"] == len(built.good_ids)


# --- 2. run paths do not change the tables -----------------------------------------

@pytest.fixture(scope="module")
def run_corpus(tmp_path_factory) -> support.Built:
    """60 good documents (Arabic and English, some without outlet or language) and 5 bad lines, as JSONL."""
    folder = tmp_path_factory.mktemp("run_corpus")
    docs = support.without_some_metadata(support.good_documents(N_RUN_DOCS))
    return support.write_jsonl(folder / "news.jsonl", docs)


@pytest.fixture(scope="module")
def plain_run(run_corpus, tmp_path_factory) -> Path:
    """``framing analyze PATH --out DIR`` with no run options: the reference tables."""
    out = tmp_path_factory.mktemp("plain") / "out"
    assert main(["analyze", str(run_corpus.path), "--out", str(out)]) == 0
    assert csv_rows(out / "documents.csv") == N_RUN_DOCS, "the plain run itself lost documents"
    assert csv_rows(out / "utterances.csv") > N_RUN_DOCS, "the run corpus should give utterances"
    return out


_SLOW = pytest.mark.slow
RUN_OPTIONS = [
    pytest.param(["--progress"], id="progress"),
    pytest.param(["--progress", "--batch-size", "10"], id="progress-batch10"),
    pytest.param(["--workers", "1"], id="workers1"),
    pytest.param(["--batch-size", "50"], id="batch50"),
    pytest.param(["--batch-size", "1000"], id="batch1000"),
    pytest.param(["--batch-size", "1"], id="batch1", marks=_SLOW),
    pytest.param(["--workers", "2"], id="workers2", marks=_SLOW),
    pytest.param(["--workers", "2", "--batch-size", "7", "--progress"], id="workers2-batch7-progress", marks=_SLOW),
    pytest.param(["--engine", "dask", "--workers", "2"], id="dask2", marks=_SLOW),
    pytest.param(["--engine", "dask", "--workers", "2", "--batch-size", "9"], id="dask2-batch9", marks=_SLOW),
]


@pytest.mark.parametrize("options", RUN_OPTIONS)
def test_run_options_do_not_change_the_tables(options, run_corpus, plain_run, tmp_path, capsys):
    """framing analyze with OPTIONS reads all 60 documents and writes the plain run's tables."""
    out = tmp_path / "out"
    rc, stdout, err = cli(capsys, "analyze", run_corpus.path, "--out", out, *options)
    assert rc == 0, err
    assert csv_rows(out / "documents.csv") == N_RUN_DOCS, f"{options}: documents lost"
    assert f"{N_RUN_DOCS} documents" in stdout
    assert manifest_of(out)["read"] == N_RUN_DOCS
    assert_same_tables(out, plain_run, " ".join(options))


@pytest.mark.parametrize("batch_size", [10, 1000])
def test_analyze_to_with_a_progress_bar_reads_everything(batch_size, run_corpus, plain_run, tmp_path):
    """analyze_to with a tqdm progress wrapper: every document, and the plain run's tables."""
    from tqdm import tqdm

    from framing.analysis.run import analyze_to

    summary = analyze_to(read_corpus(str(run_corpus.path)), tmp_path, batch_size=batch_size,
                         progress=lambda it: tqdm(it, disable=False, file=sys.stderr))
    assert summary["documents"] == N_RUN_DOCS
    assert summary["batches"] == -(-N_RUN_DOCS // batch_size)
    assert_same_tables(tmp_path, plain_run, f"analyze_to(progress, batch_size={batch_size})")


def test_analyze_to_without_progress_matches_the_cli(run_corpus, plain_run, tmp_path):
    """The Python API and the command line write the same tables."""
    from framing.analysis.run import analyze_to

    summary = analyze_to(read_corpus(str(run_corpus.path)), tmp_path, batch_size=25, workers=1)
    assert summary["documents"] == N_RUN_DOCS
    assert_same_tables(tmp_path, plain_run, "analyze_to(batch_size=25)")


# --- resume after kill -9 ---

KILL_BATCH_SIZE = 2


@dataclass
class KilledRun:
    out: Path
    args: list[str]  # the command's arguments after "framing"
    kill_at: int  # batches recorded when the kill was sent
    done: int  # batches recorded after the process died


def batches_recorded(log: Path) -> int:
    """Complete batch lines in a progress log (its first line holds the settings)."""
    try:
        text = log.read_text(encoding="utf-8")
    except FileNotFoundError:
        return 0
    return sum(1 for line in text.splitlines(keepends=True) if line.endswith("\n") and '"batch"' in line)


@pytest.fixture(scope="module")
def killed_run(run_corpus, tmp_path_factory) -> KilledRun:
    """A ``framing analyze`` subprocess killed with SIGKILL after a random number k >= 1 of batches.

    k is drawn at random (set ``FRAMING_TEST_KILL_AT`` to repeat one); it is in every failure message.
    """
    k = int(os.environ.get("FRAMING_TEST_KILL_AT") or random.randint(1, 8))
    out = tmp_path_factory.mktemp("killed") / "out"
    args = ["analyze", str(run_corpus.path), "--out", str(out), "--batch-size", str(KILL_BATCH_SIZE)]
    log = out / "parts" / "progress.jsonl"
    with open(out.parent / "stderr.txt", "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "framing", *args], stdout=subprocess.DEVNULL, stderr=err,
                                cwd=out.parent)
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if batches_recorded(log) >= k:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)
        else:
            if proc.poll() is None:
                proc.kill()
        proc.wait()
    if proc.returncode != -signal.SIGKILL:
        pytest.fail(f"the run was not killed at batch {k} (exit status {proc.returncode}): "
                    + (out.parent / "stderr.txt").read_text(errors="replace")[-2000:])
    done = batches_recorded(log)
    assert 1 <= k <= done < -(-N_RUN_DOCS // KILL_BATCH_SIZE), f"killed after {done} batches (k={k})"
    return KilledRun(out, args, k, done)


def copy_of(killed: KilledRun, tmp_path: Path) -> tuple[Path, list[str]]:
    """A private copy of the killed run's --out folder, and its command with --out pointing there."""
    out = tmp_path / "out"
    shutil.copytree(killed.out, out)
    args = list(killed.args)
    args[args.index("--out") + 1] = str(out)
    return out, args


@pytest.mark.slow
def test_resume_after_kill_gives_the_plain_tables(killed_run, plain_run, tmp_path, capsys):
    """Rerunning the killed command resumes the written batches and writes exactly the plain run's tables."""
    out, args = copy_of(killed_run, tmp_path)
    rc, stdout, err = cli(capsys, *args)
    assert rc == 0, f"(killed at batch {killed_run.kill_at}) {err}"
    assert f"resumed: {killed_run.done} of" in stdout, f"(killed at batch {killed_run.kill_at}) no resume: {stdout}"
    assert csv_rows(out / "documents.csv") == N_RUN_DOCS
    assert_same_tables(out, plain_run, f"resume after kill -9 at batch {killed_run.kill_at}")


@pytest.mark.slow
@pytest.mark.parametrize("extra", [
    pytest.param(["--lang", "en"], id="lang"),
    pytest.param(["--outlet", "Other Outlet"], id="outlet"),
    pytest.param(["--limit", str(N_RUN_DOCS - 1)], id="limit"),
    pytest.param(["--text-col", "title"], id="text-col"),
])
def test_resume_with_other_reader_options_is_refused(extra, killed_run, tmp_path, capsys):
    """A rerun after a kill with other reader options must stop with a message, not mix two corpora."""
    out, args = copy_of(killed_run, tmp_path)
    rc, stdout, err = cli(capsys, *args, *extra)
    assert rc in (1, 2), (f"rerun with {extra} after a kill at batch {killed_run.kill_at} was not refused "
                          f"(exit {rc}): {stdout.strip()}")
    assert err.strip(), "a refusal must say why"
    assert "Traceback" not in err


# --- 3. text layer: properties -------------------------------------------------------

SPECIAL = (
    list("قال الوزير إن المحادثات فشلت") + list("أإآٱةىیکە") + sorted(T.ARABIC_DIACRITICS)[:12]
    + [T.TATWEEL, "\x00", "\r", "\n", "\r\n", "\t", " ", "\u00a0", "\u2028", "\x85", "\x0b", "\x1c"]
    + ["\u200e", "\u200f", "\u202b", "\u202c", "\u061c", "\u200b", "\ufeff", "\u00ad"]
    + list('.!?؟،"«»“”\'’') + ["٣", "۴", "Mr.", "U.S.", "e.g.", " a. ", "3.5"]
)
SPECIAL_CHARS = [c for c in SPECIAL if len(c) == 1]
TEXT = st.text(st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(SPECIAL_CHARS)), max_size=120)
TEXT_PIECES = st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=3)), max_size=60).map("".join)
ANY_TEXT = st.one_of(TEXT, TEXT_PIECES.filter(lambda s: not any("\ud800" <= c <= "\udfff" for c in s)))
PROPS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DROPPABLE = T.INVISIBLE | T.ARABIC_DIACRITICS | {T.TATWEEL}


def assert_spans_ok(spans, lo: int, hi: int, what: str) -> None:
    """Spans lie in ``[lo, hi]``, are non-empty, in order and do not overlap."""
    prev = lo
    for a, b in spans:
        assert lo <= a < b <= hi, f"{what}: span {(a, b)} outside [{lo}, {hi}] or empty"
        assert a >= prev, f"{what}: span {(a, b)} overlaps or precedes the one before (ends at {prev})"
        prev = b


def uncovered(text: str, spans, lo: int = 0, hi: int | None = None) -> list[int]:
    """Positions in ``text[lo:hi]`` of visible characters that no span covers."""
    hi = len(text) if hi is None else hi
    covered = bytearray(len(text))
    for a, b in spans:
        covered[a:b] = b"\x01" * (b - a)
    return [i for i in range(lo, hi)
            if not covered[i] and not text[i].isspace() and text[i] not in T.INVISIBLE]


@PROPS
@given(ANY_TEXT, st.booleans(), st.booleans())
def test_normalize_offsets_map_back_to_the_original(text, fold_arabic, collapse_space):
    """Normalized: one offset per character plus the end, strictly increasing, each from its original character."""
    n = T.normalize(text, fold_arabic=fold_arabic, collapse_space=collapse_space)
    offs = list(n.offsets)
    assert len(offs) == len(n.text) + 1 and offs[-1] == len(text)
    assert all(x < y for x, y in zip(offs, offs[1:])), "offsets must increase strictly"
    table = T._FOLD_TABLE if fold_arabic else T._QUOTE_TABLE
    for i, ch in enumerate(n.text):
        orig = text[offs[i]]
        assert orig.translate(table) == ch or (collapse_space and ch == " " and orig.isspace()), (
            f"normalized {ch!r} at {i} does not come from original {orig!r} at {offs[i]}")
    kept = set(offs[:-1])
    dropped = [text[j] for j in range(len(text)) if j not in kept]
    allowed = DROPPABLE if fold_arabic else T.INVISIBLE
    assert all(c in allowed or (collapse_space and c.isspace()) for c in dropped), (
        f"normalize dropped visible characters {[c for c in dropped if c not in allowed and not c.isspace()]}")


@PROPS
@given(ANY_TEXT, st.data())
def test_normalized_span_stays_in_the_original(text, data):
    """Normalized.span maps any span to an in-bounds original span covering its characters."""
    n = T.normalize(text)
    start = data.draw(st.integers(0, len(n.text)))
    end = data.draw(st.integers(start, len(n.text)))
    a, b = n.span(start, end)
    assert 0 <= a <= b <= len(text)
    assert all(a <= n.offsets[i] < b for i in range(start, end))


@PROPS
@given(ANY_TEXT)
@example("a \u064e b")  # a dropped mark between two spaces
def test_fold_text_agrees_with_normalize(text):
    """fold_text makes "the same folds" as normalize (its docstring): equal to normalize(...).text.strip()."""
    assert T.fold_text(text) == T.normalize(text).text.strip()


@PROPS
@given(ANY_TEXT)
def test_paragraph_spans_cover_every_visible_character(text):
    """Paragraphs: in bounds, ordered, one line each, stripped, and together they cover all visible text."""
    spans = T.paragraph_spans(text)
    assert_spans_ok(spans, 0, len(text), "paragraph_spans")
    for a, b in spans:
        par = text[a:b]
        assert "\n" not in par and "\r" not in par, f"paragraph {(a, b)} spans a line break"
        assert par == par.strip(), f"paragraph {(a, b)} not stripped: {par!r}"
    assert not uncovered(text, spans), f"characters outside every paragraph: {uncovered(text, spans)}"


@PROPS
@given(ANY_TEXT)
def test_sentence_spans_cover_each_paragraph(text):
    """Sentences of each paragraph: inside it, ordered, stripped, and covering all its visible text."""
    for pa, pb in T.paragraph_spans(text):
        spans = T.sentence_spans(text, pa, pb)
        assert_spans_ok(spans, pa, pb, f"sentence_spans in paragraph {(pa, pb)}")
        for a, b in spans:
            assert text[a:b] == text[a:b].strip()
        assert not uncovered(text, spans, pa, pb), f"characters outside every sentence: {uncovered(text, spans, pa, pb)}"


@PROPS
@given(ANY_TEXT)
def test_sentence_spans_of_a_whole_text(text):
    """sentence_spans over a whole text: in bounds, ordered, covering all visible characters."""
    spans = T.sentence_spans(text)
    assert_spans_ok(spans, 0, len(text), "sentence_spans")
    assert not uncovered(text, spans)


@PROPS
@given(ANY_TEXT, st.data())
def test_token_spans_are_tokens_of_the_original(text, data):
    """Tokens: inside [start, end), ordered, each a whole match of TOKEN_RE; tokenize gives the same strings."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    spans = T.token_spans(text, start, end)
    assert_spans_ok(spans, start, end, "token_spans")
    assert all(T.TOKEN_RE.fullmatch(text[a:b]) for a, b in spans)
    assert T.tokenize(text) == [text[a:b] for a, b in T.token_spans(text)]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@PROPS
@given(ANY_TEXT)
def test_strip_controls_counts_what_it_removes(text):
    """strip_controls removes exactly the control characters (not tab or newlines) and counts them."""
    cleaned, n = T.strip_controls(text)
    assert len(cleaned) + n == len(text)
    assert cleaned == "".join(c for c in text if not _CONTROL.match(c))
    assert "\t" not in text or "\t" in cleaned


# --- 4. empty corpora ---------------------------------------------------------------

def _empty_jsonl(tmp_path: Path) -> tuple[Path, list[str]]:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    return tmp_path / "empty.jsonl", []


def _header_only_csv(tmp_path: Path) -> tuple[Path, list[str]]:
    (tmp_path / "header.csv").write_text("id,title,text,outlet,date\n", encoding="utf-8")
    return tmp_path / "header.csv", []


def _empty_folder(tmp_path: Path) -> tuple[Path, list[str]]:
    (tmp_path / "news").mkdir()
    return tmp_path / "news", []


EMPTY_CORPORA = {"empty-jsonl": _empty_jsonl, "header-only-csv": _header_only_csv, "empty-folder": _empty_folder}


@pytest.mark.parametrize("case", [*EMPTY_CORPORA, "limit-0"])
def test_empty_corpus_gives_empty_tables_and_says_why(case, run_corpus, plain_run, tmp_path, capsys):
    """No documents: exit 0, every table written with its columns and no rows, and a manifest saying why."""
    if case == "limit-0":
        path, extra = run_corpus.path, ["--limit", "0"]
    else:
        path, extra = EMPTY_CORPORA[case](tmp_path)
    out = tmp_path / "out"
    rc, stdout, err = cli(capsys, "analyze", path, "--out", out, *extra)
    assert rc == 0, f"{case}: exit {rc}: {err.strip()[-500:]}"
    for name in TABLES:
        assert (out / f"{name}.csv").is_file(), f"{case}: {name}.csv not written"
        assert csv_rows(out / f"{name}.csv") == 0
    assert set(DOCUMENT_COLUMNS) - {"text"} <= set(header(out / "documents.csv"))
    for name in ("utterances", "measures", "speakers"):
        assert header(out / f"{name}.csv") == header(plain_run / f"{name}.csv"), f"{case}: {name} columns"
    manifest = manifest_of(out)
    assert manifest["read"] == 0
    assert explanations(manifest), f"{case}: manifest.json does not say why there are no documents: {manifest}"
