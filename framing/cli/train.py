"""``framing train WHAT``: the toolkit's learned components, from coded data (speaker-spans, cues, stance, sentiment).

``speaker-spans`` learns where a speaker's words end, from coded articles.

Reads coded attribution events (JSONL keyed by the corpus' document ids),
runs each coded article through the rules, cross-validates the span model
in folds split by article (beside the rules' own choice and the empty span),
fits it on all the data and saves it with its training command, data
hashes, settings and scores in ``metadata.json``.  ``--dev-corpus`` and
``--dev-gold`` add the accuracy on a development set (model selection only).
``cues`` learns which English words report speech from a brat folder of
attributions and chooses its threshold and veto on a development folder.
``stance`` learns the news stance model (:mod:`framing.stance.news_training`) from coded statements.
``sentiment-targets`` learns the English target sentiment model (:mod:`framing.sentiment.target_training`),
``sentiment-news`` the Arabic news sentiment model (:mod:`framing.sentiment.news_training`).

Examples
--------
>>> from framing.cli import main
>>> main(["train", "speaker-spans", "news.jsonl.gz",
...       "--annotations", "corpora/annotations/attribution_ar/coder_a.jsonl", "--out", "model"])  # doctest: +SKIP
0
"""

from __future__ import annotations

import json
from pathlib import Path

from framing.cli.common import add_corpus_arguments, at_least, corpus_options, progress
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
    _model_arguments(s)
    s.add_argument("--C", type=float, default=1.0, help="inverse regularization of the ranker (conditional logit) "
                                                         "(default 1.0, chosen on the development set)")
    s.add_argument("--dev-corpus", metavar="PATH", help="development articles (for model selection)")
    s.add_argument("--dev-gold", nargs="+", metavar="FILE", help="their coded events (JSONL)")
    s.set_defaults(handler=run_speaker_spans)

    c = sub.add_parser("cues", help="the English cue detector, from attributions in brat standoff (PolNeAR's layout)",
                       description="Learn which English words report speech, from a brat folder of attributions "
                                   "(text/ and attributions/); the threshold (to add a cue) and the veto (to drop a "
                                   "listed verb) are chosen by attribution F1 on a development folder.")
    c.add_argument("--train", required=True, metavar="DIR", help="training folder (brat: text/, attributions/)")
    c.add_argument("--dev", required=True, metavar="DIR", help="development folder, for the threshold and veto only")
    _model_arguments(c)
    c.add_argument("--C", type=float, default=0.3, help="inverse regularization (default 0.3, chosen on dev)")
    c.set_defaults(handler=run_cues)

    t = sub.add_parser("stance", help="the news stance model, from statements coded in news articles",
                       description="Learn whether and how a statement addresses each target (favor, against, "
                                   "neutral, none) from coded news: standoff JSONL keyed by the ids the toolkit gives "
                                   "the corpus' documents (units statement, event, speaker; see "
                                   "corpora/annotations/stance_ar/README.md).  Cross-validates by article beside the "
                                   "majority label, fits on all, and writes the model with its training command, "
                                   "data hashes, settings and scores.")
    add_corpus_arguments(t)
    t.add_argument("--annotations", required=True, nargs="+", metavar="FILE", help="coded stance lines (JSONL)")
    t.add_argument("--attribution", nargs="+", default=[], metavar="FILE",
                   help="coded attribution events of the same articles (JSONL): who makes each coded event")
    t.add_argument("--targets", metavar="FILE", help="the targets the coders labelled (YAML)")
    t.add_argument("--speaker-codes", nargs="+", default=[], metavar="FILE",
                   help="speakers coded over whole articles, with the toolkit speakers they are (JSONL, the "
                        "speaker round): learn from them whether a speaker addresses a target")
    t.add_argument("--also-corpus", metavar="PATH",
                   help="another corpus with statements coded to targets of their own (another language or "
                        "genre), read with the default reader options; with --also-annotations and --also-targets")
    t.add_argument("--also-annotations", nargs="+", default=[], metavar="FILE",
                   help="the coded statements of --also-corpus (JSONL)")
    t.add_argument("--also-targets", metavar="FILE", help="the targets their coders labelled (YAML)")
    t.add_argument("--also-issuer-voice", action="store_true",
                   help="read --also-corpus as `framing analyze --issuer-voice` does (official statements)")
    _model_arguments(t)
    t.add_argument("--C", type=float, default=1.0, help="inverse regularization (default 1.0)")
    t.add_argument("--none-threshold", type=float, default=0.5,
                   help="P(none) at or above which a target counts as not addressed (default 0.5; the shipped "
                        "model's value was chosen by cross-validation on its training articles, see its metadata)")
    t.set_defaults(handler=run_stance)
    _register_sentiment_targets(sub)


def _model_arguments(p) -> None:
    """What every training command takes: the model folder to write, and the folds and seed of its
    cross-validation."""
    p.add_argument("--out", required=True, metavar="DIR", help="model folder to write (a new one, or one this "
                                                                "command wrote)")
    p.add_argument("--folds", type=at_least(2), default=5, help="cross-validation folds (default 5)")
    p.add_argument("--seed", type=at_least(0), default=0, help="seed of the folds and the fit (default 0)")


def _floats(text: str) -> tuple:
    return tuple(float(v) for v in text.split(","))


def _register_sentiment_targets(sub) -> None:
    e = sub.add_parser("sentiment-targets", help="the English target sentiment model, from NewsMTSC-style JSONL",
                       description="Learn sentiment toward a named target from coded sentences with targets "
                                   "(NewsMTSC's JSONL). Sets a grouped, stratified share aside, chooses the settings "
                                   "by grouped cross-validation on the rest, scores the held-out share beside the "
                                   "majority label, the default lexicon and VADER, then fits on the whole file and "
                                   "writes the model with its command, data hash, settings and scores.")
    e.add_argument("data", metavar="FILE", help="coded sentences with targets (JSONL)")
    _model_arguments(e)
    e.add_argument("--windows", type=_floats, default=(8, 12), help="words around the target to try (default 8,12)")
    e.add_argument("--C", type=_floats, default=(0.25, 0.5, 1.0), help="inverse regularizations to try "
                                                                       "(default 0.25,0.5,1)")
    e.add_argument("--holdout", type=float, default=0.2, help="share of the groups held out (default 0.2)")
    e.set_defaults(handler=run_sentiment_targets)
    n = sub.add_parser("sentiment-news", help="the Arabic news sentiment model, from coded attribution events",
                       description="Learn the sentiment of news statements from coded attribution events that carry "
                                   "a 'sentiment' (JSONL keyed by the ids the toolkit gives the corpus' documents). "
                                   "Chooses the settings by cross-validation by article beside the lexicon default "
                                   "and the majority label, fits on all, and writes the model with its command, data "
                                   "hashes, settings and scores.")
    add_corpus_arguments(n)
    n.add_argument("--annotations", required=True, nargs="+", metavar="FILE", help="coded events (JSONL)")
    _model_arguments(n)
    n.add_argument("--C", type=_floats, default=(0.1, 0.3, 1.0), help="inverse regularizations to try "
                                                                      "(default 0.1,0.3,1)")
    n.set_defaults(handler=run_sentiment_news)


def _check_out(out: Path, method: str, what: str) -> None:
    """Refuse to write into anything but a new folder or a model folder of the same method."""
    if out.exists():
        meta = out / "metadata.json"
        ours = meta.is_file() and json.loads(meta.read_text(encoding="utf-8")).get("method", "").startswith(
            method.rsplit(".", 1)[0])
        if not out.is_dir() or not ours:
            raise FramingError(f"{out}: exists and is not a {what} this command wrote; choose a new folder")


def _command() -> str:
    from framing.model_files import command_line

    return command_line()


def run_speaker_spans(args) -> int:
    from framing.attribution.speaker_model import METHOD
    from framing.attribution.training import train_speaker_spans

    if args.C <= 0:
        raise FramingError(f"--C must be positive, got {args.C}")
    if bool(args.dev_corpus) != bool(args.dev_gold):
        raise FramingError("--dev-corpus and --dev-gold go together")
    out = Path(args.out)
    _check_out(out, METHOD, "speaker-span model")
    command = _command()
    model, report = train_speaker_spans(args.path, args.annotations, C=args.C, folds=args.folds, seed=args.seed,
                                        dev_corpus=args.dev_corpus, dev_gold=args.dev_gold, command=command,
                                        corpus_options=corpus_options(args),
                                        progress=lambda it: progress(it, args, desc="reading"))
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


def run_cues(args) -> int:
    from framing.attribution.cue_model import METHOD
    from framing.attribution.training import train_cues

    if args.C <= 0:
        raise FramingError(f"--C must be positive, got {args.C}")
    for folder in (args.train, args.dev):
        if not (Path(folder) / "text").is_dir():
            raise FramingError(f"{folder}: not a brat folder (no text/ inside)")
    out = Path(args.out)
    _check_out(out, METHOD, "cue model")
    model, report = train_cues(args.train, args.dev, C=args.C, folds=args.folds, seed=args.seed, command=_command())
    model.save(out)
    cv, data, dev = report["cross_validation"], report["data"], report["dev"]
    print(f"{data['tokens']:,} scored tokens, {data['cue_tokens']:,} of them in cues")
    print(f"{cv['folds']}-fold cross-validation by document, token F1: model {cv['token_f1_model']:.3f}   "
          f"lexicon alone {cv['token_f1_lexicon']:.3f}")
    print(f"development attribution F1: rules {dev['rules']['attribution']['f1']:.3f}   with the model "
          f"{dev['model']['attribution']['f1']:.3f} (threshold {report['threshold']}, veto {report['veto']})")
    print(f"wrote {out}")
    return 0


def run_sentiment_targets(args) -> int:
    from framing.sentiment.target_training import METHOD, save_target_model, train_target_sentiment

    if not 0 < args.holdout < 1:
        raise FramingError(f"--holdout must be in (0, 1), got {args.holdout}")
    if min(args.C) <= 0 or min(args.windows) < 1:
        raise FramingError("--C values must be positive and --windows at least 1")
    out = Path(args.out)
    _check_out(out, METHOD, "target sentiment model")
    model, report = train_target_sentiment(args.data, windows=[int(w) for w in args.windows], Cs=args.C,
                                           holdout=args.holdout, folds=args.folds, seed=args.seed,
                                           command=_command())
    save_target_model(model, report, out)
    print(f"chosen {report['settings']} (CV on the training part {report['cross_validation']['best']['mean']:.4f}); "
          f"fitted on all {report['data']['targets']} targets, {report['n_features']} features")
    print(f"wrote {out}")
    return 0


def run_sentiment_news(args) -> int:
    from framing.sentiment.news_training import METHOD, save_news_sentiment, train_news_sentiment

    if min(args.C) <= 0:
        raise FramingError("--C values must be positive")
    out = Path(args.out)
    _check_out(out, METHOD, "news sentiment model")
    model, report = train_news_sentiment(args.path, args.annotations, Cs=args.C, folds=args.folds, seed=args.seed,
                                         command=_command(), corpus_options=corpus_options(args),
                                         progress=lambda it: progress(it, args, desc="reading"))
    save_news_sentiment(model, report, out)
    best = report["cross_validation"]["best"]
    print(f"chosen {report['settings']} (the smallest C within one standard error of the best of its word "
          f"setting): CV by article macro-F1 {best['model']['mean']:.4f} (lexicon "
          f"{best['lexicon']['mean']:.4f}, majority {best['majority']['mean']:.4f}); fitted on all "
          f"{report['data']['matched']} events, {report['n_features']} features")
    print(f"wrote {out}")
    return 0


def run_stance(args) -> int:
    from framing.stance.news_training import METHOD, save_news_model, train_news_stance

    if args.C <= 0:
        raise FramingError(f"--C must be positive, got {args.C}")
    if not 0 < args.none_threshold <= 1:
        raise FramingError(f"--none-threshold must be in (0, 1], got {args.none_threshold}")
    also = None
    given = [bool(args.also_corpus), bool(args.also_annotations), bool(args.also_targets)]
    if any(given) and not all(given):
        raise FramingError("--also-corpus, --also-annotations and --also-targets go together")
    if all(given):
        also = {"corpus": args.also_corpus, "code_files": args.also_annotations, "targets": args.also_targets,
                "issuer_voice": args.also_issuer_voice}
    out = Path(args.out)
    _check_out(out, METHOD, "stance model")
    model, report = train_news_stance(args.path, args.annotations, attribution_files=args.attribution,
                                      targets=args.targets, C=args.C, folds=args.folds, seed=args.seed,
                                      none_threshold=args.none_threshold, command=_command(),
                                      corpus_options=corpus_options(args),
                                      progress=lambda it: progress(it, args, desc="reading"),
                                      speaker_files=args.speaker_codes, also=also)
    save_news_model(model, out)
    cv, data = report["cross_validation"], report["data"]
    print(f"{cv['articles']} articles, {data['statements']} statements, {cv['examples']} (statement, target) "
          f"examples: {', '.join(f'{k} {v}' for k, v in sorted(cv['labels'].items()))}")
    print(f"{cv['folds']}-fold cross-validation by article: accuracy {cv['accuracy']:.3f} (always "
          f"{cv['majority_label']!r} {cv['majority']:.3f})   macro-F1 {cv['macro_f1']:.3f} "
          f"(always {cv['majority_label']!r} {cv['majority_macro_f1']:.3f})")
    print(f"  addressed or not: F1 {cv['addressed_f1']:.3f}   side of the addressed (favor/against/neutral): "
          f"accuracy {cv['side_accuracy']:.3f} (always {cv['side_majority_label']!r} {cv['side_majority']:.3f})")
    sp = report.get("speaker_cross_validation")
    if sp:
        print(f"  per speaker in an article ({sp['groups']} speaker-target pairs): accuracy {sp['accuracy']:.3f} "
              f"(always 'none' {sp['majority']:.3f})   addressed or not: F1 {sp['addressed_f1']:.3f}")
        print(f"  the {sp['addressed']} pairs coded as addressed: accuracy {sp['addressed_accuracy']:.3f} "
              f"(always {sp['side_majority_label']!r} {sp['side_majority']:.3f})")
    sm = report.get("speaker_model")
    if sm:
        cv = sm["cross_validation"]
        m, r = cv["model"], cv["rule"]
        print(f"speaker model: {sm['groups']} speaker-target pairs in {sm['articles']} articles, {sm['addressed']} "
              f"coded as addressed; {cv['folds']}-fold cross-validation by article, threshold {m['threshold']:.2f}:")
        print(f"  pairs coded as addressed given their label: {m['addressed_accuracy']:.3f} (the rule "
              f"{r['addressed_accuracy']:.3f}; always {cv['side_majority_label']!r} {cv['side_majority']:.3f})   "
              f"pairs coded as not addressed given a label: {m['unaddressed_labelled']:.3f} (the rule "
              f"{r['unaddressed_labelled']:.3f})")
        if cv.get("per_target"):
            from framing.stance.quality import target_quality

            print("  per target, where a side is given: right (always the target's usual side)")
            for row in target_quality(report).itertuples():
                if not row.labelled:
                    print(f"    {row.target:<28} no side given to its {row.pairs} coded pairs")
                    continue
                flag = "   below the usual side" if row.below_baseline else ""
                print(f"    {row.target:<28} {row.side_right:>4} of {row.labelled:<4} {row.side_accuracy:.3f} "
                      f"(always its usual side {row.side_majority:.3f}){flag}")
    generic = report.get("generic")
    if generic:
        # the model for a researcher's new targets, measured as if every training target were new to it
        cv, sp = generic["cross_validation"], generic["speaker_cross_validation"]
        print(f"for targets it was not trained on (no target's balance of sides learned): statements macro-F1 "
              f"{cv['macro_f1']:.3f}, side of the addressed {cv['side_accuracy']:.3f} (always "
              f"{cv['side_majority_label']!r} {cv['side_majority']:.3f}); speaker pairs coded as addressed "
              f"{sp['addressed_accuracy']:.3f} (always {sp['side_majority_label']!r} {sp['side_majority']:.3f})")
        gm = generic.get("speaker_model")
        if gm:
            m, r = gm["cross_validation"]["model"], gm["cross_validation"]["rule"]
            print(f"  its speaker model: pairs coded as addressed given their label {m['addressed_accuracy']:.3f} "
                  f"(the rule {r['addressed_accuracy']:.3f}), not addressed given a label "
                  f"{m['unaddressed_labelled']:.3f} (the rule {r['unaddressed_labelled']:.3f})")
    print(f"wrote {out}")
    return 0
