"""How long `framing report` takes, beside the analysis alone and an empty Papermill run.

Usage::

    python benchmarks/bench_report.py [PATH] [--repeat N] [-- READER OPTIONS ...]

PATH defaults to the sample corpus ``corpora/seed``.  Each pass runs in a
fresh process, ``--repeat`` times (default 3), and the fastest run is kept:

- ``papermill``: Papermill executing a notebook with only a parameters cell
  and an import of framing (kernel start-up and teardown: the floor of any report);
- ``analyze``: ``framing analyze PATH --out DIR`` (the numbers, without the report);
- ``report``: ``framing report PATH --out DIR`` (analysis, figures, tables, HTML).

``x analyze`` is each pass's time over the analysis alone.

Examples
--------
$ python benchmarks/bench_report.py                                                   # doctest: +SKIP
$ python benchmarks/bench_report.py ../shared/corpora/us_gov_ukraine/Government_Data.csv -- --text-col article
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _empty_notebook(folder: Path) -> Path:
    import nbformat

    params = nbformat.v4.new_code_cell('corpus = None\ncorpus_name = None\nreader_options = {}\nout_dir = "."')
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(cells=[params, nbformat.v4.new_code_cell("import framing.analysis.run")],
                                  metadata={"kernelspec": {"name": "python3", "language": "python",
                                                           "display_name": "Python 3"}})
    path = folder / "empty.ipynb"
    nbformat.write(nb, path)
    return path


def _time(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default="corpora/seed")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("reader", nargs=argparse.REMAINDER, help="reader options after --")
    args = parser.parse_args(argv)
    reader = [a for a in args.reader if a != "--"]
    framing = [sys.executable, "-m", "framing"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = _empty_notebook(tmp)
        passes = {
            "papermill": framing + ["report", args.path, *reader, "--notebook", str(empty), "--out", str(tmp / "e")],
            "analyze": framing + ["analyze", args.path, *reader, "--out", str(tmp / "a")],
            "report": framing + ["report", args.path, *reader, "--out", str(tmp / "r")],
        }
        best = {name: min(_time(cmd) for _ in range(args.repeat)) for name, cmd in passes.items()}
    print(f"corpus:  {args.path} {' '.join(reader)}".rstrip())
    print(f"python:  {sys.version.split()[0]}, best of {args.repeat}")
    print(f"{'pass':<10}{'seconds':>9}{'x analyze':>11}")
    for name, seconds in best.items():
        print(f"{name:<10}{seconds:>9.2f}{seconds / best['analyze']:>11.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
