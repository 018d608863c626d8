"""Tests for framing.report.provenance: hashes, versions, git commit, citation and the methods paragraph."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.report import provenance as P

ROOT = Path(__file__).resolve().parents[2]


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("قال الوزير إن المحادثات انتهت.\n", encoding="utf-8")
    (folder / "b.txt").write_text("The minister said the talks were over.\n", encoding="utf-8")
    (folder / "metadata.csv").write_text("file,outlet\na.txt,Daily\nb.txt,Weekly\n", encoding="utf-8")
    return folder


def test_corpus_hash_follows_content_and_names_not_location(tmp_path):
    a = _corpus(tmp_path / "one" / "news")
    b = tmp_path / "two" / "copy"
    shutil.copytree(a, b)
    assert P.corpus_sha256(a) == P.corpus_sha256(b)
    (b / ".ipynb_checkpoints").mkdir()
    (b / ".ipynb_checkpoints" / "x.txt").write_text("noise", encoding="utf-8")
    assert P.corpus_sha256(a) == P.corpus_sha256(b)  # hidden files are not the corpus
    (b / "b.txt").write_text("The minister said the talks went on.\n", encoding="utf-8")
    assert P.corpus_sha256(a) != P.corpus_sha256(b)
    (b / "b.txt").write_text("The minister said the talks were over.\n", encoding="utf-8")
    assert P.corpus_sha256(a) == P.corpus_sha256(b)
    (b / "b.txt").rename(b / "c.txt")
    assert P.corpus_sha256(a) != P.corpus_sha256(b)


def test_corpus_hash_of_a_file_is_the_sha256_of_its_bytes(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_bytes(b'{"text": "x"}\n')
    assert P.corpus_sha256(path) == hashlib.sha256(b'{"text": "x"}\n').hexdigest()
    assert P.corpus_files(path) == [path]


def test_documents_hash_ignores_row_order_and_sees_text_changes():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "sha256": ["1" * 64, "2" * 64]})
    assert P.documents_sha256(docs) == P.documents_sha256(docs.iloc[::-1])
    changed = docs.assign(sha256=["1" * 64, "3" * 64])
    assert P.documents_sha256(docs) != P.documents_sha256(changed)


def test_resource_hashes_cover_the_shipped_word_lists():
    hashes = P.resource_hashes()
    for name in ("data/actors.yml", "data/targets.yml", "lang/ar_cues.yml", "lang/ar_sentiment.tsv"):
        assert hashes[name] == P.file_sha256(Path(framing.__file__).parent / name)


def test_dependency_versions_list_declared_packages_without_test_extras():
    from importlib.metadata import version

    deps = P.dependency_versions()
    assert deps["matplotlib"] == version("matplotlib") and deps["papermill"] == version("papermill")
    assert "pytest" not in deps
    assert list(deps) == sorted(deps, key=str.lower)


def _git(cwd: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(cwd), "PATH": "/usr/bin:/bin:/usr/local/bin"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


def test_git_commit_and_local_changes(tmp_path, monkeypatch):
    monkeypatch.delenv(P.COMMIT_ENV, raising=False)
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "f.txt").write_text("one\n", encoding="utf-8")
    _git(repo, "add", "f.txt")
    _git(repo, "commit", "-q", "-m", "first")
    head = _git(repo, "rev-parse", "HEAD")
    assert P.git_commit(repo) == {"commit": head, "dirty": False}
    (repo / "untracked.txt").write_text("new\n", encoding="utf-8")
    assert P.git_commit(repo)["dirty"] is False  # untracked files are not changes to the code
    (repo / "f.txt").write_text("two\n", encoding="utf-8")
    assert P.git_commit(repo) == {"commit": head, "dirty": True}
    assert P.git_commit(tmp_path / "not-a-repo") == {"commit": None, "dirty": None}
    monkeypatch.setenv(P.COMMIT_ENV, "abc123")
    assert P.git_commit(repo) == {"commit": "abc123", "dirty": None}


def test_citation_from_the_projects_citation_file_matches_the_package():
    cff = P.read_citation()
    assert cff["title"].startswith("framing") and str(cff["version"]) == framing.__version__
    cite = P.citation()
    assert cite["bibtex"].startswith("@software{framing_") and f"version = {{{framing.__version__}}}" in cite["bibtex"]
    assert cff["title"] in cite["text"] and "[Computer software]" in cite["text"]
    json.dumps(cite)


def test_bibtex_and_text_for_people_and_organisations():
    cff = {"title": "t", "version": "2.0", "date-released": "2030-05-01", "doi": "10.5281/zenodo.1",
           "authors": [{"given-names": "Layla", "family-names": "Haddad"}, {"given-names": "Omar Ali",
                                                                           "family-names": "Nasser"}]}
    entry = P.bibtex(cff)
    assert "author = {Haddad, Layla and Nasser, Omar Ali}" in entry and "doi = {10.5281/zenodo.1}" in entry
    assert "year = {2030}" in entry
    assert P.citation_text(cff) == ("Haddad, L., & Nasser, O. A. (2030). t (Version 2.0) [Computer software]. "
                                    "https://doi.org/10.5281/zenodo.1")
    assert P.read_citation(Path("no/such/CITATION.cff"))["version"] == framing.__version__


def test_provenance_record_and_methods_paragraph(seed_path):
    from framing.analysis.run import analyze
    from framing.corpus.documents import read_corpus
    from framing.measures import methods
    from framing.stance.targets import load_targets

    corpus = read_corpus(seed_path)
    targets = load_targets()
    tables = analyze(corpus, targets=targets, n_boot=20, seed=5)
    params = {"seed": 5, "n_boot": 20, "title": "t"}
    record = P.provenance(corpus_path=seed_path, parameters=params, manifest=corpus.manifest,
                          methods=methods(tables["measures"]), aggregate=tables["speakers"].attrs["aggregate"],
                          targets=targets, documents=tables["documents"])
    json.loads(json.dumps(record, default=str))
    assert record["corpus"]["sha256"] == P.corpus_sha256(seed_path) and record["corpus"]["documents"] == 1
    assert record["seed"] == 5 and record["topic_model"] is None
    text = P.methods_text(record)
    for name in record["methods"]["sentiment_method"] + record["methods"]["stance_method"]:
        assert f"`{name}`" in text
    assert "`attribution.rules.v1`" in text and "aggregate.bootstrap.v1" in text
    assert "20 resamples" in text and "seed 5" in text and "1 document " in text
    # the Arabic news sentiment model, the default, is described; the word lists alone are only named
    assert "a model trained on coded Arabic news statements" in text
    lexicon = {**record, "methods": {**record["methods"], "sentiment_method": ["sentiment.lexicon.ar.v2"]}}
    assert "coded Arabic news statements" not in P.methods_text(lexicon)
    # models trained on the researchers' own coding say so, the stance one beside the gate of its targets
    coded = {**record, "methods": {**record["methods"], "sentiment_method": ["sentiment.supervised.tfidf-lr.v2"],
                                   "stance_method": ["stance.tfidf-lr.v2"]}}
    text_coded = P.methods_text(coded)
    assert text_coded.count("a model trained on the researchers' own coding (`framing validate train`") == 2
    assert "its metadata); an utterance that does not name a target has no stance toward it." in text_coded
    # the report's stance cells count documents in own words where the news method says where a target is named
    report = {**record, "parameters": {**record["parameters"], "min_documents": 2}}
    assert "the documents in which the speaker's own words name the target" in P.methods_text(report)
    assert "robustness check" not in P.methods_text(report)
    own = {**record, "parameters": {**report["parameters"], "stance_basis": "own"}}
    assert "As a robustness check only the sides the speakers' own words give count" in P.methods_text(own)
    coded_report = {**coded, "parameters": report["parameters"]}
    assert "own words" not in P.methods_text(coded_report)
    assert all(t.name in text for t in targets)
    # the shipped targets the stance model was not trained on are named, as read by its model without priors
    learned = {t["name"]: t.get("learned") for t in record["targets"]}
    assert learned["Russia"] is True and learned["NATO"] is False
    assert "The model was not trained on Ukraine, NATO, European Union, sanctions: they are read by a second model" in text
    assert "not trained on" not in P.methods_text({**record, "targets": [t for t in record["targets"] if t["learned"]]})
    # a run's balances of sides for those targets (run.json) are recorded per target and named in the methods
    assert "balance of favor, against and neutral the corpus' statements show" not in text
    balance = {"favor": 0.5, "against": 0.3, "neutral": 0.2, "candidates": 12}
    weighed = P.provenance(corpus_path=seed_path, parameters=params, methods=methods(tables["measures"]),
                           targets=targets, analysis={"stance_priors": {"NATO": balance}})
    assert {t["name"]: t.get("corpus_balance") for t in weighed["targets"]}["NATO"] == balance
    assert "balance of favor, against and neutral the corpus' statements show" in P.methods_text(weighed)
    # a target the model learned from statements in another language, read with the corpus' balance in this one
    english = P.provenance(corpus_path=seed_path, parameters=params, methods=methods(tables["measures"]),
                           targets=targets, analysis={"stance_priors": {"Russia": balance}})
    assert "The model learned the balance of sides of Russia from statements in another language" in \
        P.methods_text(english)
    # balances the researcher gave (--stance-priors FILE): named with their file, learned target or not
    mine = {**balance, "given": "balances.yml"}
    given = P.methods_text(P.provenance(corpus_path=seed_path, parameters=params, methods=methods(tables["measures"]),
                                        targets=targets, analysis={"stance_priors": {"Russia": mine, "NATO": mine}}))
    assert ("Russia, NATO are read as targets the model was not trained on, with the balance of favor, against and "
            "neutral given in balances.yml") in given
    assert "another language" not in given and "The model was not trained on Ukraine, European Union, sanctions" in given
    # a training target under another name (its aliases): learned, and named as what it is read as
    from framing.stance.targets import Target

    russia = next(t for t in targets if t.name == "Russia")
    kremlin = Target("The Kremlin side", dict(russia.aliases))
    renamed = P.provenance(corpus_path=seed_path, parameters=params, methods=methods(tables["measures"]),
                           targets=[kremlin, *[t for t in targets if t.name != "Russia"]])
    assert renamed["targets"][0] == {"name": "The Kremlin side", "slug": "the_kremlin_side", "learned": True,
                                     "trained_as": "Russia"}
    assert "The Kremlin side is read as the model's Russia, whose aliases it shares" in P.methods_text(renamed)
    assert "trained_as" not in str(record["targets"]) and "whose aliases it shares" not in text
    md = P.methods_markdown(record)
    assert md.startswith("# Methods") and "```bibtex" in md and record["corpus"]["sha256"] in md
