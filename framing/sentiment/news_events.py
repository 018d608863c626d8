"""Coded news events as sentiment examples: each event's ``sentiment`` on the utterance the toolkit finds for it.

The attribution guidelines code a ``sentiment`` for every reported-speech
event (``doc``, ``paragraph``, ``cue``).  :func:`event_examples` runs each
coded article through the attribution pipeline and pairs every event with
the utterance at its document and paragraph whose cue matches (the pairing
``framing eval sentiment --gold`` and the attribution evaluation use), so a
scorer learns from and is measured on exactly what ``framing analyze``
gives it: the content, the reporting verb and the context columns.

Examples
--------
>>> doc = {"doc_id": "d1", "text": "عنوان\\nوأدان الوزير الهجوم على المدنيين."}
>>> events = [{"doc": "d1", "paragraph": 1, "cue": "وأدان", "sentiment": "negative"}]
>>> ex, stats = event_examples([doc], events)
>>> ex[["cue", "label"]].values.tolist(), stats["matched"]
([['وأدان', 'negative']], 1)
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

#: The labels a coded event's ``sentiment`` may take.
EVENT_LABELS = ("negative", "neutral", "positive")


def event_examples(documents, events) -> tuple[pd.DataFrame, dict]:
    """The utterances of ``documents`` that coded ``events`` match, with the event's sentiment as ``label``.

    Parameters
    ----------
    documents : iterable of dict
        Articles (``doc_id``, ``text``, optional ``title``, ``lang``) as
        :func:`framing.corpus.read_corpus` yields them.
    events : iterable of dict
        Coded events with ``doc``, ``paragraph``, ``cue`` and ``sentiment``;
        events without one of the three labels are skipped.

    Returns
    -------
    examples : DataFrame
        The scorer input columns (``utterance_id``, ``content``, ``lang``,
        ``cue`` ..., the context columns), ``doc_id`` and ``label``; one row
        per matched event (an utterance two events match counts once, with
        the first event's label).
    stats : dict
        ``events`` (with a label), ``matched``, ``unmatched``, ``documents``.
    """
    from framing.attribution.evaluate import cues_match
    from framing.attribution.pipeline import document_columns
    from framing.measures import scorer_input

    by_place: dict[tuple, list[dict]] = {}
    n_events = 0
    for e in events:
        if e.get("sentiment") in EVENT_LABELS and e.get("cue"):
            by_place.setdefault((str(e["doc"]), int(e["paragraph"])), []).append(e)
            n_events += 1
    frames, stats = [], Counter()
    for doc in documents:
        doc_id = str(doc["doc_id"])
        cols = document_columns(doc)
        frame = scorer_input(doc, cols)
        labels, used = [], set()
        for i, (para, cue) in enumerate(zip(cols["paragraph"], cols["cue"])):
            hit = next((k for k, e in enumerate(by_place.get((doc_id, int(para)), []))
                        if (doc_id, int(para), k) not in used and cues_match(str(cue), e["cue"])), None)
            if hit is None:
                labels.append(None)
                continue
            used.add((doc_id, int(para), hit))
            labels.append(by_place[(doc_id, int(para))][hit]["sentiment"])
        frame["doc_id"] = doc_id
        frame["label"] = labels
        frames.append(frame[frame["label"].notna()])
        stats["documents"] += 1
    examples = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["content", "label"])
    stats["events"] = n_events
    stats["matched"] = int(len(examples))
    stats["unmatched"] = n_events - int(len(examples))
    return examples, dict(stats)


__all__ = ["EVENT_LABELS", "event_examples"]
