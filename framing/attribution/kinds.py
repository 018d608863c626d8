"""What kind of speaker a phrase names: person, institution, media, document or anonymous.

Registered actors carry their kind in the registry; every other speaker
gets one from the head word of the phrase that named it, looked up in a
per-language word list (``framing/lang/<lang>_speaker_kinds.yml``): "وزارة
الصحة" is an institution, "صحيفة الحياة" media, "البيان" a document,
"عدد من المسؤولين" anonymous, anything else a person.  The same lists name
the honorific pronouns (سموه، معاليه) that stand for a person named before,
and the words of reverence (تعالى، عز وجل) that never belong to a name.

Examples
--------
>>> phrase_kind(["وزارة", "الصحة"], "ar"), phrase_kind(["الصحيفة"], "ar"), phrase_kind(["the", "statement"], "en")
('institution', 'media', 'document')
>>> phrase_kind(["عدد", "من", "المسؤولين"], "ar"), phrase_kind(["سامي", "العلي"], "ar")
('anonymous', 'person')
>>> phrase_kind(["الخبير", "العسكري", "عبد", "الكريم", "سالم"], "ar")
'person'

"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from framing.errors import FramingError
from framing.lang import read_wordlist, read_yaml
from framing.text import fold

#: Kinds a speaker can have.
KINDS = ("person", "institution", "country", "media", "anonymous", "document")
# the order heads are tried in: "وكالة" is media before it is an institution
_ORDER = (("document", "document"), ("media", "media"), ("anonymous_groups", "anonymous"),
          ("institution", "institution"), ("country", "country"))
_DETERMINERS = frozenset(["the", "a", "an"])


@dataclass(frozen=True)
class SpeakerKinds:
    heads: dict[str, frozenset[str]]
    honorific_pronouns: frozenset[str]
    reverence: frozenset[str]
    courtesy_titles: frozenset[str] = frozenset()
    anaphors: frozenset[str] = frozenset()
    same_words: frozenset[str] = frozenset()
    role_qualifiers: frozenset[str] = frozenset()
    #: documents a body issues (bare heads): "التقرير" alone is the report of the body quoted last.
    issued_documents: frozenset[str] = frozenset()
    #: words that set a source against the body named after them: "مسؤولون في القوات المناهضة للحوثيين"
    #: speak against the Houthis, not for them.
    opposed_words: frozenset[str] = frozenset()
    #: nouns of places and districts ("منطقة", "محافظة"): what follows an office with one is where it is.
    place_nouns: frozenset[str] = frozenset()
    #: words tying a phrase to someone else ("باسم", "مقرب من"): what follows is not the speaker's name.
    relation_words: frozenset[str] = frozenset()
    #: demonstratives ("هذه"): a phrase holding one is a clause, not a name.
    demonstratives: frozenset[str] = frozenset()
    #: words qualifying a military rank ("ركن", "طيار"): not the start of a name.
    rank_qualifiers: frozenset[str] = frozenset()
    #: forms of address that may open a phrase ("معالي", "صاحب السمو الملكي"), folded, as word tuples.
    address_forms: frozenset[tuple[str, ...]] = frozenset()
    #: prepositions before the place a speaker is posted at ("السفير الروسي في القاهرة"): not whom they speak for.
    posting_words: frozenset[str] = frozenset()
    #: adjectives of an origin that is no one country ("غربي", "Western"): such a speaker is not the place's.
    origin_words: frozenset[str] = frozenset()
    #: people who speak for no state or body ("مواطن", "لاعب", "expert"), without the article: their origin is
    #: no side.
    private_heads: frozenset[str] = frozenset()
    #: words for a number or a part of a group that name the group after من ("عدد من الخبراء", "الكثير من
    #: المسؤولين"), as written (folded): the group is part of the source's description.
    partitive_heads: frozenset[str] = frozenset()
    #: titles of a ruler or prince ("الملك", "الأمير") and the heads of the places and bodies named after one
    #: ("جامعة الملك سعود", "مستشفى الأمير محمد بن عبدالعزيز"), folded, the heads without the article: such a
    #: name belongs to the place, and the person's name comes after it.
    namesake_titles: frozenset[str] = frozenset()
    namesake_heads: frozenset[str] = frozenset()


def _bare(word: str, lang: str) -> str:
    w = fold(word).lower()
    if lang == "ar":
        for p in ("وال", "فال", "بال", "لل", "ال"):
            if w.startswith(p) and len(w) - len(p) >= 2:
                return w[len(p):]
    return w


@lru_cache(maxsize=None)
def speaker_kinds(lang: str) -> SpeakerKinds:
    """The head-word lists of ``lang``, folded (read once per process)."""
    data = read_yaml(lang, "speaker_kinds.yml")
    heads = {key: frozenset(" ".join(_bare(w, lang) for w in str(entry).split()) for entry in data.get(key) or ())
             for key, _ in _ORDER}
    return SpeakerKinds(heads, frozenset(fold(w).lower() for w in data.get("honorific_pronouns") or ()),
                        frozenset(fold(w).lower() for w in data.get("reverence") or ()),
                        frozenset(fold(w).lower() for w in data.get("courtesy_titles") or ()),
                        frozenset(fold(w).lower() for w in data.get("anaphors") or ()),
                        frozenset(fold(w).lower() for w in data.get("same_words") or ()),
                        frozenset(fold(w).lower() for w in data.get("role_qualifiers") or ()),
                        frozenset(_bare(w, lang) for w in data.get("issued_documents") or ()),
                        frozenset(fold(w).lower() for w in data.get("opposed_words") or ()),
                        frozenset(_bare(w, lang) for w in data.get("place_nouns") or ()),
                        *(frozenset(fold(w).lower() for w in data.get(key) or ())
                          for key in ("relation_words", "demonstratives", "rank_qualifiers")),
                        frozenset(tuple(fold(str(w)).lower().split()) for w in data.get("address_forms") or ()),
                        *(frozenset(fold(w).lower() for w in data.get(key) or ())
                          for key in ("posting_words", "origin_words")),
                        frozenset(" ".join(_bare(w, lang) for w in str(entry).split())
                                  for entry in data.get("private_heads") or ()),
                        frozenset(fold(w).lower() for w in data.get("partitive_heads") or ()),
                        frozenset(fold(w).lower() for w in data.get("namesake_titles") or ()),
                        frozenset(_bare(w, lang) for w in data.get("namesake_heads") or ()))


#: Prepositions that fold to a given name ("على" and the name "علي" are one folded word).
_LOOK_ALIKE_PREPOSITIONS = frozenset(["على", "وعلى", "فعلى"])


def is_given_name(text: str, norm: str, names: frozenset[str]) -> bool:
    """Whether a word (as written, and folded) is a given name of ``names``: "على" is a preposition.

    >>> names = frozenset(["علي"])
    >>> is_given_name("علي", "علي", names), is_given_name("على", "علي", names)
    (True, False)
    """
    return norm in names and text not in _LOOK_ALIKE_PREPOSITIONS


@lru_cache(maxsize=None)
def given_names(lang: str = "ar") -> frozenset[str]:
    """Folded given names and name particles (``framing/lang/ar_given_names.txt``); empty where none ship."""
    try:
        return frozenset(fold(w).lower() for w in read_wordlist(lang, "given_names.txt"))
    except FramingError:  # no list for this language
        return frozenset()


@lru_cache(maxsize=None)
def place_adjectives(lang: str = "ar") -> frozenset[str]:
    """Folded adjectives of places, without the article ("تونسي", "سعودي"), from ``<lang>_names.yml``.

    After an office such a word says whose office it is ("الرئيس التونسي"):
    it is never a family name.

    >>> "تونسي" in place_adjectives("ar"), "صرخي" in place_adjectives("ar")
    (True, False)
    """
    return frozenset(fold(adj).lower() for adj in place_adjective_map(lang).values())


@lru_cache(maxsize=None)
def place_adjective_map(lang: str = "ar") -> dict[str, str]:
    """Folded place name -> its adjective ("ايران" -> "إيراني"), from ``<lang>_names.yml``; empty where none ship.

    >>> place_adjective_map("ar")["ايران"]
    'إيراني'
    """
    try:
        data = read_yaml(lang, "names.yml")
    except FramingError:  # no list for this language
        return {}
    return {fold(e["name"]).lower(): e["adj"] for e in data.get("names") or () if e.get("adj")}


def names_private_people(tokens: list[str], lang: str) -> bool:
    """Whether a phrase names people who speak for no state or body (``private_heads``): its head in
    Arabic, any of its first four words in English ("Ukrainian refugees").

    >>> names_private_people(["اللاعب", "المصري"], "ar"), names_private_people(["السفير", "المصري"], "ar")
    (True, False)
    """
    heads = speaker_kinds(lang).private_heads
    if lang == "ar":
        words = [_bare(w, lang) for w in tokens[:2]]
        return bool(words) and (words[0] in heads or " ".join(words) in heads)
    return any(fold(w).lower() in heads for w in tokens[:4])


#: Endings of an Arabic adjective of a place (``<lang>_names.yml`` generates the same): الإيرانية، الإيرانيون ...
_AR_ADJECTIVE_ENDINGS = ("", "ة", "ون", "ين", "ان", "تان", "تين", "ات")


@lru_cache(maxsize=None)
def origin_adjectives(lang: str = "ar") -> dict[str, tuple[str, ...]]:
    """Folded forms of the adjectives of places -> the place's name and other words as listed, from
    ``<lang>_names.yml``.

    Arabic forms take the adjective's endings (ة، ون، ين ...) and are listed without the article; English
    ones are lower-cased with their plural in -s.  Other single words listed for a place that end as an
    adjective ends (أميركي beside أمريكي) count too.

    >>> origin_adjectives("ar")["امريكيه"][0], origin_adjectives("en")["russians"]
    ('أمريكا', ('Russia',))
    """
    try:
        data = read_yaml(lang, "names.yml")
    except FramingError:  # no list for this language
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for entry in data.get("names") or ():
        adjectives = [entry["adj"]] if entry.get("adj") else []
        place = (entry["name"], *(entry.get("forms") or ()))
        if lang == "ar":
            adjectives += [f for f in entry.get("forms") or () if f.endswith(("ي", "ية")) and adjectives]
            for adj in adjectives:
                stem = adj[:-1] if adj.endswith("ية") else adj
                out.update((fold(stem + end).lower(), place) for end in _AR_ADJECTIVE_ENDINGS)
        else:
            out.update((fold(w).lower(), place) for adj in adjectives for w in (adj, adj + "s"))
    return out


def phrase_kind(words: list[str], lang: str) -> str:
    """The kind of speaker an unregistered phrase names (``person`` when no head word says otherwise)."""
    if lang not in ("ar", "en"):
        return "person"
    kinds = speaker_kinds(lang)
    words = [w for w in words if fold(w).lower() not in _DETERMINERS] or words
    bare = [_bare(w, lang) for w in words]
    if not bare:
        return "person"
    # Arabic phrases are head-first; English heads come within the first few words ("the Defense Ministry")
    keys = [bare[0], " ".join(bare[:2])] if lang == "ar" else bare[:4] + [" ".join(bare[:2])]
    for key, kind in _ORDER:
        if any(k in kinds.heads[key] for k in keys):
            if kind == "anonymous" and any(fold(w).lower() in given_names(lang) or fold(w).startswith("عبدال")
                                           for w in words[1:]):
                return "person"  # "الخبير العسكري عبد الكريم سالم", "المقيم عبدالحنان شيرين" are named
            return kind
    if lang == "en" and len(words) == 1 and _ACRONYM.fullmatch(words[0]):
        return "institution"  # an acronym alone names a body ("OFAC", "G7", "FATF"), not a person
    return "person"


#: An acronym: two to six capitals or digits, a capital first ("OFAC", "G7", "NATO").
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")


def is_honorific_pronoun(words: list[str], lang: str) -> bool:
    """ "سموه", "his excellency": a pronoun of respect, standing for the person named before."""
    phrase = " ".join(fold(w).lower() for w in words)
    return lang in ("ar", "en") and phrase in speaker_kinds(lang).honorific_pronouns


def is_anaphor(words: list[str], lang: str) -> bool:
    """ "الأخير" (the latter), "الأول": a word pointing back to someone named before."""
    return lang in ("ar", "en") and len(words) == 1 and fold(words[0]).lower() in speaker_kinds(lang).anaphors


def without_same(words: list[str], lang: str) -> list[str]:
    """ "المصدر نفسه" -> ["المصدر"]: the word saying "the same one" points back, it names nobody."""
    if len(words) > 1 and lang in ("ar", "en") and fold(words[-1]).lower() in speaker_kinds(lang).same_words:
        return words[:-1]
    return words


def opens_with_blessing(words: list[str], lang: str) -> bool:
    """Whether a phrase opens with a formula of reverence of two words or more ("رحمه الله", "عليه السلام").

    After a verb such a formula blesses the one spoken of ("يقول رحمه الله"); it never names a speaker.

    >>> opens_with_blessing(["رحمه", "الله"], "ar"), opens_with_blessing(["الله", "تعالى"], "ar")
    (True, False)
    """
    if lang not in ("ar", "en") or len(words) < 2:
        return False
    rev = speaker_kinds(lang).reverence
    folded = [fold(w).lower() for w in words[:3]]
    return any(" ".join(folded[:n]) in rev for n in (2, 3))


def without_reverence(words: list[str], lang: str) -> list[str]:
    """The words before the first word of reverence: ["الله", "تعالى"] -> ["الله"]."""
    if lang not in ("ar", "en"):
        return words
    rev = speaker_kinds(lang).reverence
    folded = [fold(w).lower() for w in words]
    for k in range(1, len(words)):
        # one word ("تعالى") or two ("عز وجل": "عز" alone begins names such as "عز الدين")
        if folded[k] in rev or " ".join(folded[k:k + 2]) in rev:
            return words[:k]
    return words
