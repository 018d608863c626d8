"""The attribution models' save format."""

import json

from framing.attribution.model_files import read_model, write_model


def test_weights_are_sorted_rounded_json_beside_their_metadata(tmp_path):
    folder = write_model(tmp_path / "m", {"method": "x.v1", "data": {"sha256": "ab"}}, {"z": 1 / 3, "a": 2.0},
                         digits=3, intercept=-1.0, threshold=0.4)
    payload = json.loads((folder / "weights.json").read_text(encoding="utf-8"))
    assert list(payload["weights"].items()) == [("a", 2.0), ("z", 0.333)]
    meta, again = read_model(folder)
    assert meta == {"method": "x.v1", "data": {"sha256": "ab"}, "n_weights": 2}
    assert (again["intercept"], again["threshold"]) == (-1.0, 0.4)
