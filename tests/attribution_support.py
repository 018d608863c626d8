"""A small actor registry and an Arabic article written for the attribution tests, and a helper to attribute text.

The registry has one ministry and one minister (with a term of office), so
that names, surnames, roles by date and bodies all resolve to known ids;
the article exercises verbs, participles, direct quotes, anonymous sources,
an unregistered journalist and the headline colon form.
"""

from __future__ import annotations

import pandas as pd

from framing.attribution import attribute_document
from framing.attribution.actors import Actor, Registry


def water_registry() -> Registry:
    """The Ministry of Water and its minister Sami Ali (in office 2020 to 2022)."""
    return Registry([
        Actor("ministry", "Ministry of Water", "institution", side="Atlantis",
              names={"ar": ["وزارة المياه"], "en": ["Ministry of Water"]}),
        Actor("sami_ali", "Sami Ali", "person", side="Atlantis",
              names={"ar": ["سامي العلي", "العلي"], "en": ["Sami Ali", "Ali"]},
              roles={"ar": ["وزير المياه"], "en": ["water minister"]}, in_office=("2020-01-01", "2022-12-31")),
    ])


AR_TEXT = """الوزارة: الأمطار ستعود قريبا

أكدت وزارة المياه أن المخزون يكفي لعام كامل.
وقال وزير المياه سامي العلي إن الحكومة ستبني سدا جديدا، موضحا أن العمل يبدأ في الربيع.
وأضاف العلي أن التمويل متوفر.
وأشار إلى أن الأسعار لن ترتفع.
وقالت المهندسة ليلى حسن للصحفيين "نحن مستعدون تماما لموسم الجفاف".
وقال مسؤول في الوزارة إن الخطة سرية.
وذكر الصحافي المختص بالبيئة كريم نور أن الخبراء يشككون في الخطة.
وأوضح نور أن التقارير متضاربة.
"""


def attribute_text(text: str, registry: Registry, date: str = "2021-06-01") -> pd.DataFrame:
    """The utterance rows of one document ``t`` with this text and date, as a table."""
    return pd.DataFrame(attribute_document({"doc_id": "t", "text": text, "date": date}, registry))
