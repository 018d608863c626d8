"""Shared helpers for the stance tests: utterance frames, and a tiny coded (text, target, stance) table."""

from __future__ import annotations

import pandas as pd

CODED = pd.DataFrame({
    "text": ["نؤيد الخطة بقوة", "الخطة ممتازة ونؤيدها", "نرفض الخطة تماما", "الخطة فاشلة ونرفضها",
             "نشرت الوزارة نص الخطة", "تصدر الخطة غدا",
             "we back the vaccine", "the vaccine is great", "we reject the vaccine", "the vaccine is a disaster",
             "the vaccine arrives monday", "the vaccine report is out"] * 3,
    "target": (["الخطة"] * 6 + ["vaccine"] * 6) * 3,
    "stance": ["Favor", "Favor", "Against", "Against", "None", "None"] * 6,
})


def utts(texts, lang="ar", **extra):
    """An utterances frame (ids u0, u1, ...) of ``texts`` in ``lang`` (one code, or one per text)."""
    df = pd.DataFrame({"utterance_id": [f"u{i}" for i in range(len(texts))], "content": texts,
                       "lang": lang if isinstance(lang, list) else [lang] * len(texts)})
    for key, values in extra.items():
        df[key] = values
    return df
