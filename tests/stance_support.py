"""Shared helpers for the stance tests: utterance frames, two targets and statements of the news scorer, and a
tiny coded (text, target, stance) table."""

from __future__ import annotations

import pandas as pd
from utterances_support import utts  # noqa: F401 - the tests import it from here

from framing.stance.targets import Target

#: Two targets of the news scorer's tests, with Arabic and English aliases.
TARGETS = [Target("Iran", {"ar": ["إيران", "طهران", "الإيراني"], "en": ["Iran", "Tehran"]}),
           Target("Egypt", {"ar": ["مصر"], "en": ["Egypt"]})]


def statements(**cols) -> pd.DataFrame:
    """Arabic statements with the columns given (``content`` and any context), cue "قال", ids u0, u1, ..."""
    n = len(cols["content"])
    base = {"utterance_id": [f"u{i}" for i in range(n)], "lang": ["ar"] * n, "cue": ["قال"] * n}
    return pd.DataFrame({**base, **cols})

CODED = pd.DataFrame({
    "text": ["نؤيد الخطة بقوة", "الخطة ممتازة ونؤيدها", "نرفض الخطة تماما", "الخطة فاشلة ونرفضها",
             "نشرت الوزارة نص الخطة", "تصدر الخطة غدا",
             "we back the vaccine", "the vaccine is great", "we reject the vaccine", "the vaccine is a disaster",
             "the vaccine arrives monday", "the vaccine report is out"] * 3,
    "target": (["الخطة"] * 6 + ["vaccine"] * 6) * 3,
    "stance": ["Favor", "Favor", "Against", "Against", "None", "None"] * 6,
})


