"""Claim analysis on the shared analysis gold, from the extractor alone (skipped without
../shared). Speaker, act, accused, about, reported_by and accusation edges are decided in
extraction; the actor table (and so actor precision and merges) needs the warehouse and is
scored by `newsclaims evaluate --analysis` (figures in the README)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluation.analysis import load_gold, score
from pipeline.extract import Extractor
from pipeline.ingest import Article, read_path

from ..conftest import shared_path

pytestmark = pytest.mark.corpus


def _row(res) -> dict[str, Any]:
    claims = []
    for c in res.claims:
        targets = [t for t in res.targets if t.claim_id == c.claim_id]
        speaker = c.speaker_name or (c.speaker_text if c.speaker_type != "OTHER" else None)
        claims.append(
            {
                "content": c.content,
                "speaker": speaker,
                "speaker_mention": c.speaker_text if speaker else None,
                "act": c.act,
                "form": c.form,
                "accused": [t.target_name for t in targets if t.role == "accused"],
                "about": [t.target_name for t in targets],
                "reported_by": c.reported_by,
            }
        )
    return {"claims": claims, "actors": []}


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    gold_dir = shared_path("gold", "analysis")
    golds = load_gold(gold_dir)
    texts = []
    for g in golds:
        path = gold_dir / "articles" / f"{g.article}.txt"
        article = next(r for r in read_path(Path(path)) if isinstance(r, Article))
        texts.append((g.article, article.text))
    # the stored text (title, blank line, body) is what the content refers to; the gold's
    # contents are located by their words, so the scorer finds them in either text
    results = Extractor().extract(texts)
    return score(golds, {res.article_id: _row(res) for res in results})


def test_analysis_no_regression(report: dict[str, Any]) -> None:
    """The level reached (Nov 2026: act 0.89, edges F1 0.61, accused F1 0.62, about F1 0.69,
    reported_by 0.77, speaker 0.93); main before the issue: 0.74 / 0.06 / 0.09 / 0.40 / 0.07 /
    0.81."""
    assert report["claim_F1"] >= 0.77
    assert report["act_acc"] >= 0.86
    assert report["accusation_edges_P_R_F1"][2] >= 0.55
    assert report["accused_P_R_F1"][2] >= 0.59
    assert report["about_P_R_F1"][2] >= 0.66
    assert report["reported_by_acc"] >= 0.74
    assert report["speaker_acc"] >= 0.90


def test_analysis_targets(report: dict[str, Any]) -> None:
    """The issue's targets that hold with a margin beyond the annotators' noise (±0.02)."""
    assert report["act_acc"] >= 0.85
    assert report["about_P_R_F1"][2] >= 0.65
    assert report["reported_by_acc"] >= 0.70
    assert report["speaker_acc"] >= 0.90


@pytest.mark.xfail(reason="edges and accused F1 reach 0.60 within the noise, not beyond it")
def test_analysis_targets_with_margin(report: dict[str, Any]) -> None:
    assert report["accusation_edges_P_R_F1"][2] >= 0.62
    assert report["accused_P_R_F1"][2] >= 0.62
