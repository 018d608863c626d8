"""Reporting events found in a sentence, before their speakers are resolved.

Both language extractors produce :class:`Event` objects; the pipeline in
:mod:`framing.attribution.pipeline` resolves their speakers and turns them
into utterance rows.  The helpers here decide an event's content span and
its kind (direct, indirect, mixed) the same way in every language.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from framing.attribution.document import Sentence

#: A quotation with at least this many words counts as a quoted clause ("mixed"),
#: a shorter one as a quoted phrase inside indirect speech.
MIN_QUOTED_CLAUSE_WORDS = 5


@dataclass
class Event:
    cue_start: int
    cue_end: int
    cue_type: str  # verb | participle | according | headline | passive_quote
    kind: str  # direct | indirect | mixed | headline | according
    content: tuple[int, int]
    mention: tuple[int, int] | None = None  # explicit speaker words (document offsets)
    mention_tokens: tuple[str, ...] = ()
    pronoun: bool = False
    feminine: bool | None = None
    plural: bool = False  # a plural verb ("قالوا", "يقولون"): its implicit subject is a group
    required: bool = True
    weak: bool = False
    link_previous: bool = False  # participles continue the previous event of the sentence
    sentence: Sentence | None = None
    #: no statement, but its subject is who the next verb without one means: "ورفضت الوزارة الكشف عن
    #: التفاصيل، وقالت إنها سرية" (the verb reports only with a clause)
    silent: bool = False
    #: a relay in a chain of quotation ("نقلت وكالة X عن Y قوله ..."): it says what its source says
    relay: bool = False
    #: the relative clause describing the speaker between them and what they said ("الذي كان يتحدث في مؤتمر
    #: صحفي"), document offsets: a verb inside it is no statement of its own
    described: tuple[int, int] | None = None


def words_in(text: str) -> int:
    return len(text.split())


def quoted_content(sent: Sentence, pos: int, limit: int) -> tuple[int, int] | None:
    """The inside of a quotation that opens in ``[pos, limit)``, or None."""
    q = sent.doc.quote_opening_at(pos, limit)
    if q is None:
        return None
    return sent.doc.inner(q)


def classify(sent: Sentence, content: tuple[int, int], direct: bool) -> str:
    """``direct`` for a quotation, ``mixed`` when a whole quoted clause sits inside
    indirect speech, ``indirect`` otherwise."""
    if direct:
        return "direct"
    a, b = content
    doc = sent.doc
    # the quotations are in text order: start at the first that opens inside the content
    for q0, q1 in islice(doc.quotes, doc.first_quote_from(a), None):
        if q0 > b:
            break
        if q1 <= b + 1 and words_in(doc.text[slice(*doc.inner((q0, q1)))]) >= MIN_QUOTED_CLAUSE_WORDS:
            return "mixed"
    return "indirect"


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Shrink ``[a, b)`` past surrounding spaces and light punctuation."""
    strip = " \t\n،,:;.-–—"
    while a < b and text[a] in strip:
        a += 1
    while b > a and text[b - 1] in strip:
        b -= 1
    return a, b
