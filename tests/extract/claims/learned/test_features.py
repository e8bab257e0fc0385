"""What the learned layer sees of a claim, on real sentences: a sanction called for against a
party ("should be prosecuted", "must resign", "X's impeachment") marks its target."""

from __future__ import annotations

import pytest

from pipeline.extract import Extractor
from pipeline.extract.claims.labels import LABELLERS, ClaimView, Labels, label_act, replace_labeller
from pipeline.extract.claims.labels.learned.features import ClaimFeatures
from pipeline.extract.claims.labels.learned.labeller import ActFeatures


class _Seen(ActFeatures):
    """Keeps each claim's features (without encoder states) and the rules' labels."""

    def __init__(self) -> None:
        super().__init__(None)
        self.seen: list[tuple[ClaimView, ClaimFeatures]] = []

    def __call__(self, claim: ClaimView, labels: Labels) -> None:
        self.seen.append((claim, self.features(claim, labels)))


@pytest.fixture(scope="module")
def features_of():
    seen = _Seen()
    ex = Extractor(n_process=1, labellers=replace_labeller(label_act, seen))
    assert LABELLERS != ex.labellers

    def run(text: str, part: str) -> ClaimFeatures:
        seen.seen.clear()
        ex.extract_text(text, "t")
        for view, feats in seen.seen:
            if part in view.content:
                return feats
        raise AssertionError(f"no claim with {part!r}: {[v.content for v, _ in seen.seen]}")

    return run


def _candidate(feats: ClaimFeatures, name: str) -> dict[str, float]:
    for cand in feats.candidates:
        if cand.ref.name == name:
            return cand.sparse
    raise AssertionError(f"{name} not a candidate: {[c.ref.name for c in feats.candidates]}")


@pytest.mark.parametrize(
    ("text", "part", "target"),
    [
        (
            "Donald Trump said Hillary Clinton should be prosecuted.",
            "prosecuted",
            "Hillary Clinton",
        ),
        ("Bernie Sanders said Rahm Emanuel must resign.", "resign", "Rahm Emanuel"),
        (
            "The mayor said Bill de Blasio's impeachment was overdue.",
            "impeachment",
            "Bill de Blasio",
        ),
    ],
)
def test_a_sanction_called_for_marks_its_target(features_of, text, part, target) -> None:
    feats = features_of(text, part)
    assert _candidate(feats, target).get("target_of_sanction") == 1.0


def test_a_modal_sanction_is_a_call_and_a_plain_statement_is_not(features_of) -> None:
    called = features_of("Donald Trump said Hillary Clinton should be prosecuted.", "prosecuted")
    assert called.sparse["sanction_called"] == 1.0
    plain = features_of("Donald Trump said Hillary Clinton would open the bridge.", "bridge")
    assert plain.sparse["sanction_called"] == 0.0
    assert _candidate(plain, "Hillary Clinton").get("target_of_sanction") is None
