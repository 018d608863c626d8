"""The whole analysis, in memory and streamed to disk: same tables, resumable runs, flat memory.

The documents are short Arabic and English news items written for these
tests: two outlets, two months, reporting verbs in both languages, so that
every table (utterances, measures, speakers, outlets, periods) has rows.
"""

from __future__ import annotations

import gc
import json

import pandas as pd
import pytest
from analysis_support import (
    assert_same_output,
    news_corpus,
    news_docs,
)

import framing.analysis.run as analysis
import framing.analysis.stage as stage
from framing.analysis.run import analyze, analyze_to
from framing.analysis.store import PARTS, PROGRESS
from framing.corpus.documents import Corpus
from framing.errors import InputError


def test_the_test_corpus_fills_every_table(in_memory):
    tables, _ = in_memory
    assert len(tables["documents"]) == 14
    assert tables["utterances"]["lang"].nunique() == 2 and len(tables["utterances"]) >= 20
    assert set(tables["outlets"]["outlet"]) == {"Daily Wire", "Gulf Times"}
    assert list(tables["periods"]["period"]) == ["2022-01", "2022-02"]
    assert (tables["speakers"]["n_utterances"] > 1).any()


def test_streamed_run_writes_the_same_tables_as_the_in_memory_one(in_memory, registry, tmp_path):
    _, expected = in_memory
    summary = analyze_to(news_corpus(), tmp_path, registry=registry, n_boot=50, batch_size=4)
    assert summary["batches"] == 4 and summary["resumed"] == 0
    assert summary["documents"] == 14 and summary["utterances"] == len(pd.read_parquet(tmp_path / "utterances.parquet"))
    assert_same_output(tmp_path, expected)
    assert not (tmp_path / PARTS).exists()  # joined, then removed
    assert json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["read"] == 14


def test_two_worker_processes_give_the_same_tables(in_memory, registry, tmp_path):
    _, expected = in_memory
    analyze_to(news_corpus(), tmp_path, registry=registry, n_boot=50, batch_size=4, workers=2)
    assert_same_output(tmp_path, expected)


def test_keep_parts_leaves_one_parquet_file_per_batch(registry, tmp_path):
    analyze_to(news_corpus(), tmp_path, registry=registry, n_boot=0, batch_size=5, keep_parts=True)
    parts = sorted((tmp_path / PARTS / "utterances").glob("part-*.parquet"))
    assert [p.name for p in parts] == ["part-000000.parquet", "part-000001.parquet", "part-000002.parquet"]
    joined = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(joined, pd.read_parquet(tmp_path / "utterances.parquet"))
    docs = pd.read_parquet(tmp_path / PARTS / "documents" / "part-000002.parquet")
    assert list(docs["doc_id"]) == ["n010", "n011", "n012", "n013"]


class Interrupted(Exception):
    pass


class interrupting:
    """The corpus' documents, failing when document number ``after`` is requested in the pass that reads the
    batches (a crash mid-run): the run reads a sample of the corpus first, for its stance priors.

    It carries the corpus' reader options, as the same corpus read again would.
    """

    def __init__(self, corpus, after: int, sampled: bool = True):
        self.corpus, self.after, self.options = corpus, after, corpus.options
        self.passes = 0 if sampled else 1  # without stance priors (or a sample) the batches are the first pass

    def __iter__(self):
        self.passes += 1
        for i, doc in enumerate(self.corpus):
            if i == self.after and self.passes > 1:
                raise Interrupted(f"stopped before document {self.after}")
            yield doc


class CountingBatches:
    """The documents of every batch the run scores (not those of the sample read for its stance priors)."""

    def __init__(self, monkeypatch):
        self.docs = []
        real = stage.BatchStage.__call__

        def counted(this, docs):
            self.docs.extend(d["doc_id"] for d in docs)
            return real(this, docs)

        monkeypatch.setattr(stage.BatchStage, "__call__", counted)


def test_an_interrupted_run_resumes_without_redoing_written_batches(in_memory, registry, tmp_path, monkeypatch):
    _, expected = in_memory
    corpus = news_corpus()
    with pytest.raises(Interrupted):
        analyze_to(interrupting(corpus, after=9), tmp_path, registry=registry, n_boot=50, batch_size=4,
                   progress=lambda it: it)
    log = (tmp_path / PARTS / PROGRESS).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line).get("batch") for line in log[1:]] == [0, 1]  # documents 0-7; 8 was not finished
    counter = CountingBatches(monkeypatch)
    summary = analyze_to(corpus, tmp_path, registry=registry, n_boot=50, batch_size=4)
    assert summary["resumed"] == 2 and summary["batches"] == 4
    assert counter.docs == [f"n{i:03d}" for i in range(8, 14)]
    assert_same_output(tmp_path, expected)


def test_resuming_with_other_settings_is_refused_and_restart_discards(registry, tmp_path):
    with pytest.raises(Interrupted):
        analyze_to(interrupting(news_corpus(), after=6), tmp_path, registry=registry, n_boot=0, batch_size=4)
    with pytest.raises(InputError, match=r"other settings \(differing: batch_size\).*--restart"):
        analyze_to(news_corpus(), tmp_path, registry=registry, n_boot=0, batch_size=5)
    summary = analyze_to(news_corpus(), tmp_path, registry=registry, n_boot=0, batch_size=5, restart=True)
    assert summary["resumed"] == 0 and summary["documents"] == 14


@pytest.mark.parametrize("priors", [True, False])
def test_resuming_over_a_changed_corpus_is_refused(registry, tmp_path, priors):
    docs = news_docs()
    with pytest.raises(Interrupted):
        analyze_to(interrupting(Corpus.from_frame(pd.DataFrame(docs), name="news"), after=9, sampled=priors), tmp_path,
                   registry=registry, n_boot=0, batch_size=4, stance_priors=priors)
    docs[2]["text"] += " وقال الوزير إن الاجتماع انتهى مع الجانب الأوكراني."
    # the stance priors, estimated from the corpus before the batches, tell first; without them, the batches
    said = "a corpus that has changed since .*--restart" if priors else "batch 0 was written from other documents"
    with pytest.raises(InputError, match=said):
        analyze_to(Corpus.from_frame(pd.DataFrame(docs), name="news"), tmp_path, registry=registry, n_boot=0,
                   batch_size=4, stance_priors=priors)


@pytest.mark.parametrize("priors", [True, False])
def test_resuming_over_a_shorter_corpus_is_refused(registry, tmp_path, priors):
    with pytest.raises(Interrupted):
        analyze_to(interrupting(news_corpus(14), after=13, sampled=priors), tmp_path, registry=registry, n_boot=0,
                   batch_size=4, stance_priors=priors)
    said = "a corpus that has changed since" if priors else "batch 2 was written, but the corpus now has only 2 batches"
    with pytest.raises(InputError, match=said):
        analyze_to(news_corpus(8), tmp_path, registry=registry, n_boot=0, batch_size=4, stance_priors=priors)


def test_streaming_holds_one_batch_of_documents_at_a_time(registry, tmp_path, monkeypatch):
    """Documents read but not yet written never exceed a batch (one process): memory does not grow with the corpus."""
    read = written = 0
    most = 0

    def counted(corpus):
        nonlocal read, most
        for doc in corpus:
            read += 1
            most = max(most, read - written)
            yield doc

    real_record = analysis.PartStore.record

    def record(self, index, key, rows, **info):
        nonlocal written
        written += rows["documents"]
        return real_record(self, index, key, rows, **info)

    monkeypatch.setattr(analysis.PartStore, "record", record)
    analyze_to(counted(news_corpus(30)), tmp_path, registry=registry, n_boot=0, batch_size=3)
    assert written == 30
    # the batch being filled plus the first document of the next, which closes it
    assert most <= 3 + 1


def test_cli_resumes_and_keeps_parts(tmp_path, capsys):
    from framing.cli import main

    src = tmp_path / "news.jsonl"
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in news_docs(9)), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(src), "--out", str(out), "--batch-size", "4", "--n-boot", "0", "--keep-parts"]) == 0
    assert "9 documents" in capsys.readouterr().out
    assert len(list((out / PARTS / "measures").glob("*.parquet"))) == 3
    # a finished run kept with its parts: running again finds every batch written
    assert main(["analyze", str(src), "--out", str(out), "--batch-size", "4", "--n-boot", "0"]) == 0
    assert "resumed: 3 of 3 batches were already written" in capsys.readouterr().out
    assert not (out / PARTS).exists()
    assert main(["analyze", str(src), "--out", str(out), "--batch-size", "0"]) == 2
    err = capsys.readouterr().err
    assert "--batch-size" in err and "at least 1" in err


def test_cli_names_the_differing_setting(tmp_path, capsys):
    from framing.cli import main

    src = tmp_path / "news.jsonl"
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in news_docs(6)), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(src), "--out", str(out), "--batch-size", "4", "--n-boot", "0", "--keep-parts"]) == 0
    assert main(["analyze", str(src), "--out", str(out), "--n-boot", "0", "--stance-method", "cues"]) == 2
    assert "differing: batch_size, stance_method" in capsys.readouterr().err
    # the side goes with the cue rules only: said before any work
    assert main(["analyze", str(src), "--out", str(tmp_path / "x"), "--use-side"]) == 2
    assert "--use-side) goes with the cue rules: add --stance-method cues" in capsys.readouterr().err


# --- topic models at scale -------------------------------------------------------------

class LiveDoc(dict):
    """A document dict that counts how many of its kind are alive."""

    alive = 0
    most = 0

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        LiveDoc.alive += 1
        LiveDoc.most = max(LiveDoc.most, LiveDoc.alive)

    def __del__(self):
        LiveDoc.alive -= 1


class GeneratedCorpus:
    """A re-iterable corpus that makes each document when it is read and keeps none."""

    def __init__(self, n: int):
        self.n = n
        self.words = ("oil prices market inflation bank football match goal league coach hospital vaccine doctors "
                      "patients virus").split()

    def __iter__(self):
        for i in range(self.n):
            theme = self.words[5 * (i % 3):5 * (i % 3) + 5]
            text = " ".join(theme[(i + k) % 5] for k in range(12))
            yield LiveDoc(doc_id=f"g{i}", text=text, lang="en")


def test_topic_model_fitting_streams_without_holding_the_documents():
    from framing.topics.model import TopicModel

    gc.collect()
    LiveDoc.alive = LiveDoc.most = 0
    model = TopicModel(k=3, passes=2, iterations=20, no_below=2, no_above=0.9, seed=0, chunksize=50)
    model.fit(GeneratedCorpus(600))
    assert model.metadata_["training"]["n_documents"] == 600
    # gensim gets bags of words in chunks; the documents themselves are dropped as they are read
    assert LiveDoc.most <= 5


def test_topic_model_sample_streams_too():
    from framing.topics.model import TopicModel

    LiveDoc.alive = LiveDoc.most = 0
    model = TopicModel(k=3, passes=2, iterations=20, no_below=2, no_above=0.9, seed=3, sample=200).fit(
        GeneratedCorpus(600))
    sample = model.metadata_["training"]["sample"]
    assert sample["size"] == 200 and sample["population"] == 600 and sample["seed"] == 3
    assert LiveDoc.most <= 5


def test_a_corpus_without_utterances_gives_empty_tables(registry, tmp_path):
    corpus = Corpus.from_frame(pd.DataFrame({"id": ["a", "b"], "text": ["Rain is expected.", "Markets were calm."]}))
    summary = analyze_to(corpus, tmp_path, registry=registry, n_boot=10, batch_size=1)
    assert summary["documents"] == 2 and summary["utterances"] == 0
    expected = analyze(corpus, registry=registry, n_boot=10)
    for name in ("utterances", "speakers", "outlets", "periods"):
        table = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert len(table) == 0 and list(table.columns) == list(expected[name].columns), name


# --- nothing lost, nothing overwritten -------------------------------------------------------------


def _jsonl(path, docs):
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


def test_progress_bar_reads_every_batch(tmp_path, registry):
    """A tqdm bar around the documents once ended the run after two batches (islice on a non-iterator)."""
    from tqdm import tqdm

    summary = analyze_to(news_corpus(11), tmp_path / "out", registry=registry, batch_size=2, n_boot=0,
                         progress=lambda docs: tqdm(docs, disable=False, file=open(tmp_path / "bar", "w")))
    assert summary["documents"] == 11 and summary["batches"] == 6
    tables = analyze(news_corpus(11), registry=registry, batch_size=2, n_boot=0, progress=tqdm)
    assert len(tables["documents"]) == 11


def test_progress_counts_documents_analysed_not_read(tmp_path, registry):
    """With worker processes the reader runs batches ahead: the bar follows the analysis, not the reading."""
    out = tmp_path / "out"
    seen = []

    def progress(items):
        for item in items:
            # how many batches the run had recorded when this document was counted
            log = out / "parts" / "progress.jsonl"
            seen.append(len(log.read_text().splitlines()) - 1 if log.exists() else 0)  # after its settings line
            yield item

    summary = analyze_to(news_corpus(9), out, registry=registry, batch_size=3, n_boot=0, workers=2,
                         keep_parts=True, progress=progress)
    assert summary["documents"] == 9 and len(seen) == 10  # the wrapper is asked one item ahead
    assert seen[1] >= 1  # no document counted before its batch was written
    # a resumed run counts the batches an earlier run wrote, so the bar still ends at the corpus's size
    seen.clear()
    analyze_to(news_corpus(9), out, registry=registry, batch_size=3, n_boot=0, progress=progress)
    assert len(seen) == 10
    tables = analyze(news_corpus(9), registry=registry, batch_size=3, n_boot=0, progress=progress)
    assert len(tables["documents"]) == 9 and len(seen) == 20


def test_the_progress_wrapper_is_closed_when_a_run_fails(tmp_path, registry, monkeypatch):
    """A bar left open would keep the log lines redirected in a notebook after the error."""
    from framing.analysis.stage import BatchStage

    closed = []

    def progress(items):
        try:
            yield from items
        finally:
            closed.append(True)

    def fail(self, batch):
        raise OSError("the disk went away")

    monkeypatch.setattr(BatchStage, "__call__", fail)
    with pytest.raises(OSError) as raised:
        analyze_to(news_corpus(2), tmp_path / "out", registry=registry, batch_size=1, n_boot=0, progress=progress)
    assert raised.traceback and closed == [True]  # closed while the traceback still holds the run's frames


def test_cli_progress_reads_every_document(tmp_path, capsys):
    from framing.cli import main

    src = _jsonl(tmp_path / "news.jsonl", news_docs(7))
    assert main(["analyze", str(src), "--out", str(tmp_path / "o"), "--batch-size", "2", "--n-boot", "0",
                 "--progress"]) == 0
    assert "7 documents" in capsys.readouterr().out
    assert len(pd.read_parquet(tmp_path / "o" / "documents.parquet")) == 7


def test_partial_read_is_an_error(tmp_path, registry):
    """Tables from part of a corpus never pass for the whole: a pass that stops early fails the run."""
    from framing.errors import RunError

    corpus = news_corpus(6)

    class Stops:
        manifest, limit, name = corpus.manifest, None, "news"

        def __iter__(self):
            docs = iter(corpus)
            yield from [next(docs) for _ in range(3)]  # the stream ends without reaching its end

    with pytest.raises(RunError, match="before the end of the corpus"):
        analyze_to(Stops(), tmp_path / "out", registry=registry, batch_size=2, n_boot=0)


def test_empty_corpus_gives_empty_tables(tmp_path, capsys):
    from framing.cli import main

    src = tmp_path / "empty.jsonl"
    src.write_text("", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(src), "--out", str(out)]) == 0
    assert "0 documents" in capsys.readouterr().out
    for name in ("documents", "utterances", "measures", "speakers", "outlets", "periods"):
        table = pd.read_parquet(out / f"{name}.parquet")
        assert table.empty and len(table.columns) > 1, name
    assert "speaker_id" in pd.read_parquet(out / "utterances.parquet").columns
    assert (out / "manifest.json").is_file()
    assert main(["analyze", str(src), "--out", str(tmp_path / "out2"), "--limit", "0"]) == 0


def test_options_are_checked_before_any_work(tmp_path, registry):
    from framing.errors import FramingError

    read = []

    def corpus():
        read.append(1)
        yield from news_docs(2)

    for bad in ({"n_boot": -5}, {"seed": -1}, {"workers": 0}, {"batch_size": 0}, {"period": "X"},
                {"min_utterances": 1.5}):
        with pytest.raises(FramingError):
            analyze_to(corpus(), tmp_path / "out", registry=registry, **bad)
        with pytest.raises(FramingError):
            analyze(corpus(), registry=registry, **bad)
    assert not read and not (tmp_path / "out").exists()


def test_out_must_be_a_folder_of_our_own(tmp_path, capsys):
    from framing.cli import main

    src = _jsonl(tmp_path / "news.jsonl", news_docs(2))
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["analyze", str(src), "--out", str(mine), "--n-boot", "0"]) == 2
    assert "did not write" in capsys.readouterr().err
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]
    assert main(["analyze", str(src), "--out", str(src), "--n-boot", "0"]) == 2
    assert "is a file" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8").count("\n") == 2
    # a folder holding an earlier run is ours: rerunning into it works
    assert main(["analyze", str(src), "--out", str(tmp_path / "run"), "--n-boot", "0"]) == 0
    assert main(["analyze", str(src), "--out", str(tmp_path / "run"), "--n-boot", "0"]) == 0
    assert not (tmp_path / "run" / ".framing-analyze.lock").exists()


def test_second_run_into_the_same_folder_is_refused(tmp_path, capsys):
    from framing.analysis.store import RunLock
    from framing.cli import main

    src = _jsonl(tmp_path / "news.jsonl", news_docs(2))
    out = tmp_path / "out"
    with RunLock(out):
        assert main(["analyze", str(src), "--out", str(out), "--n-boot", "0"]) == 1
        assert "another framing analyze is writing there" in capsys.readouterr().err
        assert not (out / PARTS).exists()
    assert main(["analyze", str(src), "--out", str(out), "--n-boot", "0"]) == 0
def test_resume_with_other_reader_options_is_refused(tmp_path, capsys):
    """An unfinished run resumed with another --lang, --outlet or --limit would mix two analyses."""
    from framing.cli import main

    docs = [{k: v for k, v in d.items() if k not in ("lang", "outlet")} for d in news_docs(6)]
    src = _jsonl(tmp_path / "news.jsonl", docs)
    out = tmp_path / "out"
    base = ["analyze", str(src), "--out", str(out), "--batch-size", "2", "--n-boot", "0"]
    assert main(base + ["--keep-parts"]) == 0  # a run whose parts stay, as after an interrupt
    capsys.readouterr()
    for other in (["--lang", "en"], ["--outlet", "Gulf Times"], ["--limit", "4"], ["--title-col", "id"]):
        assert main(base + other) == 2, other
        assert "other settings" in capsys.readouterr().err
    assert main(base) == 0
    assert "resumed: 3 of 3" in capsys.readouterr().out
