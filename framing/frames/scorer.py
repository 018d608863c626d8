"""Dictionary measures per utterance: category counts and shares, and the shipped generic frames.

:class:`DictionaryScorer` counts each category of each dictionary a user
gives (``framing analyze --dictionary FILE``) in every utterance:
``dict_<dictionary>_<category>`` (matches) and ``..._share`` (matches per
token).  :class:`FrameScorer` applies the generic policy frames the toolkit
ships (``framing/lang/<lang>_frames.yml``, see ``framing/lang/FRAMES.md``;
experimental), per language: ``frame_<name>`` is 1 when the utterance uses
a term of the frame and 0 when not (NaN in a language without a frames
list), so a speaker's mean is the share of their utterances using the
frame; ``frames`` names the frames present.

Examples
--------
>>> import pandas as pd
>>> from framing.frames.dictionary import Dictionary
>>> X = pd.DataFrame({"utterance_id": ["u1"], "content": ["Taxes and the economy"], "lang": ["en"]})
>>> out = DictionaryScorer([Dictionary("econ", {"economy": ["econom*", "tax*"]})]).fit(X).transform(X)
>>> out[["dict_econ_economy", "dict_econ_economy_share"]].values.tolist()
[[2.0, 0.5]]
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from framing.frames.dictionary import Dictionary, load_dictionary, slug
from framing.scorers import UtteranceScorer
from framing.text import tokenize

LANG_DIR = Path(__file__).resolve().parents[1] / "lang"
#: The languages with a shipped frames list (``framing/lang/<lang>_frames.yml``).
FRAME_LANGS = ("ar", "en")


def frames_path(lang: str) -> Path:
    """The shipped frames dictionary of a language."""
    return LANG_DIR / f"{lang}_frames.yml"


def frame_names() -> list[str]:
    """The frames the shipped lists define (the categories of the English list, in its order)."""
    return load_dictionary(frames_path("en"), "frames").category_names


class DictionaryScorer(UtteranceScorer):
    """Category counts and shares of tokens per utterance, for each dictionary given.

    Parameters
    ----------
    dictionaries : list of Dictionary or path
        Dictionaries (or their files); their names (file stems) must differ.
    """

    method = "dictionary.counts.v1"
    method_column = "dictionary_method"

    def __init__(self, dictionaries=()):
        self.dictionaries = dictionaries

    def fit(self, X: pd.DataFrame, y=None):
        super().fit(X)
        loaded = [d if isinstance(d, Dictionary) else load_dictionary(d) for d in self.dictionaries]
        names = [d.name for d in loaded]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            from framing.errors import InputError

            raise InputError(f"two dictionaries are named {twice[0]!r} (from their file names): rename one file")
        self.dictionaries_ = loaded
        return self

    def _score(self, X: pd.DataFrame) -> pd.DataFrame:
        columns: dict[str, list] = {}
        texts = X["content"].fillna("").astype(str).tolist()
        tokens = [tokenize(t) for t in texts]
        sizes = np.array([max(len(t), 1) for t in tokens], dtype=float)
        for d in self.dictionaries_:
            counts = [d.count(text, toks) for text, toks in zip(texts, tokens)]
            for cat in d.category_names:
                n = np.array([c.get(cat, 0) for c in counts], dtype=float)
                base = f"dict_{d.name}_{slug(cat)}"
                columns[base] = n
                columns[f"{base}_share"] = n / sizes
        return pd.DataFrame(columns, index=X.index)


class FrameScorer(UtteranceScorer):
    """The generic policy frames the toolkit ships, per utterance (experimental; see ``framing/lang/FRAMES.md``).

    ``frame_<name>`` is 1.0 when the utterance holds a term of the frame,
    0.0 when not, NaN in a language without a frames list; ``frames`` lists
    the frames present (``;``-separated, "" for none).
    """

    method = "frames.dictionary.v1"

    def fit(self, X: pd.DataFrame, y=None):
        super().fit(X)
        self.dictionaries_ = {lang: load_dictionary(frames_path(lang), "frames") for lang in FRAME_LANGS
                              if frames_path(lang).is_file()}
        names = [list(d.category_names) for d in self.dictionaries_.values()]
        if any(n != names[0] for n in names):
            from framing.errors import InputError

            raise InputError("the shipped frames lists name different frames: "
                             + "; ".join(f"{lang}: {', '.join(d.category_names)}" for lang, d in self.dictionaries_.items()))
        self.frames_ = names[0] if names else []
        return self

    def _score(self, X: pd.DataFrame) -> pd.DataFrame:
        present = {name: np.full(len(X), np.nan) for name in self.frames_}
        listed = [""] * len(X)
        for i, (text, lang) in enumerate(zip(X["content"].fillna("").astype(str), X["lang"])):
            d = self.dictionaries_.get(lang)
            if d is None:
                continue
            found = d.count(text)
            for name in self.frames_:
                present[name][i] = 1.0 if found.get(name) else 0.0
            listed[i] = ";".join(n for n in self.frames_ if found.get(n))
        out = pd.DataFrame({f"frame_{slug(n)}": v for n, v in present.items()}, index=X.index)
        out["frames"] = listed
        return out


__all__ = ["FRAME_LANGS", "DictionaryScorer", "FrameScorer", "frame_names", "frames_path"]
