"""How often speaker stance decisions are right when they rest on the speaker's own words, and on the context alone.

Usage (from the repository root)::

    python benchmarks/stance_basis.py PRED --gold GOLD          # accuracy by basis, beside always "against"
    python benchmarks/stance_basis.py PRED --target Iran        # a corpus's decisions toward one target

``PRED`` is a ``framing analyze`` folder made with the news stance method
(it writes ``stance_<target>_named_in``).  A decision (one speaker, document
and target) rests on *own words* when at least one of the speaker's
statements there that carries the side names the target in its own content;
on the *context* alone when only the paragraph, headline or article around
them does.

With ``--gold`` (speaker-level stance gold as ``framing eval stance`` reads
it: the dev articles' ``stance_gold.jsonl``, or the speaker round's held-out
batch ``corpora/annotations/stance_ar/speakers_a.jsonl``), each gold pair that
the run gives a side or neutral is counted under its basis: right, and right
by always answering "against", for all, clear and implied pairs.  Pairs the
run leaves ``none`` or whose speaker it does not find have no basis and are
left out (``framing eval stance`` counts them).

With ``--target``, the decisions of the whole run toward that target split by
basis and label, and the speakers with the most documents, with how many of
their decisions rest on own words.

Examples
--------
$ framing analyze ../shared/gold/ar_dev/articles --metadata ../shared/gold/ar_dev/articles.jsonl \\
      --targets ../shared/gold/ar_dev/stance_targets.yml --out dev          # doctest: +SKIP
$ python benchmarks/stance_basis.py dev --gold ../shared/gold/ar_dev/stance_gold.jsonl   # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

BASES = ("own words", "context only")


def scored_utterances(pred: Path) -> pd.DataFrame:
    """The run's utterances joined with their measures."""
    from framing.tables import read_table

    return read_table(pred, "utterances").merge(read_table(pred, "measures"), on="utterance_id")


def basis_of(joined: pd.DataFrame, doc: str, speaker_ids, slug: str) -> str | None:
    """Whether the speaker's decision toward ``slug`` in ``doc`` rests on their own words (None: no side)."""
    rows = joined[(joined["doc_id"] == doc) & joined["speaker_id"].isin(speaker_ids)
                  & joined[f"stance_{slug}_label"].ne("none")]
    if rows.empty:
        return None
    return BASES[0] if rows[f"stance_{slug}_named_in"].eq("content").any() else BASES[1]


def accuracy_by_basis(pred: Path, gold: Path) -> Counter:
    """Per basis (and confidence): pairs, right, and right by always "against"."""
    from framing.stance.evaluate import evaluate_speaker_stance
    from framing.stance.targets import slugify

    joined = scored_utterances(pred)
    result = evaluate_speaker_stance(pred, gold)
    counts: Counter = Counter()
    for d in result["details"]:
        if d["pred"] in ("none", None) or not d.get("speaker_ids"):
            continue
        basis = basis_of(joined, d["doc"], d["speaker_ids"], slugify(d["target"]))
        if basis is None:
            continue
        for key in ((basis,), (basis, d.get("confidence") or "")):
            counts[key + ("n",)] += 1
            counts[key + ("right",)] += d["gold"] == d["pred"]
            counts[key + ("against",)] += d["gold"] == "against"
    return counts


def target_decisions(pred: Path, target: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The run's per-document decisions toward ``target`` by basis and label, and per speaker."""
    from framing.stance.decide import decide_stance
    from framing.stance.shares import document_shares
    from framing.stance.targets import slugify

    joined = scored_utterances(pred)
    slug = slugify(target)
    if f"stance_{slug}_named_in" not in joined.columns:
        known = [c[len("stance_"):-len("_named_in")] for c in joined.columns if c.endswith("_named_in")]
        raise SystemExit(f"stance_basis: {pred} has no stance toward {target!r} with where it is named; its "
                         f"targets: {', '.join(known) or 'none (not scored by the news method)'}")
    decisions = decide_stance(joined, [slug])
    decisions["basis"] = decisions["n_named"].gt(0).map({True: BASES[0], False: BASES[1]})
    table = pd.crosstab(decisions["basis"], decisions["label"], margins=True, margins_name="all")
    shares = document_shares(decisions, [slug])
    shares.insert(1, "speaker", shares["speaker_id"].map(joined.groupby("speaker_id")["speaker"].first()))
    top = shares.sort_values(["n_documents", "speaker_id"], ascending=[False, True], kind="stable")
    return table, top[["speaker", "n_documents", "n_favor", "n_against", "n_neutral", "n_named"]]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pred", help="a framing analyze folder (news stance method)")
    parser.add_argument("--gold", help="speaker-level stance gold (JSONL)")
    parser.add_argument("--target", help="a target of the run: its decisions by basis, and the top speakers")
    parser.add_argument("--top", type=int, default=20, help="speakers shown with --target")
    args = parser.parse_args(argv)
    pred = Path(args.pred)
    if not pred.is_dir():
        print(f"stance_basis: {pred} is not a folder framing analyze wrote", file=sys.stderr)
        return 2
    if not args.gold and not args.target:
        parser.error("give --gold, --target or both")
    if args.gold:
        if not Path(args.gold).exists():
            print(f"stance_basis: {args.gold} not found (the shared gold lives beside the repository)",
                  file=sys.stderr)
            return 2
        c = accuracy_by_basis(pred, Path(args.gold))
        print(f"{'basis':<13} {'pairs':>5} {'right':>6} {'always against':>15}   clear (right/n)   implied (right/n)")
        for b in BASES:
            n = c[(b, "n")]
            share = f"{c[(b, 'right')] / n:.3f}" if n else "-"
            base = f"{c[(b, 'against')] / n:.3f}" if n else "-"
            print(f"{b:<13} {n:>5} {c[(b, 'right')]:>6} {c[(b, 'against')]:>15}   "
                  f"{c[(b, 'clear', 'right')]:>5}/{c[(b, 'clear', 'n')]:<9} {c[(b, 'implied', 'right')]:>5}/"
                  f"{c[(b, 'implied', 'n')]:<5}  ({share} against {base})")
    if args.target:
        table, top = target_decisions(pred, args.target)
        print(f"\ndecisions toward {args.target} (one per speaker and document), by basis and label:")
        print(table.to_string())
        print(f"\nthe {args.top} speakers with the most documents (n_named: documents resting on own words):")
        print(top.head(args.top).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
