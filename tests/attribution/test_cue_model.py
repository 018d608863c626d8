"""The learned English cue detector: features, events on learned cues, the shipped model."""

from framing.attribution.cue_model import CueModel, candidate, cue_features, default_cue_model, learned_cues
from framing.attribution.cues import cue_lexicon
from framing.attribution.document import prepare
from framing.attribution.english import english_events
from framing.attribution.training import cue_examples, fit_cue_model

LEX = cue_lexicon("en")


def _sentence(text):
    return prepare(text, lang="en").sentences[0]


def test_only_content_words_outside_quotations_are_scored():
    sent = _sentence('Officials blasted the plan: "it will surely fail" they wrote.')
    words = [t.text for t in sent.tokens]
    scored = {words[i] for i in range(len(words)) if candidate(sent, i)}
    assert "blasted" in scored and "plan" in scored
    assert "the" not in scored and "Officials" not in scored and "surely" not in scored


def test_a_learned_cue_becomes_an_event_with_speaker_and_content():
    sent = _sentence("Senator Smith blasted the plan as a failure.")
    assert not english_events(sent, LEX)  # "blasted" is no listed verb
    model = CueModel({"w=blasted": 5.0}, intercept=-3.0, threshold=0.5)
    assert learned_cues(sent, LEX, model, set()) == [2]
    ev = english_events(sent, LEX, cue_model=model)[0]
    text = sent.doc.text
    assert text[ev.cue_start:ev.cue_end] == "blasted" and ev.mention_tokens == ("Senator", "Smith") and ev.weak
    assert text[slice(*ev.content)].startswith("the plan")


def test_training_examples_label_the_tokens_of_cue_spans(fixtures):
    X, y, docs = cue_examples(fixtures / "brat")
    assert len(X) == len(y) == len(docs) and 0 < sum(y) < len(y)
    model = fit_cue_model(X, y, C=1.0, prune=0.0)
    positives = [model.probability(x) for x, label in zip(X, y) if label]
    negatives = [model.probability(x) for x, label in zip(X, y) if not label]
    assert min(positives) > max(negatives) - 1e-9 or sum(positives) / len(positives) > sum(negatives) / len(negatives)


def test_the_shipped_model_records_its_data_and_beats_the_rules_on_dev():
    model = default_cue_model("en")
    assert model is not None and default_cue_model("en") is model
    meta = model.metadata
    assert meta["method"] == "attribution.cues.en.v2" and len(meta["data"]["train"]["sha256"]) == 64
    assert meta["cross_validation"]["token_f1_model"] > meta["cross_validation"]["token_f1_lexicon"]
    assert meta["dev"]["model"]["attribution"]["f1"] >= meta["dev"]["rules"]["attribution"]["f1"]
    assert 0 < model.threshold < 1 and "w=said" in model.weights


def test_features_name_the_context():
    sent = _sentence("He noted that prices rose.")
    feats = cue_features(sent, 1, LEX)
    assert {"w=noted", "prev_pron", "next_that", "shape=ed"} <= set(feats)


def test_features_tell_a_noun_from_a_verb_by_what_stands_before_it():
    noun = cue_features(_sentence("The plans for a new bridge were costly."), 1, LEX)
    verb = cue_features(_sentence("The mayor said he plans to build a new bridge."), 4, LEX)
    assert {"lem=plan", "pc=det", "lem|pc=plan|det"} <= set(noun)
    assert {"lem=plan", "pc=pron", "subj=pron", "lem|subj=plan|pron", "cue_left"} <= set(verb)
    assert "cue_left" not in noun and "lem|subj=plan|pron" not in noun


def test_features_see_a_subject_past_auxiliaries_and_a_complement_a_few_words_on():
    sent = _sentence('Senator Smith has repeatedly warned to reporters that "nothing works".')
    feats = set(cue_features(sent, 4, LEX))
    assert {"subj=name", "that_within=3", "sent_quote", "prev2=has", "lem=warn"} <= feats


def test_an_unlisted_inflection_of_a_listed_verb_is_marked():
    assert LEX.lookup_norm("quipping") is None and LEX.lookup_norm("quip") is not None
    feats = cue_features(_sentence("Obama was quipping about the weather."), 2, LEX)
    assert {"lem=quip", "lem_lex", "lex=False"} <= set(feats)
    assert "lem_lex" not in cue_features(_sentence("Obama was quipping about the weather."), 4, LEX)


def test_a_learned_cue_is_found_in_a_sentence_with_no_listed_word():
    from framing.attribution.pipeline import document_columns

    text = "Title\n\nSenator Smith blasted the plan as a failure."
    model = CueModel({"w=blasted": 5.0}, intercept=-3.0, threshold=0.5)
    assert not LEX.may_have_cue(text)
    cols = document_columns({"doc_id": "d", "lang": "en", "text": text}, cue_model=model)
    assert cols["cue"] == ["blasted"] and cols["mention"] == ["Senator Smith"]
    assert document_columns({"doc_id": "d", "lang": "en", "text": text}, use_model=False)["cue"] == []


def test_a_listed_verb_the_model_finds_unlikely_is_dropped():
    sent = _sentence("Trump faced questions about the plan from reporters.")
    text = sent.doc.text
    listed = [text[e.cue_start:e.cue_end] for e in english_events(sent, LEX)]
    if "questions" not in listed:
        return  # the rules already read it as a noun
    model = CueModel({"w=questions": -9.0}, intercept=0.0, threshold=0.9, veto=0.5)
    assert "questions" not in [text[e.cue_start:e.cue_end] for e in english_events(sent, LEX, cue_model=model)]


def test_the_veto_is_saved_with_the_model(tmp_path):
    model = CueModel({"w=said": 2.0}, intercept=-1.0, threshold=0.4, veto=0.3)
    assert CueModel.load(model.save(tmp_path / "m")).veto == 0.3


def test_a_preposition_is_never_a_learned_cue():
    from framing.attribution.pipeline import document_columns

    text = "Title\n\nThe attacks on civilians are a crime against a free people."
    assert document_columns({"doc_id": "d", "lang": "en", "text": text})["cue"] == []


def test_an_adverb_in_a_cue_span_leaves_the_event_to_its_verb():
    sent = _sentence("Senator Smith previously blasted the plan as a failure.")
    model = CueModel({"w=previously": 5.0, "w=blasted": 5.0}, intercept=-3.0, threshold=0.5)
    assert model.probability(cue_features(sent, 2, LEX)) > 0.5
    assert learned_cues(sent, LEX, model, set()) == [3]
