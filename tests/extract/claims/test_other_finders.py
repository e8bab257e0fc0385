"""Cues that are not verbs: according to, nominal cues, colons and dashes."""

import pytest


@pytest.mark.parametrize(
    "text, speaker, part",
    [
        (
            "The bridge will reopen next week, according to city officials.",
            "city officials",
            "reopen",
        ),
        ("According to the Daily Mail, the army withdrew from the town.", "the Daily Mail", "army"),
    ],
)
def test_according_to(find_claim, claims_of, text, speaker, part):
    c = find_claim(claims_of(text), part)
    assert c.cue.lower() == "according to"
    assert c.speaker_text == speaker
    assert "according" not in c.content.lower()


def test_according_to_parsed_as_one_long_phrase(find_claim, claims_of):
    # the parser makes "According" the root and the clause an appositive of the source
    text = "According to talk radio host Rush Limbaugh, the move reeks of “fear” and desperation."
    c = find_claim(claims_of(text), "the move reeks")
    assert c.content == "the move reeks of “fear” and desperation"
    assert c.speaker_text.endswith("Rush Limbaugh")
    # an appositive after the source is skipped
    text = "According to John Smith, the director of the institute, the plan failed badly."
    assert find_claim(claims_of(text), "plan").content == "the plan failed badly"


def test_unattributed_fears(find_claim, claims_of):
    c = find_claim(
        claims_of("There have been fears that the ceasefire will collapse."), "ceasefire"
    )
    assert c.speaker_text is None and c.form == "none" and c.act == "hedge"
    assert c.speaker_text is None and c.speaker_type is None


def test_dash_signed_quotes(claims_of):
    text = (
        "Readers react\n\n"
        "“Donald Trump scares me. His words make me fearful.” ―\u00a0Krystal Correa\n"
        "”Fear. I am truly afraid.” — Edwin G. Monroy."
    )
    claims = {c.speaker_text: c for c in claims_of(text) if c.cue in ("―", "—")}
    assert set(claims) == {"Krystal Correa", "Edwin G. Monroy"}
    assert claims["Krystal Correa"].form == "direct"
    assert "His words make me fearful" in claims["Krystal Correa"].content
    assert "Fear" in claims["Edwin G. Monroy"].content


def test_a_hedge_adverb_on_a_cue_verb_leaves_the_claim_to_its_speaker(find_claim, claims_of):
    """ "UNESCO reportedly said …" is UNESCO's hedged claim; "The talks reportedly failed" has
    nobody's."""
    text = (
        "UNESCO reportedly said a change of name of a world heritage site would require "
        "approval from the World Heritage Committee. The talks reportedly failed."
    )
    c = find_claim(claims_of(text), "change of name")
    assert c.speaker_name == "UNESCO" and c.act == "hedge"
    assert "UNESCO" not in c.content
    assert find_claim(claims_of(text), "talks").speaker_text is None


def test_predicate_adjective_with_a_clause_or_an_object(find_claim, claims_of):
    # a participle under the copula: the copula's subject holds the belief
    text = "After living abroad for years, we are convinced this is the only country for us."
    c = find_claim(claims_of(text), "only country")
    assert c.speaker_text == "we" and c.cue == "are convinced"
    # no clause: the object of the adjective's preposition (cues/cue_adjectives.tsv)
    c = find_claim(claims_of("Republicans weren't too concerned about this shift."), "shift")
    assert c.content == "this shift" and c.cue == "weren't too concerned about"
    assert c.speaker_text == "Republicans"
    # a preposition the adjective does not take its object through, or none: no claim
    assert claims_of("The voters were concerned on Tuesday.") == []
    assert claims_of("The voters were happy.") == []
