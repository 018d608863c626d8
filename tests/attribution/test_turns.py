"""Transcripts: speaker turns, first person within a turn, questions left out."""

from framing.attribution.pipeline import document_columns
from framing.attribution.turns import label_words, transcript_turns, turn_at, turn_event

TRANSCRIPT = ("Background call on Ukraine\n"
              "MODERATOR: Welcome, everyone. The call is on background.\n"
              "SENIOR ADMINISTRATION OFFICIAL: Thanks. We will send more air defense.\n"
              "I said last week that we would stay the course.\n"
              "Q Will you send tanks? The minister said you would.\n"
              "MR. SULLIVAN: We are sending them.")


def test_turns_run_from_their_label_to_the_next():
    turns = transcript_turns(TRANSCRIPT)
    assert [(t.label, t.question) for t in turns] == [("MODERATOR", False), ("SENIOR ADMINISTRATION OFFICIAL", False),
                                                      ("Q", True), ("MR. SULLIVAN", False)]
    official = turns[1]
    assert TRANSCRIPT[official.start:official.end].endswith("stay the course.")
    assert turn_at(turns, TRANSCRIPT.index("I said")) is official


def test_one_label_is_no_transcript():
    assert transcript_turns("WASHINGTON: The minister said the talks went well.\nMore text.") == []
    assert transcript_turns("Note: figures are rounded.\nThe bank said rates rise.") == []


def test_each_turn_is_an_utterance_questions_are_left_out_and_we_is_the_turn_speaker():
    cols = document_columns({"doc_id": "t", "text": TRANSCRIPT, "lang": "en", "outlet": "whitehouse"})
    rows = list(zip(cols["cue"], cols["speaker"], cols["cue_type"], cols["content"]))
    turns = [r for r in rows if r[2] == "turn"]
    # "MR. SULLIVAN" is the one Sullivan the registry holds
    assert [r[1] for r in turns] == ["Moderator", "anonymous: Senior Administration Official", "Jake Sullivan"]
    said = [r for r in rows if r[0] == "said"]
    # "I said" in the official's turn is the official; the reporter's "the minister said" is no statement here
    assert [r[1] for r in said] == ["anonymous: Senior Administration Official"]
    assert not any("tanks" in r[3] for r in rows)


def test_labels_read_as_names():
    assert label_words("MR. SULLIVAN") == ["Mr.", "Sullivan"]
    assert label_words("THE PRESIDENT") == ["The", "President"]


def test_a_title_label_is_the_office_holder_of_the_authors_country_on_the_date():
    text = "Remarks\nTHE PRESIDENT: Thank you all.\nQ Will you?\nTHE PRESIDENT: Yes, we will."
    dated = document_columns({"doc_id": "t", "text": text, "lang": "en", "outlet": "whitehouse", "date": "2022-03-01"})
    assert dated["speaker_id"] == ["joe_biden", "joe_biden"]
    undated = document_columns({"doc_id": "t", "text": text, "lang": "en", "outlet": "whitehouse"})
    assert "joe_biden" not in undated["speaker_id"]  # no date: the office names nobody


def test_a_transcript_quoted_whole_opens_each_turn_with_a_quotation_mark():
    text = 'Partial transcript:\n\n"WALLACE: Let us start.\n\n"PENCE: Well, look, we are ready.\n'
    turns = transcript_turns(text)
    assert [(t.label, text[t.label_start:t.label_start + len(t.label)]) for t in turns] == \
        [("WALLACE", "WALLACE"), ("PENCE", "PENCE")]
    # the cue is the label with its colon
    ev = turn_event(turns[1], text)
    assert text[ev.cue_start:ev.cue_end] == "PENCE:"
