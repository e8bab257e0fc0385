"""The decision pass: outermost attributions, outlet reports kept."""


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
