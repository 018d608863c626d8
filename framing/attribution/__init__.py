"""Speaker attribution: who said what, in Arabic and English news.

The public entry points are :func:`attribute` (a corpus in, the utterances
table out) and :func:`attribute_document` (one document's rows).  The
pieces, each in its own module:

- :mod:`.cues`: reporting-cue lexicons built from ``framing/lang/*_cues.yml``;
- :mod:`.document`: paragraphs, sentences, tokens and quotations with offsets;
- :mod:`.arabic`, :mod:`.english`: reporting events per sentence;
- :mod:`.resolve`: speakers, through the actor registry and the article's own names;
- :mod:`.pipeline`: the utterances table;
- :mod:`.evaluate`: precision, recall and F1 against gold annotations.
"""

from framing.attribution.pipeline import (
    EXTRA_COLUMNS,
    METHOD,
    UTTERANCE_COLUMNS,
    attribute,
    attribute_document,
    utterances_frame,
)

__all__ = ["attribute", "attribute_document", "utterances_frame", "UTTERANCE_COLUMNS", "EXTRA_COLUMNS", "METHOD"]
