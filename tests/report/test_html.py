"""Tests for framing.report.html: normalizing an executed notebook, and self-contained HTML."""

from __future__ import annotations

import nbformat

from framing.report.html import normalize_notebook, render_html
from report_support import external_urls


def test_normalize_notebook_removes_timings_and_random_ids():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_markdown_cell("# t")])
    nb.metadata["papermill"] = {"start_time": "2026-01-01T00:00:00", "duration": 1.5, "parameters": {"seed": 1},
                                "input_path": "/runs/x.ipynb", "output_path": "/runs/y.ipynb"}
    nb.cells[0].metadata.update({"papermill": {"duration": 0.1, "status": "completed"}, "tags": ["parameters"],
                                 "execution": {"iopub.execute_input": "2026-01-01T00:00:00"},
                                 "ExecuteTime": {"end_time": "2026"}})
    before = [c.id for c in nb.cells]
    normalize_notebook(nb)
    assert [c.id for c in nb.cells] == ["cell-0", "cell-1"] != before
    assert nb.metadata["papermill"] == {"parameters": {"seed": 1}}
    assert nb.cells[0].metadata == {"tags": ["parameters"]}
    text = nbformat.writes(nb)
    assert "2026" not in text and "/runs" not in text


def test_html_loads_nothing_and_typesets_no_mathematics():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("Costs $x$ and $$y$$"),
        nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
            "display_data", data={"text/html": "<p>Outlet $x$ Daily, price $5 to $6</p>"})])])
    html = render_html(nb, "t")
    assert external_urls(html) == []
    assert "mathjax" not in html.lower() and "require.js" not in html and "mermaid" not in html.lower()
    assert "Outlet $x$ Daily, price $5 to $6" in html and "Costs $x$ and $$y$$" in html
