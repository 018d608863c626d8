"""Krippendorff's alpha: against the krippendorff package, on matrices and on coded sheets."""

import krippendorff
import numpy as np
import pandas as pd
import pytest

from framing.validation import agreement_table, alpha, alpha_ci, read_sheets
from framing.validation.sheets import VOCABULARY


def _random_matrix(rng, coders, units, values, missing=0.3):
    data = rng.integers(0, values, size=(coders, units)).astype(float)
    data[rng.random((coders, units)) < missing] = np.nan
    return data


@pytest.mark.parametrize("level", ["nominal", "interval"])
def test_alpha_matches_krippendorff_package_on_random_data(level):
    rng = np.random.default_rng(7)
    checked = 0
    for _ in range(60):
        data = _random_matrix(rng, rng.integers(2, 6), rng.integers(5, 50), rng.integers(2, 6))
        try:
            expected = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
        except (ValueError, ZeroDivisionError):
            continue  # no variation or nothing pairable: the package refuses
        assert alpha(data, level) == pytest.approx(expected, abs=1e-9)
        checked += 1
    assert checked > 40


def test_interval_alpha_of_continuous_scores_matches_package():
    rng = np.random.default_rng(3)
    truth = rng.normal(size=40)
    data = truth + rng.normal(scale=0.5, size=(3, 40))
    data[rng.random(data.shape) < 0.2] = np.nan
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="interval")
    assert alpha(data, "interval") == pytest.approx(expected, abs=1e-9)


def test_labels_need_no_numbers_and_missing_may_be_none():
    labels = [["favor", "against", None, "neutral", "favor"],
              ["favor", "neutral", "against", "neutral", None]]
    codes = {"favor": 0, "against": 1, "neutral": 2}
    as_numbers = [[codes.get(v, np.nan) for v in row] for row in labels]
    expected = krippendorff.alpha(reliability_data=as_numbers, level_of_measurement="nominal")
    assert alpha(labels) == pytest.approx(expected, abs=1e-12)


def test_units_with_one_code_are_left_out():
    data = [["a", "b", "a", "a"], ["a", "b", "b", "a"]]
    with_single = [row + [v] for row, v in zip(data, ["b", None])]
    assert alpha(with_single) == alpha(data)
    assert alpha_ci(with_single, n_boot=10)["units"] == 4


def test_perfect_agreement_and_no_variation():
    assert alpha([["x", "y", "x"], ["x", "y", "x"]]) == 1.0
    assert np.isnan(alpha([["x", "x"], ["x", "x"]]))
    assert np.isnan(alpha([["x", None], [None, "y"]]))  # nothing pairable


def test_bootstrap_interval_is_seeded_and_brackets_alpha():
    rng = np.random.default_rng(0)
    truth = rng.integers(0, 3, size=80)
    data = np.vstack([truth, np.where(rng.random(80) < 0.8, truth, rng.integers(0, 3, size=80))]).astype(float)
    a = alpha_ci(data, n_boot=500, seed=1)
    b = alpha_ci(data, n_boot=500, seed=1)
    c = alpha_ci(data, n_boot=500, seed=2)
    assert a == b
    assert (a["ci_low"], a["ci_high"]) != (c["ci_low"], c["ci_high"])
    assert a["ci_low"] < a["alpha"] < a["ci_high"]
    narrower = alpha_ci(data, n_boot=500, seed=1, ci=0.5)
    assert a["ci_low"] < narrower["ci_low"] < narrower["ci_high"] < a["ci_high"]
    assert np.isnan(alpha_ci(data, n_boot=0)["ci_low"])


def _write_random_sheets(tmp_path, rng, coders=3, units=60):
    """Random coded sheets and the matrices they encode, built independently of the reader."""
    sentiments = VOCABULARY["sentiment"]
    labels = np.full((coders, units), None, dtype=object)
    scores = np.full((coders, units), np.nan)
    paths = []
    for c in range(coders):
        rows = []
        for u in range(units):
            label = sentiments[rng.integers(0, 4)] if rng.random() > 0.25 else ""
            score = round(float(rng.normal()), 3) if rng.random() > 0.25 else ""
            labels[c, u] = label or None
            scores[c, u] = np.nan if score == "" else score
            rows.append({"utterance_id": f"u{u}", "coder": f"c{c}", "sentiment": label.upper(),
                         "sentiment_score": score})
        path = tmp_path / f"c{c}.csv"
        pd.DataFrame(rows).to_csv(path, index=False)
        paths.append(path)
    return paths, labels, scores


def test_agreement_table_matches_package_on_random_sheets(tmp_path):
    rng = np.random.default_rng(11)
    paths, labels, scores = _write_random_sheets(tmp_path, rng)
    table = agreement_table(read_sheets(paths), n_boot=50).set_index(["variable", "level", "category"])
    numbers = {"positive": 0, "negative": 1, "neutral": 2, "none": 3}
    nominal = [[numbers[v] if v else np.nan for v in row] for row in labels]
    interval = [[{"negative": -1, "neutral": 0, "positive": 1}.get(v, np.nan) for v in row] for row in labels]
    expect = {
        ("sentiment", "nominal", "(all)"): krippendorff.alpha(reliability_data=nominal, level_of_measurement="nominal"),
        ("sentiment", "interval", "(all)"): krippendorff.alpha(reliability_data=interval,
                                                               level_of_measurement="interval"),
        ("sentiment_score", "interval", "(all)"): krippendorff.alpha(reliability_data=scores,
                                                                     level_of_measurement="interval"),
    }
    for key, value in expect.items():
        assert table.loc[key, "alpha"] == pytest.approx(value, abs=1e-9), key
    # one category against the rest
    binary = [[float(v == "negative") if v else np.nan for v in row] for row in labels]
    assert table.loc[("sentiment", "nominal", "negative"), "alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=binary, level_of_measurement="nominal"), abs=1e-9)
    assert (table["coders"] == 3).all()


def test_agreement_of_the_fixture_coders(fixtures):
    folder = fixtures / "validation"
    table = agreement_table(read_sheets([folder / "coder_a.csv", folder / "coder_b.csv"]), n_boot=100)
    rows = table.set_index(["variable", "level", "category"])
    # stance_russia, coders a and b over seven units (b left the last one blank):
    # a: none against - neutral favor against none none ; b: none against - neutral favor neutral none -
    a = ["none", "against", None, "neutral", "favor", "against", "none", "none"]
    b = ["none", "against", None, "neutral", "favor", "neutral", "none", None]
    assert rows.loc[("stance_russia", "nominal", "(all)"), "alpha"] == pytest.approx(alpha([a, b]), abs=1e-12)
    assert rows.loc[("stance_russia", "nominal", "(all)"), "units"] == 6
    # the speaker: a says the machine is right on d1:180, b says it is wrong; on d1:60 both name Omar Haddad;
    # d2:90 and d2:150 have one speaker code each, the added row one coder
    speaker = rows.loc[("speaker", "nominal", "(all)")]
    other = "(not the machine's speaker)"
    a = ["Anna Berg", "omar haddad", "Omar Haddad", "Omar Haddad", "Kremlin"]
    b = ["Anna Berg", "omar haddad", other, "Omar Haddad", "Kremlin"]
    assert speaker["units"] == 5
    assert speaker["alpha"] == pytest.approx(alpha([a, b]), abs=1e-12)
    assert set(table["variable"]) >= {"utterance", "speaker", "kind", "sentiment", "stance_russia",
                                      "sentiment_score"}
    assert "speaker_ok" not in set(table["variable"])
