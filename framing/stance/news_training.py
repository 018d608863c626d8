"""Training the news stance model (:mod:`framing.stance.news_model`) from statements coded in news articles.

The coded data (``corpora/annotations/stance_ar``) are standoff lines keyed by
the corpus' document ids, of three units:

* ``statement``: the stance a statement (named by its paragraph and cue)
  takes toward a target named in or around it, ``none`` included: every
  candidate the scorer sees, labelled;
* ``event``: a coded reported-speech event's stance toward a target it
  addresses (targets it does not address have no line);
* ``speaker``: a speaker's overall stance toward a target in the article.  The toolkit's
own attribution reads the articles; each statement it finds is matched to a
coded one by paragraph and cue, and each target named in or around it
becomes an example:

* a ``statement`` line for it: its label;
* named in the statement: the coded event's label toward the target, or
  ``none`` (named in passing) when the coder gave it none;
* named only in the paragraph or the headline: the speaker's coded
  stance toward the target when the coder found one (the speaker addresses
  it without naming it), ``none`` otherwise.

:func:`train_news_stance` cross-validates by article (accuracy and macro-F1
beside always answering the most frequent label), fits on all, and records
the data's sha256, the settings and the scores in the model's metadata.

Examples
--------
>>> model, report = train_news_stance("news.jsonl.gz", ["coder_a.jsonl"])   # doctest: +SKIP
>>> report["cross_validation"]["accuracy"] > report["cross_validation"]["majority"]   # doctest: +SKIP
True
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np

from framing.attribution.evaluate import coded_strings, cues_match, drifted_speakers
from framing.errors import InputError
from framing.stance.known_targets import targets_record
from framing.stance.news_model import (CLASSES, GENERIC_SPEAKER, GENERIC_WEIGHTS, MODEL_FORMAT, SPEAKER_PART,
                                       TARGETS_PART, NewsModel, NewsStance, _speaker_keys)
from framing.stance.targets import resolve_targets

METHOD = "stance.news-lr.v3"
LABELS = ("favor", "against", "neutral")


def read_stance_codes(path) -> list[dict]:
    """The coded lines of one file; a line without its unit's fields is an error naming it.

    A line without ``unit`` is a ``none`` line when it has no stance (``{"doc", "none": true}``), an
    ``event`` when it names a cue, a ``speaker`` line otherwise.
    """
    from framing.files import read_jsonl

    need = {"event": ("doc", "paragraph", "cue", "target", "stance"), "speaker": ("doc", "speaker", "target", "stance"),
            "statement": ("doc", "paragraph", "cue", "target", "stance"), "none": ("doc",)}
    rows = read_jsonl(path, required=("doc",))
    for n, r in enumerate(rows, 1):
        unit = r.get("unit") or ("none" if r.get("none") or "stance" not in r else
                                 "event" if "cue" in r else "speaker")
        if unit not in need:
            raise InputError(f"{path}: record {n}: unit {unit!r} is not one of {sorted(need)}")
        missing = [k for k in need[unit] if k not in r]
        if missing:
            raise InputError(f"{path}: record {n}: a {unit} line needs {', '.join(missing)}")
        allowed = (*LABELS, "none") if unit == "statement" else LABELS
        if unit != "none" and r["stance"] not in allowed:
            raise InputError(f"{path}: record {n}: stance {r['stance']!r} is not one of {list(allowed)}")
        r["unit"] = unit
    return rows


def stance_examples(documents, codes: list[dict], attribution: list[dict], *, targets=None):
    """Features, labels and article of each (statement, target) example; and counts of what was matched.

    ``attribution`` are the coded attribution events of the same articles
    (they say which speaker each statement is); ``targets`` the coded targets.
    """
    stats = Counter()
    return examples_of(list(coded_candidates(documents, codes, attribution, targets=targets, stats=stats)), stats)


def examples_of(candidates: list[dict], stats=None):
    """The labelled candidates (:func:`coded_candidates`) as features, labels and articles; and the counts.

    >>> X, y, groups, stats = examples_of([{"doc": "d", "features": ["content"], "label": "favor"},
    ...                                    {"doc": "d", "features": ["article"], "label": None}])
    >>> y, groups, stats["examples"]
    (['favor'], ['d'], 1)
    """
    X, y, groups = [], [], []
    stats = Counter(stats or {})
    for c in candidates:
        if c["label"] is None:
            continue
        X.append(c["features"])
        y.append(c["label"])
        groups.append(c["doc"])
        stats[f"scope {c['features'][0]}"] += 1
    stats["examples"] = len(y)
    return X, y, groups, dict(stats)


#: The features of a candidate that carry a target's balance of sides rather than what the statement says.
_PRIOR_FEATURES = ("target=", "side=")


def without_priors(features: list[str]) -> list[str]:
    """A candidate's features less those of a target's balance of sides (``target=``, ``side=``).

    >>> without_priors(["content", "target=iran", "side=saudi_arabia|iran", "w=حرب"])
    ['content', 'w=حرب']
    """
    return [f for f in features if not f.startswith(_PRIOR_FEATURES)]


def coded_candidates(documents, codes: list[dict], attribution: list[dict], *, targets=None, stats=None,
                     issuer_voice: bool = False, priors: bool = True):
    """Every (statement, target) candidate of the coded articles with its code: one dict each.

    Keys: ``doc``, ``speaker_id`` (the toolkit's), ``who`` (the coded speaker
    of the statement, or None), ``target`` (its index), ``features``,
    ``target_name``, ``lang`` (the statement's), ``label`` (None for a candidate of a statement-round
    article the coders were not shown), ``round`` (``statement`` or ``event``) and ``centred``
    (whether the article is centred on the target: :mod:`framing.stance.pooling`).
    ``stats`` (a Counter) counts the statements and those matched to a coded speaker.
    ``issuer_voice`` reads the documents as ``framing analyze --issuer-voice``
    does; a ``statement`` line with ``start`` (the content's character
    offset) is the statement that starts there (an issuer's sentence has no cue).
    ``priors=False`` leaves out the features that carry a target's balance
    of sides (``target=``, ``side=``): the statements teach their words, not
    how often their speakers are for or against each target.

    >>> found = list(coded_candidates(docs, codes, attribution, targets="targets.yml"))   # doctest: +SKIP
    >>> sorted(found[0])                                                                  # doctest: +SKIP
    ['centred', 'doc', 'features', 'label', 'lang', 'round', 'speaker_id', 'target', 'target_name', 'who']
    """
    from framing.attribution.pipeline import document_columns
    from framing.measures import scorer_input

    stats = Counter() if stats is None else stats
    scorer = NewsStance(targets, model=None).fit_rules()
    names = [t.name for t in scorer.targets_]
    events, statements = {}, {}
    for c in codes:
        if c["unit"] in ("event", "statement"):
            into = events if c["unit"] == "event" else statements
            into.setdefault((str(c["doc"]), int(c["paragraph"])), []).append(c)
    by_statement = {str(c["doc"]) for c in codes if c["unit"] == "statement"}
    speaker_lines = {(str(c["doc"]), c["speaker"], c["target"]): c["stance"] for c in codes if c["unit"] == "speaker"}
    said = {}
    for e in attribution:
        if e.get("cue"):
            said.setdefault((str(e["doc"]), int(e["paragraph"])), []).append(e)
    for doc in documents:
        doc_id = str(doc["doc_id"])
        cols = document_columns(doc, issuer_voice=issuer_voice)
        rows, centred = scorer._candidates(scorer_input(doc, cols))
        for i, row in enumerate(rows):
            place = (doc_id, int(cols["paragraph"][i]))
            cue = cols["cue"][i]
            coded = [c for c in events.get(place, []) if cues_match(cue, c["cue"])]
            labelled = [c for c in statements.get(place, [])
                        if (c["start"] == cols["content_start"][i] if c.get("start") is not None
                            else cues_match(cue, c["cue"]))]
            who = next((e["speaker"] for e in said.get(place, []) if cues_match(cue, e["cue"])), None)
            stats["statements"] += 1
            stats["matched"] += who is not None
            for t, feats in row:
                if doc_id in by_statement:
                    # every candidate was labelled: one without a line was skipped, not judged
                    label = next((c["stance"] for c in labelled if c["target"] == names[t]), None)
                    stats["unlabelled"] += label is None
                else:
                    label = next((c["stance"] for c in coded if c["target"] == names[t]), None)
                    if label is None and feats[0] != "content" and who is not None:
                        label = speaker_lines.get((doc_id, who, names[t]))
                    label = label or "none"
                yield {"doc": doc_id, "speaker_id": cols["speaker_id"][i], "who": who, "target": t, "target_name": names[t],
                       "lang": cols["lang"][i],
                       "features": feats if priors else without_priors(feats),
                       "label": label, "centred": t in centred[i],
                       "round": "statement" if doc_id in by_statement else "event"}


def fit_news_model(X: list[list[str]], y: list[str], *, C: float = 1.0, metadata: dict | None = None) -> NewsModel:
    """A multinomial logistic regression over the examples' binary features."""
    from sklearn.linear_model import LogisticRegression

    features = sorted({f for feats in X for f in feats})
    index = {f: i for i, f in enumerate(features)}
    M = _matrix(X, index)
    classes = [c for c in CLASSES if c in set(y)]
    clf = LogisticRegression(C=C, max_iter=2000)
    clf.fit(M, [classes.index(v) for v in y])
    coef = np.zeros((len(features), len(CLASSES)))
    intercept = np.full(len(CLASSES), -30.0)  # a class never seen in training is never predicted
    for j, c in enumerate(classes):
        k = CLASSES.index(c)
        coef[:, k] = clf.coef_[j] if len(classes) > 2 else (clf.coef_[0] if j == 1 else -clf.coef_[0]) / 2
        intercept[k] = clf.intercept_[j] if len(classes) > 2 else (clf.intercept_[0] if j == 1 else -clf.intercept_[0]) / 2
    return NewsModel(CLASSES, features, coef, intercept, metadata)


def _matrix(X, index):
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for i, feats in enumerate(X):
        for f in feats:
            j = index.get(f)
            if j is not None:
                rows.append(i)
                cols.append(j)
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(X), len(index)))


def scores(model: NewsModel, X, y) -> dict:
    """Accuracy and macro-F1 of a model on examples, beside always the most frequent label."""
    pred = [model.classes[int(model.proba(f).argmax())] for f in X]
    return _scores(y, pred)


def _scores(y, pred) -> dict:
    from sklearn.metrics import f1_score

    labels = sorted(set(y))
    return {"accuracy": round(float(np.mean([a == b for a, b in zip(y, pred)])), 4),
            "macro_f1": round(float(f1_score(y, pred, labels=labels, average="macro", zero_division=0)), 4)}


def fold_of(groups, folds: int, seed: int) -> dict:
    """The fold of each article: the articles shuffled (``seed``) and dealt round.

    >>> sorted(fold_of(["a", "b", "a", "c"], 2, 0).values())
    [0, 0, 1]
    """
    order = list(np.random.default_rng(seed).permutation(sorted(set(groups))))
    return {d: i % folds for i, d in enumerate(order)}


def cross_validate(X, y, groups, *, C: float = 1.0, folds: int = 5, seed: int = 0,
                   none_threshold: float = 0.5) -> dict:
    """Cross-validation by article: the model's accuracy and macro-F1 beside always the training majority.

    Also the two questions apart: F1 of "addressed" (any label but none),
    and, on the examples the coder found addressed, the accuracy of the side
    the model finds most probable beside always the most frequent side.
    """
    docs = sorted(set(groups))
    fold = fold_of(groups, folds, seed)
    pred, base, pred_side = [None] * len(y), [None] * len(y), [None] * len(y)
    for k in range(folds):
        train = [i for i, g in enumerate(groups) if fold[g] != k]
        test = [i for i, g in enumerate(groups) if fold[g] == k]
        if not test or not train:
            continue
        model = fit_news_model([X[i] for i in train], [y[i] for i in train], C=C)
        top = Counter(y[i] for i in train).most_common(1)[0][0]
        none = model.classes.index("none")
        for i in test:
            p = model.proba(X[i])
            pred[i] = "none" if p[none] >= none_threshold else \
                model.classes[max((j for j in range(len(p)) if j != none), key=lambda j: p[j])]
            pred_side[i] = model.classes[max((j for j in range(len(p)) if j != none), key=lambda j: p[j])]
            base[i] = top
    model_scores, base_scores = _scores(y, pred), _scores(y, base)
    # the two questions apart: is the target addressed at all; if so (by the coder), which side
    from sklearn.metrics import f1_score

    addressed_f1 = f1_score([v != "none" for v in y], [v != "none" for v in pred], zero_division=0)
    sides = [i for i, v in enumerate(y) if v != "none"]
    side_pred = [pred_side[i] for i in sides]
    side_top = Counter(y[i] for i in sides).most_common(1)[0] if sides else ("", 0)
    return {"folds": folds, "seed": seed, "examples": len(y), "articles": len(docs),
            "accuracy": model_scores["accuracy"], "macro_f1": model_scores["macro_f1"],
            "majority_label": Counter(y).most_common(1)[0][0],
            "majority": base_scores["accuracy"], "majority_macro_f1": base_scores["macro_f1"],
            "addressed_f1": round(float(addressed_f1), 4),
            "side_accuracy": round(float(np.mean([y[i] == p for i, p in zip(sides, side_pred)])), 4) if sides else 0.0,
            "side_majority_label": side_top[0], "side_majority": round(side_top[1] / len(sides), 4) if sides else 0.0,
            "labels": dict(Counter(y))}


def train_news_stance(corpus, code_files, *, attribution_files=(), targets=None, C: float = 1.0, folds: int = 5,
                      seed: int = 0, none_threshold: float = 0.5, command: str = "", corpus_options=None,
                      progress=None, speaker_files=(), also: dict | None = None) -> tuple[NewsModel, dict]:
    """Read the coded articles, cross-validate, fit on all; the model and its report (its metadata).

    With ``speaker_files`` (speakers coded over whole articles none of
    whose statements is in ``code_files``, with the toolkit speakers they
    are), the speaker model that decides whether a speaker addresses a
    target is learned on them too (:func:`train_speaker_model`).

    ``also`` adds statements coded in another corpus, with targets of their
    own (another language, another genre): a dict with ``corpus``,
    ``code_files``, ``targets`` and ``issuer_voice`` (read the documents as
    ``framing analyze --issuer-voice`` does).  Its documents' candidates are
    those of its targets, so a target the main set codes and it does not
    (or the other way round) is not taken as unaddressed there; they teach
    their words and structure but not their targets' balance of sides (no
    ``target=`` or ``side=`` features: a government's statements are all on
    one side of its adversary, which says nothing of other sources).
    """
    import sklearn

    from framing import __version__
    from framing.attribution.training import coded_events
    from framing.corpus import documents_by_id
    from framing.files import file_sha256
    from framing.lang import lang_code
    from framing.stance.speaker_training import speaker_cross_validate

    codes = [c for f in code_files for c in read_stance_codes(f)]
    speaker_codes = [c for f in speaker_files for c in read_stance_codes(f)]
    attribution = [e for f in attribution_files for e in coded_events(f)]
    # one pass over the corpus for both sets of coded articles
    wanted = {str(c["doc"]) for c in codes}
    speaker_wanted = {str(c["doc"]) for c in speaker_codes}
    read, missing = documents_by_id(corpus, wanted | speaker_wanted, progress=progress, **(corpus_options or {}))
    if missing:
        raise InputError(f"{corpus}: {len(missing)} coded document(s) are not in the corpus "
                         f"(first: {sorted(missing)[0]}); is it the corpus they were coded in?")
    docs = [d for d in read if str(d["doc_id"]) in wanted]
    speaker_docs = [d for d in read if str(d["doc_id"]) in speaker_wanted]
    stats = Counter()
    candidates = list(coded_candidates(docs, codes, attribution, targets=targets, stats=stats))
    # the languages whose statements teach the targets' balances of sides (the other corpus's teach none)
    balance_languages = sorted({lang_code(c["lang"]) or str(c["lang"]) for c in candidates
                                if c["label"] is not None and isinstance(c.get("lang"), str) and c["lang"]})
    if also:
        also_codes = [c for f in also["code_files"] for c in read_stance_codes(f)]
        also_wanted = {str(c["doc"]) for c in also_codes}
        also_docs, missing = documents_by_id(also["corpus"], also_wanted, progress=progress)
        if missing:
            raise InputError(f"{also['corpus']}: {len(missing)} coded document(s) are not in the corpus "
                             f"(first: {sorted(missing)[0]}); is it the corpus they were coded in?")
        # one government's statements on its adversary and its ally: their words generalize, their
        # balance of sides toward each target does not
        candidates += coded_candidates(also_docs, also_codes, [], targets=also["targets"], stats=stats,
                                       issuer_voice=bool(also.get("issuer_voice")), priors=False)
    X, y, groups, stats = examples_of(candidates, stats)
    if len(set(y)) < 2:
        raise InputError("the coded data give fewer than two labels: nothing to learn")
    cv = cross_validate(X, y, groups, C=C, folds=folds, seed=seed, none_threshold=none_threshold)
    speaker_lines = {(str(c["doc"]), c["speaker"], c["target"]): c["stance"] for c in codes if c["unit"] == "speaker"}
    speaker_cv = speaker_cross_validate(candidates, speaker_lines, C=C, folds=folds, seed=seed,
                                        none_threshold=none_threshold)

    def record(f):
        return {"file": Path(f).name, "sha256": file_sha256(f)}

    data = {"corpus": Path(str(corpus)).name, "corpus_sha256": file_sha256(corpus),
            "codes": [record(f) for f in code_files],
            "attribution": [record(f) for f in attribution_files],
            "targets": record(targets) if isinstance(targets, (str, Path)) else None, **stats}
    if speaker_files:
        data["speaker_codes"] = [record(f) for f in speaker_files]
    if also:
        data["also"] = {"corpus": record(also["corpus"]), "codes": [record(f) for f in also["code_files"]],
                        "targets": record(also["targets"]), "issuer_voice": bool(also.get("issuer_voice"))}
    # the languages whose words the model learns: in another one its side gives way to the cue rules'
    languages = sorted({lang_code(c["lang"]) or str(c["lang"]) for c in candidates
                        if c["label"] is not None and isinstance(c.get("lang"), str) and c["lang"]})
    report = {"format": MODEL_FORMAT, "method": METHOD, "command": command, "framing_version": __version__,
              "languages": languages, "balance_languages": balance_languages, "language_features": True,
              "scikit_learn": sklearn.__version__, "settings": {"C": C, "folds": folds, "seed": seed, "none_threshold": none_threshold},
              "data": data, "training_sha256": training_sha256(data), "cross_validation": cv,
              "speaker_cross_validation": speaker_cv}
    model = fit_news_model(X, y, C=C, metadata=report)
    model.none_threshold = none_threshold
    # the targets whose balance it learned, with their aliases: a run's target of another name and the same
    # aliases is read as one of them (framing.stance.known_targets)
    model.trained_targets = resolve_targets(targets)
    model.trained_targets = model.learned_targets()  # of those, the ones whose balance it holds
    if speaker_files:
        overlap = speaker_wanted & set(groups)
        if overlap:
            raise InputError(f"{len(overlap)} article(s) of the speaker codes also train the statement model "
                             f"(first: {sorted(overlap)[0]}): the speaker model must learn from articles it did not")
        model.speaker, report["speaker_model"] = train_speaker_model(
            model, speaker_docs, speaker_codes, targets=targets, folds=folds, seed=seed)
    # the model for targets it was not trained on: the same examples without the features of a target's
    # balance of sides, so that the statements' words carry what those priors carried
    plain = [dict(c, features=without_priors(c["features"])) for c in candidates]
    X_plain = [without_priors(feats) for feats in X]
    generic_report = {"cross_validation": cross_validate(X_plain, y, groups, C=C, folds=folds, seed=seed,
                                                         none_threshold=none_threshold),
                      "speaker_cross_validation": speaker_cross_validate(
                          plain, speaker_lines, C=C, folds=folds, seed=seed, none_threshold=none_threshold)}
    model.generic = fit_news_model(X_plain, y, C=C)
    model.generic.none_threshold = none_threshold
    if speaker_files:
        model.generic.speaker, generic_report["speaker_model"] = train_speaker_model(
            model.generic, speaker_docs, speaker_codes, targets=targets, folds=folds, seed=seed)
    report["generic"] = generic_report
    return model, report


def speaker_examples(model: NewsModel, documents, codes: list[dict], *, targets=None) -> dict:
    """The speaker model's examples: per (speaker in a document, target) its features and coded label.

    The groups are the run's (:meth:`NewsStance.speaker_groups`, the statement
    probabilities of ``model``); a group's label is that of the coded
    speaker line listing one of its speakers' strings (``system``: the name or
    the fullest mention), and
    ``none`` when no line does (a coder codes every pair the guidelines
    code).  Groups in a language the model did not learn are left out.

    Returns a dict of arrays: ``X`` (:data:`framing.stance.speaker_model.FEATURES`),
    ``gold``, ``side`` (the side the pooling gives when addressed),
    ``rule`` (the rule's label without the speaker model), ``doc`` and ``target`` (its name).
    """
    from framing.attribution.pipeline import document_columns
    from framing.measures import scorer_input
    from framing.stance.decide import decide_one
    from framing.stance.news_model import speaker_features
    from framing.stance.pooling import pool_speaker, speaker_side

    scorer = NewsStance(targets, model=model).fit()
    names = [t.name for t in scorer.targets_]
    coded: dict[tuple, list[str]] = {}
    listed: dict[str, list[dict]] = {}  # document -> its speaker codes
    for c in codes:
        if c["unit"] == "speaker":
            for string in c.get("system") or ():
                coded.setdefault((str(c["doc"]), str(string).strip(), c["target"]), []).append(c["stance"])
            listed.setdefault(str(c["doc"]), []).append(c)
    out = {"X": [], "gold": [], "side": [], "rule": [], "doc": [], "target": []}
    for doc in documents:
        doc_id = str(doc["doc_id"])
        cols = document_columns(doc)
        X = scorer_input(doc, cols)
        rows, centred = scorer._candidates(X)
        groups = [g for g in scorer.speaker_groups(X, rows, centred) if g[5]]
        if not groups:
            continue
        features = speaker_features(X, rows, [g[:5] for g in groups])
        # the coders listed the toolkit's strings for a speaker as it wrote them then (coded_strings)
        fulls = cols.get("mention_full") or [""] * len(cols["speaker"])
        mentions = cols.get("mention") or [""] * len(cols["speaker"])
        keys = _speaker_keys(X)
        drifted = _drifted_codes(listed.get(doc_id, []), keys, cols["speaker"], fulls, mentions)
        for (t, members, probabilities, rules, is_centred, _), x in zip(groups, features):
            strings = {s for i, _ in members for s in coded_strings(cols["speaker"][i], fulls[i], mentions[i])}
            labels = [lab for s in sorted(strings) for lab in coded.get((doc_id, s, names[t]), [])]
            labels += drifted.get((keys[members[0][0]], names[t]), [])
            decided = pool_speaker(probabilities, rules, none_threshold=model.none_threshold, centred=is_centred)
            out["X"].append(x)
            out["gold"].append(Counter(labels).most_common(1)[0][0] if labels else "none")
            out["side"].append(speaker_side(probabilities, rules)[0])
            out["rule"].append(decide_one([lab for lab, _ in decided], [sc for _, sc in decided])[0])
            out["doc"].append(doc_id)
            out["target"].append(names[t])
    return {k: np.asarray(v, dtype=float if k == "X" else object) for k, v in out.items()}


def _drifted_codes(codes: list[dict], keys: list, speakers: list, fulls: list, mentions: list) -> dict:
    """(speaker key, target) -> the labels of a document's speaker codes whose listed strings name none of
    its speakers as the run writes them, given to the one speaker whose phrase the run writes longer or
    shorter (:func:`framing.attribution.evaluate.drifted_speakers`)."""
    if not codes:
        return {}
    written = {s for sp, f, m in zip(speakers, fulls, mentions) for s in coded_strings(sp, f, m)}
    phrases: dict = {}
    for key, sp, f, m in zip(keys, speakers, fulls, mentions):
        if len(key) == 2:  # an utterance with a speaker
            phrases.setdefault(key, []).extend(v for v in (sp, f, m) if isinstance(v, str) and v)
    out: dict = {}
    for c in codes:
        system = {str(v).strip() for v in c.get("system") or () if str(v).strip()}
        if not system or system & written:
            continue
        for key in drifted_speakers(system, phrases):
            out.setdefault((key, c["target"]), []).append(c["stance"])
    return out


def train_speaker_model(model: NewsModel, documents, codes: list[dict], *, targets=None, folds: int = 5,
                        seed: int = 0, C: float = 1.0):
    """The speaker model fitted on coded speakers, and its report (cross-validation by article).

    The threshold is chosen on out-of-fold probabilities (:func:`fold_of`
    by article): the most pairs coded as addressed right while labelling
    no more of the pairs coded as not addressed than the rule it replaces
    (:func:`framing.stance.pooling.pool_speaker`) labels on the same pairs.
    """
    from framing.stance.speaker_model import FEATURES, choose_threshold, fit_speaker_model

    ex = speaker_examples(model, documents, codes, targets=targets)
    X, gold, side, rule, docs = ex["X"], ex["gold"], ex["side"], ex["rule"], ex["doc"]
    if len(X) == 0:
        raise InputError("the speaker codes match none of the toolkit's speakers in their articles")
    y = gold != "none"
    if y.all() or not y.any():
        raise InputError("the speaker codes give only one answer to whether a speaker addresses a target")
    fold = fold_of(list(docs), folds, seed)
    p = np.zeros(len(X))
    for k in range(folds):
        test = np.array([fold[d] == k for d in docs])
        if test.any() and (~test).any():
            p[test] = fit_speaker_model(X[~test], y[~test], C=C).proba(X[test])
    coded = gold != "none"
    rule_report = {"addressed_accuracy": round(float(np.mean(rule[coded] == gold[coded])), 4),
                   "unaddressed_labelled": round(float(np.mean(rule[~coded] != "none")), 4)}
    chosen = choose_threshold(p, gold, side, budget=rule_report["unaddressed_labelled"])
    # what a run would have said of each coded pair, from the out-of-fold probabilities
    decided = np.where(p >= chosen["threshold"], side, "none")
    top = Counter(gold[coded]).most_common(1)[0]
    speaker = fit_speaker_model(X, y, C=C, threshold=chosen["threshold"])
    report = {"features": list(FEATURES), "C": C, "groups": int(len(X)), "addressed": int(coded.sum()),
              "articles": int(len(set(docs))), "labels": dict(sorted(Counter(gold).items())),
              "cross_validation": {"folds": folds, "seed": seed, "model": chosen, "rule": rule_report,
                                   "side_majority_label": top[0], "side_majority": round(top[1] / coded.sum(), 4),
                                   "side_where_addressed": round(float(np.mean(side[coded] == gold[coded])), 4),
                                   "per_target": target_figures(gold, decided, ex["target"])}}
    return speaker, report


def target_figures(gold, decided, targets) -> dict:
    """Per target, how the run's decisions compare with speakers coded over whole articles.

    ``gold`` and ``decided`` are per (speaker in a document, target) the
    coded label and the run's (favor, against, neutral or none); only the
    pairs coded as addressing the target count, as the development gold
    lists them.  Per target: ``pairs``; ``right`` (the coded label given);
    ``majority_side`` and ``majority`` (the share of the pairs always
    answering the target's most frequent coded side gets right: the trivial
    baseline beside ``right``, which knows which pairs are addressed);
    ``labelled`` (a side given at all), ``side_right`` (of those, the coded
    one) and ``side_majority`` (of those, the share always answering the
    target's most frequent coded side gets right: the baseline beside
    ``side_right``, whether the side given is worth more than the target's
    usual one).

    >>> f = target_figures(np.array(["against", "favor", "none", "favor", "against"]),
    ...                    np.array(["against", "against", "favor", "none", "against"]), np.array(["Iran"] * 5))
    >>> f["Iran"]["right"], f["Iran"]["labelled"], f["Iran"]["side_majority"]
    (2, 3, 0.6667)
    """
    gold, decided, targets = (np.asarray(a, dtype=object) for a in (gold, decided, targets))
    out = {}
    for name in sorted(set(targets[gold != "none"])):
        m = (targets == name) & (gold != "none")
        g, d = gold[m], decided[m]
        top, count = Counter(g).most_common(1)[0]
        given = d != "none"
        out[name] = {"pairs": int(m.sum()), "right": int((g == d).sum()), "majority_side": top,
                     "majority": round(count / int(m.sum()), 4), "labelled": int(given.sum()),
                     "side_right": int(((g == d) & given).sum()),
                     "side_majority": round(Counter(g[given]).most_common(1)[0][1] / int(given.sum()), 4)
                     if given.any() else None}
    return out


def training_sha256(data: dict) -> str:
    """One hash of the files a news stance model was trained on (corpus, codes, attribution, targets).

    >>> training_sha256({"corpus_sha256": "00", "codes": [{"file": "a.jsonl", "sha256": "11"}]})[:12]
    '8224693e7d24'
    """
    from framing.model_files import data_sha256

    records = [data.get("corpus_sha256")] + [r.get("sha256") for r in data.get("codes", [])] \
        + [r.get("sha256") for r in data.get("attribution", [])] + [(data.get("targets") or {}).get("sha256")] \
        + [r.get("sha256") for r in data.get("speaker_codes", [])]
    return data_sha256(records)


def save_news_model(model: NewsModel, folder) -> Path:
    """Write ``weights.json`` and ``metadata.json`` into ``folder`` (created if needed; :mod:`framing.model_files`)."""
    from framing.model_files import save_model

    meta = dict(model.metadata)
    meta.setdefault("format", MODEL_FORMAT)
    if "data" in meta and not meta.get("training_sha256"):
        meta["training_sha256"] = training_sha256(meta["data"])
    parts = {"weights.json": model.to_json()}
    if getattr(model, "trained_targets", None):
        parts[TARGETS_PART] = targets_record(model.trained_targets)
    if getattr(model, "speaker", None) is not None:
        parts[SPEAKER_PART] = model.speaker.to_json()
    generic = getattr(model, "generic", None)
    if generic is not None:
        parts[GENERIC_WEIGHTS] = generic.to_json()
        if generic.speaker is not None:
            parts[GENERIC_SPEAKER] = generic.speaker.to_json()
    return save_model(folder, meta, json_parts=parts)