"""Speakers and actors on news no rule was tuned on (issue 26): party words beside a name,
interview transcripts, laws and word fragments as speakers, a parliament's chamber named
four ways."""

from __future__ import annotations

from pipeline.extract import Extractor

AMODEI = (
    "Since then, a Republican, Mark Amodei, has publicly voiced support for the impeachment "
    "inquiry, telling the Nevada Independent: \"I'm a big fan of oversight, so let's let the "
    'committees get to work." He continued by noting that "Using government agencies to put '
    "your finger on the scale of an election, I don't think that's right.\""
)

INTERVIEW = (
    "Wikinews reached out to Philipp Hagemeister, a former maintainer of the project.\n\n\n"
    "((WN))  What do you think of the DMCA notice?\n\n\n"
    "((Philipp Hagemeister))  I think it is not warranted because the software is legal.\n\n\n"
    "I understand people who think differently.\n\n\n"
    "((WN))  Could you also explain in brief how the software functions?\n\n\n"
)

HOUSE = (
    "Friday, the United States House of Representatives issued a subpoena for documents from "
    "Secretary of State Mike Pompeo. The House issued a deposition request for Kurt Volker. "
    "Last week the White House released a summary of a phone call. Others preferred an "
    "investigation by the House Judiciary Committee. Under the Constitution, the House of "
    "Representatives impeaches the official."
)


def test_a_named_person_beside_a_party_word_is_the_speaker(extractor: Extractor) -> None:
    res = extractor.extract_text(AMODEI, "a")
    speakers = {c.cue: (c.speaker_name, c.speaker_type) for c in res.claims}
    assert speakers["has publicly voiced"] == ("Mark Amodei", "PERSON")
    assert speakers["telling"] == ("Mark Amodei", "PERSON")
    # the pronoun of the next sentence takes the person, not an earlier speaker
    assert speakers["noting"] == ("Mark Amodei", "PERSON")
    # the party word describes the person: no actor of its own
    assert "Republican" not in {m.text for m in res.mentions}


def test_the_party_word_after_the_name_is_no_actor_either(extractor: Extractor) -> None:
    text = "Mark Amodei, a Republican, said the committees should get to work."
    res = extractor.extract_text(text, "a")
    assert {m.text for m in res.mentions} == {"Mark Amodei"}
    assert res.claims[0].speaker_name == "Mark Amodei"


def test_interview_questions_are_no_claims_and_answers_are_the_interviewee_s(
    extractor: Extractor,
) -> None:
    res = extractor.extract_text(INTERVIEW, "a")
    by_content = {c.content: c.speaker_name for c in res.claims}
    # an answer's "I", in the labelled paragraph and the unlabelled one after it
    assert by_content["it is not warranted because the software is legal"] == (
        "Philipp Hagemeister"
    )
    assert by_content["people who think differently"] == "Philipp Hagemeister"
    # the interviewer's questions ("do you think", "Could you explain") are not claims
    assert not any("DMCA notice" in c or "functions" in c for c in by_content)


def test_a_question_inside_a_quotation_is_still_a_claim(extractor: Extractor) -> None:
    text = 'The minister spoke on Monday. "Why would we wait any longer?" Smith asked.'
    res = extractor.extract_text(text, "a")
    assert any("wait any longer" in c.content for c in res.claims)


def test_i_outside_a_transcript_stays_unresolved(extractor: Extractor) -> None:
    text = "Mary Jones chairs the board. I think the board will vote against the plan."
    claims = extractor.extract_text(text, "a").claims
    assert all(c.speaker_name != "Mary Jones" for c in claims)


def test_a_law_is_no_speaker_and_no_actor(extractor: Extractor) -> None:
    text = (
        "The company received a Digital Millennium Copyright Act (DMCA) take-down notice. "
        "The DMCA applies to every host. The RIAA cited 17 U.S. Code § 1201 Circumvention of "
        'copyright protection systems, which says "No person shall circumvent a '
        'technological measure". The Digital Millennium Copyright Act says that no person '
        "shall circumvent a technological measure."
    )
    res = extractor.extract_text(text, "a")
    labels = {m.text: m.label for m in res.mentions}
    assert labels["Digital Millennium Copyright Act"] == "LAW"
    assert labels["DMCA"] == "LAW"  # its acronym too
    says = [c for c in res.claims if c.cue == "says"]
    assert len(says) == 2
    assert all(c.speaker_name is None and c.speaker_type == "OTHER" for c in says)


def test_the_end_of_a_hyphenated_word_is_no_speaker(extractor: Extractor) -> None:
    text = (
        "Wikinews reached out to Philipp Hagemeister.\n\n\n((Philipp Hagemeister))  YouTube "
        "implements DRM for YouTube Movies.  youtube-dl does not support those.\n\n\n"
    )
    (c,) = [c for c in extractor.extract_text(text, "a").claims if c.cue == "does not support"]
    assert c.speaker_text == "youtube-dl"
    assert (c.speaker_name, c.speaker_type) == (None, "OTHER")  # no person "dl"


def test_a_chamber_named_four_ways_is_one_actor(extractor: Extractor) -> None:
    res = extractor.extract_text(HOUSE, "a")
    resolved = {m.text: m.resolved_name for m in res.mentions}
    assert resolved["House"] == "House of Representatives"
    assert resolved["the White House"] == "White House"
    assert resolved["the House Judiciary Committee"] == "House Judiciary Committee"
    subpoena = next(c for c in res.claims if "subpoena" in c.content)
    assert (subpoena.speaker_name, subpoena.speaker_type) == ("House of Representatives", "ORG")


def test_a_country_first_name_is_the_article_s_organisation(extractor: Extractor) -> None:
    text = (
        "The U.S. House voted on Wednesday to send the articles to the Senate. Speaker Nancy "
        "Pelosi said the House would appoint managers. Senator Mitch McConnell said the "
        "U.S. Senate would hold a trial."
    )
    resolved = {m.text: m.resolved_name for m in extractor.extract_text(text, "a").mentions}
    assert resolved["The U.S. House"] == resolved["House"] == "U.S. House"
    assert resolved["the U.S. Senate"] == resolved["Senate"] == "U.S. Senate"


def test_a_statement_with_a_question_tag_is_still_a_claim(extractor: Extractor) -> None:
    text = (
        "((Zara Kay))  So the core is story-telling. I think girls who escaped need to be "
        "heard, right?\n\n\n((WN))  Why did you decide to start the page?\n\n\n"
    )
    claims = extractor.extract_text(text, "a").claims
    assert [(c.content, c.speaker_name) for c in claims] == [
        ("girls who escaped need to be heard, right", "Zara Kay")
    ]


def test_a_name_without_its_middle_name_is_the_same_person(extractor: Extractor) -> None:
    text = (
        "Brian T. Carroll is the party's nominee. Brian Carroll said the party would grow. "
        "Robert Gabriel Mugabe ruled for 37 years. Robert Mugabe died on Friday."
    )
    resolved = {m.text: m.resolved_name for m in extractor.extract_text(text, "a").mentions}
    assert resolved["Brian Carroll"] == "Brian T. Carroll"
    assert resolved["Robert Mugabe"] == "Robert Gabriel Mugabe"


def test_a_party_word_before_a_name_is_no_actor(extractor: Extractor) -> None:
    text = (
        "The seat is that of incumbent Republican Cory Gardner, who said he would run. "
        "Republican officials said the race would be close."
    )
    res = extractor.extract_text(text, "a")
    kept = [m.start_char for m in res.mentions if m.label == "NORP"]
    # the officials' party stays, Gardner's title goes
    assert kept == [text.index("Republican officials")]


def test_he_takes_the_person_of_his_paragraph_over_an_earlier_paragraph_s_speaker(
    extractor: Extractor,
) -> None:
    text = (
        '"That is the only explanation," tweeted former thinktank executive Ken Gude.\n\n\n'
        "The inquiry has gained support from Mark Amodei. He continued by noting that "
        '"using government agencies is not right."'
    )
    claims = extractor.extract_text(text, "a").claims
    noting = next(c for c in claims if c.cue == "noting")
    assert noting.speaker_name == "Mark Amodei"


def test_a_title_running_into_a_name_is_that_person(extractor: Extractor) -> None:
    text = (
        "The ban followed discussions within Europe and with the US. US Ambassador to Germany "
        'Richard Grenell alleged, by way of example, that Mahan had "contributed to incredible '
        'human suffering". A spokesman for the airline said the ban was unfair.'
    )
    res = extractor.extract_text(text, "a")
    alleged = next(c for c in res.claims if c.cue == "alleged")
    assert (alleged.speaker_name, alleged.speaker_type) == ("Richard Grenell", "PERSON")
    said = next(c for c in res.claims if c.cue == "said")
    assert said.speaker_name is None  # "a spokesman for the airline": a role, no name


def test_the_chamber_after_a_country_does_not_block_the_merge(extractor: Extractor) -> None:
    text = (
        "U.S. House issues subpoena to secretary of state\n\n"
        "Friday, the United States House of Representatives issued a subpoena. The House "
        "issued a deposition request for Kurt Volker. Last week the White House released a "
        "summary of a phone call. Under the Constitution, the House of Representatives "
        "impeaches the official."
    )
    resolved = {m.text: m.resolved_name for m in extractor.extract_text(text, "a").mentions}
    assert resolved["U.S. House"] == resolved["House"] == "House of Representatives"


def test_he_is_not_the_one_person_when_the_paragraph_names_two(extractor: Extractor) -> None:
    text = (
        "Kurt Volker, the special envoy for Ukraine, resigned on Friday.\n\n"
        "Volker's resignation was the first since details emerged about Trump's call. "
        "Volker's position put him in the center of the Trump administration's affairs. In "
        "July, he said that the meeting had been useful."
    )
    claims = extractor.extract_text(text, "a").claims
    assert next(c for c in claims if "meeting" in c.content).speaker_name == "Kurt Volker"
