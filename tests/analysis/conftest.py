"""Fixtures shared by the analysis tests: the actor registry, and the test corpus analysed in memory."""

import pytest
from analysis_support import analysed_in_memory

from framing.attribution.actors import Registry


@pytest.fixture(scope="module")
def registry():
    return Registry.load()


@pytest.fixture(scope="module")
def in_memory(registry, tmp_path_factory):
    """The tables of analyze() on the test corpus, as written by write_tables."""
    return analysed_in_memory(registry, tmp_path_factory.mktemp("memory"))
