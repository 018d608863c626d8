"""Which of a run's targets a stance model was trained on: by their name, or by the names they are looked for by.

A news stance model learns each training target's balance of sides (its
``target=<slug>`` feature, :mod:`framing.stance.news_model`).  A researcher's
targets file may call one of those targets something else ("Islamic State"
for "ISIS", "Houthi movement" for "Houthis"); a target is what its aliases
find in the text, not its display name, so such a target is read as the
training target whose aliases it shares (:func:`identify`).  A model folder
keeps its training targets (``targets.json``, :func:`targets_record`) for
that.

Examples
--------
>>> from framing.stance.targets import Target
>>> trained = [Target("ISIS", {"ar": ["داعش", "تنظيم الدولة"]}), Target("Iran", {"ar": ["إيران", "طهران"]})]
>>> run = [Target("Islamic State", {"ar": ["داعش", "تنظيم الدولة الإسلامية", "تنظيم الدولة"]})]
>>> {run[i].name: k.name for i, k in identify(run, trained).items()}
{'Islamic State': 'ISIS'}
"""

from __future__ import annotations

from collections.abc import Sequence

from framing.stance.targets import Target, parse_targets
from framing.text import fold

#: The share of the smaller of two targets' alias sets the two must have in common to be one target.
SHARED = 0.5


def alias_set(target: Target) -> frozenset[str]:
    """A target's aliases in every language, folded and lower-cased, as :meth:`Target.names_it` compares names.

    >>> sorted(alias_set(Target("Iran", {"ar": ["إيران"], "en": ["Iran", "Tehran"]})))
    ['iran', 'tehran', 'ايران']
    """
    return frozenset(fold(a).lower().strip() for a in target.all_aliases() if a.strip())


def identify(targets: Sequence[Target], trained: Sequence[Target]) -> dict[int, Target]:
    """The training target each of ``targets`` is under another name: {index in ``targets``: training target}.

    A target is left as it is when its own name is a training target's, and
    when no training target shares at least :data:`SHARED` of the smaller
    alias set (and at least one alias) with it.  Where two training targets
    share as much, or two of ``targets`` would be one training target, or
    that training target is already one of ``targets`` by name, nothing is
    identified: the target is read as new.

    Parameters
    ----------
    targets : sequence of Target
        A run's targets.
    trained : sequence of Target
        The targets a model learned the balance of sides of.

    Examples
    --------
    >>> trained = [Target("Houthis", {"ar": ["الحوثيين", "الحوثي", "أنصار الله"]})]
    >>> identify([Target("Houthi movement", {"ar": ["الحوثي", "أنصار الله"]})], trained)[0].name
    'Houthis'
    >>> identify([Target("Yemen", {"ar": ["اليمن", "صنعاء"]})], trained)
    {}
    """
    own = {t.slug for t in targets}
    trained = [k for k in trained if k.slug not in own]  # a training target the run names is its own
    sets = [alias_set(k) for k in trained]
    found: dict[int, Target] = {}
    for i, t in enumerate(targets):
        mine = alias_set(t)
        scored = []
        for k, theirs in zip(trained, sets):
            shared = len(mine & theirs)
            if shared and shared >= SHARED * min(len(mine), len(theirs)):
                scored.append((shared / min(len(mine), len(theirs)), shared, k))
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        if scored and (len(scored) == 1 or scored[0][:2] != scored[1][:2]):
            found[i] = scored[0][2]
    # one training target is one run target at most: two of the run's that both look like it stay new
    counts: dict[str, int] = {}
    for k in found.values():
        counts[k.slug] = counts.get(k.slug, 0) + 1
    return {i: k for i, k in found.items() if counts[k.slug] == 1}


def targets_record(targets: Sequence[Target]) -> list[dict]:
    """JSON-ready entries of ``targets`` (``name``, ``aliases``, ``references`` where it has some), as a targets
    file writes them.

    >>> targets_record([Target("Iran", {"ar": ["إيران"]})])
    [{'name': 'Iran', 'aliases': {'ar': ['إيران']}}]
    """
    out = []
    for t in targets:
        entry = {"name": t.name, "aliases": {lang: list(names) for lang, names in t.aliases.items()}}
        if t.references:
            entry["references"] = {lang: list(names) for lang, names in t.references.items()}
        out.append(entry)
    return out


def with_references(target: Target, trained: Target) -> Target:
    """``target`` with the ``references`` of the training target it is, when it gives none of its own.

    The model learned from statements whose article refers back to that target by those words ("الاتفاق"
    after "الاتفاق النووي"): a run that names it without them would show the model fewer of the statements
    about it than it learned from.

    >>> deal = Target("Iran nuclear agreement", {"ar": ["الاتفاق النووي"]}, references={"ar": ["الاتفاق"]})
    >>> with_references(Target("The deal", {"ar": ["الاتفاق النووي"]}), deal).references
    {'ar': ('الاتفاق',)}
    """
    if target.references or not trained.references:
        return target
    return Target(target.name, dict(target.aliases), dict(target.exclude), dict(trained.references))


def read_record(data, source: str) -> list[Target]:
    """The targets of a :func:`targets_record` (checked as a targets file is)."""
    return parse_targets(data, source=source)
