"""Tests for the issuer's voice (document_columns(issuer_voice=True)): a press release's own sentences."""

from framing.analysis.stage import BatchStage, run_settings
from framing.attribution.pipeline import document_columns

TEXT = ("Statement from President Biden on the Attacks on Ukraine\n\n"
        "Our assistance to Ukraine has reached more than ten billion dollars this year. "
        "\"We will hold them to account,\" Secretary Blinken said. Thank you all.\n\n"
        "We will continue to provide Ukraine with the security assistance it needs to defend itself.")


def _doc(**extra):
    return {"doc_id": "d1", "lang": "en", "date": "2022-09-30", "text": TEXT, **extra}


def test_uncovered_sentences_are_the_issuer_s_in_document_order():
    cols = document_columns(_doc(title=TEXT.split("\n")[0], outlet="whitehouse"), issuer_voice=True)
    rows = list(zip(cols["speaker"], cols["kind"], cols["content"]))
    assert rows[0] == ("Joe Biden", "issued", "Our assistance to Ukraine has reached more than ten billion "
                                              "dollars this year.")
    assert rows[1][:2] == ("Antony Blinken", "direct")
    assert rows[2][:2] == ("Joe Biden", "issued")
    # the headline and a sentence of three words are not statements
    assert len(rows) == 3 and all("Thank you" not in c for _, _, c in rows)
    assert cols["cue_start"] == sorted(cols["cue_start"])
    assert set(cols["resolved_by"][i] for i in (0, 2)) == {"issuer"}


def test_without_a_title_naming_someone_the_outlet_is_the_issuer():
    cols = document_columns(_doc(title="Attacks on Ukraine", outlet="department_of_treasury"), issuer_voice=True)
    issued = {s for s, k in zip(cols["speaker"], cols["kind"]) if k == "issued"}
    assert issued == {"US Department of the Treasury"}


def test_a_bare_office_in_the_title_is_its_holder_in_the_issuer_s_country():
    cols = document_columns(_doc(title="Statement of the President on the Attacks", outlet="whitehouse"),
                            issuer_voice=True)
    assert {s for s, k in zip(cols["speaker"], cols["kind"]) if k == "issued"} == {"Joe Biden"}


def test_a_readout_of_a_titled_official_s_meeting_is_in_that_official_s_voice():
    def issued(title):
        cols = document_columns(_doc(title=title, outlet="department_of_treasury"), issuer_voice=True)
        return {s for s, k in zip(cols["speaker"], cols["kind"]) if k == "issued"}

    # the title's "of" and "for" stand inside the office; the possessive ends the holder's name
    assert issued("Readout of Under Secretary of Defense for Policy Dr. Colin Kahl's Travel to Ukraine") \
        == {"Colin Kahl"}
    assert issued("READOUT: Deputy Secretary of the Treasury Wally Adeyemo’s Call with the Minister") \
        == {"Wally Adeyemo"}
    # a possessive after "on" is the topic's, not the issuer's; a colon form without one names no issuer
    assert issued("Statement by NSC Spokesperson Adrienne Watson on Advisor Jake Sullivan’s Meeting") \
        == {"Adrienne Watson"}
    assert issued("READOUT: Russian Elites, Proxies, and Oligarchs Task Force Deputies Meeting") \
        == {"US Department of the Treasury"}
    # the site's name after a bar is no part of the issuer
    assert issued("Statement by Group of Creditors of Ukraine | U.S. Department of the Treasury") \
        == {"Group of Creditors of Ukraine"}


def test_off_by_default_and_nobody_to_give_sentences_to():
    assert "issued" not in document_columns(_doc(title="x", outlet="whitehouse"))["kind"]
    assert "issued" not in document_columns(_doc(title="Attacks"), issuer_voice=True)["kind"]


def test_journalists_questions_are_nobody_s_statement():
    text = ("Press Briefing\n\nMR. SULLIVAN: The sanctions will bite hard on the Russian economy this year.\n\n"
            "Q Will the sanctions on the Russian economy be lifted if talks resume next month?\n\n"
            "MR. SULLIVAN: No.")
    cols = document_columns({"doc_id": "d", "lang": "en", "text": text, "title": "Press Briefing",
                             "outlet": "whitehouse"}, issuer_voice=True)
    assert not any("lifted" in c for c in cols["content"])


def test_the_setting_is_recorded_only_when_on(registry):
    assert "issuer_voice" not in run_settings(BatchStage(registry=registry), batch_size=5)
    assert run_settings(BatchStage(registry=registry, issuer_voice=True), batch_size=5)["issuer_voice"] is True


def test_a_signed_letter_speaks_in_its_signer_s_voice():
    text = ("Letter to the Speaker on the Continuation of the National Emergency\n\n"
            "I have determined that the actions of the Government concerned pose an unusual threat.\n\n"
            "Sincerely,\n\nJOSEPH R. BIDEN JR.\n\nTHE WHITE HOUSE,\n\nMarch 11, 2022.")
    doc = {"doc_id": "l1", "lang": "en", "date": "2022-03-11", "text": text,
           "title": text.split("\n")[0], "outlet": "whitehouse"}
    cols = document_columns(doc, issuer_voice=True)
    assert set(cols["speaker"]) == {"Joe Biden"}
    # without the signature the outlet is the issuer
    doc["text"] = text.split("Sincerely")[0]
    assert set(document_columns(doc, issuer_voice=True)["speaker"]) == {"White House"}
