"""Confidence figures: precision/recall at thresholds and the calibration table."""

from __future__ import annotations

import pytest

from pipeline.evaluation.confidence import format_summary, summarize


def test_thresholds_and_calibration():
    outcomes = [
        (0.95, True, True),
        (0.92, True, False),
        (0.75, True, True),
        (0.55, False, False),
        (0.15, True, True),
    ]
    s = summarize(outcomes, n_gold=8)
    at = {a["threshold"]: a for a in s["at"]}
    assert at[0.5]["claims"] == 4
    assert at[0.5]["e2e_precision"] == pytest.approx(2 / 4)
    assert at[0.5]["content_recall"] == pytest.approx(3 / 8)
    assert at[0.9]["claims"] == 2 and at[0.9]["e2e_recall"] == pytest.approx(1 / 8)
    # bins: 0.1-0.2 (0.15 vs 1), 0.5-0.6 (0.55 vs 0), 0.7-0.8 (0.75 vs 1), 0.9-1.0 (0.935 vs 0.5)
    expected = (abs(0.15 - 1) + abs(0.55 - 0) + abs(0.75 - 1) + 2 * abs(0.935 - 0.5)) / 5
    assert s["ece"] == pytest.approx(expected)
    lines = format_summary(s)
    assert lines[0].startswith("by confidence") and any("ECE=" in line for line in lines)
