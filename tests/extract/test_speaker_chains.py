"""Speakers past the tuned articles (issue 26): chains across a paragraph break, definite roles,
title abbreviations and polls, on sentences built like the political news that showed them."""

from __future__ import annotations


def test_a_pronoun_opening_a_paragraph_continues_the_last_speaker(find_claim, claims_of):
    """The parse's subject preference took "Sanders" (subject of "if Sanders wins")."""
    text = (
        'Ohio Gov. John Kasich predicted on Thursday that Republicans would win "every state" '
        "if Sanders wins the nomination.\n\n"
        '"That is not even an issue," he said. "I know Bernie."'
    )
    c = find_claim(claims_of(text), "not even an issue")
    assert c.speaker_text == "he" and c.speaker_name == "John Kasich"


def test_a_pronoun_after_a_paragraph_naming_someone_else_is_left_to_resolution(
    find_claim, claims_of
):
    """A paragraph that names its own subject first is no continuation of the one before."""
    text = (
        "CNN reported that Jared Golden voted for the first article.\n\n"
        "Mitch McConnell, the Senate majority leader, will hold the trial in January. He "
        "publicly stated the trial would not be impartial."
    )
    c = find_claim(claims_of(text), "not be impartial")
    assert c.speaker_name == "Mitch McConnell"


def test_a_definite_role_continues_the_last_named_speaker(find_claim, claims_of):
    text = (
        "Carly Fiorina said Monday that Donald Trump is right to attack Bill Clinton. "
        "But, the former CEO of Hewlett-Packard added, it's not the way to win. Fiorina spoke "
        "on Fox."
    )
    c = find_claim(claims_of(text), "not the way to win")
    assert c.speaker_text == "the former CEO of Hewlett-Packard"
    assert c.speaker_name == "Carly Fiorina"


def test_a_gendered_role_skips_a_speaker_of_the_other_gender(find_claim, claims_of):
    text = (
        "Mary Turpin told the court she regretted nothing.\n\n"
        "The father said the children had been home-schooled."
    )
    c = find_claim(claims_of(text), "home-schooled")
    assert c.speaker_name != "Mary Turpin"


def test_an_abbreviated_title_describes_its_person(find_claim, claims_of):
    """ "Gov. Chris Christie" is a governor: "the New Jersey governor" finds him, not the
    accused Cruz named between them."""
    text = (
        "New Jersey Gov. Chris Christie accused Cruz of opposing the program for political "
        'reasons. "He went for the easy political vote," the New Jersey governor said.'
    )
    c = find_claim(claims_of(text), "easy political vote")
    assert c.speaker_name == "Chris Christie"


def test_an_unnamed_poll_has_no_speaker_and_a_named_one_its_organisation(find_claim, claims_of):
    claims = claims_of(
        "The poll found that Trump leads Cruz by five points. The latest Fox poll found that "
        "Sanders trails Clinton in Iowa."
    )
    unnamed = find_claim(claims, "leads Cruz")
    assert unnamed.speaker_text == "The poll" and unnamed.speaker_name is None
    assert unnamed.speaker_type == "OTHER"
    assert find_claim(claims, "trails Clinton").speaker_name == "Fox"
