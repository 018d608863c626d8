"""The corpus stage: news files in, documents out, and a record of every input skipped or altered.

:func:`read_corpus` opens a folder, JSONL, CSV or Parquet corpus as a
re-iterable :class:`Corpus` of document dicts (:mod:`.documents`); the
format readers are in :mod:`.readers`, the run manifest in :mod:`.manifest`,
date parsing in :mod:`.dates`.
"""

from framing.corpus.documents import *  # noqa: F401,F403 - the stage's public names
from framing.corpus.documents import __all__  # noqa: F401
