"""Whether a speaker addresses a target in an article, learned from speakers coded over whole articles.

The news stance model (:mod:`framing.stance.news_model`) scores one
statement and one target at a time; a run reports one label per speaker in
a document and target.  Whether the speaker addresses the target at all is
the hard part of that decision (on articles the model never saw, its side
is right for four pairs in five where it gives one), and the statement
probabilities alone tell it poorly: a speaker who reports the enemy's losses
in an article about the enemy addresses it without naming it, and one who
names a target in passing does not.  :class:`SpeakerModel` decides it from
what the statement model says of all the speaker's statements together and
from the speaker and the article (:data:`FEATURES`): a standardized
logistic regression, fitted on the speaker round of the training set
(speakers coded over the whole article as the development gold is, in
articles none of whose statements trains the statement model), its
threshold chosen by cross-validation by article (:func:`choose_threshold`).

Examples
--------
>>> import numpy as np
>>> x = group_features([np.array([0.1, 0.6, 0.1, 0.2])], [None], ["content"], ["neg"], centred=True,
...                    kind="person", share=0.5, article_targets=2)
>>> float(dict(zip(FEATURES, x))["max_addressed"]), len(x) == len(FEATURES)
(0.8, True)
"""

from __future__ import annotations

import numpy as np

from framing.stance.news_model import SCOPES

__all__ = ["FEATURES", "KINDS", "SpeakerModel", "choose_threshold", "fit_speaker_model", "group_features"]

#: Speaker kinds with a feature of their own (the attribution's ``speaker_kind``); any other is "other".
KINDS = ("person", "anonymous", "institution", "media", "document", "country")
#: The features of one (speaker in a document, target), in order.
FEATURES = ("max_addressed", "sum_addressed", "mean_addressed", "log_statements", "statements_over_0.3",
            "centred", "rule_side", "favor_share", "against_share", "neutral_share",
            *(f"named_in_{s}" for s in SCOPES), *(f"kind_{k}" for k in (*KINDS, "other")),
            "share_of_article", "article_targets", "said_negative", "said_positive")


def group_features(probabilities, rules, scopes, said, *, centred: bool, kind, share: float,
                   article_targets: int) -> np.ndarray:
    """The :data:`FEATURES` of one speaker's statements about one target in one document.

    Parameters
    ----------
    probabilities : list of arrays
        Per statement, the statement model's P(favor), P(against), P(neutral), P(none).
    rules : list of str or None
        Per statement, the side the cue rules decide in it, or None.
    scopes : list of str
        Per statement, where the target is named (content, paragraph, headline, article).
    said : list of str
        Per statement, the shipped sentiment lexicon's reading of it: "pos", "neg" or "".
    centred : bool
        Whether the article is centred on the target (:mod:`framing.stance.pooling`).
    kind : str
        The speaker's kind (the attribution's ``speaker_kind``).
    share : float
        The speaker's statements about the target over all the statements of the document.
    article_targets : int
        How many targets are named in or around the document's statements.
    """
    p = np.asarray(probabilities, dtype=float).reshape(-1, 4)
    addressed = 1.0 - p[:, 3]
    sides = p[:, :3].sum(axis=0)
    mass = max(float(sides.sum()), 1e-9)
    n = len(addressed)
    kind = kind if kind in KINDS else "other"
    return np.array([addressed.max(), addressed.sum(), addressed.mean(), np.log1p(n), float((addressed > 0.3).sum()),
                     float(centred), float(any(r in ("favor", "against") for r in rules)),
                     *(sides / mass), *(float(s in scopes) for s in SCOPES),
                     *(float(kind == k) for k in (*KINDS, "other")),
                     float(share), float(article_targets),
                     sum(s == "neg" for s in said) / n, sum(s == "pos" for s in said) / n])


class SpeakerModel:
    """P(the speaker addresses the target) from :func:`group_features`; addressed at or above ``threshold``.

    A logistic regression over standardized features, stored as plain
    numbers (JSON), so it loads without scikit-learn objects.

    >>> m = SpeakerModel([0.0], [1.0], [2.0], 0.0, threshold=0.5, features=["x"])
    >>> m.proba(np.array([[1.0], [-1.0]])).round(3).tolist(), m.addressed(np.array([[1.0]])).tolist()
    ([0.881, 0.119], [True])
    """

    def __init__(self, mean, scale, coef, intercept: float, *, threshold: float = 0.5, features=FEATURES):
        self.mean = np.asarray(mean, dtype=float)
        self.scale = np.asarray(scale, dtype=float)
        self.coef = np.asarray(coef, dtype=float)
        self.intercept = float(intercept)
        self.threshold = float(threshold)
        self.features = list(features)

    def proba(self, X: np.ndarray) -> np.ndarray:
        """P(addressed) of each row of ``X`` (:data:`FEATURES` in order)."""
        z = ((np.atleast_2d(X) - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def reasons(self, x: np.ndarray, top: int = 4) -> list[tuple[str, float]]:
        """The features that moved one pair's P(addressed) most, with their pull (weight times the
        standardized value; positive toward addressed), strongest first.

        >>> SpeakerModel([0.0, 0.0], [1.0, 1.0], [2.0, -1.0], 0.0, features=["a", "b"]).reasons(np.array([1.0, 3.0]))
        [('b', -3.0), ('a', 2.0)]
        """
        pull = (np.asarray(x, dtype=float) - self.mean) / self.scale * self.coef
        order = np.argsort(-np.abs(pull))[:top]
        return [(self.features[i], round(float(pull[i]), 3)) for i in order]

    def addressed(self, X: np.ndarray) -> np.ndarray:
        """Whether each row's speaker addresses the target (P at or above the threshold)."""
        return self.proba(X) >= self.threshold

    def to_json(self) -> dict:
        return {"features": self.features, "mean": self.mean.round(6).tolist(), "scale": self.scale.round(6).tolist(),
                "coef": self.coef.round(6).tolist(), "intercept": round(self.intercept, 6),
                "threshold": self.threshold}

    @classmethod
    def from_json(cls, data: dict) -> "SpeakerModel":
        """The model :meth:`to_json` wrote; features other than this release's :data:`FEATURES` are an error."""
        if list(data.get("features", [])) != list(FEATURES):
            raise ValueError("the speaker model was saved with other features than this release computes; "
                             "retrain it with `framing train stance --speaker-codes ...`")
        return cls(data["mean"], data["scale"], data["coef"], data["intercept"], threshold=data["threshold"])


def fit_speaker_model(X: np.ndarray, y, *, C: float = 1.0, threshold: float = 0.5) -> SpeakerModel:
    """A :class:`SpeakerModel` fitted on features ``X`` and whether each speaker addresses the target ``y``.

    Classes are balanced (few of a document's speaker-target pairs are
    addressed); the weights are rounded as saved, so a model used right
    after fitting decides as the saved one does.
    """
    from sklearn.linear_model import LogisticRegression

    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    fit = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit((X - mean) / scale, np.asarray(y, bool))
    model = SpeakerModel(mean, scale, fit.coef_[0], fit.intercept_[0], threshold=threshold)
    return SpeakerModel.from_json({**model.to_json()})


def choose_threshold(p, gold, side, *, budget: float) -> dict:
    """The threshold on P(addressed) that gets the most addressed pairs right within a budget of false labels.

    Parameters
    ----------
    p : array
        Out-of-fold P(addressed) of each pair.
    gold : array of str
        Each pair's coded label (favor, against, neutral, none).
    side : array of str
        The side each pair gets when it is taken as addressed.
    budget : float
        The largest share of the pairs coded ``none`` that may get a label (that of the rule the model
        replaces, so the model is held to labelling no more of them).

    Returns
    -------
    dict
        ``threshold``, and at it ``addressed_accuracy`` (pairs coded as addressed given their coded label)
        and ``unaddressed_labelled``.

    >>> choose_threshold([0.9, 0.6, 0.4, 0.2], ["against", "favor", "none", "none"],
    ...                  ["against", "favor", "favor", "against"], budget=0.0)
    {'threshold': 0.41, 'addressed_accuracy': 1.0, 'unaddressed_labelled': 0.0}
    """
    p, gold, side = np.asarray(p, float), np.asarray(gold, object), np.asarray(side, object)
    coded = gold != "none"
    best = None
    for t in np.round(np.arange(0.01, 1.0, 0.01), 2):
        on = p >= t
        right = float(np.mean(on[coded] & (side[coded] == gold[coded]))) if coded.any() else 0.0
        false = float(np.mean(on[~coded])) if (~coded).any() else 0.0
        if false <= budget + 1e-12 and (best is None or right > best["addressed_accuracy"]):
            best = {"threshold": float(t), "addressed_accuracy": round(right, 4),
                    "unaddressed_labelled": round(false, 4)}
    return best or {"threshold": 1.0, "addressed_accuracy": 0.0, "unaddressed_labelled": 0.0}
