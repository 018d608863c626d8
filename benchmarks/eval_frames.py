"""The shipped frames dictionary on the team's coded English development set, beside the top-k baseline.

Usage::

    python benchmarks/eval_frames.py [--codes FILE] [--min-count 1 2 3 ...] [--baseline-k 5] [--lang LANG]

The coded documents (by default ``corpora/annotations/frames_en/coder_a.jsonl``:
84 PolNeAR development articles and 39 US government statements; or
``frames_ar/coder_a.jsonl``: SaudiNewsNet articles) are written
in a temporary folder in the SemEval-2023 Task 3 layout (``article<ID>.txt``
and a ``<ID><TAB><frames>`` labels file) from their texts beside the
repository (``../shared``), and scored with ``framing eval frames``' own
function, :func:`framing.frames.evaluate.evaluate_frames`, once per
``--min-count``.  This is a development set: the settings chosen on it are
reported as development figures, not as a held-out score.

Examples
--------
$ python benchmarks/eval_frames.py --min-count 1 2 3   # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CODES = ROOT / "corpora" / "annotations" / "frames_en" / "coder_a.jsonl"


def texts_of(ids: set[str]) -> dict[str, str]:
    """Title and body of each coded document, from the PolNeAR texts and the us_gov_ukraine corpus."""
    from framing.corpus.documents import read_corpus

    out = {}
    for path in sorted((SHARED / "data" / "polnear" / "dev" / "text").glob("*.txt")):
        if path.stem in ids:
            out[path.stem] = path.read_text(encoding="utf-8")
    for corpus in (SHARED / "corpora" / "us_gov_ukraine" / "Government_Data.csv",
                   SHARED / "corpora" / "saudinewsnet" / "saudinewsnet.jsonl.gz"):
        wanted = ids - set(out)
        if not wanted:
            break
        for doc in read_corpus(corpus):
            if doc["doc_id"] in wanted:
                text = doc["text"]
                out[doc["doc_id"]] = text if text.startswith(doc["title"]) else doc["title"] + "\n\n" + text
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--codes", default=str(CODES), help="coded documents (JSONL: doc, frames)")
    ap.add_argument("--min-count", type=int, nargs="+", default=[1, 2, 3, 4])
    ap.add_argument("--baseline-k", type=int, default=5)
    ap.add_argument("--lang", help="language of every document (default: detected per document)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"{SHARED}: not found (the coded documents' texts live beside the repository)", file=sys.stderr)
        return 2
    from framing.frames.evaluate import evaluate_frames, format_frame_scores

    codes = [json.loads(line) for line in Path(args.codes).read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = texts_of({c["doc"] for c in codes})
    missing = sorted({c["doc"] for c in codes} - set(texts))
    if missing:
        print(f"{len(missing)} coded documents have no text here: {missing[:3]}", file=sys.stderr)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for c in codes:
            if c["doc"] in texts:
                (folder / f"article{c['doc']}.txt").write_text(texts[c["doc"]], encoding="utf-8")
        labels = folder / "labels.txt"
        labels.write_text("".join(f"{c['doc']}\t{','.join(c['frames'])}\n" for c in codes if c["doc"] in texts),
                          encoding="utf-8")
        for n in args.min_count:
            results[n] = evaluate_frames(folder, labels, min_count=n, baseline_k=args.baseline_k, lang=args.lang)
    if args.json:
        print(json.dumps({str(n): {k: r[k] for k in ("macro_f1", "micro_f1", "baseline", "articles")}
                          for n, r in results.items()}, indent=2))
        return 0
    print(f"{Path(args.codes).name}: {len(texts)} documents (development set)")
    print(f"{'min-count':>9s} {'macro-F1':>9s} {'micro-F1':>9s}   baseline (top {args.baseline_k}) macro, micro")
    for n, r in results.items():
        b = r["baseline"]
        print(f"{n:9d} {r['macro_f1']:9.3f} {r['micro_f1']:9.3f}   {b['macro_f1']:.3f}, {b['micro_f1']:.3f}")
    best = max(results, key=lambda n: results[n]["macro_f1"])
    print(f"\nper frame at min-count {best}:")
    print(format_frame_scores(results[best]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
