"""Quality targets on the PolNeAR dev split (skipped when ../shared/corpora is absent)."""

from __future__ import annotations

import pytest

from pipeline.extract import Extractor
from pipeline.extract.evaluate import evaluate, format_report


@pytest.mark.corpus
def test_polnear_dev_targets(shared):
    gold = shared / "corpora" / "polnear" / "dev" / "gold.jsonl"
    if not gold.exists():
        pytest.skip(f"corpus not available at {gold}")
    report = evaluate(gold, extractor=Extractor(n_process=2))
    print(format_report(report))
    assert report["content"]["f1"] >= 0.75
    assert report["speaker_accuracy"] >= 0.85
    assert report["end_to_end"]["f1"] >= 0.65
