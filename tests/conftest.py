"""Shared test fixtures.

Tests that need the shared corpora and gold data (kept beside the project,
never inside it) use the ``shared`` fixture, which skips with a clear reason
when the folder is absent.  Point ``FRAMING_SHARED`` at it to use another place.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_dir() -> Path | None:
    """The shared data folder, or None when it is not there."""
    env = os.environ.get("FRAMING_SHARED")
    candidates = [Path(env)] if env else []
    candidates.append(ROOT.parent / "shared")
    for path in candidates:
        if (path / "DESIGN.md").exists() or (path / "corpora").is_dir():
            return path
    return None


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("shared data folder not found beside the project (set FRAMING_SHARED to its path)")
    return path


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return ROOT / "corpora" / "seed"
