"""Choose the SaudiNewsNet articles of the Arabic attribution training set.

Run from the repository root::

    python corpora/annotations/attribution_ar/select_articles.py \
        SAUDINEWSNET.jsonl.gz --exclude DEV_ARTICLES.jsonl --n 160 --seed 13 \
        > corpora/annotations/attribution_ar/articles.jsonl

Articles are drawn at random (seeded), round-robin over outlets so that each
outlet's house style is present, among articles of 500 to 3,500 characters
(long enough to quote someone, short enough to code in one sitting).  Any
article whose URL is in an ``--exclude`` file (the development and test
articles) is never drawn.  Each line gives the corpus id the toolkit assigns
(``doc_id``), so annotations stay standoff: no article text is stored here.

``--texts DIR`` also writes one file per article with its paragraphs numbered
as the toolkit numbers them (0 is the headline), for the coders.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

from framing.corpus import read_corpus
from framing.text import paragraph_spans


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--exclude", action="append", default=[], metavar="JSONL",
                    help="records with a 'url' never to draw (repeatable)")
    ap.add_argument("--n", type=int, default=160)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--min-chars", type=int, default=500)
    ap.add_argument("--max-chars", type=int, default=3500)
    ap.add_argument("--texts", metavar="DIR", help="write numbered paragraphs per article here")
    args = ap.parse_args(argv)

    excluded = set()
    for path in args.exclude:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                excluded.add(json.loads(line).get("url"))
    by_outlet: dict[str, list] = defaultdict(list)
    for doc in read_corpus(args.corpus):
        if doc.get("url") in excluded or doc.get("duplicate_of"):
            continue
        if args.min_chars <= len(doc["text"]) <= args.max_chars:
            by_outlet[doc.get("outlet") or ""].append(doc)
    rng = random.Random(args.seed)
    pools = {k: rng.sample(v, len(v)) for k, v in sorted(by_outlet.items())}
    chosen = []
    while len(chosen) < args.n and any(pools.values()):
        for outlet in sorted(pools):
            if pools[outlet] and len(chosen) < args.n:
                chosen.append(pools[outlet].pop())
    for doc in chosen:
        record = {"doc_id": doc["doc_id"], "outlet": doc.get("outlet"), "date": doc.get("date"),
                  "url": doc.get("url"), "sha256": doc["sha256"]}
        print(json.dumps(record, ensure_ascii=False))
        if args.texts:
            out = Path(args.texts)
            out.mkdir(parents=True, exist_ok=True)
            text = doc["text"]
            lines = [f"[{i}] {text[a:b]}" for i, (a, b) in enumerate(paragraph_spans(text))]
            (out / f"{doc['doc_id']}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(chosen)} articles from {len(pools)} outlets", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
