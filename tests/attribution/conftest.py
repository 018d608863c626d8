"""Fixtures of the attribution tests: the small water registry of ``attribution_support``, built once."""

from __future__ import annotations

import pytest

from attribution_support import water_registry


@pytest.fixture(scope="session")
def registry():
    return water_registry()
