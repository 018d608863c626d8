"""Reproducible reports: run a notebook with Papermill on a corpus and write the report folder.

:func:`run_report` executes ``notebooks/report.ipynb`` (or any notebook
with a ``parameters`` cell) on a corpus and writes the report folder::

    reports/NAME/
      report.ipynb      the executed notebook, normalized
      report.html       the same without code cells
      tables/           CSV and LaTeX (booktabs)
      figures/          PNG and PDF
      provenance.json   versions, commit, corpus sha256, parameters, citation
      methods.md        the methods paragraph and how to cite

Determinism: the kernel runs with a fixed ``PYTHONHASHSEED``; the notebook
is normalized and rendered by :mod:`framing.report.html`; figures carry no
dates.  The same inputs give the same bytes.

Safety: the report is written to a staging folder and moved into place only
when every cell ran (:mod:`framing.report.folders` says which folders a
report may replace); the error names the cell.

Paths: the kernel works inside the report folder, so the corpus and other
paths are passed relative to it (``../../corpora/seed``) and the executed
notebook can be re-run where it lies, on any machine with the same layout.

Examples
--------
>>> run_report("corpora/seed", "reports/seed", parameters={"n_boot": 200})   # doctest: +SKIP
PosixPath('reports/seed')
>>> parse_parameter("title=Ukraine coverage, 2022")
('title', 'Ukraine coverage, 2022')
>>> parse_parameter("seed=7")
('seed', 7)
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from framing.analysis.options import SENTIMENT_METHODS, STANCE_METHODS
from framing.errors import FramingError, InputError
from framing.report.folders import HTML_NAME, NOTEBOOK_NAME, REPORT_METADATA, check_report_folder, folder_files, \
    move_into_place, staging_folder
from framing.report.html import normalize_notebook, render_html

#: The notebooks of a source checkout; ``--notebook NAME`` picks ``NOTEBOOK_DIR/NAME.ipynb``.
NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"
#: The report notebook of a source checkout.
DEFAULT_NOTEBOOK = NOTEBOOK_DIR / "report.ipynb"
#: Notebook parameters that hold paths (rewritten to be relative to the report folder): the report's
#: targets, topic model and actors; the validation notebook's key and speaker aliases.
PATH_PARAMETERS = ("targets", "topic_model", "actors", "key", "speakers", "dictionaries", "stance_model",
                   "sentiment_model", "stance_priors")
#: Reader options that hold paths.
PATH_READER_OPTIONS = ("metadata",)
#: Parameters that decide where a report writes or what it reads as its corpus: set from ``--out`` and PATH
#: only, since a user's value would write outside the report folder (or read another corpus than the one checked).
RESERVED_PARAMETERS = {"out_dir": "the report writes into its own folder; choose that folder with --out",
                       "corpus": "the corpus is the PATH argument of `framing report`",
                       "analysis": "give an analysis folder with --from OUT"}
#: Notebook parameters that decide the analysis a report makes of a corpus (not those of one it reads with --from).
ANALYSIS_PARAMETERS = ("targets", "actors", "stance_method", "sentiment_method", "stance_model", "sentiment_model",
                       "use_side", "issuer_voice", "n_boot", "seed", "min_utterances", "keep_duplicates", "frames",
                       "dictionaries", "stance_priors")
#: Notebook parameters that take one of a few values, checked before the notebook runs.
CHOICE_PARAMETERS = {"stance_basis": ("any", "own"), "stance_method": STANCE_METHODS,
                     "sentiment_method": SENTIMENT_METHODS}
#: The folder inside a report that holds the analysis the report was made from.
ANALYSIS_FOLDER = "analysis"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class ReportError(FramingError):
    """A report run that failed; the message names the cell and the error.

    Attributes ``cell_index``, ``ename`` and ``evalue`` are set when a cell
    raised (None for other failures).
    """

    def __init__(self, message: str, *, cell_index: int | None = None, ename: str | None = None,
                 evalue: str | None = None):
        super().__init__(message)
        self.cell_index, self.ename, self.evalue = cell_index, ename, evalue


# --- parameters -----------------------------------------------------------------------------------


def parse_parameter(text: str) -> tuple[str, object]:
    """``key=value``: numbers, ``true``/``false``, ``null`` and ``[...]``/``{...}`` (YAML) are typed; the rest is text.

    >>> parse_parameter("reader_options={columns: {text: article}}")
    ('reader_options', {'columns': {'text': 'article'}})
    >>> parse_parameter("title=Ukraine: a study")
    ('title', 'Ukraine: a study')
    """
    import yaml

    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key.isidentifier():
        raise InputError(f"parameter {text!r}: write it as key=value (key a Python name)")
    v = value.strip()
    if v.lower() in ("null", "none", "~"):
        return key, None
    if v.lower() in ("true", "false"):
        return key, v.lower() == "true"
    if v.startswith(("[", "{")):
        try:
            return key, yaml.safe_load(v)
        except yaml.YAMLError as exc:
            raise InputError(f"parameter {key}: {v!r} is not a valid YAML list or mapping ({exc.problem})") from None
    for number in (int, float):
        try:
            return key, number(v)
        except ValueError:
            pass
    return key, value


def notebook_parameters(notebook) -> dict:
    """The parameters a notebook declares (name -> default as written), from its ``parameters`` cell."""
    import papermill

    params = papermill.inspect_notebook(str(notebook))
    if not params:
        raise InputError(f"{notebook}: no cell tagged 'parameters'")
    return {name: p["default"] for name, p in params.items()}


def resolve_notebook(notebook=None) -> Path:
    """The notebook a report runs: a path, or a short name for one in ``notebooks/`` (``validate``).

    A value that names an existing file is that file; a bare name without
    a folder or ``.ipynb`` stands for ``notebooks/<name>.ipynb``; None is
    the report notebook.

    Raises
    ------
    InputError
        When neither exists (the message lists the notebooks there are).

    Examples
    --------
    >>> resolve_notebook("validate").relative_to(NOTEBOOK_DIR).as_posix()
    'validate.ipynb'
    >>> resolve_notebook() == DEFAULT_NOTEBOOK
    True
    """
    if notebook is None:
        return DEFAULT_NOTEBOOK
    path = Path(notebook)
    if not path.is_file() and path.suffix == "" and path.name == str(notebook):
        path = NOTEBOOK_DIR / f"{notebook}.ipynb"
    if not path.is_file():
        names = ", ".join(p.stem for p in sorted(NOTEBOOK_DIR.glob("*.ipynb"))) or "none"
        raise InputError(f"{notebook}: report notebook not found (give a path, or one of: {names})")
    return path


def relative_to_report(path, report_dir) -> str:
    """``path`` (as the user typed it) seen from the report folder; absolute paths stay absolute."""
    p = Path(path)
    if p.is_absolute():
        return str(p)
    try:
        return Path(os.path.relpath(p.resolve(), Path(report_dir).resolve())).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return str(p.resolve())


def report_parameters(corpus, report_dir, *, parameters: dict | None = None,
                      reader_options: dict | None = None, name=None) -> dict:
    """The notebook parameters of a run: paths made relative to ``report_dir``, outputs written in place.

    Raises
    ------
    FramingError
        When ``parameters`` sets one of :data:`RESERVED_PARAMETERS` (``out_dir``, ``corpus``).
    """
    params = dict(parameters or {})
    reserved = sorted(set(params) & set(RESERVED_PARAMETERS))
    if reserved:
        key = reserved[0]
        raise FramingError(f"parameter {key} cannot be set with -p: {RESERVED_PARAMETERS[key]}")
    for key, allowed in CHOICE_PARAMETERS.items():
        if key in params and params[key] not in allowed:
            import difflib

            close = difflib.get_close_matches(str(params[key]), allowed, n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise InputError(f"parameter {key}: {params[key]!r} is not one of {', '.join(allowed)}{hint}")
    options = dict(reader_options or {})
    for key in PATH_READER_OPTIONS:
        if options.get(key):
            options[key] = relative_to_report(options[key], report_dir)
    for key in PATH_PARAMETERS:
        value = params.get(key)
        if isinstance(value, str) and value:
            params[key] = relative_to_report(value, report_dir)
        elif isinstance(value, list):
            params[key] = [relative_to_report(v, report_dir) for v in value]
    # a report made from an analysis folder whose corpus is not at hand is named by that folder
    params.setdefault("corpus_name", str(name if name is not None else corpus))
    return {"corpus": relative_to_report(corpus, report_dir) if corpus is not None else None,
            "reader_options": options, "out_dir": ".", **params}


# --- inside the notebook -------------------------------------------------------------------------


def report_topic_model(corpus, topic_model=None, *, k: int = 10, seed: int = 0, min_documents: int = 200,
                       max_documents: int = 5000):
    """The topic model of a report, and a sentence saying where it comes from.

    A model given by path (fitted on a reference corpus) is loaded.  Without
    one, a corpus of ``min_documents`` to ``max_documents`` documents gets an
    LDA with ``k`` topics fitted on itself; a smaller corpus gets none, and
    a larger one none either (fitting would cost the report minutes: fit a
    model once with ``framing topics fit`` and pass it); the sentence says why.

    Returns
    -------
    (TopicModel or None, str)
    """
    from framing.topics.model import TopicModel

    if topic_model:
        model = TopicModel.load(topic_model)
        train = model.metadata_.get("training", {})
        return model, (f"Topics come from a model with {model.k} topics fitted on a reference corpus "
                       f"({train.get('n_documents', '?')} documents"
                       + (f", {train['corpus_name']}" if train.get("corpus_name") else "") + ").")
    n = sum(1 for _ in corpus)
    if n > max_documents:
        return None, (f"No topic model was given, and the corpus ({n} documents) is larger than a report fits one "
                      f"for (up to {max_documents}). Fit one with `framing topics fit CORPUS --out MODEL` (once; "
                      "`--sample N` fits on a sample) and pass it with `-p topic_model=MODEL`.")
    if n < min_documents:
        return None, (f"The corpus is too small for topics: it has {n} document{'s' if n != 1 else ''}, and a "
                      f"topic model needs hundreds (this report fits one from {min_documents} on). Fit a model on "
                      "a reference corpus with `framing topics fit REFERENCE --out MODEL` and pass it with "
                      "`-p topic_model=MODEL`.")
    model = TopicModel(k=k, seed=seed).fit(corpus)
    return model, (f"No topic model was given, so an LDA with {k} topics was fitted on this corpus itself "
                   f"({n} documents, seed {seed}).")


# --- running --------------------------------------------------------------------------------------


def _kernel_manager_class(hash_seed: str, this_python: bool):
    """A kernel manager that fixes PYTHONHASHSEED and (by default) runs this Python's ipykernel.

    A "python3" kernel spec in the user's Jupyter folder may point at another
    interpreter, without framing; running ``sys.executable`` avoids that.
    """
    import zmq
    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import AsyncKernelManager

    class ReportKernelManager(AsyncKernelManager):
        @property
        def kernel_spec(self):
            if this_python and self._kernel_spec is None:
                self._kernel_spec = KernelSpec(
                    argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                    display_name="Python 3 (ipykernel)", language="python",
                    metadata={"supported_encryption": ["curve"]})
            return AsyncKernelManager.kernel_spec.fget(self)

        async def _async_interrupt_kernel(self):
            # jupyter_client interrupts before every shutdown; after the last cell that only makes
            # the kernel print "KeyboardInterrupt caught in kernel" on the terminal
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

        def start_kernel(self, **kw):
            env = dict(kw.pop("env", None) or os.environ)
            env["PYTHONHASHSEED"] = hash_seed
            if zmq.has("curve"):  # encrypt the local kernel traffic when the kernel can take keys
                kw.setdefault("transport_encryption", "auto")
            return super().start_kernel(env=env, **kw)

    return ReportKernelManager


def execute(notebook, output, *, parameters: dict, cwd, timeout: int = 600, kernel: str | None = None,
            hash_seed: str = "0"):
    """Execute ``notebook`` with Papermill into ``output``; raise :class:`ReportError` naming a failing cell."""
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    try:
        return papermill.execute_notebook(
            str(Path(notebook).resolve()), str(Path(output).resolve()), parameters=parameters, cwd=str(cwd),
            kernel_name=kernel, progress_bar=False, log_output=False, request_save_on_cell_execute=False,
            execution_timeout=timeout, kernel_manager_class=_kernel_manager_class(hash_seed, kernel is None))
    except papermill.PapermillExecutionError as exc:
        first = next((line for line in (exc.source or "").splitlines() if line.strip()), "")
        raise ReportError(
            f"{Path(notebook).name}: cell {exc.cell_index} (execution count {exc.exec_count}) failed: "
            f"{exc.ename}: {_ANSI.sub('', str(exc.evalue))}\n  the cell begins: {first.strip()}",
            cell_index=exc.cell_index, ename=exc.ename, evalue=exc.evalue) from None
    except CellTimeoutError as exc:
        # nbclient's message previews the cell's source: that names the cell
        raise ReportError(f"{Path(notebook).name}: a cell ran longer than the {timeout} s timeout.\n"
                          + _ANSI.sub("", str(exc)), ename="CellTimeoutError") from None
    except DeadKernelError as exc:
        raise ReportError(f"{Path(notebook).name}: the kernel died ({exc})", ename="DeadKernelError") from None


def error_outputs(nb) -> list[tuple[int, str]]:
    """``(cell index, text)`` of every error or stderr output in an executed notebook."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append((i, f"{out.get('ename')}: {out.get('evalue')}"))
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                found.append((i, _ANSI.sub("", out.get("text", "")).strip()))
    return found


def _write_text(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


# --- the whole run --------------------------------------------------------------------------------


def run_report(corpus, out, *, parameters: dict | None = None, reader_options: dict | None = None,
               notebook=None, timeout: int = 600, kernel: str | None = None, hash_seed: str = "0",
               analysis=None, workers: int = 1, progress=None, log=None) -> Path:
    """Execute the report notebook on ``corpus`` and put the report folder at ``out``.

    Parameters
    ----------
    corpus : path
        The corpus (as :func:`framing.corpus.documents.read_corpus` takes it).
    out : path
        The report folder, e.g. ``reports/seed``: new, empty, or a report this
        toolkit wrote (see :func:`framing.report.folders.check_report_folder`); replaced only after a
        successful run.
    parameters : dict, optional
        Notebook parameters (``seed``, ``title``, ``topic_model`` ...); see the
        notebook's ``parameters`` cell.  Unknown names are an error.
    reader_options : dict, optional
        Keyword arguments of ``read_corpus`` (``columns``, ``format``, ...).
    notebook : path or str, optional
        The notebook to run: a path, or the name of one in ``notebooks/``
        (``"validate"``); default ``notebooks/report.ipynb``.
    timeout : int
        Seconds a single cell may run.
    kernel : str, optional
        A Jupyter kernel name; by default this Python runs the notebook.
    hash_seed : str
        ``PYTHONHASHSEED`` of the kernel.
    analysis : path, optional
        A folder written by ``framing analyze``: the report reads its tables
        (``corpus`` may then be None).  Without one, the report notebook's
        corpus is first analysed into ``out/analysis/`` by the streaming
        path (:func:`framing.report.inputs.prepare_analysis`).
    workers : int
        Processes for that analysis.
    progress : callable, optional
        Wraps the documents of that analysis (a progress bar).
    log : callable, optional
        Called with a line of text as each step begins (fitting topics, analysing, running the notebook).

    Returns
    -------
    Path
        The report folder.

    Raises
    ------
    ReportError
        When a cell fails or times out (the message names the cell); the
        previous report at ``out`` is left as it was.
    FramingError
        Before anything runs, when ``out`` is not a folder a report may
        replace, or ``parameters`` sets ``out_dir`` or ``corpus``.
    """
    import nbformat

    notebook = resolve_notebook(notebook)
    final = Path(out)
    record = {}
    if analysis is not None:
        from framing.analysis.record import read_run_record
        from framing.report.inputs import check_analysis_folder

        check_analysis_folder(analysis)
        record = read_run_record(analysis)
        if corpus is None:  # the corpus the analysis names, when it is there to be hashed
            named = record.get("corpus")
            corpus = named if named and Path(named).exists() else None
    elif corpus is None:
        raise InputError("give a corpus (PATH) or an analysis folder (--from OUT)")
    if corpus is not None and not Path(corpus).exists():
        raise InputError(f"{corpus}: no such file or folder")
    params = report_parameters(corpus, final, parameters=parameters, reader_options=reader_options,
                               name=analysis if corpus is None else None)
    known = notebook_parameters(notebook)
    uses_analysis = "analysis" in known
    if analysis is not None:
        if not uses_analysis:
            raise InputError(f"{notebook}: takes no analysis folder (--from); give it a corpus")
        ignored = sorted(set(parameters or {}) & set(ANALYSIS_PARAMETERS))
        if ignored:
            raise InputError(f"-p {ignored[0]}: the analysis in {analysis} was made already; {ignored[0]} is "
                             f"set when it is made (framing analyze), not by the report")
        params["analysis"] = relative_to_report(analysis, final)
        named = record.get("options", {}).get("topic_model")
        if "topic_model" not in params and named and Path(named).exists():
            params["topic_model"] = relative_to_report(named, final)
    unknown = sorted(set(params) - set(known))
    if unknown:
        import difflib

        close = [f"{u} (did you mean {m[0]}?)" if (m := difflib.get_close_matches(u, known, n=1)) else u
                 for u in unknown]
        raise InputError(f"{notebook}: no parameter(s) {', '.join(close)}; it takes {', '.join(known)}")
    inputs = _input_paths(corpus, parameters, reader_options) + ([Path(analysis)] if analysis is not None else [])
    check_report_folder(final, inputs)
    staging = staging_folder(final)
    try:
        if uses_analysis and analysis is None:
            params["analysis"] = ANALYSIS_FOLDER
            _analyse_for_report(corpus, staging, params, known, reader_options=reader_options, workers=workers,
                                progress=progress, log=log)
        if log:
            log(f"running {notebook.name} (Papermill)")
        nb = execute(notebook, staging / NOTEBOOK_NAME, parameters=params, cwd=staging, timeout=timeout,
                     kernel=kernel, hash_seed=hash_seed)
        normalize_notebook(nb)
        # the list a later run checks before replacing this folder: these files, and no others, are the report's
        nb.metadata[REPORT_METADATA] = {"report_files": sorted({*folder_files(staging), NOTEBOOK_NAME, HTML_NAME})}
        _write_text(staging / NOTEBOOK_NAME, nbformat.writes(nb) + "\n")
        title = str(params.get("title") or known.get("title") or "framing report").strip("'\"")
        _write_text(staging / HTML_NAME, render_html(nb, title))
        move_into_place(staging, final, inputs)  # the run took a while: it looks again just before replacing
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return final


def _default(text):
    """A parameter's default as the notebook writes it (``'"cues"'``, ``'1000'``, ``'None'``), as a value."""
    import ast

    try:
        return ast.literal_eval(text) if isinstance(text, str) else text
    except (ValueError, SyntaxError):
        return text


def _analyse_for_report(corpus, staging: Path, params: dict, known: dict, *, reader_options, workers: int,
                        progress, log=None) -> None:
    """The report's own analysis of ``corpus`` into ``staging/analysis`` (and its topic model), before the notebook.

    Run here, in this process, not in the kernel: it streams with ``workers``
    processes and shows the progress bar on this terminal.
    """
    from framing.corpus.documents import read_corpus
    from framing.report.inputs import prepare_analysis

    def value(name, default=None):
        return params[name] if name in params else _default(known[name]) if name in known else default

    def path_value(name):
        # path parameters were made relative to the report folder; the staging folder is its sibling,
        # so they resolve from there the same way
        v = params.get(name)
        if isinstance(v, list):
            return [os.path.normpath(staging / p) if not Path(p).is_absolute() else p for p in v]
        if isinstance(v, str) and v and not Path(v).is_absolute():
            # normalized: the staging folder is renamed at the end, so no recorded path may pass through it
            return os.path.normpath(staging / v)
        return v

    documents = read_corpus(corpus, **dict(reader_options or {}))
    model = path_value("topic_model")
    if not model and known.get("topic_k") is not None:
        if log:
            log(f"counting documents; a corpus of {value('min_topic_documents')} to {value('max_topic_documents')} "
                f"gets a {value('topic_k')}-topic model fitted on itself")
        fitted, note = report_topic_model(documents, None, k=int(value("topic_k")), seed=int(value("seed") or 0),
                                          min_documents=int(value("min_topic_documents")),
                                          max_documents=int(value("max_topic_documents") or 5000))
        if log:
            log(note)
        if fitted is not None:
            fitted.save(staging / "topic_model")
            model = str(staging / "topic_model")
            params["topic_model"] = "topic_model"
        params["topic_note"] = note
    if log:
        log(f"analysing {corpus} ({workers} worker{'s' if workers != 1 else ''})")
    targets, actors = path_value("targets"), path_value("actors")
    prepare_analysis(documents, staging / ANALYSIS_FOLDER, targets=targets, actors=actors, topic_model=model,
                     stance_method=value("stance_method"),
                     sentiment_method=value("sentiment_method", "news"), stance_model=path_value("stance_model"),
                     sentiment_model=path_value("sentiment_model"), use_side=bool(value("use_side")),
                     issuer_voice=bool(value("issuer_voice", False)),
                     n_boot=int(value("n_boot")), seed=int(value("seed") or 0),
                     min_utterances=int(value("min_utterances")), keep_duplicates=bool(value("keep_duplicates")),
                     frames=bool(value("frames", True)), dictionaries=path_value("dictionaries") or [],
                     stance_balances=path_value("stance_priors"), workers=workers, progress=progress)


def _input_paths(corpus, parameters: dict | None, reader_options: dict | None) -> list[Path]:
    """The paths a run reads, as the user gave them: the corpus, path parameters, reader options with paths."""
    found = [Path(corpus)] if corpus is not None else []
    for source, keys in ((parameters or {}, PATH_PARAMETERS), (reader_options or {}, PATH_READER_OPTIONS)):
        for key in keys:
            value = source.get(key)
            found += [Path(v) for v in (value if isinstance(value, list) else [value]) if isinstance(v, str) and v]
    return found


__all__ = ["DEFAULT_NOTEBOOK", "NOTEBOOK_DIR", "RESERVED_PARAMETERS", "ReportError", "error_outputs", "execute",
           "notebook_parameters", "parse_parameter", "relative_to_report", "report_parameters", "report_topic_model",
           "resolve_notebook", "run_report"]
