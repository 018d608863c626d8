"""Bytes to text: byte-order marks, the declared encoding, wide encodings, and clear errors for binary files."""


import codecs
import gzip
import io
from collections.abc import Iterator
from pathlib import Path

from framing.errors import InputError

# A file whose first block is this share NUL bytes is binary (or UTF-16 without
# a byte-order mark, which we do not guess at) -- given at least _NUL_MIN of them:
# a few stray NULs in a short text file are control characters, removed later.
_NUL_SHARE = 0.05
_NUL_MIN = 16
_SNIFF_BYTES = 65536
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

def _bom_encoding(head: bytes) -> str | None:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def _nul_share(head: bytes) -> float:
    """The share of NUL bytes in ``head`` when it says "binary", else 0.

    >>> _nul_share(b"A" + bytes(2) + b"B"), _nul_share(bytes(40))
    (0.0, 1.0)
    """
    n = head.count(0)
    return n / len(head) if n >= _NUL_MIN else 0.0


def _encoding_hint(encoding: str) -> str:
    if codecs.lookup(encoding).name == "utf-8":
        return "; if it is Windows Arabic, name the encoding (encoding='cp1256' or --encoding cp1256)"
    return ""


def decode_bytes(raw: bytes, encoding: str = "utf-8") -> str:
    """Decode a whole file: a byte-order mark wins, errors are never replaced.

    Raises
    ------
    InputError
        For a binary (NUL-heavy) file or a byte that ``encoding`` cannot
        decode; the message names the byte offset.

    >>> decode_bytes(b"\\xef\\xbb\\xbfhi")
    'hi'
    """
    bom = _bom_encoding(raw[:4])
    if bom is None:
        share = _nul_share(raw[:_SNIFF_BYTES])
        if share > _NUL_SHARE:
            raise InputError(f"binary file ({share:.0%} NUL bytes), not text")
    try:
        return raw.decode(bom or encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"byte offset {exc.start}: not valid {bom or encoding} ({exc.reason})"
                         f"{_encoding_hint(encoding) if not bom else ''}") from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None


def _open_binary(path: Path):
    with open(path, "rb") as f:
        magic = f.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb")


def _decoded_lines(stream, encoding: str) -> Iterator[tuple[int, str, str]]:
    """``(line number, text, error)`` per line; ``error`` is "" when it decoded.

    On a decode error ``text`` is a lossy decode used only to keep a CSV
    parser in step, never as data.  Line endings are kept (csv needs them).
    """
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    bom = _bom_encoding(head)
    if bom is None and _nul_share(stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]) > _NUL_SHARE:
        yield 1, "", "binary file (NUL-heavy), not text; the whole file is skipped"
        return
    if bom in ("utf-16", "utf-32"):
        yield from _wide_lines(stream, bom)
        return
    enc = "utf-8" if bom else encoding
    offset = 0
    for lineno, raw in enumerate(stream, 1):
        body = raw[3:] if lineno == 1 and bom else raw
        try:
            yield lineno, body.decode(enc), ""
        except UnicodeDecodeError as exc:
            reason = (f"byte offset {offset + len(raw) - len(body) + exc.start}: not valid {enc} "
                      f"({exc.reason}){_encoding_hint(enc)}")
            yield lineno, body.decode(enc, errors="replace"), reason
        offset += len(raw)


def _wide_lines(stream, encoding):
    # UTF-16/32 lines cannot be split on b"\n"; decode as a stream, and on an
    # error keep what came before and say where the rest was lost.
    lines = io.TextIOWrapper(stream, encoding=encoding, newline="")
    lineno = 0
    try:
        for lineno, line in enumerate(lines, 1):
            yield lineno, line, ""
    except UnicodeDecodeError as exc:
        yield lineno + 1, "", f"not valid {encoding} ({exc.reason}); the rest of the file is skipped"
    finally:
        lines.detach()
