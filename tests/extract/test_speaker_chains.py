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


def test_a_role_takes_the_described_person_named_last_as_a_subject(find_claim, claims_of):
    """Two actors are described as president; the one named last as a subject is meant
    (Wikinews, 2020-11-26), and a role never resolves to a place inside an apposition."""
    text = (
        "Murphy sent a letter to President-elect Joe Biden on Monday.\n\n"
        "President Trump responded to her letter on Twitter. The president's response is a "
        "departure from his claims that he had won several states in favor of Biden.\n\n"
        'The president vowed to keep fighting "the good fight" in court.'
    )
    assert find_claim(claims_of(text), "good fight").speaker_name == "Trump"
    text = (
        "Chris Christie, the governor of New Jersey, backed Trump. Christine Todd Whitman, the "
        "former New Jersey governor, said she would vote for Clinton. Christie refers to the "
        'candidate as "Mr. Trump." "I have known him for 14 years," the governor said.'
    )
    assert find_claim(claims_of(text), "known him").speaker_name == "Chris Christie"


def test_a_quoted_name_before_the_verb_is_no_quotation(find_claim, claims_of):
    text = (
        '"We have had better conventions than this one," Texas delegate Bill Eastland, wearing '
        'a cowboy hat and "Ted Cruz" campaign pins, said as confetti fell.'
    )
    assert find_claim(claims_of(text), "better conventions").speaker_name == "Bill Eastland"


def test_two_titles_of_one_named_person(find_claim, claims_of):
    text = (
        "Former prosecutor and New York City Mayor Rudy Giuliani, who backs Trump, said it was "
        'a "no-brainer" to prosecute.'
    )
    assert find_claim(claims_of(text), "no-brainer").speaker_name == "Rudy Giuliani"


def test_the_report_is_spoken_by_the_issuer_of_the_report_before(find_claim, claims_of):
    claims = claims_of(
        "Amnesty International released a report on Monday accusing the army of abuses. The "
        "report said soldiers had killed civilians. The most recent report said nothing new."
    )
    assert find_claim(claims, "killed civilians").speaker_name == "Amnesty International"
    assert find_claim(claims, "nothing new").speaker_name is None
