"""Validation against a clean warehouse and against copies corrupted the way each suite guards."""

from __future__ import annotations

import json
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.quality import SuiteResult, build_data_docs, get_suite, load_suites, validate_suite

SUITES = load_suites()
pytestmark = pytest.mark.usefixtures("gx_ready")


@pytest.mark.parametrize("spec", SUITES, ids=[s.name for s in SUITES])
def test_clean_warehouse_passes(spec, clean_con: duckdb.DuckDBPyConnection) -> None:
    result = validate_suite(clean_con, spec)
    assert result.success, result.summary()
    assert result.error is None
    assert result.n_rows > 0
    assert len(result.expectations) == len(spec.expectations)
    assert [e.type for e in result.expectations] == [e["type"] for e in spec.expectations]


# (suite, SQL run on a copy of the clean warehouse, a column the failure must name)
CORRUPTIONS = [
    # raw.articles
    (
        "raw_articles.integrity",
        ["UPDATE raw.articles SET body = body || ' tail' WHERE source_format = 'txt'"],
        "text_is_title_and_body",
    ),
    (
        "raw_articles.integrity",
        ["UPDATE raw.articles SET source_format = 'pdf' WHERE source_format = 'jsonl'"],
        "source_format",
    ),
    ("raw_articles.integrity", ["UPDATE raw.articles SET language = 'fr'"], "language"),
    (
        "raw_articles.plausibility",
        ["UPDATE raw.articles SET published_at = TIMESTAMP '2999-01-01'"],
        "published_in_future",
    ),
    ("raw_articles.plausibility", ["UPDATE raw.articles SET word_count = 3"], "word_count"),
    # raw.quarantine
    ("raw_quarantine.integrity", ["UPDATE raw.quarantine SET reason = 'lost'"], "reason"),
    (
        "raw_quarantine.integrity",
        ["UPDATE raw.quarantine SET line_number = 0 WHERE line_number IS NOT NULL"],
        "line_number",
    ),
    (
        "raw_quarantine.integrity",
        ["INSERT INTO raw.quarantine SELECT * FROM raw.quarantine"],
        "path",
    ),
    (
        "raw_quarantine.plausibility",
        [
            "INSERT INTO raw.quarantine SELECT 'junk_' || i || '.bin', NULL, 'binary', "
            "'file looks binary', TIMESTAMP '2026-01-15 12:00:00' FROM range(5) t(i)"
        ],
        "quarantined_file_share",
    ),
    # raw.entity_mentions
    (
        "raw_entity_mentions.integrity",
        ["INSERT INTO raw.entity_mentions SELECT * FROM raw.entity_mentions LIMIT 1"],
        "mention_id",
    ),
    (
        "raw_entity_mentions.integrity",
        ["UPDATE raw.entity_mentions SET end_char = end_char + 5000 WHERE label = 'ORG'"],
        "end_char",
    ),
    (
        "raw_entity_mentions.integrity",
        ["UPDATE raw.entity_mentions SET text = 'Kremlim' WHERE text = 'Kremlin'"],
        "text_at_offsets",
    ),
    (
        "raw_entity_mentions.integrity",
        ["UPDATE raw.entity_mentions SET label = 'ANIMAL' WHERE label = 'GPE'"],
        "label",
    ),
    (
        "raw_entity_mentions.integrity",
        ["UPDATE raw.entity_mentions SET article_id = 'ffffffffffffffff' WHERE label = 'ORG'"],
        "article_exists",
    ),
    (
        "raw_entity_mentions.integrity",
        ["UPDATE raw.entity_mentions SET end_char = start_char WHERE label = 'PERSON'"],
        "start_char",
    ),
    (
        "raw_entity_mentions.plausibility",
        [
            "INSERT INTO raw.entity_mentions SELECT mention_id || 'x', article_id, sentence_index,"
            " start_char, end_char, text, 'ORG', normalized_name, resolved_name,"
            " extractor_version FROM raw.entity_mentions WHERE label = 'PERSON' LIMIT 1"
        ],
        "start_char",
    ),
    # raw.claims
    (
        "raw_claims.integrity",
        ["INSERT INTO raw.claims SELECT * FROM raw.claims LIMIT 1"],
        "claim_id",
    ),
    (
        "raw_claims.integrity",
        ["UPDATE raw.claims SET content_end = content_end + 10000 WHERE form = 'direct'"],
        "content_end",
    ),
    ("raw_claims.integrity", ["UPDATE raw.claims SET content = '   '"], "content_length"),
    ("raw_claims.integrity", ["UPDATE raw.claims SET cue = 'says'"], "cue_at_offsets"),
    (
        "raw_claims.integrity",
        ["UPDATE raw.claims SET speaker_start = speaker_start + 1"],
        "speaker_at_offsets",
    ),
    (
        "raw_claims.integrity",
        ["UPDATE raw.claims SET speaker_end = NULL WHERE form = 'direct'"],
        "speaker_offsets_paired",
    ),
    (
        "raw_claims.integrity",
        ["UPDATE raw.claims SET content_spans = [[content_start, content_end + 5]]"],
        "content_spans_valid",
    ),
    (
        "raw_claims.integrity",
        ["UPDATE raw.claims SET content = 'words that are not in the article'"],
        "content_matches_spans",
    ),
    (
        "raw_claims.integrity",
        ["UPDATE raw.claims SET cue_start = cue_end + 3"],
        "cue_start",
    ),
    (
        "raw_claims.integrity",
        ["UPDATE raw.claims SET article_id = 'ffffffffffffffff' WHERE form = 'indirect'"],
        "article_exists",
    ),
    (
        "raw_claims.plausibility",
        [
            "UPDATE raw.claims SET speaker_text = NULL, speaker_start = NULL, speaker_end = NULL,"
            " speaker_name = NULL"
        ],
        "is_unattributed",
    ),
    (
        "raw_claims.plausibility",
        ["UPDATE raw.claims SET content = 'Yes.'"],
        "content_length",
    ),
    # raw.claim_targets
    (
        "raw_claim_targets.integrity",
        ["UPDATE raw.claim_targets SET claim_id = 'nope' WHERE target_name = 'Ukraine'"],
        "claim_exists",
    ),
    (
        "raw_claim_targets.integrity",
        ["UPDATE raw.claim_targets SET start_char = 0, end_char = 5"],
        "inside_claim_content",
    ),
    (
        "raw_claim_targets.integrity",
        ["INSERT INTO raw.claim_targets SELECT * FROM raw.claim_targets"],
        "target_name",
    ),
    (
        "raw_claim_targets.integrity",
        ["UPDATE raw.claim_targets SET end_char = 99999"],
        "article_length",
    ),
    # marts.dim_actors
    (
        "marts_dim_actors.integrity",
        ["UPDATE marts.dim_actors SET canonical_key = 'kremlin' WHERE canonical_name = 'Russia'"],
        "canonical_key",
    ),
    (
        "marts_dim_actors.integrity",
        ["UPDATE marts.dim_actors SET actor_id = NULL WHERE canonical_name = 'Belgorod'"],
        "actor_id",
    ),
    (
        "marts_dim_actors.integrity",
        ["INSERT INTO marts.dim_actors SELECT * FROM marts.dim_actors LIMIT 1"],
        "actor_id",
    ),
    (
        "marts_dim_actors.integrity",
        ["UPDATE marts.dim_actors SET canonical_name = '  ' WHERE canonical_name = 'Kremlin'"],
        "canonical_name_length",
    ),
    (
        "marts_dim_actors.integrity",
        ["UPDATE marts.dim_actors SET actor_type = 'robot' WHERE canonical_name = 'Kremlin'"],
        "actor_type",
    ),
    (
        "marts_dim_actors.integrity",
        ["UPDATE marts.dim_actors SET first_seen = DATE '2023-01-01'"],
        "first_seen",
    ),
    (
        "marts_dim_actors.plausibility",
        ["UPDATE marts.dim_actors SET n_articles = 0 WHERE actor_type = 'place'"],
        "n_articles",
    ),
    # marts.fct_claims, its bridges and the edges
    (
        "marts_fct_claims.integrity",
        ["UPDATE marts.fct_claims SET speaker_actor_id = 'ghost' WHERE form = 'direct'"],
        "speaker_actor_exists",
    ),
    (
        "marts_fct_claims.integrity",
        [
            "INSERT INTO marts.bridge_claim_about SELECT claim_id, 'ghost', 'Ghost', 1"
            " FROM marts.fct_claims"
        ],
        "n_dangling_target_actors",
    ),
    (
        "marts_fct_claims.integrity",
        [
            "INSERT INTO marts.bridge_claim_accused (claim_id, actor_id, actor_name, n_mentions)"
            " SELECT claim_id, 'ghost', 'Ghost', 1 FROM marts.fct_claims"
        ],
        "n_dangling_target_actors",
    ),
    (
        "marts_fct_claims.integrity",
        ["UPDATE marts.fct_claims SET reported_by_actor_id = 'ghost'"],
        "reported_by_actor_exists",
    ),
    (
        "marts_fct_claims.integrity",
        ["INSERT INTO marts.fct_claims SELECT * FROM marts.fct_claims LIMIT 1"],
        "claim_id",
    ),
    (
        "marts_fct_claims.plausibility",
        ["UPDATE marts.fct_claims SET speaker_actor_id = NULL"],
        "speaker_actor_id",
    ),
    ("marts_fct_claims.integrity", ["UPDATE marts.fct_claims SET act = 'gossip'"], "act"),
    ("marts_fct_claims.integrity", ["UPDATE marts.fct_claims SET form = NULL"], "form"),
    ("raw_claims.integrity", ["UPDATE raw.claims SET act = 'accusation'"], "act"),
    ("raw_claims.integrity", ["UPDATE raw.claims SET form = 'quoted'"], "form"),
    ("raw_claim_targets.integrity", ["UPDATE raw.claim_targets SET role = 'victim'"], "role"),
    (
        "raw_claim_targets.integrity",
        ["UPDATE raw.claim_targets SET start_char = start_char + 1"],
        "reference_at_offsets",
    ),
    (
        "marts_bridge_claim_about.integrity",
        ["INSERT INTO marts.bridge_claim_about SELECT * FROM marts.bridge_claim_about"],
        "actor_id",
    ),
    (
        "marts_bridge_claim_about.integrity",
        ["UPDATE marts.bridge_claim_about SET actor_id = 'ghost'"],
        "actor_exists",
    ),
    (
        "marts_bridge_claim_accused.integrity",
        ["DELETE FROM marts.bridge_claim_about"],
        "also_about",
    ),
    (
        "marts_bridge_claim_accused.integrity",
        ["UPDATE marts.fct_claims SET act = 'assert'"],
        "act",
    ),
    (
        "marts_bridge_claim_accused.integrity",
        ["INSERT INTO marts.bridge_claim_accused SELECT * FROM marts.bridge_claim_accused"],
        "actor_id",
    ),
    (
        "marts_actor_claim_edges.integrity",
        ["UPDATE marts.actor_claim_edges SET n_denials = n_claims"],
        "n_claims",
    ),
    (
        "marts_actor_claim_edges.integrity",
        ["UPDATE marts.actor_claim_edges SET target_actor_id = speaker_actor_id"],
        "is_self_edge",
    ),
    (
        "marts_actor_claim_edges.integrity",
        ["UPDATE marts.actor_claim_edges SET speaker_actor_id = 'ghost'"],
        "speaker_exists",
    ),
    # confidences are probabilities
    (
        "marts_bridge_claim_accused.integrity",
        ["UPDATE marts.bridge_claim_accused SET accused_confidence = 1.5"],
        "accused_confidence",
    ),
    (
        "marts_actor_claim_edges.integrity",
        ["UPDATE marts.actor_claim_edges SET accusation_confidence = -0.1"],
        "accusation_confidence",
    ),
    (
        "raw_claims.integrity",
        ["UPDATE raw.claims SET act_confidence = 2"],
        "act_confidence",
    ),
    (
        "raw_claim_targets.integrity",
        ["UPDATE raw.claim_targets SET confidence = -1"],
        "confidence",
    ),
]


@pytest.mark.parametrize(
    ("suite", "statements", "column"),
    CORRUPTIONS,
    ids=[f"{s}-{c}-{i}" for i, (s, _, c) in enumerate(CORRUPTIONS)],
)
def test_corruption_fails_the_suite_and_names_the_column(
    suite: str, statements: list[str], column: str, corrupt
) -> None:
    result = validate_suite(corrupt(statements), suite)
    assert not result.success, result.summary()
    assert result.error is None
    failing = [e for e in result.failures if column in e.columns]
    assert failing, f"no failing expectation on {column!r}:\n{result.summary()}"
    summary = result.summary()
    assert "FAILED" in summary
    assert failing[0].type in summary and column in summary
    for outcome in failing:
        if outcome.unexpected_count:  # row-level expectation: the sample locates the rows
            assert 0 < len(outcome.sample) <= 5
            ids = get_suite(suite).row_id_columns
            assert all(set(ids) <= set(row) for row in outcome.sample), outcome.sample
    json.dumps(result.to_metadata())


def test_sample_names_the_bad_rows(corrupt) -> None:
    con = corrupt(["UPDATE raw.claims SET act = 'opinion' WHERE form = 'indirect'"])
    result = validate_suite(con, "raw_claims.integrity")
    (act,) = [e for e in result.failures if e.columns == ["act"]]
    assert act.unexpected_count == 2 and act.element_count == 4
    assert act.unexpected_percent == pytest.approx(50.0)
    bad = set(con.execute("SELECT claim_id FROM raw.claims WHERE act = 'opinion'").fetchall())
    assert {(row["claim_id"],) for row in act.sample} == bad
    assert all(row["act"] == "opinion" and row["article_id"] for row in act.sample)
    assert act.severity == "critical"


def test_sample_columns_add_context(corrupt) -> None:
    con = corrupt(["UPDATE raw.entity_mentions SET text = 'Kremlim' WHERE text = 'Kremlin'"])
    result = validate_suite(con, "raw_entity_mentions.integrity")
    (bad,) = result.failures
    row = bad.sample[0]
    assert row["text"] == "Kremlim" and row["text_at_offsets"] == "Kremlin"
    assert {"mention_id", "article_id", "start_char", "end_char"} <= set(row)


def test_plausibility_failure_is_a_warning_with_observed_value(corrupt) -> None:
    con = corrupt(
        ["UPDATE raw.claims SET speaker_name = NULL WHERE act <> 'assert' OR form <> 'direct'"]
    )
    result = validate_suite(con, "raw_claims.plausibility")
    assert not result.success and not result.blocking
    (share,) = result.failures
    assert share.columns == ["speaker_name"] and share.severity == "warning"
    assert share.observed_value == pytest.approx(0.25)
    meta = result.to_metadata()
    assert meta["blocking"] is False and meta["failed_columns"] == "speaker_name"


def test_missing_table_gives_a_failed_result_not_a_crash(corrupt) -> None:
    con = corrupt(["DROP SCHEMA marts CASCADE"])
    result = validate_suite(con, "marts_dim_actors.integrity")
    assert not result.success and result.expectations == []
    assert "does not exist" in result.error
    assert "does not exist" in result.summary()
    meta = result.to_metadata()
    assert meta["success"] is False and "does not exist" in meta["error"]
    json.dumps(meta)


def test_query_missing_a_column_gives_a_failed_result(clean_con, tmp_path: Path) -> None:
    spec = get_suite("raw_quarantine.integrity")
    broken = type(spec)(**{**spec.__dict__, "query": "SELECT path, reason FROM raw.quarantine"})
    result = validate_suite(clean_con, broken)
    assert not result.success and "does not return the columns" in result.error


def test_metadata_is_json_and_has_no_none(corrupt) -> None:
    con = corrupt(["UPDATE raw.claims SET act = 'opinion'", "UPDATE raw.claims SET cue = 'x'"])
    result = validate_suite(con, "raw_claims.integrity")
    meta = result.to_metadata()
    assert json.loads(json.dumps(meta)) == meta
    assert all(v is not None for v in meta.values())
    assert meta["expectations_failed"] == len(result.failures) >= 2
    assert {"act", "cue", "cue_at_offsets"} <= set(meta["failed_columns"].split(", "))
    failed = meta["failed_expectations"][0]
    assert {"type", "columns", "severity", "unexpected_count", "sample"} <= set(failed)
    assert json.dumps(result.to_dict())


def test_gx_context_is_reused(clean_con) -> None:
    from pipeline.quality import validate

    validate_suite(clean_con, "raw_quarantine.integrity")
    runner = validate._runner
    validate_suite(clean_con, "raw_quarantine.integrity")
    assert validate._runner is runner is not None
    assert validate.warm_up() < 0.01


def test_data_docs(clean_con, tmp_path: Path) -> None:
    results: list[SuiteResult] = [validate_suite(clean_con, s) for s in SUITES[:3]]
    started = time.perf_counter()
    index = build_data_docs(results, tmp_path / "warehouse" / "data_docs")
    elapsed = time.perf_counter() - started
    assert index == tmp_path / "warehouse" / "data_docs" / "index.html"
    html = index.read_text()
    assert results[0].suite.split(".")[0] in html
    assert (tmp_path / "warehouse" / "gx" / "great_expectations.yml").is_file()
    # a second build reuses the context directory and keeps only `keep_runs` runs per suite
    time.sleep(1.1)
    again = [validate_suite(clean_con, s) for s in SUITES[:3]]
    build_data_docs(again, tmp_path / "warehouse" / "data_docs", keep_runs=1)
    stored = list((tmp_path / "warehouse" / "gx" / "uncommitted" / "validations").rglob("*.json"))
    assert len(stored) == 3
    # the pages follow the store: one validation page per kept run, the pruned ones deleted
    pages = list((tmp_path / "warehouse" / "data_docs" / "validations").rglob("*.html"))
    assert sorted(str(p) for p in pages) == sorted(r.docs_page for r in again)
    for result in again:
        assert Path(result.docs_page).is_relative_to(
            tmp_path / "warehouse" / "data_docs" / "validations" / result.suite.replace(".", "/")
        )
    assert not any(Path(r.docs_page).is_file() for r in results)
    assert elapsed < 30
