"""Train the supervised sentiment and stance scorers on coded sheets.

The coders' majority label of each utterance (:func:`consensus`) is the
training label; ``none`` (no sentiment, target not addressed) and missing
codes are left out.  Each scorer is cross-validated first (the fold scores
are printed and stored in the saved model's metadata), then fitted on all
the coded rows.

Examples
--------
>>> import pandas as pd
>>> coded = pd.DataFrame({"unit": ["u1", "u2"], "coder": "a", "added": False, "lang": "en",
...                       "content": ["a fine deal", "a cruel war"], "sentiment": ["positive", "negative"],
...                       "stance_russia": ["none", "against"]})
>>> data = training_data(coded)
>>> data["sentiment"]["label"].tolist(), data["stance"][["target", "stance"]].values.tolist()
(['positive', 'negative'], [['Russia', 'against']])
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from framing.errors import InputError
from framing.stance.cues import LABELS
from framing.validation.scoring import consensus
from framing.validation.sheets import is_stance_column

SENTIMENT_LABELS = ("positive", "negative", "neutral")


def training_data(coded: pd.DataFrame, *, targets=None) -> dict[str, pd.DataFrame]:
    """Training rows from coded sheets.

    Returns
    -------
    dict of DataFrame
        ``sentiment``: ``utterance_id, content, lang, label``;
        ``stance``: ``text, target, stance`` (target names from the targets
        config when a slug is known there, so the trained model gates on
        their aliases).
    """
    from framing.stance.targets import resolve_targets

    stance_cols = [c for c in coded.columns if is_stance_column(c)]
    sentiment = "sentiment" if "sentiment" in coded.columns else None
    rows = coded[~coded["added"]] if "added" in coded.columns else coded
    labelled = (rows[stance_cols].isin(LABELS).any(axis=1) if stance_cols else False) | (
        rows[sentiment].isin(SENTIMENT_LABELS) if sentiment else False)
    content = rows["content"] if "content" in rows else pd.Series("", index=rows.index)
    missing = rows[labelled & (content.fillna("").astype(str).str.strip() == "")]
    if len(missing):
        where = "; ".join(f"{r.get('source', '?')}: row {r.get('row', '?')}" for r in missing.head(5).to_dict("records"))
        raise InputError(f"{len(missing)} coded row(s) have no content to learn from: {where}")
    ref = consensus(rows, [c for c in [sentiment, *stance_cols] if c])
    names = {t.slug: t.name for t in resolve_targets(targets)}
    lang = ref["lang"].fillna("") if "lang" in ref else ""
    out = {"sentiment": pd.DataFrame(columns=["utterance_id", "content", "lang", "label"]),
           "stance": pd.DataFrame(columns=["text", "target", "stance"])}
    if sentiment:
        keep = ref["sentiment"].isin(SENTIMENT_LABELS)
        out["sentiment"] = pd.DataFrame({"utterance_id": ref["unit"], "content": ref["content"], "lang": lang,
                                         "label": ref["sentiment"]})[keep].reset_index(drop=True)
    parts = []
    for col in stance_cols:
        slug = col[len("stance_"):]
        keep = ref[col].isin(LABELS)
        parts.append(pd.DataFrame({"text": ref.loc[keep, "content"], "target": names.get(slug, slug),
                                   "stance": ref.loc[keep, col]}))
    if parts:
        out["stance"] = pd.concat(parts, ignore_index=True)
    return out


def _check_folds(counts: pd.Series, folds: int, what: str) -> None:
    if len(counts) < 2:
        raise InputError(f"{what}: the coded rows have {len(counts)} label(s) ({dict(counts)}); "
                         "training needs at least two")
    if counts.min() < folds:
        raise InputError(f"{what}: {folds}-fold cross-validation needs {folds} coded rows of each label; "
                         f"{counts.idxmin()} has {counts.min()} ({dict(counts)}); code more rows or use fewer folds")


def train_sentiment(data: pd.DataFrame, *, folds: int = 5, seed: int = 0, verbose: bool = True):
    """Cross-validate and fit :class:`~framing.sentiment.SupervisedSentiment`; returns (model, cv dict).

    The cross-validation result is kept as ``model.cv_`` and saved in the model's metadata.
    """
    from framing.sentiment import SupervisedSentiment, cross_validate

    _check_folds(data["label"].value_counts(), folds, "sentiment")
    model = SupervisedSentiment(seed=seed)
    cv = cross_validate(model, data, data["label"], folds=folds, seed=seed, verbose=verbose)
    model.fit(data, data["label"])
    model.cv_ = cv
    return model, cv


def train_stance(data: pd.DataFrame, *, targets=None, folds: int = 5, seed: int = 0, verbose: bool = True):
    """Cross-validate and fit :class:`~framing.stance.supervised.SupervisedStance`; returns (model, cv dict).

    The cross-validation summary is kept as ``model.cv_`` and saved in the model's metadata.
    """
    from framing.stance.supervised import SupervisedStance, cross_validate_stance, format_stance_result

    _check_folds((data["target"] + " " + data["stance"]).value_counts(), folds, "stance")
    model = SupervisedStance(targets, seed=seed)
    cv = cross_validate_stance(data, folds=folds, seed=seed, model=model)
    if verbose:
        print(format_stance_result(cv))
    model.fit(data, data["stance"])
    model.cv_ = {k: cv[k] for k in ("n", "folds", "seed", "labels", "f_avg", "macro_f1", "f1_favor", "f1_against",
                                    "f1_neutral", "majority", "per_fold")}
    return model, cv


def train_from_sheets(coded: pd.DataFrame, out: str | Path | None = None, *, what=("sentiment", "stance"),
                      targets=None, folds: int = 5, seed: int = 0, verbose: bool = True) -> dict:
    """Train the chosen scorers on coded sheets and (with ``out``) save them.

    Writes the model folders ``sentiment`` and ``stance`` (see
    :meth:`framing.scorers.NgramLogisticScorer.save`; their metadata hold the
    cross-validation numbers and the training data's hash) and
    ``training.json`` (what was trained on what, and the scores) to the
    folder ``out``.

    Returns
    -------
    dict
        Per scorer: ``model``, ``cv`` (the cross-validation result), ``n``
        and, when saved, ``path``.
    """
    data = training_data(coded, targets=targets)
    trainers = {"sentiment": lambda d: train_sentiment(d, folds=folds, seed=seed, verbose=verbose),
                "stance": lambda d: train_stance(d, targets=targets, folds=folds, seed=seed, verbose=verbose)}
    unknown = set(what) - set(trainers)
    if unknown:
        raise ValueError(f"can train {sorted(trainers)}, not {sorted(unknown)}")
    results = {}
    for name in what:
        model, cv = trainers[name](data[name])
        results[name] = {"model": model, "cv": cv, "n": len(data[name])}
    if out is not None:
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for name, r in results.items():
            r["path"] = str(r["model"].save(folder / name))
        summary = {name: {"method": r["model"].method, "n": r["n"], "path": r["path"], "cv": r["cv"]}
                   for name, r in results.items()}
        summary["sources"] = sorted(set(coded["source"])) if "source" in coded else []
        (folder / "training.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2, default=str) + "\n",
                                              encoding="utf-8")
    return results


def train_labels(coded: pd.DataFrame, codebook, out: str | Path | None = None, *, folds: int = 5, seed: int = 0,
                 verbose: bool = True) -> dict:
    """Train a :class:`~framing.frames.supervised.LabelModel` on the codebook's column of coded sheets.

    The coders' majority code of each utterance is its label(s); rows not
    coded are left out.  The model is cross-validated first (micro- and
    macro-F1 beside the majority baseline, kept in its metadata), then
    fitted on every coded row and, with ``out``, saved to ``out/<name>``.

    Returns
    -------
    dict
        ``model``, ``cv``, ``n`` and, when saved, ``path``.

    Raises
    ------
    InputError
        When the sheets have no column of the codebook's name, a code is not
        one of its labels (naming the sheet and row), or there are too few
        coded rows for the folds.
    """
    from framing.frames.supervised import LabelModel, load_codebook, parse_codes

    book = codebook if isinstance(codebook, dict) else load_codebook(codebook)
    name = book["name"]
    if name not in coded.columns:
        raise InputError(f"the coding sheets have no column {name!r} (the codebook's name): add it and code each "
                         f"utterance with {'one or more' if book['multi'] else 'one'} of "
                         f"{', '.join(book['labels'])}")
    rows = coded[~coded["added"]] if "added" in coded.columns else coded
    # every coder's codes are checked, so a typo is found with its sheet and row, before the majority is taken
    parse_codes(rows[name].tolist(), book, where=[f"{r.get('source', '?')}: row {r.get('row', '?')}"
                                                  for r in rows.to_dict("records")])
    ref = consensus(rows, [name])
    labels = parse_codes(ref[name].tolist(), book)
    keep = [i for i, v in enumerate(labels) if v]
    data = ref.iloc[keep].reset_index(drop=True)
    y = [labels[i] for i in keep]
    if len(y) < 2 * folds:
        raise InputError(f"{name}: {len(y)} coded utterances; {folds}-fold cross-validation needs at least "
                         f"{2 * folds} (code more, or use fewer folds)")
    model = LabelModel(name, book["labels"], multi=book["multi"], min_df=1)
    cv = model.cross_validate(data, y, folds=folds, seed=seed)
    if verbose:
        print(f"{name}: {cv['n']} coded utterances, {folds}-fold cross-validation: macro-F1 {cv['macro_f1']:.3f}, "
              f"micro-F1 {cv['micro_f1']:.3f}; baseline ({cv['baseline']}): macro-F1 "
              f"{cv['baseline_macro_f1']:.3f}, micro-F1 {cv['baseline_micro_f1']:.3f}")
    model.fit(data, y)
    model.cv_ = cv
    result = {"model": model, "cv": cv, "n": len(y)}
    if out is not None:
        result["path"] = str(model.save(Path(out) / name))
    return result
