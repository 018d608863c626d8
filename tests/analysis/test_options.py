"""The options of a run: checked when made, replaced field by field, unknown keywords refused."""

from __future__ import annotations

import pytest

from framing.analysis.options import RunOptions, check_options
from framing.errors import FramingError


@pytest.mark.parametrize("bad", [{"n_boot": -5}, {"seed": -1}, {"workers": 0}, {"batch_size": 0},
                                 {"period": "X"}, {"min_utterances": 1.5}, {"n_boot": True},
                                 {"resample": "article"}])
def test_bad_values_are_refused_when_the_options_are_made(bad):
    with pytest.raises(FramingError, match=f"{next(iter(bad))} \\(--"):
        RunOptions(**bad)
    with pytest.raises(FramingError):
        check_options(**bad)


def test_overrides_replace_fields_and_are_checked():
    base = RunOptions(workers=2, n_boot=10)
    assert RunOptions.of(base, {}) is base
    assert RunOptions.of(base, {"seed": 3}) == RunOptions(workers=2, n_boot=10, seed=3)
    assert RunOptions.of(None, {"seed": 3}) == RunOptions(seed=3)
    with pytest.raises(FramingError):
        RunOptions.of(base, {"period": "fortnight"})


def test_unknown_keywords_are_refused_like_python_refuses_them():
    with pytest.raises(TypeError, match="analyze_to\\(\\) got an unexpected keyword argument 'n_boots'"):
        RunOptions.of(None, {"n_boots": 3})
    with pytest.raises(TypeError, match="analyze\\(\\) got an unexpected keyword argument 'restart'"):
        RunOptions.of(None, {"restart": True}, caller="analyze", only_to_disk=("restart",))


def test_analyze_takes_an_options_object_or_keywords(tmp_path):
    from analysis_support import news_corpus

    from framing.analysis.run import analyze

    with pytest.raises(TypeError, match="keep_parts"):
        analyze(news_corpus(2), keep_parts=True)
    by_object = analyze(news_corpus(4), RunOptions(n_boot=0, batch_size=2))
    by_keywords = analyze(news_corpus(4), n_boot=0, batch_size=2)
    for name, table in by_object.items():
        assert table.equals(by_keywords[name]), name
