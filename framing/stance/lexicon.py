"""The stance cue lexicon: a language's cue words and markers (``framing/lang/<lang>_stance.yml``), compiled.

:class:`StanceLexicon` finds the cues in a token list; :mod:`framing.stance.evidence` relates
them to the targets an utterance mentions.  ``framing/lang/STANCE.md`` describes the file.

Examples
--------
>>> lex = StanceLexicon.for_language("ar")
>>> [(c.entry.cls, c.entry.text) for c in lex.find_cues(tokenize_for_matching("نقف مع أوكرانيا"))]
[('support', 'نقف ... مع')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from framing.errors import FramingError
from framing.lang import lang_code, read_yaml, resource_path
from framing.stance.targets import (BOUNDARIES, Mention, readings, reads_by_endings, token_key, tokenize_for_matching,
                                    trie_pattern)
from framing.text import fold
from framing.stance.matching import FirstTokens, scan_longest

CLASSES = ("support", "oppose", "cooperation", "hostile", "praise", "blame", "calm", "demand")
#: Classes that say no side: the rules pass over them (:func:`framing.stance.evidence.find_evidence`), the news
#: model reads them as features (a call for calm speaks of both parties of a conflict).
SIDELESS = frozenset({"calm"})
GAP = "..."
#: Proclitics that end in the Arabic article (folded): a word read with one of them is definite.
ARTICLE_PROCLITICS = ("ال", "لل")
#: Default words between a cue and its object, per class.
MAX_GAP = {"support": 4, "oppose": 4, "cooperation": 4, "hostile": 3, "praise": 1, "blame": 1, "calm": 2,
           "demand": 2}
#: Words before a cue that may negate it.
NEGATION_SCOPE = 2
#: Words that may stand between a subject and the cue after it, per class (a predicate
#: adjective sits close to its subject; an act noun may follow a verb and its object).
BACK_WINDOW = {"hostile": 5, "praise": 3, "blame": 3, "cooperation": 4, "support": 3, "oppose": 3, "calm": 0,
               "demand": 0}
#: Classes of a cue that a word of halting right before it turns around ("وقف دعمها", "stop supporting"):
#: read as negated.  Not a hostile act: stopping an aggression leaves its agent the aggressor.
HALTABLE = frozenset({"support", "cooperation", "praise"})
#: Endings a demand's verb takes (its person and number; none for English): with another ending or the
#: article the word is a noun ("دعاية", "الطالب").
DEMAND_ENDINGS = frozenset({"", "ت", "وا", "ون", "ن", "ا", "تا", "تم"})
#: Words a word of halting may stand apart from the act it halts by ("الكف عن دعم", "cease their support").
HALT_SCOPE = 2


@dataclass(frozen=True)
class CueEntry:
    """One cue: its class, its words (``...`` for a short gap) and options."""

    cls: str
    text: str
    words: tuple[str, ...]
    genitive: str = "agent"
    subject_first: bool = False
    max_gap: int = 4
    needs_marker: bool = False
    #: a hostile act that is an operation (a bombing, an attack): its patient is framed as a victim only when its
    #: agent is named or the act is condemned ("قصف التنظيم", "strikes on ISIS" alone take no side)
    victim_needs_agent: bool = False


@dataclass(frozen=True)
class StanceCue:
    """A cue found in a token list (tokens ``[start, end)``)."""

    entry: CueEntry
    start: int
    end: int
    article: bool = False      # Arabic: the cue word carries ال (so a nisba after it is an adjective)
    pronoun: bool = False      # a possessive pronoun refers back (عدوانها, its aggression)
    negated: bool = False
    passive: bool = False
    proclitic: str = ""
    ending: str = ""


class StanceLexicon:
    """A language's stance cues and markers, compiled for matching.

    Parameters
    ----------
    data : dict
        The parsed ``<lang>_stance.yml`` (see the files for the layout).
    source : str
        File name for error messages.

    Examples
    --------
    >>> lex = StanceLexicon.for_language("en")
    >>> [(c.entry.cls, c.entry.text) for c in lex.find_cues(tokenize_for_matching("We condemn the invasion"))]
    [('oppose', 'condemn'), ('hostile', 'invasion')]
    """

    def __init__(self, data: dict, source: str = "<stance cues>"):
        self.source = source
        self.endings = tuple(sorted({""} | {fold(e) for e in data.get("endings") or ()}, key=len))
        self._ending_set = frozenset(self.endings)
        self._ending_sizes = sorted({len(e) for e in self.endings})
        self.pronoun_endings = frozenset(fold(e) for e in data.get("pronoun_endings") or ())
        self.adjective_endings = tuple(fold(e) for e in data.get("adjective_endings") or ())
        self.verb_first = bool(data.get("verb_first", False))
        self.adjectives_precede = bool(data.get("adjectives_precede", False))
        markers = data.get("markers") or {}
        if not isinstance(markers, dict):
            raise FramingError(f"{source}: 'markers' must be a mapping of marker kind to word list")
        self.markers = {kind: self._words(markers, kind) for kind in
                        ("negators", "agent", "patient", "patient_proclitics", "against", "mutual", "victim",
                         "prepositions", "proclitic_prepositions", "determiners", "possessives", "passive",
                         "genitive", "conjunctions", "conjunction_proclitics", "blocking", "comitative",
                         "clause_openers", "generic", "subject_endings", "past_endings", "acting_bodies",
                         "not_patients", "complementizers", "institutions", "affiliation", "halts", "mutual_acts")}
        self.negator_suffixes = tuple(str(s).lower() for s in markers.get("negator_suffixes") or ())
        self.passive_endings = tuple(str(s).lower() for s in markers.get("passive_endings") or ())
        gaps = data.get("max_gap") or {}
        if not isinstance(gaps, dict) or any(k not in CLASSES or not isinstance(v, int) for k, v in gaps.items()):
            raise FramingError(f"{source}: 'max_gap' must map cue classes to whole numbers")
        self.max_gap = {**MAX_GAP, **gaps}
        windows = data.get("back_window") or {}
        if not isinstance(windows, dict) or any(k not in CLASSES or not isinstance(v, int)
                                                for k, v in windows.items()):
            raise FramingError(f"{source}: 'back_window' must map cue classes to whole numbers")
        self.back_window = {**BACK_WINDOW, **windows}
        # stem -> [(entry, needs an ending)]
        self._index: dict[str, list[tuple[CueEntry, bool]]] = {}
        cues = data.get("cues") or {}
        if not isinstance(cues, dict):
            raise FramingError(f"{source}: 'cues' must map cue classes {list(CLASSES)} to lists")
        for cls, items in cues.items():
            if cls not in CLASSES:
                raise FramingError(f"{source}: unknown cue class {cls!r}; use one of {list(CLASSES)}")
            for j, item in enumerate(items or ()):
                self._add(self._entry(cls, j, item))
        self._first_words = FirstTokens(self._first_word)
        # A first word is looked up as a token's stem less an ending; a stem is an ending of the token,
        # or one with ال put before it (reads_by_endings): the token holds the word, or the word without ال.
        inside = {w for w in self._index} | {w[2:] for w in self._index if w.startswith("ال")}
        self._inside = re.compile(trie_pattern(sorted(inside)))
        self._kinds: dict[str, frozenset] = {}
        # a marker is a token's stem: an ending of it, or one with ال put before it (reads_by_endings)
        words = {w for kind in self.markers.values() for w in kind}
        self._marker_ends = tuple(sorted(words | {w[2:] for w in words if w.startswith("ال")}))
        self._opens: dict[str, bool] = {}

    def _words(self, markers: dict, kind: str) -> frozenset[str]:
        words = markers.get(kind) or []
        if not isinstance(words, list):
            raise FramingError(f"{self.source}: markers.{kind} must be a list of words")
        for w in words:
            if not isinstance(w, str):
                raise FramingError(f"{self.source}: markers.{kind}: {w!r} is not a word; quote words that "
                                   f"YAML reads as something else (\"on\", \"no\", \"off\", \"yes\")")
        return frozenset(fold(w).lower() for w in words)

    def _entry(self, cls: str, j: int, item) -> CueEntry:
        opts = {}
        if isinstance(item, dict):
            opts = {k: v for k, v in item.items() if k != "cue"}
            item = item.get("cue")
            bad = set(opts) - {"genitive", "subject_first", "max_gap", "needs_marker", "victim_needs_agent"}
            if bad or opts.get("genitive", "agent") not in ("agent", "patient"):
                raise FramingError(f"{self.source}: cues.{cls}[{j}]: options are genitive (agent|patient), "
                                   f"subject_first, max_gap, needs_marker, victim_needs_agent; got {sorted(opts)}")
        if not isinstance(item, str) or not tokenize_for_matching(item):
            raise FramingError(f"{self.source}: cues.{cls}[{j}] must be a word or phrase, got {item!r}")
        words = []
        for part in item.split(GAP):
            if words:
                words.append(GAP)
            words += [token_key(t) for t in tokenize_for_matching(part)]
        return CueEntry(cls, item, tuple(words), opts.get("genitive", "agent"),
                        bool(opts.get("subject_first", False)), int(opts.get("max_gap", self.max_gap[cls])),
                        bool(opts.get("needs_marker", False)), bool(opts.get("victim_needs_agent", False)))

    def _add(self, entry: CueEntry) -> None:
        first = entry.words[0]
        if first.startswith("ال") and len(first) > 4:
            first = first[2:]  # the article is seen through when matching
        self._index.setdefault(first, []).append((entry, False))
        # before a suffix, taa marbuta is written ت and a final hamza sits on ئ or ؤ
        if first.endswith("ه"):
            self._index.setdefault(first[:-1] + "ت", []).append((entry, True))
        if first.endswith("ء"):
            for seat in ("ئ", "ؤ"):
                self._index.setdefault(first[:-1] + seat, []).append((entry, True))

    @classmethod
    def for_language(cls, lang: str) -> StanceLexicon | None:
        """The shipped lexicon of ``lang`` (cached), or None when there is none."""
        return _shipped_lexicon(lang_code(lang))

    def first_word(self, token: str) -> tuple:
        """StanceCue entries whose first word this token can be: ``(entry, prefix, ending)`` tuples (cached)."""
        return self._first_words.get(token)

    def _first_word(self, token: str) -> tuple:
        if reads_by_endings(token) and self._inside.search(token) is None:
            return ()  # no stem of it can hold a first word: skip working out its readings
        found, seen = [], set()
        for key, prefix, _ in readings(token):
            for size in self._ending_sizes:
                ending = key[len(key) - size:] if size else ""
                if len(key) - size < 2 or ending not in self._ending_set:
                    continue
                for entry, needs_ending in self._index.get(key[: len(key) - size], ()):
                    if (needs_ending and not ending) or entry in seen:
                        continue
                    seen.add(entry)
                    found.append((entry, prefix, ending))
        return tuple(found)

    def clause_ids(self, tokens: Sequence[str]) -> list[int]:
        """For each token, the number of clause boundaries (marks and clause openers) up to it."""
        cache = self._opens
        flags = []
        for t in tokens:
            flag = cache.get(t)
            if flag is None:
                flag = cache[t] = t in BOUNDARIES or self.is_word(t, "clause_openers")
            flags.append(flag)
        return list(accumulate(flags))

    def is_word(self, token: str, kind: str) -> bool:
        """Whether ``token`` (any clitic reading) is a marker of ``kind``."""
        kinds = self._kinds.get(token)
        if kinds is None:
            if reads_by_endings(token) and not token.endswith(self._marker_ends):
                kinds = self._kinds[token] = frozenset()  # no stem of it is a marker: its readings are not needed
            else:
                keys = {key for key, _, _ in readings(token)}
                kinds = self._kinds[token] = frozenset(k for k, words in self.markers.items() if keys & words)
        return kind in kinds

    def find_cues(self, tokens: Sequence[str]) -> list[StanceCue]:
        """Cues in ``tokens``, left to right; where two start at one token the longer wins."""
        out = []
        first = self._first_words
        for i, end, (entry, prefix, ending) in scan_longest(tokens, first.get, self._longest, first.starts(tokens)):
            if i > 0 and self.is_word(tokens[i - 1], "institutions"):
                continue  # part of a name: "مجلس التعاون", "وزارة الدفاع"
            if entry.cls == "demand" and (prefix.endswith(ARTICLE_PROCLITICS) or ending not in DEMAND_ENDINGS):
                continue  # a noun, not the verb: "الطالب" (the student), "الدعاية" (propaganda)
            out.append(StanceCue(entry, i, end, article=prefix.endswith(ARTICLE_PROCLITICS),
                                 pronoun=ending in self.pronoun_endings or self._after(tokens, i, "possessives"),
                                 negated=self._negated(tokens, i) or (entry.cls in HALTABLE
                                                                      and self._halted(tokens, i)),
                                 passive=self._passive(tokens, i),
                                 proclitic=prefix, ending=ending))
        return out

    def _longest(self, tokens, i, first):
        best = None
        for entry, prefix, ending in first:
            end = self._match_rest(entry.words, tokens, i + 1)
            if end is not None and (best is None or end > best[0]):
                best = (end, (entry, prefix, ending))
        return best

    def _match_rest(self, words, tokens, j):
        k = 1
        while k < len(words):
            if words[k] == GAP:
                target = words[k + 1]
                for skip in range(3):
                    if j + skip < len(tokens) and tokens[j + skip] not in BOUNDARIES \
                            and any(r[0] == target for r in readings(tokens[j + skip])):
                        j += skip + 1
                        break
                    if j + skip >= len(tokens) or tokens[j + skip] in BOUNDARIES:
                        return None
                else:
                    return None
                k += 2
                continue
            if j >= len(tokens) or not any(r[0] == words[k] for r in readings(tokens[j])):
                return None
            j += 1
            k += 1
        return j

    def _after(self, tokens, i, kind) -> bool:
        return i > 0 and self.is_word(tokens[i - 1], kind)

    def _negated(self, tokens, i) -> bool:
        return self._word_before(tokens, i, NEGATION_SCOPE, self._negator)

    def _negator(self, tok: str) -> bool:
        return self.is_word(tok, "negators") or tok.lower().endswith(self.negator_suffixes or ("\0",))

    def _halted(self, tokens, i) -> bool:
        """Whether a word of halting (``halts``: وقف، الكف، stop) stands up to :data:`HALT_SCOPE` words before
        token ``i`` in its clause: the act after it is called off ("وقف دعمها للحوثيين", "stop supporting")."""
        return self._word_before(tokens, i, HALT_SCOPE, lambda tok: self.is_word(tok, "halts"))

    @staticmethod
    def _word_before(tokens, i, scope: int, test) -> bool:
        """Whether one of the ``scope`` tokens before token ``i``, not across a boundary, passes ``test``."""
        for j in range(i - 1, max(-1, i - 1 - scope), -1):
            if tokens[j] in BOUNDARIES:
                return False
            if test(tokens[j]):
                return True
        return False

    def halt_after(self, tokens, start: int, clause: Sequence[int], window: int = 4) -> bool:
        """Whether a word of halting stands within ``window`` words from ``start`` in its clause, and not
        before a word of a mutual act (``mutual_acts``: a ceasefire, the fighting, which both sides halt).

        >>> lex = StanceLexicon.for_language("en")
        >>> toks = tokenize_for_matching("to stop the war now")
        >>> lex.halt_after(toks, 0, lex.clause_ids(toks)), lex.halt_after(toks, 2, lex.clause_ids(toks))
        (True, False)
        """
        for j in range(start, min(len(tokens), start + window)):
            if tokens[j] in BOUNDARIES or clause[j] != clause[start]:
                return False
            if self.is_word(tokens[j], "halts"):
                return not (j + 1 < len(tokens) and self.is_word(tokens[j + 1], "mutual_acts"))
        return False

    def _passive(self, tokens, i) -> bool:
        if not self.passive_endings:  # a passive auxiliary right before a verbal noun: "يتم استفزاز روسيا"
            return i > 0 and self.is_word(tokens[i - 1], "passive")
        if not tokens[i].lower().endswith(self.passive_endings):
            return False
        return any(self.is_word(tokens[j], "passive") for j in range(max(0, i - 2), i))

    def preposition_before(self, tokens, mention: Mention) -> str:
        """The preposition a mention depends on: a proclitic (``ل``), the word before it, or ``""``."""
        prefix = mention.prefix.lstrip("وف")
        if prefix.startswith("لل"):
            prefix = "ل"
        if prefix[:1] and prefix[:1] in self.markers["proclitic_prepositions"]:
            return prefix[:1]
        j = mention.start - 1
        while j >= 0 and self.is_word(tokens[j], "determiners"):
            j -= 1
        if j >= 0 and self.is_word(tokens[j], "prepositions"):
            return token_key(tokens[j])
        return ""

    def is_adjective(self, tokens, mention: Mention) -> bool:
        """Whether the mention is a nisba adjective (الروسي، الأمريكية), by its ending."""
        stem = tokens[mention.start][len(mention.prefix):]
        return bool(self.adjective_endings) and stem.endswith(self.adjective_endings)


@lru_cache(maxsize=None)
def _shipped_lexicon(lang: str) -> StanceLexicon | None:
    if not resource_path(lang, "stance.yml").exists():
        return None
    return StanceLexicon(read_yaml(lang, "stance.yml"), source=f"{lang}_stance.yml")
