"""Stance toward targets: cue rules (:mod:`.cues`, :mod:`.lexicon`, :mod:`.evidence`), a supervised scorer
(:mod:`.supervised`), the targets (:mod:`.targets`), per speaker (:mod:`.speakers`), evaluation (:mod:`.evaluate`).

Method names map to files: ``stance.cues.v1`` is :mod:`framing.stance.cues`,
``stance.tfidf-lr.v2`` (and v1) is :mod:`framing.stance.supervised`.
"""

from framing.stance.cues import CueStance
from framing.stance.speakers import speaker_stance

__all__ = ["CueStance", "speaker_stance"]
