"""Train the speaker-span model from annotated articles.

The training data are attribution events coded to the Arabic guidelines
(``doc``, ``paragraph``, ``cue``, ``mention``, ...) for articles of a corpus
the toolkit can read, keyed by the corpus' document ids.  Each article is
run through the rules exactly as :func:`framing.attribution.pipeline.attribute`
does; every verb event whose cue matches a coded event becomes one
training group: its candidate spans (:func:`~framing.attribution.speaker_model.span_ends`),
their features, and which candidate is the coded mention (the empty one
when the coder left the mention empty: the speaker is implicit).  Events
whose coded mention is not among the candidates (a subject before the verb,
a mention cut differently) are counted and left out.

Examples
--------
>>> doc = {"doc_id": "d", "text": "خبر\\nوقال المسؤول الإعلامي في الائتلاف سامر خليل إن الوضع مستقر."}
>>> gold = [{"doc": "d", "paragraph": 1, "cue": "وقال", "mention": "المسؤول الإعلامي في الائتلاف سامر خليل"}]
>>> groups, stats = span_examples([doc], gold)
>>> len(groups), groups[0].label > groups[0].rule
(1, True)
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from framing.attribution.actors import DEFAULT_REGISTRY, Registry
from framing.attribution.arabic import arabic_events
from framing.attribution.cues import cue_lexicon
from framing.attribution.document import prepare
from framing.attribution.evaluate import cues_match
from framing.attribution.speaker_model import METHOD, SpeakerSpanModel
from framing.errors import InputError
from framing.text import fold

_STRIP = " \t\n،,:;.«»\"“”()-–—"


@dataclass
class SpanGroup:
    """One verb event: its candidates' features, the coded candidate and the rules' candidate."""

    doc_id: str
    features: list[list[str]]
    label: int
    rule: int


def _key(text: str) -> str:
    return " ".join(fold(text.strip(_STRIP)).lower().split())


def span_examples(documents, gold: list[dict], registry: Registry | None = None) -> tuple[list[SpanGroup], dict]:
    """Training groups from documents (``doc_id``, ``text``, optional ``date``) and their coded events."""
    registry = registry if registry is not None else Registry.load()
    lex = cue_lexicon("ar")
    by_place: dict[tuple, list[dict]] = defaultdict(list)
    for g in gold:
        if not g.get("no_events"):
            by_place[(str(g["doc"]), int(g["paragraph"]))].append(g)
    groups: list[SpanGroup] = []
    stats = {"documents": 0, "verb_events": 0, "matched": 0, "not_a_candidate": 0}
    for doc in documents:
        doc_id = str(doc["doc_id"])
        text = doc.get("text") or ""
        stats["documents"] += 1
        prepared = prepare(text, lang="ar")
        for sent in prepared.sentences:
            record: list = []
            arabic_events(sent, lex, registry, day=doc.get("date"), record=record)
            for rec in record:
                stats["verb_events"] += 1
                cue = text[rec["cue_start"]:rec["cue_end"]]
                coded = next((g for g in by_place.get((doc_id, sent.paragraph), []) if cues_match(cue, g["cue"])),
                             None)
                if coded is None:
                    continue
                stats["matched"] += 1
                want = _key(coded.get("mention") or "")
                keys = ["" if s is None else _key(text[s[0]:s[1]]) for s in rec["spans"]]
                # coders leave titles out of the mention ("الدكتور التركي" -> "التركي"): the span is
                # right when it ends where the mention ends
                hits = [k for k, key in enumerate(keys)
                        if key == want or (want and key.endswith(" " + want))]
                if not hits:
                    stats["not_a_candidate"] += 1
                    continue
                groups.append(SpanGroup(doc_id, rec["features"], hits[0], rec["rule"]))
    stats["groups"] = len(groups)
    return groups, stats


def fit_span_model(groups: list[SpanGroup], *, C: float = 1.0, metadata: dict | None = None) -> SpeakerSpanModel:
    """A conditional logit over each event's candidates (a ranker), as a :class:`SpeakerSpanModel`.

    Each event is one choice among its candidates, so the model learns what
    makes the coded span better than the others of the same event, not what
    makes spans good in general (an empty span has few features and would
    otherwise win by default).  The penalty is ``||w||^2 / (2 C)``, fitted by
    L-BFGS.
    """
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    vocab: dict[str, int] = {}
    rows, cols = [], []
    owner, labels, n_rows = [], [], 0
    for gi, g in enumerate(groups):
        for k, feats in enumerate(g.features):
            for x in dict.fromkeys(feats):  # in order: a set's order changes with the hash seed, and the fit with it
                rows.append(n_rows)
                cols.append(vocab.setdefault(x, len(vocab)))
            owner.append(gi)
            if k == g.label:
                labels.append(n_rows)
            n_rows += 1
    X = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_rows, len(vocab)))
    owner = np.asarray(owner)
    y = np.zeros(n_rows)
    y[labels] = 1.0
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])

    def loss(w):
        s = X @ w
        top = np.maximum.reduceat(s, starts)
        e = np.exp(s - top[owner])
        z = np.add.reduceat(e, starts)
        p = e / z[owner]
        nll = -(s[labels].sum() - (np.log(z) + top).sum())
        grad = X.T @ (p - y)
        return nll + w @ w / (2 * C), grad + w / C

    w = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    weights = {name: float(w[i]) for name, i in vocab.items() if abs(w[i]) > 1e-9}
    return SpeakerSpanModel(weights, 0.0, metadata)


def accuracy(model: SpeakerSpanModel | None, groups: list[SpanGroup]) -> float:
    """Share of groups whose chosen candidate is the coded one (``None``: the rules' choice)."""
    if not groups:
        return float("nan")
    hits = sum((g.rule if model is None else model.choose(g.features)) == g.label for g in groups)
    return hits / len(groups)


def cross_validate(groups: list[SpanGroup], *, C: float = 1.0, folds: int = 5, seed: int = 0) -> dict:
    """Accuracy of the model in folds split by document, beside the rules and the empty span."""
    docs = sorted({g.doc_id for g in groups})
    rng = np.random.default_rng(seed)
    order = list(rng.permutation(len(docs)))
    fold_of = {docs[i]: n % folds for n, i in enumerate(order)}
    model_acc, rule_acc, empty_acc, n = [], [], [], []
    for f in range(folds):
        train = [g for g in groups if fold_of[g.doc_id] != f]
        test = [g for g in groups if fold_of[g.doc_id] == f]
        if not train or not test:
            continue
        m = fit_span_model(train, C=C)
        model_acc.append(accuracy(m, test))
        rule_acc.append(accuracy(None, test))
        empty_acc.append(sum(g.label == 0 for g in test) / len(test))
        n.append(len(test))
    w = np.asarray(n, float)

    def mean(values):
        return round(float(np.average(values, weights=w)), 4) if values else float("nan")

    return {"folds": folds, "seed": seed, "groups": len(groups), "documents": len(docs), "model": mean(model_acc),
            "rules": mean(rule_acc), "always_empty": mean(empty_acc),
            "model_per_fold": [round(x, 4) for x in model_acc]}


def train_speaker_spans(corpus, gold_files, *, C: float = 1.0, folds: int = 5, seed: int = 0,
                        dev_corpus=None, dev_gold=None, command: str = "",
                        corpus_options: dict | None = None, progress=None) -> tuple[SpeakerSpanModel, dict]:
    """Read the data, cross-validate, fit on everything; returns the model and its report.

    ``progress`` wraps the stream of the corpus' documents (a progress bar).
    """
    import sklearn

    from framing import __version__
    from framing.attribution.evaluate import read_gold_jsonl
    from framing.corpus import documents_by_id, read_corpus
    from framing.files import file_sha256

    gold = [e for f in gold_files for e in coded_events(f)]
    docs, missing = documents_by_id(corpus, {g["doc"] for g in gold}, progress=progress, **(corpus_options or {}))
    if missing:
        print(f"warning: {len(missing)} annotated document(s) not in {corpus}: {sorted(missing)[:5]}",
              file=sys.stderr)
    groups, stats = span_examples(docs, gold)
    cv = cross_validate(groups, C=C, folds=folds, seed=seed)
    report = {"method": METHOD, "command": command, "framing_version": __version__,
              "scikit_learn": sklearn.__version__, "settings": {"C": C, "folds": folds, "seed": seed},
              "data": {"corpus": str(corpus).split("/")[-1], "corpus_sha256": file_sha256(corpus),
                       "annotations": [{"file": str(f).split("/")[-1], "sha256": file_sha256(f)} for f in gold_files],
                       # registry names are features: the model belongs with the registry it was trained with
                       "registry_sha256": file_sha256(DEFAULT_REGISTRY),
                       **stats},
              "cross_validation": cv}
    if dev_corpus and dev_gold:
        dev_events = [e for f in dev_gold for e in read_gold_jsonl(f)]
        dev_docs = list(read_corpus(dev_corpus))
        dev_groups, dev_stats = span_examples(dev_docs, dev_events)
        report["dev"] = {"groups": len(dev_groups), **dev_stats}
    model = fit_span_model(groups, C=C, metadata=report)
    if dev_corpus and dev_gold:
        report["dev"].update(model=round(accuracy(model, dev_groups), 4), rules=round(accuracy(None, dev_groups), 4))
        model.metadata = report
    return model, report


def coded_events(path) -> list[dict]:
    """Coded events of one file; ``no_events`` lines (an article coded as having none) are kept."""
    from framing.files import read_jsonl

    records = read_jsonl(path, required=("doc",))
    for n, e in enumerate(records, 1):
        if not e.get("no_events") and ("paragraph" not in e or "cue" not in e):
            raise InputError(f"{path}: record {n}: an event needs doc, paragraph and cue (or no_events: true)")
    return [e for e in records if e.get("no_events") or e.get("cue")]


# -- the English cue detector -------------------------------------------------------------

def cue_examples(folder) -> tuple[list[list[str]], list[int], list[str]]:
    """Features, labels and document ids of every scored token of a brat folder (PolNeAR's layout).

    A token is a cue when it overlaps an annotated Cue span.
    """
    from framing.attribution.cue_model import candidate, cue_features
    from framing.attribution.evaluate import read_brat

    folder = Path(folder)
    gold = read_brat(folder)
    lex = cue_lexicon("en")
    X, y, docs = [], [], []
    for doc_id, events in sorted(gold.items()):
        text = (folder / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
        cues = sorted(span for ev in events for span in ev["cue"])
        for sent in prepare(text, lang="en").sentences:
            for i, tok in enumerate(sent.tokens):
                if not candidate(sent, i):
                    continue
                X.append(cue_features(sent, i, lex))
                y.append(int(any(a < tok.end and tok.start < b for a, b in cues)))
                docs.append(doc_id)
            sent.release()
    return X, y, docs


#: The solver's tolerance for the cue model: small enough that it stops at the optimum (584 iterations on
#: PolNeAR's training folder) whatever the numerical libraries.
CUE_TOL = 1e-8


def fit_cue_model(X: list[list[str]], y: list[int], *, C: float = 1.0, threshold: float = 0.5,
                  metadata: dict | None = None, prune: float = 0.1):
    """A logistic regression over the tokens' binary features, as a :class:`~framing.attribution.cue_model.CueModel`.

    Weights smaller than ``prune`` in absolute value are dropped: most of the
    rare word pairs, which change no decision on the development set and
    would make the shipped file several megabytes.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from framing.attribution.cue_model import CueModel

    vec = DictVectorizer()
    M = vec.fit_transform([dict.fromkeys(f, 1) for f in X])
    # to the optimum, which is one: the default tolerance stops short, where the libraries' versions take it
    clf = LogisticRegression(C=C, max_iter=5000, tol=CUE_TOL)
    clf.fit(M, np.asarray(y))
    coef = clf.coef_[0]
    weights = {name: float(coef[i]) for name, i in vec.vocabulary_.items() if abs(coef[i]) >= prune}
    return CueModel(weights, float(clf.intercept_[0]), threshold, metadata)


def brat_attribution(model, folder, *, use_model: bool = True) -> dict:
    """Attribution scores on a brat folder with ``model`` as the English cue model (``None``: the rules only)."""
    import pandas as pd

    from framing.attribution.evaluate import read_brat, score_brat
    from framing.attribution.pipeline import columns_frame, document_columns

    folder = Path(folder)
    frames = []
    for path in sorted((folder / "text").glob("*.txt")):
        doc = {"doc_id": path.stem, "text": path.read_text(encoding="utf-8"), "lang": "en"}
        frames.append(columns_frame(document_columns(doc, use_model=use_model and model is not None,
                                                     cue_model=model)))
    pred = pd.concat(frames, ignore_index=True)
    return score_brat(pred, read_brat(folder))


#: Settings of the cue model whose development F1 is this close to the best one are taken as equal.
CUE_MARGIN = 0.005


def train_cues(train, dev, *, C: float = 1.0, thresholds=(0.3, 0.4, 0.5, 0.6), vetoes=(0.0, 0.2, 0.4, 0.5, 0.6),
               folds: int = 5, seed: int = 0, command: str = "", margin: float = CUE_MARGIN) -> tuple:
    """Fit the cue model on ``train``, choose its threshold and veto on ``dev``; returns model and report.

    The threshold and veto are the most cautious of those whose attribution F1 on ``dev`` is within
    ``margin`` of the best (the highest threshold, then veto).
    """
    import sklearn

    from framing import __version__
    from framing.attribution.cue_model import METHOD

    X, y, docs = cue_examples(train)
    cv = _cue_cross_validation(X, y, docs, C=C, folds=folds, seed=seed)
    model = fit_cue_model(X, y, C=C)
    rules = brat_attribution(None, dev, use_model=False)
    by_setting = {}
    for t in thresholds:
        for v in vetoes:
            model.threshold, model.veto = t, v
            by_setting[(t, v)] = brat_attribution(model, dev)
    # within a margin of the best F1 the settings differ by noise; the one that adds the fewest cues (the
    # highest threshold, then veto) is kept, as other genres pay for every false cue (nouns read as verbs)
    top = max(r["attribution"]["f1"] for r in by_setting.values())
    near = [tv for tv in by_setting if by_setting[tv]["attribution"]["f1"] >= top - margin]
    best = max(near, key=lambda tv: (tv[0], tv[1], by_setting[tv]["attribution"]["f1"]))
    model.threshold, model.veto = best
    report = {"method": METHOD, "command": command, "framing_version": __version__,
              "scikit_learn": sklearn.__version__,
              "settings": {"C": C, "folds": folds, "seed": seed, "prune": 0.1, "thresholds": list(thresholds),
                           "vetoes": list(vetoes), "margin": margin},
              "data": {"train": _folder_record(train), "dev": _folder_record(dev), "tokens": len(y),
                       "cue_tokens": int(sum(y))},
              "cross_validation": cv, "threshold": best[0], "veto": best[1],
              "dev": {"rules": {k: rules[k] for k in ("detection", "attribution")},
                      "by_setting": {f"threshold {t} veto {v}": {k: r[k]["f1"] for k in ("detection", "attribution")}
                                     for (t, v), r in by_setting.items()},
                      "model": {k: by_setting[best][k] for k in ("detection", "attribution")}}}
    model.metadata = report
    return model, report


def _folder_record(folder) -> dict:
    """A folder's name and one sha256 over its files' names and bytes (the training data's identity)."""
    import hashlib

    folder = Path(folder)
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode("utf-8"))
        h.update(path.read_bytes())
    return {"folder": folder.name, "sha256": h.hexdigest()}


def _cue_cross_validation(X, y, docs, *, C: float, folds: int, seed: int) -> dict:
    """Token-level F1 of the cue model in folds split by document, beside the lexicon alone."""
    names = sorted(set(docs))
    rng = np.random.default_rng(seed)
    fold_of = {names[i]: n % folds for n, i in enumerate(rng.permutation(len(names)))}
    f_model, f_lex = [], []
    y = np.asarray(y)
    for f in range(folds):
        test = np.asarray([fold_of[d] == f for d in docs])
        if test.all() or not test.any() or y[~test].min() == y[~test].max():
            continue  # fewer documents than folds: this fold has nothing to learn from or to test
        model = fit_cue_model([x for x, t in zip(X, test) if not t], y[~test], C=C)
        pred = np.asarray([model.probability(x) >= 0.5 for x, t in zip(X, test) if t])
        lex = np.asarray([("lex=True" in x) for x, t in zip(X, test) if t])
        f_model.append(_f1(y[test], pred))
        f_lex.append(_f1(y[test], lex))
    if not f_model:
        return {"folds": folds, "seed": seed, "token_f1_model": float("nan"), "token_f1_lexicon": float("nan"),
                "note": f"{len(names)} document(s): too few to cross-validate"}
    return {"folds": folds, "seed": seed, "token_f1_model": round(float(np.mean(f_model)), 4),
            "token_f1_lexicon": round(float(np.mean(f_lex)), 4), "folds_used": len(f_model)}


def _f1(gold: np.ndarray, pred: np.ndarray) -> float:
    tp = int((gold.astype(bool) & pred).sum())
    fp, fn = int(pred.sum()) - tp, int(gold.sum()) - tp
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
