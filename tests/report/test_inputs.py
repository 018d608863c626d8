"""Tests for framing.report.inputs: what a report reads from an analysis folder."""

from __future__ import annotations

import pytest

from framing.errors import InputError
from framing.report.inputs import SavedManifest, check_analysis_folder, has_tables, load_analysis, prepare_analysis


def test_prepare_then_load_reads_every_table_and_the_run(tmp_path):
    folder = prepare_analysis("corpora/seed", tmp_path / "a", n_boot=20)
    assert has_tables(folder)
    analysis = load_analysis(folder)
    assert len(analysis.documents) == 1 and analysis.speakers["n_utterances"].sum() == 25
    assert analysis.record["options"]["n_boot"] == 20
    assert [t.slug for t in analysis.targets][:2] == ["russia", "ukraine"]
    assert analysis.manifest.summary()["read"] == 1 and analysis.manifest.to_frame().empty
    # a finished folder is read as it is, not analysed again
    stamp = (folder / "speakers.csv").stat().st_mtime_ns
    prepare_analysis("corpora/seed", folder, n_boot=20)
    assert (folder / "speakers.csv").stat().st_mtime_ns == stamp


def test_a_report_analysis_reads_arabic_sentiment_as_it_is_told(tmp_path):
    import pandas as pd

    def methods(folder):
        return set(pd.read_parquet(folder / "measures.parquet")["sentiment_method"])

    assert methods(prepare_analysis("corpora/seed", tmp_path / "news", n_boot=0)) == {"sentiment.news-lr.ar.v1"}
    lexicon = prepare_analysis("corpora/seed", tmp_path / "lexicon", n_boot=0, sentiment_method="lexicon")
    assert methods(lexicon) == {"sentiment.lexicon.ar.v2"}


def test_a_report_analysis_takes_the_models_a_researcher_trained(tmp_path):
    import pandas as pd

    from framing.sentiment.news_model import MODEL_DIR as SENTIMENT_DIR
    from framing.stance.news_model import MODEL_DIR as STANCE_DIR

    folder = prepare_analysis("corpora/seed", tmp_path / "given", n_boot=0, stance_model=str(STANCE_DIR),
                              sentiment_model=str(SENTIMENT_DIR), stance_method="cues")
    measures = pd.read_parquet(folder / "measures.parquet")
    assert set(measures["stance_method"]) == {"stance.news-lr.v3"}  # the model, not the method it replaces
    assert load_analysis(folder).record["options"]["stance_model"] == str(STANCE_DIR)


def test_the_report_runner_passes_the_models_as_paths_of_the_analysis():
    from framing.report.runner import ANALYSIS_PARAMETERS, PATH_PARAMETERS, notebook_parameters, resolve_notebook

    given = notebook_parameters(resolve_notebook())
    for name in ("stance_model", "sentiment_model"):
        assert given.get(name) == "None" and name in ANALYSIS_PARAMETERS and name in PATH_PARAMETERS  # as written


def test_an_unfinished_or_missing_folder_says_how_to_make_it(tmp_path):
    with pytest.raises(InputError, match="no such folder"):
        check_analysis_folder(tmp_path / "none")
    (tmp_path / "half" / "parts").mkdir(parents=True)
    with pytest.raises(InputError, match="an unfinished run: rerun the same `framing analyze` command"):
        check_analysis_folder(tmp_path / "half")


def test_saved_manifest_lists_the_problems_it_recorded():
    m = SavedManifest({"skipped_inputs": [{"source": "a.jsonl", "place": "line 3", "reason": "empty document"}]})
    assert m.to_frame().values.tolist() == [["skipped", "a.jsonl", "line 3", "empty document"]]


def test_an_analysis_of_official_statements_reads_them_in_their_issuer_s_voice(tmp_path):
    import pandas as pd

    corpus = tmp_path / "statements"
    corpus.mkdir()
    (corpus / "s1.txt").write_text("Statement on Ukraine\n\nThe United States stands with the people of Ukraine "
                                   "and will keep supporting them.", encoding="utf-8")
    (corpus / "metadata.csv").write_text("doc_id,outlet\ns1,whitehouse\n", encoding="utf-8")
    plain = pd.read_parquet(prepare_analysis(corpus, tmp_path / "plain", n_boot=0) / "utterances.parquet")
    issued = pd.read_parquet(prepare_analysis(corpus, tmp_path / "issued", n_boot=0, issuer_voice=True)
                             / "utterances.parquet")
    assert "issued" not in set(plain["kind"]) and set(issued["kind"]) == {"issued"}
