"""Stance toward targets: cue rules (:mod:`.cues`, words in :mod:`.lexicon`), a supervised scorer
(:mod:`.supervised`), the targets (:mod:`.targets`) and evaluation against gold (:mod:`.evaluate`).

Method names map to files: ``stance.cues.v1`` is :mod:`framing.stance.cues`,
``stance.tfidf-lr.v1`` is :mod:`framing.stance.supervised`.
"""

from framing.stance.cues import CueStance, speaker_stance

__all__ = ["CueStance", "speaker_stance"]
