"""Tests for framing.stance.news_model: candidates in and around a statement, features, the shipped model."""

import json

import numpy as np
import pandas as pd
import pytest

from framing.stance.news_model import (CLASSES, MODEL_DIR, NewsModel, NewsStance, candidate_features,
                                       load_news_model)
from framing.stance.targets import Target
from stance_support import TARGETS, statements

_X = statements


def test_scope_is_the_nearest_place_a_target_is_named():
    X = _X(content=["إن إيران تهدد المنطقة", "إن الاجتماع كان مثمرا", "إن الأمر انتهى", "لا شيء"],
           paragraph_text=["", "وقال الوزير عن إيران إن الاجتماع كان مثمرا", "", ""],
           headline=["", "", "مصر وإيران", ""],
           article_text=["", "", "", "تحدث عن إيران في مكان آخر"])
    found = NewsStance(TARGETS).fit_rules().candidates(X)
    scopes = [{TARGETS[t].name: feats[0] for t, feats in row} for row in found]
    assert scopes == [{"Iran": "content"}, {"Iran": "paragraph"}, {"Iran": "headline", "Egypt": "headline"},
                      {"Iran": "article"}]


def test_without_context_only_the_statement_counts():
    X = _X(content=["إن الأمر انتهى"], paragraph_text=["إيران"], headline=["إيران"], article_text=["إيران"])
    assert NewsStance(TARGETS, context=False).fit_rules().candidates(X) == [[]]


def test_features_name_no_word_of_a_target():
    feats = candidate_features("content", -1.0, act=("oppose",), tone=("hostile",), para_rule=0.5, others=True)
    assert feats == ["content", "content:rule=ag", "content:para_rule=fav", "content:act=oppose",
                     "content:tone=hostile", "content:others"]


def test_every_utterance_gets_every_target_column_and_none_without_a_mention():
    X = _X(content=["ندين العدوان الإيراني على جيرانه", "الطقس حار"])
    out = NewsStance(TARGETS).fit().transform(X)
    assert list(out.columns) == ["utterance_id", "stance_iran", "stance_iran_label", "stance_iran_named_in",
                                 "stance_egypt", "stance_egypt_label", "stance_egypt_named_in", "stance_method"]
    assert out["stance_iran_label"].tolist()[1] == "none" and np.isnan(out["stance_iran"].iloc[1])
    assert out["stance_iran_named_in"].tolist()[1] == "" and out["stance_egypt_named_in"].tolist() == ["", ""]
    assert out["stance_egypt_label"].tolist() == ["none", "none"]
    assert set(out["stance_method"]) == {"stance.news-lr.v3"}


def test_named_in_says_where_a_labelled_statement_names_the_target_and_nothing_where_it_is_none():
    X = _X(content=["ندين العدوان الإيراني على جيرانه", "إن الأمر انتهى", "إن الأمر انتهى"],
           paragraph_text=["", "وقال الوزير عن إيران إن الأمر انتهى", ""],
           headline=["", "", "إيران"])
    # a threshold above 1: every candidate is addressed, each statement on its own
    out = NewsStance(TARGETS, none_threshold=1.01, speakers=False).fit().transform(X)
    assert out["stance_iran_label"].ne("none").all()
    assert out["stance_iran_named_in"].tolist() == ["content", "paragraph", "headline"]
    never = NewsStance(TARGETS, none_threshold=1e-9, trust_rules=False, speakers=False).fit().transform(X)
    assert never["stance_iran_label"].eq("none").all() and never["stance_iran_named_in"].eq("").all()


def test_without_a_speaker_model_the_none_threshold_decides_whether_a_target_is_addressed():
    X = _X(content=["إن الأمر انتهى"], paragraph_text=["وقال عن إيران إن الأمر انتهى"])
    rule = _with_speaker_model(None)
    never = NewsStance(TARGETS, model=rule, none_threshold=1e-9).fit().transform(X)["stance_iran_label"].item()
    always = NewsStance(TARGETS, model=rule, none_threshold=1.01).fit().transform(X)["stance_iran_label"].item()
    assert never == "none" and always in ("favor", "against", "neutral")


def test_a_cue_rule_that_decides_is_kept_unless_told_not_to():
    X = _X(content=["ندين إيران"])
    assert NewsStance(TARGETS).fit().transform(X)["stance_iran_label"].item() == "against"


def test_explain_names_scope_probabilities_and_reasons():
    why = NewsStance(TARGETS).explain({"content": "ندين العدوان الإيراني", "lang": "ar", "cue": "وقال"}, "Iran")
    assert why["scope"] == "content" and why["label"] == "against"
    assert set(why["probabilities"]) == set(CLASSES) and why["reasons"]
    with pytest.raises(ValueError, match="no target named 'Qatar'"):
        NewsStance(TARGETS).explain({"content": "x", "lang": "ar"}, "Qatar")


def test_the_shipped_model_records_how_it_was_made():
    meta = json.loads((MODEL_DIR / "metadata.json").read_text(encoding="utf-8"))
    assert meta["method"] == "stance.news-lr.v3" and meta["command"].startswith("framing train stance")
    assert all(len(f["sha256"]) == 64 for f in meta["data"]["codes"])
    cv = meta["cross_validation"]
    assert cv["side_accuracy"] > cv["side_majority"]  # the shipped model beats always one side
    model = load_news_model()
    assert model.classes == list(CLASSES) and 0 < model.none_threshold <= 1


def test_a_model_round_trips_through_json(tmp_path):
    m = NewsModel(CLASSES, ["a", "b"], np.arange(8.0).reshape(2, 4), np.zeros(4), none_threshold=0.6)
    (tmp_path / "weights.json").write_text(json.dumps(m.to_json()), encoding="utf-8")
    back = load_news_model(str(tmp_path))
    assert back.none_threshold == 0.6
    assert np.allclose(back.proba(["a", "b", "unknown"]), m.proba(["a", "b"]))


def test_no_self_stance_toward_the_party_a_speaker_speaks_for():
    X = _X(content=["ندين إيران", "ندين إيران"], side=["Iran", "Egypt"])
    labels = NewsStance(TARGETS).fit().transform(X)["stance_iran_label"].tolist()
    assert labels == ["none", "against"]


def test_no_self_stance_of_a_speaker_the_target_names():
    # a speaker the registry does not know, whose name is one of the target's names, is the target itself
    X = _X(content=["ندين طهران", "ندين طهران", "ندين طهران"], speaker=["طهران", "Tehran", "مصدر في طهران"])
    labels = NewsStance(TARGETS).fit().transform(X)["stance_iran_label"].tolist()
    assert labels == ["none", "none", "against"]


def test_probabilities_of_many_candidates_equal_one_at_a_time_to_the_last_bit():
    model = load_news_model()
    rnd = np.random.default_rng(4)
    names = list(model.index)
    rows = [[names[j] for j in rnd.integers(0, len(names), rnd.integers(0, 40))] + ["not a feature"]
            for _ in range(300)]
    rows[0] = rows[1][:3] * 2  # a feature twice counts twice

    def one(feats):
        z = model.intercept.copy()
        for f in feats:
            if f in model.index:
                z += model.coef[model.index[f]]
        z -= z.max()
        p = np.exp(z)
        return p / p.sum()

    for feats, p in zip(rows, model.probas(rows)):
        assert np.array_equal(p, one(feats)) and np.array_equal(model.proba(feats), p)
    assert model.probas([]) == []


def test_the_speakers_side_toward_each_target_is_a_feature():
    X = _X(content=["إن إيران تهدد المنطقة", "إن إيران تهدد المنطقة"], side=["United States", None])
    with_side, without = NewsStance(TARGETS).fit_rules().candidates(X)
    (t, feats), = with_side
    assert f"side=united_states|{TARGETS[t].slug}" in feats
    assert not any(f.startswith("side=") for _, fs in without for f in fs)


def test_a_reference_means_its_target_only_in_an_article_that_names_it():
    deal = Target("Iran nuclear agreement", {"ar": ["الاتفاق النووي"]}, references={"ar": ["الاتفاق", "الصفقة"]})
    targets = [deal, *TARGETS]
    named = "أعلن الرئيس دعمه للاتفاق النووي مع إيران. وقال السناتور إنه سيصوت ضد الاتفاق"
    elsewhere = "وقع الطرفان الاتفاق التجاري. وقال السناتور إنه سيصوت ضد الاتفاق"
    X = _X(content=["إنه سيصوت ضد الاتفاق", "إنه سيصوت ضد الاتفاق"], paragraph_text=["", ""],
           headline=["", ""], article_text=[named, elsewhere])
    found = NewsStance(targets).fit_rules().candidates(X)
    # in the article about the nuclear agreement "الاتفاق" is it, named in the statement, where the
    # rules read the vote against it; in an article about a trade agreement it is nothing
    first = dict(found[0])
    assert first[0][:2] == ["content", "content:rule=ag"]
    assert 0 not in dict(found[1])


def test_a_reference_two_named_targets_share_counts_for_neither():
    group = {"ar": ["الجماعة"]}
    targets = [Target("Houthis", {"ar": ["الحوثيين"]}, references=group),
               Target("Muslim Brotherhood", {"ar": ["الإخوان"]}, references=group)]
    one = "تحدث عن الحوثيين. وقال إن الجماعة خطيرة"
    both = "تحدث عن الحوثيين والإخوان. وقال إن الجماعة خطيرة"
    X = _X(content=["إن الجماعة خطيرة"] * 2, paragraph_text=["", ""], headline=["", ""], article_text=[one, both])
    found = NewsStance(targets).fit_rules().candidates(X)
    assert dict(found[0])[0][0] == "content"
    assert {t: f[0] for t, f in found[1]} == {0: "article", 1: "article"}


def _with_speaker_model(intercept, languages=None):
    from framing.stance.speaker_model import FEATURES, SpeakerModel

    base = load_news_model()
    n = len(FEATURES)
    speaker = None if intercept is None else SpeakerModel(np.zeros(n), np.ones(n), np.zeros(n), intercept,
                                                            threshold=0.5)
    metadata = base.metadata if languages is None else {**base.metadata, "languages": languages}
    return NewsModel(base.classes, sorted(base.index, key=base.index.get), base.coef, base.intercept, metadata,
                     none_threshold=base.none_threshold, speaker=speaker)


def test_a_speaker_model_decides_whether_a_speaker_addresses_a_target():
    X = _X(content=["ندين إيران بشدة", "إن الاجتماع انتهى"], paragraph_text=["", ""], headline=["", ""],
           article_text=["", "وصل وفد من إيران"], doc_id=["d1", "d2"], speaker_id=["a", "b"],
           speaker_kind=["person", "person"])
    never = NewsStance(TARGETS, model=_with_speaker_model(-20.0)).fit().transform(X)
    always = NewsStance(TARGETS, model=_with_speaker_model(20.0)).fit().transform(X)
    assert never["stance_iran_label"].tolist() == ["none", "none"]
    # addressed, each gets the side its statements' summed probabilities give
    assert always["stance_iran_label"].tolist()[0] == "against"
    assert always["stance_iran_label"].tolist()[1] != "none"
    # in a language the model did not learn the rule decides, as before
    en = _X(content=["We condemn Iran"], lang=["en"], paragraph_text=[""], headline=[""], article_text=[""],
            doc_id=["d3"], speaker_id=["c"], speaker_kind=["person"])
    arabic_only = _with_speaker_model(-20.0, languages=["ar"])
    assert NewsStance(TARGETS, model=arabic_only).fit().transform(en)["stance_iran_label"].tolist() == ["against"]
    # in one it learned, the speaker model decides
    assert NewsStance(TARGETS, model=_with_speaker_model(-20.0)).fit().transform(en)["stance_iran_label"].tolist() \
        == ["none"]
    # a table without the speakers' kinds (one built by hand) is decided by the rule too
    bare = X.drop(columns=["speaker_kind"])
    assert NewsStance(TARGETS, model=_with_speaker_model(-20.0)).fit().transform(bare)["stance_iran_label"].tolist() \
        == NewsStance(TARGETS, model=_with_speaker_model(None)).fit().transform(bare)["stance_iran_label"].tolist()


def test_the_speaker_model_round_trips_with_the_model_folder(tmp_path):
    from framing.stance.news_training import save_news_model

    model = _with_speaker_model(1.5)
    save_news_model(model, tmp_path / "m")
    assert (tmp_path / "m" / "speaker.json").exists()
    again = load_news_model(str(tmp_path / "m"))
    assert again.speaker is not None and again.speaker.intercept == 1.5 and again.speaker.threshold == 0.5


def test_explain_speaker_says_what_decided_a_speakers_label():
    X = _X(content=["ندين إيران بشدة", "إن الاجتماع انتهى"], paragraph_text=["", ""], headline=["", ""],
           article_text=["", ""], doc_id=["d1", "d1"], speaker_id=["a", "b"], speaker_kind=["person", "person"])
    scorer = NewsStance(TARGETS).fit()
    out = scorer.explain_speaker(X, "Iran", "a")
    labels = scorer.transform(X)["stance_iran_label"].tolist()
    assert out["label"] == labels[0] == "against" and out["decided_by"] == "speaker model"
    assert 0 <= out["p_addressed"] <= 1 and len(out["reasons"]) == 4
    assert out["statements"][0]["named_in"] == "content" and set(out["sides"]) == {"favor", "against", "neutral"}
    nothing = scorer.explain_speaker(X, "Iran", "b")
    assert nothing["label"] == "none" and nothing["statements"] == []
    with pytest.raises(ValueError, match="no target named 'Iraq'"):
        scorer.explain_speaker(X, "Iraq", "a")


def test_a_target_the_model_was_not_trained_on_gets_no_side_prior():
    scorer = NewsStance([Target("Ukraine", {"ar": ["أوكرانيا"]}), Target("Iran", {"ar": ["إيران"]})]).fit()
    assert not scorer._knows(0) and scorer._knows(1)
    p = np.array([0.1, 0.4, 0.2, 0.3])
    q = scorer._without_side_prior(p)
    assert q[3] == p[3] and abs(q[:3].sum() - p[:3].sum()) < 1e-12
    # the shipped model's intercept leans to "against" (most training statements were): taken out, it leans less
    assert q[1] / q[0] < p[1] / p[0]


def test_explicit_support_of_a_new_target_is_favor_for_its_speaker():
    X = _X(content=["ندعم أوكرانيا في وجه العدوان", "نقف إلى جانب أوكرانيا"], doc_id=["d", "e"],
           speaker_id=["a", "b"], speaker_kind=["person", "person"])
    scorer = NewsStance([Target("Ukraine", {"ar": ["أوكرانيا"]})]).fit()
    assert scorer.transform(X)["stance_ukraine_label"].tolist() == ["favor", "favor"]
    assert scorer.explain_speaker(X, "Ukraine", "a")["target_learned"] is False


def test_a_model_that_learned_several_languages_reads_language_marked_copies_of_the_shared_features():
    X = _X(content=["ندين إيران بشدة"])
    (t, feats), = NewsStance(TARGETS).fit().candidates(X)[0]
    assert NewsStance(TARGETS).fit().language_features_  # the shipped model learned Arabic and English
    assert "content" in feats and "ar|content" in feats
    assert not any(f.startswith("ar|") and f[3:].startswith(("c=", "w=", "target=")) for f in feats)
    # a model without them (an earlier one) reads none
    old = NewsModel(CLASSES, ["content"], np.zeros((1, len(CLASSES))), np.zeros(len(CLASSES)), {})
    (t, feats), = NewsStance(TARGETS, model=old).fit().candidates(X)[0]
    assert not any("|" in f for f in feats)


def test_a_call_for_calm_is_a_feature_of_the_statement_and_of_the_words_near_a_target():
    X = _X(content=["ندعو إيران ومصر إلى ضبط النفس والحوار", "إن إيران تهدد المنطقة"])
    calm, threat = NewsStance(TARGETS).fit_rules().candidates(X)
    feats = dict(calm)[0]
    assert "content:tone=calm" in feats and "content:near=calm" in feats
    assert not any("calm" in f for _, fs in threat for f in fs)


def test_probabilities_worked_out_together_are_those_of_each_candidate_alone():
    """The softmax and the side prior taken out, over all candidates at once, give each row the floats it
    would get by itself (labels and scores must not move with how many candidates a batch holds)."""
    from framing.stance.news_model import _softmax_rows

    rnd = np.random.default_rng(4)
    z = rnd.normal(0, 3, size=(500, 4))
    alone = []
    for row in z:
        shifted = np.exp(row - row.max())
        alone.append(shifted / shifted.sum())
    assert np.array_equal(_softmax_rows(z), np.array(alone))
    scorer = NewsStance().fit()
    P = _softmax_rows(z)
    P[0, :3] = 0.0  # sides that sum to nothing are left as they are
    b = scorer.model_.intercept[[scorer.model_.classes.index(c) for c in ("favor", "against", "neutral")]]
    by_itself = []
    for p in P:  # each candidate alone, as the side prior was first taken out
        side = p[:3] * np.exp(-(b - b.mean()))
        by_itself.append(p if side.sum() <= 0 else np.concatenate([side * (p[:3].sum() / side.sum()), p[3:]]))
    assert np.array_equal(scorer._without_side_prior_rows(P), np.array(by_itself))
    assert np.array_equal(scorer._without_side_prior(P[1]), by_itself[1])


def test_a_target_the_model_was_not_trained_on_is_read_by_its_model_without_target_priors():
    scorer = NewsStance([Target("Ukraine", {"ar": ["أوكرانيا"]}), Target("Iran", {"ar": ["إيران"]})]).fit()
    model = scorer.model_
    priors = [any(f.startswith("target=") for f in m.index) for m in (model, model.generic)]
    assert model.generic is not None and priors == [True, False]
    assert scorer._model_for(0) is model.generic and scorer._model_for(1) is model
    # the new target has the generic model's balance of sides taken out; the learned one keeps its prior
    assert scorer._strips(0) and not scorer._strips(1)
    feats = dict(scorer.candidates(_X(content=["ندين أوكرانيا وإيران"]))[0])
    order = [model.classes.index(c) for c in ("favor", "against", "neutral", "none")]
    assert np.allclose(scorer._decide(feats[0], t=0)[1][order],
                       scorer._without_side_prior(model.generic.proba(feats[0])[order], model.generic))
    assert np.array_equal(scorer._decide(feats[1], t=1)[1], model.proba(feats[1]))
    X = _X(content=["ندين أوكرانيا وإيران"], doc_id=["d"], speaker_id=["a"], speaker_kind=["person"])
    assert scorer.explain_speaker(X, "Ukraine", "a")["generic_model"] is True
    assert scorer.explain_speaker(X, "Iran", "a")["generic_model"] is False


def test_a_model_folder_without_a_generic_model_takes_the_side_prior_out_for_new_targets(tmp_path):
    full = load_news_model()
    alone = NewsModel(full.classes, sorted(full.index, key=full.index.get), full.coef, full.intercept, full.metadata,
                      none_threshold=full.none_threshold, speaker=full.speaker)
    scorer = NewsStance([Target("Ukraine", {"ar": ["أوكرانيا"]})], model=alone).fit()
    assert scorer._model_for(0) is alone and scorer._strips(0)
    feats = scorer.candidates(_X(content=["ندين أوكرانيا"]))[0][0][1]
    p = alone.proba(feats)
    order = [alone.classes.index(c) for c in ("favor", "against", "neutral", "none")]
    assert np.allclose(scorer._decide(feats, t=0)[1][order], scorer._without_side_prior(p[order]))


def test_a_statement_in_a_language_the_targets_balances_were_not_learned_in_reads_none():
    # the shipped model learned the targets' balances (target=, side=) from Arabic statements only, its
    # English ones without them: an English statement is read as those were
    scorer = NewsStance(TARGETS).fit()
    assert scorer.balance_languages_ == ("ar",)
    X = _X(content=["ندين إيران", "we condemn Iran"], side=["Egypt", "Egypt"])
    X["lang"] = ["ar", "en"]
    (_, arabic), = scorer.candidates(X)[0]
    (_, english), = scorer.candidates(X)[1]
    assert "target=iran" in arabic and any(f.startswith("side=") for f in arabic)
    assert not any(f.startswith(("target=", "side=", "en|target=", "en|side=")) for f in english)
    # so the English statement is read as one about a target whose balance the model did not learn
    assert scorer._knows(0, arabic) and not scorer._knows(0, english) and scorer._knows(0)
    assert scorer._model_for(0, english) is scorer.model_.generic and scorer._strips(0, english)
