"""Provenance: what produced a number, and how to cite it.

A report carries the package version and git commit, the versions of the
dependencies, the sha256 of the corpus files and of the word lists and
registries the methods read, every parameter and seed, the method names and
versions recorded in the tables, and how to cite the toolkit (from
``CITATION.cff``, as text and BibTeX).  :func:`provenance` gathers it as a
JSON-ready dict; :func:`methods_text` writes the methods paragraph.

Nothing here reads a clock: two runs with the same inputs give the same record.

Examples
--------
>>> cff = {"title": "framing: a toolkit", "version": "0.1.0", "date-released": "2026-11-29",
...        "authors": [{"given-names": "Ana", "family-names": "Lima"}, {"name": "The framing developers"}]}
>>> print(bibtex(cff))
@software{framing_2026,
  author = {Lima, Ana and {The framing developers}},
  title = {framing: a toolkit},
  year = {2026},
  version = {0.1.0},
}
>>> citation_text(cff)
'Lima, A., & The framing developers (2026). framing: a toolkit (Version 0.1.0) [Computer software].'
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import subprocess
import sys
from importlib import metadata as importlib_metadata
from pathlib import Path

import framing
from framing.files import file_sha256

#: The project folder when framing runs from a source checkout (editable install).
PROJECT_ROOT = Path(framing.__file__).resolve().parents[1]
PACKAGE_ROOT = Path(framing.__file__).resolve().parent
#: Set this to the commit a build came from when there is no ``.git`` folder (e.g. in a tarball).
COMMIT_ENV = "FRAMING_GIT_COMMIT"
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}


# --- hashes ---------------------------------------------------------------------------------------


def corpus_files(path) -> list[Path]:
    """The files a corpus path stands for: the file itself, or every file under a folder.

    Hidden files and folders (``.ipynb_checkpoints``, ``.DS_Store``) are left out.
    """
    p = Path(path)
    if p.is_file():
        return [p]
    files = [f for f in p.rglob("*") if f.is_file() and f.name not in _SKIP_NAMES
             and not any(part.startswith(".") for part in f.relative_to(p).parts)]
    return sorted(files, key=lambda f: f.relative_to(p).as_posix())


def corpus_sha256(path) -> str:
    """SHA-256 that names a corpus by content: a file's bytes, or a folder's files and their names.

    For a folder it hashes each file's path relative to the folder (with
    ``/``) and the file's own sha256, in sorted order, so moving or copying
    the folder keeps the hash and renaming or editing any file changes it.

    Examples
    --------
    >>> corpus_sha256("corpora/seed")[:12]          # doctest: +SKIP
    'c1e0f8e3a9b2'
    """
    p = Path(path)
    if p.is_file():
        return file_sha256(p)
    h = hashlib.sha256()
    for f in corpus_files(p):
        h.update(f"{f.relative_to(p).as_posix()}\0{file_sha256(f)}\n".encode("utf-8"))
    return h.hexdigest()


def documents_sha256(documents) -> str:
    """SHA-256 of the documents' ids and text hashes, in ``doc_id`` order: the corpus by content, not by file.

    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["x", "y"], "sha256": ["1", "2"]})
    >>> documents_sha256(a) == documents_sha256(a.iloc[::-1])
    True
    """
    h = hashlib.sha256()
    for doc_id, digest in sorted(zip(documents["doc_id"].astype(str), documents["sha256"].astype(str))):
        h.update(f"{doc_id}\0{digest}\n".encode("utf-8"))
    return h.hexdigest()


def resource_hashes() -> dict[str, str]:
    """sha256 of every data file the methods read (word lists, cues, registry, targets), by name."""
    out = {}
    for folder in ("data", "lang"):
        for f in sorted((PACKAGE_ROOT / folder).glob("*")):
            if f.is_file() and f.suffix in {".yml", ".yaml", ".tsv", ".txt", ".csv", ".json"}:
                out[f"{folder}/{f.name}"] = file_sha256(f)
    return out


# --- versions -------------------------------------------------------------------------------------


def git_commit(root=None) -> dict:
    """The git commit of the source checkout, and whether tracked files differ from it.

    Returns ``{"commit": str | None, "dirty": bool | None}``; ``FRAMING_GIT_COMMIT``
    (for builds without ``.git``) takes precedence, with ``dirty`` unknown.
    """
    given = os.environ.get(COMMIT_ENV)
    if given:
        return {"commit": given.strip(), "dirty": None}
    root = Path(root) if root is not None else PROJECT_ROOT
    if not (root / ".git").exists():
        return {"commit": None, "dirty": None}
    try:
        commit = _git(root, "rev-parse", "HEAD")
        status = _git(root, "status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": bool(status)}


def _git(root: Path, *args: str) -> str:
    out = subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True, timeout=30)
    return out.stdout.strip()


def dependency_versions() -> dict[str, str | None]:
    """Installed versions of framing's declared dependencies (test extras left out), by name."""
    try:
        requires = importlib_metadata.requires("framing") or []
    except importlib_metadata.PackageNotFoundError:
        requires = []
    out = {}
    for req in requires:
        if "extra ==" in req:
            continue
        name = re.match(r"[A-Za-z0-9._-]+", req).group(0)
        try:
            out[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            out[name] = None
    return dict(sorted(out.items(), key=lambda kv: kv[0].lower()))


def software() -> dict:
    """framing's version and commit, Python, and the dependency versions."""
    return {"framing": framing.__version__, "git": git_commit(), "python": platform.python_version(),
            "platform": sys.platform, "dependencies": dependency_versions()}


# --- citation -------------------------------------------------------------------------------------


def read_citation(path=None) -> dict:
    """``CITATION.cff`` as a dict; without one, a citation made from the package metadata."""
    import yaml

    path = Path(path) if path is not None else PROJECT_ROOT / "CITATION.cff"
    if path.is_file():
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {"title": "framing", "version": framing.__version__, "authors": [{"name": "The framing developers"}]}


def _authors(cff: dict) -> list[dict]:
    return [a for a in cff.get("authors") or [] if isinstance(a, dict)]


def _year(cff: dict) -> str | None:
    date = cff.get("date-released")
    return str(date)[:4] if date else None


def citation_text(cff: dict) -> str:
    """An APA-style reference for the software."""
    names = []
    for a in _authors(cff):
        if a.get("family-names"):
            initials = " ".join(f"{g[0]}." for g in str(a.get("given-names", "")).split() if g)
            names.append(f"{a['family-names']}, {initials}".strip(", "))
        elif a.get("name"):
            names.append(str(a["name"]))
    who = ", ".join(names[:-1]) + (", & " if len(names) > 1 else "") + names[-1] if names else "Anonymous"
    text = f"{who} ({_year(cff) or 'n.d.'}). {cff.get('title', 'framing')}"
    if cff.get("version"):
        text += f" (Version {cff['version']})"
    text += " [Computer software]."
    if cff.get("doi"):
        text += f" https://doi.org/{cff['doi']}"
    elif cff.get("repository-code") or cff.get("url"):
        text += f" {cff.get('repository-code') or cff.get('url')}"
    return text


def bibtex(cff: dict, key: str | None = None) -> str:
    """A BibTeX ``@software`` entry; organisations are braced so BibTeX keeps their names whole."""
    names = []
    for a in _authors(cff):
        if a.get("family-names"):
            names.append(f"{a['family-names']}, {a.get('given-names', '')}".strip(", "))
        elif a.get("name"):
            names.append("{" + str(a["name"]) + "}")
    year = _year(cff)
    key = key or "framing" + (f"_{year}" if year else "")
    fields = [("author", " and ".join(names)), ("title", cff.get("title")), ("year", year),
              ("version", cff.get("version")), ("doi", cff.get("doi")),
              ("url", cff.get("repository-code") or cff.get("url"))]
    body = "".join(f"  {k} = {{{v}}},\n" for k, v in fields if v)
    return f"@software{{{key},\n{body}}}"


def citation(path=None) -> dict:
    """How to cite: ``{"text": ..., "bibtex": ..., "cff": {...}}``."""
    cff = read_citation(path)
    return {"text": citation_text(cff), "bibtex": bibtex(cff), "cff": json.loads(json.dumps(cff, default=str))}


# --- the record -----------------------------------------------------------------------------------


def topic_model_info(model) -> dict | None:
    """What identifies a topic model: method, fingerprint, settings and its training corpus."""
    if model is None:
        return None
    meta = getattr(model, "metadata_", {}) or {}
    return {"method": meta.get("method"), "fingerprint": meta.get("fingerprint"), "k": int(model.k),
            "seed": int(model.seed), "settings": meta.get("settings"), "training": meta.get("training")}


def provenance(*, corpus_path, parameters: dict, manifest=None, methods: dict | None = None,
               aggregate: dict | None = None, topic_model=None, targets=None, documents=None,
               analysis: dict | None = None) -> dict:
    """The provenance record of one report, JSON-ready.

    Parameters
    ----------
    corpus_path : path
        The corpus as read (its files are hashed).
    parameters : dict
        Every parameter of the run (seed included).
    manifest : Manifest, optional
        What the reader read, skipped and why.
    methods : dict, optional
        Method names by column (:func:`framing.measures.methods`).
    aggregate : dict, optional
        The aggregation settings (``speakers.attrs["aggregate"]``).
    topic_model : TopicModel, optional
    targets : list of Target, optional
    documents : DataFrame, optional
        The documents table (``doc_id``, ``sha256``): counted, and hashed by
        content (:func:`documents_sha256`) whatever the file format.
    analysis : dict, optional
        The analysis folder's ``run.json`` (how the corpus was read and
        chosen, the run's options and counts).
    """
    from framing.attribution.pipeline import attribution_methods

    # a report made --from an analysis folder may not have the corpus at hand: its documents still are hashed
    files = corpus_files(corpus_path) if corpus_path is not None and Path(corpus_path).exists() else []
    record = {
        "software": software(),
        "corpus": {"sha256": corpus_sha256(corpus_path) if files else None, "files": len(files),
                   "bytes": sum(f.stat().st_size for f in files),
                   "documents": None if documents is None else len(documents),
                   "documents_sha256": None if documents is None else documents_sha256(documents),
                   "manifest": manifest.summary() if manifest is not None else None},
        "parameters": parameters,
        "seed": parameters.get("seed"),
        "methods": {"attribution": attribution_methods(), **(methods or {})},
        "aggregate": aggregate,
        "analysis": {k: (analysis or {}).get(k) for k in ("corpus", "reader", "options", "counts")} if analysis else None,
        "targets": [{"name": t.name, "slug": t.slug, **learned, **_balance(t, analysis)}
                    for t, learned in zip(targets or [], _learned(targets or [], methods, parameters))],
        "topic_model": topic_model_info(topic_model),
        "resources": resource_hashes(),
        "citation": citation(),
    }
    if record["corpus"]["manifest"]:
        record["corpus"]["manifest"].pop("path", None)  # the path as typed is in the parameters
    return record


def _balance(target, analysis: dict | None) -> dict:
    """``{"corpus_balance": {...}}``: the balance of sides the run read a target the stance model was not trained
    on with (``run.json``'s ``stance_priors``, :mod:`framing.analysis.priors`), or ``{}``."""
    found = ((analysis or {}).get("stance_priors") or {}).get(target.name)
    return {"corpus_balance": found} if found else {}


def _learned(targets: list, methods: dict | None, parameters: dict) -> list[dict]:
    """Per target, ``{"learned": bool}``: whether the run's news stance model was trained on it (its own balance
    of sides learned), with ``trained_as`` (the training target's name) for one it knows under another name
    (:mod:`framing.stance.known_targets`); ``{}`` for another stance method or a model that cannot be read here."""
    if not any(str(m).startswith("stance.news") for m in (methods or {}).get("stance_method") or []):
        return [{} for _ in targets]
    from framing.errors import FramingError
    from framing.stance.known_targets import identify
    from framing.stance.news_model import load_news_model

    model = parameters.get("stance_model")
    try:
        model = load_news_model(str(model) if model else None)
    except (FramingError, OSError):
        return [{} for _ in targets]
    index = model.index
    known_as = identify(targets, model.learned_targets())
    return [{"learned": True, "trained_as": known_as[i].name} if i in known_as
            else {"learned": f"target={t.slug}" in index} for i, t in enumerate(targets)]


def write_provenance(record: dict, path) -> Path:
    """Write the record as UTF-8 JSON with sorted keys (Arabic kept readable)."""
    path = Path(path)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n",
                    encoding="utf-8")
    return path


def _new_targets_sentence(targets: list[dict]) -> str:
    """The methods' words on the targets the stance model was not trained on, on those it learned from
    statements in other languages only that the run read with the corpus' balance, and on those read with a
    balance the researcher gave ("" when none)."""
    given = [t for t in targets if (t.get("corpus_balance") or {}).get("given")]
    said = ""
    if given:
        files = sorted({str(t["corpus_balance"]["given"]) for t in given})
        said = (f" {', '.join(t['name'] for t in given)} {'is' if len(given) == 1 else 'are'} read as "
                + ("a target" if len(given) == 1 else "targets") + " the model was not trained on, with the balance "
                f"of favor, against and neutral given in {', '.join(files)} (the researcher's own; in provenance.json).")
    return _unguided_sentence([t for t in targets if t not in given]) + said


def _unguided_sentence(targets: list[dict]) -> str:
    """:func:`_new_targets_sentence` on the targets read without a balance the researcher gave."""
    new = [t["name"] for t in targets if t.get("learned") is False]
    elsewhere = [t["name"] for t in targets if t.get("learned") is True and t.get("corpus_balance")]
    renamed = [t for t in targets if t.get("trained_as")]
    also = "".join(f" {t['name']} is read as the model's {t['trained_as']}, whose aliases it shares, with the balance "
                   "of sides it learned for it." for t in renamed)
    also += (f" The model learned the balance of sides of {', '.join(elsewhere)} from statements in another language "
            "than some of this corpus': in those, " + ("it is" if len(elsewhere) == 1 else "they are")
            + " read as such targets are, with the corpus' balance.") if elsewhere else ""
    if not new:
        return also
    balanced = [t for t in targets if t.get("learned") is False and t.get("corpus_balance")]
    return (f" The model was not trained on {', '.join(new)}: {'it is' if len(new) == 1 else 'they are'} read by "
            "a second model trained on the same statements without any target's balance of sides, with its "
            "general lean among the sides taken out"
            + (", and weighed by the balance of favor, against and neutral the corpus' statements show toward "
               + ("it" if len(new) == 1 else "each") + " (estimated from a sample of the corpus without coded data, "
               "Saerens et al. 2002, so following the model's own reading of the statements; in provenance.json)."
               if balanced else
               ", so that the words of each statement decide.") + also)


def methods_text(record: dict) -> str:
    """The methods paragraph (Markdown): every method, version and parameter behind the numbers."""
    sw, corpus, agg = record["software"], record["corpus"], record.get("aggregate") or {}
    methods = record.get("methods") or {}
    params = record.get("parameters") or {}
    commit = sw["git"].get("commit")

    def names(key: str) -> str:
        values = methods.get(key) or []
        return ", ".join(f"`{v}`" for v in values) if values else "not run"

    parts = [
        f"We analysed {_count(corpus.get('documents'), 'document')} ("
        + (f"{_count(corpus['files'], 'file')}, sha256 `{corpus['sha256'][:16]}…`" if corpus.get("sha256") else
           f"the corpus files were not at hand; the documents' sha256 `{str(corpus.get('documents_sha256'))[:16]}…`")
        + f") with framing {sw['framing']}"
        + (f" (commit `{commit[:12]}`)" if commit else "") + f" on Python {sw['python']}.",
        f"Reported statements and their speakers were found with {names('attribution')} (reporting cues and an "
        f"actor registry, with models trained on coded news for where an Arabic speaker's words end and which "
        f"English words report speech; speakers resolved to canonical actors).",
        f"Sentiment per utterance: {names('sentiment_method')}, on a scale from −1 (negative) to +1 (positive)"
        + ("; for Arabic statements, a model trained on coded Arabic news statements reads the sentiment word "
           "lists' reading of the statement and of its reporting verb, the verb and the statement's words, and "
           "the score is its probability of positive minus that of negative." if any(
               str(m).startswith("sentiment.news") for m in methods.get("sentiment_method") or [])
           else f"; {_SUPERVISED}." if any(str(m).startswith("sentiment.supervised")
                                   for m in methods.get("sentiment_method") or []) else "."),
        f"Stance per utterance toward {len(record.get('targets') or [])} targets "
        f"({', '.join(t['name'] for t in record.get('targets') or []) or 'none'}): {names('stance_method')}; "
        + ("a model trained on coded news statements reads each utterance beside the target named in it, its "
           "paragraph, the headline or the article; whether a speaker addresses a target in an article is decided "
           "over all their utterances there (by a second model trained on speakers coded over whole articles, "
           "where the model has one and knows the language; by a rule otherwise), and the side from the first "
           "model's probabilities summed over them; no speaker is given a stance toward the party they speak for."
           + _new_targets_sentence(record.get("targets") or []) if any(str(m).startswith("stance.news")
                                                                      for m in methods.get("stance_method") or [])
           else (f"{_SUPERVISED}; " if any(
               str(m).startswith("stance.tfidf-lr") for m in methods.get("stance_method") or []) else "")
           + "an utterance that does not name a target has no stance toward it."),
    ]
    tm = record.get("topic_model")
    if tm:
        train = tm.get("training") or {}
        parts.append(f"Topics: {names('topic_method') if methods.get('topic_method') else '`' + str(tm['method']) + '`'}, "
                     f"LDA with K = {tm['k']} (seed {tm['seed']}, model fingerprint `{tm['fingerprint']}`), fitted on "
                     f"{train.get('n_documents', '?')} documents"
                     + (f" of {train['corpus_name']}" if train.get("corpus_name") else "") + "; each utterance's "
                     "topic shares come from a deterministic variational E-step.")
    else:
        parts.append("Topics: not measured (no topic model; see the topics section).")
    if agg:
        parts.append(
            f"Per-speaker figures are means weighted by attribution {agg.get('weight') or 'equally'}, with "
            f"{round(100 * agg.get('ci', 0.95))}% percentile bootstrap confidence intervals ({agg.get('method')}; "
            f"{agg.get('n_boot')} resamples of {agg.get('resample')}s within each speaker, seed {agg.get('seed')}); "
            f"speakers with fewer than {agg.get('min_utterances')} utterances are flagged as few.")
    if "min_documents" in params:
        # the report's stance section counts decisions, not utterances (framing.stance.shares)
        parts.append(
            "In the report, stance per speaker counts documents: one decision per speaker, document and target "
            "(`framing.stance.decide.decide_stance`: any side taken outweighs neutral statements, the stronger side "
            "wins), and the share of a speaker's documents in favor and against, with 95% Wilson score intervals; "
            "per outlet, the share of its quoted speakers' decisions, with a percentile bootstrap over its documents "
            f"({params.get('n_boot')} resamples, seed {params.get('seed')}); stance shares from fewer than "
            f"{params['min_documents']} documents are greyed and not summarized."
            + (" As a robustness check only the sides the speakers' own words give count: a statement whose target "
               "is named only in the paragraph, headline or article around it is taken as not addressing it."
               if params.get("stance_basis") == "own" else "")
            + (" Each cell also counts the documents in which the speaker's own words name the target; in the "
               "others the side rests on the target named only in the paragraph, headline or article around "
               "their statements." if any(".news-" in str(m) for m in (record.get("methods") or {}).get("stance_method")
                                        or []) else ""))
    parts.append(f"Seed for every random step: {record.get('seed')}. Parameters: "
                 + ", ".join(f"`{k}={json.dumps(v, ensure_ascii=False)}`" for k, v in sorted(params.items())) + ".")
    return " ".join(parts)


#: What the methods paragraph says of a supervised scorer trained on a researcher's coding.
_SUPERVISED = ("a model trained on the researchers' own coding (`framing validate train`: TF-IDF character "
               "and word n-grams with logistic regression; its training command, data hash and "
               "cross-validated scores are in its metadata)")


def _count(n, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def methods_markdown(record: dict) -> str:
    """``methods.md``: the methods paragraph, versions, hashes and how to cite."""
    sw = record["software"]
    lines = ["# Methods", "", methods_text(record), "", "## Provenance", "",
             f"- framing {sw['framing']}, commit {sw['git'].get('commit') or 'unknown'}"
             + (" (with local changes)" if sw["git"].get("dirty") else ""),
             f"- Python {sw['python']} ({sw['platform']})",
             f"- corpus sha256 {record['corpus']['sha256'] or '(the corpus files were not at hand)'}",
             f"- documents sha256 {record['corpus'].get('documents_sha256')}",
             f"- seed {record.get('seed')}", "", "### Dependencies", ""]
    lines += [f"- {name} {version or '(not installed)'}" for name, version in sw["dependencies"].items()]
    lines += ["", "### Word lists and registries (sha256)", ""]
    lines += [f"- `{name}` {digest}" for name, digest in record.get("resources", {}).items()]
    cite = record["citation"]
    lines += ["", "## How to cite", "", cite["text"], "", "```bibtex", cite["bibtex"], "```", ""]
    return "\n".join(lines)


__all__ = ["COMMIT_ENV", "bibtex", "citation", "citation_text", "corpus_files", "corpus_sha256",
           "dependency_versions", "documents_sha256", "file_sha256", "git_commit", "methods_markdown", "methods_text", "provenance",
           "read_citation", "resource_hashes", "software", "topic_model_info", "write_provenance"]
