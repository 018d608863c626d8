"""``framing corpus``: look at a corpus before analysing it.

``framing corpus info PATH`` reads the corpus once and prints how many
documents and paragraphs it holds, their languages, outlets and dates,
and what was skipped or flagged on the way (``--json`` for machines,
``--manifest FILE`` to keep the full record of skipped inputs).

Examples
--------
>>> from framing.cli import main
>>> main(["corpus", "info", "corpora/seed"])  # doctest: +SKIP
corpus      corpora/seed
documents   1
...
"""

from __future__ import annotations

import json
import sys

from framing.cli.common import add_corpus_arguments, open_corpus, progress

#: outlets and languages listed by name before the rest are summed up
TOP = 10


def register(subparsers) -> None:
    parser = subparsers.add_parser("corpus", help="inspect a corpus: counts, languages, outlets, dates, rejects")
    sub = parser.add_subparsers(dest="corpus_command", metavar="SUBCOMMAND")
    parser.set_defaults(handler=lambda args: parser.print_help() or 2)
    info = sub.add_parser("info", help="documents, paragraphs, languages, outlets, date range, duplicates, rejects")
    add_corpus_arguments(info)
    info.add_argument("--json", action="store_true", help="print the counts as JSON")
    info.add_argument("--manifest", metavar="FILE", help="write the run manifest (every skipped input, every warning) as JSON")
    info.set_defaults(handler=run_info)


def run_info(args) -> int:
    corpus = open_corpus(args)
    info = corpus.info(progress=lambda docs: progress(docs, args))
    if args.manifest:
        corpus.manifest.to_json(args.manifest)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
    else:
        print(format_info(info))
        for problem in corpus.manifest.skipped[:TOP]:
            print(f"  skipped  {problem}")
        if len(corpus.manifest.skipped) > TOP:
            print(f"  ... {len(corpus.manifest.skipped) - TOP} more skipped (--manifest FILE lists them all)")
    return 0 if info["documents"] else 1


def _counts(counts: dict) -> str:
    if not counts:
        return "-"
    items = list(counts.items())
    text = ", ".join(f"{k} {v}" for k, v in items[:TOP])
    if len(items) > TOP:
        text += f", and {len(items) - TOP} more ({sum(v for _, v in items[TOP:])} documents)"
    return text


def format_info(info: dict) -> str:
    """The human-readable block ``framing corpus info`` prints."""
    first, last = info["date_range"]
    m = info["manifest"]
    rows = [
        ("corpus", info["corpus"] + ("" if m["complete"] else f"  (stopped: {m.get('stopped') or '--limit'})")),
        ("documents", f"{info['documents']} from {m['files']} file(s)"
                      + (f"  ({m['no_documents']})" if not info["documents"] and m.get("no_documents") else "")),
        ("given", f"{m['given']} input(s): {m['read']} read, {m['rejected']} rejected with a reason"
                  + (f"; {m['ignored']} file(s) ignored (not corpus files)" if m.get("ignored") else "")),
        ("paragraphs", str(info["paragraphs"])),
        ("languages", _counts(info["languages"])),
        ("outlets", _counts(info["outlets"])),
        ("dates", f"{first} .. {last}" + (f"  ({info['undated']} undated)" if info["undated"] else "")
         if first else "none"),
        ("duplicates", f"{info['duplicates']} (same text after normalization; flagged in duplicate_of)"),
        ("rejects", str(info["rejects"]) + (f"  ({_counts(m['skip_reasons'])})" if info["rejects"] else "")),
        ("warnings", f"{info['warnings']}" + (f"  ({m['renamed']} doc_ids renamed, {m['controls_removed']} control "
                                              "characters removed)" if info["warnings"] else "")),
    ]
    return "\n".join(f"{k:<11} {v}" for k, v in rows)


if __name__ == "__main__":  # pragma: no cover
    from framing.cli import main

    sys.exit(main(["corpus", *sys.argv[1:]]))
