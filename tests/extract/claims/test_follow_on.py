"""Follow-on quotations (`claims/follow_on.py`): a quotation paragraph with no cue is a claim of
its own, by the speaker of the paragraph before, with no cue (the analysis guide's convention)."""

from pipeline.evaluation.scorer import join_follow_on
from pipeline.extract.records import claim_to_json

KIDSTON = (
    "Mayor Ann Kidston said the mill would close in March.\n\n"
    "“We have tried everything. Nobody is buying our paper any more.”"
)


def test_a_quotation_paragraph_is_split_from_the_claim_before(claims_of, find_claim):
    claims = claims_of(KIDSTON)
    said = find_claim(claims, "mill would close")
    quote = find_claim(claims, "Nobody is buying")
    assert said is not quote and "Nobody" not in said.content
    assert quote.cue is None and quote.cue_start is None and quote.form == "direct"
    assert quote.speaker_name == "Ann Kidston" == said.speaker_name
    assert quote.content.startswith("“We have tried")


def test_a_quotation_paragraph_not_joined_is_credited_to_the_paragraph_before(
    claims_of, find_claim
):
    # the claim ends a sentence before the paragraph does: the quotation pass leaves the quote
    text = (
        "Senator Paul Brant said the bill would raise taxes. He voted against it twice.\n\n"
        "“This is a tax on every family in the state, and I will keep fighting it.”"
    )
    quote = find_claim(claims_of(text), "tax on every family")
    assert quote.cue is None and quote.speaker_name == "Paul Brant"


def test_no_follow_on_after_narration_or_with_a_cue_of_its_own(claims_of, find_claim):
    # a paragraph of narration in between: the quotation has no speaker to continue
    text = (
        "Senator Paul Brant said the bill would raise taxes.\n\n"
        "The vote is set for Tuesday.\n\n"
        "“This is a tax on every family in the state.”"
    )
    assert all("tax on every family" not in c.content for c in claims_of(text))
    # a quotation with its own cue stays that cue's claim
    text = (
        "Senator Paul Brant said the bill would raise taxes.\n\n"
        "“This is a tax on every family in the state,” Governor Lisa Moore said."
    )
    quote = find_claim(claims_of(text), "tax on every family")
    assert quote.cue == "said" and quote.speaker_name == "Lisa Moore"
    # scare quotes in narration are no statement
    text = "Senator Paul Brant said the bill would raise taxes.\n\n“Tax relief” was on the agenda."
    assert all("Tax relief" not in c.content for c in claims_of(text))


def test_a_quotation_run_on_over_paragraphs_stays_one_claim(claims_of, find_claim):
    text = (
        "“The plan is reckless,” Smith said.\n\n"
        "“It will ruin the town. Nobody asked for it.\n\n"
        "“We will fight it in court and we will win.”"
    )
    quote = find_claim(claims_of(text), "ruin the town")
    assert "fight it in court" in quote.content and quote.cue is None


def test_the_polnear_scorer_joins_a_follow_on_back(extractor):
    rows = [claim_to_json(c, "t") for c in extractor.extract_text(KIDSTON, "t").claims]
    (joined,) = join_follow_on(rows)
    assert joined["cue"] == "said" and "Nobody is buying" in joined["content"]
    assert len(rows) == 2 and len(joined["content_spans"]) == 2
