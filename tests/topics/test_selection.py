"""Choosing K by coherence, aligning topics between runs, and stability across seeds (also from the CLI)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from framing.errors import FramingError
from framing.topics.selection import align_topics, choose_k, stability, topic_similarity

from topics_support import EN_FILLER, EN_THEMES, make_docs


# --- choosing K ---------------------------------------------------------------------

def test_choose_k_prefers_the_true_number_of_themes():
    # enough documents that the held-out tenth (18 of them) covers every theme
    docs = make_docs(EN_THEMES, EN_FILLER, n_per_theme=60)
    table = choose_k(docs, ks=(2, 3, 8), passes=10, no_below=2, no_above=0.9)
    assert table["k"].tolist() == [2, 3, 8]
    assert table.set_index("k")["npmi"].idxmax() == 3
    best = table.set_index("k").loc[3]
    # the three themes beat topics cut from the most frequent words
    assert best["topics_below_zero"] == 0 and best["npmi"] > best["npmi_frequent_terms"] + 0.3


# --- aligning topics, stability -----------------------------------------------------

def test_align_topics_recovers_a_permutation():
    rng = np.random.default_rng(0)
    topics = rng.dirichlet(np.full(200, 0.05), size=6)
    perm = rng.permutation(6)
    for metric in ("jsd", "cosine"):
        match, sim = align_topics(topics, topics[perm], metric)
        np.testing.assert_array_equal(perm[match], np.arange(6))
        np.testing.assert_allclose(sim, 1.0, atol=1e-6)
    noisy = topics[perm] + rng.dirichlet(np.ones(200), size=6) * 0.05
    match, sim = align_topics(topics, noisy)
    np.testing.assert_array_equal(perm[match], np.arange(6))
    assert (sim < 1).all() and (sim > 0.5).all()


def test_topic_similarity_bounds():
    a = np.array([[1.0, 0.0, 0.0], [0.0, 0.5, 0.5]])
    sim = topic_similarity(a, a)
    np.testing.assert_allclose(np.diag(sim), 1.0)
    np.testing.assert_allclose(sim[0, 1], 0.0, atol=1e-12)  # disjoint supports
    with pytest.raises(FramingError, match="unknown topic similarity"):
        topic_similarity(a, a, "euclid")


def test_stability_is_high_for_separable_themes(en_docs):
    result = stability(en_docs, k=3, seeds=(0, 1, 2), passes=10, no_below=2, no_above=0.9)
    assert len(result.pairs) == 3 and set(result.pairs["seed_a"]) == {0, 1}
    assert result.score > 0.8
    assert len(result.topics) == 3 and (result.topics["similarity"] > 0.8).all()
    with pytest.raises(FramingError, match="two seeds"):
        stability(en_docs, k=3, seeds=(0,))


# --- command line -------------------------------------------------------------------

def test_cli_choose_k_and_stability(tmp_path, en_docs, capsys):
    from framing.cli import main

    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join(json.dumps({"text": d["text"]}) for d in en_docs) + "\n", encoding="utf-8")
    common = ["--lang", "en", "--passes", "5", "--no-below", "2", "--no-above", "0.9"]
    assert main(["topics", "choose-k", str(corpus), "--ks", "2,3", *common]) == 0
    captured = capsys.readouterr()
    assert "npmi" in captured.out and "highest held-out NPMI" in captured.err
    assert main(["topics", "stability", str(corpus), "--k", "3", "--seeds", "0,1", *common]) == 0
    assert "stability (jsd" in capsys.readouterr().out
    assert main(["topics", "choose-k", str(corpus), "--ks", "two"]) == 2
    assert "--ks takes" in capsys.readouterr().err

