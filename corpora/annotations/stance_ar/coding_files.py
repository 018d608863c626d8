"""Write the coders' files for the statement round of the Arabic stance training set.

Run from the repository root::

    python corpora/annotations/stance_ar/coding_files.py SAUDINEWSNET.jsonl.gz \
        --ids corpora/annotations/stance_ar/articles_statements.txt \
        --targets corpora/annotations/stance_ar/targets.yml --out CODING_DIR

For each article id, ``CODING_DIR/<id>.txt`` holds the article with its paragraphs numbered as the
toolkit numbers them (0 is the headline), the statements the toolkit finds in it (paragraph, cue, its
guess of the speaker, the content), and the candidates to label: each (statement, target) where the
target is named in the statement, in its paragraph, in the headline, or elsewhere in the article, as
:class:`framing.stance.news_model.NewsStance` sees them.  Coders label every candidate (favor,
against, neutral, none); see README.md beside this file.  No article text is kept in the project.

With ``--issuer-voice`` the documents are read as ``framing analyze --issuer-voice`` reads them (the
English round: us_gov_ukraine's statements speak in their issuer's voice); such a statement has no cue,
and the coders' files give each statement's character offset (``start``) to key it by.

With ``--unit speaker`` (the speaker round) the file lists, instead of candidates, the toolkit's
speakers in the article, each with the indices of their statements, and the targets the article
names: coders write one speaker-level line per speaker and target the speaker addresses, as the
development gold is coded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing.attribution.pipeline import document_columns
from framing.measures import scorer_input
from framing.stance.news_model import NewsStance
from framing.text import paragraph_spans
from framing.validation.samples import documents_of


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--ids", required=True, help="article ids, one per line")
    ap.add_argument("--targets", required=True, help="the targets to label (YAML)")
    ap.add_argument("--out", required=True, help="folder for the coders' files (created)")
    ap.add_argument("--scopes", default="content,paragraph,headline,article",
                    help="where a target may be named for a candidate (default: all four)")
    ap.add_argument("--issuer-voice", action="store_true",
                    help="read the documents' own sentences as their issuer's statements, as `framing analyze "
                         "--issuer-voice` does (official statements: the English training round)")
    ap.add_argument("--unit", choices=("statement", "speaker"), default="statement",
                    help="what coders label: every candidate (statement) or each speaker's stance (speaker)")
    args = ap.parse_args(argv)
    ids, docs = documents_of(args.corpus, args.ids)
    scorer = NewsStance(args.targets).fit_rules()
    names = [t.name for t in scorer.targets_]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for doc_id in ids:
        doc = docs[doc_id]
        cols = document_columns(doc, issuer_voice=args.issuer_voice)
        X = scorer_input(doc, cols)
        text = doc["text"]
        lines = ["## ARTICLE (paragraph index in brackets; 0 is the headline)"]
        lines += [f"[{i}] {text[a:b]}" for i, (a, b) in enumerate(paragraph_spans(text))]
        lines += ["", "## STATEMENTS found by the system (speaker is the system's guess)"]
        lines += [f"s{i}\tparagraph {cols['paragraph'][i]}\tcue {cols['cue'][i]}\t"
                  + (f"start {cols['content_start'][i]}\t" if args.issuer_voice else "")
                  + f"speaker {cols['speaker'][i]}\tcontent: {cols['content'][i][:600]}" for i in range(len(X))]
        if args.unit == "speaker":
            total += _speaker_section(lines, scorer, X, cols, names)
            (out / f"{doc_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
            continue
        lines += ["", "## CANDIDATES to label (statement, target, where the target is named)"]
        k = 0
        scopes = set(args.scopes.split(","))
        for i, row in enumerate(scorer.candidates(X)):
            for t, feats in row:
                if feats[0] not in scopes:
                    continue
                lines.append(f"c{k}\ts{i}\tparagraph {cols['paragraph'][i]}\tcue {cols['cue'][i]}\t"
                             f"target {names[t]}\tnamed in {feats[0]}")
                k += 1
        total += k
        (out / f"{doc_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(ids)} articles, {total} {'speakers' if args.unit == 'speaker' else 'candidates'}, "
          f"written to {out}")
    return 0


def _speaker_section(lines: list[str], scorer, X, cols, names) -> int:
    """Append the speakers (the toolkit's, with their statements) and the targets the article names."""
    named = sorted({names[t] for row in scorer.candidates(X) for t, _ in row})
    speakers: dict[str, list[int]] = {}
    for i, who in enumerate(cols["speaker"]):
        speakers.setdefault(str(who), []).append(i)
    lines += ["", "## SPEAKERS found by the system (name as the system writes it: statements)"]
    lines += [f"{who}\t" + " ".join(f"s{i}" for i in idx) for who, idx in speakers.items()]
    lines += ["", "## TARGETS named in the article", ", ".join(named) if named else "(none)"]
    return len(speakers)


if __name__ == "__main__":
    sys.exit(main())
