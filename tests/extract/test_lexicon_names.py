"""Rule tables: verb inflection, cue lookup, name normalisation (no model needed)."""

from pipeline.extract import lexicon, names


def test_inflection_regular_and_irregular():
    assert {"say", "says", "said", "saying"} <= lexicon.inflect("say")
    assert {"admitted", "admitting"} <= lexicon.inflect("admit")
    assert {"denies", "denied", "denying"} <= lexicon.inflect("deny")
    assert {"notes", "noted", "noting"} <= lexicon.inflect("note")


def test_verb_lemma_lookup():
    assert lexicon.verb_lemma("Told") == "tell"
    assert lexicon.verb_lemma("accusing") == "accuse"
    assert lexicon.verb_lemma("walked") is None


def test_frames_table_parsed():
    assert "quote" in lexicon.CUE_FRAMES["say"]
    assert "accuse" in lexicon.CUE_FRAMES["accuse"]
    assert "p:to" in lexicon.CUE_FRAMES["refer"]
    assert "say" in lexicon.SPEECH_VERBS


def test_rules_fingerprint_is_stable_and_sensitive():
    a = lexicon.rules_fingerprint(["x"])
    assert a == lexicon.rules_fingerprint(["x"])
    assert a != lexicon.rules_fingerprint(["y"])


def test_normalize_person_titles_and_possessive():
    assert names.normalize_name("President Vladimir Putin’s", "PERSON") == (
        "Vladimir Putin",
        "PERSON",
    )
    assert names.normalize_name("Mr. Trump", "PERSON") == ("Trump", "PERSON")


def test_demonyms_map_to_countries():
    assert names.normalize_name("Ukrainian", "NORP") == ("Ukraine", "GPE")
    assert names.normalize_name("Russians", "NORP") == ("Russia", "GPE")
    assert names.normalize_name("American", "NORP") == ("United States", "GPE")
    assert names.normalize_name("Republicans", "NORP") == ("Republicans", "NORP")


def test_place_aliases_and_leading_the():
    assert names.normalize_name("the U.S.", "GPE") == ("United States", "GPE")
    assert names.normalize_name("the Kremlin", "ORG") == ("Kremlin", "ORG")


def test_parse_text_sentence_cases_title_headlines_only():
    from pipeline.extract.nlp import parse_text

    text = (
        "Bernie Sanders Promises Action On Immigration\n\n"
        "Bernie Sanders said on Monday that he would act on immigration."
    )
    out = parse_text(text)
    assert len(out) == len(text)
    assert out.startswith("Bernie Sanders promises action on immigration\n")
    assert out[out.index("\n") :] == text[text.index("\n") :]
    plain = "Peace talks under threat: Kremlin accuses Ukraine\n\nBody text here."
    assert parse_text(plain) == plain


def test_learned_cue_table_gates_frames():
    # pairs seen in training are kept or blocked by their smoothed precision
    for (lemma, key), (n, m) in lexicon.CUE_STATS.items():
        ok = lexicon._smoothed(n, m) >= lexicon.MIN_PRECISION
        assert lexicon.frame_allowed(lemma, key) == ok
    # unseen pairs fall back to the curated frames
    assert lexicon.frame_allowed("say", "clause") or ("say", "clause") in lexicon.CUE_STATS
    assert not lexicon.frame_allowed("nosuchverb", "object")
    assert lexicon._curated_allows("refer", "p:to")
    assert lexicon._curated_allows("consider", "passive-object")
    assert not lexicon._curated_allows("consider", "object")
    # every lemma with an allowed learned frame has generated verb forms
    for lemma, _key in lexicon.LEARNED_ALLOWED:
        assert lexicon.verb_lemma(lemma) == lemma or lexicon.verb_lemma(lemma) is not None
