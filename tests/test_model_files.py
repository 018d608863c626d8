"""The one save format of the sentiment and stance models (framing.model_files)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from framing.errors import InputError
from framing.model_files import (STANDARD_KEYS, command_line, data_sha256, read_metadata, read_part, save_model,
                                 standard_metadata)


def test_a_folder_round_trips_with_every_standard_key(tmp_path):
    folder = save_model(tmp_path / "m", {"format": "demo", "method": "demo.v1", "command": "framing train x"},
                        json_parts={"weights.json": {"w": [1, 2]}}, joblib_parts={"part.joblib": {"k": (1, 2)}})
    meta = read_metadata(folder, formats=("demo",), methods=("demo.v1",))
    assert set(STANDARD_KEYS) <= set(meta) and meta["command"] == "framing train x" and meta["training_sha256"] is None
    assert read_part(folder, "weights.json") == {"w": [1, 2]} and read_part(folder, "part.joblib") == {"k": (1, 2)}


def test_reading_names_what_is_wrong(tmp_path):
    with pytest.raises(InputError, match="no metadata.json"):
        read_metadata(tmp_path)
    folder = save_model(tmp_path / "m", {"format": "demo", "method": "demo.v1"})
    with pytest.raises(InputError, match="not a framing stance model"):
        read_metadata(folder, formats=("other",), what="stance model")
    with pytest.raises(InputError, match="saved with method 'demo.v1', not a model; this version reads 'demo.v2'"):
        read_metadata(folder, methods=("demo.v2",))
    with pytest.raises(InputError, match="not a stance model; this version reads 'demo.v3' and 'demo.v2'"):
        read_metadata(folder, methods=("demo.v3", "demo.v2"), what="stance model")
    with pytest.raises(InputError, match="no weights.json"):
        read_part(folder, "weights.json")
    (folder / "bad.joblib").write_bytes(b"not a pickle")
    with pytest.raises(InputError, match="bad.joblib: not readable"):
        read_part(folder, "bad.joblib")


def test_the_command_is_recorded_only_for_the_framing_command_line():
    assert command_line(["/x/framing/__main__.py", "train", "stance"]) == "framing train stance"
    assert command_line(["/x/bin/framing", "validate", "train", "a b.csv"]) == "framing validate train 'a b.csv'"
    assert command_line(["/x/bin/python", "script.py"]) == "" and command_line([]) == ""


def test_the_data_hash_follows_the_files_and_their_order():
    a, b = {"file": "a", "sha256": "1"}, {"file": "b", "sha256": "2"}
    assert data_sha256([a, b]) == data_sha256([dict(a), dict(b)]) != data_sha256([b, a])
    assert standard_metadata({"method": "m"})["cross_validation"] is None


def test_sentiment_and_stance_models_share_the_format(tmp_path):
    from framing.sentiment import SupervisedSentiment
    from framing.stance.news_model import MODEL_DIR, load_news_model
    from framing.stance.news_training import save_news_model, training_sha256

    X = pd.DataFrame({"utterance_id": range(4), "lang": "en", "content": ["good", "fine", "bad", "awful"]})
    sentiment = SupervisedSentiment(min_df=1).fit(X, ["positive", "positive", "negative", "negative"])
    folder = sentiment.save(tmp_path / "sentiment", command="framing validate train sheet.csv")
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    assert meta["command"] == "framing validate train sheet.csv" and len(meta["training_sha256"]) == 64
    # the shipped news stance model: the same keys, its data hash from its data files
    shipped = load_news_model()
    assert set(STANDARD_KEYS) <= set(shipped.metadata)
    assert shipped.metadata["training_sha256"] == training_sha256(shipped.metadata["data"])
    assert shipped.metadata["command"].startswith("framing train stance")
    again = load_news_model(str(save_news_model(shipped, tmp_path / "news")))
    assert again.metadata == shipped.metadata
    assert read_part(tmp_path / "news", "weights.json") == read_part(MODEL_DIR, "weights.json")
