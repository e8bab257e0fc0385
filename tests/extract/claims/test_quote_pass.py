"""Quotation attachment: quotes as content, split quotes, continuations."""


def test_direct_quote_inverted_cue(find_claim, claims_of):
    c = find_claim(claims_of("“We will not back down,” said Peskov."), "back down")
    assert c.form == "direct"
    assert c.speaker_text == "Peskov" and c.cue == "said"
    assert c.content == "“We will not back down,”"


def test_direct_quote_cue_after_speaker(find_claim, claims_of):
    c = find_claim(claims_of('"We will not back down," Peskov said.'), "back down")
    assert c.speaker_text == "Peskov" and c.form == "direct"


def test_quote_after_colon_with_title(find_claim, claims_of):
    text = "Foreign Minister Sergei Lavrov said: “The talks are over.”"
    c = find_claim(claims_of(text), "talks are over")
    assert c.speaker_text == "Foreign Minister Sergei Lavrov"
    assert c.speaker_name == "Sergei Lavrov"
    assert c.speaker_role == "Foreign Minister"
    assert c.speaker_type == "PERSON"


def test_split_quote_is_one_claim(find_claim, claims_of):
    text = "“The first part,” said Jane Doe, a spokeswoman for the agency, “is done.”"
    claims = claims_of(text)
    c = find_claim(claims, "first part")
    assert "is done" in c.content
    assert len(c.content_spans) == 2
    assert c.speaker_name == "Jane Doe"
    assert c.speaker_role == "spokeswoman for the agency"


def test_quote_continues_over_sentences_and_paragraphs(find_claim, claims_of):
    text = (
        "“We are ready. We have been ready for weeks,” Mary Jones said. “Nobody should doubt it.”"
        "\n\n“We will go on.”\n\nThe weather was cold."
    )
    claims = claims_of(text)
    c = find_claim(claims, "We are ready")
    assert "Nobody should doubt it" in c.content and "weather" not in c.content
    # the quotation paragraph after it is a claim of its own, with no cue (follow_on.py)
    after = find_claim(claims, "We will go on")
    assert after is not c and after.cue is None and after.speaker_name == "Mary Jones"


def test_mixed_quote(find_claim, claims_of):
    text = "The senator said the plan was “dead on arrival” and would not pass."
    c = find_claim(claims_of(text), "dead on arrival")
    assert c.form == "mixed"
    assert c.content.startswith("the plan was")


def test_short_quote_after_bare_cue(find_claim, claims_of):
    c = find_claim(claims_of('WASHINGTON (AP) — The senator said "yes."'), "yes")
    assert c.form == "direct" and c.speaker_text == "The senator"


def test_quote_continues_the_speech_claim_not_the_description(claims_of, find_claim):
    text = (
        '"I think it is coming," said a strategist, speaking on condition of anonymity to '
        'offer an assessment. "But it will not happen until the field winnows down."'
    )
    c = find_claim(claims_of(text), "I think it is coming")
    assert "winnows down" in c.content and c.cue == "said"
