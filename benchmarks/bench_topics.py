"""Topic-model fit and inference speed on a real corpus, beside bare baselines in the same run.

Usage::

    python benchmarks/bench_topics.py [PATH] [--k 20] [--passes 5] [--out MODEL | --model MODEL]
                                      [--gensim-docs 1000]

PATH defaults to ``../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz``
(relative to the repository root; 30,990 Arabic articles).  Stages, in
one process, in this order:

``bare``
    gzip + ``json.loads`` + ``framing.text.TOKEN_RE.findall`` on title and
    body: the least any pass over the corpus must do.
``read``
    ``framing.corpus.documents.read_corpus`` + the same regex: a corpus pass as
    every framing stage sees it (ids, hashes, duplicate flags).
``terms``
    ``read`` + :class:`framing.topics.preprocess.Preprocessor` (first time: fills
    the term cache, as the vocabulary pass does).
``fit``
    ``TopicModel(k).fit(corpus)``: vocabulary pass, ``passes`` training
    passes, one coherence pass.  Wall time and the process's peak memory
    (``ru_maxrss``) before and after.
``infer-docs``
    ``topic_shares`` over every document, streamed from the corpus.
``infer-paragraphs``
    ``topic_shares`` over every paragraph: short texts, like utterances.
``gensim``
    gensim's own ``get_document_topics`` (one text at a time) on the first
    ``--gensim-docs`` documents and five times as many paragraphs, beside
    ours on the same texts: the batched E-step alone and from text.

Words are regex tokens of the input texts, so words/s compare across stages.

Examples
--------
$ python benchmarks/bench_topics.py --passes 5 --out models/saudi-k20   # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def report(stage: str, seconds: float, docs: int, words: int, baseline: float | None, extra: str = "") -> None:
    ratio = f"{seconds / baseline:6.1f}x bare" if baseline else "          "
    print(f"{stage:17s} {seconds:8.1f} s  {docs:8d} texts  {words / seconds:12,.0f} words/s  {ratio}  {extra}",
          flush=True)


def bare_pass(path: Path) -> tuple[int, int]:
    from framing.text import TOKEN_RE

    docs = words = 0
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = f"{rec.get('title') or ''}\n{rec.get('content') or rec.get('text') or ''}"
            words += len(TOKEN_RE.findall(text))
            docs += 1
    return docs, words


def compare_with_gensim(tm, what: str, texts: list[str]) -> None:
    """gensim's per-document inference beside ours, on the same texts."""
    import numpy as np

    from framing.topics.preprocess import Preprocessor
    from framing.text import TOKEN_RE
    from framing.topics.model import BATCH

    pre = Preprocessor()
    words = sum(len(TOKEN_RE.findall(t)) for t in texts)
    bows = [tm.index_.bow(pre(t)) for t in texts]
    t0 = time.perf_counter()
    ref = np.array([[p for _, p in tm.model_.get_document_topics(b, minimum_probability=0)] for b in bows])
    gensim_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = tm.topic_shares(texts)
    ours_s = time.perf_counter() - t0
    id_lists = [[i for i, n in b for _ in range(n)] for b in bows]
    t0 = time.perf_counter()
    for start in range(0, len(id_lists), BATCH):
        tm._infer(id_lists[start:start + BATCH])
    estep_s = time.perf_counter() - t0
    # gensim starts each text from a random gamma: its own spread is the yardstick
    saved_state = tm.model_.random_state
    tm.model_.random_state = np.random.RandomState(12345)
    ref2 = np.array([[p for _, p in tm.model_.get_document_topics(b, minimum_probability=0)] for b in bows])
    tm.model_.random_state = saved_state
    ok = ~np.isnan(ours).all(axis=1)
    diff = np.abs(ref[ok] - ours[ok]).max(axis=1)
    own = np.abs(ref[ok] - ref2[ok]).max(axis=1)
    print(f"# first {len(texts)} {what}:")
    report("  gensim", gensim_s, len(texts), words, None, "(get_document_topics one by one, BoW given)")
    report("  ours, E-step", estep_s, len(texts), words, None, "(batched, BoW given)")
    report("  ours, from text", ours_s, len(texts), words, None,
           f"(topic_shares; per-text max |diff| to gensim: median {np.median(diff):.1e}, "
           f"99th pct {np.quantile(diff, 0.99):.3f}, max {diff.max():.3f}; "
           f"dominant topic agrees {np.mean(ref[ok].argmax(1) == ours[ok].argmax(1)):.1%})")
    print(f"{'':17s} gensim vs gensim from another random start: median {np.median(own):.1e}, "
          f"99th pct {np.quantile(own, 0.99):.3f}, max {own.max():.3f}; "
          f"dominant topic agrees {np.mean(ref[ok].argmax(1) == ref2[ok].argmax(1)):.1%}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", help="save the fitted model here")
    ap.add_argument("--model", help="load this saved model instead of fitting (inference stages only)")
    ap.add_argument("--gensim-docs", type=int, default=1000)
    args = ap.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        print(f"{path}: not found (the shared corpora live beside the repository)", file=sys.stderr)
        return 2

    import gensim
    import numpy as np

    from framing.corpus.documents import read_corpus
    from framing.topics.preprocess import Preprocessor
    from framing.text import TOKEN_RE, paragraph_spans
    from framing.topics.model import TopicModel

    print(f"# {path.name}: python {platform.python_version()}, gensim {gensim.__version__}, "
          f"numpy {np.__version__}, {platform.machine()}")
    corpus = read_corpus(path, lang="ar")

    t0 = time.perf_counter()
    n_docs, n_words = bare_pass(path)
    bare = time.perf_counter() - t0
    report("bare", bare, n_docs, n_words, None, "(gzip + json + regex)")

    t0 = time.perf_counter()
    docs = words = 0
    for doc in corpus:
        words += len(TOKEN_RE.findall(doc["text"]))
        docs += 1
    report("read", time.perf_counter() - t0, docs, words, bare, "(read_corpus + regex)")
    corpus_words = words

    pre = Preprocessor()
    t0 = time.perf_counter()
    terms = 0
    for doc in corpus:
        terms += len(pre(doc["text"]))
    report("terms", time.perf_counter() - t0, docs, corpus_words, bare, f"({terms:,} terms kept)")

    if args.model:
        tm = TopicModel.load(args.model)
        print(f"{'loaded':17s} {args.model}")
    else:
        before = peak_mb()
        t0 = time.perf_counter()
        tm = TopicModel(k=args.k, seed=args.seed, passes=args.passes, verbose=True).fit(corpus)
        fit = time.perf_counter() - t0
        report("fit", fit, tm.metadata_["training"]["n_documents"], corpus_words * (args.passes + 2), bare,
               f"(k={args.k}, {args.passes} passes; words/s over all passes; peak memory {before:.0f} MB "
               f"before, {peak_mb():.0f} MB after)")
    print(f"{'':17s} vocabulary {len(tm.dictionary_)} terms, UMass {tm.metadata_['coherence']['mean']:.3f}, "
          f"fingerprint {tm.fingerprint}")
    if args.out:
        tm.save(args.out)
        print(f"{'':17s} saved {args.out}")

    t0 = time.perf_counter()
    shares = tm.topic_shares(doc["text"] for doc in corpus)
    infer = time.perf_counter() - t0
    known = int((~np.isnan(shares).all(axis=1)).sum())
    report("infer-docs", infer, len(shares), corpus_words, bare, f"({known} with known terms; includes reading)")

    def paragraphs():
        for doc in corpus:
            text = doc["text"]
            for a, b in paragraph_spans(text):
                yield text[a:b]

    t0 = time.perf_counter()
    par_shares = tm.topic_shares(paragraphs())
    report("infer-paragraphs", time.perf_counter() - t0, len(par_shares), corpus_words, bare,
           "(short texts, like utterances; includes reading)")

    first_docs, first_pars = [], []
    for doc in corpus:
        first_docs.append(doc["text"])
        if len(first_docs) >= args.gensim_docs:
            break
    for text in paragraphs():
        first_pars.append(text)
        if len(first_pars) >= 5 * args.gensim_docs:
            break
    compare_with_gensim(tm, "documents", first_docs)
    compare_with_gensim(tm, "paragraphs", first_pars)
    print("\ntopics:")
    for i, label in enumerate(tm.topic_labels(6)):
        print(f"{i:3d} {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
