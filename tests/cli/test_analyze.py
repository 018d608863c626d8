"""framing analyze, speakers and eval attribution from the command line."""

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
    assert capsys.readouterr().out.splitlines() == ["1 documents, 2 utterances, 3 speakers",
                                                     f"wrote 2 files to {tmp_path}"]
    assert main(["analyze", str(seed_path), "--out", str(tmp_path), "--resample", "document"]) == 0
    assert seen["options"].resample == "document"


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
