"""``framing explain OUT --speaker NAME --target T``: why a speaker got their stance toward a target.

Reads an analysis folder and prints, for one speaker and one stance target,
the decision in each document (one per speaker, document and target:
:func:`framing.stance.decide.decide_stance`), whether it rests on the
speaker's own words naming the target or on the context around them, and the
statements behind it, strongest first (:func:`framing.stance.decide.explain`).
"""

from __future__ import annotations

from framing.cli.common import at_least


def register(sub) -> None:
    p = sub.add_parser(
        "explain", help="show the statements behind a speaker's stance toward a target",
        description="Read a folder framing analyze wrote and print, for one speaker and one stance target, the "
                    "speaker's stance in each document they address the target in (one decision per document), "
                    "whether it rests on their own words naming the target or only on the paragraph, headline or "
                    "article around their statements, and the statements that decided it, strongest first.")
    p.add_argument("analysis", metavar="OUT", help="a folder framing analyze wrote")
    p.add_argument("--speaker", required=True,
                   help="a speaker id or name as in the speakers table, or part of one speaker's name")
    p.add_argument("--target", required=True, help="a stance target of the run: its name or column slug")
    p.add_argument("--doc", metavar="DOC_ID", help="one document only")
    p.add_argument("--statements", type=at_least(0), default=3, metavar="N",
                   help="statements shown per document, strongest first (default 3; 0 for none)")
    p.add_argument("--csv", action="store_true", help="print every deciding statement as CSV instead")
    p.set_defaults(handler=run)


def run(args) -> int:
    import pandas as pd

    from framing.errors import InputError
    from framing.report.inputs import load_analysis
    from framing.stance.decide import decide_stance, explain

    data = load_analysis(args.analysis)
    target = find_target(data.targets, args.target, args.analysis)
    scored = data.utterances.merge(data.measures, on="utterance_id", how="inner")
    if f"stance_{target.slug}_label" not in scored.columns:
        raise InputError(f"{args.analysis}: no stance toward {target.name!r} in its measures table")
    speaker_id, name = find_speaker(scored, args.speaker, args.analysis)
    mine = scored[scored["speaker_id"].astype(str) == speaker_id]
    if args.doc is not None:
        if not (mine["doc_id"].astype(str) == args.doc).any():
            raise InputError(f"{args.analysis}: {name} has no statement in document {args.doc!r}")
        mine = mine[mine["doc_id"].astype(str) == args.doc]
    decisions = decide_stance(mine, [target])
    if args.csv:
        rows = explain(mine, speaker_id, target) if len(decisions) else pd.DataFrame()
        print(rows.to_csv(index=False), end="")
        return 0
    print(summary_line(name, speaker_id, target.name, decisions, mine["doc_id"].nunique()))
    balance = ((data.record or {}).get("stance_priors") or {}).get(target.name)
    if balance:
        print(balance_line(target.name, balance))
    quality = ((data.record or {}).get("stance_quality") or {}).get("targets") or []
    trained_as = next((q.get("trained_as") for q in quality if q.get("target") == target.name), None)
    if trained_as and not balance:
        print(trained_line(target.name, trained_as))
    titles = data.documents.set_index("doc_id") if "doc_id" in data.documents.columns else None
    for d in decisions.to_dict("records"):
        print()
        print(document_line(d, titles))
        if args.statements:
            rows = explain(mine, speaker_id, target, doc=d["doc_id"]).head(args.statements)
            for r in rows.to_dict("records"):
                print(f"    {r['label']:<8} {_score(r['score']):>6}  {r['named_in'] or '-':<9}  "
                      f"{_short(r.get('cue'))} | {_short(r['content'], 110)}")
    return 0


def find_target(targets, given: str, folder):
    """The run's target named ``given`` (its name or slug, any case), or an error listing the targets."""
    import difflib

    from framing.errors import InputError
    from framing.stance.targets import slugify

    for t in targets:
        if given.strip().lower() in (t.name.lower(), t.slug) or slugify(given) == t.slug:
            return t
    names = [t.name for t in targets]
    lower = {n.lower(): n for n in names}
    close = difflib.get_close_matches(given.lower(), list(lower), n=1, cutoff=0.6)
    hint = f"; did you mean {lower[close[0]]!r}?" if close else ""
    raise InputError(f"{folder}: no stance target {given!r} in this run{hint} (its targets: {', '.join(names)})")


def find_speaker(utterances, given: str, folder) -> tuple[str, str]:
    """``(speaker_id, name)`` of the one speaker ``given`` names: an id, a whole name (any case), or a part of
    one speaker's name; an error naming the candidates otherwise."""
    import difflib

    from framing.errors import InputError

    names = utterances.groupby(utterances["speaker_id"].astype(str), sort=False)["speaker"].first().astype(str)
    key = given.strip()
    if key in names.index:
        return key, names[key]
    whole = names[names.str.lower() == key.lower()]
    if len(whole) == 1:
        return whole.index[0], whole.iloc[0]
    part = whole if len(whole) else names[names.str.lower().str.contains(key.lower(), regex=False)]
    # "King Salman": the one name that begins so, not the unnamed sources whose description holds it
    starts = part[part.str.lower().str.startswith(key.lower())]
    if len(part) > 1 and len(starts) == 1 and len(key) >= 3:
        part = starts
    if len(part) == 1:
        return part.index[0], part.iloc[0]
    if len(part) > 1:
        counts = utterances["speaker_id"].astype(str).value_counts()
        shown = sorted(part.index, key=lambda s: -counts.get(s, 0))[:10]
        listed = "; ".join(f"{names[s]} ({s})" for s in shown)
        raise InputError(f"{folder}: {len(part)} speakers match {given!r}: {listed}"
                         f"{' ...' if len(part) > 10 else ''}; give the id")
    lower = {n.lower(): n for n in names}
    close = [lower[c] for c in difflib.get_close_matches(key.lower(), list(lower), n=3, cutoff=0.6)]
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise InputError(f"{folder}: no speaker {given!r}{hint} (`framing speakers {folder}` lists them)")


def summary_line(name: str, speaker_id: str, target: str, decisions, n_documents: int) -> str:
    """One sentence: the speaker's documents toward the target by side, and how many rest on their own words."""
    theirs = "their one document" if n_documents == 1 else f"their {n_documents} documents"
    if decisions.empty:
        return f"{name} ({speaker_id}) does not address {target} in {theirs}."
    counts = decisions["label"].value_counts()
    sides = ", ".join(f"{side} {int(counts.get(side, 0))}" for side in ("favor", "against", "neutral"))
    where = theirs if n_documents == 1 else f"{len(decisions)} of {theirs}"
    text = f"{name} ({speaker_id}) addresses {target} in {where} ({sides})."
    named = decisions["n_named"]
    if named.notna().any():
        own = int((named.fillna(0) > 0).sum())
        context = ("the paragraph, headline or article names it, their statements do not")
        if len(decisions) == 1:
            text += (f" Their own words name {target} there." if own else
                     f" The side rests on the context alone ({context}).")
        else:
            text += (f" Their own words name {target} in {own} of them; in {len(decisions) - own} the side rests on "
                     f"the context alone ({context}).")
    return text


def balance_line(target: str, balance: dict) -> str:
    """The balance of sides the run read a new target with (``run.json``'s ``stance_priors``): the corpus', or
    the one the researcher gave (``--stance-priors FILE``).

    >>> balance_line("NATO", {"favor": 0.2, "against": 0.7, "neutral": 0.1, "candidates": 25}).split(": ")[1]
    "sides read with the corpus' balance, favor 0.20, against 0.70, neutral 0.10 (from 25 statements)."
    >>> "one-sided pulls every speaker's side toward favor" in balance_line("Ukraine", {"favor": 0.98, "against": 0.01,
    ...                                                                               "neutral": 0.01})
    True
    >>> balance_line("NATO", {"favor": 0.2, "against": 0.7, "neutral": 0.1, "candidates": 7, "given": "b.yml"})
    'NATO is read as a target the stance model was not trained on, with the balance of sides given in b.yml: favor 0.20, against 0.70, neutral 0.10 (from 7 coded statements).'
    """
    from framing.stance.priors import describe_balance, one_sided

    shares = describe_balance(balance)
    if balance.get("given"):
        counted = f" (from {balance['candidates']} coded statements)" if balance.get("candidates") is not None else ""
        return (f"{target} is read as a target the stance model was not trained on, with the balance of sides "
                f"given in {balance['given']}: {shares}{counted}.")
    text = (f"The stance model learned no balance of sides for {target} here: sides read with the corpus' "
            f"balance, {shares} (from {balance.get('candidates', 0)} statements).")
    lead = one_sided(balance)
    if lead:
        text += (f" A balance this one-sided pulls every speaker's side toward {lead}, an opposing camp's too: "
                 f"`framing analyze --no-stance-priors` reads the statements without it.")
    return text


def trained_line(target: str, trained_as: str) -> str:
    """A target the stance model knows under another name: the same aliases (:mod:`framing.stance.known_targets`).

    >>> trained_line("Islamic State", "ISIS")
    "Islamic State is read as the stance model's ISIS, whose aliases it shares: sides read with the balance the model learned for it."
    """
    return (f"{target} is read as the stance model's {trained_as}, whose aliases it shares: sides read with the "
            f"balance the model learned for it.")


def document_line(decision: dict, titles) -> str:
    """A document's decision: its id, date and title, the label, the statements and those in own words."""
    doc = decision["doc_id"]
    meta = ""
    if titles is not None and doc in titles.index:
        row = titles.loc[doc]
        meta = "  ".join(str(row[c])[:10] if c == "date" else _short(row[c], 60)
                         for c in ("date", "title") if c in titles.columns and isinstance(row[c], str) and row[c])
    import pandas as pd

    own = decision.get("n_named")
    # unknown where the scorer does not say where the target is named
    basis = "" if own is None or pd.isna(own) else f", {int(own)} in own words" if own else ", context only"
    n = int(decision["n_addressed"])
    said = f"-> {decision['label']} ({n} statement{'s' if n != 1 else ''}{basis})"
    return f"  {doc}  {meta}\n  {said}" if meta else f"  {doc}  {said}"


def _score(value) -> str:
    import pandas as pd

    return "" if value is None or pd.isna(value) else f"{float(value):+.2f}"


def _short(text, n: int = 30) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"
