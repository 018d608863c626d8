"""Choosing the documents of a corpus: filters by field, date and keyword, and a seeded random sample.

A :class:`Selection` is applied while a corpus is read (``read_corpus(...,
selection=...)``, or ``--where``, ``--since``, ``--until``, ``--mentions``,
``--sample`` on the command line), so ``framing analyze`` and
``framing report`` choose documents the same way.  Every document is still
read and checked (a bad record is reported whether or not it would have
been selected); those left out are counted in the manifest, and the
selection is recorded in provenance.

The sample is the same whatever the order of the input: each document
gets a key from the seed and its ``doc_id`` (a keyed hash), and the ``n``
documents with the smallest keys are kept, in corpus order.

Examples
--------
>>> s = Selection.parse(where=["outlet=Okaz,Al Riyadh"], since="2015-01-05", mentions=["Iran"])
>>> s.keeps({"outlet": "Okaz", "date": "2015-02-01", "title": "", "text": "Iran said ..."})
True
>>> s.keeps({"outlet": "Al Madina", "date": "2015-02-01", "title": "", "text": "Iran said ..."})
False
>>> s.describe()
'outlet is Okaz or Al Riyadh; dated 2015-01-05 or later; mentions Iran'
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from framing.errors import FramingError

#: Document fields ``--where`` may test (the document columns a reader fills, and any field riding along).
WHERE_HINT = "outlet, lang, doc_id, url, title, or a metadata column"

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


#: How many values of a ``--where`` field :meth:`Selection.describe` lists; more are counted.
_LISTED = 10


def _values_in_file(item: str, path: str) -> tuple[str, ...]:
    """The values a ``--where FIELD=@FILE`` item lists: the file's lines, stripped, but blank ones and ``#`` comments.

    Raises
    ------
    FramingError
        Naming the item and the file when it cannot be read or lists nothing.
    """
    from pathlib import Path

    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise FramingError(f"--where {item!r}: cannot read {path} ({exc.strerror or exc})") from None
    values = tuple(line.strip() for line in lines if line.strip() and not line.strip().startswith("#"))
    if not values:
        raise FramingError(f"--where {item!r}: {path} lists no values (one per line)")
    return values


def _fold(text: str) -> str:
    """Text as matched by ``--mentions``: case-folded, Arabic letter variants and diacritics folded."""
    from framing.text import fold_text

    return fold_text(str(text), strip=False).casefold()


@dataclass(frozen=True)
class Selection:
    """Which documents of a corpus a run keeps.

    Parameters
    ----------
    where : mapping of str to tuple of str
        Field -> accepted values (a document is kept when its value is one of
        them, compared case-insensitively); several fields must all match.
    since, until : str, optional
        First and last dates kept, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
        (a partial date covers its whole year or month).  Undated documents
        are left out when either is set.
    mentions : tuple of str
        Keywords or phrases; a document is kept when its title or text holds
        any of them (case and Arabic spelling variants folded, whole words).
    sample : int, optional
        Keep a random sample of this many of the documents the filters keep.
    seed : int
        Seeds the sample.
    """

    where: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    since: str | None = None
    until: str | None = None
    mentions: tuple[str, ...] = ()
    sample: int | None = None
    seed: int = 0

    def __post_init__(self):
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _DATE.match(str(value)):
                raise FramingError(f"{name}={value!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD "
                                   f"(--{name} 2015-03-01)")
        if self.since and self.until and _bound(self.since, False) > _bound(self.until, True):
            raise FramingError(f"since={self.since} is after until={self.until}: no document could be kept")
        if self.sample is not None and (isinstance(self.sample, bool) or not isinstance(self.sample, int)
                                        or self.sample < 1):
            raise FramingError(f"sample={self.sample!r}: give a whole number of documents, 1 or more (--sample N)")
        if any(not str(m).strip() for m in self.mentions):
            raise FramingError("mentions: an empty keyword would match every document")
        object.__setattr__(self, "_patterns", [_keyword_pattern(m) for m in self.mentions])
        object.__setattr__(self, "_accepted", {k: {v.casefold() for v in vs} for k, vs in self.where.items()})

    @classmethod
    def parse(cls, *, where: Sequence[str] = (), since: str | None = None, until: str | None = None,
              mentions: Sequence[str] = (), sample: int | None = None, seed: int = 0) -> Selection:
        """A selection from command-line values: ``where`` items are ``FIELD=VALUE[,VALUE...]``, or
        ``FIELD=@FILE`` for the values listed in a text file, one per line (``doc_id=@coded.txt``: the
        documents a sample lists; blank lines and lines opening with ``#`` are skipped).

        >>> Selection.parse(where=["lang=ar", "outlet=Okaz"]).where
        {'lang': ('ar',), 'outlet': ('Okaz',)}
        >>> Selection.parse(where=["outlet"])
        Traceback (most recent call last):
        ...
        framing.errors.FramingError: --where 'outlet': write it as FIELD=VALUE (e.g. outlet=Okaz; fields: outlet, lang, doc_id, url, title, or a metadata column)
        """
        fields: dict[str, tuple[str, ...]] = {}
        for item in where:
            key, sep, value = str(item).partition("=")
            key = key.strip()
            values = _values_in_file(item, value.strip()[1:]) if value.strip().startswith("@") else \
                tuple(v.strip() for v in value.split(",") if v.strip())
            if not sep or not key or not values:
                raise FramingError(f"--where {item!r}: write it as FIELD=VALUE (e.g. outlet=Okaz; fields: "
                                   f"{WHERE_HINT})")
            fields[key] = fields.get(key, ()) + values
        return cls(where=fields, since=since, until=until, mentions=tuple(mentions), sample=sample, seed=seed)

    @property
    def filters(self) -> bool:
        """Whether any filter (not the sample) is set."""
        return bool(self.where or self.since or self.until or self.mentions)

    def __bool__(self) -> bool:
        return self.filters or self.sample is not None

    def keeps(self, doc: Mapping) -> bool:
        """Whether the filters keep ``doc`` (the sample is drawn afterwards, by :meth:`apply`)."""
        for key, accepted in self._accepted.items():
            value = doc.get(key)
            if value is None or str(value).casefold() not in accepted:
                return False
        if self.since or self.until:
            date = str(doc.get("date") or "")[:10]
            if not date:
                return False
            if self.since and date < _bound(self.since, False):
                return False
            if self.until and date > _bound(self.until, True):
                return False
        if self._patterns:
            text = _fold(f"{doc.get('title') or ''}\n{doc.get('text') or ''}")
            if not any(p.search(text) for p in self._patterns):
                return False
        return True

    def apply(self, docs: Iterable[dict], on_left_out=None) -> Iterator[dict]:
        """The documents of ``docs`` the selection keeps, in their order.

        ``on_left_out()`` is called once per document left out.  With a
        sample, the documents the filters keep are read to the end first and
        only the ``sample`` chosen ones are held in memory.
        """
        docs = self._check_fields(docs)
        if self.sample is None:
            for doc in docs:
                if self.keeps(doc):
                    yield doc
                elif on_left_out:
                    on_left_out()
            return
        heap: list = []  # (-key, position, doc): the sample's largest key on top, pushed out by smaller ones
        for position, doc in enumerate(docs):
            if not self.keeps(doc):
                if on_left_out:
                    on_left_out()
                continue
            item = (-self.sample_key(doc["doc_id"]), position, doc)
            if len(heap) < self.sample:
                heapq.heappush(heap, item)
            else:
                dropped = heapq.heappushpop(heap, item)
                if on_left_out and dropped is not None:
                    on_left_out()
        for _, _, doc in sorted(heap, key=lambda item: item[1]):
            yield doc

    def _check_fields(self, docs: Iterable[dict]) -> Iterator[dict]:
        # a --where field no document has (a typo: "outlt") would silently keep nothing: say so at the end
        unseen, fields = set(self.where), set()
        for doc in docs:
            if unseen:
                unseen -= {k for k in unseen if doc.get(k) is not None}
                fields.update(k for k, v in doc.items() if v is not None and k != "text")
            yield doc
        if unseen:
            raise FramingError(f"--where {sorted(unseen)[0]}=...: no document has a field "
                               f"{sorted(unseen)[0]!r}; the documents have: {', '.join(sorted(fields)) or 'none'}")

    def sample_key(self, doc_id: str) -> int:
        """The sampling key of a document: a hash of the seed and its id (the smallest are sampled).

        >>> Selection(sample=1, seed=1).sample_key("a") == Selection(sample=5, seed=1).sample_key("a")
        True
        """
        digest = hashlib.blake2b(f"{self.seed}\x1f{doc_id}".encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big")

    def describe(self) -> str:
        """The selection in words, for the manifest and the report ("" when nothing is chosen)."""
        parts = [f"{key} is {' or '.join(values)}" if len(values) <= _LISTED else
                 f"{key} is one of {len(values)} values ({', '.join(values[:3])} ...)"
                 for key, values in self.where.items()]
        if self.since:
            parts.append(f"dated {self.since} or later")
        if self.until:
            parts.append(f"dated {self.until} or earlier")
        if self.mentions:
            parts.append("mentions " + " or ".join(self.mentions))
        if self.sample is not None:
            parts.append(f"a random sample of {self.sample} (seed {self.seed})")
        return "; ".join(parts)

    def to_dict(self) -> dict:
        """JSON-ready; empty when nothing is chosen.

        >>> Selection.parse(where=["lang=en"], sample=10).to_dict()
        {'where': {'lang': ['en']}, 'sample': 10, 'seed': 0}
        """
        out: dict = {}
        if self.where:
            out["where"] = {k: list(v) for k, v in self.where.items()}
        for key in ("since", "until"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.mentions:
            out["mentions"] = list(self.mentions)
        if self.sample is not None:
            out["sample"], out["seed"] = self.sample, self.seed
        return out

    @classmethod
    def from_dict(cls, data: Mapping | None) -> Selection:
        """The inverse of :meth:`to_dict` (None or {} is no selection)."""
        data = dict(data or {})
        return cls(where={k: tuple(v) for k, v in (data.get("where") or {}).items()}, since=data.get("since"),
                   until=data.get("until"), mentions=tuple(data.get("mentions") or ()),
                   sample=data.get("sample"), seed=int(data.get("seed") or 0))


def _bound(date: str, end: bool) -> str:
    """``YYYY`` / ``YYYY-MM`` as the first (or last) day it covers, comparable with ISO dates."""
    if len(date) == 4:
        return f"{date}-12-31" if end else f"{date}-01-01"
    if len(date) == 7:
        return f"{date}-31" if end else f"{date}-01"
    return date


def _keyword_pattern(keyword: str) -> re.Pattern:
    # whole words, but an Arabic keyword also matches behind the clitics written onto it (وإيران، لإيران)
    folded = re.escape(_fold(keyword.strip())).replace(r"\ ", r"\s+")
    arabic = bool(re.search(r"[\u0600-\u06FF]", keyword))
    before = r"(?<![\w])(?:[وفبلك]{0,2}(?:ال)?)" if arabic else r"(?<![\w])"
    return re.compile(before + folded + r"(?![\w])")


__all__ = ["WHERE_HINT", "Selection"]
