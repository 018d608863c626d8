"""``framing train speaker-spans``: a model from coded events, with its record."""

import json

from framing.attribution.speaker_model import SpeakerSpanModel
from framing.cli import main

TEXTS = ["خبر أول\nوقال المتحدث باسم الوزارة سامي العلي إن الوضع مستقر.\nوأضاف أن الحل قريب.",
         "خبر ثان\nوقال مسؤولون في وزارة النقل إن الطريق مغلق.\nوقالت الوزارة إن العمل جار.",
         "خبر ثالث\nوأكد الدكتور كريم نور أن النتائج جيدة.\nوأوضح أن الدراسة انتهت."]
GOLD = [("d0", 1, "وقال", "المتحدث باسم الوزارة سامي العلي"), ("d0", 2, "وأضاف", ""),
        ("d1", 1, "وقال", "مسؤولون في وزارة النقل"), ("d1", 2, "وقالت", "الوزارة"),
        ("d2", 1, "وأكد", "كريم نور"), ("d2", 2, "وأوضح", "")]


def _data(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n"
                              for i, t in enumerate(TEXTS)), encoding="utf-8")
    coded = tmp_path / "coded.jsonl"
    coded.write_text("".join(json.dumps({"doc": d, "paragraph": p, "cue": c, "mention": m, "speaker": "s"},
                                        ensure_ascii=False) + "\n" for d, p, c, m in GOLD), encoding="utf-8")
    return corpus, coded


def test_train_writes_a_model_with_its_record(tmp_path, capsys):
    corpus, coded = _data(tmp_path)
    out = tmp_path / "model"
    assert main(["train", "speaker-spans", str(corpus), "--id-col", "id", "--annotations", str(coded),
                 "--out", str(out), "--folds", "3"]) == 0
    printed = capsys.readouterr().out
    assert "3 articles, 6 coded verb events" in printed and "cross-validation" in printed
    model = SpeakerSpanModel.load(out)
    assert model.weights and model.metadata["data"]["groups"] == 6
    assert model.metadata["settings"] == {"C": 1.0, "folds": 3, "seed": 0}
    # rerunning into a folder it wrote is fine
    assert main(["train", "speaker-spans", str(corpus), "--id-col", "id", "--annotations", str(coded),
                 "--out", str(out), "--folds", "3"]) == 0


def test_train_never_writes_over_a_folder_it_did_not_write(tmp_path, capsys):
    corpus, coded = _data(tmp_path)
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["train", "speaker-spans", str(corpus), "--annotations", str(coded),
                 "--out", str(other)]) == 2
    assert "not a speaker-span model" in capsys.readouterr().err
    assert (other / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_train_cues_chooses_a_threshold_on_dev_and_records_it(tmp_path, capsys, fixtures):
    out = tmp_path / "cues"
    brat = str(fixtures / "brat")
    assert main(["train", "cues", "--train", brat, "--dev", brat, "--out", str(out), "--folds", "2"]) == 0
    assert "development attribution F1" in capsys.readouterr().out
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["threshold"] in meta["settings"]["thresholds"] and meta["veto"] in meta["settings"]["vetoes"]
    assert meta["data"]["cue_tokens"] > 0
    assert main(["train", "cues", "--train", str(tmp_path), "--dev", brat, "--out", str(tmp_path / "x")]) == 2
    assert "not a brat folder" in capsys.readouterr().err
