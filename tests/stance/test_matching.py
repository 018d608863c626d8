"""Longest-match scanning: the longest match at a token wins, and the scan goes on after it."""

from framing.stance.matching import scan_longest


def test_longest_match_wins_and_matches_do_not_overlap():
    phrases = {"new": [("new",), ("new", "york")], "york": [("york",)]}

    def longest(tokens, i, cands):
        ends = [i + len(c) for c in cands if tuple(tokens[i:i + len(c)]) == c]
        return (max(ends), tokens[i]) if ends else None

    found = list(scan_longest("new york and york new".split(), phrases.get, longest))
    assert found == [(0, 2, "new"), (3, 4, "york"), (4, 5, "new")]
    assert list(scan_longest([], phrases.get, longest)) == []
