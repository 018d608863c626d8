"""framing analyze, speakers and eval attribution from the command line."""

import json

import pandas as pd
import pytest

from framing.cli import main


def test_analyze_writes_tables(tmp_path, seed_path, capsys):
    assert main(["analyze", str(seed_path), "--out", str(tmp_path)]) == 0
    for name in ("documents", "utterances"):
        assert (tmp_path / f"{name}.parquet").exists() and (tmp_path / f"{name}.csv").exists()
    u = pd.read_parquet(tmp_path / "utterances.parquet")
    assert len(u) >= 20 and u.doc_id.nunique() == 1
    assert (u.outlet == "Al Jazeera").all() and (u.date == "2021-12-08").all()
    csv = pd.read_csv(tmp_path / "utterances.csv")
    assert list(csv.columns) == list(u.columns)
    assert "utterances" in capsys.readouterr().out


def test_speakers_lists_the_sample_speakers(seed_path, capsys):
    assert main(["speakers", str(seed_path), "--csv"]) == 0
    out = capsys.readouterr().out
    table = pd.read_csv(pd.io.common.StringIO(out))
    assert {"dmitry_peskov", "kremlin", "liz_truss"} <= set(table.speaker_id)
    assert table.n_utterances.is_monotonic_decreasing


def test_an_analysis_folder_is_no_corpus_but_speakers_reads_it(tmp_path, seed_path, capsys):
    out = tmp_path / "out"
    assert main(["analyze", str(seed_path), "--out", str(out)]) == 0
    capsys.readouterr()
    # its tables would be read as documents: analysing the folder is refused, and nothing is written
    assert main(["analyze", str(out), "--out", str(tmp_path / "again")]) == 2
    err = capsys.readouterr().err
    assert "framing analyze wrote" in err and "framing report --from" in err
    assert not (tmp_path / "again").exists()
    # the speakers of the folder are those of the corpus it was made from
    assert main(["speakers", str(seed_path), "--csv"]) == 0
    from_corpus = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    assert main(["speakers", str(out), "--csv"]) == 0
    from_folder = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    assert from_folder[["speaker_id", "n_utterances"]].equals(from_corpus[["speaker_id", "n_utterances"]])
    # an option that chooses documents cannot apply to statements already found
    assert main(["speakers", str(out), "--limit", "1"]) == 2
    assert "--limit" in capsys.readouterr().err


def test_user_registry_from_the_command_line(tmp_path, seed_path, capsys):
    extra = tmp_path / "actors.yml"
    extra.write_text("actors:\n  - id: kremlin\n    name: Presidential Administration of Russia\n"
                     "    kind: institution\n    names: {ar: [الكرملين, الرئاسة الروسية]}\n", encoding="utf-8")
    assert main(["speakers", str(seed_path), "--actors", str(extra), "--csv"]) == 0
    assert "Presidential Administration of Russia" in capsys.readouterr().out


@pytest.mark.shared
def test_eval_attribution_on_the_seed(tmp_path, seed_path, shared, capsys):
    main(["analyze", str(seed_path), "--out", str(tmp_path)])
    capsys.readouterr()
    assert main(["eval", "attribution", "--pred", str(tmp_path),
                 "--gold", str(shared / "gold" / "seed_utterances.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "detection" in out and "R=1.000" in out


def test_missing_registry_file_is_a_clear_error(tmp_path, seed_path, capsys):
    assert main(["speakers", str(seed_path), "--actors", str(tmp_path / "nope.yml")]) == 2
    assert "nope.yml" in capsys.readouterr().err


def test_analyze_passes_one_options_object(tmp_path, seed_path, monkeypatch, capsys):
    from framing.analysis.options import RunOptions

    seen = {}

    def analyze_to(corpus, out_dir, options):
        seen.update(out=out_dir, options=options)
        return {"resumed": 0, "batches": 1, "documents": 1, "utterances": 2, "speakers": 3, "paths": ["a", "b"]}

    monkeypatch.setattr("framing.analysis.run.analyze_to", analyze_to)
    assert main(["analyze", str(seed_path), "--out", str(tmp_path), "--workers", "2", "--n-boot", "5",
                 "--period", "Q", "--stance-method", "cues", "--use-side", "--keep-parts"]) == 0
    o = seen["options"]
    assert isinstance(o, RunOptions) and seen["out"] == str(tmp_path)
    assert (o.workers, o.n_boot, o.period, o.use_side, o.keep_parts, o.restart) == (2, 5, "Q", True, True, False)
    assert o.stance_method == "cues" and o.resample == "utterance"
    assert (o.seed, o.min_utterances, o.batch_size, o.engine, o.csv, o.manifest) == (0, 3, None, None, True, True)
    assert capsys.readouterr().out.splitlines() == ["1 document, 2 utterances, 3 speakers",
                                                     f"wrote 2 files to {tmp_path}"]
    assert o.stance_priors is True
    assert main(["analyze", str(seed_path), "--out", str(tmp_path), "--resample", "document",
                 "--no-stance-priors"]) == 0
    assert seen["options"].resample == "document" and seen["options"].stance_priors is False


def test_analyze_shows_the_balances_new_targets_were_read_with(seed_path, tmp_path, capsys):
    assert main(["analyze", str(seed_path), "--out", str(tmp_path / "a"), "--n-boot", "5"]) == 0
    out = capsys.readouterr().out
    assert "stance targets the model learned no balance of sides for (here), read with their balance" in out
    assert "  NATO: " in out and "Russia:" not in out  # the model learned Russia's own balance
    assert main(["analyze", str(seed_path), "--out", str(tmp_path / "b"), "--n-boot", "5",
                 "--no-stance-priors"]) == 0
    assert "balance of sides" not in capsys.readouterr().out


def test_analyze_flags_a_one_sided_balance(tmp_path, seed_path, monkeypatch, capsys):
    priors = {"Ukraine": {"favor": 0.98, "against": 0.004, "neutral": 0.016, "candidates": 6577},
              "NATO": {"favor": 0.74, "against": 0.24, "neutral": 0.02, "candidates": 1257}}

    def analyze_to(corpus, out_dir, options):
        return {"resumed": 0, "batches": 1, "documents": 1, "utterances": 2, "speakers": 3, "paths": [],
                "stance_priors": priors}

    monkeypatch.setattr("framing.analysis.run.analyze_to", analyze_to)
    assert main(["analyze", str(seed_path), "--out", str(tmp_path)]) == 0
    lines = {line.split(":")[0].strip(): line for line in capsys.readouterr().out.splitlines()}
    assert "one-sided: every speaker's side is pulled toward favor" in lines["Ukraine"]
    assert "one-sided" not in lines["NATO"]


def test_analyze_says_which_targets_it_reads_as_training_targets_of_another_name(tmp_path, seed_path, capsys):
    from framing.stance.news_model import load_news_model

    russia = next(t for t in load_news_model().trained_targets if t.name == "Russia")
    renamed = tmp_path / "targets.yml"
    aliases = ", ".join(russia.aliases["ar"])
    renamed.write_text(f"targets:\n  - name: The Kremlin side\n    aliases: {{ar: [{aliases}]}}\n"
                       f"  - name: Kyiv\n    aliases: {{ar: [أوكرانيا, كييف]}}\n", encoding="utf-8")
    assert main(["analyze", str(seed_path), "--out", str(tmp_path / "a"), "--targets", str(renamed),
                 "--n-boot", "5"]) == 0
    out = capsys.readouterr().out
    assert "read as the model's training targets whose aliases they share: The Kremlin side as Russia" in out
    assert "  Kyiv: " in out and "  The Kremlin side: " not in out  # Kyiv is new: read with the corpus' balance


IRAN = """targets:
  - name: Iran
    aliases: {ar: [إيران, طهران], en: [Iran]}
"""


def test_add_targets_extends_the_shipped_list(tmp_path, seed_path):
    extra = tmp_path / "iran.yml"
    extra.write_text(IRAN, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(seed_path), "--out", str(out), "--add-targets", str(extra), "--n-boot", "20"]) == 0
    m = pd.read_parquet(out / "measures.parquet")
    assert {"stance_russia_label", "stance_nato_label", "stance_iran_label"} <= set(m.columns)
    replaced = tmp_path / "replaced"
    assert main(["analyze", str(seed_path), "--out", str(replaced), "--targets", str(extra), "--n-boot", "20"]) == 0
    cols = pd.read_parquet(replaced / "measures.parquet").columns
    assert "stance_iran_label" in cols and "stance_russia_label" not in cols


def test_add_targets_refuses_a_target_already_there(tmp_path, seed_path, capsys):
    extra = tmp_path / "dup.yml"
    extra.write_text("targets:\n  - name: Russia\n    aliases: {en: [Moscow]}\n", encoding="utf-8")
    assert main(["analyze", str(seed_path), "--out", str(tmp_path / "o"), "--add-targets", str(extra)]) == 2
    err = capsys.readouterr().err
    assert "dup.yml" in err and "'Russia' is already a target" in err


def test_stance_method_news_and_a_typo(tmp_path, seed_path, capsys):
    out = tmp_path / "news"
    assert main(["analyze", str(seed_path), "--out", str(out), "--stance-method", "news", "--n-boot", "20"]) == 0
    m = pd.read_parquet(out / "measures.parquet")
    assert set(m["stance_method"]) == {"stance.news-lr.v3"}
    capsys.readouterr()
    assert main(["analyze", str(seed_path), "--out", str(tmp_path / "x"), "--stance-method", "newz"]) == 2
    assert "invalid choice: 'newz'" in capsys.readouterr().err


# coded statements written for these tests: stance toward two targets the sample article names
CODED = pd.DataFrame({
    "text": ["we stand with Ukraine", "support for Ukraine", "Ukraine deserves help", "Ukraine must be backed",
             "Ukraine is to blame", "we reject Ukraine", "Ukraine provoked this", "Ukraine lies",
             "sanctions will work", "we back the sanctions", "sanctions are right", "more sanctions now",
             "sanctions hurt us", "we reject sanctions", "sanctions are wrong", "no sanctions"] * 2,
    "target": (["Ukraine"] * 8 + ["sanctions"] * 8) * 2,
    "stance": (["favor"] * 4 + ["against"] * 4) * 4})


@pytest.fixture()
def stance_model(tmp_path):
    from framing.stance.supervised import SupervisedStance

    return SupervisedStance(min_df=1).fit(CODED).save(tmp_path / "coded" / "stance")


def test_a_stance_model_trained_on_coding_scores_its_own_targets(tmp_path, seed_path, stance_model):
    import json

    import yaml

    out = tmp_path / "out"
    assert main(["analyze", str(seed_path), "--out", str(out), "--stance-model", str(stance_model),
                 "--n-boot", "20"]) == 0
    m = pd.read_parquet(out / "measures.parquet")
    stance = [c for c in m.columns if c.startswith("stance_") and c != "stance_method"]
    assert stance == ["stance_ukraine", "stance_ukraine_label", "stance_sanctions", "stance_sanctions_label"]
    assert set(m["stance_method"]) == {"stance.tfidf-lr.v2"}
    # the shipped targets' aliases gate it: a statement that does not name Ukraine has no stance toward it
    u = pd.read_parquet(out / "utterances.parquet").merge(m, on="utterance_id")
    names = u.content.str.contains("أوكراني|كييف|Ukrain", regex=True)
    assert (u.loc[~names, "stance_ukraine_label"] == "none").all() and (u.loc[names, "stance_ukraine_label"] != "none").any()
    # the run's record names the model and the targets its columns are of, so a report reads them
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["options"]["stance_model"] == str(stance_model)
    listed = yaml.safe_load((out / "targets.yml").read_text(encoding="utf-8"))["targets"]
    assert [t["name"] for t in listed] == ["Ukraine", "sanctions"] and listed[0]["aliases"]


def test_a_stance_models_targets_must_be_defined_and_a_wrong_folder_is_named(tmp_path, seed_path, capsys):
    from framing.stance.supervised import SupervisedStance

    coded = CODED.assign(target=CODED.target.replace({"Ukraine": "Atlantis"}))
    model = SupervisedStance(min_df=1).fit(coded).save(tmp_path / "atlantis")
    out = tmp_path / "out"
    assert main(["analyze", str(seed_path), "--out", str(out), "--stance-model", str(model)]) == 2
    err = capsys.readouterr().err
    assert "learned target(s) 'Atlantis'" in err and "--add-targets FILE" in err and not out.exists()
    # trained with its own definition of the target, it needs none from the run
    from framing.stance.targets import Target

    own = SupervisedStance([Target("Atlantis", {"en": ["Atlantis"]}), Target("sanctions", {"en": ["sanctions"]})],
                           min_df=1).fit(coded).save(tmp_path / "own")
    assert main(["analyze", str(seed_path), "--out", str(tmp_path / "o2"), "--stance-model", str(own),
                 "--n-boot", "20"]) == 0
    m = pd.read_parquet(tmp_path / "o2" / "measures.parquet")
    assert set(m["stance_atlantis_label"]) == {"none"}  # the sample article never names it
    from framing.sentiment import SupervisedSentiment

    X = pd.DataFrame({"utterance_id": range(4), "lang": "en", "content": ["good", "fine", "bad", "awful"]})
    sentiment = SupervisedSentiment(min_df=1).fit(X, ["positive", "positive", "negative", "negative"])
    folder = sentiment.save(tmp_path / "sentiment")
    assert main(["analyze", str(seed_path), "--out", str(out), "--stance-model", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"{folder}: saved with method 'sentiment.supervised.tfidf-lr.v2', not a stance model" in err
    assert main(["analyze", str(seed_path), "--out", str(out), "--sentiment-model", str(tmp_path / "none")]) == 2
    assert f"{tmp_path / 'none'}: model not found" in capsys.readouterr().err and not out.exists()
    assert main(["analyze", str(seed_path), "--out", str(out), "--stance-model", str(model), "--stance-method",
                 "cues", "--use-side"]) == 2
    assert "goes with the cue rules, not with a stance model you trained" in capsys.readouterr().err
    assert not out.exists()
    # the sentiment model scores every statement in place of the sentiment method
    assert main(["analyze", str(seed_path), "--out", str(out), "--sentiment-model", str(folder), "--n-boot", "20"]) == 0
    m = pd.read_parquet(out / "measures.parquet")
    assert set(m["sentiment_method"]) == {"sentiment.supervised.tfidf-lr.v2"} and m["sentiment"].notna().all()


def test_news_models_trained_with_framing_train_are_read_as_the_shipped_ones_are(tmp_path, seed_path):
    # `framing train stance` and `train sentiment-news` write folders of the shipped models' format: given the
    # shipped folders themselves, a run gives the default run's measures, row for row
    from framing.sentiment.news_model import MODEL_DIR as SENTIMENT_DIR
    from framing.stance.news_model import MODEL_DIR as STANCE_DIR

    assert main(["analyze", str(seed_path), "--out", str(tmp_path / "default"), "--n-boot", "20"]) == 0
    assert main(["analyze", str(seed_path), "--out", str(tmp_path / "given"), "--n-boot", "20",
                 "--stance-model", str(STANCE_DIR), "--sentiment-model", str(SENTIMENT_DIR)]) == 0
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "given" / "measures.parquet"),
                                  pd.read_parquet(tmp_path / "default" / "measures.parquet"))


def test_analyze_reads_the_balances_a_researcher_gives(seed_path, tmp_path, capsys):
    given = tmp_path / "balances.yml"
    given.write_text("Ukraine: {favor: 12, against: 1, neutral: 3}\nRussia: {favor: 0.1, against: 0.7, neutral: 0.2}\n",
                     encoding="utf-8")
    assert main(["analyze", str(seed_path), "--out", str(tmp_path / "a"), "--n-boot", "5",
                 "--stance-priors", str(given)]) == 0
    out = capsys.readouterr().out
    assert f"stance targets read with the balance of sides given in {given} (favor / against / neutral):" in out
    assert "  Ukraine: 0.68 / 0.11 / 0.21 (16 coded statements)" in out and "  Russia: 0.10 / 0.70 / 0.20\n" in out
    record = json.loads((tmp_path / "a" / "run.json").read_text(encoding="utf-8"))
    assert record["stance_priors"]["Russia"]["given"] == "balances.yml"  # a learned target, read as a new one
    assert "given" not in record["stance_priors"]["NATO"]  # the others as before: the corpus' balance
    given.write_text("Ukrain: {favor: 12, against: 1, neutral: 3}\n", encoding="utf-8")
    assert main(["analyze", str(seed_path), "--out", str(tmp_path / "b"), "--stance-priors", str(given)]) == 2
    assert "'Ukrain' is no target of this run; did you mean 'Ukraine'?" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()
