"""The vocabulary pass: stop words out, clitic forms merged, written forms for labels, pruning, streaming."""

from __future__ import annotations

import numpy as np
import pytest

from framing.errors import FramingError
from framing.topics.model import TopicModel
from framing.topics.preprocess import light_stem

from topics_support import AR_THEMES, SETTINGS


# --- terms --------------------------------------------------------------------------

def test_stop_words_and_reporting_verbs_are_not_in_the_vocabulary(en_model, ar_model):
    assert not {"said", "say", "the", "told", "tell", "according"} & set(en_model.dictionary_.token2id)
    ar_vocab = set(ar_model.dictionary_.token2id)
    assert not {"قال", "وقال", "اضاف", "في", "ان"} & ar_vocab


def test_bare_clitic_forms_merge_into_the_word_the_corpus_uses(ar_model):
    vocab = ar_model.dictionary_.token2id
    stem = light_stem("صادرات")
    assert stem in vocab and "و" + stem not in vocab
    # an unseen clitic form still finds its word
    assert ar_model.index_.id("و" + light_stem("تضخم")) == vocab[light_stem("تضخم")]
    # وزير is a word of its own (زير never occurs): its و is kept
    assert "وزير" in vocab
    assert ar_model.metadata_["training"]["merged_clitic_forms"] >= len(AR_THEMES["economy"])


def test_labels_show_written_forms_not_stems(ar_model):
    words = set(ar_model.top_words(10)["word"])
    terms = set(ar_model.top_words(10)["term"])
    assert "مستشفى" in words or "أسعار" in words or "صادرات" in words
    assert terms != words  # stems differ from the written forms shown
    labels = ar_model.topic_labels(3)
    assert len(labels) == 3 and all(label.count(" · ") == 2 for label in labels)


def test_pruning_everything_is_an_error(en_docs):
    with pytest.raises(FramingError, match="no term is left"):
        TopicModel(**{**SETTINGS, "no_below": 10_000}).fit(en_docs)


def test_the_clitic_cache_stays_bounded(ar_model, monkeypatch):
    from framing.topics import vocabulary

    index = vocabulary._TermIndex(ar_model.dictionary_.token2id)
    monkeypatch.setattr(vocabulary, "_TERM_CACHE_LIMIT", 8)
    target = ar_model.dictionary_.token2id[light_stem("تضخم")]
    for i in range(50):
        assert index.id(f"غريب{i}") == -1
        assert len(index._cache) <= 8
    assert index.id("و" + light_stem("تضخم")) == target


# --- streaming ----------------------------------------------------------------------

class CountingCorpus:
    """A re-iterable corpus that counts how often it is read to the end."""

    def __init__(self, docs):
        self.docs, self.reads = docs, 0

    def __iter__(self):
        yield from self.docs
        self.reads += 1


def test_fit_reads_the_corpus_once_and_keeps_the_bags_of_words(en_docs):
    corpus = CountingCorpus(en_docs)
    TopicModel(**{**SETTINGS, "passes": 3}).fit(corpus)
    # the vocabulary pass keeps the bags; the training passes and coherence read them
    assert corpus.reads == 1


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_bags_kept_from_the_vocabulary_pass_equal_a_second_read(lang, en_docs, ar_docs):
    docs = en_docs if lang == "en" else ar_docs
    prepared = TopicModel(**SETTINGS)._prepare(docs)
    assert prepared.bow._cached is not None  # built by the vocabulary pass, no read yet
    kept = list(prepared.bow)
    assert list(prepared.bow._from_texts()) == kept  # Arabic: clitic forms merged into their word
    assert prepared.training["merged_clitic_forms"] > 0 or lang == "en"


def test_without_the_cache_fit_streams_the_corpus_once_per_pass(en_docs):
    corpus = CountingCorpus(en_docs)
    streamed = TopicModel(**{**SETTINGS, "passes": 3, "bow_cache_mb": 0}).fit(corpus)
    # vocabulary, the matrix the start factorizes, three training passes, coherence
    assert corpus.reads == 1 + 1 + 3 + 1
    # the cache changes how the corpus is read, not the model
    assert streamed.fingerprint == TopicModel(**{**SETTINGS, "passes": 3}).fit(en_docs).fingerprint


def test_texts_hash_is_recorded(en_docs, en_model):
    other = TopicModel(**SETTINGS).fit(en_docs[:-1])
    assert len(en_model.metadata_["training"]["texts_sha256"]) == 64
    assert other.metadata_["training"]["texts_sha256"] != en_model.metadata_["training"]["texts_sha256"]



def test_min_share_prunes_terms_in_too_few_documents(en_docs):
    n = len(en_docs)
    loose = TopicModel(**SETTINGS).fit(en_docs)
    strict = TopicModel(**{**SETTINGS, "min_share": 0.2}).fit(en_docs)
    assert strict.metadata_["training"]["no_below_documents"] == int(np.ceil(0.2 * n))
    assert loose.metadata_["training"]["no_below_documents"] == SETTINGS["no_below"]
    kept = set(strict.dictionary_.token2id)
    assert kept < set(loose.dictionary_.token2id)
    assert all(strict.dictionary_.dfs[strict.dictionary_.token2id[t]] >= 0.2 * n for t in kept)
    with pytest.raises(FramingError, match="min_share"):
        TopicModel(min_share=1.5).fit(en_docs)
