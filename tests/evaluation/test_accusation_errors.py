"""The out-of-fold error classes of the analysis layer on a small fold (skipped without
../shared): every gold accusation (one per accused party) and every predicted accusation edge
lands in exactly one class."""

from __future__ import annotations

import pytest

from pipeline.evaluation.analysis import load_gold
from pipeline.training.accusation_errors import error_classes, format_classes
from pipeline.training.analysis_data import SETS

from ..conftest import shared_path

pytestmark = pytest.mark.corpus


def test_each_gold_accusation_and_predicted_edge_has_one_class() -> None:
    gold = shared_path("gold")
    missing: list[dict] = []
    found = error_classes(gold, folds=2, limit=3, missing=missing)
    for name in SETS:
        parties = sum(
            len(c.get("accused") or [])
            for g in load_gold(gold / name)[:3]
            for c in g.claims
            if c["act"] == "accuse"
        )
        tables = found[name]
        assert sum(tables["gold"].values()) == parties, name
        # the 'where' table splits the 'not a candidate' class
        assert sum(tables["where"].values()) == tables["gold"]["not a candidate"]
        assert set(tables["gold"]) <= {
            "no claim",
            "not a candidate",
            "not chosen",
            "speaker",
            "found",
            *(f"act: {a}" for a in ("assert", "deny", "hedge", "noncommittal")),
        }
    assert "gold accusations" in format_classes(found)
    # --rows: one row per accused that is not a candidate, in the set it belongs to
    for name in SETS:
        rows = [r for r in missing if r["set"] == name]
        assert len(rows) == found[name]["gold"]["not a candidate"]
        assert all(r["accused"] not in r["candidates"] and r["content"] for r in rows)
