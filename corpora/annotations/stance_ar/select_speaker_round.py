"""Draw the articles of the speaker round of the Arabic stance training set.

Run from the repository root, after a full analysis of SaudiNewsNet with the training targets::

    framing analyze SAUDINEWSNET.jsonl.gz --targets corpora/annotations/stance_ar/targets.yml --stance-method cues \\
        --out RUN
    python corpora/annotations/stance_ar/select_speaker_round.py RUN --exclude-titles DEV_ARTICLES.jsonl \\
        --out corpora/annotations/stance_ar/articles_speakers.txt

The draw follows the statement rounds: articles with 4 to 12 statements naming a target, none of the
attribution training articles nor of an earlier stance or sentiment round, none whose title is a
development article's, in a random order (seed 41), at most 30 per outlet, the first 120.  The second
batch (``articles_speakers_2.txt``) was drawn after the first and the sentiment round, so without them::

    python corpora/annotations/stance_ar/select_speaker_round.py RUN --exclude-titles DEV_ARTICLES.jsonl \
        --exclude corpora/annotations/stance_ar/articles_speakers.txt corpora/annotations/sentiment_ar/articles.txt \
        --n 240 --seed 42 --per-outlet 60 --out corpora/annotations/stance_ar/articles_speakers_2.txt

and the third (``articles_speakers_3.txt``) without the first two batches and the sentiment round
(``--exclude`` the three ids files, ``--n 360 --seed 43 --per-outlet 90``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing.validation.samples import draw_articles, statement_counts, used_ids

HERE = Path(__file__).resolve().parent
EARLIER = [HERE / "articles_events.txt", HERE / "articles_statements.txt"]
ATTRIBUTION = [HERE.parent / "attribution_ar" / "coder_a.jsonl"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run", help="a `framing analyze --stance-method cues` folder of SaudiNewsNet with the training "
                         "targets (the rules label only the statements naming a target)")
    ap.add_argument("--exclude-titles", help="JSONL with a `title` per line: articles so titled are left out")
    ap.add_argument("--exclude", nargs="+", default=[], help="more ids files whose articles are left out")
    ap.add_argument("--n", type=int, default=120, help="how many articles (default 120)")
    ap.add_argument("--seed", type=int, default=41, help="the seed of the random order (default 41)")
    ap.add_argument("--per-outlet", type=int, default=30, help="at most this many from one outlet (default 30)")
    ap.add_argument("--out", required=True, help="the ids file to write")
    args = ap.parse_args(argv)
    used = used_ids(args.run, id_files=[*EARLIER, *args.exclude], event_files=ATTRIBUTION,
                    titles_file=args.exclude_titles)
    chosen = draw_articles(statement_counts(args.run, naming_target=True), used, n=args.n, seed=args.seed,
                           per_outlet=args.per_outlet, low=4, high=12)
    Path(args.out).write_text("\n".join(chosen) + "\n", encoding="utf-8")
    print(f"{len(chosen)} articles written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
