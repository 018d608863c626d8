"""The one save format of the sentiment and stance models: a folder with ``metadata.json`` beside its parts.

Every model the sentiment and stance scorers save is a folder:

* ``metadata.json`` says what the model is and how it was made.  Whatever
  else a model records, these keys are always there (``None`` when a
  trainer has nothing to say): ``format`` (what reads the folder),
  ``method`` (the versioned method name), ``command`` (the command line
  that trained it), ``training_sha256`` (a hash of the training data),
  ``cross_validation`` (its scores), ``framing_version``.
* its parts: JSON files (weights of a linear model over named features,
  readable and loaded without running code) or joblib files (a fitted
  scikit-learn pipeline; loading one runs code from it, so load only
  folders you trust).

:class:`framing.scorers.NgramLogisticScorer` (the supervised sentiment and
stance scorers) and the news stance model
(:mod:`framing.stance.news_training`, :func:`framing.stance.news_model.load_news_model`)
write and read through :func:`save_model`, :func:`read_metadata` and :func:`read_part`.

Examples
--------
>>> import tempfile
>>> folder = save_model(tempfile.mkdtemp(), {"format": "demo", "method": "demo.v1"},
...                     json_parts={"weights.json": {"a": 0.5}})
>>> meta = read_metadata(folder, formats=("demo",))
>>> meta["method"], meta["command"], read_part(folder, "weights.json")
('demo.v1', None, {'a': 0.5})
"""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

from framing.errors import InputError

METADATA = "metadata.json"
#: Keys every saved model's metadata has.
STANDARD_KEYS = ("format", "method", "command", "training_sha256", "cross_validation", "framing_version")


def command_line(argv: list[str] | None = None) -> str:
    """The ``framing ...`` command this process runs, or ``""`` when it is not the framing command line.

    >>> command_line(["/usr/bin/framing", "train", "stance", "a b.jsonl"])
    "framing train stance 'a b.jsonl'"
    >>> command_line(["pytest", "-q"])
    ''
    """
    argv = sys.argv if argv is None else argv
    if not argv:
        return ""
    name = Path(argv[0])
    ours = name.name == "framing" or (name.name == "__main__.py" and name.parent.name == "framing")
    return "framing " + " ".join(shlex.quote(a) for a in argv[1:]) if ours else ""


def data_sha256(records) -> str:
    """One SHA-256 for training data described by several files: over their records, in order.

    ``records`` are JSON-ready values (e.g. ``{"file": ..., "sha256": ...}``).

    >>> data_sha256([{"file": "a.jsonl", "sha256": "00"}])[:12]
    '2704c2ab84f3'
    """
    from framing.scorers import rows_sha256

    return rows_sha256([r] for r in records)


def standard_metadata(metadata: dict) -> dict:
    """``metadata`` with every :data:`STANDARD_KEYS` key present (``None`` where it lacked one)."""
    from framing import __version__

    out = {k: None for k in STANDARD_KEYS}
    out["framing_version"] = __version__
    out.update(metadata)
    return out


def save_model(folder, metadata: dict, *, json_parts: dict | None = None, joblib_parts: dict | None = None) -> Path:
    """Write a model folder (created if needed): ``metadata.json`` and the named parts; returns the folder.

    Parameters
    ----------
    folder : path
    metadata : dict
        JSON-ready; completed by :func:`standard_metadata`.
    json_parts, joblib_parts : dict of file name to object
        Parts written with :func:`json.dumps` or :func:`joblib.dump`.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, obj in (json_parts or {}).items():
        (folder / name).write_text(json.dumps(obj, ensure_ascii=False) + "\n", encoding="utf-8")
    if joblib_parts:
        import joblib

        for name, obj in joblib_parts.items():
            joblib.dump(obj, folder / name)
    # metadata last: a folder with it is a complete model
    (folder / METADATA).write_text(json.dumps(standard_metadata(metadata), ensure_ascii=False, indent=2,
                                              default=str) + "\n", encoding="utf-8")
    return folder


def read_metadata(folder, *, formats: tuple | None = None, methods: tuple | None = None,
                  what: str = "model") -> dict:
    """The metadata of a model folder, checked; raises :class:`InputError` saying what is wrong.

    Parameters
    ----------
    formats : tuple of str, optional
        Accepted ``format`` values (None: any, including none).
    methods : tuple of str, optional
        Accepted ``method`` values (None: any).
    what : str
        Name used in messages ("stance model").
    """
    folder = Path(folder)
    try:
        meta = json.loads((folder / METADATA).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{folder}: not a saved {what} (no {METADATA})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{folder / METADATA}: not valid JSON ({exc})") from None
    if not isinstance(meta, dict) or (formats is not None and meta.get("format") not in formats):
        raise InputError(f"{folder}: not a framing {what} (format "
                         f"{meta.get('format') if isinstance(meta, dict) else None!r})")
    if methods is not None and meta.get("method") not in methods:
        raise InputError(f"{folder}: saved with method {meta.get('method')!r}, not a {what}; this version "
                         f"reads {' and '.join(map(repr, methods))}")
    return standard_metadata(meta)


def read_part(folder, name: str):
    """One part of a model folder: ``.json`` parsed, anything else read with joblib."""
    path = Path(folder) / name
    if name.endswith(".json"):
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(f"{Path(folder)}: not a saved model (no {name})") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: not valid JSON ({exc})") from None
    import joblib

    try:
        return joblib.load(path)
    except FileNotFoundError:
        raise InputError(f"{Path(folder)}: not a saved model (no {name})") from None
    except Exception as exc:  # a truncated or foreign file: say which
        raise InputError(f"{path}: not readable ({type(exc).__name__}: {exc})") from None


__all__ = ["save_model", "read_metadata", "read_part", "standard_metadata", "data_sha256", "command_line",
           "STANDARD_KEYS", "METADATA"]
