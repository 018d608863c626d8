"""From documents to the utterances table.

For each document: segment it (:mod:`~framing.attribution.document`), find
reporting events per sentence with the extractor of the sentence's language
(:mod:`~framing.attribution.arabic`, :mod:`~framing.attribution.english`),
resolve each event's speaker (:mod:`~framing.attribution.resolve`) and emit
one row per utterance with offsets into the original text.

Examples
--------
>>> rows = attribute_document({"doc_id": "d1", "text": "Title\\n\\nPeskov said the talks were useful."})
>>> rows[0]["speaker"], rows[0]["cue"], rows[0]["kind"]
('Dmitry Peskov', 'said', 'indirect')
"""

from __future__ import annotations

import logging
import re
from array import array
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from framing.attribution.actors import Registry
from framing.attribution.arabic import arabic_events, may_have_colon_quote
from framing.attribution.cues import cue_lexicon
from framing.attribution.document import MAX_SENTENCE_CHARS, WINDOW_CHARS, WINDOW_MARGIN, prepare
from framing.attribution.english import english_events, may_have_mark_quote
from framing.attribution.resolve import CONFIDENCE, SpeakerResolver
from framing.attribution.signature import document_signer
from framing.attribution.cue_model import default_cue_model
from framing.attribution.speaker_model import default_model
from framing.attribution.turns import transcript_turns, turn_event
from framing.text import fold, paragraph_spans

#: The utterances table contract (DESIGN.md), then the extra columns this stage adds.
UTTERANCE_COLUMNS = [
    "utterance_id", "doc_id", "paragraph", "sentence", "cue", "cue_start", "cue_end", "speaker_id", "speaker",
    "mention", "mention_start", "mention_end", "kind", "content", "content_start", "content_end", "confidence",
    "lang",
]
EXTRA_COLUMNS = ["cue_type", "speaker_kind", "side", "mention_full", "resolved_by"]
COLUMNS = UTTERANCE_COLUMNS + EXTRA_COLUMNS
#: Method name recorded with every table this stage writes.
METHOD = "attribution.rules.v1"


def attribution_methods() -> list[str]:
    """The method names of attribution as it runs: the rules, and each shipped learned model.

    >>> attribution_methods()[0]
    'attribution.rules.v1'
    """
    models = [default_model("ar"), default_cue_model("en")]
    return [METHOD] + [m.metadata.get("method", "") for m in models if m is not None]

_EXTRACTORS = {"ar": arabic_events, "en": english_events}
#: Screens for quotes an extractor finds without a cue word (the Arabic headline colon form).
_COLON_SCREENS = {"ar": may_have_colon_quote, "en": may_have_mark_quote}
#: Confidence multipliers for weaker evidence about the event itself.
_WEAK_CUE = 0.8
_OPTIONAL_CUE = 0.9
_LINKED = 0.75

logger = logging.getLogger("framing.attribution")


def attribute_document(doc: Mapping, registry: Registry | None = None) -> list[dict]:
    """Utterance rows (dicts with the table's columns) for one document.

    Parameters
    ----------
    doc : mapping
        A document row: ``doc_id`` and ``text`` are required; ``lang`` and
        ``date`` are used when present.
    registry : Registry, optional
        The actor registry (the shipped one by default).

    See Also
    --------
    document_columns : the same utterances as column lists (far less memory for a long document).
    """
    columns = document_columns(doc, registry)
    return [dict(zip(columns, values)) for values in zip(*columns.values())]


def document_columns(doc: Mapping, registry: Registry | None = None, *, use_model: bool = True,
                     cue_model=None, issuer_voice: bool = False) -> dict[str, list]:
    """One document's utterances as column lists, in the order of :data:`UTTERANCE_COLUMNS` + :data:`EXTRA_COLUMNS`.

    A row dict costs about 1.7 KB; a 50 MB document has hundreds of
    thousands of utterances, so the rows are kept as columns from the start.
    ``use_model=False`` leaves the learned components out (the rules alone);
    ``cue_model`` replaces the shipped English cue model (for training).
    ``issuer_voice=True`` also reads every other sentence as a statement of
    the document's issuer (:func:`issued_sentences`): a press release speaks
    in its issuer's voice ("The United States condemns ...").

    >>> cols = document_columns({"doc_id": "d1", "text": "Peskov said the talks were useful."})
    >>> cols["speaker"], cols["kind"]
    (['Dmitry Peskov'], ['indirect'])
    """
    registry = registry if registry is not None else _default_registry()  # an empty one is a choice
    text = doc.get("text") or ""
    doc_id = str(doc["doc_id"])
    prepared = prepare(text, lang=_clean(doc.get("lang")))
    if prepared.windowed:
        logger.warning("warning: document %s: %d run(s) of more than %s characters without sentence punctuation "
                       "were read in windows of %s characters; an utterance there has at most %s characters of "
                       "content (split the text into sentences to avoid this)", doc_id, prepared.windowed,
                       f"{MAX_SENTENCE_CHARS:,}", f"{WINDOW_CHARS:,}", f"{WINDOW_CHARS + 2 * WINDOW_MARGIN:,}")
    day = _clean(doc.get("date"))
    # the learned choice of where a speaker phrase ends, per language (None: the rules decide)
    speaker_models = {lang: default_model(lang) for lang in ("ar",)} if use_model else {}
    # the learned detector of cues the lexicon does not list, per language
    cue_models = {lang: default_cue_model(lang) for lang in ("en",)} if use_model else {}
    if cue_model is not None:
        cue_models["en"] = cue_model  # a model being trained or compared
    # a signed letter or order speaks in its signer's voice, not its publisher's
    author = document_signer(text, registry) or _clean(doc.get("outlet"))
    resolver = SpeakerResolver(registry, lang=prepared.lang, day=day, author=author, doc_id=doc_id)
    resolver.text = text
    cols = empty_columns()
    # cue words, mentions and confidences repeat down a long document: rows share one copy of each
    shared: dict = {}

    def share(value):
        return shared.setdefault(value, value)

    # a transcript's turns ("THE PRESIDENT: ...", "Q ..."): each speaker's turn is an utterance of its own
    turns = transcript_turns(text) if prepared.lang == "en" else []
    next_turn, in_question = 0, False
    for sent in prepared.sentences:
        turn_events = []
        while next_turn < len(turns) and turns[next_turn].label_start < sent.end:
            turn_events.append(turn_event(turns[next_turn], text))
            next_turn += 1
        extract = _EXTRACTORS.get(sent.lang)
        if extract is None and not turn_events:
            continue
        lex = cue_lexicon(sent.lang) if extract is not None else None
        colon_quote = _COLON_SCREENS.get(sent.lang)
        # a cue model reads every sentence: a quarter of the statements are reported with words
        # the lexicon does not list ("plans", "blasted"), in sentences that hold no listed one
        if extract is None or (not lex.may_have_cue(sent.text, sent.norms)
                               and not (colon_quote and colon_quote(sent))
                               and cue_models.get(sent.lang) is None):
            sent.release()
            if not turn_events:
                continue  # most sentences: never tokenized
            events = []
        else:
            events = extract(sent, lex, registry, speaker_model=speaker_models.get(sent.lang), day=day,
                             **({"cue_model": cue_models.get(sent.lang)} if sent.lang == "en" else {}))
            # each sentence is visited once: its tokens go, so a long document never holds them all
            sent.release()
        if sent.keep is not None:
            # a window of an over-long sentence: the events in its margins belong to its neighbours
            events = [ev for ev in events if sent.keep[0] <= ev.cue_start < sent.keep[1]]
        if turn_events:
            events = sorted(turn_events + events, key=lambda e: e.cue_start)
        previous = previous_event = None
        for ev in events:
            if ev.cue_type in ("turn", "question"):
                # "I" and "we" in a turn are its speaker; a journalist's question is nobody's statement here
                in_question = ev.cue_type == "question"
                resolver.first_person = None if in_question else resolver.resolve_turn(list(ev.mention_tokens))
                if in_question:
                    continue
            elif in_question:
                continue
            if ev.link_previous and previous is not None:
                sp = resolver._carry(previous, "implicit")
                how_factor = _LINKED / CONFIDENCE["implicit"]
                # the subject of the verb it continues stands in this sentence: it is the mention
                ev.mention = previous_event.mention
            elif ev.cue_type == "turn":
                sp, how_factor = resolver.first_person, 1.0
            elif ev.mention_tokens:
                resolver.position = ev.mention[0] if ev.mention else ev.cue_start
                sp = resolver.resolve_mention(list(ev.mention_tokens), feminine=ev.feminine)
                how_factor = 1.0
            else:
                resolver.position = ev.cue_start
                sp = resolver.resolve_implicit(feminine=ev.feminine, how="pronoun" if ev.pronoun else "implicit",
                                               plural=ev.plural)
                how_factor = 1.0
            resolver.record(sp, ev.feminine, until=max(ev.cue_end, ev.content[1]) if ev.content else ev.cue_end)
            previous, previous_event = sp, ev
            if ev.silent:
                continue
            conf = sp.confidence * how_factor
            conf *= _WEAK_CUE if ev.weak else 1.0
            conf *= 1.0 if ev.required else _OPTIONAL_CUE
            m0, m1 = ev.mention if ev.mention else (None, None)
            c0, c1 = ev.content
            for name, value in (
                    ("utterance_id", f"{doc_id}:{ev.cue_start}"), ("doc_id", doc_id), ("paragraph", sent.paragraph),
                    ("sentence", sent.index), ("cue", share(text[ev.cue_start:ev.cue_end])),
                    ("cue_start", ev.cue_start), ("cue_end", ev.cue_end), ("speaker_id", share(sp.speaker_id)),
                    ("speaker", share(sp.speaker)), ("mention", share(text[m0:m1]) if m0 is not None else ""),
                    ("mention_start", m0), ("mention_end", m1), ("kind", ev.kind), ("content", text[c0:c1]),
                    ("content_start", c0), ("content_end", c1), ("confidence", share(round(min(1.0, conf), 3))),
                    ("lang", sent.lang), ("cue_type", ev.cue_type), ("speaker_kind", sp.kind), ("side", sp.side),
                    ("mention_full", ""), ("resolved_by", sp.how)):
                cols[name].append(value)
    if issuer_voice:
        _add_issued(cols, doc, prepared, turns, resolver, share)
    # a title or surname first ("الرئيس التونسي:" in the headline) names the person the article names later
    links = resolver.final_links()
    if links:
        for i, sid in enumerate(cols["speaker_id"]):
            sp = links.get(sid)
            if sp is not None:
                cols["speaker_id"][i], cols["speaker"][i] = sp.speaker_id, sp.speaker
                cols["speaker_kind"][i], cols["side"][i] = sp.kind, sp.side
    cols["mention_full"] = [resolver.fullest_mention(sid) or mention
                            for sid, mention in zip(cols["speaker_id"], cols["mention"])]
    # two events on one cue (a relayed quote and its relay): keep ids unique and stable
    seen: dict[str, int] = {}
    ids = cols["utterance_id"]
    for i, uid in enumerate(ids):
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:
            ids[i] = f"{uid}-{seen[uid]}"
    return cols


WORD_RE = re.compile(r"\w+")
#: The fewest words an issuer's sentence has to be a statement ("Read more.", "Contact:" are not).
ISSUED_MIN_WORDS = 6
#: Confidence of a statement read in the issuer's voice: no cue says who speaks, the document does.
ISSUED_CONFIDENCE = 0.7
#: A title naming who issues the text: "Statement from President Biden on ...", "Remarks by the Secretary".
_ISSUER_TITLE = re.compile(r"^\s*(?:joint\s+)?(?:statement|remarks|readout|message|letter|op-ed|testimony)\s+"
                           r"(?:from|by|of)\s+(.+?)(?:(?:'s|’s|\s+s)\b.*|\s+(?:on|at|to|in|for|regarding|following|"
                           r"after|before|during|with|as|and)\s+.*|\s+\w+ing\b.*)?$", re.IGNORECASE)
#: The same with the holder's possessive ("Readout of Under Secretary of Defense for Policy Dr. Colin Kahl's
#: Travel", "READOUT: Deputy Secretary of the Treasury Wally Adeyemo's Meeting"): the whole title and name
#: before it, its "of" and "for" included, issue the text; "on", "with", "and" ... end the issuer before any
#: possessive ("Statement by the Spokesperson on the Advisor's Meeting" is the spokesperson's). A colon form
#: names an issuer only with the possessive ("READOUT: Task Force Deputies Meeting" names none).
_ISSUER_POSSESSIVE = re.compile(r"^\s*(?:joint\s+)?(?:statement|remarks|readout|message|letter|op-ed|testimony)\s*"
                                r"(?:\s(?:from|by|of)|:)\s+((?:(?!\s(?:on|at|to|in|regarding|following|after|before|"
                                r"during|with|as|and)\s)[^'’:|]){3,120}?)(?:'s|’s)\s", re.IGNORECASE)


def issued_sentences(text: str, prepared, turns, covered: list[tuple[int, int]], *, skip_first: bool):
    """The sentences of a document no reported statement covers: (paragraph, index, start, end, lang).

    Sentences of fewer than :data:`ISSUED_MIN_WORDS` words, the headline
    (``skip_first``) and journalists' questions in a transcript are left out.
    """
    questions = [(t.label_start, t.end) for t in turns if t.question]
    spans = sorted(covered)
    j = 0
    for sent in prepared.sentences:
        if skip_first and sent.paragraph == 0:
            continue
        a, b = (sent.keep if sent.keep is not None else (sent.start, sent.end))
        while j < len(spans) and spans[j][1] <= a:
            j += 1
        if j < len(spans) and spans[j][0] < b:
            continue  # a reported statement is here: its speaker is named
        if any(q0 < b and a < q1 for q0, q1 in questions):
            continue
        if len(WORD_RE.findall(text, a, b)) < ISSUED_MIN_WORDS:
            continue
        yield sent.paragraph, sent.index, a, b, sent.lang


def _add_issued(cols, doc, prepared, turns, resolver, share) -> None:
    """Append the issuer's own sentences to a document's utterance columns (kind and cue type ``issued``)."""
    text, doc_id = doc.get("text") or "", str(doc["doc_id"])
    title = _clean(doc.get("title"))
    # a site's name after a bar is no part of the issuer: "Statement by Group of Creditors of Ukraine |
    # U.S. Department of the Treasury"
    head = title.split(" | ")[0] if title else title
    m = (_ISSUER_POSSESSIVE.match(head) or _ISSUER_TITLE.match(head)) if head else None
    issuer = None
    if m:
        named = WORD_RE.findall(m.group(1))
        # "Statement of the President": a bare title is the office holder of the issuing body's country
        issuer = resolver.author_office(named) or resolver.resolve_mention(named)
    elif resolver.author:
        issuer = resolver.resolve_author()
    if issuer is None:
        return  # no title naming an issuer and no outlet: nobody to give the sentences to
    # each reported statement covers its cue and its content, in either order ("..., he said")
    covered = [(min(c0, s0), max(c1, s1)) for c0, c1, s0, s1 in
               zip(cols["cue_start"], cols["cue_end"], cols["content_start"], cols["content_end"])]
    first = paragraph_spans(text)[:1]
    skip_first = bool(first) and bool(title) and fold(text[first[0][0]:first[0][1]]).strip() == fold(title).strip()
    for paragraph, index, a, b, lang in issued_sentences(text, prepared, turns, covered, skip_first=skip_first):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        for name, value in (
                ("utterance_id", f"{doc_id}:{a}:issued"), ("doc_id", doc_id),
                ("paragraph", paragraph), ("sentence", index), ("cue", ""), ("cue_start", a), ("cue_end", a),
                ("speaker_id", share(issuer.speaker_id)), ("speaker", share(issuer.speaker)), ("mention", ""),
                ("mention_start", None), ("mention_end", None), ("kind", "issued"), ("content", text[a:b]),
                ("content_start", a), ("content_end", b),
                ("confidence", share(round(min(1.0, issuer.confidence * ISSUED_CONFIDENCE), 3))),
                ("lang", lang), ("cue_type", "issued"), ("speaker_kind", issuer.kind), ("side", issuer.side),
                ("mention_full", ""), ("resolved_by", "issuer")):
            cols[name].append(value)
    # in document order, as the reported statements are
    where = [min(x for x in (c, s) if x is not None) for c, s in zip(cols["cue_start"], cols["content_start"])]
    order = sorted(range(len(where)), key=where.__getitem__)
    if order != list(range(len(order))):
        for name, values in cols.items():
            cols[name] = [values[i] for i in order]


def attribute(documents, registry: Registry | None = None, *, actors=None, progress: bool = False) -> pd.DataFrame:
    """The utterances table of a corpus: who said what, where, with what confidence.

    Parameters
    ----------
    documents : path, Corpus, DataFrame or iterable of mappings
        A path is read with :func:`framing.corpus.documents.read_corpus` (default options).
    registry : Registry, optional
        Actor registry; by default the shipped one, extended by ``actors``.
    actors : path or list of paths, optional
        User YAML files that extend or override the shipped registry.
    progress : bool
        Show a progress bar on standard error.

    Returns
    -------
    pandas.DataFrame
        One row per utterance, columns :data:`UTTERANCE_COLUMNS` then
        :data:`EXTRA_COLUMNS`, in document order.

    Examples
    --------
    >>> import framing
    >>> u = framing.attribute("corpora/seed")            # doctest: +SKIP
    >>> u.groupby("speaker").size().sort_values().tail(3)  # doctest: +SKIP
    """
    if registry is None:
        registry = Registry.load(actors) if actors else _default_registry()
    docs = _iter_documents(documents)
    if progress:
        from tqdm.auto import tqdm

        docs = tqdm(docs, desc="attribution", unit="doc")
    rows: list[dict] = []
    for doc in docs:
        rows.extend(attribute_document(doc, registry))
    return utterances_frame(rows)


def utterances_frame(rows: list[dict]) -> pd.DataFrame:
    """A typed utterances table from row dicts (empty rows give an empty table with the columns)."""
    return columns_frame({c: [r.get(c) for r in rows] for c in COLUMNS})


def columns_frame(columns: dict[str, list]) -> pd.DataFrame:
    """A typed utterances table from column lists (:func:`document_columns`, or several joined).

    The lists are taken out of ``columns`` as each column is built, so a
    long document's Python strings are freed while their table copies are
    made (pandas stores text in its own arrays), instead of both living
    at once.  Other keys of ``columns`` are left in it.
    """
    n = len(columns.get("utterance_id", ()))
    typed = {}
    for c in COLUMNS:
        values = columns.pop(c, None)
        if values is None:
            values = [None] * n
        if c in _INT_COLUMNS:
            typed[c] = pd.Series(np.frombuffer(values, dtype=np.int64).copy() if isinstance(values, array)
                                 else values, dtype="int64")
        elif c in ("mention_start", "mention_end"):
            typed[c] = pd.Series(pd.array(values, dtype="Int64"))
        elif c == "confidence":
            typed[c] = pd.Series(values, dtype="float64")
        else:
            typed[c] = pd.Series(values, dtype=None if n else object)
        del values
    return pd.DataFrame(typed, columns=COLUMNS)


_INT_COLUMNS = frozenset(("paragraph", "sentence", "cue_start", "cue_end", "content_start", "content_end"))


def empty_columns(extra=()) -> dict:
    """Column containers for utterances: machine-integer arrays for offsets and indexes, lists for the rest.

    An offset held as a Python int costs 36 bytes, in an ``array`` 8; a long
    document has hundreds of thousands of utterances.

    >>> cols = empty_columns(("outlet",))
    >>> type(cols["cue_start"]).__name__, type(cols["speaker"]).__name__, "outlet" in cols
    ('array', 'list', True)
    """
    return {c: array("q") if c in _INT_COLUMNS else [] for c in (*COLUMNS, *extra)}


def _iter_documents(documents) -> Iterable[Mapping]:
    if isinstance(documents, pd.DataFrame):
        return (row._asdict() for row in documents.itertuples(index=False))
    if isinstance(documents, (str,)) or hasattr(documents, "__fspath__"):
        from framing.corpus.documents import read_corpus

        return iter(read_corpus(documents))
    return iter(documents)


def _clean(value):
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value) or None


_REGISTRY: Registry | None = None


def _default_registry() -> Registry:
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = Registry.load()
    return _REGISTRY
