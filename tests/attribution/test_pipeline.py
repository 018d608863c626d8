"""The utterances table from whole documents: columns, offsets, ids, and one speaker across documents."""

import pytest

from framing.attribution import EXTRA_COLUMNS, UTTERANCE_COLUMNS, attribute, attribute_document, utterances_frame
from framing.attribution.document import quote_spans
from framing.attribution.evaluate import evaluate_attribution

from attribution_support import AR_TEXT, attribute_text


def test_contract_columns_and_offsets(registry):
    df = attribute_text(AR_TEXT, registry)
    assert list(df.columns[:len(UTTERANCE_COLUMNS)]) == UTTERANCE_COLUMNS
    for r in df.itertuples():
        assert AR_TEXT[r.cue_start:r.cue_end] == r.cue
        assert AR_TEXT[r.content_start:r.content_end] == r.content
        if r.mention:
            assert AR_TEXT[int(r.mention_start):int(r.mention_end)] == r.mention
        assert 0 < r.confidence <= 1


def test_ids_name_the_document_and_cue_and_an_empty_table_keeps_its_columns(registry):
    df = attribute_text(AR_TEXT, registry)
    assert df.utterance_id.is_unique
    assert all(uid.split("-")[0] == f"t:{start}" for uid, start in zip(df.utterance_id, df.cue_start))
    assert list(df.cue_start) == sorted(df.cue_start)      # document order
    empty = utterances_frame([])
    assert empty.empty and list(empty.columns) == UTTERANCE_COLUMNS + EXTRA_COLUMNS
    assert attribute_document({"doc_id": "e", "text": ""}, registry) == []


def test_unbalanced_quotes_do_not_crash(registry):
    text = "عنوان\n\nوقال العلي «إن السد جاهز.\nHe said \u201cnothing more.\n"
    df = attribute_text(text, registry)
    assert len(df) == 2
    assert quote_spans("a « b", 0, 5) == []


def test_same_actor_across_languages_is_one_speaker(registry):
    docs = [{"doc_id": "ar", "text": "خبر\n\nوقال سامي العلي إن السد جاهز.", "date": "2021-01-01"},
            {"doc_id": "en", "text": "News\n\nSami Ali said the dam is ready.", "date": "2021-01-01"}]
    u = attribute(docs, registry)
    assert u.speaker_id.tolist() == ["sami_ali", "sami_ali"]


@pytest.mark.shared
def test_seed_article_meets_the_bar(shared, seed_path):
    u = attribute(seed_path)
    r = evaluate_attribution(u, shared / "gold" / "seed_utterances.jsonl")
    assert r["detection"]["recall"] >= 0.95
    assert r["detection"]["precision"] >= 0.90
    assert r["attribution"]["tp"] == r["detection"]["tp"]  # every matched event has the right speaker
