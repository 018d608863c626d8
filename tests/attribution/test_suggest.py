"""Registry suggestions for unregistered speakers: grouping variants, the proposed entries, the YAML."""

import pandas as pd
import pytest
import yaml

from framing.attribution.actors import KINDS as REGISTRY_KINDS
from framing.attribution.actors import Actor, Registry, read_actors
from framing.attribution.suggest import MARKER, actors_yaml, name_core, suggest_actors
from framing.errors import InputError


def utterances(rows):
    """An utterances table from (doc_id, speaker_id, speaker, mention, speaker_kind) rows."""
    return pd.DataFrame([{"utterance_id": str(i), "doc_id": d, "speaker_id": sid, "speaker": sp, "mention": m,
                          "speaker_kind": k} for i, (d, sid, sp, m, k) in enumerate(rows)])


def person(doc, sid, speaker, mention=None, kind="person"):
    return (doc, sid, speaker, speaker if mention is None else mention, kind)


@pytest.fixture(scope="module")
def empty():
    return Registry([])


@pytest.mark.parametrize("name, core, named", [
    ("Secretary of Commerce Martha L Greyson", "Martha L Greyson", True),
    ("Secretary Greyson", "Greyson", True),
    ("Commerce Secretary Martha Greyson", "Martha Greyson", True),
    ("Secretary of State Antony Blinken", "Antony Blinken", True),
    ("the Secretary", "Secretary", False),
    ("وزير الخارجية السعودي عادل الجبير", "عادل الجبير", True),
    ("الجبير", "الجبير", True),
    ("الخبير الاقتصادي سامي العلي", "سامي العلي", True),
    ("نائب قائد العمليات الخاصة التابعة لجهاز مكافحة الإرهاب العميد عبد الكريم السالم", "عبد الكريم السالم", True),
    ("ستيفان مولر المتحدث باسم الأمين العام للأمم المتحدة", "ستيفان مولر", True),
    ("المتحدث الرسمي باسم مركز الأمير خالد للإغاثة والأعمال الإنسانية نبيل الحداد", "نبيل الحداد", True),
    ("الرئيس الأميركي", "الرئيس الأميركي", False),
])
def test_name_core_drops_titles(name, core, named):
    words, is_named = name_core(name)
    assert (" ".join(words), is_named) == (core, named)


def test_a_body_keeps_its_whole_name():
    assert name_core("وزارة الداخلية الكويتية", "institution") == (["وزارة", "الداخلية", "الكويتية"], True)
    assert name_core("the Department of State", "institution")[0] == ["Department", "of", "State"]


def test_variants_of_one_person_are_one_group(empty):
    rows = [
        person("d1", "x:commerce_martha_l_greyson", "Secretary of Commerce Martha L Greyson"),
        person("d1", "x:commerce_martha_l_greyson", "Secretary of Commerce Martha L Greyson", "she"),
        person("d2", "x:greyson", "Secretary Greyson"),
        person("d3", "x:greyson", "Secretary Greyson", "Greyson"),
    ]
    [g] = suggest_actors(utterances(rows), empty)
    assert g["id"] == "martha_l_greyson" and g["name"] == "Martha L Greyson" and g["kind"] == "person"
    assert g["n_utterances"] == 4 and g["n_documents"] == 3
    assert g["speaker_ids"] == ["x:commerce_martha_l_greyson", "x:greyson"]
    assert g["names"]["en"][0] == "Secretary of Commerce Martha L Greyson"  # fullest first
    assert {"Martha L Greyson", "Greyson"} <= set(g["names"]["en"]) and g["names"]["ar"] == []
    assert len(g["examples"]) == 2 and all(m != "she" for m, _ in g["examples"])
    # with a second full name ending in "Greyson", the surname alone could be either: it stays apart
    rows += [person("d4", "x:martha_greyson", "Martha Greyson"), person("d5", "x:martha_greyson", "Martha Greyson")]
    names = sorted(g["name"] for g in suggest_actors(utterances(rows), empty))
    assert names == ["Greyson", "Martha Greyson", "Martha L Greyson"]


def test_arabic_surname_joins_the_one_full_name(empty):
    u = utterances([
        person("d1", "x:ar_a", "وزير الخارجية عادل الجبير"),
        person("d2", "x:ar_a", "عادل الجبير"),
        person("d3", "x:ar_b", "الجبير"),
        person("d3", "x:ar_b", "الجبير"),
    ])
    [g] = suggest_actors(u, empty)
    assert g["name"] == "عادل الجبير" and g["n_utterances"] == 4 and g["names"]["en"] == []
    assert g["names"]["ar"][0] == "وزير الخارجية عادل الجبير" and "الجبير" in g["names"]["ar"]
    assert g["id"].startswith("x_") and g["id"].isascii()


def test_an_ambiguous_surname_stays_alone(empty):
    u = utterances([
        person("d1", "x:ar_a", "علي صالح"), person("d1", "x:ar_a", "علي صالح"),
        person("d2", "x:ar_b", "أحمد صالح"), person("d2", "x:ar_b", "أحمد صالح"),
        person("d3", "x:ar_c", "صالح"), person("d4", "x:ar_c", "صالح"), person("d5", "x:ar_c", "صالح"),
    ])
    groups = suggest_actors(u, empty)
    assert [(g["name"], g["n_utterances"]) for g in groups] == [("صالح", 3), ("أحمد صالح", 2), ("علي صالح", 2)]


def test_only_unregistered_named_speakers_and_the_limits(empty):
    u = utterances([
        person("d1", "x:ar_a", "سامي العلي"), person("d2", "x:ar_a", "سامي العلي"), person("d3", "x:ar_a", "سامي العلي"),
        person("d1", "x:ar_b", "ناصر الحارثي"), person("d2", "x:ar_b", "ناصر الحارثي"),
        person("d1", "x:ar_c", "فالح الراشد"),
        person("d1", "dmitry_peskov", "Dmitry Peskov"), person("d2", "dmitry_peskov", "Dmitry Peskov"),
        person("d1", "anon:source:1234", "anonymous: مصدر", kind="anonymous"),
        person("d1", "anon:source:1234", "anonymous: مصدر", kind="anonymous"),
        ("d1", "unknown", "unknown", None, "unknown"),
    ])
    assert [g["name"] for g in suggest_actors(u, empty)] == ["سامي العلي", "ناصر الحارثي"]
    assert [g["name"] for g in suggest_actors(u, empty, min_utterances=1)][-1] == "فالح الراشد"
    assert [g["name"] for g in suggest_actors(u, empty, top=1)] == ["سامي العلي"]
    assert suggest_actors(u, empty, min_utterances=10) == []
    assert suggest_actors(u.iloc[0:0], empty) == []


def test_kind_is_the_most_common_and_one_the_registry_accepts(empty):
    u = utterances([
        person("d1", "x:acme", "ACME Corp", kind="institution"), person("d2", "x:acme", "ACME Corp", kind="institution"),
        person("d3", "x:acme", "ACME Corp"),
        person("d1", "x:the_gazette", "The Gazette", kind="media"), person("d2", "x:the_gazette", "The Gazette", kind="media"),
        person("d1", "x:jane_roe", "Jane Roe", kind=None), person("d2", "x:jane_roe", "Jane Roe", kind=None),
        person("d1", "x:the_crowd", "The Crowd", kind="crowd"), person("d2", "x:the_crowd", "The Crowd", kind="crowd"),
    ])
    kinds = {g["name"]: (g["kind"], g["kind_tagged"]) for g in suggest_actors(u, empty)}
    media = "media" if "media" in REGISTRY_KINDS else "institution"  # a kind the registry file accepts
    assert kinds == {"ACME Corp": ("institution", "institution"), "Gazette": (media, "media"),
                     "Jane Roe": ("person", ""), "Crowd": ("person", "crowd")}


def test_extraction_slips_and_registry_names_are_not_proposed():
    registry = Registry([Actor("acme", "ACME Corp", "institution", names={"en": ["ACME Corp"]})])
    u = utterances([
        person("d1", "x:let_me", "Let me"), person("d2", "x:let_me", "let me"),
        person("d1", "x:faced_fundamental", "faced fundamental"), person("d2", "x:faced_fundamental", "faced fundamental"),
        person("d1", "x:i_hereby", "I hereby"), person("d2", "x:i_hereby", "I hereby"),
        person("d1", "x:please", "Please"), person("d2", "x:please", "Please"), person("d3", "x:please", "please"),
        person("d1", "x:acme_corp", "ACME Corp"), person("d2", "x:acme_corp", "ACME Corp"),
        person("d1", "x:jane_roe", "Jane Roe"), person("d2", "x:jane_roe", "Jane Roe"),
    ])
    assert [g["name"] for g in suggest_actors(u, registry)] == ["Jane Roe"]


def test_a_title_is_commented_out_unless_its_last_word_is_used_alone(empty):
    u = utterances([
        person("d1", "x:ar_t", "الرئيس الأميركي"), person("d2", "x:ar_t", "الرئيس الأميركي"),
        person("d3", "x:ar_s", "المرجع الصرخي"), person("d3", "x:ar_s", "المرجع الصرخي", "الصرخي"),
    ])
    groups = {g["name"]: g for g in suggest_actors(u, empty)}
    assert groups["الرئيس الأميركي"]["title_only"]
    assert not groups["الصرخي"]["title_only"] and groups["الصرخي"]["names"]["ar"] == ["المرجع الصرخي", "الصرخي"]


def test_proposed_ids_are_unique_and_never_a_registry_id():
    registry = Registry([Actor("jane_roe", "Jane Roe (the registered one)")])
    u = utterances([
        person("d1", "x:jane_roe", "Jane Roe"), person("d2", "x:jane_roe", "Jane Roe"), person("d3", "x:jane_roe", "Jane Roe"),
        person("d1", "x:jane_roe_acme", "Jane Roe, ACME", kind="institution"),  # slugs to jane_roe_acme
        person("d2", "x:jane_roe_acme", "Jane Roe, ACME", kind="institution"),
        person("d1", "x:ar_1", "سامي العلي"), person("d2", "x:ar_1", "سامي العلي"),
    ])
    ids = [g["id"] for g in suggest_actors(u, registry)]
    assert ids[0] == "jane_roe_2" and len(set(ids)) == len(ids) and all(i.isascii() for i in ids)


def test_missing_columns_are_named():
    with pytest.raises(InputError, match="speaker_id"):
        suggest_actors(pd.DataFrame({"utterance_id": [], "doc_id": [], "speaker": []}), Registry([]))


def test_the_yaml_loads_back_as_a_registry(tmp_path, empty):
    u = utterances([
        person("d1", "x:ar_a", "الخبير الاقتصادي سامي العلي"), person("d2", "x:ar_a", "الخبير الاقتصادي سامي العلي"),
        person("d1", "x:o_brien", 'Sean "The Voice" O\'Brien: adviser', "O'Brien # not a comment"),
        person("d2", "x:o_brien", 'Sean "The Voice" O\'Brien: adviser'),
        person("d1", "x:ar_b", "الرئيس الأميركي"), person("d2", "x:ar_b", "الرئيس الأميركي"),
        person("d1", "x:ar_c", "المصرف المركزي", kind="media"), person("d2", "x:ar_c", "المصرف المركزي", kind="media"),
    ])
    groups = suggest_actors(u, empty)
    text = actors_yaml(groups, source="out", settings="top 100, at least 2 utterances")
    assert text.startswith(MARKER) and "utterances in 2 document(s)" in text
    path = tmp_path / "suggested.yml"
    path.write_text(text, encoding="utf-8")
    actors = {a.name: a for a in read_actors(path)}
    # a title with no name is written commented out: as a name it would take every holder of the title
    assert "الرئيس الأميركي" not in actors and '#   name: "الرئيس الأميركي"' in text
    # the names are words (a title after the name is cut); the mention in the comment keeps its "#"
    assert set(actors) == {"سامي العلي", "Sean The Voice O'Brien", "المصرف المركزي"}
    assert '"O\'Brien # not a comment"' in text
    assert actors["سامي العلي"].names["ar"] == ["الخبير الاقتصادي سامي العلي", "سامي العلي"]
    assert actors["المصرف المركزي"].kind in ("media", "institution")
    registry = Registry.load([path])
    assert all(g["id"] in registry for g in groups if not g["title_only"])
    assert registry.longest_match(["سامي", "العلي"], 0).actor.name == "سامي العلي"


def test_an_empty_suggestion_is_a_valid_registry(tmp_path):
    path = tmp_path / "none.yml"
    path.write_text(actors_yaml([]), encoding="utf-8")
    assert read_actors(path) == [] and yaml.safe_load(path.read_text(encoding="utf-8")) == {"actors": []}
