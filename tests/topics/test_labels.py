"""Editable topic labels: labels.yml written beside a model, edits read back and kept across saves and refits."""

from __future__ import annotations

import pytest
import yaml

from framing.errors import FramingError
from framing.topics.labels import FILE, carry_over, edited, read_labels
from framing.topics.model import TopicModel

from topics_support import SETTINGS


def _edit(path, topic, label):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["topics"][topic]["label"] = label
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_save_writes_automatic_labels_of_display_words(ar_model, tmp_path):
    d = ar_model.save(tmp_path / "m")
    entries = read_labels(d)
    assert [e["topic"] for e in entries] == [0, 1, 2]
    assert all(e["label"] == e["auto"] for e in entries) and edited(entries) == {}
    assert [e["auto"] for e in entries] == ar_model.topic_labels(edited=False)
    assert all(len(e["words"]) == 10 for e in entries)


def test_an_edited_label_is_shown_and_survives_saving_again(en_docs, tmp_path):
    tm = TopicModel(**SETTINGS).fit(en_docs)
    d = tm.save(tmp_path / "m")
    _edit(d / FILE, 1, "Health care")
    loaded = TopicModel.load(d)
    assert loaded.topic_labels()[1] == "Health care"
    assert loaded.topic_labels(edited=False)[1] != "Health care"
    loaded.save(d)
    assert TopicModel.load(d).topic_labels()[1] == "Health care"


def test_an_edited_label_follows_its_topic_into_a_refit(en_docs, tmp_path):
    first = TopicModel(**SETTINGS).fit(en_docs)
    d = first.save(tmp_path / "m")
    words = read_labels(d)[2]["words"]
    _edit(d / FILE, 2, "My topic")
    # another seed numbers the topics differently; the label goes to the topic with the same words
    refit = TopicModel(**{**SETTINGS, "seed": 5}).fit(en_docs)
    refit.save(d)
    entries = read_labels(d)
    target = [e for e in entries if set(e["words"][:5]) == set(words[:5])]
    assert len(target) == 1 and target[0]["label"] == "My topic"
    assert sum(e["label"] == "My topic" for e in entries) == 1


def test_carry_over_drops_a_label_whose_words_are_gone():
    entries = [{"topic": 0, "label": "Oil", "auto": "oil · crude", "words": ["oil", "crude", "opec"]}]
    assert carry_over(entries, [["goal", "match", "league"]]) == {}


def test_set_label_and_bad_files(en_model, tmp_path):
    tm = TopicModel(**SETTINGS).fit(["oil prices opec crude"] * 3 + ["football goal league match"] * 3)
    assert tm.set_label(0, "Oil").topic_labels()[0] == "Oil"
    assert tm.set_label(0, None).topic_labels()[0] != "Oil"
    with pytest.raises(FramingError, match="not in"):
        tm.set_label(7, "x")
    (tmp_path / FILE).write_text("topics: 3\n", encoding="utf-8")
    with pytest.raises(FramingError, match="expected 'topics:'"):
        read_labels(tmp_path)
