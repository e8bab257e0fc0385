"""The suite files themselves: format, coverage, queries and expectation types."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.quality.suites import (
    SuiteFileError,
    expectation_columns,
    load_suite,
    load_suites,
    suites_dir,
    suites_for_asset,
)

ROOT = Path(__file__).resolve().parents[2]
SUITES = load_suites()
SUITE_IDS = [s.name for s in SUITES]

REQUIRED = {
    ("raw.articles", "integrity"),
    ("raw.articles", "plausibility"),
    ("raw.quarantine", "integrity"),
    ("raw.quarantine", "plausibility"),
    ("raw.entity_mentions", "integrity"),
    ("raw.claims", "integrity"),
    ("raw.claims", "plausibility"),
    ("raw.claim_targets", "integrity"),
    ("marts.dim_actors", "integrity"),
    ("marts.fct_claims", "integrity"),
    ("marts.bridge_claim_about", "integrity"),
    ("marts.bridge_claim_accused", "integrity"),
    ("marts.actor_claim_edges", "integrity"),
}


def test_every_json_file_is_a_loadable_suite() -> None:
    files = sorted(suites_dir().glob("*.json"))
    assert len(files) == len(SUITES) >= len(REQUIRED)
    assert len(set(SUITE_IDS)) == len(SUITE_IDS)
    assert len({s.check_name for s in SUITES}) == len(SUITES)
    orphans = {p.stem for p in suites_dir().glob("*.sql")} - set(SUITE_IDS)
    assert not orphans, f"query files without a suite: {orphans}"


def test_required_tables_and_purposes_are_covered() -> None:
    covered = {(s.table, s.purpose) for s in SUITES}
    assert REQUIRED <= covered


@pytest.mark.parametrize("spec", SUITES, ids=SUITE_IDS)
def test_suite_settings_are_consistent(spec) -> None:
    assert spec.blocking is (spec.purpose == "integrity")
    assert spec.name.startswith(spec.table.replace(".", "_") + ".")
    assert spec.name.endswith("." + spec.purpose)
    assert spec.check_name.replace("_", "").isalnum()
    assert list(spec.asset_key) == spec.table.split(".")
    severities = {e["severity"] for e in spec.expectations}
    assert severities == ({"critical"} if spec.blocking else {"warning"})
    for exp in spec.expectations:
        assert exp["description"], f"{spec.name}: {exp['type']} has no description"
    # the raw JSON is in GX 1.x format: "type", never the pre-1.0 "expectation_type"
    raw = json.loads(spec.path.read_text())
    assert all("expectation_type" not in e for e in raw["expectations"])


def test_suites_for_asset() -> None:
    names = {s.name for s in suites_for_asset(["raw", "claims"])}
    assert names == {"raw_claims.integrity", "raw_claims.plausibility"}


@pytest.mark.parametrize("spec", SUITES, ids=SUITE_IDS)
def test_query_returns_every_column_the_suite_uses(spec, clean_con: duckdb.DuckDBPyConnection):
    columns = {d[0] for d in clean_con.execute(spec.query).description}
    missing = spec.columns_used - columns
    assert not missing, f"{spec.name}: columns not returned by its query: {sorted(missing)}"


def test_every_expectation_type_exists_in_gx(gx_ready: float) -> None:
    from great_expectations.expectations.registry import get_expectation_impl

    from pipeline.quality.validate import build_gx_suite

    for spec in SUITES:
        for exp in spec.expectations:
            assert get_expectation_impl(exp["type"]) is not None, exp["type"]
        suite = build_gx_suite(spec)  # also checks every kwarg against the expectation's model
        assert len(suite.expectations) == len(spec.expectations)


def test_a_misspelt_type_is_caught_when_the_suite_is_built(tmp_path: Path, gx_ready: float):
    from pipeline.quality.validate import build_gx_suite

    spec = _copy_suite(tmp_path, "raw_articles.integrity")
    raw = json.loads(spec.read_text())
    raw["expectations"][0]["type"] = "expect_column_values_to_not_be_nul"
    spec.write_text(json.dumps(raw))
    with pytest.raises(Exception, match="not_be_nul"):
        build_gx_suite(load_suite(spec))


def _copy_suite(tmp_path: Path, name: str) -> Path:
    for suffix in (".json", ".sql"):
        src = suites_dir() / f"{name}{suffix}"
        (tmp_path / src.name).write_text(src.read_text())
    return tmp_path / f"{name}.json"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda raw: raw.update(name="other"), "must equal the file stem"),
        (lambda raw: raw["meta"].pop("blocking"), "meta.blocking is required"),
        (lambda raw: raw["meta"].update(asset_key="raw.articles"), "asset_key"),
        (
            lambda raw: raw["expectations"].append({"expectation_type": "x", "kwargs": {}}),
            "1.x format",
        ),
        (lambda raw: raw["expectations"][0].update(severity="fatal"), "severity"),
    ],
)
def test_malformed_suite_files_are_rejected(tmp_path: Path, edit, message: str) -> None:
    path = _copy_suite(tmp_path, "raw_articles.integrity")
    raw = json.loads(path.read_text())
    edit(raw)
    path.write_text(json.dumps(raw))
    with pytest.raises(SuiteFileError, match=message):
        load_suite(path)


def test_a_missing_query_file_is_rejected(tmp_path: Path) -> None:
    path = _copy_suite(tmp_path, "raw_articles.integrity")
    path.with_suffix(".sql").unlink()
    with pytest.raises(SuiteFileError, match="query file"):
        load_suite(path)


def test_expectation_columns() -> None:
    assert expectation_columns({"kwargs": {"column": "a"}}) == ["a"]
    assert expectation_columns({"kwargs": {"column_A": "a", "column_B": "b"}}) == ["a", "b"]
    assert expectation_columns({"kwargs": {"column_list": ["a", "b"]}}) == ["a", "b"]
    assert expectation_columns({"kwargs": {"min_value": 1}}) == []


def test_importing_the_package_does_not_import_gx() -> None:
    code = (
        "import sys, pipeline.quality, pipeline.quality.validate;"
        "assert 'great_expectations' not in sys.modules, 'GX imported eagerly'"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
