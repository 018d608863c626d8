"""The vocabulary a topic model is fitted on: one streaming pass that counts terms, merges clitic forms and prunes.

Terms come from :class:`framing.topics.preprocess.Preprocessor`.  A stem that
starts with a bare proclitic (``وحرب``) is merged into the shorter reading
(``حرب``) when the corpus uses the shorter one at least as often; ``وزير``
stays, because ``زير`` is rare.  Pruning then applies ``no_below`` (or
``min_share`` of the documents, whichever is more), ``no_above`` and
``keep_n`` (gensim's ``filter_extremes``).  The pass also
picks each term's written form for labels and hashes the texts it read.

When the bags of words fit in ``bow_cache_mb`` (8 bytes per distinct term
of a document: about 30 MB for 30,000 news articles), the vocabulary pass
keeps each document's bag in the ids it counted, and after pruning they are
mapped to the kept vocabulary as arrays (:func:`_remap_bags`): the corpus
is read and tokenized once, and the training passes, the member fits of a
consensus model and coherence read the arrays.  Above the limit every pass
streams the texts.
"""

from __future__ import annotations

import hashlib
import math
import time
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from framing.errors import FramingError
from framing.text import fold
from framing.topics.inputs import _Texts
from framing.topics.names import protected
from framing.topics.preprocess import ARTICLE_PREFIXES, Preprocessor, clitic_candidates

#: Documents the factorization start reads from a corpus whose bags do not fit in memory.
MATRIX_DOCUMENTS = 50_000
#: Unknown terms whose clitic reading is kept; the cache is emptied when full.
_TERM_CACHE_LIMIT = 1 << 18


class _TermIndex:
    """Term → vocabulary id, seeing through bare proclitics the vocabulary lacks."""

    def __init__(self, token2id: dict[str, int]):
        self.token2id = token2id
        self._cache: dict[str, int] = {}

    def id(self, term: str) -> int:
        """Vocabulary id of ``term`` or of its shortest known clitic reading; -1 when unknown."""
        tid = self.token2id.get(term)
        if tid is not None:
            return tid
        tid = self._cache.get(term)
        if tid is None:
            tid = next((self.token2id[c] for c in clitic_candidates(term) if c in self.token2id), -1)
            if len(self._cache) >= _TERM_CACHE_LIMIT:
                self._cache.clear()  # bounded: a long corpus keeps bringing new words
            self._cache[term] = tid
        return tid

    def ids(self, terms: list[str]) -> list[int]:
        found = list(map(self.token2id.get, terms))  # C-speed for the known terms
        if None in found:
            found = [self.id(t) if i is None else i for t, i in zip(terms, found)]
            return [i for i in found if i >= 0]
        return found

    def bow(self, terms: list[str]) -> list[tuple[int, int]]:
        return sorted(Counter(self.ids(terms)).items())


def _merge_clitic_forms(dictionary) -> int:
    """Fold a stem with a bare proclitic (و ف ب ل ك) into the shorter reading.

    ``وحرب`` joins ``حرب`` when the corpus uses ``حرب`` at least as often;
    ``وزير`` stays because ``زير`` is rarer.  Names and words kept whole
    (:mod:`framing.topics.names`) are never merged: كندا is not ك + ندا.
    Returns how many stems were merged.
    """
    t2i, cfs, dfs = dictionary.token2id, dictionary.cfs, dictionary.dfs
    keep = protected("ar").protected_terms()
    remap = {}
    for tok, tid in t2i.items():
        if tok in keep:
            continue
        for cand in clitic_candidates(tok):
            cid = t2i.get(cand)
            if cid is not None and cfs.get(cid, 0) >= cfs.get(tid, 0):
                remap[tid] = cid
                break
    for tid in remap:
        target = tid
        while target in remap:
            target = remap[target]
        # document frequencies add up to an upper bound: good enough for pruning
        cfs[target] = cfs.get(target, 0) + cfs.get(tid, 0)
        dfs[target] = dfs.get(target, 0) + dfs.get(tid, 0)
    dictionary.filter_tokens(bad_ids=list(remap))
    return len(remap)


@dataclass
class _Prepared:
    """What every fit on one corpus shares: the pruned vocabulary and the BoW stream."""

    dictionary: object
    index: _TermIndex
    texts: _Texts
    display: dict[str, str]
    training: dict
    cache_bow: bool = False
    bow: "_BowStream" = field(init=False)

    def __post_init__(self):
        self.bow = _BowStream(self)
        self._matrix = None

    def matrix(self):
        """The documents × terms count matrix (CSR), built once; see :mod:`framing.topics.start`.

        From the cached bags when they fit in memory; else from the first
        :data:`MATRIX_DOCUMENTS` documents read from the texts.
        """
        if self._matrix is None:
            from framing.topics.start import bag_matrix

            cached = self.bow._cached
            if cached is not None:
                import scipy.sparse as sp

                starts, ids, counts = (np.frombuffer(a, dtype=t) for a, t in zip(cached, (np.int64, np.int32, np.int32)))
                self._matrix = sp.csr_matrix((counts.astype(np.float64), ids, starts),
                                             shape=(len(starts) - 1, len(self.dictionary)))
            else:
                self._matrix = bag_matrix(self.bow, len(self.dictionary), rows=MATRIX_DOCUMENTS)
        return self._matrix


class _BowStream:
    """Re-iterable bag-of-words corpus for gensim.

    The first complete pass reads the texts; with ``cache_bow`` it also keeps
    the bags as compact arrays and later passes read those.
    """

    def __init__(self, prepared: _Prepared, log=None):
        self.prepared = prepared
        self.log = log
        self.passes = 0
        self._cached: tuple[array, array, array] | None = None

    def __len__(self):
        return self.prepared.training["n_documents"]

    def __iter__(self):
        t0 = time.perf_counter()
        if self._cached is not None:
            yield from self._from_cache()
        else:
            yield from self._from_texts()
        self.passes += 1
        if self.log:
            self.log(f"  pass {self.passes} over {len(self)} documents: {time.perf_counter() - t0:.1f} s")

    def _from_texts(self):
        pre = Preprocessor(stem=self.prepared.training["stem"])
        bow = self.prepared.index.bow
        keep = self.prepared.cache_bow
        starts, ids, counts = array("q", [0]), array("i"), array("i")
        for text in self.prepared.texts:
            b = bow(pre(text))
            if keep:
                ids.fromlist([i for i, _ in b])
                counts.fromlist([c for _, c in b])
                starts.append(len(ids))
            yield b
        if keep:  # reached only when the pass was read to the end
            self._cached = (starts, ids, counts)

    def _from_cache(self):
        starts, ids, counts = self._cached
        for a, b in zip(starts[:-1], starts[1:]):
            yield list(zip(ids[a:b], counts[a:b]))

    def subset(self, rows) -> "_BowRows":
        """The documents at positions ``rows`` (sorted), re-iterable."""
        return _BowRows(self, rows)

    def set_cache(self, starts: array, ids: array, counts: array) -> None:
        """Use bags built elsewhere (the vocabulary pass) instead of reading the texts again."""
        self._cached = (starts, ids, counts)

    def fill(self) -> None:
        """Read the texts once now, so that forked workers share the cached bags."""
        if self.prepared.cache_bow and self._cached is None:
            for _ in self:
                pass


class _BowRows:
    """Some documents of a :class:`_BowStream`, by position: what a consensus member fits on."""

    def __init__(self, stream: _BowStream, rows):
        self.stream, self.rows = stream, np.asarray(rows, dtype=np.int64)

    def __len__(self):
        return len(self.rows)

    def __iter__(self):
        cached = self.stream._cached
        if cached is not None:
            starts, ids, counts = cached
            for r in self.rows.tolist():
                a, b = starts[r], starts[r + 1]
                yield list(zip(ids[a:b], counts[a:b]))
            return
        wanted = set(self.rows.tolist())
        for n, bag in enumerate(self.stream):
            if n in wanted:
                yield bag


def _build_vocabulary(texts: _Texts, *, stem: bool, no_below: int, no_above: float, keep_n: int,
                      sample_info: dict | None, log: Callable[[str], None], bow_cache_mb: float = 512,
                      min_share: float = 0.0) -> _Prepared:
    """First streaming pass: vocabulary, clitic merges, pruning and display forms."""
    from gensim.corpora import Dictionary

    pre = Preprocessor(stem=stem)
    dictionary, surfaces, digest = Dictionary(), Counter(), hashlib.sha256()
    # each document's bag in the ids counted here, while it fits in the cache (8 bytes a pair)
    raw: tuple[array, array, array] | None = (array("q", [0]), array("i"), array("i"))
    raw_limit = bow_cache_mb * 2**20 / 8
    t0 = time.perf_counter()
    for n, text in enumerate(texts, 1):
        digest.update(text.encode("utf-8", "surrogatepass") + b"\x00")
        pairs = pre.pairs(text)
        bag = dictionary.doc2bow([t for _, t in pairs], allow_update=True)
        if raw is not None:
            raw[1].fromlist([i for i, _ in bag])
            raw[2].fromlist([c for _, c in bag])
            raw[0].append(len(raw[1]))
            if len(raw[1]) > raw_limit:
                raw = None
        surfaces.update([w for w, _ in pairs])
        if n % 5000 == 0:
            log(f"  vocabulary: {n} documents, {len(dictionary)} terms")
    n_docs = dictionary.num_docs
    if n_docs == 0:
        raise FramingError("no documents to fit a topic model on"
                           + (f" ({texts.skipped['lang']} were not in language {texts.lang!r})"
                              if texts.skipped["lang"] else ""))
    n_terms = len(dictionary)
    raw_terms = [dictionary[i] for i in range(n_terms)] if raw is not None else None
    merged = _merge_clitic_forms(dictionary)
    # a share of documents scales with the corpus: 0.2% is 60 of 30,000 articles, 2 of 1,000
    no_below = max(int(no_below), math.ceil(float(min_share) * n_docs))
    dictionary.filter_extremes(no_below=no_below, no_above=no_above, keep_n=keep_n)
    if len(dictionary) == 0:
        raise FramingError(f"no term is left after pruning (no_below={no_below}, "
                           f"no_above={no_above}) on {n_docs} documents: lower no_below")
    index = _TermIndex(dictionary.token2id)
    display = _display_forms(surfaces, pre, index, dictionary)
    log(f"vocabulary: {n_docs} documents, {dictionary.num_pos} terms counted, {n_terms} distinct, "
        f"{merged} clitic forms merged, {len(dictionary)} kept ({time.perf_counter() - t0:.1f} s)")
    training = {"n_documents": n_docs, "n_term_tokens": dictionary.num_pos, "texts_sha256": digest.hexdigest(),
                "n_skipped_lang": texts.skipped["lang"], "n_skipped_duplicates": texts.skipped["duplicate"],
                "sample": sample_info, "vocabulary_before_pruning": n_terms,
                "merged_clitic_forms": merged, "vocabulary": len(dictionary), "stem": stem,
                "no_below_documents": no_below}
    # an upper bound (pairs counted before pruning): a 4-byte id and a 4-byte count per pair
    cache = dictionary.num_nnz * 8 <= bow_cache_mb * 2**20
    prepared = _Prepared(dictionary, index, texts, display, training, cache_bow=cache)
    if cache and raw is not None:
        prepared.bow.set_cache(*_remap_bags(raw, np.array([index.id(t) for t in raw_terms], dtype=np.int64)))
    return prepared


def _remap_bags(raw: tuple[array, array, array], to_kept: np.ndarray) -> tuple[array, array, array]:
    """Bags in the counted ids → bags in the kept vocabulary's ids.

    ``to_kept[i]`` is the kept id of counted term ``i`` (-1 when pruned);
    two counted terms can land on one kept term (a clitic form merged into
    its shorter reading), so their counts are added.  The result is what
    reading the texts again through :class:`_TermIndex` gives: sorted ids.

    >>> bags = (array("q", [0, 3, 4]), array("i", [0, 1, 2, 2]), array("i", [2, 1, 1, 5]))
    >>> [list(a) for a in _remap_bags(bags, np.array([1, 1, -1]))]
    [[0, 1, 1], [1], [3]]
    """
    starts = np.frombuffer(raw[0], dtype=np.int64)
    ids = to_kept[np.frombuffer(raw[1], dtype=np.int32)]
    counts = np.frombuffer(raw[2], dtype=np.int32)
    doc = np.repeat(np.arange(len(starts) - 1), np.diff(starts))
    keep = ids >= 0
    doc, ids, counts = doc[keep], ids[keep], counts[keep]
    order = np.lexsort((ids, doc))
    doc, ids, counts = doc[order], ids[order], counts[order]
    first = np.ones(len(ids), dtype=bool)
    first[1:] = (doc[1:] != doc[:-1]) | (ids[1:] != ids[:-1])
    at = np.flatnonzero(first)
    summed = np.add.reduceat(counts, at) if len(at) else counts[:0]
    n_docs = len(starts) - 1
    new_starts = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(np.bincount(doc[at], minlength=n_docs), out=new_starts[1:])
    return (array("q", new_starts.tobytes()), array("i", ids[at].astype(np.int32).tobytes()),
            array("i", summed.astype(np.int32).tobytes()))


# a preposition or conjunction before the article: "والتراث" labels worse than "التراث"
_CLITIC_BEFORE_ARTICLE = tuple(p for p in ARTICLE_PREFIXES if p != "ال")


def _display_forms(surfaces: Counter, pre: Preprocessor, index: _TermIndex, dictionary) -> dict[str, str]:
    """Most frequent written form of each kept term, for labels.

    Forms without a clitic before the article win over those with one;
    ties go to the alphabetically first form.  A name from the name tables
    shows as the gazetteer writes it (إيران, not the more frequent الإيرانية).
    """
    best: dict[int, tuple[bool, int, str]] = {}
    for surface, n in surfaces.items():
        tid = index.id(pre.term(surface))
        if tid < 0:
            continue
        plain = not fold(surface).startswith(_CLITIC_BEFORE_ARTICLE)
        cur = best.get(tid)
        if cur is None or (plain, n) > cur[:2] or ((plain, n) == cur[:2] and surface < cur[2]):
            best[tid] = (plain, n, surface)
    out = {dictionary[tid]: surface for tid, (_, _, surface) in best.items()}
    for table in (protected("ar"), protected("en")):
        for term in out:
            name = table.display(term)
            if name is not None:
                out[term] = name
    return out
