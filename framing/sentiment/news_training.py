"""Train the Arabic news sentiment model (``framing train sentiment-news``) on coded news events.

Coded attribution events carry a ``sentiment`` (positive, negative,
neutral).  :func:`framing.sentiment.news_events.event_examples` pairs them with
the utterances ``framing analyze`` finds in their articles; the settings
grid (``C``, whether the content's words are features) is cross-validated
in folds split by article (a statement's neighbours never straddle a
split), beside the lexicon default and the majority label on the same
folds; the settings chosen (:func:`choose_settings`) are fitted on all the events and saved with the
command, data hashes and scores (:mod:`framing.model_files`).

Examples
--------
>>> import pandas as pd
>>> X = pd.DataFrame({"utterance_id": list("abcdef"), "lang": "ar", "cue": ["وأدان", "ورحب", "وقال"] * 2,
...                   "content": ["الهجوم", "الاتفاق", "الاجتماع"] * 2})
>>> fit_news_sentiment(X, ["negative", "positive", "neutral"] * 2).classes
['negative', 'neutral', 'positive']
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from framing.sentiment.news_model import METHOD, MODEL_DIR, MODEL_FORMAT, news_features
from framing.sentiment.target_model import LinearModel

#: The settings a model is trained with when none are given (what the shipped model's grid chose).
DEFAULT_SETTINGS = {"C": 0.3, "words": True}
#: Features seen in fewer training rows are left out.
MIN_COUNT = 2


def features_of(X: pd.DataFrame, *, words: bool = True) -> list[dict]:
    """:func:`news_features` of every row of an utterances table (``content``, ``cue``)."""
    from framing.sentiment.lexicon import compiled_shipped

    lex = compiled_shipped("ar")
    n = len(X)
    cues = X["cue"].tolist() if "cue" in X.columns else [None] * n
    known: dict = {}
    return [news_features(t, c, lex, words, known) for t, c in zip(X["content"].tolist(), cues)]


def fit_news_sentiment(X: pd.DataFrame, y, *, C: float = 0.3, words: bool = True, seed: int = 0) -> LinearModel:
    """A :class:`LinearModel` over :func:`news_features`, fitted on utterances ``X`` and labels ``y``."""
    n_labels = len(set(np.asarray(y, dtype=object).tolist()))
    if n_labels < 3:
        raise ValueError(f"the coded events give {n_labels} label(s); three are needed")
    return LinearModel.fit(features_of(X, words=words), y, C=C, seed=seed, min_count=MIN_COUNT)


def cross_validate_by_article(X: pd.DataFrame, y, groups, settings: dict, *, folds: int = 5, seed: int = 0) -> dict:
    """Macro-F1 of a model with ``settings``, of the lexicon default and of the majority label, in folds by article.

    The folds are stratified and keep each article whole; the lexicon
    learns nothing, so its "folds" are the same held-out parts scored as
    they are, and the majority label is each training part's.
    """
    from framing.sentiment.lexicon import LexiconSentiment
    from framing.sentiment.supervised import macro_f1
    from framing.sentiment.target_training import grouped_folds

    y = np.asarray(y, dtype=object)
    lexicon = LexiconSentiment("ar").fit().transform(X)["sentiment_label"].to_numpy()
    out = {"model": [], "lexicon": [], "majority": []}
    for train, test in grouped_folds(y, groups, folds, seed):
        model = fit_news_sentiment(X.iloc[train], y[train], seed=seed, **settings)
        proba = model.proba(features_of(X.iloc[test], words=settings["words"]))
        out["model"].append(macro_f1(y[test], np.asarray(model.classes, dtype=object)[proba.argmax(axis=1)]))
        out["lexicon"].append(macro_f1(y[test], lexicon[test]))
        top = Counter(y[train]).most_common(1)[0][0]
        out["majority"].append(macro_f1(y[test], [top] * len(test)))
    return {"settings": dict(settings),
            **{k: {"folds": [round(s, 4) for s in v], "mean": round(float(np.mean(v)), 4),
                   "std": round(float(np.std(v)), 4)} for k, v in out.items()}}


def choose_settings(grid: list[dict], folds: int) -> dict:
    """The grid row to fit: the word setting with the best mean, then the strongest regularization within one
    standard error of that setting's best (the one-standard-error rule along ``C``).

    The folds' means differ by less than their spread: on the coded events C 0.1, 0.3 and 1.0 scored 0.587,
    0.588 and 0.589 (sd 0.011 to 0.022), and the largest is as likely to be chance as not.  Taking the
    smallest C that is as good within that error keeps the model that fits the training articles least
    closely.

    >>> row = lambda c, w, m, sd: {"settings": {"C": c, "words": w}, "model": {"mean": m, "std": sd}}
    >>> choose_settings([row(0.1, True, 0.587, 0.02), row(1.0, True, 0.589, 0.02), row(0.1, False, 0.57, 0.02)],
    ...                 5)["settings"]
    {'C': 0.1, 'words': True}
    >>> choose_settings([row(0.1, True, 0.55, 0.01), row(1.0, True, 0.60, 0.01)], 5)["settings"]["C"]
    1.0
    """
    top = max(grid, key=lambda r: r["model"]["mean"])
    same = [r for r in grid if r["settings"].get("words") == top["settings"].get("words")]
    floor = top["model"]["mean"] - top["model"]["std"] / np.sqrt(max(folds, 1))
    return min((r for r in same if r["model"]["mean"] >= floor), key=lambda r: r["settings"]["C"])


def train_news_sentiment(corpus, event_files, *, Cs=(0.1, 0.3, 1.0), words=(False, True), folds: int = 5,
                         seed: int = 0, command: str = "", corpus_options=None, progress=None,
                         verbose: bool = True) -> tuple[LinearModel, dict]:
    """Read the coded articles, choose settings by CV by article, fit on all; the model and its report."""
    import sklearn

    from framing.attribution.training import coded_events
    from framing.corpus import documents_by_id
    from framing.errors import InputError
    from framing.files import file_sha256
    from framing.model_files import data_sha256
    from framing.sentiment.news_events import event_examples

    events = [e for f in event_files for e in coded_events(f) if not e.get("no_events")]
    docs, missing = documents_by_id(corpus, {e["doc"] for e in events}, progress=progress, **(corpus_options or {}))
    if missing:
        raise InputError(f"{corpus}: {len(missing)} coded document(s) are not in the corpus "
                         f"(first: {sorted(missing)[0]}); is it the corpus they were coded in?")
    X, stats = event_examples(docs, events)
    y, groups = X["label"].to_numpy(dtype=object), X["doc_id"].to_numpy(dtype=object)
    say = print if verbose else (lambda *a, **k: None)
    say(f"{stats['matched']} of {stats['events']} coded events matched to utterances in {len(set(groups))} "
        f"articles: {dict(sorted(Counter(y).items()))}")
    grid = []
    for settings in ({"C": float(c), "words": bool(w)} for c in Cs for w in words):
        grid.append(cross_validate_by_article(X, y, groups, settings, folds=folds, seed=seed))
        r = grid[-1]
        say(f"  {folds}-fold CV by article {settings}: macro-F1 {r['model']['mean']:.4f} (sd {r['model']['std']:.4f}); "
            f"lexicon {r['lexicon']['mean']:.4f}, majority {r['majority']['mean']:.4f}")
    best = choose_settings(grid, folds)
    model = fit_news_sentiment(X, y, seed=seed, **best["settings"])
    records = [{"file": Path(str(corpus)).name, "sha256": file_sha256(corpus)}] + \
        [{"file": Path(f).name, "sha256": file_sha256(f)} for f in event_files]
    report = {"format": MODEL_FORMAT, "method": METHOD, "command": command or None,
              "scikit_learn": sklearn.__version__, "settings": best["settings"],
              "training": {"folds": folds, "seed": seed, "min_count": MIN_COUNT, "grouping": "article"},
              "data": {"files": records, **stats, "labels": dict(sorted(Counter(y).items()))},
              "training_sha256": data_sha256(records),
              "cross_validation": {"on": "the coded events, folds by article", "grid": grid, "best": best},
              "n_features": len(model.features)}
    return model, report


def save_news_sentiment(model: LinearModel, report: dict, folder) -> Path:
    """Write ``metadata.json`` (the report) and ``weights.json`` to ``folder`` (:mod:`framing.model_files`)."""
    from framing.model_files import save_model

    return save_model(folder, report, json_parts={"weights.json": model.to_json()})


__all__ = ["DEFAULT_SETTINGS", "METHOD", "MODEL_DIR", "cross_validate_by_article", "features_of",
           "fit_news_sentiment", "save_news_sentiment", "train_news_sentiment"]
