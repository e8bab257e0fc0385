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
