"""Tests for framing.report.tables: CSV and booktabs LaTeX, the stance table and its linked cells."""

from __future__ import annotations

import pandas as pd

from framing.report.tables import stance_cells_html, stance_table, stance_utterances, write_table
from framing.stance.targets import Target


def test_write_table_csv_and_booktabs_latex(tmp_path):
    df = pd.DataFrame({"speaker": ["Peskov & co", "بيسكوف_x"], "n": [3, 1], "mean": [0.123456, float("nan")]})
    csv, tex, preamble = write_table(df, tmp_path, "speakers", caption="Speakers")
    assert preamble.name == "preamble.tex"
    assert csv.read_text(encoding="utf-8") == "speaker,n,mean\nPeskov & co,3,0.1235\nبيسكوف_x,1,\n"
    latex = tex.read_text(encoding="utf-8")
    for rule in ("\\toprule", "\\midrule", "\\bottomrule", "\\caption{Speakers}", "\\label{tab:speakers}"):
        assert rule in latex
    assert "Peskov \\& co & 3 & 0.12" in latex and "\\textarabic{بيسكوف\\_x} & 1 & --" in latex


def test_stance_table_and_linked_cells(tmp_path):
    targets = [Target("Russia", {"en": ("Russia",)}), Target("NATO", {"en": ("NATO",)})]
    speakers = pd.DataFrame({"speaker_id": ["a<b"], "stance_russia_favor_mean": [0.25],
                             "stance_russia_favor_ci_low": [0.0], "stance_russia_favor_ci_high": [0.5],
                             "stance_russia_favor_n": [4], "stance_russia_against_mean": [0.5],
                             "stance_russia_against_ci_low": [0.25], "stance_russia_against_ci_high": [1.0],
                             "stance_russia_against_n": [4], "stance_russia_mean": [-0.2],
                             "stance_nato_favor_mean": [float("nan")], "stance_nato_favor_n": [0]})
    table = stance_table(speakers, targets)
    assert table[["target", "n_mentions", "favor", "against_ci_low"]].values.tolist()[0] == ["Russia", 4, 0.25, 0.25]
    assert table.loc[1, "n_mentions"] == 0
    utterances = pd.DataFrame({"utterance_id": ["u1", "u2"], "speaker_id": ["a<b", "a<b"], "doc_id": ["d", "d"],
                               "paragraph": [1, 2], "content": ["<i>Russia</i> must stop", "fine weather"]})
    measures = pd.DataFrame({"utterance_id": ["u1", "u2"], "stance_russia": [-0.8, float("nan")],
                             "stance_russia_label": ["against", "none"], "stance_nato_label": ["none", "none"]})
    behind = stance_utterances(utterances, measures, targets)
    assert behind[["utterance_id", "target", "label"]].values.tolist() == [["u1", "Russia", "against"]]
    page = stance_cells_html(table, behind, {"a<b": "Ana <b>"})
    assert '<a href="#stance-a-b-russia">0.25 / 0.50 (n=4)</a>' in page and 'id="stance-a-b-russia"' in page
    assert "&lt;i&gt;Russia&lt;/i&gt; must stop" in page and "<i>" not in page and "Ana &lt;b&gt;" in page
    assert "NATO" not in page  # nobody names it
    from framing.stance.decide import decide_stance

    decided = decide_stance(utterances.merge(measures, on="utterance_id"), targets, by=("speaker_id",))
    page = stance_cells_html(table, behind, {"a<b": "Ana <b>"}, decisions=decided, targets=targets)
    assert '<a href="#stance-a-b-russia"><b>against</b> · 0.25 / 0.50 (n=4)</a>' in page
    assert "the stronger side wins" in page


def test_quote_examples_period_and_outlet_tables():
    from framing.report.tables import more_rows_html, outlet_speakers_table, period_table, quote_examples, top_outlets

    behind = pd.DataFrame({"speaker_id": ["a"] * 4, "target": ["Russia"] * 4, "utterance_id": list("wxyz"),
                           "doc_id": ["d1", "d1", "d2", "d2"], "paragraph": [1, 2, 1, 2],
                           "label": ["favor", "against", "against", "neutral"], "score": [0.1, -0.8, -0.5, 0.0],
                           "content": list("WXYZ")})
    docs = pd.DataFrame({"doc_id": ["d1", "d2"], "title": ["T1", "T2"], "outlet": ["O", "P"],
                         "date": ["2022-01-01", "2022-02-01"], "url": ["https://x.org/1", None]})
    top = quote_examples(behind, docs, n=2)
    assert top["utterance_id"].tolist() == ["x", "y"] and top["title"].tolist() == ["T1", "T2"]
    periods = pd.DataFrame({"period": ["2022-01", "2022-02"], "sentiment_mean": [0.1, -0.2],
                            "sentiment_ci_low": [0.0, -0.4], "sentiment_ci_high": [0.2, 0.0], "sentiment_n": [3, 0]})
    assert period_table(periods, []).values.tolist() == [["2022-01", "sentiment", 0.1, 0.0, 0.2, 3]]
    utts = pd.DataFrame({"speaker_id": ["a", "a", "b"], "outlet": ["O", "P", "O"]})
    assert outlet_speakers_table(utts, ["a", "b"], ["O"]).values.tolist() == [["a", "O", 1], ["b", "O", 1]]
    outlets = pd.DataFrame({"outlet": ["P", "O", None], "n_utterances": [1, 5, 9]})
    assert top_outlets(outlets, n=5) == ["O", "P"]
    assert more_rows_html(3, 5, "x.csv") == "" and "The first 5 of 9 rows" in more_rows_html(9, 5, "x.csv")


def test_stance_cells_with_examples_show_few_quotes_and_link_the_article():
    targets = [Target("Russia", {"en": ("Russia",)})]
    stance = pd.DataFrame({"speaker_id": ["a"], "target": ["Russia"], "n_mentions": [4], "favor": [0.25],
                           "against": [0.5]})
    behind = pd.DataFrame({"speaker_id": ["a"] * 4, "target": ["Russia"] * 4, "utterance_id": list("wxyz"),
                           "doc_id": ["d1"] * 4, "paragraph": [1, 2, 3, 4], "label": ["against"] * 4,
                           "score": [-0.1, -0.9, -0.5, -0.2], "content": ["<w>", "x", "y", "z"]})
    docs = pd.DataFrame({"doc_id": ["d1"], "title": ["Title"], "outlet": ["O"], "date": ["2022-01-01"],
                         "url": ['https://x.org/a"b']})
    html = stance_cells_html(stance, behind, targets=targets, documents=docs, examples=2)
    assert html.count("<li>") == 2 and "2 more in tables/stance_utterances.csv" in html
    assert '<a href="https://x.org/a&quot;b"><bdi>Title</bdi></a>' in html and "&lt;w&gt;" not in html
    assert "own words" not in html  # the scorer did not say where the target is named
    named = stance_cells_html(stance.assign(n_named=[1]), behind, targets=targets)
    assert "0.25 / 0.50 (n=4; 1 in own words)" in named and "“In own words”: the utterances in which" in named


def test_the_speakers_table_shows_the_side_of_the_analysis_table_or_of_the_utterances():
    from framing.report.tables import report_speakers_table

    speakers = pd.DataFrame({"speaker_id": ["a", "b"], "speaker": ["A", "B"], "name_ar": [None, None],
                             "kind": ["person", "anonymous"], "affiliation": ["", None], "side": ["Russia", ""],
                             "n_utterances": [3, 1], "n_documents": [1, 1], "low_n": [False, True]})
    utterances = pd.DataFrame({"speaker_id": ["a", "b"], "side": ["Egypt", "Yemen"]})
    assert report_speakers_table(speakers, utterances)["side"].tolist()[0] == "Russia"
    assert pd.isna(report_speakers_table(speakers, utterances)["side"].iloc[1])
    # a table written before speakers had a side: the one their utterances carry most often
    older = report_speakers_table(speakers.drop(columns="side"), utterances)
    assert older["side"].tolist() == ["Egypt", "Yemen"]


def test_the_trust_table_flags_a_one_sided_corpus_balance_not_a_given_one():
    from framing.report.tables import stance_quality_table

    quality = {"targets": [{"target": "Ukraine", "measured": False}, {"target": "NATO", "measured": False},
                           {"target": "EU", "measured": False}]}
    priors = {"Ukraine": {"favor": 0.98, "against": 0.004, "neutral": 0.016, "candidates": 6577},
              "NATO": {"favor": 0.74, "against": 0.24, "neutral": 0.02, "candidates": 1257},
              "EU": {"favor": 0.95, "against": 0.02, "neutral": 0.03, "candidates": 40, "given": "b.yml"}}
    read_with = stance_quality_table(quality, priors).set_index("target")["sides read with"]
    assert "one-sided: every speaker's side is pulled toward favor" in read_with["Ukraine"]
    assert "one-sided" not in read_with["NATO"] and "one-sided" not in read_with["EU"]


def test_the_trust_table_says_which_training_target_a_renamed_one_is_read_as():
    from framing.report.tables import stance_quality_table

    quality = {"targets": [{"target": "Islamic State", "measured": True, "pairs": 10, "right": 9, "accuracy": 0.9,
                            "majority_side": "against", "majority": 0.95, "labelled": 9, "side_right": 9,
                            "side_accuracy": 1.0, "side_majority": 1.0, "trained_as": "ISIS"},
                           {"target": "Ukraine", "measured": False}]}
    priors = {"Ukraine": {"favor": 0.6, "against": 0.2, "neutral": 0.2, "candidates": 50}}
    table = stance_quality_table(quality, priors)
    assert table["target"].tolist() == ["Islamic State (read as ISIS)", "Ukraine"]
    assert table["sides read with"].tolist()[0] == "the balance the model learned"
    assert table["sides read with"].tolist()[1].startswith("the corpus' balance")
