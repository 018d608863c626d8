"""Helpers shared by the report tests: a previous report folder to replace, the network URLs of an HTML page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat

#: Small notebooks that fail, sleep or record their kernel, for running reports quickly.
NOTEBOOKS = Path(__file__).resolve().parent / "fixtures" / "notebooks"


def previous_report(folder: Path) -> Path:
    """A report folder as the previous version wrote it: no file list, a provenance.json naming framing.

    Returns its ``report.html``, which holds ``the previous report``.
    """
    folder.mkdir(parents=True)
    marker = folder / "report.html"
    marker.write_text("the previous report\n", encoding="utf-8")
    nbformat.write(nbformat.v4.new_notebook(), folder / "report.ipynb")
    (folder / "provenance.json").write_text(json.dumps({"software": {"framing": "0.1.0"}}), encoding="utf-8")
    return marker


def external_urls(html: str) -> list[str]:
    """src/href values of script and link tags that point at the network."""
    tags = re.findall(r"<(?:script|link)\b[^>]*>", html, re.I)
    return [url for tag in tags for url in re.findall(r'(?:src|href)\s*=\s*["\']?([^"\' >]+)', tag, re.I)
            if re.match(r"(?:https?:)?//", url)]
