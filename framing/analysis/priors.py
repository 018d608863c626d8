"""A run's stance priors: each new target's balance of sides, estimated from the corpus before its batches.

The news stance model reads a target it was not trained on with every side
equally likely, or with the balance of sides the corpus shows toward it
(:mod:`framing.stance.priors`).  A streamed run scores its corpus batch by
batch, in several processes, and resumes batches already written: a balance
estimated per batch would make a statement's label depend on the batch size.
So :func:`corpus_side_priors` estimates it once, before the batches, from a
sample of the corpus drawn by a hash of each document's id (the same sample
whatever the corpus' order, the batch size or the workers), and every batch
reads with it; the run records it in ``run.json``.

Examples
--------
>>> docs = [{"doc_id": f"d{i}", "text": "x"} for i in range(10)]
>>> [d["doc_id"] for d in sample_documents(docs, 3)] == [d["doc_id"] for d in sample_documents(docs[::-1], 3)]
True
"""

from __future__ import annotations

import heapq
import logging

from framing.stance.priors import SAMPLE as STANCE_SAMPLE, document_key

#: Documents read to estimate the balances (a corpus of fewer is read whole): on all of SaudiNewsNet's 30,933
#: the run took 80 s with two workers against 69 s without (one more pass over the corpus, 2,000 attributed);
#: the same documents as ``NewsStance().fit(X)`` samples from a table of them ...
SAMPLE = STANCE_SAMPLE
#: ... and at most this many characters of them, so that a corpus of long documents (books, transcripts)
#: holds no more in memory than a few batches would.
SAMPLE_CHARS = 20_000_000


class Sample(list):
    """The sampled documents (a list), and ``read``: how many documents the pass over the corpus read."""

    read = 0


def sample_documents(corpus, size: int = SAMPLE, chars: int = SAMPLE_CHARS) -> Sample:
    """The documents of ``corpus`` whose id has the smallest hash, as many as fit in ``size`` documents and
    ``chars`` characters of text, in the order of the hash.

    One pass, holding no more than the sample: a document pushed out (the
    one of largest hash, while the sample is too big) sets a limit no later
    document may pass, so the sample is the longest run of the hash order
    that fits, whatever order the corpus comes in.  The corpus' own warnings
    (read again by the run itself) are not logged twice.  ``read`` on the
    result counts the documents of the pass: the run's own pass must read as
    many (:func:`check_same_documents`).
    """
    kept: list = []  # a max-heap by the hash (negated)
    total, limit, read = 0, None, 0
    reader = logging.getLogger("framing.corpus")
    level = reader.level
    reader.setLevel(logging.ERROR)
    try:
        for i, doc in enumerate(corpus):
            read += 1
            key = document_key(doc.get("doc_id", i))
            if limit is not None and key >= limit:
                continue
            size_of = len(doc.get("text") or "")
            heapq.heappush(kept, (-key, -i, size_of, doc))
            total += size_of
            while kept and (len(kept) > size or total > chars):
                negated, _, dropped, _ = heapq.heappop(kept)
                total -= dropped
                limit = -negated
    finally:
        reader.setLevel(level)
    out = Sample(doc for *_, doc in sorted(kept, key=lambda item: (-item[0], -item[1])))
    out.read = read
    return out


def check_same_documents(sampled: int | None, read: int, corpus) -> None:
    """Fail when the run's pass over ``corpus`` gave another number of documents (``read``) than the pass
    that sampled it (``sampled``; None when none did): a source that cannot be read twice (a pipe) or
    that changed meanwhile would leave tables that are not of the corpus the priors came from."""
    if sampled is None or sampled == read:
        return
    from framing.errors import RunError

    raise RunError(f"{getattr(corpus, 'name', 'the corpus')}: the pass that sampled it for the stance priors read "
                   f"{sampled} documents and the analysis {read}; the corpus cannot be read twice or changed "
                   f"during the run. Rerun with --restart on a file, or with --no-stance-priors")


def reads_again(corpus) -> bool:
    """Whether ``corpus`` can be read more than once (a :class:`framing.corpus.Corpus`, a list), not a
    generator that a first pass would use up."""
    return iter(corpus) is not corpus


def corpus_side_priors(corpus, stage, size: int = SAMPLE, progress=None) -> tuple[dict | None, int | None]:
    """The balance of sides of each target the stage's news stance model was not trained on, in ``corpus``.

    Returns ``{target name: {"favor", "against", "neutral", "candidates"}}``
    (:func:`framing.stance.priors.estimate_side_priors` over the statements of
    :func:`sample_documents`) and the documents the sampling pass read;
    ``(None, None)`` when the stage has no news stance scorer, its model
    learned every target, or the corpus can be read only once (a generator:
    its documents are for the batches).  ``progress(documents, what)`` wraps the
    pass over the corpus ("reading") and over the sample ("attributing"): bars
    before the run's own.
    """
    from framing.lang import lang_code
    from framing.stance.news_model import NewsStance
    from framing.stance.priors import estimate_side_priors

    scorer = next((s for s in stage.scorers() if isinstance(s, NewsStance)), None)
    if scorer is None or not reads_again(corpus):
        return None, None
    # a target it did not learn, or a model that learned the balances in some languages only
    new = any(scorer._strips(t) for t in range(len(scorer.targets_)))
    if not (new or scorer.balance_languages_):
        return None, None
    sample = sample_documents(progress(corpus, "reading") if progress is not None else corpus, size)
    learned_in = set(scorer.balance_languages_)
    if not new and all(lang_code(str(d.get("lang") or "")) in learned_in for d in sample):
        return None, sample.read  # every target learned, every sampled document in a language it learned them in
    _, utterances, context = stage.statements(progress(sample, "attributing") if progress is not None else sample)
    from framing.measures import scorer_table

    return estimate_side_priors(scorer, scorer_table(utterances, context)), sample.read


__all__ = ["SAMPLE", "SAMPLE_CHARS", "Sample", "sample_documents", "reads_again", "corpus_side_priors",
           "check_same_documents"]
