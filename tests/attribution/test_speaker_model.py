"""The learned choice of where a speaker phrase ends: candidates, features, the shipped model."""

from framing.attribution.actors import DEFAULT_REGISTRY
from framing.attribution.cues import cue_lexicon
from framing.attribution.document import prepare
from framing.attribution.pipeline import document_columns
from framing.attribution.speaker_model import SpeakerSpanModel, default_model, span_ends, span_features
from framing.files import file_sha256

LEX = cue_lexicon("ar")


def _sentence(text):
    return prepare(text).sentences[0]


def test_candidates_stop_at_the_reported_clause():
    sent = _sentence("وقال مسؤولون في وزارة النقل إن الطريق مغلق.")
    ends = span_ends(sent, 1, LEX)
    assert ends[0] == 1  # the empty phrase: an implicit speaker
    words = [t.text for t in sent.tokens]
    assert words[ends[-1]] == "إن"  # never past the complementizer


def test_a_short_quoted_name_is_crossed_a_quotation_is_not():
    named = _sentence("وتقول مجموعة «نون للحقوق» إنها ستستأنف.")
    words = [t.text for t in named.tokens]
    assert "للحقوق" in words[1:span_ends(named, 1, LEX)[-1]]
    quoted = _sentence("وأضاف الوزير «نحن هنا لنبقى في هذه الأرض مهما طال الزمن».")
    assert span_ends(quoted, 1, LEX)[-1] == 2  # "الوزير" and no further


def test_features_describe_the_candidate_and_its_edge():
    sent = _sentence("وقال مسؤولون في وزارة النقل إن الطريق مغلق.")
    feats = span_features(sent, 1, 5, 2, 5, LEX)
    assert {"len=4", "longer", "at_limit", "after=ان", "first_anon=True"} <= set(feats)
    assert "stop_in=في" in feats


def test_the_model_chooses_the_best_scoring_candidate_and_round_trips(tmp_path):
    model = SpeakerSpanModel({"rule": 1.0, "at_limit": 1.5}, metadata={"method": "m"})
    assert model.choose([["rule"], ["at_limit"], []]) == 1
    loaded = SpeakerSpanModel.load(model.save(tmp_path / "m"))
    assert loaded.weights == model.weights and loaded.metadata["method"] == "m"


def test_the_shipped_model_records_how_it_was_made_and_beats_the_rules():
    model = default_model("ar")
    assert model is not None and default_model("ar") is model  # read once per process
    meta = model.metadata
    assert meta["method"] == "attribution.speaker_spans.ar.v1"
    assert len(meta["data"]["corpus_sha256"]) == 64 and meta["data"]["annotations"][0]["sha256"]
    cv = meta["cross_validation"]
    assert cv["model"] > cv["rules"] > cv["always_empty"]
    assert meta["command"].startswith("framing train speaker-spans")
    # registry names are features: a registry edited after training needs the model retrained with its command
    assert meta["data"]["registry_sha256"] == file_sha256(DEFAULT_REGISTRY), "retrain: " + meta["command"]


def test_attribution_follows_the_models_choice(monkeypatch):
    import framing.attribution.pipeline as pipeline

    text = "خبر\nوأشار المسؤول الإعلامي في الائتلاف سامر خليل إلى أن الانتخابات جرت في موعدها."
    rules_only = document_columns({"doc_id": "d", "text": text}, use_model=False)
    assert rules_only["speaker"] == ["المسؤول الإعلامي"]
    # a model that prefers ending right before "إلى": the whole title and the name
    monkeypatch.setattr(pipeline, "default_model", lambda lang: SpeakerSpanModel({"after=الي": 5.0}))
    chosen = document_columns({"doc_id": "d", "text": text})
    assert chosen["speaker"] == ["سامر خليل"]
    assert chosen["mention_full"] == ["المسؤول الإعلامي في الائتلاف سامر خليل"]
    assert chosen["content"] == ["أن الانتخابات جرت في موعدها"]


def test_no_candidate_holds_how_the_statement_was_made():
    sent = _sentence("وقال الرئيس في كلمة ألقاها إن الوضع مستقر.")
    assert span_ends(sent, 1, LEX) == [1, 2]  # never "الرئيس في كلمة ..."


def test_a_preposition_attached_to_the_next_word_is_a_feature_of_the_edge():
    from framing.attribution.speaker_model import choose_span

    sent = _sentence("وأشاد الرئيس اليمني بالدور الإيجابي للقناة.")
    assert "prep_after=b|head=role" in span_features(sent, 1, 3, 3, 5, LEX)  # ends before "بالدور"
    assert "prep_last=" in span_features(sent, 1, 3, 3, 5, LEX)
    assert "prep_last=b" in span_features(sent, 1, 4, 3, 5, LEX)  # ends on it
    record = []
    choose_span(None, sent, 1, 3, LEX, record=record, cue="اشاد")
    ends, feats = record[0]
    by_end = dict(zip(ends, feats))
    assert "cue=اشاد|prep_after=b" in by_end[3] and "cue=اشاد|prep_after=" in by_end[2]
    assert not any(f.startswith("cue=اشاد|prep_after") for f in by_end[1])  # the empty phrase has no edge


def test_the_shipped_model_ends_a_subject_before_its_verbs_complement():
    text = "خبر\nوأشاد الرئيس اليمني بالدور الإيجابي الذي ستقوم به القناة."
    assert document_columns({"doc_id": "d", "text": text})["speaker"] == ["الرئيس اليمني"]


def test_the_preposition_على_is_no_given_name_after_a_candidate():
    sent = _sentence("وأكد الوزير على أن الوضع مستقر.")
    assert "after_name=False" in span_features(sent, 1, 2, 2, 3, LEX)
    named = _sentence("وأكد الوزير علي العلي أن الوضع مستقر.")
    assert "after_name=True" in span_features(named, 1, 2, 4, 4, LEX)


def test_features_are_the_same_with_their_strings_cached_or_not(monkeypatch):
    import framing.attribution.speaker_model as sm

    sent = _sentence("وأشار المسؤول الإعلامي في الائتلاف سامر خليل إلى أن الانتخابات جرت.")
    ends = span_ends(sent, 1, LEX)
    first = sm.candidate_features(sent, 1, ends, 3, LEX, ((5, 7),))
    again = sm.candidate_features(sent, 1, ends, 3, LEX, ((5, 7),))  # every string from the caches
    monkeypatch.setattr(sm, "_STRINGS_MAX", 1)  # a cache emptied at almost every string
    tiny = sm.candidate_features(sent, 1, ends, 3, LEX, ((5, 7),))
    assert first == again == tiny
    last = sent.tokens[ends[-1] - 1].norm
    assert f"last={last}" in first[-1] and "head=other|stops=2|limit=True" in first[-1]
    assert "len=2|limit=False" in first[2] and "quote_in=False" in first[2] and "rule" in first[2]
