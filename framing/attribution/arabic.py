"""Reporting events in Arabic sentences.

Arabic news reports speech mostly verb-first: the cue, then the speaker,
then the reported clause ("وقال المتحدث باسم الكرملين ديمتري بيسكوف إن ...").
The extractor finds cue words from the lexicon (``framing/lang/ar_cues.yml``),
reads the speaker noun phrase after the verb up to the complementizer,
a preposition or punctuation, and takes the content from there.  It also
handles subject-first clauses with a known actor ("وإيران تقول إن"), the
headline colon form ("الكرملين: ..."), "according to" forms (وفقا لـ، بحسب),
participial continuations (موضحا أن) and quotation chains
("نقلت وكالة ... عن ... قوله").

Examples
--------
>>> from framing.attribution.document import prepare
>>> from framing.attribution.cues import cue_lexicon
>>> doc = prepare("وقال وزير الصحة سامي العلي إن الوضع مستقر.")
>>> ev = arabic_events(doc.sentences[0], cue_lexicon("ar"))[0]
>>> ev.mention_tokens, ev.kind
(('وزير', 'الصحة', 'سامي', 'العلي'), 'indirect')
"""

from __future__ import annotations

from framing.attribution.cues import CueLexicon
from framing.attribution.document import CLOSING, OPENING, Sentence
from framing.attribution.events import Event, classify, quoted_content, trim, words_in
from framing.attribution.kinds import given_names, is_given_name, opens_with_blessing, phrase_kind, speaker_kinds
from framing.attribution.speaker_model import MANNER_FORMS, choose_span
from framing.text import TOKEN_RE, fold

#: Longest speaker noun phrase read after a verb, in tokens.
MAX_NP = 14
#: Subject-first clauses: at most this many tokens before the verb.
MAX_PREVERBAL = 5
#: The longest subject of "كان" before its verb, in tokens (titles and an apposition make it long).
MAX_KANA_SUBJECT = 10
#: The longest source named in quotation marks after "according to", in tokens.
SHORT_SOURCE = 4
#: A headline's subject before its verb: at most this many tokens ("رئيس اللجنة الدولية للصليب الأحمر يطالب").
MAX_HEADLINE_SUBJECT = 8
#: Particles before an imperfect verb that make it non-reporting ("لم يذكر", "أن يعلن").
_IRREALIS = frozenset(fold(w) for w in ["لم", "لن", "لا", "أن", "كي", "لكي", "سوف", "قد", "ولم", "ولن", "ولا", "حتى"])
#: Prepositions: a verb never follows one, so a cue's form after one is a noun ("إلى تبني").  Not من,
#: which before a verb is "who" ("هناك من يقول إن").
_PREPOSITIONS = frozenset(fold(w) for w in ["إلى", "على", "عن", "في", "حول", "نحو", "لدى"])
#: The lemma of "قائلا" (saying), as the cue list folds it.
_SAYING = fold("قائل")
#: Words that make أن after them "after / before / since / until (it happened)", not "that" of speech.
_TIME_CONJUNCTIONS = frozenset(fold(w) for w in ["بعد", "قبل", "منذ", "وبعد", "وقبل"])
#: Nouns of speech after "according to": the source follows them ("حسب وصف الجماهير", "بحسب تعبير الوزير").
_SPEECH_NOUNS = frozenset(fold(w) for w in ["وصف", "تعبير", "قول", "تأكيد", "رواية", "تصريح", "تصريحات", "كلام",
                                             "تقدير", "تقديرات", "تقرير", "بيان"])
#: Words after which a cue's form is a verbal noun: "يجب رفض الاتفاق", "عدم رفض", "من مغبة رفض".
_BEFORE_VERBAL_NOUN = frozenset(fold(w) for w in ["يجب", "يمكن", "ينبغي", "لابد", "عدم", "مغبة", "ضرورة",
                                                  "بضرورة", "بعدم"])
#: "... ذكر اسمه", "الكشف عن هويته": the formula of a source who asked not to be named.
_DISCLOSE = frozenset(fold(w) for w in ["ذكر", "كشف", "الكشف", "الإفصاح", "الافصاح", "نشر", "الإعلان"])
_NAME_OR_IDENTITY = tuple(fold(w) for w in ["اسم", "هويت", "عن"])
#: "What" as a verb's subject ("مما يشير إلى أن", "بما يؤكد"): the verb reports a fact, not speech.  Plain
#: "ما" only before a present tense ("وهو ما يشير"): "ما قال" is "what he said", a report ("على ما قال").
_WHAT = frozenset(fold(w) for w in ["مما", "بما"])
#: Words before "ما" that make "ما يقول" a report: "حسب ما يقول", "على ما يقول".
_AS_SAID = frozenset(fold(w) for w in ["حسب", "بحسب", "وفق", "وفقا", "على", "طبقا", "كما"])
#: Words that say when on their own ("أمس", "الخميس", "مساء أمس"), folded: never the speaker.
_TIME_WORDS = frozenset(fold(w) for w in ["اليوم", "أمس", "امس", "بالأمس", "الليلة", "غدا", "الاثنين", "الثلاثاء",
                                           "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"])
#: Parts of the day, which are also given names ("صباح النعماني"): a time only before another time word.
_DAY_PARTS = frozenset(fold(w) for w in ["مساء", "صباح", "ظهر", "فجر"])
#: Words, as written, that open an adverbial or an object after a verb and never a speaker phrase
#: ("صرح بعد اللقاء:", "لفت الانتباه إلى أن").  Compared unfolded: folded, "أمام" (before) is "إمام" (imam)
#: and "على" (on) is "علي" (Ali).
_OPENERS = frozenset(["بعد", "قبل", "خلال", "أثناء", "اثناء", "عقب", "إثر", "اثر", "منذ", "عبر", "حول", "ضد",
                      "نحو", "في", "من", "عن", "إلى", "الى", "على", "مع", "الانتباه", "الإنتباه", "النظر",
                      "تعليقا", "تعليقاً", "ردا", "رداً", "مجددا", "مجدداً", "بدوره", "بدورها", "أيضا", "أيضاً",
                      # "نصا"/"حرفيا" (verbatim)
                      "نصا", "نصاً", "حرفيا", "حرفياً"])
#: Nouns, as written, that fold to a word ending a speaker phrase: "إمام" (imam) folds as "أمام" (before).
_SPELT_LIKE_STOPS = frozenset(["إمام"])


def _accusative(word: str) -> bool:
    """Whether ``word``, as written, carries the accusative's tanween ("مقالاً", "شهرًا"): an object or an
    adverb, never part of the speaker (the subject is nominative).

    >>> _accusative("مقالاً"), _accusative("شهرًا"), _accusative("مقال"), _accusative("الوزير")
    (True, True, False, False)
    """
    return "\u064b" in word[-2:]


def _skip_accusative(sent: Sentence, k: int, lex: CueLexicon) -> int:
    """Past one word marked accusative between a speaker and what was said ("وأجاب مورينيو ضاحكًا: «...»",
    "وقال الوزير مبتسماً إن"): how they spoke."""
    toks = sent.tokens
    if k + 1 < len(toks) and _accusative(toks[k].text) and _cue_at(sent, k, lex) is None and (
            toks[k + 1].norm in lex.complementizers or any(ch in sent.gap(k + 1) for ch in ':«"“')):
        return k + 1  # a reporting participle ("قائلاً:") is a statement's own cue, not passed over
    return k


def _strip_wa(word: str) -> str:
    """``word`` without a conjunction و or ف before a longer word, as written."""
    return word[1:] if word[:1] in "وف" and len(word) > 3 else word


#: Objects a reporting verb takes before its clause ("لفت الانتباه إلى أن"), as written.
_VERB_OBJECTS = frozenset(["الانتباه", "الإنتباه", "النظر"])
#: A preposition with a pronoun right after a verb ("قال له الوزير", "وقال فيه متحدث"), as written: the
#: subject comes after it.
_PRONOUN_PREPOSITIONS = frozenset(["له", "لها", "لهم", "لهما", "فيه", "فيها", "عنه", "عنها", "عنهم", "عليه",
                                   "عليها", "إليه", "إليها", "إليهم", "منه", "منها", "معه", "معها"])
#: "To me", "to us", "to you" after a verb ("قال لي العامل", "وقالت لنا مصادر"): passed over only before what
#: opens a subject (a word with the article, a given name, an unnamed source), since an object or a manner
#: word often follows instead ("ضرب لنا مثالا", "قال لنا ضاحكا"), and "لي" also opens names (لي كه تشيانغ).
_TO_THE_WRITER = frozenset(["لي", "لنا", "لكم", "لكما"])
#: Prepositions as written, which no speaker phrase ends on ("علي" is also the name Ali, so only "على").
_FINAL_PREPOSITIONS = frozenset(["على", "إلى", "الى", "عن", "في", "من", "حول", "نحو", "لدى", "مع"])
#: Speech acts a verb takes as its object ("جدد التأكيد", "كرر المطالبة"), and the talk a verb ends or opens with
#: its pronoun ("واختتم حديثه بأن", "واستهل كلمته"), as written (folded, حديثه would also be حديثة, "recent"):
#: never a speaker's last word.
_ACT_OBJECTS = frozenset(["التأكيد", "المطالبة", "التحذير", "الإشارة", "الاشارة", "التعبير", "التشديد", "الإعراب",
                          "الاعراب", "الترحيب", "النفي", "حديثه", "حديثها", "كلمته", "كلمتها", "تصريحه", "تصريحها",
                          "كلامه", "كلامها"])
#: Words that start a new clause, so a cue after them is not embedded in earlier speech.
_CLAUSE_OPENERS = frozenset(fold(w) for w in ["حين", "بينما", "فيما", "كما", "حيث", "لكن", "ولكن", "غير", "ثم",
                                              "وبينما", "وفيما", "وكما", "بدوره", "بدورها", "من جانبه", "جانبه",
                                              "جانبها", "جهته", "جهتها", "المقابل", "إذ", "اذ"])
#: "As" before a source that closes its sentence ("... كما يدعي التنظيم", "على ما قال"): the words before it
#: are what the source says.
_AS = frozenset(fold(w) for w in ["كما", "وكما"])
#: "As" between a subject and its verb ("ووزارة الداخلية إذ تعلن عن ذلك ...").
_SINCE = frozenset(fold(w) for w in ["إذ", "اذ"])
#: "Both" and the dual noun after it make a whole subject ("كلا الجانبين", "كلتا الدولتين").
_BOTH = frozenset(fold(w) for w in ["كلا", "كلتا", "وكلا", "وكلتا"])
#: Verbs of the periphrastic passive ("تم الإعلان عن", "جرى نقل الوحدات"): the word after them is a verbal noun.
_PASSIVE_AUX = frozenset(fold(w) for w in ["تم", "وتم", "يتم", "ويتم", "سيتم", "جرى", "وجرى", "يجري", "ويجري",
                                           "سيجري"])
#: "When" between a subject and its verb: "ووزير الخارجية عندما قال إن ..." (the subject, then "when" and its verb).
_WHEN = frozenset(fold(w) for w in ["عندما", "حينما", "حين"])
#: Words that make "أن" after them "however" ("بيد أنه استدرك", "إلا أن الوزير قال"): no one's speech opens.
_BUT = frozenset(fold(w) for w in ["بيد", "غير", "إلا", "الا", "وإلا"])
#: Nouns for media an addressee phrase names ("قال لوكالة رويترز").
_MEDIA = frozenset(fold(w) for w in ["وكالة", "قناة", "صحيفة", "مجلة", "موقع", "تلفزيون", "إذاعة", "شبكة",
                                      "الصحفيين", "الصحافيين", "الصحافة", "الإعلام", "وسائل", "التلفزيون"])
#: The press as an audience ("للصحفيين"), folded with the article.
_AUDIENCES = frozenset(fold(w) for w in ["الصحفيين", "الصحافيين", "الصحافة"])
_QUOTE_SUFFIX = frozenset(fold(w) for w in ["قوله", "قولها", "قولهم", "قولهما", "القول"])


def arabic_events(sent: Sentence, lex: CueLexicon, registry=None, *, speaker_model=None, day: str | None = None,
                  record: list | None = None) -> list[Event]:
    """All reporting events in one Arabic sentence, in text order.

    ``speaker_model`` (a :class:`~framing.attribution.speaker_model.SpeakerSpanModel`)
    chooses where a speaker phrase after a verb ends; without one the rules
    decide.  ``record`` receives the candidates of each such choice (training).
    """
    toks = sent.tokens
    events: list[Event] = []
    if _headline_like(sent):
        events.extend(_colon_events(sent, lex))
    # Most tokens are neither a cue nor the start of an "according to" phrase: the
    # set intersection finds the few that are without a Python step per token.
    norms = sent.norms
    hits = lex.arabic_scan_words.intersection(norms)
    positions = [k for k, w in enumerate(norms) if w in hits] if hits else []
    i = 0
    for k in positions:
        if k < i:
            continue  # inside an "according to" phrase already read
        i = k
        n_acc, lam = _according_length(toks, i, lex)
        if n_acc:
            ev = _according_event(sent, i, n_acc, lam, lex)
            if ev:
                events.append(ev)
                while i + n_acc < len(toks) and toks[i + n_acc].start < ev.cue_end:
                    n_acc += 1  # the verb of "بحسب ما قال" is read with the phrase
            i += n_acc
            continue
        cue = _cue_at(sent, i, lex)
        if cue is None or sent.doc.inside_quote(toks[i].start) or (i > 0 and toks[i - 1].norm in _PASSIVE_AUX):
            continue  # "جرى نقل الوحدات", "تم الإعلان": after "تم"/"جرى" the form is a verbal noun
        if cue.type == "participle":
            if not _says_how(sent, i, cue, events):
                events.append(_participle_event(sent, i, cue, lex, registry))
        elif cue.type == "passive_quote":
            events.extend(_chain_events(sent, i, lex, source_after="الي" if cue.lemma == "نسب" else "عن"))
        elif not _irrealis(toks, i, cue, lex.complementizers):
            relayed = None
            if _embedded(sent, i, lex):
                relayed = _relayed_subject(sent, i, lex, registry)
                if relayed is None:
                    continue
            ev = _verb_event_with(sent, i, cue, lex, registry, i + 1, i + 1, pre=relayed) if relayed else \
                _verb_event(sent, i, cue, lex, registry, speaker_model, day, record)
            if ev:
                events.append(ev)
            if _manner_participle(sent, i, lex):
                i += 2  # "وأضاف قائلا:" is one statement: the participle says how, it is no event of its own
    if not lex.by_saying.isdisjoint(norms):
        said = [e for e in (_by_saying_event(sent, k, lex, events) for k, w in enumerate(norms) if w in lex.by_saying)
                if e is not None]
        if said:
            events = sorted(events + said, key=lambda e: e.cue_start)
    described = [e.described for e in events if e.described is not None]
    if described:
        # a verb inside the relative clause that describes a speaker ("الذي كان يتحدث في مؤتمر صحفي") is part
        # of the description, not a statement
        events = [e for e in events if not any(a <= e.cue_start < b for a, b in described)]
    _clip_contents([e for e in events if not e.silent])  # a verb that reports nothing cuts no statement
    return events


def _possessed(word: str) -> bool:
    """A noun, as written, with a possessive pronoun ("حديثه", "تصريحاتها", "كلمتهم"): in a speaker phrase,
    the object.  Written, not folded: folding makes the taa marbuta of "وزارة" an ه.

    >>> _possessed("حديثه"), _possessed("تصريحاتها"), _possessed("الوزير"), _possessed("منظمة")
    (True, True, False, False)
    """
    return len(word) > 4 and not word.startswith("ال") and word.endswith(("ه", "ها", "هم", "هما"))


def _by_saying_event(sent: Sentence, k: int, lex: CueLexicon, events: list[Event]) -> Event | None:
    """"ومضت المصادر بالقول إن ...", "واكتفى بالقول:": a verb of manner and "by saying" report a statement.

    The content follows "بالقول"; the speaker is the noun phrase after the clause's first word (the verb),
    or, when none is there, the one before ("واكتفى بالقول" goes on from the previous speaker).  Nothing
    when a reporting verb of the clause already made the event, or no clause or quotation follows.
    """
    toks = sent.tokens
    if sent.doc.inside_quote(toks[k].start):
        return None
    start = k
    while start > 0 and k - start <= MAX_NP and not _clause_break(sent, start):
        start -= 1
    if any(toks[start].start <= e.cue_start < toks[k].start for e in events if not e.silent):
        return None
    pos, limit = toks[k].end, (toks[k + 1].start if k + 1 < len(toks) else sent.end)
    content, direct, clause = _content_after(sent, k + 1, pos, limit, lex)
    if content is None or not clause:
        return None
    np_start, np_end = _noun_phrase(sent, start + 1, lex) if start + 1 < k else (k, k)
    np_end = min(np_end, k)
    # the verb's object is no speaker: "واختتم المدرب حديثه بالقول" (his talk), "ورد على الاتهامات بالقول"
    while np_end > np_start and _possessed(toks[np_end - 1].text):
        np_end -= 1
    verb_first = toks[start].text not in _OPENERS and toks[start].norm not in lex.complementizers
    if np_end > np_start and (toks[np_start].text in _OPENERS or not verb_first):
        np_end = np_start
    mention = (toks[np_start].start, toks[np_end - 1].end) if np_end > np_start else None
    # the reporting expression is the verb with its "by saying" ("ومضى ... بالقول"), when the clause opens
    # with the verb; otherwise "بالقول" alone
    cue_start = toks[start].start if verb_first and k - max(np_end, start + 1) <= 1 else toks[k].start
    return Event(cue_start=cue_start, cue_end=toks[k].end, cue_type="verb", kind=classify(sent, content, direct),
                 content=content, mention=mention,
                 mention_tokens=tuple(t.text for t in toks[np_start:np_end]) if mention else (),
                 sentence=sent)


# -- verbs ---------------------------------------------------------------------------

def _cue_at(sent: Sentence, i: int, lex: CueLexicon):
    """The cue token ``i`` is, or None; a form marked ``initial`` ("بين", also "between") is a cue only
    where a clause starts (:func:`_clause_initial`)."""
    cue = lex.lookup_norm(sent.tokens[i].norm)
    if cue is not None and cue.initial and not _clause_initial(sent, i, lex):
        return None
    return cue


def _clause_initial(sent: Sentence, i: int, lex: CueLexicon) -> bool:
    """Whether token ``i`` opens a clause: first in the sentence, after punctuation or a clause opener
    ("حيث"), or carrying the conjunction و/ف itself ("وبين", where a bare "بين" is "between") -- but not
    the second half of "بين ... وبين" ("between ... and between")."""
    toks = sent.tokens
    w = toks[i].norm
    if sent.boundary_before(i) or toks[i - 1].norm in _CLAUSE_OPENERS:
        return True
    if w[:1] in ("و", "ف") and w not in lex.forms:
        # "بينه وبين", "بين الرياض وبين": a preposition repeated, with or without its pronoun
        return not any(t.norm.startswith(w[1:]) and len(t.norm) <= len(w) + 2 for t in toks[max(0, i - 12):i])
    return False


def _says_how(sent: Sentence, i: int, cue, events: list[Event]) -> bool:
    """Whether the participle at ``i`` ("قائلا") only says how the verb and subject right before it spoke:
    "وأضاف الخضيري قائلاً: ...", "أوضح المتحدث قائلاً:" are one statement, the verb's."""
    if cue.lemma != _SAYING or not events or events[-1].mention is None or events[-1].cue_type != "verb" \
            or events[-1].silent:
        # a verb that reports no clause itself ("وتابع وزير الخارجية قائلا:") names whom the participle means
        return False
    gap = sent.doc.text[events[-1].mention[1]:sent.tokens[i].start]
    return not gap.strip(" \t،,")


def _manner_participle(sent: Sentence, i: int, lex: CueLexicon) -> bool:
    """Whether the verb at ``i`` is followed at once by a reporting participle ("وأضاف قائلا:", "وتابع
    محذرا:", "وختم موضحا أن"): then the two report one statement, the participle saying how."""
    toks = sent.tokens
    if i + 1 >= len(toks) or sent.boundary_before(i + 1):
        return False
    nxt = lex.lookup_norm(toks[i + 1].norm)
    return nxt is not None and nxt.type == "participle"


def _irrealis(toks, i, cue, complementizers: frozenset[str] = frozenset()) -> bool:
    """A verb form that reports nothing: a negated or subjunctive imperfect ("لم يذكر"), a form after a
    preposition, which is a verbal noun ("دعا إلى تبني", "عن تحذير"), a verb whose subject is "what"
    ("مما يشير إلى", "وهو ما يؤكد": a fact, not a speaker), or the impersonal passive of a verb marked
    ``impersonal`` ("يذكر أن", "يتوقع أن": "it is noted / expected that", the reporter's own words) right
    before one of the ``complementizers``."""
    if i + 1 < len(toks) and cue.impersonal and cue.imperfect and toks[i + 1].norm in complementizers:
        return True
    if i + 2 < len(toks) and toks[i + 1].norm in _DISCLOSE and toks[i + 2].norm.startswith(_NAME_OR_IDENTITY):
        return True  # "الذي رفض ذكر اسمه": the formula of an unnamed source, no statement
    if i + 1 < len(toks) and toks[i + 1].norm.startswith(_NAME_OR_IDENTITY[:2]):
        return True  # ... and its verbal noun "ذكر اسمه", "كشف هويته"
    if i == 0:
        return False
    before = toks[i - 1].norm
    if before in _WHAT or (before == "ما" and cue.imperfect and (i < 2 or toks[i - 2].norm not in _AS_SAID)):
        return True
    return before in _PREPOSITIONS or before in _BEFORE_VERBAL_NOUN or (cue.imperfect and before in _IRREALIS)


def _embedded(sent: Sentence, i: int, lex: CueLexicon) -> bool:
    """A cue inside another speaker's أن-clause ("قال إن بوتين أبلغ بايدن أن ...") is not a new event."""
    toks = sent.tokens
    for j in range(i - 1, -1, -1):
        if sent.boundary_before(j + 1) or toks[j].norm in _CLAUSE_OPENERS:
            return False
        if toks[j].norm in lex.complementizers:
            # "بعد أن كشفت التحقيقات": أن after a word of time opens no one's speech; read on for one that does
            if j > 0 and toks[j - 1].norm in _TIME_CONJUNCTIONS:
                continue
            return not (j > 0 and toks[j - 1].norm in _BUT)
        if _cue_at(sent, j, lex) is not None:
            return False
    return False


def _relayed_subject(sent: Sentence, i: int, lex: CueLexicon, registry) -> tuple[int, int] | None:
    """The named subject of a verb a spokesperson relays: "ولفت المتحدث الرسمي إلى أن الرئيس السيسي أكد ..."
    gives the tokens of "الرئيس السيسي"; None for a verb inside anyone else's أن-clause.

    The subject stands between the complementizer and the verb (one to five words naming a speaker), and a
    relayer (:attr:`CueLexicon.relayers`) is the subject of the verb that opens the clause.
    """
    toks = sent.tokens
    j = next((j for j in range(i - 1, -1, -1) if toks[j].norm in lex.complementizers), None)
    if j is None or not 1 <= i - j - 1 <= 5 \
            or not _names_a_speaker(tuple(t.text for t in toks[j + 1:i]), lex, registry):
        return None
    k = j - 1
    while k >= 0 and j - k <= 8 and not sent.boundary_before(k + 1):
        if toks[k].norm in lex.relayers:
            return j + 1, i
        if _cue_at(sent, k, lex) is not None:
            return None
        k -= 1
    return None


def _skip_addressee(sent: Sentence, k: int, lex: CueLexicon | None = None) -> int:
    """Skip "للصحفيين", "لوكالة رويترز", "لـ«الشرق الأوسط»" right after a verb (and "لنا", "لي" before a
    subject: :data:`_TO_THE_WRITER`; an unnamed source is known by ``lex``'s heads)."""
    toks = sent.tokens
    if k >= len(toks) or sent.boundary_before(k):
        return k
    w = toks[k].norm
    if toks[k].text in _PRONOUN_PREPOSITIONS:
        return k + 1  # "قال له الوزير", "وقال فيه متحدث": the subject follows
    if toks[k].text in _TO_THE_WRITER and k + 1 < len(toks) and not sent.boundary_before(k + 1):
        after = toks[k + 1]
        if after.norm.startswith("ال") or is_given_name(after.text, after.norm, given_names()) \
                or (lex is not None and fold(after.text) in lex.anonymous_heads) \
                or phrase_kind([after.text], "ar") == "anonymous":
            return k + 1
    if w == "ل" or w.startswith("لل") or (w.startswith("ل") and w[1:] in _MEDIA):
        k += 1
        q = sent.doc.quote_opening_at(toks[k - 1].end, toks[k].start + 1 if k < len(toks) else sent.end)
        names_medium = w == "ل" or w[1:] in _MEDIA
        if q is not None and names_medium and len(sent.doc.text[q[0]:q[1]].split()) <= 4:
            while k < len(toks) and toks[k].start < q[1]:
                k += 1
        elif k < len(toks) and not sent.boundary_before(k) and w[1:] in _MEDIA and toks[k].norm not in _STOPS_AFTER_MEDIA:
            k += 1  # the medium's name
    return k


def _past_reverence(sent: Sentence, k: int) -> int:
    """The first token from ``k`` on that is no word of reverence ("سبحانه وتعالى", "عز وجل")."""
    toks, rev = sent.tokens, speaker_kinds("ar").reverence
    while k < len(toks):
        w = toks[k].norm
        if k + 1 < len(toks) and f"{w} {toks[k + 1].norm}" in rev:
            k += 2
        elif w in rev or (w[:1] == "و" and w[1:] in rev):
            k += 1
        else:
            break
    return k


def _skip_adverbial(sent: Sentence, k: int, lex: CueLexicon) -> int:
    """Skip an adverbial of manner right after a verb: "يصرخ بشكل روتيني", "وأكد بشكل صريح أن" (its head
    and one adjective); the subject, if the verb has one after it, comes next."""
    toks = sent.tokens
    if k + 1 < len(toks) and toks[k].norm in lex.adverbial_heads and not sent.boundary_before(k + 1):
        return k + 2
    return k


#: The longest description of a speaker set off by a comma before what they said, in tokens ("مدير عام
#: إدارة البرامج والمنتجات السياحية المكلف في الهيئة العامة للسياحة والتراث الوطني").
MAX_APPOSITION = 16


def _skip_apposition(sent: Sentence, k: int, lex: CueLexicon) -> int:
    """Skip the speaker's description after their name, up to a comma and the "that" of what they said:
    "وأوضح رأفت الصباغ المتحدث الرسمي لمركز الملك سلمان للإغاثة، أن ..." says what follows "أن".

    Only a description that opens with a role word ("المتحدث", "وزير", "مدير") and reaches a comma
    right before a complementizer, with no reporting verb or quotation on the way, is skipped: the
    statement then starts where it is said, not in its speaker's title.
    """
    toks = sent.tokens
    if k >= len(toks) or sent.boundary_before(k):
        return k
    head = toks[k].norm
    if head not in lex.role_words and ("ال" + head) not in lex.role_words and \
            not (head.startswith("ال") and head[2:] in lex.role_words):
        return k
    for j in range(k + 1, min(k + MAX_APPOSITION, len(toks))):
        gap = sent.gap(j)
        if any(ch in gap for ch in ':«"“.؟?!'):
            return k
        if toks[j].norm in lex.complementizers:
            return j if any(ch in gap for ch in "،,") else k
        if any(ch in gap for ch in "،,") or _cue_at(sent, j, lex) is not None:
            return k  # a comma before anything but "that", or another verb: not the description's end
    return k


def _skip_manner(sent: Sentence, k: int, lex: CueLexicon) -> int:
    """Skip how the statement was made between its speaker and what was said: "وعلق الوزير في تغريدته:
    «...»", "وقال المتحدث خلال مؤتمر صحفي إن ...", when a colon, a quotation or the clause follows it
    within a few words."""
    toks = sent.tokens
    if k + 1 >= len(toks) or toks[k].norm not in lex.np_stops or sent.boundary_before(k + 1) \
            or toks[k].norm in lex.complementizers:
        # what was said may itself open with such a noun: "قال إن تصريح الوزير بأن ..." is all said
        return k
    h = k + 2 if toks[k + 1].norm in _FIRST_LAST and k + 2 < len(toks) else k + 1  # "في أحدث تقاريرها"
    head = toks[h].norm
    if (head[2:] if head.startswith("ال") else head) not in MANNER_FORMS:
        return k
    for j in range(h + 1, min(h + 5, len(toks))):
        if toks[j].norm in lex.complementizers or any(ch in sent.gap(j) for ch in ':«"“'):
            return j
        if sent.boundary_before(j):
            break
    return k


#: "Latest", "last", "first" before a noun of speech in a manner phrase ("في أحدث تقاريرها", "في آخر تصريحاته").
_FIRST_LAST = frozenset(fold(w) for w in ["أحدث", "آخر", "أول", "أولى", "ثاني", "أحد", "إحدى"])


#: The longest relative clause passed over between a speaker and what was said, in words.
MAX_RELATIVE = 20


def _issued(sent: Sentence, start: int, k: int) -> bool:
    """Whether the phrase before the relative pronoun at ``k`` is a document, whose relative clause names
    its issuer: "التقرير الحادي والخمسون الذي أصدرته مؤسسة النقد"."""
    return phrase_kind([t.text for t in sent.tokens[start:k]], "ar") == "document"


def _name_after(sent: Sentence, k: int, lex: CueLexicon) -> bool:
    """Whether a given name follows the relative pronoun at ``k`` within a few words, before the reported
    clause: "كبير الباحثين الذين قاموا بالدراسة سيث بولاك" names the speaker after the relative clause."""
    toks = sent.tokens
    names = given_names()
    for j in range(k + 1, min(k + 8, len(toks))):
        if toks[j].norm in lex.complementizers or sent.boundary_before(j):
            return False
        if is_given_name(toks[j].text, toks[j].norm, names):
            return True
    return False


def _skip_relative(sent: Sentence, k: int, lex: CueLexicon) -> int:
    """Skip a relative clause that describes the speaker before what was said: "وقالت الممثلة مادلين طبر
    التي شاركته بطولة مسلسل في 2007 قبل تشييع الجثمان «...»".  Only when a quotation, a colon or the
    reported clause closes it; a verb of speech inside makes the clause say something itself ("الذي قال إن
    ..."), unless a comma closes the clause first ("الذي كان يتحدث في مؤتمر صحفي، إن ...")."""
    toks = sent.tokens
    if k >= len(toks) or toks[k].norm not in _RELATIVES:
        return k
    spoke = False  # a verb of speech inside: "الذي كان يتحدث في مؤتمر صحفي، إن ..." is closed by its comma
    for j in range(k + 1, min(k + 1 + MAX_RELATIVE, len(toks))):
        gap = sent.gap(j)
        if any(ch in gap for ch in ':«"“') or toks[j].norm in lex.complementizers:
            if spoke and not any(ch in gap for ch in "،,"):
                return k  # "الذي قال إن ...": the clause says something itself
            return j if j > k + 2 or toks[j].norm not in lex.complementizers else k
        if any(ch in gap for ch in ".!?؟؛;"):
            return k
        spoke = spoke or _cue_at(sent, j, lex) is not None
    return k


def _skip_according(sent: Sentence, k: int, lex: CueLexicon) -> int:
    """Skip an "according to" phrase between a speaker and the reported clause ("ورأت الفصائل بحسب مصدر
    تابع لها أن ..."): the clause is the subject's, the phrase is an event of its own."""
    toks = sent.tokens
    n = _according_length(toks, k, lex)[0] if k < len(toks) else 0
    if not n or k + n >= len(toks):
        return k
    start, end = _noun_phrase(sent, k + n, lex)
    return end if end > start and end < len(toks) and toks[end].norm in lex.complementizers else k


def _skip_time(sent: Sentence, k: int, lex: CueLexicon) -> int:
    """Skip a time adverbial between the verb and its subject: "قال الأسبوع الماضي وزير ...", "قال أمس
    الوزير", "قال مساء الخميس الوزير"."""
    toks = sent.tokens
    if k + 1 < len(toks) and toks[k].norm in lex.time_nouns and toks[k + 1].norm in lex.time_adjectives \
            and not sent.boundary_before(k + 1):
        return k + 2
    if k + 1 < len(toks) and toks[k].norm == _FIRST and not sent.boundary_before(k + 1):
        # "أول أمس", "أول من أمس": the day before yesterday
        j = k + 2 if toks[k + 1].norm == "من" and k + 2 < len(toks) else k + 1
        if toks[j].norm == _YESTERDAY and not sent.boundary_before(j):
            return j + 1
    start = k
    while k < len(toks) and k - start < 3 and (k == start or not sent.boundary_before(k)):
        w = toks[k].norm
        if not (w in _TIME_WORDS or (w in _DAY_PARTS and k + 1 < len(toks) and toks[k + 1].norm in _TIME_WORDS)):
            break
        k += 1
    return k


_FIRST, _YESTERDAY = fold("أول"), fold("أمس")
_STOPS_AFTER_MEDIA = frozenset(fold(w) for w in ["إن", "أن", "إنه", "أنه"])


def _noun_phrase(sent: Sentence, k: int, lex: CueLexicon) -> tuple[int, int]:
    """Token range ``[start, end)`` of the speaker noun phrase that begins at ``k``."""
    toks = sent.tokens
    quoted = _quoted_name(sent, k, lex)
    if quoted is not None:
        return quoted
    start = k
    while k < len(toks) and k - start < MAX_NP:
        if sent.boundary_before(k) and not _abbreviation_gap(sent, k) \
                and (k > start or k == 0 or _opens_content(sent.gap(k))):
            break
        w = toks[k].norm
        if w in lex.complementizers or w.isdigit() or (w in lex.np_stops and _strip_wa(toks[k].text) not in _SPELT_LIKE_STOPS):
            break
        if _cue_at(sent, k, lex) is not None or k > start and _according_length(toks, k, lex)[0]:
            break  # a verb or "according to" opens the next phrase: "ورأت الفصائل بحسب مصدر"
        if _accusative(toks[k].text) or k > start and _is_addressee(w):
            break  # an accusative word is an object or an adverb, never the subject ("وأوضح شيئاً مهماً")
        k += 1
    return start, _through_affiliation(sent, start, _with_complement(sent, start, _named_in_quotes(sent, start, k), lex),
                                       lex)


#: Words that attach a complement to a body or a source: "مصادر في الشرطة", "مجلس الدفاع عن الموارد",
#: "الوحدة الهندسية التابعة للشرطة".
_COMPLEMENT_LINKS = frozenset(fold(w) for w in ["في", "عن", "من", "لدى", "التابع", "التابعة", "التابعين",
                                                "تابع", "تابعة", "تابعين", "المعني", "المعنية", "المكلف", "المكلفة"])
#: "affiliated to": what follows belongs to the speaker's description ("مصدر تابع لها", "الوحدة الفنية التابعة
#: للجيش"), however short the learned span would make it.
_AFFILIATION = frozenset(fold(w) for w in ["التابع", "التابعة", "التابعين", "التابعون", "تابع", "تابعة", "تابعين",
                                           "تابعون"])
#: The longest complement taken into a speaker phrase, in words after its link.
_MAX_COMPLEMENT = 6


#: Verbs of "considering X (to be) Y": with X attached as a pronoun ("اعتبرتها"), the phrase after the verb
#: is its subject and then Y ("اعتبرتها المنظمة جرائم حرب").
_TWO_OBJECTS = frozenset(fold(w) for w in ["اعتبر", "وصف", "عد", "سمى"])


#: Words that open the predicate of "اعتبرها Y", never its subject: a negation of the adjective ("غير
#: مستغربة"), "as good as" (بمثابة), "mere" (مجرد), and superlatives ("أكبر وأهم الأعمال").
_PREDICATE_OPENERS = frozenset(fold(w) for w in ["غير", "بمثابة", "مجرد", "أكبر", "أهم", "أفضل", "أكثر", "أقل",
                                                 "أسوأ", "أخطر", "أبرز"])


def _opens_predicate(tok, registry=None) -> bool:
    """Whether the word after "اعتبرها" or "وصفه" opens its predicate, not its subject: one of
    :data:`_PREDICATE_OPENERS`, a word marked accusative by its tanween or by the alif of an indefinite
    accusative ("أهدافا", "منكرا"; not a given name, a registered name or a plural in ـاء), or a بـ complement
    with the article ("بالفشل"; "بريندان" is a name).

    >>> from types import SimpleNamespace as T
    >>> words = ("غير", "أهدافا", "إسهاماً", "بالفشل", "بريندان", "النقاد", "علماء", "المنظمة", "آخر")
    >>> [_opens_predicate(T(text=w, norm=fold(w))) for w in words]
    [True, True, True, True, False, False, False, False, False]
    """
    w = tok.norm
    if w in _PREDICATE_OPENERS or _accusative(tok.text) or _bi_object(tok, registry):
        return True
    if len(w) < 4 or not w.endswith("ا") or w.endswith("اا") or w.startswith("ال") or w.endswith("ءا") \
            or is_given_name(tok.text, w, given_names()):
        return False
    return registry is None or registry.longest_match([tok.text], 0) is None


def _before_predicate(toks, start: int, end: int) -> int:
    """Where the subject of "اعتبرها X Y" ends: before the first word without the article that follows one
    with it, unless it is a given name ("اعتبرتها المنظمة جرائم حرب" -> "المنظمة")."""
    names = given_names()
    for k in range(start + 1, end):
        w = toks[k].norm
        if toks[k - 1].norm.startswith("ال") and not w.startswith(("ال", "لل")) \
                and not is_given_name(toks[k].text, w, names):
            return k
    return end


#: Prepositions that open a complement of a title before the holder's name: "المرشحة الديموقراطية إلى البيت
#: الأبيض هيلاري كلينتون", "وزير الخارجية في الحكومة اليمنية رياض ياسين".
_TITLE_COMPLEMENTS = frozenset(fold(w) for w in ["إلى", "الى", "من", "في", "لدى"])


def _to_name_after_complement(sent: Sentence, start: int, end: int, lex: CueLexicon, registry, day=None) -> int:
    """Extend a title that stops before its complement to the person named after it, when the name runs
    to what was said: "وصرحت المرشحة الديموقراطية إلى البيت الأبيض هيلاري كلينتون أن ...".

    The phrase holds a title or an occupation; the complement is a preposition and one to three definite
    words; the name after it is a registered person or opens with a given name, and a complementizer or a
    quotation follows the name at once.
    """
    toks = sent.tokens
    if end <= start or end + 2 >= len(toks) or toks[end].norm not in _TITLE_COMPLEMENTS \
            or not any(t.norm in lex.role_words or t.norm in lex.occupation_words for t in toks[start:end]):
        return end
    j = end + 1
    while j < len(toks) and j - end <= 3 and toks[j].norm.startswith("ال") and not sent.boundary_before(j):
        j += 1
    if j == end + 1 or j >= len(toks) or sent.boundary_before(j):
        return end
    m = registry.longest_match([t.text for t in toks[j:j + 5]], 0, day=day) if registry is not None else None
    if m is not None and not m.is_role and m.actor.kind == "person":
        stop = j + m.length
    elif is_given_name(toks[j].text, toks[j].norm, given_names()):
        stop = j + 1
        while stop < len(toks) and stop - j < 4 and not toks[stop].norm.startswith("ال") \
                and toks[stop].norm not in lex.complementizers and not sent.boundary_before(stop) \
                and toks[stop].norm not in lex.np_stops:
            stop += 1
        if stop < len(toks) and toks[stop].norm.startswith("ال") and toks[stop].norm not in lex.np_stops \
                and not sent.boundary_before(stop):
            stop += 1  # a family name with the article: "رأفت الصباغ"
    else:
        return end
    if stop < len(toks) and (toks[stop].norm in lex.complementizers or _opens_content(sent.gap(stop))):
        return stop
    return end


def _through_affiliation(sent: Sentence, start: int, end: int, lex: CueLexicon) -> int:
    """Extend a speaker phrase that stops at or inside "affiliated to" through the body it names.

    "مصدر تابع لها" and "الوحدة الفنية التابعة للجيش السوري": the word with ل after the affiliation and
    the definite words that qualify it (at most three), never past punctuation or a cue.

    >>> from framing.attribution.cues import cue_lexicon
    >>> from framing.attribution.document import prepare
    >>> sent = prepare("وقال مصدر تابع لها إن المعارك مستمرة.").sentences[0]
    >>> _through_affiliation(sent, 1, 3, cue_lexicon("ar"))
    4
    """
    toks = sent.tokens
    aff = next((k for k in range(start + 1, min(end + 1, len(toks))) if toks[k].norm in _AFFILIATION), None)
    if aff is None:
        return end
    k = aff + 1
    if k >= len(toks) or sent.boundary_before(k) or not toks[k].norm.startswith("ل") or k + 1 <= end:
        return end
    k += 1
    while k < len(toks) and k - aff <= 4 and toks[k].norm.startswith("ال") and not sent.boundary_before(k) \
            and toks[k].norm not in lex.np_stops and _cue_at(sent, k, lex) is None:
        k += 1
    return max(end, k)


#: Words after a partitive head that say how many, not of whom: "عدد كبير من المواطنين".
_QUANTITY_WORDS = frozenset(fold(w) for w in ["كبير", "كبيرة", "قليل", "قليلة", "محدود", "محدودة", "ضخم", "آخر"])
#: Words after من that name no group: "من بين مقترحاتها" (among), "من جهته", "من جانبها" (for its part).
_NOT_GROUP = frozenset(fold(w) for w in ["بين", "جهته", "جهتها", "جهتهم", "جانبه", "جانبها", "جانبهم", "قبل",
                                         "خلال", "أجل", "حيث", "دون"])
#: The most words of the group named after a partitive's من.
_MAX_GROUP = 4
#: Endings (folded) of the adjectives that qualify a group ("السعوديين", "المختصين", "الدولية"): a definite word
#: without one after the group is the verb's object ("واتهم عدد من النواب الحكومة بـ").
_ADJECTIVE_ENDINGS = ("ي", "يه", "يين", "يون", "يات", "ين", "ون")


def _through_partitive(sent: Sentence, start: int, end: int, lex: CueLexicon) -> int:
    """Extend a speaker phrase that is a partitive head alone ("عدد", "الكثير", "عدد كبير") through the group
    its من names: "انتقد عدد من الخبراء المختصين ضعف الرقابة" has "عدد من الخبراء المختصين" as its source.

    The group is a noun and what qualifies it: the words of a construct chain ("أعضاء مجلس الشورى") and the
    definite words after it ("المواطنين السعوديين"), at most :data:`_MAX_GROUP`, never past punctuation, a
    word that ends a speaker phrase, a cue or an "according to".  A word without the article after a definite
    one opens the verb's object ("توقع عدد من الخبراء عودة إيران"), and ends the group, as does a definite
    word that is not an adjective (:data:`_ADJECTIVE_ENDINGS`) after one.

    >>> from framing.attribution.cues import cue_lexicon
    >>> from framing.attribution.document import prepare
    >>> sent = prepare("وانتقد عدد من أعضاء مجلس الشورى الحادثة الأليمة.").sentences[0]
    >>> _through_partitive(sent, 1, 2, cue_lexicon("ar"))
    6
    >>> sent = prepare("وتوقع عدد من الخبراء عودة إيران إلى السوق.").sentences[0]
    >>> _through_partitive(sent, 1, 2, cue_lexicon("ar"))
    4
    >>> sent = prepare("واتهم عدد من النواب الحكومة بالتقصير.").sentences[0]
    >>> _through_partitive(sent, 1, 2, cue_lexicon("ar"))
    4
    """
    toks = sent.tokens
    if end <= start or end - start > 2:
        return end
    if toks[start].norm not in speaker_kinds("ar").partitive_heads \
            or (end - start == 2 and toks[end - 1].norm not in _QUANTITY_WORDS):
        return end
    link = end
    if link + 1 >= len(toks) or toks[link].norm != "من" or sent.boundary_before(link) \
            or sent.boundary_before(link + 1):
        return end
    k = link + 1
    if toks[k].norm in _NOT_GROUP:
        return end  # "من بين" (among), "من جهته" (for its part): no group named
    while k < len(toks) and k - link <= _MAX_GROUP:
        w = toks[k].norm
        if k > link + 1 and (sent.boundary_before(k) or toks[k - 1].norm.startswith("ال") and not (
                w.startswith("ال") and w.endswith(_ADJECTIVE_ENDINGS))):
            break
        if w in lex.complementizers or w in lex.np_stops or w.isdigit() or _accusative(toks[k].text) \
                or _cue_at(sent, k, lex) is not None or _according_length(toks, k, lex)[0]:
            break
        k += 1
    return k if k > link + 1 else end


def _with_complement(sent: Sentence, start: int, end: int, lex: CueLexicon) -> int:
    """Extend an unnamed source or a body through its complement when it runs to the reported clause.

    "وقالت مصادر في الشرطة إن" names sources in the police; "وقالت الشرطة في
    بيان إن" does not name a statement: a complement of manner (بيان، كلمة،
    مؤتمر, "في بيانه") or one that does not end at the clause is left out, and a person's
    phrase is never extended ("وقال الرئيس في كلمة ...").
    """
    toks = sent.tokens
    if end == start or end >= len(toks) or toks[end].norm not in _COMPLEMENT_LINKS or sent.boundary_before(end):
        return end
    head = toks[start].norm
    if phrase_kind([t.text for t in toks[start:end]], "ar") == "person" and head not in lex.anonymous_heads:
        return end
    k = end + 1
    while k < len(toks) and k - end <= _MAX_COMPLEMENT:
        w = toks[k].norm
        bare = w[2:] if w.startswith("ال") else w
        if w in MANNER_FORMS or bare in MANNER_FORMS or _cue_at(sent, k, lex) is not None or w.isdigit():
            return end
        if w in lex.complementizers:
            return k
        if sent.boundary_before(k):
            # to a comma, or to what was said: "وقالت امرأة من ولاية الوحدة «...»"
            gap = sent.gap(k)
            return k if "،" in gap or "," in gap or _opens_content(gap) else end
        k += 1
    return end


def _named_in_quotes(sent: Sentence, start: int, end: int) -> int:
    """Extend "مجلة" or "مجموعة" through the short quoted name right after it: مجلة «آفاق الغد»."""
    toks = sent.tokens
    if end == start or end >= len(toks) or phrase_kind([toks[end - 1].text], "ar") not in ("media", "institution"):
        return end
    q = sent.doc.quote_opening_at(toks[end - 1].end, toks[end].start + 1)
    if q is None:
        return end
    k = end
    while k < len(toks) and toks[k].end <= q[1]:
        k += 1
    if k == end or k - end > 4:
        return end
    return k


def _quoted_name(sent: Sentence, k: int, lex: CueLexicon) -> tuple[int, int] | None:
    """A speaker name in quotation marks: وقالت «داعش» إن ..."""
    toks = sent.tokens
    if k >= len(toks) or k == 0:
        return None
    q = sent.doc.quote_opening_at(toks[k - 1].end, toks[k].start)
    if q is None:
        return None
    end = k
    while end < len(toks) and toks[end].end <= q[1]:
        end += 1
    if end == k or end - k > 4 or end >= len(toks):
        return None
    nxt = toks[end].norm
    if nxt in lex.complementizers or nxt in lex.np_stops:
        return k, end
    return None


def _abbreviation_gap(sent: Sentence, k: int) -> bool:
    """ "د. محمد": a period after a one-letter title does not end the name."""
    return k > 0 and sent.gap(k).strip() == "." and len(sent.tokens[k - 1].norm) == 1


def _is_addressee(w: str) -> bool:
    """ "لوكالة", "للصحفيين": a medium or audience addressed, not part of the speaker's name
    ("مركز الأمير خالد للإغاثة" keeps its لل-complement)."""
    return (w.startswith("لل") and "ال" + w[2:] in _MEDIA) or (w.startswith("ل") and w[1:] in _MEDIA)


def _cuts_speaker(w: str) -> bool:
    """An addressee that ends a speaker phrase wherever it stands: an outlet ("لوكالة", "لـ") or the
    press ("للصحفيين").  "للإعلام" is not one: it ends many a body's name ("الوكالة الوطنية للإعلام")."""
    if w.startswith("لل"):
        return "ال" + w[2:] in _AUDIENCES
    return w == "ل" or (w.startswith("ل") and w[1:] in _MEDIA)


def _addressed_medium(sent: Sentence, k: int, registry) -> bool:
    """Whether token ``k`` opens "ل" + a registered outlet ("للجزيرة نت", "لسكاي نيوز عربية"): the medium
    addressed, which ends a speaker phrase."""
    toks = sent.tokens
    if registry is None or not toks[k].norm.startswith("ل"):
        return False
    m = registry.longest_match([t.text for t in toks[k:k + 4]], 0)
    return m is not None and m.actor.kind == "media"


def _opens_content(gap: str) -> bool:
    return any(ch in gap for ch in ':«"“،,')


#: "كان" before a subject and its verb: "وكان أوباما (قد) أكد أن" (folded).
_KANA = frozenset(fold(w) for w in ["كان", "وكان", "فكان", "كانت", "وكانت", "فكانت", "كانوا", "وكانوا"])
_QAD = frozenset(fold(w) for w in ["قد", "وقد", "لقد"])
#: Relative pronouns: "آشتون كارتر، الذي أكد أن" (the antecedent speaks).
_RELATIVES = frozenset(fold(w) for w in ["الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"])
#: A preposition with the pronoun of a relative's antecedent, right after the verb: the antecedent is what
#: the verb is about, not who spoke ("مجالات التعاون التي أعلن عنها", "التعويضات التي يطالب بها الأميركيون").
_RESUMPTIVE = frozenset(fold(w) for w in ["عنه", "عنها", "عنهم", "عنهما", "به", "بها", "بهم", "بهما", "فيه", "فيها",
                                          "فيهم", "إليه", "إليها", "إليهم", "عليه", "عليها", "عليهم", "منه", "منها",
                                          "منهم"])


def _relative_object(sent: Sentence, i: int) -> bool:
    """Whether the verb at ``i`` opens a relative clause about its antecedent ("التي أعلن عنها"): a relative
    pronoun before it (with قد between them or not) and the antecedent's pronoun after it, on a preposition.

    >>> from framing.attribution.document import prepare
    >>> s = prepare("ومجالات التعاون التي أعلن عنها في القمة.").sentences[0]
    >>> _relative_object(s, 3)
    True
    """
    toks = sent.tokens
    v = i - 1 if i > 0 and toks[i - 1].norm in _QAD else i
    return v > 0 and toks[v - 1].norm in _RELATIVES and i + 1 < len(toks) and toks[i + 1].norm in _RESUMPTIVE \
        and not sent.boundary_before(i + 1)


def _preverbal_subject(sent: Sentence, i: int, registry, lex: CueLexicon | None = None) -> tuple[int, int] | None:
    """A subject before the verb: a known actor at clause start ("وإيران تقول إن"), the subject of "كان"
    ("وكان أوباما قد أكد أن"), the antecedent of a relative pronoun ("آشتون كارتر، الذي أكد أن"), or
    the one asked earlier in the sentence (:func:`_asked_subject`)."""
    found = _subject_before(sent, i, registry, lex)
    return found if found is not None or lex is None else _asked_subject(sent, i, lex, registry)


#: "He was asked" (passive), with a conjunction: "وعندما سئل فابيوس عما ...، أجاب قائلا".
_ASKED = frozenset(fold(w) for w in ["سئل", "وسئل", "فسئل", "سئلت", "وسئلت", "فسئلت", "سئلوا", "وسئلوا"])
#: How far back in its sentence a subject-less verb looks for the one asked, and the longest name of the
#: one asked ("نائب رئيس لجنة الحكام سعد الأحمري"), in tokens.
MAX_ASKED_REACH = 40
MAX_ASKED_NAME = 7


def _asked_subject(sent: Sentence, i: int, lex: CueLexicon, registry) -> tuple[int, int] | None:
    """The subject of "سُئل" earlier in the sentence, for a verb with none of its own: the one asked answers.

    "عندما سئل فابيوس، أمس، عما إذا كان الاتفاق ...، أجاب قائلاً": Fabius.  The
    name (one to seven words) runs from the passive verb to a comma or to
    what the question was about (عن، عما، إن، إذا، هل ...), and must name a
    speaker; the question stands between it and the verb.
    """
    toks = sent.tokens
    for j in range(i - 1, max(-1, i - 1 - MAX_ASKED_REACH), -1):
        if toks[j].norm in _ASKED:
            e = j + 1
            while e < i and e - j <= MAX_ASKED_NAME and not (e > j + 1 and sent.boundary_before(e)) \
                    and toks[e].norm not in lex.np_stops and toks[e].norm not in lex.complementizers \
                    and toks[e].norm not in _QUESTION_OPENERS:
                e += 1
            words = tuple(t.text for t in toks[j + 1:e])
            # the question comes between them: the verb answers it ("سئل X عن ...، قال"), not the verb
            # right after the name ("سئل X فقال" has no question)
            asked = e < i and (toks[e].norm in _QUESTION_OPENERS or sent.boundary_before(e))
            return (j + 1, e) if words and asked and _names_a_speaker(words, lex, registry) else None
    return None


#: What a question put to someone opens with: "سئل X عن", "عما", "إن كان", "إذا", "هل".
_QUESTION_OPENERS = frozenset(fold(w) for w in ["عن", "عما", "عمّا", "عماذا", "إن", "ان", "إذا", "اذا", "هل",
                                                "حول", "بشأن", "في", "خلال", "أثناء", "اثناء"])


def _subject_before(sent: Sentence, i: int, registry, lex: CueLexicon | None = None) -> tuple[int, int] | None:
    """A subject before the verb as :func:`_preverbal_subject` reads one, the one asked aside."""
    toks = sent.tokens
    if lex is not None and i > 1 and (toks[i - 1].norm in _SINCE or toks[i - 1].norm in _WHEN) \
            and not sent.boundary_before(i - 1):
        # "ووزارة الداخلية إذ تعلن عن ذلك", "والوزير عندما قال إن": the subject, then "as" or "when" and its verb
        s = i - 1
        while s > 0 and (i - 1) - s < MAX_PREVERBAL and not sent.boundary_before(s):
            s -= 1
        # after "when" the subject is the clause's first words, not the end of a longer phrase
        # ("من خلال مؤتمره الصحفي مع وزير خارجية الأردن عندما تحدث": the one who spoke is not named there)
        whole = s == 0 or sent.boundary_before(s) or toks[i - 1].norm in _SINCE
        if s < i - 1 and whole:
            words = (_strip_conjunction(toks[s].text, lex, registry),) + tuple(t.text for t in toks[s + 1:i - 1])
            if _names_a_speaker(words, lex, registry):
                return s, i - 1
    v = i - 1 if i > 0 and toks[i - 1].norm in _QAD else i
    # "كان" opens the pluperfect and its subject may be long: "وكانت قوات الدفاع الشعبي الجناح العسكري لحزب
    # العمال الكردستاني دانت"; a complementizer between them puts the verb in another clause
    kana = next((k for k in range(v - 1, max(-1, v - 1 - MAX_KANA_SUBJECT), -1) if toks[k].norm in _KANA), None)
    if kana is not None and kana + 1 < v and not any(sent.boundary_before(j) for j in range(kana + 1, v + 1)) \
            and not any(toks[j].norm in _WHEN or toks[j].norm in _SINCE for j in range(kana + 1, v)) \
            and (v - kana <= MAX_PREVERBAL + 1 or lex is not None
                 and not any(toks[j].norm in lex.complementizers for j in range(kana + 1, v))):
        return kana + 1, v
    if v > 1 and toks[v - 1].norm in _RELATIVES and not _relative_object(sent, i):
        end = s = v - 1
        stops = lex.np_stops if lex is not None else frozenset()
        # the antecedent: the words before the pronoun, back to a preposition or other punctuation, or to
        # a reporting verb whose object it is ("وانتقد الوزير الذي قال": the minister, not "criticised")
        while s > 0 and end - s < MAX_PREVERBAL and toks[s - 1].norm not in stops \
                and (lex is None or _cue_at(sent, s - 1, lex) is None):
            if s < end and sent.boundary_before(s):
                break
            s -= 1
        if s < end:
            return s, end
    # an unnamed source right before the verb: "مصادر ذكرت أن", "منتقدين يقولون إن", "مسؤولون أمريكيون
    # قالوا" -- an indefinite noun and the verb after it read "critics who say"
    j = v
    while j > 0 and v - j < 3 and not sent.boundary_before(j) and not toks[j - 1].norm.startswith(("ال", "وال")):
        j -= 1
        word = _strip_conjunction(toks[j].text, lex, registry)
        if fold(word) in lex.anonymous_heads or phrase_kind([word], "ar") == "anonymous":
            return j, v
    s = i
    while s > 0 and i - s < MAX_PREVERBAL and not sent.boundary_before(s):
        s -= 1
    if s == i or i - s > MAX_PREVERBAL:
        return None
    words = [t.text for t in toks[s:i]]
    if registry is not None:
        m = registry.longest_match(words, 0)
        if m is not None and m.length == len(words):
            return s, i
    if sent.paragraph == 0 and len(words) <= 4:
        return s, i  # headlines put the subject first: "مسؤول أمريكي يقول ..."
    if 2 <= len(words) <= 4 and is_given_name(toks[s].text, toks[s].norm, given_names()) and lex is not None \
            and not any(t.norm in lex.np_stops or t.norm in lex.complementizers for t in toks[s:i]):
        return s, i  # a person named first: "عبدالرحمن المطيري يقول ولدت في هذا الحي"
    return None


def _headline_subject(sent: Sentence, i: int, cue, lex: CueLexicon) -> tuple[int, int] | None:
    """The subject a headline puts before its present-tense verb: "وزارة الإسكان تعلن ...".

    Headlines are subject-first with an imperfect verb ("X يؤكد", "X تدين"); a
    noun phrase after such a verb is its object ("فرنسا تستبعد تغييرات
    سريعة").  The subject runs back from the verb to the headline's start,
    to punctuation ("عام / ", "... ..") or to a word joined by و ("هطول
    أمطار ... والدفاع المدني يحذر").  A verb that carries و itself opens a
    clause of its own and is read as usual.
    """
    toks = sent.tokens
    if sent.paragraph != 0 or not cue.imperfect or i == 0 or sent.boundary_before(i) \
            or toks[i].norm not in lex.forms:
        return None
    s = i
    while s > 0 and i - s < MAX_HEADLINE_SUBJECT and not sent.boundary_before(s):
        w = toks[s - 1].norm
        if w in lex.complementizers or _cue_at(sent, s - 1, lex) is not None:
            return None  # another verb or a clause: not a bare subject
        s -= 1
        if len(w) > 4 and w[0] == "و" and w[1:3] == "ال":
            break  # "والدفاع المدني": the subject is what the conjunction joins
    if not sent.boundary_before(s) and (s > 0 and not toks[s].norm.startswith("و")):
        return None  # longer than a headline subject: leave it to the usual reading
    return s, i


def _described_subject_first(sent: Sentence, i: int, cue, lex: CueLexicon) -> tuple[int, int] | None:
    """A name opening the sentence and described between commas before a present-tense verb: "إيد رويس،
    رئيس لجنة الشؤون الخارجية في مجلس النواب، يقول «...»" (subject first, as translated reporting writes).

    The words before the first comma (one to three) are the subject when a comma stands right before
    the verb, no other cue comes between, and either a role word opens the description after them
    (with a present-tense verb, or one whose reported words follow it at once) or a given name opens
    the sentence and the verb's reported words follow it at once, so it has no subject of its own:
    "فرانك جانوزي، موظف آخر سابق، يتذكر أن ...".
    """
    toks = sent.tokens
    if sent.paragraph == 0 or i < 4 or not _clause_break(sent, i):
        return None
    start = 1 if toks[0].norm == "اما" else 0  # "أما فريد، مدير الفندق، فذكر أن": "as for" is no name
    comma = next((k for k in range(start + 1, min(start + 4, i)) if _clause_break(sent, k)), None)
    if comma is None or comma + 1 >= i:
        return None
    if any(_cue_at(sent, k, lex) is not None for k in range(comma, i)):
        return None
    head = toks[comma].norm
    described = head in lex.role_words or ("ال" + head) in lex.role_words
    content_next = i + 1 < len(toks) and (toks[i + 1].norm in lex.complementizers or _opens_content(sent.gap(i + 1)))
    if described and (cue.imperfect or content_next):
        return start, comma
    if content_next and is_given_name(toks[start].text, toks[start].norm, given_names()):
        return start, comma
    return None


#: How far back "أما" may open the topic of a verb with ف ("أما وزير الخارجية السعودي عادل الجبير فقال").
MAX_TOPIC = 12
#: "As for X": the topic is the subject of the verb that carries ف after it.
_AMMA = frozenset(["اما"])
#: Prepositions that lead from a verb of speech to what was said: "أشار إلى أن", "شدد على أن".
_TO_WHAT_SAID = frozenset(fold(w) for w in ["إلى", "الى", "على", "عن", "بأن", "بان", "بأنه", "بانه", "بأنها"])
#: Words between "أما" and the topic itself: "أما بالنسبة للوزارة فقالت".
_AS_REGARDS = frozenset(fold(w) for w in ["بالنسبة", "فيما", "يخص", "يتعلق", "عن"])


def _topic_subject(sent: Sentence, i: int, lex: CueLexicon, registry) -> tuple[int, int] | None:
    """The topic of "أما X فـVERB" as the verb's subject: "أما عبيد العتيبي فأشار إلى أن ...", "أما
    الباحث أحمد الصفحي فبيّن أن".  The verb carries ف, the topic names a person or a body, and no
    other verb of speech comes between.
    """
    toks = sent.tokens
    if i < 2:
        return None
    # the ف on the verb, or on "قد" before it: "أما وزير خارجيته فقد أعرب عن أمله"
    fa = i - 1 if toks[i - 1].norm == "فقد" else i
    if not toks[fa].norm.startswith("ف"):
        return None
    # the verb's own subject after it wins ("أما الآن فيقول الخبراء إن"): the topic is its subject only when
    # what it said, or the preposition that leads to it, follows the verb at once
    if i + 1 < len(toks) and not (toks[i + 1].norm in lex.complementizers or toks[i + 1].norm in _TO_WHAT_SAID
                                  or _opens_content(sent.gap(i + 1))):
        return None
    k = next((j for j in range(fa - 1, max(-1, fa - 1 - MAX_TOPIC), -1) if toks[j].norm in _AMMA), None)
    if k is None or any(_cue_at(sent, j, lex) is not None for j in range(k + 1, fa)):
        return None
    start = k + 1
    while start < fa and toks[start].norm in _AS_REGARDS:
        start += 1
    if start >= fa:
        return None
    words = [t.text for t in toks[start:fa]]
    if words[0].startswith("ل") and start > k + 1:
        words[0] = words[0][1:]  # "بالنسبة للوزارة": the ministry
    if _names_a_speaker(words, lex, registry):
        return start, fa
    # a short noun phrase is the topic, whatever its words: "أما عبيد العتيبي فأشار" (a name the lists do
    # not know); a phrase with a preposition is a circumstance ("أما على صعيد الاقتصاد فقال الوزير")
    plain = len(words) <= 4 and not any(t.norm in lex.np_stops or t.norm in lex.complementizers
                                         for t in toks[start:fa])
    return (start, fa) if plain and fold(words[0])[:1] not in "بلك" else None


def _verb_event(sent: Sentence, i: int, cue, lex: CueLexicon, registry, speaker_model=None, day=None,
                record=None) -> Event | None:
    made = len(record) if record is not None else 0
    ev = _verb_event_read(sent, i, cue, lex, registry, speaker_model, day, record)
    after = sent.tokens[i + 1:i + 7]
    if ev is None and any((t.norm, u.norm) == _EACH_OF for t, u in zip(after, after[1:])):
        # "كل من X و Y" read as the subject left no reported clause (the names run into the verb's object:
        # "أكد كل من البيت الأبيض والاستخبارات وفاة ..."): the verb is read as it was without that reading
        if record is not None:
            del record[made:]
        ev = _verb_event_read(sent, i, cue, lex, registry, speaker_model, day, record, each_of=False)
    return ev


def _verb_event_read(sent: Sentence, i: int, cue, lex: CueLexicon, registry, speaker_model=None, day=None,
                     record=None, each_of: bool = True) -> Event | None:
    toks = sent.tokens
    pre = _headline_subject(sent, i, cue, lex) or _described_subject_first(sent, i, cue, lex) \
        or _topic_subject(sent, i, lex, registry)
    if pre is not None:
        return _verb_event_with(sent, i, cue, lex, registry, i + 1, i + 1, pre=pre)
    # "الكلمة التي قال فيها الوزير إن": the subject follows the antecedent's pronoun
    first = i + 2 if _manner_participle(sent, i, lex) or _relative_object(sent, i) else i + 1
    start = _skip_addressee(sent, _skip_time(sent, _skip_adverbial(sent, _skip_addressee(sent, first, lex), lex), lex),
                            lex)
    told = _past_addressee(sent, first, lex) if first < len(toks) else None
    if told is not None and start < told <= start + 2 and toks[told].norm in lex.complementizers \
            and not _speaker_like(tuple(t.text for t in toks[start:told]), lex, registry):
        # the rest of whom it was said to, then the clause, no subject between: "الذي قال لوكالة الصحافة
        # الفرنسية إن" ("لوكالة الصحافة" passed over, "الفرنسية" is no subject)
        start = told
    if each_of:
        start = _past_each_of(sent, start, lex, registry)
    if start < len(toks) and cue.lemma in lex.asks_god and toks[start].norm in lex.names_of_god:
        # "وسأل الله أن يحفظ البلاد", "ودعا الله سبحانه وتعالى أن": God is the one asked; the subject is implicit
        after = _past_reverence(sent, start + 1)
        return _verb_event_with(sent, i, cue, lex, registry, after, after)
    np_start, np_end = _noun_phrase(sent, start, lex)
    if np_end > np_start + 2 and toks[np_start].norm in _BOTH:
        np_end = np_start + 2  # "كلا الجانبين" is the whole subject: "ورحب كلا الجانبين بتسلم العراق طائرات"
    if np_end == np_start:
        # the addressee may come after the subject-less verb: "قال للصحفيين إن"
        np_start = np_end = start
    # "يقول رحمه الله": a blessing on the one spoken of; the subject is implicit
    blessing = opens_with_blessing([t.text for t in toks[np_start:np_start + 3]], "ar")
    if blessing:
        np_end = np_start
    if speaker_model is None and record is None:
        end = np_start if _accused_object(sent, cue, np_start, np_end, lex) else np_end
        return _verb_event_with(sent, i, cue, lex, registry, np_start, _through_partitive(sent, np_start, end, lex))
    seen: list = []
    chosen = choose_span(speaker_model, sent, np_start, np_end, lex, registry, day, seen, cue=cue.lemma)
    if chosen == np_start < np_end and toks[np_start].norm in speaker_kinds("ar").honorific_pronouns:
        chosen = np_start + 1  # "وأضاف سموه أن ...": an honorific pronoun after the verb is its subject, not said
    # the medium addressed is never part of the speaker: "المصدر لوكالة فرانس برس" is the source, and a
    # name after "لوكالة" would merge every source quoted to that agency into one speaker
    # nor is the source an "according to" names after it ("علي الأحمدي - حسب وكالة الصحافة الفرنسية -"): that
    # source is an event of its own, and the speaker's name with it would be a speaker of its own
    chosen = next((k for k in range(np_start + 1, chosen)
                   if _cuts_speaker(toks[k].norm) or _addressed_medium(sent, k, registry)
                   or _according_length(toks, k, lex)[0]), chosen)
    # a noun phrase never ends on a preposition ("وأكد المدير على أن" names the director), nor on a speech
    # act renewed as the verb's object ("وجدد المدير التأكيد على أن")
    while chosen > np_start and (toks[chosen - 1].text in _FINAL_PREPOSITIONS or toks[chosen - 1].text in _ACT_OBJECTS
                                 or _object_after_body(toks, np_start, chosen, registry, lex)):
        chosen -= 1
    # a manner phrase before what was said is no part of the speaker: "أكدت وكالة الطاقة الدولية في أحدث تقاريرها أن";
    # nor is a word the writer marked accusative: "وذكر الناصر تفصيلاً", "كتب زعيمها الجولاني مقالاً"
    chosen = next((k for k in range(np_start, chosen)
                   if k > np_start and _skip_manner(sent, k, lex) != k or _accusative(toks[k].text)), chosen)
    chosen = _through_partitive(sent, np_start, _through_affiliation(sent, np_start, chosen, lex), lex)
    chosen = _to_name_after_complement(sent, np_start, chosen, lex, registry, day)
    if cue.with_object and cue.lemma in _TWO_OBJECTS and not any(t.norm in lex.role_words
                                                                  for t in toks[np_start:chosen]):
        chosen = _before_predicate(toks, np_start, chosen)  # a title is followed by a name, not a predicate
        if chosen > np_start and _opens_predicate(toks[np_start], registry):
            chosen = np_start  # "اعتبرها غير مستغربة", "واعتبرتهم أهدافا لمسلحيهم": the subject is implicit
    chosen = next((k for k in range(np_start + 1, chosen) if toks[k].norm in _RELATIVES
                   and not _name_after(sent, k, lex) and not _issued(sent, np_start, k)), chosen)
    if chosen == np_start < np_end < len(toks) and toks[np_end].norm in _RELATIVES \
            and _speaker_like(tuple(t.text for t in toks[np_start:np_end]), lex, registry):
        # a named subject with a relative clause after it, far from what was said: the learned span sees
        # no clause after the name and leaves the verb without a subject; the relative says it has one
        chosen = np_end
    if cue.object_then_bi and registry is not None and chosen - np_start > 1:
        # "ووصف اوباما القيود ... بأنها": a known actor first is the subject, the rest the object
        m = registry.longest_match([t.text for t in toks[np_start:chosen]], 0, day=day)
        if m is not None and not m.is_role and 0 < m.length < chosen - np_start:
            chosen = np_start + m.length
    if chosen > np_start + 2 and toks[np_start].norm in _BOTH:
        chosen = np_start + 2  # as above: the learned span may run on past the dual noun
    if blessing or _accused_object(sent, cue, np_start, chosen, lex):
        chosen = np_start
    if record is not None:
        ends, feats = seen[0]
        spans = [(toks[np_start].start, toks[e - 1].end) if e > np_start else None for e in ends]
        record.append({"cue_start": toks[i].start, "cue_end": toks[i].end, "spans": spans, "features": feats, "rule": ends.index(np_end)})
    if chosen > np_start and _bi_object(toks[np_start], registry):
        # the verb's بـ complement is no subject: "ونوه بالدور الكبير الذي تؤديه الجمعية", "وطالبت بالتحقيق";
        # the subject is implicit, and the complement is part of what was said
        chosen = np_start
    skip = np_start
    if chosen > np_start and toks[np_start].text in _OPENERS:
        # a speaker phrase never opens with a preposition, an adverb or an object ("صرح بعد اللقاء:",
        # "ولفت الانتباه إلى أن"): those words are passed over and the speaker is the one named before
        skip = chosen
    ev = _verb_event_with(sent, i, cue, lex, registry, skip, chosen)
    if ev is None and chosen != np_end:
        # the longer phrase left no reported clause: the rules' reading stands
        ev = _verb_event_with(sent, i, cue, lex, registry, np_start, np_end)
    return ev


#: "each of": "أكد كل من البيت الأبيض والاستخبارات الأفغانية" names the bodies that spoke after it.
_EACH_OF = (fold("كل"), fold("من"))


def _past_each_of(sent: Sentence, k: int, lex: CueLexicon, registry) -> int:
    """Token ``k`` past "كل من" when a name follows it: "أعلنت كل من البحرين وعمان أنهما" is said by Bahrain
    and Oman, not by "كل" (the first named is the speaker, as with any two subjects joined by و).  "قال كل من
    حضر" ("everyone who attended") is left as it is: a verb follows.

    >>> from framing.attribution.cues import cue_lexicon
    >>> from framing.attribution.document import prepare
    >>> lex = cue_lexicon("ar")
    >>> named = prepare("وأكدت كل من وزارة المياه ووزارة الزراعة أهمية المبادرة.").sentences[0]
    >>> everyone = prepare("وقال كل من حضر إن اللقاء مهم.").sentences[0]
    >>> _past_each_of(named, 1, lex, None), _past_each_of(everyone, 1, lex, None)
    (3, 1)
    """
    toks = sent.tokens
    if k + 2 >= len(toks) or (toks[k].norm, toks[k + 1].norm) != _EACH_OF or sent.boundary_before(k + 1) \
            or sent.boundary_before(k + 2):
        return k
    first = toks[k + 2]
    named = first.norm.startswith("ال") or _names_a_speaker(tuple(t.text for t in toks[k + 2:k + 4]), lex, registry)
    return k + 2 if named else k


def _bi_object(tok, registry=None) -> bool:
    """Whether a word after the verb is a noun with بـ and the article ("بالدور", "وبالتحقيق"): a complement of
    the verb, never its subject, which is not prepositional.  A name written with those letters ("بالمر",
    Palmer) is one when it is a given name, in the registry, or leaves two letters or fewer
    after them.

    >>> from framing.text import fold
    >>> from types import SimpleNamespace as T
    >>> [_bi_object(T(text=w, norm=fold(w))) for w in ("بالدور", "وبالتحقيق", "بالمر", "بأنه", "البيان")]
    [True, True, False, False, False]
    """
    w = tok.norm
    if w[:1] in "وف" and w[1:4] == "بال":
        w = w[1:]
    if not w.startswith("بال") or len(w) - 3 < 3 or is_given_name(tok.text, tok.norm, given_names()):
        return False
    return registry is None or registry.longest_match([tok.text], 0) is None


#: Words with بـ that open no complement of the verb but a phrase of time, cause or place ("بعد", "بسبب").
_BI_PREPOSITIONS = frozenset(fold(w) for w in ["بعد", "بين", "بسبب", "بشأن", "بحسب", "بخصوص", "بناء", "بن", "بنت",
                                               "باسم", "بمناسبة", "بحضور", "بالإضافة", "بدوره", "بدورها", "بدون"])


def _accused_object(sent: Sentence, cue, start: int, end: int, lex: CueLexicon) -> bool:
    """Whether the phrase ``toks[start:end]`` after a verb like اتهم is its object: it alone stands before
    the بـ complement ("واتهم الرئيس السابق، بأنه سبب الأزمة": the accused, not the accuser).  A form
    with its object attached ("وصفه المخرج بأنه") leaves the phrase its subject."""
    if not cue.object_then_bi or cue.with_object or end <= start:
        return False
    # a relative clause may describe the object first: "ولخص المحادثات التي دارت بينه وبين المسؤولين بأنها"
    return _bi_complement(sent.tokens, end) or _bi_complement(sent.tokens, _skip_relative(sent, end, lex))


def _bi_complement(toks, k: int) -> bool:
    """Whether token ``k`` opens a بـ complement ("بأنه", "بالتقصير", "بدعم"), not a phrase of time or place."""
    if k >= len(toks):
        return False
    w = toks[k].norm
    return w.startswith("ب") and len(w) >= 4 and w not in _BI_PREPOSITIONS


#: Kinds of subject head that name a speaker ("وتعتبر وزارة العمل هذا الإجراء"); "person" is also the
#: kind of any phrase the lists do not know, so a person needs a name, a title or the registry, and an
#: unnamed source the head of one ("مصادر", not "عدد").
_NAMED_KINDS = frozenset(["institution", "media", "document"])


def _names_a_speaker(tokens, lex: CueLexicon, registry) -> bool:
    """Whether a subject phrase names a person or a body: a listed head, a title, a given name or the registry.

    >>> from framing.attribution.cues import cue_lexicon
    >>> lex = cue_lexicon("ar")
    >>> _names_a_speaker(("وزارة", "العمل"), lex, None), _names_a_speaker(("مباراة", "الأربعاء"), lex, None)
    (True, False)
    >>> _names_a_speaker(("وزير", "الخارجية"), lex, None), _names_a_speaker(("ووزير", "الخارجية"), lex, None)
    (True, True)
    """
    if not tokens:
        return False
    words = list(tokens)
    norms = [fold(w).lower() for w in words]
    # the first word with a conjunction taken off, and as it is: a word may open with و itself ("وزير")
    heads = {norms[0], norms[0][1:] if norms[0][:1] in "وف" and len(norms[0]) > 3 else norms[0]}
    if phrase_kind(words, "ar") in _NAMED_KINDS or not heads.isdisjoint(lex.role_words) \
            or not heads.isdisjoint(lex.anonymous_heads):
        return True
    if is_given_name(words[0], norms[0], given_names()):
        return True
    return registry is not None and registry.longest_match(words, 0) is not None


def _speaker_like(tokens, lex: CueLexicon, registry) -> bool:
    """:func:`_names_a_speaker`, or an occupation ("الممثلة") or an unnamed source ("المصدر") at its head:
    a phrase a relative clause may describe before what it said."""
    if _names_a_speaker(tokens, lex, registry):
        return True
    head = fold(tokens[0]).lower() if tokens else ""
    bare = head[2:] if head.startswith("ال") else head
    return head in lex.occupation_words or bare in lex.anonymous_heads


def _verb_event_with(sent: Sentence, i: int, cue, lex: CueLexicon, registry, np_start: int,
                     np_end: int, pre: tuple[int, int] | None = None) -> Event | None:
    """The event of the verb at token ``i`` whose speaker phrase is ``tokens[np_start:np_end]``.

    With no phrase after the verb the subject may come before it: ``pre``
    when the caller found it, else :func:`_preverbal_subject`.
    """
    toks = sent.tokens
    text = sent.doc.text
    mention = described = None
    if np_end > np_start:
        mention = (toks[np_start].start, toks[np_end - 1].end)
        tokens_ = tuple(t.text for t in toks[np_start:np_end])
        told = (_past_addressee(sent, np_end, lex) if np_end < len(toks) else None) or _skip_addressee(sent, np_end)
        after = _skip_according(sent, _skip_manner(sent, _skip_accusative(sent, told, lex), lex), lex)
        after = _skip_apposition(sent, after, lex)
        while after < len(toks) and toks[after].text in _ACT_OBJECTS:
            after += 1  # "وأختتم رئيس الميدان تصريحه بأنه": the object before what was said
        if after < len(toks) and toks[after].norm in _RELATIVES and _speaker_like(tokens_, lex, registry):
            relative = after
            after = _skip_relative(sent, after, lex)
            if after > relative:
                described = (toks[relative].start, toks[after - 1].end)
    else:
        tokens_ = ()
        after = _skip_accusative(sent, np_start, lex)  # "فعلّق مداعباً: «...»": how, before what was said
        pre = pre or _preverbal_subject(sent, i, registry, lex)
        if pre is not None:
            mention = (toks[pre[0]].start, toks[pre[1] - 1].end)
            tokens_ = tuple(t.text for t in toks[pre[0]:pre[1]])
            # a clause-initial subject carries the clause's conjunction: "وإيران تقول", "والدفاع المدني يحذر"
            tokens_ = (_strip_conjunction(tokens_[0], lex, registry),) + tokens_[1:]
    if cue.object_then_bi and tokens_ and not (after < len(toks) and toks[after].norm.startswith("بان")):
        # "ووصف اوباما القيود التي فرضت ... بأنها «أهم مرحلة»": what was said is the بأن clause after the object
        for k in range(after + 1, min(after + MAX_RELATIVE, len(toks))):
            if any(ch in sent.gap(k) for ch in ".!?؟؛") or _cue_at(sent, k, lex) is not None:
                break
            if toks[k].norm.startswith("بان"):  # folded: بأن، بأنه، بأنها
                after = k
                break
    pos = toks[after - 1].end if after > i + 1 else toks[i].end
    limit = toks[after].start if after < len(toks) else sent.end
    content, direct, clause = _content_after(sent, after, pos, limit, lex)
    if content is None and i > 1 and toks[i - 1].norm in _AS and not sent.boundary_before(i - 1):
        # "as" and the source close the sentence: "... تجوب المدينة، كما يدعي التنظيم." says what it claims
        content, direct, clause = trim(text, sent.start, toks[i - 1].start), False, True
    if content is not None and not clause and _relative_object(sent, i):
        return None  # "التي أعلن عنها في القمة" describes its antecedent; no one's words follow
    if content is None:
        # post-posed cue: «...»، قال المتحدث
        q = sent.doc.quote_closing_at(sent.start, toks[i].start)
        if q is None or text[q[1]:toks[i].start].strip(" ،,") != "":
            return None
        content, direct, clause = sent.doc.inner(q), True, True
    silent = False
    if not clause and (cue.needs_clause or cue.passive_present):
        # no clause: the verb reports nothing ("وتعتبر المباراة من أقوى المواجهات": "is considered"), but a
        # named subject is who the next verb without one means; a passive-looking present with a named
        # subject is active ("وتعتبر وزارة العمل هذا الإجراء ...")
        named = _names_a_speaker(tokens_, lex, registry)
        silent = cue.needs_clause or not named
        if silent and not (named and mention is not None):
            return None
    return Event(
        cue_start=toks[i].start, cue_end=toks[i].end, cue_type="verb",
        kind=classify(sent, content, direct), content=content, mention=mention, mention_tokens=tokens_,
        feminine=cue.feminine, plural=cue.plural, required=cue.required, sentence=sent, silent=silent,
        described=described,
    )


def _content_after(sent: Sentence, k: int, pos: int, limit: int, lex: CueLexicon):
    """Content span after a cue and its speaker; returns (span, direct, has_clause)."""
    toks = sent.tokens
    text = sent.doc.text
    q = quoted_content(sent, pos, limit + 1)
    if q is not None:
        past = _past_quoted_name(sent, q, lex)
        if past is None:
            return q, True, True
        k, pos, limit = past, q[1], toks[past].start  # a name in quotation marks, then what was said
        q = quoted_content(sent, pos, limit + 1)
        if q is not None:
            return q, True, True  # "لـ«عكاظ»: «...»"
    colon = ":" in text[pos:limit]
    if k >= len(toks):
        return None, False, False
    told = _past_addressee(sent, k, lex)
    if told is not None:
        # whom it was said to, after the speaker: "وقال مصدر أمني للصحفيين إن ...", "قال لـ«الشرق الأوسط»: «...»"
        return _content_after(sent, told, toks[told - 1].end, toks[told].start, lex)
    if toks[k].text in _VERB_OBJECTS and k + 2 < len(toks) and toks[k + 2].norm in lex.complementizers:
        k += 1  # the verb's object before its clause: "لفت الانتباه إلى أن", "وجه النظر إلى أن"
    w = toks[k].norm
    if w in lex.complementizers:
        a = toks[k].start
        return _extend_into_quote(sent, a, sent.end), False, True
    if w in ("الي", "من", "عن", "على") and k + 1 < len(toks) and toks[k + 1].norm in lex.complementizers:
        return _extend_into_quote(sent, toks[k + 1].start, sent.end), False, True
    if k + 1 < len(toks) and toks[k + 1].norm.startswith("بان") and toks[k + 1].norm in lex.complementizers \
            and not sent.boundary_before(k + 1):
        # the object, then what is said of it: "يصف الصفقة بأنها انتصار", "وصف الاتفاق بأنه تاريخي"
        return _extend_into_quote(sent, toks[k + 1].start, sent.end), False, True
    return trim(text, toks[k].start, sent.end), False, colon


#: The most words "to X" may take between a speaker and what they said ("لوكالة الأنباء الألمانية (د.ب.أ)").
MAX_ADDRESSEE = 8


def _past_addressee(sent: Sentence, k: int, lex: CueLexicon) -> int | None:
    """The token after whom something was said to, when the words from ``k`` are "to X" and then what was
    said: "لوكالة أنباء الشرق الأوسط، إن ...", "للصحفيين إن ...", "لـ«الشرق الأوسط»: «...»"; else None.

    What was said opens on a complementizer, or after a colon or a quotation mark, within
    :data:`MAX_ADDRESSEE` words of the sentence; a reporting verb among them ("ليؤكد أن") ends the search.
    """
    toks = sent.tokens
    w = toks[k].norm
    # wider than _is_addressee, which must keep a body's لل-complement in its name: here what was said must
    # follow within a few words, so "للتصنيف الائتماني، إن" (after "وكالة موديز") is passed over too
    if not (w == "ل" or w.startswith("لل") or (w.startswith("ل") and w[1:] in _MEDIA)):
        # "ل" and a word that is no outlet or audience: a name may open with the letter ("لافروف", "لعمامرة"),
        # "ليصبح ..." is a verb, "لحقوق الحيوان" part of a name, "لأن" a particle
        return None
    j, end = k + 1, min(len(toks), k + 1 + MAX_ADDRESSEE)
    while j < end:
        gap = sent.gap(j)
        q = sent.doc.quote_opening_at(toks[k].end, toks[j].start + 1) if j == k + 1 and any(
            c in gap for c in OPENING) else None
        if q is not None:
            # the name is quoted ("لـ«عكاظ»"): what was said comes after it
            j += 1
            while j < len(toks) and toks[j].start < q[1]:
                j += 1
            continue
        if toks[j].norm in lex.complementizers or ":" in gap or any(c in gap for c in OPENING):
            return j
        if _cue_at(sent, j, lex) is not None:
            return None
        j += 1
    return None


def _past_quoted_name(sent: Sentence, inner: tuple[int, int], lex: CueLexicon) -> int | None:
    """The token after a name in quotation marks that a clause of what was said follows, or None.

    A quotation of a few words followed by "إن"/"أن" (after a preposition
    or not), or by a colon and another quotation, names something, a
    newspaper most often: "في اتصال هاتفي مع «الوطن» إن ...", "الموقع المصري
    «الوطن»، إلى أن ...", "لـ«عكاظ»: «...»".  What was said is the clause or
    the second quotation, not the name.
    """
    toks = sent.tokens
    text = sent.doc.text
    if words_in(text[slice(*inner)]) > MAX_QUOTED_NAME:
        return None
    j = next((n for n, t in enumerate(toks) if t.start > inner[1]), None)
    if j is None:
        return None
    gap = text[inner[1]:toks[j].start]
    if ":" in gap and not any(ch in gap for ch in ".!?؟؛") \
            and sent.doc.quote_opening_at(inner[1] + 1, toks[j].start + 1) is not None:
        return j  # a colon and the quotation of what was said: "لـ«عكاظ»: «...»"
    if any(ch in gap for ch in ".:!?؟؛"):
        return None
    if toks[j].norm in lex.complementizers:
        return j
    if toks[j].norm in _BEFORE_CLAUSE and j + 1 < len(toks) and toks[j + 1].norm in lex.complementizers:
        return j
    return None


def _extend_into_quote(sent: Sentence, a: int, b: int) -> tuple[int, int]:
    q = sent.doc.inside_quote(b - 1)
    if q is not None and q[1] > b:
        b = q[1]
    return trim(sent.doc.text, a, b)


def _strip_conjunction(word: str, lex: CueLexicon | None = None, registry=None) -> str:
    """A clause-initial word without the conjunction و/ف it may carry ("وإيران" -> "إيران").

    Many words begin with these letters ("فرنسا", "وزارة"), so the letter is
    taken off only when what remains is a word the toolkit knows: a definite
    noun ("والدفاع"), a registry name, a role or source word, a given name.
    """
    if len(word) <= 3 or word[0] not in "وف":
        return word
    rest = word[1:]
    norm = fold(rest).lower()
    if norm.startswith("ال") or norm in given_names():
        return rest
    if lex is not None and (norm in lex.role_words or norm in lex.anonymous_heads):
        return rest
    if registry is not None and registry.longest_match([rest], 0) is not None:
        return rest
    if phrase_kind([rest], "ar") in _NAMED_KINDS and phrase_kind([word], "ar") not in _NAMED_KINDS:
        return rest  # "ووزارة": the head of a body's name ("وزارة" itself keeps its و)
    return word


# -- participles, according-to, chains, headlines ---------------------------------

def _participle_event(sent: Sentence, i: int, cue, lex: CueLexicon, registry=None) -> Event:
    """A reporting participle's statement ("قائلا: «...»"): the previous speaker's, unless the sentence
    asked someone before it ("عندما سئل فابيوس عما ...، أجاب قائلاً", :func:`_asked_subject`)."""
    toks = sent.tokens
    a = toks[i + 1].start if i + 1 < len(toks) else toks[i].end
    q = quoted_content(sent, toks[i].end, a + 1)
    content = q if q else trim(sent.doc.text, a, sent.end)
    asked = _asked_subject(sent, i, lex, registry)
    mention = (toks[asked[0]].start, toks[asked[1] - 1].end) if asked else None
    return Event(
        cue_start=toks[i].start, cue_end=toks[i].end, cue_type="participle",
        kind=classify(sent, content, q is not None), content=content, feminine=cue.feminine,
        mention=mention, mention_tokens=tuple(t.text for t in toks[asked[0]:asked[1]]) if asked else (),
        required=False, link_previous=asked is None, sentence=sent,
    )


#: Prepositions a reported clause follows after a name in quotation marks: "«الوطن»، إلى أن ...".
_BEFORE_CLAUSE = frozenset(fold(w) for w in ["إلى", "من", "عن", "على"])
#: The most words a name in quotation marks has ("«الشرق الأوسط»", "«وول ستريت جورنال»"): a longer
#: quotation right after a speaker is what they said.
MAX_QUOTED_NAME = 3


#: "فحسب": the adverb "only" far more often than "so according to" (ف + حسب).
_ONLY = fold("فحسب")


def _according_length(toks, i: int, lex: CueLexicon) -> tuple[int, bool]:
    """Tokens taken by an "according to" phrase at ``i``, and whether the source carries its ل."""
    w0 = toks[i].norm
    if w0 == _ONLY and not (i + 1 < len(toks) and (toks[i + 1].norm.startswith("ال") or toks[i + 1].norm == "ما")):
        return 0, False  # "ليس ... فحسب بل": "only"; "فحسب البيان" (so according to the statement) names a source
    phrases = lex.according_by_first.get(w0) or (lex.according_by_first.get(w0[1:]) if w0[:1] in "وف" else None)
    for phrase in phrases or ():
        n = 0
        ok = True
        lam = False
        for e, part in enumerate(phrase):
            if i + e >= len(toks):
                ok = False
                break
            w = toks[i + e].norm
            if e == 0 and w != part and w[:1] in "وف" and w[1:] == part:
                w = w[1:]
            if part == "ل" and e == len(phrase) - 1:
                ok = lam = w.startswith("ل") and len(w) > 2
                break  # the source's first word carries the ل; it is not part of the cue
            if w != part:
                ok = False
                break
            n += 1
        if ok and n:
            return n, lam
    return 0, False


def _according_event(sent: Sentence, i: int, n: int, lam: bool, lex: CueLexicon) -> Event | None:
    toks = sent.tokens
    text = sent.doc.text
    k = i + n
    if k >= len(toks):
        return None
    if n == 2 and fold(_strip_wa(toks[i].text)) in _CAME:
        return _document_event(sent, i, n, lex)
    # "بحسب ما ذكرت الوكالة", "حسبما قال المصدر": the phrase and its verb are one cue, the source follows
    # the verb; "حسب وصف الجماهير": a noun of speech, the source follows it
    verb = k + 1 if toks[k].norm in ("ما", "لما") else k if toks[i + n - 1].norm.endswith("ما") else None
    end = i + n - 1
    if verb is not None:
        cue = _cue_at(sent, verb, lex) if verb < len(toks) else None
        if cue is None and verb < len(toks):
            # "حسب ما أوردته الصحيفة": the verb carries its object pronoun after "as"
            w = toks[verb].norm
            cue = lex.lookup_norm(w[:-1]) if w.endswith("ه") else None
            cue = cue or (lex.lookup_norm(w[:-2]) if w.endswith("ها") else None)
        if cue is None or cue.type != "verb":
            return None
        end, k = verb, verb + 1
        if k < len(toks) and toks[k].norm in _ITS_OBJECT and not sent.boundary_before(k):
            end, k = k, k + 1  # "حسب ما أفادت به وكالة مهر": the verb's object, "it", on بـ
        k = _skip_time(sent, k, lex)  # "بحسب ما أعلن أول من أمس المبعوث"
    elif toks[k].norm in _SPEECH_NOUNS and k + 1 < len(toks):
        end, k = k, k + 1
        k = _past_issuer_link(sent, k)  # "حسب تقرير لـ«الوكالة»", "بحسب بيان صادر عن الوزارة"
    elif lex.lookup_norm(toks[k].norm) is not None:
        return None
    if k >= len(toks):
        return None
    k = _past_each_of(sent, k, lex, None)
    np_start, np_end = _noun_phrase(sent, k, lex)
    np_end = _through_partitive(sent, np_start, np_end, lex)
    if np_end == np_start:
        np_start, np_end = _quoted_source(sent, k)
    if np_end == np_start:
        return None
    words = [t.text for t in toks[np_start:np_end]]
    if lam:
        words[0] = _strip_lam(words[0])
    if _norm_noun(words[0]) in lex.according_norms:
        return None  # "حسب الخطة", "وفق اللوائح": how, not who
    cue_start, cue_end = toks[i].start, toks[end].end
    after = trim(text, _past_closing_quote(text, toks[np_end - 1].end, sent.end), sent.end)
    before = trim(text, sent.start, cue_start)
    # the statement sits on the longer side of "بحسب X", unless what follows the source starts anew
    content = before if before[1] - before[0] > after[1] - after[0] or (
        words_in(text[slice(*before)]) >= MIN_CLOSED_CLAUSE and _starts_anew(sent, np_end, lex)) else after
    if content[1] <= content[0]:
        return None
    return Event(
        cue_start=cue_start, cue_end=cue_end, cue_type="according", kind="according", content=content,
        mention=(toks[np_start].start, toks[np_end - 1].end), mention_tokens=tuple(words), sentence=sent,
    )


def _past_closing_quote(text: str, a: int, b: int) -> int:
    """``a`` past a closing quotation mark right after it: "بحسب «رويترز» قالت ..." (the source's name)."""
    k = a
    while k < b and text[k] in CLOSING:
        k += 1
    return k


#: The fewest words before "بحسب X" for them to be what X said when what follows X starts anew.
MIN_CLOSED_CLAUSE = 3
#: Words after "بحسب X،" that start a clause of their own, so that the phrase closes the clause before it:
#: "... بحسب الوزارة، فيما أعلن الجيش ...".  Not a relative pronoun: "بحسب الصحيفة التي رأت أن ..." is the
#: source's own clause, and "وفقا للحيثيات التي وردت فيه" part of what is named.
_NEW_CLAUSE = frozenset(fold(w) for w in ["فيما", "بينما"])
#: Narration after "و" that starts a clause ("بحسب الوكالة، وكان ...", "... وفي ...").
_WA_NARRATION = frozenset(fold(w) for w in ["وكان", "وكانت", "وفي", "وقد", "ولم", "ولا", "وهو", "وهي", "ومن"])


def _starts_anew(sent: Sentence, k: int, lex: CueLexicon) -> bool:
    """Whether token ``k``, right after the source of "بحسب X", starts a clause of its own (:data:`_NEW_CLAUSE`,
    or after a comma a و-clause: narration or another reporting verb).

    "وحسب مصادر أمنية، فقد أشارت ..." and "بحسب الوكالة، قتل 14 شخصا" go on with what was said.
    """
    toks = sent.tokens
    if k >= len(toks):
        return False
    w = toks[k].norm
    if w in _NEW_CLAUSE:
        return True
    if not any(c in sent.gap(k) for c in "،,"):
        return False
    return w in _WA_NARRATION or (w[:1] == "و" and _cue_at(sent, k, lex) is not None)


#: "جاء في" / "ورد في": what a document says follows them (:func:`_document_event`).
_CAME = frozenset(fold(w) for w in ["جاء", "ورد"])
#: Pronouns on a document noun: "جاء في كلمته أن" (his speech).
_ON_NOUN = ("هما", "هم", "ها", "ه")


def _document_event(sent: Sentence, i: int, n: int, lex: CueLexicon) -> Event | None:
    """"وجاء في بيان للوزارة أن ...", "وورد في التقرير أن ...", "وجاء في كلمته: «...»": a document's words.

    The noun after "في" must be one of the lexicon's ``document_nouns``,
    with the article, its issuer after it ("بيان للوزارة", "بيان صادر عن
    الوزارة", "رسالة الوزير": the phrase is the speaker's mention, resolved as
    a document's issuer is) or a pronoun on it (the one spoken of before),
    and a clause, a colon or a quotation must follow: "وجاء في المرتبة
    الثانية" names no source.
    """
    toks = sent.tokens
    k = i + n
    word = toks[k].norm
    bare = word[2:] if word.startswith("ال") else word
    possessed = False
    if bare not in lex.document_nouns:
        suffix = next((x for x in _ON_NOUN if bare.endswith(x) and len(bare) > len(x) + 1), None)
        stem = bare[:-len(suffix)] if suffix else ""
        possessed = bool(stem) and not word.startswith("ال") and (
            stem in lex.document_nouns or stem.endswith("ت") and stem[:-1] + "ه" in lex.document_nouns)
        if not possessed:
            return None
    if possessed:
        np_end = k + 1
    else:
        link = _past_issuer_link(sent, k + 1)  # "بيان صادر عن الوزارة"
        np_end = _noun_phrase(sent, link, lex)[1] if link > k + 1 else _noun_phrase(sent, k, lex)[1]
        if np_end <= k:
            return None
    limit = toks[np_end].start if np_end < len(toks) else sent.end
    content, direct, clause = _content_after(sent, np_end, toks[np_end - 1].end, limit, lex)
    if content is None or not clause or content[1] <= content[0]:
        return None
    mention = None if possessed else (toks[k].start, toks[np_end - 1].end)
    return Event(
        cue_start=toks[i].start, cue_end=toks[i + n - 1].end, cue_type="according",
        kind=classify(sent, content, direct), content=content, mention=mention,
        mention_tokens=() if possessed else tuple(t.text for t in toks[k:np_end]), sentence=sent,
    )


#: What "ما" stands for again after the verb of "حسب ما أفادت به": the verb's object, on بـ.
_ITS_OBJECT = frozenset(fold(w) for w in ["به", "بها"])
#: "issued by" after a document noun: "بيان صادر عن الوزارة", "تقرير الصادر من المركز".
_ISSUED = frozenset(fold(w) for w in ["صادر", "صادرة", "الصادر", "الصادرة"])
_ISSUED_BY = frozenset(fold(w) for w in ["عن", "من"])


def _past_issuer_link(sent: Sentence, k: int) -> int:
    """Where the source of a document noun begins: after "صادر عن" ("بيان صادر عن الوزارة") or a bare ل
    before a quoted name ("تقرير لـ«الوكالة»"); ``k`` itself otherwise."""
    toks = sent.tokens
    if k + 1 < len(toks) and toks[k].norm in _ISSUED and toks[k + 1].norm in _ISSUED_BY \
            and not sent.boundary_before(k + 1):
        return k + 2
    if k + 1 < len(toks) and toks[k].norm == "ل" and not sent.gap(k + 1).strip(" «\"“'"):
        return k + 1
    return k


def _norm_noun(word: str) -> str:
    """A noun folded without the article or ل that may carry it: "للخطط" -> "خطط", "اللوائح" -> "لوائح".

    >>> _norm_noun("للخطط"), _norm_noun("اللوائح"), _norm_noun("ضوابط")
    ('خطط', 'لوائح', 'ضوابط')
    """
    w = fold(word).lower()
    for prefix in ("وال", "بال", "لل", "ال", "ل"):
        if w.startswith(prefix) and len(w) - len(prefix) >= 3:
            return w[len(prefix):]
    return w


def _quoted_source(sent: Sentence, k: int) -> tuple[int, int]:
    """The source of "according to" in quotation marks, wherever the sentence goes on: "حسب «رويترز»."
    After a verb a quotation opens the reported words; after "according to" a short one names the source."""
    toks = sent.tokens
    q = sent.doc.quote_opening_at(toks[k - 1].end, toks[k].start) if 0 < k < len(toks) else None
    if q is None:
        return k, k
    end = k
    while end < len(toks) and toks[end].end <= q[1]:
        end += 1
    return (k, end) if 0 < end - k <= SHORT_SOURCE else (k, k)


def _strip_lam(word: str) -> str:
    """لوزارة -> وزارة, للمتحدث -> المتحدث (the ل of "وفقا لـ" attaches to the source)."""
    w = word.replace("ـ", "")
    if w.startswith("لل"):
        return "ال" + w[2:]
    return w[1:] if w.startswith("ل") and len(w) > 2 else w


def _chain_events(sent: Sentence, i: int, lex: CueLexicon, source_after: str = "عن") -> list[Event]:
    """Quotation chains: "نقلت وكالة X عن Y قوله إن ..." gives the agency and Y;
    "ونقلت السفارة قولها إن ..." gives the embassy; "ونسبت المجلة إلى محللين قولهم إن ..." (``source_after``
    the folded "إلى") the magazine and the analysts."""
    toks = sent.tokens
    out = []
    j = i + 1
    while j < len(toks) and j - i <= MAX_NP + 1 and toks[j].norm != source_after and toks[j].norm not in _QUOTE_SUFFIX:
        j += 1
    if j >= len(toks) or any(_clause_break(sent, k) for k in range(i + 1, j + 1)):
        # the relay's عن is in its clause: "نقل اللعب، وحاول ... عن" is the noun "transfer"
        return out
    if toks[j].norm in _QUOTE_SUFFIX:
        if j > i + 1:
            out.append(_quote_suffix_event(sent, j, i + 1, j, lex))
        return [e for e in out if e is not None]
    ascribing = source_after == "الي"
    # who ascribes: a subject noun phrase ("نسبت هيئة الأركان الهجوم إلى"), not an adverb ("نسبت أيضا إلى")
    subject_end = min(_noun_phrase(sent, i + 1, lex)[1], j) if ascribing else j
    if subject_end > i + 1:
        out.append(Event(toks[i].start, toks[i].end, "verb", "indirect", trim(sent.doc.text, toks[j].start, sent.end),
                         mention=(toks[i + 1].start, toks[subject_end - 1].end),
                         mention_tokens=tuple(t.text for t in toks[i + 1:subject_end]), sentence=sent, relay=True))
    np_start, np_end = _noun_phrase(sent, j + 1, lex)
    if np_end == np_start:
        return out
    k = np_end
    if k < len(toks) and toks[k].norm in _QUOTE_SUFFIX:
        out.append(_quote_suffix_event(sent, k, np_start, np_end, lex))
    elif not out and not (ascribing and not (k < len(toks) and toks[k].norm in lex.complementizers)):
        # "نقل عن مصدر أن ..." (passive) reports the source; but what is ascribed "إلى X" without X's words
        # ("هجمات نسبت إلى الحزب") makes X the accused, not a speaker
        out.append(_quote_suffix_event(sent, i, np_start, np_end, lex, after=np_end))
    return [e for e in out if e is not None]


def _object_after_body(toks, start: int, end: int, registry=None, lex: CueLexicon | None = None) -> bool:
    """Whether the last word of ``toks[start:end]`` is the verb's object after a body's definite name:
    "أعلنت وزارة الخدمة المدنية أسماء (...)" names the ministry; "أسماء" is what it announced.

    A body's name ends on a definite word; an indefinite word after it that is no given name and no
    registered name ("الاتحاد الدولي لكرة القدم فيفا") starts the object.  (A person's title, in contrast, is
    followed by the name: "الوزير خالد".)  A word right before the reported clause ("... فيفا إن") is the
    body's own name, not an object.
    """
    if lex is not None and end < len(toks) and toks[end].norm in lex.complementizers:
        return False
    if end - start < 3:
        return False
    last, before = toks[end - 1].norm, toks[end - 2].norm
    if last.startswith(("ال", "وال", "لل", "بال", "فال", "كال")) or not before.startswith(("ال", "لل")) \
            or last in given_names() or (registry is not None and registry.longest_match([toks[end - 1].text], 0)):
        return False
    return phrase_kind([t.text for t in toks[start:end - 1]], "ar") == "institution"


def _clause_break(sent: Sentence, k: int) -> bool:
    """Whether a comma, stop or colon (not a bracket or quotation mark) comes right before token ``k``."""
    return k < len(sent.tokens) and sent.boundary_before(k) and any(c in sent.parts[2 * k] for c in "،,.:;؛!?؟")


def _quote_suffix_event(sent, cue_k, np_start, np_end, lex, after=None) -> Event | None:
    toks = sent.tokens
    after = cue_k + 1 if after is None else after
    pos = toks[after - 1].end
    limit = toks[after].start if after < len(toks) else sent.end
    content, direct, _ = _content_after(sent, after, pos, limit, lex)
    if content is None:
        return None
    return Event(toks[cue_k].start, toks[cue_k].end, "passive_quote", classify(sent, content, direct), content,
                 mention=(toks[np_start].start, toks[np_end - 1].end),
                 mention_tokens=tuple(t.text for t in toks[np_start:np_end]), sentence=sent)


def _headline_like(sent: Sentence) -> bool:
    return sent.paragraph == 0 or len(sent.norms) <= 25


#: Most words before a colon that can name its speaker (see :func:`_colon_events`).
_COLON_SPEAKER_WORDS = 5


def may_have_colon_quote(sent: Sentence) -> bool:
    """False only when :func:`_colon_events` certainly finds nothing in ``sent``.

    A cheap screen, so that sentences with a colon but no cue word (times,
    lists, labels) are not tokenized: in the body, only a paragraph that opens
    with at most five words and a colon can be a colon quote.
    """
    if ":" not in sent.text or not _headline_like(sent):
        return False
    if sent.paragraph == 0:
        return True
    if sent.index > 0:
        return False
    gaps = sent.parts[0::2]
    before = next((i for i, gap in enumerate(gaps) if ":" in gap), len(gaps))
    return 1 <= before <= _COLON_SPEAKER_WORDS


def _colon_events(sent: Sentence, lex: CueLexicon) -> list[Event]:
    """Headline colon form: "الكرملين: موسكو وواشنطن ستباشران ..."."""
    text = sent.doc.text
    toks = sent.tokens
    out = []
    for c in range(sent.start, sent.end):
        if text[c] != ":":
            continue
        before = [k for k, t in enumerate(toks) if t.end <= c]
        after = [k for k, t in enumerate(toks) if t.start > c]
        if not before or len(after) < 2:
            continue
        e = before[-1]
        s = e
        while s > 0 and not sent.boundary_before(s) and e - s < _COLON_SPEAKER_WORDS - 1:
            s -= 1
        if not sent.boundary_before(s) and s > 0:
            continue  # more than four words before the colon: a sentence, not a speaker
        if sent.paragraph > 0 and (s > 0 or sent.index > 0):
            continue  # in the body, only a paragraph that opens with "Name:" is a colon quote
        seg = toks[s:e + 1]
        if text[seg[-1].end:c].strip():
            continue  # "كيري لقناة «العربية»:" keeps its name; anything else is a label
        if any(t.norm in lex.colon_labels or t.norm.isdigit() or lex.lookup_norm(t.norm)
               or _according_length(toks, toks.index(t), lex)[0] for t in seg):
            continue  # a label, a number, or another cue ("ووفقا لـ ...:") is not a speaker
        if " ".join(t.norm for t in seg) in lex.colon_labels:
            continue
        content = trim(text, toks[after[0]].start, sent.end)
        out.append(Event(seg[0].start, c + 1, "headline", "headline", content,
                         mention=(seg[0].start, seg[-1].end), mention_tokens=tuple(t.text for t in seg),
                         sentence=sent))
    return out


def _clip_contents(events: list[Event]) -> None:
    """End each event's content where the next event of the sentence begins.

    A source "according to" whom the sentence opens and the next event is reported ("وبحسب «رويترز» قالت
    الوزارة إن ...", "وحسب مصادر أمنية، فقد أشارت الحصيلة إلى ...") relays it: with nothing of its own
    before it, its content is the next event's, a chain of reporting as "نقلت وكالة X عن Y قوله" is.
    """
    events.sort(key=lambda e: e.cue_start)
    relays = []
    for a, b in zip(events, events[1:]):
        start_b = min(b.cue_start, b.mention[0] if b.mention else b.cue_start)
        if a.content[0] < start_b < a.content[1] and a.kind != "direct":
            text = a.sentence.doc.text
            clipped = trim(text, a.content[0], start_b)
            if a.kind == "according" and not _holds_words(text[slice(*clipped)]) \
                    and not _holds_words(text[a.sentence.start:a.cue_start]):
                continue  # a fronted source, then the event it relays
            if a.relay and {fold(w) for w in TOKEN_RE.findall(text[slice(*clipped)])} <= _RELAY_PREPOSITIONS:
                relays.append((a, b))  # "نقلت وكالة X عن Y قوله ...": X says what Y says, not "عن"
            a.content = _trim_connector(text, *clipped)
    for a, b in reversed(relays):  # from the last: a chain of relays ends on the words of the last source
        a.content = b.content


#: What stands between a relay and its source in a chain of quotation: "نقلت X عن Y", "نسبت X إلى Y".
_RELAY_PREPOSITIONS = frozenset(fold(w) for w in ["عن", "إلى", "الى"])


#: Particles that open the clause after a fronted "according to X": "وحسب X، فقد ...", "فإن ...".
_CLAUSE_PARTICLES = frozenset(fold(w) for w in ["فقد", "فإن", "قد", "إن", "أن"])


def _holds_words(segment: str) -> bool:
    """Whether ``segment`` holds a word other than a clause's opening particle (quotation marks and commas
    are no words)."""
    return any(fold(w) not in _CLAUSE_PARTICLES for w in TOKEN_RE.findall(segment))


_TRAILING_CONNECTORS = ("في حين", "بينما", "فيما", "كما", "و", "حيث")


def _trim_connector(text: str, a: int, b: int) -> tuple[int, int]:
    seg = text[a:b]
    for c in _TRAILING_CONNECTORS:
        if seg.endswith(" " + c):
            return trim(text, a, b - len(c))
    return a, b
