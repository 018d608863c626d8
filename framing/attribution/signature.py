"""Who signs a document: the name in capitals that closes a letter, an executive order or a notice.

A government letter or order speaks in its signer's voice ("I have issued an
Executive Order ...") and names them only at its foot:

    Sincerely,

    JOSEPH R. BIDEN JR.

    THE WHITE HOUSE,

    March 11, 2022.

:func:`document_signer` reads that foot.  The pipeline takes the signer as
the document's author, so "I" and "we" outside quotations, and the issuer's
voice (``--issuer-voice``) of a document whose title names no issuer, are
the signer's rather than the publishing outlet's.  Only writing with
capital letters has such a foot; an Arabic text never yields a signer.

Examples
--------
>>> document_signer("I am enclosing a copy of the order.\\n\\nSincerely,\\n\\nJOSEPH R. BIDEN JR.")
'Joseph R. Biden'
>>> document_signer("The ministry condemned the attack.\\n\\nREUTERS") is None
True
"""

from __future__ import annotations

import re

__all__ = ["document_signer", "FOOT_PARAGRAPHS", "CLOSINGS"]

#: How many paragraphs at a document's end are read for its signature.
FOOT_PARAGRAPHS = 5
#: How many characters at a document's end hold them (every document is read: only its tail is split).
FOOT_CHARS = 2000
#: Complimentary closings: the capitalized line after one of them is a signature.
CLOSINGS = ("sincerely", "respectfully", "yours", "regards", "best regards", "cordially", "with respect")
#: Name suffixes left off the signer's name (the registry and the name's id do without them).
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_NAME_WORD = re.compile(r"^[A-Z][A-Z'’\-]*\.?$")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def document_signer(text: str, registry=None) -> str | None:
    """The name of the person who signs ``text`` at its foot, or None.

    The signature is a paragraph of two to six words written in capitals
    ("JOSEPH R. BIDEN JR."), among the last :data:`FOOT_PARAGRAPHS`, after
    which only a place line ending in a comma ("THE WHITE HOUSE,"), a date or
    nothing follows.  It counts when a closing (:data:`CLOSINGS`) stands
    before it, when a place line follows it, or when ``registry`` knows the
    name as a person; an agency's sign-off ("REUTERS", "END") is none of these.

    Parameters
    ----------
    text : str
        The document.
    registry : Registry, optional
        The actor registry that may know the name.

    Returns
    -------
    str or None
        The name in title case without its suffix ("Joseph R. Biden").
    """
    text = text or ""
    pieces = re.split(r"\n\s*\n", text[-FOOT_CHARS:])
    if len(text) > FOOT_CHARS:
        pieces = pieces[1:]  # the first piece may be the end of a paragraph cut short
    paragraphs = [p.strip() for p in pieces if p.strip()]
    foot = paragraphs[-FOOT_PARAGRAPHS:]
    place_after = False  # a place line ("THE WHITE HOUSE,") after the name
    for k in range(len(foot) - 1, -1, -1):
        para = foot[k]
        if _is_date(para):
            continue
        if _is_place(para):
            place_after = True
            continue
        words = para.split()
        if not 2 <= len(words) <= 6 or not all(_NAME_WORD.match(w) for w in words):
            return None
        name = _title_case([w for w in words if w.strip(".").lower() not in _SUFFIXES])
        closing = k > 0 and foot[k - 1].rstrip(",").strip().lower() in CLOSINGS
        actor = registry.lookup_name(name) if registry is not None else None
        if closing or place_after or (actor is not None and actor.kind == "person"):
            return name
        return None
    return None


def _is_date(para: str) -> bool:
    low = para.lower()
    return len(para) <= 40 and any(ch.isdigit() for ch in para) and any(m in low for m in _MONTHS)


def _is_place(para: str) -> bool:
    """A place line of a signature: "THE WHITE HOUSE," in capitals, ending in a comma."""
    return len(para) <= 60 and para.endswith(",") and para[:-1].replace(" ", "").replace(".", "").isupper()


def _title_case(words: list[str]) -> str:
    return " ".join(w if len(w.strip(".")) == 1 else w[:1] + w[1:].lower() for w in words)
