"""Name normalisation and the headline rewrite (no model needed)."""

from pipeline.extract.lexicon import default_lexicon
from pipeline.extract.names import normalize_name
from pipeline.extract.nlp import parse_text

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


def test_parse_text_sentence_cases_title_headlines_only():
    small = LEX.headline_small_words
    text = (
        "Bernie Sanders Promises Action On Immigration\n\n"
        "Bernie Sanders said on Monday that he would act on immigration."
    )
    out = parse_text(text, small)
    assert len(out) == len(text)
    assert out.startswith("Bernie Sanders promises action on immigration\n")
    assert out[out.index("\n") :] == text[text.index("\n") :]
    plain = "Peace talks under threat: Kremlin accuses Ukraine\n\nBody text here."
    assert parse_text(plain, small) == plain
