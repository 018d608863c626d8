"""From one article to millions: each stage, each engine and a growing corpus, beside a bare pass.

Usage::

    python benchmarks/bench_scale.py [PATH] --topic-model MODEL [--runs w1,w2,dask2] [--scale 1,2,4]

PATH defaults to ``../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz``.  Prints, in one run:

1. the bare pass (gzip + ``json.loads`` + ``re.findall(r"\\w+")``, from ``bench_corpus.py``): the least
   any reader must do;
2. each per-document stage in one process, streamed in batches (``LOCAL_BATCH`` documents) as ``framing analyze`` runs them
   (reading, attribution, sentiment, stance, topic inference, frames), as documents/s and words/s of the corpus
   and as a multiple of the bare pass; then that process's peak memory;
3. the whole analysis (``framing.analysis.run.analyze_to``, what ``framing analyze`` runs) for each run in
   ``--runs``: ``w1`` and ``w2`` are one and two local processes, ``dask2`` a Dask ``LocalCluster`` of
   two single-threaded worker processes started by the run; wall time of each phase, documents/s,
   words/s, and peak memory: of the whole process tree (the sum of the processes' proportional set
   sizes, sampled every 0.1 s) and the resident size of the main process;
4. a scaling run: the corpus concatenated 1, 2 and 4 times (each copy with new ids), analysed with two
   processes, with the time and peak memory as multiples of the 1x run and the bare pass over each.

Each analysis runs in a fresh process, so its memory is its own.  Nothing here is asserted: the figures
go to ``benchmarks/results.md`` with the machine described.

Examples
--------
$ python benchmarks/bench_scale.py --topic-model models/saudi-k20          # doctest: +SKIP
$ python benchmarks/bench_scale.py --topic-model models/saudi-k20 --runs w2 --scale 1,4  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import DEFAULT, ROOT, _bare, _machine  # noqa: E402

WORD = re.compile(r"\w+")
RUNS = {"w1": {"workers": 1}, "w2": {"workers": 2}, "dask2": {"workers": 2, "engine": "dask"}}


# --- children: each measured in a process of its own ---------------------------------------------

def child_stages(path: str, topic_model: str | None) -> dict:
    """Seconds of each per-document stage over the corpus, one process, batches as ``framing analyze`` makes."""
    import logging
    import resource

    from framing.analysis.run import LOCAL_BATCH, BatchStage, _batches
    from framing.attribution import attribute_document, utterances_frame
    from framing.attribution.actors import Registry
    from framing.corpus.documents import read_corpus
    from framing.measures import SCORER_INPUT

    logging.disable(logging.WARNING)
    registry = Registry.load()
    stage = BatchStage(registry=registry, topic_model=topic_model).prepare()  # loading is not a stage
    # each scorer under its family's name: without a topic model the third is the frames, with one the
    # frames come fourth
    scorers = [(_family(scorer), scorer) for scorer in stage.scorers()]
    seconds = dict.fromkeys(["read", "attribution"] + [name for name, _ in scorers], 0.0)
    docs = words = utterances = 0
    stream = iter(read_corpus(path))
    clock = time.perf_counter
    while True:
        t0 = clock()
        batch = next(_batches(stream, LOCAL_BATCH), None)
        seconds["read"] += clock() - t0
        if batch is None:
            break
        docs += len(batch)
        words += sum(len(WORD.findall(d["text"])) for d in batch)
        t0 = clock()
        u = utterances_frame([r for d in batch for r in attribute_document(d, registry)])
        seconds["attribution"] += clock() - t0
        utterances += len(u)
        X = u[[c for c in SCORER_INPUT if c in u.columns]].reset_index(drop=True)
        for name, scorer in scorers:
            t0 = clock()
            scorer.transform(X)
            seconds[name] += clock() - t0
    return {"documents": docs, "words": words, "utterances": utterances, "seconds": seconds,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _family(scorer) -> str:
    """The measure family of a scorer, from the column its method is recorded in ("topic inference" for topics)."""
    column = getattr(scorer, "method_column", None) or f"{scorer.method.split('.')[0]}_method"
    family = column.removesuffix("_method")
    return "topic inference" if family == "topic" else family


def child_run(path: str, out: str, topic_model: str | None, workers: int, engine: str | None) -> dict:
    """One whole analysis into ``out``, with the wall time of each phase."""
    import logging

    from framing.analysis.run import analyze_to
    from framing.corpus.documents import read_corpus

    logging.disable(logging.WARNING)
    t0 = time.perf_counter()
    summary = analyze_to(read_corpus(path), out, topic_model=topic_model, workers=workers,
                         engine=engine, restart=True)
    summary["wall"] = time.perf_counter() - t0
    summary.pop("paths")
    return summary


# --- the parent ----------------------------------------------------------------------------------

def tree_memory(pid: int) -> tuple[int, int]:
    """Resident bytes of a process, and the proportional set size (PSS) of it with all its descendants.

    PSS shares each page among the processes that map it, so forked workers' copy-on-write pages
    (modules, the actor registry) are counted once, as the machine sees them; summing RSS would count
    them in every process.
    """
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    total = main = 0
    for p in procs:
        try:
            info = p.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        total += getattr(info, "pss", info.rss)
        main = info.rss if p.pid == pid else main
    return main, total


def measured(args: list[str]) -> tuple[dict, float, float]:
    """Run this script as a child; its JSON result, and its peak main and total (tree) memory in MB."""
    proc = subprocess.Popen([sys.executable, __file__, *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    peak = [0, 0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            main, total = tree_memory(proc.pid)
            peak[0], peak[1] = max(peak[0], main), max(peak[1], total)
            done.wait(0.1)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out, err = proc.communicate()
    done.set()
    thread.join()
    if proc.returncode:
        raise SystemExit(f"bench_scale: child {' '.join(args)} failed:\n{err[-3000:]}")
    return json.loads(out.strip().splitlines()[-1]), peak[0] / 2**20, peak[1] / 2**20


def concatenated(path: Path, copies: int, folder: Path, limit: int | None = None) -> Path:
    """The corpus (its first ``limit`` records) ``copies`` times over in one JSONL.gz, each record with a new ``id``."""
    target = folder / f"{path.name.split('.')[0]}-x{copies}.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as src:
        lines = [line for line in src if line.strip()][:limit]
    with gzip.open(target, "wt", encoding="utf-8", compresslevel=1) as f:
        for copy in range(copies):
            for n, line in enumerate(lines):
                record = json.loads(line)
                record["id"] = f"c{copy}-{n}"
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


def bare(path: Path) -> tuple[float, int, int]:
    t0 = time.perf_counter()
    docs, words = _bare(path)
    return time.perf_counter() - t0, docs, words


def print_stages(st: dict, bare_s: float) -> None:
    from framing.analysis.run import LOCAL_BATCH

    print(f"\nstages, one process, batches of {LOCAL_BATCH} ({st['documents']} documents, {st['words']} words, "
          f"{st['utterances']} utterances)")
    print(f"{'stage':<18} {'seconds':>8} {'docs/s':>8} {'words/s':>10} {'x bare':>7}")
    for name, s in st["seconds"].items():
        print(f"{name:<18} {s:>8.2f} {st['documents'] / s:>8.0f} {st['words'] / s:>10.0f} {s / bare_s:>7.2f}")
    total = sum(st["seconds"].values())
    print(f"{'all stages':<18} {total:>8.2f} {st['documents'] / total:>8.0f} {st['words'] / total:>10.0f} "
          f"{total / bare_s:>7.2f}")
    print(f"peak memory of the process: {st['peak_mb']:.0f} MB")


def print_run(label: str, r: dict, main_mb: float, total_mb: float, words: int, bare_s: float) -> None:
    phases = ", ".join(f"{k} {v:.1f}" for k, v in r["seconds"].items())
    print(f"{label:<22} {r['wall']:>6.1f} s  {r['documents'] / r['wall']:>6.0f} docs/s  {words / r['wall']:>8.0f} "
          f"words/s  {r['wall'] / bare_s:>5.1f} x bare  peak {total_mb:>5.0f} MB (main {main_mb:.0f})  [{phases}]")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--topic-model", metavar="MODEL")
    parser.add_argument("--runs", default="w1,w2,dask2", help=f"comma-separated, of {', '.join(RUNS)}")
    parser.add_argument("--scale", default="1,2,4", help="corpus copies for the scaling run ('' to skip)")
    parser.add_argument("--limit", type=int, help="only the first N records of the corpus (every pass)")
    parser.add_argument("--no-stages", action="store_true")
    parser.add_argument("--child", choices=("stages", "run"), help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "stages":
        print(json.dumps(child_stages(args.path, args.topic_model)))
        return 0
    if args.child == "run":
        print(json.dumps(child_run(args.path, args.out, args.topic_model, args.workers, args.engine), default=str))
        return 0

    path = Path(args.path)
    if not path.exists():
        print(f"bench_scale: {path} not found (the shared corpora live beside the repository)", file=sys.stderr)
        return 2
    model = ["--topic-model", args.topic_model] if args.topic_model else []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.limit:
            # every pass, the bare one included, reads the same first N records
            path = concatenated(path, 1, tmp, args.limit)
        bare_s, bare_docs, bare_words = bare(path)
        print(f"corpus:  {Path(args.path).name}" + (f" (first {args.limit} records)" if args.limit else "")
              + f"; topic model: {'yes' if args.topic_model else 'none'}")
        print(f"machine: {_machine()}")
        print(f"bare read+tokenize: {bare_s:.2f} s, {bare_docs} records, {bare_words} words "
              f"({bare_words / bare_s:.0f} words/s)")
        if not args.no_stages:
            st, _, _ = measured([str(path), "--child", "stages", *model])
            print_stages(st, bare_s)
        if args.runs:
            print("\nwhole analysis (analyze_to: batches, join, aggregates, write), each in a fresh process")
        for name in filter(None, args.runs.split(",")):
            opts = RUNS[name]
            r, main_mb, total_mb = measured([str(path), "--child", "run", "--out", str(tmp / name), "--workers",
                                             str(opts["workers"]), *model]
                                            + (["--engine", opts["engine"]] if "engine" in opts else []))
            print_run(name, r, main_mb, total_mb, bare_words, bare_s)
        scales = [int(x) for x in args.scale.split(",") if x]
        if scales:
            print("\nscaling: the corpus concatenated with new ids, two processes")
        base = None
        for copies in scales:
            src = concatenated(path, copies, tmp)
            b_s, _, b_words = bare(src)
            r, main_mb, total_mb = measured([str(src), "--child", "run", "--out", str(tmp / f"x{copies}"),
                                             "--workers", "2", *model])
            base = base or (r["wall"], total_mb, copies)
            print_run(f"x{copies} ({r['documents']} docs)", r, main_mb, total_mb, b_words, b_s)
            print(f"{'':<22} time {r['wall'] / base[0]:.2f} x the x{base[2]} run, peak memory "
                  f"{total_mb / base[1]:.2f} x; bare pass {b_s:.1f} s")
            src.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
