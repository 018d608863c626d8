"""Topics: an LDA model fitted on a reference corpus (:mod:`.model`) applied per utterance, with the
tokens it is fitted on (:mod:`.preprocess`).
"""

from framing.topics.model import TopicModel

__all__ = ["TopicModel"]
