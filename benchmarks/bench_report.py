"""How long `framing report` takes, beside the analysis alone and an empty Papermill run.

Usage::

    python benchmarks/bench_report.py [--repeat N] [--workers N] [PATH] [-- READER OPTIONS ...]

PATH defaults to the sample corpus ``corpora/seed``.  Each pass runs in a
fresh process, ``--repeat`` times (default 3), and the fastest run is kept:

- ``papermill``: Papermill executing a notebook with only a parameters cell
  and an import of framing (kernel start-up and teardown: the floor of any report);
- ``analyze``: ``framing analyze PATH --out DIR --workers N`` (the numbers, without the report);
- ``report``: ``framing report PATH --out DIR --workers N`` (the same analysis, then figures, tables, HTML);
- ``from``: ``framing report --from DIR`` (the report of the analysis already written).

``x analyze`` is each pass's time over the analysis alone.  Then the size
of the report's HTML, its figures, and whether the last two report runs
wrote the same bytes (report.html and every table).

On all of SaudiNewsNet::

    python benchmarks/bench_report.py --workers 2 --repeat 1 ../shared/corpora/saudinewsnet

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
    parser.add_argument("--workers", type=int, default=1, help="processes of the analysis (default 1)")
    parser.add_argument("reader", nargs=argparse.REMAINDER, help="reader options after --")
    args = parser.parse_args(argv)
    reader = [a for a in args.reader if a != "--"]
    framing = [sys.executable, "-m", "framing"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = _empty_notebook(tmp)
        workers = ["--workers", str(args.workers)]
        passes = {
            "papermill": framing + ["report", args.path, *reader, "--notebook", str(empty), "--out", str(tmp / "e")],
            "analyze": framing + ["analyze", args.path, *reader, *workers, "--out", str(tmp / "a")],
            "report": framing + ["report", args.path, *reader, *workers, "--out", str(tmp / "r")],
            "from": framing + ["report", "--from", str(tmp / "a"), "--out", str(tmp / "f")],
        }
        best = {}
        for name, cmd in passes.items():
            best[name] = min(_time(cmd) for _ in range(args.repeat))
        first = _report_bytes(tmp / "r")
        _time(passes["report"])
        same = _report_bytes(tmp / "r") == first
        html_mb = (tmp / "r" / "report.html").stat().st_size / 1e6
        figures = sorted(p.stem for p in (tmp / "r" / "figures").glob("*.png"))
    print(f"corpus:  {args.path} {' '.join(reader)}".rstrip())
    print(f"python:  {sys.version.split()[0]}, best of {args.repeat}, {args.workers} worker(s)")
    print(f"{'pass':<10}{'seconds':>9}{'x analyze':>11}")
    for name, seconds in best.items():
        print(f"{name:<10}{seconds:>9.2f}{seconds / best['analyze']:>11.2f}")
    print(f"report.html: {html_mb:.2f} MB; figures: {', '.join(figures)}")
    print(f"two report runs, same bytes (report.html and tables): {same}")
    return 0


def _report_bytes(folder: Path) -> dict:
    files = [folder / "report.html", *sorted((folder / "tables").iterdir())]
    return {p.name: p.read_bytes() for p in files}


if __name__ == "__main__":
    sys.exit(main())
