"""Reporting events in English sentences.

English puts the speaker before the verb ("Peskov said"), after it in
inverted quotes ('"...," said Peskov'), or behind "according to".  The
extractor finds cue verbs from ``framing/lang/en_cues.yml``, reads the
subject to the left (skipping auxiliaries, adverbs and appositives:
"Peskov, the Kremlin spokesman, said"), falls back to the right for
inverted order, and takes the content from a quotation next to the cue or
the clause after it.

Examples
--------
>>> from framing.attribution.document import prepare
>>> from framing.attribution.cues import cue_lexicon
>>> doc = prepare('"We are ready," the minister told reporters on Monday.')
>>> ev = english_events(doc.sentences[0], cue_lexicon("en"))[0]
>>> ev.mention_tokens, ev.kind
(('the', 'minister'), 'direct')
"""

from __future__ import annotations

from framing.attribution.cue_model import candidate, cue_features, learned_cues
from framing.attribution.cues import Cue, CueLexicon
from framing.attribution.document import Sentence
from framing.attribution.events import Event, classify, quoted_content, trim
from framing.attribution.kinds import speaker_kinds
from framing.attribution.resolve import MAX_NAME_WORDS

MAX_NP = 8
_PASSIVE_AUX = frozenset(["is", "was", "were", "are", "be", "been", "being"])
_DETERMINERS = frozenset(["the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "who", "which"])
_INFINITIVE = frozenset(["to"])
_SUBORDINATE = frozenset(["that"])


def english_events(sent: Sentence, lex: CueLexicon, registry=None, *, speaker_model=None, day: str | None = None,
                   record: list | None = None, cue_model=None) -> list[Event]:
    """All reporting events in one English sentence, in text order.

    ``cue_model`` (a :class:`~framing.attribution.cue_model.CueModel`) adds
    events on the words it takes for cues that the lexicon does not list;
    ``speaker_model`` and ``record`` are the Arabic extractor's and unused here.
    """
    toks = sent.tokens
    events: list[Event] = []
    # a headline in title case capitalizes its verbs too: "..., Lindsey Graham Says"
    title_case = sent.paragraph == 0 and len(toks) > 2 and sum(t.text[:1].isupper() for t in toks) > 0.6 * len(toks)
    i = 0
    while i < len(toks):
        n_acc = _according_length(toks, i, lex)
        if n_acc:
            ev = _according_event(sent, i, n_acc, lex)
            if ev:
                events.append(ev)
            i += n_acc
            continue
        cue = lex.lookup_norm(toks[i].norm) if toks[i].text[:1].islower() or (title_case and i > 0) else None
        if cue is not None and not sent.doc.inside_quote(toks[i].start):
            ev = _verb_event(sent, i, cue, lex)
            if ev:
                events.append(ev)
        i += 1
    marked = [ev for ev in (_headline_event(sent, lex), *_dash_events(sent)) if ev is not None]
    if marked:
        taken = {ev.cue_start for ev in events}
        events = sorted(events + [ev for ev in marked if ev.cue_start not in taken], key=lambda e: e.cue_start)
    if cue_model is not None:
        events = _with_learned_cues(sent, lex, cue_model, events)
    return events


#: Dashes that introduce the speaker after a quotation: “...” ― Name.
_DASHES = "―—–"
#: The longest speaker label before a headline colon, in words ("Wash Post Fact-Check: ...").
_MAX_LABEL = 5


def may_have_mark_quote(sent: Sentence) -> bool:
    """Whether a sentence may hold a headline colon ("Kerry: ...") or a dash after a quotation (“...” ― Name)."""
    text = sent.text
    return (sent.paragraph == 0 and ":" in text[:80]) or any(d in text for d in _DASHES)


def _headline_event(sent: Sentence, lex: CueLexicon) -> Event | None:
    """A headline in colon form: "John McCain: Republican anger appeals to ..." (the speaker before the colon)."""
    if sent.paragraph != 0:
        return None
    text = sent.doc.text
    colon = text.find(":", sent.start, min(sent.end, sent.start + 80))
    if colon < 0:
        return None
    label = [t for t in sent.tokens if t.end <= colon]
    if not 1 <= len(label) <= _MAX_LABEL or not label[0].text[:1].isupper():
        return None
    if " ".join(t.norm for t in label) in lex.colon_labels or label[-1].text[:1].isdigit():
        return None  # "UPDATE:", "Day 3:"
    if any(t.text[:1].islower() and lex.lookup_norm(t.norm) is not None for t in label):
        return None  # a clause with its own verb before the colon
    content = trim(text, colon + 1, sent.end)
    if content[1] - content[0] < 10:
        return None
    return Event(cue_start=colon, cue_end=colon + 1, cue_type="headline", kind="headline", content=content,
                 mention=(label[0].start, label[-1].end), mention_tokens=tuple(t.text for t in label), sentence=sent)


def _dash_events(sent: Sentence) -> list[Event]:
    """ “He represents our greatest shame.” ― Sonya Herridge: a quotation signed with a dash and a name."""
    if not any(d in sent.text for d in _DASHES):
        return []
    doc, text, toks = sent.doc, sent.doc.text, sent.tokens
    out = []
    for k, tok in enumerate(toks):
        if not tok.text[:1].isupper():
            continue
        before = text[max(0, tok.start - 6):tok.start]
        j = max(before.rfind(d) for d in _DASHES)
        if j < 0 or before[j + 1:].strip():  # str.strip takes no-break spaces too: "”\xa0―\xa0Name"
            continue
        dash = tok.start - len(before) + j
        q = doc.quote_closing_at(max(0, dash - 4), dash)
        if q is None or text[q[1]:dash].strip().strip(" .,"):  # a no-break space may stand before the dash
            continue
        end = k + 1
        while end < len(toks) and end - k < 4 and toks[end].text[:1].isupper() and not sent.boundary_before(end):
            end += 1
        content = doc.inner(q)
        if content[1] > content[0]:
            out.append(Event(cue_start=dash, cue_end=dash + 1, cue_type="dash", kind="direct", content=content,
                             mention=(tok.start, toks[end - 1].end),
                             mention_tokens=tuple(t.text for t in toks[k:end]), sentence=sent))
    return out


def _with_learned_cues(sent: Sentence, lex: CueLexicon, model, events: list[Event]) -> list[Event]:
    """Events on the words the cue model takes for cues, beside the rules' events, in text order.

    A listed verb the model finds very unlikely in its context ("faced questions", "air attacks": a noun)
    is dropped (``model.veto``).
    """
    toks = sent.tokens
    veto = model.veto
    if veto > 0:
        kept = []
        for ev in events:
            k = next((k for k, t in enumerate(toks) if t.start == ev.cue_start), None)
            if ev.cue_type == "verb" and k is not None and candidate(sent, k) and \
                    model.probability(cue_features(sent, k, lex)) < veto:
                continue
            kept.append(ev)
        events = kept
    taken = {k for ev in events for k, t in enumerate(toks) if ev.cue_start <= t.start < ev.cue_end}
    added = []
    for i in learned_cues(sent, lex, model, taken):
        if lex.lookup_norm(toks[i].norm) is not None:
            continue  # a listed verb the rules read and turned down (a noun use, a passive)
        cue = Cue(toks[i].norm, "verb", imperfect=toks[i].norm.endswith("ing"))
        ev = _verb_event(sent, i, cue, lex)
        if ev is not None:
            ev.weak = True  # learned, not listed: the confidence says so
            added.append(ev)
    return sorted(events + added, key=lambda e: e.cue_start) if added else events


def _is_name_like(tok) -> bool:
    return tok.text[:1].isupper() or tok.text[:1].isdigit()


def _left_subject(sent: Sentence, i: int, lex: CueLexicon) -> tuple[int, int, bool] | None:
    """Token range of the subject left of the verb at ``i``; third item: passive voice."""
    toks = sent.tokens
    if i == 0 or any(ch in sent.gap(i) for ch in "\"”’'"):
        return None  # '"...," said X': the words before the verb are the quotation
    i = _light_verb_before(sent, i)
    j = i - 1
    passive = False
    while j >= 0 and _skippable(toks[j].norm, lex) and not sent.boundary_before(j + 1):
        if toks[j].norm in _PASSIVE_AUX and j == i - 1:
            passive = True
        j -= 1
    if j < 0:
        return None
    skipped = _skip_parenthesis(sent, j)
    if skipped != j:
        j = skipped
    elif sent.boundary_before(j + 1) and not _abbreviation_end(sent, j):
        if "," not in sent.gap(j + 1):
            return None
        # "Peskov, the Kremlin spokesman, said": step over a described appositive;
        # "the campaign chairman, Phil Lovas, said": the named one is the subject
        app = _skip_appositive(sent, j)
        if app is None:
            return None
        j = app
    if j < 0:
        return None
    end = j + 1
    if _base(toks[j].norm) in lex.pronouns or _let_subject(toks, j):
        return j, end, passive
    k = j
    while k >= 0 and end - k <= MAX_NP:
        if (toks[k].norm in lex.np_stops or toks[k].norm in _INFINITIVE) and not (
                toks[k].norm == "to" and k > 0 and toks[k - 1].norm in lex.to_heads and k < j
                and not sent.boundary_before(k)) and not _posted_at(sent, k, j, lex):
            break
        if lex.lookup_norm(toks[k].norm) is not None and k != j and toks[k].text[:1].islower():
            break
        if k < j and sent.boundary_before(k + 1) and not _joins_np(sent.gap(k + 1)):
            break
        k -= 1
    start = k + 1
    if start < end and toks[start].norm in _INFINITIVE:
        start += 1  # the phrase ran out of length inside "envoy to ...": it is what follows "to"
    if start >= end:
        return None
    return start, end, passive


def _posted_at(sent: Sentence, k: int, j: int, lex: CueLexicon) -> bool:
    """Whether token ``k`` is a preposition of place (``posting_words``: "in", "at") after a source word,
    inside the subject ending at ``j`` ("officials in Kyiv", "a diplomat at the embassy"): the subject goes
    on over it.

    >>> from framing.attribution.document import prepare
    >>> from framing.attribution.cues import cue_lexicon
    >>> sent = prepare("Western diplomats in Moscow said it was over.").sentences[0]
    >>> _posted_at(sent, 2, 3, cue_lexicon("en"))
    True
    """
    toks = sent.tokens
    return toks[k].norm in speaker_kinds("en").posting_words and 0 < k < j and not sent.boundary_before(k) \
        and not sent.boundary_before(k + 1) and (toks[k - 1].norm in lex.anonymous_heads
                                                 or toks[k - 1].norm in lex.to_heads)


def _let_subject(toks, j: int) -> bool:
    """Whether token ``j`` is the subject of "let me / let us / let's" before a verb: the speaker in the first
    person (the words before it are no part of a name)."""
    w = toks[j].norm
    return w in ("let's", "let’s") or (w in ("me", "us") and j > 0 and toks[j - 1].norm == "let")


#: Adjectives that report with a light verb ("made clear that", "has made it very clear"), the verb's forms,
#: and the words that may stand between them.
_LIGHT_CUES = frozenset(["clear", "plain"])
_LIGHT_VERBS = frozenset(["make", "makes", "made", "making"])
_LIGHT_FILLERS = frozenset(["it", "very", "quite", "abundantly", "perfectly", "crystal", "so", "this", "that"])


def _light_verb_before(sent: Sentence, i: int) -> int:
    """Where the subject of an adjective cue ends: before its light verb ("The President made very clear":
    "The President"), else ``i`` itself.

    >>> from framing.attribution.document import prepare
    >>> sent = prepare("The President made it very clear that we stand with Ukraine.").sentences[0]
    >>> _light_verb_before(sent, 5)
    2
    """
    toks = sent.tokens
    if toks[i].norm not in _LIGHT_CUES:
        return i
    k = i - 1
    while k > 0 and toks[k].norm in _LIGHT_FILLERS and i - k <= 3 and not sent.boundary_before(k + 1):
        k -= 1
    return k if k >= 0 and toks[k].norm in _LIGHT_VERBS and not sent.boundary_before(k + 1) else i


def _before_light_cue(sent: Sentence, i: int) -> bool:
    """Whether token ``i`` is the light verb of an adjective cue after it ("made it clear"): the adjective
    reports the statement, the verb is no second one."""
    toks = sent.tokens
    if toks[i].norm not in _LIGHT_VERBS:
        return False
    return any(toks[k].norm in _LIGHT_CUES and _light_verb_before(sent, k) == i
               for k in range(i + 1, min(i + 5, len(toks))))


def _abbreviation_end(sent: Sentence, j: int) -> bool:
    """Whether token ``j`` is the last letter of a dotted abbreviation right before the verb ("The S.E.C. said")."""
    return len(sent.tokens[j].text) == 1 and sent.tokens[j].text.isupper() and sent.gap(j + 1) == ". " \
        and j > 0 and sent.gap(j) == "."


def _base(word: str) -> str:
    """ "we've" -> "we", "i'm" -> "i": a pronoun with a contraction is still the pronoun."""
    return word.split("'")[0].split("’")[0]


def _skip_parenthesis(sent: Sentence, j: int) -> int:
    """Step left over "(R-Wis.)" between a name and its verb."""
    if j < 0 or ")" not in sent.gap(j + 1):
        return j
    k = j
    while k > 0 and "(" not in sent.gap(k) and j - k < 6:
        k -= 1
    return k - 1 if "(" in sent.gap(k) else j


def _skippable(word: str, lex: CueLexicon) -> bool:
    """Auxiliaries, adverbs and time words between a subject and its verb."""
    return word in lex.auxiliaries or (word.endswith("ly") and len(word) > 4)


def _joins_np(gap: str) -> bool:
    """Punctuation that may sit inside a name: "U.S.", "Jean-Marc", "O'Neil"."""
    return gap.strip() in (".", "-", "'", "’", ". ")


#: The longest description between commas stepped over to the subject ("David Kamin, an outside adviser to
#: the campaign on tax and budget issues and an associate professor at New York University School of Law,
#: said"), in tokens.
MAX_APPOSITIVE = 40


def _skip_appositive(sent: Sentence, j: int) -> int | None:
    """Token ``j`` stands just before ", said": where the subject ends.

    A comma-delimited description ("the Kremlin spokesman", "director of ...")
    is stepped over; a name between commas is the subject itself.
    """
    toks = sent.tokens
    k = j
    while k > 0 and j - k < MAX_APPOSITIVE:
        if "," in sent.gap(k):
            first = toks[k]
            if first.norm in _DETERMINERS or not _is_name_like(first) or first.norm in ("former", "chief"):
                return k - 1
            return j
        if sent.boundary_before(k) and sent.gap(k) != "-":  # "the Charlotte-Mecklenburg police chief"
            return None
        k -= 1
    return j if k == 0 else None


def _right_subject(sent: Sentence, i: int, lex: CueLexicon) -> tuple[int, int] | None:
    """Inverted order after a quotation: '"...," said the spokesman' ."""
    toks = sent.tokens
    k = i + 1
    start = k
    while k < len(toks) and k - start < (MAX_TITLE_NP if _in_title(toks, start, k) else MAX_NP):
        if k > start and sent.boundary_before(k) and not _joins_np(sent.gap(k)) \
                and not _name_after_title(sent, start, k, lex):
            break
        if (toks[k].norm in lex.np_stops or toks[k].norm in _SUBORDINATE) and not _title_word(sent, start, k):
            break
        k += 1
    return (start, k) if k > start else None


#: The longest capitalized title with its holder's name after an inverted cue ("said Under Secretary of
#: the Treasury for Terrorism and Financial Intelligence Brian E. Nelson").
MAX_TITLE_NP = 16
#: Small words that stand inside a capitalized title ("Secretary of the Treasury for Terrorism and ...").
_TITLE_LINKS = frozenset(["of", "the", "for", "and"])


def _in_title(toks, start: int, k: int) -> bool:
    """Whether ``toks[start:k]`` so far is a capitalized title: capitalized words and the links between them."""
    return k > start and _is_name_like(toks[start]) and all(
        _is_name_like(t) or t.norm in _TITLE_LINKS for t in toks[start:k])


def _name_after_title(sent: Sentence, start: int, k: int, lex: CueLexicon) -> bool:
    """Whether a comma before token ``k`` sets off the name of the title before it, which closes the sentence
    ('said Under Secretary of the Treasury for Terrorism and Financial Intelligence, Brian E. Nelson.').

    The words before it are a capitalized title holding a role word; after it
    come two to :data:`MAX_NAME_WORDS` capitalized words and the sentence's end.
    """
    toks = sent.tokens
    if sent.gap(k).strip() != "," or not _in_title(toks, start, k) \
            or not any(t.norm in lex.role_words and len(t.norm) > 3 for t in toks[start:k]):
        return False
    end = k + 1
    while end < len(toks) and not (sent.boundary_before(end) and not _joins_np(sent.gap(end))):
        end += 1
    name = toks[k:end]
    return (end == len(toks) and 2 <= len(name) <= MAX_NAME_WORDS
            and all(_is_name_like(t) and t.norm not in lex.np_stops for t in name))


def _title_word(sent: Sentence, start: int, k: int) -> bool:
    """Whether a word that would close the noun phrase stands inside a capitalized title instead.

    A capitalized stop word is part of a name or an office ("Under Secretary");
    "of", "the", "for", "and" link two capitalized parts of one title when the
    phrase so far is capitalized and a capitalized word follows ("Secretary
    of the Treasury for Terrorism and Financial Intelligence").  The word
    right after the cue opens the phrase, so it is never read as a sentence's
    capital.
    """
    toks = sent.tokens
    tok = toks[k]
    if tok.text[:1].isupper():
        return tok.norm not in _SUBORDINATE
    if tok.norm not in _TITLE_LINKS or not _in_title(toks, start, k):
        return False
    nxt = k + 1
    while nxt < len(toks) and toks[nxt].norm in _TITLE_LINKS and not sent.boundary_before(nxt):
        nxt += 1
    return nxt < len(toks) and not sent.boundary_before(nxt) and toks[nxt].text[:1].isupper()


def _is_noun_use(sent: Sentence, i: int, cue, lex: CueLexicon) -> bool:
    """ "his remarks", "the report", "questions of": the cue form is used as a noun."""
    toks = sent.tokens
    before = toks[i - 1].norm if i > 0 and not sent.boundary_before(i) else ""
    after = toks[i + 1].norm if i + 1 < len(toks) and not sent.boundary_before(i + 1) else ""
    if cue.next_words and after not in cue.next_words:
        return not (cue.or_quote and _quote_follows(sent, i))
    if after == "of" and i > 0 and not sent.boundary_before(i) and (
            _is_name_like(toks[i - 1]) or _base(toks[i - 1].norm) in lex.pronouns):
        return False  # "the businessman says of Clinton", "she said of the election": a verb with its subject
    return before in lex.noun_markers or after == "of" or toks[i].text.endswith(("'s", "’s"))


def _names_someone(words, lex: CueLexicon) -> bool:
    """Whether a sentence's opening words name a speaker: a name of two or more capitalized words ("Donald
    Trump"), or a role or source word ("The senator", "Officials"), not one capitalized word that opens
    any sentence ("Payments", "That's")."""
    names = [w for w in words if w.norm not in _DETERMINERS]
    # the role list holds the small words of multi-word roles too ("the", "of"): only longer words count here
    if any(len(w.norm) > 3 and (w.norm in lex.role_words or w.norm in lex.anonymous_heads) for w in names):
        return True
    return len(names) >= 2 and all(_is_name_like(w) for w in names)


#: How many words after a verb of naming its quotation may open ("called half of his supporters “deplorables”").
QUOTE_WITHIN = 8


def _quote_follows(sent: Sentence, i: int) -> bool:
    """Whether a quotation opens within :data:`QUOTE_WITHIN` words after token ``i``, in its clause."""
    toks = sent.tokens
    end = min(len(toks), i + 1 + QUOTE_WITHIN)
    for k in range(i + 1, end):
        if sent.doc.quote_opening_at(toks[k - 1].end, toks[k].start + 1) is not None:
            return True
        if sent.boundary_before(k) and any(c in sent.gap(k) for c in ".;:"):
            return False
    return False


def _verb_event(sent: Sentence, i: int, cue, lex: CueLexicon) -> Event | None:
    toks = sent.tokens
    text = sent.doc.text
    if i > 0 and toks[i - 1].norm in _INFINITIVE:
        return None  # "declined to comment", "is expected to say"
    if _is_noun_use(sent, i, cue, lex):
        return None
    if _before_light_cue(sent, i):
        return None  # "has made it clear that": one statement, read at "clear"
    if i > 1 and toks[i - 1].norm == "and" and not sent.boundary_before(i) and not cue.imperfect:
        # "Trump bemoaned the unrest and said he ...": the verb shares the sentence's subject
        content = _clause_after(sent, i + 1, lex)
        subject = _sentence_subject(sent, i - 1, lex)
        if subject is not None and not _names_someone(toks[subject[0]:subject[1]], lex):
            subject = None  # "The police ...", "Payments ...": no name to read here
        if subject is None or content is None or content[1] <= content[0]:
            return None  # no one named to share the verb with
        return Event(toks[i].start, toks[i].end, "verb", classify(sent, content, False), content,
                     mention=(toks[subject[0]].start, toks[subject[1] - 1].end),
                     mention_tokens=tuple(t.text for t in toks[subject[0]:subject[1]]),
                     required=cue.required, weak=cue.weak, sentence=sent)
    if cue.imperfect and i > 0 and "," in sent.gap(i):
        # ", saying that ...": a participle continuing the previous speaker
        content = _clause_after(sent, i + 1, lex)
        if content is None:
            return None
        subject = _sentence_subject(sent, i, lex)
        return Event(toks[i].start, toks[i].end, "participle", classify(sent, content, False), content,
                     mention=subject and (toks[subject[0]].start, toks[subject[1] - 1].end),
                     mention_tokens=tuple(t.text for t in toks[subject[0]:subject[1]]) if subject else (),
                     required=False, link_previous=True, sentence=sent)
    # the quotation may end a sentence of its own: '"... today." said the minister'
    para_start = sent.doc.paragraphs[sent.paragraph][0]
    quote_before = sent.doc.quote_closing_at(para_start, toks[i].start)
    near_quote = quote_before is not None and not text[quote_before[1]:toks[i].start].strip(" ,") \
        or quote_before is not None and _only_np_between(sent, quote_before[1], i, lex)
    left = _left_subject(sent, i, lex)
    if left is not None and left[2] and cue.lemma not in ("quote",):
        return None  # passive: "it was reported", "he was told"
    subject = left[:2] if left else None
    if subject is None and near_quote:
        subject = _right_subject(sent, i, lex)
    if subject is None:
        return None
    s0, s1 = subject
    after = max(i + 1, s1) if s0 > i else i + 1
    if near_quote:
        content, direct = sent.doc.inner(quote_before), True
    else:
        pos = toks[after - 1].end
        limit = toks[after].start if after < len(toks) else sent.end
        q = quoted_content(sent, pos, limit + 1)
        if q is not None:
            content, direct = q, True
        else:
            content, direct = _clause_after(sent, after, lex), False
            if content is None and s0 < i:
                # "..., a source said.": the statement comes before its speaker
                content = trim(text, sent.start, toks[s0].start)
                content = content if content[1] > content[0] else None
    if content is None or content[1] <= content[0]:
        return None
    if cue.weak and not direct and not _clause_follows(sent, after, lex):
        return None
    if not direct and _reduced_relative(sent, i, after, (s0, s1), lex):
        return None
    pronoun = s1 - s0 == 1 and (_base(toks[s0].norm) in lex.pronouns or _let_subject(toks, s0))
    return Event(
        cue_start=toks[i].start, cue_end=toks[i].end, cue_type="verb", kind=classify(sent, content, direct),
        content=content, mention=(toks[s0].start, toks[s1 - 1].end),
        mention_tokens=tuple(t.text for t in toks[s0:s1]), pronoun=pronoun, required=cue.required,
        weak=cue.weak, sentence=sent,
    )


#: Prepositions that open the phrase after a participle describing the noun before it ("declared in").
_PARTICIPLE_PREPOSITIONS = frozenset(["in", "on", "by", "under", "at", "with", "pursuant", "for", "from"])


def _reduced_relative(sent: Sentence, i: int, after: int, subject: tuple[int, int], lex: CueLexicon) -> bool:
    """Whether the verb at ``i`` is a participle describing the common noun before it, not a report.

    "the national emergency declared in Executive Order 14024", "the persons described in": a past
    participle right after a noun phrase that names no one, followed by a prepositional phrase and no
    clause.  "The ministry declared in a statement that ..." has its clause; "Officials said on Monday"
    names who speaks.
    """
    toks = sent.tokens
    if subject[1] != i or not toks[i].norm.endswith("ed") or after >= len(toks) or sent.boundary_before(i):
        return False
    if toks[after].norm not in _PARTICIPLE_PREPOSITIONS:
        return False
    # a clause after the phrase says it reports ("declared in a statement that ..."); "that" right after a
    # preposition is a determiner ("described in that order")
    if any(toks[j].norm == "that" and toks[j - 1].norm not in _PARTICIPLE_PREPOSITIONS
           for j in range(after + 1, min(after + 8, len(toks)))):
        return False
    # the noun the participle follows: a common noun that names no one ("emergency", "persons")
    head = toks[i - 1]
    if _is_name_like(head) or _base(head.norm) in lex.pronouns or head.norm in lex.role_words \
            or head.norm in lex.anonymous_heads:
        return False
    return head.norm.isalpha()


def _sentence_subject(sent: Sentence, i: int, lex: CueLexicon) -> tuple[int, int] | None:
    """The noun phrase opening the sentence: the subject a ", saying ..." continues."""
    toks = sent.tokens
    k = 0
    while k < min(i, MAX_NP) and not (k > 0 and sent.boundary_before(k) and not _joins_np(sent.gap(k))):
        w = toks[k]
        if k > 0 and not _is_name_like(w) and w.norm not in lex.role_words and w.norm not in lex.anonymous_heads:
            break
        k += 1
    if k > 0 and all(t.norm in _DETERMINERS for t in toks[:k]):
        # "A top British medical journal ..., calling": the common noun phrase after the article
        while k < min(i, MAX_NP) and not sent.boundary_before(k) and toks[k].norm not in lex.np_stops \
                and lex.lookup_norm(toks[k].norm) is None and toks[k].norm not in _PASSIVE_AUX \
                and not (k > 1 and toks[k].norm.endswith("ed")):  # a verb after the noun: "... published"
            k += 1
        if all(t.norm in _DETERMINERS for t in toks[:k]):
            return None  # an article alone names no one
    if k == 0 or toks[0].norm in lex.np_stops:
        return None
    return 0, k


def _only_np_between(sent: Sentence, pos: int, i: int, lex: CueLexicon) -> bool:
    """'"...," the minister said': only a short subject stands between the quote and the verb."""
    toks = sent.tokens
    between = [k for k in range(i) if toks[k].start >= pos]
    return 0 < len(between) <= 5 and not any(toks[k].norm in lex.np_stops for k in between)


def _clause_follows(sent: Sentence, k: int, lex: CueLexicon) -> bool:
    toks = sent.tokens
    return k < len(toks) and (toks[k].norm == "that" or k + 1 < len(toks))


def _clause_after(sent: Sentence, k: int, lex: CueLexicon) -> tuple[int, int] | None:
    toks = sent.tokens
    # skip the addressee and time: "told reporters on Monday that ..."
    for j in range(k, min(k + 8, len(toks))):
        if toks[j].norm == "that":
            return trim(sent.doc.text, toks[j].start, sent.end)
    if k >= len(toks):
        return None
    return trim(sent.doc.text, toks[k].start, sent.end)


def _according_length(toks, i: int, lex: CueLexicon) -> int:
    for phrase in lex.according_by_first.get(toks[i].norm, ()):
        n = len(phrase)
        if i + n <= len(toks) and tuple(t.norm for t in toks[i:i + n]) == phrase:
            return n
    return 0


def _according_event(sent: Sentence, i: int, n: int, lex: CueLexicon) -> Event | None:
    toks = sent.tokens
    text = sent.doc.text
    k = i + n
    start = k
    while k < len(toks) and k - start < MAX_NP:
        if k > start and sent.boundary_before(k) and not _joins_np(sent.gap(k)):
            break
        if toks[k].norm in lex.np_stops and k > start:
            break
        k += 1
    if k == start:
        return None
    after = trim(text, toks[k - 1].end, sent.end)
    before = trim(text, sent.start, toks[i].start)
    # the statement sits on the longer side of "according to X"
    content = before if before[1] - before[0] > after[1] - after[0] else after
    if content[1] <= content[0]:
        return None
    return Event(toks[i].start, toks[i + n - 1].end, "according", "according", content,
                 mention=(toks[start].start, toks[k - 1].end), mention_tokens=tuple(t.text for t in toks[start:k]),
                 sentence=sent)
