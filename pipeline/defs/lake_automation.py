"""Lake mode's nightly run and its follow-ups (nothing in embedded mode):

1. `lake_nightly` (NEWSCLAIMS_NIGHTLY_CRON) ingests the seeds folder into the lake; the new
   days become partitions;
2. `lake_new_partitions` asks for one `lake_extract` run per partition that holds articles and
   was never extracted; the run queue hands them to the workers;
3. once none is missing or in flight and extraction changed since the last marts run, it asks
   for one `lake_marts` run (dbt build and every check).
"""

from __future__ import annotations

from functools import cache

import dagster as dg

from pipeline.common.settings import Settings
from pipeline.defs.extract import RAW_CLAIMS, extract_claims
from pipeline.defs.ingest import RAW_ARTICLES, RAW_QUARANTINE
from pipeline.defs.partitions import lake_partitions
from pipeline.lake.config import lake_config
from pipeline.lake.partitions import EXTRACT_JOB, MARTS_JOB
from pipeline.run.resources import SettingsResource

INGEST_JOB = "lake_ingest"
_BUSY = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
]


@cache
def extract_job() -> dg.UnresolvedAssetJobDefinition:
    """`lake_extract`: the extraction of some partitions (what backfills and workers run)."""
    selection = dg.AssetSelection.assets(*extract_claims.keys).without_checks()
    return dg.define_asset_job(EXTRACT_JOB, selection=selection, partitions_def=lake_partitions())


@cache
def marts_job() -> dg.UnresolvedAssetJobDefinition:
    """`lake_marts`: the dbt models and every check, once the partitions have landed."""
    selection = dg.AssetSelection.groups("staging", "intermediate", "marts", "reference")
    return dg.define_asset_job(
        MARTS_JOB, selection=selection | dg.AssetSelection.all_asset_checks()
    )


def _nonempty_partitions(cfg: Settings) -> list[str]:
    from pipeline.lake.connect import lake_connection
    from pipeline.lake.partitions import DAY_SQL, shard_sql

    with lake_connection(lake_config(cfg), read_only=True) as con:
        sql = f"SELECT DISTINCT {DAY_SQL} || '|' || {shard_sql(cfg.lake_shards)} FROM raw.articles"
        return sorted(key for (key,) in con.execute(sql).fetchall())


def _busy(instance: dg.DagsterInstance, job: str) -> bool:
    return bool(instance.get_runs(dg.RunsFilter(job_name=job, statuses=_BUSY), limit=1))


def _new_partition_requests(context: dg.SensorEvaluationContext, cfg: Settings):
    instance = context.instance
    done = instance.get_materialized_partitions(RAW_CLAIMS)
    missing = [key for key in _nonempty_partitions(cfg) if key not in done]
    if missing:
        for key in missing:
            yield dg.RunRequest(run_key=f"extract:{key}", job_name=EXTRACT_JOB, partition_key=key)
        return
    if _busy(instance, EXTRACT_JOB) or _busy(instance, MARTS_JOB):
        return
    latest = instance.get_latest_materialization_event(RAW_CLAIMS)
    if latest is not None:
        yield dg.RunRequest(run_key=f"marts:{latest.timestamp}", job_name=MARTS_JOB)


def _automation_status(status_enum, on: bool):
    """On where NEWSCLAIMS_LAKE_AUTOMATION=1 (a cluster's nightly); off by default, so `make
    scale-demo` and the tests drive the runs themselves (or turn them on in the UI)."""
    return status_enum.RUNNING if on else status_enum.STOPPED


@dg.definitions
def lake_automation() -> dg.Definitions:
    if lake_partitions() is None:
        return dg.Definitions()
    loaded = Settings.from_env()  # the code location's settings, read as Dagster loads
    ingest = dg.define_asset_job(
        INGEST_JOB,
        selection=dg.AssetSelection.assets(RAW_ARTICLES, RAW_QUARANTINE).without_checks(),
    )
    nightly = dg.ScheduleDefinition(
        name="lake_nightly",
        job=ingest,
        cron_schedule=loaded.nightly_cron,
        execution_timezone=loaded.timezone,
        default_status=_automation_status(dg.DefaultScheduleStatus, loaded.lake_automation),
        description="Ingests the seeds folder into the lake; the new days become partitions.",
    )

    @dg.sensor(
        name="lake_new_partitions",
        minimum_interval_seconds=loaded.sensor_interval_s,
        default_status=_automation_status(dg.DefaultSensorStatus, loaded.lake_automation),
        jobs=[extract_job(), marts_job()],
        description="One lake_extract run per new partition, then one lake_marts run.",
    )
    def new_partitions(context: dg.SensorEvaluationContext, settings: SettingsResource):
        yield from _new_partition_requests(context, settings.get())

    return dg.Definitions(jobs=[ingest], schedules=[nightly], sensors=[new_partitions])
