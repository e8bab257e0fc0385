"""The benchmark times the rules through the extractor's timing hook (no monkeypatching)."""

from __future__ import annotations

from pipeline.evaluation.bench import time_full, time_pipeline
from pipeline.extract import Extractor

PAIRS = [
    ("a", "The mayor said that the bridge would reopen next week."),
    ("b", "“We will not back down,” said Peskov. Analysts expect a long fight."),
]


def test_time_full_counts_claims_and_rule_time():
    extractor = Extractor(n_process=1)
    seconds, n_claims, rules = time_full(extractor, PAIRS)
    assert n_claims == sum(len(r.claims) for r in extractor.extract(PAIRS)) >= 2
    assert 0 < rules <= seconds


def test_timing_hook_sees_every_article():
    seen: list[str] = []
    results = list(Extractor(n_process=1).extract(PAIRS, timing=lambda a, s: seen.append(a)))
    assert seen == [r.article_id for r in results] == ["a", "b"]


def test_time_pipeline_extracts_as_the_pipeline_does():
    extractor = Extractor(n_process=1)
    seconds, n_claims = time_pipeline(extractor, PAIRS, chunk=1)
    assert n_claims == sum(len(r.claims) for r in extractor.extract(PAIRS)) >= 2
    assert seconds > 0
