"""Tests for framing.attribution.signature: the name in capitals at a document's foot."""

import pytest

from framing.attribution.actors import Registry
from framing.attribution.signature import document_signer

ORDER = ("By the authority vested in me as President, I hereby order the following.\n\n"
         "JOSEPH R. BIDEN JR.\n\nTHE WHITE HOUSE,\n\nMarch 11, 2022.")


def test_a_name_in_capitals_before_a_place_line_and_date_signs_the_order():
    assert document_signer(ORDER) == "Joseph R. Biden"


def test_a_closing_before_the_name_makes_it_a_signature():
    assert document_signer("I enclose the order.\n\nSincerely,\n\nJANE Q. DOE") == "Jane Q. Doe"


def test_the_registry_knows_a_signer_without_closing_or_place():
    assert document_signer("We act today.\n\nJOSEPH R. BIDEN JR.", Registry.load()) == "Joseph R. Biden"
    assert document_signer("We act today.\n\nJOSEPH R. BIDEN JR.") is None


@pytest.mark.parametrize("text", [
    "The ministry condemned the attack.\n\nREUTERS",            # one word: an agency's sign-off
    "The ministry condemned the attack.\n\nEND OF STATEMENT",   # capitals, but not signed: no closing, no place
    "JOSEPH R. BIDEN JR.\n\nThe order takes effect today and binds every agency of the government.",
    "وقال الوزير إن الهجوم مدان.\n\nمحمد العبدالله",               # no capitals in Arabic: no signature
    "",
])
def test_no_signature(text):
    assert document_signer(text) is None


def test_only_the_foot_of_a_long_document_is_read():
    body = "The order sets out what the agencies shall do. " * 400
    assert document_signer(body + "\n\n" + ORDER) == "Joseph R. Biden"
    # a name in capitals long before the foot is no signature
    assert document_signer("JANE Q. DOE\n\n" + body) is None
