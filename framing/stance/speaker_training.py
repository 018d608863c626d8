"""Speaker-level cross-validation of the news stance model: the decision the analysis reports, on coded articles.

The news model is trained on (statement, target) codes, but what a run
reports is one label per speaker in a document and target
(:mod:`framing.stance.pooling`, then :func:`framing.stance.decide.decide_one`).
This scores that decision on the training articles, by article folds: each
speaker's statements are scored by a model fitted without their article.

The reference label of a speaker (the toolkit's speaker in a document) and target:

* in an event-round article, the coded speaker-level line of the coded
  speaker the statements are attributed to; else what their coded events
  say (below);
* in a statement-round article, what their labelled statements say: the
  side most of their favor/against statements take (a tie is left out),
  ``neutral`` when they only speak of it without a side, ``none`` when
  none of them addresses it.  A speaker none of whose statements was
  labelled is left out.

Examples
--------
>>> speaker_label(["none", "against", "neutral", "against", "favor"])
'against'
>>> speaker_label(["none", "neutral"]), speaker_label(["none"]), speaker_label(["favor", "against"])
('neutral', 'none', None)
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from framing.stance.cues import NO_MENTION
from framing.stance.decide import decide_one
from framing.stance.pooling import SIDES, pool_speaker

__all__ = ["speaker_label", "speaker_groups", "speaker_cross_validate"]


def speaker_label(labels) -> str | None:
    """The speaker-level label from their statements' labels (None: as many favor as against)."""
    counts = Counter(labels)
    if counts["favor"] or counts["against"]:
        if counts["favor"] == counts["against"]:
            return None
        return "favor" if counts["favor"] > counts["against"] else "against"
    return "neutral" if counts["neutral"] else NO_MENTION


def speaker_groups(candidates: list[dict], speaker_lines: dict) -> dict:
    """The candidates (:func:`framing.stance.news_training.coded_candidates`) grouped per speaker in a
    document and target, with the group's reference label: {(doc, speaker, target): (label, [index])}.

    ``speaker_lines`` are the coded speaker-level lines: {(doc, coded speaker, target name): stance}.
    A candidate without a speaker is a group of its own.

    >>> c = {"doc": "d", "speaker_id": "a", "who": None, "target": 0, "target_name": "Iran", "round": "statement"}
    >>> speaker_groups([{**c, "label": "none"}, {**c, "label": "against"}], {})
    {('d', 'a', 0): ('against', [0, 1])}
    """
    members: dict = {}
    for i, c in enumerate(candidates):
        who = c["speaker_id"] if isinstance(c["speaker_id"], str) and c["speaker_id"] else f"#{i}"
        members.setdefault((c["doc"], who, c["target"]), []).append(i)
    out = {}
    for key, idx in members.items():
        first = candidates[idx[0]]
        labels = [candidates[i]["label"] for i in idx if candidates[i]["label"] is not None]
        if first["round"] == "event":
            coded = [speaker_lines[k] for k in {(first["doc"], candidates[i]["who"], first["target_name"])
                                                for i in idx if candidates[i]["who"]} if k in speaker_lines]
            label = Counter(coded).most_common(1)[0][0] if coded else speaker_label(labels)
        else:
            label = speaker_label(labels) if labels else None
        if label is not None:
            out[key] = (label, idx)
    return out


def speaker_cross_validate(candidates: list[dict], speaker_lines: dict, *, C: float = 1.0, folds: int = 5,
                           seed: int = 0, none_threshold: float = 0.5) -> dict:
    """Speaker-level accuracy of the decision by article folds, beside always the majority labels.

    Returns ``groups``, ``labels``; ``accuracy`` over the four labels beside
    always ``none``; ``addressed_f1`` (the speaker addresses the target or
    not); ``macro_f1`` over the four labels; on the speakers coded as
    addressing the target (as the development gold lists them)
    ``addressed_accuracy`` beside always the most frequent side, and on those
    coded as not addressing it ``unaddressed_labelled``, the share given a
    label all the same (the two sides of the none decision); these also per
    round (``by_round``).

    >>> cv = speaker_cross_validate(candidates, speaker_lines, C=0.3, none_threshold=0.7)   # doctest: +SKIP
    >>> cv["addressed_accuracy"] > cv["side_majority"]                                     # doctest: +SKIP
    True
    """
    from sklearn.metrics import f1_score

    from framing.stance.news_training import fit_news_model, fold_of

    groups = speaker_groups(candidates, speaker_lines)
    labelled = [c["doc"] for c in candidates if c["label"] is not None]
    fold = fold_of(labelled, folds, seed)
    pred = {}
    for k in range(folds):
        train = [c for c in candidates if c["label"] is not None and fold.get(c["doc"]) != k]
        test = [key for key in groups if fold.get(key[0]) == k]
        if not train or not test:
            continue
        model = fit_news_model([c["features"] for c in train], [c["label"] for c in train], C=C)
        order = [model.classes.index(c) for c in (*SIDES, NO_MENTION)]
        for key in test:
            idx = groups[key][1]
            decided = pool_speaker([model.proba(candidates[i]["features"])[order] for i in idx],
                                   [_rule(candidates[i]["features"]) for i in idx], none_threshold=none_threshold,
                                   centred=any(candidates[i]["centred"] for i in idx))
            pred[key] = decide_one([lab for lab, _ in decided], [s for _, s in decided])[0]
    keys = [k for k in groups if k in pred]
    gold = {k: groups[k][0] for k in keys}

    def part(ks) -> dict:
        addressed = [k for k in ks if gold[k] != NO_MENTION]
        top = Counter(gold[k] for k in addressed).most_common(1)[0] if addressed else ("", 0)
        f1 = f1_score([gold[k] != NO_MENTION for k in ks], [pred[k] != NO_MENTION for k in ks], zero_division=0)
        unaddressed = [k for k in ks if gold[k] == NO_MENTION]
        present = [v for v in (*SIDES, NO_MENTION) if any(gold[k] == v or pred[k] == v for k in ks)]
        macro = f1_score([gold[k] for k in ks], [pred[k] for k in ks], labels=present, average="macro",
                         zero_division=0) if ks else 0.0
        return {"groups": len(ks), "addressed": len(addressed), "addressed_f1": round(float(f1), 4),
                # the other side of the trade-off: how often a pair coded as not addressed is given a label
                "unaddressed": len(unaddressed),
                "unaddressed_labelled": round(float(np.mean([pred[k] != NO_MENTION for k in unaddressed])), 4)
                if unaddressed else 0.0,
                "macro_f1": round(float(macro), 4),
                "addressed_accuracy": round(float(np.mean([pred[k] == gold[k] for k in addressed])), 4)
                if addressed else 0.0,
                "side_majority_label": top[0], "side_majority": round(top[1] / len(addressed), 4) if addressed else 0.0}

    rounds = sorted({candidates[groups[k][1][0]]["round"] for k in keys})
    return {"folds": folds, "seed": seed, "labels": dict(Counter(gold.values())),
            "accuracy": round(float(np.mean([pred[k] == gold[k] for k in keys])), 4) if keys else 0.0,
            "majority": round(float(np.mean([gold[k] == NO_MENTION for k in keys])), 4) if keys else 0.0,
            **part(keys),
            "by_round": {r: part([k for k in keys if candidates[groups[k][1][0]]["round"] == r]) for r in rounds}}


def _rule(features: list[str]) -> str | None:
    from framing.stance.news_model import _rule_side

    return _rule_side(features)
