"""Document-level frame evaluation: predicted frames of each article against a labels file.

The layout is that of SemEval-2023 Task 3, subtask 2: a folder of articles
``article<ID>.txt`` (title line, blank line, body) and a labels file of
``<ID><TAB><frame,frame,...>`` lines with frame names such as
``Security_and_defense``.  A frame is predicted for an article when the
frames dictionary matches it at least ``min_count`` times in the title and
body.  Scores are micro- and macro-F1 over the frames of the labels file,
per frame, beside the baseline of always answering the ``k`` most frequent
frames of the labels file.

Examples
--------
>>> gold = {"1": {"economic"}, "2": {"political", "economic"}}
>>> pred = {"1": {"economic"}, "2": {"political"}}
>>> s = frame_scores(gold, pred, ["economic", "political"])
>>> round(s["micro_f1"], 3), round(s["macro_f1"], 3)
(0.8, 0.833)
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from framing.errors import InputError
from framing.frames.dictionary import Dictionary, load_dictionary, slug


def read_labels(path) -> dict[str, set[str]]:
    """``{article id: {frame slug, ...}}`` from a ``<ID><TAB><frame,frame,...>`` file (an empty set: no frame).

    Raises
    ------
    InputError
        Naming the file and line of a line without a tab.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such labels file")
    out: dict[str, set[str]] = {}
    for i, line in enumerate(p.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        ident, sep, frames = line.partition("\t")
        if not sep:
            raise InputError(f"{p}, line {i}: expected '<ID><TAB><frame,frame,...>', got {line[:60]!r}")
        out[ident.strip()] = {slug(f) for f in frames.split(",") if f.strip()}
    if not out:
        raise InputError(f"{p}: no labelled article")
    return out


def read_articles(folder, ids=None) -> dict[str, str]:
    """``{article id: title and body}`` from ``article<ID>.txt`` files (only ``ids`` when given)."""
    f = Path(folder)
    if not f.is_dir():
        raise InputError(f"{f}: no such folder of articles")
    out = {}
    for path in sorted(f.glob("article*.txt")):
        ident = path.stem[len("article"):]
        if ids is None or ident in ids:
            out[ident] = path.read_text(encoding="utf-8-sig")
    return out


def predict_frames(texts: dict[str, str], dictionaries, *, min_count: int = 2,
                   lang: str | None = None) -> dict[str, set[str]]:
    """Frames of each text: those matched at least ``min_count`` times.

    ``dictionaries`` is one :class:`Dictionary` for every text, or a mapping of
    language -> Dictionary (each text's language ``lang``, or detected).
    """
    from framing.text import detect_language

    out = {}
    for ident, text in texts.items():
        d = dictionaries if isinstance(dictionaries, Dictionary) else \
            dictionaries.get(lang or detect_language(text, default="en"))
        counts = d.count(text) if d is not None else {}
        out[ident] = {slug(name) for name, n in counts.items() if n >= min_count}
    return out


def frame_scores(gold: dict[str, set[str]], pred: dict[str, set[str]], frames) -> dict:
    """Micro- and macro-F1 over ``frames`` and per frame (precision, recall, F1, support)."""
    per, tp_all, fp_all, fn_all = {}, 0, 0, 0
    for frame in frames:
        tp = sum(1 for i in gold if frame in gold[i] and frame in pred.get(i, set()))
        fp = sum(1 for i in gold if frame not in gold[i] and frame in pred.get(i, set()))
        fn = sum(1 for i in gold if frame in gold[i] and frame not in pred.get(i, set()))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        per[frame] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                      "support": tp + fn}
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
    p = tp_all / (tp_all + fp_all) if tp_all + fp_all else 0.0
    r = tp_all / (tp_all + fn_all) if tp_all + fn_all else 0.0
    return {"micro_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "macro_f1": sum(v["f1"] for v in per.values()) / len(per) if per else 0.0, "per_frame": per}


def evaluate_frames(articles, labels, *, dictionary=None, min_count: int = 2, baseline_k: int = 5,
                    lang: str | None = None) -> dict:
    """Score the frames dictionary (the shipped one by default) on a folder of articles and its labels.

    Returns
    -------
    dict
        ``macro_f1``, ``micro_f1``, ``per_frame``, ``baseline`` (the same for
        always answering the ``baseline_k`` most frequent frames), ``articles``,
        ``missing`` (labelled articles without a file), ``min_count``.
    """
    from framing.frames.scorer import FRAME_LANGS, frames_path

    gold = read_labels(labels)
    texts = read_articles(articles, set(gold))
    missing = sorted(set(gold) - set(texts))
    if not texts:
        raise InputError(f"{articles}: no article<ID>.txt file for any of the {len(gold)} labelled articles")
    gold = {i: gold[i] for i in texts}
    if dictionary is not None:
        dictionaries = dictionary if isinstance(dictionary, Dictionary) else load_dictionary(dictionary)
    else:
        dictionaries = {code: load_dictionary(frames_path(code), "frames") for code in FRAME_LANGS}
    pred = predict_frames(texts, dictionaries, min_count=min_count, lang=lang)
    frames = sorted(set().union(*gold.values())) or sorted(set().union(*pred.values()))
    scores = frame_scores(gold, pred, frames)
    common = [f for f, _ in sorted(Counter(f for fs in gold.values() for f in fs).items(),
                                   key=lambda kv: (-kv[1], kv[0]))[:baseline_k]]
    base = frame_scores(gold, {i: set(common) for i in gold}, frames)
    return {**scores, "baseline": {"answer": common, "macro_f1": base["macro_f1"], "micro_f1": base["micro_f1"]},
            "articles": len(texts), "missing": missing, "min_count": min_count}


def format_frame_scores(result: dict) -> str:
    """The scores as a table a terminal shows, the baseline beside them."""
    b = result["baseline"]
    lines = [f"{result['articles']} articles" + (f" ({len(result['missing'])} labelled articles have no file)"
                                                 if result["missing"] else ""),
             f"{'':<46}{'macro-F1':>9}{'micro-F1':>10}",
             f"{'frames dictionary (min_count ' + str(result['min_count']) + ')':<46}"
             f"{result['macro_f1']:>9.3f}{result['micro_f1']:>10.3f}",
             f"{'baseline: always the ' + str(len(b['answer'])) + ' most frequent frames':<46}"
             f"{b['macro_f1']:>9.3f}{b['micro_f1']:>10.3f}", "",
             f"{'frame':<46}{'P':>7}{'R':>7}{'F1':>7}{'n':>6}"]
    for frame, v in result["per_frame"].items():
        lines.append(f"{frame:<46}{v['precision']:>7.2f}{v['recall']:>7.2f}{v['f1']:>7.2f}{v['support']:>6}")
    return "\n".join(lines)


__all__ = ["evaluate_frames", "format_frame_scores", "frame_scores", "predict_frames", "read_articles",
           "read_labels"]
