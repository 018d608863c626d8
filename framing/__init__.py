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

from framing.attribution import attribute, attribute_document  # noqa: E402
from framing.corpus import read_corpus  # noqa: E402

__all__ = ["attribute", "attribute_document", "read_corpus", "__version__"]
