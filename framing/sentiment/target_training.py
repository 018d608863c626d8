"""Train the target sentiment model (``framing train sentiment-targets``): settings by grouped CV, a held-out split.

Coded sentences with targets (NewsMTSC's JSONL; :func:`framing.sentiment.read_eval_data`)
are grouped so near-duplicate sentences never straddle a split: NewsMTSC's
AllSides sentences by story (the same event told by several outlets), the
others by article (:func:`newsmtsc_group`).  Then:

1. a stratified share of the groups (``holdout``, default a fifth) is set
   aside;
2. every combination of the settings grid is cross-validated by group on
   the rest (the training part), and the best mean macro-F1 wins;
3. a model with those settings is fitted on the training part and scored on
   the held-out part, beside the training part's majority label, the
   default lexicon scorer and VADER alone;
4. the model saved is fitted with those settings on the whole file.

The held-out part is a split of the training file, not a separate test file.

Examples
--------
>>> newsmtsc_group("allsides_1000_401_25_Reality Leigh Winner_0_6"), newsmtsc_group("polusa_v1_113704059_-1_35_x")
('allsides_401', 'polusa_v1_113704059')
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np

from framing.sentiment.target_model import METHOD, MODEL_DIR, MODEL_FORMAT, LinearModel, target_features

#: The settings a model is trained with when none are given (what the shipped model's grid chose).
DEFAULT_SETTINGS = {"window": 8, "C": 0.25, "sentence_words": True}
#: Features seen in fewer training rows are left out (they cannot generalise, and they bloat the file).
MIN_COUNT = 2


def newsmtsc_group(gid: str) -> str:
    """The group of a NewsMTSC sentence id: its AllSides story, else its article."""
    parts = str(gid).split("_")
    if parts[0] == "allsides" and len(parts) > 2:
        return f"allsides_{parts[2]}"
    return "_".join(parts[:3])


def fit_target_model(texts, spans, labels, *, window: int = 12, C: float = 0.5, sentence_words: bool = True,
                     seed: int = 0) -> LinearModel:
    """A :class:`LinearModel` fitted on texts with target spans and their labels (classes balanced).

    >>> m = fit_target_model(["Critics slammed Smith", "Fans cheered Smith", "Smith spoke"] * 4,
    ...                      [(16, 21), (13, 18), (0, 5)] * 4, ["negative", "positive", "neutral"] * 4)
    >>> m.classes
    ['negative', 'neutral', 'positive']
    """
    feats = [target_features(t, s, window, sentence_words) for t, s in zip(texts, spans)]
    return LinearModel.fit(feats, labels, C=C, seed=seed, min_count=MIN_COUNT)


def _predict(model: LinearModel, texts, spans, settings) -> list[str]:
    feats = [target_features(t, s, settings["window"], settings["sentence_words"]) for t, s in zip(texts, spans)]
    return [model.classes[k] for k in model.proba(feats).argmax(axis=1)]


def grouped_folds(y, groups, folds: int, seed: int):
    """Stratified folds that keep each group whole (scikit-learn's ``StratifiedGroupKFold``)."""
    from sklearn.model_selection import StratifiedGroupKFold

    return list(StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
                .split(np.zeros(len(y)), y, groups))


def grouped_cv(texts, spans, y, groups, settings: dict, *, folds: int = 5, seed: int = 0) -> dict:
    """Macro-F1 of a model with ``settings`` in ``folds`` grouped, stratified folds: per fold, mean and sd."""
    from framing.sentiment.supervised import macro_f1

    y = np.asarray(y, dtype=object)
    scores = []
    for train, test in grouped_folds(y, groups, folds, seed):
        model = fit_target_model([texts[i] for i in train], [spans[i] for i in train], y[train], seed=seed,
                                 **settings)
        scores.append(macro_f1(y[test], _predict(model, [texts[i] for i in test], [spans[i] for i in test],
                                                 settings)))
    return {"settings": dict(settings), "folds": [round(s, 4) for s in scores],
            "mean": round(float(np.mean(scores)), 4), "std": round(float(np.std(scores)), 4)}


def _grid(windows, Cs, sentence_words) -> list[dict]:
    return [{"window": int(w), "C": float(c), "sentence_words": bool(s)}
            for w in windows for c in Cs for s in sentence_words]


def train_target_sentiment(path, *, windows=(8, 12), Cs=(0.25, 0.5, 1.0), sentence_words=(False, True),
                           holdout: float = 0.2, folds: int = 5, seed: int = 0, command: str = "",
                           verbose: bool = True) -> tuple[LinearModel, dict]:
    """Choose settings by grouped CV on a training part, score a held-out part, fit on all (see the module notes).

    Returns the model fitted on the whole file and its metadata (the report
    :func:`save_target_model` writes).
    """
    import sklearn

    from framing.files import file_sha256
    from framing.sentiment.evaluate import _scored, read_eval_data
    from framing.sentiment.lexicon import DEFAULT_TARGET_WINDOW, LexiconSentiment, VaderSentiment

    X = read_eval_data(path)
    if "target_start" not in X.columns:
        raise ValueError(f"{path}: no targets (target sentiment needs NewsMTSC's layout)")
    X = X[X["target_start"].notna()].reset_index(drop=True)
    X["lang"] = "en"
    texts, y = X["content"].tolist(), X["label"].to_numpy(dtype=object)
    spans = [(int(a), int(b)) for a, b in zip(X["target_start"], X["target_end"])]
    groups = X["group"].to_numpy(dtype=object)
    say = print if verbose else (lambda *a, **k: None)
    # the held-out part: one fold of a grouped, stratified split into 1/holdout parts
    train, held = grouped_folds(y, groups, max(2, round(1 / holdout)), seed)[0]
    say(f"{len(y)} targets in {len(set(groups))} groups: training part {len(train)} ({len(set(groups[train]))} "
        f"groups), held-out part {len(held)} ({len(set(groups[held]))} groups; a split of the training file)")
    tt, ts = [texts[i] for i in train], [spans[i] for i in train]
    grid = []
    for settings in _grid(windows, Cs, sentence_words):
        grid.append(grouped_cv(tt, ts, y[train], groups[train], settings, folds=folds, seed=seed))
        say(f"  CV on the training part {settings}: macro-F1 {grid[-1]['mean']:.4f} (sd {grid[-1]['std']:.4f})")
    best = max(grid, key=lambda r: r["mean"])
    settings = best["settings"]
    top = Counter(y[train]).most_common(1)[0][0]
    gold = list(y[held])
    model = fit_target_model(tt, ts, y[train], seed=seed, **settings)
    heldX = X.iloc[held]
    held_out = {"n": int(len(held)), "labels": dict(sorted(Counter(gold).items())),
                "model": _scored("model", METHOD, gold, _predict(model, [texts[i] for i in held],
                                                                 [spans[i] for i in held], settings)),
                "lexicon": _scored("lexicon", "sentiment.lexicon.en.v2", gold, LexiconSentiment(
                    "en", target_window=DEFAULT_TARGET_WINDOW["en"]).fit().transform(heldX)["sentiment_label"]),
                "vader": _scored("vader", VaderSentiment.method, gold,
                                 VaderSentiment().fit().transform(heldX)["sentiment_label"]),
                "majority": {"label": top, **_scored("majority", "always " + top, gold, [top] * len(gold))}}
    for name in ("model", "lexicon", "vader", "majority"):
        say(f"held-out part: {name:<9} macro-F1 {held_out[name]['macro_f1']:.4f}  accuracy "
            f"{held_out[name]['accuracy']:.4f}")
    final = fit_target_model(texts, spans, y, seed=seed, **settings)
    data = {"file": Path(path).name, "sha256": file_sha256(path), "targets": int(len(y)),
            "groups": int(len(set(groups))), "labels": dict(sorted(Counter(y).items()))}
    report = {"format": MODEL_FORMAT, "method": METHOD, "command": command or None,
              "scikit_learn": sklearn.__version__, "settings": settings,
              "training": {"folds": folds, "seed": seed, "holdout": holdout, "min_count": MIN_COUNT,
                           "grouping": "AllSides story, else article (newsmtsc_group)"},
              "data": data, "training_sha256": data["sha256"],
              "cross_validation": {"on": "the training part (grouped, stratified)", "grid": grid, "best": best},
              "held_out": held_out, "n_features": len(final.features)}
    return final, report


def save_target_model(model: LinearModel, report: dict, folder) -> Path:
    """Write ``metadata.json`` (the report) and ``weights.json`` to ``folder`` (:mod:`framing.model_files`)."""
    from framing.model_files import save_model

    return save_model(folder, report, json_parts={"weights.json": model.to_json()})


__all__ = ["DEFAULT_SETTINGS", "METHOD", "MODEL_DIR", "fit_target_model", "grouped_cv", "grouped_folds", "newsmtsc_group",
           "save_target_model", "train_target_sentiment"]
