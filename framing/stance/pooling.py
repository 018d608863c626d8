"""Whether a speaker addresses a target, decided over all they say in a document; the side per statement.

The news stance model (:mod:`framing.stance.news_model`) scores one
statement and one target at a time, as its coders labelled them: a target
named only in the headline or elsewhere in the article is ``none`` unless
the statement refers to it.  A speaker's stance is coded over the whole
article, though: a commander reporting the enemy's losses in an article
headlined on the enemy addresses it although no sentence names it.  So the
two questions are taken apart here:

* **addressed** (per speaker in a document and target): some statement of
  theirs addresses it by the model (P(none) below the model's threshold) or
  the cue rules decide a side in the statement itself; or the article is
  *centred* on the target (named in its headline, or at least
  :data:`CENTRE_MENTIONS` times) and some statement of theirs is at least
  :data:`ADDRESS_FLOOR` likely to address it;
* **side** (per statement of an addressed speaker): the most probable of
  the model's favor, against and neutral (the cue rules' side where they
  decide one); the speaker's side then comes from these as
  :func:`framing.stance.decide.decide_one` pools them, each weighed by its
  score: renormalised P(favor) - P(against) times P(addressed).

:data:`CENTRE_MENTIONS` and :data:`ADDRESS_FLOOR` were chosen by
cross-validation by article on the training annotations
(``corpora/annotations/stance_ar``): F1 of "addressed" at the speaker level
of the event round, whose coders coded speakers over the article as the
stance guidelines do.

Examples
--------
>>> import numpy as np
>>> p = [np.array([0.10, 0.25, 0.05, 0.60]), np.array([0.02, 0.10, 0.03, 0.85])]
>>> pool_speaker(p, [None, None], centred=False, none_threshold=0.7)
[('against', -0.15), ('against', -0.08)]
>>> pool_speaker(p[1:], [None], centred=False, none_threshold=0.7)
[('none', nan)]
"""

from __future__ import annotations

import math

import numpy as np

from framing.stance.cues import NO_MENTION

__all__ = ["pool_speaker", "side_of", "ADDRESS_FLOOR", "CENTRE_MENTIONS", "SIDES"]

#: The side labels, in the order of the model's first three classes.
SIDES = ("favor", "against", "neutral")
#: A target named this many times in an article (or in its headline) is what the article is about.
CENTRE_MENTIONS = 3
#: In an article centred on a target, a speaker one of whose statements is at least this likely to
#: address it addresses it (below the model's own threshold, which holds for a target named in passing).
ADDRESS_FLOOR = 0.2


def side_of(p, rule: str | None = None) -> tuple[str, float]:
    """One statement's side toward a target and its score.

    ``p`` are the model's probabilities of favor, against, neutral and none.
    The side is the most probable of favor, against and neutral; the score
    is P(favor) - P(against) renormalised without none, times P(addressed):
    how much the statement says of the target weighs its side when a
    speaker's statements are pooled (:func:`framing.stance.decide.decide_one`
    weighs each by its score), so many statements that name it in passing do
    not outvote one about it.  A side the cue rules decide in the statement
    itself (``rule``) is kept, with score +-1.

    >>> side_of([0.2, 0.1, 0.1, 0.6])
    ('favor', 0.1)
    >>> side_of([0.2, 0.1, 0.1, 0.6], rule="against")
    ('against', -1.0)
    """
    if rule in ("favor", "against"):
        return rule, 1.0 if rule == "favor" else -1.0
    side = np.asarray(p[:3], dtype=float)
    addressed = float(side.sum())
    side = side / addressed if addressed > 0 else np.full(3, 1 / 3)
    return SIDES[int(side.argmax())], round(float(side[0] - side[1]) * addressed, 4)


def pool_speaker(probabilities, rules, *, centred: bool, none_threshold: float,
                 floor: float = ADDRESS_FLOOR) -> list[tuple[str, float]]:
    """The label and score of each of one speaker's statements toward one target in one document.

    Parameters
    ----------
    probabilities : list of arrays
        Per statement, the model's P(favor), P(against), P(neutral), P(none).
    rules : list of str or None
        Per statement, the side the cue rules decide for the target named in
        it (``"favor"``/``"against"``), or None.
    centred : bool
        Whether the article is centred on the target (its headline names it,
        or it is named at least :data:`CENTRE_MENTIONS` times).
    none_threshold : float
        The model's threshold: a statement with P(none) below it addresses the target.
    floor : float
        In a centred article, the least P(addressed) of the speaker's most
        likely statement for them to address the target.

    Returns
    -------
    list of (label, score)
        ``("none", nan)`` for every statement when the speaker does not
        address the target; else each statement's :func:`side_of`.

    >>> import numpy as np
    >>> p = [np.array([0.05, 0.15, 0.05, 0.75])]
    >>> pool_speaker(p, [None], centred=False, none_threshold=0.7)
    [('none', nan)]
    >>> pool_speaker(p, [None], centred=True, none_threshold=0.7)
    [('against', -0.1)]
    """
    addressed_p = max((1.0 - float(p[3]) for p in probabilities), default=0.0)
    addressed = (any(r in ("favor", "against") for r in rules) or addressed_p > 1.0 - none_threshold
                 or (centred and addressed_p >= floor))
    if not addressed:
        return [(NO_MENTION, math.nan)] * len(probabilities)
    return [side_of(p, r) for p, r in zip(probabilities, rules)]
