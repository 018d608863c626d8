"""Tests for framing.frames.dictionary: the formats researchers own, and matching that sees through Arabic clitics."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import InputError
from framing.frames.dictionary import Dictionary, load_dictionary

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dictionaries"
TEXT = ("The budgets of the armies grew, exports fell and the cost of living rose. "
        "وقالت الحكومة إن ميزانيتها تراجعت وإن وقف إطلاق النار صامد، وإن الجيش والصادرات بخير.")


def test_the_three_formats_read_the_same_categories():
    yml = load_dictionary(FIXTURES / "policy.yml")
    dic = load_dictionary(FIXTURES / "policy.dic")
    lc3 = load_dictionary(FIXTURES / "policy.lc3")
    assert yml.category_names == ["economy.money", "economy.trade", "security"]
    assert dic.category_names == lc3.category_names == ["money", "trade", "security"]
    assert yml.name == dic.name == "policy"
    assert list(yml.categories.values()) == list(dic.categories.values()) == list(lc3.categories.values())


def test_counts_see_wildcards_phrases_and_clitics_in_both_languages():
    d = load_dictionary(FIXTURES / "policy.dic")
    # budgets, cost of living, ميزانيتها (suffix off); exports, والصادرات; armies, وقف إطلاق النار, الجيش
    assert d.count(TEXT) == {"money": 3, "trade": 2, "security": 3}


def test_a_phrase_is_counted_once_and_not_its_words():
    d = Dictionary("t", {"phrase": ["cost of living"], "word": ["cost"]})
    assert d.count("the cost of living and the cost") == {"phrase": 1, "word": 1}


def test_wildcards_match_prefixes_only():
    d = Dictionary("t", {"w": ["econom*"]})
    assert d.count("economy economic economists") == {"w": 3}
    assert d.count("ecology") == {}


@pytest.mark.parametrize("name, content, message", [
    ("bad.dic", "%\n1\tmoney\n%\nbudget\t2\n", r"bad.dic, line 4: category number 2 is not in the header"),
    ("bad.dic", "budget\t1\n", "starts with a '%' line"),
    ("bad.lc3", "budget\n+money\n", r"bad.lc3, line 1: a term before any '\+category' line"),
    ("bad.yml", "money: [budget\n", r"bad.yml, line \d+: not valid YAML"),
    ("bad.yml", "money: 3\n", "holds int, not a list of terms"),
    ("bad.txt", "money\n", "not a dictionary file this toolkit reads"),
    ("short.yml", "x: ['a*']\n", "too short"),
])
def test_bad_files_are_refused_with_the_file_and_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_dictionary(path)


def test_categories_that_would_share_a_column_are_refused():
    with pytest.raises(InputError, match="would share the column name"):
        Dictionary("t", {"Security & defense": ["army"], "security defense": ["navy"]})


def test_matches_are_the_same_with_the_token_cache_cold_warm_or_emptied(monkeypatch):
    import framing.frames.dictionary as dictionary

    d = load_dictionary(FIXTURES / "policy.dic")
    cold = d.matches(TEXT)
    assert d._starts and d.matches(TEXT) == cold  # warm: each token's entries come from the cache
    monkeypatch.setattr(dictionary, "_STARTS_MAX", 3)  # emptied while a text is read
    fresh = load_dictionary(FIXTURES / "policy.dic")
    assert fresh.matches(TEXT) == fresh.matches(TEXT) == cold
