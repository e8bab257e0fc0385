"""Name normalisation (no model needed)."""

from pipeline.extract.lexicon import default_lexicon
from pipeline.extract.names import clean_name, normalize_name, title_only

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


def test_clean_name_drops_editors_brackets():
    # an editor's insertion is kept as written, a stray bracket becomes a space
    assert clean_name("Bashir al[-]Assad's") == "Bashir al-Assad"
    assert clean_name("Bashir al] Assad") == "Bashir al Assad"
    assert normalize_name("[Rudy] Giuliani", "PERSON", LEX) == ("Rudy Giuliani", "PERSON")


def test_title_only_is_a_title_without_a_name():
    for words in ("US Ambassador", "Govs", "Foreign Minister", "Russian Foreign Minister"):
        assert title_only(words.split(), LEX), words
    for words in ("Nikki Haley", "Senate", "United States House", "Ambassador Nikki Haley"):
        assert not title_only(words.split(), LEX), words


def test_a_name_cut_short_loses_its_trailing_small_words():
    # the NER stopped before "the Coast Guard"; "Bank of America" keeps its "of"
    assert normalize_name("Control Centre of", "ORG", LEX) == ("Control Centre", "ORG")
    assert normalize_name("Bank of America", "ORG", LEX) == ("Bank of America", "ORG")
    # a Wikinews photo caption run into the name: "Kamala Harris Image: U.S. Senate."
    assert normalize_name("Kamala Harris Image", "PERSON", LEX) == ("Kamala Harris", "PERSON")
