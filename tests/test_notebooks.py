"""The project's notebooks: committed reviewable (no outputs, parameters tagged) and each one runs.

Before committing a notebook, clear it with
``jupyter nbconvert --clear-output --inplace notebooks/NAME.ipynb``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from framing.report.runner import error_outputs, execute

# runs every notebook in a Jupyter kernel: the whole module is slow
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
CLEAR = "clear it with `jupyter nbconvert --clear-output --inplace {}`"


def test_the_notebooks_are_there():
    assert {"report.ipynb", "explore.ipynb"} <= {p.name for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    hint = CLEAR.format(path.relative_to(ROOT))
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {i} of {path.name} has outputs: {hint}"
            assert cell.execution_count is None, f"cell {i} of {path.name} has an execution count: {hint}"
        for key in ("papermill", "execution", "ExecuteTime"):
            assert key not in cell.metadata, f"cell {i} of {path.name} keeps run metadata {key!r}: {hint}"
    assert "papermill" not in nb.metadata, f"{path.name} keeps papermill metadata: {hint}"
    assert nb.metadata["kernelspec"]["language"] == "python"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_one_parameters_cell_first_among_code_cells(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{path.name} needs exactly one cell tagged 'parameters'"
    assert code[0] is tagged[0]


#: Parameters each notebook runs with here: small and fast, outputs kept out of the project.
def _parameters(path: Path, tmp_path: Path) -> dict:
    if path.name in ("report.ipynb", "validate.ipynb"):
        return {"out_dir": str(tmp_path / path.stem), "n_boot": 50}
    return {}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_without_errors(path, tmp_path):
    # run where it lies, with its own defaults (the sample corpus), as someone opening it in JupyterLab would
    nb = execute(path, tmp_path / path.name, parameters=_parameters(path, tmp_path), cwd=NOTEBOOK_DIR,
                 timeout=300)
    assert error_outputs(nb) == []
    assert sum(len(c.get("outputs", [])) for c in nb.cells if c.cell_type == "code") > 0
    shown = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert shown, f"{path.name} shows no figure"
