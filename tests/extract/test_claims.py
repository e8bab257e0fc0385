"""Claim constructions on short hand-written sentences."""

import pytest


def test_direct_quote_inverted_cue(find_claim, claims_of):
    c = find_claim(claims_of("“We will not back down,” said Peskov."), "back down")
    assert c.kind == "direct"
    assert c.speaker_text == "Peskov" and c.cue == "said"
    assert c.content == "“We will not back down,”"


def test_direct_quote_cue_after_speaker(find_claim, claims_of):
    c = find_claim(claims_of('"We will not back down," Peskov said.'), "back down")
    assert c.speaker_text == "Peskov" and c.kind == "direct"


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
    c = find_claim(claims_of(text), "We are ready")
    assert "Nobody should doubt it" in c.content and "We will go on" in c.content
    assert "weather" not in c.content


def test_reported_speech_includes_that(find_claim, claims_of):
    c = find_claim(claims_of("The mayor said that the bridge would reopen next week."), "bridge")
    assert c.content == "that the bridge would reopen next week"
    assert c.kind == "indirect" and c.speaker_type == "PERSON" and c.speaker_name is None


def test_mixed_quote(find_claim, claims_of):
    text = "The senator said the plan was “dead on arrival” and would not pass."
    c = find_claim(claims_of(text), "dead on arrival")
    assert c.kind == "mixed"
    assert c.content.startswith("the plan was")


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


def test_according_to_outlet_sets_reported_by(find_claim, claims_of):
    text = "According to the Daily Mail, the governor said the army withdrew from the town."
    claims = claims_of(text)
    inner = next(c for c in claims if c.cue == "said")
    assert inner.reported_by == "Daily Mail"


def test_trailing_outlet_report(find_claim, claims_of):
    text = "Gladkov said the strike injured two workers, Daily Mail reported."
    claims = claims_of(text)
    outlet = next(c for c in claims if c.cue == "reported")
    inner = next(c for c in claims if c.cue == "said")
    assert outlet.speaker_name == "Daily Mail"
    assert "Gladkov said" in outlet.content
    assert "Daily Mail" not in inner.content
    assert inner.reported_by == "Daily Mail"


def test_accusation(find_claim, claims_of):
    c = find_claim(claims_of("Kremlin accuses Ukraine of attacking an oil depot."), "Ukraine of")
    assert c.kind == "accusation" and c.stance == "assert"
    assert c.content == "Ukraine of attacking an oil depot"
    assert c.speaker_name == "Kremlin" and c.speaker_type == "ORG"


def test_denial(find_claim, claims_of):
    text = "The ministry denied that its troops had entered the village."
    c = find_claim(claims_of(text), "troops")
    assert c.kind == "denial" and c.stance == "deny"


def test_noncommittal_and_no_denial_claim(find_claim, claims_of):
    claims = claims_of("Kuleba said he could neither confirm nor deny the reports.")
    c = find_claim(claims, "neither confirm")
    assert c.stance == "noncommittal"
    assert not any(x.kind == "denial" for x in claims)


def test_unattributed_fears(find_claim, claims_of):
    c = find_claim(
        claims_of("There have been fears that the ceasefire will collapse."), "ceasefire"
    )
    assert c.kind == "unattributed" and c.stance == "hedged"
    assert c.speaker_text is None and c.speaker_type is None


def test_relative_clause_between_speaker_and_cue(find_claim, claims_of):
    text = (
        "Gladkov, who was appointed by Vladimir Putin in 2020, said the strike injured two workers."
    )
    c = find_claim(claims_of(text), "strike injured")
    assert c.speaker_text == "Gladkov"


def test_pronoun_speaker_resolved(find_claim, claims_of):
    text = "John Smith, the city treasurer, arrived late. He said the budget was balanced."
    c = find_claim(claims_of(text), "budget")
    assert c.speaker_text == "He" and c.speaker_name == "John Smith"


def test_pronoun_gender_skips_wrong_antecedent(find_claim, claims_of):
    text = "Mary Jones met Mr. Tom Brown on Monday. She said the talks went well."
    c = find_claim(claims_of(text), "talks went well")
    assert c.speaker_name == "Mary Jones"


@pytest.mark.parametrize(
    "text, speaker, stype, role",
    [
        ("Analysts have noted that prices are rising.", "Analysts", "GROUP", None),
        ("A source told Reuters that the deal was close.", "A source", "PERSON", "source"),
        (
            "An exiled Russian politician claimed that the Kremlin is plotting attacks.",
            "An exiled Russian politician",
            "PERSON",
            "exiled Russian politician",
        ),
    ],
)
def test_anonymous_speakers(find_claim, claims_of, text, speaker, stype, role):
    c = claims_of(text)[0]
    assert c.speaker_text == speaker and c.speaker_name is None
    assert c.speaker_type == stype and c.speaker_role == role


def test_claim_targets_exclude_speaker(extractor):
    res = extractor.extract_text("Peskov said Ukraine and Poland had attacked Russia.", "x")
    claim = res.claims[0]
    names = {t.target_name for t in res.targets if t.claim_id == claim.claim_id}
    assert {"Ukraine", "Poland", "Russia"} <= names
    assert "Peskov" not in names


def test_content_offsets_match_text(find_claim, claims_of):
    text = (
        "“The first part,” said Jane Doe, a spokeswoman for the agency, “is done.” "
        "Analysts said it was late."
    )
    for c in claims_of(text):
        for s, e in c.content_spans:
            assert text[s:e] in c.content
        assert text[c.cue_start : c.cue_end] == c.cue
        if c.speaker_text:
            assert text[c.speaker_start : c.speaker_end] == c.speaker_text


def test_title_case_headline_claim(find_claim, claims_of):
    text = (
        "Trump Blasts Clinton Over Email Scandal\n\n"
        "Donald Trump on Monday blasted Hillary Clinton over her use of a private email server."
    )
    claims = claims_of(text)
    head = find_claim(claims, "Clinton Over Email")
    assert head.speaker_text == "Trump"
    assert text[head.content_start : head.content_end] in head.content


def test_short_quote_after_bare_cue(find_claim, claims_of):
    c = find_claim(claims_of('WASHINGTON (AP) — The senator said "yes."'), "yes")
    assert c.kind == "direct" and c.speaker_text == "The senator"


def test_pronoun_in_reported_clause_binds_to_reporting_subject(extractor):
    from pipeline.extract.entities import collect_mentions
    from pipeline.extract.speakers import SpeakerResolver

    text = (
        "Tom Brown met reporters on Monday. "
        "His mother, Anwar Khan, said she believed he was innocent."
    )
    doc = extractor.nlp(text)
    lex = extractor.lexicon
    mentions = collect_mentions(doc, lex, text)
    resolver = SpeakerResolver(doc, mentions, [False] * len(doc), lex, text)
    she = next(t for t in doc if t.lower_ == "she")
    assert resolver.describe(she).name == "Anwar Khan"


def test_nested_claim_is_part_of_the_outer_one(claims_of):
    # one attribution (PolNeAR keeps the outermost): the belief is what the mother said
    claims = claims_of("His mother, Anwar Khan, said she believed he was innocent.")
    assert [c.cue for c in claims] == ["said"]
    assert claims[0].content == "she believed he was innocent"


def test_claim_inside_outlet_report_is_kept(claims_of):
    text = "Peskov said the talks had failed, the Daily Mail reported."
    claims = claims_of(text)
    said = next(c for c in claims if c.cue == "said")
    assert said.reported_by == "Daily Mail"


def test_dash_signed_quotes(claims_of):
    text = (
        "Readers react\n\n"
        "“Donald Trump scares me. His words make me fearful.” ―\u00a0Krystal Correa\n"
        "”Fear. I am truly afraid.” — Edwin G. Monroy."
    )
    claims = {c.speaker_text: c for c in claims_of(text) if c.cue in ("―", "—")}
    assert set(claims) == {"Krystal Correa", "Edwin G. Monroy"}
    assert claims["Krystal Correa"].kind == "direct"
    assert "His words make me fearful" in claims["Krystal Correa"].content
    assert "Fear" in claims["Edwin G. Monroy"].content


def test_fronted_phrase_is_not_a_tail_clause(claims_of):
    claims = claims_of("In an interview with the Times, Clinton joked about moving to Canada.")
    assert all("interview" not in c.content for c in claims)


def test_learned_cue_decided_to(claims_of, find_claim):
    claims = claims_of("The senator decided to run for governor next year.")
    c = find_claim(claims, "run for governor")
    assert c.speaker_text == "The senator"


def test_learned_gate_blocks_unreliable_frame(claims_of):
    claims = claims_of("The mayor spoke to reporters on Tuesday.")
    assert all(c.content != "reporters" for c in claims)


def test_participial_cue_after_preposition_is_its_own_claim(claims_of, find_claim):
    text = "The Kremlin threatened to quit the talks after accusing Ukraine of attacking a depot."
    claims = claims_of(text)
    threat = find_claim(claims, "to quit the talks")
    assert "accusing" not in threat.content
    accusation = find_claim(claims, "Ukraine of attacking a depot")
    assert accusation.kind == "accusation"


def test_quote_continues_the_speech_claim_not_the_description(claims_of, find_claim):
    text = (
        '"I think it is coming," said a strategist, speaking on condition of anonymity to '
        'offer an assessment. "But it will not happen until the field winnows down."'
    )
    c = find_claim(claims_of(text), "I think it is coming")
    assert "winnows down" in c.content and c.cue == "said"
