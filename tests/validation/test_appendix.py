"""The validation appendix: ``framing report CODING --notebook validate`` and :mod:`framing.validation.appendix`.

The fixture folder ``tests/fixtures/validation`` holds two coders' sheets of
the same utterances (coder_a, coder_b), a sheet of other utterances
(train_sheet: in no key), a sheet with bad codes (coder_bad) and the key.
The report is generated twice (compared byte for byte); its numbers are
compared with the validation functions called directly.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from framing.cli import main
from framing.errors import InputError
from framing.files import file_sha256
from framing.report.runner import error_outputs
from framing.validation import agreement_table, confusion_matrix, read_key, read_sheets, score_sheets
from framing.validation.appendix import (coders_table, coding_sheets, compared_units, find_key, read_coding,
                                         split_agreement)

# runs the validation notebook in a Jupyter kernel: the whole module is slow
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CODING = Path("tests") / "fixtures" / "validation"
SECTIONS = ("1. The coding", "2. Agreement between coders", "3. The machine against the coders",
            "4. Confusion matrices", "5. Methods and provenance")
N_BOOT = 50
#: The sheets a run on the fixture folder uses: every CSV but the key and the sheet with bad codes.
USED = ("coder_a.csv", "coder_b.csv", "train_sheet.csv")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The appendix of the fixture folder, made twice in two places with the command line."""
    mp = pytest.MonkeyPatch()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
    # a commit landing between the two runs would change an input (the commit recorded); pin it
    mp.setenv("FRAMING_GIT_COMMIT", commit.stdout.strip() or "unknown")
    mp.chdir(ROOT)
    base = tmp_path_factory.mktemp("validate")
    try:
        out = []
        for name in ("a", "b"):
            folder = base / name / "validation"
            assert main(["report", str(CODING), "--notebook", "validate", "--out", str(folder),
                         "-p", f"n_boot={N_BOOT}"]) == 0
            out.append(folder)
    finally:
        mp.undo()
    return out


@pytest.fixture(scope="module")
def direct():
    """The same numbers from the validation functions, called directly on the sheets the report uses."""
    coded = read_sheets([ROOT / CODING / name for name in USED])
    key = read_key(ROOT / CODING / "key.csv")
    pair = read_sheets([ROOT / CODING / name for name in USED[:2]])
    return {"agreement": agreement_table(coded, per_category=True, n_boot=N_BOOT, seed=0),
            "scores": score_sheets(pair, key, n_boot=N_BOOT, seed=0), "coded": coded}


# --- the report ------------------------------------------------------------------------------------


def test_two_runs_give_identical_bytes(runs):
    a, b = (_files(run) for run in runs)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    kinds = {Path(name).suffix for name in a}
    assert {".ipynb", ".html", ".csv", ".tex", ".png", ".pdf", ".json", ".md"} <= kinds


def test_tables_are_written_as_csv_and_booktabs_latex(runs):
    tables = runs[0] / "tables"
    for name in ("coders", "coding", "alpha", "alpha_categories", "attribution", "machine_scores", "classes",
                 "machine_alpha", "confusion_kind", "confusion_sentiment", "confusion_stance_russia"):
        assert (tables / f"{name}.csv").is_file(), name
        tex = (tables / f"{name}.tex").read_text(encoding="utf-8")
        assert "\\toprule" in tex and "\\bottomrule" in tex and f"\\label{{tab:{name}}}" in tex
        caption = tex.split("\\caption{", 1)[1].split("}\n", 1)[0]
        assert "%" not in caption and "_" not in caption, f"{name}.tex: LaTeX specials in the caption"


def test_figures_are_written_as_png_and_pdf(runs):
    figures = runs[0] / "figures"
    for name in ("alpha", "alpha_categories", "machine_alpha", "confusion_kind", "confusion_sentiment",
                 "confusion_stance_russia"):
        assert (figures / f"{name}.png").read_bytes()[:4] == b"\x89PNG", name
        assert (figures / f"{name}.pdf").read_bytes()[:5] == b"%PDF-", name


def test_html_has_every_section_and_no_error(runs):
    nb = nbformat.read(runs[0] / "report.ipynb", as_version=4)
    assert error_outputs(nb) == []
    html = (runs[0] / "report.html").read_text(encoding="utf-8")
    assert "<title>Validation against human coding</title>" in html
    for section in SECTIONS:
        assert section in html
    assert "agreement_table(coded" not in html  # no code cells
    assert 'alt="Krippendorff\'s alpha between coders (95% CI)"' in html
    assert 'alt="stance_russia: coders against the machine (n=6)"' in html
    # the sheet with bad codes is named with its bad rows, the others are used
    assert "coder_bad.csv" in html and "row 3: utterance 'maybe' is not one of" in html


def test_alpha_table_equals_agreement_table(runs, direct):
    written = pd.read_csv(runs[0] / "tables" / "alpha.csv")
    expected, _ = split_agreement(direct["agreement"])
    assert written[["variable", "level"]].values.tolist() == expected[["variable", "level"]].values.tolist()
    for col in ("alpha", "ci_low", "ci_high", "agreement"):
        assert np.allclose(written[col], expected[col].astype(float), atol=5e-5, equal_nan=True), col
    assert written["units"].tolist() == expected["units"].tolist()
    per_category = pd.read_csv(runs[0] / "tables" / "alpha_categories.csv")
    _, categories = split_agreement(direct["agreement"])
    assert per_category["category"].tolist() == categories["category"].tolist()
    assert np.allclose(per_category["alpha"], categories["alpha"].astype(float), atol=5e-5, equal_nan=True)


def test_machine_tables_equal_score_sheets(runs, direct):
    tables, result = runs[0] / "tables", direct["scores"]
    classes = pd.read_csv(tables / "classes.csv")
    assert classes[["variable", "class"]].values.tolist() == result["classes"][["variable", "class"]].values.tolist()
    assert np.allclose(classes[["precision", "recall", "f1"]], result["classes"][["precision", "recall", "f1"]],
                       atol=5e-5)
    scores = pd.read_csv(tables / "machine_scores.csv")
    assert np.allclose(scores["macro_f1"], result["summary"]["macro_f1"].astype(float), atol=5e-5, equal_nan=True)
    events = pd.read_csv(tables / "attribution.csv").set_index("level")
    assert events.loc["detection", "f1"] == pytest.approx(result["attribution"]["detection"]["f1"], abs=5e-5)
    for variable in ("kind", "sentiment", "stance_russia"):
        written = pd.read_csv(tables / f"confusion_{variable}.csv", keep_default_na=False).set_index("reference")
        matrix = confusion_matrix(result["confusion"], variable).fillna(0).astype(int)
        assert written.index.tolist() == matrix.index.tolist() and written.columns.tolist() == matrix.columns.tolist()
        assert (written.to_numpy() == matrix.to_numpy()).all(), variable


def test_left_out_sheets_and_units_are_listed(runs, direct):
    tables = runs[0] / "tables"
    left = pd.read_csv(tables / "sheets_left_out.csv")
    assert left["sheet"].tolist() == ["coder_bad.csv"] and "row 3" in left["reason"][0]
    not_in_key = pd.read_csv(tables / "units_not_in_key.csv")
    train = read_sheets(ROOT / CODING / "train_sheet.csv")
    assert sorted(not_in_key["unit"]) == sorted(train["unit"]) and set(not_in_key["sheets"]) == {"train_sheet.csv"}
    coders = pd.read_csv(tables / "coders.csv")
    assert coders.values.tolist() == coders_table(direct["coded"]).values.tolist()


def test_provenance_hashes_every_sheet_and_the_key(runs):
    record = json.loads((runs[0] / "provenance.json").read_text(encoding="utf-8"))
    hashes = {f["file"]: (f["sha256"], f["used"]) for f in record["sheets"]}
    assert set(hashes) == {*USED, "coder_bad.csv"}
    for name, (digest, used) in hashes.items():
        assert digest == file_sha256(ROOT / CODING / name) and used == (name in USED)
    assert record["key"]["file"] == "key.csv" and record["key"]["sha256"] == file_sha256(ROOT / CODING / "key.csv")
    assert record["seed"] == 0 and record["parameters"]["n_boot"] == N_BOOT
    methods = (runs[0] / "methods.md").read_text(encoding="utf-8")
    assert "@software{" in methods and hashes["coder_a.csv"][0] in methods
    assert f"{N_BOOT} replicates" in methods and "Krippendorff" in methods


# --- the pieces ----------------------------------------------------------------------------------------


def test_sheets_and_key_are_told_apart(tmp_path):
    for name in ("ana.csv", "bo.csv", "sheet.key.csv", "notes.txt"):
        (tmp_path / name).write_text("utterance_id,sentiment\nu1,negative\n", encoding="utf-8")
    assert [p.name for p in coding_sheets(tmp_path)] == ["ana.csv", "bo.csv"]
    assert find_key(tmp_path).name == "sheet.key.csv" and find_key(tmp_path / "ana.csv").name == "sheet.key.csv"
    (tmp_path / "key.csv").write_text("utterance_id\nu1\n", encoding="utf-8")
    with pytest.raises(InputError, match="several keys"):
        find_key(tmp_path)
    with pytest.raises(InputError, match="no coded sheet"):
        coding_sheets(tmp_path, "*.xlsx")


def test_uncoded_and_bad_sheets_are_left_out_with_the_reason(tmp_path):
    (tmp_path / "sheet.csv").write_text("utterance_id,coder,utterance,sentiment\nu1,,,\nu2,,,\n", encoding="utf-8")
    (tmp_path / "ana.csv").write_text("utterance_id,utterance,sentiment\nu1,yes,negative\nu2,no,\n", encoding="utf-8")
    (tmp_path / "bo.csv").write_text("utterance_id,utterance,sentiment\nu1,yes,awful\n", encoding="utf-8")
    coded, left = read_coding(coding_sheets(tmp_path))
    assert sorted(set(coded["coder"])) == ["ana"]
    reasons = dict(zip(left["sheet"], left["reason"]))
    assert set(reasons) == {"sheet.csv", "bo.csv"}
    assert reasons["sheet.csv"].startswith("no codes") and "row 2: sentiment 'awful'" in reasons["bo.csv"]
    with pytest.raises(InputError, match="no usable coded sheet"):
        read_coding([tmp_path / "sheet.csv", tmp_path / "bo.csv"])


def test_compared_units_keep_added_statements_of_documents_in_the_key():
    coded = pd.DataFrame({"unit": ["u1", "d|2|said", "x|1|said", "t1"], "utterance_id": ["u1", "", "", "t1"],
                          "doc_id": ["d", "d", "x", "t"], "added": [False, True, True, False], "coder": "a",
                          "source": "dir/a.csv"})
    kept, left = compared_units(coded, pd.DataFrame({"utterance_id": ["u1"], "doc_id": ["d"]}))
    assert kept["unit"].tolist() == ["u1", "d|2|said"]
    assert left.values.tolist() == [["x|1|said", "a", "a.csv"], ["t1", "a", "a.csv"]]
    assert compared_units(coded, None)[0] is coded


def test_summaries_escape_names_from_the_sheets():
    from framing.validation.appendix import coding_summary, not_in_key_summary

    coders = pd.DataFrame({"coder": ["<script>x</script>"], "sheet": ["a.csv"], "units": [2], "added": [0],
                           "codes": [2]})
    coding = pd.DataFrame({"variable": ["sentiment"], "codes": ["..."], "coders": [1], "units": [2],
                           "units_2plus": [0]})
    left = pd.DataFrame({"sheet": ["<b>.csv"], "reason": ["no codes"]})
    text = coding_summary(coders, coding, left, "<i>key.csv")
    assert "<script>" not in text and "&lt;script&gt;" in text and "&lt;b&gt;.csv" in text and "<i>" not in text
    units = pd.DataFrame({"unit": ["<u>"], "coders": ["a"], "sheets": ["<s>.csv"]})
    assert "<u>" not in not_in_key_summary(units) and "&lt;s&gt;.csv" in not_in_key_summary(units)
