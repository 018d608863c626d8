"""A sentiment scorer learned from coded examples, and cross-validation for any scorer.

Examples
--------
>>> import pandas as pd
>>> X = pd.DataFrame({"utterance_id": range(6), "lang": "en",
...                   "content": ["great win", "great deal", "awful loss", "awful war",
...                               "the meeting", "the report"]})
>>> y = ["positive", "positive", "negative", "negative", "neutral", "neutral"]
>>> model = SupervisedSentiment(min_df=1).fit(X, y)
>>> model.transform(X.head(1))["sentiment_label"].tolist()
['positive']
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import ClassVar

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin, clone
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline

from framing.errors import InputError
from framing.scorers import NgramLogisticScorer
from framing.lang import lang_code
from framing.sentiment.engine import squash
from framing.sentiment.lexicon import LABELS_ORDER, NO_LABEL, SHIPPED, compiled_shipped, target_spans
from framing.sentiment.lexicon_files import raise_bad_rows
from framing.text import detect_language, normalize

VERSION = "v2"
#: The method of models saved before the lexicon features (v1): they still load and keep their name.
METHOD_V1 = "sentiment.supervised.tfidf-lr.v1"
_LABEL_WORDS = {"positive": "positive", "pos": "positive", "+1": "positive", "1": "positive",
                "negative": "negative", "neg": "negative", "-1": "negative",
                "neutral": "neutral", "neu": "neutral", "obj": "neutral", "objective": "neutral",
                "0": "neutral", "none": "neutral"}


def normalize_label(value) -> str | None:
    """Map a coded label to positive / negative / neutral (None when it is not one).

    >>> normalize_label("POS"), normalize_label(" Negative "), normalize_label(-1), normalize_label("maybe")
    ('positive', 'negative', 'negative', None)
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        value = str(int(value)) if float(value).is_integer() else str(value)
    return _LABEL_WORDS.get(str(value).strip().lower())


def _prepare(text) -> str:
    # Arabic folds and lower case let character n-grams generalise across spellings.
    return normalize(text).text.lower() if isinstance(text, str) else ""


def read_coded(path, text_column: str = "text", label_column: str = "label", lang: str | None = None,
               label_map: dict | None = None) -> pd.DataFrame:
    """Read coded examples (a CSV of text and label) as an utterances table with a ``label`` column.

    Labels are mapped with ``label_map`` when given, otherwise read as
    positive/negative/neutral (POS/NEG/NEU, 1/-1/0 also work).  Rows with an
    empty text or an unknown label raise :class:`InputError` naming their
    lines; fix them or drop them and read again.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "coded.csv")
    >>> _ = open(p, "w").write("text,label\\nA fine deal,POS\\nA war,NEG\\n")
    >>> read_coded(p)[["content", "label"]].values.tolist()
    [['A fine deal', 'positive'], ['A war', 'negative']]
    """
    path = Path(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(f"{path}: coded examples file not found") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot parse as CSV ({exc})") from None
    missing = [c for c in (text_column, label_column) if c not in df.columns]
    if missing:
        raise InputError(f"{path}: line 1: no column(s) {missing}; columns are {list(df.columns)} "
                         f"(set text_column= and label_column=)")
    labels, problems = [], []
    for i, (text, raw) in enumerate(zip(df[text_column], df[label_column])):
        label = label_map.get(raw) if label_map is not None else normalize_label(raw)
        if not text.strip():
            problems.append(f"line {i + 2}: empty text")
        elif label is None:
            problems.append(f"line {i + 2}: label {raw!r} is not positive/negative/neutral")
        labels.append(label)
    raise_bad_rows(path, problems)
    return pd.DataFrame({"utterance_id": [f"{path.stem}:{i + 2}" for i in range(len(df))],
                         "content": df[text_column].to_list(), "lang": lang or "",
                         "label": labels})


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """The shipped lexicon's reading of each text as six numeric features, for the supervised scorer.

    Per text: the sum of its positive word scores, of its negative ones (as a
    positive number), the lexicon score, whether the lexicon calls it
    positive, negative, and whether no sentiment word was found.  They carry
    what the word lists know (negation, dialect spellings, words rare in the
    training data) into the classifier, which n-grams learned on one data
    set do not.

    Parameters
    ----------
    lang : str
        Language of the shipped lexicon to read (``ar`` or ``en``).

    Examples
    --------
    >>> LexiconFeatures("ar").transform(["هجوم وحشي", "نجاح باهر", "الاجتماع"]).toarray()[:, 2].round(2).tolist()
    [-0.88, 0.72, 0.0]
    """

    def __init__(self, lang: str = "ar"):
        self.lang = lang

    def fit(self, X=None, y=None):
        """Nothing to learn."""
        return self

    def transform(self, X):
        import scipy.sparse as sp

        # the compiled lexicon is looked up, never stored, so a saved model does not carry a copy of it
        lex = compiled_shipped(self.lang)
        rows = np.zeros((len(X), 6))
        for i, text in enumerate(X):
            if not isinstance(text, str):
                continue
            positive, negative, hits = lex.polarity(text)
            score = squash(positive + negative)
            rows[i] = (positive, -negative, score, score >= 0.05, score <= -0.05, hits == 0)
        return sp.csr_matrix(rows)


#: The word a target is replaced by in its window (one token, in no language's vocabulary).
TARGET_PLACEHOLDER = "TARGETX"


def target_window_text(text: str, span: tuple[int, int], n: int) -> str:
    """The ``n`` words on each side of ``text[span[0]:span[1]]``, the target replaced by a placeholder.

    >>> target_window_text("Critics say the senator lied again about the deal", (16, 23), 3)
    'Critics say the TARGETX lied again about'
    """
    a, b = span
    return " ".join(text[:a].split()[-n:] + [TARGET_PLACEHOLDER] + text[b:].split()[:n]) if n >= 0 else text


def _majority_lang(X: pd.DataFrame) -> str:
    # the rows' own lang where given, else guessed from (a sample of) the texts
    langs = [lang_code(v) for v in X["lang"].tolist()] if "lang" in X.columns else []
    langs = [v for v in langs if v and v != "und"]
    if not langs:
        langs = [detect_language(t) for t in X["content"].tolist()[:500] if isinstance(t, str)]
    return pd.Series(langs, dtype=object).mode().iat[0] if langs else ""


class SupervisedSentiment(NgramLogisticScorer):
    """Character and word n-gram TF-IDF with logistic regression, trained on coded utterances.

    Parameters
    ----------
    char_ngrams, word_ngrams, C, class_weight, min_df, max_features, seed
        The n-gram and classifier settings of
        :class:`framing.scorers.NgramLogisticScorer` (its defaults are this scorer's:
        character 2-5-grams within words, word 1-2-grams, ``C=1``, classes
        weighted to balance).
    target_window : int or None
        For rows that name a target (``target_start``/``target_end``, as
        NewsMTSC's sentences do): read only this many words on each side of
        it, the target itself replaced by one placeholder word, so the model
        learns what is said about the target rather than the sentence's
        tone.  On the NewsMTSC training file (``framing eval sentiment
        --data``, 5-fold CV): macro-F1 0.646 with 12 words, 0.623 on whole
        sentences.  Rows without a target are read whole.
    lexicon_features : bool
        Add the shipped lexicon's reading of each text (:class:`LexiconFeatures`)
        when the training rows are in a language with a shipped lexicon.  On
        ArSarcasm-v2 it raised macro-F1 on a held-out fifth of the training
        file resampled to another class balance from 0.649 to 0.660, on the
        Egyptian rows when fitted on the others from 0.619 to 0.631, and made
        the probabilities better calibrated (expected calibration error on
        the resampled fifth 0.033 to 0.017).

    With ``class_weight="balanced"`` the classes weigh the same in training,
    whatever their shares in the data, so the model does not learn the
    training file's class balance as a prior; its probabilities are those of
    a logistic regression (checked for calibration by
    :func:`calibration`).

    Attributes
    ----------
    pipeline_, classes_, n_train_, training_sha256_, cv_
        As in :class:`framing.scorers.NgramLogisticScorer`; ``cv_`` is the
        :func:`cross_validate` result when trained with :meth:`fit_with_cv`.
    cv_scores_ : list of float
        Per-fold macro-F1 of ``cv_`` (empty without it).
    lexicon_lang_ : str or None
        The language whose lexicon gives features (None: none used).

    Examples
    --------
    >>> SupervisedSentiment().method
    'sentiment.supervised.tfidf-lr.v2'
    """

    method = f"sentiment.supervised.tfidf-lr.{VERSION}"
    method_column = "sentiment_method"
    classifier_options: ClassVar[dict] = {"max_iter": 2000}
    kind = "sentiment model"

    #: models saved by the version before the lexicon features still load
    readable_methods: ClassVar[tuple] = (METHOD_V1,)

    def __init__(self, char_ngrams=(2, 5), word_ngrams=(1, 2), C: float = 1.0,
                 class_weight: str | None = "balanced", min_df: int = 2,
                 max_features: int | None = 300_000, seed: int = 0, lexicon_features: bool = True,
                 target_window: int | None = 12):
        super().__init__(char_ngrams=char_ngrams, word_ngrams=word_ngrams, C=C, class_weight=class_weight,
                         min_df=min_df, max_features=max_features, seed=seed)
        self.lexicon_features = lexicon_features
        self.target_window = target_window

    def _pipeline(self) -> Pipeline:
        features = self._text_features(_prepare)
        if getattr(self, "lexicon_lang_", None):
            features.append(("lexicon", LexiconFeatures(self.lexicon_lang_)))
        return Pipeline([("features", FeatureUnion(features)), ("clf", self._classifier())])

    @classmethod
    def _params_from_json(cls, params: dict) -> dict:
        params = super()._params_from_json(params)
        params.setdefault("lexicon_features", False)  # a v1 model had none
        params.setdefault("target_window", None)  # nor did models saved before the window read whole texts
        return params

    def _extra_metadata(self) -> dict:
        return {"lexicon_lang": getattr(self, "lexicon_lang_", None)}

    def _restore(self, metadata: dict) -> None:
        self.lexicon_lang_ = metadata.get("lexicon_lang")

    @property
    def cv_scores_(self) -> list:
        cv = getattr(self, "cv_", None)
        return list(cv["folds"]) if cv else []

    def fit(self, X: pd.DataFrame, y=None):
        """Learn from utterances ``X`` (``content``) and labels ``y`` (or ``X["label"]``)."""
        if not isinstance(X, pd.DataFrame) or "content" not in X.columns:
            raise ValueError("SupervisedSentiment.fit expects a DataFrame with a 'content' column")
        if y is None:
            if "label" not in X.columns:
                raise ValueError("give labels as y= or as a 'label' column")
            y = X["label"]
        y = np.asarray(y, dtype=object)
        if len(y) != len(X):
            raise ValueError(f"{len(X)} texts but {len(y)} labels")
        texts = self._texts(X)
        lang = _majority_lang(X) if self.lexicon_features else ""
        self.lexicon_lang_ = lang if lang in SHIPPED else None
        self._fit_pipeline(texts, y, zip(texts, y))
        return self

    def fit_with_cv(self, X: pd.DataFrame, y=None, folds: int = 5, seed: int = 0, verbose: bool = True):
        """Cross-validate (see :func:`cross_validate`), then fit on all of ``X``; keeps the result as ``cv_``."""
        y = X["label"] if y is None else y
        result = cross_validate(self, X, y, folds=folds, seed=seed, verbose=verbose)
        self.fit(X, y)
        self.cv_ = result
        return self

    def _texts(self, X: pd.DataFrame) -> list:
        """The texts the model reads: the words around a row's target when it names one (see ``target_window``)."""
        texts = X["content"].tolist()
        spans = target_spans(X)
        if spans is None or self.target_window is None:
            return texts
        return [target_window_text(t, span, int(self.target_window)) if isinstance(t, str) and span else t
                for t, span in zip(texts, spans)]

    def _score(self, X: pd.DataFrame) -> pd.DataFrame:
        texts = self._texts(X)
        scores, labels = self._signed(self._proba(texts), "positive", "negative")
        missing = np.array([not isinstance(t, str) for t in texts], dtype=bool)
        scores[missing] = np.nan
        labels[missing] = NO_LABEL
        return pd.DataFrame({"sentiment": scores, "sentiment_label": labels})

    @classmethod
    def _load_legacy(cls, path: Path):
        # the earlier format: one pickle of {"metadata": ..., "model": the fitted scorer}
        try:
            with path.open("rb") as fh:
                payload = pickle.load(fh)
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError) as exc:
            raise InputError(f"{path}: not a saved framing sentiment model ({exc})") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("model"), cls):
            raise InputError(f"{path}: not a saved {cls.__name__}")
        old, meta = payload["model"], dict(payload.get("metadata") or {})
        if meta.get("method") not in (cls.method, *cls.readable_methods):
            raise InputError(f"{path}: saved with method {meta.get('method')!r}, this version reads {cls.method!r}")
        folds = meta.pop("cv_macro_f1", None) or list(getattr(old, "__dict__", {}).get("cv_scores_", []))
        meta["cross_validation"] = {"folds": list(folds)} if folds else None
        params = {k: v for k, v in old.__dict__.items() if k in cls._get_param_names()}
        params.setdefault("lexicon_features", False)  # the pickled scorers predate the lexicon features
        return cls(**params), meta, old.pipeline_


def calibration(proba, gold, classes, bins: int = 10) -> dict:
    """How far predicted probabilities are from observed frequencies: expected calibration error and Brier score.

    The expected calibration error sorts predictions by their top
    probability into ``bins`` equal-width bins and averages, weighted by bin
    size, the gap between the mean top probability and the accuracy in each
    bin (0 is perfectly calibrated).  The Brier score is the mean squared
    distance between the probability vector and the one-hot gold label
    (0 is best; always answering the uniform 1/3 scores 0.667).

    Examples
    --------
    >>> p = np.array([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.4, 0.6]])
    >>> calibration(p, ["a", "a", "b", "a"], ["a", "b"])
    {'ece': 0.3, 'brier': 0.25, 'n': 4}
    """
    proba = np.asarray(proba, dtype=float)
    gold = np.asarray(gold, dtype=object)
    classes = np.asarray(classes, dtype=object)
    onehot = (gold[:, None] == classes[None, :]).astype(float)
    top = proba.max(axis=1)
    right = classes[proba.argmax(axis=1)] == gold
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.searchsorted(edges, top, side="left") - 1, 0, bins - 1)
    ece = sum(abs(right[which == b].mean() - top[which == b].mean()) * (which == b).mean()
              for b in range(bins) if (which == b).any())
    brier = float(((proba - onehot) ** 2).sum(axis=1).mean())
    return {"ece": round(float(ece), 4), "brier": round(brier, 4), "n": int(len(gold))}


def macro_f1(gold, predicted) -> float:
    """Macro-F1 over the sentiment labels present in ``gold`` (a ``none`` prediction is an error).

    >>> macro_f1(["positive", "negative"], ["positive", "none"])
    0.5
    """
    gold = np.asarray(gold, dtype=object)
    labels = [lab for lab in LABELS_ORDER if (gold == lab).any()]
    return float(f1_score(gold, np.asarray(predicted, dtype=object), labels=labels, average="macro",
                          zero_division=0))


def cross_validate(scorer, X: pd.DataFrame, y, folds: int = 5, seed: int = 0, verbose: bool = True,
                   name: str | None = None) -> dict:
    """Stratified k-fold macro-F1 of any sentiment scorer; prints each fold and the mean.

    The scorer is cloned and fitted on each training part (a lexicon scorer
    learns nothing, so for it this is just scoring each test part) and
    scored on the held-out part.  Rows it labels ``none`` count as errors.

    Returns
    -------
    dict
        ``{"method", "folds": [...], "mean", "std", "n"}`` (macro-F1 over
        the labels among positive, negative, neutral that the gold data has).

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.sentiment import LexiconSentiment
    >>> X = pd.DataFrame({"utterance_id": range(4), "lang": "en",
    ...                   "content": ["a great deal", "a terrible war", "a great win", "a horrible loss"]})
    >>> cross_validate(LexiconSentiment("en"), X, ["positive", "negative"] * 2, folds=2,
    ...                verbose=False)["mean"]
    1.0
    """
    y = np.asarray(y, dtype=object)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    scores = []
    label = name or getattr(scorer, "method", type(scorer).__name__)
    for k, (train, test) in enumerate(splitter.split(np.zeros(len(y)), y), 1):
        model = clone(scorer)
        model.fit(X.iloc[train], y[train])
        pred = model.transform(X.iloc[test])["sentiment_label"].to_numpy()
        f1 = macro_f1(y[test], pred)
        scores.append(f1)
        if verbose:
            print(f"{label}: fold {k}/{folds} macro-F1 = {f1:.4f}")
    result = {"method": label, "folds": [round(s, 4) for s in scores], "mean": round(float(np.mean(scores)), 4),
              "std": round(float(np.std(scores)), 4), "n": int(len(y))}
    if verbose:
        print(f"{label}: mean macro-F1 = {result['mean']:.4f} (sd {result['std']:.4f}, n = {result['n']})")
    return result
