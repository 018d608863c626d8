"""The learned news stance scorer: whether and how a statement addresses each target, from coded news.

The cue rules (:class:`framing.stance.cues.CueStance`) read one sentence:
a target named in the content, with a cue word governing it.  In news a
speaker addresses a target in more ways: named in the statement, in the
paragraph the statement stands in (the cue's complement, the sentence
before), in the headline or elsewhere in an article about it; and the side
often comes from the act of speaking (condemned, welcomed, warned) or the
tone of what is said rather than a cue next to the name.
:class:`NewsStance` turns each (utterance, target) where the target is named
in one of those places into features:

* where it is named (``content``, ``paragraph``, ``headline``, ``article``);
* what the cue rules say about the target in that text (favor, against, no
  side), and in the paragraph around a statement;
* the speech act of the reporting cue (its class in the stance lexicon:
  support, oppose, hostile, praise, blame ...; a negated cue is its own
  class) and the tone of the content (the classes of its cue words);
* the polarity (the shipped sentiment lexicon) of the words around the
  mention and of the whole statement;
* the words around the mention and the statement's words (stems), the
  latter apart when the statement names several targets;
* whether other targets are named beside it;
* which target it is (``target=<slug>``): news of one place and time
  speak of some targets mostly one way, and the model learns that prior
  from its training articles.  A target it was not trained on (a
  researcher's own) is read by a second model trained on the same examples
  without these features (:attr:`NewsModel.generic`), whose words then
  carry what the priors carried in the first, with its general lean among
  the sides taken out.

How each text is read for these (folded and screened for the targets'
words, each distinct paragraph, headline and article once; its mentions,
cue words and the words around them) is :mod:`framing.stance.reading`.

A target the speaker speaks for (their ``side`` in the actor registry:
Iran's foreign ministry and Iran) is never a candidate: the guidelines code
no self-stance; nor is a target that names the speaker themselves (a
speaker the registry does not know, "حفتر", and a researcher's target
"Haftar" with that alias).

A multinomial logistic regression over them, trained on news statements
coded to the stance guidelines (``corpora/annotations/stance_ar``; see
:mod:`framing.stance.news_training`), gives ``favor``, ``against``,
``neutral`` or ``none`` (named in passing: not addressed).  The word
features are Arabic; the others carry over to English through the English
lexicons, so an English run leans on them alone.  The score column is
P(favor) - P(against).  Beside each label, ``stance_<target>_named_in``
says where that statement's words name the target: ``content`` (the
speaker's own words), ``paragraph``, ``headline`` or ``article`` (a side
read from the context, which may carry the outlet's words more than the
speaker's); empty where the label is ``none``.

By default (``speakers=True``) whether a target is addressed, and the side,
are decided per speaker in a document, over everything they say there
(:mod:`framing.stance.pooling`): a speaker in an article centred on a target
addresses it though the statement that does so does not name it, and the
side is the most probable once the side probabilities of all their
statements are summed; each of their statements carries it.  The score
column is then the speaker's margin times the statement's P(addressed).
Whether a speaker addresses a target at all is the speaker model's decision
when the model folder holds one (``speaker.json``,
:mod:`framing.stance.speaker_model`), the rule of
:mod:`framing.stance.pooling` otherwise.

Examples
--------
>>> import pandas as pd
>>> X = pd.DataFrame({"utterance_id": ["u1"], "lang": ["ar"], "cue": ["وأدان"],
...                   "content": ["العدوان الروسي على أوكرانيا"]})
>>> out = NewsStance().fit(X).transform(X)
>>> out[["stance_russia_label", "stance_method"]].values.tolist()
[['against', 'stance.news-lr.v3']]
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from framing.lang import lang_code
from framing.scorers import UtteranceScorer
from framing.stance.cues import NO_MENTION, CueStance
from framing.stance.lexicon import StanceLexicon
from framing.stance.pooling import CENTRE_MENTIONS, SIDES, pool_speaker
from framing.stance.reading import FoldedBatch, Reading, content_word, cue_classes, sentiment_bin, word_key
from framing.stance.targets import Mention, reference_matchers, target_columns, tokenize_for_matching
from framing.text import detect_language

__all__ = ["NewsStance", "candidate_features", "load_news_model", "speaker_features", "CLASSES", "SCOPES"]

#: What the model says of a target named near a statement.
CLASSES = ("favor", "against", "neutral", "none")
#: Where a target is named, nearest first: a target named in the content is not looked for further out.
SCOPES = ("content", "paragraph", "headline", "article")
#: The shipped model.
MODEL_DIR = Path(__file__).parent / "models" / "news_lr"
#: The ``format`` of a saved news stance model (:mod:`framing.model_files`).
MODEL_FORMAT = "framing.news-lr-model"
#: The part of a model folder holding the learned speaker decision (absent: the rule of framing.stance.pooling).
SPEAKER_PART = "speaker.json"
#: The parts of the model for targets it was not trained on (trained without the features of a target's
#: balance of sides, ``target=`` and ``side=``; :func:`framing.stance.news_training.train_news_stance`).
GENERIC_WEIGHTS, GENERIC_SPEAKER = "generic_weights.json", "generic_speaker.json"
#: The part naming the targets whose balance of sides the model learned, with their aliases: a run's target
#: with another name and the same aliases is read as one of them (:mod:`framing.stance.known_targets`).
TARGETS_PART = "targets.json"
#: A cue-rule total this far from 0 is a side.
RULE_SIDE = 0.15


def _bin(total: float) -> str:
    return "fav" if total >= RULE_SIDE else "ag" if total <= -RULE_SIDE else "zero"


def candidate_features(scope: str, rule: float, *, para_rule: float | None = None, act: tuple = (),
                       tone: tuple = (), others: bool = False) -> list[str]:
    """The features of one (utterance, target) candidate.

    Parameters
    ----------
    scope : str
        Where the target is named (one of :data:`SCOPES`).
    rule : float
        The cue rules' total for the target in that text (0 when no cue decides).
    para_rule : float, optional
        For a target in the content, the rules' total for it in the whole paragraph.
    act : tuple of str
        Classes of the reporting cue's words in the stance lexicon ("oppose", "support" ...).
    tone : tuple of str
        Classes of the cue words in the content.
    others : bool
        Whether another target is named in the same text.

    >>> candidate_features("content", -1.0, act=("oppose",))
    ['content', 'content:rule=ag', 'content:act=oppose']
    """
    out = [scope, f"{scope}:rule={_bin(rule)}"]
    if para_rule is not None and _bin(para_rule) != "zero":
        out.append(f"{scope}:para_rule={_bin(para_rule)}")
    out += [f"{scope}:act={a}" for a in sorted(set(act))]
    out += [f"{scope}:tone={t}" for t in sorted(set(tone))]
    if others:
        out.append(f"{scope}:others")
    return out


class NewsModel:
    """A fitted multinomial logistic regression over named binary features (loaded from JSON)."""

    def __init__(self, classes, features, coef, intercept, metadata=None, none_threshold: float = 0.5,
                 speaker=None, generic=None):
        self.classes = list(classes)
        self.none_threshold = float(none_threshold)
        #: the learned decision of whether a speaker addresses a target (framing.stance.speaker_model), or None
        self.speaker = speaker
        #: the model for the targets this one was not trained on (a NewsModel without target priors), or None
        self.generic = generic
        #: the targets whose balance of sides it learned (``target=`` features), with their aliases
        self.trained_targets: list = []
        self.index = {f: i for i, f in enumerate(features)}
        self.coef = np.asarray(coef, dtype=float)          # (n_features, n_classes)
        self.intercept = np.asarray(intercept, dtype=float)
        self.metadata = metadata or {}

    def proba(self, feats: list[str]) -> np.ndarray:
        """The class probabilities of one candidate's features (those the model does not know count 0)."""
        return self.probas([feats])[0]

    def probas(self, rows: list[list[str]]) -> list[np.ndarray]:
        """:meth:`proba` of each feature list (the rows of :meth:`proba_matrix`)."""
        return list(self.proba_matrix(rows))

    def proba_matrix(self, rows: list[list[str]]) -> np.ndarray:
        """The class probabilities of each feature list as the rows of one array (``len(rows)`` by the
        classes), the weights of all of them summed in one pass per position.

        Each candidate's weights are added in the order of its features, as
        one at a time would add them, so the probabilities are the same to the
        last bit; a shorter list is padded with a row of zeros (adding 0 changes no sum).

        >>> m = NewsModel(["a", "b"], ["x", "y"], [[1.0, 0.0], [0.0, 1.0]], [0.0, 0.0])
        >>> m.proba_matrix([["x"], ["y", "unknown"], []]).round(3).tolist()
        [[0.731, 0.269], [0.269, 0.731], [0.5, 0.5]]
        """
        get, zero = self.index.get, len(self.coef)
        known = [[i for i in map(get, feats) if i is not None] for feats in rows]
        width = max(map(len, known), default=0)
        columns = np.full((len(rows), width), zero, dtype=np.intp)
        for r, ids in enumerate(known):
            columns[r, :len(ids)] = ids
        weights = np.vstack([self.coef, np.zeros((1, self.coef.shape[1]))])
        z = np.tile(self.intercept, (len(rows), 1))
        for j in range(width):
            z += weights[columns[:, j]]
        return _softmax_rows(z)

    def reasons(self, feats: list[str], label: str, top: int = 3) -> list[tuple[str, float]]:
        """The features that pushed most toward ``label``, with their weights."""
        j = self.classes.index(label)
        scored = [(f, float(self.coef[self.index[f], j] - self.coef[self.index[f]].mean()))
                  for f in feats if f in self.index]
        return sorted(scored, key=lambda x: -x[1])[:top]

    def learned_targets(self) -> list:
        """The :attr:`trained_targets` whose balance of sides the model holds (a ``target=`` feature)."""
        return [k for k in self.trained_targets if f"target={k.slug}" in self.index]

    def to_json(self) -> dict:
        names = sorted(self.index, key=self.index.get)
        return {"classes": self.classes, "none_threshold": self.none_threshold, "features": names,
                "coef": self.coef.round(4).tolist(), "intercept": self.intercept.round(4).tolist()}


def _softmax_rows(z: np.ndarray) -> np.ndarray:
    """Probabilities from each candidate's class scores (a row of ``z``): each row the same floats as it
    would get by itself (the maximum taken off, the exponents summed in order across the few classes).

    >>> _softmax_rows(np.array([[0.0, 0.0], [2.0, 0.0]])).round(3).tolist()
    [[0.5, 0.5], [0.881, 0.119]]
    """
    p = np.exp(z - z.max(axis=1, keepdims=True))
    return p / p.sum(axis=1, keepdims=True)


@lru_cache(maxsize=4)
def load_news_model(path: str | None = None) -> NewsModel:
    """The news stance model saved in ``path`` (the shipped one by default), loaded once per process."""
    from framing.model_files import METADATA, read_metadata, read_part, standard_metadata

    folder = Path(path) if path else MODEL_DIR
    weights = read_part(folder, "weights.json")
    # the one model format (framing.model_files); a folder of weights alone still loads
    meta = read_metadata(folder, formats=(MODEL_FORMAT,), what="news stance model") \
        if (folder / METADATA).exists() else standard_metadata({})
    generic = None
    if (folder / GENERIC_WEIGHTS).exists():
        generic = _model_of(read_part(folder, GENERIC_WEIGHTS), meta, _speaker_part(folder, GENERIC_SPEAKER))
    model = _model_of(weights, meta, _speaker_part(folder, SPEAKER_PART), generic)
    if (folder / TARGETS_PART).exists():  # a folder written before the part: its targets are known by name only
        from framing.stance.known_targets import read_record

        model.trained_targets = read_record(read_part(folder, TARGETS_PART), str(folder / TARGETS_PART))
    return model


def _speaker_part(folder: Path, name: str):
    from framing.model_files import read_part

    if not (folder / name).exists():
        return None
    from framing.stance.speaker_model import SpeakerModel

    return SpeakerModel.from_json(read_part(folder, name))


def _model_of(weights: dict, meta: dict, speaker=None, generic=None) -> NewsModel:
    return NewsModel(weights["classes"], weights["features"], weights["coef"], weights["intercept"], meta,
                     none_threshold=weights.get("none_threshold", 0.5), speaker=speaker, generic=generic)


def _side_key(side) -> str:
    """A registry side as a feature key ("United States" -> "united_states"; none -> "").

    >>> _side_key("United States"), _side_key(None), _side_key(float("nan"))
    ('united_states', '', '')
    """
    return "_".join(side.lower().split()) if isinstance(side, str) and side.strip() else ""


class NewsStance(UtteranceScorer):
    """Stance toward each target from statements and their context, learned from coded news.

    Parameters
    ----------
    targets : None, path or list of Target
        The targets (the shipped ``framing/data/targets.yml`` by default).
    model : path or NewsModel, optional
        A model folder saved by ``framing train stance`` (the shipped one by default).
    context : bool
        Look for targets in the paragraph, headline and article around a
        statement (the ``paragraph_text``, ``headline`` and ``article_text``
        columns, when given).
    none_threshold : float, optional
        A target is ``none`` (not addressed) when P(none) is at least this;
        otherwise the most probable of favor, against and neutral.  The
        model's own setting (chosen when it was trained) by default.
    trust_rules : bool
        A target named in the statement for which the cue rules decide a
        side (they read who condemns whom) is addressed; with
        ``speakers=False`` the statement also keeps the rules' side (per
        speaker the side is the model's, which reads the rules' as a feature).
    speakers : bool
        Decide whether a target is addressed, and the side, per speaker in a
        document (``speaker_id`` and ``doc_id`` columns;
        :func:`framing.stance.pooling.pool_speaker`).  False: each statement on its own.
    side_priors : "fit", dict or None
        For each target the model was not trained on, the balance of favor,
        against and neutral its statements are read with
        (:mod:`framing.stance.priors`).  ``"fit"`` (the default): estimated
        from the statements given to :meth:`fit`, those of up to 2,000 of
        their documents (none when it is given none); a dict,
        ``{target name: {"favor": .., "against": .., "neutral": ..}}``, as
        ``framing analyze`` estimates it from a sample of the corpus; None:
        every side equally likely.  A balance marked ``"given"`` (a
        researcher's, :func:`framing.stance.priors.read_side_balances`) is
        its target's even if the model was trained on it: that target is then
        read as a new one, by the model without targets' priors.

    Examples
    --------
    >>> import pandas as pd
    >>> X = pd.DataFrame({"utterance_id": ["u1", "u2"], "lang": ["en", "en"], "cue": ["condemned", "said"],
    ...                   "content": ["Russia's brutal invasion", "the weather was fine"],
    ...                   "headline": ["Talks on Ukraine", "Talks on Ukraine"]})
    >>> NewsStance().fit(X).transform(X)["stance_russia_label"].tolist()
    ['against', 'none']
    """

    method = "stance.news-lr.v3"
    method_column = "stance_method"
    #: the run passes each statement's paragraph, headline and article (framing.measures.CONTEXT_COLUMNS)
    reads_context = True

    def __init__(self, targets=None, *, model=None, context: bool = True, none_threshold: float | None = None,
                 trust_rules: bool = True, speakers: bool = True, side_priors="fit"):
        self.targets = targets
        self.model = model
        self.context = context
        self.none_threshold = none_threshold
        self.trust_rules = trust_rules
        self.speakers = speakers
        self.side_priors = side_priors

    def fit(self, X=None, y=None):
        """Load the targets, the rules and the model; from ``X`` (with ``side_priors="fit"``) only the
        balance of sides of each target the model was not trained on (:mod:`framing.stance.priors`)."""
        if X is not None:
            self._validate(X)
        self.fit_rules()
        self.model_ = self.model if isinstance(self.model, NewsModel) else \
            load_news_model(str(self.model) if self.model else None)
        # the language-marked copies of the features (WORD_FEATURES), where the model learned them
        self.language_features_ = bool(self.model_.metadata.get("language_features"))
        # the languages its target= and side= features were learned in (a model that records none: every one)
        self.balance_languages_ = tuple(self.model_.metadata.get("balance_languages") or ())
        self.trained_as_ = self._trained_as()
        self._inherit_references()
        self.side_priors_ = {}
        if isinstance(self.side_priors, dict):
            self.side_priors_ = _checked_priors(self.side_priors)
        elif self.side_priors == "fit" and X is not None and len(X):
            from framing.stance.priors import estimate_side_priors, sampled_rows

            # the statements of up to 2,000 of its documents, as framing analyze samples a corpus
            self.side_priors_ = estimate_side_priors(self, sampled_rows(X))
        elif self.side_priors not in ("fit", None):
            raise ValueError(f"side_priors must be 'fit', a dict or None, not {self.side_priors!r}")
        # targets whose balance a researcher gave: read as new ones, with it (not the training articles')
        self.given_ = frozenset(name for name, b in self.side_priors_.items() if b.get("given"))
        return self

    def fit_rules(self) -> "NewsStance":
        """Load the targets and the cue rules only: enough for :meth:`candidates` (training needs no model,
        and its candidates carry the language-marked features)."""
        self.language_features_ = True
        self.rules_ = CueStance(self.targets).fit()
        self.targets_ = self.rules_.targets_
        self.trained_as_ = {}  # with no model, every target is known by its own name
        # words that mean a target in an article naming it ("the agreement"), read in that article only
        self.references_ = reference_matchers(self.targets_)
        self.referred_ = frozenset(self.references_)
        return self

    def _trained_as(self) -> dict[int, str]:
        """{target index: the slug of the training target it is} for the targets the model learned under
        another name, with the same aliases (:func:`framing.stance.known_targets.identify`)."""
        from framing.stance.known_targets import identify

        return {t: k.slug for t, k in identify(self.targets_, self.model_.learned_targets()).items()}

    def _inherit_references(self) -> None:
        """Give a target the model knows (by name or by aliases) the training target's ``references`` when the
        run's targets give it none (:func:`framing.stance.known_targets.with_references`)."""
        from framing.stance.known_targets import with_references

        by_slug = {k.slug: k for k in self.model_.learned_targets()}
        targets = [with_references(target, by_slug[self.model_slug(t)]) if self.model_slug(t) in by_slug else target
                   for t, target in enumerate(self.targets_)]
        if any(a is not b for a, b in zip(targets, self.targets_)):
            self.targets_ = targets
            self.references_ = reference_matchers(targets)
            self.referred_ = frozenset(self.references_)

    def model_slug(self, t: int) -> str:
        """The slug the model knows target ``t`` by: its own, or the training target's it is under another
        name ("Islamic State" read as the training set's "ISIS", whose aliases it shares).

        >>> from framing.stance.targets import Target
        >>> s = NewsStance(targets=[Target("Islamic State", {"ar": ["داعش", "تنظيم الدولة"]})]).fit()
        >>> s.model_slug(0)
        'isis'
        """
        return self.trained_as_.get(t) or self.targets_[t].slug

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        if not hasattr(self, "model_"):
            self.fit()
        return super().transform(X)

    def columns(self) -> list[str]:
        """The output stance columns, in order: per target its score, label and ``named_in``."""
        return [c for t in self.targets_ for c in (*target_columns([t]), f"stance_{t.slug}_named_in")]

    def candidates(self, X: pd.DataFrame) -> list[list[tuple[int, list[str]]]]:
        """Per utterance, the targets named in or around it with their features: [(target, features)]."""
        return self._candidates(X)[0]

    def _candidates(self, X: pd.DataFrame) -> tuple[list, list[set]]:
        """:meth:`candidates`, and per utterance the targets its article is centred on (named in the
        headline, or at least :data:`framing.stance.pooling.CENTRE_MENTIONS` times in the article)."""
        n, k = len(X), len(self.targets_)
        folded = FoldedBatch(X, self.rules_.matcher_, context=self.context)
        texts, paras, heads, articles, cues = (folded.contents, folded.paras, folded.heads, folded.articles,
                                               folded.cues)
        codes = X["lang"].tolist()
        code = {v: lang_code(v) for v in set(codes) if isinstance(v, str)}  # a handful of distinct tags
        langs = [code.get(v) or detect_language(folded.content(i)) for i, v in enumerate(codes)]
        memo: dict = {}
        # the languages whose statements taught the model the targets' balances of sides (target=, side=); in
        # another it learned statements without them (the shipped model's English ones), and reads them so
        learned_in = frozenset(getattr(self, "balance_languages_", ()) or ())

        def balances_learned(lang) -> bool:
            return not learned_in or lang in learned_in

        # no self-stance (the guidelines'): a speaker does not take sides on the party they speak for, nor on
        # themselves (a speaker the registry does not know, named as a researcher's target names them: "حفتر")
        sides = X["side"].tolist() if "side" in X.columns else [None] * n
        names = X["speaker"].tolist() if "speaker" in X.columns else [None] * n
        side_keys = [_side_key(v) for v in sides]
        own = {}

        def names_it(label, t: int) -> bool:
            if not isinstance(label, str) or not label:
                return False
            if (label, t) not in own:
                own[(label, t)] = self.targets_[t].names_it(label)
            return own[(label, t)]

        def speaks_for(i: int, t: int) -> bool:
            return names_it(sides[i], t) or names_it(names[i], t)

        def read(text: str, cue: str, lang: str, full: bool = True, refs: frozenset = frozenset()) -> Reading | None:
            # paragraphs, headlines and articles repeat down a document: each is read once
            key = (text, cue, lang, full, refs)
            if key not in memo:
                memo[key] = self._read(text, cue, lang, full=full, refs=refs) if text and (
                    folded.passes(text) or any(self.references_[t].may_mention(text) for t in refs)) else None
            return memo[key]

        out, centred = [], []
        for i in range(n):
            head = read(heads[i], "", langs[i]) if heads[i] else None
            article = read(articles[i], "", langs[i], full=False) if articles[i] else None
            # the targets this article names whose references ("the agreement") then mean them
            refs = self._referred(head, article)
            if refs:
                head = read(heads[i], "", langs[i], refs=refs)
                content = read(folded.content(i), cues[i], langs[i], refs=refs)
            else:
                content = None if folded.quiet[i] else read(texts[i], cues[i], langs[i])
            para = read(paras[i], "", langs[i], refs=refs) if paras[i] else None
            centred.append(set(head.mentions if head is not None else ()) | (
                {t for t, spans in article.mentions.items() if len(spans) >= CENTRE_MENTIONS}
                if article is not None else set()))
            if not any(r is not None and r.mentions for r in (content, para, head, article)):
                out.append([])  # no target named in or around it: nothing more to read
                continue
            lang = langs[i]
            learned = balances_learned(lang)
            lex = StanceLexicon.for_language(lang)
            act = cue_classes(lex, cues[i])
            cue_key = word_key(cues[i].split()[0]) if cues[i].strip() else ""
            # the content's cue classes: read with it when it names a target, else read here
            tone = tuple(sorted({cls for _, _, cls in content.cues})) if content is not None else \
                cue_classes(lex, folded.content(i))
            said = sentiment_bin(langs[i], folded.content(i))
            # the statement's own words (stems): what it is about and how it speaks
            words = sorted(set(map(content_word, content.tokens if content is not None else
                                   tokenize_for_matching(folded.content(i), normalized=True))) - {""})
            beside = None  # the words marked as said beside other targets, made once if wanted
            row = []
            for t in range(k):
                for scope, reading in (("content", content), ("paragraph", para), ("headline", head),
                                       ("article", article)):
                    if reading is not None and t in reading.mentions:
                        break
                else:
                    continue
                if speaks_for(i, t):
                    continue
                feats = candidate_features(scope, reading.totals[t], act=act, tone=tone,
                                           para_rule=(para.totals[t] if scope == "content" and para is not None
                                                      and t in para.mentions else None),
                                           others=len(reading.mentions) > 1)
                # the features that get a copy marked with the language (all but words, WORD_FEATURES),
                # gathered as they are made rather than sought again among the words
                marked = list(feats) if self.language_features_ else None
                near = reading.near(t, scope, lang)
                feats += near
                if marked is not None:
                    marked += [f for f in near if not f.startswith(WORD_FEATURES)]
                # the statement's words say most about a target it names alone; beside others they
                # may be about another ("... against ISIS", said of a base opened to US aircraft)
                if len(reading.mentions) == 1:
                    feats += words
                else:
                    beside = [f"m{w}" for w in words] if beside is None else beside
                    feats += beside
                if said:
                    feats.append(f"{scope}:said={said}")
                    if marked is not None:
                        marked.append(feats[-1])
                if cue_key:
                    feats.append(f"cue={cue_key}")
                if learned:
                    slug = self.model_slug(t)
                    feats.append(f"target={slug}")
                    if side_keys[i]:
                        # whose side the speaker is on, toward this target: allies and rivals take positions
                        # a bag of words does not show (an American official on the Iran agreement)
                        feats.append(f"side={side_keys[i]}|{slug}")
                if marked is not None:
                    feats += [f"{lang}|{f}" for f in marked]
                row.append((t, feats))
            out.append(row)
        return out, centred

    def _with_references(self, tokens: list[str], found: list, refs: frozenset) -> list:
        """``found`` and the references of ``refs`` in ``tokens`` that no alias covers, in order.

        A word two of the article's targets list as a reference could mean
        either: it counts for neither.
        """
        taken = [(m.start, m.end) for m in found]
        spans: dict[tuple, list[int]] = {}  # (start, end, prefix, possessive) -> the targets it may refer to
        for t in sorted(refs):
            for m in self.references_[t].find(tokens):
                if not any(a < m.end and m.start < b for a, b in taken):
                    spans.setdefault((m.start, m.end, m.prefix, m.possessive), []).append(t)
        more = [Mention(a, b, ts[0], prefix, poss) for (a, b, prefix, poss), ts in spans.items() if len(ts) == 1]
        return sorted(found + more, key=lambda m: m.start) if more else found

    def _referred(self, head: "Reading | None", article: "Reading | None") -> frozenset:
        """The targets with references that an article names by an alias (in its headline or text)."""
        if not self.referred_:
            return frozenset()
        named = set(head.mentions if head is not None else ()) | set(article.mentions if article is not None else ())
        return self.referred_.intersection(named)

    def _read(self, text: str, cue: str, lang: str, *, full: bool = True, refs: frozenset = frozenset()) -> "Reading":
        """One text's targets, the rules' totals toward them, and the words and cue classes around each.

        ``full=False`` (a whole article) reads only where each target is
        named: its features are the scope alone, so its cue words need not be read,
        nor its tokens made (:meth:`framing.stance.targets.AliasMatcher.find_spans`;
        its mentions are then character spans, and its ``tokens`` None).
        ``refs``: targets the article names, whose references (:attr:`Target.references`)
        count as mentions of them here, where no alias covers them.
        """
        k = len(self.targets_)
        # an article: where each target is named is all that is read, around the screen's cores only
        # (character spans, only counted)
        located = self.rules_.matcher_.find_spans(text) if not full and not refs else None
        if located is None:
            tokens = tokenize_for_matching(text, normalized=True)
            found = self.rules_.matcher_.find(tokens)
            if refs:
                found = self._with_references(tokens, found, refs)
            located = [(m.target, m.start, m.end) for m in found]
        else:
            tokens = None
        mentions: dict[int, list[tuple[int, int]]] = {}
        for t, a, b in located:
            mentions.setdefault(t, []).append((a, b))
        if not full:
            totals = np.empty(k)  # NaN but where a target is named (np.full costs more, once per article)
            totals.fill(np.nan)
            totals[list(mentions)] = 0.0
            return Reading(tokens, totals, mentions, [], full=False)
        totals = self.rules_.totals(tokens, found, cue, lang, k)
        # its cue words are read when asked for: a text that names no target is asked only as a statement
        return Reading(tokens, totals, mentions, None, lex=StanceLexicon.for_language(lang))

    def _score(self, X: pd.DataFrame) -> pd.DataFrame:
        n, k = len(X), len(self.targets_)
        scores = np.full((n, k), np.nan)
        labels = np.full((n, k), NO_MENTION, dtype=object)
        rows, centred = self._candidates(X)
        if self.speakers:
            self._pool(X, rows, centred, labels, scores)
        else:
            flat = [(t, feats) for row in rows for t, feats in row]
            probas = iter(self._proba_rows([t for t, _ in flat], [feats for _, feats in flat]))
            for i, row in enumerate(rows):
                for t, feats in row:
                    label, p = self._decide(feats, next(probas), t)
                    labels[i, t] = label
                    if label != NO_MENTION:
                        scores[i, t] = round(float(p[self._fav] - p[self._ag]), 4)
        named_in = np.full((n, k), "", dtype=object)
        for i, row in enumerate(rows):
            for t, feats in row:
                if labels[i, t] != NO_MENTION:
                    named_in[i, t] = feats[0]  # the scope: where the statement's candidate names the target
        out = {}
        for t, target in enumerate(self.targets_):
            out[f"stance_{target.slug}"] = scores[:, t]
            out[f"stance_{target.slug}_label"] = labels[:, t]
            out[f"stance_{target.slug}_named_in"] = named_in[:, t]
        return pd.DataFrame(out, index=X.index)

    def speaker_groups(self, X: pd.DataFrame, rows=None, centred=None) -> list[tuple]:
        """Each speaker's candidates for each target in each document, with what the pooling reads of them.

        One tuple per group: ``(target, members, probabilities, rules, centred, learned)``; ``members``
        are the ``(row, features)`` of the speaker's candidates, ``probabilities`` the model's P(favor),
        P(against), P(neutral), P(none) of each, ``rules`` the side the cue rules decide in each (or
        None), ``centred`` whether the article is centred on the target, ``learned`` whether the model
        learned the statements' language.  ``rows`` and ``centred`` are :meth:`_candidates` of ``X``
        (worked out when not given).
        """
        if rows is None:
            rows, centred = self._candidates(X)
        order = [self.model_.classes.index(c) for c in (*SIDES, NO_MENTION)]
        groups: dict = {}
        for i, (key, row) in enumerate(zip(_speaker_keys(X), rows)):
            for t, feats in row:
                groups.setdefault((key, t), []).append((i, feats))
        learned = self._learned_languages(X, rows)
        # every candidate's probabilities at once (one pass over the features per model, not one per candidate)
        flat = [(t, feats) for (_, t), members in groups.items() for _, feats in members]
        every = self._proba_rows([t for t, _ in flat], [feats for _, feats in flat])[:, order]
        # a target whose balance of sides the model did not learn (in the statement's language): the side prior
        # of the model that reads it taken out
        of_kind: dict = {}
        for r, (t, feats) in enumerate(flat):
            of_kind.setdefault((t, self._knows(t, feats)), []).append(r)
        for (t, _), at in of_kind.items():
            feats = flat[at[0]][1]
            if self._strips(t, feats):
                every[at] = self._without_side_prior_rows(every[at], self._model_for(t, feats))
        pooled, at = [], 0
        for (_, t), members in groups.items():
            probabilities = list(every[at:at + len(members)])
            at += len(members)
            rules = [_rule_side(feats) if self.trust_rules else None for _, feats in members]
            pooled.append((t, members, probabilities, rules, any(t in centred[i] for i, _ in members),
                           all(learned[i] for i, _ in members)))
        return pooled

    def _pool(self, X, rows, centred, labels, scores) -> None:
        """Fill ``labels`` and ``scores`` deciding per speaker in a document whether each target is addressed."""
        pooled = self.speaker_groups(X, rows, centred)
        addressed = self._addressed(X, rows, pooled)
        for (t, members, probabilities, rules, is_centred, is_learned), said in zip(pooled, addressed):
            feats = members[0][1]  # a speaker's statements in one article: one language
            decided = pool_speaker(self._weighed(t, probabilities, feats), rules,
                                   none_threshold=self._none_threshold(t, feats), centred=is_centred,
                                   learned=is_learned, addressed=said, rules_outright=not self._knows(t, feats))
            for (i, _), (label, score) in zip(members, decided):
                labels[i, t], scores[i, t] = label, score

    def _addressed(self, X: pd.DataFrame, rows, pooled) -> list:
        """Per pooled group, whether the learned speaker model takes the speaker as addressing the target
        (None where the rule decides: no speaker model, a language the model did not learn, or a table
        without the documents and speaker kinds the model reads, such as one a user built by hand)."""
        out = [None] * len(pooled)
        if not {"doc_id", "speaker_kind"} <= set(X.columns):
            return out
        # each group by the speaker model of the statement model that read it (a target it learned or not)
        wanted = [g for g, (t, members, *_, is_learned) in enumerate(pooled)
                  if is_learned and getattr(self._model_for(t, members[0][1]), "speaker", None) is not None]
        if not wanted:
            return out
        features = speaker_features(X, rows, [pooled[g][:5] for g in wanted])
        readers = [self._model_for(pooled[g][0], pooled[g][1][0][1]) for g in wanted]
        for model in {id(m): m for m in readers}.values():
            mine = [k for k, m in enumerate(readers) if m is model]
            for k, decision in zip(mine, model.speaker.addressed(features[mine])):
                out[wanted[k]] = bool(decision)
        return out

    def _learned_languages(self, X: pd.DataFrame, rows) -> list[bool]:
        """Per utterance, whether the model learned the words of its language (its metadata's
        ``languages``; a model that records none is taken to know every language).

        The model's side reads a statement's words; in a language its training
        articles were not in it sees only the lexicon features, and the cue
        rules' side is the better reading there (:func:`framing.stance.pooling.pool_speaker`).
        """
        known = self.model_.metadata.get("languages")
        if not known:
            return [True] * len(X)
        known = set(known)
        codes = X["lang"].tolist() if "lang" in X.columns else [None] * len(X)
        out = []
        for i, (code, row) in enumerate(zip(codes, rows)):
            if not row:
                out.append(True)  # no candidate: nothing is decided for it
                continue
            lang = lang_code(code) if isinstance(code, str) else None
            out.append((lang or detect_language(str(X["content"].iloc[i]))) in known)
        return out

    def _model_for(self, t: int | None, feats=None) -> NewsModel:
        """The statement model that reads target ``t`` (in a candidate with ``feats``, :meth:`_knows`): the
        model's own for a target it was trained on (and for no target given), its model without target priors
        (:attr:`NewsModel.generic`) for any other target when it has one.

        A target the model learned has its own balance of sides in the model
        (``target=`` features); for a researcher's new target the model
        trained without any such feature reads the statement's words, whose
        weights then carry what a target's prior carried in the other.
        """
        if t is not None and self.model_.generic is not None and not self._knows(t, feats):
            return self.model_.generic
        return self.model_

    def _strips(self, t: int, feats=None) -> bool:
        """Whether target ``t``'s candidates have the side prior of the model that reads them taken out
        (:meth:`_without_side_prior`): any target whose own balance of sides that model did not learn.

        The generic model's intercept holds the balance of sides over all the
        training targets (most of them opposed); for a researcher's target of
        another place or time it would lean every statement that way (a
        mediator's "tension between Russia and Ukraine" read as against
        Ukraine), so the words decide.
        """
        return f"target={self.model_slug(t)}" not in self._model_for(t, feats).index

    def _none_threshold(self, t: int | None, feats=None) -> float:
        return self.none_threshold if self.none_threshold is not None else self._model_for(t, feats).none_threshold

    def _proba_rows(self, targets: list[int], rows: list[list[str]]) -> np.ndarray:
        """The class probabilities of each candidate (``rows``, toward ``targets``) by the model that reads
        its target (:meth:`_model_for`), in the model's class order; no side prior taken out."""
        out = np.zeros((len(rows), len(self.model_.classes)))
        by_model: dict = {}
        for r, (t, feats) in enumerate(zip(targets, rows)):
            model = self._model_for(t, feats)
            by_model.setdefault(id(model), (model, []))[1].append(r)
        for model, at in by_model.values():
            P = model.proba_matrix([rows[r] for r in at])
            out[at] = P[:, [model.classes.index(c) for c in self.model_.classes]]
        return out

    def _knows(self, t: int, feats=None) -> bool:
        """Whether the model was trained on target ``t`` (learned its ``target=`` feature), and, given a
        candidate's ``feats``, reads that balance in it: a statement in a language whose statements taught no
        target's balance (:attr:`balance_languages_`) carries none, and is read as one of a new target.

        For a target it was not, the side it reads comes mostly from its prior
        over the training targets; the cue rules' side, where they decide one in
        a statement, is then that statement's side outright
        (:func:`framing.stance.pooling.pool_speaker`).
        """
        target = self.targets_[t]
        if target.name in getattr(self, "given_", ()):
            return False  # its balance given by the researcher: read as a new target's
        name = "target=" + self.model_slug(t)
        return name in self.model_.index and (feats is None or name in feats)

    def _may_strip_rows(self, X: pd.DataFrame) -> np.ndarray:
        """Per row of ``X``, whether a candidate of it may be read with its target's balance taken out
        (:meth:`_strips`): every row when some target's balance the model did not learn; else the rows in a
        language whose statements taught it none (:attr:`balance_languages_`; a row without a language tag
        may be one)."""
        if any(self._strips(t) for t in range(len(self.targets_))):
            return np.ones(len(X), dtype=bool)
        learned_in = frozenset(getattr(self, "balance_languages_", ()) or ())
        if not learned_in:
            return np.zeros(len(X), dtype=bool)  # balances learned in every language
        codes = X["lang"].tolist() if "lang" in X.columns else [None] * len(X)
        code = {v: lang_code(v) for v in set(codes) if isinstance(v, str)}
        return np.array([code.get(v) not in learned_in for v in codes], dtype=bool)

    def _weighed(self, t: int, probabilities, feats=None):
        """Candidates' P(favor), P(against), P(neutral), P(none) toward target ``t`` (rows, a list or an
        array, returned as given) with their sides weighed by the target's balance in the corpus
        (:meth:`_prior_of`), P(addressed) kept.  For the side only: whether a speaker addresses the target
        is decided on the probabilities as they are (a balance leaning one way is no sign of being addressed)."""
        prior = self._prior_of(t, feats)
        if prior is None or not len(probabilities):
            return probabilities
        from framing.stance.priors import with_side_prior

        out = with_side_prior(np.asarray(probabilities), prior)
        return list(out) if isinstance(probabilities, list) else out

    def _prior_of(self, t: int, feats=None):
        """The balance of sides target ``t``'s statements are read with (:attr:`side_priors_`), or None:
        only for a target whose learned balance is taken out (:meth:`_strips`)."""
        given = getattr(self, "side_priors_", None) or {}
        found = given.get(self.targets_[t].name)
        return None if found is None or not self._strips(t, feats) else [found[s] for s in SIDES]

    def _without_side_prior(self, p: np.ndarray, model: NewsModel | None = None) -> np.ndarray:
        """P(favor), P(against), P(neutral), P(none) of a candidate whose target the model was not trained
        on, with the model's prior among the three sides taken out.

        The intercept holds the training targets' balance of sides (most
        statements about them were against), which says nothing of a new
        target: the sides are divided by the exponent of their intercepts and
        rescaled to the same P(addressed), so what the statement says decides
        (and then, where the run gives one, the target's balance in the
        corpus: :meth:`_weighed`).
        """
        return self._without_side_prior_rows(p[None, :], model)[0]

    def _without_side_prior_rows(self, P: np.ndarray, model: NewsModel | None = None) -> np.ndarray:
        """:meth:`_without_side_prior` of each row of ``P``, each row the same floats as by itself (the three
        sides summed in order); a row whose sides sum to nothing is left as it is.  ``model``: whose
        intercept (the model's own by default)."""
        model = model or self.model_
        b = model.intercept[[model.classes.index(c) for c in SIDES]]
        side = P[:, :3] * np.exp(-(b - b.mean()))
        total = side.sum(axis=1)
        out = P.copy()
        fine = total > 0
        out[fine, :3] = side[fine] * (P[fine, :3].sum(axis=1) / total[fine])[:, None]
        return out

    @property
    def _fav(self) -> int:
        return self.model_.classes.index("favor")

    @property
    def _ag(self) -> int:
        return self.model_.classes.index("against")

    def _decide(self, feats: list[str], p: np.ndarray | None = None,
                t: int | None = None) -> tuple[str, np.ndarray]:
        """The label of one candidate toward target ``t`` and the class probabilities behind it (``p``, when
        worked out already; without the side prior for a target the model was not trained on, unless a
        model without target priors reads it)."""
        if p is None:
            p = self._proba_rows([t], [feats])[0]
        classes = self.model_.classes
        if t is not None and self._strips(t, feats):
            order = [classes.index(c) for c in (*SIDES, NO_MENTION)]
            q = self._weighed(t, self._without_side_prior(p[order], self._model_for(t, feats))[None, :], feats)[0]
            p = np.empty_like(p)
            p[order] = q
        none = classes.index(NO_MENTION)
        # a cue rule that decides a target named in the statement itself is kept: the rules read the
        # sentence's structure (who condemns whom), which a bag of features does not
        rule = _rule_side(feats) if self.trust_rules else None
        if rule is not None:
            return rule, p
        if p[none] >= self._none_threshold(t, feats):
            return NO_MENTION, p
        sides = [j for j in range(len(classes)) if j != none]
        return classes[max(sides, key=lambda j: p[j])], p

    def explain(self, row: dict, target: str) -> dict:
        """Why one utterance got its label toward one target: where it is named, the label, the deciding features.

        ``row`` holds the scorer's input columns of one utterance (``content``,
        ``lang``, ``cue``, optionally ``paragraph_text``, ``headline``).  It is
        the statement on its own: in a run (``speakers=True``) a statement the
        model finds ``none`` still gets a side when its speaker addresses the
        target elsewhere in the article, and every statement of the speaker
        gets the side of all of them together (:mod:`framing.stance.pooling`).

        >>> NewsStance().explain({"content": "we condemn Russia", "lang": "en", "cue": "said"}, "Russia")["label"]
        'against'
        """
        if not hasattr(self, "model_"):
            self.fit()
        X = pd.DataFrame([{"utterance_id": "x", **row}])
        names = [t.name for t in self.targets_]
        if target not in names:
            raise ValueError(f"no target named {target!r} (targets: {', '.join(names)})")
        t = names.index(target)
        found = dict(self.candidates(X)[0])
        if t not in found:
            return {"target": target, "label": NO_MENTION, "scope": None, "probabilities": {}, "reasons": []}
        feats = found[t]
        label, p = self._decide(feats, t=t)
        return {"target": target, "label": label, "scope": feats[0], "target_learned": self._knows(t, feats),
                "probabilities": {c: round(float(v), 3) for c, v in zip(self.model_.classes, p)},
                "reasons": self._model_for(t, feats).reasons(feats, label)}

    def explain_speaker(self, X: pd.DataFrame, target: str, speaker_id: str, doc_id: str | None = None) -> dict:
        """Why one speaker got their label toward one target in one document of ``X`` (the scorer's input).

        Returns ``label``; ``addressed`` (whether they address the target) and
        ``decided_by`` ("speaker model" or "rule"); for the speaker model its
        ``p_addressed``, ``threshold`` and ``reasons`` (the features that
        moved it most, :meth:`framing.stance.speaker_model.SpeakerModel.reasons`);
        ``sides`` (the summed favor, against, neutral probabilities of their
        statements) and ``statements``: each statement's id, where the target
        is named and the statement model's probabilities; ``target_learned``
        (whether the model was trained on the target) and ``generic_model``
        (whether its model without targets' priors read it, :meth:`_model_for`),
        ``corpus_balance`` (favor, against, neutral: the balance its side was
        read with, :mod:`framing.stance.priors`; None without one).

        Examples
        --------
        >>> from framing.stance.targets import Target
        >>> X = pd.DataFrame({"utterance_id": ["u1"], "doc_id": ["d"], "speaker_id": ["a"], "lang": ["ar"],
        ...                   "speaker_kind": ["person"], "cue": ["وقال"], "content": ["ندين إيران بشدة"]})
        >>> out = NewsStance(targets=[Target("Iran", {"ar": ["إيران"]})]).explain_speaker(X, "Iran", "a")
        >>> out["label"], out["decided_by"]
        ('against', 'speaker model')
        """
        if not hasattr(self, "model_"):
            self.fit()
        names = [t.name for t in self.targets_]
        if target not in names:
            raise ValueError(f"no target named {target!r} (targets: {', '.join(names)})")
        t = names.index(target)
        rows, centred = self._candidates(X)
        pooled = self.speaker_groups(X, rows, centred)
        docs = X["doc_id"].astype(str).tolist() if "doc_id" in X.columns else [""] * len(X)
        speakers = X["speaker_id"].astype(str).tolist()
        group = next((g for g in pooled if g[0] == t and speakers[g[1][0][0]] == str(speaker_id)
                      and (doc_id is None or docs[g[1][0][0]] == str(doc_id))), None)
        if group is None:
            return {"target": target, "label": NO_MENTION, "addressed": False, "decided_by": None,
                    "statements": [], "note": "the target is named nowhere in or around their statements"}
        _, members, probabilities, rules, is_centred, is_learned = group
        said = self._addressed(X, rows, [group])[0]
        feats = members[0][1]
        probabilities = self._weighed(t, probabilities, feats)  # the side read with the target's corpus balance
        decided = pool_speaker(probabilities, rules, none_threshold=self._none_threshold(t, feats), centred=is_centred,
                               learned=is_learned, addressed=said, rules_outright=not self._knows(t, feats))
        out = {"target": target, "label": decided[0][0], "addressed": decided[0][0] != NO_MENTION,
               "decided_by": "speaker model" if said is not None else "rule",
               "target_learned": self._knows(t, feats), "generic_model": self._model_for(t, feats) is not self.model_,
               "corpus_balance": self._prior_of(t, feats)}
        if said is not None:
            x = speaker_features(X, rows, [group[:5]])[0]
            speaker = self._model_for(t, feats).speaker
            out.update(p_addressed=round(float(speaker.proba(x)[0]), 3),
                       threshold=speaker.threshold, reasons=speaker.reasons(x))
        total = np.sum([p[:3] for p in probabilities], axis=0)
        out["sides"] = {s: round(float(v), 3) for s, v in zip(SIDES, total)}
        out["statements"] = [{"utterance_id": X["utterance_id"].iloc[i], "named_in": feats[0], "rule": rule,
                              "probabilities": {c: round(float(v), 3) for c, v in zip((*SIDES, NO_MENTION), p)}}
                             for (i, feats), p, rule in zip(members, probabilities, rules)]
        return out


def speaker_features(X: pd.DataFrame, rows, groups) -> np.ndarray:
    """The speaker model's features (:func:`framing.stance.speaker_model.group_features`) of pooled groups.

    ``rows`` are :meth:`NewsStance.candidates` of ``X``; each group is
    ``(target, members, probabilities, rules, centred)`` with ``members`` the
    ``(row, features)`` of one speaker's candidates for the target in one
    document.  A speaker's share is of the statements of their document in
    ``X``, and an article's targets are those named in or around them.
    """
    from framing.stance.speaker_model import FEATURES, group_features

    docs = X["doc_id"].astype(str).tolist() if "doc_id" in X.columns else [""] * len(X)
    kinds = X["speaker_kind"].tolist() if "speaker_kind" in X.columns else [None] * len(X)
    size: dict = {}
    named: dict = {}
    for i, doc in enumerate(docs):
        size[doc] = size.get(doc, 0) + 1
        named.setdefault(doc, set()).update(t for t, _ in rows[i])
    out = np.zeros((len(groups), len(FEATURES)))
    for g, (_, members, probabilities, rules, centred) in enumerate(groups):
        first = members[0][0]
        out[g] = group_features(probabilities, rules, [feats[0] for _, feats in members],
                                [_said(feats) for _, feats in members], centred=centred, kind=kinds[first],
                                share=len(members) / size[docs[first]], article_targets=len(named[docs[first]]))
    return out


def _said(feats: list[str]) -> str:
    """The sentiment lexicon's reading of a candidate's statement ("pos", "neg", ""), from its features."""
    return next((f.rsplit("=", 1)[1] for f in feats if ":said=" in f), "")


def _rule_side(feats: list[str]) -> str | None:
    """The side the cue rules decide for a target named in the statement itself (from its features), or None.

    >>> _rule_side(["content", "content:rule=ag"]), _rule_side(["headline", "headline:rule=ag"])
    ('against', None)
    """
    if feats and feats[0] == "content":
        if "content:rule=fav" in feats:
            return "favor"
        if "content:rule=ag" in feats:
            return "against"
    return None


def _checked_priors(given: dict) -> dict:
    """``side_priors`` as given to :class:`NewsStance`, checked: per target name, a balance of the three sides.

    >>> _checked_priors({"Haftar": {"favor": 0.2, "against": 0.7, "neutral": 0.1}})["Haftar"]["against"]
    0.7
    """
    out = {}
    for name, balance in given.items():
        try:
            values = [float(balance[s]) for s in SIDES]
        except (TypeError, KeyError, ValueError):
            raise ValueError(f"side_priors[{name!r}]: give the shares of {', '.join(SIDES)}, "
                             f"not {balance!r}") from None
        if min(values) <= 0 or not np.isfinite(values).all():
            raise ValueError(f"side_priors[{name!r}]: every share must be above 0, not {values}")
        out[str(name)] = {**balance, **dict(zip(SIDES, values))}
    return out


def _speaker_keys(X: pd.DataFrame) -> list:
    """Per utterance, who says it where: (document, speaker); an utterance without a speaker stands alone.

    The document is ``doc_id``, or the utterance's headline and article when there is no ``doc_id``.

    >>> import pandas as pd
    >>> _speaker_keys(pd.DataFrame({"doc_id": ["d", "d", "e"], "speaker_id": ["a", None, "a"]}))
    [('d', 'a'), (1,), ('e', 'a')]
    """
    n = len(X)
    if "doc_id" in X.columns:
        docs = X["doc_id"].tolist()
    else:
        docs = list(zip(*(X[c].tolist() if c in X.columns else [None] * n for c in ("headline", "article_text"))))
    speakers = X["speaker_id"].tolist() if "speaker_id" in X.columns else [None] * n
    return [(d, s) if isinstance(s, str) and s else (i,) for i, (d, s) in enumerate(zip(docs, speakers))]


#: Features that are words (or a word's pairing with a target) and so belong to one language already; the
#: others (where the target is named, the cue rules' reading, cue classes, sentiment) also get a copy
#: marked with the statement's language ("ar|content:rule=ag") when the model learned several languages:
#: each language then keeps what is its own while sharing the rest (feature augmentation for domain
#: adaptation, Daumé 2007).
WORD_FEATURES = ("c=", "mc=", "w=", "cue=", "target=", "side=")
