"""The contract every per-utterance scorer follows.

Scorers are scikit-learn estimators: settings go in ``__init__`` (stored
unchanged under the same names), learning happens in ``fit``, learned state
ends in an underscore, and ``transform`` returns a tidy table keyed by
``utterance_id``.  Each scorer names its method with a version
(``sentiment.lexicon.ar.v1``) so a number in a paper stays traceable after
the method improves.

Examples
--------
>>> import pandas as pd
>>> class Length(UtteranceScorer):
...     method = "length.chars.v1"
...     def _score(self, X):
...         return pd.DataFrame({"length": X["content"].str.len()})
>>> X = pd.DataFrame({"utterance_id": ["u1"], "content": ["hello"], "lang": ["en"]})
>>> Length().fit(X).transform(X)
  utterance_id  length    length_method
0           u1       5  length.chars.v1
"""

from __future__ import annotations

import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

#: Columns every scorer may read from the utterances table.
REQUIRED_COLUMNS = ("utterance_id", "content", "lang")


class UtteranceScorer(TransformerMixin, BaseEstimator):
    """Base class: validates input, keys output by ``utterance_id``, stamps the method.

    Subclasses set ``method`` (a versioned name) and implement ``_score``,
    which receives the validated utterances and returns a DataFrame with the
    same index.  Override ``fit`` when the scorer learns.
    """

    method: str = "base.v0"
    #: name of the column that records the method, set per scorer family
    method_column: str | None = None

    def fit(self, X: pd.DataFrame, y=None):
        """Nothing to learn by default; returns ``self``."""
        self._validate(X)
        self.is_fitted_ = True
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        """Score every utterance; one output row per input row, in input order."""
        X = self._validate(X)
        scores = self._score(X)
        out = pd.concat([X[["utterance_id"]].reset_index(drop=True),
                         scores.reset_index(drop=True)], axis=1)
        col = self.method_column or f"{self.method.split('.')[0]}_method"
        out[col] = self.method
        return out

    def _score(self, X: pd.DataFrame) -> pd.DataFrame:  # pragma: no cover - abstract
        raise NotImplementedError

    def _validate(self, X) -> pd.DataFrame:
        if not isinstance(X, pd.DataFrame):
            raise TypeError(f"{type(self).__name__} expects a pandas DataFrame of utterances, "
                            f"got {type(X).__name__}")
        missing = [c for c in REQUIRED_COLUMNS if c not in X.columns]
        if missing:
            raise ValueError(f"{type(self).__name__}: the utterances table lacks column(s) {missing}; "
                             f"it needs {list(REQUIRED_COLUMNS)}")
        return X
