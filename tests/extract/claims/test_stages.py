"""The four stages of claim extraction as ordered lists, and the labels stage's hook: a
labeller replaced or added through `Extractor(labellers=...)`, on real sentences."""

from __future__ import annotations

import pytest

from pipeline.extract import Extractor
from pipeline.extract.claims.finders import FINDERS
from pipeline.extract.claims.labels import (
    LABELLERS,
    ClaimView,
    Labels,
    label_about,
    label_act,
    label_outlet,
    replace_labeller,
)
from pipeline.extract.claims.refinements import REFINEMENTS
from pipeline.extract.records import SHOWN_ROLES

ACCUSATION = "Senator Jane Smith accused Governor Tom Brown of lying to voters."


def test_each_stage_is_an_ordered_list():
    assert FINDERS and REFINEMENTS and LABELLERS
    # the about labeller reads the accused and the outlet: it runs after both
    order = list(LABELLERS)
    assert order.index(label_act) < order.index(label_about)
    assert order.index(label_outlet) < order.index(label_about)


def test_default_labellers_accuse_the_governor(extractor: Extractor):
    result = extractor.extract_text(ACCUSATION, "a")
    (claim,) = result.claims
    assert claim.act == "accuse"
    shown = [(t.target_name, t.role) for t in result.targets if t.role in SHOWN_ROLES]
    assert shown == [("Tom Brown", "accused")]


def test_a_replaced_act_labeller_decides_act_and_accused(extractor: Extractor):
    seen: list[ClaimView] = []

    def learned_acts(claim: ClaimView, labels: Labels) -> None:
        seen.append(claim)
        labels.act, labels.accused = "hedge", []  # a model that hedges everything

    mine = Extractor(lexicon=extractor.lexicon, labellers=replace_labeller(label_act, learned_acts))
    result = mine.extract_text(ACCUSATION, "a")
    (claim,) = result.claims
    assert claim.act == "hedge"
    # nobody accused: the governor is still what the claim is about
    assert [(t.target_name, t.role) for t in result.targets] == [("Tom Brown", "about")]
    assert seen[0].speaker is not None and seen[0].speaker.name == "Jane Smith"
    assert "lying to voters" in seen[0].content
    assert mine.version != extractor.version and "+labels-" in mine.version


def test_an_added_labeller_runs_after_the_defaults(extractor: Extractor):
    def no_outlets(claim: ClaimView, labels: Labels) -> None:
        labels.reported_by = None

    text = "Analysts said prices would rise, Reuters reported."
    assert any(c.reported_by for c in extractor.extract_text(text, "b").claims)
    mine = Extractor(lexicon=extractor.lexicon, labellers=(*LABELLERS, no_outlets))
    assert all(c.reported_by is None for c in mine.extract_text(text, "b").claims)


def test_replacing_a_labeller_that_is_not_there_is_refused():
    with pytest.raises(ValueError, match="not among the labellers"):
        replace_labeller(print, label_act)
