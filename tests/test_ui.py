"""What the Dagster UI shows and does: check links, the first sensor tick, publishing after a
run that did not publish, and documented mart columns."""

import json
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipeline.defs.automation import new_articles, publish_after_runs
from pipeline.warehouse.connection import work_path_for
from tests.conftest import sensor_context

pytestmark = pytest.mark.slow

RAW_ASSETS = [dg.AssetKey(["raw", "articles"]), dg.AssetKey(["raw", "quarantine"])]


def _copy(run, target: Path) -> tuple[Path, Path]:
    """Seeds (with their times), work database and published warehouse of the session run."""
    seeds = target / "seeds"
    shutil.copytree(run.seeds, seeds)  # copy2 keeps modification times
    published = target / "w" / "newsclaims.duckdb"
    work_path_for(published).parent.mkdir(parents=True)
    shutil.copy2(run.work, work_path_for(published))
    shutil.copy2(run.published, published)
    return seeds, published


def test_each_gx_check_links_its_own_validation_page(pipeline_run):
    docs = pipeline_run.published.parent / "data_docs"
    gx_checks = [
        c for c in pipeline_run.result.get_asset_check_evaluations() if "suite" in c.metadata
    ]
    assert len(gx_checks) >= 10
    for check in gx_checks:
        suite = check.metadata["suite"].value
        page = Path(check.metadata["data_docs_file"].value)
        assert page.is_file()
        assert page.is_relative_to(docs / "validations" / suite.replace(".", "/")), page
        # no docs server runs here: the page is kept as its path in the Data Docs folder
        assert check.metadata["data_docs_page"].value == page.relative_to(docs).as_posix()


def test_first_sensor_tick_starts_from_the_warehouse(
    pipeline_run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    seeds, published = _copy(pipeline_run, tmp_path)
    monkeypatch.setenv("NEWSCLAIMS_SEEDS", str(seeds))
    monkeypatch.setenv("NEWSCLAIMS_WAREHOUSE", str(published))
    first = sensor_context(cursor=None)
    assert isinstance(new_articles(first), dg.SkipReason)  # everything is already in
    assert set(json.loads(first.cursor)["done"]) == {p.name for p in seeds.iterdir()}

    (seeds / "late.txt").write_text("Late news\n\nThe mayor said the bridge would reopen.")
    second = sensor_context(cursor=None)
    request = new_articles(second)
    assert isinstance(request, dg.RunRequest)
    assert request.tags["newsclaims/changed_files"] == "1"


def _sensor_says(instance: dg.DagsterInstance, run_id: str):
    run = instance.get_run_by_id(run_id)
    success = next(
        e.dagster_event
        for e in instance.all_logs(run_id)
        if e.dagster_event and e.dagster_event.event_type_value == "PIPELINE_SUCCESS"
    )
    context = dg.build_run_status_sensor_context(
        sensor_name="publish_after_runs",
        dagster_event=success,
        dagster_instance=instance,
        dagster_run=run,
    )
    return publish_after_runs(context)


def test_a_run_that_did_not_publish_is_published_after(
    pipeline_run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from pipeline.definitions import defs as load_defs

    seeds, published = _copy(pipeline_run, tmp_path)
    (seeds / "late.txt").write_text("Late news\n\nThe mayor said the bridge would reopen.")
    monkeypatch.setenv("NEWSCLAIMS_SEEDS", str(seeds))
    monkeypatch.setenv("NEWSCLAIMS_WAREHOUSE", str(published))
    defs = load_defs()
    instance = dg.DagsterInstance.ephemeral()

    def count() -> int:
        with duckdb.connect(str(published), read_only=True) as con:
            return con.execute("SELECT count(*) FROM raw.articles").fetchone()[0]

    before = count()
    # as when raw/articles is materialised alone in the UI
    ingest_only = defs.resolve_implicit_global_asset_job_def().execute_in_process(
        instance=instance, asset_selection=RAW_ASSETS
    )
    assert ingest_only.success and count() == before  # the published copy has not moved

    request = _sensor_says(instance, ingest_only.run_id)
    assert isinstance(request, dg.RunRequest)
    publish = defs.resolve_job_def("publish_warehouse").execute_in_process(
        instance=instance, tags=request.tags
    )
    assert publish.success and count() == before + 1
    events = {e.asset_key: e for e in publish.get_asset_materialization_events()}
    event = events[dg.AssetKey(["warehouse", "published"])]
    assert event.materialization.metadata["after_run"].value == ingest_only.run_id
    # the report follows the publish: rebuilt from what was published (the late article is
    # in raw only: the marts were not materialised)
    report = events[dg.AssetKey(["warehouse", "report"])].materialization.metadata
    with duckdb.connect(str(published), read_only=True) as con:
        marts = con.execute("SELECT count(*) FROM marts.dim_articles").fetchone()[0]
    assert report["articles"].value == marts
    # the publish run itself, and runs that published, trigger nothing
    assert isinstance(_sensor_says(instance, publish.run_id), dg.SkipReason)
    # nor does a run of assets the published copy is not made of (the report reads it)
    report_only = defs.resolve_implicit_global_asset_job_def().execute_in_process(
        instance=instance, asset_selection=[dg.AssetKey(["warehouse", "report"])]
    )
    assert report_only.success
    said = _sensor_says(instance, report_only.run_id)
    assert isinstance(said, dg.SkipReason) and "wrote nothing" in said.skip_message


def test_every_mart_column_is_documented(pipeline_run, dbt_manifest: Path):
    manifest = json.loads(dbt_manifest.read_text())
    documented = {
        (node["name"], column): spec.get("description", "")
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == "marts"
        for column, spec in node["columns"].items()
    }
    built = pipeline_run.query(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'marts' ORDER BY ALL"
    )
    assert len(built) > 80
    missing = [
        f"{table}.{column}"
        for table, column in built
        if not documented.get((table, column), "").strip()
    ]
    assert missing == []
