"""Supervised measures for a researcher's own label set: a codebook, coded utterances, a model.

A codebook names a variable, its labels, and whether an utterance may take
several of them (frames usually; a topic or a tone often one)::

    name: frame
    multi: true
    labels: [economic, security_and_defense, political, morality]

Coders fill a column of that name in their coding sheets (one label, or
several separated by commas); ``framing validate train SHEETS --what labels
--codebook FILE --out MODEL`` cross-validates a :class:`LabelModel` (TF-IDF
character and word n-grams, logistic regression; one-vs-rest when several
labels may hold) and saves it, the fold scores in its metadata;
``framing analyze --model MODEL`` applies it: ``label_<name>_<label>`` is
the probability of each label and ``label_<name>`` the labels predicted.

Examples
--------
>>> import pandas as pd
>>> X = pd.DataFrame({"utterance_id": list("abcd"), "lang": "en",
...                   "content": ["taxes and budget", "troops and army", "budget cuts", "army troops"]})
>>> m = LabelModel("frame", ["economic", "security"], min_df=1).fit(X, [["economic"], ["security"]] * 2)
>>> m.transform(X)["label_frame"].tolist()
['economic', 'security', 'economic', 'security']
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

from framing.errors import InputError
from framing.frames.dictionary import slug
from framing.scorers import NgramLogisticScorer, rows_sha256

#: Keys a codebook file may have.
CODEBOOK_KEYS = ("name", "labels", "multi", "description")


def load_codebook(path) -> dict:
    """Read a codebook YAML (``name``, ``labels``, ``multi``, optional ``description``), checked.

    Raises
    ------
    InputError
        Naming the file and what is wrong.
    """
    import yaml

    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such codebook file")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError as exc:
        raise InputError(f"{p}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict) or not data.get("name") or not isinstance(data.get("labels"), list):
        raise InputError(f"{p}: a codebook is a mapping with 'name' (the sheet column) and 'labels' (a list); "
                         "'multi: true' when an utterance may take several labels")
    unknown = sorted(set(data) - set(CODEBOOK_KEYS))
    if unknown:
        raise InputError(f"{p}: unknown key(s) {unknown}; a codebook has {', '.join(CODEBOOK_KEYS)}")
    labels = [str(x).strip() for x in data["labels"] if str(x).strip()]
    if len(labels) < 2 or len(set(labels)) != len(labels):
        raise InputError(f"{p}: give at least two labels, each once")
    return {"name": str(data["name"]).strip(), "labels": labels, "multi": bool(data.get("multi", False)),
            "description": data.get("description")}


def parse_codes(values, codebook: dict, *, where=None) -> list[list[str] | None]:
    """Each coded cell as its labels (None when not coded); an unknown label is an error naming its place.

    >>> parse_codes(["economic, political", "", None], {"name": "frame", "labels": ["economic", "political"],
    ...             "multi": True})
    [['economic', 'political'], None, None]
    """
    known = {x.casefold(): x for x in codebook["labels"]}
    out = []
    for i, value in enumerate(values):
        if value is None or (isinstance(value, float) and np.isnan(value)) or not str(value).strip():
            out.append(None)
            continue
        parts = [v.strip() for v in str(value).split(",") if v.strip()]
        bad = [v for v in parts if v.casefold() not in known]
        place = where[i] if where is not None else f"row {i + 1}"
        if bad:
            raise InputError(f"{place}: {codebook['name']} {bad[0]!r} is not a label of the codebook "
                             f"({', '.join(codebook['labels'])})")
        if len(parts) > 1 and not codebook["multi"]:
            raise InputError(f"{place}: {codebook['name']} has {len(parts)} labels, but the codebook allows one "
                             "(multi: true allows several)")
        out.append(sorted({known[v.casefold()] for v in parts}, key=codebook["labels"].index))
    return out


class LabelModel(NgramLogisticScorer):
    """TF-IDF n-grams and logistic regression for one variable of a researcher's codebook.

    Parameters
    ----------
    name : str
        The variable (``frame``); names the columns ``label_<name>_<label>`` and ``label_<name>``.
    labels : list of str
        The codebook's labels, in its order.
    multi : bool
        Several labels may hold at once (one-vs-rest; a label is predicted at probability 0.5 or more);
        otherwise the most probable label is predicted.
    char_ngrams, word_ngrams, C, class_weight, min_df, max_features, seed
        As for :class:`framing.scorers.NgramLogisticScorer`.
    """

    method = "labels.tfidf-lr.v1"
    method_column = "label_method"
    classifier_options: ClassVar[dict] = {"max_iter": 2000}
    kind = "label model"

    def __init__(self, name: str = "label", labels=(), multi: bool = False, char_ngrams=(2, 5), word_ngrams=(1, 2),
                 C: float = 1.0, class_weight: str | None = "balanced", min_df: int = 2,
                 max_features: int | None = 300_000, seed: int = 0):
        super().__init__(char_ngrams=char_ngrams, word_ngrams=word_ngrams, C=C, class_weight=class_weight,
                         min_df=min_df, max_features=max_features, seed=seed)
        self.name = name
        self.labels = labels
        self.multi = multi

    def _pipeline(self) -> Pipeline:
        from framing.sentiment.supervised import _prepare

        clf = self._classifier()
        return Pipeline([("features", FeatureUnion(self._text_features(_prepare))),
                         ("clf", OneVsRestClassifier(clf) if self.multi else clf)])

    def fit(self, X: pd.DataFrame, y):
        """Learn from utterances ``X`` (``content``) and ``y``: one list of labels per row."""
        y = [list(v) if isinstance(v, (list, tuple)) else [v] for v in y]
        if len(y) != len(X):
            raise ValueError(f"{len(X)} texts but {len(y)} label lists")
        unknown = sorted({v for vs in y for v in vs} - set(self.labels))
        if unknown:
            raise InputError(f"label {unknown[0]!r} is not in the codebook ({', '.join(self.labels)})")
        texts = X["content"].fillna("").astype(str).tolist()
        if self.multi:
            target = np.array([[int(lab in vs) for lab in self.labels] for vs in y])
        else:
            target = np.array([vs[0] for vs in y], dtype=object)
        self.pipeline_ = self._pipeline().fit(texts, target)
        self.classes_ = np.asarray(self.labels if self.multi else self.pipeline_.classes_, dtype=object)
        self.n_train_ = len(y)
        self.training_sha256_ = rows_sha256(zip(texts, [",".join(vs) for vs in y]))
        self.cv_ = None
        return self

    def _restore(self, metadata: dict) -> None:
        self.classes_ = np.asarray(metadata.get("classes") or self.labels, dtype=object)

    def predict_labels(self, texts) -> tuple[np.ndarray, list[list[str]]]:
        """Probabilities (rows x :attr:`classes_`) and the labels predicted for each text."""
        self._check_trained()
        proba = self.pipeline_.predict_proba(list(texts))
        classes = list(self.classes_)
        if self.multi:
            return proba, [[c for c, p in zip(classes, row) if p >= 0.5] for row in proba]
        return proba, [[classes[int(i)]] for i in proba.argmax(axis=1)]

    def _score(self, X: pd.DataFrame) -> pd.DataFrame:
        proba, predicted = self.predict_labels(X["content"].fillna("").astype(str))
        base = f"label_{slug(self.name)}"
        out = pd.DataFrame({f"{base}_{slug(c)}": proba[:, j] for j, c in enumerate(self.classes_)}, index=X.index)
        out[base] = [",".join(p) for p in predicted]
        return out

    def cross_validate(self, X: pd.DataFrame, y, folds: int = 5, seed: int = 0) -> dict:
        """K-fold micro- and macro-F1 of this model's settings on ``X``, ``y``, beside the majority baseline.

        The baseline answers, for every text, the most frequent label (single)
        or the labels held by at least half the training rows, else the most
        frequent one (multi), learned on each training part.
        """
        from sklearn.base import clone
        from sklearn.metrics import f1_score
        from sklearn.model_selection import KFold

        y = [list(v) if isinstance(v, (list, tuple)) else [v] for v in y]
        splitter = KFold(n_splits=folds, shuffle=True, random_state=seed)
        rows = {"macro": [], "micro": [], "base_macro": [], "base_micro": []}
        labels = list(self.labels)

        def matrix(lists):
            return np.array([[int(lab in vs) for lab in labels] for vs in lists])

        for train, test in splitter.split(np.zeros(len(y))):
            model = clone(self).fit(X.iloc[train], [y[i] for i in train])
            _, predicted = model.predict_labels(X.iloc[test]["content"].fillna("").astype(str))
            counts = matrix([y[i] for i in train]).mean(axis=0)
            common = [lab for lab, c in zip(labels, counts) if c >= 0.5] if self.multi else []
            common = common or [labels[int(counts.argmax())]]
            gold = matrix([y[i] for i in test])
            for key, pred in (("", matrix(predicted)), ("base_", matrix([common] * len(test)))):
                rows[f"{key}macro"].append(float(f1_score(gold, pred, average="macro", zero_division=0)))
                rows[f"{key}micro"].append(float(f1_score(gold, pred, average="micro", zero_division=0)))
        return {"method": self.method, "folds": folds, "n": len(y), "macro_f1": float(np.mean(rows["macro"])),
                "micro_f1": float(np.mean(rows["micro"])), "macro_f1_folds": rows["macro"],
                "baseline_macro_f1": float(np.mean(rows["base_macro"])),
                "baseline_micro_f1": float(np.mean(rows["base_micro"])),
                "baseline": "the most frequent label (multi: the labels at least half the rows hold)"}


class LabelModels(TransformerMixin, BaseEstimator):
    """Several saved :class:`LabelModel` folders applied together (``framing analyze --model DIR ...``)."""

    method = "labels.tfidf-lr.v1"

    def __init__(self, models=()):
        self.models = models

    def fit(self, X=None, y=None):
        self.models_ = [m if isinstance(m, LabelModel) else LabelModel.load(m) for m in self.models]
        names = [slug(m.name) for m in self.models_]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise InputError(f"two label models are named {twice[0]!r}: give each variable its own name")
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        out = X[["utterance_id"]].reset_index(drop=True)
        for m in self.models_:
            part = m.transform(X).drop(columns=["utterance_id", "label_method"])
            out = pd.concat([out, part.reset_index(drop=True)], axis=1)
        out["label_method"] = LabelModel.method
        return out


__all__ = ["CODEBOOK_KEYS", "LabelModel", "LabelModels", "load_codebook", "parse_codes"]
