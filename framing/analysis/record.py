"""What an analysis folder was made from: ``run.json`` and ``targets.yml`` beside the tables.

``framing analyze --out OUT`` writes them with its tables, so a later step
(``framing report --from OUT``) reads the folder alone: the corpus as named,
how it was read and chosen (reader options, selection), the options of the
run, and the stance targets it scored, as a targets file that
:func:`framing.stance.targets.load_targets` reads back.

Examples
--------
>>> import tempfile
>>> from framing.stance.targets import Target, load_targets
>>> out = tempfile.mkdtemp()
>>> _ = write_run_record(out, corpus_name="news.jsonl", reader={"limit": 5}, options={"seed": 0},
...                      targets=[Target("NATO", {"en": ["NATO"]})])
>>> read_run_record(out)["reader"], [t.name for t in load_targets(f"{out}/targets.yml")]
({'limit': 5}, ['NATO'])
"""

from __future__ import annotations

import json
from pathlib import Path

RUN_RECORD = "run.json"
TARGETS_FILE = "targets.yml"


def _plain(value):
    """JSON-ready: paths as text, sets and tuples as lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in (sorted(value, key=str) if isinstance(value, (set, frozenset)) else value)]
    if isinstance(value, Path):
        return value.as_posix()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def write_run_record(out_dir, *, corpus_name: str, reader: dict | None, options: dict, targets,
                     counts: dict | None = None, aggregate: dict | None = None,
                     stance_quality: dict | None = None, stance_priors: dict | None = None) -> list[Path]:
    """Write ``run.json`` and ``targets.yml`` into ``out_dir``; return their paths.

    ``stance_quality`` (:func:`framing.stance.quality.quality_record`): how the
    stance model's decisions compare with coded speakers for each of the
    run's targets, for the report to show beside its stance figures.
    ``stance_priors`` (:mod:`framing.analysis.priors`): the balance of sides
    each target the stance model was not trained on was read with.
    """
    import yaml

    out = Path(out_dir)
    record = {"corpus": str(corpus_name), "reader": _plain(reader or {}), "options": _plain(options),
              "counts": _plain(counts or {}), "aggregate": _plain(aggregate or {})}
    if stance_quality:
        record["stance_quality"] = _plain(stance_quality)
    if stance_priors:
        record["stance_priors"] = _plain(stance_priors)
    run = out / RUN_RECORD
    run.write_text(json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    entries = []
    for t in targets:
        entry = {"name": t.name, "aliases": {k: list(v) for k, v in t.aliases.items()}}
        if t.exclude:
            entry["exclude"] = {k: list(v) for k, v in t.exclude.items()}
        if t.references:
            entry["references"] = {k: list(v) for k, v in t.references.items()}
        entries.append(entry)
    path = out / TARGETS_FILE
    path.write_text("# The stance targets this analysis scored (written by framing analyze).\n"
                    + yaml.safe_dump({"targets": entries}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return [run, path]


def read_run_record(out_dir) -> dict:
    """The ``run.json`` of an analysis folder ({} for a folder written before it existed)."""
    path = Path(out_dir) / RUN_RECORD
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def is_analysis_folder(path) -> bool:
    """Whether ``path`` is a folder ``framing analyze`` wrote: its ``run.json`` beside an utterances table.

    Such a folder is read by ``framing report --from`` and ``framing speakers``, never as a corpus: its CSV
    and Parquet tables would be read as documents.

    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> before = is_analysis_folder(out)
    >>> _ = write_run_record(out, corpus_name="news.jsonl", reader={}, options={}, targets=[])
    >>> _ = (Path(out) / "utterances.csv").write_text("utterance_id\\n", encoding="utf-8")
    >>> before, is_analysis_folder(out)
    (False, True)
    """
    p = Path(path)
    return p.is_dir() and (p / RUN_RECORD).is_file() \
        and any((p / f"utterances.{ext}").is_file() for ext in ("parquet", "csv"))


__all__ = ["RUN_RECORD", "TARGETS_FILE", "is_analysis_folder", "read_run_record", "write_run_record"]
