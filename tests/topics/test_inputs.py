"""What a topic model reads: strings, DataFrames and corpora, re-iterable only, with language and duplicate filters."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing.errors import FramingError
from framing.topics.model import TopicModel

from topics_support import SETTINGS


def test_fit_refuses_a_one_shot_generator(en_docs):
    with pytest.raises(FramingError, match="re-iterable"):
        TopicModel(**SETTINGS).fit(d for d in en_docs)


def test_language_filter_and_duplicates_are_counted(en_docs, ar_docs):
    mixed = [dict(d, lang="en") for d in en_docs] + [dict(d, lang="ar") for d in ar_docs]
    mixed.append(dict(en_docs[0], doc_id="copy", lang="en", duplicate_of=en_docs[0]["doc_id"]))
    tm = TopicModel(**{**SETTINGS, "lang": "en"}).fit(mixed)
    training = tm.metadata_["training"]
    assert training["n_documents"] == len(en_docs)
    assert training["n_skipped_lang"] == len(ar_docs) and training["n_skipped_duplicates"] == 1
    assert not any("\u0600" <= ch <= "\u06ff" for term in tm.dictionary_.token2id for ch in term)


def test_fit_accepts_strings_dataframes_and_corpora(en_docs, en_model):
    from framing.corpus.documents import Corpus

    texts = [d["text"] for d in en_docs]
    from_strings = TopicModel(**SETTINGS).fit(texts)
    from_frame = TopicModel(**SETTINGS).fit(pd.DataFrame({"text": texts}))
    from_corpus = TopicModel(**SETTINGS).fit(Corpus.from_frame(pd.DataFrame({"text": texts}), lang="en"))
    for tm in (from_strings, from_frame, from_corpus):
        np.testing.assert_array_equal(tm.model_.get_topics(), en_model.model_.get_topics())



# --- the held-out split --------------------------------------------------------------

def test_heldout_every_splits_by_position_and_the_parts_are_disjoint():
    from framing.topics.inputs import _Texts

    docs = [f"doc{i}" for i in range(1, 31)]
    train = list(_Texts(docs, heldout_every=10))
    held = list(_Texts(docs, heldout_every=10, part="heldout"))
    assert held == ["doc10", "doc20", "doc30"]
    assert len(train) == 27 and not set(train) & set(held)
    with pytest.raises(FramingError, match="at least 2"):
        _Texts(docs, heldout_every=1)
    with pytest.raises(FramingError, match="needs heldout_every"):
        _Texts(docs, part="heldout")


def test_fit_with_heldout_every_never_reads_the_heldout_documents(en_docs):
    tm = TopicModel(**SETTINGS, heldout_every=5).fit(en_docs)
    assert tm.metadata_["training"]["n_documents"] == len(en_docs) - len(en_docs) // 5
    assert tm.metadata_["training"]["heldout_every"] == 5
    # the texts hash is of the training part only
    train = [d for i, d in enumerate(en_docs) if (i + 1) % 5]
    assert tm.metadata_["training"]["texts_sha256"] == TopicModel(**SETTINGS).fit(train).metadata_["training"]["texts_sha256"]
