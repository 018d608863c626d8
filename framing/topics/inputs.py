"""What a topic model reads: strings, document dicts, a DataFrame or a Corpus, as a re-iterable stream of texts.

Fitting reads its input once for the vocabulary and once more for the bags
of words, so the input must be re-iterable; language, sample, held-out and
duplicate filters are applied on every read.

Held-out split
    ``heldout_every=N`` sets every N-th input item aside (items N, 2N, 3N ...
    counted from 1 in input order, before any filter): fitting reads the
    others (``part="train"``), :mod:`framing.topics.evaluation` reads those
    (``part="heldout"``).  The same N on the same input gives the same split.

>>> list(_Texts(["a", "b", "c", "d"], heldout_every=2))
['a', 'c']
>>> list(_Texts(["a", "b", "c", "d"], heldout_every=2, part="heldout"))
['b', 'd']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from framing.errors import FramingError


def _doc_text(item) -> tuple[str, str | None]:
    """Text and language of one input item (a string or a document/utterance dict)."""
    if isinstance(item, str):
        return item, None
    if isinstance(item, Mapping):
        body = item.get("text")
        if body is None:
            body = item.get("content")
        body = body if isinstance(body, str) else ""
        title = item.get("title")
        # framing.corpus.documents documents already start with their title
        if isinstance(title, str) and title and not body.startswith(title):
            body = f"{title}\n{body}" if body else title
        return body, item.get("lang")
    raise FramingError(f"topic models read strings or document dicts, got {type(item).__name__}")


def _records(source) -> Iterable:
    if isinstance(source, pd.DataFrame):
        cols = [c for c in ("title", "text", "content", "lang") if c in source.columns]
        if not any(c in cols for c in ("text", "content")):
            raise FramingError("a DataFrame given to a topic model needs a 'text' or 'content' column")
        for row in source[cols].itertuples(index=False):
            yield {c: (v if isinstance(v, str) else None) for c, v in zip(cols, row)}
    else:
        yield from source


class _Texts:
    """Re-iterable texts of the fitting input: sample, language and duplicate filters applied.

    Documents that :mod:`framing.corpus.documents` marks as duplicates (``duplicate_of``)
    are skipped: a wire story copied by ten outlets would otherwise weigh ten times.
    """

    def __init__(self, source, lang: str | None = None, keep: frozenset[int] | None = None,
                 heldout_every: int | None = None, part: str = "train"):
        if iter(source) is source:
            raise FramingError("fitting a topic model reads the corpus more than once: pass a re-iterable "
                               "corpus (a list, a DataFrame or a framing.corpus.documents Corpus), not a generator")
        if heldout_every is not None and int(heldout_every) < 2:
            raise FramingError(f"heldout_every sets every N-th document aside: N must be at least 2, got {heldout_every}")
        if part not in ("train", "heldout"):
            raise FramingError(f"part is 'train' or 'heldout', got {part!r}")
        if part == "heldout" and heldout_every is None:
            raise FramingError("the held-out part needs heldout_every")
        self.source, self.lang, self.keep = source, lang, keep
        self.every, self.part = (int(heldout_every) if heldout_every else None), part
        self.skipped = {"lang": 0, "duplicate": 0}

    def __iter__(self):
        skipped = {"lang": 0, "duplicate": 0}
        every, want_heldout = self.every, self.part == "heldout"
        for i, item in enumerate(_records(self.source)):
            if every is not None and ((i + 1) % every == 0) != want_heldout:
                continue
            if self.keep is not None and i not in self.keep:
                continue
            if isinstance(item, Mapping) and item.get("duplicate_of"):
                skipped["duplicate"] += 1
                continue
            text, lang = _doc_text(item)
            if self.lang and lang and lang != self.lang:
                skipped["lang"] += 1
                continue
            yield text
        self.skipped = skipped


def _count(source) -> int:
    try:
        return len(source)
    except TypeError:
        return sum(1 for _ in _records(source))


class _Reiterable:
    def __init__(self, make):
        self.make = make

    def __iter__(self):
        return iter(self.make())
