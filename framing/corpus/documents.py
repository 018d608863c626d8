"""Corpora: read news files into the documents and paragraphs tables.

A :class:`Corpus` is a re-iterable stream of document dicts (gensim style):
each ``iter()`` reads the source again, so a corpus larger than memory can
be processed; only the tables a caller asks for are built in memory.
Every document follows the table contract (``doc_id, title, text, lang,
outlet, date, url, source_path, sha256``, plus ``duplicate_of``,
``date_raw`` and any extra input fields such as ``author``).

Examples
--------
>>> corpus = read_corpus("corpora/seed")                   # doctest: +SKIP
>>> corpus.info()["documents"], corpus.info()["paragraphs"]  # doctest: +SKIP
(1, 26)
>>> import pandas as pd
>>> frame = pd.DataFrame({"title": ["Talks end"], "body": ["The minister said the talks were over."]})
>>> doc = next(iter(Corpus.from_frame(frame)))
>>> doc["text"]
'Talks end\\n\\nThe minister said the talks were over.'
>>> doc["lang"], doc["doc_id"]
('en', 't_6a1bcebac492998a')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path

from framing.errors import FramingError
from framing.corpus.manifest import Manifest
from framing.files import file_sha256
from framing.corpus.builder import (_RESERVED, COLUMN_CANDIDATES, COLUMN_PROBE, DOCUMENT_COLUMNS, PARAGRAPH_COLUMNS,
                                    _DocumentBuilder, check_named_columns, duplicate_key, text_sha256)
from framing.corpus.readers import Record, check_metadata, check_options, iter_records
from framing.corpus.selection import Selection
from framing.text import detect_language, paragraph_spans

# --- the corpus ----------------------------------------------------------------

class Corpus:
    """A re-iterable, streaming collection of documents.

    Build one with :func:`read_corpus` or :meth:`Corpus.from_frame`.  Each
    ``iter(corpus)`` reads the source again and yields one dict per document
    (see :data:`DOCUMENT_COLUMNS`); :attr:`manifest` describes the latest pass.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = Corpus.from_frame(pd.DataFrame({"id": ["a", "b"], "text": ["قال الوزير", "Hello there"]}))
    >>> [d["lang"] for d in corpus]
    ['ar', 'en']
    >>> corpus.documents(include_text=False)["doc_id"].tolist()
    ['a', 'b']
    """

    def __init__(self, records, *, name: str, columns: Mapping[str, str] | None = None,
                 lang: str | None = None, outlet: str | None = None, limit: int | None = None,
                 selection: Selection | None = None):
        # ``records(manifest)`` returns a fresh iterator of Records for one pass
        self._records = records
        self.name = name
        self.columns = dict(columns or {})
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
            raise FramingError(f"limit must be a whole number of documents, 0 or more, not {limit!r} "
                               "(limit=... or --limit N)")
        self.lang, self.outlet, self.limit = lang, outlet, limit
        self.selection = selection if selection is not None else Selection()
        _DocumentBuilder(Manifest(), self.columns, lang, outlet)  # validates the options now, not mid-pass
        self.manifest = Manifest(name)
        #: How the documents are read, not where from: a streamed run records these, so resuming it
        #: with other reader options is refused (read_corpus adds its file options).
        self.options = {"columns": self.columns, "lang": lang, "outlet": outlet, "limit": limit}
        if self.selection:
            self.options["selection"] = self.selection.to_dict()

    def __repr__(self) -> str:
        return f"Corpus({self.name!r})"

    def __iter__(self) -> Iterator[dict]:
        previous = self.manifest
        manifest = self.manifest = Manifest(self.name)
        # each pass re-reads the source and records its problems afresh; log them on the first pass only
        manifest._logged, manifest._seen = previous._logged, previous._seen
        builder = _DocumentBuilder(manifest, self.columns, self.lang, self.outlet)
        manifest.selection = self.selection.describe()
        if self.limit == 0:
            manifest.stopped = "limit=0: nothing was read"
            return
        built = (doc for rec in check_named_columns(self._records(manifest), self.columns)
                 if (doc := builder.build(rec)) is not None)
        docs = self.selection.apply(built, on_left_out=manifest.leave_out) if self.selection else built
        given = 0
        for doc in docs:
            yield doc
            given += 1
            if self.limit is not None and given >= self.limit:
                manifest.stopped = f"stopped at limit={self.limit}"
                return
        manifest.complete = True

    def check(self) -> None:
        """Read the first records, to report bad columns or metadata before any work.

        The manifest is left as it was; problems seen are not logged again.
        """
        probe = Manifest(self.name)
        records = check_named_columns(self._records(probe), self.columns)
        try:
            next(records, None)
        finally:
            records.close()
        self.manifest._logged, self.manifest._seen = probe._logged, probe._seen

    @classmethod
    def from_frame(cls, frame, *, columns: Mapping[str, str] | None = None, lang: str | None = None,
                   outlet: str | None = None, limit: int | None = None, name: str = "<frame>",
                   selection: Selection | None = None) -> "Corpus":
        """A corpus over the rows of a pandas DataFrame of documents.

        Columns are mapped as for files; ``source_path`` is ``<frame>:row N``
        (N counts from 1).  The frame is read row by row on each pass.
        """
        def records(manifest: Manifest):
            manifest.files += 1
            cols = [str(c) for c in frame.columns]
            for i, row in enumerate(frame.itertuples(index=False, name=None), 1):
                yield Record(dict(zip(cols, row)), name, f"row {i}")
        corpus = cls(records, name=name, columns=columns, lang=lang, outlet=outlet, limit=limit,
                     selection=selection)
        if corpus.columns:
            corpus.check()
        return corpus

    def batches(self, size: int) -> Iterator[list[dict]]:
        """Documents in lists of at most ``size`` (the last may be shorter)."""
        if size < 1:
            raise ValueError("batch size must be at least 1")
        batch: list[dict] = []
        for doc in self:
            batch.append(doc)
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch

    def documents(self, include_text: bool = True):
        """The documents table (one pass); ``include_text=False`` leaves out ``text``."""
        import pandas as pd

        columns = [c for c in DOCUMENT_COLUMNS if include_text or c != "text"]
        rows = [doc if include_text else {k: v for k, v in doc.items() if k != "text"} for doc in self]
        extras = list(dict.fromkeys(k for row in rows for k in row if k not in _RESERVED))
        return pd.DataFrame(rows, columns=columns + extras)

    def iter_paragraphs(self, include_text: bool = False) -> Iterator[dict]:
        """Paragraph rows, streamed: ``doc_id, paragraph, start, end, lang`` (+ ``text``).

        A paragraph is a non-empty line of the document text; its language
        is detected on its own (a caption in another language shows up),
        falling back to the document's language for lines without letters.
        """
        for doc in self:
            text, doc_lang = doc["text"], doc["lang"]
            for i, (a, b) in enumerate(paragraph_spans(text)):
                row = {"doc_id": doc["doc_id"], "paragraph": i, "start": a, "end": b,
                       "lang": detect_language(text[a:b], default=doc_lang)}
                if include_text:
                    row["text"] = text[a:b]
                yield row

    def paragraphs(self, include_text: bool = False):
        """The paragraphs table (one pass); offsets index the document text."""
        import pandas as pd

        columns = list(PARAGRAPH_COLUMNS) + (["text"] if include_text else [])
        return pd.DataFrame(list(self.iter_paragraphs(include_text)), columns=columns)

    def info(self, progress=None) -> dict:
        """Counts over one pass: documents, paragraphs, languages, outlets, dates, duplicates, rejects.

        ``progress`` optionally wraps the document iterator (a tqdm factory).
        """
        langs: Counter = Counter()
        outlets: Counter = Counter()
        n_docs = n_pars = undated = 0
        first = last = None
        docs = progress(iter(self)) if progress else iter(self)
        for doc in docs:
            n_docs += 1
            n_pars += len(paragraph_spans(doc["text"]))
            langs[doc["lang"]] += 1
            outlets[doc["outlet"] or "(none)"] += 1
            d = doc["date"]
            undated += not d
            if d:
                first = d if first is None or d < first else first
                last = d if last is None or d > last else last
        m = self.manifest
        return {
            "corpus": self.name,
            "documents": n_docs,
            "paragraphs": n_pars,
            "languages": dict(langs.most_common()),
            "outlets": dict(outlets.most_common()),
            "date_range": [first, last],
            "undated": undated,
            "duplicates": m.duplicates,
            "rejects": len(m.skipped),
            "warnings": len(m.warnings),
            "manifest": m.summary(),
        }


def read_corpus(path, *, format: str | None = None, columns: Mapping[str, str] | None = None,
                encoding: str = "utf-8", metadata=None, lang: str | None = None, outlet: str | None = None,
                limit: int | None = None, delimiter: str | None = None,
                selection: Selection | None = None) -> Corpus:
    """Open a corpus: a folder, or a ``.txt``, JSONL (``.gz`` too), CSV/TSV or Parquet file.

    Nothing is read until the corpus is iterated (but the first records, to
    check the options); each pass streams.

    Parameters
    ----------
    path : str or Path
        The corpus; ``source_path`` in the tables is written relative to it
        as given (``corpora/seed/a.txt``, ``news.jsonl.gz:line 7``).
    format : {"txt", "jsonl", "csv", "parquet"}, optional
        Told from the file name when omitted; in a folder, read only files
        of this format.
    columns : dict, optional
        Role -> input field, for roles ``id, title, text, date, outlet, url,
        lang``; roles not given are found by common names
        (:data:`COLUMN_CANDIDATES`).  Fields not mapped ride along as columns.
    encoding : str
        Of text files without a byte-order mark (UTF-8 and UTF-16 marks are
        honoured); e.g. ``"cp1256"`` for Windows Arabic.  Bytes that do not
        decode reject their file or line, never get replaced.
    metadata : path, optional
        Metadata for ``.txt`` files (CSV/TSV/JSONL with a ``file`` column);
        by default ``metadata.csv`` (or .tsv, .jsonl) in the folder; ``False``
        for none.
    lang, outlet : str, optional
        For documents whose metadata gives none (``lang`` also saves the
        language detection).
    limit : int, optional
        Stop after this many documents (0 or more), counted after the selection.
    selection : Selection or dict, optional
        Which documents to keep (filters by field, date and keyword, a
        seeded sample; :mod:`framing.corpus.selection`); every document is
        still read and checked, and those left out are counted in the manifest.
    delimiter : str, optional
        CSV delimiter, one character (``"tab"`` and ``"\\t"`` name a tab);
        sniffed from the header when omitted.

    Raises
    ------
    FramingError
        For an option that cannot work (a delimiter of two characters, an
        unknown encoding, a negative limit) -- checked before any reading.
    InputError
        For a path that does not exist, a metadata file without a file-name
        column, or a column named in ``columns`` that the (first) file does
        not have; only the first records are read to tell.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> corpus = read_corpus("corpora/seed")                     # doctest: +SKIP
    >>> doc = next(iter(corpus))                                 # doctest: +SKIP
    >>> doc["outlet"], doc["date"], doc["lang"]                  # doctest: +SKIP
    ('Al Jazeera', '2021-12-08', 'ar')
    """
    name = str(path)
    p = Path(path)
    if isinstance(selection, Mapping):  # as a notebook parameter or run record writes it
        selection = Selection.from_dict(selection)
    delimiter = check_options(p, name, format=format, encoding=encoding, delimiter=delimiter, metadata=metadata)
    check_metadata(p, name, metadata, encoding)

    def records(manifest: Manifest):
        return iter_records(p, name, format=format, encoding=encoding, metadata=metadata,
                            manifest=manifest, delimiter=delimiter)
    corpus = Corpus(records, name=name, columns=columns, lang=lang, outlet=outlet, limit=limit,
                    selection=selection)
    corpus.options.update(format=format, encoding=encoding, delimiter=delimiter,
                          metadata=file_sha256(metadata) if metadata else None)
    if corpus.columns:
        corpus.check()
    return corpus


def documents_by_id(path, ids, *, progress=None, **options) -> tuple[list[dict], set[str]]:
    """The documents of a corpus whose ``doc_id`` is in ``ids``, in corpus order, and the ids not found.

    For coded data keyed by the ids the toolkit gives a corpus' documents:
    the whole corpus is read once (``progress`` wraps the stream, a
    progress bar), only the coded documents kept.

    >>> docs, missing = documents_by_id("corpora/seed", {"000_37c19ced86855876", "nope"})
    >>> len(docs), missing
    (1, {'nope'})
    """
    wanted = {str(i) for i in ids}
    stream = read_corpus(path, **options)
    docs = [d for d in (progress(stream) if progress else stream) if str(d["doc_id"]) in wanted]
    return docs, wanted - {str(d["doc_id"]) for d in docs}


__all__ = ["COLUMN_CANDIDATES", "COLUMN_PROBE", "DOCUMENT_COLUMNS", "PARAGRAPH_COLUMNS", "Corpus",
           "check_named_columns", "documents_by_id", "duplicate_key", "read_corpus", "text_sha256"]
