"""Short Arabic and English news items for the analysis tests, and a comparison of two output folders.

Two outlets, two months, reporting verbs in both languages, so that every
table (utterances, measures, speakers, outlets, periods) has rows.
"""

from __future__ import annotations

import filecmp

import pandas as pd

from framing.corpus import Corpus

TABLES = ("documents", "utterances", "measures", "speakers", "outlets", "periods")

AR_SENTENCES = [
    "قال وزير الخارجية الروسي سيرغي لافروف إن المحادثات مع الجانب الأوكراني كانت مفيدة.",
    "وأضاف أن العقوبات الغربية لن تغير موقف موسكو من الأزمة.",
    "وأكدت المتحدثة باسم الحكومة أن الوضع في العاصمة هادئ تماما.",
    "وقال مسؤول في الاتحاد الأوروبي إن الحوار هو الطريق الوحيد لإنهاء الحرب.",
    "وصرح المتحدث باسم الكرملين ديمتري بيسكوف بأن روسيا لا تهدد أحدا.",
]
EN_SENTENCES = [
    "The foreign minister said the talks with Kyiv had been useful.",
    '"We will not accept these sanctions," Peskov told reporters on Monday.',
    "According to the ministry, the border crossing remains closed.",
    "A senior official said the aid convoy would arrive within days.",
    "NATO's secretary general warned that the alliance would defend its members.",
]


def news_docs(n: int = 14) -> list[dict]:
    """``n`` documents, alternating Arabic and English, over two outlets and two months."""
    docs = []
    for i in range(n):
        arabic = i % 2 == 0
        pool = AR_SENTENCES if arabic else EN_SENTENCES
        body = " ".join(pool[(i + k) % len(pool)] for k in range(3))
        docs.append({
            "id": f"n{i:03d}",
            "title": (f"تقرير رقم {i}" if arabic else f"Report number {i}"),
            "text": body,
            "outlet": "Daily Wire" if i % 3 else "Gulf Times",
            "date": f"2022-0{1 + i % 2}-{10 + i:02d}",
            "lang": "ar" if arabic else "en",
        })
    return docs


def news_corpus(n: int = 14, name: str = "news") -> Corpus:
    return Corpus.from_frame(pd.DataFrame(news_docs(n)), name=name)


def analysed_in_memory(registry, out):
    """The tables of :func:`framing.analysis.run.analyze` on :func:`news_corpus`, also written to ``out``."""
    from framing.analysis.run import analyze
    from framing.tables import write_tables

    tables = analyze(news_corpus(), registry=registry, n_boot=50, batch_size=4)
    write_tables(tables, out)
    return tables, out


def assert_same_output(a, b, names=TABLES):
    for name in names:
        pd.testing.assert_frame_equal(pd.read_parquet(a / f"{name}.parquet"), pd.read_parquet(b / f"{name}.parquet"),
                                      obj=name)
        assert filecmp.cmp(a / f"{name}.csv", b / f"{name}.csv", shallow=False), f"{name}.csv differs"
