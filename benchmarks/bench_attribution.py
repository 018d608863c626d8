"""How fast framing finds who said what, beside a bare read-and-tokenize pass in the same run.

Usage::

    python benchmarks/bench_attribution.py [PATH] [--repeat N] [--limit N]

PATH defaults to ``../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz``.
Two passes, each in a fresh subprocess so each peak memory is its own:

``bare``
    gzip + ``json.loads`` + ``re.findall(r"\\w+")`` on title and body (from
    ``bench_corpus.py``): the least any tool must do.
``attribute``
    ``framing.corpus.documents.read_corpus`` then ``framing.attribution.attribute_document``
    on every document (utterance rows built, not kept).

It prints documents/s, words/s, utterances and peak memory per pass, and the
ratio of the attribution time to the bare one (the aim: attribution at no
less than 1/5 of the bare speed, i.e. a ratio of at most 5).

Examples
--------
$ python benchmarks/bench_attribution.py --repeat 2      # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import DEFAULT, ROOT, _bare, _machine  # noqa: E402

PASSES = ("bare", "attribute")


def _attribute(path: Path, limit: int | None) -> tuple[int, int, int]:
    import re

    from framing.attribution.actors import Registry
    from framing.attribution import attribute_document
    from framing.corpus.documents import read_corpus

    registry = Registry.load()
    word = re.compile(r"\w+")
    docs = words = utterances = 0
    for doc in itertools.islice(read_corpus(path), limit):
        docs += 1
        words += len(word.findall(doc["text"]))
        utterances += len(attribute_document(doc, registry))
    return docs, words, utterances


def run_pass(name: str, path: Path, limit: int | None) -> dict:
    import logging

    logging.disable(logging.WARNING)
    if name == "attribute":
        import framing.attribution  # noqa: F401  (import time is not processing time)
        from framing.attribution.cues import cue_lexicon

        cue_lexicon("ar"), cue_lexicon("en")  # built once per process, like a long run
    t0 = time.perf_counter()
    if name == "bare":
        docs, words = _bare(path) if limit is None else _bare_limited(path, limit)
        utterances = 0
    else:
        docs, words, utterances = _attribute(path, limit)
    seconds = time.perf_counter() - t0
    return {"pass": name, "documents": docs, "words": words, "utterances": utterances, "seconds": seconds,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _bare_limited(path: Path, limit: int) -> tuple[int, int]:
    import gzip
    import re

    word = re.compile(r"\w+")
    docs = words = 0
    with (gzip.open if path.suffix == ".gz" else open)(path, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, limit):
            r = json.loads(line)
            docs += 1
            words += len(word.findall(f"{r.get('title') or ''} {r.get('content') or r.get('text') or ''}"))
    return docs, words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=1, help="runs per pass; the fastest is kept")
    parser.add_argument("--limit", type=int, help="only the first N documents (JSONL)")
    parser.add_argument("--pass", dest="one", choices=PASSES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        print(f"bench_attribution: {path} not found (the shared corpora live beside the repository)", file=sys.stderr)
        return 2
    if args.one:
        print(json.dumps(run_pass(args.one, path, args.limit)))
        return 0
    results = {}
    for name in PASSES:
        cmd = [sys.executable, __file__, str(path), "--pass", name] + (["--limit", str(args.limit)] if args.limit else [])
        runs = [json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT).stdout)
                for _ in range(max(1, args.repeat))]
        results[name] = min(runs, key=lambda r: r["seconds"])
    print(f"corpus:  {path.name}" + (f" (first {args.limit} documents)" if args.limit else ""))
    print(f"machine: {_machine()}")
    print(f"{'pass':<10} {'docs':>7} {'words':>10} {'utterances':>10} {'seconds':>8} {'docs/s':>8} {'words/s':>10} "
          f"{'peak MB':>8} {'x bare':>7}")
    bare = results["bare"]["seconds"]
    for name in PASSES:
        r = results[name]
        print(f"{name:<10} {r['documents']:>7} {r['words']:>10} {r['utterances']:>10} {r['seconds']:>8.2f} "
              f"{r['documents'] / r['seconds']:>8.0f} {r['words'] / r['seconds']:>10.0f} {r['peak_mb']:>8.0f} "
              f"{r['seconds'] / bare:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
