"""Arabic in the report's PDF figures: set as in the PNGs, and read back as the words it shows.

Matplotlib shapes Arabic (through libraqm).  Its PNG renderer puts each
glyph where the shaper placed it; its PDF backend writes the glyphs as one
run and lets the viewer advance by each glyph's width, which for shaped
Arabic loses the space between words ("ديمتريبيسكوف" on the page).  And a
PDF reader that extracts the text (copy and paste, ``pdftotext``, search)
rebuilds words from glyph positions and gets letters doubled, dropped and
run together.  While :func:`actual_text` is active, every text holding
Arabic that the PDF backend draws is

- set glyph by glyph at the shaper's positions (:func:`_draw_positioned`),
  so the PDF shows the line the PNG shows; and
- wrapped in a marked-content span with an ``/ActualText`` entry, PDF's way
  of giving the text a run of glyphs stands for.

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


def visual_order(text: str) -> str:
    """``text`` with each right-to-left run reversed, numbers inside it kept left to right."""
    def flip(m: re.Match) -> str:
        return _DIGITS.sub(lambda d: d.group(0)[::-1], m.group(0)[::-1])

    return _RTL_RUN.sub(flip, text)


def _span(text: str) -> bytes:
    hexed = "FEFF" + visual_order(text).encode("utf-16-be").hex().upper()
    return f"/Span <</ActualText <{hexed}>>> BDC".encode("ascii")


def _draw_positioned(renderer, gc, x, y, s, prop, angle, mtext) -> bool:
    """Draw ``s`` glyph by glyph, each at the place the shaper gave it; False when this matplotlib cannot.

    Matplotlib's PDF backend writes a run of glyphs and lets the viewer
    advance by each glyph's width, correcting by the kerning only; for
    shaped Arabic that drops the space between words and shifts it elsewhere
    ("ديمتريبيسكوف" on the page, while the PNG is right).  Placing every glyph
    at its own position, as the PNG renderer does, gives the same line.  The
    helpers used are the backend's own (private, so checked): on a
    matplotlib without them, the backend draws the text itself.
    """
    import math

    import matplotlib as mpl
    from matplotlib import _text_helpers
    from matplotlib.backends import backend_pdf

    Op = backend_pdf.Op
    needed = ("_get_font_ttf", "_encode_glyphs", "check_gc")
    if (mpl.rcParams["pdf.fonttype"] != 42 or mpl.rcParams["pdf.use14corefonts"]
            or not all(hasattr(renderer, n) for n in needed) or not hasattr(backend_pdf, "FontPath")
            or not hasattr(renderer.file, "_character_tracker")):
        return False
    renderer.check_gc(gc, gc._rgb)
    features = mtext.get_fontfeatures() if mtext is not None else None
    language = mtext.get_language() if mtext is not None else None
    font = renderer._get_font_ttf(prop)
    size = prop.get_size_in_points()
    out = renderer.file.output
    out(Op.gsave)
    a = math.radians(angle)
    out(math.cos(a), math.sin(a), -math.sin(a), math.cos(a), x, y, Op.concat_matrix)
    out(Op.begin_text)
    current, px, py = None, 0.0, 0.0
    for item in _text_helpers.layout(s, font, features=features, language=language):
        subset, code = renderer.file._character_tracker.track_glyph(item.ft_object, item.char, item.glyph_index)
        if (item.ft_object, subset) != current:
            path = backend_pdf.FontPath(item.ft_object.fname, item.ft_object.face_index)
            out(renderer.file.fontName(path, subset), size, Op.selectfont)
            current = (item.ft_object, subset)
        out(item.x - px, item.y - py, Op.textpos)  # Td moves from the previous glyph's place
        px, py = item.x, item.y
        out(renderer._encode_glyphs([code], 42), Op.show)
    out(Op.end_text)
    out(Op.grestore)
    return True


@contextmanager
def actual_text():
    """Within this block, PDF output sets Arabic texts glyph by glyph with an ``/ActualText`` (see the module docs)."""
    from matplotlib.backends import backend_pdf

    from framing.report.plots import has_arabic

    renderer = backend_pdf.RendererPdf
    original = renderer.draw_text

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        wrap = not ismath and has_arabic(s)  # the figures' own test (framing.report.plots)
        if not wrap:
            return original(self, gc, x, y, s, prop, angle, ismath, mtext)
        self.file.output(backend_pdf.Verbatim(_span(s)))
        try:
            if not _draw_positioned(self, gc, x, y, s, prop, angle, mtext):
                original(self, gc, x, y, s, prop, angle, ismath, mtext)
        finally:
            self.file.output(backend_pdf.Verbatim(b"EMC"))

    renderer.draw_text = draw_text
    try:
        yield
    finally:
        renderer.draw_text = original


__all__ = ["actual_text", "visual_order"]
