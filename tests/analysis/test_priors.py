"""Tests for framing.analysis.priors: a run's stance priors, estimated once from a sample of its corpus."""

import json

import pandas as pd
import pytest

from framing.analysis.priors import sample_documents
from framing.analysis.run import analyze_to
from framing.corpus.documents import Corpus
from framing.stance.targets import Target


def test_the_sample_is_the_same_whatever_the_corpus_order():
    docs = [{"doc_id": f"d{i}", "text": str(i)} for i in range(50)]
    first = [d["doc_id"] for d in sample_documents(docs, 7)]
    assert len(first) == 7 and len(set(first)) == 7
    assert [d["doc_id"] for d in sample_documents(docs[::-1], 7)] == first
    assert [d["doc_id"] for d in sample_documents(docs, 100)] == [d["doc_id"] for d in sample_documents(docs[::-1], 100)]


TARGETS = [Target("Qxyz", {"ar": ["قزيز"]})]  # a target the shipped model was not trained on
DOCS = [{"doc_id": f"d{i}", "outlet": "o", "date": "2015-01-0" + str(1 + i % 9),
         "text": f"عنوان الخبر {i}\nوقال الوزير سالم {i} إننا ندين قزيز ونرفض إرهاب قزيز.\n"
                 f"وأضاف المتحدث خالد {i} أن اللقاء مع قزيز كان أمس."} for i in range(8)]


def _run(tmp_path, name, **options):
    out = tmp_path / name
    analyze_to(Corpus.from_frame(pd.DataFrame(DOCS)), out, targets=TARGETS, n_boot=20, **options)
    measures = pd.read_parquet(out / "measures.parquet").sort_values("utterance_id").reset_index(drop=True)
    return measures, json.loads((out / "run.json").read_text(encoding="utf-8"))


def test_a_run_reads_a_new_target_with_one_balance_whatever_its_batches(tmp_path):
    one, record = _run(tmp_path, "one", batch_size=1)
    many, again = _run(tmp_path, "many", batch_size=50)
    pd.testing.assert_frame_equal(one, many)
    balance = record["stance_priors"]["Qxyz"]
    assert balance == again["stance_priors"]["Qxyz"] and balance["candidates"] >= 8
    assert balance["against"] > balance["favor"]
    without, plain = _run(tmp_path, "without", stance_priors=False)
    assert "stance_priors" not in plain
    assert not without["stance_qxyz"].equals(one["stance_qxyz"])  # the balance moves the scores


def test_the_sample_keeps_to_its_characters_as_the_same_run_of_the_hash_order():
    docs = [{"doc_id": f"d{i}", "text": "x" * (10 * (i % 7 + 1))} for i in range(60)]
    for order in (docs, docs[::-1], docs[1::2] + docs[::2]):
        chosen = sample_documents(order, 40, chars=300)
        assert sum(len(d["text"]) for d in chosen) <= 300
        assert [d["doc_id"] for d in chosen] == [d["doc_id"] for d in sample_documents(docs, 40, chars=300)]
    whole = sample_documents(docs, 60, chars=10 ** 6)
    assert [d["doc_id"] for d in chosen] == [d["doc_id"] for d in whole[:len(chosen)]]  # a run of the hash order


def test_a_corpus_read_once_gets_no_priors_and_keeps_its_documents():
    from framing.analysis.priors import reads_again

    assert reads_again([1, 2]) and not reads_again(iter([1, 2])) and not reads_again(d for d in [1])


def test_a_corpus_that_reads_otherwise_the_second_time_fails_the_run(tmp_path):
    from framing.errors import RunError

    class Shrinking:
        """A source that gives fewer documents on each pass (a pipe, a file being rewritten)."""

        def __init__(self, docs):
            self.docs, self.name = docs, "shrinking"

        def __iter__(self):
            docs, self.docs = self.docs, self.docs[:-2]
            yield from docs

    corpus = Corpus.from_frame(pd.DataFrame(DOCS))
    with pytest.raises(RunError, match="sampled it for the stance priors read 8 documents and the analysis 6"):
        analyze_to(Shrinking(list(corpus)), tmp_path / "out", targets=TARGETS, n_boot=0)


def test_the_sampling_passes_have_bars_of_their_own(tmp_path):
    seen = []

    def labelled(docs, desc="analyze"):
        seen.append(desc)
        return docs

    analyze_to(Corpus.from_frame(pd.DataFrame(DOCS)), tmp_path / "a", targets=TARGETS, n_boot=0, progress=labelled)
    assert seen[:2] == ["stance priors, reading", "stance priors, attributing"] and "analyze" in seen
    plain = []  # a caller's own callable, without a label, wraps the documents analysed and no other pass
    analyze_to(Corpus.from_frame(pd.DataFrame(DOCS)), tmp_path / "b", targets=TARGETS, n_boot=0,
               progress=lambda docs: plain.append(1) or docs)
    assert len(plain) == 1


def test_a_corpus_in_the_languages_every_target_was_learned_in_needs_no_balances():
    from framing.analysis.priors import corpus_side_priors
    from framing.analysis.stage import BatchStage
    from framing.attribution.actors import Registry

    iran = [Target("Iran", {"ar": ["إيران"], "en": ["Iran"]})]  # a target the shipped model learned, from Arabic
    arabic = [{"doc_id": f"a{i}", "lang": "ar", "text": f"وقال الوزير {i} إننا ندين إيران."} for i in range(4)]
    stage = BatchStage(registry=Registry.load(), targets=iran)
    assert corpus_side_priors(arabic, stage) == (None, 4)
    english = arabic + [{"doc_id": "e1", "lang": "en", "text": "The minister said: \"We condemn Iran.\""}]
    priors, read = corpus_side_priors(english, stage)
    assert read == 5 and set(priors) == {"Iran"} and priors["Iran"]["candidates"] >= 1


def test_a_given_balance_replaces_the_estimated_one_and_is_recorded(tmp_path):
    given = {"Qxyz": {"favor": 40, "against": 1, "neutral": 4}}
    measures, record = _run(tmp_path, "given", stance_balances=given)
    balance = record["stance_priors"]["Qxyz"]
    assert balance["given"] == "stance_balances" and balance["candidates"] == 45 and balance["favor"] > 0.8
    estimated, _ = _run(tmp_path, "estimated")
    assert (measures["stance_qxyz"].fillna(0) >= estimated["stance_qxyz"].fillna(0)).all()
    assert not measures["stance_qxyz"].equals(estimated["stance_qxyz"])
    # without estimating any, the given balance is still read
    alone, plain = _run(tmp_path, "alone", stance_priors=False, stance_balances=given)
    assert plain["stance_priors"] == record["stance_priors"] and alone.equals(measures)


def test_balances_are_refused_before_any_work_where_they_cannot_be_read(tmp_path):
    from framing.errors import FramingError, InputError

    with pytest.raises(InputError, match="'Qxzy' is no target of this run; did you mean 'Qxyz'"):
        _run(tmp_path, "typo", stance_balances={"Qxzy": {"favor": 1, "against": 1, "neutral": 1}})
    with pytest.raises(FramingError, match="go with the news stance method, not the cue rules"):
        _run(tmp_path, "cues", stance_method="cues", stance_balances={"Qxyz": {"favor": 1, "against": 1, "neutral": 1}})
    assert not (tmp_path / "typo").exists() and not (tmp_path / "cues").exists()
