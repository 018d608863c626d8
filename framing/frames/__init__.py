"""Frames and other codebook measures: dictionaries of categories, counted per utterance.

:mod:`framing.frames.dictionary` reads dictionaries in the formats
researchers own (quanteda YAML, LIWC ``.dic``, Lexicoder ``.lc3``/``.lcd``, a
plain YAML of category -> terms) and matches them, clitic-aware for Arabic;
:mod:`framing.frames.scorer` turns them into measures (one count and one
share column per category, and the shipped generic frames as
``frame_<name>`` columns); :mod:`framing.frames.evaluate` scores document
frames against a labels file.
"""

from framing.frames.dictionary import Dictionary, load_dictionary

__all__ = ["Dictionary", "load_dictionary"]
