"""Dates as news data writes them, parsed to ISO ``YYYY-MM-DD``.

English and Arabic month names (Egyptian/Gulf and Levantine/Iraqi), ISO
dates with or without a time, compact ``YYYYMMDD``, and numeric day/month
orders when they are unambiguous.  A value that is not understood is
reported, never guessed: the corpus reader keeps it in ``date_raw``.

Examples
--------
>>> parse_date("Sept. 30, 2022")
('2022-09-30', '')
"""

from __future__ import annotations

import re
from datetime import date, datetime

from framing.text import fold

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # Arabic: the Egyptian/Gulf names and the Levantine/Iraqi ones, as fold() writes them
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6, "يوليو": 7,
    "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8,
    "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
}
_MONTH_ALT = "|".join(sorted((re.escape(m).replace(r"\ ", r"\s+") for m in _MONTHS), key=len, reverse=True))
_ISO_RE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_])")
_COMPACT_RE = re.compile(r"(\d{4})(\d{2})(\d{2})$")
_DMY_RE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|\s)")
_MONTH_DAY_RE = re.compile(rf"(?<!\w)({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.I)
_DAY_MONTH_RE = re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_ALT})\.?,?\s+(\d{{4}})(?!\d)", re.I)


def parse_date(value) -> tuple[str | None, str]:
    """An ISO ``YYYY-MM-DD`` date from what news data puts in a date field.

    Returns ``(iso, problem)``: ``iso`` is None when the value is not
    understood, and ``problem`` says why.  Dates with a time keep the date as
    written (no time-zone shift).  Numeric day/month orders are accepted only
    when unambiguous.

    Examples
    --------
    >>> parse_date("September 30, 2022")
    ('2022-09-30', '')
    >>> parse_date("Feb. 24, 2023")[0], parse_date("2015-07-21 02:51:32")[0]
    ('2023-02-24', '2015-07-21')
    >>> parse_date("الأربعاء 8 ديسمبر 2021")[0], parse_date("٨ كانون الأول ٢٠٢١")[0]
    ('2021-12-08', '2021-12-08')
    >>> parse_date("03/04/2022")
    (None, 'ambiguous day and month')
    """
    if isinstance(value, datetime):
        return value.date().isoformat(), ""
    if isinstance(value, date):
        return value.isoformat(), ""
    s = str(value).strip()
    s = s if s.isascii() else fold(s)  # Arabic month names, alef forms and digits
    for regex, order in ((_ISO_RE, "ymd"), (_COMPACT_RE, "ymd")):
        m = regex.match(s)
        if m:
            return _checked(int(m[1]), int(m[2]), int(m[3]))
    m = _DMY_RE.match(s)
    if m:
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        if a <= 12 and b <= 12 and a != b:
            return None, "ambiguous day and month"
        return _checked(y, b, a) if a > 12 or a == b else _checked(y, a, b)
    m = _MONTH_DAY_RE.search(s)
    if m:
        return _checked(int(m[3]), _month(m[1]), int(m[2]))
    m = _DAY_MONTH_RE.search(s)
    if m:
        return _checked(int(m[3]), _month(m[2]), int(m[1]))
    return None, "not a date format this reader knows"


def _month(name: str) -> int:
    key = " ".join(name.lower().split())
    if key in _MONTHS:
        return _MONTHS[key]
    # a case-insensitive match on letters that lower() does not map back to
    # ASCII (long s, dotless i, Kelvin sign): find the month the regex matched
    return next(v for k, v in _MONTHS.items() if re.fullmatch(re.escape(k).replace(r"\ ", r"\s+"), name, re.I))


def _checked(y: int, m: int, d: int) -> tuple[str | None, str]:
    try:
        return date(y, m, d).isoformat(), ""
    except ValueError as exc:
        return None, str(exc)


__all__ = ["parse_date"]
