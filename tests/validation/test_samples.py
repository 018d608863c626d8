"""Tests for framing.validation.samples: drawing a coding round's articles and reading them back."""

import json

import pandas as pd
import pytest

from framing.cli import main
from framing.errors import InputError
from framing.validation.samples import documents_of, draw_articles, statement_counts, used_ids


def test_the_draw_is_seeded_keeps_to_the_range_and_caps_each_outlet():
    counts = pd.DataFrame({"n": [3, 4, 5, 6, 20, 1], "outlet": ["a", "a", "a", "b", "b", "b"]},
                          index=list("pqrstu"))
    first = draw_articles(counts, set(), n=10, seed=3, per_outlet=2, low=2, high=10)
    assert first == draw_articles(counts, set(), n=10, seed=3, per_outlet=2, low=2, high=10)
    assert set(first) <= set("pqrs") and len(first) == 3  # t has too many, u too few; two of a's three
    assert sum(d in "pqr" for d in first) == 2
    assert "s" not in draw_articles(counts, {"s"}, n=10, seed=3, per_outlet=2, low=2, high=10)
    assert len(draw_articles(counts, set(), n=1, seed=3, low=2, high=10)) == 1


def _run(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "d1.txt").write_text("خبر عن روسيا\n\nوقال كوليبا إن العدوان الروسي يجب أن يتوقف.\n\n"
                                   "وقال الوزير إن الطقس جميل.\n", encoding="utf-8")
    (corpus / "d2.txt").write_text("خبر\n\nوقال المتحدث إن الاجتماع انتهى.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "--out", str(out), "--n-boot", "20", "--stance-method", "cues"]) == 0
    return corpus, out


def test_statements_are_counted_per_article_all_or_those_naming_a_target(tmp_path):
    _, out = _run(tmp_path)
    everything = statement_counts(out)["n"].to_dict()
    naming = statement_counts(out, naming_target=True)["n"].to_dict()
    assert everything == {"d1": 2, "d2": 1}
    assert naming == {"d1": 1, "d2": 0}


def test_used_ids_come_from_id_files_event_files_and_titles(tmp_path):
    _, out = _run(tmp_path)
    ids = tmp_path / "ids.txt"
    ids.write_text("x1\nx2\n", encoding="utf-8")
    events = tmp_path / "events.jsonl"
    events.write_text(json.dumps({"doc": "e1", "paragraph": 1, "cue": "قال"}) + "\n", encoding="utf-8")
    titles = tmp_path / "dev.jsonl"
    titles.write_text(json.dumps({"title": "خبر عن روسيا"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert used_ids(out, id_files=[ids], event_files=[events], titles_file=titles) == {"x1", "x2", "e1", "d1"}


def test_the_documents_of_an_ids_file_are_read_and_a_missing_one_is_named(tmp_path):
    corpus, _ = _run(tmp_path)
    ids = tmp_path / "ids.txt"
    ids.write_text("d2\nd1\n", encoding="utf-8")
    order, docs = documents_of(corpus, ids)
    assert order == ["d2", "d1"] and set(docs) == {"d1", "d2"}
    ids.write_text("d2\nd9\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"1 id\(s\) of .*ids.txt not found, first d9"):
        documents_of(corpus, ids)
