"""Stance evaluation: speaker-level stance against gold speaker–target pairs, and
cross-validation of the supervised scorer on coded data.

A gold file lists, per document, a speaker (by canonical name), a target and
the stance the speaker takes (``favor``, ``against``, ``neutral``), optionally
how clearly (``confidence``: ``clear`` or ``implied``).  The predicted stance of
a speaker toward a target, in that document, is the speaker-level decision of
:func:`framing.stance.decide.decide_one`; a target the speaker never addresses
is ``none``.  Gold speakers are found among the predicted ones of the document
by name, by the gold aliases, or by how the gold attribution events write them
(``mention``, ``mention_full``), as in the attribution evaluation.  Every
score is printed beside the trivial baseline (always the most frequent gold label).

Examples
--------
>>> r = evaluate_speaker_stance("out/seed", "../shared/gold/seed_stance.jsonl")   # doctest: +SKIP
>>> r["correct"], r["pairs"], r["baseline"]["label"]                               # doctest: +SKIP
(12, 13, 'against')
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

from framing.attribution.evaluate import (coded_strings, drifted_speakers, gold_event_files, holds_events,
                                          read_speaker_aliases, speaker_is_strictly, speaker_matches)
from framing.attribution.resolve import person_id
from framing.errors import InputError
from framing.files import read_jsonl
from framing.stance.decide import decide_one
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
    """Gold speaker–target stances (JSONL); a bad line raises an error naming it.

    A line ``{"doc": ..., "none": true}`` (a document coded as holding no
    pair) is kept out of the pairs; so are coded-statement lines of another
    unit (``"unit": "event"``) when the file mixes units.
    """
    rows = read_jsonl(path)
    with open(path, encoding="utf-8-sig") as fh:  # the line of each record, for the error message
        lines = [n for n, text in enumerate(fh, 1) if text.strip()]
    pairs = []
    for line, r in zip(lines, rows):
        if r.get("none") or r.get("unit", "speaker") != "speaker":
            continue
        missing = [k for k in ("speaker", "target", "stance") if k not in r]
        if missing:
            raise InputError(f"{path}: line {line}: missing field(s) {missing}")
        pairs.append(r)
    return pairs


def evaluate_speaker_stance(pred: str | Path, gold: str | Path, *, speakers: str | Path | None = None,
                            events: str | Path | list | None = None) -> dict:
    """How many gold speaker–target stances the predicted tables reproduce.

    Pairs are per document when the gold has ``doc`` (a speaker's utterances
    in other documents do not count), across the corpus otherwise.  The
    predicted label is the speaker-level decision of
    :func:`framing.stance.decide.decide_one` (``none`` when the speaker is
    not found or never addresses the target).

    Parameters
    ----------
    pred : path
        A ``framing analyze`` folder.
    gold : path
        Gold JSONL: ``speaker``, ``target``, ``stance``; optional ``doc`` and
        ``confidence`` (``clear``/``implied``).
    speakers : path, optional
        Gold speaker aliases (JSON); found beside the gold file by default.
    events : path or list of paths, optional
        Gold attribution events (JSONL with ``doc``, ``speaker``,
        ``mention``, ``mention_full``): how each gold speaker is written in
        each document, used to find them among the predicted speakers.  By
        default the event files beside the gold file.

    Returns
    -------
    dict
        ``pairs``, ``correct``, ``accuracy``; ``clear`` (the same on the
        pairs marked clear); ``baseline`` (always the most frequent gold
        label, on all and on clear pairs); ``per_target``; ``confusion``
        (gold label -> predicted label -> count); ``speakers_found``;
        ``details`` per pair.
    """
    utterances = read_table(pred, "utterances")
    measures = read_table(pred, "measures")
    gold_rows = read_gold_stance(gold)
    if speakers is None:
        guess = Path(gold).with_name(Path(gold).name.replace("_stance.jsonl", "_speakers.json"))
        speakers = guess if guess.exists() and guess != Path(gold) else None
    aliases = read_speaker_aliases(speakers)
    written = _gold_mentions(_event_paths(gold, events))
    joined = utterances.merge(measures, on="utterance_id")
    per_doc = "doc_id" in joined.columns and all(g.get("doc") for g in gold_rows)
    groups = _speaker_names(utterances, per_doc)
    details, found = [], 0
    found_ids: dict = {}  # (doc, gold speaker) -> the predicted speakers they are
    for g in gold_rows:
        doc = str(g["doc"]) if per_doc else None
        ids = _find_speakers(groups.get(doc, []), g, written.get((doc, g["speaker"]), []), aliases)
        found += bool(ids)
        if per_doc and ids:
            found_ids[(doc, g["speaker"])] = ids
        rows = joined[joined["speaker_id"].isin(ids) & (joined["doc_id"].astype(str).eq(doc) if per_doc else True)]
        slug = slugify(g["target"])
        if ids and f"stance_{slug}_label" in rows.columns:
            label, _ = decide_one(rows[f"stance_{slug}_label"], rows.get(f"stance_{slug}"),
                                  pd.to_numeric(rows.get("confidence"), errors="coerce"))
        else:
            label = "none"
        details.append({"doc": g.get("doc"), "speaker": g["speaker"], "target": g["target"],
                        "confidence": g.get("confidence"), "gold": g["stance"], "pred": label,
                        "speaker_ids": sorted(map(str, ids))})
    result = _summarize(details, found)
    if per_doc:
        result["uncoded"] = _uncoded_pairs(joined, gold_rows, found_ids)
    return result


def _uncoded_pairs(joined: pd.DataFrame, gold_rows: list[dict], found_ids: dict) -> dict:
    """The pairs the gold leaves uncoded for the gold speakers it found, and how many got a label anyway.

    The guidelines code every target a speaker addresses in a document, so
    a gold speaker's target with no gold pair in that document is one they
    do not address (or name only in passing): ``none``.  Only the targets
    the gold codes for someone in the same document count (the article is
    about them; a target it never names is ``none`` for any scorer), and
    only the gold speakers found (a speaker the gold does not list may be
    narration or a source it did not code).  This is the other side of the
    "addressed" decision: a scorer that labels everything scores every gold
    pair but none of these.
    """
    coded = {(str(g["doc"]), g["speaker"], g["target"]) for g in gold_rows}
    in_doc: dict = {}
    for g in gold_rows:
        in_doc.setdefault(str(g["doc"]), set()).add(g["target"])
    out = {"pairs": 0, "labelled": 0, "per_label": Counter()}
    for (doc, speaker), ids in sorted(found_ids.items()):
        rows = joined[joined["speaker_id"].isin(ids) & joined["doc_id"].astype(str).eq(doc)]
        for target in sorted(in_doc.get(doc, ())):
            column = f"stance_{slugify(target)}"
            if (doc, speaker, target) in coded or f"{column}_label" not in rows.columns:
                continue
            label, _ = decide_one(rows[f"{column}_label"], rows.get(column),
                                  pd.to_numeric(rows.get("confidence"), errors="coerce"))
            out["pairs"] += 1
            if label != "none":
                out["labelled"] += 1
                out["per_label"][label] += 1
    out["per_label"] = dict(sorted(out["per_label"].items()))
    return out


def _summarize(details: list[dict], found: int) -> dict:
    """Accuracy on all and clear pairs, the majority baseline, per target, and the confusion table."""
    def acc(rows):
        n = len(rows)
        right = sum(d["gold"] == d["pred"] for d in rows)
        top = Counter(d["gold"] for d in rows).most_common(1)
        base_label, base = (top[0][0], top[0][1]) if top else ("", 0)
        return {"pairs": n, "correct": right, "accuracy": round(right / n, 4) if n else 0.0,
                "baseline_label": base_label, "baseline": round(base / n, 4) if n else 0.0}

    everything = acc(details)
    clear = acc([d for d in details if d.get("confidence") == "clear"])
    per_target = {t: acc([d for d in details if d["target"] == t])
                  for t in sorted({d["target"] for d in details})}
    labels = ["favor", "against", "neutral", "none"]
    confusion = {g: {p: sum(d["gold"] == g and d["pred"] == p for d in details) for p in labels} for g in labels[:3]}
    # where the pairs are lost: the speaker not found (attribution), found but taken as not addressing
    # the target, or given a side; and how often the side given is right
    not_found = [d for d in details if not d.get("speaker_ids")]
    found_none = [d for d in details if d.get("speaker_ids") and d["pred"] == "none"]
    decided = [d for d in details if d.get("speaker_ids") and d["pred"] != "none"]
    breakdown = {"not_found": len(not_found), "found_none": len(found_none), "decided": len(decided),
                 "decided_correct": sum(d["gold"] == d["pred"] for d in decided)}
    return {**{k: everything[k] for k in ("pairs", "correct", "accuracy")},
            "breakdown": breakdown,
            "baseline": {"label": everything["baseline_label"], "accuracy": everything["baseline"],
                         "clear_label": clear["baseline_label"], "clear_accuracy": clear["baseline"]},
            "clear": {k: clear[k] for k in ("pairs", "correct", "accuracy")},
            "per_target": per_target, "confusion": confusion, "speakers_found": found, "details": details}


def _event_paths(gold, events) -> list[Path]:
    if events is None:
        beside = [f for f in sorted(Path(gold).parent.glob("*.jsonl")) if f != Path(gold)]
        return [f for f in beside if holds_events(f)]
    if isinstance(events, (str, Path)):
        events = [events]
    return [f for e in events for f in gold_event_files(e)]


def _gold_mentions(paths: list[Path]) -> dict[tuple[str, str], list[dict]]:
    """(doc, speaker) -> the gold events of that speaker there (how the article writes them)."""
    out: dict[tuple[str | None, str], list[dict]] = {}
    for path in paths:
        for e in read_jsonl(path):
            if e.get("speaker"):
                out.setdefault((str(e.get("doc")), e["speaker"]), []).append(e)
                out.setdefault((None, e["speaker"]), []).append(e)
    return out


@lru_cache(maxsize=1)
def _registry():
    from framing.attribution.actors import Registry

    return Registry.load()


def _speaker_names(utterances: pd.DataFrame, per_doc: bool) -> dict[str | None, list[dict]]:
    """Per document (or None for the corpus), each predicted speaker's name, longest mention and fullest name."""
    u = utterances.fillna({"mention": "", "mention_full": ""})
    keys = ["doc_id", "speaker_id"] if per_doc else ["speaker_id"]
    table = (u.groupby(keys).agg(speaker=("speaker", "first"), mention=("mention", lambda s: max(s, key=len)),
                                 mention_full=("mention_full", lambda s: max(s, key=len)),
                                 fulls=("mention_full", lambda s: sorted(set(s))),
                                 mentions=("mention", lambda s: sorted(set(s))))
             .reset_index().to_dict("records"))
    out: dict[str | None, list[dict]] = {}
    for r in table:
        out.setdefault(str(r["doc_id"]) if per_doc else None, []).append(r)
    return out


def _find_speakers(names: list[dict], gold: dict, written: list[dict], aliases: dict) -> set:
    """Every predicted speaker the gold speaker is: by name first, then as the gold events write them.

    A person split into two predicted speakers (a title and a name) is both;
    the pair pools their utterances.  A gold line that lists the toolkit's
    speaker strings whose statements are the speaker's (``system``, as the
    training set's speaker round codes them) is those speakers, where the
    run still writes them so; where no speaker is found otherwise, the one
    whose phrase the run writes longer or shorter than listed
    (:func:`framing.attribution.evaluate.drifted_speakers`).
    """
    system = {str(s).strip() for s in gold.get("system") or () if str(s).strip()}
    if system:
        listed = {r["speaker_id"] for r in names
                  if any(system & coded_strings(r["speaker"], f) for f in r.get("fulls") or [""])
                  or any(system & coded_strings("", "", m) for m in r.get("mentions") or [])}
        if listed:
            return listed
    key = fold(gold["speaker"]).lower()
    exact = {r["speaker_id"] for r in names if fold(str(r["speaker"])).lower() == key}
    # a gold name the actor registry knows is that actor ("U.S. Department of Defense" is the Pentagon)
    actor = _registry().lookup_name(gold["speaker"])
    if actor is not None:
        exact |= {r["speaker_id"] for r in names if r["speaker_id"] == actor.id}
    # a person the registry does not know is the one the toolkit gives the same name's id
    # ("Brian Nelson" is "Under Secretary ... Brian E. Nelson")
    exact |= {r["speaker_id"] for r in names if r["speaker_id"] == person_id(gold["speaker"])}
    if exact:
        return exact
    wanted = {fold(a).lower() for a in aliases.get(gold["speaker"], [])}
    ids = {r["speaker_id"] for r in names
           if {fold(str(r["mention"])).lower(), fold(str(r["mention_full"])).lower()} & wanted}
    for e in written or [{"speaker": gold["speaker"]}]:
        ids |= {r["speaker_id"] for r in names if speaker_is_strictly(r, e, aliases)}
    if not ids:
        for e in written or [{"speaker": gold["speaker"]}]:
            ids |= {r["speaker_id"] for r in names if speaker_matches(r, e, aliases)}
    if not ids and system:
        # the strings listed as the toolkit wrote them when the code was made, the phrase since written longer
        # or shorter ("كبير المفاوضين" now "كبير المفاوضين الفلسطينيين صائب عريقات")
        ids = drifted_speakers(system, {r["speaker_id"]: [r["speaker"], *(r.get("fulls") or []),
                                                          *(r.get("mentions") or [])] for r in names})
    return ids


def format_speaker_stance(result: dict, *, details: bool = True) -> str:
    """Printable lines for :func:`evaluate_speaker_stance`: the scores beside the baseline, then each pair."""
    b, c = result["baseline"], result["clear"]
    lines = [f"speaker-target pairs: {result['pairs']} (clear {c['pairs']}); gold speakers found "
             f"among the predicted: {result['speakers_found']} of {result['pairs']}",
             f"  all pairs     accuracy {result['accuracy']:.3f} ({result['correct']} of {result['pairs']})   "
             f"always {b['label']!r} {b['accuracy']:.3f}",
             f"  clear pairs   accuracy {c['accuracy']:.3f} ({c['correct']} of {c['pairs']})   "
             f"always {b['clear_label']!r} {b['clear_accuracy']:.3f}"]
    k = result.get("breakdown")
    if k:
        right = f"{k['decided_correct'] / k['decided']:.3f}" if k["decided"] else "-"
        lines.append(f"  where: {k['not_found']} speakers not found; of the found, {k['found_none']} taken as not "
                     f"addressing the target and {k['decided']} given a label, {k['decided_correct']} of them "
                     f"right ({right})")
    u = result.get("uncoded")
    if u and u["pairs"]:
        share = u["labelled"] / u["pairs"]
        lines.append(f"  the found gold speakers' uncoded pairs with a target coded in their document (none by the "
                     f"guidelines): {u['pairs']}, {u['labelled']} of them given a label ({share:.3f}) "
                     f"{u['per_label'] or ''}".rstrip())
    lines.append("per target:")
    for t, r in result["per_target"].items():
        lines.append(f"  {t:<28} {r['correct']:>3} of {r['pairs']:<3} ({r['accuracy']:.3f})   "
                     f"always {r['baseline_label']!r} {r['baseline']:.3f}")
    lines.append("confusion (rows gold, columns predicted):")
    labels = ["favor", "against", "neutral", "none"]
    lines.append("  " + " " * 9 + "".join(f"{p:>9}" for p in labels))
    for g, row in result["confusion"].items():
        lines.append(f"  {g:<9}" + "".join(f"{row[p]:>9}" for p in labels))
    if details:
        lines.append("pairs:")
        for d in result["details"]:
            mark = "ok " if d["gold"] == d["pred"] else "-- "
            lines.append(f"  {mark}{(d.get('doc') or ''):<10} {d['speaker'][:36]:<36} {d['target'][:22]:<22} "
                         f"gold={d['gold']:<8} pred={d['pred']}")
    return "\n".join(lines)
