"""Each stage of `framing analyze` over a corpus, and the whole command, beside a bare pass.

Usage::

    python benchmarks/bench_analyze.py [PATH] [--topic-model MODEL] [--workers 1,2] [--limit N]
                                       [--stages-only] [--sentiment-method news|lexicon]
                                       [--stance-method news|cues]

PATH defaults to ``../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz``.
Prints, in one run:

- the bare pass (gzip + ``json.loads`` + ``re.findall(r"\\w+")``, from ``bench_corpus.py``);
- per stage, in one process: read + attribution (words/s over the corpus; with the
  utterances' context, their paragraph, headline and article, as ``framing analyze``
  hands the scorers), then sentiment (the default ``news`` model for Arabic statements, or
  ``--sentiment-method lexicon``), stance (the default ``news`` method, which reads
  that context, or ``--stance-method cues``) and topic inference over the utterances
  (words/s over the utterances' content);
- the whole ``framing analyze`` command for each ``--workers`` value, in a fresh
  process, with wall time and peak memory (``ru_maxrss`` of the children).

Topic inference runs only with ``--topic-model`` (fit one with
``framing topics fit PATH --k 20 --out MODEL``; ``bench_topics.py`` times the fit).

Examples
--------
$ python benchmarks/bench_analyze.py --topic-model models/saudi-k20 --workers 1,2   # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import DEFAULT, ROOT, _bare, _machine  # noqa: E402

WORD = re.compile(r"\w+")


def stages(path: Path, topic_model: str | None, limit: int | None, sentiment_method: str = "news",
           stance_method: str = "news") -> list[dict]:
    import logging

    import pandas as pd

    from framing.attribution.actors import Registry
    from framing.attribution import attribute_document, utterances_frame
    from framing.corpus.documents import read_corpus
    from framing.measures import CONTEXT_COLUMNS, scorer_table, utterance_context
    from framing.sentiment import SentimentScorer
    from framing.stance.cues import CueStance
    from framing.stance.news_model import NewsStance

    logging.disable(logging.WARNING)
    registry = Registry.load()
    attribute_document({"doc_id": "warm", "text": "قال"}, registry)  # lexicons built outside the timing
    out = []
    t0 = time.perf_counter()
    rows, docs, words = [], 0, 0
    context: dict[str, list] = {c: [] for c in CONTEXT_COLUMNS}
    for doc in itertools.islice(read_corpus(path), limit):
        docs += 1
        words += len(WORD.findall(doc["text"]))
        found = attribute_document(doc, registry)
        rows.extend(found)
        # the context the scorers get, as the command builds it per document (the news stance method reads it)
        for c, values in utterance_context(doc, [r["paragraph"] for r in found]).items():
            context[c].extend(values)
    # the scorers' input as the command makes it (scorer_table: the columns they read, the context beside)
    u = scorer_table(utterances_frame(rows), context)
    del rows, context  # a list of 100k dicts makes every later garbage collection slow; the command never holds one
    gc.collect()
    out.append({"stage": "read + attribution", "seconds": time.perf_counter() - t0, "words": words,
                "documents": docs, "rows": len(u)})
    content_words = int(u.content.str.count(r"\w+").sum())
    sentiment = SentimentScorer()
    if sentiment_method == "news":  # the learned Arabic news model, the default of `framing analyze`
        from framing.sentiment.lexicon import default_scorers
        from framing.sentiment.news_model import NewsSentiment

        sentiment = SentimentScorer(scorers={**default_scorers(), "ar": NewsSentiment()})
    stance = NewsStance() if stance_method == "news" else CueStance()  # as `framing analyze --stance-method`
    scorers = [(f"sentiment ({sentiment_method})", sentiment), (f"stance ({stance_method})", stance)]
    if topic_model:
        from framing.topics.model import TopicModel

        scorers.append(("topic inference", TopicModel.load(topic_model)))
    for name, scorer in scorers:
        t0 = time.perf_counter()
        # a fitted topic model only infers; fitting it again here would time training, not inference
        (scorer if name == "topic inference" else scorer.fit(u)).transform(u)
        out.append({"stage": name, "seconds": time.perf_counter() - t0, "words": content_words,
                    "documents": docs, "rows": len(u)})
    return out


def whole_command(path: Path, workers: int, topic_model: str | None, limit: int | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "framing", "analyze", str(path), "--out", tmp, "--workers", str(workers)]
        cmd += ["--topic-model", topic_model] if topic_model else []
        cmd += ["--limit", str(limit)] if limit else []
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, cwd=ROOT, capture_output=True)
        seconds = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"workers": workers, "seconds": seconds, "peak_mb": max(peak, before) / 1024}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--topic-model", metavar="MODEL")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts for the whole command")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--stages-only", action="store_true", help="skip the whole-command runs")
    parser.add_argument("--sentiment-method", choices=("news", "lexicon"), default="news",
                        help="the sentiment scorer timed in the stages (as framing analyze --sentiment-method)")
    parser.add_argument("--stance-method", choices=("news", "cues"), default="news",
                        help="the stance scorer timed in the stages (as framing analyze --stance-method)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        print(f"bench_analyze: {path} not found (the shared corpora live beside the repository)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    bare_docs, bare_words = _bare(path)
    bare = time.perf_counter() - t0
    st = stages(path, args.topic_model, args.limit, args.sentiment_method, args.stance_method)
    runs = [] if args.stages_only else [whole_command(path, int(w), args.topic_model, args.limit)
                                        for w in args.workers.split(",")]
    if args.json:
        print(json.dumps({"bare_seconds": bare, "stages": st, "runs": runs}, indent=2))
        return 0
    print(f"corpus:  {path.name}" + (f" (first {args.limit} documents)" if args.limit else ""))
    print(f"machine: {_machine()}")
    print(f"{'stage':<20} {'seconds':>8} {'words/s':>11} {'x bare':>7}")
    print(f"{'bare read+tokenize':<20} {bare:>8.2f} {bare_words / bare:>11.0f} {1:>7.2f}")
    for s in st:
        print(f"{s['stage']:<20} {s['seconds']:>8.2f} {s['words'] / s['seconds']:>11.0f} {s['seconds'] / bare:>7.2f}")
    total = sum(s["seconds"] for s in st)
    print(f"{'all stages':<20} {total:>8.2f} {st[0]['words'] / total:>11.0f} {total / bare:>7.2f}")
    print(f"utterances: {st[0]['rows']}  (measure stages: words/s over the utterances' content)")
    for r in runs:
        print(f"framing analyze --workers {r['workers']}: {r['seconds']:.1f} s wall, peak {r['peak_mb']:.0f} MB "
              f"({r['seconds'] / bare:.1f} x bare)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
