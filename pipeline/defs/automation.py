"""Nightly reprocessing schedule, the new-article sensor on the seeds folder, and the sensor
that publishes the work database after any run that changed it without publishing."""

import json
from pathlib import Path

import dagster as dg
import duckdb

from pipeline import settings
from pipeline.defs.publish import published_warehouse
from pipeline.ingest.changes import detect_changes, folder_state
from pipeline.lifecycle import clean_stale_runs
from pipeline.warehouse.connection import connection

PUBLISHED = published_warehouse.key

# Everything: ingest -> extract -> dbt -> publish, with every asset check.
EVERYTHING = dg.AssetSelection.all()

nightly_reprocess = dg.ScheduleDefinition(
    name="nightly_reprocess",
    target=EVERYTHING,
    cron_schedule=settings.nightly_cron(),
    execution_timezone=settings.timezone(),
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description=(
        "Re-ingests the seeds folder, re-extracts every article whose extractor_version is not "
        "the current one, rebuilds dbt, runs all checks and publishes. For a full reprocess, "
        "launch with `ops: {extract_claims: {config: {full_refresh: true}}, "
        "newsclaims_dbt_models: {config: {full_refresh: true}}}`."
    ),
    tags={"newsclaims/trigger": "nightly"},
)


def _clean_up_dead_runs(context: dg.SensorEvaluationContext) -> None:
    """A killed run left "started" would hold the run queue (one at a time) for ever."""
    try:
        instance = context.instance
    except dg.DagsterInvariantViolationError:  # evaluated without an instance: no runs to see
        return
    for line in clean_stale_runs(instance):
        context.log.warning(line)


@dg.sensor(
    name="new_articles",
    target=EVERYTHING,
    minimum_interval_seconds=settings.sensor_interval_s(),
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Launches a run when a file in the seeds folder is added or changed.",
)
def new_articles(context: dg.SensorEvaluationContext):
    _clean_up_dead_runs(context)
    folder = settings.seeds_dir()
    if not folder.is_dir():
        return dg.SkipReason(f"seeds folder {folder} does not exist")
    cursor = context.cursor
    if cursor is None:
        cursor = held_by_warehouse(folder, settings.warehouse_path())
        context.log.info(f"first tick: {len(json.loads(cursor))} files already in the warehouse")
    changes = detect_changes(folder, cursor)
    context.update_cursor(changes.cursor)
    if not changes.changed:
        return dg.SkipReason("no new or changed files")
    context.log.info(f"{len(changes.changed)} new or changed: {', '.join(changes.changed[:10])}")
    return dg.RunRequest(
        run_key=changes.run_key,
        tags={
            "newsclaims/trigger": "sensor",
            "newsclaims/changed_files": str(len(changes.changed)),
        },
    )


def held_by_warehouse(folder: Path, published: Path) -> str:
    """A fresh sensor's cursor: the files the published warehouse already holds (an article or
    a quarantine row names them) and that have not changed since it was published."""
    if not published.is_file():
        return "{}"
    try:
        with connection(published, read_only=True, timeout_s=5) as con:
            rows = con.execute(
                "SELECT source_path FROM raw.articles UNION SELECT path FROM raw.quarantine"
            ).fetchall()
    except duckdb.Error:
        return "{}"
    known = {row[0] for row in rows}
    cutoff = published.stat().st_mtime
    held = {
        path: sig
        for path, sig in folder_state(folder).items()
        if path in known and sig[0] <= cutoff
    }
    return json.dumps(held, sort_keys=True)


# what the published copy is made of: the assets upstream of warehouse/published
WRITES_WAREHOUSE = frozenset(published_warehouse.asset_deps[PUBLISHED])

publish_warehouse = dg.define_asset_job(
    "publish_warehouse",
    selection=dg.AssetSelection.assets(PUBLISHED),
    description="Copies the work database onto the published warehouse (atomic, as every run).",
    tags={"newsclaims/trigger": "after-run"},
)


@dg.run_status_sensor(
    name="publish_after_runs",
    run_status=dg.DagsterRunStatus.SUCCESS,
    request_job=publish_warehouse,
    default_status=dg.DefaultSensorStatus.RUNNING,
    # runs executed in a CLI's own process (`dg launch`) carry no code location: see them too
    monitor_all_code_locations=True,
    description=(
        "After a successful run that materialised assets but did not publish them (for example "
        "a model materialised in the UI), publishes the work database."
    ),
)
def publish_after_runs(context: dg.RunStatusSensorContext):
    run = context.dagster_run
    if run.job_name == publish_warehouse.name:
        return dg.SkipReason("a publish run")
    selection = run.asset_selection
    if selection is None or PUBLISHED in selection:
        return dg.SkipReason(f"run {run.run_id[:8]} published (or skipped publishing) itself")
    if not selection & WRITES_WAREHOUSE:
        return dg.SkipReason(f"run {run.run_id[:8]} wrote nothing the warehouse publishes")
    if not context.instance.get_run_stats(run.run_id).materializations:
        return dg.SkipReason(f"run {run.run_id[:8]} materialised nothing")
    return dg.RunRequest(
        run_key=f"publish-after-{run.run_id}", tags={"newsclaims/after_run": run.run_id}
    )
