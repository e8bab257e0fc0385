"""Speech acts and accused parties on real sentences, as the rules decide them
(labels/acts.py, labels/wrongdoings.py). The learned layer that decides from the rules' act
(claims/labels/learned/) is tested in tests/extract/claims/learned/ and measured out of fold."""

from __future__ import annotations

import pytest

from pipeline.extract import Extractor
from pipeline.extract.claims.labels import LABELLERS


@pytest.fixture(scope="module")
def analyse():
    """text -> list of (claim, accused names, about names), the rules' acts."""
    extractor = Extractor(n_process=1, labellers=LABELLERS)
    cache: dict[str, list] = {}

    def run(text: str) -> list:
        if text not in cache:
            res = extractor.extract_text(text, "t")
            rows = []
            for c in res.claims:
                ts = [t for t in res.targets if t.claim_id == c.claim_id]
                accused = [t.target_name for t in ts if t.role == "accused"]
                rows.append((c, accused, [t.target_name for t in ts]))
            cache[text] = rows
        return cache[text]

    return run


def claim(rows: list, part: str) -> tuple:
    for row in rows:
        if part in row[0].content:
            return row
    raise AssertionError(f"no claim containing {part!r}: {[r[0].content for r in rows]}")


ACCUSATIONS = [
    # (sentence, content part, accused)
    (
        "Kremlin accuses Ukraine of attacking oil facility inside Russia.",
        "attacking oil facility",
        ["Ukraine"],
    ),
    ("Pompeo blamed Iran for the attacks on Saudi oil facilities.", "attacks", ["Iran"]),
    (
        "Opposition leader Anna Berg slammed Prime Minister Olaf Lund over the budget.",
        "Olaf Lund",
        ["Olaf Lund"],
    ),
    (
        "Amnesty International criticised the Hong Kong authorities for suppressing protests.",
        "suppressing protests",
        ["Hong Kong"],
    ),
    ("The European Union condemned Russia for the missile strike.", "missile strike", ["Russia"]),
    (
        "The minister said Iran was responsible for the attacks on the tankers.",
        "responsible",
        ["Iran"],
    ),
    (
        "The union said Tesco's failure to protect its workers was a scandal.",
        "failure",
        ["Tesco"],
    ),
    (
        "Governor Vyacheslav Gladkov said two Ukrainian helicopters fired rockets at a fuel depot.",
        "fired rockets",
        ["Ukraine"],
    ),
    ("Emily Spanton testified that she was raped by Antoine Quirin.", "raped", ["Antoine Quirin"]),
    # "launch" is a cue verb elsewhere ("launched a campaign"), but here Ukraine did the wrong
    ("Gladkov said Ukraine launched the attack on the depot.", "launched", ["Ukraine"]),
    # a predicate of blame, not someone blaming; a name that is an insult
    ("The Kremlin said Kyiv was to blame for the explosion.", "to blame", ["Kyiv"]),
    ("Biden said Putin was a war criminal.", "war criminal", ["Putin"]),
    (
        "The minister said the strike was a terrorist attack carried out by Ukraine.",
        "carried out",
        ["Ukraine"],
    ),
    # a cue verb whose preposition names the target
    ("The governor lashed out at Pfizer over the delays.", "Pfizer", ["Pfizer"]),
    ("Sanders railed against Goldman Sachs over the bailout.", "Goldman", ["Goldman Sachs"]),
]


@pytest.mark.parametrize(("text", "part", "accused"), ACCUSATIONS, ids=[a[1] for a in ACCUSATIONS])
def test_accusations_in_any_wording(analyse, text: str, part: str, accused: list[str]) -> None:
    c, got, about = claim(analyse(text), part)
    assert c.act == "accuse", (c.cue, c.content)
    assert got == accused
    assert set(accused) <= set(about)


def test_the_setting_of_an_accusation_is_not_accused(analyse) -> None:
    """ "inside Russia" is where the depot is: Russia is neither accused nor what it is about."""
    c, accused, about = claim(analyse(ACCUSATIONS[0][0]), "attacking oil facility")
    assert "Russia" not in accused and "Russia" not in about


def test_a_wrong_in_a_name_or_at_a_place_accuses_nobody(analyse) -> None:
    """A wrongdoing word in an actor's own name is no wrongdoing ("Anti-Corruption
    Commission"); a place compounded before the wrong is where it happened ("the Paris
    attacks"), while an owner or a demonym names the attacker."""
    text = "A hospital official said the deceased was a director of the Anti-Corruption Commission."
    c, accused, _ = claim(analyse(text), "director")
    assert c.act == "assert" and accused == []
    c, accused, _ = claim(
        analyse("Officials said the Paris attacks were planned in Brussels."), "Paris"
    )
    assert "Paris" not in accused
    for text in (
        "He said Russia's attacks on Kyiv must stop.",
        "He said the Russian attacks must stop.",
    ):
        assert claim(analyse(text), "attacks")[1] == ["Russia"]


def test_called_a_liar(analyse) -> None:
    c, accused, _ = claim(analyse("Senator Mark Hale called the governor a liar."), "liar")
    assert c.act == "accuse"


def test_called_a_wrongdoing_but_not_calling_for_one(analyse) -> None:
    text = "The UN chief called the attack a violation of international law."
    assert claim(analyse(text), "violation")[0].act == "accuse"
    text = "Trump called for the government of Ukraine to reduce corruption."
    assert claim(analyse(text), "reduce corruption")[0].act == "assert"


def test_a_wrongdoing_without_a_named_party_is_no_accusation(analyse) -> None:
    c, accused, _ = claim(
        analyse("Police said the attacks occurred at 4 am and struck two processing plants."),
        "attacks occurred",
    )
    assert c.act == "assert" and accused == []


def test_the_speaker_never_accuses_itself(analyse) -> None:
    text = "Houthi spokesman Yahya Sarea said the group had carried out the attack using drones."
    c, accused, _ = claim(analyse(text), "carried out")
    assert c.act == "assert" and accused == []


DENIALS = [
    ("Antoine Quirin denied any sexual activity.", "sexual activity", ["Antoine Quirin"]),
    (
        "His mother Anwar said her son Mohammed Waseem was innocent.",
        "innocent",
        ["Mohammed Waseem"],
    ),
    (
        'Emily Murphy insisted she was "never pressured by any White House official".',
        "pressured",
        ["White House"],
    ),
    ('Pompeo said there was "no evidence the attacks came from Yemen."', "no evidence", []),
    # who complained of a crime is not its author: the denial is the officers' own
    (
        "Officer Antoine Quirin claimed Emily Spanton first complained of theft, not rape.",
        "complained",
        ["Antoine Quirin"],
    ),
]


@pytest.mark.parametrize(("text", "part", "accused"), DENIALS, ids=[d[1] for d in DENIALS])
def test_denials(analyse, text: str, part: str, accused: list[str]) -> None:
    c, got, _ = claim(analyse(text), part)
    assert c.act == "deny", (c.cue, c.content)
    assert got == accused


def test_neither_confirm_nor_deny_is_noncommittal(analyse) -> None:
    text = (
        "Foreign Minister Dmytro Kuleba said: “I can neither confirm nor reject the claim that "
        "Ukraine was involved in this.”"
    )
    c, accused, about = claim(analyse(text), "neither confirm")
    assert c.act == "noncommittal" and accused == []
    assert "Ukraine" in about and "Dmytro Kuleba" not in about  # "I" is the speaker talking


def test_declined_to_comment_is_noncommittal(analyse) -> None:
    """A bare refusal says nothing: non-committal (PolNeAR counts it as an attribution, so it
    stays a claim), never an assertion."""
    rows = analyse("A spokesman for Veridian Systems declined to comment on the report.")
    assert [c.act for c, _, _ in rows] == ["noncommittal"]


HEDGES = [
    ("Investigators said the fire may have been caused by a faulty cable.", "fire may"),
    ("But there have been fears that Russia would stage a false flag attack.", "false flag"),
    ("Erdogan said he might rename the monument.", "might rename"),
    ("The minister reportedly said the talks would resume in May.", "talks would resume"),
    ("Schumer said the tweets are likely the closest thing to a concession.", "likely"),
]


@pytest.mark.parametrize(("text", "part"), HEDGES, ids=[h[1] for h in HEDGES])
def test_hedges(analyse, text: str, part: str) -> None:
    c, accused, _ = claim(analyse(text), part)
    assert c.act == "hedge", (c.cue, c.content)
    assert accused == []


def test_plain_statement_is_an_assertion(analyse) -> None:
    c, accused, _ = claim(analyse("The mayor said the new bridge will open in May."), "bridge")
    assert c.act == "assert" and c.form == "indirect" and accused == []


def test_forms(analyse) -> None:
    rows = analyse(
        '"We will not back down," Peskov said. Lavrov said the talks were "over for now". '
        "There have been fears that the ceasefire would collapse."
    )
    assert claim(rows, "back down")[0].form == "direct"
    assert claim(rows, "over for now")[0].form == "mixed"
    assert claim(rows, "ceasefire")[0].form == "none"


def test_denying_a_finding_accuses_nobody(analyse) -> None:
    """A claim, not a wrongdoing, is rejected: deny with an empty accused (gold notes)."""
    text = (
        "Clinic manager Michaela Jyrkkanen disagreed with the correlation between the overdoses "
        "and the payments."
    )
    c, accused, _ = claim(analyse(text), "correlation")
    assert c.act == "deny" and accused == []


def test_a_refusal_earlier_in_the_article_does_not_make_later_claims_noncommittal(
    claims_of, find_claim
):
    text = (
        "The company declined to comment on the report. On Tuesday, the mayor said the bridge "
        "would reopen next week. The governor accused the contractor of fraud."
    )
    claims = claims_of(text)
    assert find_claim(claims, "bridge would reopen").act == "assert"
    assert find_claim(claims, "contractor of fraud").act == "accuse"
