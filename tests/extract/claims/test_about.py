"""Whom a claim is about, on real sentences (passes/about.py): first-person pronouns."""

from __future__ import annotations

import pytest

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


def _targets(extractor: Extractor, text: str):
    res = extractor.extract_text(text, "t")
    return {c.claim_id: c for c in res.claims}, res.targets


@pytest.mark.parametrize(
    ("text", "part"),
    [
        (
            "The Organisation of Islamic Cooperation condemned the bombing on Sunday. Governor "
            "Mujiv Hataman said that only this organisation appeared capable of the attack.",
            "appeared capable",
        ),
        (
            "President Donald Trump spoke on Monday. Judge Victor Marrero wrote that a domain "
            "exists in this country in which not only the President, but, derivatively, "
            "relatives and persons associated with him, are in fact above the law.",
            "above the law",
        ),
    ],
)
def test_a_definite_description_is_located_from_its_determiner(
    extractor: Extractor, text: str, part: str
) -> None:
    """The reference is "this organisation", "the President", not what precedes it in its
    phrase ("only", "in which not only")."""
    claims, targets = _targets(extractor, text)
    # the references that are neither the name itself nor a pronoun
    described = [
        text[t.start_char : t.end_char]
        for t in targets
        if part in claims[t.claim_id].content
        and t.target_name not in text[t.start_char : t.end_char]
        and " " in text[t.start_char : t.end_char]
    ]
    assert described, [(t.target_name, t.start_char) for t in targets]
    for w in described:
        assert w.split()[0].lower() in ("the", "this", "that"), w


def test_targets_lie_inside_the_content_once_per_claim(extractor: Extractor) -> None:
    """A name the content's boundary cuts is no target of it; an actor is listed once."""
    text = (
        "The Organisation of Islamic Cooperation condemned the bombing on Sunday. "
        "Governor Mujiv Hataman said that only this organisation had condemned it so quickly. "
        "Ahmed Khan said people harass ex-Muslims and accuse ex-Muslims of lying, and that "
        "ex-Muslims are attacked by ex-Muslims' own families."
    )
    claims, targets = _targets(extractor, text)
    assert targets
    seen = set()
    for t in targets:
        assert (t.claim_id, t.target_name) not in seen, t
        seen.add((t.claim_id, t.target_name))
        if t.role == "about":
            spans = claims[t.claim_id].content_spans
            assert any(s <= t.start_char and t.end_char <= e for s, e in spans), t
