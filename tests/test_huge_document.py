"""One very long document: segmentation in place, windows for runs without punctuation, bounded state.

Speed and peak memory are measured in ``benchmarks/bench_huge_document.py``; these tests check the
structure that keeps them bounded: spans computed without copies agree with the plain definitions,
over-long sentences are cut into windows that lose no utterance, and per-document state stays small.
"""

import logging
import re

import pandas as pd
import pytest

from framing.attribution.actors import Registry
from framing.attribution import attribute_document
from framing.attribution.document import (MAX_SENTENCE_CHARS, WINDOW_CHARS, WINDOW_MARGIN, prepare, quote_inner,
                                          windows)
from framing.attribution.resolve import SpeakerResolver
from framing.text import INVISIBLE, detect_language, paragraph_spans, sentence_spans

TEXTS = [
    "Title\n\n  Mr. Smith said it. He left! \u200b\n \u200f \n«نحن هنا». وانتهى؟ J. Biden spoke at 3.5 p.m. today.",
    '"We are ready. We will act," he said. \'\'We won,\'\' she said.\n\nقال المتحدث: «لا تغيير».  ',
    "  \n\t\n",
    "no punctuation at all just words " * 5,
]


def _reference_paragraphs(text):
    # the definition: non-blank lines, stripped
    spans = []
    for m in re.finditer(r"[^\r\n]+", text):
        line = m.group()
        if all(ch.isspace() or ch in INVISIBLE for ch in line):
            continue
        spans.append((m.start() + len(line) - len(line.lstrip()), m.start() + len(line.rstrip())))
    return spans


@pytest.mark.parametrize("text", TEXTS)
def test_paragraph_and_sentence_spans_found_in_place_match_the_definitions(text):
    assert paragraph_spans(text) == _reference_paragraphs(text)
    for a, b in paragraph_spans(text):
        inside = sentence_spans(text, a, b)
        # the same sentences as splitting a copy of the paragraph, shifted by its start
        assert inside == [(a + x, a + y) for x, y in sentence_spans(text[a:b])]
        assert all(a <= x < y <= b and text[x:y] == text[x:y].strip() for x, y in inside)


@pytest.mark.parametrize("text", TEXTS + ["The talks were useful, officials said on Monday " * 20 + " قال الوزير"])
def test_language_of_a_span_is_the_language_of_its_copy(text):
    for a, b in paragraph_spans(text) + [(0, len(text)), (3, max(3, len(text) - 2))]:
        assert detect_language(text, "und", start=a, end=b) == detect_language(text[a:b], "und")


def test_windows_cut_at_whitespace_and_cover_every_word():
    text = "  " + " ".join(f"word{i}" for i in range(500)) + "  "
    spans = windows(text, 0, len(text), size=100)
    assert all(0 < b - a <= 100 for a, b in spans)
    assert all(b1 < a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
    # no word is cut, none is lost, and the spans index the original text
    assert [w for a, b in spans for w in text[a:b].split()] == text.split()
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)


def test_windows_of_text_without_spaces_are_cut_at_the_size():
    text = "x" * 2500
    assert windows(text, 0, len(text), size=1000) == [(0, 1000), (1000, 2000), (2000, 2500)]


def _linear_lookups(doc):
    """The quotation look-ups as plain scans over every quotation (their definitions)."""
    def opening(pos, limit):
        return next((q for q in doc.quotes if pos <= q[0] < limit), None)

    def closing(pos, limit):
        found = [q for q in doc.quotes if pos <= q[1] - 1 < limit]
        return found[-1] if found else None

    def inside(pos):
        return next((q for q in doc.quotes if quote_inner(doc.text, q)[0] <= pos < quote_inner(doc.text, q)[1]), None)

    return opening, closing, inside


def test_quote_lookups_by_bisection_agree_with_a_scan():
    text = ('قال «نحن "هنا" الآن» ثم "كلام" و\'\'We won,\'\' he said; “a” b «c” d ‘e’ f\n\n'
            '"x «y» z" and «unclosed and "two" and "three".')
    doc = prepare(text)
    assert len(doc.quotes) >= 6
    opening, closing, inside = _linear_lookups(doc)
    for pos in range(len(text) + 1):
        assert doc.inside_quote(pos) == inside(pos)
        for limit in range(pos, min(len(text), pos + 12) + 1):
            assert doc.quote_opening_at(pos, limit) == opening(pos, limit)
            assert doc.quote_closing_at(pos, limit) == closing(pos, limit)


def _unpunctuated(n):
    # reported speech with no sentence punctuation: one "sentence" of n clauses
    return " ".join(f"Peskov said the talks number {i} were useful and" for i in range(n))


def test_a_run_without_punctuation_loses_no_utterance_and_bounds_the_contents(caplog):
    text = _unpunctuated(600)
    assert len(text) > 2 * MAX_SENTENCE_CHARS and "." not in text
    with caplog.at_level(logging.WARNING, logger="framing.attribution"):
        rows = attribute_document({"doc_id": "long", "text": text, "lang": "en"})
    assert "without sentence punctuation" in caplog.text and "long" in caplog.text
    # every cue is found, also those next to a window boundary
    assert sorted(r["cue_start"] for r in rows) == [m.start() for m in re.finditer(r"\bsaid\b", text)]
    for r in rows:
        assert text[r["cue_start"]:r["cue_end"]] == r["cue"]
        assert text[r["content_start"]:r["content_end"]] == r["content"]
        # uncut, each content ran to the end of the run: their total grew with the square of its length
        assert len(r["content"]) <= WINDOW_CHARS + 2 * WINDOW_MARGIN
    # the speaker named just before a cue is found, also across a window boundary
    assert {r["speaker"] for r in rows} == {"Dmitry Peskov"}


def test_ordinary_sentences_are_not_windowed():
    text = "وقال المتحدث إن المحادثات كانت مفيدة. " * 400
    doc = prepare(text)
    assert doc.windowed == 0
    assert [(s.start, s.end) for s in doc.sentences] == sentence_spans(text)


def test_a_released_sentence_builds_the_same_tokens_again():
    sent = prepare("Peskov said the talks were useful.").sentences[0]
    tokens = sent.tokens
    sent.release()
    assert sent._tokens is None and sent.tokens == tokens


def test_the_resolver_keeps_a_bounded_history_and_each_role_once():
    resolver = SpeakerResolver(Registry.load(), lang="en")
    for _ in range(200):
        sp = resolver.resolve_mention(["Russian", "Foreign", "Minister", "Sergei", "Lavrov"])
        resolver.record(sp, None)
    assert len(resolver.history) <= 6
    for ent in resolver.entities:
        assert len(ent.role_stems) == len(set(ent.role_stems))
    assert resolver.resolve_implicit().speaker_id == sp.speaker_id


def test_measures_scored_in_chunks_equal_the_measures_scored_at_once(monkeypatch):
    from framing import measures

    rows = attribute_document({"doc_id": "d", "text": "وقال الوزير إن روسيا تهدد أوكرانيا. " * 40
                               + "Peskov said the talks were useful. " * 30})
    utterances = pd.DataFrame(rows)
    whole = measures.score_utterances(utterances)
    monkeypatch.setattr(measures, "SCORE_CHUNK", 7)
    pd.testing.assert_frame_equal(measures.score_utterances(utterances), whole)
