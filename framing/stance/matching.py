"""Longest-match scanning of a token sequence, shared by the target matcher and the stance cue lexicon.

Both look up each token's candidates (cached per token), keep the longest
match that starts there, and go on after it; only what a match is and what
is kept differ.

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

from collections.abc import Callable, Iterator, Sequence


def scan_longest(tokens: Sequence[str], candidates: Callable, longest: Callable) -> Iterator[tuple[int, int, object]]:
    """``(start, end, payload)`` of each match, left to right, not overlapping.

    Parameters
    ----------
    tokens : sequence of str
    candidates : callable
        ``candidates(token)``: what may start at that token (falsy for nothing).
    longest : callable
        ``longest(tokens, i, cands)``: ``(end, payload)`` of the longest match
        starting at ``i``, or None.  The scan goes on at ``end``.
    """
    i, n = 0, len(tokens)
    while i < n:
        cands = candidates(tokens[i])
        hit = longest(tokens, i, cands) if cands else None
        if hit is None:
            i += 1
            continue
        end, payload = hit
        yield i, end, payload
        i = end


__all__ = ["scan_longest"]
