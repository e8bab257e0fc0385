"""Resources shared by every asset, check, schedule and sensor."""

import dagster as dg

from pipeline.common.settings import Settings, default
from pipeline.dbt_build.warm import client_executable
from pipeline.defs.dbt import LocalDbtCliResource, dbt_project
from pipeline.lake.config import lake_config
from pipeline.run.lifecycle import one_writer_executor
from pipeline.run.resources import resources_for
from pipeline.run.sqlite_sync import relax_instance_syncs


def _executor(cfg: Settings) -> dg.ExecutorDefinition:
    """One process per run (spaCy and GX load once); embedded: one run per warehouse at a time,
    lake mode: many runs at once, each partition guarded by its own lock (pipeline/lake/guard)."""
    if lake_config(cfg) is None:
        return one_writer_executor
    from pipeline.lake.dbt_env import install_extensions
    from pipeline.scaleout.executor import lake_executor

    install_extensions()  # from the wheels, before a dbt of this process builds in the lake
    return lake_executor


@dg.definitions
def resources() -> dg.Definitions:
    cfg = Settings.from_env()  # the code location's settings, made once as Dagster loads
    # every process that runs this location's assets stores its run's events in the instance
    relax_instance_syncs(cfg.dagster_home)
    # the warm client runs the dbt installed here; NEWSCLAIMS_DBT naming another dbt wins
    own_dbt = cfg.dbt_executable == default("dbt_executable")
    return dg.Definitions(
        executor=_executor(cfg),
        resources={
            **resources_for(cfg),
            "dbt": LocalDbtCliResource(
                project_dir=dbt_project,
                dbt_executable=(own_dbt and client_executable()) or cfg.dbt_executable,
                prestart=cfg.prestart,
            ),
        },
    )
