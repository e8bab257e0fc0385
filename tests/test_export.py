"""`newsclaims export analysis` on a real warehouse (seed + fixture articles), and its round
trip through the analysis scorer."""

from __future__ import annotations

import json
import re

import duckdb
import pytest

from pipeline.evaluation.analysis import GoldArticle, load_gold, score
from pipeline.exports.analysis import export_analysis

from .conftest import shared_path
from .test_cli import _newsclaims

pytestmark = pytest.mark.slow
SEED = "000_a81c1ecdc2e2b03d"
_WORDS = re.compile(r"\w+")


@pytest.fixture(scope="module")
def exported(pipeline_run) -> dict[str, dict]:
    with duckdb.connect(str(pipeline_run.published), read_only=True) as con:
        rows = list(export_analysis(con, pipeline_run.seeds))
    return {r["article"]: r for r in rows}


def test_one_line_per_article_named_by_file_stem(exported) -> None:
    assert {SEED, "smith_siblings", "putin_talks"} <= set(exported)
    assert any(name.startswith("putin_followup") for name in exported)
    seed = exported[SEED]
    assert seed["source_file"] == f"{SEED}.txt"
    claim_keys = {
        "content", "content_spans", "speaker", "speaker_mention", "speaker_role", "cue",
        "form", "act", "accused", "about", "reported_by", "confidence",
    }  # fmt: skip
    assert all(set(c) == claim_keys for c in seed["claims"])
    assert all(0.0 <= c["confidence"] <= 1.0 for c in seed["claims"])
    assert all(set(a) == {"name", "type", "mentions", "roles"} for a in seed["actors"])
    assert {a["type"] for a in seed["actors"]} <= {"person", "organisation", "place", "group"}


def test_content_spans_point_into_the_source_file(exported, pipeline_run) -> None:
    source = (pipeline_run.seeds / f"{SEED}.txt").read_text(encoding="utf-8")
    claims = exported[SEED]["claims"]
    assert len(claims) >= 8
    for c in claims:
        at = " ".join(source[s:e] for s, e in c["content_spans"])
        assert _WORDS.findall(at) == _WORDS.findall(c["content"]), c["content"]


def test_actors_carry_mentions_and_roles(exported) -> None:
    actors = {a["name"]: a for a in exported[SEED]["actors"]}
    assert {"Gladkov", "Vyacheslav Gladkov"} <= set(actors["Vyacheslav Gladkov"]["mentions"])
    assert actors["Vyacheslav Gladkov"]["roles"] == ["Regional Governor"]
    assert "Ukrainian" in actors["Ukraine"]["mentions"]
    assert actors["Daily Mail"]["type"] == "organisation"


def test_export_round_trips_through_the_scorer(exported, pipeline_run) -> None:
    """The export scored against itself as gold: every claim and actor is found again."""
    text = (pipeline_run.seeds / f"{SEED}.txt").read_text(encoding="utf-8")
    row = exported[SEED]
    gold = GoldArticle(SEED, text, row["claims"], row["actors"])
    report = score([gold], {SEED: row})
    assert report["claim_F1"] == 1.0 and report["act_acc"] == 1.0
    assert report["actors_P_R_F1"] == (1.0, 1.0, 1.0) and report["junk_actor_rate"] == 0.0


@pytest.fixture(scope="module")
def cli_export(pipeline_run) -> str:
    env = {"NEWSCLAIMS_WAREHOUSE": str(pipeline_run.published)}
    out = _newsclaims("export", "analysis", "--seeds", str(pipeline_run.seeds), env=env)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_cli_export_prints_one_article_a_line(cli_export, exported) -> None:
    lines = [json.loads(line) for line in cli_export.splitlines()]
    assert [r["article"] for r in lines] == sorted(exported)
    assert {r["article"]: r for r in lines}[SEED] == exported[SEED]


def test_cli_evaluate_analysis_scores_the_export(cli_export, tmp_path) -> None:
    gold_dir = shared_path("gold", "analysis")
    lines = [json.loads(line) for line in cli_export.splitlines()]
    pred = tmp_path / "pred.jsonl"
    pred.write_text(cli_export, encoding="utf-8")
    scored = _newsclaims("evaluate", "--analysis", str(gold_dir), "--predictions", str(pred))
    assert scored.returncode == 0, scored.stderr
    assert "accusation_edges_P_R_F1" in scored.stdout
    seed_gold = [g for g in load_gold(gold_dir) if g.article == SEED]
    report = score(seed_gold, {r["article"]: r for r in lines})
    assert report["claim_F1"] >= 0.7 and report["speaker_acc"] >= 0.8
