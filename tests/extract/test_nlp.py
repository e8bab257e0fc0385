"""Parsing preparation: the headline rewrite keeps offsets (no model needed)."""

from pipeline.extract.lexicon import default_lexicon
from pipeline.extract.nlp import parse_text

LEX = default_lexicon()


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
