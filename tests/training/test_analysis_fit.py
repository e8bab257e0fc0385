"""The confidence the analysis model gives the acts the rules keep: how often the rules' act is
the gold act, on the claims that have a gold act (what act accuracy and the calibration tables
count), never lowered by claims the gold does not hold."""

from __future__ import annotations

from pipeline.training.analysis_data import ArticleExamples, ClaimExample
from pipeline.training.analysis_fit import rules_precision


def _claim(rules_act: str, gold_act: str | None) -> ClaimExample:
    return ClaimExample({"act": rules_act}, None, gold_act, [])  # type: ignore[arg-type]


def test_kept_act_confidence_counts_only_claims_with_a_gold_act() -> None:
    article = ArticleExamples(
        "analysis",
        None,  # type: ignore[arg-type]
        [
            _claim("accuse", "accuse"),
            _claim("accuse", "accuse"),
            _claim("accuse", "assert"),
            _claim("accuse", None),  # no gold claim: not a wrong act
            _claim("accuse", None),
            _claim("assert", "accuse"),  # another act of the rules: not counted
        ],
    )
    assert rules_precision([article], "accuse") == (2 + 1) / (3 + 2)
    assert rules_precision([article], "noncommittal") == 0.5  # none seen: add-one prior
