"""Whom a claim is about, on real sentences (passes/about.py): first-person pronouns."""

from __future__ import annotations

from pipeline.extract import Extractor


def about(extractor: Extractor, text: str, part: str) -> list[str]:
    res = extractor.extract_text(text, "t")
    for c in res.claims:
        if part in c.content:
            return [t.target_name for t in res.targets if t.claim_id == c.claim_id]
    raise AssertionError(f"no claim containing {part!r}: {[c.content for c in res.claims]}")


def test_i_in_a_quotation_is_the_speaker(extractor: Extractor) -> None:
    text = 'David Turpin wept in court. "I love my children and they love me," Turpin said.'
    assert "David Turpin" in about(extractor, text, "I love my children")


def test_talk_about_the_talk_is_not_what_it_is_about(extractor: Extractor) -> None:
    """ "I mean", "I must tell you": the speaker speaking, not the subject."""
    text = 'Eyewitness Vinnie DeVita said: "It exploded. I mean, just a ball of flames."'
    assert "Vinnie DeVita" not in about(extractor, text, "ball of flames")


def test_we_is_the_team_the_speaker_speaks_for(extractor: Extractor) -> None:
    text = (
        "Caloundra defeated Wynnum 45 points to 24 on Saturday. "
        '"We were able to turn the momentum around," Wynnum coach Matt Myers said.'
    )
    got = about(extractor, text, "turn the momentum")
    assert "Wynnum" in got and "Matt Myers" not in got


def test_we_without_an_affiliation_is_the_speaker(extractor: Extractor) -> None:
    text = 'Tanya Davies said: "We have moved the bill to a better place."'
    assert "Tanya Davies" in about(extractor, text, "moved the bill")
