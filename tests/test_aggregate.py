"""Tests for framing.aggregate: weighted means, bootstrap intervals and the tables built on them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing import aggregate as agg
from framing import bootstrap
from framing.aggregate import (
    aggregate, by_outlet, by_period, by_speaker_outlet, speakers_table,
)
from framing.errors import InputError

Z95 = 1.959963984540054  # standard normal 97.5th percentile


def make_utterances(speakers, *, docs=None, confidence=None, lang="en", **extra):
    """Utterances table with one row per entry of ``speakers`` (ids u00, u01, ...)."""
    n = len(speakers)
    frame = pd.DataFrame({
        "utterance_id": [f"u{i:02d}" for i in range(n)],
        "doc_id": docs if docs is not None else [f"d{i:02d}" for i in range(n)],
        "speaker_id": speakers,
        "speaker": [str(s).title() for s in speakers],
        "confidence": confidence if confidence is not None else [1.0] * n,
        "lang": [lang] * n if isinstance(lang, str) else lang,
    })
    for col, values in extra.items():
        frame[col] = values
    return frame


def make_measures(utterances, **columns):
    return pd.DataFrame({"utterance_id": utterances["utterance_id"], **columns})


def row(table, **keys):
    """The single row of ``table`` matching ``keys``."""
    mask = np.ones(len(table), dtype=bool)
    for col, value in keys.items():
        mask &= (table[col] == value).to_numpy()
    assert mask.sum() == 1, f"expected one row for {keys}, got {mask.sum()}"
    return table[mask].iloc[0]


def normal_group(n, *, seed, loc=0.0, scale=1.0, speaker="s"):
    rng = np.random.default_rng(seed)
    u = make_utterances([speaker] * n)
    u["utterance_id"] = [f"{speaker}-{i:05d}" for i in range(n)]
    return u, make_measures(u, sentiment=rng.normal(loc, scale, n))


# --- weighted means -----------------------------------------------------------------

def test_weighted_mean_uses_confidence():
    u = make_utterances(["a", "a", "a", "b"], confidence=[1.0, 0.5, 0.25, 0.8])
    m = make_measures(u, sentiment=[1.0, 0.0, -1.0, 0.3])
    table = aggregate(u, m, n_boot=50, min_utterances=1)
    a = row(table, speaker_id="a")
    assert a["sentiment_mean"] == pytest.approx((1.0 * 1 + 0.0 * 0.5 - 1.0 * 0.25) / 1.75)
    assert row(table, speaker_id="b")["sentiment_mean"] == pytest.approx(0.3)
    equal = row(aggregate(u, m, n_boot=50, weight=None), speaker_id="a")
    assert equal["sentiment_mean"] == pytest.approx(0.0)


def test_counts_documents_and_utterances():
    u = make_utterances(["a", "a", "a", "b"], docs=["d1", "d1", "d2", "d1"])
    table = aggregate(u, make_measures(u, sentiment=[0.1, 0.2, 0.3, 0.4]), n_boot=20)
    assert row(table, speaker_id="a")[["n_utterances", "n_documents"]].tolist() == [3, 2]
    assert row(table, speaker_id="b")[["n_utterances", "n_documents"]].tolist() == [1, 1]


def test_zero_total_weight_gives_nan():
    u = make_utterances(["a", "a", "b", "b"], confidence=[0.0, 0.0, 1.0, 0.5])
    table = aggregate(u, make_measures(u, sentiment=[0.5, -0.5, 0.2, 0.4]), n_boot=100)
    a = row(table, speaker_id="a")
    assert np.isnan(a["sentiment_mean"]) and np.isnan(a["sentiment_ci_low"])
    assert np.isnan(a["sentiment_ci_high"])
    assert a["sentiment_n"] == 2
    assert row(table, speaker_id="b")["sentiment_mean"] == pytest.approx((0.2 + 0.2) / 1.5)


# --- intervals -------------------------------------------------------------------

def test_ci_contains_mean_and_narrows_with_n():
    widths = {}
    for n in (20, 200):
        u, m = normal_group(n, seed=n, loc=0.3)
        r = aggregate(u, m, n_boot=500).iloc[0]
        assert r["sentiment_ci_low"] < r["sentiment_mean"] < r["sentiment_ci_high"]
        widths[n] = r["sentiment_ci_high"] - r["sentiment_ci_low"]
    # sqrt(10) narrower in theory; half is a margin sampling noise cannot close
    assert widths[200] < widths[20] / 2


@pytest.mark.parametrize("loc,scale", [(0.0, 1.0), (2.5, 0.3)])
def test_bootstrap_ci_matches_analytic_ci_of_a_normal_sample(loc, scale):
    n = 2000
    u, m = normal_group(n, seed=11, loc=loc, scale=scale)
    r = aggregate(u, m, n_boot=2000, seed=3).iloc[0]
    x = m["sentiment"].to_numpy()
    half = Z95 * x.std(ddof=1) / np.sqrt(n)
    assert r["sentiment_mean"] == pytest.approx(x.mean())
    # Monte Carlo error of a 2,000-replicate percentile is ~3% of the half-width;
    # 10% leaves room for that but not for a wrong scale (e.g. sd instead of se).
    assert r["sentiment_ci_low"] == pytest.approx(x.mean() - half, abs=0.1 * half)
    assert r["sentiment_ci_high"] == pytest.approx(x.mean() + half, abs=0.1 * half)


def test_bootstrap_ci_matches_sandwich_ci_with_unequal_weights():
    n = 2000
    rng = np.random.default_rng(5)
    u, m = normal_group(n, seed=6, loc=-0.2, scale=0.5)
    w = rng.uniform(0.2, 1.0, n)
    u["confidence"] = w
    r = aggregate(u, m, n_boot=2000).iloc[0]
    x = m["sentiment"].to_numpy()
    mean = np.sum(w * x) / w.sum()
    half = Z95 * np.sqrt(np.sum(w**2 * (x - mean) ** 2)) / w.sum()
    assert r["sentiment_mean"] == pytest.approx(mean)
    assert r["sentiment_ci_low"] == pytest.approx(mean - half, abs=0.1 * half)
    assert r["sentiment_ci_high"] == pytest.approx(mean + half, abs=0.1 * half)


def test_large_groups_are_drawn_in_chunks_with_the_same_statistics(monkeypatch):
    n = 2000
    u, m = normal_group(n, seed=21)
    monkeypatch.setattr(bootstrap, "_CHUNK_CELLS", 3 * n + 7)  # 3 replicates per chunk
    r = aggregate(u, m, n_boot=1000).iloc[0]
    x = m["sentiment"].to_numpy()
    half = Z95 * x.std(ddof=1) / np.sqrt(n)
    assert r["sentiment_ci_low"] == pytest.approx(x.mean() - half, abs=0.12 * half)
    assert r["sentiment_ci_high"] == pytest.approx(x.mean() + half, abs=0.12 * half)


def test_single_observation_gets_its_value_as_interval():
    u = make_utterances(["a", "b", "b"], confidence=[0.7, 1.0, 1.0])
    table = aggregate(u, make_measures(u, sentiment=[0.3, 0.1, 0.9]), n_boot=100)
    a = row(table, speaker_id="a")
    assert a["sentiment_ci_low"] == a["sentiment_mean"] == a["sentiment_ci_high"] == pytest.approx(0.3)
    assert a["low_n"]


def test_no_bootstrap_leaves_intervals_empty():
    u = make_utterances(["a", "a", "a"])
    r = aggregate(u, make_measures(u, sentiment=[0.1, 0.2, 0.6]), n_boot=0).iloc[0]
    assert r["sentiment_mean"] == pytest.approx(0.3)
    assert np.isnan(r["sentiment_ci_low"]) and np.isnan(r["sentiment_ci_high"])


# --- cluster bootstrap -----------------------------------------------------------------

def clustered_sample(n_docs=200, per_doc=5, seed=8):
    """Utterances of one speaker whose scores share a strong per-document effect."""
    rng = np.random.default_rng(seed)
    doc_effect = rng.normal(0, 1.0, n_docs)
    docs = np.repeat([f"doc{d:03d}" for d in range(n_docs)], per_doc)
    x = np.repeat(doc_effect, per_doc) + rng.normal(0, 0.1, n_docs * per_doc)
    u = make_utterances(["s"] * len(x), docs=list(docs))
    return u, make_measures(u, sentiment=x)


def test_document_bootstrap_matches_cluster_robust_ci_and_is_wider():
    u, m = clustered_sample()
    by_doc = aggregate(u, m, n_boot=2000, resample="document").iloc[0]
    by_utt = aggregate(u, m, n_boot=2000, resample="utterance").iloc[0]
    assert by_doc["sentiment_mean"] == pytest.approx(by_utt["sentiment_mean"])
    x = m["sentiment"].to_numpy()
    resid = pd.Series(x - x.mean()).groupby(u["doc_id"].to_numpy()).sum().to_numpy()
    half = Z95 * np.sqrt(np.sum(resid**2)) / len(x)  # cluster-robust standard error
    width_doc = by_doc["sentiment_ci_high"] - by_doc["sentiment_ci_low"]
    width_utt = by_utt["sentiment_ci_high"] - by_utt["sentiment_ci_low"]
    assert width_doc == pytest.approx(2 * half, rel=0.1)
    # five near-identical utterances per document: the naive interval is ~sqrt(5) too narrow
    assert width_doc > 1.8 * width_utt


def test_document_bootstrap_of_a_single_document_is_degenerate():
    u = make_utterances(["a"] * 4, docs=["d1"] * 4)
    r = aggregate(u, make_measures(u, sentiment=[0.1, 0.5, -0.3, 0.9]), resample="document").iloc[0]
    assert r["sentiment_ci_low"] == r["sentiment_ci_high"] == pytest.approx(r["sentiment_mean"])


# --- determinism -------------------------------------------------------------------------

def mixed_sample(seed=2):
    rng = np.random.default_rng(seed)
    speakers = list(rng.choice(["ana", "bo", "cy", "dee"], 60))
    u = make_utterances(speakers, docs=[f"d{i % 9}" for i in range(60)],
                        confidence=list(rng.uniform(0.2, 1.0, 60)),
                        outlet=list(rng.choice(["Daily", "Weekly"], 60)))
    stance = np.where(rng.random(60) < 0.5, rng.uniform(-1, 1, 60), np.nan)
    labels = np.where(np.isnan(stance), "none", np.where(stance > 0.2, "favor",
                      np.where(stance < -0.2, "against", "neutral")))
    m = make_measures(u, sentiment=rng.uniform(-1, 1, 60), stance_peace=stance,
                      stance_peace_label=labels, topic_0=rng.uniform(0, 1, 60))
    return u, m


@pytest.mark.parametrize("resample", ["utterance", "document"])
def test_same_seed_same_table_whatever_the_row_order(resample):
    u, m = mixed_sample()
    first = aggregate(u, m, n_boot=300, seed=4, resample=resample)
    again = aggregate(u, m, n_boot=300, seed=4, resample=resample)
    shuffled = aggregate(u.sample(frac=1, random_state=1), m.sample(frac=1, random_state=2),
                         n_boot=300, seed=4, resample=resample)
    pd.testing.assert_frame_equal(first, again)
    pd.testing.assert_frame_equal(first, shuffled)
    other = aggregate(u, m, n_boot=300, seed=5, resample=resample)
    pd.testing.assert_series_equal(first["sentiment_mean"], other["sentiment_mean"])
    assert not np.allclose(first["sentiment_ci_low"], other["sentiment_ci_low"])


def test_a_group_does_not_depend_on_the_other_groups():
    u, m = mixed_sample()
    full = aggregate(u, m, n_boot=300)
    keep = u["speaker_id"] != "bo"
    alone = aggregate(u[keep], m, n_boot=300)
    pd.testing.assert_frame_equal(full[full["speaker_id"] != "bo"].reset_index(drop=True), alone)


# --- missing values and flags -------------------------------------------------------------

def test_missing_measure_is_excluded_from_that_measure_only():
    u, m = mixed_sample()
    table = aggregate(u, m, n_boot=300)
    without_stance = aggregate(u, m.drop(columns=["stance_peace", "stance_peace_label"]), n_boot=300)
    shared = [c for c in without_stance.columns if c in table.columns]
    pd.testing.assert_frame_equal(table[shared], without_stance[shared])
    for speaker, group in m.groupby(u["speaker_id"].to_numpy()):
        present = group["stance_peace"].notna().to_numpy()
        w = u.loc[group.index, "confidence"].to_numpy()[present]
        expected = np.sum(w * group["stance_peace"].to_numpy()[present]) / w.sum()
        r = row(table, speaker_id=speaker)
        assert r["stance_peace_n"] == present.sum()
        assert r["stance_peace_mean"] == pytest.approx(expected)


def test_a_missing_value_counts_like_an_absent_utterance():
    u, m = mixed_sample()
    missing = m["stance_peace"].isna().to_numpy()
    stance_cols = ["stance_peace_mean", "stance_peace_ci_low", "stance_peace_ci_high", "stance_peace_n"]
    table = aggregate(u, m, n_boot=300)[["speaker_id", *stance_cols]]
    dropped = aggregate(u[~missing], m[~missing], n_boot=300)[["speaker_id", *stance_cols]]
    pd.testing.assert_frame_equal(table, dropped)


def test_stance_label_shares_ignore_unmentioned_targets():
    u = make_utterances(["a"] * 6)
    labels = ["favor", "against", "neutral", "none", "favor", None]
    table = aggregate(u, make_measures(u, stance_un_label=labels), n_boot=100)
    r = table.iloc[0]
    assert r["stance_un_favor_mean"] == pytest.approx(2 / 4)
    assert r["stance_un_against_mean"] == pytest.approx(1 / 4)
    assert r["stance_un_favor_n"] == 4


def test_unknown_stance_label_names_the_utterance():
    u = make_utterances(["a", "a"])
    with pytest.raises(InputError, match=r"stance_un_label.*u01.*'pro'"):
        aggregate(u, make_measures(u, stance_un_label=["favor", "pro"]))


def test_low_n_groups_are_flagged_not_hidden():
    u = make_utterances(["a", "a", "b", "b", "b", "c"])
    table = aggregate(u, make_measures(u, sentiment=np.linspace(-1, 1, 6)), min_utterances=3, n_boot=50)
    assert dict(zip(table["speaker_id"], table["low_n"])) == {"a": True, "b": False, "c": True}


def test_utterances_without_measures_are_counted_but_not_measured():
    u = make_utterances(["a", "a", "a"])
    m = make_measures(u.iloc[:2], sentiment=[0.2, 0.4])
    r = aggregate(u, m, n_boot=50).iloc[0]
    assert (r["n_utterances"], r["sentiment_n"]) == (3, 2)
    assert r["sentiment_mean"] == pytest.approx(0.3)


def test_missing_group_key_forms_its_own_group():
    u = make_utterances(["a", None, "a", None])
    table = aggregate(u, make_measures(u, sentiment=[0.1, 0.2, 0.3, 0.4]), n_boot=50)
    assert table["n_utterances"].sum() == 4
    assert table["speaker_id"].iloc[0] == "a" and pd.isna(table["speaker_id"].iloc[1])
    assert table["sentiment_mean"].iloc[1] == pytest.approx(0.3)


def test_missing_weight_warns_and_counts_as_zero():
    u = make_utterances(["a", "a", "a"], confidence=[1.0, None, 1.0])
    with pytest.warns(UserWarning, match=r"u01"):
        r = aggregate(u, make_measures(u, sentiment=[0.2, 5.0, 0.4]), n_boot=50).iloc[0]
    assert r["sentiment_mean"] == pytest.approx(0.3)


# --- bad input ---------------------------------------------------------------------------------

def test_negative_weight_is_an_error_naming_the_utterance():
    u = make_utterances(["a", "a"], confidence=[0.5, -0.1])
    with pytest.raises(InputError, match=r"confidence.*u01"):
        aggregate(u, make_measures(u, sentiment=[0.1, 0.2]))


def test_duplicate_ids_are_errors():
    u = make_utterances(["a", "b"])
    with pytest.raises(InputError, match=r"utterances table repeats utterance_id 'u00'"):
        aggregate(pd.concat([u, u.iloc[:1]]), None)
    m = make_measures(u, sentiment=[0.1, 0.2])
    with pytest.raises(InputError, match=r"measures table repeats"):
        aggregate(u, pd.concat([m, m.iloc[1:]]))


def test_missing_group_column_suggests_documents():
    u = make_utterances(["a"])
    with pytest.raises(InputError, match=r"lacks column\(s\) \['outlet'\].*documents="):
        by_outlet(u, None)


def test_bad_options_are_rejected():
    u = make_utterances(["a"])
    for kw in ({"resample": "speaker"}, {"ci": 95}, {"n_boot": -1}, {"seed": -3}, {"by": ()}):
        with pytest.raises(ValueError):
            aggregate(u, None, **kw)


def test_measures_rows_of_other_utterances_are_ignored_but_no_match_at_all_warns():
    u = make_utterances(["a"])
    m = pd.DataFrame({"utterance_id": ["u00", "zz"], "sentiment": [0.1, 0.9]})
    r = aggregate(u, m, n_boot=10).iloc[0]
    assert r["sentiment_mean"] == pytest.approx(0.1)
    with pytest.warns(UserWarning, match=r"no measures row matches.*'zz'"):
        aggregate(u, m.iloc[1:], n_boot=10)


# --- periods and outlets -------------------------------------------------------------------------

def test_by_period_groups_months_and_joins_dates_from_documents():
    u = make_utterances(["a"] * 5, docs=["d1", "d1", "d2", "d3", "d4"])
    docs = pd.DataFrame({"doc_id": ["d1", "d2", "d3", "d4"],
                         "date": ["2022-02-24", "2022-02-27", "2022-03-01", None],
                         "outlet": ["Daily", "Weekly", "Daily", "Daily"]})
    m = make_measures(u, sentiment=[0.1, 0.3, 0.5, -0.4, 0.0])
    table = by_period(u, m, freq="M", documents=docs, n_boot=50)
    assert table["period"].iloc[:2].tolist() == ["2022-02", "2022-03"] and pd.isna(table["period"].iloc[2])
    assert table["n_utterances"].tolist() == [3, 1, 1]
    assert table["sentiment_mean"].iloc[0] == pytest.approx(0.3)
    both = by_period(u, m, freq="Y", by=["outlet"], documents=docs, n_boot=50)
    got = both[["outlet", "period", "n_utterances"]].fillna("missing").values.tolist()
    assert got == [["Daily", "2022", 3], ["Daily", "missing", 1], ["Weekly", "2022", 1]]


def test_by_outlet_keeps_outlets_already_on_utterances():
    u = make_utterances(["a", "b", "c"], outlet=["Daily", None, "Weekly"])
    docs = pd.DataFrame({"doc_id": ["d00", "d01", "d02"], "outlet": ["Other", "Weekly", "Other"]})
    table = by_outlet(u, None, documents=docs)
    assert dict(zip(table["outlet"], table["n_utterances"])) == {"Daily": 1, "Weekly": 2}


def test_by_speaker_outlet_crosses_both_keys():
    u, m = mixed_sample()
    table = by_speaker_outlet(u, m, n_boot=50)
    expected = u.groupby(["speaker_id", "outlet"]).size()
    assert table.set_index(["speaker_id", "outlet"])["n_utterances"].to_dict() == expected.to_dict()
    assert list(table.columns[:8]) == ["speaker_id", "outlet", "speaker", "name_en", "name_ar",
                                       "kind", "affiliation", "side"]


# --- speakers table ------------------------------------------------------------------------------

def test_speakers_table_joins_the_registry_and_sorts_by_volume():
    u = make_utterances(
        ["lavrov", "lavrov", "zelensky", "zelensky", "zelensky", "anon"],
        lang=["en", "ar", "ar", "ar", "en", "ar"])
    u["speaker"] = ["Lavrov", "لافروف", "زيلينسكي", "زيلينسكي", "Zelensky", "مصدر مسؤول"]
    # the registry's side first; an unregistered speaker's side as attribution read it
    u["side"] = ["Nowhere", "Nowhere", "", "", "", "Yemen"]
    actors = pd.DataFrame({
        "speaker_id": ["lavrov", "zelensky", "unused"],
        "speaker": ["Sergey Lavrov", "Volodymyr Zelensky", "Nobody"],
        "name_en": ["Sergey Lavrov", "Volodymyr Zelensky", "Nobody"],
        "name_ar": ["سيرغي لافروف", None, None],
        "kind": ["person", "person", "person"],
        "affiliation": ["Russian Foreign Ministry", "Presidency of Ukraine", None],
        "side": ["Russia", "Ukraine", None],
    })
    m = make_measures(u, sentiment=[-0.4, -0.2, 0.1, 0.3, 0.2, 0.0])
    table = speakers_table(u, m, actors, n_boot=50)
    assert table["speaker_id"].tolist() == ["zelensky", "lavrov", "anon"]
    z, lav, anon = (table.iloc[i] for i in range(3))
    assert (z["speaker"], z["name_en"], z["name_ar"]) == ("Volodymyr Zelensky", "Volodymyr Zelensky", "زيلينسكي")
    assert (lav["name_ar"], lav["kind"], lav["affiliation"]) == ("سيرغي لافروف", "person", "Russian Foreign Ministry")
    assert (anon["speaker"], anon["name_ar"], anon["kind"]) == ("مصدر مسؤول", "مصدر مسؤول", "unknown")
    assert pd.isna(anon["name_en"]) and pd.isna(anon["affiliation"])
    assert table["side"].tolist() == ["Ukraine", "Russia", "Yemen"]
    assert list(table.columns[:9]) == ["speaker_id", "speaker", "name_en", "name_ar", "kind",
                                       "affiliation", "side", "n_utterances", "n_documents"]
    assert table.attrs["aggregate"]["method"] == agg.METHOD


def test_speakers_table_breaks_ties_by_name():
    u = make_utterances(["z1", "a1", "m1"])
    u["speaker"] = ["Able", "Cole", "Baker"]
    assert speakers_table(u, None)["speaker"].tolist() == ["Able", "Baker", "Cole"]


def test_duplicate_actor_is_an_error():
    u = make_utterances(["a"])
    actors = pd.DataFrame({"speaker_id": ["a", "a"], "speaker": ["A", "A2"]})
    with pytest.raises(InputError, match=r"actors table repeats speaker_id 'a'"):
        speakers_table(u, None, actors)


def test_speakers_table_leaves_out_unattributed_utterances_and_keeps_attributed_kinds():
    u = pd.DataFrame({"utterance_id": ["u1", "u2", "u3", "u4"], "doc_id": ["d1"] * 4,
                      "speaker_id": ["unknown", "x:1", "x:1", "anon:2"], "speaker": ["unknown", "A", "A", "B"],
                      "speaker_kind": ["unknown", "institution", "institution", "anonymous"],
                      "confidence": [0.2, 0.9, 0.9, 0.8], "lang": ["ar"] * 4})
    table = speakers_table(u, None, n_boot=0)
    assert table["speaker_id"].tolist() == ["x:1", "anon:2"]
    assert table["kind"].tolist() == ["institution", "anonymous"]
