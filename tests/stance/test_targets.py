"""Stance targets: the YAML file and its validation, alias matching in Arabic and English.

The sentences are written for these tests; none comes from a data set.
"""

from __future__ import annotations

import random
import re

import pytest

from framing.errors import InputError
from framing.stance.targets import (AliasMatcher, Target, WordScreen, default_targets_path, fold_texts,
                                   load_targets, parse_targets, readings, reads_by_endings, resolve_targets, slugify,
                                   target_columns, tokenize_for_matching, trie_pattern)
from framing.text import normalize


@pytest.fixture(scope="module")
def defaults():
    return load_targets()


@pytest.fixture(scope="module")
def matcher(defaults):
    return AliasMatcher(defaults)


def found(matcher, targets, text):
    return [targets[m.target].name for m in matcher.find(tokenize_for_matching(text))]


# --- the shipped file ---------------------------------------------------------------------------------


def test_defaults_cover_the_sample_domain(defaults):
    assert [t.name for t in defaults] == ["Russia", "Ukraine", "United States", "NATO", "European Union",
                                          "sanctions"]
    assert [t.slug for t in defaults] == ["russia", "ukraine", "united_states", "nato", "european_union",
                                          "sanctions"]
    russia = defaults[0]
    for alias in ["روسيا", "موسكو", "الكرملين", "الروسية", "الروس"]:
        assert alias in russia.aliases["ar"]
    assert {"Russia", "Moscow", "Kremlin", "Russian"} <= set(russia.aliases["en"])


def test_target_columns_pair_score_and_label(defaults):
    cols = target_columns(defaults)
    assert cols[:4] == ["stance_russia", "stance_russia_label", "stance_ukraine", "stance_ukraine_label"]
    assert len(cols) == 2 * len(defaults)
    assert target_columns(["European Union"]) == ["stance_european_union", "stance_european_union_label"]


def test_slugify_keeps_letters_of_any_script():
    assert slugify("  United   States ") == "united_states"
    assert slugify("الاتحاد الأوروبي") == "الاتحاد_الاوروبي"


# --- matching ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("وروسيا ترفض", ["Russia"]),
    ("اتصل بروسيا أمس", ["Russia"]),
    ("الدعم لأوكرانيا مستمر", ["Ukraine"]),
    ("قال للروس إن", ["Russia"]),
    ("بالكرملين وكييف", ["Russia", "Ukraine"]),
    ("والولايات المتحدة الأميركية وحلف شمال الأطلسي", ["United States", "NATO"]),
    ("وفرض العقوبات على موسكو", ["sanctions", "Russia"]),
    ("رحبت المفوضية الأوروبية بالقرار", ["European Union"]),
])
def test_arabic_aliases_are_found_through_clitics(matcher, defaults, text, expected):
    assert found(matcher, defaults, text) == expected


def test_arabic_spelling_variants_fold_together(matcher, defaults):
    # hamza forms, taa marbuta and diacritics do not matter
    assert found(matcher, defaults, "الأمريكيّة") == found(matcher, defaults, "الامريكيه") == ["United States"]
    assert found(matcher, defaults, "أوكرانيا") == found(matcher, defaults, "اوكرانيا") == ["Ukraine"]


def test_excluded_phrases_are_skipped(matcher, defaults):
    assert found(matcher, defaults, "فاز بروسيا دورتموند على ضيفه") == []
    assert found(matcher, defaults, "صرح مسؤول من بروسيا") == ["Russia"]
    # the European football union is named as the European Union is, with its game after it
    assert found(matcher, defaults, "غرم الاتحاد الأوروبي لكرة القدم النادي") == []
    assert found(matcher, defaults, "وقال رئيس الاتحاد الأوروبي للعبة") == []
    assert found(matcher, defaults, "قال الاتحاد الأوروبي لروسيا") == ["European Union", "Russia"]


def test_a_phrase_one_target_excludes_may_be_another_targets_alias():
    # the exclusion says the phrase is not Iran, not that it is no target; the order of the targets
    # in the file does not decide it
    iran = Target("Iran", {"ar": ["الإيراني"]}, exclude={"ar": ["الاتفاق النووي الإيراني"]})
    deal = Target("Iran deal", {"ar": ["الاتفاق النووي", "الاتفاق النووي الإيراني"]})
    for targets in ([iran, deal], [deal, iran]):
        m = AliasMatcher(targets)
        assert found(m, targets, "قال إن الاتفاق النووي الإيراني غامض") == ["Iran deal"]
        assert found(m, targets, "قال إن الموقف الإيراني غامض") == ["Iran"]


def test_a_stem_is_not_found_inside_another_word(matcher, defaults):
    # "بروس" (Bruce) is ب + روس, but روس alone is no alias; "روسيات" is no listed form
    assert found(matcher, defaults, "التقى بروس بالمسؤولين") == []


@pytest.mark.parametrize("text, expected", [
    ("RUSSIA and the Kremlin", ["Russia", "Russia"]),
    ("Russia's army", ["Russia"]),
    ("Prussia was a kingdom", []),
    ("the United States and the U.S. and the US", ["United States"] * 3),
    ("let us talk", []),
    ("the EU and Nato", ["European Union", "NATO"]),
    ("trade with Latin America grew", []),
    ("new sanctions on Moscow", ["sanctions", "Russia"]),
])
def test_english_aliases_ignore_case_except_short_acronyms(matcher, defaults, text, expected):
    assert found(matcher, defaults, text) == expected


def test_mentions_keep_their_token_span_and_attachment(matcher, defaults):
    toks = tokenize_for_matching("وقال إن للولايات المتحدة دورا")
    (m,) = matcher.find(toks)
    assert (m.start, m.end, m.prefix) == (2, 4, "لل")
    (m,) = matcher.find(tokenize_for_matching("Russia's move"))
    assert m.possessive


def test_longest_alias_wins():
    ts = [Target("A", {"en": ["New York"]}), Target("B", {"en": ["New York Times"]})]
    m = AliasMatcher(ts)
    assert [ts[x.target].name for x in m.find(tokenize_for_matching("the New York Times said"))] == ["B"]


def test_the_screen_never_rejects_a_text_with_a_mention(matcher, defaults):
    texts = ["وللروس", "the KREMLIN", "U.S. officials", "ولأوكرانيا", "Nato's summit", "nothing here"]
    for text in texts:
        folded = fold_texts([text])[0]
        has = bool(matcher.find(tokenize_for_matching(folded, normalized=True)))
        assert matcher.may_mention(folded) or not has
    assert not matcher.may_mention("the weather was fine")


def test_readings_restore_the_article_after_lil():
    keys = [r[0] for r in readings("للروس")]
    assert "الروس" in keys and "روس" in keys
    assert readings("Kremlin's")[0] == ("kremlin", "", True)


def test_tokens_mark_clause_boundaries_and_close_abbreviations():
    assert tokenize_for_matching("U.S. aid, he said.") == ["US", "aid", ",", "he", "said", "."]
    assert tokenize_for_matching("قال: نعم؛ لا") == ["قال", ":", "نعم", "؛", "لا"]


def test_fold_texts_equals_normalize_with_abbreviations_closed():
    samples = ["«أكّدت»  الرئاسة\u200f الروسيّة", "عام 2004 ـ وعليه", "a \u200b b\n\nc", "ﻻ شيء ١٢٣",
               "The U.S. said “no”"]
    assert fold_texts(samples + [None]) == [normalize(s).text.replace("U.S.", "US") for s in samples] + [""]


def test_fold_texts_folds_each_text_alike_however_the_texts_are_chunked(monkeypatch):
    """Texts are folded joined, in chunks of a number of texts and of characters: each comes out as alone."""
    import framing.stance.targets as targets

    rnd = random.Random(3)
    pieces = ["أكّدت", " ", "\n", "\u200f", "U.S.", "ـ", "«", "١٢", "Russia's", "، ", "\u00a0\u00a0"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 400))) for _ in range(60)]
    alone = [fold_texts([t])[0] for t in texts]
    for chunk, chars in ((4096, 1 << 18), (7, 1 << 18), (4096, 500), (3, 1)):
        monkeypatch.setattr(targets, "_CHUNK_CHARS", chars)
        assert fold_texts(texts, chunk=chunk) == alone, (chunk, chars)


def test_trie_pattern_matches_exactly_its_words():
    rnd = random.Random(7)
    for _ in range(200):
        words = ["".join(rnd.choice("abc") for _ in range(rnd.randint(1, 4))) for _ in range(rnd.randint(1, 6))]
        pattern = re.compile(trie_pattern(words))
        for _ in range(20):
            probe = "".join(rnd.choice("abc") for _ in range(rnd.randint(1, 4)))
            assert bool(pattern.fullmatch(probe)) == (probe in words)


# --- the file and its validation ---------------------------------------------------------------------------


def write(tmp_path, text, name="targets.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_file_replaces_the_defaults(tmp_path):
    path = write(tmp_path, "targets:\n  - name: Turkey\n    aliases:\n      ar: [تركيا, أنقرة]\n      en: Turkey\n")
    (t,) = load_targets(path)
    assert t.name == "Turkey" and t.aliases == {"ar": ("تركيا", "أنقرة"), "en": ("Turkey",)}
    # a bare list works too
    path = write(tmp_path, "- name: Iran\n  aliases: {en: [Iran, Tehran]}\n", "list.yml")
    assert [t.name for t in load_targets(path)] == ["Iran"]


@pytest.mark.parametrize("body, fragments", [
    ("targets:\n  - name: A\n    aliases: {en: [A]}\n  - aliases: {en: [B]}\n",
     ["line 4", "target #2", "no 'name'"]),
    ("targets:\n  - name: A\n    aliases: [A, B]\n", ["line 2", "'A'", "'aliases' must map language codes"]),
    ("targets:\n  - name: A\n    aliases: {en: [A, 5]}\n", ["line 2", "'A'", "aliases.en[1]", "5"]),
    ("targets:\n  - name: A\n    alias: {en: [A]}\n", ["unknown key", "alias"]),
    ("targets:\n  - name: 7\n    aliases: {en: [A]}\n", ["'name' must be non-empty text"]),
    ("targets:\n  - name: A\n    aliases: {en: []}\n", ["has no aliases"]),
    ("targets:\n  - name: United States\n    aliases: {en: [US]}\n  - name: united states\n"
     "    aliases: {en: [USA]}\n", ["line 4", "stance_united_states", "target #1"]),
    ("targets:\n  - just a string\n", ["target #1", "expected a mapping"]),
    ("targets: []\n", ["non-empty list"]),
    ("targets:\n  - name: A\n    aliases: {en: [A\n", ["not valid YAML", "line"]),
])
def test_bad_files_name_the_file_the_line_and_the_entry(tmp_path, body, fragments):
    path = write(tmp_path, body)
    with pytest.raises(InputError) as err:
        load_targets(path)
    message = str(err.value)
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_targets(tmp_path / "nope.yml")


def test_parse_targets_accepts_loaded_data():
    (t,) = parse_targets({"targets": [{"name": "NATO", "aliases": {"en": ["NATO"]}, "exclude": {"en": ["x"]}}]})
    assert t.exclude == {"en": ("x",)}
    assert default_targets_path().name == "targets.yml"


def test_names_it_matches_a_side_label():
    t = Target("United States", {"en": ["US", "Washington"]})
    assert t.names_it("United States") and t.names_it("washington") and t.names_it("united_states")
    assert not t.names_it("Russia") and not t.names_it(None)


def test_the_token_cache_stays_bounded_and_answers_the_same(defaults, monkeypatch):
    from framing.stance import targets as targets_module
    from framing.stance.targets import tokenize_for_matching

    text = "ندعم أوكرانيا وندين الغزو الروسي " + " ".join(f"كلمة{i}" for i in range(200))
    tokens = tokenize_for_matching(text)
    expected = [(m.target, m.start) for m in AliasMatcher(defaults).find(tokens)]
    monkeypatch.setattr(targets_module, "_CACHE_LIMIT", 16)
    small = AliasMatcher(defaults)
    for _ in range(3):
        assert [(m.target, m.start) for m in small.find(tokens)] == expected
        assert len(small._cache) <= 16
    assert expected  # the sentence names targets


def test_resolve_targets_from_none_a_path_or_a_list(tmp_path, defaults):
    assert [t.name for t in resolve_targets(None)] == [t.name for t in defaults]
    assert [t.name for t in resolve_targets(default_targets_path())] == [t.name for t in defaults]
    own = [Target("Turkey", {"en": ["Turkey"]})]
    assert resolve_targets(own) == own
    with pytest.raises(TypeError, match="list of framing.stance.targets.Target"):
        resolve_targets(["Turkey"])


def test_combine_targets_appends_and_refuses_a_second_column():
    from framing.stance.targets import Target, combine_targets

    added = combine_targets(None, [Target("Iran", {"en": ["Iran"]})])
    assert [t.name for t in added][-1] == "Iran" and len(added) == 7
    with pytest.raises(InputError, match=r"target 'nato' is already a target \('NATO'\)"):
        combine_targets(None, [Target("nato", {"en": ["the alliance"]})])


def test_the_word_screen_answers_as_an_ignore_case_search():
    words = ["nato", "kiev", "us", "sanctions", "روسيا", "كرملين", "Eu"]
    screen = WordScreen(words)
    reference = re.compile(trie_pattern(sorted(words)), re.IGNORECASE)
    rnd = random.Random(3)
    alphabet = "natoKIEVkievUSsanctionsروسياكرملين .\u0130\u0131\u017f\u212aé"
    texts = ["NATO", "Kıev", "KIEV", "\u212aiev", "u\u017f", "ſanctions", "روسيا", "nothing", ""]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))) for _ in range(3000)]
    for text in texts:
        assert screen.search(text) == (reference.search(text) is not None), text


@pytest.mark.parametrize("index_keys, exact_keys", [
    (["الروس", "روسيا", "nato", "us", "türkiye", "ستان"], ["US"]),
    (["الناتو", "واشنطن", "la", "s"], ["EU", "U.S."]),
    (["ال", "بو"], []),
    (["kremlin", "ſt"], []),
])
def test_the_first_token_screen_answers_as_the_first_token_regex(index_keys, exact_keys):
    from framing.stance.targets import FirstTokenScreen, first_token_pattern

    screen, reference = FirstTokenScreen(index_keys, exact_keys), first_token_pattern(index_keys, exact_keys)
    rnd = random.Random(5)
    # proclitics, key letters, the 's ending, word joiners and the characters case folding treats apart
    alphabet = list("وبلاكفسروية نتاnotuasNATOUSé'.-_ıİſ١ـüÜ") + ["K", "ّ"]
    texts = ["وللروس", "دروس", "the NATO summit", "وNATO", "Kال", "sT", "Russia's", "روسياx", "xروسيا"]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 14))) for _ in range(20000)]
    for text in texts:
        assert screen.search(text) == (reference.search(text) is not None), text


def test_lower_case_maps_to_an_ascii_letter_just_where_ignore_case_matches_but_for_the_exceptions():
    from framing.stance.targets import _CASE_EXCEPTIONS

    letters = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x110000):
        ch = chr(code)
        if ch.isascii() or ch in _CASE_EXCEPTIONS:
            continue
        lower = ch.lower()
        # an ignore-case match to a letter is that letter in lower case, and lower case makes no ASCII else
        assert bool(letters.fullmatch(ch)) == (len(lower) == 1 and lower.isascii() and lower.isalpha())
        assert not any(c.isascii() for c in lower) or (len(lower) == 1 and letters.fullmatch(ch))


def test_tokens_skipped_unread_have_no_reading_that_starts_an_alias(matcher):
    words = ["روسيا", "الروس", "للروس", "وللروس", "لروسيا", "موسكو", "بموسكو", "الكرملين", "وكرملين", "كلمة",
             "الولايات", "والولايات", "للولايات", "اوكرانيا", "فاوكرانيا", "لل", "ال", "و", "الاتحاد", "للاتحاد",
             "كلمه", "امريكا", "الامريكيه", "واشنطن"]
    tokens = {w for w in words} | {p + w for w in words for p in ("و", "ب", "لل", "وال", "ف")}
    tokens |= set(tokenize_for_matching("قال الرئيس إن الحكومة ستفرض عقوبات على روسيا والناتو في واشنطن"))
    for token in tokens:
        full = any(key in matcher._index for key, _, _ in readings(token))
        assert matcher._may_start(token) or not full, token
    assert not matcher._may_start("كلمه") and matcher._may_start("للروس") and matcher._may_start("كلمة")
    assert reads_by_endings("للروس") and not reads_by_endings("Russia") and not reads_by_endings("أوكرانيا")


def test_the_abbreviation_join_equals_its_word_boundary_form():
    from framing.stance.targets import _join_abbreviations

    # the plain form: every dotted abbreviation's dots taken out (the regex used opens on a dot, for speed)
    plain = re.compile(r"\b(?:[A-Za-z]\.){2,}")
    rnd = random.Random(5)
    texts = ["U.S. aid", "the U.S.A.", "xU.S.A.", "e.g. this", "a.b", "قالت الـU.N. إن", "U.S.", "..U.S", "x.U.   USU_"]
    texts += ["".join(rnd.choice("aUS. x_1éـ١") for _ in range(rnd.randint(0, 14))) for _ in range(20000)]
    for text in texts:
        assert _join_abbreviations(text) == plain.sub(lambda m: m.group().replace(".", ""), text), text
    assert _join_abbreviations("the U.S.A. said") == "the USA said"


def test_the_screen_passes_every_text_with_a_token_that_may_start_an_alias():
    targets = load_targets() + [Target("Rey", {"ar": ["الري"], "en": ["O'Neill", "G7", "5+1"]})]
    matcher = AliasMatcher(targets)
    keys = sorted(set(matcher._index) | set(matcher._exact))
    pieces = keys + ["و", "ب", "لل", "وال", "فب", "ال", "د", "x", "'s", "’s", "'", "5", "_", " ", " ", " ", ".",
                     "،", "-", "RUSSIA", "Us", "آ", "ة", "\u064e", "é", "\u0130", "q"]
    rnd = random.Random(17)
    rejected = 0
    for _ in range(6000):
        text = fold_texts(["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 6)))])[0]
        starts = matcher._cache.starts(tokenize_for_matching(text, normalized=True))
        core = matcher._screen.search(text)
        assert matcher.may_mention(text) or not (core and starts), text
        rejected += core and not matcher.may_mention(text)
        # told the core screen's answer, the screen gives the same one without searching again
        assert matcher.may_mention(text, core=bool(core)) == matcher.may_mention(text), text
    assert rejected > 100  # the token regex rejects texts the core screen passes
    assert not matcher.may_mention("قال للروس", core=False)  # the answer given is taken as it is
    assert not matcher.may_mention("دروس في التاريخ") and matcher.may_mention("قال للروس")


def test_references_are_read_from_a_targets_file_and_get_a_matcher_of_their_own(tmp_path):
    from framing.stance.targets import reference_matchers

    f = tmp_path / "t.yml"
    f.write_text("targets:\n  - name: NATO\n    aliases: {en: [NATO]}\n    references: {en: [the alliance]}\n"
                 "  - name: Russia\n    aliases: {en: [Russia]}\n", encoding="utf-8")
    targets = load_targets(f)
    assert targets[0].references == {"en": ("the alliance",)} and targets[1].references == {}
    matchers = reference_matchers(targets)
    assert list(matchers) == [0]
    assert [(m.start, m.end) for m in matchers[0].find(tokenize_for_matching("We trust the alliance"))] == [(2, 4)]
    # a reference is no alias: the main matcher does not find it
    assert AliasMatcher(targets).find(tokenize_for_matching("We trust the alliance")) == []
    f.write_text("targets:\n  - name: NATO\n    aliases: {en: [NATO]}\n    references: the alliance\n",
                 encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2: target #1 \('NATO'\): 'references' must map language codes"):
        load_targets(f)


def _token_spans_of(matcher, text):
    # find()'s mentions as (target, start, end) character spans of the text
    from framing.stance.targets import _MATCH_TOKEN_RE

    spans = [m.span() for m in _MATCH_TOKEN_RE.finditer(text)]
    return [(x.target, spans[x.start][0], spans[x.end - 1][1]) for x in matcher.find([text[a:b] for a, b in spans])]


def test_mentions_found_around_the_cores_are_those_of_the_whole_tokens():
    targets = load_targets() + [Target("Deal", {"ar": ["الاتفاق النووي", "الاتفاق النووي مع ايران"],
                                                "en": ["nuclear deal", "G7", "O'Neill"]},
                                       exclude={"ar": ["الاتفاق النووي الايراني"]})]
    matcher = AliasMatcher(targets)
    keys = sorted(set(matcher._index) | set(matcher._exact))
    pieces = keys + ["و", "ب", "لل", "وال", "ال", "د", "النووي", "الايراني", "مع", "ايران", "deal", "nuclear",
                     "'s", "’s", "5", " ", " ", " ", " ", ".", "،", "-", "«", "RUSSIA", "دروس", "x"]
    rnd = random.Random(23)
    found_some = 0
    for _ in range(3000):
        text = fold_texts(["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 40)))])[0]
        spans = matcher.find_spans(text)
        if spans is None:  # a character folding changes, or one case folding treats apart
            assert not text.isascii() or "\u0130" in text
            continue
        assert spans == _token_spans_of(matcher, text), text
        found_some += bool(spans)
    assert found_some > 300
    # a long text read whole and around its cores alike, the longest alias first and an exclusion kept out
    text = fold_texts(["قال إن الاتفاق النووي مع إيران يختلف عن الاتفاق النووي الإيراني، " * 50 + "وموسكو"])[0]
    assert matcher.find_spans(text) == _token_spans_of(matcher, text)
    assert {targets[t].name for t, _, _ in matcher.find_spans(text)} >= {"Deal", "Russia"}


def test_mentions_are_not_found_around_cores_a_first_word_escapes():
    # "الري" is its own core, which "للري" (ل + الري) does not hold: the whole tokens are read instead
    matcher = AliasMatcher([Target("Rey", {"ar": ["الري"]})])
    assert matcher.find_spans("قال للري") is None
    assert AliasMatcher([Target("Russia", {"ar": ["روسيا"]})]).find_spans("قال لروسيا") == [(0, 4, 10)]
    # an alias whose words run past the first look: the tokens are read further
    long = AliasMatcher([Target("Long", {"en": ["alpha " + "b" * 100 + " gamma"]})])
    text = "said alpha " + "b" * 100 + " gamma and alpha " + "b" * 100
    assert long.find_spans(text) == _token_spans_of(long, text) == [(0, 5, 117)]


def test_a_text_without_spaces_near_its_cores_is_left_to_the_whole_tokens():
    # each look for a space is bounded: a long run without any (a table pasted as one line) is read by its
    # whole tokens, once, rather than from its start again at every core
    from framing.stance.targets import _NEAR_SPACE

    matcher = AliasMatcher(load_targets())
    run = fold_texts(["روسيا،" * 1000])[0]
    assert matcher.find_spans(run) is None
    assert matcher.find_spans(run[:_NEAR_SPACE // 2]) == _token_spans_of(matcher, run[:_NEAR_SPACE // 2])
    spaced = fold_texts(["قالت روسيا، " * 1000])[0]
    assert matcher.find_spans(spaced) == _token_spans_of(matcher, spaced)
    assert len(matcher.find_spans(spaced)) == 1000


def test_an_adjective_of_origin_after_a_given_name_is_a_family_name_not_the_target():
    # "منصور التركي" is a Saudi spokesman, not Turkey; "الرئيس التركي" and "القوات التركية" are Turkey's
    m = AliasMatcher([Target("Turkey", {"ar": ["تركيا", "التركي", "التركية"]})])
    text = "وقال اللواء منصور التركي إن القوات التركية والرئيس التركي في تركيا"
    found = [tokenize_for_matching(text)[x.start] for x in m.find(tokenize_for_matching(text))]
    assert found == tokenize_for_matching("التركية التركي تركيا")
    folded = fold_texts([text])[0]
    spans = m.find_spans(folded)  # the same read from the folded text, not its tokens
    assert [tokenize_for_matching(folded[a:b])[0] for _, a, b in spans] == found
    # in a text that names him so, his rank and family name alone are him too; elsewhere they may be a Turkish
    # general, and stay Turkey's
    again = "وأوضح اللواء منصور التركي أن الخلية سقطت. وقال اللواء التركي إن التحقيق مستمر"
    assert m.find(tokenize_for_matching(again)) == [] and m.find_spans(fold_texts([again])[0]) == []
    assert len(m.find(tokenize_for_matching("وقال اللواء التركي إن الجيش جاهز"))) == 1
