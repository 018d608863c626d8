"""Training the speaker-span ranker from coded events."""

import json

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
