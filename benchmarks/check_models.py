"""Retrain every shipped model with the command its metadata records and compare the weights byte for byte.

Usage::

    python benchmarks/check_models.py [--only NAME ...] [--keep DIR]

Each model folder under ``framing/*/models/`` records in ``metadata.json`` the
``framing train ...`` command that made it.  A model is trained on what the
toolkit finds in its training articles (the attribution's statements and
speakers, the cue lexicons, the registry), so a change to those rules can
leave the shipped weights no longer what their command gives.  This script
runs each command again with ``--out`` pointed at a temporary folder, in the
order the models depend on each other (the speaker-span and cue models are
read when the sentiment and stance training articles are analysed), and
prints, per model, ``same`` or which files differ.  Metadata is not compared
(it records the output path and the run's library versions); the weights and
the speaker model are.

It reads the shared data the commands name (``../shared``) and takes several
minutes; it is a check to run after changing attribution rules or word lists,
not a test.  Exit status 1 when any model differs, 2 when the data is absent.

Examples
--------
$ python benchmarks/check_models.py --only stance.news_lr   # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import filecmp
import json
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The shipped models in the order they are trained: each is read when the later ones' articles are analysed.
ORDER = ("attribution/models/speaker_spans_ar", "attribution/models/cues_en", "sentiment/models/target_en",
         "sentiment/models/news_ar", "stance/models/news_lr")


def model_name(folder: str) -> str:
    """``stance/models/news_lr`` -> ``stance.news_lr``."""
    part, _, name = folder.partition("/models/")
    return f"{part}.{name}"


def command_for(folder: Path, out: Path) -> list[str]:
    """The recorded training command of a model folder, with its ``--out`` replaced by ``out``."""
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    args = shlex.split(meta["command"])
    if args[:2] != ["framing", "train"] or "--out" not in args:
        raise SystemExit(f"{folder}/metadata.json: no 'framing train ... --out' command recorded")
    args[args.index("--out") + 1] = str(out)
    return [sys.executable, "-m", "framing", *args[1:]]


def compare(shipped: Path, fresh: Path) -> list[str]:
    """Names of the files other than metadata.json that differ or are missing in ``fresh``."""
    names = sorted(p.name for p in shipped.iterdir() if p.is_file() and p.name != "metadata.json")
    return [n for n in names if not (fresh / n).exists() or not filecmp.cmp(shipped / n, fresh / n, shallow=False)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", metavar="NAME",
                        help="models to check, e.g. stance.news_lr (default: all, in training order)")
    parser.add_argument("--keep", metavar="DIR", help="write the retrained models here and keep them")
    args = parser.parse_args(argv)
    if not (ROOT.parent / "shared").exists():
        print("check_models: ../shared is absent (the commands train on its corpora)", file=sys.stderr)
        return 2
    folders = [f for f in ORDER if not args.only or model_name(f) in args.only]
    unknown = set(args.only or ()) - {model_name(f) for f in ORDER}
    if unknown:
        print(f"check_models: unknown model(s) {sorted(unknown)}; known: {[model_name(f) for f in ORDER]}",
              file=sys.stderr)
        return 2
    differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(args.keep) if args.keep else Path(tmp)
        for folder in folders:
            shipped = ROOT / "framing" / folder
            fresh = base / folder
            t0 = time.perf_counter()
            run = subprocess.run(command_for(shipped, fresh), cwd=ROOT, capture_output=True, text=True)
            seconds = time.perf_counter() - t0
            if run.returncode != 0:
                print(f"{model_name(folder):<30} training failed ({seconds:.0f} s):\n{run.stderr[-2000:]}")
                differ += 1
                continue
            bad = compare(shipped, fresh)
            differ += bool(bad)
            print(f"{model_name(folder):<30} {'same' if not bad else 'DIFFERS: ' + ', '.join(bad)}  ({seconds:.0f} s)")
    if differ:
        print("retrain a model that differs with its recorded command (README, 'The learned components'), in the "
              "order above, and measure again")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
