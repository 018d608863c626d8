"""Name variants of one unregistered person merged across a corpus (framing.attribution.variants)."""

import json

import pandas as pd

from framing.attribution.actors import unknown_speaker_id
from framing.attribution.variants import MERGE_COLUMNS, apply_merges, find_merges


def _utterances(rows):
    """Utterances from (doc_id, phrase, name part[, document part]) as the resolver would give them."""
    out = []
    for i, (doc, phrase, name, *local) in enumerate(rows):
        sid = unknown_speaker_id(name) + (f":{local[0]}" if local else "")
        out.append({"utterance_id": f"u{i}", "doc_id": doc, "speaker_id": sid, "speaker": phrase,
                    "speaker_kind": "person"})
    return pd.DataFrame(out)


def test_short_form_joins_its_one_long_form_with_title_evidence():
    u = _utterances([("d1", "وزير التعليم عزام الدخيل", "عزام الدخيل"),
                     ("d2", "وزير التعليم عزام الدخيل", "عزام الدخيل"),
                     ("d3", "وزير التعليم الدكتور عزام بن محمد الدخيّل", "عزام بن محمد الدخيّل")])
    m = find_merges(u)
    assert list(m.columns) == list(MERGE_COLUMNS)
    long_id = unknown_speaker_id("عزام بن محمد الدخيّل")
    assert m["speaker_id"].tolist() == [unknown_speaker_id("عزام الدخيل")]
    assert m["merged_into"].tolist() == [long_id] and m["rule"].tolist() == ["short form"]
    assert m["evidence"].str.startswith("title").all() and m["n_utterances"].tolist() == [2]
    merged = apply_merges(u, m)
    assert merged["speaker_id"].nunique() == 1 and set(merged["speaker_id"]) == {long_id}
    # the merged speaker keeps the fullest name
    assert set(merged["speaker"]) == {"وزير التعليم الدكتور عزام بن محمد الدخيّل"}
    # the merge can be undone from the table: it lists the utterances that carried the short form
    assert set(m["utterance_ids"].iloc[0].split()) == set(u.loc[u["doc_id"].isin(["d1", "d2"]), "utterance_id"])


def test_short_form_of_two_different_long_forms_stays_alone():
    rows = [("d1", "رئيس نادي الهلال محمد بن علي القحطاني", "محمد بن علي القحطاني"),
            ("d2", "رئيس نادي الهلال محمد بن سعد القحطاني", "محمد بن سعد القحطاني"),
            ("d3", "رئيس نادي الهلال محمد القحطاني", "محمد القحطاني")]
    assert find_merges(_utterances(rows)).empty
    # a long form named in one article only (a per-document id) still counts as another person
    rows[0] = rows[0] + ("d1",)
    assert find_merges(_utterances(rows)).empty


def test_no_merge_without_evidence_beyond_the_name():
    u = _utterances([("d1", "المواطن جديع القحطاني", "جديع القحطاني"),
                     ("d2", "المتحدث الرسمي للانتخابات البلدية جديع بن نهار القحطاني", "جديع بن نهار القحطاني")])
    assert find_merges(u).empty
    # an article that names both is evidence for a name with a patronymic
    u.loc[0, "doc_id"] = "d2"
    m = find_merges(u)
    assert m["evidence"].str.startswith("same article").all() and len(m) == 1


def test_per_document_ids_are_never_merged():
    u = _utterances([("d1", "وزير التعليم عزام الدخيل", "عزام الدخيل", "d1"),
                     ("d2", "وزير التعليم عزام الدخيل", "عزام الدخيل", "d2"),
                     ("d3", "وزير التعليم الدكتور عزام بن محمد الدخيل", "عزام بن محمد الدخيل", "d3")])
    assert find_merges(u).empty
    assert apply_merges(u, find_merges(u)).equals(u)


def test_spelling_variants_are_one_person():
    u = _utterances([("d1", "الداعية الإسلامي الدكتور عايض القرني", "عايض القرني"),
                     ("d2", "الداعية الإسلامي عائض القرني", "عائض القرني"),
                     ("d3", "الداعية الإسلامي عائض القرني", "عائض القرني")])
    m = find_merges(u)
    assert m["rule"].tolist() == ["spelling"]
    assert apply_merges(u, m)["speaker_id"].nunique() == 1


def test_the_off_switch_keeps_every_variant(tmp_path):
    from framing.cli import main

    docs = [("a1", "وقال وزير التعليم الدكتور عزام بن محمد الدخيل إن المدارس ستفتح أبوابها الأسبوع المقبل."),
            ("a2", "وقال وزير التعليم عزام الدخيل إن الاختبارات ستبدأ في موعدها.")]
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "text": t, "lang": "ar"}, ensure_ascii=False) + "\n"
                              for i, t in docs), encoding="utf-8")
    ids = {}
    for name, extra in (("on", []), ("off", ["--no-merge-variants"])):
        out = tmp_path / name
        assert main(["analyze", str(corpus), "--out", str(out), "--n-boot", "10", *extra]) == 0
        u = pd.read_parquet(out / "utterances.parquet")
        merges = pd.read_parquet(out / "speaker_merges.parquet")
        speakers = pd.read_parquet(out / "speakers.parquet")
        ids[name] = (u["speaker_id"].nunique(), len(merges), len(speakers))
        assert json.loads((out / "run.json").read_text())["options"]["merge_variants"] is (name == "on")
    assert ids["off"][0] == ids["on"][0] + 1 and ids["off"][1] == 0 and ids["on"][1] == 1
    assert ids["off"][2] == ids["on"][2] + 1
