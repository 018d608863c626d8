"""How fast framing reads and segments a corpus, beside a bare baseline in the same run.

Usage::

    python benchmarks/bench_corpus.py [PATH] [--repeat N]

PATH defaults to ``../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz``
(relative to the repository root).  Three passes, each in a fresh
subprocess so that each peak memory (``ru_maxrss``) is its own:

``bare``
    gzip + ``json.loads`` + ``re.findall(r"\\w+")`` on title and body: the
    least any reader must do (CSV files: ``csv.DictReader``).
``read``
    ``framing.corpus.documents.read_corpus``: documents with ids, dates, language,
    sha256 and duplicate flags, bad input recorded.
``segment``
    ``read`` plus paragraphs, sentences and tokens of every document
    (``paragraph_spans``, ``sentence_spans``, ``token_spans``).

It prints documents/s, words/s and peak memory per pass and the ratio of
each pass's time to the bare one.  With ``--repeat N`` each pass runs N
times and the fastest is kept (the machine is shared; the minimum is the
least disturbed run).

Examples
--------
$ python benchmarks/bench_corpus.py --repeat 3         # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
PASSES = ("bare", "read", "segment")
BODY_FIELDS = ("content", "text", "article", "body")


def _bare(path: Path) -> tuple[int, int]:
    import csv
    import gzip
    import re

    word = re.compile(r"\w+")
    with open(path, "rb") as f:
        opener = gzip.open if f.read(2) == b"\x1f\x8b" else open
    docs = words = 0
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        if ".csv" in path.name or ".tsv" in path.name:
            csv.field_size_limit(2**31 - 1)
            records = csv.DictReader(f, delimiter="\t" if ".tsv" in path.name else ",")
        else:
            records = (json.loads(line) for line in f if line.strip())
        for r in records:
            body = next((r[k] for k in BODY_FIELDS if r.get(k)), "")
            docs += 1
            words += len(word.findall(f"{r.get('title') or ''} {body}"))
    return docs, words


def _read(path: Path) -> tuple[int, int]:
    from framing.corpus.documents import read_corpus

    docs = chars = 0
    for doc in read_corpus(path):
        docs += 1
        chars += len(doc["text"])
    return docs, 0


def _segment(path: Path) -> tuple[int, int]:
    from framing.corpus.documents import read_corpus
    from framing.text import paragraph_spans, sentence_spans, token_spans

    docs = words = 0
    for doc in read_corpus(path):
        text = doc["text"]
        docs += 1
        for a, b in paragraph_spans(text):
            for s, e in sentence_spans(text, a, b):
                words += len(token_spans(text, s, e))
    return docs, words


def run_pass(name: str, path: Path) -> dict:
    """Run one pass in this process; return its figures."""
    import logging

    logging.disable(logging.WARNING)  # the manifest records problems; the log would only cost time here
    fn = {"bare": _bare, "read": _read, "segment": _segment}[name]
    if name != "bare":
        import framing.corpus.documents  # noqa: F401  (import time is not reading time)
    t0 = time.perf_counter()
    docs, words = fn(path)
    seconds = time.perf_counter() - t0
    return {"pass": name, "documents": docs, "words": words, "seconds": seconds,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _child(name: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, str(path), "--pass", name], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return json.loads(out.stdout)


def _machine() -> str:
    model = ""
    try:
        model = next(ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                     if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import os

    return f"{model or platform.processor()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=1, help="runs per pass; the fastest is kept")
    parser.add_argument("--pass", dest="one", choices=PASSES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        print(f"bench_corpus: {path} not found (the shared corpora live beside the repository)", file=sys.stderr)
        return 2
    if args.one:
        print(json.dumps(run_pass(args.one, path)))
        return 0
    results = {}
    for name in PASSES:
        runs = [_child(name, path) for _ in range(max(1, args.repeat))]
        results[name] = min(runs, key=lambda r: r["seconds"])
    bare = results["bare"]
    print(f"corpus:  {path.name}  ({path.stat().st_size / 2**20:.1f} MB on disk)")
    print(f"machine: {_machine()}")
    print(f"{'pass':<8} {'docs':>7} {'words':>10} {'seconds':>8} {'docs/s':>8} {'words/s':>10} {'peak MB':>8} "
          f"{'x bare':>7}")
    for name in PASSES:
        r = results[name]
        words = r["words"] or bare["words"]  # `read` does not tokenize: credit it with the bare count
        print(f"{name:<8} {r['documents']:>7} {r['words'] or '-':>10} {r['seconds']:>8.2f} "
              f"{r['documents'] / r['seconds']:>8.0f} {words / r['seconds']:>10.0f} {r['peak_mb']:>8.0f} "
              f"{r['seconds'] / bare['seconds']:>7.2f}")
    print("bare = gzip + json.loads + re.findall(r'\\w+'); documents differ when empty records are skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
