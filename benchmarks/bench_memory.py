"""Does a worker's memory level off? Resident memory of one process over a long stream of documents.

A worker of ``framing analyze`` runs attribution and the measures batch after batch for the whole run.
Its word caches (folded forms, registry keys, sentiment and topic look-ups) fill as new words arrive and
are bounded, so its memory should rise at first and then stay level, however long the corpus.  This
script streams a corpus (by default saudinewsnet written ``--copies`` times with new ids, as
``bench_scale.py`` does) through the per-document stage in one process and prints its resident memory
every ``--every`` documents, beside the baseline measured in the same run: the process with the stage
loaded, before its first document.

    python benchmarks/bench_memory.py --topic-model MODEL [--copies 2] [--every 5000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import DEFAULT  # noqa: E402
from bench_scale import concatenated  # noqa: E402


def resident_mb() -> float:
    """Resident memory of this process now (VmRSS), in MB."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--topic-model", default=None)
    parser.add_argument("--copies", type=int, default=2, help="corpus copies streamed one after the other")
    parser.add_argument("--every", type=int, default=5000, help="documents between two readings")
    args = parser.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        print(f"bench_memory: {path} not found (the shared corpora live beside the repository)")
        return 0

    from framing.attribution.actors import Registry
    from framing.analysis.run import LOCAL_BATCH, BatchStage, _batches
    from framing.corpus.documents import read_corpus

    with tempfile.TemporaryDirectory() as tmp:
        source = concatenated(path, args.copies, Path(tmp)) if args.copies > 1 else path
        stage = BatchStage(registry=Registry.load(), topic_model=args.topic_model).prepare()
        baseline = resident_mb()
        print(f"corpus: {path.name} x{args.copies}; topic model: {'yes' if args.topic_model else 'no'}; "
              f"batches of {LOCAL_BATCH}")
        print(f"baseline (stage loaded, no document yet): {baseline:.0f} MB")
        print(f"{'documents':>10} {'seconds':>8} {'resident MB':>12} {'x baseline':>11}")
        done, next_report, t0 = 0, args.every, time.perf_counter()
        for batch in _batches(iter(read_corpus(source)), LOCAL_BATCH):
            stage(batch)
            done += len(batch)
            if done >= next_report:
                mb = resident_mb()
                print(f"{done:>10} {time.perf_counter() - t0:>8.1f} {mb:>12.0f} {mb / baseline:>11.2f}", flush=True)
                next_report += args.every
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
