"""Stance toward targets: the scorer contract, cue rules in Arabic and English, speakers, the supervised scorer.

The sentences are written for these tests; none comes from a data set.
"""

from __future__ import annotations

import importlib.util
import os
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from framing.errors import FramingError, InputError
from framing.stance.cues import CueStance, Lexicon, evaluate_stance, speaker_stance, target_columns
from framing.stance.supervised import (SupervisedStance, cross_validate_stance, normalize_stance_label,
                                  read_coded_stance, stance_f1)
from framing.stance.targets import Target, load_targets

RUN_SLOW = bool(os.environ.get("FRAMING_RUN_SLOW"))


def utts(texts, lang="ar", **extra):
    df = pd.DataFrame({"utterance_id": [f"u{i}" for i in range(len(texts))], "content": texts,
                       "lang": lang if isinstance(lang, list) else [lang] * len(texts)})
    for key, values in extra.items():
        df[key] = values
    return df


@pytest.fixture(scope="module")
def scorer():
    return CueStance().fit()


def label(scorer, text, target, lang="ar", **extra):
    out = scorer.transform(utts([text], lang, **{k: [v] for k, v in extra.items()}))
    return out[f"stance_{target}_label"].iloc[0]


# --- the contract -------------------------------------------------------------------------------------


def test_output_is_keyed_by_utterance_with_every_target_and_the_method(scorer):
    X = utts(["ندعم أوكرانيا", "الطقس جميل", "ندين روسيا"])
    X.index = [10, 20, 30]
    out = scorer.transform(X)
    assert out["utterance_id"].tolist() == ["u0", "u1", "u2"]
    assert list(out.columns) == ["utterance_id"] + target_columns(load_targets()) + ["stance_method"]
    assert set(out["stance_method"]) == {"stance.cues.v1"}
    assert out["stance_ukraine_label"].tolist() == ["favor", "none", "none"]
    assert out["stance_russia_label"].tolist() == ["none", "none", "against"]
    assert np.isnan(out["stance_ukraine"].iloc[1]) and out["stance_ukraine"].iloc[0] > 0
    assert out["stance_russia"].iloc[2] < 0


def test_sklearn_contract_clone_and_params():
    s = CueStance(use_side=True, threshold=0.3)
    assert s.get_params() == {"targets": None, "use_side": True, "use_cue": True, "threshold": 0.3}
    c = clone(s)
    assert c.get_params() == s.get_params() and not hasattr(c, "targets_")
    assert s.method == "stance.cues+side.v1" and CueStance().method == "stance.cues.v1"
    fitted = CueStance().fit(utts(["x"]))
    assert [t.name for t in fitted.targets_][0] == "Russia"


def test_missing_columns_are_named(scorer):
    with pytest.raises(ValueError, match="lacks column"):
        scorer.transform(pd.DataFrame({"utterance_id": [1], "content": ["x"]}))


def test_targets_from_a_list_or_a_file(tmp_path):
    path = tmp_path / "t.yml"
    path.write_text("- name: Turkey\n  aliases: {ar: [تركيا, أنقرة], en: [Turkey, Ankara]}\n", encoding="utf-8")
    for targets in (path, str(path), [Target("Turkey", {"ar": ["تركيا", "أنقرة"]})]):
        out = CueStance(targets=targets).fit().transform(utts(["نرحب بدور أنقرة"]))
        assert list(out.columns) == ["utterance_id", "stance_turkey", "stance_turkey_label", "stance_method"]
        assert out["stance_turkey_label"].iloc[0] == "favor"
    with pytest.raises(TypeError):
        CueStance(targets=[1, 2]).fit()


# --- Arabic rules ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, target, expected", [
    # support and opposition, with the target after the cue
    ("نقف بحزم مع أوكرانيا", "ukraine", "favor"),
    ("تواصل الحكومة تقديم الدعم لأوكرانيا", "ukraine", "favor"),
    ("ندين بشدة تصرفات موسكو", "russia", "against"),
    ("الهدف هو ردع روسيا", "russia", "against"),
    # sanctions on a target: against the target, favor of the measure
    ("فرض عقوبات على روسيا", "russia", "against"),
    ("فرض عقوبات على روسيا", "sanctions", "favor"),
    # the agent of a hostile act, by adjective, genitive, relative clause or pronoun
    ("حذر الوزير من العدوان الروسي", "russia", "against"),
    ("الاعتداءات التي تقوم بها روسيا", "russia", "against"),
    ("إن روسيا حشدت قواتها لاحتمال توسيع عدوانها على جارتها", "russia", "against"),
    ("غزو روسيا لأوكرانيا", "russia", "against"),
    # ... and its patient, the victim
    ("غزو روسيا لأوكرانيا", "ukraine", "favor"),
    ("العدوان على كييف", "ukraine", "favor"),
    # the target stands with someone against an aggression: favor, not the aggression's agent
    ("نقف مع أوكرانيا في مواجهة أي عدوان", "ukraine", "favor"),
    ("أكدت الوزيرة الوقوف مع أوكرانيا في مواجهة أي عدوان", "ukraine", "favor"),
    # the subject of an evaluation
    ("تحركات الناتو خطيرة", "nato", "against"),
    ("العقوبات على موسكو ستكون فعالة", "sanctions", "favor"),
    # mentioned, nothing decides: neutral; not mentioned: none
    ("سيلتقي ممثلو روسيا والولايات المتحدة الأسبوع المقبل", "russia", "neutral"),
    ("سيلتقي ممثلو روسيا والولايات المتحدة الأسبوع المقبل", "ukraine", "none"),
    # two sides of a relation: neither is the agent
    ("تصاعد التوتر بين روسيا وأوكرانيا", "russia", "neutral"),
    ("خفض التصعيد بين روسيا وأوكرانيا", "ukraine", "neutral"),
])
def test_arabic_cues_and_direction(scorer, text, target, expected):
    assert label(scorer, text, target) == expected


@pytest.mark.parametrize("text, target, expected", [
    # a target describing another noun's allegiance, or given as an example, is not the object
    ("اتهمت الحكومة المسلحين الموالين لموسكو بخرق الهدنة", "russia", "neutral"),
    # a cue word inside a name is no cue
    ("اجتمع وزراء مجلس التعاون مع نظرائهم في واشنطن", "united_states", "neutral"),
    # a clause opener stops a cue from reaching into the next clause
    ("إيران لا ترحب بالحرب لكن إذا أرادت واشنطن الحرب", "united_states", "neutral"),
    # sanctions govern a target only through على/ضد
    ("تراجع الاقتصاد بسبب العقوبات المرتبطة بأزمة أوكرانيا", "ukraine", "neutral"),
    # the pronoun on an act reaches back to the subject of the clause, not to any earlier target
    ("فرضت السلطات الأمريكية غرامة على الشركة بسبب انتهاكها القواعد", "united_states", "neutral"),
    # a passive auxiliary makes the genitive of the act its patient
    ("يتم استفزاز روسيا بالتدريبات", "russia", "favor"),
    # a plural ending names the subject: the target after the verb is its object
    ("اتهموا القوات الأوكرانية بقصف المدن", "ukraine", "against"),
    # the subject of a past verb may be a noun with its adjective
    ("اتهم الرئيس الأوكراني موسكو بالتصعيد", "ukraine", "neutral"),
])
def test_arabic_rules_that_keep_cues_from_overreaching(scorer, text, target, expected):
    assert label(scorer, text, target) == expected


def test_a_past_verb_before_its_subject_does_not_make_it_the_object(scorer):
    text = "أدانت روسيا العقوبات الغربية"
    assert label(scorer, text, "russia") == "neutral"
    assert label(scorer, text, "sanctions") == "against"


def test_arabic_negation_flips_and_weakens(scorer):
    X = utts(["ندعم روسيا", "لن ندعم روسيا", "نرفض روسيا"])
    s = scorer.transform(X)["stance_russia"].tolist()
    assert s[0] > 0 > s[1] > s[2]
    assert label(scorer, "إن تحركات الحلف ليست خطيرة", "nato") == "none"  # الحلف alone is no alias
    assert label(scorer, "إن الناتو ليس خطيرا", "nato") == "favor"


def test_cues_inside_other_words_do_not_fire(scorer):
    # ثمن is "price" here, not the praise verb ثمّن; بناء على is "based on"
    assert label(scorer, "ستدفع روسيا ثمن قرارها", "russia") == "neutral"


# --- English rules -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, target, expected", [
    ("We stand firmly with Ukraine.", "ukraine", "favor"),
    ("We stand with Ukraine against Russia.", "russia", "against"),
    ("We condemn the Kremlin in the strongest terms.", "russia", "against"),
    ("Russia's aggression must end.", "russia", "against"),
    ("This is an unprovoked Russian invasion.", "russia", "against"),
    ("The invasion of Ukraine shocked the world.", "ukraine", "favor"),
    ("Ukraine was invaded by Russia.", "russia", "against"),
    ("Ukraine was invaded by Russia.", "ukraine", "favor"),
    ("Ukraine faces Russian aggression.", "russia", "against"),
    ("Ukraine faces Russian aggression.", "ukraine", "neutral"),  # not the aggression's agent
    ("New sanctions on Moscow will follow.", "sanctions", "favor"),
    ("The talks with NATO were held in Brussels.", "nato", "neutral"),
    ("The talks between Washington and Moscow resumed.", "united_states", "neutral"),
    ("Let us support the farmers.", "united_states", "none"),
    ("They back pro-Russian separatists.", "russia", "neutral"),
    ("We will never accept any aggression, but Russia says it wants talks.", "russia", "neutral"),
])
def test_english_cues_and_direction(scorer, text, target, expected):
    assert label(scorer, text, target, "en") == expected


def test_english_negation(scorer):
    assert label(scorer, "We will not support NATO.", "nato", "en") == "against"
    assert label(scorer, "We don't condemn NATO.", "nato", "en") == "favor"
    s = scorer.transform(utts(["We support NATO.", "We don't support NATO."], "en"))["stance_nato"].tolist()
    assert s[0] > 0 > s[1] > -s[0]


def test_a_missing_language_code_is_guessed(scorer):
    out = scorer.transform(utts(["ندعم روسيا", "We condemn Russia."], [None, float("nan")]))
    assert out["stance_russia_label"].tolist() == ["favor", "against"]


def test_other_languages_get_mentions_without_cues(scorer):
    out = scorer.transform(utts(["Nous condamnons les sanctions."], "fr"))
    assert out["stance_sanctions_label"].iloc[0] == "neutral"
    assert scorer.transform(utts(["We condemn the sanctions."], "en"))["stance_sanctions_label"].iloc[0] == "against"


# --- the reporting cue and the speaker's side -------------------------------------------------------------


def test_the_reporting_cue_is_read_in_front_of_the_content(scorer):
    X = utts(["الهجمات على المدن", "الاقتراح الأمريكي"], cue=["أدانت", "رحبت"])
    out = scorer.transform(X)
    assert out["stance_united_states_label"].iloc[1] == "favor"
    off = CueStance(use_cue=False).fit().transform(X)
    assert off["stance_united_states_label"].iloc[1] == "neutral"


def test_targets_named_in_the_cue_are_not_counted(scorer):
    X = utts(["موسكو وواشنطن ستجريان محادثات"], cue=["الكرملين:"])
    out = scorer.transform(X)
    assert out["stance_russia_label"].iloc[0] == "neutral"  # from موسكو in the content
    out = scorer.transform(utts(["ستجري محادثات"], cue=["الكرملين:"]))
    assert out["stance_russia_label"].iloc[0] == "none"


def test_own_side_is_favor_only_when_no_cue_decides():
    X = utts(["سيبحث الوفد مع موسكو الملفات", "ندين موسكو", "سيبحث الوفد مع موسكو الملفات"],
             side=["Russia", "Russia", "Ukraine"])
    plain = CueStance().fit().transform(X)
    sided = CueStance(use_side=True).fit().transform(X)
    assert plain["stance_russia_label"].tolist() == ["neutral", "against", "neutral"]
    assert sided["stance_russia_label"].tolist() == ["favor", "against", "neutral"]
    assert set(sided["stance_method"]) == {"stance.cues+side.v1"}


def test_explain_lists_the_evidence(scorer):
    ev = scorer.explain("نقف مع أوكرانيا وندين العدوان الروسي", "ar")
    assert ev[["target", "relation", "value"]].values.tolist() == [["Ukraine", "object", 1.0],
                                                                   ["Russia", "agent", -1.0]]
    assert scorer.explain("لا شيء هنا", "ar").empty


# --- lexicon files ------------------------------------------------------------------------------------------


def test_shipped_lexicons_load_and_unknown_languages_have_none():
    for lang in ("ar", "en"):
        lex = Lexicon.for_language(lang)
        assert lex is not None and lex.markers["negators"]
    assert Lexicon.for_language("xx") is None
    assert Lexicon.for_language("en-GB") is Lexicon.for_language("en")


@pytest.mark.parametrize("data, fragment", [
    ({"cues": {"kindness": ["x"]}}, "unknown cue class"),
    ({"cues": {"support": [5]}}, r"cues.support\[0\]"),
    ({"cues": {"hostile": [{"cue": "x", "genitive": "owner"}]}}, "genitive"),
    ({"markers": {"prepositions": [True, "to"]}}, "quote words"),
    ({"max_gap": {"support": "far"}}, "max_gap"),
])
def test_bad_lexicon_data_is_named(data, fragment):
    with pytest.raises(FramingError, match=fragment):
        Lexicon(data, source="xx_stance.yml")


# --- per speaker ----------------------------------------------------------------------------------------------


def test_speaker_stance_majority_shares_and_ties():
    u = pd.DataFrame({
        "speaker_id": ["a", "a", "a", "b", "b", "c"],
        "speaker": ["A", "A", "A", "B", "B", "C"],
        "stance_russia": [-0.8, -0.6, 0.0, 0.5, -0.5, np.nan],
        "stance_russia_label": ["against", "against", "neutral", "favor", "against", "none"],
        "stance_nato": [np.nan] * 6,
        "stance_nato_label": ["none"] * 6,
    })
    out = speaker_stance(u, ["Russia", "NATO"])
    assert list(out.columns[:3]) == ["speaker_id", "speaker", "target"]
    rus = out[out["target"] == "Russia"].set_index("speaker_id")
    assert rus.loc["a", "label"] == "against" and rus.loc["a", "n_mentions"] == 3
    assert rus.loc["a", "share_against"] == pytest.approx(2 / 3)
    assert rus.loc["a", "mean_score"] == pytest.approx(-1.4 / 3)
    assert rus.loc["b", "label"] == "neutral"  # one favor, one against: a tie
    assert rus.loc["c", "label"] == "none" and rus.loc["c", "n_mentions"] == 0
    assert np.isnan(rus.loc["c", "share_favor"])
    assert (out[out["target"] == "NATO"]["label"] == "none").all()
    assert len(out) == 6
    # speakers in first-seen order, targets in the order given
    assert out[["speaker_id", "target"]].values.tolist()[:3] == [["a", "Russia"], ["a", "NATO"], ["b", "Russia"]]


def test_speaker_stance_weighs_by_confidence_and_groups_by_any_columns():
    u = pd.DataFrame({"speaker_id": ["a"] * 3, "outlet": ["x", "x", "y"],
                      "stance_nato": [0.6, -0.6, -0.6], "stance_nato_label": ["favor", "against", "against"],
                      "confidence": [0.9, 0.3, 0.3]})
    (row,) = speaker_stance(u, None).to_dict("records")
    assert row["label"] == "favor" and row["share_favor"] == pytest.approx(0.6)
    by_outlet = speaker_stance(u, [Target("NATO", {"en": ["NATO"]})], by=("speaker_id", "outlet"))
    assert by_outlet[["outlet", "label"]].values.tolist() == [["x", "favor"], ["y", "against"]]
    with pytest.raises(ValueError, match="stance_sanctions_label"):
        speaker_stance(u, ["sanctions"])


def test_scorer_output_feeds_speaker_stance(scorer):
    X = utts(["ندين روسيا", "العدوان الروسي مستمر", "ستتصل موسكو غدا"], speaker_id=["s1", "s1", "s1"])
    scored = X.merge(scorer.transform(X), on="utterance_id")
    out = speaker_stance(scored, scorer.targets_)
    row = out[out["target"] == "Russia"].iloc[0]
    assert row["label"] == "against" and row["n_mentions"] == 3 and row["share_neutral"] == pytest.approx(1 / 3)


# --- supervised ------------------------------------------------------------------------------------------------

CODED = pd.DataFrame({
    "text": ["نؤيد الخطة بقوة", "الخطة ممتازة ونؤيدها", "نرفض الخطة تماما", "الخطة فاشلة ونرفضها",
             "نشرت الوزارة نص الخطة", "تصدر الخطة غدا",
             "we back the vaccine", "the vaccine is great", "we reject the vaccine", "the vaccine is a disaster",
             "the vaccine arrives monday", "the vaccine report is out"] * 3,
    "target": (["الخطة"] * 6 + ["vaccine"] * 6) * 3,
    "stance": ["Favor", "Favor", "Against", "Against", "None", "None"] * 6,
})


@pytest.fixture(scope="module")
def model():
    return SupervisedStance(targets=[Target("vaccine", {"en": ["vaccine"]})], min_df=1).fit(CODED)


def test_supervised_learns_per_target_stance(model):
    assert sorted(model.classes_) == ["against", "favor", "neutral"]
    assert model.targets_ == ["الخطة", "vaccine"]
    pred = model.predict(pd.DataFrame({"text": ["we reject it", "نؤيد الخطة"], "target": ["vaccine", "الخطة"]}))
    assert pred.tolist() == ["against", "favor"]


def test_supervised_transform_is_keyed_and_gated_by_mentions(model):
    X = utts(["we back the vaccine", "we back the plan"], "en")
    out = model.transform(X)
    # slugs are folded: ة -> ه
    assert list(out.columns) == ["utterance_id", "stance_الخطه", "stance_الخطه_label", "stance_vaccine",
                                 "stance_vaccine_label", "stance_method"]
    assert out["stance_vaccine_label"].tolist() == ["favor", "none"]
    assert out["stance_vaccine"].iloc[0] > 0 and np.isnan(out["stance_vaccine"].iloc[1])
    assert set(out["stance_method"]) == {"stance.tfidf-lr.v1"}
    # a trained target without an alias definition is scored on every utterance
    assert (out["stance_الخطه_label"] != "none").all()


def test_supervised_save_and_load_round_trip(model, tmp_path):
    path = model.save(tmp_path / "stance.joblib")
    back = SupervisedStance.load(path)
    X = utts(["we reject the vaccine", "الخطة فاشلة"], ["en", "ar"])
    pd.testing.assert_frame_equal(back.transform(X), model.transform(X))
    assert back.metadata_["method"] == "stance.tfidf-lr.v1" and back.metadata_["n_train"] == len(CODED)
    assert back.get_params()["targets"][0].aliases == {"en": ("vaccine",)}
    (tmp_path / "junk.joblib").write_bytes(b"not a model")
    with pytest.raises(InputError, match="junk.joblib"):
        SupervisedStance.load(tmp_path / "junk.joblib")


def test_unfitted_supervised_scorer_says_so():
    with pytest.raises(ValueError, match="not trained"):
        SupervisedStance().transform(utts(["x"]))


def test_labels_read_none_as_a_label():
    assert [normalize_stance_label(v) for v in ["Favor", "AGAINST", "None", "neutral", "", None]] == \
        ["favor", "against", "neutral", "neutral", None, None]


def test_read_coded_stance_keeps_none_and_names_bad_lines(tmp_path):
    path = tmp_path / "coded.csv"
    path.write_text("ID,text,target,stance\n1,good,plan,Favor\n2,meh,plan,None\n3,bad,plan,Against\n",
                    encoding="utf-8")
    df = read_coded_stance(path)
    assert df["stance"].tolist() == ["favor", "neutral", "against"]
    bad = tmp_path / "bad.csv"
    bad.write_text("text,target,stance\ngood,plan,Favor\n,plan,None\nok,plan,maybe\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_coded_stance(bad)
    assert "bad.csv" in str(err.value) and "line 3: empty text" in str(err.value) and "line 4" in str(err.value)
    jl = tmp_path / "coded.jsonl"
    jl.write_text('{"sentence": "s", "topic": "t", "label": "against"}\n', encoding="utf-8")
    assert read_coded_stance(jl).values.tolist() == [["s", "t", "against"]]
    unlabeled = tmp_path / "unlabeled.csv"
    unlabeled.write_text("text,target\na,b\n", encoding="utf-8")
    with pytest.raises(InputError, match="unlabeled.csv: no stance column"):
        read_coded_stance(unlabeled)


def test_stance_f1_is_the_semeval_mean():
    r = stance_f1(["favor", "favor", "against", "neutral"], ["favor", "against", "against", "neutral"])
    assert r["f1_favor"] == pytest.approx(2 / 3) and r["f1_against"] == pytest.approx(2 / 3)
    assert r["f_avg"] == pytest.approx(2 / 3) and r["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 1) / 3)


def test_cross_validation_and_evaluate_stance_on_a_tiny_file(tmp_path):
    path = tmp_path / "coded.csv"
    CODED.to_csv(path, index=False)
    result = evaluate_stance(path, folds=3, seed=1)
    assert result["n"] == len(CODED) and result["folds"] == 3 and len(result["per_fold"]) == 3
    assert 0.0 <= result["f_avg"] <= 1.0 and set(result["per_target"]) == {"الخطة", "vaccine"}
    assert result["f_avg"] > result["majority"]["f_avg"]
    with pytest.raises(ValueError, match="at least 10 rows"):
        cross_validate_stance(read_coded_stance(path), folds=10)


# --- the bars on the shared data ---------------------------------------------------------------------------------


def _benchmark():
    path = os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks", "eval_stance.py")
    spec = importlib.util.spec_from_file_location("eval_stance", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
def test_seed_article_speaker_stance_bar(shared):
    bench = _benchmark()
    for use_side in (False, True):
        right, total = bench.score_seed(bench.seed_utterances(shared), shared, use_side=use_side, verbose=False)
        assert total == 13 and right >= 11


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.skipif(not RUN_SLOW, reason="set FRAMING_RUN_SLOW=1 (5-fold CV on Mawqif takes ~15 s)")
def test_mawqif_cross_validation_bar(shared):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = evaluate_stance(shared / "data" / "mawqif" / "Mawqif_AllTargets_Train.csv", folds=5, seed=0)
    assert result["n"] == 3502 and result["f_avg"] >= 0.70
