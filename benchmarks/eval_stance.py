"""Evaluate and time the stance scorers.

Usage (from the repository root)::

    python benchmarks/eval_stance.py --seed-dev            # speaker-level stance on the seed article
    python benchmarks/eval_stance.py --mawqif              # 5-fold CV of the supervised scorer on Mawqif
    python benchmarks/eval_stance.py --data FILE           # the same on any coded (text, target, stance) CSV
    python benchmarks/eval_stance.py --speed 200000        # cue scorer throughput beside a baseline

``--seed-dev`` builds a stand-in utterances table from the gold attributions
(``../shared/gold/seed_utterances.jsonl``: doc, paragraph, cue, speaker) and
the seed article: paragraphs are the non-empty lines (0 = the headline) and
an utterance's content is the paragraph text after its cue, up to the next
gold cue in the same paragraph (``--whole-paragraph``: to the paragraph's
end).  The speaker's side comes from ``../shared/gold/seed_speakers.json``.
Speaker-level labels (:func:`framing.stance.speakers.speaker_stance`) are compared
with ``../shared/gold/seed_stance.jsonl``.  This stand-in lives here, never in
the package: the shipped scorer reads the attribution stage's utterances.
``--attribution`` also scores the utterances the attribution stage finds
itself, mapping its speakers to the gold names through their aliases.

The shared folder is ``../shared`` beside the repository (or ``$FRAMING_SHARED``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SEED_DOC = "000_37c19ced86855876"


def shared_dir() -> Path:
    path = Path(os.environ.get("FRAMING_SHARED") or ROOT.parent / "shared")
    if not path.is_dir():
        sys.exit(f"shared data folder not found at {path} (set FRAMING_SHARED)")
    return path


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- the seed stand-in ----------------------------------------------------------------------------------


def seed_utterances(shared: Path, *, whole_paragraph: bool = False) -> pd.DataFrame:
    """A stand-in utterances table built from the gold attributions of the seed article."""
    from framing.text import paragraph_spans

    text = (ROOT / "corpora" / "seed" / f"{SEED_DOC}.txt").read_text(encoding="utf-8")
    paragraphs = [text[a:b] for a, b in paragraph_spans(text)]
    speakers = json.loads((shared / "gold" / "seed_speakers.json").read_text(encoding="utf-8"))
    gold = [g for g in _jsonl(shared / "gold" / "seed_utterances.jsonl") if g["doc"] == SEED_DOC]
    rows = []
    for p in sorted({g["paragraph"] for g in gold}):
        para = paragraphs[p]
        located, taken = [], set()
        for g in (g for g in gold if g["paragraph"] == p):
            start = para.find(g["cue"])
            while start in taken and start >= 0:
                start = para.find(g["cue"], start + 1)
            if start < 0:
                raise SystemExit(f"cue {g['cue']!r} not found in paragraph {p}")
            taken.add(start)
            located.append((start, g))
        located.sort(key=lambda x: x[0])
        for k, (start, g) in enumerate(located):
            stop = len(para) if whole_paragraph or k + 1 == len(located) else located[k + 1][0]
            content = para[start + len(g["cue"]):stop].strip(" ،,:-")
            rows.append({"utterance_id": f"{SEED_DOC}:{p}:{start}", "doc_id": SEED_DOC, "paragraph": p,
                         "sentence": 0, "speaker_id": g["speaker"], "speaker": g["speaker"], "cue": g["cue"],
                         "content": content, "lang": "ar", "required": g.get("required", True),
                         "side": speakers.get(g["speaker"], {}).get("side", "")})
    return pd.DataFrame(rows)


def attribution_utterances(shared: Path) -> pd.DataFrame:
    """The attribution stage's own utterances for the seed article, speakers renamed to the gold names."""
    from framing.analysis.run import analyze
    from framing.corpus.documents import read_corpus
    from framing.text import fold

    speakers = json.loads((shared / "gold" / "seed_speakers.json").read_text(encoding="utf-8"))
    u = analyze(read_corpus(ROOT / "corpora" / "seed"))["utterances"]
    by_alias = {fold(a).lower(): name for name, s in speakers.items() for a in [name, *s["aliases"]]}

    def gold_name(row):
        for value in (row["speaker"], row.get("mention_full"), row.get("mention")):
            if isinstance(value, str) and fold(value).lower() in by_alias:
                return by_alias[fold(value).lower()]
        return row["speaker"]

    u["speaker_id"] = u.apply(gold_name, axis=1)
    return u


def score_seed(utterances: pd.DataFrame, shared: Path, *, use_side: bool, verbose: bool) -> tuple[int, int]:
    from framing.stance import CueStance, speaker_stance

    scorer = CueStance(use_side=use_side).fit(utterances)
    scored = utterances.merge(scorer.transform(utterances), on="utterance_id")
    per_speaker = speaker_stance(scored, scorer.targets_)
    gold = _jsonl(shared / "gold" / "seed_stance.jsonl")
    right = 0
    lines = []
    for g in gold:
        row = per_speaker[(per_speaker["speaker_id"] == g["speaker"]) & (per_speaker["target"] == g["target"])]
        pred = row["label"].iloc[0] if len(row) else "none"
        n = int(row["n_mentions"].iloc[0]) if len(row) else 0
        ok = pred == g["stance"]
        right += ok
        lines.append(f"  {'ok ' if ok else 'MISS'} {g['speaker']:<40} {g['target']:<14} gold={g['stance']:<8} "
                     f"pred={pred:<8} mentions={n}")
    if verbose:
        print("\n".join(lines))
        cols = ["speaker_id", "cue", "content"] + [c for c in scored.columns if c.endswith("_label")]
        print(scored[cols].to_string(max_colwidth=60))
    return right, len(gold)


def run_seed(args) -> None:
    shared = shared_dir()
    inputs = [("gold stand-in, content up to the next cue", seed_utterances(shared)),
              ("gold stand-in, content to the paragraph end", seed_utterances(shared, whole_paragraph=True))]
    if args.attribution:
        inputs.append(("attribution stage output", attribution_utterances(shared)))
    for label, utts in inputs:
        for use_side in (False, True):
            right, total = score_seed(utts, shared, use_side=use_side, verbose=args.verbose)
            method = "stance.cues+side.v1" if use_side else "stance.cues.v1"
            print(f"seed article, {label}, {method}: {right} of {total} speaker-target pairs right")


# --- coded data -------------------------------------------------------------------------------------------


def run_coded(path: Path, folds: int, seed: int) -> None:
    from framing.stance.evaluate import evaluate_stance
    from framing.stance.supervised import format_stance_result

    t0 = time.perf_counter()
    result = evaluate_stance(path, folds=folds, seed=seed)
    print(format_stance_result(result))
    print(f"({time.perf_counter() - t0:.0f} s)")


# --- speed ------------------------------------------------------------------------------------------------


def run_speed(n: int) -> None:
    """Time the cue scorer on ``n`` utterances beside a bare pass that only normalizes and tokenizes."""
    from framing.stance.cues import CueStance
    from framing.stance.targets import fold_texts, tokenize_for_matching

    shared = shared_dir()
    base = seed_utterances(shared)
    english = ["Russia's invasion of Ukraine was condemned by the European Union on Monday.",
               "We will stand with Ukraine and keep sanctions on Russia, the minister said.",
               "The central bank left interest rates unchanged for a third month.",
               "Officials in Washington said talks with NATO allies would continue."]
    contents = base["content"].tolist() + english
    langs = ["ar"] * len(base) + ["en"] * len(english)
    reps = -(-n // len(contents))
    X = pd.DataFrame({"utterance_id": range(len(contents) * reps), "content": contents * reps,
                      "lang": langs * reps}).head(n)
    # distinct texts, so no cache hides the per-utterance cost
    X["content"] = X["content"] + " " + X["utterance_id"].astype(str)

    t0 = time.perf_counter()
    texts = fold_texts(X["content"].tolist())
    n_tokens = sum(len(tokenize_for_matching(t, normalized=True)) for t in texts)
    baseline = time.perf_counter() - t0

    scorer = CueStance().fit()
    t0 = time.perf_counter()
    out = scorer.transform(X)
    elapsed = time.perf_counter() - t0
    mentioned = int(out.filter(like="_label").ne("none").any(axis=1).sum())
    print(f"{len(X):,} utterances ({n_tokens:,} tokens, {mentioned:,} mention a target)")
    print(f"  baseline (fold + tokenize only): {baseline:6.2f} s  {len(X) / baseline:>10,.0f} utterances/s")
    print(f"  CueStance.transform:                  {elapsed:6.2f} s  {len(X) / elapsed:>10,.0f} utterances/s")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seed-dev", action="store_true", help="speaker-level stance on the seed article")
    p.add_argument("--attribution", action="store_true", help="with --seed-dev: also the attribution output")
    p.add_argument("--verbose", action="store_true", help="with --seed-dev: per-pair and per-utterance tables")
    p.add_argument("--mawqif", action="store_true", help="cross-validate on ../shared/data/mawqif")
    p.add_argument("--data", type=Path, help="cross-validate on this coded CSV")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--speed", type=int, metavar="N", help="time the cue scorer on N utterances")
    args = p.parse_args(argv)
    if not (args.seed_dev or args.mawqif or args.data or args.speed):
        p.error("choose --seed-dev, --mawqif, --data FILE or --speed N")
    if args.seed_dev:
        run_seed(args)
    if args.mawqif:
        run_coded(shared_dir() / "data" / "mawqif" / "Mawqif_AllTargets_Train.csv", args.folds, args.seed)
    if args.data:
        run_coded(args.data, args.folds, args.seed)
    if args.speed:
        run_speed(args.speed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
