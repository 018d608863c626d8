"""Speaker-level stance decisions: one label per speaker (per document or corpus) and target, with its reasons.

A speaker takes a side toward a target when any of their utterances that
address it does; the side is the one their favor/against utterances weigh
more (the scorer's scores, weighted by attribution confidence).  A speaker
whose every utterance about the target is neutral is ``neutral``; one who
never addresses it is ``none``.  This follows how the stance guidelines code
a speaker (the overall position; a mixed statement gets the side it leans to;
neutral only when no side is taken), unlike the per-utterance majority of
:func:`framing.stance.speakers.speaker_stance`, where two neutral sentences
outvote one condemnation.

:func:`decide_stance` gives the table; :func:`explain` gives, for one speaker
and target, the utterances and words that decided it.

Examples
--------
>>> import pandas as pd
>>> u = pd.DataFrame({"doc_id": ["d", "d", "d"], "speaker_id": ["a", "a", "a"],
...                   "utterance_id": ["u1", "u2", "u3"], "content": ["x", "y", "z"],
...                   "stance_nato": [0.0, -0.8, float("nan")],
...                   "stance_nato_label": ["neutral", "against", "none"]})
>>> decide_stance(u)[["speaker_id", "target", "label", "n_addressed"]].values.tolist()
[['a', 'nato', 'against', 2]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.stance.cues import NO_MENTION
from framing.stance.speakers import stance_slugs
from framing.stance.targets import Target, slugify

__all__ = ["decide_stance", "decide_one", "explain", "own_words_only"]


def _slug(target) -> str:
    """A target's column slug, from a Target, its name or the slug itself."""
    return target.slug if isinstance(target, Target) else slugify(str(target))


def decide_one(labels, scores, weights=None) -> tuple[str, float]:
    """The speaker-level label from one speaker's utterance labels and scores toward one target.

    Returns the label and its margin (the weighted favor minus against
    evidence, in -1..1; 0 for neutral and none).

    >>> decide_one(["neutral", "against", "none"], [0.0, -0.6, float("nan")])
    ('against', -1.0)
    >>> decide_one(["favor", "against"], [0.9, -0.3])
    ('favor', 0.5)
    >>> decide_one(["none"], [float("nan")])
    ('none', 0.0)
    """
    labels = np.asarray([str(x).strip().lower() if x is not None else NO_MENTION for x in labels], dtype=object)
    scores = np.nan_to_num(np.asarray(scores, dtype=float), nan=0.0)
    w = np.ones(len(labels)) if weights is None else np.nan_to_num(np.asarray(weights, dtype=float), nan=1.0)
    addressed = (labels != NO_MENTION) & (labels != "nan")
    if not addressed.any():
        return NO_MENTION, 0.0
    fav = float((w * np.where(labels == "favor", np.maximum(np.abs(scores), 1e-3), 0.0)).sum())
    ag = float((w * np.where(labels == "against", np.maximum(np.abs(scores), 1e-3), 0.0)).sum())
    if fav == 0.0 and ag == 0.0:
        return "neutral", 0.0
    margin = (fav - ag) / (fav + ag)
    if margin == 0.0:
        return "neutral", 0.0
    return ("favor" if margin > 0 else "against"), round(margin, 4)


def decide_stance(utterances_with_stance: pd.DataFrame, targets=None, *,
                  by=("doc_id", "speaker_id")) -> pd.DataFrame:
    """One row per group (by default a speaker in a document) and target it addresses.

    Parameters
    ----------
    utterances_with_stance : DataFrame
        Utterances joined with the stance columns (``stance_<slug>``,
        ``stance_<slug>_label``) and the ``by`` columns; ``confidence`` (the
        attribution's) weighs an utterance when present.
    targets : list of Target or str, optional
        The targets (default: every ``stance_<slug>_label`` column).
    by : tuple of str
        The grouping: ``("doc_id", "speaker_id")`` per document,
        ``("speaker_id",)`` across the corpus.

    Returns
    -------
    DataFrame
        ``by`` columns, ``target`` (the slug), ``label``, ``margin``,
        ``n_addressed`` (utterances that address the target), ``n_favor``,
        ``n_against``, ``n_neutral``, and ``n_named``: those of the
        addressing utterances whose own words name the target (``content``
        in the scorer's ``stance_<slug>_named_in``; missing when the scorer
        does not say where).  A decision with ``n_named`` 0 rests on the
        context alone: the paragraph, headline or article names the target,
        the speaker's words do not.  Groups that never address a target have
        no row for it (their label is ``none``).
    """
    by = [by] if isinstance(by, str) else list(by)
    df = utterances_with_stance
    slugs = [_slug(t) for t in targets] if targets is not None else stance_slugs(df.columns)
    weight = (pd.to_numeric(df["confidence"], errors="coerce").fillna(1.0).clip(lower=0.0)
              if "confidence" in df.columns else pd.Series(1.0, index=df.index))
    rows = []
    for slug in slugs:
        label_col, score_col = f"stance_{slug}_label", f"stance_{slug}"
        if label_col not in df.columns:
            raise ValueError(f"decide_stance: no column {label_col!r}; score the utterances first")
        lab = df[label_col].astype("string").str.strip().str.lower().fillna(NO_MENTION)
        hit = lab.ne(NO_MENTION)
        if not hit.any():
            continue
        sub = df.loc[hit, by].copy()
        sub["_label"] = lab[hit].to_numpy()
        sub["_score"] = (pd.to_numeric(df.loc[hit, score_col], errors="coerce").to_numpy()
                         if score_col in df.columns else 0.0)
        sub["_w"] = weight[hit].to_numpy()
        where = f"stance_{slug}_named_in"
        sub["_own"] = (df.loc[hit, where].astype("string").eq("content").fillna(False).to_numpy()
                       if where in df.columns else np.nan)
        for key, g in sub.groupby(by, sort=False, dropna=False):
            label, margin = decide_one(g["_label"], g["_score"], g["_w"])
            key = key if isinstance(key, tuple) else (key,)
            counts = g["_label"].value_counts()
            rows.append({**dict(zip(by, key)), "target": slug, "label": label, "margin": margin,
                         "n_addressed": len(g), "n_favor": int(counts.get("favor", 0)),
                         "n_against": int(counts.get("against", 0)), "n_neutral": int(counts.get("neutral", 0)),
                         "n_named": g["_own"].sum(min_count=1)})
    cols = [*by, "target", "label", "margin", "n_addressed", "n_favor", "n_against", "n_neutral", "n_named"]
    out = pd.DataFrame(rows, columns=cols)
    out["n_named"] = out["n_named"].astype("Int64")
    if "speaker" in df.columns and "speaker" not in by and "speaker_id" in by:
        names = df.groupby("speaker_id", sort=False)["speaker"].first()
        out.insert(by.index("speaker_id") + 1, "speaker", out["speaker_id"].map(names))
    return out


def own_words_only(utterances_with_stance: pd.DataFrame, targets=None) -> pd.DataFrame:
    """A copy in which a statement keeps its stance toward a target only where its own words name the target.

    For a robustness check: the sides the context gives (the paragraph,
    headline or article names the target, the statement does not) become
    ``none``, so :func:`decide_stance` decides from the speaker's own words
    alone.  Targets without a ``stance_<slug>_named_in`` column (a scorer
    that reads the statement only) are left as they are.

    >>> u = pd.DataFrame({"stance_nato": [-0.8, -0.2], "stance_nato_label": ["against", "against"],
    ...                   "stance_nato_named_in": ["content", "headline"]})
    >>> own_words_only(u)["stance_nato_label"].tolist()
    ['against', 'none']
    """
    out = utterances_with_stance.copy()
    slugs = [_slug(t) for t in targets] if targets is not None else stance_slugs(out.columns)
    for slug in slugs:
        where = f"stance_{slug}_named_in"
        if where not in out.columns or f"stance_{slug}_label" not in out.columns:
            continue
        context = out[where].astype("string").ne("content").fillna(True).to_numpy()
        out.loc[context, f"stance_{slug}_label"] = NO_MENTION
        if f"stance_{slug}" in out.columns:
            out.loc[context, f"stance_{slug}"] = np.nan
        out.loc[context, where] = ""
    return out


def explain(utterances_with_stance: pd.DataFrame, speaker: str, target, *, doc: str | None = None,
            by: str = "speaker_id") -> pd.DataFrame:
    """The utterances that decided one speaker's stance toward one target, strongest first.

    ``speaker`` is a speaker id (or, with ``by="speaker"``, a name); ``doc``
    restricts to one document.  Each row has the utterance, its label and
    score, ``named_in`` (where the target is named: ``content``, the
    speaker's own words, or the ``paragraph``, ``headline`` or ``article``
    around them, when the scorer says, column ``stance_<slug>_named_in``)
    and ``evidence``: the words the scorer read (when it recorded them,
    column ``stance_<slug>_evidence``).

    >>> import pandas as pd
    >>> u = pd.DataFrame({"doc_id": ["d", "d"], "speaker_id": ["a", "a"], "utterance_id": ["u1", "u2"],
    ...                   "content": ["we condemn NATO", "NATO met"], "stance_nato": [-0.8, 0.0],
    ...                   "stance_nato_label": ["against", "neutral"]})
    >>> explain(u, "a", "nato")[["utterance_id", "label"]].values.tolist()
    [['u1', 'against'], ['u2', 'neutral']]
    """
    slug = _slug(target)
    df = utterances_with_stance
    mask = df[by].astype(str).eq(str(speaker))
    if doc is not None:
        mask &= df["doc_id"].astype(str).eq(str(doc))
    label_col = f"stance_{slug}_label"
    if label_col not in df.columns:
        raise ValueError(f"explain: no column {label_col!r}; score the utterances first")
    sub = df[mask & df[label_col].astype("string").str.lower().ne(NO_MENTION).fillna(False)]
    keep = [c for c in ("doc_id", "utterance_id", "paragraph", "cue", "content") if c in sub.columns]
    out = sub[keep].copy()
    out["label"] = sub[label_col].to_numpy()
    out["score"] = pd.to_numeric(sub.get(f"stance_{slug}", np.nan), errors="coerce")
    where = f"stance_{slug}_named_in"
    out["named_in"] = sub[where].to_numpy() if where in sub.columns else ""
    ev = f"stance_{slug}_evidence"
    out["evidence"] = sub[ev].to_numpy() if ev in sub.columns else ""
    return out.assign(_s=out["score"].abs().fillna(0)).sort_values("_s", ascending=False,
                                                                     kind="stable").drop(columns="_s")
