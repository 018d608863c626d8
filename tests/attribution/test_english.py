"""English reporting events: subjects left of the verb, inverted quotes, "according to", pronouns."""

from framing.attribution import attribute_document
from framing.attribution.cues import cue_lexicon
from framing.attribution.document import prepare
from framing.attribution.english import english_events

from attribution_support import attribute_text


# -- through whole documents ----------------------------------------------------------

def test_english_orders_quotes_and_pronouns(registry):
    text = ("Water talks\n\n"
            "Sami Ali said the dam would open in May.\n"
            "\u201cWe are ready,\u201d said the water minister.\n"
            "He added that prices would not rise.\n"
            "The plan is secret, according to a senior official.\n"
            "The United States sent observers.\n")
    df = attribute_text(text, registry)
    assert list(df.cue) == ["said", "said", "added", "according to"]
    assert df.iloc[0].speaker_id == "sami_ali" and df.iloc[0].kind == "indirect"
    assert df.iloc[1].kind == "direct" and df.iloc[1].content == "We are ready,"
    assert df.iloc[1].speaker_id == "sami_ali"          # role -> registry actor
    assert df.iloc[2].mention == "He" and df.iloc[2].speaker_id == "sami_ali"
    assert df.iloc[3].speaker_kind == "anonymous"


# -- english_events on single sentences -------------------------------------------------

def _events(text):
    out = []
    for sent in prepare(text, lang="en").sentences:
        for ev in english_events(sent, cue_lexicon("en")):
            out.append({"ev": ev, "cue": text[ev.cue_start:ev.cue_end], "content": text[slice(*ev.content)],
                        "mention": text[slice(*ev.mention)] if ev.mention else ""})
    return out


def test_subject_left_of_the_verb_past_appositives_auxiliaries_and_parentheses():
    (e,) = _events("Peskov, the Kremlin spokesman, said the talks were useful.")
    assert e["mention"] == "Peskov" and e["content"] == "the talks were useful"
    (e,) = _events("The campaign chairman, Phil Lovas, said the race was close.")
    assert e["mention"] == "Phil Lovas"                   # the named one, not the description
    (e,) = _events("The minister has long said that the plan works.")
    assert e["mention"] == "The minister" and e["content"] == "that the plan works"
    (e,) = _events("Ron Johnson (Wisconsin) said the bill would pass.")
    assert e["mention"] == "Ron Johnson"


def test_quotes_before_the_verb_in_either_order():
    for text in ('"We are ready," said Peskov.', '"We are ready," Peskov said.'):
        (e,) = _events(text)
        assert (e["mention"], e["ev"].kind, e["content"]) == ("Peskov", "direct", "We are ready,")
    (e,) = _events("Prices rose, a source said.")
    assert e["mention"] == "a source" and e["content"] == "Prices rose"


def test_an_inverted_cue_takes_a_capitalized_title_with_its_holder():
    text = ('\u201cWe stand with them,\u201d said Under Secretary of the Treasury for Terrorism and Financial '
            'Intelligence Brian E. Nelson.')
    (e,) = _events(text)
    assert e["mention"] == ("Under Secretary of the Treasury for Terrorism and Financial Intelligence "
                            "Brian E. Nelson")
    (e,) = _events('"We are ready," said Under Secretary Nelson.')
    assert e["mention"] == "Under Secretary Nelson"
    # the name set off by a comma after the title closes the sentence
    (e,) = _events('"We are ready," said Assistant Secretary of State for Europe, Karen Donfried.')
    assert e["mention"] == "Assistant Secretary of State for Europe, Karen Donfried"
    # lower-case words still close the phrase, and a comma before a clause does
    (e,) = _events('"We are ready," said the minister for foreign affairs on Monday.')
    assert e["mention"] == "the minister for foreign affairs"
    (e,) = _events('"We are ready," said Secretary Blinken, who spoke in Kyiv.')
    assert e["mention"] == "Secretary Blinken"


def test_content_skips_the_addressee_and_time():
    (e,) = _events("The minister told reporters on Monday that the border would reopen.")
    assert e["cue"] == "told" and e["content"] == "that the border would reopen"


def test_according_to_on_either_side():
    for text, statement in (("Prices rose sharply, according to the central bank.", "Prices rose sharply"),
                            ("According to the central bank, prices rose sharply this year.",
                             "prices rose sharply this year")):
        (e,) = _events(text)
        assert e["ev"].kind == "according" and e["mention"] == "the central bank"
        assert e["content"] == statement


def test_pronoun_subjects_are_marked_for_resolution():
    (e,) = _events("He added that prices would not rise.")
    assert e["ev"].pronoun and e["mention"] == "He"
    (e,) = _events("The minister added that prices would not rise.")
    assert not e["ev"].pronoun


def test_capitalised_nouns_and_so_called_are_no_cues():
    assert _events("The Report was published on Monday.") == []
    assert _events("The so-called deal collapsed.") == []
    assert _events("His remarks were said to be offensive.") == []
    (e,) = _events("Critics called for a new inquiry.")
    assert e["cue"] == "called" and e["mention"] == "Critics"


def test_weak_verbs_are_flagged_and_optional():
    (e,) = _events("The study found that prices rose.")
    assert e["ev"].weak and not e["ev"].required
    (e,) = _events("The minister said that prices rose.")
    assert not e["ev"].weak and e["ev"].required


def test_headline_colon_dash_signature_and_title_case_verbs():
    from framing.attribution.pipeline import document_columns

    def rows(text):
        c = document_columns({"doc_id": "d", "text": text, "lang": "en"})
        return list(zip(c["cue"], c["speaker"], c["kind"]))

    assert rows("John Smith: The Plan Will Fail Before Winter\nBody text.") == [(":", "John Smith", "headline")]
    assert rows("UPDATE: the vote was delayed again\nBody text.") == []
    assert rows("Intro\n“He represents our greatest shame.” ― Sonya Herridge") == [("―", "Sonya Herridge", "direct")]
    # a no-break space between the quotation and the dash, as web pages often write it
    assert rows("Intro\n“How did we get this low?”\xa0― Jacklyn Ashley") == [("―", "Jacklyn Ashley", "direct")]
    # an unregistered English person is listed by the name, the title left in the mention
    assert rows("Energy Deal Could Help, Senator Jane Roe Says\nBody.")[0][:2] == ("Says", "Jane Roe")


def test_long_or_hyphenated_appositives_abbreviations_and_a_second_verb_keep_the_subject():
    mentions = {}
    for text in ("Title\n\nKerr Putney, the Charlotte-Mecklenburg police chief, said that the footage was unclear.",
                 "Title\n\nDavid Kamin, an outside adviser to the campaign on tax and budget issues and an associate "
                 "professor at New York University School of Law, said that the campaign was taking a close look.",
                 "Title\n\nThe S.E.C. said it would increase oversight as well.",
                 "Title\n\nDonald Trump, her Republican opponent, bemoaned the unrest and said he thought drugs "
                 "were a big factor."):
        (e,) = [e for e in _events(text) if e["cue"] == "said"]
        mentions[text[7:20]] = e["mention"]
    assert list(mentions.values()) == ["Kerr Putney", "David Kamin", "The S.E.C", "Donald Trump"]
    # a subject that names no one gives no event ("The", a capitalized common word opening the sentence)
    assert _events("Title\n\nThe police arrested a man and said a curfew would continue.") == []
    events = _events("Title\n\nThe proclamation stated the terms of the trade deal between the two "
                     "countries in full, and noted that talks would go on.")
    assert [(e["cue"], e["mention"]) for e in events] == [("stated", "The proclamation")]


def test_calling_something_a_name_in_quotation_marks_is_a_statement():
    (e,) = _events("Title\n\nAt a fundraiser, Clinton called half of his supporters “deplorables.”")
    assert e["cue"] == "called" and e["mention"] == "Clinton"
    assert _events("Title\n\nHis group, called the Virginia Fund, will own the land.") == []
    assert [e["cue"] for e in _events("Title\n\nThe senator called for an inquiry into the deal.")] == ["called"]


def test_attacked_is_speech_only_with_the_words_it_attacks():
    # in a conflict "attacked" is mostly an act of war; a verbal attack comes with a quotation
    assert _events("Title\n\nRussia attacked Ukraine's energy infrastructure last winter.") == []
    assert _events("Title\n\nThe missile attacks on civilian infrastructure killed dozens.") == []
    (e,) = _events("Title\n\nThe senator attacked the bill as “a disaster for farmers.”")
    assert e["cue"] == "attacked" and e["mention"] == "The senator"


def test_a_participle_describing_a_common_noun_is_no_report():
    # "the national emergency declared in Executive Order 14024": a reduced relative clause, no speaker
    assert _events("I am continuing the national emergency declared in Executive Order 14024 of April 2021.") == []
    assert _events("All property of the persons described in that order is blocked.") == []
    # a clause after the phrase, or a speaker word before the verb, makes it a report
    assert [e["cue"] for e in _events("The ministry declared in a statement that the talks had failed.")] \
        == ["declared"]
    assert [e["cue"] for e in _events("The spokesman declared in Geneva the talks had failed.")] == ["declared"]


def test_let_me_and_i_am_are_the_first_person_and_a_light_verb_is_no_part_of_the_subject():
    (e,) = _events("Let me say this: the aid will keep coming.")
    assert e["mention"] == "me" and e["ev"].pronoun
    (e,) = _events("I am writing to say that the aid is ready.")[:1]
    assert e["mention"] == "I"
    # "clear" is a cue the learned cue model finds: read through the whole pipeline
    rows = attribute_document({"doc_id": "t", "lang": "en",
                               "text": "Aid\n\nThe President has made it clear that we stand with Ukraine.\n"})
    assert [(r["cue"], r["mention"]) for r in rows] == [("clear", "The President")]  # one statement, not two
    # "please" opens an imperative: no one is named as its subject
    assert all(x["mention"] != "Please" for x in _events("Please feel free to say that you disagree."))


def test_a_participle_continues_the_noun_phrase_opening_its_sentence_not_its_article():
    rows = attribute_document({"doc_id": "t", "lang": "en", "text": "Aid\n\nA top British medical journal "
                               "published a study on Friday, calling for a ceasefire.\n"})
    assert [(r["cue"], r["mention"]) for r in rows] == [("calling", "A top British medical journal")]


def test_a_genre_label_before_a_headline_colon_is_no_speaker():
    rows = attribute_document({"doc_id": "t", "lang": "en", "text": "FACT SHEET: United States and Partners "
                               "Impose Severe Costs\n\nThe measures take effect today.\n"})
    assert rows == []


def test_continued_reports_speech_only_beside_a_quotation_or_a_clause():
    def said(text):
        return [(r["cue"], r["speaker"]) for r in attribute_document({"doc_id": "t", "lang": "en",
                                                                     "text": "Aid\n\n" + text + "\n"})]
    # going on doing something, or a noun's adjective, is no report
    assert said("The Defense Department continued to deliver equipment to Ukraine at a rapid pace.") == []
    assert all(cue != "continued" for cue, _ in said("Russia's continued assault on Ukraine is costly, "
                                                      "the official said."))
    # beside a quotation it is one
    assert said("Biden continued, “We stand with Ukraine.”") == [("continued", "Joe Biden")]
    assert [cue for cue, _ in said("“We will not stop,” he continued.")] == ["continued"]


def test_an_aide_to_someone_speaks_and_is_not_the_one_named_after_to():
    def said(text):
        return [(r["mention"], r["speaker"]) for r in attribute_document({"doc_id": "t", "lang": "en",
                                                                         "text": "Aid\n\n" + text + "\n"})]
    assert said("An aide to the president said the talks failed.") \
        == [("An aide to the president", "anonymous: aide to the president")]
    ((mention, speaker),) = said("Advisers to Obama said the talks failed.")
    assert mention == "Advisers to Obama" and speaker.startswith("anonymous")
    # and the one named after "to" is not the unnamed source when the article quotes them by name
    rows = said("Advisers to Clinton said the talks failed. Clinton said the talks would resume.")
    assert rows[1][0] == "Clinton" and not rows[1][1].startswith("anonymous")
    # "to" after a verb still closes the phrase
    assert said("He went to the president and said the talks failed.") == []
