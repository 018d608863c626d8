"""Stance evaluation: speaker-level stance against gold speaker–target pairs, and
cross-validation of the supervised scorer on coded data.

A gold file lists, per document, a speaker (by canonical name), a target and
the stance the speaker takes (``favor``, ``against``, ``neutral``).  The
predicted stance of a speaker toward a target is the majority label of their
utterances that mention it (:func:`framing.stance.speakers.speaker_stance`); a target
the speaker never mentions is ``none``.  Gold speakers are found among the
predicted ones by name, mention or the gold aliases, as in the attribution
evaluation.

Examples
--------
>>> r = evaluate_speaker_stance("out/seed", "../shared/gold/seed_stance.jsonl")   # doctest: +SKIP
>>> r["correct"], r["pairs"]                                                        # doctest: +SKIP
(11, 13)
"""

from __future__ import annotations

from pathlib import Path

from framing.attribution.evaluate import read_speaker_aliases, speaker_matches
from framing.files import read_jsonl
from framing.stance.speakers import speaker_stance
from framing.stance.supervised import cross_validate_stance, read_coded_stance
from framing.stance.targets import slugify
from framing.tables import read_table
from framing.text import fold


def evaluate_stance(data_path, *, folds: int = 5, seed: int = 0) -> dict:
    """Cross-validate the supervised stance scorer on coded (text, target, stance) rows.

    Reports the SemEval-2016 stance measure (the mean of F1(favor) and
    F1(against)) and the 3-class macro-F1, averaged over stratified folds;
    see :func:`framing.stance.supervised.cross_validate_stance`.

    Examples
    --------
    >>> evaluate_stance("../shared/data/mawqif/Mawqif_AllTargets_Train.csv")["f_avg"]  # doctest: +SKIP
    0.75
    """
    return cross_validate_stance(read_coded_stance(data_path), folds=folds, seed=seed)


def read_gold_stance(path: str | Path) -> list[dict]:
    """Gold speaker–target stances (JSONL); a bad line raises an error naming it."""
    return read_jsonl(path, required=("speaker", "target", "stance"))


def evaluate_speaker_stance(pred: str | Path, gold: str | Path, *, speakers: str | Path | None = None) -> dict:
    """How many gold speaker–target stances the predicted tables reproduce."""
    utterances = read_table(pred, "utterances")
    measures = read_table(pred, "measures")
    gold_rows = read_gold_stance(gold)
    if speakers is None:
        guess = Path(gold).with_name(Path(gold).name.replace("_stance.jsonl", "_speakers.json"))
        speakers = guess if guess.exists() and guess != Path(gold) else None
    aliases = read_speaker_aliases(speakers)
    table = speaker_stance(utterances.merge(measures, on="utterance_id"))
    names = (utterances.fillna({"mention": "", "mention_full": ""})
             .groupby("speaker_id")
             .agg(speaker=("speaker", "first"), mention=("mention", lambda s: max(s, key=len)),
                  mention_full=("mention_full", "first"))
             .reset_index().to_dict("records"))
    details, correct = [], 0
    for g in gold_rows:
        found = _find_speaker(names, g["speaker"], aliases)
        row = table[(table.speaker_id == found) & (table.target == slugify(g["target"]))]
        label = row.label.iloc[0] if len(row) else "none"
        correct += label == g["stance"]
        details.append({"speaker": g["speaker"], "target": g["target"], "gold": g["stance"], "pred": label,
                        "speaker_id": found})
    return {"pairs": len(gold_rows), "correct": correct,
            "accuracy": round(correct / len(gold_rows), 4) if gold_rows else 0.0, "details": details}


def _find_speaker(names: list[dict], gold_name: str, aliases: dict) -> str | None:
    """The predicted speaker a gold name denotes: an exact name first, then an alias, then a looser match."""
    key = fold(gold_name).lower()
    for r in names:
        if fold(str(r["speaker"])).lower() == key:
            return r["speaker_id"]
    wanted = {fold(a).lower() for a in aliases.get(gold_name, [])}
    for r in names:
        if {fold(str(r["mention"])).lower(), fold(str(r["mention_full"])).lower()} & wanted:
            return r["speaker_id"]
    return next((r["speaker_id"] for r in names if speaker_matches(r, {"speaker": gold_name}, aliases)), None)


def format_speaker_stance(result: dict) -> str:
    """Printable lines for :func:`evaluate_speaker_stance`."""
    lines = [f"speaker-target pairs right: {result['correct']} of {result['pairs']} ({result['accuracy']:.3f})"]
    for d in result["details"]:
        mark = "ok " if d["gold"] == d["pred"] else "-- "
        lines.append(f"  {mark}{d['speaker']:<40} {d['target']:<16} gold={d['gold']:<8} pred={d['pred']}")
    return "\n".join(lines)
