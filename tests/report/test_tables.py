"""Tests for framing.report.tables: CSV and booktabs LaTeX, the stance table and its linked cells."""

from __future__ import annotations

import pandas as pd

from framing.report.tables import stance_cells_html, stance_table, stance_utterances, write_table
from framing.stance.targets import Target


def test_write_table_csv_and_booktabs_latex(tmp_path):
    df = pd.DataFrame({"speaker": ["Peskov & co", "بيسكوف_x"], "n": [3, 1], "mean": [0.123456, float("nan")]})
    csv, tex = write_table(df, tmp_path, "speakers", caption="Speakers")
    assert csv.read_text(encoding="utf-8") == "speaker,n,mean\nPeskov & co,3,0.1235\nبيسكوف_x,1,\n"
    latex = tex.read_text(encoding="utf-8")
    for rule in ("\\toprule", "\\midrule", "\\bottomrule", "\\caption{Speakers}", "\\label{tab:speakers}"):
        assert rule in latex
    assert "Peskov \\& co & 3 & 0.12" in latex and "بيسكوف\\_x & 1 & --" in latex


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
