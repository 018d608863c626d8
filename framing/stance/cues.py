"""Stance toward targets, per utterance and per speaker.

For each configured target (:mod:`framing.stance.targets`) a scorer adds two
columns to the measures table: ``stance_<slug>`` (a score in -1..1, NaN when
the utterance does not mention the target) and ``stance_<slug>_label``
(``favor``, ``against``, ``neutral``, or ``none`` when not mentioned).

* :class:`CueStance` -- the default, no training needed: cue words from
  ``framing/lang/<lang>_stance.yml`` and a handful of word-order rules
  (:mod:`framing.stance.lexicon`) say
  whether a mentioned target is supported, opposed, the agent of a hostile
  act or its victim, praised or blamed (method ``stance.cues.v1``; with the
  speaker's side as a prior, ``stance.cues+side.v1``).  STANCE.md in
  ``framing/lang`` documents the rules.
* :class:`framing.stance.supervised.SupervisedStance` -- TF-IDF n-grams and
  logistic regression trained on coded (text, target, stance) rows.
* :func:`speaker_stance` -- one row per speaker and target: mentions, shares
  of favor/against/neutral, mean score and the majority label.
* :func:`evaluate_stance` -- cross-validated F1 of the supervised scorer on
  coded data (Mawqif's layout).

Examples
--------
>>> import pandas as pd
>>> X = pd.DataFrame({"utterance_id": ["u1", "u2"], "lang": ["ar", "en"],
...                   "content": ["نقف مع أوكرانيا وندين العدوان الروسي",
...                               "The talks with Moscow were held in Geneva."]})
>>> out = CueStance().fit(X).transform(X)
>>> out[["stance_ukraine_label", "stance_russia_label"]].values.tolist()
[['favor', 'against'], ['none', 'neutral']]
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from framing.scorers import UtteranceScorer
from framing.stance.lexicon import Lexicon, find_evidence, lang_code
from framing.stance.targets import (AliasMatcher, Mention, Target, fold_texts, load_targets, slugify, target_columns,
                             tokenize_for_matching)
from framing.text import detect_language

__all__ = ["CueStance", "Lexicon", "LABELS", "NO_MENTION", "evaluate_stance", "speaker_stance",
           "target_columns"]

#: Labels of a mentioned target, and the label when it is not mentioned.
LABELS = ("favor", "against", "neutral")
NO_MENTION = "none"
#: Score (tanh of the summed evidence) a target of the speaker's own side gets when no cue decides.
SIDE_PRIOR = 0.5


# --- the scorer -------------------------------------------------------------------------------------


def resolve_targets(targets) -> list[Target]:
    """Targets from None (the shipped defaults), a file path, or a list of :class:`Target`."""
    if targets is None:
        return load_targets()
    if isinstance(targets, (str, Path)):
        return load_targets(targets)
    targets = list(targets)
    if not all(isinstance(t, Target) for t in targets):
        raise TypeError("targets must be None, a targets file path, or a list of framing.stance.targets.Target")
    return targets


class CueStance(UtteranceScorer):
    """Stance toward each target from cue words around its mentions; nothing to train.

    Parameters
    ----------
    targets : None, path or list of Target
        The targets (the shipped ``framing/data/targets.yml`` by default).
    use_side : bool
        When the utterances carry a ``side`` column (the speaker's side from
        the actor registry), a target that is the speaker's own side and is
        mentioned without a deciding cue counts as favor (score
        ``tanh(0.5)``).  The method name then says so: ``stance.cues+side.v1``.
    use_cue : bool
        Read the reporting cue (the ``cue`` column, e.g. "أدانت", "praised")
        in front of the content: a reporting verb of support or opposition is
        a stance cue too.  Mentions inside the cue are not counted.
    threshold : float
        ``|score|`` at or above which a mentioned target is favor/against
        rather than neutral.

    Examples
    --------
    >>> import pandas as pd
    >>> X = pd.DataFrame({"utterance_id": [1], "lang": ["ar"], "content": ["سيبحث الوفد مع موسكو"],
    ...                   "side": ["Russia"]})
    >>> CueStance(use_side=True).fit(X).transform(X)[["stance_russia_label", "stance_method"]].values.tolist()
    [['favor', 'stance.cues+side.v1']]
    """

    method_column = "stance_method"

    def __init__(self, targets=None, *, use_side: bool = False, use_cue: bool = True, threshold: float = 0.2):
        self.targets = targets
        self.use_side = use_side
        self.use_cue = use_cue
        self.threshold = threshold

    @property
    def method(self) -> str:  # noqa: D401 - the versioned method name
        return "stance.cues+side.v1" if self.use_side else "stance.cues.v1"

    def fit(self, X=None, y=None):
        """Load the targets and compile the alias matcher; nothing is learned from ``X``."""
        if X is not None:
            self._validate(X)
        self.targets_ = resolve_targets(self.targets)
        self.matcher_ = AliasMatcher(self.targets_)
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        """One row per utterance: ``utterance_id``, the stance columns of every target, ``stance_method``."""
        if not hasattr(self, "matcher_"):
            self.fit()
        return super().transform(X)

    def columns(self) -> list[str]:
        """The output stance columns, in order."""
        return target_columns(self.targets_ if hasattr(self, "targets_") else resolve_targets(self.targets))

    def _score(self, X: pd.DataFrame) -> pd.DataFrame:
        n, k = len(X), len(self.targets_)
        totals = np.full((n, k), np.nan)
        texts = fold_texts(X["content"].tolist())
        cues = fold_texts(X["cue"].tolist()) if self.use_cue and "cue" in X.columns else [""] * n
        # a missing language code is guessed from the text, so its cues still apply
        langs = [lang_code(v) or detect_language(t) for v, t in zip(X["lang"].tolist(), texts)]
        screen = self.matcher_.may_mention
        for i in range(n):
            if screen(texts[i]):
                totals[i] = self._utterance(texts[i], cues[i], langs[i], k)
        if self.use_side and "side" in X.columns:
            self._side_prior(totals, X["side"].tolist())
        scores = np.tanh(totals)
        out = {}
        for t, col in enumerate(self.targets_):
            out[f"stance_{col.slug}"] = scores[:, t]
            out[f"stance_{col.slug}_label"] = _labels(scores[:, t], self.threshold)
        return pd.DataFrame(out, index=X.index)

    def _utterance(self, content: str, cue: str, lang: str, k: int) -> np.ndarray:
        row = np.full(k, np.nan)
        tokens = tokenize_for_matching(content, normalized=True)
        mentions = self.matcher_.find(tokens)
        if not mentions:
            return row
        for m in mentions:
            row[m.target] = 0.0
        lex = Lexicon.for_language(lang)
        if lex is None:
            return row
        head = tokenize_for_matching(cue, normalized=True) if cue else []
        if head:
            tokens = head + tokens
            mentions = [Mention(m.start + len(head), m.end + len(head), m.target, m.prefix, m.possessive)
                        for m in mentions]
        for ev in find_evidence(tokens, mentions, lex, first_content=len(head)):
            row[ev.target] += ev.value
        return row

    def _side_prior(self, totals: np.ndarray, sides: list) -> None:
        atanh = math.atanh(min(self.threshold, 0.999))
        distinct = pd.Series(sides, dtype=object)
        for t, target in enumerate(self.targets_):
            named = {s: target.names_it(s) for s in distinct.dropna().unique()}  # few distinct sides
            own = distinct.map(named).fillna(False).to_numpy(dtype=bool)
            undecided = own & ~np.isnan(totals[:, t]) & (np.abs(totals[:, t]) < atanh)
            totals[undecided, t] = SIDE_PRIOR

    def explain(self, text: str, lang: str, cue: str = "") -> pd.DataFrame:
        """The evidence behind one utterance's scores: one row per (cue, target) relation.

        >>> CueStance().explain("ندين العدوان الروسي", "ar")[["target", "cue", "relation", "value"]].values.tolist()
        [['Russia', 'عدوان', 'agent', -1.0]]
        >>> CueStance().explain("We condemn Russia", "en")[["target", "cue", "relation", "value"]].values.tolist()
        [['Russia', 'condemn', 'object', -1.0]]
        """
        if not hasattr(self, "matcher_"):
            self.fit()
        tokens = tokenize_for_matching(text)
        head = tokenize_for_matching(cue) if cue and self.use_cue else []
        mentions = [Mention(m.start + len(head), m.end + len(head), m.target, m.prefix, m.possessive)
                    for m in self.matcher_.find(tokens)]
        lex = Lexicon.for_language(lang)
        evidence = find_evidence(head + tokens, mentions, lex, len(head)) if lex else []
        return pd.DataFrame([{"target": self.targets_[e.target].name, "mention": " ".join(
            (head + tokens)[mentions[e.mention].start:mentions[e.mention].end]), "cue": e.cue, "class": e.cls,
            "relation": e.relation, "value": e.value} for e in evidence],
            columns=["target", "mention", "cue", "class", "relation", "value"])


def _labels(scores: np.ndarray, threshold: float) -> np.ndarray:
    labels = np.full(len(scores), NO_MENTION, dtype=object)
    mentioned = ~np.isnan(scores)
    labels[mentioned] = "neutral"
    labels[mentioned & (scores >= threshold)] = "favor"
    labels[mentioned & (scores <= -threshold)] = "against"
    return labels


# --- per speaker ---------------------------------------------------------------------------------------


def speaker_stance(utterances_with_stance: pd.DataFrame, targets=None, *, by=("speaker_id",)) -> pd.DataFrame:
    """One row per speaker (or other ``by`` group) and target.

    Parameters
    ----------
    utterances_with_stance : DataFrame
        Utterances joined with a stance scorer's output (``stance_<slug>``
        and ``stance_<slug>_label`` columns), with the ``by`` columns and
        optionally ``confidence`` (the attribution's; used as a weight).
    targets : list of Target or names, optional
        Which targets; by default every ``stance_*_label`` column found.
    by : sequence of str
        Grouping columns.

    Returns
    -------
    DataFrame
        The ``by`` columns (and ``speaker`` when present), ``target``,
        ``n_utterances``, ``n_mentions``, ``share_favor``, ``share_against``,
        ``share_neutral``, ``mean_score`` and ``label``: the (confidence-
        weighted) majority of favor/against/neutral among utterances that
        mention the target, ``neutral`` on a tie and ``none`` without mentions.

    Examples
    --------
    >>> u = pd.DataFrame({"speaker_id": ["a", "a", "a"], "stance_nato": [-0.8, 0.0, np.nan],
    ...                   "stance_nato_label": ["against", "neutral", "none"]})
    >>> speaker_stance(u, ["NATO"])[["speaker_id", "n_mentions", "share_against", "label"]].values.tolist()
    [['a', 2, 0.5, 'neutral']]
    """
    by = [by] if isinstance(by, str) else list(by)
    df = utterances_with_stance
    missing = [c for c in by if c not in df.columns]
    if missing:
        raise ValueError(f"speaker_stance: no column(s) {missing} to group by")
    names = _target_names(df, targets)
    weight = (pd.to_numeric(df["confidence"], errors="coerce").fillna(1.0).clip(lower=0.0)
              if "confidence" in df.columns else pd.Series(1.0, index=df.index))
    keys = df[by].astype(object).where(df[by].notna(), None)
    frames = []
    for order, (name, slug) in enumerate(names):
        score_col, label_col = f"stance_{slug}", f"stance_{slug}_label"
        if label_col not in df.columns:
            raise ValueError(f"speaker_stance: no column {label_col!r}; score the utterances first")
        frames.append(_one_target(keys, df[label_col], df.get(score_col), weight, by, name).assign(_order=order))
    out = pd.concat(frames, ignore_index=True)
    if "speaker" in df.columns and "speaker" not in by:
        first = df.groupby(by, dropna=False, sort=False)["speaker"].first().reset_index()
        out = out.merge(first, on=by, how="left")
        out = out[by + ["speaker"] + [c for c in out.columns if c not in by and c != "speaker"]]
    # groups in first-seen order, targets in the order given
    out["_group"] = out.groupby(by, dropna=False, sort=False).ngroup()
    return out.sort_values(["_group", "_order"], kind="stable", ignore_index=True).drop(columns=["_group", "_order"])


def _target_names(df: pd.DataFrame, targets) -> list[tuple[str, str]]:
    if targets is None:
        slugs = [c[len("stance_"):-len("_label")] for c in df.columns
                 if c.startswith("stance_") and c.endswith("_label")]
        return [(s, s) for s in slugs]
    return [(t.name, t.slug) if isinstance(t, Target) else (str(t), slugify(str(t))) for t in targets]


def _one_target(keys: pd.DataFrame, labels: pd.Series, scores, weight: pd.Series, by, name) -> pd.DataFrame:
    labels = labels.astype(object).fillna(NO_MENTION)
    mentioned = labels.isin(LABELS)
    parts = {"n_utterances": pd.Series(1, index=labels.index), "n_mentions": mentioned.astype(int)}
    w = weight.where(mentioned, 0.0)
    parts["w"] = w
    for lab in LABELS:
        parts[f"w_{lab}"] = w.where(labels == lab, 0.0)
    s = pd.to_numeric(scores, errors="coerce") if scores is not None else pd.Series(np.nan, index=labels.index)
    parts["w_score"] = (s.fillna(0.0) * w).where(mentioned, 0.0)
    parts["w_scored"] = w.where(s.notna(), 0.0)
    g = pd.concat([keys, pd.DataFrame(parts)], axis=1).groupby(by, dropna=False, sort=False).sum().reset_index()
    total = g["w"].where(g["w"] > 0)
    out = g[by].copy()
    out["target"] = name
    out["n_utterances"] = g["n_utterances"].astype(int)
    out["n_mentions"] = g["n_mentions"].astype(int)
    for lab in LABELS:
        out[f"share_{lab}"] = g[f"w_{lab}"] / total
    out["mean_score"] = g["w_score"] / g["w_scored"].where(g["w_scored"] > 0)
    out["label"] = _majority(g[[f"w_{lab}" for lab in LABELS]].to_numpy(), g["n_mentions"].to_numpy())
    return out


def _majority(weights: np.ndarray, n: np.ndarray) -> list[str]:
    out = []
    for row, count in zip(weights, n):
        if count == 0:
            out.append(NO_MENTION)
            continue
        top = row.max()
        winners = np.flatnonzero(np.isclose(row, top))
        out.append(LABELS[winners[0]] if len(winners) == 1 else "neutral")
    return out


# --- evaluation ----------------------------------------------------------------------------------------


def evaluate_stance(data_path, *, folds: int = 5, seed: int = 0) -> dict:
    """Cross-validate the supervised stance scorer on coded (text, target, stance) rows.

    Reports the SemEval-2016 stance measure (the mean of F1(favor) and
    F1(against)) and the 3-class macro-F1, averaged over stratified folds;
    see :func:`framing.stance.supervised.cross_validate_stance`.

    Examples
    --------
    >>> evaluate_stance("../shared/data/mawqif/Mawqif_AllTargets_Train.csv")["f_avg"]  # doctest: +SKIP
    0.75
    """
    from framing.stance.supervised import cross_validate_stance, read_coded_stance

    return cross_validate_stance(read_coded_stance(data_path), folds=folds, seed=seed)
