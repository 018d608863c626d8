"""Build a coding sheet coded from gold attributions, and check ``framing validate score`` against ``eval attribution``.

Usage (from the repository root)::

    python benchmarks/make_seed_sheet.py corpora/seed --gold ../shared/gold/seed_utterances.jsonl --out out/seed_sheet
    python benchmarks/make_seed_sheet.py ../shared/gold/ar_dev/articles \\
        --metadata ../shared/gold/ar_dev/articles.jsonl --gold ../shared/gold/ar_dev --out out/ar_dev_sheet

The corpus is analysed, every utterance goes into one sheet (``framing
validate sample`` with ``--n`` above the number of utterances), and a
simulated coder fills it from the gold file as a person would from the
guidelines: a machine row that a gold event matches (same document,
paragraph and cue, paired as ``framing eval attribution`` pairs them) is a
statement (``optional`` when the event is not required), its speaker is
judged with the gold speaker and aliases, ``kind`` and ``sentiment`` come
from the event; an unmatched row is not a statement; each required event no
row matches is added as a missed statement.  The coded sheet is written to
``<out>.coded.csv`` (the gold stays in ``../shared``; only this derived sheet
is written, outside the repository).

Then ``framing eval attribution`` and ``framing validate score`` are run on
the same predictions and their detection and attribution numbers printed
side by side; the script exits with status 1 when they differ.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd

from framing.attribution.evaluate import (align_events, evaluate_attribution, format_scores, gold_event_files,
                                          read_gold_jsonl, read_speaker_aliases, speaker_matches)
from framing.cli.common import add_corpus_arguments, open_corpus
from framing.validation import read_key, read_sheets, sample_corpus, score_sheets, write_sheet
from framing.validation.sheets import analyse_corpus


def gold_events(gold: Path) -> list[dict]:
    """Gold events from a JSONL file or a folder of them (as ``framing eval attribution`` reads them)."""
    return [e for f in gold_event_files(gold) for e in read_gold_jsonl(f)]


def aliases_for(gold: Path, speakers: str | None) -> dict:
    """Speaker aliases: the given file, or ``X_speakers.json`` beside ``X_utterances.jsonl``."""
    if speakers is None and gold.is_file():
        guess = gold.with_name(gold.name.replace("_utterances.jsonl", "_speakers.json"))
        speakers = guess if guess != gold and guess.exists() else None
    return read_speaker_aliases(speakers)


def pair_with_gold(pred: list[dict], gold: list[dict], aliases: dict) -> tuple[dict[str, dict], list[dict]]:
    """Which gold event each prediction is paired with, and the required events left unpaired.

    The same pairing as :func:`framing.attribution.evaluate.score_events`: in each paragraph, in text order
    (:func:`~framing.attribution.evaluate.align_events`).
    """
    by_place, gold_by_place = defaultdict(list), defaultdict(list)
    for p in pred:
        by_place[(str(p["doc_id"]), int(p["paragraph"]))].append(p)
    for g in gold:
        gold_by_place[(str(g["doc"]), int(g["paragraph"]))].append(g)
    paired, missed = {}, []
    for place, events in gold_by_place.items():
        pairs = align_events(events, by_place.get(place, []), aliases)
        for g in events:
            if id(g) in pairs:
                paired[pairs[id(g)]["utterance_id"]] = g
            elif g.get("required", True):
                missed.append(g)
    return paired, missed


def code_sheet(sheet: pd.DataFrame, pred: list[dict], gold: list[dict], aliases: dict) -> pd.DataFrame:
    """The sheet filled in by a coder who follows the gold file."""
    paired, missed = pair_with_gold(pred, gold, aliases)
    by_id = {p["utterance_id"]: p for p in pred}
    docs = {str(g["doc"]) for g in gold}
    coded = sheet.copy()
    for i, row in coded.iterrows():
        if str(row["doc_id"]) not in docs:
            continue  # no gold for this document: left uncoded
        g = paired.get(row["utterance_id"])
        coded.loc[i, "coder"] = "gold"
        if g is None:
            coded.loc[i, "utterance"] = "no"
            continue
        coded.loc[i, "utterance"] = "yes" if g.get("required", True) else "optional"
        coded.loc[i, "speaker_ok"] = "yes" if speaker_matches(by_id[row["utterance_id"]], g, aliases) else "no"
        coded.loc[i, ["speaker", "kind", "sentiment"]] = [g["speaker"], g.get("type", ""), g.get("sentiment", "")]
    added = pd.DataFrame([{"utterance_id": "", "doc_id": g["doc"], "paragraph": g["paragraph"], "cue": g["cue"],
                           "coder": "gold", "utterance": "yes", "speaker": g["speaker"], "kind": g.get("type", ""),
                           "sentiment": g.get("sentiment", "")} for g in missed], columns=coded.columns)
    return pd.concat([coded, added], ignore_index=True).fillna("")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_corpus_arguments(parser)
    parser.add_argument("--gold", required=True, help="gold JSONL events (a file or a folder of them)")
    parser.add_argument("--speakers", help="gold speaker aliases (default: X_speakers.json beside the gold file)")
    parser.add_argument("--out", required=True, help="stem of the sheet files (<out>.csv, <out>.key.csv, <out>.coded.csv)")
    args = parser.parse_args(argv)

    corpus = open_corpus(args)
    utterances, measures = analyse_corpus(corpus)
    sheet, key = sample_corpus(corpus, n=len(utterances), tables=(utterances, measures))
    paths = write_sheet(sheet, args.out + ".csv", key, xlsx=False)
    gold_path = Path(args.gold)
    aliases = aliases_for(gold_path, args.speakers)
    pred = utterances.assign(mention=utterances["mention"].fillna(""),
                             mention_full=utterances["mention_full"].fillna("")).to_dict("records")
    # the coder works on the sheet as written, not on the table in memory
    written = pd.read_csv(paths[0], dtype=str, keep_default_na=False)
    coded_path = Path(args.out + ".coded.csv")
    code_sheet(written, pred, gold_events(gold_path), aliases).to_csv(coded_path, index=False)
    print(f"{len(sheet)} utterances; coded sheet {coded_path}, key {paths[-1]}")

    print("\n== framing eval attribution ==")
    expected = evaluate_attribution(utterances, gold_path, speakers=args.speakers)
    print(format_scores(expected))
    print("\n== framing validate score ==")
    result = score_sheets(read_sheets(coded_path), read_key(paths[-1]), aliases=aliases, n_boot=200)
    print(format_scores(result["attribution"]))
    print(result["summary"].to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    same = all(expected[k] == result["attribution"][k] for k in ("detection", "attribution", "documents",
                                                                  "gold_required"))
    print("\nsame numbers" if same else "\nDIFFERENT numbers")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
