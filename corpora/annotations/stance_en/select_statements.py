"""Draw the documents of the English stance training round from us_gov_ukraine.

Run from the repository root, after an analysis of the corpus in its issuers' voice with the cue rules::

    framing analyze us_gov_ukraine/Government_Data.csv --issuer-voice --stance-method cues \\
        --targets corpora/annotations/stance_en/targets.yml --out RUN
    python corpora/annotations/stance_en/select_statements.py RUN --out corpora/annotations/stance_en/documents.txt

Documents with 4 to 40 statements naming Russia, Ukraine or sanctions, none of the development set's (a
document the corpus holds twice, ``ID`` and ``ID-2``, counts as one), in a random order (seed 61), at most
20 per source, the first 48.  The second batch (``documents_2.txt``) leaves out the first::

    python corpora/annotations/stance_en/select_statements.py RUN --exclude corpora/annotations/stance_en/documents.txt \
        --seed 62 --out corpora/annotations/stance_en/documents_2.txt
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from framing.validation.samples import draw_articles, statement_counts

HERE = Path(__file__).resolve().parent


def _base(doc_id: str) -> str:
    return re.sub(r"-\d+$", "", str(doc_id))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run", help="a `framing analyze --issuer-voice --stance-method cues` folder of us_gov_ukraine")
    ap.add_argument("--n", type=int, default=48, help="how many documents (default 48)")
    ap.add_argument("--seed", type=int, default=61, help="the seed of the random order (default 61)")
    ap.add_argument("--per-outlet", type=int, default=20, help="at most this many from one source (default 20)")
    ap.add_argument("--exclude", nargs="+", default=[], help="ids files of earlier draws whose documents are left out")
    ap.add_argument("--out", required=True, help="the ids file to write")
    args = ap.parse_args(argv)
    dev = {_base(json.loads(line)["doc"]) for line in (HERE / "dev.jsonl").read_text(encoding="utf-8").splitlines()
           if line.strip()}
    counts = statement_counts(args.run, naming_target=True)
    earlier = {_base(d) for f in args.exclude for d in Path(f).read_text(encoding="utf-8").split()}
    used = {d for d in counts.index if _base(d) in dev | earlier}
    chosen = draw_articles(counts, used, n=args.n, seed=args.seed, per_outlet=args.per_outlet, low=4, high=40)
    # one of two copies of a document
    seen, kept = set(), []
    for d in chosen:
        if _base(d) not in seen:
            seen.add(_base(d))
            kept.append(d)
    Path(args.out).write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} documents written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
