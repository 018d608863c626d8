"""A stance scorer learned from coded (text, target, stance) rows, and its cross-validation.

Coded data is read with :func:`read_coded_stance` (CSV, TSV or JSONL with a
text, a target and a stance column; Mawqif's layout works as is).  Labels
are read as favor / against / neutral: ``None`` (Mawqif's "no stance") and
"neither" mean neutral, so an empty-looking ``None`` is a label, not a gap.

Examples
--------
>>> import pandas as pd
>>> coded = pd.DataFrame({"text": ["we back the plan", "great plan", "bad plan", "we reject the plan",
...                                "the plan was filed", "plan text out"] * 3,
...                       "target": "plan",
...                       "stance": ["favor", "favor", "against", "against", "neutral", "neutral"] * 3})
>>> model = SupervisedStance(min_df=1).fit(coded)
>>> model.predict(pd.DataFrame({"text": ["we back it"], "target": ["plan"]})).tolist()
['favor']
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin, clone
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline

from framing.errors import InputError
from framing.files import read_jsonl
from framing.scorers import NgramLogisticScorer
from framing.stance.cues import LABELS, NO_MENTION
from framing.stance.targets import AliasMatcher, Target, fold_texts, resolve_targets, slugify, tokenize_for_matching

VERSION = "v2"
#: The method of models saved before the per-target copies of the n-grams (v2); still read.
METHOD_V1 = "stance.tfidf-lr.v1"
#: The format of stance models saved before the shared n-gram format (still read).
LEGACY_FORMAT = "framing.stance_model"
TEXT_COLUMNS = ("text", "content", "tweet", "sentence")
TARGET_COLUMNS = ("target", "topic")
LABEL_COLUMNS = ("stance", "label", "class")
_LABEL_WORDS = {"favor": "favor", "favour": "favor", "pro": "favor", "support": "favor", "for": "favor",
                "against": "against", "con": "against", "oppose": "against",
                "none": "neutral", "neither": "neutral", "neutral": "neutral", "no stance": "neutral"}


def normalize_stance_label(value) -> str | None:
    """Map a coded stance label to favor / against / neutral (None when it is none of them).

    >>> normalize_stance_label("FAVOR"), normalize_stance_label("None"), normalize_stance_label("maybe")
    ('favor', 'neutral', None)
    """
    if not isinstance(value, str):
        return None
    return _LABEL_WORDS.get(value.strip().lower())


# --- coded data -----------------------------------------------------------------------------------------


def read_coded_stance(path, *, text_column: str | None = None, target_column: str | None = None,
                      label_column: str | None = None) -> pd.DataFrame:
    """Read coded stance rows as a ``text, target, stance`` table.

    Columns are found by name (text: ``text``/``content``/``tweet``/
    ``sentence``; target: ``target``/``topic``; stance: ``stance``/``label``/
    ``class``, any case) unless given.  Every cell is read as text, so
    Mawqif's ``None`` label stays a label.

    Raises
    ------
    InputError
        Naming the file and the lines of rows with an empty text or target or
        an unknown label (all of them, so they can be fixed in one go).

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "coded.csv")
    >>> _ = open(p, "w").write("ID,text,target,stance\\n1,good idea,plan,Favor\\n2,no idea,plan,None\\n")
    >>> read_coded_stance(p).values.tolist()
    [['good idea', 'plan', 'favor'], ['no idea', 'plan', 'neutral']]
    """
    path = Path(path)
    df = _read_table(path)
    cols = {c.lower().strip(): c for c in df.columns}

    def pick(given, names, what):
        if given is not None:
            if given not in df.columns:
                raise InputError(f"{path}: no column {given!r} for the {what}; columns are {list(df.columns)}")
            return given
        for name in names:
            if name in cols:
                return cols[name]
        raise InputError(f"{path}: no {what} column (looked for {', '.join(names)}); columns are "
                         f"{list(df.columns)}")

    text_col = pick(text_column, TEXT_COLUMNS, "text")
    target_col = pick(target_column, TARGET_COLUMNS, "target")
    label_col = pick(label_column, LABEL_COLUMNS, "stance")
    first_line = 1 if path.suffix.lower() in (".jsonl", ".ndjson") else 2  # CSV line 1 is the header
    problems, labels = [], []
    for i, (text, target, raw) in enumerate(zip(df[text_col], df[target_col], df[label_col])):
        label = normalize_stance_label(raw)
        where = f"line {i + first_line}"
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: empty text")
        elif not isinstance(target, str) or not target.strip():
            problems.append(f"{where}: empty target")
        elif label is None:
            problems.append(f"{where}: stance {raw!r} is not favor/against/none")
        labels.append(label)
    if problems:
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        raise InputError(f"{path}: {len(problems)} bad row(s): {'; '.join(problems[:20])}{more}")
    return pd.DataFrame({"text": df[text_col].tolist(), "target": [t.strip() for t in df[target_col]],
                         "stance": labels})


def _read_table(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise InputError(f"{path}: coded stance file not found")
    try:
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            return pd.DataFrame([{k: v if isinstance(v, str) or v is None else str(v) for k, v in row.items()}
                                 for row in read_jsonl(path)])
        sep = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
        return pd.read_csv(path, dtype=str, keep_default_na=False, sep=sep, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot parse ({exc})") from None


# --- the model ----------------------------------------------------------------------------------------------

_URL_RE = re.compile(r"https?://\S+|www\.\S+|\bURL\b")
_REPEAT_RE = re.compile(r"(.)\1{2,}")


def prepare_text(text) -> str:
    """Text as the model sees it: folded, lower case, links out, hashtags split, letter runs cut to two.

    >>> prepare_text("رااااائع #التحول_الرقمي https://t.co/x")
    'راائع #التحول الرقمي'
    """
    if not isinstance(text, str):
        return ""
    text = _URL_RE.sub(" ", fold_texts([text])[0]).replace("_", " ")
    return " ".join(_REPEAT_RE.sub(r"\1\1", text.lower()).split())


class SupervisedStance(NgramLogisticScorer):
    """TF-IDF character and word n-grams, shared and per target, plus a target indicator, with logistic regression.

    One model serves every target it was trained on: the target's one-hot
    indicator lets it learn per-target priors; the n-grams count once for
    every target and once more for the row's own target
    (:class:`TargetInteractions`), so a word can mean a side toward one
    target and another (or none) toward the next.

    Parameters
    ----------
    targets : None, path or list of Target
        Alias definitions used by :meth:`transform` to leave utterances that
        do not mention a trained target as ``none`` (shipped targets by
        default).  A trained target without an alias definition of the same
        name is scored on every utterance.
    char_ngrams, word_ngrams, class_weight, min_df, max_features, seed
        The n-gram and classifier settings of :class:`framing.scorers.NgramLogisticScorer`.
    C : float
        Inverse regularisation strength.
    target_interactions : bool
        Whether the n-grams get a copy per target (``stance.tfidf-lr.v2``);
        False gives v1's features, shared by all targets.  A model saved by
        v1 loads with False.

    Attributes
    ----------
    pipeline_, n_train_, training_sha256_, cv_
        As in :class:`framing.scorers.NgramLogisticScorer`; ``cv_`` is the
        cross-validation summary set by whoever trained the model.
    classes_ : ndarray of str
        ``favor``, ``against``, ``neutral`` as seen in training.
    targets_ : list of str
        Target names seen in training, in order of first appearance.

    Examples
    --------
    >>> SupervisedStance().method
    'stance.tfidf-lr.v2'
    """

    method = f"stance.tfidf-lr.{VERSION}"
    readable_methods: ClassVar[tuple] = (METHOD_V1,)
    method_column = "stance_method"
    # newton-cg solves this multinomial problem quickly and deterministically
    classifier_options: ClassVar[dict] = {"solver": "newton-cg", "max_iter": 1000}
    kind = "stance model"

    def __init__(self, targets=None, *, char_ngrams=(2, 5), word_ngrams=(1, 2), C: float = 1.0,
                 class_weight: str | None = "balanced", min_df: int = 2, max_features: int | None = 300_000,
                 target_interactions: bool = True, seed: int = 0):
        self.targets = targets
        self.target_interactions = target_interactions
        super().__init__(char_ngrams=char_ngrams, word_ngrams=word_ngrams, C=C, class_weight=class_weight,
                         min_df=min_df, max_features=max_features, seed=seed)

    def _pipeline(self) -> Pipeline:
        text = FeatureUnion(self._text_features(prepare_text))
        features = TargetInteractions(text) if self.target_interactions else SharedFeatures(text)
        return Pipeline([("features", features), ("clf", self._classifier())])

    def fit(self, X: pd.DataFrame, y=None):
        """Learn from coded rows: ``X`` has a text (``text`` or ``content``) and a ``target`` column.

        Labels come from ``y`` or from ``X["stance"]`` (favor / against / neutral or
        None, any case).
        """
        frame = _coded_frame(X)
        if y is None:
            if "stance" not in X.columns:
                raise ValueError("give the stance labels as y= or as a 'stance' column")
            y = X["stance"]
        labels = [normalize_stance_label(v) for v in y]
        bad = [v for v, lab in zip(y, labels) if lab is None]
        if bad:
            raise ValueError(f"{len(bad)} stance label(s) are not favor/against/neutral/none, e.g. {bad[:3]}")
        if len(labels) != len(frame):
            raise ValueError(f"{len(frame)} rows but {len(labels)} labels")
        self._fit_pipeline(frame, np.asarray(labels, dtype=object), zip(frame["text"], frame["target"], labels))
        self.targets_ = list(dict.fromkeys(frame["target"]))
        # the method its output and saved folder are labelled with: v1's features keep v1's name
        self.method = type(self).method if self.target_interactions else METHOD_V1
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Class probabilities for coded rows (text and target), columns in ``classes_`` order."""
        return self._proba(_coded_frame(X))

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """favor / against / neutral for coded rows (text and target)."""
        self._check_trained()
        return self.pipeline_.predict(_coded_frame(X))

    def _score(self, X: pd.DataFrame) -> pd.DataFrame:
        self._check_trained()
        gates = self._gates(X)
        out = {}
        for name in self.targets_:
            frame = pd.DataFrame({"text": X["content"].tolist(), "target": name})
            score, label = self._signed(self._proba(frame), "favor", "against")
            mentioned = gates.get(slugify(name))
            if mentioned is not None:
                score = np.where(mentioned, score, np.nan)
                label = np.where(mentioned, label, NO_MENTION)
            out[f"stance_{slugify(name)}"] = score
            out[f"stance_{slugify(name)}_label"] = label
        return pd.DataFrame(out, index=X.index)

    def _gates(self, X: pd.DataFrame) -> dict[str, np.ndarray]:
        """For trained targets with aliases: whether each utterance mentions them."""
        defined = {t.slug: t for t in resolve_targets(self.targets)}
        wanted = [defined[slugify(n)] for n in self.targets_ if slugify(n) in defined]
        if not wanted:
            return {}
        matcher = AliasMatcher(wanted)
        hits = {t.slug: np.zeros(len(X), dtype=bool) for t in wanted}
        for i, text in enumerate(fold_texts(X["content"].tolist())):
            if matcher.may_mention(text):
                for m in matcher.find(tokenize_for_matching(text, normalized=True)):
                    hits[wanted[m.target].slug][i] = True
        return hits

    def columns(self) -> list[str]:
        """The output stance columns, in order."""
        return [c for n in self.targets_ for c in (f"stance_{slugify(n)}", f"stance_{slugify(n)}_label")]

    # --- persistence (the format is NgramLogisticScorer's) ---------------------------------------------

    def _params_to_json(self) -> dict:
        params = self.get_params()
        if params["targets"] is not None and not isinstance(params["targets"], (str, Path)):
            params["targets"] = [(t.name, dict(t.aliases), dict(t.exclude)) for t in params["targets"]]
        elif isinstance(params["targets"], Path):
            params["targets"] = str(params["targets"])
        return params

    @classmethod
    def _params_from_json(cls, params: dict) -> dict:
        params = super()._params_from_json(params)
        params.setdefault("target_interactions", False)  # saved before the option: v1's shared features
        if isinstance(params.get("targets"), list):
            params["targets"] = [Target(n, a, e) for n, a, e in params["targets"]]
        return params

    def _extra_metadata(self) -> dict:
        return {"targets": list(getattr(self, "targets_", []))}

    def _restore(self, metadata: dict) -> None:
        self.targets_ = list(metadata["targets"])

    @classmethod
    def _load_legacy(cls, path: Path):
        # the earlier format: one joblib file of {"metadata": ..., "pipeline": ...}
        import joblib

        try:
            blob = joblib.load(path)
        except Exception as exc:  # a truncated or foreign file: say which
            raise InputError(f"{path}: not a readable stance model ({type(exc).__name__}: {exc})") from None
        meta = blob.get("metadata", {}) if isinstance(blob, dict) else {}
        if meta.get("format") != LEGACY_FORMAT:
            raise InputError(f"{path}: not a framing stance model (format {meta.get('format')!r})")
        return cls(**cls._params_from_json(meta["params"])), meta, blob["pipeline"]


class SharedFeatures(TransformerMixin, BaseEstimator):
    """The text's n-grams and a one-hot indicator of the target: v1's features, shared by all targets.

    ``text_features`` turns a list of texts into a sparse matrix (a
    :class:`~sklearn.pipeline.FeatureUnion` of vectorizers).  A target not
    seen in training has no indicator.
    """

    def __init__(self, text_features):
        self.text_features = text_features

    def fit(self, X: pd.DataFrame, y=None):
        self.text_features_ = clone(self.text_features).fit(X["text"].tolist())
        self.targets_ = sorted(set(X["target"]))
        return self

    def _parts(self, X: pd.DataFrame) -> tuple[sp.csr_matrix, sp.csr_matrix, np.ndarray]:
        # the shared n-grams, the target indicator, and each row's target code (-1: not seen in training)
        shared = sp.csr_matrix(self.text_features_.transform(X["text"].tolist()))
        index = {t: k for k, t in enumerate(self.targets_)}
        codes = np.array([index.get(t, -1) for t in X["target"]], dtype=np.int64)
        known = np.flatnonzero(codes >= 0)
        indicator = sp.csr_matrix((np.ones(len(known)), (known, codes[known])), shape=(len(X), len(self.targets_)))
        return shared, indicator, codes

    def transform(self, X: pd.DataFrame) -> sp.csr_matrix:
        shared, indicator, _ = self._parts(X)
        return sp.hstack([shared, indicator], format="csr")


class TargetInteractions(SharedFeatures):
    """:class:`SharedFeatures`, then the n-grams again once per target, non-zero on that target's rows only.

    The shared copy learns what a word says toward any target, each
    target's copy what it says toward that one ("augmented features",
    Daumé III 2007, with targets as domains): "لقاح" is the target itself in
    a tweet on vaccines and a side in one on empowerment.  A target not seen
    in training gets the shared copy alone.  Chosen by 5-fold cross-validation
    on Mawqif's training file, three seeds (`framing/lang/STANCE.md`).

    Examples
    --------
    >>> from sklearn.feature_extraction.text import CountVectorizer
    >>> X = pd.DataFrame({"text": ["good plan", "bad port"], "target": ["plan", "port"]})
    >>> TargetInteractions(CountVectorizer()).fit(X).transform(X).shape  # 4 words x (1 + 2 targets) + 2
    (2, 14)
    """

    def transform(self, X: pd.DataFrame) -> sp.csr_matrix:
        shared, indicator, codes = self._parts(X)
        own = [sp.diags((codes == k).astype(float)) @ shared for k in range(len(self.targets_))]
        return sp.hstack([shared, indicator, *own], format="csr")


def _coded_frame(X) -> pd.DataFrame:
    if not isinstance(X, pd.DataFrame):
        raise TypeError(f"expected a DataFrame of coded rows, got {type(X).__name__}")
    text = "text" if "text" in X.columns else "content" if "content" in X.columns else None
    if text is None or "target" not in X.columns:
        raise ValueError("coded rows need a 'text' (or 'content') and a 'target' column; "
                         f"got {list(X.columns)}")
    return pd.DataFrame({"text": X[text].tolist(), "target": X["target"].astype(str).tolist()})


# --- cross-validation -----------------------------------------------------------------------------------------


def stance_f1(gold, pred) -> dict[str, float]:
    """F1 of favor, against and neutral, their SemEval-2016 mean (favor and against) and the macro mean.

    >>> r = stance_f1(["favor", "against", "neutral"], ["favor", "against", "favor"])
    >>> round(r["f_avg"], 3), round(r["macro_f1"], 3)
    (0.833, 0.556)
    """
    f = f1_score(list(gold), list(pred), labels=list(LABELS), average=None, zero_division=0)
    scores = {f"f1_{lab}": float(v) for lab, v in zip(LABELS, f)}
    scores["f_avg"] = (scores["f1_favor"] + scores["f1_against"]) / 2
    scores["macro_f1"] = float(np.mean(f))
    return scores


def cross_validate_stance(coded: pd.DataFrame, *, folds: int = 5, seed: int = 0, model=None) -> dict:
    """Stratified k-fold cross-validation on coded rows (``text``, ``target``, ``stance``).

    Folds are stratified by target and stance together.  Each fold's scores
    are computed on its held-out rows; the result holds their means, the
    per-fold scores, per-target scores over all held-out predictions, and the
    same measures for a majority baseline (each target's most common stance
    in the training folds), measured in the same run.
    """
    model = model if model is not None else SupervisedStance()
    y = coded["stance"].to_numpy(dtype=object)
    strata = (coded["target"] + "|" + coded["stance"]).to_numpy(dtype=object)
    counts = pd.Series(strata).value_counts()
    if folds < 2 or counts.min() < folds:
        raise ValueError(f"{folds}-fold cross-validation needs at least {folds} rows of every target and "
                         f"stance; the smallest group ({counts.idxmin()}) has {counts.min()}")
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    pred = np.empty(len(coded), dtype=object)
    base = np.empty(len(coded), dtype=object)
    per_fold = []
    for train, test in splitter.split(coded, strata):
        fitted = clone(model).fit(coded.iloc[train], y[train])
        pred[test] = fitted.predict(coded.iloc[test])
        majority = pd.Series(y[train]).groupby(coded["target"].to_numpy()[train]).agg(lambda s: s.mode()[0])
        base[test] = coded["target"].iloc[test].map(majority).fillna("neutral").to_numpy()
        per_fold.append({"model": stance_f1(y[test], pred[test]), "majority": stance_f1(y[test], base[test])})
    result = {"method": model.method, "n": len(coded), "folds": folds, "seed": seed,
              "labels": {k: int(v) for k, v in coded["stance"].value_counts().items()}}
    for key in ("f1_favor", "f1_against", "f1_neutral", "f_avg", "macro_f1"):
        result[key] = float(np.mean([f["model"][key] for f in per_fold]))
    result["majority"] = {key: float(np.mean([f["majority"][key] for f in per_fold]))
                          for key in ("f_avg", "macro_f1")}
    result["per_fold"] = [{k: round(v, 4) for k, v in f["model"].items()} for f in per_fold]
    targets = coded["target"].to_numpy()
    result["per_target"] = {t: stance_f1(y[targets == t], pred[targets == t]) for t in dict.fromkeys(targets)}
    return result


def evaluate_split(train: pd.DataFrame, test: pd.DataFrame, *, model=None) -> dict:
    """Fit on coded ``train`` rows, score coded ``test`` rows: a fixed held-out split.

    Returns the measures of :func:`stance_f1` on the test rows, the same for
    the majority baseline (each target's most common stance in ``train``),
    and per target.
    """
    model = model if model is not None else SupervisedStance()
    fitted = clone(model).fit(train, train["stance"].to_numpy(dtype=object))
    y = test["stance"].to_numpy(dtype=object)
    pred = fitted.predict(test)
    majority = train.groupby("target")["stance"].agg(lambda s: s.mode()[0])
    base = test["target"].map(majority).fillna("neutral").to_numpy()
    result = {"method": model.method, "n_train": len(train), "n": len(test), "split": "fixed",
              "labels": {k: int(v) for k, v in test["stance"].value_counts().items()},
              **stance_f1(y, pred), "majority": stance_f1(y, base)}
    targets = test["target"].to_numpy()
    result["per_target"] = {t: stance_f1(y[targets == t], pred[targets == t]) for t in dict.fromkeys(targets)}
    return result


def format_stance_result(result: dict) -> str:
    """A short plain-text report of :func:`cross_validate_stance`'s result."""
    how = (f"fitted on {result['n_train']} rows, scored on {result['n']} held-out rows"
           if result.get("split") == "fixed" else
           f"{result['folds']}-fold cross-validation on {result['n']} rows (seed {result['seed']})")
    lines = [f"{result['method']}: {how} ({', '.join(f'{k} {v}' for k, v in result['labels'].items())})",
             f"  F_avg (mean F1 of favor and against) = {result['f_avg']:.3f}   "
             f"3-class macro-F1 = {result['macro_f1']:.3f}",
             f"  F1 favor {result['f1_favor']:.3f}, against {result['f1_against']:.3f}, "
             f"neutral {result['f1_neutral']:.3f}",
             f"  majority baseline ({'training rows' if result.get('split') == 'fixed' else 'same folds'}): F_avg = {result['majority']['f_avg']:.3f}   "
             f"macro-F1 = {result['majority']['macro_f1']:.3f}"]
    for target, s in result["per_target"].items():
        lines.append(f"  {target}: F_avg {s['f_avg']:.3f}, macro-F1 {s['macro_f1']:.3f}")
    return "\n".join(lines)
