"""Event helpers shared by both extractors: content spans (trim, quoted content) and the direct/mixed/indirect kind."""

from framing.attribution.document import prepare
from framing.attribution.events import MIN_QUOTED_CLAUSE_WORDS, classify, quoted_content, trim


def _span_after(text: str, word: str) -> tuple[int, int]:
    """From the start of ``word`` to the end of ``text``."""
    return text.index(word), len(text)


def test_trim_drops_spaces_and_light_punctuation_on_both_sides():
    text = " ، «the plan»; works. "
    a, b = trim(text, 0, len(text))
    assert text[a:b] == "«the plan»; works"             # quotation marks and inner punctuation stay
    a, b = trim("x :;, y", 1, 5)
    assert a == b                                       # nothing but punctuation: an empty span
    assert trim("abc", 1, 2) == (1, 2)


def test_quoted_content_is_the_inside_of_a_quotation_opening_in_range():
    text = "He said: «we are ready now» and left."
    sent = prepare(text, lang="en").sentences[0]
    after_said = text.index(":")
    a, b = quoted_content(sent, after_said, text.index("«") + 1)
    assert text[a:b] == "we are ready now"
    # the quotation opens after the limit: none
    assert quoted_content(sent, 0, text.index("«")) is None
    # nor from a position past its opening mark
    assert quoted_content(sent, text.index("we"), len(text)) is None


def test_classify_direct_mixed_and_indirect():
    long_quote = "the whole plan will work very well"
    assert len(long_quote.split()) >= MIN_QUOTED_CLAUSE_WORDS
    text = f'He said that "{long_quote}" next year.'
    sent = prepare(text, lang="en").sentences[0]
    content = _span_after(text, "that")
    assert classify(sent, content, direct=True) == "direct"
    assert classify(sent, content, direct=False) == "mixed"
    # a quoted phrase shorter than a clause leaves the speech indirect
    text = 'He said that the plan was "very good" overall.'
    sent = prepare(text, lang="en").sentences[0]
    assert classify(sent, _span_after(text, "that"), direct=False) == "indirect"


def test_classify_counts_only_quotations_inside_the_content():
    text = '"We will bring peace to the whole region," he said, adding that talks go on.'
    sent = prepare(text, lang="en").sentences[0]
    assert classify(sent, _span_after(text, "that"), direct=False) == "indirect"
    text = "وقال الوزير إن «الحكومة لن تتراجع عن هذا القرار أبدا» في كل الأحوال."
    sent = prepare(text).sentences[0]
    assert classify(sent, _span_after(text, "إن"), direct=False) == "mixed"
