"""Where a fit starts: the NNDSVD factorization, the same topics on every seed, members on samples of documents."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from framing.errors import FramingError
from framing.topics.consensus import matched_jaccard
from framing.topics.model import TopicModel
from framing.topics.start import bag_matrix, nndsvd_start

from topics_support import SETTINGS


def tops(tm: TopicModel, n: int = 8) -> list[list[str]]:
    return [list(g["term"]) for _, g in tm.top_words(n).groupby("topic", sort=True)]


def test_the_start_separates_blocks_and_keeps_the_corpus_size():
    X = sp.csr_matrix(np.kron(np.eye(3), np.ones((4, 5))) * 2)  # three blocks of documents and terms
    start = nndsvd_start(X, 3)
    assert start.shape == (3, 15) and np.isclose(start.sum(), X.sum())
    # each starting topic puts its weight on one block of terms
    assert sorted(start.argmax(axis=1) // 5) == [0, 1, 2]
    assert nndsvd_start(X, 13) is None  # more topics than documents: no factorization
    assert nndsvd_start(sp.csr_matrix((4, 5)), 2) is None  # no counts


def test_bag_matrix_reads_a_bag_corpus_and_stops_at_rows():
    bags = [[(0, 2), (3, 1)], [(1, 4)], [(2, 1)]]
    X = bag_matrix(bags, 4)
    assert X.toarray().tolist() == [[2, 0, 0, 1], [0, 4, 0, 0], [0, 0, 1, 0]]
    assert bag_matrix(bags, 4, rows=2).shape == (2, 4)


def test_seeds_find_the_same_topics_from_the_factorization_start(en_docs, ar_docs):
    for docs in (en_docs, ar_docs):
        a = TopicModel(**{**SETTINGS, "seed": 1}).fit(docs)
        b = TopicModel(**{**SETTINGS, "seed": 2}).fit(docs)
        assert a.init == "nndsvd"
        assert matched_jaccard(tops(a), tops(b)).min() == 1.0
    # from gensim's random start these two seeds split the Arabic themes differently
    a, b = (TopicModel(**{**SETTINGS, "seed": s, "init": "random"}).fit(ar_docs) for s in (1, 2))
    assert matched_jaccard(tops(a), tops(b)).min() < 0.5


def test_the_random_start_is_kept_and_recorded(en_docs, en_model):
    random = TopicModel(**{**SETTINGS, "init": "random"}).fit(en_docs)
    assert random.metadata_["settings"]["init"] == "random"
    assert random.fingerprint != en_model.fingerprint
    with pytest.raises(FramingError, match="init is one of nndsvd, random"):
        TopicModel(**{**SETTINGS, "init": "svd"}).fit(en_docs)


def test_a_streamed_corpus_starts_from_the_same_matrix(en_docs, en_model):
    streamed = TopicModel(**{**SETTINGS, "bow_cache_mb": 0}).fit(en_docs)
    assert streamed.fingerprint == en_model.fingerprint


def test_consensus_members_fit_on_samples_drawn_with_their_seeds(en_docs):
    tm = TopicModel(**{**SETTINGS, "n_seeds": 3})
    prepared = tm._prepare(en_docs)
    n = prepared.training["n_documents"]
    rows = [tm._member_rows(prepared, s) for s in tm.member_seeds()]
    assert all(len(r) == round(0.8 * n) for r in rows)
    assert not np.array_equal(rows[0], rows[1])
    np.testing.assert_array_equal(rows[0], tm._member_rows(prepared, tm.member_seeds()[0]))
    assert list(prepared.bow.subset(rows[0][:3])) == [b for i, b in enumerate(prepared.bow) if i in rows[0][:3]]
    fitted = TopicModel(**{**SETTINGS, "n_seeds": 3}).fit(en_docs)
    assert fitted.metadata_["consensus"]["member_share"] == 0.8
    # the random start's members differ by their seeds, on all the documents
    assert TopicModel(**{**SETTINGS, "n_seeds": 3, "init": "random"})._member_rows(prepared, 0) is None


def test_models_saved_before_the_start_setting_load_as_random_start(tmp_path, en_docs):
    tm = TopicModel(**{**SETTINGS, "init": "random"}).fit(en_docs)
    for name in ("init", "member_share", "member_passes"):
        del tm.metadata_["settings"][name]
    tm.metadata_["fingerprint"] = tm._fingerprint()
    loaded = TopicModel.load(tm.save(tmp_path / "old"))
    assert loaded.init == "random" and loaded.member_passes is None


def test_the_start_used_is_recorded_and_a_tiny_corpus_starts_at_random(en_docs, en_model):
    assert en_model.metadata_["training"]["start"] == "nndsvd"
    tiny = TopicModel(k=3, no_below=1, no_above=1.0).fit(["oil prices crude", "football goal match"])
    assert tiny.metadata_["training"]["start"].startswith("random (fewer documents")
    assert TopicModel(**{**SETTINGS, "init": "random"}).fit(en_docs).metadata_["training"]["start"] == "random"
