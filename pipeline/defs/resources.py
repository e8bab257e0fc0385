"""Resources shared by every asset, check, schedule and sensor."""

import dagster as dg

from pipeline.common.settings import Settings, default
from pipeline.dbt_build.warm import client_executable
from pipeline.defs.dbt import LocalDbtCliResource, dbt_project
from pipeline.run.lifecycle import one_writer_executor
from pipeline.run.resources import resources_for


@dg.definitions
def resources() -> dg.Definitions:
    cfg = Settings.from_env()  # the code location's settings, made once as Dagster loads
    # the warm client runs the dbt installed here; NEWSCLAIMS_DBT naming another dbt wins
    own_dbt = cfg.dbt_executable == default("dbt_executable")
    return dg.Definitions(
        # One process per run (spaCy and GX load once), one run per warehouse at a time.
        executor=one_writer_executor,
        resources={
            **resources_for(cfg),
            "dbt": LocalDbtCliResource(
                project_dir=dbt_project,
                dbt_executable=(own_dbt and client_executable()) or cfg.dbt_executable,
                prestart=cfg.prestart,
            ),
        },
    )
