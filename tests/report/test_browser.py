"""The report in a real browser: headless Chromium opens the HTML, loads every figure and runs its script cleanly.

Chromium comes from the system (Debian: ``apt-get install chromium``; ``.ci/run``
installs it where it can).  Where no browser is installed the tests skip and say so.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER = next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(BROWSER is None, reason="no Chromium here (Debian: apt-get install chromium); "
                                                         ".ci/run installs it where it may use apt-get")]

# Collects script errors from the first moment, and on load writes what the page shows into the DOM,
# where --dump-dom prints it: the title, how many images there are and how many of them decoded.
PROBE = """<script>window.__errors=[];window.addEventListener('error',function(e){
window.__errors.push(String(e.message||(e.target&&e.target.src)||e.type));},true);
window.addEventListener('load',function(){var imgs=[].slice.call(document.images);
var out={title:document.title,images:imgs.length,loaded:imgs.filter(function(i){return i.complete&&i.naturalWidth>0;}).length,
errors:window.__errors,text:document.body.innerText.length};
var pre=document.createElement('pre');pre.id='framing-check';pre.textContent=JSON.stringify(out);
document.body.appendChild(pre);});</script>"""


def _chromium(*args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=5000"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox (containers, CI)
    return subprocess.run([BROWSER, *flags, *args], capture_output=True, text=True, timeout=120)


def _probe(report: Path, tmp_path: Path) -> dict:
    page = tmp_path / "report.html"
    page.write_text(report.read_text(encoding="utf-8").replace("<head>", "<head>" + PROBE, 1), encoding="utf-8")
    run = _chromium("--dump-dom", page.as_uri())
    found = re.search(r'<pre id="framing-check">(.*?)</pre>', run.stdout, re.S)
    assert found, f"the page did not finish loading: {run.stderr[-1000:]}"
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def test_the_seed_report_renders_with_every_figure_and_no_script_error(tmp_path):
    report = ROOT / "reports" / "seed" / "report.html"
    seen = _probe(report, tmp_path)
    assert seen["title"] == "Who is quoted, and how"
    assert seen["images"] >= 4 and seen["loaded"] == seen["images"]
    assert seen["errors"] == []
    assert seen["text"] > 2000


def test_a_screenshot_of_the_report_is_not_blank(tmp_path):
    import numpy as np
    from matplotlib.image import imread

    shot = tmp_path / "shot.png"
    _chromium(f"--screenshot={shot}", "--window-size=1200,2400", (ROOT / "reports" / "seed" / "report.html").as_uri())
    assert shot.is_file(), "Chromium wrote no screenshot"
    pixels = imread(shot)
    # a rendered page has text and figures: many distinct shades, not one colour
    assert pixels.shape[0] >= 2000 and len(np.unique(pixels.reshape(-1, pixels.shape[-1]), axis=0)) > 50
