"""Dates in the formats news corpora write them, in Arabic and English, and those refused."""

from __future__ import annotations

import pytest

from framing.corpus.dates import parse_date


@pytest.mark.parametrize("raw, iso", [
    ("September 30, 2022", "2022-09-30"), ("Sept. 3, 2022", "2022-09-03"), ("Feb. 24, 2023", "2023-02-24"),
    ("Tuesday, 7 December 2021", "2021-12-07"), ("2015-07-21 02:51:32", "2015-07-21"),
    ("2021-12-08T23:10:00Z", "2021-12-08"), ("2021/12/08", "2021-12-08"), ("20211208", "2021-12-08"),
    ("25/12/2021", "2021-12-25"), ("12/25/2021", "2021-12-25"), ("الأربعاء 8 ديسمبر 2021", "2021-12-08"),
    ("٨ كانون الأول ٢٠٢١", "2021-12-08"), ("3 آذار 2022", "2022-03-03"), ("1 أغسطس 2015", "2015-08-01"),
])
def test_parse_date(raw, iso):
    assert parse_date(raw) == (iso, "")


@pytest.mark.parametrize("raw", ["sometime", "February 30, 2022", "03/04/2022", "2022", ""])
def test_parse_date_refuses(raw):
    iso, problem = parse_date(raw)
    assert iso is None and problem
