"""Draw the articles of the Arabic news sentiment round from a full analysis of SaudiNewsNet.

Run from the repository root::

    framing analyze SAUDINEWSNET.jsonl.gz --out RUN
    python corpora/annotations/sentiment_ar/select_articles.py RUN --exclude-titles DEV_ARTICLES.jsonl \\
        --out corpora/annotations/sentiment_ar/articles.txt

Articles with 3 to 15 statements found by the toolkit, none of the attribution or stance training
articles, none titled as a development article, drawn in a seeded random order (seed 51), at most 40 per
outlet, the first 240.  Statements, not articles, are what the coders label, so an article needs a few.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing.validation.samples import draw_articles, statement_counts, used_ids

ANNOTATIONS = Path(__file__).resolve().parents[1]
EARLIER = [ANNOTATIONS / "stance_ar" / f for f in ("articles_events.txt", "articles_statements.txt",
                                                   "articles_speakers.txt")]
ATTRIBUTION = [ANNOTATIONS / "attribution_ar" / "coder_a.jsonl"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run", help="a `framing analyze` folder of SaudiNewsNet")
    ap.add_argument("--exclude-titles", help="JSONL with a `title` per line: articles so titled are left out")
    ap.add_argument("--out", required=True, help="the ids file to write")
    args = ap.parse_args(argv)
    used = used_ids(args.run, id_files=EARLIER, event_files=ATTRIBUTION, titles_file=args.exclude_titles)
    chosen = draw_articles(statement_counts(args.run), used, n=240, seed=51, per_outlet=40, low=3, high=15)
    Path(args.out).write_text("\n".join(chosen) + "\n", encoding="utf-8")
    print(f"{len(chosen)} articles written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
