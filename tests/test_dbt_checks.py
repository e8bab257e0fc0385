"""dbt tests as one Dagster check per model (`dbt_tests`): every test reported in its model's
check, and a failing test fails that check, names the test and blocks publishing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipeline.common.settings import Settings
from pipeline.dbt_build.test_checks import CHECK_NAME
from pipeline.run.execute import PUBLISHED, run_pipeline, summarize
from pipeline.warehouse.connection import work_path_for


def _manifest_tests(dbt_manifest: Path) -> dict[str, set[str]]:
    """Each tested model's data tests, by model name, as dbt's manifest lists them."""
    manifest = json.loads(dbt_manifest.read_text(encoding="utf-8"))
    tests: dict[str, set[str]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] == "test":
            model = manifest["nodes"][node["attached_node"]]["name"]
            tests.setdefault(model, set()).add(node["name"])
    return tests


def test_the_dbt_asset_has_one_check_per_tested_model_not_one_per_test(dbt_manifest):
    from pipeline.defs.dbt import newsclaims_dbt_models

    specs = list(newsclaims_dbt_models.check_specs)
    models = _manifest_tests(dbt_manifest)
    assert sorted(s.asset_key.path[-1] for s in specs) == sorted(models)
    assert {s.name for s in specs} == {CHECK_NAME}
    assert all(s.blocking for s in specs)  # every test of the project has severity error
    claims = next(s for s in specs if s.asset_key.path[-1] == "stg_claims")
    # its relationships test reads stg_articles: the check runs after both
    assert dg.AssetKey(["staging", "stg_articles"]) in {d.asset_key for d in claims.additional_deps}


@pytest.mark.slow
def test_each_tested_model_has_one_check_listing_all_its_tests(pipeline_run, dbt_manifest):
    checks = [
        c for c in pipeline_run.result.get_asset_check_evaluations() if c.check_name == CHECK_NAME
    ]
    reported = {c.asset_key.path[-1]: c for c in checks}
    assert len(reported) == len(checks)  # one check a model, not one a test
    expected = _manifest_tests(dbt_manifest)
    assert reported.keys() == expected.keys()
    for model, check in reported.items():
        rows = check.metadata["tests"].value.records
        assert {r.data["test"] for r in rows} == expected[model]
        assert all(r.data["status"] == "pass" for r in rows) and check.passed


@pytest.mark.slow
def test_a_failing_dbt_test_fails_its_models_check_and_blocks_publishing(
    pipeline_run, tmp_path: Path
):
    published = tmp_path / "warehouse" / "newsclaims.duckdb"
    work = work_path_for(published)
    work.parent.mkdir(parents=True)
    shutil.copy(pipeline_run.work, work)
    with duckdb.connect(str(work)) as con:  # one claim with an act outside its value set
        con.execute(
            "UPDATE raw.claims SET act = 'shrug' "
            "WHERE claim_id = (SELECT min(claim_id) FROM raw.claims)"
        )
    cfg = Settings.from_env().replace(
        warehouse_path=published, seeds_dir=pipeline_run.seeds, work_db=None
    )
    result = run_pipeline(
        cfg, select='key:"staging/stg_claims"', instance=dg.DagsterInstance.ephemeral()
    )

    assert not result.success
    checks = {c.asset_key.to_user_string(): c for c in result.get_asset_check_evaluations()}
    check = checks["staging/stg_claims"]
    assert check.check_name == CHECK_NAME and not check.passed
    assert check.severity == dg.AssetCheckSeverity.ERROR
    failing = "in_value_set_stg_claims_act__claim_act"
    rows = {r.data["test"]: r.data for r in check.metadata["tests"].value.records}
    assert rows[failing]["status"] == "fail" and rows[failing]["failing_rows"] == 1
    assert sum(r["status"] != "pass" for r in rows.values()) == 1
    summary = check.metadata["summary"].value
    assert summary.splitlines()[0] == f"1 of {len(rows)} dbt tests failed: {failing} (fail, 1 row)"
    sql = Path(summary.splitlines()[1].rsplit(": ", 1)[1])
    with duckdb.connect(str(work), read_only=True) as con:  # the named SQL finds the bad row
        found = con.execute(sql.read_text(encoding="utf-8")).fetchall()
    assert found == [("shrug", "not in value set claim_act")]
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    assert PUBLISHED not in materialized  # the failed tests held publishing back
    assert f"FAILED (blocking) staging/stg_claims dbt_tests: 1 of {len(rows)}" in summarize(
        result, cfg
    )
