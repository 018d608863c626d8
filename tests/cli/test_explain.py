"""framing explain: one speaker's stance toward one target, document by document, with what decided it."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.cli import main


@pytest.fixture(scope="module")
def analysis(seed_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("explain") / "out"
    assert main(["analyze", str(seed_path), "--out", str(out), "--n-boot", "20"]) == 0
    return out


def _decided(out) -> pd.DataFrame:
    """The sample's statements with a side or neutral toward some target, with where it is named."""
    u = pd.read_parquet(out / "utterances.parquet").merge(pd.read_parquet(out / "measures.parquet"), on="utterance_id")
    rows = []
    for col in [c for c in u.columns if c.endswith("_named_in")]:
        slug = col[len("stance_"):-len("_named_in")]
        hit = u[u[f"stance_{slug}_label"] != "none"]
        rows += [{"speaker_id": r.speaker_id, "speaker": r.speaker, "slug": slug, "named_in": getattr(r, col)}
                 for r in hit.itertuples()]
    return pd.DataFrame(rows)


def test_the_summary_counts_documents_by_side_and_those_in_own_words(analysis, capsys):
    decided = _decided(analysis)
    first = decided.iloc[0]
    assert main(["explain", str(analysis), "--speaker", first["speaker"], "--target", first["slug"]]) == 0
    out = capsys.readouterr().out
    mine = decided[(decided.speaker_id == first["speaker_id"]) & (decided.slug == first["slug"])]
    own = mine["named_in"].eq("content").any()
    assert out.startswith(f"{first['speaker']} ({first['speaker_id']}) addresses ")
    assert " in their one document (" in out.splitlines()[0]
    assert ("Their own words name" if own else "The side rests on the context alone") in out.splitlines()[0]
    # each statement line gives its label, score and where the target is named
    assert any(w in out for w in ("content", "paragraph", "headline", "article"))


def test_csv_lists_every_deciding_statement_with_where_the_target_is_named(analysis, capsys):
    decided = _decided(analysis)
    first = decided.iloc[0]
    assert main(["explain", str(analysis), "--speaker", first["speaker_id"], "--target", first["slug"], "--csv"]) == 0
    rows = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out), keep_default_na=False)
    mine = decided[(decided.speaker_id == first["speaker_id"]) & (decided.slug == first["slug"])]
    assert len(rows) == len(mine) and sorted(rows["named_in"]) == sorted(mine["named_in"])


@pytest.mark.parametrize("argv, words", [
    (["--speaker", "Kremlinn", "--target", "NATO"], "no speaker 'Kremlinn'; did you mean 'Kremlin'?"),
    (["--speaker", "Kremlin", "--target", "Natto"], "no stance target 'Natto' in this run; did you mean 'NATO'?"),
    (["--speaker", "Kremlin", "--target", "NATO", "--doc", "nowhere"], "Kremlin has no statement in document"),
])
def test_a_mistyped_speaker_target_or_document_is_named_with_a_suggestion(analysis, capsys, argv, words):
    assert main(["explain", str(analysis), *argv]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1


def test_a_part_of_several_names_lists_them(analysis, capsys):
    assert main(["explain", str(analysis), "--speaker", "a", "--target", "NATO"]) == 2
    assert "speakers match 'a':" in capsys.readouterr().err


def test_a_name_part_that_begins_one_name_is_that_speaker():
    import pandas as pd

    from framing.cli.explain import find_speaker

    u = pd.DataFrame({"speaker_id": ["k", "anon:k:1", "z"], "speaker": ["King Salman bin Abdulaziz",
                      "anonymous (King Salman bin Abdulaziz): مستشار", "Zayani"]})
    assert find_speaker(u, "king salman", "out") == ("k", "King Salman bin Abdulaziz")
    assert find_speaker(u, "z", "out") == ("z", "Zayani")


def test_a_new_target_says_the_balance_its_sides_were_read_with(analysis, capsys):
    decided = _decided(analysis)
    nato = decided[decided.slug == "nato"].iloc[0]
    assert main(["explain", str(analysis), "--speaker", nato["speaker"], "--target", "NATO"]) == 0
    out = capsys.readouterr().out
    assert "The stance model learned no balance of sides for NATO here: sides read with the corpus' balance" in out
    russia = decided[decided.slug == "russia"].iloc[0]
    assert main(["explain", str(analysis), "--speaker", russia["speaker"], "--target", "Russia"]) == 0
    assert "learned no balance" not in capsys.readouterr().out


def test_a_one_sided_corpus_balance_is_flagged_and_a_mixed_one_is_not():
    from framing.cli.explain import balance_line
    from framing.stance.priors import ONE_SIDED

    lopsided = balance_line("Ukraine", {"favor": 0.98, "against": 0.004, "neutral": 0.016, "candidates": 6577})
    assert "pulls every speaker's side toward favor" in lopsided and "--no-stance-priors" in lopsided
    mixed = balance_line("NATO", {"favor": 0.2, "against": 0.7, "neutral": 0.1, "candidates": 25})
    assert "one-sided" not in mixed
    # a researcher's own coded balance is theirs to give: no warning on it
    given = balance_line("Ukraine", {"favor": ONE_SIDED + 0.05, "against": 0.02, "neutral": 0.03, "given": "b.yml"})
    assert "one-sided" not in given
