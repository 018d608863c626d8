"""Reporting-cue lexicons, built from the per-language data files.

``framing/lang/ar_cues.yml`` and ``en_cues.yml`` hold the word lists; this
module expands them (Arabic verb inflections, participle endings), folds
them the way the text layer folds tokens, and answers one question fast:
is this token a cue, and of which sort?

Examples
--------
>>> lex = cue_lexicon("ar")
>>> lex.lookup("وقالت").lemma, lex.lookup("وقالت").feminine
('قال', True)
>>> lex.lookup("موضحا").type
'participle'
>>> cue_lexicon("en").lookup("Said").lemma
'say'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from framing.errors import FramingError
from framing.lang import read_yaml
from framing.text import fold, fold_text

_WORD_RE = re.compile(r"\w+")

#: Conjunctions that attach to an Arabic verb: وقال، فأكد.
ARABIC_CONJUNCTIONS = ("و", "ف")


@dataclass(frozen=True)
class Cue:
    """What a cue token is."""

    lemma: str
    type: str  # verb | participle | according | passive_quote
    required: bool = True
    needs_clause: bool = False
    weak: bool = False
    feminine: bool = False
    plural: bool = False
    imperfect: bool = False
    impersonal: bool = False
    initial: bool = False  # a verb only where a clause starts ("وبين الوزير أن"; "بين" is also "between")
    #: a present tense that is mostly passive ("تعتبر المباراة من أقوى ..." "is considered"): it reports
    #: only with a clause after it or a named person or body as its subject
    passive_present: bool = False
    #: the verb's object comes before a بـ complement ("اتهم X بـ", "وصف X بأنه"): one noun phrase alone
    #: before بـ is the object, and the subject is implicit
    object_then_bi: bool = False
    #: the form carries its object as a pronoun ("وصفه", "اعتبرها"): a noun phrase after it is the subject
    with_object: bool = False
    next_words: frozenset[str] = frozenset()  # words one of which must follow the cue
    or_quote: bool = False  # ... or a quotation a few words after it ("called the charges “false”")


@dataclass
class CueLexicon:
    """Folded cue forms of one language, with the helper word lists."""

    lang: str
    forms: dict[str, Cue]
    according: list[tuple[str, ...]]
    complementizers: frozenset[str]
    np_stops: frozenset[str]
    anonymous_heads: frozenset[str]
    role_words: frozenset[str]
    pronouns: frozenset[str]
    auxiliaries: frozenset[str] = frozenset()
    colon_labels: frozenset[str] = frozenset()
    noun_markers: frozenset[str] = frozenset()
    time_nouns: frozenset[str] = frozenset()
    time_adjectives: frozenset[str] = frozenset()
    #: Nouns of rules, plans and schedules: after "according to" they say how, not who ("وفق الخطة").
    according_norms: frozenset[str] = frozenset()
    #: Nouns of documents and speeches a "جاء في" phrase quotes ("وجاء في بيان للوزارة أن"), folded.
    document_nouns: frozenset[str] = frozenset()
    #: "By saying" after a verb of manner ("ومضت المصادر بالقول إن"): the statement follows it.
    by_saying: frozenset[str] = frozenset()
    #: Occupations that name a person by what they do ("اللاعب", "المدرب"): not titles to the span
    #: rules, but an occupation alone is the one person the article names with it.
    occupation_words: frozenset[str] = frozenset()
    #: Verbs of asking and praying (lemmas) and the name of God after them, the one asked: "وسأل الله أن".
    asks_god: frozenset[str] = frozenset()
    names_of_god: frozenset[str] = frozenset()
    #: Heads of adverbials of manner ("بشكل", "بصورة"): with their adjective after a verb they say how it
    #: was said ("يصرخ بشكل روتيني"), never who said it.
    adverbial_heads: frozenset[str] = frozenset()
    #: Those who speak for another ("المتحدث", "الناطق"): the one they say spoke, named in their أن-clause,
    #: makes a statement of their own ("ولفت المتحدث إلى أن الرئيس أكد ...").
    relayers: frozenset[str] = frozenset()
    #: Nouns that take "to" inside their noun phrase ("an aide to the president", "envoy to Syria"): the
    #: phrase is the speaker, not the one after "to".
    to_heads: frozenset[str] = frozenset()
    #: Words that put an office in the past ("الرئيس الأمريكي الأسبق", "former President"): its holder on the
    #: article's date is not the one meant.
    former_words: frozenset[str] = frozenset()
    #: Adverbs, interrogatives and particles that are no speaker even alone ("الآن", "لماذا", "دون"); with the
    #: noun-phrase stops and the words of time, a phrase of nothing else names no one.
    not_speakers: frozenset[str] = frozenset()

    def names_no_one(self, norms) -> bool:
        """Whether a phrase of folded words is made only of words that never name a speaker: noun-phrase
        stops, words of time and :attr:`not_speakers` ("ذلك", "الأسبوع الماضي", "لماذا")."""
        return bool(norms) and all(w in self.np_stops or w in self.time_nouns or w in self.time_adjectives
                                   or w in self.not_speakers for w in norms)

    def __post_init__(self):
        # "according to" phrases indexed by their first word: most tokens start none
        self.according_by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.according:
            self.according_by_first.setdefault(phrase[0], []).append(phrase)
        # A quick screen: a sentence none of whose folded words is a cue form (or the
        # distinctive word of an "according to" phrase) has no cue and is never tokenized.
        words = set(self.forms) | set(self.by_saying)
        if self.lang == "ar":
            words |= {c + w for w in self.forms for c in ARABIC_CONJUNCTIONS}
        self.screen_words = frozenset(words)
        # An "according to" phrase needs all its words: its first (with و/ف in Arabic) and the
        # rest, except a closing ل that is the first letter of the source's name.
        conj = ARABIC_CONJUNCTIONS if self.lang == "ar" else ()
        self.screen_phrases = tuple(
            (frozenset([p[0], *(c + p[0] for c in conj)]),
             frozenset(w for e, w in enumerate(p[1:], 1) if not (w == "ل" and e == len(p) - 1)))
            for p in self.according)
        # Tokens the Arabic extractor stops at: a cue form or the first word of an
        # "according to" phrase, bare or with و/ف attached.
        starts = set(self.forms) | set(self.according_by_first)
        self.arabic_scan_words = frozenset(starts | {c + w for w in starts for c in ARABIC_CONJUNCTIONS})

    def may_have_cue(self, text: str, norms: list[str] | None = None) -> bool:
        """False only when ``text`` certainly holds no cue word or "according to" phrase.

        ``norms`` are the text's words already folded and lower-cased (a
        sentence's :attr:`~framing.attribution.document.Sentence.norms`);
        given them, the text is not folded again.  Quotes without a cue word
        (the Arabic headline colon form) have their own screen in the extractor.
        """
        if norms is None:
            words = _WORD_RE.findall(fold_text(text).lower())
        else:
            joined = " ".join(norms)
            # a token keeps an English "'s" on: split there as the text screen does
            words = _WORD_RE.findall(joined) if ("'" in joined or "’" in joined) else norms
        if not self.screen_words.isdisjoint(words):
            return True
        present = set(words)
        return any(rest <= present and not first.isdisjoint(present) for first, rest in self.screen_phrases)

    def lookup(self, token: str) -> Cue | None:
        """The cue a token is, seeing through an attached و/ف in Arabic."""
        return self.lookup_norm(fold(token).lower())

    def lookup_norm(self, w: str) -> Cue | None:
        """:meth:`lookup` for a token already folded and lower-cased (``Token.norm``)."""
        cue = self.forms.get(w)
        if cue is None and self.lang == "ar" and len(w) > 3 and w[0] in ARABIC_CONJUNCTIONS:
            cue = self.forms.get(w[1:])
        return cue


def _fold_set(words) -> frozenset[str]:
    bad = [w for w in words or () if not isinstance(w, str)]
    if bad:
        # YAML reads bare no/on/yes as booleans: quote such words in the cue files
        raise FramingError(f"cue list entries must be words, got {bad!r} (quote words like \"no\" or \"on\")")
    return frozenset(fold(w).lower() for w in words or ())


def _possessed_forms(nouns) -> frozenset[str]:
    """The forms of Arabic nouns with a third-person pronoun after them, folded (a final ة becomes ت).

    Folding writes a final ة as ه, so a listed noun ending in ه is taken to end in ة: list none that ends in
    a true ه.

    >>> sorted(_possessed_forms(["رغبة"]))[:3], "رفضها" in _possessed_forms(["رفض"])
    (['رغبته', 'رغبتها', 'رغبتهم'], True)
    """
    out = set()
    for noun in _fold_set(nouns):
        stem = noun[:-1] + "ت" if noun.endswith("ه") else noun
        out.update(stem + ending for ending in ("ه", "ها", "هم", "هما", "هن"))
    return frozenset(out)


def _arabic_verb_forms(entry: dict) -> dict[str, Cue]:
    lemma = entry["perfect"]
    base = dict(required=entry.get("required", True), needs_clause=entry.get("needs_clause", False),
                impersonal=entry.get("impersonal", False), initial=entry.get("initial", False),
                object_then_bi=entry.get("object_then_bi", False))
    out: dict[str, Cue] = {}

    def add(form, **kw):
        out.setdefault(fold(form), Cue(fold(lemma), "verb", **{**base, **kw}))

    present = dict(passive_present=True) if entry.get("passive_present") else {}

    if entry.get("takes_object"):
        # the object pronoun joins the verb ("اعتبرها", "تبناه", "نفته"); a final alef maqsura is written
        # alef before it (تبنى -> تبناه), and the feminine ending stays ت
        stem = lemma[:-1] if lemma.endswith("ى") else lemma
        for verb, fem in ((stem + "ا" if lemma.endswith("ى") else lemma, False), (stem + "ت", True)):
            for pronoun in ("ه", "ها", "هم", "هما"):
                add(verb + pronoun, feminine=fem, with_object=True)
    if "forms" in entry:
        for form in entry["forms"]:
            f = fold(form)
            imperfect = f[:1] in ("ي", "ت") and not fold(lemma).startswith(f[:1])
            feminine = (f.endswith("ت") and not fold(lemma).endswith("ت")) or (imperfect and f.startswith("ت"))
            add(form, feminine=feminine, plural=f.endswith(("وا", "ون")), imperfect=imperfect)
        return out
    p = lemma
    add(p)
    add(p + "ت", feminine=True)
    add(p + "وا", plural=True)
    add(p + "ا", plural=True)
    add(p + "تا", feminine=True, plural=True)
    imp = entry.get("imperfect")
    if imp:
        add(imp, imperfect=True, **present)
        add("ت" + imp[1:], imperfect=True, feminine=True, **present)
        add(imp + "ون", imperfect=True, plural=True, **present)
        add(imp + "ان", imperfect=True, plural=True, **present)
    return out


def _arabic_lexicon(data: dict) -> CueLexicon:
    forms: dict[str, Cue] = {}
    for entry in data.get("verbs", []):
        for k, v in _arabic_verb_forms(entry).items():
            forms.setdefault(k, v)
    suffixes = data.get("participle_suffixes", ["ا"])
    for entry in data.get("participles", []):
        # an entry is a stem with the common endings, or {stem, suffixes} with its own
        stem, endings = (entry["stem"], entry["suffixes"]) if isinstance(entry, dict) else (entry, suffixes)
        for suf in endings:
            forms.setdefault(fold(stem + suf), Cue(fold(stem), "participle", required=False,
                                                   feminine=suf == "ة", plural=suf in ("ين", "ون")))
    for form in data.get("passive_quote", []):
        forms.setdefault(fold(form), Cue("نقل", "passive_quote"))
    for form in data.get("passive_quote_to", []):
        forms.setdefault(fold(form), Cue("نسب", "passive_quote"))  # the source follows إلى, not عن
    according = [tuple(fold(t) for t in phrase.split()) for phrase in data.get("according", [])]
    return CueLexicon(
        lang="ar", forms=forms, according=sorted(according, key=len, reverse=True),
        complementizers=_fold_set(data.get("complementizers")),
        np_stops=_fold_set(data.get("np_stops")) | _possessed_forms(data.get("expressed_nouns")),
        anonymous_heads=_fold_set(data.get("anonymous_heads")), role_words=_fold_set(data.get("role_words")),
        pronouns=_fold_set(data.get("pronouns")), colon_labels=_fold_set(data.get("colon_labels")),
        time_nouns=_fold_set(data.get("time_nouns")), time_adjectives=_fold_set(data.get("time_adjectives")),
        according_norms=_fold_set(data.get("according_norms")), by_saying=_fold_set(data.get("by_saying")),
        document_nouns=_fold_set(data.get("document_nouns")),
        occupation_words=_fold_set(data.get("occupation_words")),
        asks_god=_fold_set(data.get("asks_god")), names_of_god=_fold_set(data.get("names_of_god")),
        adverbial_heads=_fold_set(data.get("adverbial_heads")), relayers=_fold_set(data.get("relayers")),
        former_words=_fold_set(data.get("former_words")), not_speakers=_fold_set(data.get("not_speakers")),
    )


def _english_lexicon(data: dict) -> CueLexicon:
    forms: dict[str, Cue] = {}
    for lemma, spec in (data.get("verbs") or {}).items():
        words = spec["forms"] if isinstance(spec, dict) else spec
        weak = bool(spec.get("weak")) if isinstance(spec, dict) else False
        nxt = _fold_set(spec.get("next", ())) if isinstance(spec, dict) else frozenset()
        or_quote = bool(spec.get("or_quote")) if isinstance(spec, dict) else False
        for w in words:
            forms.setdefault(w.lower(), Cue(lemma, "verb", required=not weak, weak=weak,
                                            imperfect=w.endswith("ing"), next_words=nxt, or_quote=or_quote))
    according = [tuple(phrase.lower().split()) for phrase in data.get("according", [])]
    return CueLexicon(
        lang="en", forms=forms, according=sorted(according, key=len, reverse=True),
        complementizers=frozenset({"that"}), np_stops=_fold_set(data.get("np_stops")),
        anonymous_heads=_fold_set(data.get("anonymous_heads")), role_words=_fold_set(data.get("role_words")),
        pronouns=_fold_set(data.get("pronouns")), auxiliaries=_fold_set(data.get("auxiliaries")),
        colon_labels=_fold_set(data.get("colon_labels")), noun_markers=_fold_set(data.get("noun_markers")),
        to_heads=_fold_set(data.get("to_heads")), former_words=_fold_set(data.get("former_words")),
    )


@lru_cache(maxsize=None)
def cue_lexicon(lang: str) -> CueLexicon:
    """The cue lexicon of ``lang`` (``ar`` or ``en``), built once per process."""
    data = read_yaml(lang, "cues.yml")
    return _arabic_lexicon(data) if lang == "ar" else _english_lexicon(data)
