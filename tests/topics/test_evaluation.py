"""Held-out evaluation: NPMI on documents the model did not see, diversity, baselines, the CLI command."""

from __future__ import annotations

import json

import numpy as np
import pytest
from gensim.corpora import Dictionary

from framing.errors import FramingError
from framing.topics.evaluation import diversity, evaluate, frequency_topics, heldout_terms, npmi
from framing.topics.model import TopicModel

from topics_support import EN_FILLER, EN_THEMES, SETTINGS, make_docs


@pytest.fixture(scope="module")
def docs():
    return make_docs(EN_THEMES, EN_FILLER, n_per_theme=40)


@pytest.fixture(scope="module")
def split_model(docs):
    return TopicModel(**SETTINGS, heldout_every=10).fit(docs)


def test_npmi_tells_words_that_go_together_from_words_that_never_meet():
    texts = [["oil", "crude", "price"], ["goal", "match", "league"]] * 5
    scores = npmi([["oil", "crude", "price"], ["oil", "goal", "league"]], texts, Dictionary(texts), topn=3)
    assert scores[0] == pytest.approx(1.0) and scores[1] < 0
    # a topic with fewer than two known terms cannot be scored
    assert np.isnan(npmi([["oil", "unknown"]], texts, Dictionary(texts), topn=2)[0])


def test_diversity_counts_repeated_top_words():
    assert diversity([["a", "b"], ["c", "d"]]) == 1.0
    assert diversity([["a", "b"], ["a", "b"]]) == 0.5


def test_heldout_terms_are_the_every_nth_documents_in_model_terms(docs, split_model):
    held = heldout_terms(split_model, docs, heldout_every=10)
    assert len(held) == len(docs) // 10
    # preprocessing and the vocabulary's clitic merges apply; stop words are gone
    assert all("the" not in t and "said" not in t for t in held)


def test_evaluate_scores_the_themes_above_the_frequent_word_baseline(docs, split_model):
    report = evaluate(split_model, docs, heldout_every=10)
    assert report["documents"] == len(docs) // 10 and report["heldout_every"] == 10
    assert len(report["npmi_per_topic"]) == 3 and report["topics_below_zero"] == 0
    assert report["npmi"] > report["baseline"]["frequent_terms"]["npmi"] + 0.3
    top = split_model.top_words(25)
    terms = [list(g["term"]) for _, g in top.groupby("topic")]
    assert report["diversity"] == diversity(terms)
    assert diversity(terms, topn=10) == 1.0  # three disjoint word pools: no top-10 word repeats
    assert report["stability"] is None and "members" not in report["baseline"]


def test_evaluate_a_consensus_reports_its_members_and_stability(docs):
    tm = TopicModel(**SETTINGS, n_seeds=3, heldout_every=10).fit(docs)
    report = evaluate(tm, docs, heldout_every=10)
    single = report["baseline"]["members"]
    assert single["seeds"] == [0, 1, 2] and len(single["each"]) == 3
    assert report["stability"]["topic_vs_members_jaccard"] > 0.8
    assert 0 <= report["stability"]["members_matched_jaccard"] <= 1


def test_evaluate_refuses_texts_without_known_terms(split_model):
    with pytest.raises(FramingError, match="no held-out document"):
        evaluate(split_model, ["zzz qqq", "the of and"])


def test_frequency_topics_take_the_most_frequent_terms_in_order(split_model):
    topics = frequency_topics(split_model, 2, 3)
    d = split_model.dictionary_
    ranked = sorted(d.dfs, key=lambda i: (-d.dfs[i], i))
    assert topics[0][0] == d[ranked[0]] and len(topics) == 2 and all(len(t) == 3 for t in topics)


def test_a_loaded_model_has_the_same_baseline(docs, split_model, tmp_path):
    # a saved vocabulary keeps document frequencies only: the baseline must not depend on the rest
    loaded = TopicModel.load(split_model.save(tmp_path / "m"))
    assert frequency_topics(loaded, 2, 3) == frequency_topics(split_model, 2, 3)
    assert evaluate(loaded, docs, heldout_every=10)["baseline"] == evaluate(split_model, docs, heldout_every=10)["baseline"]


def test_cli_fit_heldout_and_evaluate_json(tmp_path, docs, capsys):
    from framing.cli import main

    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": d["doc_id"], "text": d["text"]}) for d in docs) + "\n",
                      encoding="utf-8")
    out = tmp_path / "model"
    common = ["--lang", "en", "--k", "3", "--passes", "10", "--no-below", "2", "--no-above", "0.9"]
    assert main(["topics", "fit", str(corpus), "--out", str(out), "--heldout-every", "10", "--n-seeds", "2",
                 "--workers", "2", *common]) == 0
    shown = capsys.readouterr().out
    assert "stability" in shown and "member fits with each other" in shown
    # PATH is the corpus the model was split from: its own held-out tenth is scored
    assert main(["topics", "evaluate", str(out), str(corpus), "--lang", "en", "--json"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["documents"] == len(docs) // 10 and report["heldout_every"] == 10
    assert report["model"]["k"] == 3 and report["stability"] is not None
    assert main(["topics", "evaluate", str(out), str(corpus), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "frequent-term topics" in text and "member fits" in text
