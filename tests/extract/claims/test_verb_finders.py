"""Verb cues: frames, speakers, acts and the learned gate, on short hand-written sentences."""


def test_reported_speech_includes_that(find_claim, claims_of):
    c = find_claim(claims_of("The mayor said that the bridge would reopen next week."), "bridge")
    assert c.content == "that the bridge would reopen next week"
    assert c.form == "indirect" and c.act == "assert"
    assert c.speaker_type == "PERSON" and c.speaker_name is None


def test_accusation(find_claim, claims_of):
    c = find_claim(claims_of("Kremlin accuses Ukraine of attacking an oil depot."), "Ukraine of")
    assert c.act == "accuse" and c.form == "indirect"
    assert c.content == "Ukraine of attacking an oil depot"
    assert c.speaker_name == "Kremlin" and c.speaker_type == "ORG"


def test_denial(find_claim, claims_of):
    text = "The ministry denied that its troops had entered the village."
    c = find_claim(claims_of(text), "troops")
    assert c.act == "deny"


def test_noncommittal_and_no_denial_claim(find_claim, claims_of):
    claims = claims_of("Kuleba said he could neither confirm nor deny the reports.")
    c = find_claim(claims, "neither confirm")
    assert c.act == "noncommittal"
    assert not any(x.act == "deny" for x in claims)


def test_relative_clause_between_speaker_and_cue(find_claim, claims_of):
    text = (
        "Gladkov, who was appointed by Vladimir Putin in 2020, said the strike injured two workers."
    )
    c = find_claim(claims_of(text), "strike injured")
    assert c.speaker_text == "Gladkov"


def test_title_case_headline_claim(find_claim, claims_of):
    text = (
        "Trump Blasts Clinton Over Email Scandal\n\n"
        "Donald Trump on Monday blasted Hillary Clinton over her use of a private email server."
    )
    claims = claims_of(text)
    head = find_claim(claims, "Clinton Over Email")
    assert head.speaker_text == "Trump"
    assert text[head.content_start : head.content_end] in head.content


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
    assert accusation.act == "accuse"


def test_seem_to_with_a_cue_verb_keeps_the_subject_as_speaker(claims_of, find_claim):
    c = find_claim(claims_of("Stumpf appeared to blame low-level workers for the scam."), "workers")
    assert c.speaker_text == "Stumpf" and c.cue == "appeared to blame"
    assert c.content == "low-level workers for the scam"


def test_seem_to_without_a_cue_verb_stays_unattributed(claims_of, find_claim):
    c = find_claim(claims_of("The senator appears to have the state to himself."), "the state")
    assert c.speaker_text is None and c.speaker_type is None


def test_seem_in_a_conjunct_keeps_the_shared_subject(claims_of, find_claim):
    text = "Anderson largely agreed with McLenny and seemed to think the outreach was phony."
    claims = claims_of(text)
    c = find_claim(claims, "outreach was phony")
    assert c.speaker_text == "Anderson" and c.cue == "seemed to think"
    assert all(x.speaker_text is not None for x in claims if "phony" in x.content)


def test_speaker_is_not_the_subject_of_the_quotation_before_the_verb(claims_of, find_claim):
    # the parse joins "said" to the quoted clause and tags "Tulsa" as a verb
    text = (
        "The Justice Department is investigating the shooting.  “I will just make this promise "
        "to you: We will achieve justice in this case,” Tulsa police Chief Chuck Jordan said "
        "Monday. “I want to assure our community.”"
    )
    c = find_claim(claims_of(text), "achieve justice")
    assert c.cue == "said" and c.speaker_text is not None and "Jordan" in c.speaker_text


def test_noun_right_before_a_finite_cue_verb_is_its_subject(claims_of, find_claim):
    # the parse hangs "others" on "the convention" and leaves the second "said" subjectless
    text = (
        "Many prominent Republicans have said they will not attend the convention and others "
        "have said they are not interested in speaking."
    )
    c = find_claim(claims_of(text), "not interested in speaking")
    assert c.speaker_text == "others"
    # an object before the verb is not its subject
    text = "Dottie Deans is supporting Sanders and in a statement credited him for a campaign."
    c = find_claim(claims_of(text), "for a campaign")
    assert c.speaker_text == "Dottie Deans"


def test_contracted_has_is_not_a_passive(claims_of, find_claim):
    c = find_claim(claims_of("He's said that he will run for office."), "run for office")
    assert c.speaker_text == "He"
    passive = find_claim(claims_of("It's said that the plan will fail."), "plan will fail")
    assert passive.speaker_text is None
    text = "Despite his speeches, he’s sought to protect breaks important to real estate."
    assert find_claim(claims_of(text), "to protect breaks").speaker_text == "he"
    # a verb whose passive takes an infinitive (cues/raising_passive_verbs.txt) stays passive
    assert find_claim(claims_of("He's said to be ill."), "to be ill").speaker_text is None


def test_discourse_markers_are_not_cues(claims_of):
    text = (
        "That said, Millennials say they believe success will require effort. Having said that, "
        "the senator insisted the bill would pass. It has money, not to mention influence."
    )
    claims = claims_of(text)
    assert sorted(c.cue for c in claims) == ["insisted", "say"]
    assert {c.speaker_text for c in claims} == {"Millennials", "the senator"}


def test_fronted_clause_of_a_reporting_verb(claims_of, find_claim):
    # finite through its auxiliary ("are divided"), not only through its own tag
    text = "Large sections of the city are divided by race and income, other studies have shown."
    c = find_claim(claims_of(text), "divided by race")
    assert c.speaker_text == "other studies" and c.cue == "have shown"
    # the one told is no adverbial: the fronted clause stays the content
    text = "Donald Trump could embrace a clean energy policy, Graham told The Huffington Post."
    c = find_claim(claims_of(text), "clean energy policy")
    assert c.speaker_text == "Graham" and c.cue == "told"
    # an object that is no addressee still makes the fronted phrase an adverbial
    claims = claims_of("With his campaign in disarray, Trump claimed victory.")
    assert [c.content for c in claims if c.cue == "claimed"] == ["victory"]


def test_that_clause_parsed_as_an_adverbial(claims_of, find_claim):
    text = "Trump tweeted in the early morning hours that Machado was “disgusting” and “a con”."
    c = find_claim(claims_of(text), "Machado was")
    assert c.speaker_text == "Trump" and c.content.startswith("that Machado was")


def test_as_someone_put_it(claims_of, find_claim):
    c = find_claim(claims_of("As one analyst put it, the campaign is in free fall."), "free fall")
    assert c.speaker_text == "one analyst" and c.content == "the campaign is in free fall"
    c = find_claim(claims_of("As Vulture put it, “Hello, it's the Biebs.”"), "Biebs")
    assert c.speaker_text == "Vulture" and c.form == "direct"
    # "put" is no cue without the idiom
    assert claims_of("He put the book on the table and left.") == []


def test_stranded_preposition_takes_the_noun_the_clause_modifies(claims_of, find_claim):
    text = (
        "As it happens, this was exactly the sort of demographic change the party warned about "
        "in its 2013 report."
    )
    c = find_claim(claims_of(text), "demographic change")
    assert c.cue == "warned about" and c.speaker_text == "the party"
    assert c.content == "exactly the sort of demographic change"
    c = find_claim(claims_of("The book that he talked about on Monday sold well."), "book")
    assert c.content == "The book" and c.speaker_text == "he"


def test_accusation_stops_before_a_conjoined_cue_verb(extractor):
    # the "for" belongs to "called", not to "criticized"
    text = "The Kremlin criticized the agreement with Kyiv and called for sanctions against Poland."
    res = extractor.extract_text(text, "t")
    criticized = next(c for c in res.claims if c.cue == "criticized")
    assert criticized.content == "the agreement with Kyiv" and criticized.act == "accuse"
    called = next(c for c in res.claims if c.cue == "called for")
    assert called.content == "sanctions against Poland"
    # roles the claims hold (not the `accused_if_*` alternatives a reviewed act would take)
    about_poland = [
        t for t in res.targets if t.target_name == "Poland" and t.role in ("about", "accused")
    ]
    assert [t.claim_id for t in about_poland] == [called.claim_id]
