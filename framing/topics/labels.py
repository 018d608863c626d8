"""Topic labels a reader can edit: ``labels.yml`` beside a saved model.

Each topic's automatic label is its three top words in their display forms
(the most frequent written form of each term, or a name as the gazetteer
writes it).  :meth:`TopicModel.save` writes them to ``labels.yml``; edit a
``label`` there and the model shows it (``topic_labels``, the report).

Edits survive: when a model is saved into a folder whose ``labels.yml``
has edited labels, each edited label is kept for the topic whose top words
match the words it was written for (Hungarian matching on top-10 Jaccard,
at least :data:`KEEP_JACCARD`), so a refit that renumbers the topics keeps
them on the right topic; an edited label whose topic is gone is dropped.

Examples
--------
>>> entries = [{"topic": 0, "label": "Oil market", "auto": "oil · crude · opec",
...             "words": ["oil", "crude", "opec"]}]
>>> carry_over(entries, [["goal", "match"], ["oil", "crude", "opec"]])
{1: 'Oil market'}
"""

from __future__ import annotations

from pathlib import Path

import yaml

from framing.errors import FramingError

FILE = "labels.yml"
#: Top-word Jaccard a new topic needs with an edited label's words to keep that label.
KEEP_JACCARD = 0.5
_HEADER = ("# Topic labels.  Edit `label` to name a topic; leave `auto` and `words` as they are.\n"
           "# Edited labels are kept when the model is saved again (matched by their words).\n")


def read_labels(directory) -> list[dict]:
    """Entries of ``labels.yml`` in ``directory`` ([] when there is none)."""
    path = Path(directory) / FILE
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise FramingError(f"{path}: not valid YAML ({exc})") from None
    entries = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "topic" in e for e in entries):
        raise FramingError(f"{path}: expected 'topics:' with one entry (topic, label, ...) per topic")
    return entries


def edited(entries: list[dict]) -> dict[int, str]:
    """Topic → label for the entries whose label differs from their automatic one.

    >>> edited([{"topic": 0, "label": "Oil", "auto": "oil · crude"}, {"topic": 1, "label": "a", "auto": "a"}])
    {0: 'Oil'}
    """
    return {int(e["topic"]): str(e["label"]) for e in entries
            if e.get("label") is not None and str(e["label"]).strip() and str(e["label"]) != str(e.get("auto"))}


def carry_over(entries: list[dict], new_words: list[list[str]]) -> dict[int, str]:
    """Edited labels of ``entries`` moved to the new topics with matching words (see the module notes)."""
    from scipy.optimize import linear_sum_assignment

    from framing.topics.consensus import jaccard_matrix

    old = [e for e in entries if int(e["topic"]) in edited(entries)]
    if not old or not new_words:
        return {}
    sim = jaccard_matrix([set(e.get("words") or []) for e in old], [set(w) for w in new_words])
    rows, cols = linear_sum_assignment(sim, maximize=True)
    return {int(c): str(old[r]["label"]) for r, c in zip(rows, cols) if sim[r, c] >= KEEP_JACCARD}


def write_labels(directory, auto: list[str], words: list[list[str]], labels: dict[int, str],
                 stability: list[float] | None = None) -> Path:
    """Write ``labels.yml``: one entry per topic with its label, automatic label and top words."""
    rows = []
    for t, (a, w) in enumerate(zip(auto, words)):
        row = {"topic": t, "label": labels.get(t, a), "auto": a, "words": list(w)}
        if stability is not None:
            row["stability"] = round(float(stability[t]), 3)
        rows.append(row)
    path = Path(directory) / FILE
    path.write_text(_HEADER + yaml.safe_dump({"topics": rows}, allow_unicode=True, sort_keys=False,
                                             width=1000), encoding="utf-8")
    return path
