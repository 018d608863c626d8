"""Arabic that text extraction reads back from the report's PDF figures.

Matplotlib shapes Arabic (through libraqm) and places each glyph by
itself, so the PNG and the printed PDF look right, but a PDF reader that
extracts the text (copy and paste, ``pdftotext``, search) rebuilds words
from glyph positions and gets letters doubled, dropped and run together
("ديمتريبيسكوف").  PDF has a remedy: a marked-content span with an
``/ActualText`` entry gives the text a run of glyphs stands for.  While
:func:`actual_text` is active, every text matplotlib's PDF backend draws
that holds Arabic is wrapped in such a span.

The replacement text is written in the order the glyphs stand on the page
(each right-to-left run reversed, :func:`visual_order`), as extractors
read a span's text like glyphs, left to right, and then put right-to-left
runs back into reading order themselves.

Examples
--------
>>> visual_order("Peskov · ديمتري بيسكوف")
'Peskov · فوكسيب يرتميد'
>>> visual_order("عام 2021 م")
'م 2021 ماع'
"""

from __future__ import annotations

import re
from contextlib import contextmanager

_ARABIC = "\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF"
#: A right-to-left run: from an Arabic letter to the last Arabic letter before any Latin letter, and the
#: numbers that follow it (which the bidi algorithm puts in the run: "عام 2021" shows as "2021 ماع").
_RTL_RUN = re.compile(f"[{_ARABIC}](?:[^A-Za-z]*[{_ARABIC}])?(?:\\s*[0-9\u0660-\u0669\u06F0-\u06F9][0-9\u0660-\u0669\u06F0-\u06F9.,:/]*)*")
_DIGITS = re.compile(r"[0-9\u0660-\u0669\u06F0-\u06F9][0-9\u0660-\u0669\u06F0-\u06F9.,:/]*")


def has_arabic(text) -> bool:
    """Whether ``text`` holds an Arabic letter."""
    return isinstance(text, str) and re.search(f"[{_ARABIC}]", text) is not None


def visual_order(text: str) -> str:
    """``text`` with each right-to-left run reversed, numbers inside it kept left to right."""
    def flip(m: re.Match) -> str:
        return _DIGITS.sub(lambda d: d.group(0)[::-1], m.group(0)[::-1])

    return _RTL_RUN.sub(flip, text)


def _span(text: str) -> bytes:
    hexed = "FEFF" + visual_order(text).encode("utf-16-be").hex().upper()
    return f"/Span <</ActualText <{hexed}>>> BDC".encode("ascii")


@contextmanager
def actual_text():
    """Within this block, PDF output gives Arabic texts an ``/ActualText`` (see the module docs)."""
    from matplotlib.backends import backend_pdf

    renderer = backend_pdf.RendererPdf
    original = renderer.draw_text

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        wrap = not ismath and has_arabic(s)
        if wrap:
            self.file.output(backend_pdf.Verbatim(_span(s)))
        try:
            return original(self, gc, x, y, s, prop, angle, ismath, mtext)
        finally:
            if wrap:
                self.file.output(backend_pdf.Verbatim(b"EMC"))

    renderer.draw_text = draw_text
    try:
        yield
    finally:
        renderer.draw_text = original


__all__ = ["actual_text", "has_arabic", "visual_order"]
