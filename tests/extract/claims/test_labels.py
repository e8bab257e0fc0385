"""Labels and records: reported_by, targets, offsets."""


def test_according_to_outlet_sets_reported_by(find_claim, claims_of):
    text = "According to the Daily Mail, the governor said the army withdrew from the town."
    claims = claims_of(text)
    inner = next(c for c in claims if c.cue == "said")
    assert inner.reported_by == "Daily Mail"


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
