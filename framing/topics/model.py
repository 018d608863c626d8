"""Topic models: an LDA fitted on a reference corpus, applied per utterance.

One article cannot carry a topic model, so a :class:`TopicModel` is fitted
on a reference corpus (thousands of articles), saved, and applied to the
utterances of any corpus.  Fitting streams: the documents are read once to
build the vocabulary and once per training pass; only the vocabulary and
the model live in memory.

The model is gensim's ``LdaModel`` (not ``LdaMulticore``, whose results
depend on thread timing), seeded by ``seed``.  Per-utterance topic shares
come from a batched, deterministic version of gensim's variational E-step
(:meth:`TopicModel.topic_shares`): every document starts from the same
``gamma`` instead of a random draw, so an utterance gets the same shares
whatever batch it is in and however often it is scored.

Vocabulary
    Terms come from :class:`framing.topics.preprocess.Preprocessor`.  A stem that
    starts with a bare proclitic (``وحرب``) is merged into the shorter
    reading (``حرب``) when the corpus uses the shorter one at least as
    often; ``وزير`` stays, because ``زير`` is rare.  Pruning then applies
    ``no_below``, ``no_above`` and ``keep_n`` (gensim's ``filter_extremes``).

Choosing and checking a model
    :func:`choose_k` fits one model per K and reports UMass coherence
    (document co-occurrence of each topic's top words, one pass over the
    corpus: fast enough for 30,000 articles, unlike C_V's sliding windows).
    :func:`stability` fits one model per seed, matches topics between runs
    with the Hungarian algorithm on Jensen-Shannon similarity, and reports
    the mean matched similarity.

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
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from framing.errors import FramingError
from framing.topics.preprocess import ARTICLE_PREFIXES, PREPROCESS_VERSION, Preprocessor, clitic_candidates
from framing.scorers import UtteranceScorer
from framing.text import fold

METHOD = "topics.lda.v1"
#: Texts inferred per batch in :meth:`TopicModel.topic_shares`.
BATCH = 1024
_FILES = {"model": "lda.model", "dictionary": "dictionary.txt", "display": "display.json",
          "metadata": "metadata.json"}


# --- input --------------------------------------------------------------------

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

    def __init__(self, source, lang: str | None = None, keep: frozenset[int] | None = None):
        if iter(source) is source:
            raise FramingError("fitting a topic model reads the corpus once per pass: pass a re-iterable "
                               "corpus (a list, a DataFrame or a framing.corpus.documents Corpus), not a generator")
        self.source, self.lang, self.keep = source, lang, keep
        self.skipped = {"lang": 0, "duplicate": 0}

    def __iter__(self):
        skipped = {"lang": 0, "duplicate": 0}
        for i, item in enumerate(_records(self.source)):
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


# --- vocabulary -----------------------------------------------------------------

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
    ``وزير`` stays because ``زير`` is rarer.  Returns how many stems were merged.
    """
    t2i, cfs, dfs = dictionary.token2id, dictionary.cfs, dictionary.dfs
    remap = {}
    for tok, tid in t2i.items():
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
    bow: "_BowStream" = field(init=False)

    def __post_init__(self):
        self.bow = _BowStream(self)


class _BowStream:
    """Re-iterable bag-of-words corpus for gensim; re-reads the texts on every pass."""

    def __init__(self, prepared: _Prepared, log=None):
        self.prepared = prepared
        self.log = log
        self.passes = 0

    def __len__(self):
        return self.prepared.training["n_documents"]

    def __iter__(self):
        pre = Preprocessor(stem=self.prepared.training["stem"])
        bow = self.prepared.index.bow
        t0 = time.perf_counter()
        for text in self.prepared.texts:
            yield bow(pre(text))
        self.passes += 1
        if self.log:
            self.log(f"  pass {self.passes} over {len(self)} documents: {time.perf_counter() - t0:.1f} s")


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
                 lang: str | None = None, sample: int | None = None, stem: bool = True,
                 alpha: str = "symmetric", coherence_topn: int = 10, verbose: bool = False):
        self.k = k
        self.seed = seed
        self.passes = passes
        self.iterations = iterations
        self.chunksize = chunksize
        self.no_below = no_below
        self.no_above = no_above
        self.keep_n = keep_n
        self.lang = lang
        self.sample = sample
        self.stem = stem
        self.alpha = alpha
        self.coherence_topn = coherence_topn
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

    def _log(self, msg: str):
        if self.verbose:
            print(msg, file=sys.stderr, flush=True)

    def _prepare(self, X) -> _Prepared:
        """First streaming pass: vocabulary, clitic merges, pruning and display forms."""
        from gensim.corpora import Dictionary

        keep, sample_info = self._draw_sample(X)
        texts = _Texts(X, lang=self.lang, keep=keep)
        pre = Preprocessor(stem=self.stem)
        dictionary, surfaces, digest = Dictionary(), Counter(), hashlib.sha256()
        t0 = time.perf_counter()
        for n, text in enumerate(texts, 1):
            digest.update(text.encode("utf-8", "surrogatepass") + b"\x00")
            pairs = pre.pairs(text)
            dictionary.doc2bow([t for _, t in pairs], allow_update=True)
            surfaces.update([w for w, _ in pairs])
            if n % 5000 == 0:
                self._log(f"  vocabulary: {n} documents, {len(dictionary)} terms")
        n_docs = dictionary.num_docs
        if n_docs == 0:
            raise FramingError("no documents to fit a topic model on"
                               + (f" ({texts.skipped['lang']} were not in language {self.lang!r})"
                                  if texts.skipped["lang"] else ""))
        n_terms = len(dictionary)
        merged = _merge_clitic_forms(dictionary)
        dictionary.filter_extremes(no_below=self.no_below, no_above=self.no_above, keep_n=self.keep_n)
        if len(dictionary) == 0:
            raise FramingError(f"no term is left after pruning (no_below={self.no_below}, "
                               f"no_above={self.no_above}) on {n_docs} documents: lower no_below")
        index = _TermIndex(dictionary.token2id)
        display = _display_forms(surfaces, pre, index, dictionary)
        self._log(f"vocabulary: {n_docs} documents, {dictionary.num_pos} terms counted, {n_terms} distinct, "
                  f"{merged} clitic forms merged, {len(dictionary)} kept ({time.perf_counter() - t0:.1f} s)")
        training = {"n_documents": n_docs, "n_term_tokens": dictionary.num_pos, "texts_sha256": digest.hexdigest(),
                    "n_skipped_lang": texts.skipped["lang"], "n_skipped_duplicates": texts.skipped["duplicate"],
                    "sample": sample_info, "vocabulary_before_pruning": n_terms,
                    "merged_clitic_forms": merged, "vocabulary": len(dictionary), "stem": self.stem}
        return _Prepared(dictionary, index, texts, display, training)

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

    def _fit_prepared(self, prepared: _Prepared):
        from gensim.models import LdaModel

        t0 = time.perf_counter()
        prepared.bow.log = self._log if self.verbose else None
        self._log(f"training LDA: k={self.k}, seed={self.seed}, passes={self.passes}, "
                  f"{prepared.training['n_documents']} documents")
        model = LdaModel(corpus=prepared.bow, id2word=prepared.dictionary, num_topics=int(self.k),
                         random_state=int(self.seed), passes=int(self.passes), iterations=int(self.iterations),
                         chunksize=int(self.chunksize), alpha=self.alpha, eval_every=None, update_every=1)
        self._log(f"trained in {time.perf_counter() - t0:.1f} s")
        self.model_, self.dictionary_, self.index_ = model, prepared.dictionary, prepared.index
        self.display_ = prepared.display
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
            "versions": _versions(),
        }
        self.metadata_["fingerprint"] = self._fingerprint()
        self.is_fitted_ = True
        return self

    def _settings(self) -> dict:
        params = self.get_params()
        params.pop("verbose", None)
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

    def topic_labels(self, n: int = 3, sep: str = " · ") -> list[str]:
        """One label per topic: its ``n`` top words joined by ``sep``.

        >>> docs = ["oil prices opec crude"] * 3 + ["football goal league match"] * 3
        >>> tm = TopicModel(k=2, seed=0, passes=20, no_below=1, no_above=1.0).fit(docs)
        >>> len(tm.topic_labels()), tm.topic_labels()[0].count(" · ")
        (2, 2)
        """
        words = self.top_words(n)
        return [sep.join(g["word"]) for _, g in words.groupby("topic", sort=True)]

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
        """Write the model, vocabulary, display forms and JSON metadata into ``directory``.

        Returns the directory.  Model files are gensim pickles: load only
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
        return d

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
        tm = cls(**metadata["settings"])
        tm.model_ = LdaModel.load(str(d / _FILES["model"]))
        tm.dictionary_ = Dictionary.load_from_text(str(d / _FILES["dictionary"]))
        tm.model_.id2word = tm.dictionary_
        tm.index_ = _TermIndex(tm.dictionary_.token2id)
        tm.display_ = json.loads((d / _FILES["display"]).read_text(encoding="utf-8"))
        tm.metadata_ = metadata
        tm._set_inference_arrays()
        tm.is_fitted_ = True
        if tm._fingerprint() != metadata.get("fingerprint"):
            raise FramingError(f"{d}: model files do not match the fingerprint in {_FILES['metadata']} "
                               "(edited or mixed from two models)")
        _warn_if_preprocessing_changed(d, metadata, tm.stem)
        return tm


class _Reiterable:
    def __init__(self, make):
        self.make = make

    def __iter__(self):
        return iter(self.make())


def _attr_str(obj, name: str) -> str | None:
    value = getattr(obj, name, None)
    return value if isinstance(value, str) else None


# a preposition or conjunction before the article: "والتراث" labels worse than "التراث"
_CLITIC_BEFORE_ARTICLE = tuple(p for p in ARTICLE_PREFIXES if p != "ال")


def _display_forms(surfaces: Counter, pre: Preprocessor, index: _TermIndex, dictionary) -> dict[str, str]:
    """Most frequent written form of each kept term, for labels.

    Forms without a clitic before the article win over those with one;
    ties go to the alphabetically first form.
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
    return {dictionary[tid]: surface for tid, (_, _, surface) in best.items()}


def _versions() -> dict:
    import gensim

    from framing import __version__
    return {"framing": __version__, "gensim": gensim.__version__, "numpy": np.__version__}


def _warn_if_preprocessing_changed(d: Path, metadata: dict, stem: bool):
    saved = metadata.get("preprocess", {})
    now = Preprocessor(stem=stem).settings()
    changed = [key for key in ("preprocess_version", "stemmer_version", "stopwords")
               if saved.get(key) != now.get(key)]
    if changed:
        warnings.warn(f"{d}: the model was fitted with other preprocessing ({', '.join(changed)} differ from "
                      f"{PREPROCESS_VERSION} as installed); utterance terms may not match its vocabulary",
                      stacklevel=3)


# --- choosing K and checking stability ---------------------------------------------

def choose_k(texts, ks=(5, 10, 15, 20), seed: int = 0, topn: int = 10, **settings) -> pd.DataFrame:
    """Fit one model per K on one shared vocabulary and compare UMass coherence.

    Parameters
    ----------
    texts : re-iterable
        The reference corpus, as :meth:`TopicModel.fit` takes it.
    ks : sequence of int
        Numbers of topics to try.
    seed : int
        Seed for every fit.
    topn : int
        Top words per topic that coherence scores.
    **settings
        Other :class:`TopicModel` settings (passes, no_below, ...).

    Returns
    -------
    DataFrame
        k, coherence (mean UMass over topics; closer to 0 is better),
        coherence_min, coherence_sd, measure.  UMass tends to favour fewer,
        broader topics: read the topics and :func:`stability` beside it.

    Examples
    --------
    >>> docs = ["oil prices opec crude"] * 3 + ["football goal league match"] * 3
    >>> table = choose_k(docs, ks=(2, 3), passes=5, no_below=1, no_above=1.0)
    >>> list(table["k"])
    [2, 3]
    """
    base = TopicModel(seed=seed, coherence_topn=topn, **settings)
    base._check_settings()
    prepared = base._prepare(texts)
    rows = []
    for k in ks:
        tm = TopicModel(**{**base.get_params(), "k": int(k)})._fit_prepared(prepared)
        per_topic = np.asarray(tm.metadata_["coherence"]["per_topic"])
        rows.append({"k": int(k), "coherence": per_topic.mean(), "coherence_min": per_topic.min(),
                     "coherence_sd": per_topic.std(ddof=0), "measure": f"u_mass@{topn}"})
        tm._log(f"k={k}: UMass {per_topic.mean():.3f}")
    return pd.DataFrame(rows)


def topic_similarity(a: np.ndarray, b: np.ndarray, metric: str = "jsd") -> np.ndarray:
    """Similarity of every topic in ``a`` to every topic in ``b`` (rows: word distributions).

    ``jsd``: 1 − Jensen–Shannon distance (base 2), in [0, 1];
    ``cosine``: cosine similarity.

    >>> a = np.array([[0.5, 0.5, 0.0], [0.0, 0.0, 1.0]])
    >>> topic_similarity(a, a).round(3).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    from scipy.spatial.distance import cdist
    from scipy.special import rel_entr

    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if metric == "jsd":
        a = a / a.sum(axis=1, keepdims=True)
        b = b / b.sum(axis=1, keepdims=True)
        out = np.empty((a.shape[0], b.shape[0]))
        for i, p in enumerate(a):  # one row at a time: K x V, not K x K x V, in memory
            m = (p + b) / 2
            div = 0.5 * (rel_entr(p, m).sum(axis=1) + rel_entr(b, m).sum(axis=1)) / np.log(2)
            out[i] = 1.0 - np.sqrt(np.clip(div, 0.0, 1.0))
        return out
    if metric == "cosine":
        return 1.0 - cdist(a, b, metric="cosine")
    raise FramingError(f"unknown topic similarity {metric!r}: use 'jsd' or 'cosine'")


def align_topics(a: np.ndarray, b: np.ndarray, metric: str = "jsd") -> tuple[np.ndarray, np.ndarray]:
    """Match each topic of ``a`` to a distinct topic of ``b`` (Hungarian, maximum total similarity).

    Returns
    -------
    match : array of int
        ``match[i]`` is the topic of ``b`` paired with topic ``i`` of ``a``.
    similarity : array of float
        Similarity of each pair.

    Examples
    --------
    >>> a = np.array([[0.9, 0.1, 0.0], [0.0, 0.1, 0.9]])
    >>> match, sim = align_topics(a, a[::-1])
    >>> match.tolist()
    [1, 0]
    """
    from scipy.optimize import linear_sum_assignment

    sim = topic_similarity(a, b, metric)
    rows, cols = linear_sum_assignment(sim, maximize=True)
    match = np.empty(sim.shape[0], dtype=np.int64)
    match[rows] = cols
    return match, sim[rows, cols][np.argsort(rows)]


@dataclass
class Stability:
    """Result of :func:`stability`.

    Attributes
    ----------
    score : float
        Mean matched similarity over all pairs of runs (1 = identical topics).
    pairs : DataFrame
        seed_a, seed_b, similarity (mean over matched topics), min_similarity.
    topics : DataFrame
        For each topic of the first seed's model: its label and mean matched
        similarity in the other runs (which topics are reliable).
    """

    score: float
    pairs: pd.DataFrame
    topics: pd.DataFrame


def stability(texts, k: int = 20, seeds=(0, 1, 2), metric: str = "jsd", **settings) -> Stability:
    """Fit one model per seed on one vocabulary and measure how well topics recur.

    Topics of every pair of runs are matched with :func:`align_topics`;
    the score is the mean matched similarity over all pairs.

    Examples
    --------
    >>> docs = ["oil prices opec crude"] * 4 + ["football goal league match"] * 4
    >>> st = stability(docs, k=2, seeds=(0, 1), passes=20, no_below=1, no_above=1.0)
    >>> st.score > 0.5, list(st.pairs.columns)
    (True, ['seed_a', 'seed_b', 'similarity', 'min_similarity'])
    """
    seeds = [int(s) for s in seeds]
    if len(seeds) < 2:
        raise FramingError("stability needs at least two seeds")
    settings = {**settings, "k": int(k), "coherence_topn": settings.get("coherence_topn", 0)}
    if settings.get("sample"):
        raise FramingError("stability compares seeds on one vocabulary: fit on the full corpus (no sample)")
    base = TopicModel(seed=seeds[0], **settings)
    base._check_settings()
    prepared = base._prepare(texts)
    models = [TopicModel(**{**base.get_params(), "seed": s})._fit_prepared(prepared) for s in seeds]
    topics = [m.model_.get_topics() for m in models]
    rows, per_topic = [], defaultdict(list)
    for i in range(len(seeds)):
        for j in range(i + 1, len(seeds)):
            _, sim = align_topics(topics[i], topics[j], metric)
            rows.append({"seed_a": seeds[i], "seed_b": seeds[j], "similarity": float(sim.mean()),
                         "min_similarity": float(sim.min())})
            if i == 0:
                for t, s in enumerate(sim):
                    per_topic[t].append(float(s))
    pairs = pd.DataFrame(rows)
    table = pd.DataFrame({"topic": range(int(k)), "label": models[0].topic_labels(),
                          "similarity": [float(np.mean(per_topic[t])) for t in range(int(k))]})
    return Stability(float(pairs["similarity"].mean()), pairs, table)
