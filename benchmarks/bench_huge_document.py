"""Peak memory and time of ``framing analyze`` on one huge single-line document.

A corpus of one JSONL record whose text is one line of 5 MB or 50 MB (characters), in three kinds:

========== ===================================================================================
``prose``   the seed corpus (Arabic) and a few English sentences with "said" and quotations,
            repeated; sentences end in punctuation, as in news
``nopunct`` the same without sentence punctuation, quotation marks or colons: one "sentence"
``nospace`` the same without any whitespace: one "word"
========== ===================================================================================

Each file is analysed by ``framing analyze FILE --out DIR`` (one process, the default) in a fresh
subprocess, so that each peak resident memory (``ru_maxrss``) is its own.  Beside it, in the same
run, two baselines: ``read``, a process that imports the analysis and reads the same file's record
into memory (``json.loads`` of the line), the least any run must hold; and ``small``, the same
``framing analyze`` on a document of 10,000 characters of the same kind, the fixed cost of a run
(libraries, lexicons, scorers).  ``MB/MB`` is the peak above ``small`` per million characters.

    python benchmarks/bench_huge_document.py [--sizes 5,50] [--kinds prose,nopunct,nospace]

Inputs are written to a temporary folder and removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "seed"
KINDS = ("prose", "nopunct", "nospace")
ENGLISH = ['"We will not back down," the minister said.', "Dmitry Peskov said the talks were useful.",
           "The White House said in a statement that it would respond.",
           'Officials told reporters: "The situation is stable."']


def unit_text(kind: str) -> str:
    """One repeat of the document: the seed corpus and the English sentences, on one line."""
    lines = [ln.strip() for f in sorted(SEED.glob("*.txt")) for ln in f.read_text(encoding="utf-8").splitlines()]
    text = " ".join([ln for ln in lines if ln] + ENGLISH)
    if kind == "nopunct":
        return re.sub(r'[.!?؟"«»“”:]', "", text) + " "
    if kind == "nospace":
        return re.sub(r"\s+", "", text)
    return text + " "


def write_input(folder: Path, kind: str, mb: float) -> Path:
    """A JSONL file of one record whose text has ``mb`` million characters."""
    size = int(mb * 1_000_000)
    unit = unit_text(kind)
    text = (unit * (size // len(unit) + 1))[:size].strip()
    path = folder / f"{kind}_{mb}mb.jsonl"
    record = {"id": f"{kind}-{mb}mb", "title": "", "text": text, "lang": "ar"}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


# Run in the subprocess: one pass, then the peak resident memory and the seconds as JSON.
_CHILD = """
import json, resource, sys, time
import framing.analysis.run
path, mode, out = sys.argv[1:4]
t0 = time.perf_counter()
if mode == "baseline":
    with open(path, encoding="utf-8") as f:
        text = json.loads(f.readline())["text"]
else:
    from framing.cli import main
    code = main(["analyze", path, "--out", out])
    assert code in (0, None), code
print(json.dumps({"seconds": time.perf_counter() - t0,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_pass(path: Path, mode: str, out: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(path), mode, str(out)], capture_output=True,
                          text=True, cwd=ROOT)
    if proc.returncode != 0:
        return {"seconds": float("nan"), "peak_mb": float("nan"), "error": proc.stderr.strip().splitlines()[-1:]}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    warnings = [ln for ln in proc.stderr.splitlines() if "without sentence punctuation" in ln]
    result["windowed"] = bool(warnings)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5,50", help="document sizes in millions of characters")
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated, of {', '.join(KINDS)}")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = [k for k in args.kinds.split(",") if k]
    print(f"python {sys.version.split()[0]}; one process; peak = ru_maxrss of the whole process")
    print(f"{'document':<16} {'file MB':>8} {'read MB':>8} {'small MB':>9} {'analyze MB':>11} {'x read':>7} "
          f"{'MB/MB':>6} {'seconds':>8}  windowed")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for mb in sizes:
            for kind in kinds:
                small = run_pass(write_input(folder, kind, 0.01), "analyze", folder / f"small_{kind}_{mb}")
                path = write_input(folder, kind, mb)
                base = run_pass(path, "baseline", folder / "unused")
                t0 = time.perf_counter()
                run = run_pass(path, "analyze", folder / f"out_{kind}_{mb}")
                wall = time.perf_counter() - t0
                extra = (run["peak_mb"] - small["peak_mb"]) / mb
                print(f"{kind + f' {mb} MB':<16} {path.stat().st_size / 2**20:8.1f} {base['peak_mb']:8.0f} "
                      f"{small['peak_mb']:9.0f} {run['peak_mb']:11.0f} {run['peak_mb'] / base['peak_mb']:7.2f} "
                      f"{extra:6.1f} "
                      f"{wall:8.1f}  {run.get('windowed', '')}{' ' + str(run['error']) if 'error' in run else ''}",
                      flush=True)
                path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
