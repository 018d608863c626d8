"""How far to trust the news stance model's sides, target by target, from the figures it was trained with.

A run's stance toward a target is only as good as the model is on that
target, and the model is much better on some than on others: where coded
speakers nearly all take one side (ISIS, the Houthis) it is right for nine
pairs in ten, and so is always answering that side; where they divide (the
United States, Turkey, Russia) it is right for about half.  Training
(``framing train stance --speaker-codes``) measures it per target on the
speakers coded over whole articles, out of fold (each article's speakers
decided by a speaker model fitted without it, with statement probabilities
from a model that never saw those articles), and stores the figures in the
model's ``metadata.json``.  :func:`target_quality` reads them back for a
run's targets, beside the trivial baseline, so that a report says which
targets' sides are worth citing.

Examples
--------
>>> q = target_quality(targets=["Iran", "a target nobody coded"])
>>> list(q.columns[:4])
['target', 'measured', 'pairs', 'right']
>>> bool(q.loc[1, "measured"])
False
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["COLUMNS", "target_quality", "quality_record"]

#: The columns of :func:`target_quality`, in order.
COLUMNS = ("target", "measured", "pairs", "right", "accuracy", "majority_side", "majority", "labelled",
           "side_right", "side_accuracy", "side_majority", "below_baseline", "trained_as")


def target_quality(model=None, targets=None) -> pd.DataFrame:
    """Per target, the model's speaker-level decisions against coded speakers, beside always its most frequent side.

    Parameters
    ----------
    model : NewsModel, NewsStance, str, Path or dict, optional
        A news stance model, a scorer holding one, its folder or its metadata; the shipped model by default.
    targets : list of Target or str, optional
        The targets to report (a run's); by default those the figures cover.

    Returns
    -------
    pandas.DataFrame
        One row per target (:data:`COLUMNS`): ``measured`` (whether the
        model's training measured it: a target no coder coded has no
        figures, NaN), ``pairs`` (speaker-target pairs coded as addressed),
        ``right`` and ``accuracy`` (the coded label given, "none" counting
        wrong), ``majority_side`` and ``majority`` (always that side's
        accuracy: a baseline that knows which pairs are addressed),
        ``labelled`` (a side given), ``side_right`` and ``side_accuracy`` (of
        those, the coded side), ``side_majority`` (of those, always the
        target's most frequent coded side), ``below_baseline`` (the sides
        given are right less often than always that side would be: they say
        less of a speaker than the target's usual side does), ``trained_as``
        (for a target the model knows under another name, with the same
        aliases, that name: its figures are that target's,
        :mod:`framing.stance.known_targets`; else empty).

    Examples
    --------
    >>> q = target_quality(targets=["ISIS"])
    >>> bool(q.loc[0, "pairs"] > 0 and 0 <= q.loc[0, "accuracy"] <= 1)
    True
    """
    figures = _per_target(_metadata(model))
    names = [getattr(t, "name", t) for t in targets] if targets is not None else sorted(figures)
    known_as = _trained_as(model, targets)
    rows = []
    for name in names:
        f = figures.get(known_as.get(name, name))
        if f is None:
            rows.append({"target": name, "measured": False, "trained_as": known_as.get(name)})
            continue
        side = f["side_right"] / f["labelled"] if f["labelled"] else np.nan
        side_majority = f.get("side_majority")
        rows.append({"target": name, "measured": True, "pairs": f["pairs"], "right": f["right"],
                     "accuracy": round(f["right"] / f["pairs"], 4) if f["pairs"] else np.nan,
                     "majority_side": f["majority_side"], "majority": f["majority"], "labelled": f["labelled"],
                     "side_right": f["side_right"], "side_accuracy": round(side, 4),
                     "side_majority": np.nan if side_majority is None else side_majority,
                     "below_baseline": bool(side_majority is not None and side < side_majority),
                     "trained_as": known_as.get(name)})
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    for c in ("pairs", "right", "labelled", "side_right"):
        out[c] = out[c].astype("Int64")
    out["measured"] = out["measured"].astype(bool)
    return out


def quality_record(model, targets) -> dict | None:
    """What ``run.json`` keeps of :func:`target_quality` for a run's targets (None without figures).

    ``model`` is what the run scored stance with: None for the shipped news
    model, a folder, or a scorer.  A model without per-target figures (one
    trained before they were measured, a supervised one) gives None.
    """
    metadata = _metadata(model)
    if not _per_target(metadata):
        return None
    table = target_quality(model, targets)
    rows = [{k: (None if pd.isna(v) else v.item() if hasattr(v, "item") else v) for k, v in row.items()}
            for row in table.to_dict("records")]
    return {"method": metadata.get("method"), "training_sha256": metadata.get("training_sha256"),
            "measured_on": "speakers coded over whole articles (the training set's speaker round), out of fold",
            "targets": rows}


def _trained_as(model, targets) -> dict[str, str]:
    """{run target's name: the training target's} for the targets the model knows under another name."""
    from framing.stance.known_targets import identify
    from framing.stance.news_model import MODEL_DIR, NewsModel, NewsStance, load_news_model
    from framing.stance.targets import Target

    targets = [t for t in targets or () if isinstance(t, Target)]
    if not targets:
        return {}
    if isinstance(model, NewsStance):
        model = model.model_ if hasattr(model, "model_") else model.model
    if model is None or (isinstance(model, (str, Path)) and Path(model) == MODEL_DIR):
        model = load_news_model(None)  # the shipped model, as the run loaded it (cached)
    elif isinstance(model, (str, Path)):
        if not (Path(model) / "weights.json").is_file():
            return {}
        model = load_news_model(str(model))
    if not isinstance(model, NewsModel):
        return {}
    return {targets[i].name: k.name for i, k in identify(targets, model.learned_targets()).items()}


def _metadata(model) -> dict:
    from framing.stance.news_model import MODEL_DIR, NewsModel, NewsStance

    if model is None:
        model = MODEL_DIR
    if isinstance(model, NewsStance):
        model = model.model_ if hasattr(model, "model_") else (model.model or MODEL_DIR)
    if isinstance(model, NewsModel):
        return model.metadata or {}
    if isinstance(model, dict):  # the metadata itself (a training report)
        return model
    if isinstance(model, (str, Path)):
        path = Path(model) / "metadata.json"
        if path.is_file():
            import json

            return json.loads(path.read_text(encoding="utf-8"))
    return {}


def _per_target(metadata: dict) -> dict:
    return ((metadata.get("speaker_model") or {}).get("cross_validation") or {}).get("per_target") or {}
