"""framing actors suggest: propose registry entries from an analysis, and pass them back to the next one."""

import pytest
import yaml

from framing.attribution.actors import Registry
from framing.attribution.suggest import MARKER
from framing.cli import main
from framing.tables import read_table

ARABIC = ("وقال الخبير الاقتصادي سامي العلي إن الأسعار سترتفع في الشهر المقبل.\n"
          "وأضاف العلي أن الحكومة يجب أن تتدخل لحماية المستهلكين.\n")
ENGLISH = ("Secretary of Commerce Martha L Greyson said that the sanctions are working.\n"
           "Secretary Greyson said that the economy is strong.\n")


@pytest.fixture(scope="module")
def analysis(tmp_path_factory):
    """A small corpus (three Arabic and two English articles) and the folder `framing analyze` wrote for it."""
    root = tmp_path_factory.mktemp("suggest")
    corpus = root / "corpus"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"ar{i}.txt").write_text(ARABIC, encoding="utf-8")
    for i in range(2):
        (corpus / f"en{i}.txt").write_text(ENGLISH, encoding="utf-8")
    out = root / "out"
    assert main(["analyze", str(corpus), "--out", str(out)]) == 0
    return corpus, out


def test_suggestions_register_the_speakers_on_a_rerun(analysis, tmp_path, capsys):
    corpus, out = analysis
    before = read_table(out, "utterances")
    sami = before.loc[before["speaker"].str.contains("سامي العلي"), "speaker_id"]
    assert len(sami) >= 3 and sami.str.startswith("x:").all()

    suggested = tmp_path / "actors.yml"
    assert main(["actors", "suggest", str(out), "--out", str(suggested)]) == 0
    assert str(suggested) in capsys.readouterr().err
    text = suggested.read_text(encoding="utf-8")
    assert text.startswith(MARKER)
    registry = Registry.load([suggested])  # loads without error
    entries = {e["name"]: e for e in yaml.safe_load(text)["actors"]}
    assert {"سامي العلي", "Martha L Greyson"} <= set(entries)
    assert all(e["id"] in registry for e in entries.values())

    again = tmp_path / "again"
    assert main(["analyze", str(corpus), "--out", str(again), "--actors", str(suggested)]) == 0
    after = read_table(again, "utterances")
    assert set(after.loc[sami.index, "speaker_id"]) == {entries["سامي العلي"]["id"]}
    greyson = before.index[before["speaker"].str.contains("Greyson")]
    assert len(greyson) >= 2 and set(after.loc[greyson, "speaker_id"]) == {entries["Martha L Greyson"]["id"]}


def test_without_out_the_yaml_goes_to_standard_output(analysis, capsys):
    _, out = analysis
    assert main(["actors", "suggest", str(out), "--top", "1", "--min-utterances", "3"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(MARKER)
    [entry] = yaml.safe_load(printed)["actors"]
    assert entry["name"] == "سامي العلي"  # the most quoted: 6 utterances in 3 documents
    assert "utterances in 3 document(s)" in printed


def test_out_never_replaces_a_file_it_did_not_write(analysis, tmp_path, capsys):
    _, out = analysis
    mine = tmp_path / "my_actors.yml"
    mine.write_text("actors:\n  - id: edited\n    name: Edited By Hand\n", encoding="utf-8")
    assert main(["actors", "suggest", str(out), "--out", str(mine)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(mine) in err and "not written by" in err
    assert mine.read_text(encoding="utf-8").startswith("actors:")

    ours = tmp_path / "suggested.yml"
    assert main(["actors", "suggest", str(out), "--out", str(ours), "--top", "1"]) == 0
    assert main(["actors", "suggest", str(out), "--out", str(ours), "--top", "2"]) == 0  # its own file: replaced
    assert len(yaml.safe_load(ours.read_text(encoding="utf-8"))["actors"]) == 2
    assert main(["actors", "suggest", str(out), "--out", str(tmp_path)]) == 2  # a folder
    assert "folder" in capsys.readouterr().err


@pytest.mark.parametrize("make, words", [
    (lambda p: p / "missing", "no such folder"),
    (lambda p: p, "no utterances.parquet or utterances.csv"),
    (lambda p: (p / "file.txt").write_text("x") and p / "file.txt", "not a folder"),
])
def test_not_an_analyze_folder_is_one_clear_line(tmp_path, capsys, make, words):
    target = make(tmp_path)
    assert main(["actors", "suggest", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error:") and err.count("\n") == 1
    assert str(target) in err and words in err


def test_a_table_without_speakers_is_named(tmp_path, capsys):
    import pandas as pd

    pd.DataFrame({"utterance_id": ["1"], "doc_id": ["d"]}).to_parquet(tmp_path / "utterances.parquet")
    assert main(["actors", "suggest", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert str(tmp_path) in err and "speaker_id" in err and err.count("\n") == 1


def test_usage_errors(capsys):
    assert main(["actors"]) == 2
    assert main(["actors", "suggest", "out", "--top", "0"]) == 2
    assert "--top" in capsys.readouterr().err
