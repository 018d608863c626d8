"""Training the speaker-span ranker from coded events."""

import json

import numpy as np

from conftest import ROOT
from framing.attribution.training import SpanGroup, accuracy, cross_validate, fit_span_model, span_examples

DOC = {"doc_id": "d1", "text": "خبر\nوقال الدكتور سامي العلي إن الوضع مستقر.\nوأضاف أن الحل قريب."}


def test_a_coded_mention_without_its_title_still_marks_where_the_span_ends():
    gold = [{"doc": "d1", "paragraph": 1, "cue": "وقال", "mention": "سامي العلي"},
            {"doc": "d1", "paragraph": 2, "cue": "وأضاف", "mention": ""}]
    groups, stats = span_examples([DOC], gold)
    assert stats["matched"] == 2 and len(groups) == 2
    said, added = groups
    assert said.label == len(said.features) - 1  # the span up to "إن": title and name
    assert added.label == 0  # the empty span: the speaker is implicit


def test_a_mention_that_is_no_candidate_is_counted_and_left_out():
    gold = [{"doc": "d1", "paragraph": 1, "cue": "وقال", "mention": "الخبير"}]
    groups, stats = span_examples([DOC], gold)
    assert groups == [] and stats["not_a_candidate"] == 1


def _groups(n):
    # the right candidate carries "good"; the rules pick the first candidate
    return [SpanGroup(f"d{i % 7}", [["rule", "x"], ["good", "x"], ["y"]], label=1, rule=0) for i in range(n)]


def test_the_ranker_learns_what_sets_the_coded_candidate_apart():
    model = fit_span_model(_groups(30), C=1.0)
    assert model.weights["good"] > 0 > model.weights.get("rule", 0) - 1e-9
    assert accuracy(model, _groups(5)) == 1.0 and accuracy(None, _groups(5)) == 0.0


def test_cross_validation_splits_by_document_and_reports_the_baselines():
    cv = cross_validate(_groups(35), folds=5, seed=0)
    assert cv["documents"] == 7 and len(cv["model_per_fold"]) == 5
    assert (cv["model"], cv["rules"], cv["always_empty"]) == (1.0, 0.0, 0.0)


def test_the_shipped_annotations_cover_their_articles():
    folder = ROOT / "corpora" / "annotations" / "attribution_ar"
    ids = set()
    for name in ("articles.jsonl", "articles_2.jsonl", "articles_3.jsonl"):
        ids |= {json.loads(line)["doc_id"] for line in (folder / name).read_text(encoding="utf-8").splitlines()}
    coded = [json.loads(line) for line in (folder / "coder_a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {e["doc"] for e in coded} == ids and len(ids) >= 150
    twice = {json.loads(line)["doc"] for line in (folder / "coder_b.jsonl").read_text(encoding="utf-8").splitlines()}
    assert len(twice) >= 20 and twice <= ids


def test_the_cue_models_setting_is_the_most_cautious_within_the_margin(monkeypatch):
    import framing.attribution.training as training

    scores = {(0.5, 0.4): 0.724, (0.6, 0.4): 0.720, (0.6, 0.5): 0.710, (0.3, 0.4): 0.7205}

    class _Model:
        threshold = veto = 0.0

    def fake_attribution(model, dev, use_model=True):
        f1 = scores.get((model.threshold, model.veto), 0.5) if model is not None else 0.6
        return {"detection": {"f1": f1}, "attribution": {"f1": f1}}

    monkeypatch.setattr(training, "cue_examples", lambda train: ([["w=x"]], [1], ["d"]))
    monkeypatch.setattr(training, "_cue_cross_validation", lambda *a, **k: {})
    monkeypatch.setattr(training, "fit_cue_model", lambda X, y, C: _Model())
    monkeypatch.setattr(training, "brat_attribution", fake_attribution)
    monkeypatch.setattr(training, "_folder_record", lambda folder: {})
    model, report = training.train_cues("train", "dev", thresholds=(0.3, 0.5, 0.6), vetoes=(0.4, 0.5))
    assert (report["threshold"], report["veto"]) == (0.6, 0.4)  # 0.720 is within 0.005 of 0.724
    model, report = training.train_cues("train", "dev", thresholds=(0.3, 0.5, 0.6), vetoes=(0.4, 0.5), margin=0.001)
    assert (report["threshold"], report["veto"]) == (0.5, 0.4)


def test_the_ranker_fits_the_same_weights_whatever_the_hash_seed():
    import os
    import subprocess
    import sys

    # many features per candidate, so a set's order (which follows the hash seed) would reorder the columns
    code = ("import json; from framing.attribution.training import SpanGroup, fit_span_model; "
            "g = [SpanGroup(f'd{i}', [[f'f{j}' for j in range(i % 5, 40)], [f'g{j}' for j in range(i % 3, 30)], "
            "['e']], label=i % 2, rule=0) for i in range(60)]; "
            "print(json.dumps(fit_span_model(g, C=0.5).weights, sort_keys=True))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1


def test_the_cue_model_is_fitted_to_the_optimum():
    # a fit stopped short lands where the solver's path (and the numerical libraries) takes it, so the recorded
    # command gave other weights on another installation; at the optimum, which is one, the gradient of the
    # regularized log-loss is zero (the solver's default tolerance leaves it near 0.1 on these rows)
    import random

    from framing.attribution.training import fit_cue_model

    rng = random.Random(0)
    vocab = [f"f{i}" for i in range(5000)]
    rows = [list(set(rng.choices(vocab, [1 / (i + 1) for i in range(5000)], k=25))) for _ in range(4000)]
    y = np.asarray([int(sum(f"f{i}" in r for i in range(3, 40, 3)) + rng.random() > 1.5) for r in rows])
    C = 0.3
    model = fit_cue_model(rows, y, C=C, prune=0.0)
    z = np.asarray([model.intercept + sum(model.weights.get(f, 0.0) for f in r) for r in rows])
    residual = 1 / (1 + np.exp(-z)) - y
    gradient = dict(model.weights)  # the L2 term, then the data's
    for row, e in zip(rows, residual):
        for f in row:
            gradient[f] = gradient.get(f, 0.0) + C * e
    assert max(abs(v) for v in gradient.values()) < 1e-3
    assert abs(C * residual.sum()) < 1e-3
