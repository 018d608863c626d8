"""The save format of the attribution models: a folder with ``metadata.json`` and ``weights.json``.

Both learned attribution components are linear models over named binary
features, so their weights are stored as plain JSON (a feature name, a
number): readable, diffable, and loaded without unpickling anything.
``metadata.json`` says how the model was made (method, training command,
data hashes, settings, scores).

Examples
--------
>>> import tempfile
>>> folder = write_model(tempfile.mkdtemp(), {"method": "m.v1"}, {"b": 0.5, "a": -1.0}, intercept=0.1)
>>> meta, payload = read_model(folder)
>>> meta["n_weights"], list(payload["weights"]), payload["intercept"]
(2, ['a', 'b'], 0.1)
"""

from __future__ import annotations

import json
from pathlib import Path


def write_model(folder, metadata: dict, weights: dict[str, float], *, digits: int = 6, **extra) -> Path:
    """Write a model folder (created if needed); ``extra`` values go beside the weights (intercept, threshold)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    meta = dict(metadata, n_weights=len(weights))
    (folder / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    payload = dict(extra, weights={k: round(v, digits) for k, v in sorted(weights.items())})
    (folder / "weights.json").write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return folder


def read_model(folder) -> tuple[dict, dict]:
    """``(metadata, payload)`` of a model folder written by :func:`write_model`."""
    folder = Path(folder)
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    payload = json.loads((folder / "weights.json").read_text(encoding="utf-8"))
    return meta, payload
