"""Nightly reprocessing schedule, the new-article sensor on the seeds folder, and the sensor
that publishes the work database after any run that changed it without publishing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb

from pipeline.common.settings import Settings
from pipeline.defs.partitions import embedded_only
from pipeline.defs.publish import published_warehouse
from pipeline.defs.report import report_site
from pipeline.ingest.changes import detect_changes, folder_state
from pipeline.run.lifecycle import clean_stale_runs
from pipeline.run.resources import SettingsResource
from pipeline.warehouse.connection import connection

PUBLISHED = published_warehouse.key
RUN_KEY_TAG = "dagster/run_key"  # the tag Dagster gives a run a sensor's request started
MAX_RETRIES = 2  # a change set whose runs keep failing is asked again at most this often

# Everything: ingest -> extract -> dbt -> publish, with every asset check.
EVERYTHING = dg.AssetSelection.all()
# when and how often: the code location's settings, read as Dagster loads the definitions
_LOADED = Settings.from_env()

nightly_reprocess = dg.ScheduleDefinition(
    name="nightly_reprocess",
    target=EVERYTHING,
    cron_schedule=_LOADED.nightly_cron,
    execution_timezone=_LOADED.timezone,
    default_status=embedded_only(dg.DefaultScheduleStatus),
    description=(
        "Re-ingests the seeds folder, re-extracts every article whose extractor_version is not "
        "the current one, rebuilds dbt, runs all checks and publishes. For a full reprocess, "
        "launch with `ops: {extract_claims: {config: {full_refresh: true}}, "
        "newsclaims_dbt_models: {config: {full_refresh: true}}}`."
    ),
    tags={"newsclaims/trigger": "nightly"},
)


def _instance(context: dg.SensorEvaluationContext) -> dg.DagsterInstance | None:
    try:
        return context.instance
    except dg.DagsterInvariantViolationError:  # evaluated without an instance: no runs to see
        return None


def _clean_up_dead_runs(instance: dg.DagsterInstance | None, log) -> None:
    """A killed run left "started" would hold the run queue (one at a time) for ever."""
    for line in clean_stale_runs(instance) if instance is not None else []:
        log.warning(line)


def _outcome(instance: dg.DagsterInstance | None, run_key: str) -> tuple[str, str]:
    """("done" | "waiting" | "failed", what to say) for the run a request of this sensor made.

    Without an instance (a test evaluation) there is no run to wait for: the request counts
    as done. A request whose run never appeared counts as failed, so its files are asked again.
    """
    if instance is None:
        return "done", ""
    runs = instance.get_runs(dg.RunsFilter(tags={RUN_KEY_TAG: run_key}), limit=1)
    if not runs:
        return "failed", "its run was never launched"
    run = runs[0]
    if run.status == dg.DagsterRunStatus.SUCCESS:
        return "done", ""
    if run.is_finished:
        return "failed", f"run {run.run_id[:8]} ended {run.status.value}"
    return "waiting", f"waiting for run {run.run_id[:8]} ({run.status.value})"


@dg.sensor(
    name="new_articles",
    target=EVERYTHING,
    minimum_interval_seconds=_LOADED.sensor_interval_s,
    default_status=embedded_only(dg.DefaultSensorStatus),
    description=(
        "Launches a run when a file in the seeds folder is added or changed. The files count as "
        "seen once that run succeeded: those of a run that was killed or failed are asked again "
        f"(at most {MAX_RETRIES} times; the nightly run takes them after that)."
    ),
)
def new_articles(context: dg.SensorEvaluationContext, settings: SettingsResource):
    instance = _instance(context)
    _clean_up_dead_runs(instance, context.log)
    cfg = settings.get()
    folder = cfg.seeds_dir
    if not folder.is_dir():
        return dg.SkipReason(f"seeds folder {folder} does not exist")
    cursor = SensorCursor.load(context.cursor)
    if cursor is None:
        cursor = SensorCursor(json.loads(held_by_warehouse(folder, cfg.warehouse_path)))
        context.log.info(f"first tick: {len(cursor.done)} files already in the warehouse")
    tries = 0
    if cursor.asked:
        outcome, why = _outcome(instance, cursor.asked["key"])
        if outcome == "waiting":
            return dg.SkipReason(why)
        if outcome == "done" or cursor.asked["tries"] >= MAX_RETRIES:
            if outcome == "failed":
                context.log.warning(f"{why}; not asked again: the nightly run will take its files")
            cursor.done = cursor.asked["state"]
        else:
            tries = cursor.asked["tries"] + 1
            context.log.warning(f"{why}: its files are asked again (retry {tries}/{MAX_RETRIES})")
        cursor.asked = None
    changes = detect_changes(folder, json.dumps(cursor.done, sort_keys=True))
    if not changes.changed:
        context.update_cursor(cursor.dump())
        return dg.SkipReason("no new or changed files")
    run_key = f"{changes.run_key}-{tries}" if tries else changes.run_key
    cursor.asked = {"key": run_key, "state": json.loads(changes.cursor), "tries": tries}
    context.update_cursor(cursor.dump())
    context.log.info(
        f"{len(changes.changed)} new, changed or removed: {', '.join(changes.changed[:10])}"
    )
    return dg.RunRequest(
        run_key=run_key,
        tags={
            "newsclaims/trigger": "sensor",
            "newsclaims/changed_files": str(len(changes.changed)),
        },
    )


@dataclass
class SensorCursor:
    """What the new-articles sensor has seen: the files of its last successful run (`done`,
    {path: [mtime, size]}) and the request still in flight (`asked`: its run key, the files it
    saw and how often they were asked again)."""

    done: dict
    asked: dict | None = None

    @classmethod
    def load(cls, text: str | None) -> SensorCursor | None:
        if not text:
            return None
        data = json.loads(text)
        if "done" not in data:  # a cursor of an earlier version: {path: signature}
            return cls(data)
        return cls(data["done"], data.get("asked"))

    def dump(self) -> str:
        return json.dumps({"done": self.done, "asked": self.asked}, sort_keys=True)


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
    selection=dg.AssetSelection.assets(PUBLISHED, report_site.key),  # the report follows
    description="Copies the work database onto the published warehouse (atomic, as every run) "
    "and rebuilds the report site from it.",
    tags={"newsclaims/trigger": "after-run"},
)


@dg.run_status_sensor(
    name="publish_after_runs",
    run_status=dg.DagsterRunStatus.SUCCESS,
    request_job=publish_warehouse,
    default_status=embedded_only(dg.DefaultSensorStatus),
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
