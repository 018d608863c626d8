"""Paths of the corpus fixtures and a look-up of documents by id, for the corpus tests."""

from __future__ import annotations

from pathlib import Path

#: tests/fixtures/corpus/: small corpora written for the tests
CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


def by_id(corpus) -> dict:
    """The documents of a corpus pass, keyed by ``doc_id``."""
    return {d["doc_id"]: d for d in corpus}
