"""The report folder: which folders a report may replace, and moving a finished report into place.

An existing ``reports/NAME`` is replaced only when it is a report folder
this toolkit wrote, holding nothing but the files that report wrote (they
are listed in the notebook's metadata), and when it holds none of the run's
inputs; anything else is an error, and nothing is touched.  A report is
written into a staging folder beside ``reports/NAME`` and moved into place
only when every cell ran, so a failing run leaves the previous report as it
was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from framing.errors import FramingError

#: The notebook metadata key under which a report lists the files it wrote.
REPORT_METADATA = "framing"
#: Entries that Jupyter or the operating system add to a folder on their own; they are nobody's files.
SYSTEM_NAMES = frozenset({".ipynb_checkpoints", ".DS_Store", "Thumbs.db"})
NOTEBOOK_NAME, HTML_NAME = "report.ipynb", "report.html"


def folder_files(folder) -> list[str]:
    """Every file under ``folder`` as a relative ``/`` path, sorted; :data:`SYSTEM_NAMES` are left out."""
    folder = Path(folder)
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if (p.is_file() or p.is_symlink())
                  and not SYSTEM_NAMES & set(p.relative_to(folder).parts))


def report_files(folder) -> set[str] | None:
    """The files a report folder's own report wrote, or None when ``folder`` is not a report this toolkit wrote.

    A report lists its files in its notebook's metadata.  A report written
    before that list existed is known by its ``report.ipynb`` beside a
    ``provenance.json`` that names framing; all its files count as its own.
    """
    import json

    folder = Path(folder)

    def read_json(name):
        try:
            return json.loads((folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    nb = read_json(NOTEBOOK_NAME)
    listed = nb.get("metadata", {}).get(REPORT_METADATA, {}) if isinstance(nb, dict) else None
    if isinstance(listed, dict) and isinstance(listed.get("report_files"), list):
        return {str(f) for f in listed["report_files"]}
    record = read_json("provenance.json")
    software = record.get("software") if isinstance(record, dict) else None
    if nb is not None and isinstance(software, dict) and "framing" in software:
        return set(folder_files(folder))
    return None


def check_report_folder(final, inputs=()) -> None:
    """Raise unless a new report may be put at ``final``, replacing what is there.

    ``final`` may be missing, an empty folder, or a report folder this
    toolkit wrote that holds only the files its report wrote
    (:func:`report_files`).  It may not be, or contain, any of ``inputs``
    (the corpus and other files the run reads).

    Raises
    ------
    FramingError
        Naming ``final`` and what is there; nothing is touched.
    """
    final = Path(final)
    advice = "choose another --out or remove it"
    here = final.resolve()
    for path in inputs:
        target = Path(path).resolve()
        if target == here or here in target.parents:
            raise FramingError(f"{final}: the report folder would replace {path}, which the report reads; "
                               "choose another --out")
    if not final.exists() and not final.is_symlink():
        return
    if not final.is_dir():
        raise FramingError(f"{final}: is a file, not a report folder; {advice}")
    if not any(final.iterdir()):
        return
    owned = report_files(final)
    if owned is None:
        raise FramingError(f"{final}: is a folder, but not a report folder framing wrote (it has no "
                           f"{NOTEBOOK_NAME} and provenance.json of a report); {advice}")
    extra = [f for f in folder_files(final) if f not in owned]
    if extra:
        shown = ", ".join(extra[:3]) + (f" and {len(extra) - 3} more" if len(extra) > 3 else "")
        raise FramingError(f"{final}: holds files the report did not write ({shown}); move them out or "
                           "choose another --out")


def staging_folder(final) -> Path:
    """A new, empty, owner-only folder beside ``final`` (made with its parents) to write a report into."""
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{final.name}.tmp-", dir=final.parent))


def move_into_place(staging: Path, final: Path, inputs=()) -> None:
    """Put the finished report in ``staging`` at ``final``, after checking ``final`` again.

    ``staging`` gets the permissions of any new folder (``mkdtemp`` made it
    owner-only); ``final`` is checked again (:func:`check_report_folder`), as
    the run took a while, and then replaced.
    """
    os.chmod(staging, 0o777 & ~_umask())
    check_report_folder(final, inputs)
    _replace_dir(staging, final)


def _umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _replace_dir(new: Path, final: Path) -> None:
    """Put ``new`` at ``final``: rename the old folder aside, rename the new one in, then delete the old."""
    if not final.exists():
        os.replace(new, final)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{final.name}.old-", dir=final.parent))
    os.replace(final, old / final.name)
    try:
        os.replace(new, final)
    except OSError:
        os.replace(old / final.name, final)  # put the previous report back
        old.rmdir()
        raise
    shutil.rmtree(old, ignore_errors=True)


__all__ = ["HTML_NAME", "NOTEBOOK_NAME", "REPORT_METADATA", "SYSTEM_NAMES", "check_report_folder", "folder_files",
           "move_into_place", "report_files", "staging_folder"]
