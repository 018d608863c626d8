"""The topic model (method ``topics.lda.v1``): an LDA fitted on a reference corpus, applied per utterance.

One article cannot carry a topic model, so a :class:`TopicModel` is fitted
on a reference corpus (thousands of articles), saved, and applied to the
utterances of any corpus.  Fitting streams: the documents are read once to
build the vocabulary (:mod:`framing.topics.vocabulary`) and once for the
bags of words, which are kept as compact integer arrays when they fit in
``bow_cache_mb`` (else read again on every training pass); the documents
themselves are never held.  ``n_seeds`` > 1 fits a consensus model
(:mod:`framing.topics.consensus`); labels are editable (:mod:`framing.topics.labels`).

The model is gensim's ``LdaModel`` (not ``LdaMulticore``, whose results
depend on thread timing), seeded by ``seed`` and started from a
factorization of the documents (:mod:`framing.topics.start`), so that
another seed finds the same topics.  Per-utterance topic shares
come from a batched, deterministic version of gensim's variational E-step
(:meth:`TopicModel.topic_shares`): every document starts from the same
``gamma`` instead of a random draw, so an utterance gets the same shares
whatever batch it is in and however often it is scored.

Choosing K and checking that topics recur across seeds are in
:mod:`framing.topics.selection`.

Examples
--------
>>> docs = ["oil prices opec barrels crude market"] * 4 + ["football match goal team league"] * 4
>>> tm = TopicModel(k=2, seed=1, passes=20, no_below=1, no_above=1.0).fit(docs)
>>> import pandas as pd
>>> X = pd.DataFrame({"utterance_id": ["u1", "u2"], "content": ["crude oil", ""], "lang": ["en", "en"]})
>>> out = tm.transform(X)
>>> list(out.columns)[:4], int(out["topic"].iloc[1])
(['utterance_id', 'topic_0', 'topic_1', 'topic'], -1)
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
import warnings
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from framing.errors import FramingError
from framing.scorers import UtteranceScorer
from framing.topics.inputs import _count, _Reiterable, _Texts
from framing.topics.preprocess import PREPROCESS_VERSION, Preprocessor
from framing.topics.vocabulary import _build_vocabulary, _Prepared, _TermIndex

METHOD = "topics.lda.v1"
#: Texts inferred per batch in :meth:`TopicModel.topic_shares`.
BATCH = 1024
_FILES = {"model": "lda.model", "dictionary": "dictionary.txt", "display": "display.json",
          "metadata": "metadata.json"}


# --- the estimator --------------------------------------------------------------

class TopicModel(UtteranceScorer):
    """LDA topic shares per utterance, from a model fitted on a reference corpus.

    Parameters
    ----------
    k : int
        Number of topics.
    seed : int
        Seeds LDA initialisation and sampling; same seed and corpus, same model.
    passes, iterations : int
        gensim ``LdaModel`` passes over the corpus and E-step iterations per
        document (also the cap for inference).
    chunksize : int
        Documents per online update.
    no_below, no_above, keep_n : int, float, int
        Vocabulary pruning: drop terms in fewer than ``no_below`` documents or
        in more than the ``no_above`` share of them; keep the ``keep_n`` most
        frequent of the rest.
    min_share : float
        Also drop terms in fewer than this share of the documents (the larger
        threshold wins; 0.4%: 120 of 30,000 articles, no change below 1,250
        documents, where ``no_below`` is larger).  Rare terms that reach a topic's top words rarely
        meet its other words in new documents: held-out coherence is higher
        without them (see the README's topics section for the figures).
    lang : str, optional
        Fit only on documents in this language (items whose ``lang`` differs
        are skipped and counted); recorded with the model.
    sample : int, optional
        Fit on a random sample of this many documents (drawn with ``seed``).
    stem : bool
        Light-stem Arabic and lemmatize English (see :mod:`framing.topics.preprocess`).
    alpha : str
        Document-topic prior, as gensim takes it (``"symmetric"``, ``"asymmetric"``, ``"auto"``).
    coherence_topn : int
        Top words per topic that UMass coherence scores at fit time (0 skips it).
    n_seeds : int
        1: one LDA fit seeded by ``seed``.  More: a consensus model
        (:mod:`framing.topics.consensus`) of ``n_seeds`` member fits with
        seeds ``seed * n_seeds`` ... ``seed * n_seeds + n_seeds - 1``, topics
        matched and merged, each topic's stability recorded.
    refine_passes : int
        Batch EM passes over the corpus that re-estimate the merged topics
        of a consensus model (0 keeps the plain average).
    member_passes : int, optional
        Passes of each member fit of a consensus model (None: ``passes``);
        the merge and ``refine_passes`` finish what fewer passes leave.
    member_share : float, optional
        Share of the documents each member of a consensus is fitted on (a
        random draw seeded by the member's seed).  Default: 0.8 with the
        ``"nndsvd"`` start, whose fits barely depend on their seed (the
        members then differ by the documents they see, and a topic's
        stability says how well it survives another sample of the corpus);
        1.0 with the ``"random"`` start (the members differ by their seeds).
    init : {"nndsvd", "random"}
        Where a fit starts (:mod:`framing.topics.start`): topic-word weights
        from a non-negative factorization of the documents (NNDSVD start; a
        rerun with another seed finds the same topics), or gensim's random
        draw (the topics change with the seed).
    workers : int
        Processes for the member fits of a consensus model (the result does
        not depend on it).
    heldout_every : int, optional
        Set every N-th document aside (see :mod:`framing.topics.inputs`) and
        fit on the others; recorded, so :mod:`framing.topics.evaluation`
        scores the model on the documents it did not see.
    bow_cache_mb : float
        Keep the bags of words in memory when they fit in this many MB
        (see :mod:`framing.topics.vocabulary`); 0 re-reads the texts on every pass.
    verbose : bool
        Print progress to standard error.

    Examples
    --------
    >>> docs = ["oil prices opec crude"] * 3 + ["football goal league match"] * 3
    >>> tm = TopicModel(k=2, seed=0, passes=20, no_below=1, no_above=1.0).fit(docs)
    >>> sorted(tm.top_words(4).query("topic == 0")["word"]) in (
    ...     sorted("oil prices opec crude".split()), sorted("football goal league match".split()))
    True
    """

    method = METHOD
    method_column = "topic_method"

    def __init__(self, k: int = 20, seed: int = 0, passes: int = 5, iterations: int = 50,
                 chunksize: int = 2000, no_below: int = 5, no_above: float = 0.5, keep_n: int = 50000,
                 min_share: float = 0.004,
                 lang: str | None = None, sample: int | None = None, stem: bool = True,
                 alpha: str = "symmetric", coherence_topn: int = 10, n_seeds: int = 1, refine_passes: int = 1,
                 member_passes: int | None = 3, member_share: float | None = None, init: str = "nndsvd",
                 workers: int = 1,
                 heldout_every: int | None = None, bow_cache_mb: float = 512, verbose: bool = False):
        self.k = k
        self.seed = seed
        self.passes = passes
        self.iterations = iterations
        self.chunksize = chunksize
        self.no_below = no_below
        self.no_above = no_above
        self.keep_n = keep_n
        self.min_share = min_share
        self.lang = lang
        self.sample = sample
        self.stem = stem
        self.alpha = alpha
        self.coherence_topn = coherence_topn
        self.n_seeds = n_seeds
        self.refine_passes = refine_passes
        self.member_passes = member_passes
        self.member_share = member_share
        self.init = init
        self.workers = workers
        self.heldout_every = heldout_every
        self.bow_cache_mb = bow_cache_mb
        self.verbose = verbose

    # -- fitting --

    def fit(self, X, y=None, *, corpus_sha256: str | None = None, corpus_name: str | None = None):
        """Fit on a reference corpus: strings, document dicts, a DataFrame or a Corpus.

        Parameters
        ----------
        X : re-iterable
            Documents; dicts use ``title`` + ``text`` (or ``content``) and ``lang``.
            It is read once for the vocabulary and once per pass.
        corpus_sha256, corpus_name : str, optional
            Recorded in the model metadata (``X.sha256`` is used when present).

        Returns
        -------
        TopicModel
        """
        self._check_settings()
        prepared = self._prepare(X)
        prepared.training["corpus_sha256"] = corpus_sha256 or _attr_str(X, "sha256")
        prepared.training["corpus_name"] = corpus_name or _attr_str(X, "name")
        return self._fit_prepared(prepared)

    def _check_settings(self):
        if int(self.k) < 1:
            raise FramingError(f"k must be at least 1, got {self.k}")
        if not 0 < float(self.no_above) <= 1:
            raise FramingError(f"no_above is a share of documents in (0, 1], got {self.no_above}")
        if self.sample is not None and int(self.sample) < 1:
            raise FramingError(f"sample must be a positive number of documents, got {self.sample}")
        if not 0 <= float(self.min_share) < 1:
            raise FramingError(f"min_share is a share of documents in [0, 1), got {self.min_share}")
        from framing.topics.start import STARTS

        if self.init not in STARTS:
            raise FramingError(f"init is one of {', '.join(STARTS)}, got {self.init!r}")
        if self.member_share is not None and not 0 < float(self.member_share) <= 1:
            raise FramingError(f"member_share is a share of the documents in (0, 1], got {self.member_share}")
        if int(self.n_seeds) < 1 or int(self.workers) < 1:
            raise FramingError(f"n_seeds and workers are at least 1, got {self.n_seeds} and {self.workers}")
        if self.heldout_every is not None and int(self.heldout_every) < 2:
            raise FramingError(f"heldout_every sets every N-th document aside: N must be at least 2, "
                               f"got {self.heldout_every}")

    def _log(self, msg: str):
        if self.verbose:
            print(msg, file=sys.stderr, flush=True)

    def _prepare(self, X) -> _Prepared:
        """First streaming pass: vocabulary, clitic merges, pruning and display forms."""
        keep, sample_info = self._draw_sample(X)
        texts = _Texts(X, lang=self.lang, keep=keep, heldout_every=self.heldout_every)
        prepared = _build_vocabulary(texts, stem=self.stem, no_below=self.no_below, no_above=self.no_above,
                                     keep_n=self.keep_n, sample_info=sample_info, log=self._log,
                                     bow_cache_mb=self.bow_cache_mb, min_share=self.min_share)
        prepared.training["heldout_every"] = int(self.heldout_every) if self.heldout_every else None
        return prepared

    def _draw_sample(self, X) -> tuple[frozenset[int] | None, dict | None]:
        if self.sample is None:
            return None, None
        population = _count(X)
        size = min(int(self.sample), population)
        rng = np.random.default_rng(self.seed)
        chosen = np.sort(rng.choice(population, size=size, replace=False))
        digest = hashlib.sha256(chosen.astype("<i8").tobytes()).hexdigest()[:16]
        self._log(f"sample: {size} of {population} documents (seed {self.seed})")
        return frozenset(chosen.tolist()), {"size": size, "population": population, "seed": self.seed,
                                            "indices_sha256": digest}

    def member_seeds(self) -> list[int]:
        """Seeds of the member fits: ``[seed]`` for one fit, else ``seed * n_seeds + i``.

        >>> TopicModel(seed=2, n_seeds=3).member_seeds()
        [6, 7, 8]
        """
        n = int(self.n_seeds)
        return [int(self.seed) * n + i for i in range(n)] if n > 1 else [int(self.seed)]

    def _lda(self, prepared: _Prepared, seed: int, passes: int | None = None, rows=None):
        """One LDA fit on the prepared corpus (only the documents ``rows`` when given)."""
        from gensim.models import LdaModel

        t0 = time.perf_counter()
        passes = int(self.passes if passes is None else passes)
        corpus = prepared.bow if rows is None else prepared.bow.subset(rows)
        n_docs = prepared.training["n_documents"] if rows is None else len(rows)
        self._log(f"training LDA: k={self.k}, seed={seed}, passes={passes}, start {self.init}, {n_docs} documents")
        settings = dict(id2word=prepared.dictionary, num_topics=int(self.k), random_state=int(seed), passes=passes,
                        iterations=int(self.iterations), chunksize=int(self.chunksize), alpha=self.alpha,
                        eval_every=None, update_every=1)
        start = self._start(prepared, rows) if self.init == "nndsvd" else None
        if start is None:
            model = LdaModel(corpus=corpus, **settings)
        else:
            model = LdaModel(**settings)
            model.state.sstats = start.astype(model.state.sstats.dtype)
            model.sync_state()
            model.update(corpus)
        self._log(f"trained (seed {seed}) in {time.perf_counter() - t0:.1f} s")
        return model

    def _start(self, prepared: _Prepared, rows=None) -> np.ndarray | None:
        """The NNDSVD start of a fit (None: the matrix cannot carry k topics, so the start is random)."""
        from framing.topics.start import nndsvd_start

        t0 = time.perf_counter()
        X = prepared.matrix()
        if rows is not None:
            # a corpus too large to hold has a matrix of its first documents only: keep the rows it has
            rows = np.asarray(rows)
            X = X[rows[rows < X.shape[0]]]
        start = nndsvd_start(X, int(self.k))
        if start is None:
            self._log(f"start: {X.shape[0]} documents and {X.shape[1]} terms cannot carry {self.k} factors; "
                      "starting at random")
        else:
            self._log(f"start: NNDSVD factorization of {X.shape[0]} documents in {time.perf_counter() - t0:.1f} s")
        return start

    def _start_used(self, prepared: _Prepared, consensus: bool) -> str:
        """What the fits start from, for the metadata: the factorization unless it cannot carry k topics."""
        if self.init != "nndsvd":
            return "random"
        from framing.topics.start import can_factorize

        X = prepared.matrix()
        n_docs = round(self._member_share() * X.shape[0]) if consensus else X.shape[0]
        if not can_factorize(n_docs, X.shape[1], X.nnz, int(self.k)):
            return "random (fewer documents or terms than topics for the factorization)"
        return "nndsvd"

    def _member_share(self) -> float:
        if self.member_share is not None:
            return float(self.member_share)
        return 0.8 if self.init == "nndsvd" else 1.0

    def _member_rows(self, prepared: _Prepared, seed: int):
        """The documents a consensus member sees: all, or a share drawn with its seed."""
        share, n = self._member_share(), prepared.training["n_documents"]
        if share >= 1:
            return None
        rng = np.random.default_rng(int(seed))
        return np.sort(rng.choice(n, size=max(1, min(n, round(share * n))), replace=False))

    def _fit_consensus(self, prepared: _Prepared, seeds: list[int]):
        from gensim.models import LdaModel

        from framing.topics.consensus import matched_jaccard, merge_topics, score_topics, top_ids

        prepared.bow.fill()  # read the texts once, before any worker starts
        if self.init == "nndsvd":
            prepared.matrix()  # and the matrix the starts factorize, shared by forked workers
        results = _map_members(self, prepared, seeds)
        lambdas = [lam for lam, _ in results]
        merged = merge_topics(lambdas, topn=10)
        dictionary = prepared.dictionary
        model = LdaModel(id2word=dictionary, num_topics=int(self.k), random_state=int(seeds[0]),
                         iterations=int(self.iterations), chunksize=int(self.chunksize),
                         alpha=np.mean([alpha for _, alpha in results], axis=0), eval_every=None)
        model.state.sstats = (merged.lam - model.eta).astype(model.state.sstats.dtype)
        model.sync_state()
        if int(self.refine_passes):
            # Batch EM from the merged topics: the first pass replaces the averaged (blurred) weights
            # by the corpus's expected counts under them, later ones blend in as online LDA does.
            t0 = time.perf_counter()
            model.update(prepared.bow, passes=int(self.refine_passes), update_every=0, eval_every=None)
            self._log(f"consensus refined with {self.refine_passes} batch pass(es) in {time.perf_counter() - t0:.1f} s")
        stability, similarity, recurrence = score_topics(model.state.get_lambda(), lambdas, merged.matches, 10)
        member_top = [[[dictionary[int(i)] for i in row] for row in top_ids(lam[match], 25)]
                      for lam, match in zip(lambdas, merged.matches)]
        pairs = [float(matched_jaccard([t[:10] for t in member_top[i]], [t[:10] for t in member_top[j]]).mean())
                 for i in range(len(seeds)) for j in range(i + 1, len(seeds))]
        consensus = {"member_seeds": seeds, "topn": 10, "member_share": self._member_share(),
                     "stability": [float(v) for v in stability],
                     "similarity": [float(v) for v in similarity],
                     "recurrence": [float(v) for v in recurrence],
                     "members_matched_jaccard": float(np.mean(pairs)),
                     "member_top_terms": member_top}
        self._log(f"consensus of {len(seeds)} fits: mean top-10 Jaccard of each topic with the members "
                  f"{stability.mean():.3f}; members with each other {np.mean(pairs):.3f}")
        return model, consensus

    def _fit_prepared(self, prepared: _Prepared):
        prepared.bow.log = self._log if self.verbose else None
        seeds = self.member_seeds()
        prepared.training["start"] = self._start_used(prepared, len(seeds) > 1)
        if len(seeds) == 1:
            model, consensus = self._lda(prepared, seeds[0]), None
        else:
            model, consensus = self._fit_consensus(prepared, seeds)
        self.model_, self.dictionary_, self.index_ = model, prepared.dictionary, prepared.index
        self.display_ = prepared.display
        self.labels_ = {}
        self._set_inference_arrays()
        coherence = None
        if self.coherence_topn:
            per_topic = self._coherence(prepared.bow, self.coherence_topn)
            coherence = {"measure": "u_mass", "topn": int(self.coherence_topn),
                         "mean": float(np.mean(per_topic)), "per_topic": [float(c) for c in per_topic]}
            self._log(f"UMass coherence (top {self.coherence_topn}): {coherence['mean']:.3f}")
        self.metadata_ = {
            "method": METHOD,
            "settings": self._settings(),
            "preprocess": Preprocessor(stem=self.stem).settings(),
            "training": dict(prepared.training),
            "coherence": coherence,
            "consensus": consensus,
            "versions": _versions(),
        }
        self.metadata_["fingerprint"] = self._fingerprint()
        self.is_fitted_ = True
        return self

    def _settings(self) -> dict:
        params = self.get_params()
        for name in ("verbose", "workers", "bow_cache_mb"):  # they change how, not what, is fitted
            params.pop(name, None)
        return params

    def _coherence(self, bow_corpus, topn: int) -> list[float]:
        from gensim.models import CoherenceModel

        cm = CoherenceModel(model=self.model_, corpus=bow_corpus, dictionary=self.dictionary_,
                            coherence="u_mass", topn=topn)
        return cm.get_coherence_per_topic()

    def _set_inference_arrays(self):
        model = self.model_
        # V x K, C-contiguous: sparse counts @ this is the E-step's inner product
        self._exp_elog_beta_t = np.ascontiguousarray(model.expElogbeta.T, dtype=np.float32)
        self._alpha = np.asarray(model.alpha, dtype=np.float32)

    def _fingerprint(self) -> str:
        h = hashlib.sha256()
        h.update(json.dumps(self.metadata_["settings"], sort_keys=True).encode())
        h.update("\n".join(self.dictionary_[i] for i in range(len(self.dictionary_))).encode())
        h.update(np.ascontiguousarray(self.model_.state.get_lambda(), dtype=np.float64).tobytes())
        h.update(self._alpha.tobytes())
        return h.hexdigest()[:16]

    @property
    def fingerprint(self) -> str:
        """Short sha256 of settings, vocabulary and topic-word weights; recorded per utterance."""
        self._require_fitted()
        return self.metadata_["fingerprint"]

    def _require_fitted(self):
        if not hasattr(self, "model_"):
            raise FramingError("this TopicModel is not fitted: call fit(corpus) or TopicModel.load(dir)")

    # -- inference --

    def topic_shares(self, texts: Iterable[str]) -> np.ndarray:
        """Topic shares of each text, ``(n, k)``; rows of texts without known terms are NaN.

        Batched variational E-step of gensim's ``LdaModel.inference`` with a
        fixed start (``gamma = 1``, the mean of gensim's random start), so
        the result does not depend on the batch or on earlier calls.  It
        runs in float32, like gensim's default model, with gensim's stopping
        rule (mean change of ``gamma`` below ``gamma_threshold``, at most
        ``iterations`` rounds) applied per text.

        Examples
        --------
        >>> docs = ["oil prices opec crude"] * 3 + ["football goal league match"] * 3
        >>> tm = TopicModel(k=2, seed=0, passes=20, no_below=1, no_above=1.0).fit(docs)
        >>> s = tm.topic_shares(["crude oil", "nothing known"])
        >>> round(float(s[0].sum()), 6), bool(np.isnan(s[1]).all())
        (1.0, True)
        """
        self._require_fitted()
        pre, ids = Preprocessor(stem=self.stem), self.index_.ids
        out, batch = [], []
        for text in texts:
            batch.append(ids(pre(text if isinstance(text, str) else "")))
            if len(batch) == BATCH:
                out.append(self._infer(batch))
                batch = []
        if batch or not out:
            out.append(self._infer(batch))
        return np.vstack(out)

    def _infer(self, batch: list[list[int]]) -> np.ndarray:
        from scipy.sparse import csr_matrix
        from scipy.special import psi

        k = self._alpha.shape[0]
        shares = np.full((len(batch), k), np.nan)
        rows = np.array([i for i, d in enumerate(batch) if d], dtype=np.int64)
        if rows.size == 0:
            return shares
        docs = [batch[i] for i in rows]
        indptr = np.zeros(len(docs) + 1, dtype=np.int64)
        np.cumsum([len(d) for d in docs], out=indptr[1:])
        counts = csr_matrix((np.ones(indptr[-1], dtype=np.float32), np.concatenate(docs), indptr),
                            shape=(len(docs), self._exp_elog_beta_t.shape[0]))
        counts.sum_duplicates()
        gamma = self._e_step(counts, psi)
        shares[rows] = gamma / gamma.sum(axis=1, keepdims=True)
        return shares

    def _e_step(self, counts, psi) -> np.ndarray:
        from scipy.sparse import csr_matrix

        eps = np.finfo(np.float32).eps
        beta_t, alpha = self._exp_elog_beta_t, self._alpha
        threshold = getattr(self.model_, "gamma_threshold", 1e-3)
        gamma = np.ones((counts.shape[0], alpha.shape[0]), dtype=np.float32)
        active = np.ones(counts.shape[0], dtype=bool)
        work = None
        for _ in range(int(self.iterations)):
            # Converged documents stay frozen (as in gensim's per-document loop),
            # but the working set is only compacted when it is mostly frozen:
            # gathering the word columns is the expensive step.
            if work is None or active[work].sum() < 0.5 * len(work):
                work = np.flatnonzero(active)
                sub = counts[work]
                nnz_rows = np.repeat(np.arange(len(work)), np.diff(sub.indptr))
                beta_nnz = beta_t[sub.indices]
            g = gamma[work]
            exp_theta = np.exp(psi(g) - psi(g.sum(axis=1, keepdims=True)))
            phinorm = np.einsum("ij,ij->i", exp_theta[nnz_rows], beta_nnz) + eps
            weighted = csr_matrix((sub.data / phinorm, sub.indices, sub.indptr), shape=sub.shape)
            new = alpha + exp_theta * (weighted @ beta_t)
            live = active[work]
            gamma[work[live]] = new[live]
            done = live & (np.abs(new - g).mean(axis=1) < threshold)
            active[work[done]] = False
            if not active.any():
                break
        return gamma

    def _score(self, X: pd.DataFrame) -> pd.DataFrame:
        self._require_fitted()
        shares = self.topic_shares(X["content"].tolist())
        k = shares.shape[1]
        out = pd.DataFrame(shares, columns=[f"topic_{i}" for i in range(k)])
        known = ~np.isnan(shares).all(axis=1)
        dominant = np.full(len(out), -1, dtype=np.int64)
        if known.any():
            dominant[known] = np.nanargmax(shares[known], axis=1)
        out["topic"] = dominant
        out["topic_model"] = self.fingerprint
        return out

    # -- reading the model --

    def top_words(self, n: int = 10) -> pd.DataFrame:
        """Tidy table of each topic's ``n`` heaviest terms: topic, rank, word, term, weight.

        ``word`` is the most frequent surface form of the stem ``term``.
        """
        self._require_fitted()
        topics = self.model_.get_topics()
        rows = []
        for t, dist in enumerate(topics):
            order = np.argsort(-dist, kind="stable")[:n]
            for rank, tid in enumerate(order, 1):
                term = self.dictionary_[int(tid)]
                rows.append((t, rank, self.display_.get(term, term), term, float(dist[tid])))
        return pd.DataFrame(rows, columns=["topic", "rank", "word", "term", "weight"])

    def topic_labels(self, n: int = 3, sep: str = " · ", edited: bool = True) -> list[str]:
        """One label per topic: the user's label from ``labels.yml``, else its ``n`` top words joined by ``sep``.

        Words are display forms: the most frequent written form of each
        term, or a name as the gazetteer writes it.  ``edited=False`` gives
        the automatic labels only.  See :mod:`framing.topics.labels`.

        >>> docs = ["oil prices opec crude"] * 3 + ["football goal league match"] * 3
        >>> tm = TopicModel(k=2, seed=0, passes=20, no_below=1, no_above=1.0).fit(docs)
        >>> len(tm.topic_labels()), tm.topic_labels()[0].count(" · ")
        (2, 2)
        >>> tm.set_label(1, "Sport").topic_labels()[1]
        'Sport'
        """
        words = self.top_words(n)
        auto = [sep.join(g["word"]) for _, g in words.groupby("topic", sort=True)]
        if not edited:
            return auto
        labels = getattr(self, "labels_", {})
        return [labels.get(t, a) for t, a in enumerate(auto)]

    def set_label(self, topic: int, label: str | None) -> "TopicModel":
        """Name ``topic`` (None restores its automatic label); saved to ``labels.yml`` by :meth:`save`."""
        self._require_fitted()
        if not 0 <= int(topic) < int(self.k):
            raise FramingError(f"topic {topic} is not in 0..{int(self.k) - 1}")
        labels = dict(getattr(self, "labels_", {}))
        if label is None:
            labels.pop(int(topic), None)
        else:
            labels[int(topic)] = str(label)
        self.labels_ = labels
        return self

    def topic_coherence(self, texts=None, topn: int | None = None) -> pd.DataFrame:
        """UMass coherence per topic: stored from fitting, or recomputed on ``texts``.

        Returns a table of topic, coherence, label (higher, i.e. closer to 0, is better).
        """
        self._require_fitted()
        if texts is None:
            stored = self.metadata_.get("coherence")
            if not stored:
                raise FramingError("this model was fitted with coherence_topn=0: pass texts to score")
            values, topn = stored["per_topic"], stored["topn"]
        else:
            topn = topn or self.coherence_topn or 10
            pre, bow = Preprocessor(stem=self.stem), self.index_.bow
            corpus = _Reiterable(lambda: (bow(pre(t)) for t in _Texts(texts)))
            values = self._coherence(corpus, topn)
        return pd.DataFrame({"topic": range(len(values)), "coherence": values,
                             "label": self.topic_labels(min(3, topn))})

    # -- persistence --

    def save(self, directory) -> Path:
        """Write the model, vocabulary, display forms, JSON metadata and ``labels.yml`` into ``directory``.

        Edited labels already in the folder's ``labels.yml`` are kept (see
        :mod:`framing.topics.labels`).  Returns the directory.  Model files are gensim pickles: load only
        models you trust.
        """
        self._require_fitted()
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        self.model_.save(str(d / _FILES["model"]), ignore=("id2word",))
        self.dictionary_.save_as_text(str(d / _FILES["dictionary"]))
        (d / _FILES["display"]).write_text(json.dumps(self.display_, ensure_ascii=False, sort_keys=True),
                                           encoding="utf-8")
        (d / _FILES["metadata"]).write_text(json.dumps(self.metadata_, ensure_ascii=False, indent=2,
                                                       sort_keys=True) + "\n", encoding="utf-8")
        self._save_labels(d)
        return d

    def _save_labels(self, d: Path) -> None:
        from framing.topics.labels import carry_over, read_labels, write_labels

        top = self.top_words(10)
        words = [list(g["word"]) for _, g in top.groupby("topic", sort=True)]
        # a user's edits in the folder survive, on the topic with their words
        labels = {**carry_over(read_labels(d), words), **getattr(self, "labels_", {})}
        self.labels_ = labels
        consensus = self.metadata_.get("consensus") or {}
        write_labels(d, self.topic_labels(edited=False), words, labels, consensus.get("stability"))

    @classmethod
    def load(cls, directory) -> "TopicModel":
        """Read a model written by :meth:`save`; checks its fingerprint."""
        from gensim.corpora import Dictionary
        from gensim.models import LdaModel

        d = Path(directory)
        missing = [name for name in _FILES.values() if not (d / name).exists()]
        if missing:
            raise FramingError(f"{d}: not a saved topic model (missing {', '.join(missing)})")
        try:
            metadata = json.loads((d / _FILES["metadata"]).read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise FramingError(f"{d / _FILES['metadata']}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
        # models saved before these settings existed were fitted with gensim's random start, full passes
        tm = cls(**{"init": "random", "member_passes": None, **metadata["settings"]})
        tm.model_ = LdaModel.load(str(d / _FILES["model"]))
        tm.dictionary_ = Dictionary.load_from_text(str(d / _FILES["dictionary"]))
        tm.model_.id2word = tm.dictionary_
        tm.index_ = _TermIndex(tm.dictionary_.token2id)
        tm.display_ = json.loads((d / _FILES["display"]).read_text(encoding="utf-8"))
        tm.metadata_ = metadata
        from framing.topics.labels import edited, read_labels
        tm.labels_ = edited(read_labels(d))
        tm._set_inference_arrays()
        tm.is_fitted_ = True
        if tm._fingerprint() != metadata.get("fingerprint"):
            raise FramingError(f"{d}: model files do not match the fingerprint in {_FILES['metadata']} "
                               "(edited or mixed from two models)")
        _warn_if_preprocessing_changed(d, metadata, tm.stem)
        return tm


# what forked member fits read: set just before the pool starts, cleared after
_SHARED: tuple | None = None


def _member_fit(seed: int):
    from threadpoolctl import threadpool_limits

    tm, prepared = _SHARED
    # one BLAS thread per worker: the workers already fill the cores, and threads on top of them
    # slowed the factorization start fourfold and each LDA pass by a fifth
    with threadpool_limits(limits=1, user_api="blas"):
        return _member_result(tm._lda(prepared, seed, tm.member_passes, tm._member_rows(prepared, seed)))


def _member_result(model):
    return model.state.get_lambda(), np.asarray(model.alpha, dtype=np.float64)


def _map_members(tm: TopicModel, prepared: _Prepared, seeds: list[int]) -> list:
    """Fit one LDA per seed: in forked processes when ``workers`` > 1, else here, in seed order."""
    import multiprocessing

    global _SHARED
    workers = min(int(tm.workers), len(seeds))
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        _SHARED = (tm, prepared)
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                return pool.map(_member_fit, seeds, chunksize=1)
        finally:
            _SHARED = None
    return [_member_result(tm._lda(prepared, s, tm.member_passes, tm._member_rows(prepared, s))) for s in seeds]


def _attr_str(obj, name: str) -> str | None:
    value = getattr(obj, name, None)
    return value if isinstance(value, str) else None


def _versions() -> dict:
    import gensim

    from framing import __version__
    return {"framing": __version__, "gensim": gensim.__version__, "numpy": np.__version__}


def _warn_if_preprocessing_changed(d: Path, metadata: dict, stem: bool):
    saved = metadata.get("preprocess", {})
    now = Preprocessor(stem=stem).settings()
    changed = [key for key in ("preprocess_version", "stemmer_version", "stopwords", "names")
               if saved.get(key) != now.get(key)]
    if changed:
        warnings.warn(f"{d}: the model was fitted with other preprocessing ({', '.join(changed)} differ from "
                      f"{PREPROCESS_VERSION} as installed); utterance terms may not match its vocabulary",
                      stacklevel=3)
