"""``framing train speaker-spans``: learn where a speaker's words end, from coded articles.

Reads coded attribution events (JSONL keyed by the corpus' document ids),
runs each coded article through the rules, cross-validates the span model
in folds split by article (beside the rules' own choice and the empty span),
fits it on all the data and saves it with its training command, data
hashes, settings and scores in ``metadata.json``.  ``--dev-corpus`` and
``--dev-gold`` add the accuracy on a development set (model selection only).

Examples
--------
>>> from framing.cli import main
>>> main(["train", "speaker-spans", "news.jsonl.gz",
...       "--annotations", "corpora/annotations/attribution_ar/coder_a.jsonl", "--out", "model"])  # doctest: +SKIP
0
"""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

from framing.cli.common import add_corpus_arguments, at_least, corpus_options
from framing.errors import FramingError


def register(subparsers) -> None:
    parser = subparsers.add_parser("train", help="train the toolkit's learned components on coded data")
    sub = parser.add_subparsers(dest="train_command", metavar="WHAT")
    parser.set_defaults(handler=lambda args: parser.print_help() or 2)
    s = sub.add_parser("speaker-spans", help="the Arabic speaker-span model, from coded attribution events",
                       description="Learn where the speaker's words end after a reporting verb, from coded "
                                   "attribution events (the Arabic guidelines' JSONL, keyed by the ids the toolkit "
                                   "gives the corpus' documents).")
    add_corpus_arguments(s)
    s.add_argument("--annotations", required=True, nargs="+", metavar="FILE", help="coded events (JSONL)")
    s.add_argument("--out", required=True, metavar="DIR", help="model folder to write (a new one, or one this "
                                                                "command wrote)")
    s.add_argument("--C", type=float, default=3.0, help="inverse regularization of the ranker (conditional logit) "
                                                         "(default 3.0, chosen on the development set)")
    s.add_argument("--folds", type=at_least(2), default=5)
    s.add_argument("--seed", type=at_least(0), default=0)
    s.add_argument("--dev-corpus", metavar="PATH", help="development articles (for model selection)")
    s.add_argument("--dev-gold", nargs="+", metavar="FILE", help="their coded events (JSONL)")
    s.set_defaults(handler=run_speaker_spans)


def run_speaker_spans(args) -> int:
    from framing.attribution.speaker_model import METHOD
    from framing.attribution.training import train_speaker_spans

    if args.C <= 0:
        raise FramingError(f"--C must be positive, got {args.C}")
    if bool(args.dev_corpus) != bool(args.dev_gold):
        raise FramingError("--dev-corpus and --dev-gold go together")
    out = Path(args.out)
    if out.exists():
        meta = out / "metadata.json"
        ours = meta.is_file() and json.loads(meta.read_text(encoding="utf-8")).get("method", "").startswith(
            METHOD.rsplit(".", 1)[0])
        if not out.is_dir() or not ours:
            raise FramingError(f"{out}: exists and is not a speaker-span model this command wrote; "
                               f"choose a new folder")
    command = "framing " + " ".join(shlex.quote(a) for a in sys.argv[1:]) if sys.argv[1:2] == ["train"] else ""
    model, report = train_speaker_spans(args.path, args.annotations, C=args.C, folds=args.folds, seed=args.seed,
                                        dev_corpus=args.dev_corpus, dev_gold=args.dev_gold, command=command,
                                        corpus_options=corpus_options(args))
    model.save(out)
    cv, data = report["cross_validation"], report["data"]
    print(f"{data['documents']} articles, {data['matched']} coded verb events found by the rules, "
          f"{data['groups']} with the coded mention among the candidates")
    print(f"{cv['folds']}-fold cross-validation by article: model {cv['model']:.3f}   rules {cv['rules']:.3f}   "
          f"always empty {cv['always_empty']:.3f}   (share of events whose span ends where the coder's does)")
    if "dev" in report:
        d = report["dev"]
        print(f"development set ({d['groups']} events): model {d['model']:.3f}   rules {d['rules']:.3f}")
    print(f"wrote {out}")
    return 0
