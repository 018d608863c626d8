"""Coding sheets: a stratified sample of utterances for human coders, written as CSV and XLSX with its key.

A sheet has one row per sampled utterance: where it is (``utterance_id``,
``doc_id``, ``paragraph``), the paragraph as ``context`` with the cue marked
``⟦like this⟧``, the cue, the machine's speaker and mention, the content,
then empty columns for the coder:

==============  ============================================================
``coder``       the coder's name (blank: the file name stands in)
``utterance``   yes (a reported statement) | no (not one) | optional (a
                borderline cue the guidelines neither require nor forbid)
``speaker_ok``  yes | no: is the machine's speaker right?
``speaker``     the right speaker, in words (when the machine's is wrong)
``kind``        direct | indirect | mixed | headline | according
``sentiment``   positive | negative | neutral | none
``stance_<t>``  favor | against | neutral | none (the target is not addressed)
``notes``       free text, never read
==============  ============================================================

Blank cells are missing codes, not a category (:mod:`framing.validation.codes`
reads coded sheets back).  A statement the machine
missed is coded by adding a row with a blank ``utterance_id`` and its
``doc_id``, ``paragraph``, ``cue`` and ``speaker``.  Numeric columns whose
name ends in ``_score`` (e.g. ``sentiment_score``) are read as interval
scores.  The machine's answers go to a key file (``<sheet>.key.csv``), and
into the sheet itself only when asked (``show_machine=True``), so coders
are not anchored by them.

Every cell holds the corpus's text exactly, so that reading a sheet back
gives the same text and ids (and ids join to the key).  In the XLSX every
cell is a text cell, never a formula, even when it begins with ``=``.  The
CSV cannot mark a cell as text: a spreadsheet app that opens it evaluates
cells beginning with ``=``, ``+``, ``-`` or ``@`` (and may change ids and
text when it saves), so coders should work in the XLSX, or import the CSV
with every column as text.

Examples
--------
>>> import pandas as pd
>>> u = pd.DataFrame({"utterance_id": ["d:0", "d:9"], "doc_id": "d", "paragraph": [0, 1],
...                   "cue": ["said", "told"], "cue_start": [2, 20], "cue_end": [6, 24],
...                   "speaker_id": ["a", "b"], "speaker": ["A", "B"], "mention": ["A", "B"],
...                   "mention_full": ["A", "B"], "kind": "indirect", "content": ["x", "y"],
...                   "lang": "en", "outlet": "o"})
>>> sheet, key = build_sheet(draw_sample(u, 5), {"d": "A said x\\nand then B told y"})
>>> sheet.loc[1, "context"]
'and then B ⟦told⟧ y'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from framing.errors import InputError
from framing.text import paragraph_spans

#: Markers around the cue in the context column.
MARK = ("⟦", "⟧")
#: Stratifying variable -> utterances column.
STRATA = {"speaker": "speaker_id", "outlet": "outlet", "none": None}
#: Allowed codes per coder column (stance columns share ``stance``), in a fixed order.
VOCABULARY = {
    "utterance": ("yes", "no", "optional"),
    "speaker_ok": ("yes", "no"),
    "kind": ("direct", "indirect", "mixed", "headline", "according", "issued"),
    "sentiment": ("positive", "negative", "neutral", "none"),
    "stance": ("favor", "against", "neutral", "none"),
}
#: Spellings coders use for the codes above.
SYNONYMS = {"y": "yes", "n": "no", "opt": "optional", "pos": "positive", "neg": "negative", "neu": "neutral",
            "favour": "favor", "pro": "favor", "con": "against"}
#: Labels on an interval scale (for interval alpha); ``none`` stays off the scale.
SCALES = {"sentiment": {"negative": -1.0, "neutral": 0.0, "positive": 1.0},
          "stance": {"against": -1.0, "neutral": 0.0, "favor": 1.0}}
INFO_COLUMNS = ["utterance_id", "doc_id", "paragraph", "lang", "stratum", "weight", "context", "cue",
                "machine_speaker", "machine_mention", "content"]


def vocabulary(column: str) -> tuple[str, ...] | None:
    """The allowed codes of a coder column (None for free-text and score columns).

    >>> vocabulary("stance_russia")
    ('favor', 'against', 'neutral', 'none')
    """
    return VOCABULARY.get("stance" if is_stance_column(column) else column)


def is_stance_column(column: str) -> bool:
    """Whether a column holds stance codes (``stance_<t>``; not ``stance_method``, ``stance_<t>_score`` or
    ``stance_<t>_named_in``)."""
    return column.startswith("stance_") and not column.endswith(("_method", "_score", "_label", "_named_in"))


def scale(column: str) -> dict[str, float] | None:
    """The interval scale of a label column, if it has one (sentiment and stance)."""
    return SCALES.get("stance" if is_stance_column(column) else column)


def coder_columns(targets: Sequence[str]) -> list[str]:
    """The empty columns a coder fills, for stance target slugs ``targets``."""
    return ["coder", "utterance", "speaker_ok", "speaker", "kind", "sentiment",
            *[f"stance_{t}" for t in targets], "notes"]


# --- drawing the sample -----------------------------------------------------------------------------------


def draw_sample(utterances: pd.DataFrame, n: int = 200, *, by: str = "speaker", seed: int = 0) -> pd.DataFrame:
    """A stratified random sample of utterances, with ``stratum`` and ``weight`` columns.

    Each stratum (speaker or outlet) gets a share of ``n`` proportional to
    its size (largest remainders), and at least one utterance when ``n``
    allows; ``weight`` is the stratum size over its sample size, for
    estimates that stand for the whole table.  Rows keep their table order.

    Examples
    --------
    >>> u = pd.DataFrame({"utterance_id": list("abcdef"), "speaker_id": list("xxxxxy")})
    >>> s = draw_sample(u, 3, seed=1)
    >>> sorted(s["stratum"].value_counts().items()), s["weight"].tolist()
    ([('x', 2), ('y', 1)], [2.5, 2.5, 1.0])
    """
    if by not in STRATA:
        raise ValueError(f"stratify by one of {sorted(STRATA)}, not {by!r}")
    if n < 1:
        raise ValueError(f"the sample needs at least one utterance (n={n})")
    col = STRATA[by]
    if col is not None and col not in utterances.columns:
        raise InputError(f"the utterances table has no {col!r} column to stratify by {by}")
    table = utterances.reset_index(drop=True)
    strata = (table[col].astype(object).where(table[col].notna(), "(none)").astype(str) if col
              else pd.Series("(all)", index=table.index))
    sizes = strata.value_counts(sort=False)
    sizes = sizes.loc[sorted(sizes.index)]
    alloc = allocate(sizes.to_numpy(), n)
    rng = np.random.default_rng(seed)
    picked, weights = [], {}
    for stratum, size, k in zip(sizes.index, sizes.to_numpy(), alloc):
        rows = np.flatnonzero((strata == stratum).to_numpy())
        picked.extend(rng.choice(rows, size=k, replace=False).tolist())
        weights[stratum] = size / k if k else np.nan
    out = table.iloc[sorted(picked)].copy()
    out["stratum"] = strata.iloc[out.index].to_numpy()
    out["weight"] = out["stratum"].map(weights).astype(float)
    return out.reset_index(drop=True)


def allocate(sizes: Sequence[int], n: int) -> np.ndarray:
    """Sample sizes per stratum: proportional to ``sizes`` (largest remainders), at least 1 each when ``n`` allows.

    >>> allocate([90, 9, 1], 10).tolist(), allocate([5, 2], 50).tolist()
    ([8, 1, 1], [5, 2])
    """
    sizes = np.asarray(sizes, dtype=int)
    total = int(sizes.sum())
    if n >= total:
        return sizes.copy()
    quota = n * sizes / total
    alloc = np.floor(quota).astype(int)
    order = np.argsort(-(quota - alloc), kind="stable")
    alloc[order[: n - alloc.sum()]] += 1
    if n >= len(sizes):
        for i in np.flatnonzero(alloc == 0):
            alloc[int(np.argmax(alloc))] -= 1
            alloc[i] = 1
    return alloc


# --- from a corpus -----------------------------------------------------------------------------------------


def read_tables(folder: str | Path) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The utterances and (when there) measures tables of a ``framing analyze`` folder."""
    from framing.tables import read_table

    folder = Path(folder)
    measures = read_table(folder, "measures", missing_ok=True) if folder.is_dir() else None
    return read_table(folder, "utterances"), measures


def analyse_corpus(corpus, *, registry=None, targets=None, workers: int = 1, batch_size: int = 500,
                   progress=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Utterances and measures of a corpus (the per-document stages of ``framing analyze``, no aggregates)."""
    import itertools

    from framing.attribution.actors import Registry
    from framing.analysis.stage import BatchStage

    stage = BatchStage(registry=registry or Registry.load(), targets=targets)
    docs = progress(iter(corpus)) if progress is not None else iter(corpus)
    batches = iter(lambda: list(itertools.islice(docs, batch_size)), [])
    results = list(stage.map(batches, workers=workers))
    if not results:
        raise InputError(f"{getattr(corpus, 'name', 'the corpus')}: no documents to sample from")
    return (pd.concat([r[1] for r in results], ignore_index=True),
            pd.concat([r[2] for r in results], ignore_index=True))


def document_texts(corpus, doc_ids: Iterable[str]) -> dict[str, str]:
    """The text of each wanted document, read in one pass that stops when all are found."""
    wanted, texts = {str(d) for d in doc_ids}, {}
    for doc in corpus:
        if str(doc["doc_id"]) in wanted:
            texts[str(doc["doc_id"])] = doc["text"]
            if len(texts) == len(wanted):
                break
    return texts


def sample_corpus(corpus, *, n: int = 200, by: str = "speaker", seed: int = 0, tables=None, registry=None,
                  targets=None, show_machine: bool = False, workers: int = 1,
                  progress=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A coding sheet and its key for a corpus: analyse it (or take ``tables``), sample, add contexts.

    Parameters
    ----------
    corpus : Corpus or iterable of document dicts
        Read twice: once to analyse (skipped with ``tables``), once for the
        texts of the sampled documents.
    n, by, seed
        See :func:`draw_sample`.
    tables : folder or (utterances, measures), optional
        A ``framing analyze`` output of this corpus, to sample from without analysing again.
    registry, targets, workers, progress
        As for :func:`framing.analysis.run.analyze`.
    show_machine : bool
        See :func:`build_sheet`.

    Examples
    --------
    >>> from framing.corpus.documents import read_corpus
    >>> sheet, key = sample_corpus(read_corpus("corpora/seed"), n=5)   # doctest: +SKIP
    """
    if tables is None:
        utterances, measures = analyse_corpus(corpus, registry=registry, targets=targets, workers=workers,
                                              progress=progress)
    elif isinstance(tables, (str, Path)):
        utterances, measures = read_tables(tables)
    else:
        utterances, measures = tables
    if not len(utterances):
        raise InputError("no utterances to sample: the analysis found no reported statements")
    sample = draw_sample(utterances, n, by=by, seed=seed)
    texts = document_texts(corpus, sample["doc_id"])
    return build_sheet(sample, texts, measures, targets=targets, show_machine=show_machine)


# --- building the sheet ---------------------------------------------------------------------------------


def target_slugs(measures: pd.DataFrame | None, targets=None) -> list[str]:
    """Stance target slugs: from the measures table's label columns, else from the targets config."""
    if measures is not None:
        slugs = [c[len("stance_"):-len("_label")] for c in measures.columns
                 if c.startswith("stance_") and c.endswith("_label")]
        if slugs:
            return slugs
    from framing.stance.targets import resolve_targets

    return [t.slug for t in resolve_targets(targets)]


def machine_table(utterances: pd.DataFrame, measures: pd.DataFrame | None = None) -> pd.DataFrame:
    """The machine's answers per utterance, as the key of a sheet (``machine_*`` columns).

    Examples
    --------
    >>> u = pd.DataFrame({"utterance_id": ["u1"], "doc_id": ["d"], "paragraph": [2], "cue": ["said"],
    ...                   "lang": ["en"], "speaker_id": ["a"], "speaker": ["A"], "mention": ["he"],
    ...                   "mention_full": ["A"], "kind": ["indirect"]})
    >>> m = pd.DataFrame({"utterance_id": ["u1"], "sentiment": [0.5], "sentiment_label": ["positive"]})
    >>> machine_table(u, m).loc[0, ["machine_speaker", "machine_sentiment"]].tolist()
    ['A', 'positive']
    """
    out = pd.DataFrame({c: utterances[c].to_numpy() if c in utterances else None
                        for c in ("utterance_id", "doc_id", "paragraph", "cue", "lang")})
    for col in ("speaker_id", "speaker", "mention", "mention_full", "kind"):
        values = utterances[col] if col in utterances else pd.Series(None, index=utterances.index)
        out[f"machine_{col}"] = values.astype(object).where(values.notna(), "").to_numpy()
    if measures is None or not len(out):
        return out
    m = measures.set_index("utterance_id").reindex(out["utterance_id"])
    for col in m.columns:
        if col.endswith("_label"):
            out[f"machine_{col[:-len('_label')]}"] = m[col].to_numpy()
        elif col.endswith("_method"):
            out[col] = m[col].to_numpy()
        elif f"{col}_label" in m.columns:
            out[f"machine_{col}_score"] = m[col].to_numpy()
    return out


def mark_context(text: str, paragraph: int, start: int, end: int, where: str = "") -> str:
    """The paragraph of ``text`` with ``text[start:end]`` (the cue) between :data:`MARK` brackets.

    >>> mark_context("Title\\n\\nHe said no.", 1, 10, 14)
    'He ⟦said⟧ no.'
    """
    spans = paragraph_spans(text)
    if not 0 <= paragraph < len(spans):
        raise InputError(f"{where}paragraph {paragraph} is not in the document ({len(spans)} paragraphs)")
    a, b = spans[paragraph]
    if not a <= start <= end <= b:
        raise InputError(f"{where}cue offsets {start}-{end} fall outside paragraph {paragraph} ({a}-{b}); "
                         "do the tables come from this corpus?")
    return f"{text[a:start]}{MARK[0]}{text[start:end]}{MARK[1]}{text[end:b]}"


def build_sheet(sample: pd.DataFrame, texts: Mapping[str, str], measures: pd.DataFrame | None = None, *,
                targets=None, show_machine: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The coding sheet and its key for sampled utterances.

    Parameters
    ----------
    sample : DataFrame
        Utterances rows (from :func:`draw_sample`; ``stratum`` and ``weight`` are kept when present).
    texts : mapping
        Document text by ``doc_id`` (offsets of the utterances index it).
    measures : DataFrame, optional
        The measures table: the machine's sentiment and stance for the key.
    targets : path or list of Target, optional
        Stance targets when ``measures`` has none.
    show_machine : bool
        Also show the machine's kind, sentiment and stance labels in the sheet.

    Returns
    -------
    (DataFrame, DataFrame)
        The sheet (info columns, then empty coder columns) and the key
        (:func:`machine_table` of the sampled rows).
    """
    key = machine_table(sample, measures)
    contexts = []
    for row in sample.itertuples(index=False):
        doc = str(row.doc_id)
        if doc not in texts:
            raise InputError(f"utterance {row.utterance_id}: document {doc!r} is not in the corpus")
        contexts.append(mark_context(texts[doc], int(row.paragraph), int(row.cue_start), int(row.cue_end),
                                     where=f"utterance {row.utterance_id}: "))
    sheet = pd.DataFrame({
        "utterance_id": sample["utterance_id"].to_numpy(), "doc_id": sample["doc_id"].astype(str).to_numpy(),
        "paragraph": sample["paragraph"].astype(int).to_numpy(), "lang": key["lang"].to_numpy(),
        "stratum": sample["stratum"].to_numpy() if "stratum" in sample else "(all)",
        "weight": sample["weight"].to_numpy() if "weight" in sample else 1.0,
        "context": contexts, "cue": sample["cue"].to_numpy(),
        "machine_speaker": key["machine_speaker"].to_numpy(), "machine_mention": key["machine_mention"].to_numpy(),
        "content": sample["content"].to_numpy()})
    slugs = target_slugs(measures, targets)
    if show_machine:
        for col in ["machine_kind", "machine_sentiment", *[f"machine_stance_{t}" for t in slugs]]:
            sheet[col] = key[col].to_numpy() if col in key else ""
    for col in coder_columns(slugs):
        sheet[col] = ""
    return sheet, key


def codebook(columns: Iterable[str], books: Iterable[dict] = ()) -> pd.DataFrame:
    """What each coder column of a sheet means and which codes it takes (the XLSX's second sheet).

    ``books`` are a researcher's codebooks (:func:`framing.frames.supervised.load_codebook`), whose columns
    the sheet carries too.
    """
    meaning = {"coder": "your name", "utterance": "is the marked cue a reported statement?",
               "speaker_ok": "is machine_speaker the one who said it?",
               "speaker": "the right speaker, when machine_speaker is wrong or the row is added",
               "kind": "how the statement is reported", "sentiment": "the polarity of what is said",
               "notes": "anything else (not read)"}
    rows = []
    for col in columns:
        if col in meaning or is_stance_column(col):
            codes = vocabulary(col)
            what = meaning.get(col, f"the speaker's stance toward {col[len('stance_'):]} (none: not addressed)")
            rows.append({"column": col, "codes": " | ".join(codes) if codes else "free text", "meaning": what})
    for book in books:
        rows.append({"column": book["name"], "codes": " | ".join(book["labels"]),
                     "meaning": (book.get("description") or f"the {book['name']} of the statement")
                     + ("; one or more labels, separated by commas" if book["multi"] else "; one label")})
    rows.append({"column": "(added row)", "codes": "",
                 "meaning": "a statement the machine missed: blank utterance_id; fill doc_id, paragraph, cue, speaker"})
    return pd.DataFrame(rows)


def write_sheet(sheet: pd.DataFrame, path: str | Path, key: pd.DataFrame | None = None, *,
                xlsx: bool = True, codebooks: Iterable[dict] = ()) -> list[Path]:
    """Write the sheet as CSV (and XLSX beside it when openpyxl is there), and the key; return the paths.

    ``path`` may end in ``.csv`` or ``.xlsx``; the other form gets the same
    stem.  The key goes to ``<stem>.key.csv``.  Each of ``codebooks`` (a
    researcher's variables) adds an empty column of its name for the coders,
    and its labels to the XLSX's codebook sheet.  Existing files are never
    written over (an error names them): a sheet may hold a coder's work.
    Control characters a spreadsheet cannot hold become U+FFFD in the XLSX.
    """
    path = Path(path)
    base = path.with_suffix("") if path.suffix.lower() in (".csv", ".xlsx") else path
    csv = base.with_name(base.name + ".csv")
    targets = [csv, base.with_name(base.name + ".xlsx")] + ([base.with_name(base.name + ".key.csv")] if key is not None
                                                            else [])
    there = [str(p) for p in targets if p.exists()]
    if there:
        # a sheet may already hold a coder's work: never write over it
        raise InputError(f"{', '.join(there)}: already there; a coding sheet is never written over (a coder may "
                         f"have filled it in): choose another --out, or move the old files away")
    codebooks = list(codebooks)
    if codebooks:
        sheet = sheet.copy()
        for book in codebooks:
            if book["name"] in sheet.columns:
                raise InputError(f"codebook variable {book['name']!r} is already a column of the sheet: rename it")
            sheet[book["name"]] = ""
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_csv(sheet, csv)
    written = [csv]
    if xlsx:
        try:
            written.append(_write_xlsx(sheet, base.with_name(base.name + ".xlsx"), codebooks))
        except ImportError:
            pass  # openpyxl is optional: the CSV is complete
    if key is not None:
        key_path = base.with_name(base.name + ".key.csv")
        _write_csv(key, key_path)
        written.append(key_path)
    return written


def _write_csv(table: pd.DataFrame, path: Path) -> None:
    """Write ``table`` as CSV that reads back cell for cell, also when a cell holds a lone carriage return.

    Python's CSV writer quotes a cell with a line feed but not one with only
    a carriage return, which every CSV reader takes for the end of a row;
    a table with one gets every cell quoted.
    """
    import csv

    has_cr = any(isinstance(v, str) and "\r" in v for col in table.columns for v in table[col])
    table.to_csv(path, index=False, quoting=csv.QUOTE_ALL if has_cr else csv.QUOTE_MINIMAL)


def _write_xlsx(sheet: pd.DataFrame, path: Path, codebooks=()) -> Path:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # control characters a spreadsheet cannot hold (the CSV keeps them): shown as U+FFFD
    sheet = sheet.apply(lambda col: col.map(lambda v: ILLEGAL_CHARACTERS_RE.sub("\ufffd", v) if isinstance(v, str)
                                            else v) if col.dtype == object or pd.api.types.is_string_dtype(col)
                          else col)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        sheet.to_excel(writer, sheet_name="coding", index=False)
        codebook(sheet.columns, codebooks).to_excel(writer, sheet_name="codebook", index=False)
        for name in ("coding", "codebook"):
            _text_cells(writer.sheets[name])
        ws = writer.sheets["coding"]
        ws.freeze_panes = "A2"
        for j, col in enumerate(sheet.columns, 1):
            letter = ws.cell(row=1, column=j).column_letter
            ws.cell(row=1, column=j).font = Font(bold=True)
            wide = col in ("context", "content")
            ws.column_dimensions[letter].width = 60 if wide else 16
            if wide:
                # right-to-left reading order only where the text is Arabic
                for i, lang in enumerate(sheet["lang"], 2):
                    ws.cell(row=i, column=j).alignment = Alignment(wrap_text=True, vertical="top",
                                                                   readingOrder=2 if lang == "ar" else 0)
            codes = vocabulary(col)
            if codes and len(sheet):
                dv = DataValidation(type="list", formula1='"' + ",".join(codes) + '"', allow_blank=True)
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}{len(sheet) + 1}")
    _keep_carriage_returns(path)
    return path


def _text_cells(ws) -> None:
    """Make every formula cell of ``ws`` a text cell.

    openpyxl stores a string that begins with ``=`` as a formula, which a
    spreadsheet app runs: corpus text ``=HYPERLINK(...)`` would become a
    link to anywhere, an id ``=2+3`` would show as 5 and no longer join to
    the key.  Nothing in a sheet is meant as a formula.
    """
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def _keep_carriage_returns(path: Path) -> None:
    """Write each carriage return in the worksheets as ``&#13;``.

    openpyxl writes it as a raw character, which every XML reader reads
    back as a line feed; the character reference keeps it.
    """
    import zipfile

    with zipfile.ZipFile(path) as z:
        entries = [(info, z.read(info)) for info in z.infolist()]
    if not any(b"\r" in data for info, data in entries if info.filename.startswith("xl/worksheets/")):
        return
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            if info.filename.startswith("xl/worksheets/"):
                data = data.replace(b"\r", b"&#13;")
            z.writestr(info, data)
