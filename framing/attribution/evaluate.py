"""Evaluate predicted utterances against gold attributions.

Two gold formats are read:

- **JSONL events** (one object per line: ``doc``, ``paragraph``, ``cue``,
  ``speaker``, optional ``mention``, ``mention_full``, ``required``), as in
  the Arabic attribution guidelines.  A prediction matches a gold event in
  the same document and paragraph whose cue is the same word (compared
  folded, with an attached و/ف and a headline colon ignored; multi-word
  cues match when one contains the other).  Events with ``required: false``
  neither reward nor penalize: a prediction matching one is set aside.
- **brat standoff** (PolNeAR): a folder with ``text/*.txt`` and
  ``attributions/*.ann``; ``E`` lines link a Cue, a Source and Content.  A
  prediction matches a gold attribution when the cue spans overlap; the
  speaker is correct when the predicted mention overlaps the gold source.

Detection counts cue matches; attribution counts matches whose speaker is
also right.  Both report precision, recall and F1.

Examples
--------
>>> gold = [{"doc": "d", "paragraph": 1, "cue": "وقال", "speaker": "X", "required": True}]
>>> pred = [{"doc_id": "d", "paragraph": 1, "cue": "قال", "speaker": "X", "mention": "", "mention_full": ""}]
>>> score_events(pred, gold)["attribution"]["f1"]
1.0
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from framing.attribution.kinds import speaker_kinds
from framing.errors import InputError
from framing.files import read_jsonl
from framing.tables import read_table
from framing.text import fold, tokenize


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(p, 4), "recall": round(r, 4),
                "f1": round(f, 4)}


# -- JSONL gold ------------------------------------------------------------------------

def read_gold_jsonl(path: str | Path) -> list[dict]:
    """Gold events from a JSONL file; a bad line raises an error naming it."""
    return read_jsonl(path, required=("doc", "paragraph", "cue", "speaker"))


def read_speaker_aliases(path: str | Path | None) -> dict[str, list[str]]:
    """Gold speaker aliases (``{"Kremlin": {"aliases": [...]}}``), if a file is given."""
    if not path:
        return {}
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {name: list(info.get("aliases", [])) for name, info in data.items()}


def cue_key(cue: str) -> list[str]:
    """A cue's folded words, the first without the conjunction و/ف it may carry ("وقال" and "قال" are
    one cue; so are "ومضى" and "ومضى المتحدث بالقول", one containing the other)."""
    toks = [fold(t).lower() for t in tokenize(cue)]
    if toks and len(toks[0]) > 3 and toks[0][0] in "وف":
        toks[0] = toks[0][1:]
    return toks


def cues_match(pred: str, gold: str) -> bool:
    p, g = cue_key(pred), cue_key(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    short, long_ = (p, g) if len(p) <= len(g) else (g, p)
    return any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def _names(*values) -> set[tuple[str, ...]]:
    out = set()
    for v in values:
        if isinstance(v, str) and v.strip():
            key = tuple(fold(t).lower() for t in tokenize(v.removeprefix("anonymous:")))
            if key:
                out.add(key)
    return out


def _contains(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if len(a) < len(b):
        a, b = b, a
    return any(a[i:i + len(b)] == b for i in range(len(a) - len(b) + 1))


def coded_strings(speaker, mention_full, mention="") -> set[str]:
    """The strings a coder may have listed for a predicted speaker (a speaker code's ``system``).

    Codes list the speaker column as the toolkit wrote it when they were
    made: its name, or for a person the registry did not know then the
    phrase that named them first (a mention) or the title and the name (now
    the fullest mention), or for a source word with a name after it the
    unnamed-source form ("anonymous: عضو المجلس فهد العنزي").

    Releases before the group of a partitive source was part of it wrote its
    head alone ("عدد" for "عدد من العلماء"): that form is listed too.

    >>> sorted(coded_strings("فهد العنزي", "عضو المجلس فهد العنزي"))
    ['anonymous: عضو المجلس فهد العنزي', 'عضو المجلس فهد العنزي', 'فهد العنزي']
    >>> sorted(coded_strings("anonymous: عدد من العلماء", "عدد من العلماء"))
    ['anonymous: عدد', 'anonymous: عدد من العلماء', 'عدد', 'عدد من العلماء']
    """
    out = set()
    for value, forms in ((speaker, ("{}",)), (mention, ("{}", "anonymous: {}")),
                         (mention_full, ("{}", "anonymous: {}"))):
        text = str(value).strip() if isinstance(value, str) else ""
        if text:
            out |= {f.format(t) for f in forms for t in (text, *_partitive_head(text, forms))}
    return out


def _partitive_head(text: str, forms) -> tuple[str, ...]:
    """The head of an Arabic partitive phrase ("عدد" of "عدد من العلماء"), for the forms of a mention."""
    words = text.split()
    if len(forms) < 2 or len(words) < 3 or fold(words[1]) != fold("من") \
            or fold(words[0]).lower() not in speaker_kinds("ar").partitive_heads:
        return ()
    return (words[0],)


#: The forms a listed string may carry before the phrase itself: "anonymous: ...", "anonymous (Egypt): ...".
_LISTED_FORM_RE = re.compile(r"^(?:anonymous|document|media)(?: \([^)]*\))?: ")


def _phrase_words(text) -> tuple[str, ...]:
    """The folded words of a listed string or a phrase, without its form ("anonymous: ")."""
    text = _LISTED_FORM_RE.sub("", str(text).strip()) if isinstance(text, str) else ""
    return tuple(fold(t).lower() for t in tokenize(text))


def drifted_speakers(system, phrases: dict) -> set:
    """The one speaker whose phrase a code's strings name as the toolkit wrote it before, or an empty set.

    A code lists the toolkit's strings for a speaker as they were when it was
    made (:func:`coded_strings`); a later release may write the phrase longer
    ("كبير المفاوضين" is now "كبير المفاوضين الفلسطينيين صائب عريقات", "جعجع"
    "سمير جعجع") or shorter ("الشيخ سعود الشريم بذلك" is now "الشيخ سعود
    الشريم").  For a code that names no speaker as written, this is the
    speaker whose phrase holds a listed string as a run of whole words, or whose
    phrase of two words or more is held in one, when exactly one speaker of
    the document does.

    Parameters
    ----------
    system : iterable of str
        The code's listed strings.
    phrases : dict
        Speaker key -> that speaker's phrases in the document (names, mentions, fullest mentions).

    >>> drifted_speakers(["كبير المفاوضين"], {"a": ["كبير المفاوضين صائب عريقات"], "b": ["الرئيس محمود عباس"]})
    {'a'}
    >>> drifted_speakers(["الشيخ سعود الشريم بذلك"], {"a": ["الشيخ سعود الشريم"], "b": ["الشريم"]})
    {'a'}
    >>> drifted_speakers(["المتحدث"], {"a": ["المتحدث باسم الوزارة"], "b": ["المتحدث العسكري"]})
    set()
    """
    listed = [w for w in (_phrase_words(s) for s in system) if w]
    found = set()
    for key, texts in phrases.items():
        for words in {_phrase_words(t) for t in texts}:
            if words and any(_contains(words, s) if len(words) >= len(s) else len(words) >= 2 and _contains(s, words)
                             for s in listed):
                found.add(key)
                break
    return found if len(found) == 1 else set()


def speaker_matches(pred: dict, gold: dict, aliases: dict[str, list[str]] | None = None) -> bool:
    """Whether a predicted speaker is the gold one.

    Names on both sides (canonical name, mention as written, fullest mention,
    gold aliases) are compared folded; one name containing the other counts
    ("بيسكوف" within "ديمتري بيسكوف").
    """
    aliases = aliases or {}
    g = _names(gold.get("speaker"), gold.get("mention"), gold.get("mention_full"),
               *aliases.get(gold.get("speaker", ""), []))
    p = _names(pred.get("speaker"), pred.get("mention"), pred.get("mention_full"))
    return any(_contains(a, b) for a in p for b in g)


def strict_names(gold: dict, aliases: dict[str, list[str]] | None = None) -> set[tuple[str, ...]]:
    """The names a ``speaker`` column may hold for a gold event to count as strictly right.

    The gold canonical name, the fullest Arabic name in the article
    (``mention_full``), its last word (a surname: "الجبير" for "عادل الجبير"),
    and the gold aliases.  An anonymous source has no name: its description
    as written (``mention`` or ``mention_full``) stands for it.
    """
    aliases = aliases or {}
    full = gold.get("mention_full") or ""
    names = _names(gold.get("speaker"), full, *aliases.get(gold.get("speaker", ""), []))
    full_key = tuple(fold(t).lower() for t in tokenize(full))
    if len(full_key) > 1:
        names.add(full_key[-1:])
    if str(gold.get("speaker", "")).startswith("anonymous"):
        names |= _names(gold.get("mention"))
    return names


def speaker_is_strictly(pred: dict, gold: dict, aliases: dict[str, list[str]] | None = None) -> bool:
    """Whether the predicted ``speaker`` column itself names the gold speaker.

    Stricter than :func:`speaker_matches`: the speaker column must contain
    one of :func:`strict_names` (folded, as whole words); the mention the
    speaker was found by does not count.  A mention left as the speaker
    ("سموه", "الوزير") or a part of a name other than the surname fails.

    >>> gold = {"speaker": "Adel al-Jubeir", "mention_full": "عادل الجبير"}
    >>> speaker_is_strictly({"speaker": "الجبير"}, gold), speaker_is_strictly({"speaker": "الوزير"}, gold)
    (True, False)
    """
    pred_names = _names(pred.get("speaker"))
    return any(len(p) >= len(g) and _contains(p, g) for p in pred_names for g in strict_names(gold, aliases))


def align_events(gold: list[dict], pred: list[dict], aliases: dict | None = None) -> dict[int, dict]:
    """Pair the gold events of one paragraph with its predictions, keeping the order of both.

    Gold events carry no offsets, only their cue and their order in the
    paragraph, so a prediction is paired with a gold event whose cue it
    shares, in text order (predictions by ``cue_start`` when they have it):
    of the order-keeping pairings, the one with the most events found, then
    speakers strictly right, then loosely.  The required events are paired
    first and the optional ones then with the predictions left, each in their
    own order (a gold file may list its optional events after the required
    ones).  A prediction never pairs with a gold event after a later one's, so
    the third "يقول" of a paragraph cannot take the speaker of the fourth.

    Returns ``{id(gold event): prediction}``.

    >>> gold = [{"cue": "يقول", "speaker": "A"}, {"cue": "يقول", "speaker": "B"}]
    >>> pred = [{"cue": "يقول", "speaker": "B"}]
    >>> [g["speaker"] for g in gold if id(g) in align_events(gold, pred)]
    ['B']
    """
    if not gold or not pred:
        return {}
    pred = sorted(pred, key=lambda p: p.get("cue_start", 0) if isinstance(p.get("cue_start"), (int, float)) else 0)
    pairs = _align_in_order([g for g in gold if g.get("required", True)], pred, aliases)
    used = {id(p) for p in pairs.values()}
    pairs.update(_align_in_order([g for g in gold if not g.get("required", True)],
                                 [p for p in pred if id(p) not in used], aliases))
    return pairs


def _align_in_order(gold: list[dict], pred: list[dict], aliases: dict | None) -> dict[int, dict]:
    """The best order-keeping pairing of ``gold`` with ``pred`` (see :func:`align_events`)."""
    if not gold or not pred:
        return {}

    def score(g, p) -> int:
        if not cues_match(p["cue"], g["cue"]):
            return 0
        return 10 + (2 if speaker_is_strictly(p, g, aliases) else 1 if speaker_matches(p, g, aliases) else 0)

    n, m = len(gold), len(pred)
    scores = [[score(g, p) for p in pred] for g in gold]
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            sc = scores[i - 1][j - 1]
            best[i][j] = max(best[i - 1][j], best[i][j - 1], best[i - 1][j - 1] + sc if sc else 0)
    out: dict[int, dict] = {}
    i, j = n, m
    while i > 0 and j > 0:
        sc = scores[i - 1][j - 1]
        if sc and best[i][j] == best[i - 1][j - 1] + sc:
            out[id(gold[i - 1])] = pred[j - 1]
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return out


def _kind_of(gold: dict) -> str:
    return "anonymous" if str(gold.get("speaker", "")).startswith("anonymous") else "named"


def score_events(pred: list[dict], gold: list[dict], aliases: dict | None = None) -> dict:
    """Detection, attribution (lenient) and strict P/R/F1 of predicted utterances against gold events.

    *Attribution* (lenient) counts a detected event whose predicted speaker,
    mention or fullest mention overlaps a gold name; *strict* asks the
    ``speaker`` column itself to name the gold speaker
    (:func:`speaker_is_strictly`).  ``details`` has one row per gold event
    and per unmatched prediction; ``by_kind`` gives recall per event type
    (direct, indirect, ...) and per speaker class (named, anonymous).
    """
    by_place: dict[tuple, list[dict]] = defaultdict(list)
    for p in pred:
        by_place[(str(p["doc_id"]), int(p["paragraph"]))].append(p)
    gold_by_place: dict[tuple, list[dict]] = defaultdict(list)
    for g in gold:
        gold_by_place[(str(g["doc"]), int(g["paragraph"]))].append(g)
    pairs: dict[int, dict] = {}
    for place, events in gold_by_place.items():
        pairs.update(align_events(events, by_place.get(place, []), aliases))
    docs = {str(g["doc"]) for g in gold}
    det, att, strict = Counts(), Counts(), Counts()
    used = {id(p) for p in pairs.values()}
    errors, details = [], []
    recall: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for g in gold:
        required = g.get("required", True)
        best = pairs.get(id(g))
        lenient_ok = best is not None and speaker_matches(best, g, aliases)
        strict_ok = best is not None and speaker_is_strictly(best, g, aliases)
        details.append(_detail(g, best, lenient_ok, strict_ok))
        if not required:
            continue
        for key in (("type", str(g.get("type", ""))), ("speaker", _kind_of(g))):
            row = recall[key]
            row[0] += 1
            row[1] += best is not None
            row[2] += lenient_ok
            row[3] += strict_ok
        if best is None:
            for c in (det, att, strict):
                c.fn += 1
            errors.append({"type": "missed", "doc": g["doc"], "paragraph": g["paragraph"], "cue": g["cue"],
                           "gold": g["speaker"], "pred": ""})
            continue
        det.tp += 1
        for c, ok in ((att, lenient_ok), (strict, strict_ok)):
            if ok:
                c.tp += 1
            else:
                c.fn += 1
                c.fp += 1
        if not strict_ok:
            errors.append({"type": "wrong_speaker" if not lenient_ok else "loose_speaker", "doc": g["doc"],
                           "paragraph": g["paragraph"], "cue": g["cue"], "gold": g["speaker"],
                           "pred": best.get("speaker")})
    for p in pred:
        if str(p["doc_id"]) in docs and id(p) not in used:
            for c in (det, att, strict):
                c.fp += 1
            errors.append({"type": "spurious", "doc": p["doc_id"], "paragraph": p["paragraph"], "cue": p["cue"],
                           "gold": "", "pred": p.get("speaker")})
            details.append(_detail(None, p, False, False))
    by_kind = [{"by": by, "kind": kind, "gold": n, "detected": round(d / n, 4), "lenient": round(le / n, 4),
                "strict": round(st / n, 4)} for (by, kind), (n, d, le, st) in sorted(recall.items())]
    return {"detection": det.as_dict(), "attribution": att.as_dict(), "strict": strict.as_dict(),
            "documents": len(docs), "gold_required": sum(1 for g in gold if g.get("required", True)),
            "by_kind": by_kind, "errors": errors, "details": details}


def _detail(gold: dict | None, pred: dict | None, lenient: bool, strict: bool) -> dict:
    """One row of ``--details``: a gold event with the prediction paired to it, or a spurious prediction."""
    g, p = gold or {}, pred or {}
    if gold is None:
        status = "spurious"
    elif pred is None:
        status = "missed" if gold.get("required", True) else "optional_missed"
    elif not gold.get("required", True):
        status = "optional"
    else:
        status = "strict" if strict else "lenient" if lenient else "wrong_speaker"
    return {"doc": g.get("doc", p.get("doc_id")), "paragraph": g.get("paragraph", p.get("paragraph")),
            "status": status, "required": bool(g.get("required", True)) if gold else None,
            "gold_cue": g.get("cue", ""), "gold_type": g.get("type", ""), "gold_speaker": g.get("speaker", ""),
            "gold_mention": g.get("mention", ""), "gold_mention_full": g.get("mention_full", ""),
            "pred_cue": p.get("cue", ""), "pred_speaker": p.get("speaker", ""),
            "pred_speaker_id": p.get("speaker_id", ""), "pred_speaker_kind": p.get("speaker_kind", ""),
            "pred_mention": p.get("mention", ""), "lenient": lenient, "strict": strict}


# -- brat standoff (PolNeAR) -------------------------------------------------------------

# an annotation line starts with its tag; other lines continue an annotated text that held a line break
_TAG_RE = re.compile(r"^[TERAMN#]\d*\t")
_SPAN_RE = re.compile(r"^(T\d+)\t([\w-]+) ([\d ;]+)\t")


def read_brat(folder: str | Path) -> dict[str, list[dict]]:
    """Gold attributions per document from a brat folder (``text/``, ``attributions/``).

    When a text has several annotators' files, the first in name order is used.
    """
    folder = Path(folder)
    ann_dir = folder / "attributions" if (folder / "attributions").is_dir() else folder
    texts = {p.stem for p in (folder / "text").glob("*.txt")} if (folder / "text").is_dir() else None
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = ann.stem
        doc = stem.rsplit("_", 1)[0] if texts is not None and stem not in texts else stem
        chosen.setdefault(doc, ann)
    return {doc: _read_ann(path) for doc, path in chosen.items()}


def _read_ann(path: Path) -> list[dict]:
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if _TAG_RE.match(line) and line.startswith("T"):
            m = _SPAN_RE.match(line)
            if not m:
                raise InputError(f"{path}: line {n}: cannot read span line")
            parts = [p.split() for p in m.group(3).split(";")]
            spans[m.group(1)] = [(int(a), int(b)) for a, b in parts]
        elif _TAG_RE.match(line) and line.startswith("E"):
            roles = dict(part.split(":", 1) for part in line.split("\t", 1)[1].split())
            events.append(roles)
    out = []
    for roles in events:
        cue = spans.get(roles.get("Cue", ""))
        if not cue:
            continue
        out.append({"cue": cue, "source": spans.get(roles.get("Source", ""), [])})
    return out


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(x0 < y1 and y0 < x1 for x0, x1 in a for y0, y1 in b)


def score_brat(pred: pd.DataFrame, gold: dict[str, list[dict]]) -> dict:
    """Detection and attribution P/R/F1 on span overlap (brat gold)."""
    det, att = Counts(), Counts()
    by_doc = {d: g for d, g in pred.groupby("doc_id")} if len(pred) else {}
    for doc, events in gold.items():
        rows = by_doc.get(doc)
        preds = [] if rows is None else rows.to_dict("records")
        used = set()
        for g in events:
            match = None
            for k, p in enumerate(preds):
                if k not in used and _overlap([(p["cue_start"], p["cue_end"])], g["cue"]):
                    match = k
                    break
            if match is None:
                det.fn += 1
                att.fn += 1 if g["source"] else 0
                continue
            used.add(match)
            det.tp += 1
            if not g["source"]:
                continue  # no source annotated: counts for detection only
            p = preds[match]
            mention = [] if pd.isna(p["mention_start"]) else [(int(p["mention_start"]), int(p["mention_end"]))]
            if _overlap(mention, g["source"]):
                att.tp += 1
            else:
                att.fn += 1
                att.fp += 1
        det.fp += len(preds) - len(used)
        att.fp += len(preds) - len(used)
    return {"detection": det.as_dict(), "attribution": att.as_dict(), "documents": len(gold),
            "gold_required": sum(len(v) for v in gold.values())}


# -- front door ---------------------------------------------------------------------------

def read_predictions(path: str | Path) -> pd.DataFrame:
    """The utterances table from a ``framing analyze`` output folder or a CSV/Parquet file."""
    return read_table(path, "utterances")


def evaluate_attribution(pred: str | Path | pd.DataFrame, gold: str | Path, *,
                         speakers: str | Path | None = None) -> dict:
    """Score predictions against a gold JSONL file (or a folder of them) or a brat folder.

    ``speakers`` is an optional JSON of gold speaker aliases; for a gold file
    ``X_utterances.jsonl`` a ``X_speakers.json`` beside it is used automatically.
    """
    df = pred if isinstance(pred, pd.DataFrame) else read_predictions(pred)
    gold = Path(gold)
    if gold.is_dir() and ((gold / "attributions").is_dir() or any(gold.glob("*.ann"))):
        return score_brat(df, read_brat(gold))
    events = [e for f in gold_event_files(gold) for e in read_gold_jsonl(f)]
    if speakers is None and gold.is_file():
        guess = gold.with_name(gold.name.replace("_utterances.jsonl", "_speakers.json"))
        speakers = guess if guess != gold and guess.exists() else None
    df = df.copy()
    for col in ("mention", "mention_full"):
        df[col] = df[col].astype(object).where(df[col].notna(), "") if col in df else ""
    records = df.to_dict("records")
    return score_events(records, events, read_speaker_aliases(speakers))


def gold_event_files(gold: str | Path) -> list[Path]:
    """The gold attribution JSONL files a path names: the file, or those in a folder that hold events.

    In a folder, a file holds events when its records carry a ``cue``: the
    article metadata (``articles.jsonl``) and speaker-level stance gold
    often lie beside the attribution gold, and are not read as events.
    """
    gold = Path(gold)
    if not gold.is_dir():
        return [gold]
    files = [f for f in sorted(gold.glob("*.jsonl")) if holds_events(f)]
    if not files:
        raise InputError(f"{gold}: no gold attribution .jsonl files here (records with 'doc', 'paragraph' "
                         f"and 'cue')")
    return files


def holds_events(path: Path) -> bool:
    """Whether the first record of a JSONL file is an attribution event (has a ``cue``)."""
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            if line.strip():
                try:
                    first = json.loads(line)
                except ValueError:
                    return True  # let the reader name the bad line
                return isinstance(first, dict) and "cue" in first
    return False


def format_scores(result: dict) -> str:
    """A short human-readable summary of :func:`evaluate_attribution` output."""
    lines = [f"documents: {result['documents']}   gold events (required): {result['gold_required']}"]
    for name in ("detection", "attribution", "strict"):
        if name not in result:
            continue
        r = result[name]
        lines.append(f"{name:<12} P={r['precision']:.3f}  R={r['recall']:.3f}  F1={r['f1']:.3f}  "
                     f"(tp={r['tp']} fp={r['fp']} fn={r['fn']})")
    if "strict" in result:
        lines.append("  attribution (lenient): the speaker, its mention or fullest mention overlaps a gold name; "
                     "strict: the speaker column holds the gold name, its fullest Arabic form or its surname")
    if result.get("by_kind"):
        lines.append("recall by kind (required gold events; detected / attribution / strict):")
        for r in result["by_kind"]:
            lines.append(f"  {r['by']:<8} {r['kind']:<10} n={r['gold']:<4} {r['detected']:.3f} / "
                         f"{r['lenient']:.3f} / {r['strict']:.3f}")
    return "\n".join(lines)
