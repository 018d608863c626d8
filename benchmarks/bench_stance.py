"""The stance stage on a whole corpus: each stance method's time beside the bare pass, in one run.

Usage::

    python benchmarks/bench_stance.py [PATH] [--limit N] [--targets FILE]

PATH defaults to ``../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz``.  Prints:

1. the bare pass (gzip + ``json.loads`` + ``re.findall(r"\\w+")`` on title and body, ``bench_corpus.py``'s);
2. attribution of every document in one process (its utterances and their context: paragraph,
   headline, article), timed but not the subject;
3. each stance method over those utterances in one process, in batches of the run's size:
   ``cues`` (``stance.cues.v1``, the statement alone) and ``news`` (``stance.news-lr.v3``, with the
   context), as seconds and as a multiple of the bare pass, with the utterances and candidate
   (utterance, target) pairs each saw.

Nothing is asserted; the figures go to ``benchmarks/results.md``.

Examples
--------
$ python benchmarks/bench_stance.py --limit 5000          # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import DEFAULT, _bare  # noqa: E402  the same bare pass as every benchmark

BATCH = 2000


def bare_pass(path: Path, limit: int | None) -> float:
    """Seconds of ``bench_corpus``'s bare pass over the corpus (the whole of it; with ``limit``, scaled to
    the share of documents read, a rough figure)."""
    t0 = time.perf_counter()
    docs, _ = _bare(path)
    seconds = time.perf_counter() - t0
    return seconds * min(1.0, limit / max(docs, 1)) if limit else seconds


def utterances_with_context(path: Path, limit: int | None):
    """The corpus' utterances (scorer input columns) and their context columns, and the seconds it took."""
    import pandas as pd

    from framing.attribution.pipeline import document_columns
    from framing.corpus.documents import read_corpus
    from framing.measures import CONTEXT_COLUMNS, SCORER_INPUT, context_column, utterance_context

    t0 = time.perf_counter()
    columns: dict[str, list] = {c: [] for c in (*SCORER_INPUT, *CONTEXT_COLUMNS)}
    for n, doc in enumerate(read_corpus(path)):
        if limit is not None and n >= limit:
            break
        found = document_columns(doc)
        for c in SCORER_INPUT:
            if c in found:
                columns[c].extend(found[c])
        for c, values in utterance_context(doc, found["paragraph"]).items():
            columns[c].extend(values)
    frame = pd.DataFrame({c: v for c, v in columns.items() if v and c not in CONTEXT_COLUMNS})
    for c in CONTEXT_COLUMNS:  # as the command hands them to the scorers (framing.measures.context_column)
        frame[c] = context_column(columns[c])
    return frame, time.perf_counter() - t0


def time_method(scorer, X) -> tuple[float, int]:
    """Seconds for one stance scorer over ``X`` in batches, and the number of labels other than none."""
    t0 = time.perf_counter()
    found = 0
    for i in range(0, len(X), BATCH):
        out = scorer.transform(X.iloc[i:i + BATCH])
        labels = out[[c for c in out.columns if c.endswith("_label")]]
        found += int((labels != "none").to_numpy().sum())
    return time.perf_counter() - t0, found


def main(argv=None) -> int:
    import logging

    from framing.stance.cues import CueStance
    from framing.stance.news_model import NewsStance

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--targets", help="stance targets YAML (default: the shipped ones)")
    args = parser.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        print(f"skipped: {path} is not here", file=sys.stderr)
        return 0
    logging.disable(logging.WARNING)
    bare = bare_pass(path, args.limit)
    X, attribution = utterances_with_context(path, args.limit)
    print(f"{path.name}{f' (first {args.limit})' if args.limit else ''}: {len(X):,} utterances")
    print(f"bare pass                 {bare:8.1f} s   1.0x")
    print(f"attribution               {attribution:8.1f} s  {attribution / bare:5.1f}x")
    for name, scorer in (("cues (statement only)", CueStance(args.targets).fit()),
                         ("news (with context)", NewsStance(args.targets).fit())):
        seconds, found = time_method(scorer, X)
        print(f"stance: {name:<22} {seconds:8.1f} s  {seconds / bare:5.1f}x   {found:,} (utterance, target) "
              f"labels other than none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
