"""Which words report speech: a learned cue detector for English.

The English cue lexicon (``framing/lang/en_cues.yml``) lists the verbs of
saying; news attributes with many more words ("blasted", "is pushing",
"echoed", "likened") and uses listed ones as nouns.  This module scores
every lower-case word of a sentence as a cue with a logistic regression over
its context, trained on PolNeAR's training split with ``framing train cues``:
the word, its ending and a crude lemma ("plans", "planned": "plan"); the
words two places either side and the punctuation between; the classes of
its neighbours (determiner, pronoun, auxiliary, "to", name), alone and
paired with the word (a determiner before makes "plan" a noun); what stands
where its subject would (a name, a pronoun); a "that" or a quotation within
three words after it; whether the sentence holds a quotation or a listed
cue before or after it.  Words above the model's threshold that the rules
did not take become events, with their speaker and content found as for a
listed verb; a listed verb the model scores below its veto in that context
("faced questions", "air attacks": a noun) is dropped; an adverb above the
threshold ("previously", inside many annotated cue spans) leaves the event to
the verb it qualifies.  With the model, every
English sentence is read, not only those holding a listed cue word: many
statements are reported with words the lexicon does not list ("plans",
"blasted", "likened").

The model ships as ``models/cues_en/`` (``metadata.json``: training command,
data hash, settings, cross-validated and development scores beside the rules;
``weights.json``).  It is read once per process.

Examples
--------
>>> from framing.attribution.document import prepare
>>> from framing.attribution.cues import cue_lexicon
>>> sent = prepare("Officials blasted the plan, saying it would fail.", lang="en").sentences[0]
>>> feats = cue_features(sent, 1, cue_lexicon("en"))
>>> "w=blasted" in feats, "prev_cap" in feats
(True, True)
"""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from framing.attribution.cues import CueLexicon
from framing.attribution.document import Sentence
from framing.attribution.model_files import read_model, write_model

MODELS = Path(__file__).resolve().parent / "models"
METHOD = "attribution.cues.en.v2"
#: Words never scored: function words carry no speech (and are most of the tokens).
_SKIP = frozenset("""a an the of to in on at by for with from and or but if as is are was were be been being has have
had do does did not no that this these those it its he she they we i you his her their our my your which who whom
whose what when where while than then there here so such very also more most just only about into over after before
up down out off again once all any both each few other some own same can will would should could may might must
against among amid amidst across along around behind below beneath beside besides between beyond despite during
except inside near onto outside per since through throughout toward towards under underneath until upon via
within without""".split())


def _shape(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return suffix
    return "-"


def _gap_kind(gap: str) -> str:
    if not gap.strip():
        return "space"
    if any(ch in gap for ch in "\"“”'‘’«»"):
        return "quote"
    if ":" in gap:
        return "colon"
    if "," in gap:
        return "comma"
    return "other"


def candidate(sent: Sentence, i: int) -> bool:
    """Whether token ``i`` is scored at all: a lower-case word, not a function word, outside quotations."""
    tok = sent.tokens[i]
    return tok.text[:1].islower() and tok.norm.isalpha() and tok.norm not in _SKIP and len(tok.norm) > 2 \
        and sent.doc.inside_quote(tok.start) is None


def _lemma(word: str) -> str:
    """A crude lemma: the word without -ies/-ied, -ing, -ed, -es, -s ("plans", "planned", "planning": "plan")."""
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + repl
            if suffix in ("ing", "ed") and len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "ls":
                stem = stem[:-1]  # "planned": "plan"
            return stem
    return word


def _word_class(tok, lex: CueLexicon) -> str:
    """A coarse class of a neighbouring word: what it says about the word beside it being a verb or a noun."""
    if tok is None:
        return "edge"
    n = tok.norm
    if n in lex.pronouns:
        return "pron"
    if n in lex.noun_markers:
        return "det"
    if n == "to":
        return "to"
    if n in lex.auxiliaries:
        return "aux"
    if tok.text[:1].isupper():
        return "cap"
    if n.endswith("ly"):
        return "adv"
    if n in _SKIP:
        return "func"
    return "word"


def _subject_before(sent: Sentence, i: int, lex: CueLexicon) -> str:
    """What stands where a subject would, skipping auxiliaries and adverbs: a name, a pronoun, or something else."""
    toks = sent.tokens
    j = i - 1
    while j >= 0 and i - j <= 4 and (toks[j].norm in lex.auxiliaries or toks[j].norm.endswith("ly")) \
            and not sent.boundary_before(j + 1):
        j -= 1
    if j < 0:
        return "none"
    if sent.boundary_before(j + 1):
        return "punct"
    if toks[j].norm in lex.pronouns:
        return "pron"
    if toks[j].text[:1].isupper():
        return "name"
    return "word"


def _complement_after(sent: Sentence, i: int) -> list[str]:
    """What follows within three words: a "that" (and how far), a quotation."""
    toks, f = sent.tokens, []
    for k in range(i + 1, min(i + 4, len(toks))):
        if toks[k].norm == "that":
            f.append(f"that_within={k - i}")
            break
    end = toks[min(i + 4, len(toks) - 1)].end if i + 1 < len(toks) else sent.end
    if sent.doc.quote_opening_at(toks[i].end, end) is not None:
        f.append("quote_within")
    return f


def _sentence_context(sent: Sentence, i: int, lex: CueLexicon) -> list[str]:
    """The sentence around: does it hold a quotation, another listed cue before or after the word."""
    has_quote, first, last = _sentence_facts(sent, lex)
    f = ["sent_quote"] if has_quote else []
    if first < i:
        f.append("cue_left")
    if last > i:
        f.append("cue_right")
    return f


#: The sentence whose facts were computed last, and them: every token of a sentence asks in turn.
_FACTS: list = [None, None, None]


def _sentence_facts(sent: Sentence, lex: CueLexicon) -> tuple[bool, int, int]:
    """Whether the sentence holds a quotation; the first and last token the lexicon lists (len, -1: none)."""
    if _FACTS[0] is sent.doc and _FACTS[1] == (sent.start, sent.end):
        return _FACTS[2]
    doc = sent.doc
    has_quote = doc.quote_opening_at(sent.start, sent.end) is not None or doc.inside_quote(sent.start) is not None
    listed = [k for k, t in enumerate(sent.tokens) if lex.lookup_norm(t.norm) is not None]
    facts = (has_quote, listed[0] if listed else len(sent.tokens), listed[-1] if listed else -1)
    _FACTS[:] = [doc, (sent.start, sent.end), facts]
    return facts


def cue_features(sent: Sentence, i: int, lex: CueLexicon) -> list[str]:
    """Binary features of token ``i`` as a possible cue.

    Examples
    --------
    >>> from framing.attribution.document import prepare
    >>> from framing.attribution.cues import cue_lexicon
    >>> sent = prepare("The campaign plans to appeal, he said.", lang="en").sentences[0]
    >>> feats = cue_features(sent, 2, cue_lexicon("en"))
    >>> [x for x in feats if x.startswith(("lem=", "pc=", "subj="))], "cue_right" in feats
    (['lem=plan', 'pc=word', 'subj=word'], True)
    """
    toks = sent.tokens
    w = toks[i].norm
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    listed = lex.lookup_norm(w) is not None
    lem = _lemma(w)
    return (_word_features(w, lem, listed, lex) + _neighbour_features(sent, i, prev, nxt, lem, lex)
            + _class_features(w, lem, listed, prev, nxt, lex)
            + _clause_features(sent, i, lem, listed, lex))


def _word_features(w: str, lem: str, listed: bool, lex: CueLexicon) -> list[str]:
    """The word itself: its form, ending, crude lemma, and whether the lexicon lists it (or its lemma)."""
    f = [f"w={w}", f"suf={w[-3:]}", f"shape={_shape(w)}", f"lex={listed}", f"lem={lem}"]
    if not listed and lex.lookup_norm(lem) is not None:
        f.append("lem_lex")  # an inflection the lexicon does not spell out
    return f


def _neighbour_features(sent: Sentence, i: int, prev, nxt, lem: str, lex: CueLexicon) -> list[str]:
    """The words and punctuation two places either side, and the word pairs it makes with its neighbours."""
    toks = sent.tokens
    w = toks[i].norm
    prev2 = toks[i - 2] if i > 1 else None
    nxt2 = toks[i + 2] if i + 2 < len(toks) else None
    f = [f"prev={prev.norm if prev else '<s>'}", f"next={nxt.norm if nxt else '</s>'}",
         f"prev2={prev2.norm if prev2 else '<s>'}",
         f"gap_before={_gap_kind(sent.gap(i))}", f"gap_after={_gap_kind(sent.gap(i + 1))}", f"pos={min(i, 5)}"]
    if prev is not None:
        if prev.text[:1].isupper():
            f.append("prev_cap")
        if prev.norm in lex.pronouns:
            f.append("prev_pron")
        if prev.norm in lex.auxiliaries:
            f.append("prev_aux")
        f.append(f"prev|w={prev.norm}|{w}")
    if nxt is not None:
        f += [f"w|next={w}|{nxt.norm}", f"lem|next={lem}|{nxt.norm}"]
        if nxt.norm == "that":
            f.append("next_that")
        if nxt.text[:1].isupper():
            f.append("next_cap")
        if nxt2 is not None:
            f.append(f"next2={nxt2.norm}")
    if sent.doc.quote_closing_at(max(sent.start, toks[i].start - 4), toks[i].start) is not None:
        f.append("quote_before")
    if sent.doc.quote_opening_at(toks[i].end, toks[i].end + 4) is not None:
        f.append("quote_after")
    return f


def _class_features(w: str, lem: str, listed: bool, prev, nxt, lex: CueLexicon) -> list[str]:
    """The neighbours' word classes (:func:`_word_class`), alone and with the word, its shape or its listing.

    A linear model cannot combine features; these pairs let it learn that "the plan" is a noun and
    "he plans" a verb, or that a listed verb after a determiner is no cue.
    """
    pc, nc, shape = _word_class(prev, lex), _word_class(nxt, lex), _shape(w)
    return [f"pc={pc}", f"nc={nc}", f"pc|lex={pc}|{listed}", f"pc|shape={pc}|{shape}", f"nc|lex={nc}|{listed}",
            f"pc|nc|lex={pc}|{nc}|{listed}", f"lem|pc={lem}|{pc}", f"lem|nc={lem}|{nc}"]


def _clause_features(sent: Sentence, i: int, lem: str, listed: bool, lex: CueLexicon) -> list[str]:
    """The clause around the word: its subject, its complement, the sentence's quotation and other cues."""
    subj = _subject_before(sent, i, lex)
    comp = _complement_after(sent, i)
    around = _sentence_context(sent, i, lex)
    return ([f"subj={subj}", f"subj|lex={subj}|{listed}", f"subj|shape={subj}|{_shape(sent.tokens[i].norm)}",
             f"lem|subj={lem}|{subj}"]
            + comp + [f"{c}|lex={listed}" for c in comp] + [f"lem|{c}={lem}" for c in comp]
            + around + [f"{c}|lex={listed}" for c in around])


class CueModel:
    """A logistic regression over binary features; its threshold (to add a cue) and veto (to drop a listed verb
    used as a noun) are chosen on development data."""

    def __init__(self, weights: dict[str, float], intercept: float, threshold: float = 0.5,
                 metadata: dict | None = None, veto: float = 0.0):
        self.weights = dict(weights)
        self.intercept = float(intercept)
        self.threshold = float(threshold)
        #: a listed verb scored below this in its context is taken for a noun and dropped ("faced questions")
        self.veto = float(veto)
        self.metadata = dict(metadata or {})

    def probability(self, features: list[str]) -> float:
        w = self.weights
        z = self.intercept + sum(map(w.get, set(features), repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-z)) if z > -40 else 0.0

    def save(self, folder) -> Path:
        """Write the model folder (:mod:`framing.attribution.model_files`)."""
        meta = dict(self.metadata, method=self.metadata.get("method", METHOD), threshold=self.threshold,
                    veto=self.veto)
        return write_model(folder, meta, self.weights, digits=5, intercept=self.intercept, threshold=self.threshold,
                           veto=self.veto)

    @classmethod
    def load(cls, folder) -> "CueModel":
        meta, payload = read_model(folder)
        return cls(payload["weights"], payload["intercept"], payload.get("threshold", 0.5), meta,
                   veto=payload.get("veto", 0.0))


@lru_cache(maxsize=None)
def default_cue_model(lang: str) -> CueModel | None:
    """The shipped cue model of ``lang`` (read once per process), or None."""
    folder = MODELS / f"cues_{lang}"
    if not (folder / "weights.json").exists():
        return None
    return CueModel.load(folder)


def _adverb(word: str, lex: CueLexicon) -> bool:
    """An adverb ("previously", "strongly"): inside many cue spans, but it qualifies the verb that reports."""
    return word.endswith("ly") or word in lex.auxiliaries


def learned_cues(sent: Sentence, lex: CueLexicon, model: CueModel, taken: set[int]) -> list[int]:
    """Tokens the model takes for cues, outside ``taken`` (tokens of events found already), first of each run."""
    out, toks = [], sent.tokens
    for i in range(len(toks)):
        if i in taken or (out and out[-1] == i - 1) or not candidate(sent, i) or _adverb(toks[i].norm, lex):
            continue
        if model.probability(cue_features(sent, i, lex)) >= model.threshold:
            out.append(i)
    return out
