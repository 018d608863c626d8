"""Documents for the topic-model tests: three clearly separable themes per language, from word pools.

The pools were written for these tests: three themes per language, plus
function words, reporting verbs and clitic forms that preprocessing must
remove or merge.  ``tests/topics/conftest.py`` fits the shared models on them.
"""

from __future__ import annotations

import random

import pandas as pd

EN_THEMES = {
    "economy": "oil prices market inflation bank investors exports currency budget trade".split(),
    "sport": "football match goal league coach players championship stadium referee fans".split(),
    "health": "hospital vaccine doctors patients virus clinic disease nurses surgery medicine".split(),
}
EN_FILLER = "the said that of in and he was on it told according to".split()
# nouns without the article, so bare و+noun occurs; وزير keeps its own و
AR_THEMES = {
    "economy": "نفط أسعار سوق تضخم مصرف مستثمرين صادرات عملة ميزانية تجارة".split(),
    "sport": "كرة مباراة هدف دوري مدرب لاعبين بطولة ملعب حكم جمهور".split(),
    "health": "مستشفى لقاح أطباء مرضى فيروس عيادة مرض ممرضات جراحة دواء".split(),
}
AR_FILLER = "قال في إن من على وقال وأضاف أن الذي هذا".split()
SETTINGS = dict(k=3, passes=10, no_below=2, no_above=0.9, seed=0)


def make_docs(themes, filler, n_per_theme=25, seed=7, clitic=None):
    """Documents of 10-16 words: most from one theme's pool, some filler; optional و on some nouns."""
    rng = random.Random(seed)
    docs = []
    for i in range(n_per_theme):
        for name, pool in themes.items():
            words = [rng.choice(pool) for _ in range(rng.randint(8, 12))]
            if clitic:
                words = [clitic + w if rng.random() < 0.25 else w for w in words]
            words += [rng.choice(filler) for _ in range(4)]
            rng.shuffle(words)
            docs.append({"doc_id": f"{name}-{i}", "title": None, "text": " ".join(words), "lang": None,
                         "theme": name})
    return docs


def utterances(texts, lang="en"):
    return pd.DataFrame({"utterance_id": [f"u{i}" for i in range(len(texts))], "content": texts,
                         "lang": [lang] * len(texts)})


def held_out(themes, per_theme=4, seed=99):
    rng = random.Random(seed)
    rows = []
    for name, pool in themes.items():
        for _ in range(per_theme):
            rows.append((name, " ".join(rng.choice(pool) for _ in range(6))))
    return rows

