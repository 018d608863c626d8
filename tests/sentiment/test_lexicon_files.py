"""Readers for user-supplied lexicons, on tiny fixture files written for these tests."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.errors import InputError
from framing.sentiment import LexiconSentiment
from framing.sentiment.lexicon_files import (Lexicon, guess_format, read_lexicon, read_lsd2015, read_nileulex, read_nrc,
                                             read_tsv_lexicon, read_vader_lexicon)


@pytest.fixture(scope="module")
def lexdir(fixtures):
    return fixtures / "lexicons"


def _utts(texts, lang="en"):
    return pd.DataFrame({"utterance_id": [f"u{i}" for i in range(len(texts))], "content": texts, "lang": lang})


def test_lsd_lexicoder_layout_reads_all_four_categories(lexdir):
    lex = read_lsd2015(lexdir / "mini_lsd.lc3")
    assert dict(lex) == {"abandon*": -1.0, "war crime*": -1.0, "hope*": 1.0, "peace": 1.0,
                         "not good*": -1.0, "not bad": 1.0}
    assert lex.name == "lsd2015"


@pytest.mark.parametrize("name", ["mini_lsd.cat", "mini_lsd.yml"])
def test_lsd_wordstat_and_yaml_layouts_agree(lexdir, name):
    assert dict(read_lsd2015(lexdir / name)) == {"abandon*": -1.0, "ruin*": -1.0, "hope*": 1.0}


def test_lsd_csv_export(lexdir):
    assert dict(read_lsd2015(lexdir / "mini_lsd.csv")) == {"abandon*": -1.0, "hope*": 1.0, "not good*": -1.0}


def test_lsd_wildcards_and_negated_phrases_score_through_the_scorer(lexdir):
    scorer = LexiconSentiment("en", lexicon_path=lexdir / "mini_lsd.lc3").fit()
    out = scorer.transform(_utts(["They abandoned the plan", "Hopeful voices", "It was not good at all",
                                  "It was not bad", "A war crimes tribunal"]))
    assert out["sentiment_label"].tolist() == ["negative", "positive", "negative", "positive", "negative"]
    assert out["sentiment_method"].iloc[0] == "sentiment.lexicon.en.mini_lsd.v2"


def test_lsd_negated_phrase_counts_once(lexdir):
    # "not good" is one NEG_POSITIVE match: the inner "good" must not also count
    lex = read_lsd2015(lexdir / "mini_lsd.lc3").merged({"good*": 1.0})
    scorer = LexiconSentiment("en", lexicon=lex, modifiers={}).fit()
    both = scorer.transform(_utts(["not good", "good"]))["sentiment"].tolist()
    assert both[0] == pytest.approx(-both[1])


def test_nileulex_reads_terms_and_phrases(lexdir):
    lex = read_nileulex(lexdir / "mini_nileulex.csv")
    assert dict(lex) == {"جميل": 1.0, "زفت": -1.0, "مش حلو": -1.0}
    scorer = LexiconSentiment("ar", lexicon=lex).fit()
    out = scorer.transform(_utts(["المكان جميل", "والجو مش حلو", "يوم زفت"], lang="ar"))
    assert out["sentiment_label"].tolist() == ["positive", "negative", "negative"]


def test_nrc_polarity_and_emotions(lexdir):
    lex = read_nrc(lexdir / "mini_nrc.txt")
    assert dict(lex) == {"calm": 1.0, "ruin": -1.0}
    assert lex.categories["anger"] == frozenset({"ruin"})
    assert lex.categories["joy"] == frozenset({"calm"})


def test_bad_nileulex_rows_named_by_line(lexdir):
    with pytest.raises(InputError) as err:
        read_nileulex(lexdir / "bad_nileulex.csv")
    msg = str(err.value)
    assert "bad_nileulex.csv" in msg and "line 3" in msg and "line 5" in msg
    assert "line 2" not in msg and "line 4" not in msg


def test_bad_nrc_row_named_by_line(lexdir):
    with pytest.raises(InputError, match=r"bad_nrc\.txt.*line 2: expected 3"):
        read_nrc(lexdir / "bad_nrc.txt")


def test_lsd_unknown_category_and_orphan_pattern(lexdir):
    with pytest.raises(InputError, match=r"line 3: unknown category 'ANGRY'"):
        read_lsd2015(lexdir / "bad_lsd_category.lc3")
    with pytest.raises(InputError, match=r"bad_lsd_orphan\.cat.*line 1: pattern"):
        read_lsd2015(lexdir / "bad_lsd_orphan.cat")


def test_project_tsv_bad_score(lexdir):
    with pytest.raises(InputError, match=r"line 3: score 'bad' is not a number"):
        read_tsv_lexicon(lexdir / "bad_project.tsv")


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_nrc(tmp_path / "nope.txt")


def test_empty_lexicon_file_is_an_error(tmp_path):
    path = tmp_path / "empty.lc3"
    path.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(InputError, match="no lexicon entries"):
        read_lsd2015(path)


def test_format_guessing(lexdir):
    assert guess_format(lexdir / "mini_lsd.cat") == "lsd2015"
    assert guess_format(lexdir / "mini_lsd.csv") == "lsd2015"
    assert guess_format(lexdir / "mini_nileulex.csv") == "nileulex"
    assert guess_format(lexdir / "mini_nrc.txt") == "nrc"
    assert dict(read_lexicon(lexdir / "mini_nrc.txt")) == {"calm": 1.0, "ruin": -1.0}


def test_vader_lexicon_scaled_to_unit_range():
    lex = read_vader_lexicon()
    assert len(lex) > 7000
    assert all(-1.0 <= v <= 1.0 for v in lex.values())
    assert lex["good"] > 0 > lex["bad"]


def test_conflicting_entries_cancel(tmp_path):
    path = tmp_path / "clash.csv"
    path.write_text("term,polarity\nحاد,positive\nحاد,negative\n", encoding="utf-8")
    assert dict(read_nileulex(path)) == {"حاد": 0.0}


def test_lexicon_is_a_mapping_and_merges():
    lex = Lexicon({"a": 1.0}, name="x").merged({"b": -1.0})
    assert dict(lex) == {"a": 1.0, "b": -1.0} and lex.name == "x"
