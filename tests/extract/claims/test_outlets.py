"""reported_by: the outlets an article credits, on real sentences (labels/outlets.py)."""

from __future__ import annotations

import pytest

from pipeline.extract.records import Claim

CREDITS = [
    # (text, content part, speaker name, outlet)
    (
        "Kremlin has threatened to walk out of peace talks after accusing Ukrainian helicopters "
        "of attacking an oil facility inside Russia, Daily Mail reported.",
        "helicopters of attacking an",
        "Kremlin",
        "Daily Mail",
    ),
    (
        "Howard Rubel, a lawyer representing Spanton, told the BBC that his client was relieved.",
        "client was relieved",
        "Howard Rubel",
        "BBC",
    ),
    (
        "In an interview with Dawn, Qandeel Baloch said her husband had tried to attack her.",
        "husband had tried",
        "Qandeel Baloch",
        "Dawn",
    ),
    (
        "BBC's Jonathan Marcus said questions remain about Iran's role.",
        "questions remain",
        "Jonathan Marcus",
        "BBC",
    ),
    (
        'Speaking to Reuters, an attendee Om Prakash said, "We have been drinking it for years."',
        "drinking it",
        "Om Prakash",
        "Reuters",
    ),
    (
        "Dr Sarah Klein stated to the CBC in June that prices had risen.",
        "prices had risen",
        "Sarah Klein",
        "CBC",
    ),
    (
        "President Erdogan said — as reported by Hurriyet Daily News — that the museum would "
        "become a mosque.",
        "museum would become",
        "Erdogan",
        "Hurriyet Daily News",
    ),
    # issue 26: show and network credits, publications, a writer's outlet (political news)
    ("Rubio said on CNN that the group must be defeated.", "must be defeated", "Rubio", "CNN"),
    (
        "Giuliani said on MSNBC’s “Morning Joe” that Comey was wrong.",
        "Comey was wrong",
        "Giuliani",
        "MSNBC",
    ),
    (
        'Cruz said on "Fox News Sunday" that he would win Iowa.',
        "win Iowa",
        "Cruz",
        "Fox News",
    ),
    (
        'Ben Carson told "Meet the Press" that he would not back down.',
        "not back down",
        "Ben Carson",
        "NBC",
    ),
    (
        "Rep. Chris Collins noted in a guest column in Saturday’s New York Times that anger is "
        "fueling the rise of Trump.",
        "anger is fueling",
        "Chris Collins",
        "New York Times",
    ),
    (
        "Conservative commentator Jonah Goldberg of the National Review wrote that Christie "
        "looked defeated.",
        "looked defeated",
        "Jonah Goldberg",
        "National Review",
    ),
]


def _claim(claims: list[Claim], part: str) -> Claim:
    found = sorted((c for c in claims if part in c.content), key=lambda c: len(c.content))
    assert found, f"no claim containing {part!r}: {[c.content for c in claims]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "part", "speaker", "outlet"), CREDITS, ids=[c[3] + ":" + c[1] for c in CREDITS]
)
def test_outlet_credits(claims_of, text: str, part: str, speaker: str, outlet: str) -> None:
    c = _claim(claims_of(text), part)
    assert c.speaker_name in (speaker, speaker.split()[-1])
    assert c.reported_by == outlet


def test_the_credit_carries_to_a_pronoun_continuation(claims_of) -> None:
    text = (
        "Dr Sarah Klein told the CBC that the border closure drove up prices. "
        "She explained that heroin had been mixed with sedatives."
    )
    c = _claim(claims_of(text), "heroin")
    assert c.speaker_name == "Sarah Klein" and c.reported_by == "CBC"


def test_a_named_speaker_starts_afresh(claims_of) -> None:
    text = (
        "Winch told Wikinews he began acting 20 years ago. Winch said the film was screened at "
        "festivals."
    )
    claims = claims_of(text)
    assert _claim(claims, "began acting").reported_by == "Wikinews"
    assert _claim(claims, "screened").reported_by is None


def test_an_institution_told_is_no_outlet(claims_of) -> None:
    c = _claim(claims_of("The driver told police that the brakes had failed."), "brakes")
    assert c.reported_by is None


def test_an_outlet_that_speaks_is_not_also_its_reporter(claims_of) -> None:
    """The analysis guide (Dec 2026): "CNN reported", "according to Reuters" make the outlet
    the speaker, and reported_by stays empty; the claims inside its report keep it."""
    c = _claim(
        claims_of("According to Reuters, both production and export of oil had been disrupted."),
        "production and export",
    )
    assert c.speaker_name == "Reuters" and c.reported_by is None
    claims = claims_of("Gladkov said the strike injured two workers, Daily Mail reported.")
    assert _claim(claims, "Gladkov said").reported_by is None
    assert _claim(claims, "injured two workers").reported_by == "Daily Mail"


def test_an_interview_credit_covers_the_speakers_paragraph(claims_of) -> None:
    """ "in an interview with X" frames the paragraph: the speaker's later claims there keep
    the outlet, named again or by role; a plain "told X" covers only its pronoun chain."""
    claims = claims_of(
        "Harry Reid attacked Rubio in a recent interview with The Washington Post. "
        '"What Rubio has done is one of the worst machinations I have seen," the Senate '
        'minority leader said. Reid said both men are "non-entities in the Senate."'
    )
    assert _claim(claims, "worst machinations").reported_by == "Washington Post"
    assert _claim(claims, "non-entities").reported_by == "Washington Post"


def test_a_writer_tied_to_an_outlet_gives_it_for_the_writers_claims(claims_of) -> None:
    claims = claims_of(
        "National Review's Ian Tuttle wrote that Trump exploited a phony perception of a failed "
        "party.\n\nTuttle also asserts that Republicans have aided the country's lurch to the "
        "left."
    )
    assert _claim(claims, "aided the country").reported_by == "National Review"


def test_a_from_outlet_line_credits_the_excerpt_after_it(claims_of) -> None:
    claims = claims_of(
        "The super PAC has a new name.\n\nFrom Bloomberg:\n\nDonald Trump has struggled to "
        "win over donors, a source said.\n\nBossie said the group would focus on Clinton."
    )
    assert _claim(claims, "focus on Clinton").reported_by == "Bloomberg"
    source = next(c for c in claims if c.speaker_text == "a source")
    assert source.reported_by == "Bloomberg"


def test_a_bracketed_credit_closes_a_digest_paragraph(claims_of) -> None:
    claims = claims_of(
        "RUSSIANS SPARED FULL BAN The committee said it would not ban all athletes. [Reuters]"
        "\n\nVERIZON TO BUY YAHOO The company said the sale would expand its media assets. "
        "[Marina Fang, HuffPost]\n\nThe board said the vote was close."
    )
    assert _claim(claims, "not ban all athletes").reported_by == "Reuters"
    assert _claim(claims, "expand its media").reported_by == "HuffPost"
    assert _claim(claims, "vote was close").reported_by is None
