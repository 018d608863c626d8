"""A small utterances table for the scorer tests."""

import pandas as pd


def utts(texts, lang="ar", **extra):
    """An utterances frame (ids u0, u1, ...) of ``texts`` in ``lang`` (one code, or one per text)."""
    df = pd.DataFrame({"utterance_id": [f"u{i}" for i in range(len(texts))], "content": texts,
                       "lang": lang if isinstance(lang, list) else [lang] * len(texts)})
    for key, values in extra.items():
        df[key] = values
    return df
