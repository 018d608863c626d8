"""Stance evidence: the word-order rules relating an utterance's cues to the targets it mentions.

:func:`find_evidence` says, for each cue (:mod:`framing.stance.lexicon`), which mentioned target is
its object of support or opposition, agent or victim of a hostile act, subject of praise or blame,
partner or instrument of a measure; ``framing/lang/STANCE.md`` describes the rules and
:class:`framing.stance.cues.CueStance` sums the evidence into scores.

Examples
--------
>>> from framing.stance.targets import AliasMatcher, load_targets, tokenize_for_matching
>>> toks = tokenize_for_matching("نقف مع أوكرانيا")
>>> ev = find_evidence(toks, AliasMatcher(load_targets()).find(toks), StanceLexicon.for_language("ar"))
>>> [(e.cue, e.relation, e.value) for e in ev]
[('نقف ... مع', 'object', 1.0)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from framing.stance.lexicon import ARTICLE_PROCLITICS, SIDELESS, StanceCue, StanceLexicon
from framing.stance.targets import BOUNDARIES, SENTENCE_ENDS, Mention

#: Weight of each relation: a direct object or agent counts fully; framing a target as a
#: victim, as a partner in a joint act, or as the instrument of a measure counts half.
WEIGHTS = {"object": 1.0, "agent": 1.0, "subject": 1.0, "victim": 0.5, "partner": 0.5, "instrument": 0.5}
#: What a negated cue is worth (flipped, halved).
NEGATED = -0.5
#: Words a possessive pronoun on a cue ("عدوانها", "its aggression") may reach back for its subject.
PRONOUN_WINDOW = 15


@dataclass(frozen=True)
class Evidence:
    """What one cue says about one mentioned target."""

    target: int
    mention: int
    cue: str
    cls: str
    relation: str
    value: float


def find_evidence(tokens: Sequence[str], mentions: Sequence[Mention], lex: StanceLexicon,
                  first_content: int = 0) -> list[Evidence]:
    """Every (cue, mentioned target) relation in one utterance.

    ``first_content`` is the index of the first token of the content when a
    reporting cue was put before it (its cue words count, its mentions do not).

    >>> from framing.stance.targets import AliasMatcher, load_targets, tokenize_for_matching
    >>> toks = tokenize_for_matching("We stand with Ukraine against Russian aggression")
    >>> ms = AliasMatcher(load_targets()).find(toks)
    >>> [(e.cue, e.relation, e.value) for e in find_evidence(toks, ms, StanceLexicon.for_language("en"))]
    [('stand ... with', 'object', 1.0), ('stand ... with', 'object', -1.0), ('aggression', 'agent', -1.0)]
    """
    cues = [c for c in lex.find_cues(tokens) if c.entry.cls not in SIDELESS]
    if not cues or not mentions:
        return []
    clause = lex.clause_ids(tokens)
    sentence = list(accumulate(t in SENTENCE_ENDS for t in tokens))
    ctx = _Context(tokens, mentions, cues, lex, clause, sentence, first_content)
    out: list[Evidence] = []
    for ci, cue in enumerate(cues):
        if cue.entry.cls == "demand":
            out += [Evidence(mentions[mi].target, mi, cue.entry.text, cue.entry.cls, rel, sign * WEIGHTS[rel])
                    for mi, rel, sign in ctx.demanded(ci)]
            continue
        found = ctx.forward(ci)
        # an agent found after the act ("العدوان الروسي") leaves no subject role before it
        if cue.passive or not any(rel == "agent" for _, rel, _ in found):
            found += ctx.backward(ci)
        factor = NEGATED if cue.negated else 1.0
        welcomed = ctx.welcomed(ci)
        if cue.entry.victim_needs_agent and not welcomed and not ctx.condemned(ci) \
                and not any(rel == "agent" for _, rel, _ in found):
            # an operation reported on a target ("قصف التنظيم", "the strikes on ISIS") makes it no one's victim:
            # most such reports are its enemies' own; sympathy needs an aggressor named or the act condemned.  A
            # target before the act that suffers it ("تتعرض أوكرانيا لهجوم", "faces attacks") stays its victim
            found = [f for f in found if f[1] != "victim" or mentions[f[0]].start < cue.start]
        for mi, rel, sign in found:
            value = sign * WEIGHTS[rel] * factor
            if welcomed and rel in ("agent", "victim"):
                # a hostile act welcomed or praised ("رحب بالتدخل التركي", "we welcome the strikes on ISIS"):
                # its agent is favored, its patient opposed, as the one who welcomes it sees them
                value = welcomed * WEIGHTS[rel] * (1.0 if rel == "agent" else -1.0)
            out.append(Evidence(mentions[mi].target, mi, cue.entry.text, cue.entry.cls, rel, value))
        out += ctx.instrument(ci, found, factor)
    return out


#: Classes of a cue that welcomes the act it governs.
_WELCOMING = frozenset({"support", "praise"})


class _Context:
    """One utterance's tokens, mentions and cues, with the word-order rules that relate them."""

    def __init__(self, tokens, mentions, cues, lex, clause, sentence, first_content):
        self.tokens, self.mentions, self.cues, self.lex = tokens, mentions, cues, lex
        self.clause, self.sentence, self.first_content = clause, sentence, first_content
        # a demand opens no predicate of its own between a cue and its object: it relates only the target it
        # is made on ("رحب بالهدنة التي دعت إليها المملكة" still welcomes what the Kingdom called for)
        self.cue_starts = sorted(c.start for c in cues if c.entry.cls != "demand")

    def welcomed(self, ci: int) -> float:
        """For a hostile act that is the object of a cue of support or praise right before it (determiners
        between: "رحب بالتدخل", "welcome the strikes"), that cue's sign: 1, or :data:`NEGATED` when it is
        negated ("لم يرحب بالتدخل", which marks the act negated too); 0 for any other cue."""
        before = self._governing(ci)
        if before is None or before.entry.cls not in _WELCOMING:
            return 0.0
        return NEGATED if before.negated else 1.0

    def condemned(self, ci: int) -> bool:
        """Whether a hostile act is the object of a cue of opposition right before it, not negated ("ندين القصف
        على", "condemned the attack on"; the reporting cue counts)."""
        before = self._governing(ci)
        return before is not None and before.entry.cls == "oppose" and not before.negated

    def _governing(self, ci: int):
        """The cue right before hostile act ``ci`` (determiners between) that governs it, or None."""
        cue = self.cues[ci]
        if cue.entry.cls != "hostile":
            return None
        for before in self.cues[:ci]:
            if before.end <= cue.start and all(
                    self.lex.is_word(self.tokens[j], "determiners") for j in range(before.end, cue.start)):
                return before
        return None

    def _cue_between(self, a: int, b: int) -> bool:
        return any(a <= s < b for s in self.cue_starts)

    def _marker(self, gap_start: int, m: Mention) -> str:
        """The role word nearest before mention ``m``: agent, patient, against, genitive, mutual, other, ''."""
        lex = self.lex
        if any(lex.is_word(self.tokens[j], "mutual") for j in range(gap_start, m.start)):
            return "mutual"
        j = m.start - 1
        while j >= gap_start and lex.is_word(self.tokens[j], "determiners"):
            j -= 1
        if j >= gap_start and lex.is_word(self.tokens[j], "affiliation"):
            return "affiliation"  # "الانفصاليين الموالين لروسيا", "pro-Russian separatists"
        if self._proclitic(m):
            return "patient" if self._proclitic(m) in lex.markers["patient_proclitics"] else "other"
        for j in range(m.start - 1, gap_start - 1, -1):
            tok = self.tokens[j]
            for kind in ("agent", "against", "patient", "genitive", "comitative"):
                if lex.is_word(tok, kind):
                    return kind
            if lex.is_word(tok, "prepositions"):
                return "other"
        return ""

    def _patient_follows(self, m: Mention) -> bool:
        """Whether the word right after mention ``m`` is a noun marked as a patient by its proclitic
        ("قصف روسيا للمدنيين", Russia's bombing of civilians), not a particle (لم، لكن، لأن، لدى) nor a
        word of ``not_patients`` (لمدة)."""
        if m.end >= len(self.tokens):
            return False
        tok = self.tokens[m.end]
        lex = self.lex
        return (len(tok) >= 4 and tok.startswith(tuple(lex.markers["patient_proclitics"]) or "\0")
                and not any(lex.is_word(tok, kind) for kind in (
                    "negators", "clause_openers", "complementizers", "prepositions", "determiners", "possessives",
                    "not_patients")))

    def _proclitic(self, m: Mention) -> str:
        prep = self.lex.preposition_before(self.tokens, m)
        return prep if m.prefix and len(prep) == 1 else ""

    def _adjective_of_cue(self, cue: StanceCue, m: Mention) -> bool:
        # Arabic adjectives follow their noun: "العدوان الروسي", "الدعم العسكري الأمريكي"
        lex = self.lex
        if lex.adjectives_precede or not lex.adjective_endings or cue.end - cue.start > 1:
            return False  # "الوقوف مع أوكرانيا": a cue ending in a preposition takes no adjective
        # an adjective agrees with its noun in definiteness: after a verb or a noun without the article a
        # definite nisba is a name, the object or genitive ("ندعم السعودية", "عدوان السعودية"), not an adjective
        if m.start == cue.end:
            return cue.article or (lex.is_adjective(self.tokens, m) and not self._definite(m))
        return lex.is_adjective(self.tokens, m) and self._definite(m) == cue.article and all(
            self.tokens[j].endswith(lex.adjective_endings) for j in range(cue.end, m.start))

    def _definite(self, m: Mention) -> bool:
        """Whether the mention's word carries the article (السعودية، للسعودية، والروسية)."""
        # the article is the prefix read off the alias, or the alias's own first letters (السعودية)
        word = self.tokens[m.start]
        return m.prefix.endswith(ARTICLE_PROCLITICS) or word[len(m.prefix):].startswith(ARTICLE_PROCLITICS[0])

    def forward(self, ci: int) -> list[tuple[int, str, float]]:
        """Mentions after cue ``ci`` that it governs: ``(mention index, relation, sign)``."""
        cue = self.cues[ci]
        entry = cue.entry
        out = []
        # A past verb before its subject: "أدانت روسيا ..." (Russia condemned; it is not condemned).
        # Not when an ending already names the subject (اتهموا: "they accused"), nor for a
        # reporting cue put before the content, whose speaker is outside the content.
        subject_pending = ((entry.subject_first or self._past_verb(cue)) and cue.start >= self.first_content
                           and cue.ending not in self.lex.markers["subject_endings"])
        own = {m.target for m in self.mentions if m.start < cue.end and m.end > cue.start}
        for mi, m in enumerate(self.mentions):
            if m.start < cue.end or m.start < self.first_content:
                continue
            if self.clause[m.start] != self.clause[cue.end - 1] or m.start - cue.end > entry.max_gap \
                    or self._cue_between(cue.end, m.start) \
                    or any(self.lex.is_word(self.tokens[j], "negators") for j in range(cue.end, m.start)):
                break  # too far, another clause or cue, or a new (negated) predicate
            if m.target in own:
                continue  # "sanctions ... against sanctions evasion": a measure does not act on itself
            marker = self._marker(cue.end, m)
            if subject_pending and m.start - cue.end <= 2 and not marker:
                subject_pending = False  # the subject and its noun: "اتهم الرئيس الأوكراني ..."
                if entry.cls == "hostile" and all(self.lex.is_word(self.tokens[j], "acting_bodies")
                                                  for j in range(cue.end, m.start)):
                    # "هاجمت روسيا ...", "قصفت قوات النظام ...": the subject does the hostile act (not
                    # "قصفت مواقع الحوثيين", where the target's noun is the object)
                    out.append((mi, "agent", -1.0))
                continue
            if entry.needs_marker and marker not in ("patient", "against", "comitative"):
                continue  # "عقوبات على روسيا", not "العقوبات المرتبطة بأزمة أوكرانيا"
            if m.start == cue.end and m.prefix.startswith(tuple(self.lex.markers["conjunction_proclitics"]) or "\0"):
                continue  # "الحصار والعقوبات": a second noun joined to the cue, not its genitive
            rel = self._forward_relation(cue, m, marker, mi)
            if rel is not None:
                out.append((mi, *rel))
        return out

    def demanded(self, ci: int) -> list[tuple[int, str, float]]:
        """The target a demand is made on, when what is demanded halts its act: ``[(mention, "object", -1.0)]``.

        The target is the last one named within the cue's gap, before what is demanded ("دعت السعودية إيران
        إلى الانسحاب": the subject, then the one called on); what is demanded halts when a word of halting
        follows it (:meth:`StanceLexicon.halt_after`: "بالكف عن التدخل", "to withdraw").  A demand not made,
        made on two parties ("روسيا وأوكرانيا") or of anything else takes no side.
        """
        cue = self.cues[ci]
        if cue.negated:
            return []
        near = [mi for mi, m in enumerate(self.mentions)
                if m.start >= max(cue.end, self.first_content) and m.start - cue.end <= cue.entry.max_gap
                and self.clause[m.start] == self.clause[cue.end - 1]]
        if not near:
            return []
        mi = near[-1]
        m = self.mentions[mi]
        if self._marker(cue.end, m) or len(self._conjoined(mi)) > 1:
            return []  # a preposition before it ("دعا إلى", "called for"), or a demand on two parties
        return [(mi, "object", -1.0)] if self.lex.halt_after(self.tokens, m.end, self.clause) else []

    def _past_verb(self, cue: StanceCue) -> bool:
        """Whether a cue word written as the noun of an act is a past verb: its stem has no taa marbuta and
        its ending is one of ``past_endings`` (قصف -> قصفت, "bombed"), with no article on it."""
        # entry words are folded: a taa marbuta is written ه there
        return (bool(cue.ending) and cue.ending in self.lex.markers["past_endings"] and not cue.article
                and not cue.entry.words[0].endswith("ه"))

    def _forward_relation(self, cue: StanceCue, m: Mention, marker: str, mi: int):
        cls = cue.entry.cls
        if marker in ("mutual", "agent", "affiliation"):
            return ("agent", -1.0) if cls == "hostile" and marker == "agent" else None
        if cue.pronoun and marker == "" and self.lex.pronoun_endings:
            return None  # "تتهمه السلطات الروسية", "دعمها أوكرانيا": the object is the pronoun
        if cls in ("praise", "blame"):
            # where adjectives precede their noun: "the reckless Russian moves"
            if not self.lex.adjectives_precede:
                return None
            return ("subject", 1.0 if cls == "praise" else -1.0)
        if cls == "hostile":
            return self._hostile_after(cue, m, marker, mi)
        if marker == "" and self._adjective_of_cue(cue, m):
            return None  # "الدعم الأمريكي": the target gives the support
        if marker == "against":
            return ("object", -1.0)
        if cls == "cooperation" and marker not in ("comitative", "genitive") and not (
                marker == "" and m.start == cue.end):
            return None  # a partner is named with "مع"/"with" or as a genitive (حلفاء روسيا, allies of)
        return ("object", 1.0 if cls in ("support", "cooperation") else -1.0)

    def _hostile_after(self, cue: StanceCue, m: Mention, marker: str, mi: int):
        role = None
        if marker in ("patient", "against"):
            role = "patient"
        elif marker == "genitive":
            role = "patient" if cue.passive else cue.entry.genitive
        elif marker == "" and self._adjective_of_cue(cue, m):
            role = "agent"
        elif marker == "" and m.start == cue.end:
            # "عدوان روسيا", "the threat Russia poses" (agent); "غزو أوكرانيا", "invading Ukraine" (patient)
            role = "patient" if cue.passive else cue.entry.genitive
            # "غزو روسيا لأوكرانيا": a genitive followed by a patient is the agent
            if role == "patient" and (self._patient_follows(m) or any(
                    self._marker(cue.end, later) == "patient" for later in self.mentions[mi + 1:]
                    if later.start - cue.end <= cue.entry.max_gap + 2)):
                role = "agent"
        if role == "agent":
            return ("agent", -1.0)
        if role == "patient":
            return ("victim", 1.0)
        return None

    def backward(self, ci: int) -> list[tuple[int, str, float]]:
        """The mention before cue ``ci`` that is its subject (agent, evaluated, partner, passive object)."""
        cue = self.cues[ci]
        cls = cue.entry.cls
        if (cls in ("support", "oppose") and not cue.passive) or cls == "demand":
            return []  # the subject of a demand makes it, and takes no side by it
        if cls == "hostile" and (self._generic(cue) or self._adjective_after(cue)):
            return []  # "أي عدوان", "any attack"; "الجريمة الإسرائيلية" names its own agent
        pronoun = cue.pronoun and cls == "hostile"
        window = PRONOUN_WINDOW if pronoun else self.lex.back_window[cls]
        unit = self.sentence if pronoun else self.clause
        governing = set()  # prepositions of skipped mentions: they do not block an earlier subject
        for mi in range(len(self.mentions) - 1, -1, -1):
            m = self.mentions[mi]
            if m.end > cue.start or m.start < self.first_content:
                continue
            if cue.start - m.end > window or unit[m.start] != unit[cue.start]:
                return []
            if self._in_gap(m, ci):
                return []  # "حذرت السعودية من التصعيد": the subject of the warning, not of the act warned of
            # with verb-first order the verb before the subject counts too: "تتعرض أوكرانيا لعدوان",
            # "تبادلت أوكرانيا والانفصاليون الاتهامات"
            first = max(m.start - 1, 0) if self.lex.verb_first else m.end
            between = [j for j in range(first, cue.start) if not (m.start <= j < m.end)]
            if any(self.lex.is_word(self.tokens[j], "mutual") for j in between):
                return []
            modifier = self.lex.adjectives_precede and m.end == cue.start  # "against Russian aggression"
            if self.lex.preposition_before(self.tokens, m) and not modifier:
                # "عقوبات على روسيا ستكون فعالة": روسيا is not what is effective
                governing.add(self._preposition_index(m))
                continue
            # "the Ukrainian people with attacks": a preposition between them puts the cue in a phrase
            # of its own, so the target is not its subject.  A pronoun on the cue reaches further, but
            # then only to the subject of a clause: "إن روسيا بدأت ... توسيع عدوانها"
            blocked = any(self.lex.is_word(self.tokens[j], "blocking") and j not in governing
                          for j in range(m.end, cue.start))
            if pronoun:
                if not self._subject_position(m) and (blocked or cue.start - m.end > self.lex.back_window[cls]):
                    continue
            elif blocked:
                return []
            victim = any(self.lex.is_word(self.tokens[j], "victim") for j in between)
            return [r for k in self._conjoined(mi) for r in self._backward_relation(cls, cue, k, victim)]
        return []

    def _in_gap(self, m: Mention, ci: int) -> bool:
        """Whether mention ``m`` stands in the gap of another cue (between "حذرت" and "من" of "حذرت ... من")."""
        return any(k != ci and c.start < m.start and m.end < c.end for k, c in enumerate(self.cues))

    def _subject_position(self, m: Mention) -> bool:
        """Whether a mention opens the content or a clause, or follows a complementizer (إن، أن، that)."""
        j = m.start - 1
        if j < self.first_content:
            return True
        return self.tokens[j] in BOUNDARIES or self.lex.is_word(self.tokens[j], "complementizers")

    def _generic(self, cue: StanceCue) -> bool:
        return cue.start > 0 and self.lex.is_word(self.tokens[cue.start - 1], "generic")

    def _adjective_after(self, cue: StanceCue) -> bool:
        """An Arabic act noun followed by a nisba adjective that is no target: its agent is named."""
        lex, j = self.lex, cue.end
        if lex.adjectives_precede or not lex.adjective_endings or j >= len(self.tokens):
            return False
        if any(m.start == j for m in self.mentions):
            return False
        word = self.tokens[j]
        stem = word[2:] if word.startswith("ال") else word
        return (cue.article or stem != word) and stem.endswith(lex.adjective_endings)

    def _preposition_index(self, m: Mention) -> int:
        j = m.start - 1
        while j >= 0 and self.lex.is_word(self.tokens[j], "determiners"):
            j -= 1
        return j

    def _conjoined(self, mi: int) -> list[int]:
        """Mention ``mi`` and the mentions coordinated before it ("روسيا وبيلاروسيا", "Russia and China")."""
        out = [mi]
        while mi > 0:
            m, prev = self.mentions[mi], self.mentions[mi - 1]
            joined = m.prefix.startswith(tuple(self.lex.markers["conjunction_proclitics"]) or ("\0",)) \
                or (m.start > 0 and self.lex.is_word(self.tokens[m.start - 1], "conjunctions"))
            if not joined or m.start - prev.end > 2 or self.clause[prev.start] != self.clause[m.start] \
                    or self.lex.preposition_before(self.tokens, prev) \
                    or any(self.tokens[j] in BOUNDARIES for j in range(prev.end, m.start)):
                break
            out.append(mi - 1)
            mi -= 1
        return out

    @staticmethod
    def _backward_relation(cls: str, cue: StanceCue, mi: int, victim: bool) -> list[tuple[int, str, float]]:
        if cls == "hostile":
            if victim or cue.passive:
                return [(mi, "victim", 1.0)]
            return [(mi, "agent", -1.0)]
        if cls in ("support", "oppose"):  # passive: "Ukraine is supported", "Russia was condemned"
            return [(mi, "object", 1.0 if cls == "support" else -1.0)]
        if victim:
            return []
        if cls == "cooperation":
            return [(mi, "partner", 1.0)]
        return [(mi, "subject", 1.0 if cls == "praise" else -1.0)]

    def instrument(self, ci: int, found, factor: float) -> list[Evidence]:
        """A measure applied to an opposed target is favored by whoever describes applying it.

        The measure is the cue itself ("عقوبات على روسيا", "sanctions on Russia") or a
        measure named right before the act ("تلك العقوبات إخراج روسيا", "the embargo isolates
        Russia").  A measure is a target whose name is itself an opposing cue word.
        """
        cue = self.cues[ci]
        if cue.entry.cls != "oppose" or not any(sign < 0 for _, _, sign in found):
            return []
        out = []
        for mi, m in enumerate(self.mentions):
            if m.start < self.first_content:
                continue
            # the measure's name is the cue word itself, not a word in the cue's gap ("حذرت إسرائيل من")
            overlaps = m.start <= cue.start < m.end
            subject = (0 <= cue.start - m.end <= 2 and self.clause[m.end - 1] == self.clause[cue.start]
                       and any(e.cls == "oppose" for e, _, _ in self.lex.first_word(self.tokens[m.start])))
            if overlaps or subject:
                out.append(Evidence(m.target, mi, cue.entry.text, cue.entry.cls, "instrument",
                                    WEIGHTS["instrument"] * factor))
        return out
