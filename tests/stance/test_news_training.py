"""Tests for framing.stance.news_training: coded lines joined to statements, cross-validation, the CLI."""

import json

import pytest

from framing.cli import main
from framing.errors import InputError
from framing.stance.news_training import cross_validate, fit_news_model, read_stance_codes, stance_examples

TARGETS_YML = """targets:
  - name: Iran
    aliases: {ar: [إيران, الإيراني]}
  - name: Egypt
    aliases: {ar: [مصر]}
"""


def _docs(n=6):
    docs = []
    for i in range(n):
        if i % 2:
            body = "وقال الوزير إن إيران تهدد أمن المنطقة.\n\nوأضاف أن مصر شريك مهم."
        else:
            body = "وقال المتحدث إن إيران دولة جارة.\n\nوأكد أن التعاون مع مصر سيستمر."
        docs.append({"doc_id": f"d{i}", "text": f"عنوان الخبر {i}\n\n{body}", "lang": "ar"})
    return docs


def _codes(n=6):
    rows = []
    for i in range(n):
        iran = "against" if i % 2 else "neutral"
        rows.append({"unit": "statement", "doc": f"d{i}", "paragraph": 1, "cue": "وقال", "target": "Iran",
                     "stance": iran, "confidence": "clear"})
        rows.append({"unit": "statement", "doc": f"d{i}", "paragraph": 2, "cue": "وأضاف" if i % 2 else "وأكد",
                     "target": "Egypt", "stance": "favor" if i % 2 else "none", "confidence": "implied"})
    return rows


def test_statement_lines_label_the_candidates(tmp_path):
    targets = tmp_path / "targets.yml"
    targets.write_text(TARGETS_YML, encoding="utf-8")
    X, y, groups, stats = stance_examples(_docs(), _codes(), [], targets=targets)
    assert stats["examples"] == len(y) == len(X) == len(groups)
    pairs = {(g, f[0], label) for f, label, g in zip(X, y, groups)}
    assert ("d1", "content", "against") in pairs and ("d0", "content", "neutral") in pairs
    assert ("d1", "content", "favor") in pairs and ("d0", "content", "none") in pairs
    # the other target named elsewhere in the article has no line: skipped, not taken for "none"
    assert {f[0] for f in X} == {"content"} and stats["unlabelled"] == 12


def test_an_unlabelled_candidate_is_left_out(tmp_path):
    targets = tmp_path / "targets.yml"
    targets.write_text(TARGETS_YML, encoding="utf-8")
    codes = [c for c in _codes() if c["target"] == "Iran"]
    X, y, groups, stats = stance_examples(_docs(), codes, [], targets=targets)
    assert stats["unlabelled"] > 0 and "favor" not in y


def test_bad_lines_are_named(tmp_path):
    f = tmp_path / "codes.jsonl"
    f.write_text(json.dumps({"unit": "statement", "doc": "d", "paragraph": 1, "cue": "قال", "target": "Iran",
                             "stance": "maybe"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"codes.jsonl: record 1: stance 'maybe'"):
        read_stance_codes(f)
    f.write_text(json.dumps({"unit": "speaker", "doc": "d", "target": "Iran", "stance": "favor"}) + "\n",
                 encoding="utf-8")
    with pytest.raises(InputError, match="needs speaker"):
        read_stance_codes(f)


def test_cross_validation_prints_its_baselines():
    X = [["content", "content:rule=ag"]] * 20 + [["content", "content:rule=fav"]] * 10 + [["article"]] * 30
    y = ["against"] * 20 + ["favor"] * 10 + ["none"] * 30
    groups = [f"d{i % 10}" for i in range(60)]
    cv = cross_validate(X, y, groups, folds=5)
    assert cv["accuracy"] == 1.0 and cv["majority"] == 0.5 and cv["side_majority"] == round(20 / 30, 4)
    model = fit_news_model(X, y)
    assert model.classes[int(model.proba(["article"]).argmax())] == "none"


def _write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _training_files(tmp_path, n=10):
    """A corpus of ``n`` coded articles, their codes and their targets, as files."""
    targets = tmp_path / "targets.yml"
    targets.write_text(TARGETS_YML, encoding="utf-8")
    return _write_jsonl(tmp_path / "news.jsonl", _docs(n)), _write_jsonl(tmp_path / "codes.jsonl", _codes(n)), targets


def test_train_stance_writes_a_model_the_scorer_loads(tmp_path, capsys):
    corpus, codes, targets = _training_files(tmp_path)
    out = tmp_path / "model"
    assert main(["train", "stance", str(corpus), "--id-col", "doc_id", "--annotations", str(codes), "--targets",
                 str(targets), "--folds", "2", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "cross-validation by article" in printed and "always" in printed
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["data"]["codes"][0]["file"] == "codes.jsonl" and meta["settings"]["none_threshold"] == 0.5
    from framing.stance.news_model import NewsStance
    import pandas as pd
    X = pd.DataFrame({"utterance_id": ["u"], "content": ["إن إيران تهدد أمن المنطقة"], "lang": ["ar"],
                      "cue": ["وقال"]})
    assert NewsStance(targets, model=out).fit().transform(X)["stance_iran_label"].item() in ("against", "neutral")
    # beside it, the model for targets it was not trained on: no feature of a target's balance of sides,
    # cross-validated as if every training target were new, and read back with the folder
    generic = json.loads((out / "generic_weights.json").read_text(encoding="utf-8"))
    assert generic["features"] and not any(f.startswith(("target=", "side=")) for f in generic["features"])
    assert any(f.startswith("target=") for f in json.loads((out / "weights.json").read_text(encoding="utf-8"))["features"])
    assert 0 <= meta["generic"]["cross_validation"]["macro_f1"] <= 1
    assert "for targets it was not trained on" in printed
    assert len(NewsStance(targets, model=out).fit().model_.generic.index) == len(generic["features"])
    # the targets whose balance it learned, with their aliases, for a run that names them otherwise
    trained = json.loads((out / "targets.json").read_text(encoding="utf-8"))
    assert {t["name"] for t in trained} <= {"Iran", "Egypt"} and "Iran" in {t["name"] for t in trained}
    renamed = tmp_path / "renamed.yml"
    renamed.write_text("targets:\n  - name: Tehran government\n    aliases: {ar: [إيران, الإيراني]}\n",
                       encoding="utf-8")
    assert NewsStance(renamed, model=out).fit().model_slug(0) == "iran"
    # a folder this command did not write is refused
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("x", encoding="utf-8")
    assert main(["train", "stance", str(corpus), "--annotations", str(codes), "--out", str(other)]) == 2


def test_train_stance_refuses_bad_settings(tmp_path, capsys):
    assert main(["train", "stance", "x.jsonl", "--annotations", "c.jsonl", "--out", str(tmp_path / "m"),
                 "--none-threshold", "0"]) == 2
    assert "--none-threshold" in capsys.readouterr().err


def _speaker_docs(n=12):
    docs = []
    for i in range(n):
        body = ("قال الوزير إن إيران تهدد أمن المنطقة وتدعم الإرهاب." if i % 2 else
                "قال الوزير إن الطقس حار.\n\nوأشار التقرير إلى زيارة وفد من إيران.")
        docs.append({"doc_id": f"s{i}", "text": f"خبر عن إيران {i}\n\n{body}", "lang": "ar"})
    return docs


def _speaker_codes(docs):
    from framing.attribution.pipeline import document_columns

    rows = []
    for i, doc in enumerate(docs):
        strings = sorted(set(map(str, document_columns(doc)["speaker"])))
        if i % 2:  # the minister speaks against Iran; in the others nobody addresses it
            rows.append({"unit": "speaker", "doc": doc["doc_id"], "speaker": "the minister", "system": strings,
                         "target": "Iran", "stance": "against", "confidence": "clear"})
        else:
            rows.append({"unit": "none", "doc": doc["doc_id"]})
    return rows


def test_speaker_examples_label_the_runs_groups_through_the_coded_toolkit_speakers(tmp_path):
    from framing.stance.news_model import load_news_model
    from framing.stance.news_training import speaker_examples
    from framing.stance.speaker_model import FEATURES

    targets = tmp_path / "targets.yml"
    targets.write_text(TARGETS_YML, encoding="utf-8")
    docs = _speaker_docs(4)
    ex = speaker_examples(load_news_model(), docs, _speaker_codes(docs), targets=str(targets))
    assert ex["X"].shape[1] == len(FEATURES)
    by_doc = dict(zip(ex["doc"], ex["gold"]))
    assert by_doc["s1"] == "against" and by_doc["s3"] == "against"
    assert all(by_doc[d] == "none" for d in ("s0", "s2") if d in by_doc)


def test_speaker_examples_find_a_code_whose_listed_phrase_the_run_writes_longer(tmp_path):
    from framing.stance.news_model import load_news_model
    from framing.stance.news_training import speaker_examples

    targets = tmp_path / "targets.yml"
    targets.write_text(TARGETS_YML, encoding="utf-8")
    docs = [{**d, "text": d["text"].replace("قال الوزير", "قال وزير الخارجية")} for d in _speaker_docs(4)]
    codes = _speaker_codes(docs)
    for c in codes:
        if c["unit"] == "speaker":
            c["system"] = [s + " أمس" for s in c["system"]]  # as an earlier release wrote the phrase
    by_doc = dict(zip(*(lambda ex: (ex["doc"], ex["gold"]))(
        speaker_examples(load_news_model(), docs, codes, targets=str(targets)))))
    assert by_doc["s1"] == "against" and by_doc["s3"] == "against"


def test_train_stance_learns_a_speaker_model_from_speaker_codes_of_other_articles(tmp_path, capsys):
    corpus = tmp_path / "news.jsonl"
    docs = _docs(10) + _speaker_docs(12)
    corpus.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    codes = tmp_path / "codes.jsonl"
    codes.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in _codes(10)), encoding="utf-8")
    speakers = tmp_path / "speakers.jsonl"
    speakers.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in _speaker_codes(_speaker_docs(12))),
                        encoding="utf-8")
    targets = tmp_path / "targets.yml"
    targets.write_text(TARGETS_YML, encoding="utf-8")
    out = tmp_path / "model"
    assert main(["train", "stance", str(corpus), "--id-col", "doc_id", "--annotations", str(codes), "--targets",
                 str(targets), "--speaker-codes", str(speakers), "--folds", "2", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "speaker model:" in printed and "(the rule" in printed
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    report = meta["speaker_model"]
    assert report["addressed"] >= 1 and 0 < report["cross_validation"]["model"]["threshold"] <= 1
    assert meta["data"]["speaker_codes"][0]["file"] == "speakers.jsonl"
    assert (out / "speaker.json").exists()
    # per target, how the decisions compare with the coded speakers, printed beside the target's usual side
    per_target = report["cross_validation"]["per_target"]
    assert per_target and all(f["pairs"] >= f["labelled"] >= f["side_right"] for f in per_target.values())
    assert "per target, where a side is given" in printed
    assert all(name in printed for name in per_target)
    # speaker codes of articles that train the statement model are refused: the speaker model must not
    # learn from probabilities fitted on its own articles
    overlap = tmp_path / "overlap.jsonl"
    overlap.write_text(json.dumps({"unit": "none", "doc": "d0"}) + "\n" + speakers.read_text(encoding="utf-8"),
                       encoding="utf-8")
    assert main(["train", "stance", str(corpus), "--id-col", "doc_id", "--annotations", str(codes), "--targets",
                 str(targets), "--speaker-codes", str(overlap), "--folds", "2", "--out", str(tmp_path / "m2")]) == 2
    assert "also train the statement model" in capsys.readouterr().err


EN_TARGETS_YML = """targets:
  - name: Russia
    aliases: {en: [Russia, Russian]}
  - name: Egypt
    aliases: {en: [Egypt]}
"""


def _statements_en(n=6):
    """Press releases in their issuer's voice: no cue, two statements in one paragraph."""
    docs, codes = [], []
    for i in range(n):
        first = "The brutal war of Russia must end and its forces must leave." if i % 2 else \
            "The minister met officials from Russia on Monday."
        second = "We will keep working with partners across the region."
        docs.append({"doc_id": f"e{i}", "text": f"Statement on the talks\n\n{first} {second}", "lang": "en",
                     "outlet": "whitehouse"})
        start = len("Statement on the talks\n\n")
        codes.append({"unit": "statement", "doc": f"e{i}", "paragraph": 1, "cue": "", "start": start,
                      "target": "Russia", "stance": "against" if i % 2 else "neutral", "confidence": "clear"})
    return docs, codes


def test_statements_of_another_corpus_are_read_in_their_issuer_s_voice_and_keyed_by_offset(tmp_path):
    from framing.stance.news_training import coded_candidates

    targets = tmp_path / "en.yml"
    targets.write_text(EN_TARGETS_YML, encoding="utf-8")
    docs, codes = _statements_en()
    found = list(coded_candidates(docs, codes, [], targets=targets, issuer_voice=True))
    labelled = [(c["doc"], c["label"]) for c in found if c["label"] is not None]
    assert labelled == [(f"e{i}", "against" if i % 2 else "neutral") for i in range(6)]
    # read without the issuer's voice, the documents hold no statement to label
    assert not [c for c in coded_candidates(docs, codes, [], targets=targets) if c["label"] is not None]


def test_train_stance_learns_from_a_second_coded_corpus(tmp_path, capsys):
    corpus, codes, targets = _training_files(tmp_path)
    docs, en_codes = _statements_en(8)
    en_corpus, en_file = _write_jsonl(tmp_path / "en.jsonl", docs), _write_jsonl(tmp_path / "en_codes.jsonl", en_codes)
    en_targets = tmp_path / "en.yml"
    en_targets.write_text(EN_TARGETS_YML, encoding="utf-8")
    out = tmp_path / "model"
    base = ["train", "stance", str(corpus), "--id-col", "doc_id", "--annotations", str(codes), "--targets",
            str(targets), "--folds", "2", "--out", str(out)]
    assert main(base + ["--also-corpus", str(en_corpus)]) == 2
    assert "go together" in capsys.readouterr().err
    assert main(base + ["--also-corpus", str(en_corpus), "--also-annotations", str(en_file), "--also-targets",
                        str(en_targets), "--also-issuer-voice"]) == 0
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["languages"] == ["ar", "en"] and meta["data"]["also"]["issuer_voice"] is True
    assert meta["data"]["also"]["codes"][0]["file"] == "en_codes.jsonl"
