"""Which words report speech: a learned cue detector for English.

The English cue lexicon (``framing/lang/en_cues.yml``) lists the verbs of
saying; news attributes with many more words ("blasted", "is pushing",
"echoed", "likened") and uses listed ones as nouns.  This module scores
every lower-case word of a sentence as a cue with a logistic regression over
its context (the word, its ending, its neighbours, a "that" or a quotation
beside it, a name or pronoun before it) trained on PolNeAR's training split
with ``framing train cues``.  Words above the model's threshold that the
rules did not take become events, with their speaker and content found as
for a listed verb; a listed verb the model scores below its veto in that
context ("faced questions", "air attacks": a noun) is dropped.

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
from pathlib import Path

from framing.attribution.cues import CueLexicon
from framing.attribution.document import Sentence
from framing.attribution.model_files import read_model, write_model

MODELS = Path(__file__).resolve().parent / "models"
METHOD = "attribution.cues.en.v1"
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


def cue_features(sent: Sentence, i: int, lex: CueLexicon) -> list[str]:
    """Binary features of token ``i`` as a possible cue."""
    toks = sent.tokens
    w = toks[i].norm
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    nxt2 = toks[i + 2] if i + 2 < len(toks) else None
    f = [f"w={w}", f"suf={w[-3:]}", f"shape={_shape(w)}", f"lex={lex.lookup_norm(w) is not None}",
         f"prev={prev.norm if prev else '<s>'}", f"next={nxt.norm if nxt else '</s>'}",
         f"gap_before={_gap_kind(sent.gap(i))}", f"gap_after={_gap_kind(sent.gap(i + 1))}"]
    if prev is not None:
        if prev.text[:1].isupper():
            f.append("prev_cap")
        if prev.norm in lex.pronouns:
            f.append("prev_pron")
        if prev.norm in lex.auxiliaries:
            f.append("prev_aux")
        f.append(f"prev|w={prev.norm}|{w}")
    if nxt is not None:
        f.append(f"w|next={w}|{nxt.norm}")
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
    f.append(f"pos={min(i, 5)}")
    return f


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
        z = self.intercept + sum(w.get(x, 0.0) for x in set(features))
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


def learned_cues(sent: Sentence, lex: CueLexicon, model: CueModel, taken: set[int]) -> list[int]:
    """Tokens the model takes for cues, outside ``taken`` (tokens of events found already), first of each run."""
    out = []
    for i in range(len(sent.tokens)):
        if i in taken or (out and out[-1] == i - 1) or not candidate(sent, i):
            continue
        if model.probability(cue_features(sent, i, lex)) >= model.threshold:
            out.append(i)
    return out
