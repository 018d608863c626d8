"""Longest-match scanning of a token sequence, shared by the target matcher and the stance cue lexicon.

Both look up each token's candidates (cached per token), keep the longest
match that starts there, and go on after it; only what a match is and what
is kept differ.  :class:`FirstTokens` keeps those candidates per distinct
token and says where in a token list any start, so a scan visits only them.

Examples
--------
>>> words = {"new": [("new", "york"), ("new",)]}
>>> def longest(tokens, i, cands):
...     ends = [i + len(c) for c in cands if tuple(tokens[i:i + len(c)]) == c]
...     return (max(ends), None) if ends else None
>>> [(i, end) for i, end, _ in scan_longest("in new york".split(), words.get, longest)]
[(1, 3)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import compress


def scan_longest(tokens: Sequence[str], candidates: Callable, longest: Callable,
                 starts: Iterable[int] | None = None) -> Iterator[tuple[int, int, object]]:
    """``(start, end, payload)`` of each match, left to right, not overlapping.

    Parameters
    ----------
    tokens : sequence of str
    candidates : callable
        ``candidates(token)``: what may start at that token (falsy for nothing).
    longest : callable
        ``longest(tokens, i, cands)``: ``(end, payload)`` of the longest match
        starting at ``i``, or None.  The scan goes on at ``end``.
    starts : iterable of int, optional
        The positions, ascending, whose token has candidates
        (:meth:`FirstTokens.starts`): the others are skipped without a look-up.
        All positions by default.
    """
    if starts is None:
        starts = range(len(tokens))
    end = 0
    for i in starts:
        if i < end:
            continue  # inside the previous match
        cands = candidates(tokens[i])
        hit = longest(tokens, i, cands) if cands else None
        if hit is None:
            continue
        end, payload = hit
        yield i, end, payload


class FirstTokens:
    """What may start a match at a token, worked out once per distinct token; where a token list has any.

    Parameters
    ----------
    analyse : callable
        ``analyse(token)``: the token's candidates (falsy for none).
    limit : int, optional
        Distinct tokens kept before the store is emptied (a long corpus keeps
        bringing new words); no limit by default.

    Examples
    --------
    >>> first = FirstTokens(lambda token: (token,) if token.istitle() else ())
    >>> first.starts("we met in New York".split()), first.get("York")
    ([3, 4], ('York',))
    """

    def __init__(self, analyse: Callable, limit: int | None = None):
        self.analyse = analyse
        self.limit = limit
        self._all: dict = {}       # every token analysed -> its candidates
        self._starting: set = set()  # those with candidates

    def __len__(self) -> int:
        return len(self._all)

    def get(self, token: str):
        """The candidates of ``token``."""
        found = self._all.get(token)
        return self._learn(token) if found is None else found

    def starts(self, tokens: Sequence[str]) -> list[int]:
        """Positions, ascending, of the tokens that have candidates.

        The distinct tokens are looked up with set operations, so a text
        without a candidate costs no Python step per token.
        """
        distinct = set(tokens)
        hits = distinct.intersection(self._starting)
        for token in distinct.difference(self._all):
            if self._learn(token):
                hits.add(token)
        if not hits:
            return []
        return list(compress(range(len(tokens)), map(hits.__contains__, tokens)))

    def _learn(self, token: str):
        found = self.analyse(token)
        if self.limit is not None and len(self._all) >= self.limit:
            self._all.clear()  # bounded: a long corpus keeps bringing new words
            self._starting.clear()
        self._all[token] = found
        if found:
            self._starting.add(token)
        return found


__all__ = ["FirstTokens", "scan_longest"]
