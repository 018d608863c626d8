"""The cue-rule stance scorer: stance toward each target, per utterance, from cue words; nothing to train.

For each configured target (:mod:`framing.stance.targets`) a scorer adds two
columns to the measures table: ``stance_<slug>`` (a score in -1..1, NaN when
the utterance does not mention the target) and ``stance_<slug>_label``
(``favor``, ``against``, ``neutral``, or ``none`` when not mentioned).

* :class:`CueStance` -- the default, no training needed: cue words from
  ``framing/lang/<lang>_stance.yml`` and a handful of word-order rules
  (:mod:`framing.stance.lexicon`, :mod:`framing.stance.evidence`) say
  whether a mentioned target is supported, opposed, the agent of a hostile
  act or its victim, praised or blamed (method ``stance.cues.v1``; with the
  speaker's side as a prior, ``stance.cues+side.v1``).  STANCE.md in
  ``framing/lang`` documents the rules.
* :class:`framing.stance.supervised.SupervisedStance` -- TF-IDF n-grams and
  logistic regression trained on coded (text, target, stance) rows.

:func:`framing.stance.speakers.speaker_stance` sums the labels per speaker;
:mod:`framing.stance.evaluate` evaluates both scorers.

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

import numpy as np
import pandas as pd

from framing.lang import lang_code
from framing.scorers import UtteranceScorer
from framing.stance.evidence import find_evidence
from framing.stance.lexicon import StanceLexicon
from framing.stance.targets import (AliasMatcher, Mention, fold_texts, resolve_targets, target_columns,
                                   tokenize_for_matching)
from framing.text import detect_language

__all__ = ["CueStance", "LABELS", "NO_MENTION"]

#: Labels of a mentioned target, and the label when it is not mentioned.
LABELS = ("favor", "against", "neutral")
NO_MENTION = "none"
#: Score (tanh of the summed evidence) a target of the speaker's own side gets when no cue decides.
SIDE_PRIOR = 0.5


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
        tokens = tokenize_for_matching(content, normalized=True)
        return self.totals(tokens, self.matcher_.find(tokens), cue, lang, k)

    def totals(self, tokens: list[str], mentions: list[Mention], cue: str, lang: str, k: int) -> np.ndarray:
        """The summed evidence toward each of ``k`` targets in a tokenized text (NaN: not mentioned).

        ``mentions`` are the matcher's mentions in ``tokens``; ``cue`` the
        folded reporting cue read before them ("" for none).
        """
        row = np.full(k, np.nan)
        if not mentions:
            return row
        for m in mentions:
            row[m.target] = 0.0
        lex = StanceLexicon.for_language(lang)
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
        lex = StanceLexicon.for_language(lang)
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
