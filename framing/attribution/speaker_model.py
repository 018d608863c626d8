"""Where the speaker's words end: a learned choice among candidate spans.

After an Arabic reporting verb the speaker noun phrase runs up to the
reported clause, but where exactly it ends is the hard part of attribution:
"وأشار المسؤول الإعلامي في الائتلاف سامر خليل إلى أن" names Samer Khalil, while
"وقال الرئيس في كلمة ألقاها أمس إن" names the president and no more.  The
rules in :mod:`framing.attribution.arabic` propose the start of the phrase
and one end; this module lists every end up to the reported clause
(including "no subject": the speaker is implicit) and a linear model trained
on annotated articles picks one.  The rules' own end is a feature, so the
model departs from it only where the data taught it to.

The model is a conditional logit (a ranker) over binary features of each candidate
(its length, first and last words, the word and punctuation after it,
registry names, role words and given names inside and after it), trained
with ``framing train speaker-spans`` and shipped as a folder beside this
module (``models/speaker_spans_ar/``): ``metadata.json`` (method, training
command, data hashes, settings, cross-validated scores beside the rules'
baseline) and ``weights.json`` (one weight per feature).  It is read once per
process; scoring a candidate is a sum of a few weights.

Examples
--------
>>> from framing.attribution.document import prepare
>>> from framing.attribution.cues import cue_lexicon
>>> sent = prepare("وأشار المسؤول الإعلامي في الائتلاف سامر خليل إلى أن الانتخابات جرت.").sentences[0]
>>> span_ends(sent, 1, cue_lexicon("ar"))
[1, 2, 3, 4, 5, 6, 7, 8]
>>> feats = span_features(sent, 1, 3, 3, 8, cue_lexicon("ar"))
>>> "after=في" in feats, "after_name=False" in feats
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
from framing.text import fold
from framing.attribution.kinds import given_names, is_given_name

#: Longest speaker phrase considered, in tokens.
MAX_SPAN = 16
#: Words after which a "في" phrase says how or where the statement was made, not who made it.
MANNER_WORDS = frozenset(fold(w) for w in ["بيان", "تصريح", "تصريحات", "كلمة", "مؤتمر", "حديث", "لقاء", "مقابلة",
                                            "اتصال", "رسالة", "تغريدة", "خطاب", "ختام", "أعقاب", "إطار", "ظل", "وقت",
                                            "حين", "حينه", "سياق", "معرض", "أثناء", "نهاية", "بداية", "مستهل",
                                            "تقرير", "اجتماع", "ندوة", "جلسة", "زيارة", "حوار", "إجابة", "رد",
                                            "تقارير", "رسائل", "مقابلات", "تغريدات", "مؤتمرات", "مقال", "مقالة"])
#: The same words with a possessive pronoun ("في حديثه", "في تغريدتها", "خلال كلمته"): folded, a taa
#: marbuta is ه, and it is written ت before the pronoun.
MANNER_FORMS = MANNER_WORDS | frozenset((w[:-1] + "ت" if w.endswith("ه") else w) + p
                                        for w in MANNER_WORDS for p in ("ه", "ها", "هم", "هما"))
#: A quotation of at most this many words after the speaker's first words may be a name in it.
SHORT_QUOTE = 4
#: Where the shipped models live.
MODELS = Path(__file__).resolve().parent / "models"
METHOD = "attribution.speaker_spans.ar.v1"


def span_ends(sent: Sentence, start: int, lex: CueLexicon) -> list[int]:
    """Candidate end tokens ``e`` (exclusive) of a speaker phrase starting at token ``start``.

    ``start`` itself is the empty phrase (an implicit speaker).  The phrase
    never crosses a complementizer, a quotation, another cue, a colon or the
    end of the sentence.
    """
    toks = sent.tokens
    doc = sent.doc
    ends = [start]
    k = start
    quoted_until = -1  # inside a short quoted name ("مجموعة «برنامج نون»") the phrase may go on
    # most sentences hold no quotation: then none needs looking for
    i = doc.first_quote_from(sent.start)
    quotes_here = (i < len(doc.quotes) and doc.quotes[i][0] < sent.end) or doc.inside_quote(sent.start) is not None
    while k < len(toks) and k - start < MAX_SPAN:
        if k > start and toks[k].start >= quoted_until:
            q = doc.quote_opening_at(toks[k - 1].end, toks[k].start + 1) if quotes_here else None
            if q is not None:
                inside = sum(1 for t in toks[k:k + SHORT_QUOTE + 1] if t.end <= q[1])
                if inside > SHORT_QUOTE or q[1] - q[0] < 2:
                    break  # a quotation that opens the reported words
                quoted_until = q[1]
            elif _opens_content(sent.gap(k)):
                break
        w = toks[k].norm
        if toks[k].start >= quoted_until and (w in lex.complementizers or lex.lookup_norm(w) is not None):
            break
        if k > start and k + 1 < len(toks) and w in lex.np_stops and _bare(toks[k + 1].norm) in MANNER_FORMS:
            break  # "في كلمة ألقاها", "خلال مؤتمر صحفي": how the statement was made, never who made it
        k += 1
        ends.append(k)
    return ends


def _bare(word: str) -> str:
    return word[2:] if word.startswith("ال") else word


def _opens_content(gap: str) -> bool:
    return any(ch in gap for ch in ':«"“')


def _attached_preposition(word: str) -> str:
    """Which preposition a definite word carries attached ("بالدور" -> "b", "للصحفيين" -> "l"), else "".

    A phrase "بالدور" or "للصحفيين" after a verb's subject is mostly its
    complement or addressee ("أشاد الرئيس بالدور", "قال للصحفيين"), though titles
    hold some ("الأمين العام للأمم المتحدة"): the model weighs the two.

    >>> _attached_preposition("بالدور"), _attached_preposition("وللأمم"), _attached_preposition("بان")
    ('b', 'l', '')
    """
    if word[:1] in "وف" and len(word) > 5:
        word = word[1:]
    if len(word) < 5:
        return ""
    if word.startswith("لل"):
        return "l"
    if word[1:3] == "ال" and word[0] in "بلك":
        return {"ب": "b", "ل": "l", "ك": "k"}[word[0]]
    return ""


def _bucket(n: int) -> str:
    return str(n) if n <= 5 else "6-8" if n <= 8 else "9+"


class _Strings(dict):
    """Feature strings of one template by value, each made once and then looked up.

    A candidate has about thirty features; formatting them anew for each of the
    eight candidates of every event (and hashing each new string when its weight
    is looked up) was a part of the ranker's time.  The strings are the same, so
    the scores are too.  Bounded: emptied when it holds :data:`_STRINGS_MAX` values.
    """

    __slots__ = ("template",)

    def __init__(self, template: str):
        super().__init__()
        self.template = template

    def __missing__(self, value) -> str:
        if len(self) >= _STRINGS_MAX:
            self.clear()
        text = self[value] = self.template.format(value)
        return text


_STRINGS_MAX = 1 << 16


def _flag(name: str) -> tuple[str, str]:
    """``(name=False, name=True)``, indexed by a bool."""
    return f"{name}=False", f"{name}=True"


_LEN = _Strings("len={}")
_LIMIT_WORD = _Strings("limit_word={}")
_EMPTY_NEXT = _Strings("empty|next={}")
_LAST = _Strings("last={}")
_AFTER = _Strings("after={}")
_AFTER2 = _Strings("after2={}")
_GAP = _Strings("gap={}")
_STOP_IN = _Strings("stop_in={}")
_N_STOPS = _Strings("n_stops={}")
_NAMES_IN = _Strings("names_in={}")
_COMMAS_IN = _Strings("commas_in={}")
_HEAD_AFTER = {head: _Strings(f"head={head}|after={{}}") for head in ("anon", "role", "other")}
_PREP_AFTER = {head: _Strings(f"prep_after={{}}|head={head}") for head in ("anon", "role", "other")}
_PREP_LAST = _Strings("prep_last={}")
_HEAD_STOPS = _Strings("head={0[0]}|stops={0[1]}|limit={0[2]}")
_CUE_EMPTY = _Strings("cue={0[0]}|empty={0[1]}")
_CUE_PREP = _Strings("cue={0[0]}|prep_after={0[1]}")
_LEN_LIMIT = _Strings("len={0[0]}|limit={0[1]}")
_EMPTY_NEXT_NAME = _flag("empty|next_name")
_LAST_AL, _LAST_ROLE, _LAST_TIME = _flag("last_al"), _flag("last_role"), _flag("last_time")
_AFTER_STOP, _AFTER_NAME, _AFTER_ROLE = _flag("after_stop"), _flag("after_name"), _flag("after_role")
_NAME_AT_END, _QUOTE_IN, _DIGIT_IN = _flag("name_at_end"), _flag("quote_in"), _flag("digit_in")


def _punct(gap: str) -> str:
    if not gap.strip():
        return "space"
    for ch, name in (("،", "comma"), (",", "comma"), ("(", "paren"), (")", "paren"), (".", "period"),
                     ("-", "dash"), ("–", "dash"), ("»", "quote"), ("”", "quote")):
        if ch in gap:
            return name
    return "other"


def span_features(sent: Sentence, start: int, end: int, rule_end: int, limit: int, lex: CueLexicon,
                  registry_spans: tuple[tuple[int, int], ...] = ()) -> list[str]:
    """Binary features of the candidate phrase ``tokens[start:end]``.

    ``rule_end`` is where the rules end the phrase, ``limit`` the last
    candidate end, ``registry_spans`` the token ranges of registry names in
    the window (absolute token indices).
    """
    ends = list(range(start, max(limit, end) + 1))
    return candidate_features(sent, start, ends, rule_end, lex, registry_spans, limit=limit)[ends.index(end)]


def candidate_features(sent: Sentence, start: int, ends: list[int], rule_end: int, lex: CueLexicon,
                       registry_spans: tuple[tuple[int, int], ...] = (), *, limit: int | None = None) -> list[list[str]]:
    """The features of every candidate end in ``ends`` (ascending), in one pass over the words.

    What each candidate holds (stop words, given names, commas, quoted
    words) grows with its end, so it is counted as the end moves rather
    than recounted for every candidate.
    """
    toks = sent.tokens
    names = given_names()
    limit = ends[-1] if limit is None else limit
    stops_words = lex.np_stops
    doc = sent.doc
    i = doc.first_quote_from(sent.start)
    quotes_here = (i < len(doc.quotes) and doc.quotes[i][0] < sent.end) or doc.inside_quote(sent.start) is not None
    out: list[list[str]] = []
    first_features = _first_features(toks[start].norm, lex) if start < len(toks) else ([], "other")
    stops: list[str] = []
    n_given, last_given, commas, quoted, digit = 0, -1, 0, False, False
    k = start  # words start..k-1 are counted
    for end in ends:
        while k < end:
            w = toks[k].norm
            if w in stops_words:
                stops.append(w)
            if is_given_name(toks[k].text, w, names):
                n_given, last_given = n_given + 1, k
            if k > start:
                commas += sent.boundary_before(k)
                quoted = quoted or (quotes_here and sent.doc.inside_quote(toks[k].start) is not None)
            digit = digit or w.isdigit()
            k += 1
        out.append(_features(sent, start, end, rule_end, limit, lex, registry_spans, stops, n_given, last_given,
                             commas, quoted, digit, names, first_features))
    return out


def _first_features(first: str, lex: CueLexicon) -> tuple[list[str], str]:
    """The features every non-empty candidate of one event shares (they all start at the same word)."""
    head = "anon" if first in lex.anonymous_heads else "role" if first in lex.role_words else "other"
    return [f"first={first}", f"first_role={first in lex.role_words}", f"first_anon={first in lex.anonymous_heads}"], head


def _features(sent, start, end, rule_end, limit, lex, registry_spans, stops, n_given, last_given, commas, quoted,
              digit, names, first_features) -> list[str]:
    toks = sent.tokens
    n = end - start
    bucket = _bucket(n)
    f = [_LEN[bucket], "rule" if end == rule_end else ("longer" if end > rule_end else "shorter")]
    after = toks[end].norm if end < len(toks) else "<end>"
    after_name = end < len(toks) and is_given_name(toks[end].text, after, names)
    at_limit = end >= limit
    if at_limit:
        f.append("at_limit")
        f.append(_LIMIT_WORD[after])  # "<end>" past the last token, as ``after`` is
    if n == 0:
        f.append(_EMPTY_NEXT[after])
        f.append(_EMPTY_NEXT_NAME[after_name])
        return f
    last = toks[end - 1].norm
    shared, head = first_features
    f += shared
    role_words, np_stops = lex.role_words, lex.np_stops
    after_stop = after in np_stops
    f += [_LAST[last], _AFTER[after], _GAP[_punct(sent.gap(end)) if end < len(toks) else "end"],
          _LAST_AL[last.startswith('ال')], _LAST_ROLE[last in role_words],
          _AFTER_STOP[after_stop], _AFTER_NAME[after_name],
          _AFTER_ROLE[after in role_words]]
    if end < len(toks) and after_stop and end + 1 < len(toks):
        f.append(_AFTER2[toks[end + 1].norm])
    f.append(_N_STOPS[min(len(stops), 3)])
    for w in stops[:3]:
        f.append(_STOP_IN[w])
    f.append(_PREP_AFTER[head][_attached_preposition(after)])
    f.append(_PREP_LAST[_attached_preposition(last)])
    f.append(_NAMES_IN[min(n_given, 3)])
    if n_given:
        f.append(_NAME_AT_END[end - last_given <= 3])
    f.append(_QUOTE_IN[quoted])
    # a time adverbial is never part of a name: "حزب العمال في منتصف يوليو الماضي"
    f.append(_LAST_TIME[last in lex.time_nouns or last in lex.time_adjectives])
    f.append(_COMMAS_IN[min(commas, 2)])
    f.append(_DIGIT_IN[digit])
    # pairs the data can weigh apart: a complement ("في", "عن") is part of an anonymous source or a body
    # ("مصدر في الشرطة") when the phrase runs to the reported clause, rarely otherwise
    f.append(_HEAD_STOPS[head, min(len(stops), 2), at_limit])
    f.append(_HEAD_AFTER[head][after])
    f.append(_LEN_LIMIT[bucket, at_limit])
    flags = []
    for a, b in registry_spans:
        if start <= a and b == end:
            flags.append("registry_ends_here")  # the phrase stops where a known name or title stops
        if start <= a and b <= end:
            flags.append("registry_in")
        elif a < end < b:
            flags.append("registry_cut")
        elif a == end:
            flags.append("registry_after")
    f.extend(dict.fromkeys(flags))  # each once: a feature is present or not
    return f


class SpeakerSpanModel:
    """A linear scorer of candidate speaker spans (weights per binary feature).

    Parameters
    ----------
    weights : dict
        Feature name to weight.
    intercept : float
    metadata : dict, optional
        How the model was made (method, data hashes, settings, scores).

    Examples
    --------
    >>> m = SpeakerSpanModel({"rule": 2.0, "len=0": -1.0})
    >>> m.choose([["len=0", "shorter"], ["len=2", "rule"], ["len=3", "longer"]])
    1
    """

    def __init__(self, weights: dict[str, float], intercept: float = 0.0, metadata: dict | None = None):
        self.weights = dict(weights)
        self.intercept = float(intercept)
        self.metadata = dict(metadata or {})

    def score(self, features: list[str]) -> float:
        w = self.weights
        # the features of a candidate are distinct (candidate_features makes them so)
        return self.intercept + sum(map(w.get, features, repeat(0.0)))

    def choose(self, candidates: list[list[str]]) -> int:
        """Index of the best-scoring candidate (the first on a tie)."""
        best, best_score = 0, -math.inf
        # :meth:`score` written out: a method call per candidate was a good part of choosing
        get, intercept, zero = self.weights.get, self.intercept, repeat(0.0)
        for k, feats in enumerate(candidates):
            s = intercept + sum(map(get, feats, zero))
            if s > best_score:
                best, best_score = k, s
        return best

    def save(self, folder) -> Path:
        """Write ``metadata.json`` and ``weights.json`` to ``folder`` (:mod:`framing.attribution.model_files`)."""
        meta = dict(self.metadata, method=self.metadata.get("method", METHOD))
        return write_model(folder, meta, self.weights, intercept=self.intercept)

    @classmethod
    def load(cls, folder) -> "SpeakerSpanModel":
        meta, payload = read_model(folder)
        return cls(payload["weights"], payload.get("intercept", 0.0), meta)


@lru_cache(maxsize=None)
def default_model(lang: str) -> SpeakerSpanModel | None:
    """The shipped model for ``lang`` (read once per process), or None when there is none."""
    folder = MODELS / f"speaker_spans_{lang}"
    if not (folder / "weights.json").exists():
        return None
    return SpeakerSpanModel.load(folder)


def choose_span(model: SpeakerSpanModel | None, sent: Sentence, start: int, rule_end: int, lex: CueLexicon,
                registry=None, day: str | None = None, record: list | None = None, cue: str = "") -> int:
    """The end of the speaker phrase starting at ``start``: the model's choice, or ``rule_end`` without one.

    ``record``, when given, receives ``(ends, features)`` of this decision
    (training reads the candidates this way, so training and use see the
    same candidates and features).
    """
    if model is None and record is None:
        return rule_end
    ends = span_ends(sent, start, lex)
    if rule_end not in ends:
        ends.append(rule_end)
        ends.sort()
    if len(ends) == 1 and record is None:
        return rule_end  # nothing to choose
    limit = ends[-1]
    spans: tuple = ()
    if registry is not None and limit > start:
        words = [t.text for t in sent.tokens[start:min(limit + 3, len(sent.tokens))]]
        spans = tuple((start + m.start, start + m.start + m.length) for m in registry.find(words, day=day))
    feats = candidate_features(sent, start, ends, rule_end, lex, spans)
    if cue:
        # the verb says whether a noun after it is likely its subject or its object ("اتهم X بـ", "دعا X إلى")
        toks = sent.tokens
        for e, f in zip(ends, feats):
            f.append(_CUE_EMPTY[cue, e == start])
            if e > start:
                # "أشاد X بـ", "قال X لـ": whether the verb takes the attached preposition's phrase
                f.append(_CUE_PREP[cue, _attached_preposition(toks[e].norm if e < len(toks) else "")])
    if record is not None:
        record.append((ends, feats))
    if model is None:
        return rule_end
    return ends[model.choose(feats)]
