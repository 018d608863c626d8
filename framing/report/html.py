"""The executed report notebook made stable and readable: normalized for identical bytes, rendered to HTML.

:func:`normalize_notebook` removes what changes between identical runs
(papermill timings, execution timestamps, random cell ids);
:func:`render_html` writes the notebook without its code as one
self-contained page: no script, style or font comes from the network, and
no text is typeset as mathematics (a ``$`` in corpus text stays a ``$``).
"""

from __future__ import annotations

#: Metadata keys that record when and how long something ran; removed so reruns give the same bytes.
VOLATILE_CELL_METADATA = ("papermill", "execution", "ExecuteTime", "collapsed", "scrolled")


def normalize_notebook(nb):
    """Remove what changes between identical runs: timings, timestamps and random cell ids.

    Keeps the ``parameters`` and ``injected-parameters`` tags, outputs and
    execution counts.  Returns the same notebook object, changed in place.
    """
    import nbformat

    if (nb.nbformat, nb.nbformat_minor) < (4, 5):
        nb.nbformat_minor = 5
    run = nb.metadata.pop("papermill", None) or {}
    if run.get("parameters") is not None:
        nb.metadata["papermill"] = {"parameters": run["parameters"]}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        for out in cell.get("outputs", []):
            if "metadata" in out:
                out["metadata"].pop("execution", None)
    nbformat.validate(nb)
    return nb


def strip_notebook(nb):
    """Clear outputs and execution counts (for committing a notebook); tags and cell ids are kept."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    nb.metadata.pop("papermill", None)
    return nb


#: nbconvert's lab page without the scripts it loads from a CDN (require.js, MathJax, mermaid, widgets):
#: a report opens offline, and corpus text with ``$`` signs is not typeset as mathematics.
_HTML_TEMPLATE_NAME = "framing_report.html.j2"
_HTML_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def render_html(nb, title: str) -> str:
    """Self-contained HTML of an executed notebook without code cells or prompts, titled ``title``.

    Nothing is loaded from the network and nothing is typeset as mathematics.

    Images whose output metadata carries ``alt`` (see :func:`framing.report.plots.show`)
    get it as their text alternative.
    """
    import copy
    import html

    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            alt = out.get("metadata", {}).get("image/png", {}).get("alt")
            if alt and "image/png" in out.get("data", {}):
                # nbconvert's templates have no alt text for images; an <img> of the same bytes does
                png = out["data"]["image/png"].replace("\n", "")
                out["data"] = {"text/html": f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}"/>'}
    exporter = HTMLExporter(template_name="lab", template_file=_HTML_TEMPLATE_NAME,
                            extra_loaders=[DictLoader({_HTML_TEMPLATE_NAME: _HTML_TEMPLATE})],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


__all__ = ["VOLATILE_CELL_METADATA", "normalize_notebook", "render_html", "strip_notebook"]
