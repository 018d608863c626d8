"""Speaker attribution on small Arabic and English texts written for these tests."""

import pandas as pd
import pytest

from framing.attribution.actors import Actor, Registry
from framing.attribution import UTTERANCE_COLUMNS, attribute, attribute_document
from framing.attribution.document import quote_spans
from framing.attribution.evaluate import evaluate_attribution, score_events


@pytest.fixture(scope="module")
def registry():
    return Registry([
        Actor("ministry", "Ministry of Water", "institution", side="Atlantis",
              names={"ar": ["وزارة المياه"], "en": ["Ministry of Water"]}),
        Actor("sami_ali", "Sami Ali", "person", side="Atlantis",
              names={"ar": ["سامي العلي", "العلي"], "en": ["Sami Ali", "Ali"]},
              roles={"ar": ["وزير المياه"], "en": ["water minister"]}, in_office=("2020-01-01", "2022-12-31")),
    ])


AR_TEXT = """الوزارة: الأمطار ستعود قريبا

أكدت وزارة المياه أن المخزون يكفي لعام كامل.
وقال وزير المياه سامي العلي إن الحكومة ستبني سدا جديدا، موضحا أن العمل يبدأ في الربيع.
وأضاف العلي أن التمويل متوفر.
وأشار إلى أن الأسعار لن ترتفع.
وقالت المهندسة ليلى حسن للصحفيين "نحن مستعدون تماما لموسم الجفاف".
وقال مسؤول في الوزارة إن الخطة سرية.
وذكر الصحافي المختص بالبيئة كريم نور أن الخبراء يشككون في الخطة.
وأوضح نور أن التقارير متضاربة.
"""


def _rows(text, registry, date="2021-06-01"):
    return pd.DataFrame(attribute_document({"doc_id": "t", "text": text, "date": date}, registry))


def test_contract_columns_and_offsets(registry):
    df = _rows(AR_TEXT, registry)
    assert list(df.columns[:len(UTTERANCE_COLUMNS)]) == UTTERANCE_COLUMNS
    for r in df.itertuples():
        assert AR_TEXT[r.cue_start:r.cue_end] == r.cue
        assert AR_TEXT[r.content_start:r.content_end] == r.content
        if r.mention:
            assert AR_TEXT[int(r.mention_start):int(r.mention_end)] == r.mention
        assert 0 < r.confidence <= 1


def test_arabic_speakers_roles_surnames_and_implicit(registry):
    df = _rows(AR_TEXT, registry).set_index("cue")
    assert df.loc["أكدت", "speaker_id"] == "ministry"
    assert df.loc["وقال"].iloc[0]["speaker_id"] == "sami_ali"
    assert df.loc["موضحا", "speaker_id"] == "sami_ali"           # participle continues the speaker
    assert df.loc["وأضاف", "speaker_id"] == "sami_ali"            # surname alone
    assert df.loc["وأضاف", "mention"] == "العلي"
    assert df.loc["وأشار", "speaker_id"] == "sami_ali"            # implicit: carried over
    assert df.loc["وأشار", "mention"] == ""
    assert df.loc["وأشار", "confidence"] < df.loc["وأضاف", "confidence"]


def test_arabic_direct_quote_unknown_and_anonymous_speakers(registry):
    df = _rows(AR_TEXT, registry)
    direct = df[df.cue == "وقالت"].iloc[0]
    assert direct.kind == "direct"
    assert direct.content == "نحن مستعدون تماما لموسم الجفاف"
    assert "ليلى حسن" in direct.speaker and direct.speaker_id.startswith("x:")
    anon = df[df.mention.str.startswith("مسؤول")].iloc[0]
    assert anon.speaker_kind == "anonymous"
    # a surname of an unregistered speaker resolves to the full name given earlier
    noor = df[df.cue.isin(["وذكر", "وأوضح"])]
    assert noor.speaker_id.nunique() == 1 and noor.iloc[-1].mention == "نور"


def test_headline_colon_form(registry):
    df = _rows(AR_TEXT, registry)
    head = df[df.paragraph == 0].iloc[0]
    assert head.kind == "headline" and head.cue == "الوزارة:"
    assert head.content == "الأمطار ستعود قريبا"


def test_role_respects_term_of_office(registry):
    text = "خبر\n\nوقال وزير المياه إن السد جاهز.\n"
    assert _rows(text, registry, "2021-05-01").iloc[0].speaker_id == "sami_ali"
    assert _rows(text, registry, "2024-05-01").iloc[0].speaker_id != "sami_ali"


def test_embedded_speech_is_not_a_new_event(registry):
    text = "خبر\n\nوقال العلي إن الوزير أكد له أن السد جاهز.\n"
    assert list(_rows(text, registry).cue) == ["وقال"]


def test_english_orders_quotes_and_pronouns(registry):
    text = ("Water talks\n\n"
            "Sami Ali said the dam would open in May.\n"
            "\u201cWe are ready,\u201d said the water minister.\n"
            "He added that prices would not rise.\n"
            "The plan is secret, according to a senior official.\n"
            "The United States sent observers.\n")
    df = _rows(text, registry)
    assert list(df.cue) == ["said", "said", "added", "according to"]
    assert df.iloc[0].speaker_id == "sami_ali" and df.iloc[0].kind == "indirect"
    assert df.iloc[1].kind == "direct" and df.iloc[1].content == "We are ready,"
    assert df.iloc[1].speaker_id == "sami_ali"          # role -> registry actor
    assert df.iloc[2].mention == "He" and df.iloc[2].speaker_id == "sami_ali"
    assert df.iloc[3].speaker_kind == "anonymous"


def test_unbalanced_quotes_do_not_crash(registry):
    text = "عنوان\n\nوقال العلي «إن السد جاهز.\nHe said \u201cnothing more.\n"
    df = _rows(text, registry)
    assert len(df) == 2
    assert quote_spans("a « b", 0, 5) == []


def test_same_actor_across_languages_is_one_speaker(registry):
    docs = [{"doc_id": "ar", "text": "خبر\n\nوقال سامي العلي إن السد جاهز.", "date": "2021-01-01"},
            {"doc_id": "en", "text": "News\n\nSami Ali said the dam is ready.", "date": "2021-01-01"}]
    u = attribute(docs, registry)
    assert u.speaker_id.tolist() == ["sami_ali", "sami_ali"]


def test_scoring_rewards_and_penalizes(registry):
    gold = [{"doc": "d", "paragraph": 1, "cue": "وقال", "speaker": "A", "required": True},
            {"doc": "d", "paragraph": 2, "cue": "موضحا", "speaker": "A", "required": False},
            {"doc": "d", "paragraph": 3, "cue": "قال", "speaker": "B", "required": True}]
    pred = [{"doc_id": "d", "paragraph": 1, "cue": "قال", "speaker": "A", "mention": "", "mention_full": ""},
            {"doc_id": "d", "paragraph": 2, "cue": "موضحا", "speaker": "Z", "mention": "", "mention_full": ""},
            {"doc_id": "d", "paragraph": 4, "cue": "أكد", "speaker": "B", "mention": "", "mention_full": ""}]
    r = score_events(pred, gold)
    assert r["detection"]["tp"] == 1 and r["detection"]["fp"] == 1 and r["detection"]["fn"] == 1
    assert r["attribution"]["precision"] == 0.5


@pytest.mark.shared
def test_seed_article_meets_the_bar(shared, seed_path):
    u = attribute(seed_path)
    r = evaluate_attribution(u, shared / "gold" / "seed_utterances.jsonl")
    assert r["detection"]["recall"] >= 0.95
    assert r["detection"]["precision"] >= 0.90
    assert r["attribution"]["tp"] == r["detection"]["tp"]  # every matched event has the right speaker


def test_first_person_outside_quotes_is_the_author():
    reg = Registry([Actor("water_board", "Water Board", "institution", names={"en": ["Water Board"]})])
    doc = {"doc_id": "s", "text": "Statement\n\nWe've said that the dam is safe. I don't think it will fail.",
           "outlet": "water_board", "lang": "en"}
    rows = attribute_document(doc, reg)
    assert [r["speaker_id"] for r in rows] == ["water_board", "water_board"]
    assert rows[1]["mention"] == "I"
    unknown_outlet = attribute_document({**doc, "outlet": "Daily Planet"}, reg)
    assert {r["speaker"] for r in unknown_outlet} == {"Daily Planet"}
