"""Name normalisation (no model needed)."""

from pipeline.extract.lexicon import default_lexicon
from pipeline.extract.names import normalize_name

LEX = default_lexicon()


def test_normalize_person_titles_and_possessive():
    assert normalize_name("President Vladimir Putin’s", "PERSON", LEX) == (
        "Vladimir Putin",
        "PERSON",
    )
    assert normalize_name("Mr. Trump", "PERSON", LEX) == ("Trump", "PERSON")


def test_demonyms_map_to_countries():
    assert normalize_name("Ukrainian", "NORP", LEX) == ("Ukraine", "GPE")
    assert normalize_name("Russians", "NORP", LEX) == ("Russia", "GPE")
    assert normalize_name("American", "NORP", LEX) == ("United States", "GPE")
    assert normalize_name("Republicans", "NORP", LEX) == ("Republicans", "NORP")


def test_place_aliases_and_leading_the():
    assert normalize_name("the U.S.", "GPE", LEX) == ("United States", "GPE")
    assert normalize_name("the Kremlin", "ORG", LEX) == ("Kremlin", "ORG")
