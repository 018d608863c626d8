"""Consensus topics: matching and merging member fits, per-topic stability, workers, save and load."""

from __future__ import annotations

import numpy as np
import pytest

from framing.errors import FramingError
from framing.topics.consensus import jaccard_matrix, matched_jaccard, merge_topics, stability_table, top_ids
from framing.topics.model import TopicModel

from topics_support import EN_THEMES, SETTINGS


def test_merge_recovers_permuted_topics_and_scores_them_stable():
    rng = np.random.default_rng(3)
    topics = rng.dirichlet(np.full(300, 0.05), size=5) * 1000
    perms = [rng.permutation(5) for _ in range(4)]
    merged = merge_topics([topics[p] for p in perms], topn=10)
    # consensus topic t merges the same original topic from every member
    originals = np.array([p[match] for p, match in zip(perms, merged.matches)])
    assert (originals == originals[0]).all()
    np.testing.assert_allclose(merged.lam, topics[originals[0]])
    np.testing.assert_allclose(merged.stability, 1.0)
    np.testing.assert_allclose(merged.recurrence, 1.0)


def test_a_topic_the_members_disagree_on_scores_low():
    rng = np.random.default_rng(4)
    shared = rng.dirichlet(np.full(400, 0.05), size=3) * 1000
    members = []
    for _ in range(4):
        own = rng.dirichlet(np.full(400, 0.05), size=1) * 1000  # a different fourth topic in each fit
        members.append(np.vstack([shared + rng.random(shared.shape), own]))
    merged = merge_topics(members, topn=10)
    stable = np.sort(merged.stability)
    assert stable[0] < 0.3 and (stable[1:] > 0.9).all()
    assert np.sort(merged.recurrence)[0] < 0.5


def test_merge_needs_two_members():
    with pytest.raises(FramingError, match="at least two"):
        merge_topics([np.ones((2, 3))])


def test_matched_jaccard_top_ids_and_jaccard_matrix():
    assert top_ids(np.array([[0.2, 0.5, 0.3]]), 2).tolist() == [[1, 2]]
    np.testing.assert_allclose(jaccard_matrix([{1}], [{1}, {2}]), [[1.0, 0.0]])
    a = [["oil", "gas", "opec"], ["goal", "match", "league"]]
    np.testing.assert_allclose(matched_jaccard(a, a[::-1]), [1.0, 1.0])
    np.testing.assert_allclose(matched_jaccard(a, [["oil", "gas", "x"], ["y", "z", "w"]]), [0.5, 0.0])


def test_consensus_model_is_the_same_with_any_number_of_workers(en_docs):
    one = TopicModel(**SETTINGS, n_seeds=3).fit(en_docs)
    two = TopicModel(**SETTINGS, n_seeds=3, workers=2).fit(en_docs)
    assert one.fingerprint == two.fingerprint
    info = one.metadata_["consensus"]
    assert info["member_seeds"] == [0, 1, 2] and len(info["stability"]) == 3
    assert len(info["member_top_terms"]) == 3 and len(info["member_top_terms"][0]) == 3
    # a different base seed draws other members and is recorded
    assert TopicModel(seed=1, n_seeds=3).member_seeds() == [3, 4, 5]


def test_stability_table_reads_the_consensus_and_survives_save_and_load(en_docs, tmp_path):
    tm = TopicModel(**SETTINGS, n_seeds=3).fit(en_docs)
    table = stability_table(tm)
    assert list(table["topic"]) == [0, 1, 2] and (table["members"] == 3).all()
    # three separable themes: every seed finds each of them
    assert (table["stability"] > 0.8).all() and (table["recurrence"] == 1.0).all()
    loaded = TopicModel.load(tm.save(tmp_path / "m"))
    assert stability_table(loaded).equals(table)
    shares = loaded.topic_shares(["football match goal"])
    assert np.isclose(shares.sum(), 1.0)


def test_single_seed_model_has_no_stability(en_model):
    table = stability_table(en_model)
    assert table["stability"].isna().all() and (table["members"] == 1).all()
    assert en_model.metadata_["consensus"] is None


def test_refining_re_estimates_the_merged_topics_and_scores_the_result(en_docs):
    plain = TopicModel(**SETTINGS, n_seeds=3, refine_passes=0).fit(en_docs)
    refined = TopicModel(**SETTINGS, n_seeds=3, refine_passes=2).fit(en_docs)
    assert plain.fingerprint != refined.fingerprint
    # the refined topics are still the merged ones, topic for topic: the same theme's words lead
    pools = {w: name for name, pool in EN_THEMES.items() for w in pool}
    for a, b in zip(plain.topic_labels(5), refined.topic_labels(5)):
        themes = {pools.get(w) for w in a.split(" · ") + b.split(" · ")}
        assert len(themes) == 1 and None not in themes, (a, b)
    assert (stability_table(refined)["stability"] > 0.8).all()


def test_a_member_that_split_a_topic_barely_moves_the_consensus():
    from framing.topics.consensus import _pairwise_similarity

    rng = np.random.default_rng(5)
    topics = rng.dirichlet(np.full(300, 0.05), size=4) * 1000
    odd = topics.copy()
    odd[0] = rng.dirichlet(np.full(300, 0.05)) * 1000  # one seed found something else in this slot
    members = [topics, topics * 1.01, topics * 0.99, odd]
    weighted = merge_topics(members, weight_power=4).lam
    plain = merge_topics(members, weight_power=0).lam
    i = int(np.argmax(_pairwise_similarity(plain, np.repeat(topics[:1], 4, axis=0))))  # the disputed slot
    closer = _pairwise_similarity(weighted[i:i + 1], topics[:1])[0]
    assert closer > _pairwise_similarity(plain[i:i + 1], topics[:1])[0]
