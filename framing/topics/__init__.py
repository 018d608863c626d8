"""Topics: an LDA model fitted on a reference corpus and applied per utterance, and the tools to choose and check it.

:mod:`.model` holds :class:`TopicModel`; it reads its input through :mod:`.inputs`, builds its vocabulary in
:mod:`.vocabulary` from the tokens of :mod:`.preprocess` (names kept whole by :mod:`.names`), merges several
seeds in :mod:`.consensus`, keeps editable labels in :mod:`.labels`; :mod:`.evaluation` scores a model on
held-out documents and :mod:`.selection` chooses K by held-out coherence and measures stability across seeds.
"""

from framing.topics.model import METHOD, TopicModel
from framing.topics.consensus import stability_table
from framing.topics.evaluation import evaluate
from framing.topics.selection import Stability, align_topics, choose_k, stability, topic_similarity

__all__ = ["METHOD", "Stability", "TopicModel", "align_topics", "choose_k", "evaluate", "stability", "stability_table",
           "topic_similarity"]
