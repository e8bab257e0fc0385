"""Quality on the PolNeAR dev split (skipped when ../shared/corpora is absent).

`test_polnear_dev_no_regression` guards the level reached so far (dev at the time of writing,
with the decision model: content P 0.850 / F1 0.787, speaker accuracy 0.915, cue accuracy 0.916,
end-to-end F1 0.715, calibration error 0.015); `test_polnear_dev_targets` states the project
targets.
"""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.evaluation.scorer import evaluate, format_report
from pipeline.extract import Extractor


@pytest.fixture(scope="module")
def dev_report(shared) -> dict[str, Any]:
    gold = shared / "corpora" / "polnear" / "dev" / "gold.jsonl"
    if not gold.exists():
        pytest.skip(f"corpus not available at {gold}")
    report = evaluate(gold, extractor=Extractor(n_process=2))
    print(format_report(report))
    return report


@pytest.mark.corpus
def test_polnear_dev_no_regression(dev_report):
    assert dev_report["content"]["f1"] >= 0.77
    assert dev_report["content"]["precision"] >= 0.835
    assert dev_report["speaker_accuracy"] >= 0.905
    assert dev_report["cue_accuracy"] >= 0.895
    assert dev_report["end_to_end"]["f1"] >= 0.70
    confidence = dev_report["confidence"]
    assert confidence is not None, "every claim carries a confidence"
    assert confidence["ece"] <= 0.05


@pytest.mark.corpus
def test_polnear_dev_targets(dev_report):
    assert dev_report["content"]["f1"] >= 0.75
    assert dev_report["speaker_accuracy"] >= 0.85
    assert dev_report["end_to_end"]["f1"] >= 0.65
