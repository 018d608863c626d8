"""Lexicon sentiment scorers: one per language, and the default that dispatches by ``lang``.

Examples
--------
>>> import pandas as pd
>>> X = pd.DataFrame({"utterance_id": ["u1", "u2", "u3"],
...                   "content": ["رحب الوزير بالاتفاق", "The shelling was a massacre", "Bonjour"],
...                   "lang": ["ar", "en", "fr"]})
>>> SentimentScorer().fit(X).transform(X)[["sentiment_label", "sentiment_method"]]
  sentiment_label         sentiment_method
0        positive  sentiment.lexicon.ar.v2
1        negative  sentiment.lexicon.en.v2
2            none                     none
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from sklearn.base import clone

from framing.errors import FramingError, InputError
from framing.lang import lang_code, read_yaml, resource_path
from framing.scorers import UtteranceScorer
from framing.sentiment.engine import CompiledLexicon, squash
from framing.sentiment.lexicon_files import Lexicon, as_lexicon, read_lexicon, read_tsv_lexicon, read_vader_lexicon
from framing.text import detect_language

#: Languages with a shipped lexicon.
SHIPPED = ("ar", "en")
VERSION = "v2"
#: Label given to rows that could not be scored (unsupported language, no text).
NO_LABEL = "none"
#: The three sentiment labels, in the order reports list them.
LABELS_ORDER = ("positive", "negative", "neutral")


#: Of the default scorers, the words around a target that count when a row names one (``target_start``,
#: ``target_end``: NewsMTSC's layout).  English: 12 tokens, chosen on the NewsMTSC training file
#: (macro-F1 0.554, the whole sentence 0.542; 3 tokens 0.469, 30 tokens 0.543).  Rows without a target,
#: as in every ``framing analyze`` run, are scored whole.
DEFAULT_TARGET_WINDOW = {"en": 12}


def shipped_lexicon(lang: str) -> Lexicon:
    """The lexicon the toolkit ships for ``lang`` (English: VADER plus the news additions)."""
    if lang == "ar":
        return read_tsv_lexicon(resource_path("ar", "sentiment.tsv"), name="framing", lang="ar")
    if lang == "en":
        additions = read_tsv_lexicon(resource_path("en", "sentiment.tsv"), name="framing", lang="en")
        return read_vader_lexicon().merged(additions, name="vader+framing")
    raise FramingError(f"no sentiment lexicon ships for language {lang!r} (shipped: {', '.join(SHIPPED)}); "
                       f"pass lexicon= or lexicon_path=")


def shipped_modifiers(lang: str) -> dict:
    """Negators, intensifiers and contrast markers for ``lang`` (empty when none ship)."""
    if not resource_path(lang, "sentiment_modifiers.yml").exists():
        return {}
    return read_yaml(lang, "sentiment_modifiers.yml")


@lru_cache(maxsize=None)
def compiled_shipped(lang: str) -> CompiledLexicon:
    # One compiled copy per process: its token cache then serves every scorer.
    return CompiledLexicon(shipped_lexicon(lang), shipped_modifiers(lang))


def label_scores(scores: np.ndarray, positive_threshold: float, negative_threshold: float) -> np.ndarray:
    """Labels for scores: positive / negative / neutral, and ``none`` where the score is NaN.

    >>> label_scores(np.array([0.5, -0.5, 0.0, np.nan]), 0.05, -0.05).tolist()
    ['positive', 'negative', 'neutral', 'none']
    """
    return np.select([np.isnan(scores), scores >= positive_threshold, scores <= negative_threshold],
                     [NO_LABEL, "positive", "negative"], "neutral").astype(object)


def target_spans(X: pd.DataFrame) -> list | None:
    """Per-row ``(start, end)`` target spans from ``target_start/target_end``, or None."""
    if "target_start" not in X.columns or "target_end" not in X.columns:
        return None
    out = []
    for a, b in zip(X["target_start"].tolist(), X["target_end"].tolist()):
        ok = a is not None and b is not None and not (pd.isna(a) or pd.isna(b))
        out.append((int(a), int(b)) if ok else None)
    return out


class _Thresholds:
    def _labels(self, scores: np.ndarray) -> np.ndarray:
        if self.negative_threshold > self.positive_threshold:
            raise ValueError(f"negative_threshold ({self.negative_threshold}) is above "
                             f"positive_threshold ({self.positive_threshold})")
        return label_scores(scores, self.positive_threshold, self.negative_threshold)


class LexiconSentiment(_Thresholds, UtteranceScorer):
    """Lexicon sentiment for one language, with negation, intensifiers and clitic-aware matching.

    Parameters
    ----------
    lang : str
        ``"ar"`` or ``"en"`` for the shipped lexicons; any code with your own.
    lexicon : Lexicon or mapping, optional
        Your own lexicon (pattern to score in -1..1), e.g. from
        :func:`framing.sentiment.lexicon_files.read_nileulex`.  Replaces the shipped one.
    lexicon_path : str or Path, optional
        A lexicon file to read with :func:`framing.sentiment.lexicon_files.read_lexicon`.
    lexicon_format : str, optional
        Format of ``lexicon_path`` when its name does not tell
        (``tsv``, ``lsd2015``, ``nileulex``, ``nrc``, ``vader``).
    modifiers : dict or path, optional
        Negators, intensifiers, diminishers and contrast markers; default
        ``framing/lang/<lang>_sentiment_modifiers.yml``.
    negation_window : int
        How many tokens after a negator a sentiment word is still negated.
    positive_threshold, negative_threshold : float
        Score at or above (at or below) which the label is positive (negative).
    target_window : int or None
        When the utterances carry ``target_start``/``target_end`` (character
        offsets into ``content``) only sentiment words within this many
        tokens of the target count, so the score is about the target rather
        than the whole sentence.  ``None`` always scores the whole text.
    cue : bool
        When the utterances carry a ``cue`` column (the reporting verb,
        as ``framing analyze`` writes it), score it with the content, as a
        clause of its own: a statement introduced by أدان or "condemned"
        is a negative one, by رحب or "welcomed" a positive one.  Not when
        scoring about a target (``target_window``).

    Attributes
    ----------
    lexicon_ : CompiledLexicon
        The compiled look-up tables (set by ``fit``; ``transform`` fits on
        first use, since nothing is learned from data).
    method_ : str
        The versioned method name, e.g. ``sentiment.lexicon.ar.v2``.

    Examples
    --------
    >>> import pandas as pd
    >>> X = pd.DataFrame({"utterance_id": ["a", "b"], "lang": ["ar", "ar"],
    ...                   "content": ["كان الاجتماع ناجحا", "لم يكن الاجتماع ناجحا"]})
    >>> LexiconSentiment("ar").fit(X).transform(X)["sentiment_label"].tolist()
    ['positive', 'negative']
    """

    method_column = "sentiment_method"

    def __init__(self, lang: str = "ar", lexicon=None, lexicon_path=None, lexicon_format=None,
                 modifiers=None, negation_window: int = 3, positive_threshold: float = 0.05,
                 negative_threshold: float = -0.05, target_window: int | None = None, cue: bool = True):
        self.lang = lang
        self.lexicon = lexicon
        self.lexicon_path = lexicon_path
        self.lexicon_format = lexicon_format
        self.modifiers = modifiers
        self.negation_window = negation_window
        self.positive_threshold = positive_threshold
        self.negative_threshold = negative_threshold
        self.target_window = target_window
        self.cue = cue

    @property
    def method(self) -> str:
        if hasattr(self, "method_"):
            return self.method_
        return self._method_name()

    def _method_name(self) -> str:
        lang = lang_code(self.lang) or "xx"
        if self.lexicon is None and self.lexicon_path is None:
            return f"sentiment.lexicon.{lang}.{VERSION}"
        name = as_lexicon(self.lexicon).name if self.lexicon is not None else Path(self.lexicon_path).stem
        return f"sentiment.lexicon.{lang}.{name}.{VERSION}"

    def fit(self, X=None, y=None):
        """Load and compile the lexicon; ``X`` is only validated (nothing is learned)."""
        if X is not None:
            self._validate(X)
        lang = lang_code(self.lang)
        if self.lexicon is not None and self.lexicon_path is not None:
            raise ValueError("give lexicon= or lexicon_path=, not both")
        if self.lexicon is None and self.lexicon_path is None and self.modifiers is None:
            if lang not in SHIPPED:
                shipped_lexicon(lang)  # raises the explanatory error
            self.lexicon_ = compiled_shipped(lang)
        else:
            self.lexicon_ = CompiledLexicon(self._entries(lang), self._modifiers(lang))
        self.method_ = self._method_name()
        self.n_entries_ = len(self.lexicon_)
        return self

    def _entries(self, lang: str):
        if self.lexicon is not None:
            return as_lexicon(self.lexicon)
        if self.lexicon_path is not None:
            return read_lexicon(self.lexicon_path, self.lexicon_format)
        return shipped_lexicon(lang)

    def _modifiers(self, lang: str) -> dict:
        if self.modifiers is None:
            return shipped_modifiers(lang)
        if isinstance(self.modifiers, dict):
            return self.modifiers
        path = Path(self.modifiers)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise InputError(f"{path}: cannot read the modifiers file ({exc})") from None
        if not isinstance(data, dict):
            raise InputError(f"{path}: expected a mapping (negators:, intensifiers:, ...)")
        return data

    def score_texts(self, texts, targets=None, cues=None) -> np.ndarray:
        """Scores for plain strings (NaN for missing text); ``targets`` as in ``target_window``.

        ``cues`` (one reporting verb or None per text) are scored as a clause
        before each text.

        >>> scorer = LexiconSentiment("ar").fit()
        >>> bool(scorer.score_texts(["الاتفاق"], cues=["وأدان"])[0] < 0 < scorer.score_texts(["الاتفاق"])[0])
        True
        """
        if not hasattr(self, "lexicon_"):
            self.fit()
        lex, window, neg = self.lexicon_, self.target_window, self.negation_window
        if targets is not None and window is not None:
            # scored about a target, only the words near it count: the cue is left out
            return np.array([lex.score(t, span, window, neg) if isinstance(t, str) else np.nan
                             for t, span in zip(texts, targets)], dtype=float)
        if cues is None:
            return np.array([lex.score(t, negation_window=neg) if isinstance(t, str) else np.nan
                             for t in texts], dtype=float)
        # The cue is a clause of its own: no negator or contrast of the content reaches it.  Its sum is
        # added to the content's before squashing; the few distinct cues are scored once each.
        cue_sums: dict = {}
        out = np.full(len(texts), np.nan)
        for i, (c, t) in enumerate(zip(cues, texts)):
            if not isinstance(t, str):
                continue
            pos, negs, _ = lex.polarity(t, negation_window=neg)
            total = pos + negs
            if isinstance(c, str) and c:
                extra = cue_sums.get(c)
                if extra is None:
                    cp, cn, _ = lex.polarity(c, negation_window=neg)
                    extra = cue_sums[c] = cp + cn
                total += extra
            out[i] = squash(total)
        return out

    def _score(self, X: pd.DataFrame) -> pd.DataFrame:
        cues = X["cue"].tolist() if self.cue and "cue" in X.columns else None
        scores = self.score_texts(X["content"].tolist(), target_spans(X), cues)
        return pd.DataFrame({"sentiment": scores, "sentiment_label": self._labels(scores)})


class VaderSentiment(_Thresholds, UtteranceScorer):
    """VADER alone (the ``vaderSentiment`` package, unchanged): the English baseline.

    Scores the whole text with VADER's compound score; no news additions and
    no target window, so it shows what the project's additions change.

    Examples
    --------
    >>> import pandas as pd
    >>> X = pd.DataFrame({"utterance_id": ["a"], "content": ["A great day"], "lang": ["en"]})
    >>> VaderSentiment().fit(X).transform(X)["sentiment_label"].tolist()
    ['positive']
    """

    method = "sentiment.vader.en.v1"
    method_column = "sentiment_method"

    def __init__(self, positive_threshold: float = 0.05, negative_threshold: float = -0.05):
        self.positive_threshold = positive_threshold
        self.negative_threshold = negative_threshold

    def fit(self, X=None, y=None):
        """Create the analyzer; nothing is learned."""
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        if X is not None:
            self._validate(X)
        self.analyzer_ = SentimentIntensityAnalyzer()
        return self

    def _score(self, X: pd.DataFrame) -> pd.DataFrame:
        if not hasattr(self, "analyzer_"):
            self.fit()
        polarity = self.analyzer_.polarity_scores
        scores = np.array([polarity(t)["compound"] if isinstance(t, str) else np.nan
                           for t in X["content"].tolist()], dtype=float)
        return pd.DataFrame({"sentiment": scores, "sentiment_label": self._labels(scores)})


def default_scorers() -> dict:
    """The default scorer per language: Arabic the lexicon; English the learned target model
    (:class:`framing.sentiment.target_model.TargetSentiment`) for rows that name a target and the lexicon
    for the others (every ``framing analyze`` row)."""
    from framing.sentiment.target_model import TargetSentiment

    return {"ar": LexiconSentiment("ar", target_window=DEFAULT_TARGET_WINDOW.get("ar")), "en": TargetSentiment()}


class SentimentScorer(UtteranceScorer):
    """The default: each row goes to the scorer for its ``lang``; the method used is recorded per row.

    Parameters
    ----------
    scorers : dict of str to scorer, optional
        Language code to scorer; default Arabic and English
        :class:`LexiconSentiment`.
    detect_language : bool
        Rows whose ``lang`` is missing, empty or ``und`` get a language
        guessed from their text (:func:`framing.text.detect_language`).
    target_window : int or None, optional
        Passed to the scorers that take it (see :class:`LexiconSentiment`);
        ``None`` keeps each scorer's own setting.

    Rows in a language with no scorer are not guessed at: their
    ``sentiment`` is NaN, their label ``none`` and their method ``none``,
    so aggregates skip them instead of counting them as neutral.

    Attributes
    ----------
    scorers_ : dict
        The fitted scorer for each language.

    Examples
    --------
    >>> import pandas as pd
    >>> X = pd.DataFrame({"utterance_id": ["u1"], "content": ["وبالتصعيد"], "lang": [None]})
    >>> SentimentScorer().fit(X).transform(X)["sentiment_label"].tolist()
    ['negative']
    """

    method = "sentiment.dispatch.v1"
    method_column = "sentiment_method"

    def __init__(self, scorers: dict | None = None, detect_language: bool = True,
                 target_window: int | None = None):
        self.scorers = scorers
        self.detect_language = detect_language
        self.target_window = target_window

    def fit(self, X=None, y=None):
        """Fit one scorer per language (the lexicon scorers just load their lexicons)."""
        if X is not None:
            self._validate(X)
        given = self.scorers if self.scorers is not None else default_scorers()
        self.scorers_ = {}
        for lang, scorer in given.items():
            scorer = clone(scorer)
            if self.target_window is not None and "target_window" in scorer.get_params():
                scorer.set_params(target_window=self.target_window)
            if X is not None and y is not None:
                rows = (self._row_langs(X) == lang_code(lang))
                scorer.fit(X[rows], np.asarray(y)[rows]) if rows.any() else scorer.fit()
            else:
                scorer.fit()
            self.scorers_[lang_code(lang)] = scorer
        return self

    def _row_langs(self, X: pd.DataFrame) -> np.ndarray:
        langs = np.array([lang_code(v) for v in X["lang"].tolist()], dtype=object)
        if self.detect_language:
            for i in np.flatnonzero((langs == "") | (langs == "und")):
                text = X["content"].iloc[i]
                langs[i] = detect_language(text) if isinstance(text, str) else ""
        return langs

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        """Score every row with its language's scorer; one row out per row in, in order."""
        X = self._validate(X)
        if not hasattr(self, "scorers_"):
            self.fit()
        n = len(X)
        scores = np.full(n, np.nan)
        labels = np.full(n, NO_LABEL, dtype=object)
        methods = np.full(n, NO_LABEL, dtype=object)
        langs = self._row_langs(X)
        for lang, scorer in self.scorers_.items():
            rows = np.flatnonzero(langs == lang)
            if not len(rows):
                continue
            part = scorer.transform(X.iloc[rows])
            scores[rows] = part["sentiment"].to_numpy(dtype=float)
            labels[rows] = part["sentiment_label"].to_numpy()
            methods[rows] = part["sentiment_method"].to_numpy()
        return pd.DataFrame({"utterance_id": X["utterance_id"].to_numpy(), "sentiment": scores,
                             "sentiment_label": labels, "sentiment_method": methods})
