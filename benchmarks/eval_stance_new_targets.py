"""Speaker stance on targets the model was not trained on: the same gold, every target given a new name.

A researcher's own targets file names targets the shipped stance model never
saw (its ``target=`` features are unknown); the development and held-out
gold name the training set's targets, so their figures measure the model on
targets it knows.  This script renames every target (``Iran`` becomes
``Iran (new)``, and its slug with it) in a copy of the targets file and of
the gold, analyses the corpus with the renamed targets, and prints
``framing eval stance`` of the runs, each beside always the most frequent label:
the targets as named; renamed, which the model reads as the training targets
whose aliases they keep (:mod:`framing.stance.known_targets`); and renamed with
a copy of the model folder that does not name its training targets
(``targets.json`` left out), so that every target is new to it, as a target
of another place and time is.

Usage (from the repository root)::

    python benchmarks/eval_stance_new_targets.py --dev
    python benchmarks/eval_stance_new_targets.py --corpus CORPUS --targets FILE --gold FILE [-- ANALYZE OPTIONS]

``--dev`` is the 40 Arabic development articles (``../shared/gold/ar_dev``).
Options after ``--`` go to ``framing analyze`` (``--where``, ``--stance-model``, ...); the
speaker round's held-out batch, with the model trained without it (the recipe
in ``corpora/annotations/stance_ar/README.md``)::

    python benchmarks/eval_stance_new_targets.py --corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz \\
        --targets corpora/annotations/stance_ar/targets.yml --gold corpora/annotations/stance_ar/speakers_a.jsonl \\
        -- --where doc_id=@corpora/annotations/stance_ar/articles_speakers.txt --stance-model HELD

The gold's speakers are found through the attribution events beside the gold
file, as ``framing eval stance`` finds them; the shared folder is ``../shared``
beside the repository (or ``$FRAMING_SHARED``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUFFIX = " (new)"


def shared_dir() -> Path:
    return Path(os.environ.get("FRAMING_SHARED") or ROOT.parent / "shared")


def renamed_targets(path: Path, out: Path) -> None:
    """A copy of a targets file with every target's name given :data:`SUFFIX`."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for target in data["targets"]:
        target["name"] = f"{target['name']}{SUFFIX}"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def renamed_gold(path: Path, out: Path) -> None:
    """A copy of a gold JSONL file whose lines name their target with :data:`SUFFIX`."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if "target" in row:
                row["target"] = f"{row['target']}{SUFFIX}"
            lines.append(json.dumps(row, ensure_ascii=False))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def framing(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "framing", *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"framing {' '.join(args[:2])} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def without_training_targets(extra: list[str], out: Path) -> list[str]:
    """``extra`` with ``--stance-model`` pointing at a copy of its model (the shipped one by default) without
    the part naming its training targets: it then knows a target by its name only."""
    import shutil

    from framing.stance.news_model import MODEL_DIR, TARGETS_PART

    extra = list(extra)
    at = extra.index("--stance-model") if "--stance-model" in extra else None
    source = Path(extra[at + 1]) if at is not None else MODEL_DIR
    shutil.copytree(source, out)
    (out / TARGETS_PART).unlink(missing_ok=True)
    if at is not None:
        extra[at + 1] = str(out)
        return extra
    return [*extra, "--stance-model", str(out)]


def evaluate(corpus: str, targets: Path, gold: Path, events: list[Path], analyze: list[str], out: Path) -> str:
    framing("analyze", corpus, "--targets", str(targets), "--out", str(out), *analyze)
    printed = framing("eval", "stance", "--pred", str(out), "--gold", str(gold), "--events", *map(str, events),
                      "--quiet")
    return printed.strip()


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dev", action="store_true", help="the 40 Arabic development articles")
    p.add_argument("--corpus")
    p.add_argument("--targets", type=Path)
    p.add_argument("--gold", type=Path)
    args = p.parse_args(argv)
    if args.dev:
        dev = shared_dir() / "gold" / "ar_dev"
        if not dev.is_dir():
            print(f"eval_stance_new_targets: {dev} not found (the shared folder beside the repository)",
                  file=sys.stderr)
            return 2
        args.corpus, args.targets, args.gold = str(dev / "articles"), dev / "stance_targets.yml", dev / "stance_gold.jsonl"
        extra = ["--metadata", str(dev / "articles.jsonl"), *extra]
    if not (args.corpus and args.targets and args.gold):
        p.error("give --dev, or --corpus, --targets and --gold")
    from framing.attribution.evaluate import holds_events

    events = [f for f in sorted(args.gold.parent.glob("*.jsonl")) if f != args.gold and holds_events(f)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        renamed_targets(args.targets, tmp / "targets.yml")
        renamed_gold(args.gold, tmp / "gold.jsonl")
        print("targets as named (known to the model where the training set names them):")
        print(evaluate(args.corpus, args.targets, args.gold, events, extra, tmp / "known"))
        print(f"every target renamed ('{SUFFIX.strip()}'), read as the training targets whose aliases they keep")
        print(evaluate(args.corpus, tmp / "targets.yml", tmp / "gold.jsonl", events, extra, tmp / "renamed"))
        print(f"every target renamed ('{SUFFIX.strip()}'), the model not told its training targets' aliases: "
              f"none known to it")
        unnamed = without_training_targets(extra, tmp / "model")
        print(evaluate(args.corpus, tmp / "targets.yml", tmp / "gold.jsonl", events, unnamed, tmp / "new"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
