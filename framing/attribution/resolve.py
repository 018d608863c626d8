"""Speaker resolution within one document.

Turns the words that name a speaker ("المتحدث باسم الكرملين ديمتري بيسكوف",
"Kuleba", "the foreign minister", "he", or nothing at all) into one
canonical speaker, using the actor registry and what the article said
before:

- a registry name or role resolves to that actor (roles only while the actor
  held the office on the article's date);
- a surname alone resolves to the full name given earlier in the article;
- a role alone resolves to the named person who held it earlier in the article;
- an unnamed source ("مسؤول بديوان الرئاسة", "a senior official") becomes an
  anonymous speaker tied to the body it is attached to;
- an implicit speaker (a verb with no subject, a pronoun) continues the last
  speaker, preferring one whose grammatical gender agrees.

Examples
--------
>>> from framing.attribution.actors import Registry
>>> r = SpeakerResolver(Registry.load(), lang="ar")
>>> r.resolve_mention(["ديمتري", "بيسكوف"]).speaker_id
'dmitry_peskov'
>>> sp = r.resolve_mention(["وزير", "الصحة", "سامي", "العلي"])
>>> sp.speaker, sp.mention_full
('سامي العلي', 'وزير الصحة سامي العلي')
>>> r.resolve_mention(["العلي"]).speaker
'سامي العلي'
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache

import hashlib
import re

from framing.attribution.actors import Registry, unknown_speaker_id
from framing.attribution.document import norm_words
from framing.attribution.cues import CueLexicon, cue_lexicon
from framing.lang import read_wordlist
from framing.attribution.kinds import (given_names, is_anaphor, is_given_name, is_honorific_pronoun,
                                      names_private_people, origin_adjectives, phrase_kind, place_adjective_map,
                                      place_adjectives, speaker_kinds, without_reverence, without_same)
from framing.text import fold

# Confidence by how the speaker was found: explicit name > role > carried over.
CONFIDENCE = {
    "name": 0.95,
    "surname": 0.9,
    "unknown_name": 0.85,
    "role": 0.8,
    "anonymous": 0.8,
    "headline": 0.85,
    "pronoun": 0.65,
    "implicit": 0.6,
    "implicit_mismatch": 0.45,
    "none": 0.2,
}


_DETERMINERS = frozenset(["the", "a", "an"])
#: Events an implicit subject looks back over for a speaker of its gender.
_HISTORY = 6
#: Outside quotation marks, "I" and "we" are the author of the text (a statement's issuer).
_FIRST_PERSON = frozenset(["i", "we"])
#: The first person a "let" before a verb makes its subject: "Let me say", "let us remember", "let's be clear".
LET_SUBJECTS = {"me": "I", "us": "we", "let's": "we", "let’s": "we"}


#: The stem "رئيس الجمهورية" adds to a head of state's title.
_HEAD_OF_STATE = "جمهور"


def _office_of_place(norms: list[str], k: int, places: frozenset[str]) -> bool:
    """Whether ``norms[k]`` is an office held over the place named after it: "أمير" in "أمير منطقة عسير",
    "ملك" in "ملك مملكة البحرين" (an indefinite word before a place noun; never a name particle)."""
    return k + 1 < len(norms) and _bare_word(norms[k + 1]) in places and _bare_word(norms[k]) not in places \
        and not norms[k].startswith("ال") and norms[k] not in _NAME_PARTICLES


def _base(word: str) -> str:
    """ "we've" -> "we": a pronoun with a contraction is still the pronoun."""
    return word.split("'")[0].split("’")[0]


@dataclass
class Speaker:
    """A speaker as resolved in one document."""

    speaker_id: str
    speaker: str
    kind: str
    how: str  # key of CONFIDENCE
    mention_full: str = ""
    side: str = ""
    feminine: bool | None = None

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.how]


@dataclass
class _Entity:
    speaker: Speaker
    name_tokens: list[str] = field(default_factory=list)  # folded name tokens (surname look-up)
    role_stems: list[frozenset[str]] = field(default_factory=list)


def _starts_with(longer: list[str], prefix: list[str]) -> bool:
    return len(longer) > len(prefix) and longer[:len(prefix)] == prefix


#: The most words an English personal name closing a title has (given name, initial, surname, suffix).
MAX_NAME_WORDS = 4


def _nisba(word: str) -> bool:
    """Whether a folded Arabic word ends as an adjective of relation does ("الدبلوماسي", "عسكريه")."""
    return word.endswith(("ي", "يه", "يون", "يين"))


#: English prepositions before a place or body that closes a phrase ("ambassador to Egypt", "official in Kyiv").
_EN_PLACE_PREPOSITIONS = frozenset(["to", "in", "at", "from"])


def _personal_name_start(tokens: list[str], start: int) -> int:
    """Where the personal name begins in a run of capitalized words ``tokens[start:]`` too long to be one.

    An initial marks the name (the word before it is the given name);
    without one the name is the last two words.

    >>> toks = "Terrorism and Financial Intelligence Brian E. Nelson".split()
    >>> " ".join(toks[_personal_name_start(toks, 2):])
    'Brian E. Nelson'
    >>> toks = "Financial Intelligence Wally Adeyemo".split()
    >>> " ".join(toks[_personal_name_start(toks, 0):])
    'Wally Adeyemo'
    """
    n = len(tokens)
    for j in range(max(start + 1, n - 3), n):
        word = tokens[j].rstrip(".")
        if len(word) == 1 and word.isupper():
            return j - 1
    return max(start, n - 2)


def _no_article(word: str) -> str:
    """ "الحداد" -> "حداد": a surname is written with and without the article."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


#: How far back (characters) a definite head noun alone looks for the body it stands for.
_BODY_LOOKBACK = 4000
#: How far back (characters) an implicit subject with no earlier statement looks for the person named.
_NAMED_LOOKBACK = 300
#: Characters between the last statement and an implicit one beyond which narration may have named a new
#: subject (a sentence or so).
_NEW_SUBJECT_GAP = 80
_ARABIC_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")
#: Punctuation before a word that makes it the first of its clause.
_CLAUSE_MARKS = frozenset(".،,:;؛!?؟\n")
#: Words that end a name read from the text: prepositions, particles, pronoun-suffixed nouns.
_NAME_STOPS = frozenset(fold(w) for w in ["في", "على", "عن", "من", "إلى", "الى", "مع", "أن", "إن", "أنه", "إنه",
                                          "الذي", "التي", "خلال", "بعد", "قبل", "أمس", "اليوم", "كما", "حيث",
                                          "عقب", "إثر", "أثناء", "منذ", "لدى", "عند", "ضمن", "وسط", "قد", "لقد",
                                          "حول", "بين", "نحو", "تجاه", "إزاء", "بشأن", "عبر", "حتى"])
#: Stops written with their hamza: folded, "أمام" (before) is "إمام" (imam), a family name ("عادل إمام").
_NAME_STOPS_WRITTEN = frozenset(["أمام", "وأمام"])
#: Punctuation between two words that a name read from the text does not run over ("الأمير خالد الفيصل،
#: بسرعة القبض"): a clause mark, a bracket or a quotation mark.
_NAME_BREAKS = _CLAUSE_MARKS | frozenset('()[]«»"')


def _noun_after_name(norms: list[str], g: int, k: int) -> bool:
    """Whether the definite word at ``k`` ends a name begun at ``g`` rather than going on with it.

    A family name with the article follows given names ("محمد عبدالرحمن المخرج"), آل ("آل الشيخ"), or
    ends a chain of بن as a nisba ("بن خالد القحطاني"); after a chain of بن any other definite word is
    the clause going on: "فيصل بن خالد المعرض" ends at "خالد".

    A definite word after a family name that has the article already is the clause going on too:
    "خالد الفيصل البرنامج" ends at "الفيصل" (a nisba in ي still goes on: "صالح الصماد الحوثي").

    >>> _noun_after_name(["فيصل", "بن", "خالد", "المعرض"], 0, 3)
    True
    >>> _noun_after_name(["محمد", "عبدالرحمن", "المخرج"], 0, 2), _noun_after_name(["حمد", "الحمد"], 0, 1)
    (False, False)
    >>> _noun_after_name(["خالد", "الفيصل", "البرنامج"], 0, 2), _noun_after_name(["صالح", "الصماد", "الحوثي"], 0, 2)
    (True, False)
    >>> _noun_after_name(["عبد", "الناصر", "العايد"], 0, 2)  # the article of a given name after عبد
    False
    """
    w = norms[k]
    chain = any(n in ("بن", "بنت", "ابن") or n.startswith("ال") and len(n) > 2 and norms[i - 1] not in _NAME_PARTICLES
                for i, n in enumerate(norms[g + 1:k], g + 1))
    return w.startswith("ال") and chain and norms[k - 1] != "ال" and not w.endswith("ي")


def _titled_names(words: list[str], norms: list[str], titles: frozenset[str], keep=None, breaks=frozenset()):
    """People a text names with a title: ``(title, given name, end)`` token positions, in text order.

    A given name with a title up to six words before it ("قائد الفريق الأول لكرة القدم سلطان مسرحي"),
    the name running on over its family words (:func:`_name_word`, :func:`_noun_after_name`) up to
    punctuation: ``breaks`` are the positions of words with :data:`_NAME_BREAKS` before them
    (:func:`_breaks_before`).  ``keep`` (a test of the title's position) passes over the others; a name
    read is not read again from its later given names ("فيصل بن خالد").

    >>> w = "وافتتح الأمير فيصل بن خالد المعرض".split()
    >>> [(j, g, e) for j, g, e in _titled_names(w, [fold(x) for x in w], frozenset(["الامير"]))]
    [(1, 2, 5)]
    >>> w = "أمر الأمير خالد الفيصل بسرعة القبض".split()
    >>> [(j, g, e) for j, g, e in _titled_names(w, [fold(x) for x in w], frozenset(["الامير"]), breaks={4})]
    [(1, 2, 4)]
    """
    given = given_names("ar")
    read_to = 0
    for g in range(1, len(words)):
        if g < read_to or not is_given_name(words[g], norms[g], given):
            continue
        j = next((k for k in range(g - 1, max(-1, g - 7), -1) if _is_title(norms[k], titles)), None)
        if j is None or any(n in _NAME_STOPS for n in norms[j + 1:g]) or (keep is not None and not keep(j)):
            continue
        end = g + 1
        while end < len(words) and end - g < 5 and end not in breaks \
                and _name_word(words[end], norms[end], given, titles) and not _noun_after_name(norms, g, end):
            end += 1
        read_to = end
        yield j, g, end


def _breaks_before(text: str, found: list) -> frozenset[int]:
    """The positions of the words (``found``: their matches in ``text``) with :data:`_NAME_BREAKS` before them.

    >>> text = "الأمير خالد الفيصل، بسرعة"
    >>> sorted(_breaks_before(text, list(_ARABIC_WORD.finditer(text))))
    [3]
    """
    return frozenset(k for k in range(1, len(found))
                     if not _NAME_BREAKS.isdisjoint(text[found[k - 1].end():found[k].start()]))


def _is_title(norm: str, titles: frozenset[str]) -> bool:
    """A folded title word, with or without the conjunction و/ف ("ورئيس").

    >>> _is_title("ورييس", frozenset(["رييس"])), _is_title("وزير", frozenset(["رييس"]))
    (True, False)
    """
    return norm in titles or (norm[:1] in ("و", "ف") and norm[1:] in titles)


def _name_word(word: str, norm: str, given: frozenset[str], titles: frozenset[str]) -> bool:
    """Whether a word (as written, and folded) can go on a name read from the text ("بن", "مساعد", "آل").

    Not a particle or title, not a noun with a possessive pronoun ("شكره"; a final taa marbuta, "حمزة",
    is no pronoun), nor a word with a preposition and the article ("للاعبين", "والجهاز").

    >>> none = frozenset()
    >>> _name_word("بن", "بن", none, none), _name_word("شكره", "شكره", none, none)
    (True, False)
    >>> _name_word("حمزة", "حمزه", none, none), _name_word("للاعبين", "للاعبين", none, none)
    (True, False)
    """
    if norm in _NAME_STOPS or word in _NAME_STOPS_WRITTEN or norm in titles and norm not in given \
            or norm[:1] == "و" and norm[1:] in titles:
        return False  # "... ورئيس الوزراء": the next person
    if norm.startswith(("لل", "بال", "وال", "فال", "كال")):
        return False
    return norm in given or not (len(word) >= 4 and word.endswith(("ه", "ها", "هم")) and not norm.startswith("ال"))
#: Words inside Arabic names: "عادل بن أحمد", "أبو مازن", "آل الشيخ", "عبد الله" (folded).
_NAME_PARTICLES = frozenset(fold(w) for w in ["بن", "ابن", "بنت", "أبو", "أبي", "أم", "آل", "عبد"])
#: "son of", "daughter of": the name after them is a father's.
_PATRONYMIC = frozenset(fold(w) for w in ["بن", "ابن", "بنت"])
#: Words a name does not begin with: "بن سلطان الهيضل" is the end of a name whose given name was missed,
#: "آل سعود" a family.
_NAME_STARTS_NOT = _PATRONYMIC | {fold("آل")}


def _names_match(part: list[str], name: list[str]) -> bool:
    """Whether ``part`` (words without the article) names the person whose full name is ``name``.

    A surname is the end of the name ("الأمين" for "الهادي محمد الأمين"); a
    family nisba may also stand in the middle of it ("الصرخي" for "محمود
    الصرخي الحسني", where the name ends with a second nisba).

    >>> _names_match(["صرخي"], ["محمود", "صرخي", "حسني"]), _names_match(["محمود"], ["محمود", "صرخي"])
    (True, False)
    """
    if not part or len(name) <= len(part):
        return False
    if name[-len(part):] == part:
        return True
    return len(part) == 1 and part[0].endswith("ي") and len(part[0]) > 3 and part[0] in name[1:-1]


def _name_up_to(name: list[str], surname: list[str]) -> list[str] | None:
    """A name read from the narration, up to the family name ``surname`` (folded, without the article), or None.

    The narration's names may run on ("فايز المالكي حصريا", "قاسم سليماني أرسل"): the name is cut after
    the family name, which must follow a given name within the name's first four words.

    >>> _name_up_to(["قاسم", "سليماني", "أرسل", "برقية"], ["سليماني"])
    ['قاسم', 'سليماني']
    >>> _name_up_to(["حمد", "الحمد", "فيما", "حثت", "البيشي"], ["بيشي"]) is None
    True
    >>> _name_up_to(["بن", "سلطان", "الهيضل"], ["هيضل"]) is None  # not the start of a name
    True
    >>> _name_up_to(["سلمان", "بن", "عبدالعزيز"], ["عبدالعزيز"]) is None  # a father's name
    True
    """
    if not name or fold(name[0]) in _NAME_STARTS_NOT:
        return None
    parts = [_no_article(fold(t).lower()) for t in name[:4]]
    n = len(surname)
    for k in range(1, len(parts) - n + 1):
        if parts[k:k + n] == surname:
            # after بن it is the father's name ("سلمان بن عبدالعزيز" is not "الملك عبدالعزيز")
            return None if parts[k - 1] in _PATRONYMIC else name[:k + n]
    return None


def _past_namesake(norms: list[str], i: int) -> int | None:
    """Where a name read from ``norms[i]`` really begins when it opens with the name of the ruler a place is
    named after: "بجامعة الملك عبدالعزيز ملهم هندي" names ملهم هندي, not "عبدالعزيز ملهم هندي"; "مدير مدينة
    الملك عبدالله الرياضية" names no one (None).  Any other start is returned as it is.

    >>> from framing.text import fold
    >>> def start(phrase, i):
    ...     return _past_namesake([fold(w).lower() for w in phrase.split()], i)
    >>> start("أستاذ الاقتصاد بجامعة الملك عبدالعزيز ملهم هندي", 4), start("مدير مدينة الملك عبدالله الرياضية", 3)
    (5, None)
    >>> start("مدير مطار الأمير محمد بن عبدالعزيز حامد غريبي", 3), start("مدير مكتب الأمير محمد العلي", 3)
    (6, 3)
    >>> start("مدير مستشفى الملك فهد بتبوك سليمان أبوذراع", 3)
    5
    """
    kinds = speaker_kinds("ar")
    if i < 2 or norms[i - 1] not in kinds.namesake_titles:
        return i
    head = norms[i - 2]
    if head not in kinds.namesake_heads and not (head[:1] in "بلوف" and head[1:] in kinds.namesake_heads):
        return i
    j = i + (2 if norms[i] == "عبد" else 1)  # the ruler's given name, then his father's: "محمد بن عبدالعزيز"
    while j + 1 < len(norms) and norms[j] in _PATRONYMIC:
        j += 3 if norms[j + 1] == "عبد" else 2
    while j < len(norms) - 1 and norms[j][:1] == "ب" and len(norms[j]) > 3 and norms[j] not in _PATRONYMIC:
        j += 1  # where the place is: "مستشفى الملك فهد بتبوك سليمان أبوذراع"
    return j if j < len(norms) and not norms[j].startswith("ال") else None


def person_id(name: str) -> str:
    """The id the toolkit gives a person it does not know by this name, wherever a title stands before it.

    >>> person_id("Brian E. Nelson") == person_id("Brian Nelson")
    True
    """
    return unknown_speaker_id(" ".join(_name_key(name.split())))


#: Prefixes of a complement left before a name: a preposition or conjunction with the article ("بالباحة",
#: "بالأمانة"); such a word completes a title and is never part of a name (variants.py reads them too).
_COMPLEMENT_PREFIXES = ("بال", "لل", "وال", "فال", "كال")


def _arabic_display_name(tokens: list[str], norms: list[str], first: int, last: int, lex) -> str | None:
    """The name an unregistered Arabic person is listed by: ``tokens[start:last]`` for the start
    :func:`_arabic_display_span` finds, or None when it finds none."""
    start = _arabic_display_span(tokens, norms, first, last, lex)
    return None if start is None else " ".join(tokens[start:last])


def _arabic_display_span(tokens: list[str], norms: list[str], first: int, last: int, lex) -> int | None:
    """Where the name an unregistered Arabic person is listed by starts in the phrase's name part; None when unsure.

    The name part ends the phrase ("المتحدث الرسمي لوزارة العمل تيسير المفرج"); what the title reading may
    leave on its edges is moved: a complement or a courtesy title before the name ("بالإنابة مبارك بن
    بنيه الخرينج", "دكتور عاطي ..."), a given name lost before بن ("علي بن محمد الغامدي").  A part
    that holds a body word ("هيئة كبار العلماء"), opens with a definite word, or opens with a prefixed
    word that is no given name beside a definite one ("بمملكة البحرين", "والد الشهيد") is no name: the
    whole phrase is kept.

    >>> lex = cue_lexicon("ar")
    >>> def show(text, first):
    ...     tokens = text.split()
    ...     return _arabic_display_name(tokens, [fold(t).lower() for t in tokens], first, len(tokens), lex)
    >>> show("المشرف العام بوزارة الحج علي بن محمد الغامدي", 5)
    'علي بن محمد الغامدي'
    >>> show("رئيس مجلس الأمة بالإنابة مبارك بن بنيه الخرينج", 3)
    'مبارك بن بنيه الخرينج'
    >>> show("سماحة مفتي عام المملكة رئيس هيئة كبار العلماء", 5) is None
    True
    >>> show("وزير الداخلية بمملكة البحرين", 2) is None, show("وزير الخارجية الفرنسي لوران فابيوس", 3)
    (True, 'لوران فابيوس')
    >>> show("جيوفانا دي بينيديتو وهي متحدثة باسم أنقذوا الأطفال", 6) is None
    True
    >>> show("المديرة العامة لمنظمة الأمم المتحدة للتربية والعلوم والثقافة", 7) is None
    True
    >>> show("رئيس بلدية هيروشيما كازومي ماتسوي", 1), show("رئيس بلدية هيروشيما كازومي ماتسوي", 3)
    (None, 'كازومي ماتسوي')
    >>> show("أمير منطقة عسير", 1) is None, show("نائب مدير أمن عدن محمد الراعي", 2)
    (True, 'محمد الراعي')
    >>> show("مدير عام الهيئة العامة للسياحة والتراث مدير الإدارة السياحية صالح قدح", 8)
    'صالح قدح'
    >>> show("رئيس غرفة تجارة وصناعة جدة عبدالله الأحمري", 2) is None
    True
    >>> show("العميد عبد الله الصبيحي", 1)
    'عبد الله الصبيحي'
    """
    names = given_names("ar")
    kinds = speaker_kinds("ar")
    i = first
    if norms[i] in _PATRONYMIC and i > 0 and is_given_name(tokens[i - 1], norms[i - 1], names):
        i -= 1  # the given name before بن was read as a word of the title ("علي" folds like "على")
    elif i > 0 and (norms[i - 1] in lex.np_stops or norms[i - 1] in kinds.relation_words):
        return None  # the object of a preposition ("رئيس المجلس البلدي في ناحية الخالدية"), not a name
    while i < last - 1 and norms[i] not in names and (
            norms[i].startswith(_COMPLEMENT_PREFIXES) or "ال" + norms[i] in kinds.courtesy_titles
            or norms[i] in kinds.courtesy_titles or norms[i] in kinds.rank_qualifiers):
        i += 1  # "بالإنابة مبارك ...", "دكتور عاطي ...", "الشيخ الدكتور عبدالرحمن ...", "العميد ركن أحمد ..."
    prefixed = norms[i][:1] in "بل" and len(norms[i]) >= 5
    if norms[i] not in names and (_bare_word(norms[i]) in kinds.place_nouns or norms[i].endswith("يه") or prefixed):
        # a place, a complement or an adjective of the office left before the name ("أمن عدن محمد الراعي",
        # "بتعليم جازان عثمان عريبي", "سياحية صالح قدح"): the name opens at the given name after it; after a
        # prefixed word only past the place it names ("برهان محمد العلي" is one man's name)
        at = next((k for k in range(i + (2 if prefixed else 1), min(i + 3, last - 1))
                   if is_given_name(tokens[k], norms[k], names)), None)
        if at is not None:
            i = at
        elif _bare_word(norms[i]) in kinds.place_nouns:
            return None  # "منطقة عسير" after "أمير": a place, no name
    part = norms[i:last]
    if len(part) < 2:
        # one word after a title is as often a place or a noun ("أمير منطقة عسير", "وزير خارجيته") as a
        # name, and a family name alone ("الفريق المحرج") is one the title says more of: the phrase stays
        return None
    bodies = kinds.heads.get("institution", frozenset())
    if any(w in bodies or _bare_word(w) in bodies
           or ((w in kinds.relation_words or w in lex.np_stops) and not is_given_name(t, w, names))
           for t, w in zip(tokens[i:last], part)) \
            or part[0].startswith(("ال", *_COMPLEMENT_PREFIXES)):
        return None  # a body, a preposition ("... المومني لدى سؤاله"): not a person's name
    if part[0][:1] in "بلوف" and part[0] not in names and any(w.startswith("ال") for w in part):
        return None  # "بمملكة البحرين", "والد الشهيد": a complement or a kinship word, not a given name
    if any(w[:1] == "و" and w not in names or _bare_word(w) in kinds.demonstratives for w in part) \
            or part[-1] in _NAME_PARTICLES \
            or part[0] in _PATRONYMIC \
            or any(w in lex.names_of_god and not (k > 0 and part[k - 1] in _NAME_PARTICLES)
                   for k, w in enumerate(part)):
        # a conjunction ("تجارة وصناعة جدة", "وشمال أفريقيا"), a name cut after "آل" or before "بن", God
        # (not the second word of a given name: "عبد الله")
        return None
    return i


def _bare_word(word: str) -> str:
    """A folded word without a leading preposition or conjunction and article: "بوزارة" -> "وزارة"."""
    for prefix in ("وال", "فال", "بال", "لل", "ال", "و", "ب", "ل", "ف"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return word


def _name_key(words: list[str]) -> list[str]:
    """The words that identify a name across articles: initials ("Janet L. Yellen") left out, and "عبد"
    joined to the word after it ("عبد الرحمن" = "عبدالرحمن")."""
    kept = [w for w in words if len(w.strip(".")) > 1]
    out: list[str] = []
    for w in kept or list(words):
        if out and fold(out[-1]) == "عبد":
            out[-1] += w
        else:
            out.append(w)
    return out


#: Words inside a title between its role word and its complement ("المتحدث باسم", "رئيس هيئة").
TITLE_LINKS = frozenset(fold(w) for w in ["باسم", "في", "عن", "من", "لدى", "بن", "هيئة", "مجلس", "إدارة", "قسم",
                                           "شؤون", "مكتب", "شعبة", "وكالة", "دائرة"])

#: Words after a document's head that introduce its issuer ("بيان صادر عن الوزارة", "a statement from").
_ISSUER_LINKS = frozenset(fold(w) for w in ["عن", "من", "صادر", "الصادر", "صادرة", "الصادرة", "from", "by", "of"])


def _issuer_words(tokens: list[str], lang: str) -> list[str]:
    """The issuer named in a document phrase: "بيان للجالية المغربية" -> ["الجالية", "المغربية"]."""
    words = list(tokens[1:])
    if lang == "ar" and fold(tokens[0]).startswith("ال"):
        # the document's own adjectives come first: "الإحصائيات الرسمية لمجموعة العمل", "التقرير الشهري"
        while len(words) > 1 and fold(words[0]).startswith("ال") and fold(words[0]).endswith(("ي", "يه")):
            words = words[1:]
    described = len(tokens) - 1 - len(words)  # the head's adjectives passed over
    while words and fold(words[0]).lower() in _ISSUER_LINKS:
        words = words[1:]
    right_after = len(words) == len(tokens) - 1 - described  # no link word between head and issuer
    if right_after and words and lang == "ar":
        first = fold(words[0])
        if first.startswith("لل") and len(first) > 4:
            words[0] = "ال" + words[0][2:]
        elif first.startswith("ل") and len(first) > 3:
            words[0] = words[0][1:]
        elif not fold(tokens[0]).startswith("ال") and (
                (first.startswith("ال") and not first.endswith(("ي", "يه")))
                or phrase_kind(words, "ar") in ("institution", "media")):
            pass  # "تقرير المنظمة", "بيان وزارة الزراعة": the genitive after an indefinite document is its issuer
        else:
            return []  # "البيان الختامي": no issuer named
    return words if not right_after or lang == "ar" else []


@lru_cache(maxsize=1 << 16)
def _light_stem(token: str) -> str:
    """A crude stem for comparing role words: الخارجية ~ خارجية, الأوكراني ~ أوكرانيا (cached: words recur)."""
    w = fold(token).lower()
    for p in ("وال", "بال", "لل", "ال"):
        if w.startswith(p) and len(w) - len(p) >= 3:
            w = w[len(p):]
            break
    for s in ("يه", "يا", "ي", "ه", "ا"):
        if w.endswith(s) and len(w) - len(s) >= 3:
            w = w[: -len(s)]
            break
    return w


@lru_cache(maxsize=64)
def _body_heads(registry: Registry) -> dict[str, tuple[str, ...]]:
    """Folded head noun -> the Arabic names of the registered bodies one of whose names opens with it."""
    out: dict[str, list[str]] = {}
    for actor in registry:
        if actor.kind not in ("institution", "media"):
            continue
        names = list(actor.names.get("ar", []))
        for name in names:
            words = name.split()
            if len(words) > 1:
                out.setdefault(fold(words[0]).lower(), []).extend(names)
    return {h: tuple(dict.fromkeys(v)) for h, v in out.items()}


def _proper_name_word(word: str, stops: frozenset[str]) -> bool:
    """Whether a folded word without the article may name a body after its head ("تبوك" in "جامعة تبوك"):
    not a function word, an adjective of place (صينية), a participle (متضخمة) or a past verb (تراجعت)."""
    if word.startswith(("ال", "لل")) or word in stops or len(word) < 2:
        return False
    if word.endswith(("ي", "يه")) and len(word) > 3:
        return False  # "شركة صينية", "مؤسسة معنية": what kind of body, not which
    if word.startswith("م") and word.endswith("ه") and len(word) >= 5:
        return False  # "مؤسسة متضخمة"
    return not (word[0] in "تأاي" and word.endswith("ت") and len(word) >= 4)  # "شركة تراجعت"


@lru_cache(maxsize=1)
def _name_stops() -> frozenset[str]:
    """Arabic function words, folded: where a body's name read from the text ends."""
    return frozenset(fold(w).lower() for w in read_wordlist("ar", "stopwords.txt"))


def _registered_bodies(registry: Registry, head: str) -> tuple[str, ...]:
    return _body_heads(registry).get(head.lower(), ())


#: Words after an English surname that are no part of it ("Lloyd J. Austin III", "Martin Luther King Jr.").
_NAME_SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"])


@lru_cache(maxsize=64)
def _registered_surnames(registry: Registry) -> dict[str, frozenset[str]]:
    """The registry's people by the last word of their English names (lower case): surname -> actor ids.

    >>> from framing.attribution.actors import Actor
    >>> reg = Registry([Actor("la", "Lloyd Austin", names={"en": ["Lloyd J. Austin III"]})])
    >>> sorted(_registered_surnames(reg)["austin"])
    ['la']
    """
    out: dict[str, set[str]] = {}
    for actor in registry:
        if actor.kind != "person":
            continue
        for name in {actor.name, *actor.names.get("en", [])}:
            words = [w.lower() for w in name.split() if w.lower() not in _NAME_SUFFIXES]
            if len(words) >= 2:
                out.setdefault(words[-1], set()).add(actor.id)
    return {k: frozenset(v) for k, v in out.items()}


class SpeakerResolver:
    """Resolves speaker mentions in one document, remembering who was named.

    Parameters
    ----------
    registry : Registry
    lang : str
        Language of the document (selects role words and pronouns).
    day : str, optional
        The article's date (ISO), for registry roles that change hands.
    author : str, optional
        Who issued the text (its outlet): the speaker of "I" and "we" outside quotations.
    doc_id : str, optional
        The document's id: unnamed sources ("مصدر مسؤول", "البيان") get an
        identity of their own in each document, never one for the corpus.
    """

    def __init__(self, registry: Registry, lang: str = "ar", day: str | None = None, author: str | None = None,
                 doc_id: str | None = None):
        self.registry = registry
        self.lang = lang
        self.day = day
        self.author = author
        self.doc_key = hashlib.sha1(str(doc_id).encode("utf-8")).hexdigest()[:8] if doc_id is not None else ""
        self.last_issuer: Speaker | None = None
        #: Who "I" and "we" are outside quotations: a transcript turn's speaker (the author otherwise).
        self.first_person: Speaker | None = None
        self.turn_speakers: dict[str, Speaker] = {}
        self.lex: CueLexicon = cue_lexicon("ar" if lang == "ar" else "en")
        self.entities: list[_Entity] = []
        # speakers of the latest events, in order: implicit subjects look back this far at most,
        # and a long document must not keep one per event
        self.history: deque[Speaker] = deque(maxlen=_HISTORY)
        #: The document's text and where the mention being resolved starts in it (set by the pipeline):
        #: "الوزارة" is the ministry the article named before, even when that ministry said nothing yet.
        self.text = ""
        self.position: int | None = None
        #: Where the last statement was (its cue or mention): narration after it may name a new subject.
        self.spoke_at: int | None = None
        #: Where its words end: a subject named inside them is one it spoke of, not one the narration named.
        self.said_until: int | None = None

    # -- explicit mentions ----------------------------------------------------
    def resolve_mention(self, tokens: list[str], *, feminine: bool | None = None) -> Speaker:
        """Resolve the words that name a speaker (original spelling, one string per token)."""
        while len(tokens) > 1 and fold(tokens[0]).lower() in _DETERMINERS:
            tokens = tokens[1:]  # "the Kremlin spokesman" names the role "Kremlin spokesman"
        tokens = without_same(without_reverence(tokens, self.lang), self.lang)  # "الله تعالى" is God
        if not any(ch.isalpha() for t in tokens for ch in fold(t)):
            return self.resolve_implicit(feminine=feminine)  # a dash or a digit between verb and content
        if self.lang == "ar" and self.lex.names_no_one(norm_words(tokens)) \
                and not any(t.startswith("آل") for t in tokens):  # "آلان" (Alain) folds as "الآن" (now)
            # "قال الآن إن", "أكدت الأسبوع الماضي": words of time or particles only, the subject named before;
            # unless a name given earlier in the article ends so ("وذكر المقبل" after "عبدالرحمن المقبل")
            return self._earlier_by_name(norm_words(tokens)) or self.resolve_implicit(feminine=feminine)
        if self.lang == "ar" and len(tokens) > 1 and is_honorific_pronoun(tokens[:1], self.lang):
            tokens = tokens[:1]  # a pronoun is a whole noun phrase: "أعرب سموه عن عزائه" is سموه
        if is_honorific_pronoun(tokens, self.lang):
            return self.resolve_implicit(feminine=feminine, how="pronoun", person=True)
        if is_anaphor(tokens, self.lang):
            return self.resolve_implicit(feminine=feminine, how="pronoun")
        if self.lang != "ar" and len(tokens) > 1 and fold(tokens[0]).lower() in self.lex.pronouns \
                and tokens[1][:1].islower():
            tokens = tokens[:1]  # a subject pronoun and its verb ("They spent", "I know my ..."): the pronoun
        if self.lang != "ar" and len(tokens) == 1 and fold(tokens[0]).lower() in LET_SUBJECTS:
            # "Let me say", "let's remember": the subject is the first person
            tokens = [LET_SUBJECTS[fold(tokens[0]).lower()]]
        norms = norm_words(tokens)
        mention = " ".join(tokens)
        held = self._possessive_office(tokens, norms)
        if held is not None:
            return held
        # an office put in the past ("الرئيس الأمريكي الأسبق") is not its holder on the article's date
        matches = [m for m in self.registry.find(tokens, day=self.day) if not self._former_office(norms, m)]
        person = next((m for m in matches if not m.is_role and m.actor.kind == "person"
                       and not self._genitive(norms, m.start)), None)
        first = matches[0] if matches and matches[0].start == 0 else None
        # Arabic noun phrases are head-first ("مسؤول بديوان الرئاسة"), English ones head-last
        # ("a senior official"); look for the head of the first few words in English
        head = (norms[0] if norms else "") if self.lang == "ar" else \
            next((w for w in norms[:4] if w in self.lex.anonymous_heads), norms[0] if norms else "")
        if person is not None and not self._is_anonymous_head(head):
            sp = self._from_actor(person.actor, "name", mention)
            self._remember(sp, norms, person.start, person.length)
            return sp
        if first is not None and self._person_of_body(tokens, norms, first):
            # "Pentagon spokesman John Kirby": the body's spokesman, named, is the speaker
            sp = self._new_unknown(tokens, norms, "person")
            sp.side = first.actor.side or first.actor.name
            return sp
        if first is not None:
            how = "role" if first.is_role else "name"
            sp = self._from_actor(first.actor, how, mention)
            if first.is_role:
                sp = self._prefer_earlier_role_holder(norms) or sp
            self._remember(sp, norms, None, None)
            return sp
        anonymous = self._is_anonymous_head(head)
        named = anonymous and self._named_after_head(tokens, norms, head)
        closing = next((m for m in matches if not m.is_role and m.actor.kind == "person"
                        and m.start + m.length == len(tokens)), None) if anonymous else None
        if closing is not None and self._registered_after_head(norms, closing):
            # the name that closes a source's title is a registered person: "المتحدث الأمني لوزارة الداخلية
            # اللواء منصور التركي" is that actor, as "منصور التركي" alone is
            sp = self._from_actor(closing.actor, "name", mention)
            self._remember(sp, norms, closing.start, closing.length)
            return sp
        if anonymous and (not head.startswith("ال") or len(norms) == 1) and not named:
            # "المصدر" alone is the source named before ("مصدر أمني"), or an unnamed one
            if head.startswith("ال"):
                earlier = self._earlier_anonymous(head[2:])
                if earlier is not None:
                    return earlier
            return self._anonymous(tokens, matches)
        if len(norms) == 1 and _base(norms[0]) in self.lex.pronouns:
            if _base(norms[0]) in _FIRST_PERSON and self.first_person is not None:
                return self._carry(self.first_person, "pronoun")
            if _base(norms[0]) in _FIRST_PERSON and self.author:
                return self.resolve_author()
            return self.resolve_implicit(feminine=feminine, how="pronoun")
        # a source word with the name of the one it describes is that person ("عضو المجلس الدكتور فهد العنزي")
        kind = "person" if named else phrase_kind(tokens, self.lang)
        if kind == "document":
            return self._document(tokens, feminine)
        earlier = self._earlier_by_name(norms) or self._earlier_by_role(norms) or self._earlier_by_head(norms)
        if earlier is not None:
            return earlier
        titled = self._registered_by_surname(tokens, norms)
        if titled is not None:
            return titled
        if kind == "institution" and len(tokens) == 1:
            body = self._body_named_before(tokens[0])
            if body:
                return self.resolve_mention(body, feminine=feminine)
        if kind == "anonymous" or (kind == "media" and len(tokens) == 1):
            # "عدد من المسؤولين", "الصحيفة" with no paper named before: an unnamed source of this document
            return self._anonymous(tokens, matches, kind="anonymous" if kind == "anonymous" else "media")
        owner = self._owner(tokens, matches)
        sp = self._new_unknown(tokens, norms, kind)
        if owner is not None:
            # a role word with a country or body inside ("سفير روسيا", "السفير الروسي في القاهرة"): a person
            # tied to that body
            sp.side = owner.side
        return sp

    def _former_office(self, norms: list[str], match) -> bool:
        """Whether ``match`` is an office the mention puts in the past: a former-word (the language's
        ``former_words``) within two words after it in Arabic ("الرئيس الأمريكي الأسبق بيل كلينتون",
        "وزير الخارجية السابق"), within two before it in English ("former President Bill Clinton")."""
        if not match.is_role:
            return False
        end = match.start + match.length
        near = norms[end:end + 2] if self.lang == "ar" else norms[max(0, match.start - 2):match.start]
        return not self.lex.former_words.isdisjoint(near)

    def _possessive_office(self, tokens: list[str], norms: list[str]) -> Speaker | None:
        """An office named with a pronoun for the country it serves: "وزير خارجيته" after a speaker of
        Iran is the registry's holder of "وزير الخارجية الإيراني" on the article's date, or None."""
        if self.lang != "ar" or len(norms) != 2 or norms[0] not in self.lex.role_words or not self.history:
            return None
        word = norms[1]
        stem = next((word[:-len(p)] for p in ("ها", "ه") if word.endswith(p) and len(word) - len(p) >= 3), None)
        if stem is None:
            return None
        stem = stem[:-1] + "ة" if stem.endswith("ت") else stem  # "خارجيته" -> "خارجية"
        side = self.registry.lookup_name(self.history[-1].side) if self.history[-1].side else None
        names = side.names.get("ar", []) if side is not None and side.kind == "country" else []
        adjectives = place_adjective_map("ar")
        adjective = next((adjectives[fold(n).lower()] for n in names if fold(n).lower() in adjectives), None)
        if adjective is None:
            return None
        office = [tokens[0], "ال" + stem, "ال" + adjective]
        found = self.registry.find(office, day=self.day)
        if found and found[0].is_role and found[0].start == 0 and found[0].length == len(office):
            sp = self._from_actor(found[0].actor, "role", " ".join(tokens))
            self._remember(sp, norms, None, None)
            return sp
        return None

    def _document(self, tokens: list[str], feminine) -> Speaker:
        """A text as the source ("بيان لوزارة الداخلية", "التقرير"): its issuer when named, else the document."""
        issuer = _issuer_words(tokens, self.lang)
        if issuer:
            sp = self.resolve_mention(issuer, feminine=feminine)
            if sp.speaker_id != "unknown":
                self.last_issuer = sp
                return sp
        if self.last_issuer is not None and len(tokens) <= 2:
            return self._carry(self.last_issuer, "role")  # "البيان" after "بيان صادر عن الوزارة"
        head = fold(tokens[0]).lower()
        if len(tokens) <= 2 and head.startswith("ال") and head[2:] in speaker_kinds(self.lang).issued_documents:
            # "the report" with no issuer named in it is the one the body quoted last issued: "توقعت
            # الرئاسة العامة للأرصاد في تقريرها ... وأورد التقرير", "أعلن البنك ... وبحسب البيان"
            body = next((sp for sp in reversed(self.history) if sp.kind in ("institution", "media")), None)
            if body is not None:
                return self._carry(body, "role")
        return self._anonymous(tokens, [], kind="document")

    def _genitive(self, norms: list[str], start: int) -> bool:
        """Whether a name at ``start`` completes the noun before it rather than naming the speaker.

        In "مركز الأمير خالد للإغاثة" or "سفير خادم الحرمين الشريفين" the name
        follows a noun without the article (the first term of a construct):
        the centre and the ambassador speak, not the king.  After a definite
        word ("وزير الخارجية السعودي عادل الجبير") the name is in apposition.
        """
        if self.lang != "ar" or start == 0:
            return False
        before = norms[start - 1]
        if before == "عبد":
            return True  # "عبد الله": a compound name, not God
        if before in _PATRONYMIC:
            return True  # the father's name in another's: "صالح بن عبدالعزيز آل الشيخ" is not "عبدالعزيز آل الشيخ"
        return not (before.startswith("ال") or before in given_names("ar") or before in TITLE_LINKS)

    def _earlier_anonymous(self, head: str) -> Speaker | None:
        for ent in reversed(self.entities):
            sp = ent.speaker
            if sp.kind == "anonymous" and fold(sp.mention_full).lower().split()[:1] == [head]:
                return self._carry(sp, "role")
        return None

    def _is_anonymous_head(self, head: str) -> bool:
        # "المصادر" as well as "مصادر"
        return head in self.lex.anonymous_heads or (head.startswith("ال") and head[2:] in self.lex.anonymous_heads)

    def _from_actor(self, actor, how: str, mention: str) -> Speaker:
        return Speaker(actor.id, actor.name, actor.kind, how, mention_full=mention, side=actor.side)

    def _remember(self, sp: Speaker, norms: list[str], name_start, name_len) -> None:
        ent = self._entity(sp.speaker_id)
        if ent is None:
            ent = _Entity(sp)
            self.entities.append(ent)
        elif len(sp.mention_full) > len(ent.speaker.mention_full):
            ent.speaker.mention_full = sp.mention_full
        if name_start is not None:
            ent.name_tokens = norms[name_start:name_start + name_len]
            role = [t for i, t in enumerate(norms) if not (name_start <= i < name_start + name_len)]
            self._add_role(ent, role)

    def _person_of_body(self, tokens: list[str], norms: list[str], match) -> bool:
        """Whether an English phrase opening with a registered body goes on to a title and the name that
        closes it (:meth:`_name_start`): "Pentagon spokesman John Kirby", "Treasury Secretary Janet Doe"."""
        if self.lang == "ar" or match.is_role or match.actor.kind == "person":
            return False
        start = self._name_start(norms, tokens)
        return start is not None and start > match.length and all(
            w in self.lex.role_words for w in norms[match.length:start])

    def _registered_after_head(self, norms: list[str], person) -> bool:
        """Whether a registered person's full name (``person``, a registry match) closes an unnamed-source phrase as
        the name of the one its title describes: "المتحدث الرسمي للمركز رأفت الصباغ", "المتحدث باسم قوات
        التحالف العميد أحمد عسيري" (a rank or courtesy title before the name), not "مصدر مقرب من الوزير عادل
        الجبير" nor "متحدث باسم وزير الخارجية عادل الجبير", where a word ties the source to the one named."""
        if person is None or person.start == 0 or person.start + person.length != len(norms) or self.lang != "ar":
            return False
        kinds = speaker_kinds("ar")
        before = norms[person.start - 1]
        if before in _NAME_PARTICLES or before in given_names("ar"):
            return False  # the registered name is the end of another's: "المستشار أحمد الجبير" is not Adel al-Jubeir
        return before in kinds.courtesy_titles \
            or _no_article(before) in kinds.rank_qualifiers \
            or not any(w in kinds.relation_words for w in norms[:person.start])

    def _named_after_head(self, tokens: list[str], norms: list[str], head: str) -> bool:
        """Whether an unnamed-source head is followed by the name of the one it describes.

        In English the name closes the phrase right after the head (:meth:`_name_start`): "NSC
        Spokesperson Adrienne Watson" names her ("officials in Kyiv", "a spokesman" name no one).  In
        Arabic the name closes the phrase after the head's title ("عضو مجلس الإدارة المدير التنفيذي
        لنادي الطيران عبدالله بن منصور الجعويني", "المواطن حمدان ساير الشمري") when it opens with a
        given name or follows a courtesy title, and no word before it ties the source to another person
        ("مصدر مقرب من رئيس الحكومة تمام سلام", "متحدث باسم وزير الخارجية ...": the source speaks).
        """
        if head not in norms:
            return False
        start = self._name_start(norms, tokens)
        if self.lang != "ar":
            return start == norms.index(head) + 1
        kinds = speaker_kinds("ar")
        if start is None or start == 0 or len(norms) - start < 2 \
                or any(w in kinds.relation_words for w in norms[:start]):
            return False
        if not (is_given_name(tokens[start], norms[start], given_names("ar"))
                or norms[start - 1] in kinds.courtesy_titles):
            return False
        return _arabic_display_name(tokens, norms, start, len(norms), self.lex) is not None

    def _registered_by_surname(self, tokens: list[str], norms: list[str]) -> Speaker | None:
        """An English title or honorific and a surname ("Secretary Austin", "Mr. Sullivan") for the one
        registered person of that surname; None when no one or several are registered with it.

        A surname alone is not enough ("Austin" is also a city): the title says a person is meant.
        """
        if self.lang == "ar" or len(tokens) < 2:
            return None
        start = self._name_start(norms, tokens)
        if start is None or start != len(tokens) - 1 or start == 0 \
                or not all(w in self.lex.role_words for w in norms[:start]):
            return None
        found = _registered_surnames(self.registry).get(norms[start])
        if found is None or len(found) != 1:
            return None
        actor = self.registry.get(next(iter(found)))
        sp = self._from_actor(actor, "surname", " ".join(tokens))
        self._remember(sp, norms, start, 1)
        return sp

    def _entity(self, speaker_id: str) -> _Entity | None:
        return next((e for e in self.entities if e.speaker.speaker_id == speaker_id), None)

    def _earlier_by_name(self, norms: list[str]) -> Speaker | None:
        """A surname (or other part of a name) given in full earlier in the article."""
        # a title word after a particle is the name's ("آل الشيخ" is a family, not a sheikh)
        content = [_no_article(t) for k, t in enumerate(norms)
                   if t not in self.lex.role_words or k > 0 and norms[k - 1] in _NAME_PARTICLES]
        if not content or len(content) > 2:
            return None
        for ent in reversed(self.entities):
            if self.lang != "ar" and ent.speaker.kind == "anonymous" and not ent.name_tokens:
                continue  # an unnamed source has no name to repeat: "Clinton" is not "aides to Clinton"
            names = ent.name_tokens or ent.speaker.mention_full.split()
            names = [_no_article(fold(t).lower()) for t in names]
            if _names_match(content, names) or self._titled_given_name(norms, names):
                sp = ent.speaker
                return Speaker(sp.speaker_id, sp.speaker, sp.kind, "surname", sp.mention_full, sp.side, sp.feminine)
        return None

    def _titled_given_name(self, norms: list[str], name: list[str]) -> bool:
        """Whether a courtesy title and a given name ("الشيخ راشد", "الأمير خالد") repeat a full name given
        before that opens with that given name ("الشيخ راشد بن عبدالله آل خليفة"), as Arabic news refers back.

        A given name alone stays a different man in each article: only the title makes it a reference.
        """
        return self.lang == "ar" and len(norms) == 2 and len(name) > 1 and name[0] == norms[1] \
            and norms[0] in speaker_kinds("ar").courtesy_titles and norms[1] in given_names("ar")

    def _role_stems(self, words: list[str]) -> frozenset[str]:
        words = [t for t in words if len(t) > 1 and t not in _DETERMINERS]
        stems = self._head_of_state(words, frozenset(_light_stem(t) for t in words))
        # one word is a role only when it is a title ("the President" after "President Biden")
        if len(stems) == 1 and words[0] not in self.lex.role_words and words[0] not in self.lex.occupation_words:
            return frozenset()
        return stems

    def _head_of_state(self, words: list[str], stems: frozenset[str]) -> frozenset[str]:
        """``stems`` of a title, with "الجمهورية" when it is a head of state's: "الرئيس" alone or with a
        country's adjective ("الرئيس التونسي") is the one "رئيس الجمهورية" later in the article means."""
        if self.lang == "ar" and words and words[0] == "الرئيس" \
                and (len(words) == 1 or _no_article(words[1]) in place_adjectives("ar")):
            return stems | {_HEAD_OF_STATE}
        return stems

    def _add_role(self, ent: _Entity, words: list[str]) -> None:
        stems = self._role_stems(words)
        # each role once: a speaker named a thousand times by one title keeps one entry to compare
        if stems and stems not in ent.role_stems:
            ent.role_stems.append(stems)

    def _earlier_by_role(self, norms: list[str]) -> Speaker | None:
        """A role description that matches the role of a person named earlier."""
        stems = self._role_stems(norms)
        if not stems:
            return None
        for ent in reversed(self.entities):
            if any(stems <= r for r in ent.role_stems):
                sp = ent.speaker
                return Speaker(sp.speaker_id, sp.speaker, sp.kind, "role", sp.mention_full, sp.side, sp.feminine)
        return self._earlier_by_qualified_role(norms)

    def _earlier_by_qualified_role(self, norms: list[str]) -> Speaker | None:
        """A role word with only qualifiers after it ("المتحدث الرسمي", "the official spokesman") for the one
        named person the article gave that role word ("المتحدث الرئاسي المصري السفير علاء يوسف")."""
        qualifiers = speaker_kinds(self.lang).role_qualifiers
        words = [w for w in norms if w not in _DETERMINERS]
        roles = [w for w in words if w in self.lex.role_words and w not in qualifiers]
        if len(roles) != 1 or not all(w in qualifiers or w in roles for w in words) or len(words) < 2:
            return None
        head = _light_stem(roles[0])
        fits = {ent.speaker.speaker_id: ent.speaker for ent in self.entities
                if ent.name_tokens and ent.speaker.kind == "person" and any(head in r for r in ent.role_stems)}
        if len(fits) != 1:
            return None
        sp = next(iter(fits.values()))
        return Speaker(sp.speaker_id, sp.speaker, sp.kind, "role", sp.mention_full, sp.side, sp.feminine)

    def _earlier_by_head(self, norms: list[str]) -> Speaker | None:
        """A definite noun alone ("الوزارة", "the ministry") for the body named earlier with that head
        noun ("وزارة الداخلية الكويتية", "the Interior Ministry")."""
        if len(norms) != 1:
            return None
        w = norms[0]
        head = w[2:] if self.lang == "ar" and w.startswith("ال") else w
        if len(head) < 3 or w in self.lex.pronouns:
            return None
        for ent in reversed(self.entities):
            words = [fold(t).lower() for t in ent.speaker.mention_full.split()]
            if not words or ent.speaker.kind == "person":
                continue
            # a registered body answers to the head of any of its names: "التنظيم" after "داعش" (تنظيم داعش)
            heads = {words[0]} | self._registry_heads(ent.speaker.speaker_id)
            firsts = {h[2:] if h.startswith("ال") else h for h in heads}
            # an English head comes last ("the Interior Ministry"); an unnamed source's words name no body
            # ("Clinton" is not "advisers to Clinton")
            if head in firsts or (self.lang != "ar" and head in words and ent.speaker.kind != "anonymous"):
                sp = ent.speaker
                return Speaker(sp.speaker_id, sp.speaker, sp.kind, "role", sp.mention_full, sp.side, sp.feminine)
        return None

    def _body_named_before(self, word: str) -> list[str] | None:
        """The name of the body a definite head noun alone stands for ("الوزارة" -> "وزارة الصحة"),
        read from the article before the mention, or None (and always in English).

        Two readings, the nearer wins: the head noun in construct with definite words ("وزارة
        الصحة الكويتية", "تنظيم القاعدة"), or any name of a registered body one of whose names opens
        with that head ("داعش" for "التنظيم", since "تنظيم داعش" is its name).
        """
        if self.lang != "ar" or not self.text or self.position is None or not word.startswith("ال"):
            return None
        head = word[2:]
        if len(head) < 3:
            return None
        window = self.text[max(0, self.position - _BODY_LOOKBACK):self.position]
        # spellings vary in the first alef and the final taa marbuta
        pattern = re.escape(head)
        if head[0] in "اأإآ":
            pattern = "[اأإآ]" + pattern[1:]
        if head[-1] in "ةه":
            pattern = pattern[:-1] + "[ةه]"
        best: tuple[int, list[str]] | None = None
        for m in re.finditer(r"(?<![\w])[وفبل]?(" + pattern + r")((?:[ \t]+(?:ال|لل)\w+){1,4})", window):
            words = [m.group(1)] + m.group(2).split()
            best = (m.start(), [("ال" + w[2:]) if w.startswith("لل") else w for w in words])
        # the head with its article and the adjectives of a place or affiliation ("الاتحاد الجزائري"), or in
        # construct with a one-word proper name ("جامعة تبوك", "أمانة جدة"): whichever the article used last
        for m in re.finditer(r"(?<![\w])[وفبل]?(ال)?(" + pattern + r")((?:[ \t]+[^\W\d]{2,}){1,3})", window):
            if best is not None and m.start() <= best[0]:
                continue
            words = self._body_name_words(m.group(3).split(), bool(m.group(1)), fold(head).endswith(("ه", "ات")))
            if words:
                best = (m.start(), [(m.group(1) or "") + m.group(2)] + words)
        for name in _registered_bodies(self.registry, fold(head)):
            at = window.rfind(name)
            if at >= 0 and (best is None or at > best[0]):
                best = (at, name.split())
        return best[1] if best else None

    def _body_name_words(self, after: list[str], definite: bool, feminine: bool) -> list[str]:
        """The words after a body's head noun that name it: adjectives of place that agree with it after the
        article ("الاتحاد الجزائري", not "الرابطة الرسمي"), then what it is for ("لكرة القدم"); without the
        article a one-word proper name ("جامعة تبوك") and the construct it opens ("رابطة دوري المحترفين")."""
        stops = _name_stops()
        words: list[str] = []
        for w in after:
            f = fold(w).lower()
            last = fold(words[-1]) if words else ""
            nisba = f.startswith("ال") and len(f) > 4 and f.endswith("يه" if feminine else "ي")
            if last.startswith("ال") and not nisba and f.startswith("ل") and len(f) > 3:
                words.append(w)  # what the body is for: "الاتحاد الجزائري لكرة القدم", "... للإغاثة"
                continue
            if last.startswith("ل") and not last.startswith("ال") and f.startswith("ال"):
                words.append(w)  # "لكرة القدم"
                break
            if words and not definite and not fold(words[0]).startswith("ال") and f.startswith("ال") \
                    and len(words) < 3:
                words.append(w)  # the name goes on in construct: "رابطة دوري المحترفين"
                continue
            proper = not words and not definite and _proper_name_word(f, stops) and self.lex.lookup_norm(f) is None
            if not (nisba or proper):
                break
            words.append(w)
        # after the article, the name needs an adjective of its own
        return words if not definite or words and words[0].startswith("ال") else []

    def _registry_heads(self, speaker_id: str) -> set[str]:
        """The first words (folded) of a registered actor's names in this language."""
        actor = self.registry.get(speaker_id)
        if actor is None:
            return set()
        return {fold(n).lower().split()[0] for n in actor.names.get(self.lang, []) if n.split()}

    def _prefer_earlier_role_holder(self, norms: list[str]) -> Speaker | None:
        # "the foreign minister" after "foreign minister X" is X even if the registry
        # would give someone else the role on that date
        return self._earlier_by_role(norms)

    def _anonymous(self, tokens: list[str], matches, kind: str = "anonymous") -> Speaker:
        """An unnamed source: one identity per document and description, tied to its body when known."""
        # the body the source speaks for: not scripture ("أحد قياديي حزب الله" is no source of God's), nor a
        # body the source is set against ("مسؤولون في القوات المناهضة للحوثيين")
        body = self._owner(tokens, matches)
        desc = " ".join(tokens)
        doc = f":{self.doc_key}" if self.doc_key else ""
        if body is not None and any(m.actor is body for m in matches):
            sid = f"anon:{body.id}{doc}"
            # the body and the description as written: a document's unnamed sources stay told apart in
            # the speakers table ("anonymous (Pentagon): مسؤولون في وزارة الدفاع الأمريكية")
            name = f"anonymous ({body.name}): {desc}"
        else:
            # a source known only by its origin ("مصادر يمنية مطلعة", "باحث يمني") is one per description
            sid = "anon:" + unknown_speaker_id(desc).split(":", 1)[1] + doc
            name = f"{kind} ({body.name}): {desc}" if body is not None else f"{kind}: {desc}"
        sp = Speaker(sid, name, kind, "anonymous", mention_full=desc, side=body.side if body else "")
        if self._entity(sid) is None:
            self.entities.append(_Entity(sp))
        return sp

    def _owner(self, tokens: list[str], matches):
        """The registered body or country an unregistered phrase's speaker speaks for, or None.

        A body or country the phrase names is theirs ("مسؤول في وزارة الدفاع", "سفير روسيا"), unless
        the phrase sets the speaker against it ("القوات المناهضة للحوثيين") or it is the place they are
        posted at ("في القاهرة", "بالقاهرة", "لدى اليمن", "in Cairo"): then an adjective of origin decides
        ("السفير الروسي في القاهرة" is Russia's, "دبلوماسي غربي في موسكو" nobody's), and the place only
        where the phrase has none ("مسؤول في بغداد").
        """
        kinds = speaker_kinds(self.lang)
        usable = [m for m in matches if m.actor.kind != "document"
                  and not (m.start > 0 and fold(tokens[m.start - 1]).lower() in kinds.opposed_words)]
        posted = [m for m in usable if self._posted_at(tokens, m)]
        owned = [m for m in usable if m not in posted]
        if owned:
            return owned[0].actor
        if names_private_people(tokens, self.lang):
            return None  # "اللاعب المصري", "مواطن في بغداد": from there, speaking for no one there
        found, origin = self._origin(tokens)
        if found:
            return origin
        return posted[0].actor if posted else None

    def _posted_at(self, tokens: list[str], match) -> bool:
        # a country (or its capital) after a preposition of place is where the speaker is
        if match.actor.kind != "country":
            return False
        posting = speaker_kinds(self.lang).posting_words
        if match.start > 0 and fold(tokens[match.start - 1]).lower() in posting:
            return True
        if self.lang != "ar":
            return False
        word = fold(tokens[match.start]).lower()
        names = {fold(n).lower().split()[0] for n in match.actor.names.get("ar", []) if n.split()}
        return any(word.startswith(p) and word[len(p):] in names for p in ("ب", "وب", "فب"))

    def _origin(self, tokens: list[str]):
        """``(True, actor)`` for the first adjective of origin in ``tokens`` ("الروسي", "Russian"; the actor is
        None for an origin the registry has no country for, "غربي"), ``(False, None)`` without one.

        An Arabic adjective agrees with the noun before it in definiteness ("السفير الروسي", "مسؤول
        أمريكي"), which tells it from a name ("الأمير تركي", "محمد المصري"); an English one is not read
        after a capitalized word ("David French").
        """
        adjectives = origin_adjectives(self.lang)
        others = speaker_kinds(self.lang).origin_words
        given = given_names("ar") if self.lang == "ar" else frozenset()
        for i in range(1, len(tokens)) if self.lang == "ar" else range(len(tokens)):
            word = fold(tokens[i]).lower()
            if self.lang == "ar":
                bare = word[1:] if word.startswith(("و", "ف")) and len(word) > 4 else word
                definite = bare.startswith("ال")
                bare = bare[2:] if definite else bare
                before = fold(tokens[i - 1]).lower()
                if definite != before.startswith(("ال", "وال", "فال")) or before in given \
                        or (i > 1 and fold(tokens[i - 2]).lower() in _NAME_PARTICLES):
                    continue  # "محمد المصري", "عبد المحسن التركي": a family name
                if bare in others and not (i == 1 or (i == 2 and _nisba(fold(tokens[1]).lower()))):
                    continue  # "العلاقات الدولية", "المجلس الإسلامي العربي": not the speaker's origin
            else:
                bare = word
                if i > 0 and tokens[i - 1][:1].isupper() and word not in ("the", "a", "an") \
                        and fold(tokens[i - 1]).lower() not in ("the", "a", "an"):
                    continue
            if bare in others or word in others:
                return True, None
            places = adjectives.get(bare)
            if places is not None:
                return True, self._place_actor(places)
        return False, None

    def _place_actor(self, places: tuple[str, ...]):
        """The registered actor of the first of a place's names the registry knows whole ("Saudi Arabia";
        "الحوثي", else "الحوثيين": the Houthis), or None."""
        for place in places:
            words = place.split()
            found = self.registry.find(words)
            if found and found[0].start == 0 and found[0].length == len(words) and found[0].actor.kind != "document":
                return found[0].actor
        return None

    def _new_unknown(self, tokens: list[str], norms: list[str], kind: str = "person") -> Speaker:
        """A speaker the registry does not know.

        A person named in the phrase gets an id from the name alone, so "the
        minister X" and "X" are one speaker across articles.  A phrase with no
        name in it ("وزير الخارجية", "الشركة", "the minister") names someone
        different in each article: its id is the document's own.
        """
        name = " ".join(tokens)
        # the name first, the title after it: "كريم منصور المتحدث الرسمي باسم الرئاسة", "الدكتور سلطان الجابر
        # وزير الدولة", "أحمد الفارس مدير عام المؤسسة"; read before the name from the end, which would take
        # the title's last words for a name ("... لاتحاد كرة القدم")
        leading = self._leading_name(norms, tokens) if kind == "person" else None
        # a given name that is a title too ("الأمين") opens a title: "أمين الطائف ... المهندس محمد ..."
        lead = None if leading is None or {norms[leading[0]], "ال" + norms[leading[0]]} & self.lex.role_words \
            else leading
        first = self._name_start(norms, tokens) if lead is None else lead[0]
        last = len(norms) if lead is None else lead[1]
        if lead is None and first is not None and kind == "person" and self.lang == "ar":
            first = self._past_where(tokens, norms, first)
            if first is not None:
                last = self._before_office_of_place(norms, first, last)
        if first is None and leading is not None:
            first, last = leading  # with nothing else to go by, "أمين" may be the name
        if kind == "person":
            per_document = first is None or self._generic(norms[first:last])
            # the name part, when there is one, even for a per-document speaker: "الدكتور التركي" and
            # "التركي" in one article are one person
            key = name if first is None else " ".join(_name_key(tokens[first:last]))
        else:
            # a body is named by the whole phrase ("وزارة الداخلية"); a bare definite noun is generic
            per_document = len(norms) == 1 and (norms[0].startswith("ال") or self.lang != "ar")
            key = name
        shown = None
        if kind == "person" and first is not None and not per_document and self.lang == "ar":
            shown = _arabic_display_span(tokens, norms, first, last, self.lex)
            if shown is not None:
                # the name as listed is the name the id is made of: "العقيد دكتور عاطي ..." and "العقيد
                # الدكتور عاطي ..." (a courtesy title read as the name's first word, or not) are one person
                key = " ".join(_name_key(tokens[shown:last]))
        sid = unknown_speaker_id(key) + (f":{self.doc_key}" if per_document and self.doc_key else "")
        if kind == "person" and first is not None and not per_document:
            # a person is listed by the name ("Brian E Nelson", "رأفت الصباغ"), the title kept in the fullest
            # mention: one person is one row whichever title an article gives them
            name = (" ".join(tokens[first:last]) if self.lang != "ar"
                    else " ".join(tokens[shown:last]) if shown is not None else name)
        sp = Speaker(sid, name, kind, "unknown_name", mention_full=" ".join(tokens))
        ent = self._entity(sp.speaker_id)
        if ent is not None:
            return ent.speaker
        ent = _Entity(sp)
        self.entities.append(ent)
        if first is not None:
            ent.name_tokens = norms[first:last]
            self._add_role(ent, norms[:first] + norms[last:])
        else:
            self._add_role(ent, norms)  # a title only: "الرئيس التونسي", "the foreign minister"
        return sp

    def _past_where(self, tokens: list[str], norms: list[str], first: int) -> int | None:
        """Where the name begins when the name part read from the end opens with where the office is.

        That is a place noun and the place's name (one word, and a definite word after it: "منطقة مكة
        المكرمة"), the office of a place ("أمير منطقة عسير"), a body's name ("هيئة كبار العلماء") or a
        preposition's object with the article ("بالبحرين").  When no name follows, the phrase holds none
        (None): it would otherwise be keyed by the place or body, one speaker with every office there
        ("وزير الداخلية بمملكة البحرين" and "رئيس الوزراء بمملكة البحرين").  A given name after it opens the
        name ("... في محافظة ينبع سامر بن علي العنيني").  Any other name part is kept (``first``).
        """
        kinds = speaker_kinds("ar")
        places = kinds.place_nouns
        bodies = kinds.heads.get("institution", frozenset())
        if (norms[first] in bodies or _bare_word(norms[first]) in bodies) and norms[first] not in given_names("ar") \
                and _bare_word(norms[first]) not in places:
            # a body's name: the name, if any, opens at a given name after it ("... في أمانة منطقة حائل سعد
            # الثويني"); with none, the phrase is the office of a body, held by no name here ("... رئيس هيئة كبار
            # العلماء"), and must not make one speaker of everyone that body's office names
            names = given_names("ar")
            return next((k for k in range(first + 1, len(norms) - 1)
                         if is_given_name(tokens[k], norms[k], names) and norms[k - 1] not in _NAME_PARTICLES
                         and not any(w.startswith(("ل", "ب")) and w not in names for w in norms[k + 1:])
                         and not norms[-1].endswith("يه")  # "جامعة نايف العربية": the body's adjective
                         and _arabic_display_span(tokens, norms, k, len(norms), self.lex) == k), None)
        after = first
        if norms[first].startswith(("بال", "لل")) and _bare_word(norms[first]) not in places:
            # a preposition's object with the article: "وزير الداخلية بالبحرين", "رئيس المجلس بالإنابة مبارك ..."
            # (not و/ف before the article: "والد الشهيد" is a kinship word)
            return self._name_after(tokens, norms, first + 1, first)
        if _bare_word(norms[first]) not in places:
            if not _office_of_place(norms, first, places) or norms[first] in self.lex.np_stops:
                return first
            after = first + 1  # "أمير منطقة عسير", "ملك مملكة البحرين": the office of a place, no name
        while after < len(norms) and _bare_word(norms[after]) in places:
            # "بالمنطقة" is the place itself; "منطقة" is followed by the place's name; "بإمارة منطقة جازان"
            # nests one place in another
            after += 1 if norms[after].startswith(("ال", "بال", "لل", "وال", "فال")) \
                or after + 1 < len(norms) and _bare_word(norms[after + 1]) in places else 2
        return self._name_after(tokens, norms, after, first)

    @staticmethod
    def _name_after(tokens: list[str], norms: list[str], after: int, first: int) -> int | None:
        # past a place's name and a definite word after it ("مكة المكرمة"): nothing (no name, None), a given
        # name (the name opens there), or anything else (``first``: the reading from the end stands)
        if after < len(norms) and norms[after].startswith("ال") and norms[after] not in _NAME_PARTICLES:
            after += 1
        if after >= len(norms):
            return None
        return after if is_given_name(tokens[after], norms[after], given_names("ar")) else first

    def _before_office_of_place(self, norms: list[str], first: int, last: int) -> int:
        """Where a name part read from the end stops before the office of a place inside it: ``last`` otherwise.

        "فيصل بن خالد أمير منطقة عسير" is "فيصل بن خالد"; the titles before the office go with it ("... بن سعد
        نائب أمير منطقة حائل").
        """
        places = speaker_kinds("ar").place_nouns
        at = next((j for j in range(first + 1, last) if _office_of_place(norms, j, places)
                   and norms[j] not in self.lex.np_stops), None)
        names = given_names("ar")
        if at is None or not any(w in names or w in _NAME_PARTICLES for w in norms[first:at]):
            return last  # no name before it: "سماحة مفتي عام المملكة" stays whole
        while at - 1 > first and norms[at - 1] in self.lex.role_words:
            at -= 1
        return at

    def _leading_name(self, norms: list[str], tokens: list[str] | None = None) -> tuple[int, int] | None:
        """Where the name is in an Arabic phrase that opens with a given name, before a title: ``(start, end)``.

        "كريم منصور المتحدث الرسمي" -> (0, 2), "عادل الجبير وزير الخارجية" -> (0, 2).  Forms of address,
        courtesy titles and ranks before the given name are passed over ("الدكتور سلطان الجابر وزير الدولة" ->
        (1, 3), "معالي الفريق الركن الشيخ راشد بن عبدالله آل خليفة وزير الداخلية" -> (4, 9)); after a
        courtesy title the name may open with a given name the shipped list lacks.  None when the phrase
        does not open so or no title follows the name.
        """
        if self.lang != "ar" or not norms:
            return None
        kinds = speaker_kinds("ar")
        start = next((len(form) for form in sorted(kinds.address_forms, key=len, reverse=True)
                      if tuple(norms[:len(form)]) == form), 0)
        titled = False
        while start < len(norms) - 1 and (norms[start] in kinds.courtesy_titles
                                          or _no_article(norms[start]) in kinds.rank_qualifiers):
            titled = titled or norms[start] in kinds.courtesy_titles
            start += 1
        if start >= len(norms):
            return None
        first = norms[start]
        given = is_given_name(tokens[start], first, given_names("ar")) if tokens is not None \
            else first in given_names("ar")  # "على" is a preposition, not the name "علي"
        if not given and not (
                titled and not first.startswith("ال") and first not in _NAME_PARTICLES
                and first not in self.lex.role_words and first not in self.lex.np_stops):
            return None  # after a courtesy title the word is a name ("الأمير خليفة بن سلمان ...")
        places = kinds.place_nouns
        k = start + 1
        # the name runs over its particles and the word after one ("بن عبدالله آل خليفة", "بن الحسين"), up to
        # a title or the office of a place ("أمير منطقة عسير")
        while k < len(norms) and (norms[k - 1] in _NAME_PARTICLES or (
                norms[k] not in self.lex.role_words and norms[k] not in self.lex.np_stops
                and not (_office_of_place(norms, k, places) and norms[k] not in kinds.relation_words)
                and (not norms[k].startswith("ال") or norms[k] in _NAME_PARTICLES))):
            k += 1  # the word after a particle is the name's, even a title's ("آل الشيخ")
        if k < len(norms) and norms[k].startswith("ال") and norms[k] not in self.lex.role_words \
                and (k + 1 == len(norms) or norms[k + 1] in self.lex.role_words):
            k += 1  # a surname with the article before the title: "الجبير وزير"
        if norms[k - 1] in _NAME_PARTICLES:
            return None  # a name cut after "بن" or "آل"
        titled_after = k < len(norms) and (norms[k] in self.lex.role_words or _office_of_place(norms, k, places)
                                           and norms[k] not in self.lex.np_stops)
        return (start, k) if titled_after else None

    def _surname(self, word: str, before: str) -> bool:
        """Whether a definite last word is a surname ("الحداد", "الغامدي") rather than an adjective or a noun.

        After a courtesy title or a given name it is ("الدكتور التركي", "رأفت
        الحداد").  Alone, only a nisba in -ي is taken for one ("القحطاني"):
        "المشرف" or "الأرصاد" alone are common nouns.  After an office or
        another definite word an -ي/-ية word is an adjective ("وزير الخارجية
        المصري", "رئيس الجالية اليمنية").
        """
        kinds = speaker_kinds("ar")
        courtesy = kinds.courtesy_titles
        bodies = kinds.heads.get("institution", frozenset())
        if before in bodies or _bare_word(before) in bodies:
            return False  # the body a title names: "في وزارة الداخلية" is no name
        if before in courtesy or (before and not before.startswith("ال") and before not in TITLE_LINKS
                                  and before not in self.lex.role_words and not before.startswith("ل")):
            return not (before in courtesy and word.endswith("يه"))
        if not before:
            return word.endswith("ي")
        return False

    def _generic(self, words: list[str]) -> bool:
        """A one-word "name" that names someone different in each article.

        A common noun ("الشركة", "المسؤول", "النادي"), a given name alone
        ("محمد"), or an Arabic family or tribal name alone ("القحطاني",
        "الغامدي": a definite nisba in -ي that thousands of people carry).
        When the article names the person in full, the surname resolves to
        that name before it gets here.  A given name of two words alone
        ("عبد الله", "عبد الرحمن") is as generic as one of one.
        """
        if self.lang == "ar" and len(words) == 2 and words[0] == "عبد":
            return True
        if len(words) != 1:
            return False
        w = words[0]
        if self.lang == "ar" and w in given_names("ar"):
            return True  # "محمد" alone names a different man in each article
        if self.lang == "ar" and w.startswith("ال") and w.endswith("ي") and len(w) >= 5:
            return True
        return (w in self.lex.role_words or _base(w) in self.lex.pronouns or self._is_anonymous_head(w)
                or phrase_kind([w], self.lang) != "person" or (self.lang == "ar" and w in TITLE_LINKS))

    def _name_start(self, norms: list[str], tokens: list[str] | None = None) -> int | None:
        """Where the name begins after a title, or None when the phrase holds no name.

        An Arabic name closes the phrase ("المتحدث الرسمي للمركز نبيل الحداد"):
        read from the end, it runs over words without the article, name
        particles (بن، أبو، آل، عبد) and a last word that may carry it (a
        surname: الحداد); a role word, a complement (للمركز) or a definite
        word inside stops it.  In English the name is the words after the
        last role word.
        """
        if self.lang != "ar":
            if tokens is not None:
                # the capitalized words that close the phrase: "Secretary of the Treasury Janet L. Yellen"
                i = len(norms)
                while i > 0 and tokens[i - 1][:1].isupper() and norms[i - 1] not in self.lex.role_words:
                    i -= 1
                if 0 < i < len(norms) and norms[i - 1] in _EN_PLACE_PREPOSITIONS:
                    # a place or body after a preposition is no name: "The Russian ambassador to Egypt"
                    # names no one; "... to Egypt John Smith" names the words after it
                    place = self.registry.longest_match(tokens, i, day=self.day)
                    i += place.length if place else 0
                if len(norms) - i > MAX_NAME_WORDS:
                    # offices are capitalized too ("... for Terrorism and Financial Intelligence Brian E.
                    # Nelson"): a personal name is at most a given name, an initial and a surname
                    i = _personal_name_start(tokens, i)
                if i < len(norms):
                    return i
                return None  # no capitalized word closes the phrase: "the leaders", "officials" name no one
            keep = [i for i, n in enumerate(norms) if n not in self.lex.role_words]
            return keep[0] if keep else None
        names = given_names("ar")
        i = len(norms)
        while i > 0:
            w = norms[i - 1]
            before = norms[i - 2] if i >= 2 else ""
            if w in _NAME_PARTICLES or before in _NAME_PARTICLES and before != "عبد" and i >= 3:
                # a particle, or the word after one, even a title's: "... آل الشيخ" is a family name (alone,
                # "آل الشيخ" names a family, no one person; "عبد" and God are read below)
                i -= 1
                continue
            if w in self.lex.role_words or w in self.lex.np_stops and not (
                    tokens is not None and is_given_name(tokens[i - 1], w, names)):
                break  # a role word or a preposition; not "علي" written with ya, a name ("على" folds like it)
            if w.startswith("ال"):
                if i == len(norms) and (self._surname(w, before) or i >= 3 and before.startswith("ال")
                                        and norms[i - 3] in _NAME_PARTICLES):
                    i -= 1  # a surname, after a given name or after one of two words ("عبد الله الصبيحي")
                    continue
                if i == len(norms) and i >= 3 and w.endswith("ي") and before.startswith("ال") \
                        and before.endswith("ي") and self._surname(before, norms[i - 3]):
                    i -= 2  # two family names after the given name: "محمود الصرخي الحسني"
                    continue
                if before in _NAME_PARTICLES:
                    i -= 1  # a surname (الجبير) or the second part of "عبد الله", "بن الحسين"
                    continue
                break
            if w.startswith("ل") and w not in names and len(w) > 3:
                break  # a complement: "لمركز", "للإغاثة"
            i -= 1
        if i < len(norms):
            i = _past_namesake(norms, i)
        return i if i is not None and i < len(norms) else None

    def resolve_turn(self, label: list[str]) -> Speaker:
        """The speaker of a transcript turn labelled ``label`` ("Mr. Sullivan", "The President").

        A title alone names the holder of that office in the country of the
        text's author: "THE PRESIDENT" in a White House transcript is the US
        president on the article's date (through the registry's roles).
        """
        key = " ".join(fold(t).lower() for t in label)
        known = self.turn_speakers.get(key)
        if known is not None:
            return known  # the same label later in the transcript is the same speaker
        sp = self.turn_speakers[key] = self._turn_speaker(label)
        return sp

    def _turn_speaker(self, label: list[str]) -> Speaker:
        sp = self.resolve_mention(label)
        if sp.how == "unknown_name" and self.lang != "ar":
            full = self._full_name_in_text(label)
            if full is not None:
                # "MS. WATSON:" in a transcript whose text names "Adrienne Watson": one person, listed by the name
                named = self.resolve_mention(full)
                return Speaker(named.speaker_id, named.speaker, named.kind, named.how, " ".join(label),
                               named.side, named.feminine)
        if sp.how != "unknown_name" or self._name_start([fold(t).lower() for t in label], label) is not None:
            return sp
        return self.author_office(label) or sp

    def _full_name_in_text(self, label: list[str]) -> list[str] | None:
        """The one full name the document gives a transcript label's surname ("Ms. Watson" -> "Adrienne
        Watson"), or None: the label is no title and surname, or the text names no one, or two people, so.
        """
        if len(label) < 2 or not label[-1][:1].isalpha():
            return None
        surname = label[-1].strip(".:,")
        if surname.isupper():  # "THOMAS-GREENFIELD" is written "Thomas-Greenfield" in the text
            surname = "-".join(part.capitalize() for part in surname.split("-"))
        courtesy = speaker_kinds(self.lang).courtesy_titles
        titles = [fold(t).lower().rstrip(".") for t in label[:-1]]
        if len(surname) < 2 or fold(surname).lower() in self.lex.role_words \
                or not all(t in courtesy or t in self.lex.role_words and t not in _DETERMINERS for t in titles):
            return None  # "THE PRESIDENT" is an office, not a surname
        given = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
        found = {m.group(1) for m in re.finditer(
            rf"\b({given}(?: (?:[A-Z]\.|{given}))?) {re.escape(surname)}\b", self.text)}
        # a title before the surname in the text ("Secretary Blinken", "Chairman Meeks") is no given name
        found = {f for f in found if fold(f.split()[0]).lower() not in self.lex.role_words
                 and fold(f.split()[0]).lower() not in courtesy}
        return (found.pop().split() + [surname]) if len(found) == 1 else None

    def author_office(self, label: list[str]) -> Speaker | None:
        """The holder of the office ``label`` names ("the President") in the country of the text's author.

        None when the author, its country or the office is not in the registry.
        """
        author = self.registry.lookup_name(self.author) if self.author else None
        if author is None or not author.side:
            return None
        words = [t for t in label if fold(t).lower() not in _DETERMINERS]
        office = words + ["of", "the"] + author.side.split()  # "President of the United States"
        held = self.registry.find(office, day=self.day)
        if held and held[0].is_role and held[0].start == 0 and held[0].length == len(office):
            return self._from_actor(held[0].actor, "role", " ".join(label))
        return None

    def resolve_author(self) -> Speaker:
        """The text's own author ("we" in a ministry's statement): the outlet, through the registry if it knows it."""
        actor = self.registry.lookup_name(self.author)
        if actor is not None:
            return self._from_actor(actor, "pronoun", self.author)
        return Speaker(unknown_speaker_id(self.author), self.author, "institution", "pronoun", self.author)

    # -- implicit speakers ------------------------------------------------------
    def resolve_implicit(self, *, feminine: bool | None = None, how: str = "implicit",
                         person: bool = False, plural: bool = False) -> Speaker:
        """The speaker an implicit subject continues: the last one, gender permitting.

        ``person``: only a person will do (an honorific pronoun, "سموه").
        ``plural``: a plural verb ("وأضافوا") continues a group (مسؤولون،
        شهود), never one person or a body; with none before it the speaker
        is unknown.
        """
        if plural:
            groups = [sp for sp in reversed(self.history) if self._is_group(sp)]
            return self._carry(groups[0], how) if groups else Speaker("unknown", "unknown", "unknown", "none")
        if person:
            people = [e.speaker for e in self.entities if e.speaker.kind == "person"]
            recent = [sp for sp in reversed(self.history) if sp.kind == "person"]
            pick = recent[0] if recent else (people[-1] if people else self._named_before(person=True))
            return self._carry(pick, how) if pick is not None else Speaker("unknown", "unknown", "unknown", "none")
        if not self.history:
            # nobody has spoken yet: the subject goes on from the person the article just named ("قدم
            # الأمير عبدالله بن مساعد شكره للوزير ... وقال:")
            named = self._named_before()
            return self._carry(named, how) if named is not None else Speaker("unknown", "unknown", "unknown", "none")
        if self.spoke_at is not None and self.position is not None and self.position - self.spoke_at > _NEW_SUBJECT_GAP:
            # since the last statement the narration made someone else its subject ("وافتتح الأمير X ..."),
            # read after what was said, whose own subjects are the ones it spoke of
            named = self._named_before(since=self.said_until)
            if named is not None and (feminine is None or named.feminine is None or named.feminine == feminine):
                return self._carry(named, how)
        last = self.history[-1]
        if self._agrees(last, feminine):
            return self._carry(last, how)
        for sp in reversed(self.history):
            if sp.feminine == feminine and self._agrees(sp, feminine):
                return self._carry(sp, how)
        if last.feminine is None:
            # a group before a feminine verb (no gender noted, yet no agreement): the one before it that agrees
            for sp in reversed(self.history):
                if self._agrees(sp, feminine):
                    return self._carry(sp, how)
        return self._carry(last, "implicit_mismatch")

    def _agrees(self, sp: Speaker, feminine: bool | None) -> bool:
        """Whether a singular verb of this gender may continue ``sp``: a group of people ("محللين",
        "مسؤولون") is continued by a plural verb ("وأضافوا"), not by a feminine singular one ("وأضافت" goes on
        from the magazine that quoted them), whatever gender was noted for it."""
        if feminine is None:
            return True
        # (a name may end like a plural, "البحرين", "الصين": an unnamed source's head or a participle's
        # form says a group)
        if feminine and self.lang == "ar" and (_participle_plural(sp.mention_full) or
                                               sp.kind == "anonymous" and self._is_group(sp)):
            return False
        return sp.feminine is None or sp.feminine == feminine

    def _named_before(self, person: bool = False, since: int | None = None) -> Speaker | None:
        """The person (or registered body) the text names last before the statement being resolved, or None.

        Read from the text, for an implicit subject no earlier statement
        gives: a title followed by a given name ("الأمير عبدالله بن مساعد",
        "قائد الفريق سلطان مسرحي"), or a registered actor, within
        :data:`_NAMED_LOOKBACK` characters.  Arabic only.  With ``since`` (a
        text offset), only a subject after it, right after the clause's
        first word, the verb ("وافتتح الأمير فيصل بن خالد ..."), will do: a
        name elsewhere in a clause is mostly its object.
        """
        if self.lang != "ar" or not self.text or self.position is None:
            return None
        base = max(0, self.position - _NAMED_LOOKBACK, since or 0)
        window = self.text[base:self.position]
        found = list(_ARABIC_WORD.finditer(window))
        words = [m.group() for m in found]
        norms = norm_words(words)

        def subject_at(j: int) -> bool:
            # the word before opens its clause: punctuation or the text's start before it
            if since is None:
                return True
            if j == 0:
                return False
            gap = window[found[j - 2].end():found[j - 1].start()] if j >= 2 else window[:found[0].start()]
            return j == 1 and base == 0 or not _CLAUSE_MARKS.isdisjoint(gap)

        best: tuple[int, list[str]] | None = None
        for j, _, end in _titled_names(words, norms, self.lex.role_words, keep=subject_at,
                                       breaks=_breaks_before(window, found)):
            best = (j, words[j:end])
        # a registered actor named later than that: looked up from the end back, the first found wins
        for j in range(len(words) - 1, best[0] if best is not None else -1, -1):
            if not subject_at(j):
                continue
            m = self.registry.longest_match(words, j, day=self.day)
            if m is not None and not m.is_role and (m.actor.kind == "person" or
                                                    not person and m.actor.kind == "institution"):
                best = (j, words[j:j + m.length])
                break
        if best is None:
            return None
        sp = self.resolve_mention(best[1])
        return sp if sp.speaker_id != "unknown" and (sp.kind == "person" or not person) else None

    @staticmethod
    def _carry(sp: Speaker, how: str) -> Speaker:
        return Speaker(sp.speaker_id, sp.speaker, sp.kind, how, sp.mention_full, sp.side, sp.feminine)

    def record(self, sp: Speaker, feminine: bool | None, until: int | None = None) -> None:
        """Note that ``sp`` spoke (for later implicit subjects).

        ``until``: the text offset where the statement's words end.  A later
        implicit subject looks for a subject the narration named after it,
        never in what was said: "وأضاف: «حاول الحوثيون ...». وأشار إلى أن"
        goes on from the one who added, not from the Houthis he spoke of.
        """
        if sp.speaker_id == "unknown":
            return
        if sp.feminine is None and feminine is not None and sp.how not in ("implicit", "pronoun"):
            sp.feminine = feminine
        ent = self._entity(sp.speaker_id)
        if ent is not None and ent.speaker.feminine is None:
            ent.speaker.feminine = sp.feminine
        if sp.feminine is None and ent is not None:
            sp.feminine = ent.speaker.feminine
        self.history.append(sp)
        self.spoke_at = self.position
        self.said_until = self.position if until is None or self.position is None else max(self.position, until)

    def final_links(self) -> dict[str, Speaker]:
        """Speakers named by a title or surname only, linked to the one named person the article gives them.

        Read after the whole document: a headline's "الرئيس التونسي:" or
        "الحداد:" comes before the article names "الرئيس التونسي الحبيب عمر
        الصافي".  A link is made only when exactly one named person fits.
        """
        named = [e for e in self.entities if e.name_tokens and e.speaker.kind == "person"]
        links: dict[str, Speaker] = {}
        cast = None
        for ent in list(self.entities):
            sp = ent.speaker
            # a family name alone ("المرجع الصرخي") is a name, but the article may give it in full later
            if sp.how != "unknown_name" or sp.kind != "person" or ent in named and len(ent.name_tokens) != 1:
                continue
            words = [fold(t).lower() for t in sp.mention_full.split()]
            start = self._name_start(words)
            stems = self._role_stems(words if start is None else words[:start])
            surname = [] if start is None else [_no_article(w) for w in words[start:]]
            # qualifiers leave a role as it is: "المتحدث الرسمي" is the spokesman the article names
            core = stems - {_light_stem(q) for q in speaker_kinds(self.lang).role_qualifiers}
            fits = []
            if start is None:
                # the same title with a name after it: "الرئيس التونسي" -> "الرئيس التونسي الحبيب عمر الصافي"
                fits = [o.speaker for o in self.entities if o is not ent and o.speaker.kind == "person"
                        and _starts_with([fold(t).lower() for t in o.speaker.mention_full.split()], words)]
            for other in named if not fits else ():
                if other is ent:
                    continue
                by_role = bool(core) and not surname and any(core <= r for r in other.role_stems)
                names = [_no_article(fold(t).lower()) for t in other.name_tokens]
                by_name = 0 < len(surname) <= 2 and _names_match(surname, names)
                if by_role or by_name:
                    fits.append(other.speaker)
            if not fits and start is None and self.lang == "ar" and len(words) > 1:
                # an office and a family name the name finder cannot tell from an adjective ("المرجع
                # الصرخي"): the person the article names in full with it ("محمود الصرخي الحسني")
                last = _no_article(words[-1])
                if words[-1].startswith("ال") and last.endswith("ي") and last not in place_adjectives("ar"):
                    fits = [o.speaker for o in named if o is not ent
                            and _names_match([last], [_no_article(fold(t).lower()) for t in o.name_tokens])]
            if not fits and start is None and core and self.lang == "ar":
                # the office of a person the narration names with it, who never spoke by name: "رئيس
                # الوزراء" -> "رئيس الوزراء الياباني شينزو آبي"
                cast = self._text_cast() if cast is None else cast
                names = {tuple(n) for n, roles in cast if core <= roles}
                if len(names) == 1:
                    name = list(next(iter(names)))
                    # the narration's name may run on ("عمر السومه المنتقل حديثا"): a person who spoke
                    # by the first words of it is that person
                    folded = norm_words(name)
                    known = {o.speaker.speaker_id: o.speaker for o in named
                             if folded[:len(o.name_tokens)] == o.name_tokens}
                    fits = list(known.values()) if len(known) == 1 else [self.resolve_mention(name)]
            if not fits and 0 < len(surname) <= 2 and self.lang == "ar" \
                    and not (len(surname) == 1 and surname[0] in place_adjectives("ar")):
                # a family name alone ("وقال ظريف") of the one person the narration names in full with a
                # title ("دافع وزير الخارجية الإيراني محمد جواد ظريف ..."), who never spoke by that name;
                # not an adjective of a place ("الصيني"), which follows titles as often as names
                cast = self._text_cast() if cast is None else cast
                names = {tuple(n) for n in (_name_up_to(name, surname) for name, _ in cast) if n}
                if len(names) == 1:
                    fits = [self.resolve_mention(list(next(iter(names))))]
            if len({f.speaker_id for f in fits}) == 1 and fits[0].speaker_id != sp.speaker_id:
                links[sp.speaker_id] = fits[0]
        # a name given in part ("فيصل بن خالد", a headline's) is the one person the article names in full
        # with it ("فيصل بن خالد بن عبدالعزيز")
        for ent in named:
            sp = ent.speaker
            if sp.speaker_id in links or sp.how != "unknown_name" or len(ent.name_tokens) < 2:
                continue
            longer = {o.speaker.speaker_id: o.speaker for o in named if o is not ent
                      and len(o.name_tokens) > len(ent.name_tokens)
                      and o.name_tokens[:len(ent.name_tokens)] == ent.name_tokens}
            if len(longer) == 1:
                links[sp.speaker_id] = next(iter(longer.values()))
        return links

    def _text_cast(self) -> list[tuple[list[str], frozenset[str]]]:
        """The people the document's text names with a title ("رئيس الوزراء الياباني شينزو آبي"): each
        one's name and the stems of the title words before it.  Arabic; read once, after the document."""
        found = list(_ARABIC_WORD.finditer(self.text))
        words = [m.group() for m in found]
        norms = norm_words(words)
        titles = self.lex.role_words | self.lex.occupation_words
        out = []
        for j, g, end in _titled_names(words, norms, titles, breaks=_breaks_before(self.text, found)):
            title = [t[1:] if t not in titles and _is_title(t, titles) else t for t in norms[j:g]]
            out.append((words[g:end], self._head_of_state(title, frozenset(_light_stem(t) for t in title if len(t) > 1))))
        return out

    def _is_group(self, sp: Speaker) -> bool:
        """Whether a speaker is a group of people ("مسؤولون", "the officials"): plural in its head word."""
        words = fold(sp.mention_full).lower().split()
        if not words:
            return False
        head = words[0][2:] if words[0].startswith("ال") else words[0]
        if self.lang != "ar":
            return sp.kind == "anonymous" and words[-1].endswith("s")
        return head.endswith(("ون", "ين")) or phrase_kind(words[:1], "ar") == "anonymous" and head.endswith(("ون", "ين", "اء"))

    def fullest_mention(self, speaker_id: str) -> str:
        """The fullest way the article named this speaker."""
        ent = self._entity(speaker_id)
        return ent.speaker.mention_full if ent else ""


def _participle_plural(mention: str) -> bool:
    """Whether an Arabic mention opens on the sound masculine plural of a participle ("محللين", "المسؤولون",
    "متظاهرين"): people, whatever kind the phrase was given.  (A name may end in "ين" too, "حسين", "بوتين";
    a participle's "م" and its length tell them apart.)

    >>> _participle_plural("محللين"), _participle_plural("المسؤولون في الوزارة"), _participle_plural("حسين")
    (True, True, False)
    """
    words = fold(mention).split()
    if not words:
        return False
    head = words[0][2:] if words[0].startswith("ال") else words[0]
    return len(head) >= 6 and head.startswith("م") and head.endswith(("ين", "ون"))
