"""Accusations reported inside another claim (`claims/nested.py`): kept as claims of their own
after the decision, as the analysis guide counts them (PolNeAR keeps the outermost only)."""

from pipeline.evaluation.scorer import drop_nested
from pipeline.extract.records import claim_to_json


def test_an_accusation_inside_a_claim_is_a_claim_too(extractor):
    text = "Senator Ann Lee said Governor Tom Ward accused the mayor of hiding the audit."
    res = extractor.extract_text(text, "t")
    said = next(c for c in res.claims if c.cue == "said")
    accused = next(c for c in res.claims if c.cue == "accused")
    assert said.speaker_name == "Ann Lee" and "hiding the audit" in said.content
    assert accused.speaker_name == "Tom Ward" and accused.act == "accuse"
    assert accused.content == "the mayor of hiding the audit"


def test_an_unattributed_accusation_inside_a_claim(claims_of):
    text = "The senator said the agency, long dogged by complaints of waste, needs new leaders."
    (c,) = [c for c in claims_of(text) if c.cue != "said"]
    assert c.cue == "complaints of" and c.content == "waste"
    assert c.speaker_text is None and c.act == "accuse"
    # "faces allegations of fraud" is one accusation of the council, not two
    text = "Observers said the council, which faces allegations of fraud, would meet on Monday."
    nested = [c for c in claims_of(text) if c.cue != "said"]
    assert [(c.cue, c.content) for c in nested] == [("faces allegations", "fraud")]


def test_an_accusation_in_a_clause_the_decision_cut_from_its_host(claims_of):
    # the decision cut the relative clause from "seen as" and dropped the nested noun with it
    text = (
        "The hearing was seen as testing the credibility of the GOP-led investigation, which "
        "was then mired in accusations of political bias."
    )
    (c,) = [c for c in claims_of(text) if c.act == "accuse"]
    assert c.cue == "accusations of" and c.content == "political bias"


def test_no_nested_claim_for_cues_that_do_not_accuse(claims_of):
    # "believes" is no accusation: one claim, the outermost (PolNeAR's convention)
    claims = claims_of("Senator Ann Lee said Governor Tom Ward believes the audit is wrong.")
    assert [c.cue for c in claims] == ["said"]


def test_the_polnear_scorer_leaves_the_nested_accusation_out(extractor):
    text = "Senator Ann Lee said Governor Tom Ward accused the mayor of hiding the audit."
    rows = [claim_to_json(c, "t") for c in extractor.extract_text(text, "t").claims]
    assert sorted(r["cue"] for r in rows) == ["accused", "said"]
    assert [r["cue"] for r in drop_nested(rows)] == ["said"]


def test_no_nested_claim_for_a_demand_or_the_wrong_alleged(claims_of):
    # asked to condemn: a demand; "attacking" is what the accusation alleges, not speech
    text = "Senator Ann Lee said she called on Republicans to condemn the Klan."
    assert all(c.cue != "to condemn" for c in claims_of(text))
    text = "Moscow accused Ukrainian helicopters of attacking a fuel depot inside Russia."
    assert [c.cue for c in claims_of(text)] == ["accused"]


def test_in_charge_of_is_no_charge(claims_of):
    # a set phrase (`cues/discourse_markers.txt`), else a nested "accusation" of the response
    text = (
        "The minister, who was put in charge of the government's response to the virus, said "
        "the plan had failed."
    )
    assert [c.cue for c in claims_of(text)] == ["said"]
