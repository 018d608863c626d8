"""``framing eval attribution|sentiment|stance|frames``: measure a method against annotated data."""

from __future__ import annotations

import json

from framing.cli.common import at_least


def register(sub) -> None:
    p = sub.add_parser("eval", help="evaluate attribution, sentiment, stance or frames against annotated data")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    a = what.add_parser("attribution", help="precision, recall and F1 of speaker attribution",
                        description="Compare predicted utterances (a `framing analyze` folder) with gold "
                                    "attributions: a JSONL file or folder of them, or a brat folder (PolNeAR).")
    a.add_argument("--pred", required=True, metavar="DIR", help="folder (or CSV/Parquet file) with utterances")
    a.add_argument("--gold", required=True, metavar="FILE", help="gold JSONL file or folder, or brat folder")
    a.add_argument("--speakers", metavar="FILE", help="gold speaker aliases (JSON); found beside the gold file by default")
    a.add_argument("--errors", action="store_true", help="list every missed, spurious and wrongly attributed event")
    a.add_argument("--details", metavar="FILE", help="write one row per gold event and per unmatched prediction "
                                                     "(CSV): the pairing, and whether it is lenient or strict")
    a.add_argument("--json", action="store_true", help="print the result as JSON")
    a.set_defaults(handler=run_attribution)

    s = what.add_parser("sentiment", help="macro-F1 of the sentiment scorers on coded data, held out or cross-validated",
                        description="With --data: score the default lexicon scorer (and VADER for English) and "
                                    "cross-validate the supervised scorer on coded data: a CSV of text and label, or "
                                    "JSONL with targets (NewsMTSC's layout).  With --train and --test: a fixed split "
                                    "(fit on one, score the other), with each file's class balance and a confusion "
                                    "table, beside always the training file's most frequent label.  With --pred and "
                                    "--gold: the sentiment of a `framing analyze` folder's utterances against the "
                                    "'sentiment' of gold attribution events.")
    s.add_argument("--data", metavar="FILE", help="coded data to cross-validate on")
    s.add_argument("--train", metavar="FILE", help="coded data to fit on (with --test)")
    s.add_argument("--test", metavar="FILE", help="coded data to score (with --train)")
    s.add_argument("--pred", metavar="DIR", help="a `framing analyze` output folder (with --gold)")
    s.add_argument("--gold", nargs="+", metavar="FILE", help="gold attribution events with a 'sentiment' (JSONL)")
    s.add_argument("--holdout", type=float, metavar="SHARE",
                   help="with --data: instead of cross-validating, fit on a stratified 1 - SHARE of the file and "
                        "score the held-out SHARE (e.g. 0.2)")
    s.add_argument("--balance", metavar="LABEL=N,...",
                   help="with --holdout: also score the held-out part resampled to this class balance "
                        "(counts or shares, e.g. negative=1677,neutral=748,positive=575)")
    s.add_argument("--lang", help="language of the data (default: guessed from the texts)")
    s.add_argument("--folds", type=at_least(2), default=5)
    s.add_argument("--seed", type=at_least(0), default=0)
    s.add_argument("--no-supervised", action="store_true", help="skip the (slow) supervised scorer")
    s.add_argument("--json", action="store_true", help="print the result as JSON")
    s.set_defaults(handler=run_sentiment)

    t = what.add_parser("stance", help="stance: speaker-level agreement with gold, or cross-validation on coded data",
                        description="With --data: cross-validate the supervised stance scorer on coded (text, "
                                    "target, stance) rows (Mawqif's layout) and print the SemEval-2016 measure "
                                    "F_avg = mean(F1 favor, F1 against) beside 3-class macro-F1.  With --train and "
                                    "--test: fit on one file, score the other (a held-out figure), with "
                                    "cross-validation on the training file beside it.  With --pred and --gold: "
                                    "compare the speaker-level stance of a `framing analyze` folder with gold "
                                    "speaker-target pairs, per document, beside always the most frequent label.")
    t.add_argument("--data", metavar="FILE", help="coded stance data to cross-validate on")
    t.add_argument("--train", metavar="FILE", help="coded stance data to fit on (with --test: a fixed split)")
    t.add_argument("--test", metavar="FILE", help="coded stance data to score the model fitted on --train on")
    t.add_argument("--pred", metavar="DIR", help="a `framing analyze` output folder")
    t.add_argument("--gold", metavar="FILE", help="gold speaker-target stances (JSONL: doc, speaker, target, stance)")
    t.add_argument("--speakers", metavar="FILE", help="gold speaker aliases (JSON); found beside the gold file by default")
    t.add_argument("--events", metavar="FILE", nargs="+",
                   help="gold attribution events (JSONL) that say how each gold speaker is written in each "
                        "document (default: the event files beside the gold file)")
    t.add_argument("--quiet", action="store_true", help="print the scores only, not every pair")
    t.add_argument("--folds", type=at_least(2), default=5)
    t.add_argument("--seed", type=at_least(0), default=0)
    t.add_argument("--json", action="store_true", help="print the result as JSON")
    t.set_defaults(handler=run_stance)

    f = what.add_parser("frames", help="document frames: the frames dictionary against labelled articles",
                        description="Predict each article's frames with the frames dictionary (the shipped generic "
                                    "frames, or --dictionary) and compare them with a labels file: micro- and "
                                    "macro-F1, per frame, beside always answering the k most frequent frames. "
                                    "Layout of SemEval-2023 Task 3 subtask 2: article<ID>.txt files (title line, "
                                    "blank line, body) and <ID><TAB><frame,frame,...> lines.")
    f.add_argument("--articles", required=True, metavar="DIR", help="folder of article<ID>.txt files")
    f.add_argument("--labels", required=True, metavar="FILE", help="<ID><TAB><frame,frame,...> lines")
    f.add_argument("--dictionary", metavar="FILE", help="a frames dictionary of your own (YAML, LIWC .dic, "
                                                        "Lexicoder .lc3/.lcd); default: the shipped frames")
    f.add_argument("--min-count", type=at_least(1), default=2,
                   help="matches of a frame's terms that predict it for an article (default 2)")
    f.add_argument("--baseline-k", type=at_least(1), default=5,
                   help="the baseline answers the k most frequent frames of the labels (default 5)")
    f.add_argument("--lang", help="language of the articles (default: detected per article)")
    f.add_argument("--json", action="store_true", help="print the result as one JSON object")
    f.set_defaults(handler=run_frames)


def run_frames(args) -> int:
    from framing.frames.evaluate import evaluate_frames, format_frame_scores

    result = evaluate_frames(args.articles, args.labels, dictionary=args.dictionary, min_count=args.min_count,
                             baseline_k=args.baseline_k, lang=args.lang)
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else format_frame_scores(result))
    return 0


def run_attribution(args) -> int:
    from framing.attribution.evaluate import evaluate_attribution, format_scores
    from framing.errors import FramingError

    result = evaluate_attribution(args.pred, args.gold, speakers=args.speakers)
    errors = result.pop("errors", [])
    details = result.pop("details", None)
    if args.details:
        if details is None:
            raise FramingError("--details is written for JSONL gold events; brat gold gives totals only")
        from pathlib import Path

        import pandas as pd

        from framing.tables import write_csv

        frame = pd.DataFrame(details)
        target = Path(args.details)
        if target.exists():
            # only a details table this command wrote (same header) is replaced
            with open(target, encoding="utf-8", errors="replace") as fh:
                first = fh.readline().strip()
            if target.is_dir() or first != ",".join(f'"{c}"' for c in frame.columns):
                raise FramingError(f"{target}: already there and not a details table of eval attribution; "
                                   f"choose another --details file")
        write_csv(frame, target)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_scores(result))
    if args.errors:
        for e in errors:
            print(f"{e['type']:<14} {e['doc']} p{e['paragraph']} {e['cue']!s:<12} gold={e['gold']!s}  pred={e['pred']!s}")
    return 0


def run_sentiment(args) -> int:
    from framing.errors import FramingError
    from framing.sentiment import evaluate_sentiment, format_result
    from framing.sentiment.evaluate import evaluate_events, evaluate_split, format_scored

    if bool(args.train) != bool(args.test):
        raise FramingError("--train and --test go together (fit on one file, score the other)")
    if bool(args.pred) != bool(args.gold):
        raise FramingError("--pred and --gold go together (an analysis folder and the gold events)")
    if not (args.data or args.train or args.pred):
        raise FramingError("eval sentiment needs --data FILE, --train FILE --test FILE, or --pred DIR --gold FILE")
    results = []
    if args.pred:
        results.append(evaluate_events(args.pred, args.gold))
    if args.train:
        results.append(evaluate_split(args.train, args.test, lang=args.lang, supervised=not args.no_supervised))
    for result in results:
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str) if args.json else format_scored(result))
    if args.balance and args.holdout is None:
        raise FramingError("--balance goes with --holdout (it resamples the held-out part)")
    if args.holdout is not None:
        if not args.data:
            raise FramingError("--holdout needs --data FILE (the file to split)")
        if not 0 < args.holdout < 1:
            raise FramingError(f"--holdout {args.holdout}: give the held-out share, between 0 and 1")
        from framing.sentiment.evaluate import evaluate_holdout, format_holdout

        result = evaluate_holdout(args.data, test_size=args.holdout, balance=_balance(args.balance),
                                  lang=args.lang, seed=args.seed, supervised=not args.no_supervised)
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str) if args.json else format_holdout(result))
        return 0
    if args.data:
        result = evaluate_sentiment(args.data, lang=args.lang, folds=args.folds, seed=args.seed,
                                    supervised=not args.no_supervised, verbose=False)
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str) if args.json else format_result(result))
    return 0


def _balance(text: str | None) -> dict | None:
    """``negative=1677,neutral=748`` -> ``{"negative": 1677.0, "neutral": 748.0}``."""
    from framing.errors import FramingError

    if not text:
        return None
    out = {}
    for part in text.split(","):
        label, _, value = part.partition("=")
        try:
            out[label.strip()] = float(value)
        except ValueError:
            raise FramingError(f"--balance {text!r}: write LABEL=N pairs separated by commas") from None
        if out[label.strip()] < 0 or not label.strip():
            raise FramingError(f"--balance {text!r}: write LABEL=N pairs with N >= 0")
    return out


def run_stance(args) -> int:
    from framing.errors import FramingError

    if bool(args.train) != bool(args.test):
        raise FramingError("--train and --test go together (fit on one file, score the other)")
    if args.data or args.train:
        from framing.stance.supervised import (cross_validate_stance, evaluate_split, format_stance_result,
                                               read_coded_stance)

        results = []
        if args.train:
            train, test = read_coded_stance(args.train), read_coded_stance(args.test)
            results.append(evaluate_split(train, test))
            # cross-validation on the training file, beside the held-out figure (never in place of it)
            results.append(cross_validate_stance(train, folds=args.folds, seed=args.seed))
        else:
            results.append(cross_validate_stance(read_coded_stance(args.data), folds=args.folds, seed=args.seed))
        if args.json:
            print(json.dumps(results if len(results) > 1 else results[0], ensure_ascii=False, indent=2, default=str))
        else:
            print("\n".join(format_stance_result(r) for r in results))
        return 0
    if not (args.pred and args.gold):
        raise FramingError("eval stance needs --data FILE, --train FILE --test FILE, or --pred DIR with --gold FILE")
    from framing.stance.evaluate import evaluate_speaker_stance, format_speaker_stance

    result = evaluate_speaker_stance(args.pred, args.gold, speakers=args.speakers, events=args.events)
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str) if args.json
          else format_speaker_stance(result, details=not args.quiet))
    return 0
