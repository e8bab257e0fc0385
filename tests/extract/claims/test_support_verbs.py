"""Support-verb cues (`cues/support_verbs.tsv`): a light verb and its word say the act."""


def test_light_verb_and_its_word_are_the_cue(claims_of, find_claim):
    c = find_claim(claims_of("Trump also took multiple swipes at Jeb Bush."), "Jeb Bush")
    assert c.cue == "took multiple swipes at" and c.content == "Jeb Bush"
    assert c.speaker_text == "Trump" and c.act == "accuse"
    text = "Donald Trump is raising questions about his microphone problems during the debate."
    c = find_claim(claims_of(text), "microphone")
    assert c.cue == "is raising questions about" and c.content == "his microphone problems"
    assert c.act != "accuse"


def test_clause_slot_before_a_preposition(claims_of, find_claim):
    # "for weeks" is a time, not what the case is for
    text = "Christie has been making the case for weeks that Rubio isn't ready for the job."
    c = find_claim(claims_of(text), "Rubio")
    assert c.content == "that Rubio isn't ready for the job" and c.speaker_text == "Christie"


def test_made_clear_whatever_the_parse(claims_of, find_claim):
    # the parse hangs "clear" on "Monday"; the clause has no "that"
    text = (
        "However, officials with the committee made clear Monday they have no plans to spend "
        "money to save her."
    )
    c = find_claim(claims_of(text), "no plans")
    assert c.content.startswith("they have no plans") and c.cue == "made clear"
    text = "Hillary Clinton made it clear to House Democrats on Wednesday that she has their backs."
    assert find_claim(claims_of(text), "their backs").speaker_text == "Hillary Clinton"


def test_passive_support_verb_is_unattributed(claims_of, find_claim):
    c = find_claim(claims_of("Questions have been raised about the safety of the plant."), "plant")
    assert c.speaker_text is None and c.content == "the safety of the plant"


def test_light_verbs_without_their_words_are_no_cues(claims_of):
    assert claims_of("He took the bus to work and made a cake for the party.") == []


def test_accusation_pairs_name_the_accused_and_keep_the_reason(extractor):
    res = extractor.extract_text("Kyiv pointed the finger at Russia for the blast.", "t")
    (c,) = res.claims
    assert c.cue == "pointed the finger at" and c.content == "Russia for the blast"
    assert c.act == "accuse" and c.speaker_text == "Kyiv"
    accused = [t.target_name for t in res.targets if t.role == "accused"]
    assert accused == ["Russia"]
    text = "The Kremlin launched a fresh attack on Ukraine over the strikes."
    res = extractor.extract_text(text, "t")
    assert [t.target_name for t in res.targets if t.role == "accused"] == ["Ukraine"]


def test_criticism_received_accuses_the_subject(extractor):
    text = "Ukraine faced sharp criticism from Moscow over the strikes on Belgorod."
    res = extractor.extract_text(text, "t")
    (c,) = res.claims
    assert c.speaker_text == "Moscow" and c.act == "accuse"
    assert c.content == "the strikes on Belgorod"
    assert [t.target_name for t in res.targets if t.role == "accused"] == ["Ukraine"]
    # without "from X" nobody in particular speaks
    res = extractor.extract_text("Mufti Abdul Qawi drew criticism for associating with her.", "t")
    (c,) = res.claims
    assert c.speaker_text is None and c.content.endswith("associating with her")
    assert [t.target_name for t in res.targets if t.role == "accused"] == ["Abdul Qawi"]
    assert extractor.extract_text("He drew a picture of a house.", "t").claims == []


def test_criticism_through_a_preposition_accuses_the_subject(extractor):
    """ "came under fire for …" (`via` in support_verbs.tsv): the critics speak, unnamed here;
    the content is the reason, else the subject."""
    text = "The mayor's office came under fire from Democrats over the budget cuts."
    res = extractor.extract_text(text, "t")
    (c,) = res.claims
    assert c.cue == "came under fire" and c.speaker_text == "Democrats"
    assert c.content == "the budget cuts" and c.act == "accuse"
    text = "Governor Ann Lee's pardons have come under intense scrutiny."
    res = extractor.extract_text(text, "t")
    (c,) = res.claims
    assert c.cue == "have come under intense scrutiny" and c.speaker_text is None
    assert c.content == "Governor Ann Lee's pardons" and c.act == "accuse"
    assert [t.target_name for t in res.targets if t.role == "accused"] == ["Ann Lee"]


def test_literal_fire_is_no_criticism(claims_of):
    # "fire" and "attack" need a reason (for/over): troops under fire are shot at
    assert claims_of("The troops came under fire near the border.") == []
    assert claims_of("The convoy came under attack at dawn.") == []


def test_heaped_criticism_on_names_the_accused(extractor):
    text = "Senator Ann Lee heaped criticism on Governor Tom Ward."
    res = extractor.extract_text(text, "t")
    (c,) = res.claims
    assert c.cue == "heaped criticism on" and c.speaker_name == "Ann Lee"
    assert c.act == "accuse" and [t.target_name for t in res.targets if t.role == "accused"] == [
        "Tom Ward"
    ]
