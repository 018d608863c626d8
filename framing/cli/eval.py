"""``framing eval attribution|sentiment|stance``: measure a method against annotated data."""

from __future__ import annotations

import json


def register(sub) -> None:
    p = sub.add_parser("eval", help="evaluate attribution, sentiment or stance against annotated data")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    a = what.add_parser("attribution", help="precision, recall and F1 of speaker attribution",
                        description="Compare predicted utterances (a `framing analyze` folder) with gold "
                                    "attributions: a JSONL file or folder of them, or a brat folder (PolNeAR).")
    a.add_argument("--pred", required=True, metavar="DIR", help="folder (or CSV/Parquet file) with utterances")
    a.add_argument("--gold", required=True, metavar="FILE", help="gold JSONL file or folder, or brat folder")
    a.add_argument("--speakers", metavar="FILE", help="gold speaker aliases (JSON); found beside the gold file by default")
    a.add_argument("--errors", action="store_true", help="list every missed, spurious and wrongly attributed event")
    a.add_argument("--json", action="store_true", help="print the result as JSON")
    a.set_defaults(handler=run_attribution)


def run_attribution(args) -> int:
    from framing.attribution.evaluate import evaluate_attribution, format_scores

    result = evaluate_attribution(args.pred, args.gold, speakers=args.speakers)
    errors = result.pop("errors", [])
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_scores(result))
    if args.errors:
        for e in errors:
            print(f"{e['type']:<14} {e['doc']} p{e['paragraph']} {e['cue']!s:<12} gold={e['gold']!s}  pred={e['pred']!s}")
    return 0
