"""Tests for framing.report.runner and ``framing report``: parameters, running, determinism, failures, escaping.

The seed report is generated twice (the determinism test compares every
byte) and its tables are compared with the committed ``reports/seed/tables``,
so a change in any number shows up as a failing test and a diff in review.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from framing.cli import main
from framing.errors import FramingError, InputError
from framing.report.html import normalize_notebook
from framing.report.runner import (NOTEBOOK_DIR, ReportError, error_outputs, parse_parameter, relative_to_report,
                                   report_parameters, resolve_notebook, run_report)
from report_support import NOTEBOOKS, external_urls, previous_report

# runs the report notebook in a Jupyter kernel: the whole module is slow
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CODING = Path("tests") / "fixtures" / "validation"
SECTIONS = ("1. The corpus", "2. Who is quoted", "3. Stance", "4. Sentiment", "5. Frames", "6. Outlets compared",
            "7. Over time", "8. Topics", "9. Methods and provenance")
SEED_SPEAKERS = ("Dmitry Peskov", "Recep Tayyip Erdogan", "Dmytro Kuleba", "Kremlin", "Liz Truss",
                 "Serhiy Nykyforov", "anonymous (Office of the President of Ukraine): مسؤول بديوان الرئاسة الأوكرانية", "Ukraine")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _current_commit() -> str:
    out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


@pytest.fixture(scope="module")
def seed_runs(tmp_path_factory):
    """The sample report, as `make report` makes it, generated twice in two places."""
    mp = pytest.MonkeyPatch()
    # other commits landing between the two runs would change an input (the commit recorded); pin it
    mp.setenv("FRAMING_GIT_COMMIT", _current_commit())
    mp.chdir(ROOT)
    base = tmp_path_factory.mktemp("seed")
    try:
        runs = [run_report("corpora/seed", base / name / "seed") for name in ("a", "b")]
    finally:
        mp.undo()
    return runs


# --- parameters -----------------------------------------------------------------------------------


def test_parse_parameter_types_values_and_keeps_text_as_typed():
    assert parse_parameter("seed=3") == ("seed", 3)
    assert parse_parameter("n_boot=0.5") == ("n_boot", 0.5)
    assert parse_parameter("use_side=true") == ("use_side", True)
    assert parse_parameter("topic_model=null") == ("topic_model", None)
    assert parse_parameter("reader_options={columns: {text: article}}") == (
        "reader_options", {"columns": {"text": "article"}})
    assert parse_parameter("title=Ukraine: 2022, no") == ("title", "Ukraine: 2022, no")
    assert parse_parameter("date=2022-01-01") == ("date", "2022-01-01")


@pytest.mark.parametrize("text", ["seed", "=3", "two words=1", "opts={a: [}"])
def test_parse_parameter_rejects_malformed_input(text):
    with pytest.raises(InputError, match="parameter"):
        parse_parameter(text)


def test_paths_are_passed_relative_to_the_report_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpora" / "c").mkdir(parents=True)
    params = report_parameters("corpora/c", "reports/c", parameters={"topic_model": "models/k20", "seed": 2},
                               reader_options={"metadata": "meta/m.csv", "lang": "ar"})
    assert params["corpus"] == "../../corpora/c"
    assert params["topic_model"] == "../../models/k20"
    assert params["reader_options"] == {"metadata": "../../meta/m.csv", "lang": "ar"}
    assert params["corpus_name"] == "corpora/c" and params["out_dir"] == "." and params["seed"] == 2
    assert relative_to_report(tmp_path / "x.csv", "reports/c") == str(tmp_path / "x.csv")


def test_unknown_parameter_is_an_error_before_anything_runs(tmp_path, seed_path):
    with pytest.raises(InputError, match=r"no parameter.*sedd \(did you mean seed\?\)"):
        run_report(seed_path, tmp_path / "r", parameters={"sedd": 1})
    with pytest.raises(InputError, match=r"qqq; it takes"):  # nothing close: no suggestion
        run_report(seed_path, tmp_path / "r", parameters={"qqq": 1})
    assert not (tmp_path / "r").exists()


def test_a_choice_parameter_with_another_value_is_an_error_before_anything_runs(tmp_path, seed_path):
    with pytest.raises(InputError, match=r"parameter stance_basis: 'onw' is not one of any, own; did you mean 'own'"):
        run_report(seed_path, tmp_path / "r", parameters={"stance_basis": "onw"})
    with pytest.raises(InputError, match=r"parameter stance_method: 'rules' is not one of cues, news"):
        run_report(seed_path, tmp_path / "r", parameters={"stance_method": "rules"})
    assert not (tmp_path / "r").exists()
    assert report_parameters("c", "r", parameters={"stance_basis": "own"})["stance_basis"] == "own"


def test_out_dir_and_corpus_parameters_are_refused(tmp_path, seed_path):
    elsewhere = tmp_path / "elsewhere"
    with pytest.raises(FramingError, match="out_dir.*--out"):
        run_report(seed_path, tmp_path / "r", parameters={"out_dir": str(elsewhere)})
    with pytest.raises(FramingError, match="corpus.*PATH"):
        run_report(seed_path, tmp_path / "r", parameters={"corpus": str(seed_path)})
    assert list(tmp_path.iterdir()) == []


# --- choosing the notebook ------------------------------------------------------------------------


def test_notebook_short_names_resolve_and_paths_still_work():
    assert resolve_notebook("validate") == NOTEBOOK_DIR / "validate.ipynb"
    assert resolve_notebook("report") == NOTEBOOK_DIR / "report.ipynb"
    path = NOTEBOOK_DIR / "validate.ipynb"
    assert resolve_notebook(str(path)) == path
    with pytest.raises(InputError, match="validate"):
        resolve_notebook("no_such_notebook")
    with pytest.raises(InputError, match="not found"):
        resolve_notebook("somewhere/validate")


def test_unknown_notebook_name_exits_non_zero(capsys):
    assert main(["report", str(ROOT / CODING), "--notebook", "no_such_notebook"]) == 2
    assert "no_such_notebook" in capsys.readouterr().err


def test_key_and_speakers_are_passed_relative_to_the_report_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "coding").mkdir()
    params = report_parameters("coding", "reports/coding",
                               parameters={"key": "coding/sheet.key.csv", "speakers": "coding/aliases.json",
                                           "sheets": "*.csv", "targets": "t.yml"})
    assert params["key"] == "../../coding/sheet.key.csv" and params["speakers"] == "../../coding/aliases.json"
    assert params["sheets"] == "*.csv"  # a pattern inside the folder, not a path
    assert params["targets"] == "../../t.yml" and params["corpus"] == "../../coding"
    assert report_parameters("coding", "reports/coding", parameters={"key": False})["key"] is False


# --- the sample report ----------------------------------------------------------------------------


def test_two_runs_give_identical_bytes(seed_runs):
    a, b = (_files(run) for run in seed_runs)
    assert sorted(a) == sorted(b)
    differ = [name for name in a if a[name] != b[name]]
    assert differ == []
    kinds = {Path(name).suffix for name in a}
    assert {".ipynb", ".html", ".csv", ".tex", ".png", ".pdf", ".json", ".md"} <= kinds


def test_committed_seed_tables_match_a_fresh_run(seed_runs):
    committed = ROOT / "reports" / "seed" / "tables"
    assert committed.is_dir(), "reports/seed is not committed: run `make report` and commit reports/seed"
    fresh = _files(seed_runs[0] / "tables")
    old = _files(committed)
    assert sorted(fresh) == sorted(old), "the set of tables changed: run `make report` and commit reports/seed"
    changed = [name for name in fresh if fresh[name] != old[name]]
    assert changed == [], f"tables differ from the committed report: {changed} (run `make report`, review the diff)"


def test_seed_report_has_every_section_and_no_error(seed_runs):
    run = seed_runs[0]
    nb = nbformat.read(run / "report.ipynb", as_version=4)
    assert error_outputs(nb) == []
    tags = [t for c in nb.cells for t in c.metadata.get("tags", [])]
    assert "parameters" in tags and "injected-parameters" in tags
    html = (run / "report.html").read_text(encoding="utf-8")
    assert "<title>Who is quoted, and how</title>" in html
    for section in SECTIONS:
        assert section in html
    for name in SEED_SPEAKERS:
        assert name in html
    assert "ديمتري بيسكوف" in html
    assert "too small for topics" in html
    # figures carry a text alternative (their panel titles)
    assert 'alt="Who is quoted"' in html and "No description has been provided" not in html
    # code cells are left out of the HTML: input areas are the markdown cells' only
    assert "analyze(documents_corpus" not in html and "import logging" not in html
    n_markdown = sum(c.cell_type == "markdown" for c in nb.cells)
    assert html.count('class="jp-InputArea jp-Cell-inputArea"') == n_markdown
    # every cell of the stance table links to the utterances behind it
    links = set(re.findall(r'href="#(stance-[a-z0-9_-]+)"', html))
    assert links and all(f'id="{anchor}"' in html for anchor in links)


def test_seed_report_files(seed_runs):
    run = seed_runs[0]
    for name in ("speakers", "stance", "sentiment", "corpus"):
        assert (run / "tables" / f"{name}.csv").is_file() and (run / "tables" / f"{name}.tex").is_file()
    assert "\\toprule" in (run / "tables" / "stance.tex").read_text(encoding="utf-8")
    for name in ("corpus", "speakers", "stance", "sentiment"):
        assert (run / "figures" / f"{name}.png").read_bytes()[:4] == b"\x89PNG"
        assert (run / "figures" / f"{name}.pdf").read_bytes()[:5] == b"%PDF-"
    speakers = pd.read_csv(run / "tables" / "speakers.csv")
    assert len(speakers) == 8 and speakers["n_utterances"].sum() == 25
    record = json.loads((run / "provenance.json").read_text(encoding="utf-8"))
    assert record["corpus"]["documents"] == 1 and len(record["corpus"]["sha256"]) == 64
    assert record["parameters"]["corpus"].startswith("../") and record["parameters"]["corpus"].endswith("corpora/seed")
    assert record["seed"] == 0 and record["software"]["dependencies"]["matplotlib"]
    assert {"sentiment_method", "stance_method", "attribution"} <= set(record["methods"])
    methods = (run / "methods.md").read_text(encoding="utf-8")
    assert "@software{" in methods and record["corpus"]["sha256"] in methods


def test_executed_notebook_reruns_where_it_lies(seed_runs):
    # the injected paths are relative to the report folder, so no path of the machine that made it is needed
    run = seed_runs[0]
    nb = nbformat.read(run / "report.ipynb", as_version=4)
    injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    corpus = re.search(r'^corpus = "(.*)"$', injected.source, re.M).group(1)
    assert not Path(corpus).is_absolute() and (run / corpus).resolve() == (ROOT / "corpora" / "seed").resolve()
    assert 'out_dir = "."' in injected.source and 'corpus_name = "corpora/seed"' in injected.source


# --- failures -------------------------------------------------------------------------------------


def test_failing_cell_names_the_cell_and_keeps_the_previous_report(tmp_path, seed_path):
    out = tmp_path / "reports" / "seed"
    marker = previous_report(out)
    with pytest.raises(ReportError) as info:
        run_report(seed_path, out, notebook=NOTEBOOKS / "fails.ipynb", timeout=60)
    err = info.value
    assert err.ename == "ValueError" and "boom" in str(err)
    assert re.search(r"cell \d+ ", str(err)) and err.cell_index == 4  # markdown, parameters, injected, write, raise
    assert marker.read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in out.iterdir()) == ["provenance.json", "report.html", "report.ipynb"]
    assert [p.name for p in (tmp_path / "reports").iterdir()] == ["seed"]  # no temporary folder left


def test_cli_failure_exits_non_zero_with_the_cell_and_error(tmp_path, seed_path, capsys):
    out = tmp_path / "r"
    marker = previous_report(out)
    status = main(["report", str(seed_path), "--out", str(out), "--notebook", str(NOTEBOOKS / "fails.ipynb")])
    err = capsys.readouterr().err
    assert status != 0
    assert "cell 4" in err and "ValueError: boom" in err
    assert marker.read_text(encoding="utf-8") == "the previous report\n"


def test_cell_timeout_fails_safely(tmp_path, seed_path):
    out = tmp_path / "r"
    marker = previous_report(out)
    with pytest.raises(ReportError, match="timeout") as info:
        run_report(seed_path, out, notebook=NOTEBOOKS / "sleeps.ipynb", timeout=2)
    assert "time.sleep(60)" in str(info.value)  # the message shows which cell
    assert marker.read_text(encoding="utf-8") == "the previous report\n"


def test_kernel_runs_this_python_with_a_fixed_hash_seed(tmp_path, seed_path):
    out = run_report(seed_path, tmp_path / "r", notebook=NOTEBOOKS / "hash_seed.ipynb", hash_seed="123")
    seed, executable = (out / "kernel.txt").read_text(encoding="utf-8").split("\n")[:2]
    assert seed == "123"
    assert Path(executable).resolve() == Path(sys.executable).resolve()


# --- the HTML is self-contained -------------------------------------------------------------------


def test_seed_report_html_is_self_contained(seed_runs):
    html = (seed_runs[0] / "report.html").read_text(encoding="utf-8")
    assert re.findall(r"<(?:script|link)\b[^>]*>", html)  # the stance cells' own script is there
    assert external_urls(html) == [] and "mathjax" not in html.lower()


# --- escaping, topics, English --------------------------------------------------------------------

PAYLOAD = '<script>alert("pwned")</script>'


@pytest.fixture(scope="module")
def script_corpus(tmp_path_factory) -> Path:
    """A tiny English corpus whose titles and quotes carry markup, written for this test."""
    folder = tmp_path_factory.mktemp("script")
    rows = [
        {"title": f"Talks resume {PAYLOAD}", "outlet": "Daily <b>Bold</b>", "date": "2022-03-01",
         "text": f'The minister said "We support Ukraine and condemn Russia {PAYLOAD}". '
                 "The spokesman told reporters that the sanctions would hurt ordinary people."},
        {"title": "Markets steady", "outlet": "Evening Post", "date": "2022-03-02",
         "text": "The governor said that oil prices remained stable. Analysts said markets were calm."},
        {"title": "Border talks", "outlet": "Evening Post", "date": "2022-03-05",
         "text": "The foreign minister said that Russia must withdraw its troops from Ukraine."},
    ]
    rows.append(dict(rows[0]))  # the first article printed again: a duplicate, left out of every aggregate
    path = folder / "news.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def tiny_topic_model(tmp_path_factory) -> Path:
    from framing.topics.model import TopicModel

    docs = ["oil prices crude market barrels energy"] * 4 + ["troops border withdraw minister talks ukraine"] * 4
    model = TopicModel(k=2, seed=0, passes=10, no_below=1, no_above=1.0).fit(docs)
    return model.save(tmp_path_factory.mktemp("model") / "k2")


@pytest.fixture(scope="module")
def script_report(tmp_path_factory, script_corpus, tiny_topic_model) -> Path:
    out = tmp_path_factory.mktemp("reports") / "news"
    return run_report(script_corpus, out, parameters={"n_boot": 50, "topic_model": str(tiny_topic_model),
                                                      "title": f"Coverage {PAYLOAD}"},
                      reader_options={"lang": "en"})


def test_corpus_text_is_escaped_in_the_html(script_report):
    html = (script_report / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in html and "<b>Bold</b>" not in html
    assert "&lt;script&gt;alert(" in html and "&lt;b&gt;Bold&lt;/b&gt;" in html
    nb = nbformat.read(script_report / "report.ipynb", as_version=4)
    assert error_outputs(nb) == []


def test_topics_section_with_a_model(script_report):
    for name in ("topics", "topic_shares"):
        assert (script_report / "tables" / f"{name}.csv").is_file()
        assert (script_report / "tables" / f"{name}.tex").is_file()
        assert (script_report / "figures" / f"{name.replace('topics', 'topic_words')}.png").is_file()
    topics = pd.read_csv(script_report / "tables" / "topics.csv")
    assert len(topics) == 2 and {"topic", "label", "words"} <= set(topics.columns)
    html = (script_report / "report.html").read_text(encoding="utf-8")
    assert "too small for topics" not in html and "reference corpus" in html
    record = json.loads((script_report / "provenance.json").read_text(encoding="utf-8"))
    assert record["topic_model"]["k"] == 2 and record["topic_model"]["fingerprint"]
    assert "topic_method" in record["methods"]


def test_notebook_copy_is_not_changed_by_normalizing_twice(script_report):
    nb = nbformat.read(script_report / "report.ipynb", as_version=4)
    again = normalize_notebook(copy.deepcopy(nb))
    assert nbformat.writes(again) == nbformat.writes(nb)


# --- reports from an analysis folder, corpus selection, the comparison views ----------------------


def test_report_from_an_analysis_folder_gives_the_committed_tables(tmp_path, monkeypatch):
    # `framing analyze` then `framing report --from`: the same tables as the report that analyses the corpus itself
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("FRAMING_GIT_COMMIT", _current_commit())
    analysis = tmp_path / "analysis"
    assert main(["analyze", "corpora/seed", "--out", str(analysis)]) == 0
    out = tmp_path / "from"
    assert main(["report", "--from", str(analysis), "--out", str(out)]) == 0
    committed = ROOT / "reports" / "seed" / "tables"
    assert _files(out / "tables") == _files(committed)
    record = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    # the corpus the analysis names is at hand here, so it is hashed as for a report made from it
    assert len(record["corpus"]["sha256"]) == 64 and record["analysis"]["corpus"] == "corpora/seed"
    assert not (out / "analysis").exists()  # the analysis read stays where it is


def test_from_refuses_what_the_analysis_decided(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    analysis = tmp_path / "analysis"
    assert main(["analyze", "corpora/seed", "--out", str(analysis)]) == 0
    assert main(["report", "--from", str(analysis), "--out", str(tmp_path / "r"), "-p", "n_boot=10"]) != 0
    assert "n_boot is set when it is made (framing analyze)" in capsys.readouterr().err
    assert main(["report", "--from", str(analysis), "--out", str(tmp_path / "r"), "--where", "lang=ar"]) != 0
    assert "go to `framing analyze`" in capsys.readouterr().err
    assert main(["report", "--from", str(tmp_path / "nothing"), "--out", str(tmp_path / "r")]) != 0
    assert "no such folder" in capsys.readouterr().err
    assert main(["report", "--out", str(tmp_path / "r")]) != 0
    assert "give a corpus (PATH) or an analysis folder (--from OUT)" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_selection_is_applied_and_recorded(tmp_path, script_corpus):
    out = tmp_path / "r"
    assert main(["report", str(script_corpus), "--lang", "en", "--where", "outlet=Evening Post", "--out", str(out),
                 "-p", "n_boot=20"]) == 0
    docs = pd.read_csv(out / "analysis" / "documents.csv")
    assert set(docs["outlet"]) == {"Evening Post"} and len(docs) == 2
    record = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert record["analysis"]["counts"]["left_out"] == 2
    assert record["analysis"]["reader"]["selection"] == {"where": {"outlet": ["Evening Post"]}}
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "where outlet is Evening Post (2 documents; 2 read and left out)" in html


def test_the_quotes_behind_the_stance_cells_leave_duplicates_out_as_the_cells_do(script_report):
    docs = pd.read_csv(script_report / "analysis" / "documents.csv")
    repeated = set(docs.loc[docs["duplicate_of"].notna(), "doc_id"])
    assert len(repeated) == 1
    behind = pd.read_csv(script_report / "tables" / "stance_utterances.csv")
    assert len(behind) and not set(behind["doc_id"]) & repeated
    # the same statements as the cells count: the quotes of the first article once, not twice
    assert not behind.duplicated(["speaker_id", "target", "content"]).any()
    # so do the utterances counted per speaker and outlet
    utterances = pd.read_csv(script_report / "analysis" / "utterances.csv")
    kept = utterances[~utterances["doc_id"].isin(repeated) & utterances["speaker_id"].notna()]
    per_outlet = pd.read_csv(script_report / "tables" / "outlet_speakers.csv")
    assert per_outlet["n"].sum() == len(kept) < len(utterances[utterances["speaker_id"].notna()])


def test_outlets_are_compared_and_quotes_carry_their_article(script_report):
    html = (script_report / "report.html").read_text(encoding="utf-8")
    assert (script_report / "figures" / "outlets.png").is_file()
    assert (script_report / "tables" / "outlet_speakers.csv").is_file()
    # one month only: the view over time says why it is empty
    assert "All utterances come from one period (<bdi>2022-03</bdi>)" in html
    # an example quote names its article's title and outlet, escaped
    assert re.search(r"<small>\((?:favor|against|neutral)[^<]*; <bdi>Talks resume &lt;script&gt;", html)
    assert "Daily &lt;b&gt;Bold&lt;/b&gt; · 2022-03-01, paragraph" in html


def test_from_an_analysis_whose_corpus_is_gone(tmp_path, monkeypatch):
    # the tables are all a report needs: provenance says the corpus files were not at hand and hashes the documents
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpora" / "seed", corpus)
    assert main(["analyze", str(corpus), "--out", str(tmp_path / "a"), "--n-boot", "20"]) == 0
    shutil.rmtree(corpus)
    out = tmp_path / "r"
    assert main(["report", "--from", str(tmp_path / "a"), "--out", str(out)]) == 0
    record = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert record["corpus"]["sha256"] is None and len(record["corpus"]["documents_sha256"]) == 64
    assert "the corpus files were not at hand" in (out / "methods.md").read_text(encoding="utf-8")


def test_a_consensus_model_shows_the_stability_of_each_topic(tmp_path, script_corpus):
    from framing.topics.model import TopicModel

    docs = ["oil prices crude market barrels energy"] * 4 + ["troops border withdraw minister talks ukraine"] * 4
    model = TopicModel(k=2, n_seeds=2, passes=10, no_below=1, no_above=1.0).fit(docs).save(tmp_path / "k2")
    out = run_report(script_corpus, tmp_path / "r", parameters={"n_boot": 20, "topic_model": str(model)},
                     reader_options={"lang": "en"})
    stability = pd.read_csv(out / "tables" / "topic_stability.csv")
    assert len(stability) == 2 and stability["stability"].between(0, 1).all()
    assert "Stability of each topic across the fits it was merged from" in (out / "report.html").read_text(encoding="utf-8")


def test_stance_basis_own_keeps_only_the_sides_the_speakers_own_words_give(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    analysis = tmp_path / "analysis"
    assert main(["analyze", "corpora/seed", "--out", str(analysis)]) == 0
    out = tmp_path / "own"
    assert main(["report", "--from", str(analysis), "--out", str(out), "-p", "stance_basis=own"]) == 0
    every = pd.read_csv(ROOT / "reports" / "seed" / "tables" / "stance.csv")
    own = pd.read_csv(out / "tables" / "stance.csv")
    assert (every["n_named"] == 0).any()  # the sample has sides read from the context alone ...
    # ... which the robustness check leaves out: every cell left rests on the speakers' own words
    assert (own["n_named"] == own["n_documents"]).all()
    kept = set(zip(every.loc[every["n_named"] > 0, "speaker_id"], every.loc[every["n_named"] > 0, "target"]))
    assert set(zip(own["speaker_id"], own["target"])) == kept
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "A robustness check (stance_basis = own)" in html
    assert "As a robustness check only the sides" in (out / "methods.md").read_text(encoding="utf-8")
