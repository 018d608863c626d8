"""The target screen's second look: the first-token regex against the screen that replaced it, in one run.

Usage::

    python benchmarks/bench_target_screen.py [PATH] [--limit N] [--targets FILE] [--rounds 3]

PATH defaults to ``../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz``.  The texts are the corpus'
paragraphs, folded as the stance stage folds them, that the screen's first look passes (they hold a
target word's core) and that are short enough for the second look (a statement or paragraph of at most
1,500 characters): what ``AliasMatcher.may_mention`` asks of every such text.  Prints the bare pass,
then per round the seconds of ``first_token_pattern(...).search`` (the earlier screen) and of
``FirstTokenScreen.search``, and checks that both give the same answer on every text.

Examples
--------
$ python benchmarks/bench_target_screen.py --limit 5000          # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import DEFAULT, _bare  # noqa: E402  the same bare pass as every benchmark

def screened_texts(path: Path, limit: int | None, targets) -> tuple[list[str], object]:
    """The distinct folded paragraphs the second look is asked about, and the matcher."""
    from framing.corpus.documents import read_corpus
    from framing.stance.targets import _SHORT_TEXT, AliasMatcher, fold_texts, resolve_targets

    matcher = AliasMatcher(resolve_targets(targets))
    paragraphs = []
    for n, doc in enumerate(read_corpus(path)):
        if limit is not None and n >= limit:
            break
        paragraphs += [p for p in doc["text"].split("\n") if p.strip()]
    folded = fold_texts(list(dict.fromkeys(paragraphs)))
    return [t for t in dict.fromkeys(folded) if len(t) <= _SHORT_TEXT and matcher.holds_core(t)], matcher


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--targets", help="a targets YAML file (the shipped ones by default)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    import logging

    from framing.stance.targets import FirstTokenScreen, first_token_pattern

    logging.disable(logging.WARNING)
    path = Path(args.path)
    t0 = time.perf_counter()
    _bare(path)
    bare = time.perf_counter() - t0
    texts, matcher = screened_texts(path, args.limit, args.targets)
    regex = first_token_pattern(matcher._index, matcher._exact)
    screen = FirstTokenScreen(matcher._index, matcher._exact)
    print(f"corpus: {path.name}   bare pass {bare:.2f} s")
    print(f"texts: {len(texts)} distinct paragraphs holding a core, {sum(map(len, texts)):,} characters")
    print(f"{'round':<6} {'regex (s)':>10} {'screen (s)':>11} {'ratio':>6}")
    for r in range(1, args.rounds + 1):
        t0 = time.perf_counter()
        before = [regex.search(t) is not None for t in texts]
        slow = time.perf_counter() - t0
        t0 = time.perf_counter()
        after = [screen.search(t) for t in texts]
        fast = time.perf_counter() - t0
        print(f"{r:<6} {slow:>10.2f} {fast:>11.2f} {slow / fast:>6.2f}")
        if before != after:
            print("the answers differ", file=sys.stderr)
            return 1
    print(f"same answer on every text ({sum(after)} pass)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
