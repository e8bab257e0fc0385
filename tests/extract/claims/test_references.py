"""Candidates for the accused that come from reference, on real sentences through the real
pipeline: a role its owner gives ("Donald Trump's campaign manager", "FBI director") is the
person the article described with it; nothing when the article described nobody so, never the
speaker, never twice."""

from __future__ import annotations

import pytest

from pipeline.extract import Extractor
from pipeline.extract.claims.labels import ClaimView, Labels, label_act, replace_labeller
from pipeline.extract.claims.labels.learned.features import claim_features
from pipeline.extract.claims.labels.learned.words import word_classes_of
from pipeline.extract.claims.labels.references import reference_candidates

MANAGER = (
    "Corey Lewandowski, Donald Trump's campaign manager, was charged on Tuesday. "
    "A hearing is set for May. "
    "Ted Cruz said Donald Trump's campaign manager had assaulted a reporter."
)


@pytest.fixture(scope="module")
def claims_of():
    seen: list[tuple[ClaimView, Labels]] = []

    def keep(claim: ClaimView, labels: Labels) -> None:
        label_act(claim, labels)
        seen.append((claim, labels))

    ex = Extractor(n_process=1, labellers=replace_labeller(label_act, keep), analysis_model="none")

    def run(text: str, part: str) -> tuple[ClaimView, Labels]:
        seen.clear()
        ex.extract_text(text, "t")
        for view, labels in seen:
            if part in view.content:
                return view, labels
        raise AssertionError(f"no claim with {part!r}: {[v.content for v, _ in seen]}")

    return run


def _found(view: ClaimView, known: set[str] | None = None) -> dict[str, str]:
    return {r.ref.name: r.kind for r in reference_candidates(view, known or set())}


def test_an_owned_role_is_the_person_described_with_it(claims_of) -> None:
    view, _ = claims_of(MANAGER, "assaulted")
    found = reference_candidates(view, {"Donald Trump"})
    assert [(r.ref.name, r.kind, r.sentences_back) for r in found] == [
        ("Corey Lewandowski", "role", 2)
    ]
    # the candidate stands where the content names the role, and its role there is read
    assert view.ctx.text[found[0].ref.start_char : found[0].ref.end_char] == (
        "Donald Trump's campaign manager"
    )


def test_a_title_compound_is_its_holder_too(claims_of) -> None:
    view, _ = claims_of(
        "FBI Director James Comey spoke on Tuesday. "
        "Corey Lewandowski said FBI director acted as judge and jury.",
        "judge and jury",
    )
    assert _found(view) == {"James Comey": "role"}


def test_no_holder_when_nobody_was_described_with_the_role(claims_of) -> None:
    view, _ = claims_of(
        "Corey Lewandowski was charged on Tuesday. "
        "Ted Cruz said Donald Trump's campaign manager had assaulted a reporter.",
        "assaulted",
    )
    assert _found(view) == {}


def test_an_indefinite_role_is_nobody_described_before(claims_of) -> None:
    """ "a Cabinet officer" introduces someone; it is not the Cabinet officer named earlier
    (that reading once put a target at offsets no mention has and failed a run's blocking
    check)."""
    view, _ = claims_of(
        "FBI Director James Comey spoke on Tuesday. "
        "Corey Lewandowski said an FBI director had never been held in contempt.",
        "contempt",
    )
    assert _found(view) == {}


def test_known_candidates_and_the_speaker_are_not_added_again(claims_of) -> None:
    view, _ = claims_of(MANAGER, "assaulted")
    assert _found(view, known={"Corey Lewandowski"}) == {}
    view, _ = claims_of(
        "Corey Lewandowski, Donald Trump's campaign manager, was charged on Tuesday. "
        "Donald Trump's campaign manager said he had done nothing wrong.",
        "nothing wrong",
    )
    assert "Corey Lewandowski" not in _found(view)


def test_the_ranker_sees_the_holder_marked_and_the_act_features_do_not(claims_of) -> None:
    view, labels = claims_of(MANAGER, "assaulted")
    words = word_classes_of(view.ctx.lex)
    feats = claim_features(view, labels.act, labels.accused, words)
    cand = next(c for c in feats.candidates if c.ref.name == "Corey Lewandowski")
    assert cand.sparse["reference=role"] == 1.0 and cand.sparse["in_content"] == 1.0
    assert cand.sparse["reference_back"] == 0.5  # named two sentences before
    named = [c for c in feats.candidates if "reference=role" not in c.sparse]
    assert feats.sparse["n_candidates"] == min(len(named), 5) / 5
