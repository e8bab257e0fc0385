"""Whom a claim is about, on real sentences (labels/about.py): first-person pronouns."""

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
    """A name the content's boundary cuts is no target of it; an actor is listed once in each
    role (its own, and whom it would accuse under another accusing act)."""
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
        assert (t.claim_id, t.target_name, t.role) not in seen, t
        seen.add((t.claim_id, t.target_name, t.role))
        if t.role == "about":
            spans = claims[t.claim_id].content_spans
            assert any(s <= t.start_char and t.end_char <= e for s, e in spans), t


@pytest.mark.parametrize(
    ("text", "part", "setting"),
    [
        # the mention's determiner is not its root: "the United Kingdom" is in a setting
        (
            "Gazeta Prawna reports only 0.5% of Polish grocery turnover comes from this "
            "segment, compared to 7% in the United Kingdom.",
            "grocery turnover",
            "United Kingdom",
        ),
        (
            "Sarea said it was among the largest Houthi operations inside of Saudi Arabia.",
            "largest Houthi",
            "Saudi Arabia",
        ),
        (
            "The judge said the Turpins had kept their children in the family home, located "
            "70 miles (112 km) south of Los Angeles.",
            "family home",
            "Los Angeles",
        ),
        (
            "Police said a mother called the police in Kamloops, British Columbia (B.C.), Canada "
            "on Sunday morning after her daughter found a bag.",
            "called the police",
            "Canada",
        ),
        # a place in a named person's title: the person is the actor
        (
            "Other Republicans urged him to move forward with the presidential transition, such "
            "as former New Jersey governor Chris Christie.",
            "presidential transition",
            "New Jersey",
        ),
        (
            "Erdogan said he would attack the proclamation of Golan Heights as official Israeli "
            "territory by the President of the United States Donald Trump.",
            "proclamation",
            "United States",
        ),
        # a demonym on something owned by another actor, or on a market, says where
        (
            "In the 2019/20 fiscal year, Tesco said its Polish branch had a 24 million pounds "
            "operating loss.",
            "operating loss",
            "Poland",
        ),
        (
            "Tesco stated its intention to leave the Polish market altogether.",
            "Polish market",
            "Poland",
        ),
    ],
)
def test_places_that_are_settings_or_titles_are_not_about(
    extractor: Extractor, text: str, part: str, setting: str
) -> None:
    assert setting not in about(extractor, text, part)


def test_a_place_acting_is_still_about(extractor: Extractor) -> None:
    """The setting rules leave parties alone: "accusing Ukrainian helicopters", "the Hong Kong
    authorities have chosen"."""
    text = (
        "Joshua Wong said the announcement cannot change the fact that the Hong Kong "
        "authorities have chosen to suppress protesters."
    )
    assert "Hong Kong" in about(extractor, text, "authorities")


@pytest.mark.parametrize(
    ("text", "part", "actor"),
    [
        (
            "In a statement issued on Monday, the Royal Canadian Mounted Police (RCMP) confirmed "
            "they seized the substance.",
            "seized",
            "Royal Canadian Mounted Police",
        ),
        # "it"/"they" for a person speaker: the organisation they speak for
        (
            "Speaking on al-Masirah TV in Yemen, Houthi military spokesperson Yahya Sarea said it "
            "had carried out the attack using ten drones.",
            "carried out",
            "Houthi",
        ),
    ],
)
def test_it_or_they_reported_by_its_speaker_is_the_speaker(
    extractor: Extractor, text: str, part: str, actor: str
) -> None:
    assert actor in about(extractor, text, part)


@pytest.mark.parametrize(
    ("text", "part", "present", "absent"),
    [
        # "he" in a quotation is someone the speaker talks about, not the speaker
        (
            "Jacques Chirac died on Thursday. Former president Nicolas Sarkozy said of Chirac, "
            '"He incarnated a France that was true to its universal values."',
            "incarnated",
            "Jacques Chirac",
            "Nicolas Sarkozy",
        ),
        # "his side", "her government": the group the person speaks for
        (
            "Maroochydore coach Ben Radmall said that his side needed to work on some things.",
            "his side",
            "Maroochydore",
            "Ben Radmall",
        ),
        (
            "Hong Kong's Chief Executive Carrie Lam announced on Wednesday that her government "
            "will officially withdraw a proposed bill.",
            "withdraw",
            "Hong Kong",
            "Carrie Lam",
        ),
    ],
)
def test_third_person_pronouns_in_what_is_said(
    extractor: Extractor, text: str, part: str, present: str, absent: str
) -> None:
    got = about(extractor, text, part)
    assert present in got and absent not in got


@pytest.mark.parametrize(
    ("text", "part", "present", "absent"),
    [
        # "the Turpins": the people of the article with that surname
        (
            "Judge Bernard Schwartz sentenced David and Louise Turpin to life in prison. David "
            "Turpin was also charged. Prosecutors said the Turpins had kept their children "
            "indoors for years.",
            "kept their children",
            "Louise Turpin",
            "Turpins",
        ),
        # "my client" is the client, not the speaker
        (
            'Lawyer Howard Rubel told the BBC after the verdict "My client is of course very '
            'relieved with the verdict."',
            "relieved",
            None,
            "Howard Rubel",
        ),
        # "it" a person reports as a thing described is not their organisation
        (
            "Maroochydore coach Ben Radmall said it was a tough game.",
            "tough game",
            None,
            "Maroochydore",
        ),
        # an organisation naming itself as the subject of its own quoted words
        (
            "The WHO's website said: \"There is no evidence that current medicine can prevent "
            'the disease. The WHO does not recommend self-medication with any medicines."',
            "self-medication",
            "WHO",
            None,
        ),
    ],
)
def test_families_clients_and_self_naming(
    extractor: Extractor, text: str, part: str, present: str | None, absent: str | None
) -> None:
    got = about(extractor, text, part)
    assert present is None or present in got, got
    assert absent is None or absent not in got, got
