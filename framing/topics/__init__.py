"""Topics: an LDA model fitted on a reference corpus and applied per utterance, and the tools to choose and check it.

:mod:`.model` holds :class:`TopicModel`; it reads its input through :mod:`.inputs`, builds its vocabulary in
:mod:`.vocabulary` from the tokens of :mod:`.preprocess`, and :mod:`.selection` chooses K by coherence and
measures stability across seeds.
"""

from framing.topics.model import METHOD, TopicModel
from framing.topics.selection import Stability, align_topics, choose_k, stability, topic_similarity

__all__ = ["METHOD", "Stability", "TopicModel", "align_topics", "choose_k", "stability", "topic_similarity"]
