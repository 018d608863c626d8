"""Held-out evaluation of a topic model: NPMI coherence on documents it did not see, diversity, stability.

Coherence on the training documents rewards a model for memorising them;
:func:`evaluate` scores a model on held-out documents instead:

``npmi``
    gensim's ``CoherenceModel`` with ``c_npmi`` (normalised pointwise mutual
    information of each pair of a topic's top ``topn`` terms, counted in
    sliding windows of 10 terms over the held-out documents; -1 to 1,
    higher is better, below 0 means the words co-occur less than by chance).
    The held-out texts go through the model's own preprocessing, so each
    model is scored on its own terms.
``diversity``
    Share of distinct terms among all topics' top 25 (1: no term repeats).
``baseline``
    The same measures for "topics" cut from the terms found in most
    documents (the first ``topn`` terms, the next ``topn`` ...): what coherence
    frequent words alone reach on these documents.  A consensus model also
    reports its member fits scored the same way.
``stability``
    For a consensus model: the mean top-10 Jaccard of each topic with the
    member fits, and of the member fits with each other.

Examples
--------
>>> docs = ["oil prices opec crude market"] * 6 + ["football goal league match team"] * 6
>>> from framing.topics.model import TopicModel
>>> tm = TopicModel(k=2, passes=10, no_below=1, no_above=1.0).fit(docs)
>>> report = evaluate(tm, ["crude oil prices at opec", "the league match and goal"], topn=3)
>>> sorted(report)[:4], report["documents"]
(['baseline', 'diversity', 'documents', 'heldout_every'], 2)
"""

from __future__ import annotations

import numpy as np

from framing.errors import FramingError
from framing.topics.inputs import _Texts
from framing.topics.preprocess import Preprocessor

#: Top terms per topic that diversity counts (Dieng et al. 2020 use 25).
DIVERSITY_TOPN = 25


def heldout_terms(model, texts, heldout_every: int | None = None) -> list[list[str]]:
    """Term lists of the held-out documents, as the model's preprocessing and vocabulary read them.

    With ``heldout_every`` the documents are the every-N-th ones of ``texts``
    (the part a fit with the same setting left out); without it, all of them.
    Terms the vocabulary merged (a clitic form) are written as the kept term;
    unknown terms stay in place, so sliding windows keep their width.
    """
    pre, index, dictionary = Preprocessor(stem=model.stem), model.index_, model.dictionary_
    part = "heldout" if heldout_every else "train"
    out = []
    for text in _Texts(texts, lang=model.lang, heldout_every=heldout_every, part=part):
        terms = pre(text)
        out.append([dictionary[i] if (i := index.id(t)) >= 0 else t for t in terms])
    return out


def npmi(topics: list[list[str]], texts: list[list[str]], dictionary, topn: int = 10) -> np.ndarray:
    """NPMI coherence (gensim ``c_npmi``, window 10) of each topic's top ``topn`` terms on ``texts``.

    >>> from gensim.corpora import Dictionary
    >>> texts = [["oil", "crude", "price"], ["goal", "match", "league"]] * 5
    >>> npmi([["oil", "crude"], ["oil", "goal"]], texts, Dictionary(texts), topn=2).round(2).tolist()
    [1.0, -0.95]

    (Words never seen together score close to -1: gensim adds 1e-12 to the joint probability.)
    """
    from gensim.models import CoherenceModel

    topics = [[t for t in topic if t in dictionary.token2id][:topn] for topic in topics]
    scored = [i for i, t in enumerate(topics) if len(t) >= 2]
    out = np.full(len(topics), np.nan)
    if scored:
        cm = CoherenceModel(topics=[topics[i] for i in scored], texts=texts, dictionary=dictionary,
                            coherence="c_npmi", topn=topn, processes=1)
        with np.errstate(divide="ignore", invalid="ignore"):  # pairs never seen together score -1
            out[scored] = cm.get_coherence_per_topic()
    # NPMI lies in [-1, 1]; gensim divides by -log p(w1, w2), which is 0 for a pair found in every
    # window (only in tiny corpora)
    return np.clip(out, -1.0, 1.0)


def diversity(topics: list[list[str]], topn: int = DIVERSITY_TOPN) -> float:
    """Share of distinct terms among the topics' top ``topn`` terms.

    >>> diversity([["a", "b"], ["b", "c"]], topn=2)
    0.75
    """
    words = [w for topic in topics for w in topic[:topn]]
    return len(set(words)) / len(words) if words else float("nan")


def frequency_topics(model, k: int, topn: int) -> list[list[str]]:
    """``k`` pseudo-topics of the terms in most documents, ``topn`` each, in that order.

    Document frequencies, because a saved vocabulary keeps them (gensim's
    text format has no collection counts).
    """
    dictionary = model.dictionary_
    ids = sorted(dictionary.dfs, key=lambda i: (-dictionary.dfs[i], i))[:k * topn]
    terms = [dictionary[i] for i in ids]
    return [terms[j * topn:(j + 1) * topn] for j in range(max(1, len(terms) // topn))]


def _scores(topics, texts, dictionary, topn) -> dict:
    per_topic = npmi(topics, texts, dictionary, topn)
    return {"npmi": float(np.nanmean(per_topic)) if np.isfinite(per_topic).any() else float("nan"),
            "npmi_per_topic": [float(v) for v in per_topic],
            "topics_below_zero": int((per_topic < 0).sum()),
            "diversity": diversity(topics)}


def evaluate(model, texts, heldout_every: int | None = None, topn: int = 10) -> dict:
    """Held-out NPMI, diversity and stability of a fitted model (see the module notes).

    Parameters
    ----------
    model : TopicModel
        A fitted or loaded model.
    texts : re-iterable
        Held-out documents (strings, dicts, a DataFrame or a Corpus); with
        ``heldout_every``, the corpus the model was split from.
    heldout_every : int, optional
        Score only every N-th document of ``texts``.
    topn : int
        Top terms per topic for NPMI.

    Returns
    -------
    dict
        documents, heldout_every, topn, npmi, npmi_per_topic,
        topics_below_zero, diversity, baseline (frequent-term topics, and for
        a consensus model its member fits: mean and each), stability
        (consensus models only; else None).
    """
    model._require_fitted()
    known = model.dictionary_.token2id
    texts = [t for t in heldout_terms(model, texts, heldout_every) if any(w in known for w in t)]
    if not texts:
        raise FramingError("no held-out document has a term the model knows")
    dictionary = model.dictionary_
    top = model.top_words(DIVERSITY_TOPN)
    topics = [list(g["term"]) for _, g in top.groupby("topic", sort=True)]
    report = {"documents": len(texts), "heldout_every": heldout_every, "topn": int(topn),
              **_scores(topics, texts, dictionary, topn)}
    baseline = {"frequent_terms": _scores(frequency_topics(model, int(model.k), topn), texts, dictionary, topn)}
    consensus = model.metadata_.get("consensus")
    stability = None
    if consensus:
        members = [_scores(m, texts, dictionary, topn) for m in consensus["member_top_terms"]]
        baseline["members"] = {
            "seeds": consensus["member_seeds"],
            "npmi": float(np.mean([m["npmi"] for m in members])),
            "topics_below_zero": float(np.mean([m["topics_below_zero"] for m in members])),
            "diversity": float(np.mean([m["diversity"] for m in members])),
            "each": [{"seed": s, "npmi": m["npmi"], "topics_below_zero": m["topics_below_zero"]}
                     for s, m in zip(consensus["member_seeds"], members)]}
        stability = {"topic_vs_members_jaccard": float(np.mean(consensus["stability"])),
                     "per_topic": consensus["stability"],
                     "members_matched_jaccard": consensus["members_matched_jaccard"]}
    report["baseline"] = baseline
    report["stability"] = stability
    return report
