"""Fixtures of the topic tests: the English and Arabic documents, and one model fitted on each.

Fitting is deterministic and no test changes a model, so each is fitted once for the whole folder.
"""

from __future__ import annotations

import pytest

from framing.topics.model import TopicModel

from topics_support import AR_FILLER, AR_THEMES, EN_FILLER, EN_THEMES, SETTINGS, make_docs


@pytest.fixture(scope="session")
def en_docs():
    return make_docs(EN_THEMES, EN_FILLER)


@pytest.fixture(scope="session")
def ar_docs():
    return make_docs(AR_THEMES, AR_FILLER + ["وزير"], clitic="و")


@pytest.fixture(scope="session")
def en_model(en_docs):
    return TopicModel(**SETTINGS).fit(en_docs)


@pytest.fixture(scope="session")
def ar_model(ar_docs):
    return TopicModel(**SETTINGS).fit(ar_docs)

