"""Nightly reprocessing schedule and the new-article sensor on the seeds folder."""

import dagster as dg

from pipeline import settings
from pipeline.ingest.changes import detect_changes

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


@dg.sensor(
    name="new_articles",
    target=EVERYTHING,
    minimum_interval_seconds=settings.sensor_interval_s(),
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Launches a run when a file in the seeds folder is added or changed.",
)
def new_articles(context: dg.SensorEvaluationContext):
    folder = settings.seeds_dir()
    if not folder.is_dir():
        return dg.SkipReason(f"seeds folder {folder} does not exist")
    changes = detect_changes(folder, context.cursor)
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
