"""Each new target's balance of sides, estimated from the corpus being read.

The stance model learned a balance of favor, against and neutral for each
target it was trained on (its ``target=`` features).  For a target it was
not trained on (a researcher's own), the model without targets' priors reads
the statements' words, with its general lean among the sides taken out
(:meth:`framing.stance.news_model.NewsStance._strips`): every side is then
equally likely before the words are read.  But a corpus is rarely balanced
toward a target: most of what 2015 Gulf news quotes about the Houthis is
against them, most of what it quotes about Egypt is for it.

:func:`estimate_side_priors` estimates that balance from the corpus itself,
with no coded data: the expectation-maximisation of Saerens, Latinne and
Decaestecker (2002, "Adjusting the outputs of a classifier to new a priori
probabilities", Neural Computation 14), run over the side probabilities of
every statement that names the target in or around it.  Each statement
weighs as much as the model's probability that it addresses the target, and
a few pseudo-statements spread evenly over the sides (:data:`PSEUDO_COUNT`)
keep a target named a handful of times near an even balance.  The news
scorer then reads the target's statements with that balance
(``NewsStance(side_priors=...)``).

Examples
--------
>>> import numpy as np
>>> P = np.array([[0.1, 0.6, 0.1, 0.2], [0.2, 0.5, 0.2, 0.1], [0.3, 0.4, 0.2, 0.1]] * 20)
>>> prior = em_side_prior(P)
>>> bool(prior[1] > 0.6 and np.isclose(prior.sum(), 1.0))
True
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

#: Pseudo-statements spread evenly over the three sides: a target named in few statements keeps a balance
#: near even (set before any measurement, not tuned).
PSEUDO_COUNT = 5.0
#: Rounds of expectation-maximisation; the balance moves by less than 0.001 after about ten on the
#: development runs.
ITERATIONS = 20
#: The sides, in the order of a balance.
SIDES = ("favor", "against", "neutral")
#: Documents whose statements a balance is estimated from: those of the smallest :func:`document_key`
#: (``framing analyze`` samples its corpus so too, :mod:`framing.analysis.priors`).
SAMPLE = 2000


def document_key(doc_id) -> int:
    """A document's place in the sample order: a hash of its id, the same on every machine and run.

    >>> document_key("d1") == document_key("d1") != document_key("d2")
    True
    """
    return int.from_bytes(hashlib.blake2b(str(doc_id).encode("utf-8"), digest_size=8).digest(), "big")


def sampled_rows(X: pd.DataFrame, size: int = SAMPLE) -> pd.DataFrame:
    """The statements of ``X`` from its ``size`` documents of smallest :func:`document_key` (all of ``X``
    when it has no ``doc_id`` or no more documents).

    >>> X = pd.DataFrame({"doc_id": ["a", "b", "b", "c"], "content": ["1", "2", "3", "4"]})
    >>> len(sampled_rows(X, 2)), len(sampled_rows(X, 3))
    (2, 4)
    """
    if "doc_id" not in X.columns:
        return X
    docs = pd.unique(X["doc_id"].astype(str))
    if len(docs) <= size:
        return X
    keep = set(sorted(docs, key=document_key)[:size])
    return X[X["doc_id"].astype(str).isin(keep)]


def em_side_prior(P: np.ndarray, *, pseudo_count: float = PSEUDO_COUNT, iterations: int = ITERATIONS) -> np.ndarray:
    """The balance of favor, against and neutral that best explains the candidates' probabilities ``P``.

    ``P`` has one row per candidate: P(favor), P(against), P(neutral), P(none),
    read with every side equally likely.  Each row weighs its P(addressed)
    (the three sides summed).  Returns three shares summing to one; an even
    balance when no row addresses the target at all.
    """
    P = np.asarray(P, dtype=float).reshape(-1, 4)
    side = P[:, :3]
    weight = side.sum(axis=1)
    fine = weight > 0
    q, w = side[fine] / weight[fine, None], weight[fine]
    prior = np.full(3, 1 / 3)
    for _ in range(iterations):
        r = q * prior
        r /= r.sum(axis=1, keepdims=True)
        prior = ((w[:, None] * r).sum(axis=0) + pseudo_count / 3) / (w.sum() + pseudo_count)
    return prior


def with_side_prior(P: np.ndarray, prior) -> np.ndarray:
    """``P`` (rows of P(favor), P(against), P(neutral), P(none)) with its sides weighed by ``prior``, each
    row keeping its P(addressed); a row whose sides sum to nothing is left as it is.

    >>> with_side_prior(np.array([[0.2, 0.2, 0.2, 0.4]]), [0.5, 0.25, 0.25]).round(2).tolist()
    [[0.3, 0.15, 0.15, 0.4]]
    """
    P = np.asarray(P, dtype=float)
    side = P[:, :3] * np.asarray(prior, dtype=float)
    total = side.sum(axis=1)
    out = P.copy()
    fine = total > 0
    out[fine, :3] = side[fine] * (P[fine, :3].sum(axis=1) / total[fine])[:, None]
    return out


def estimate_side_priors(scorer, X: pd.DataFrame, *, pseudo_count: float = PSEUDO_COUNT,
                         iterations: int = ITERATIONS) -> dict[str, dict]:
    """Per target the fitted news ``scorer`` learned no balance of sides for, its balance in the statements ``X``.

    ``X`` is the scorer's input (statements with their context columns),
    read whole (:func:`sampled_rows` takes a sample of a large one).
    Returns ``{target name: {"favor", "against", "neutral", "candidates"}}``:
    the balance (:func:`em_side_prior`) and how many statements name the
    target in or around them; targets the model learned are left out, unless
    statements of ``X`` in a language it learned no balance in name them.
    """
    from framing.stance.news_model import NO_MENTION

    # only statements whose target's balance the model did not learn are read (none, for a corpus in the
    # language the model learned every target's balance in)
    X = X[scorer._may_strip_rows(X)]
    if len(X) == 0:
        return {}
    rows, _ = scorer._candidates(X)
    # the statements whose target's balance the model did not learn (a new target; or one learned only from
    # statements in another language)
    flat = [(t, feats) for row in rows for t, feats in row if scorer._strips(t, feats)]
    targets = sorted({t for t, _ in flat} | {t for t in range(len(scorer.targets_)) if scorer._strips(t)})
    out = {}
    if flat:
        classes = scorer.model_.classes
        order = [classes.index(c) for c in (*SIDES, NO_MENTION)]
        P = scorer._proba_rows([t for t, _ in flat], [feats for _, feats in flat])[:, order]
        of = np.array([t for t, _ in flat])
    for t in targets:
        mine = P[of == t] if flat else np.zeros((0, 4))
        feats = next((f for u, f in flat if u == t), None)
        # read as the scorer reads them before a balance is given: every side equally likely
        mine = scorer._without_side_prior_rows(mine, scorer._model_for(t, feats)) if len(mine) else mine
        prior = em_side_prior(mine, pseudo_count=pseudo_count, iterations=iterations)
        out[scorer.targets_[t].name] = {**{s: round(float(v), 4) for s, v in zip(SIDES, prior)},
                                        "candidates": int(len(mine))}
    return out


def read_side_balances(path, targets) -> dict[str, dict]:
    """Balances of sides a researcher gives for some targets (``framing analyze --stance-priors FILE``).

    A target whose balance is given is read as one the model was not
    trained on (by the model without targets' priors), with that balance in
    place of one estimated from the corpus or learned from the training
    articles: for a target of another place and time, a researcher's own
    coded sample of its statements says more than either.

    The file (YAML, or JSON) maps a target's name to its counts of coded
    statements (whole numbers: ``{favor: 40, against: 3, neutral: 7}``,
    read with one more of each, so that no side is ever ruled out) or to its
    shares (summing to 1, each above 0).

    Parameters
    ----------
    path : path
        The file.
    targets : list of Target
        The run's targets: a name the file gives must be one of theirs.

    Returns
    -------
    dict
        ``{target name: {"favor", "against", "neutral", "candidates", "given"}}``:
        the shares, the statements counted (None for shares) and the file's name.

    Raises
    ------
    InputError
        Naming the file and the target, for a file that cannot be read, a
        name that is no target of the run, or a balance that is not one.

    Examples
    --------
    >>> import tempfile, os
    >>> from framing.stance.targets import Target
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "balances.yml")
    ...     _ = open(p, "w").write("Egypt: {favor: 7, against: 0, neutral: 2}")
    ...     b = read_side_balances(p, [Target("Egypt", {"ar": ["مصر"]})])
    >>> [round(b["Egypt"][s], 3) for s in SIDES], b["Egypt"]["candidates"], b["Egypt"]["given"]
    ([0.667, 0.083, 0.25], 9, 'balances.yml')
    """
    import yaml

    from framing.errors import InputError

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: balances of sides file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the balances of sides ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    return side_balances(data, targets, source=path)


def side_balances(data, targets, *, source="balances") -> dict[str, dict]:
    """:func:`read_side_balances` of balances already read (``data``: target name to counts or shares);
    ``source`` names them in errors and in ``given`` (a file's name)."""
    import difflib

    from framing.errors import InputError

    if not isinstance(data, dict) or not data:
        raise InputError(f"{source}: give each target's balance of sides, as `Target name: {{favor: 40, against: 3, "
                         f"neutral: 7}}` (counts of coded statements) or shares summing to 1")
    names = [t.name for t in targets]
    out = {}
    for name, balance in data.items():
        name = str(name)
        if name not in names:
            close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
            raise InputError(f"{source}: {name!r} is no target of this run"
                             + (f"; did you mean {close[0]!r}?" if close else f" (its targets: {', '.join(names)})"))
        out[name] = _given_balance(source, name, balance)
    return out


def _given_balance(path, name: str, balance) -> dict:
    """One target's balance as the file gives it (:func:`read_side_balances`), checked and made shares."""
    from framing.errors import InputError

    where = f"{path}: {name!r}"
    balance = {k: v for k, v in balance.items() if k not in ("candidates", "given")} if isinstance(balance, dict) \
        else balance  # a balance read before (run.json's) holds these too
    if not isinstance(balance, dict) or set(map(str, balance)) != set(SIDES):
        raise InputError(f"{where}: give favor, against and neutral (counts or shares), not {balance!r}")
    try:
        values = np.array([float(balance[s]) for s in SIDES])
    except (TypeError, ValueError):
        raise InputError(f"{where}: favor, against and neutral must be numbers, not {balance!r}") from None
    if not np.isfinite(values).all() or (values < 0).any() or values.sum() <= 0:
        raise InputError(f"{where}: favor, against and neutral must be 0 or more, some above 0, not {balance!r}")
    counts = all(float(v).is_integer() for v in values)  # whole numbers: counts, one statement or more
    if counts:
        shares, n = (values + 1) / (values.sum() + 3), int(values.sum())
    elif abs(values.sum() - 1) <= 0.01 and (values > 0).all():
        shares, n = values / values.sum(), None
    else:
        raise InputError(f"{where}: give whole counts of coded statements, or shares that sum to 1 with none at 0, "
                         f"not {balance!r}")
    return {**{s: round(float(v), 4) for s, v in zip(SIDES, shares)}, "candidates": n, "given": Path(path).name}



def describe_balance(balance: dict) -> str:
    """A balance of sides in words, as the command, ``framing explain`` and the report write it.

    >>> describe_balance({"favor": 0.2, "against": 0.7, "neutral": 0.1})
    'favor 0.20, against 0.70, neutral 0.10'
    """
    return ", ".join(f"{side} {balance[side]:.2f}" for side in SIDES)


#: A balance with one side's share at least this is one-sided (:func:`one_sided`).
ONE_SIDED = 0.9


def one_sided(balance: dict) -> str | None:
    """The side a corpus' balance gives at least :data:`ONE_SIDED` of its share, or None.

    Read with such a balance, every speaker's side is pulled toward that side,
    an opposing camp's too (``framing/lang/STANCE.md``, known limits):
    ``framing explain`` and the report say so.  A balance a researcher gave
    (``given``) is theirs and is not flagged.

    >>> one_sided({"favor": 0.98, "against": 0.004, "neutral": 0.016}), one_sided({"favor": 0.6, "against": 0.3,
    ...                                                                            "neutral": 0.1})
    ('favor', None)
    """
    if balance.get("given"):
        return None
    lead = max(SIDES, key=lambda side: float(balance.get(side) or 0))
    return lead if float(balance.get(lead) or 0) >= ONE_SIDED else None


def one_sided_note(balance: dict) -> str:
    """:func:`one_sided` in words, as the command's summary and the report's tables add it; ``""`` if not.

    >>> one_sided_note({"favor": 0.98, "against": 0.004, "neutral": 0.016})
    "one-sided: every speaker's side is pulled toward favor, an opposing camp's too"
    """
    lead = one_sided(balance)
    return f"one-sided: every speaker's side is pulled toward {lead}, an opposing camp's too" if lead else ""


__all__ = ["em_side_prior", "with_side_prior", "estimate_side_priors", "read_side_balances", "side_balances",
           "describe_balance", "one_sided", "one_sided_note", "document_key", "sampled_rows", "PSEUDO_COUNT", "ITERATIONS", "SIDES",
           "SAMPLE", "ONE_SIDED"]
