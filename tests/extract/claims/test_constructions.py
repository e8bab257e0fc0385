"""Sentence constructions: trailing and parenthetical reporting clauses."""


def test_trailing_outlet_report(find_claim, claims_of):
    text = "Gladkov said the strike injured two workers, Daily Mail reported."
    claims = claims_of(text)
    outlet = next(c for c in claims if c.cue == "reported")
    inner = next(c for c in claims if c.cue == "said")
    assert outlet.speaker_name == "Daily Mail"
    assert "Gladkov said" in outlet.content
    assert "Daily Mail" not in inner.content
    assert inner.reported_by == "Daily Mail"


def test_fronted_phrase_is_not_a_tail_clause(claims_of):
    claims = claims_of("In an interview with the Times, Clinton joked about moving to Canada.")
    assert all("interview" not in c.content for c in claims)
