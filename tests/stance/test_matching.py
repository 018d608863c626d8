"""Longest-match scanning: the longest match at a token wins, and the scan goes on after it."""

from framing.stance.matching import FirstTokens, scan_longest


def test_longest_match_wins_and_matches_do_not_overlap():
    phrases = {"new": [("new",), ("new", "york")], "york": [("york",)]}

    def longest(tokens, i, cands):
        ends = [i + len(c) for c in cands if tuple(tokens[i:i + len(c)]) == c]
        return (max(ends), tokens[i]) if ends else None

    found = list(scan_longest("new york and york new".split(), phrases.get, longest))
    assert found == [(0, 2, "new"), (3, 4, "york"), (4, 5, "new")]
    assert list(scan_longest([], phrases.get, longest)) == []


def test_a_scan_from_the_starts_finds_what_the_full_scan_finds():
    phrases = {"new": [("new",), ("new", "york")], "york": [("york",)]}

    def longest(tokens, i, cands):
        ends = [i + len(c) for c in cands if tuple(tokens[i:i + len(c)]) == c]
        return (max(ends), tokens[i]) if ends else None

    first = FirstTokens(lambda token: phrases.get(token, ()))
    tokens = "in new york and york new , new".split()
    assert first.starts(tokens) == [1, 2, 4, 5, 7]
    assert list(scan_longest(tokens, first.get, longest, first.starts(tokens))) == \
        list(scan_longest(tokens, phrases.get, longest)) == [(1, 3, "new"), (4, 5, "york"), (5, 6, "new"),
                                                             (7, 8, "new")]


def test_first_tokens_analyse_each_token_once_and_stay_bounded():
    seen = []

    def analyse(token):
        seen.append(token)
        return (token,) if token.startswith("x") else ()

    first = FirstTokens(analyse, limit=3)
    assert first.starts(["a", "xb", "a", "c", "xd", "e"]) == [1, 4]  # a text longer than the limit
    assert len(first) <= 3 and sorted(seen) == ["a", "c", "e", "xb", "xd"]
    assert first.get("xb") == ("xb",) and first.get("zz") == ()
    assert first.starts(["q", "r"]) == [] and len(first) <= 3
    seen.clear()
    unbounded = FirstTokens(analyse)
    unbounded.starts(["a", "a", "b"])
    unbounded.starts(["b", "c"])
    unbounded.get("a")
    assert len(unbounded) == 3 and sorted(seen) == ["a", "b", "c"]  # each token analysed once
