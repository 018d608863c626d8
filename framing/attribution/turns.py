"""Speaker turns of transcripts: briefings, press conferences, interviews.

A transcript names its speakers at the start of their turns
("THE PRESIDENT: Thank you.", "SENIOR ADMINISTRATION OFFICIAL: ...",
"Q Mr. President, ..."): there is no reporting verb, the label is the cue.
This module finds the turns; the pipeline makes each speaker's turn one
utterance (its label the cue, its words the content), resolves "I" and
"we" inside a turn to the turn's speaker, and leaves the journalists'
questions (``Q``) out of the utterances: they are not statements of the
people the transcript is about.

A text counts as a transcript only when at least two paragraphs open with a
label: a single "WASHINGTON:" dateline or "Note:" is not a turn.

Examples
--------
>>> text = "Press briefing\\nMODERATOR: Welcome.\\nMR. SMITH: We will help.\\nMore help comes.\\nQ Will it?"
>>> [(t.label, t.question, text[t.start:t.end]) for t in transcript_turns(text)]
[('MODERATOR', False, 'Welcome.'), ('MR. SMITH', False, 'We will help.\\nMore help comes.'), ('Q', True, 'Will it?')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from framing.text import paragraph_spans

#: A turn label: capitals (with spaces, dots, hyphens, apostrophes) before a colon, or a bare "Q".
#: A transcript quoted whole may open each turn with a quotation mark ('"WALLACE: Let's start ...').
_LABEL_RE = re.compile(r"[\"“‘']?\s*(?:(?P<label>[A-Z][A-Z0-9 .'’\-]{0,59}[A-Z.])\s*(?P<colon>:)\s+"
                       r"|(?P<q>Q)(?:[.:]\s*|\s+)(?=\S))")
#: Labels that are no speaker.
_NOT_SPEAKERS = frozenset(["NOTE", "UPDATE", "EDITOR'S NOTE", "SOURCE", "PHOTO", "VIDEO", "READ MORE", "WATCH",
                           "RELATED", "END", "AS PREPARED FOR DELIVERY", "TRANSCRIPT"])
#: Labels of a journalist's question.
_QUESTION_LABELS = frozenset(["Q", "QUESTION", "REPORTER", "JOURNALIST", "AUDIENCE MEMBER", "PARTICIPANT"])
#: At least this many labelled paragraphs make a text a transcript.
MIN_TURNS = 2


@dataclass(frozen=True)
class Turn:
    """One speaker turn: the label's span, and the words of the turn (``start``..``end``)."""

    label: str
    label_start: int
    label_end: int  # after the label's colon
    start: int
    end: int
    question: bool


def _label_at(text: str, a: int, b: int) -> tuple[str, int, int, bool] | None:
    m = _LABEL_RE.match(text, a, b)
    if m is None:
        return None
    if m.group("q"):
        return "Q", m.start("q"), m.end(), True
    label = m.group("label").strip()
    letters = [ch for ch in label if ch.isalpha()]
    if len(letters) < 2 or label.rstrip(".") in _NOT_SPEAKERS:
        return None
    return label, m.start("label"), m.end(), label.rstrip(".") in _QUESTION_LABELS


def transcript_turns(text: str) -> list[Turn]:
    """The turns of ``text``, or ``[]`` when it is no transcript."""
    spans = paragraph_spans(text)
    found = [(k, _label_at(text, a, b)) for k, (a, b) in enumerate(spans)]
    labelled = [(k, lab) for k, lab in found if lab is not None]
    if len(labelled) < MIN_TURNS:
        return []
    turns = []
    for n, (k, (label, ls, le, question)) in enumerate(labelled):
        last = labelled[n + 1][0] - 1 if n + 1 < len(labelled) else len(spans) - 1
        end = spans[last][1]
        if le < end:
            turns.append(Turn(label, ls, le, le, end, question))
    return turns


def turn_at(turns: list[Turn], pos: int) -> Turn | None:
    """The turn whose label or words hold text position ``pos``."""
    i = bisect_right([t.label_start for t in turns], pos) - 1
    if i >= 0 and turns[i].label_start <= pos < turns[i].end:
        return turns[i]
    return None


def turn_event(turn: Turn, text: str):
    """The event of a turn: its label the cue and the speaker's words, the turn the content (``direct``).

    A question turn gives an event of type ``question``, which the pipeline
    reads only to know that the words after it are a journalist's.
    """
    from framing.attribution.events import Event, trim

    label_end = turn.label_start + len(turn.label)
    colon = text.find(":", label_end, turn.label_end)
    content = trim(text, turn.start, turn.end)
    # the cue is the label with its colon ("WALLACE:"), as annotators mark a turn's cue
    return Event(cue_start=turn.label_start, cue_end=colon + 1 if colon >= 0 else label_end,
                 cue_type="question" if turn.question else "turn", kind="direct", content=content,
                 mention=(turn.label_start, label_end), mention_tokens=tuple(label_words(turn.label)))


def label_words(label: str) -> list[str]:
    """The label as words for the resolver, in title case: "MR. SULLIVAN" -> ["Mr.", "Sullivan"]."""
    return [w.capitalize() if w.isupper() else w for w in label.split()]
