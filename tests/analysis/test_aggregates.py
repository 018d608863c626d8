"""The aggregates of a run in chunks of whole groups: the same tables as computed whole."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.analysis.aggregates import (
    _balanced_chunks,
    aggregate_files,
    aggregate_tables,
)


@pytest.mark.parametrize("workers", [1, 2])
def test_aggregates_in_chunks_of_groups_equal_the_whole(in_memory, registry, workers):
    tables, out = in_memory
    whole = aggregate_tables(tables["utterances"], tables["measures"], registry=registry, n_boot=50)
    # chunks of 4 rows: most outlets and periods are groups larger than a chunk, each a task of its own
    chunked = aggregate_files(out, registry=registry, n_boot=50, chunk_rows=4, workers=workers)
    for name in ("speakers", "outlets", "periods"):
        pd.testing.assert_frame_equal(chunked[name], whole[name], obj=name)
        assert chunked[name].attrs == whole[name].attrs


def test_aggregate_chunks_hold_whole_groups():
    keys = pd.Series(["a", "b", "a", "c", "b", "a", "d"])
    chunks = _balanced_chunks(keys, 2)
    assert sorted(int(i) for c in chunks for i in c) == list(range(7))
    groups = [set(keys.iloc[c]) for c in chunks]
    assert groups[0].isdisjoint(groups[1])
    assert sorted(len(c) for c in chunks) == [3, 4]  # "a" (3 rows) on its own, the rest beside it


def test_the_bootstrap_unit_reaches_every_table(in_memory, registry):
    tables, out = in_memory
    args = dict(registry=registry, n_boot=50)
    by_doc = aggregate_tables(tables["utterances"], tables["measures"], resample="document", **args)
    by_utterance = aggregate_tables(tables["utterances"], tables["measures"], **args)
    for name in ("speakers", "outlets", "periods"):
        assert by_doc[name].attrs["aggregate"]["resample"] == "document"
        assert by_utterance[name].attrs["aggregate"]["resample"] == "utterance"
    # the means are the same; an outlet's interval over its documents differs from the one over its utterances
    pd.testing.assert_series_equal(by_doc["outlets"]["sentiment_mean"], by_utterance["outlets"]["sentiment_mean"])
    assert not by_doc["outlets"]["sentiment_ci_low"].equals(by_utterance["outlets"]["sentiment_ci_low"])
    chunked = aggregate_files(out, chunk_rows=4, resample="document", **args)
    pd.testing.assert_frame_equal(chunked["speakers"], by_doc["speakers"])
