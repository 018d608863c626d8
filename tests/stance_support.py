"""Shared helpers for the stance tests: utterance frames, and a tiny coded (text, target, stance) table."""

from __future__ import annotations

import pandas as pd
from utterances_support import utts  # noqa: F401 - the tests import it from here

CODED = pd.DataFrame({
    "text": ["نؤيد الخطة بقوة", "الخطة ممتازة ونؤيدها", "نرفض الخطة تماما", "الخطة فاشلة ونرفضها",
             "نشرت الوزارة نص الخطة", "تصدر الخطة غدا",
             "we back the vaccine", "the vaccine is great", "we reject the vaccine", "the vaccine is a disaster",
             "the vaccine arrives monday", "the vaccine report is out"] * 3,
    "target": (["الخطة"] * 6 + ["vaccine"] * 6) * 3,
    "stance": ["Favor", "Favor", "Against", "Against", "None", "None"] * 6,
})


