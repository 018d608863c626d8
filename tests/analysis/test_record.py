"""Tests for framing.analysis.record and the duplicates rule of the aggregates: what an analysis folder says of itself."""

from __future__ import annotations

import pandas as pd
from analysis_support import news_corpus, news_docs

from framing.corpus import Corpus

from framing.analysis.record import read_run_record
from framing.analysis.run import analyze, analyze_to
from framing.corpus.selection import Selection
from framing.stance.targets import Target, load_targets


def test_run_json_and_targets_yml_describe_the_run(tmp_path, registry):
    targets = [Target("Russia", {"en": ["Russia", "Moscow"], "ar": ["روسيا"]}, {"en": ["Russian roulette"]}),
               Target("Talks", {"en": ["the peace talks"]}, references={"en": ["the talks"]})]
    corpus = news_corpus()
    corpus.selection = Selection.parse(where=["outlet=Daily Wire"])
    analyze_to(corpus, tmp_path, registry=registry, targets=targets, n_boot=20, seed=4)
    record = read_run_record(tmp_path)
    assert record["corpus"] == "news"
    assert record["options"]["seed"] == 4 and record["options"]["keep_duplicates"] is False
    assert record["counts"]["selection"] == "outlet is Daily Wire" and record["counts"]["left_out"] == 5
    assert record["counts"]["documents"] == 9
    assert record["aggregate"]["n_boot"] == 20 and record["aggregate"]["duplicates"] == "left out"
    back = load_targets(tmp_path / "targets.yml")
    assert back == targets  # references too: the file reads back as the targets the run scored
    # the news stance model's figures on coded speakers, for the run's one target
    quality = record["stance_quality"]
    assert [t["target"] for t in quality["targets"]] == ["Russia", "Talks"]
    russia = quality["targets"][0]
    assert russia["measured"] and russia["pairs"] >= russia["labelled"] >= russia["side_right"] >= 0
    assert 0 <= russia["side_majority"] <= 1 and quality["method"].startswith("stance.news")


def test_run_json_has_no_stance_figures_for_the_cue_rules(tmp_path, registry):
    analyze_to(news_corpus(), tmp_path, registry=registry, n_boot=10, stance_method="cues")
    assert "stance_quality" not in read_run_record(tmp_path)


def _with_repeats() -> Corpus:
    docs = news_docs()
    # the same story again, under other ids (a wire story two outlets carry)
    repeats = [dict(d, id=f"again-{d['id']}") for d in docs[:3]]
    return Corpus.from_frame(pd.DataFrame(docs + repeats), name="news")


def test_duplicates_are_left_out_of_the_aggregates_unless_kept(tmp_path, registry):
    docs = analyze(_with_repeats(), registry=registry, n_boot=10)
    dup_ids = set(docs["documents"].loc[docs["documents"]["duplicate_of"].notna(), "doc_id"])
    assert dup_ids
    dup_utterances = docs["utterances"]["doc_id"].isin(dup_ids).sum()
    assert dup_utterances > 0
    kept = analyze(_with_repeats(), registry=registry, n_boot=10, keep_duplicates=True)
    assert docs["speakers"]["n_utterances"].sum() == kept["speakers"]["n_utterances"].sum() - dup_utterances
    assert len(docs["utterances"]) == len(kept["utterances"])  # the rows themselves stay
    # the streamed run follows the same rule
    analyze_to(_with_repeats(), tmp_path, registry=registry, n_boot=10)
    streamed = pd.read_parquet(tmp_path / "speakers.parquet")
    assert streamed["n_utterances"].sum() == docs["speakers"]["n_utterances"].sum()
    assert read_run_record(tmp_path)["counts"]["duplicate_documents"] == len(dup_ids)
