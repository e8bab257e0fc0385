"""Lake mode with two workers gives the same answers as the embedded default on the same
articles: the same claims, actors, accusation edges and check results (issue 28)."""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.slow

CLAIMS = """
    SELECT claim_id, article_id, speaker_canonical_name, speaker_role, cue, form, act,
           content, reported_by, article_date
    FROM marts.fct_claims ORDER BY claim_id
"""
ACTORS = """
    SELECT actor_id, canonical_name, actor_type, aliases, roles, n_articles, n_mentions,
           n_claims_made, n_claims_about, first_seen, last_seen
    FROM marts.dim_actors ORDER BY actor_id
"""
EDGES = "SELECT * FROM marts.actor_claim_edges ORDER BY speaker_actor_id, target_actor_id"
MENTIONS = "SELECT * EXCLUDE (extractor_version) FROM marts.fct_entity_mentions ORDER BY mention_id"


def test_the_demo_prints_its_one_summary_line(lake_run, pipeline_run):
    line = re.fullmatch(
        r"scale-demo: (\d+) articles, (\d+) claims, (\d+) accusation edges, 2 workers, (\d+) s",
        lake_run.summary,
    )
    assert line, lake_run.summary
    articles, claims, edges = (int(g) for g in line.groups()[:3])
    assert articles == pipeline_run.query("SELECT count(*) FROM raw.articles")[0][0]
    assert claims == pipeline_run.query("SELECT count(*) FROM marts.fct_claims")[0][0] > 0
    embedded_edges = "SELECT count(*) FROM marts.actor_claim_edges WHERE n_accusations > 0"
    assert edges == pipeline_run.query(embedded_edges)[0][0]


@pytest.mark.parametrize(
    "sql", [CLAIMS, ACTORS, EDGES, MENTIONS], ids=["claims", "actors", "edges", "mentions"]
)
def test_lake_marts_equal_the_embedded_marts(lake_run, pipeline_run, sql):
    embedded = pipeline_run.query(sql)
    assert embedded, "the embedded run built no rows to compare"
    assert lake_run.query(sql) == embedded


def test_the_work_was_spread_over_partitions_and_workers(lake_run):
    record = json.loads((lake_run.folder / "last-demo.json").read_text())
    assert len(record["partitions"]) >= 2  # several day x shard partitions, one run each
    assert len(record["extract_runs"]) == len(record["partitions"])
    logs = {
        log.name: log.read_text(errors="replace") for log in lake_run.folder.glob("worker-*.log")
    }
    workers_used = {
        name for run_id in record["extract_runs"] for name, text in logs.items() if run_id in text
    }  # the demo's runs (a later test starts a worker of its own)
    assert len(workers_used) == 2, workers_used


def test_the_same_checks_pass_and_fail(lake_run, pipeline_run):
    record = json.loads((lake_run.folder / "last-demo.json").read_text())
    lake = {(c["asset"], c["check"]): c["passed"] for c in record["checks"]}
    embedded = {
        (c.asset_key.to_user_string(), c.check_name): c.passed
        for c in pipeline_run.result.get_asset_check_evaluations()
    }
    assert lake.keys() == embedded.keys()
    assert lake == embedded


def test_the_partition_day_is_the_marts_article_date(lake_run):
    """One home for an article's day: lake/partitions.DAY_SQL agrees with stg_articles'
    article_date wherever the article is dated (undated ones fall back to the ingest day)."""
    from pipeline.lake.partitions import DAY_SQL

    rows = lake_run.query(
        f"SELECT article_id, a.day, strftime(d.article_date, '%Y-%m-%d') "
        f"FROM (SELECT article_id, {DAY_SQL} AS day FROM raw.articles) a "
        "JOIN marts.dim_articles d USING (article_id) WHERE d.article_date IS NOT NULL"
    )
    assert rows
    assert all(day == date for _, day, date in rows), rows


def test_the_report_reads_the_lake(lake_run, pipeline_run):
    """The report's views over the lake hold what they hold over the embedded warehouse."""
    from pipeline.report.data import open_report_data

    views = "SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM actors), " \
        "(SELECT count(*) FROM articles), (SELECT sum(length(text)) FROM articles)"  # fmt: skip
    with open_report_data(pipeline_run.published) as con:
        embedded = con.execute(views).fetchall()
    with open_report_data(lake_run.folder / "no-such-file.duckdb", lake_run.config()) as con:
        assert con.execute(views).fetchall() == embedded
