"""Where an LDA fit starts: topic-word weights from a non-negative factorization of the corpus.

gensim starts LDA from random topic-word weights, so two seeds end in
different local optima: on Arabic news two seeds share about 40% of each
topic's top ten words.  Starting instead from a non-negative matrix
factorization of the document-term matrix with the NNDSVD start (Boutsidis
& Gallopoulos 2008: a non-negative reading of the truncated SVD, computed
with a fixed seed) gives every fit the same start, so a rerun with another
seed finds the same topics; the seed then only moves each document's
starting point in the E-step.  The factorization is of the bags of words
normalized to sum to one per document (long articles do not outweigh short
ones), fitted by coordinate descent (scikit-learn's ``NMF``).

Examples
--------
>>> import scipy.sparse as sp
>>> X = sp.csr_matrix(np.array([[3, 2, 0, 0], [2, 3, 0, 0], [0, 0, 4, 1], [0, 0, 1, 4]], dtype=float))
>>> start = nndsvd_start(X, 2)
>>> start.shape, bool(np.allclose(start.sum(), X.sum()))
((2, 4), True)
>>> sorted(set(start.argmax(axis=1).tolist()) & {0, 1}), sorted(set(start.argmax(axis=1).tolist()) & {2, 3}) != []
([0], True)
"""

from __future__ import annotations

import warnings

import numpy as np

#: Starts a fit can take: the factorization, or gensim's random draw.
STARTS = ("nndsvd", "random")


def bag_matrix(bags, n_terms: int, rows=None):
    """A sparse document-term count matrix (CSR) of a bag-of-words corpus.

    Parameters
    ----------
    bags : iterable of list of (int, int)
        Documents as ``(term id, count)`` pairs.
    n_terms : int
        Vocabulary size (columns).
    rows : int, optional
        Read at most this many documents (the start of a corpus too large
        to hold is fitted on its first documents).
    """
    import scipy.sparse as sp

    indptr, indices, data = [0], [], []
    for n, bag in enumerate(bags):
        if rows is not None and n >= rows:
            break
        indices.extend(i for i, _ in bag)
        data.extend(c for _, c in bag)
        indptr.append(len(indices))
    return sp.csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                          np.asarray(indptr, dtype=np.int64)), shape=(len(indptr) - 1, n_terms))


def can_factorize(n_docs: int, n_terms: int, nnz: int, k: int) -> bool:
    """Whether a documents × terms matrix can carry ``k`` factors (else a fit starts at random).

    >>> can_factorize(10, 50, 120, 5), can_factorize(3, 50, 40, 5)
    (True, False)
    """
    return nnz > 0 and k <= min(n_docs, n_terms)


def nndsvd_start(X, k: int, max_iter: int = 100) -> np.ndarray | None:
    """Starting topic-word counts ``(k, V)`` from an NMF of ``X`` (documents × terms counts).

    Each topic gets an equal share of the corpus's tokens, spread over the
    terms as its factor weighs them.  Returns None when the matrix cannot
    carry ``k`` factors (fewer documents or terms than topics, or no
    counts): the caller then starts at random.
    """
    from sklearn.decomposition import NMF

    if not can_factorize(X.shape[0], X.shape[1], X.nnz, k):
        return None
    total = float(X.sum())
    lengths = np.asarray(X.sum(axis=1)).ravel()
    scaled = X.multiply(1.0 / np.maximum(lengths, 1.0)[:, None]).tocsr()
    nmf = NMF(n_components=int(k), init="nndsvd", solver="cd", max_iter=int(max_iter), random_state=0)
    with warnings.catch_warnings():  # a start needs no convergence to the last decimal
        warnings.simplefilter("ignore")
        nmf.fit(scaled)
    H = np.asarray(nmf.components_, dtype=np.float64) + 1e-12  # an all-zero factor would divide by zero
    return H / H.sum(axis=1, keepdims=True) * (total / k)
