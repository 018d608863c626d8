"""Write the coders' files of the Arabic news sentiment round: each article with the statements the toolkit finds.

Run from the repository root::

    python corpora/annotations/sentiment_ar/coding_files.py SAUDINEWSNET.jsonl.gz \\
        --ids corpora/annotations/sentiment_ar/articles.txt --out CODING_DIR

``CODING_DIR/<id>.txt`` holds the article with its paragraphs numbered as the toolkit numbers them (0 is
the headline) and every statement the toolkit finds (an id, the paragraph, the cue as written, its guess
of the speaker, the whole content).  Coders label each statement's sentiment (see README.md beside this
file).  No article text is kept in the project.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing.attribution.pipeline import document_columns
from framing.text import paragraph_spans
from framing.validation.samples import documents_of


def coding_text(doc: dict) -> tuple[str, int]:
    """The coder's file of one article, and its number of statements."""
    cols = document_columns(doc)
    text = doc["text"]
    lines = ["## ARTICLE (paragraph index in brackets; 0 is the headline)"]
    lines += [f"[{i}] {text[a:b]}" for i, (a, b) in enumerate(paragraph_spans(text))]
    lines += ["", "## STATEMENTS found by the system (id, paragraph, cue, the system's guess of the speaker, content)"]
    n = len(cols["cue"])
    lines += [f"s{i}\tparagraph {cols['paragraph'][i]}\tcue {cols['cue'][i]}\tspeaker {cols['speaker'][i]}\t"
              f"content: {cols['content'][i]}" for i in range(n)]
    return "\n".join(lines) + "\n", n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--ids", required=True, help="article ids, one per line")
    ap.add_argument("--out", required=True, help="folder for the coders' files (created)")
    args = ap.parse_args(argv)
    ids, docs = documents_of(args.corpus, args.ids)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for doc_id in ids:
        text, n = coding_text(docs[doc_id])
        total += n
        (out / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    print(f"{len(ids)} articles, {total} statements, written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
