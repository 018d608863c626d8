"""framing: who is quoted in the news, and how.

A research toolkit for media framing: it reads news corpora (Arabic and
English first), finds every reported statement and its speaker, scores
stance, sentiment and topics per utterance, aggregates them per speaker,
outlet and period with uncertainty, and renders reproducible reports.

Examples
--------
>>> import framing
>>> corpus = framing.read_corpus("corpora/seed")        # doctest: +SKIP
>>> utterances = framing.attribute(corpus)               # doctest: +SKIP
"""

__version__ = "0.1.0"

__all__ = ["attribute", "attribute_document", "read_corpus", "__version__"]

# Imported on first use, so `framing --help` and `import framing` stay light.
_LAZY = {
    "attribute": "framing.attribution",
    "attribute_document": "framing.attribution",
    "read_corpus": "framing.corpus",
}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'framing' has no attribute {name!r}")
