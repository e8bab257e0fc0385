from pipeline.ingest.cleaning import (
    FURNITURE_PATTERNS,
    clean_text,
    is_furniture,
    join_title_body,
    split_title_body,
)

from .conftest import SEED_FILE


def test_seed_furniture_removed_and_paragraphs_kept():
    raw = SEED_FILE.read_text(encoding="utf-8")
    title, body = split_title_body(clean_text(raw))
    text = join_title_body(title, body).text
    assert "Please enter your comment" not in text
    assert "Please enter your name here" not in text
    assert title.text.startswith("Peace talks under threat")
    assert text.startswith(title.text + "\n\nKremlin has threatened")
    assert text.endswith("general mobilisation of troops.")
    assert text.count("\n\n") == 9  # title break + 8 breaks between 9 paragraphs
    assert "\n\n\n" not in text


def test_offsets_point_back_into_the_raw_text():
    raw = SEED_FILE.read_text(encoding="utf-8")
    clean = join_title_body(*split_title_body(clean_text(raw)))
    start = clean.text.index("Dmitry Peskov")
    o_start, o_end = clean.to_original(start, start + len("Dmitry Peskov"))
    assert raw[o_start:o_end] == "Dmitry Peskov"
    for i, ch in enumerate(clean.text):
        if ch not in " \n":
            assert raw[clean.offsets[i]] == ch


def test_furniture_patterns_match_whole_lines_only():
    for line in [
        "Please enter your comment!",
        "Please enter your name here",
        "  PLEASE ENTER YOUR COMMENT!  ",
        "Advertisement",
        "Read the rest here.",
        "Friday, January 4, 2019",
    ]:
        assert is_furniture(line), line
    for sentence in [
        "Please enter your comment! he shouted at the moderator, who refused.",
        "The advertisement ran for three weeks before it was pulled.",
        "Officials said readers should read more about the plan before voting.",
        "He said that on Friday, January 4, 2019 the border was closed.",
        "Subscribe now, the minister said, or lose access to the archive.",
    ]:
        assert not is_furniture(sentence), sentence
        assert sentence.strip() in clean_text(f"Title\n\n{sentence}\n").text
    assert len(FURNITURE_PATTERNS) >= 10


def test_whitespace_nfc_and_mojibake():
    raw = (
        "Title\r\n\r\n\r\nOne\xa0 two\tthree\u200b.\nSame para.\n\n\n\n"
        "Cafe\u0301 \u2014 Ukraine\u00e2\u20ac\u2122s army said \u201chi\u201d."
    )
    text = clean_text(raw).text
    assert text == "Title\n\nOne two three.\nSame para.\n\nCafé — Ukraine’s army said “hi”."


def test_curly_quotes_survive_repair():
    raw = "He said: \u201cWe will not leave.\u201d \u2018Never,\u2019 she added."
    assert clean_text(raw).text == raw


def test_empty_and_blank():
    assert clean_text("").text == ""
    assert clean_text(" \n\n \t\n").text == ""
