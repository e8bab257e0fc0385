"""Materialise the pipeline in this process, on the Dagster instance the UI uses."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from pipeline import settings


def dagster_instance() -> dg.DagsterInstance:
    """The shared instance in DAGSTER_HOME (the Makefile sets it), else an ephemeral one."""
    home = os.environ.get("DAGSTER_HOME")
    if home and Path(home).is_dir():
        return dg.DagsterInstance.get()
    return dg.DagsterInstance.ephemeral()


def run_pipeline(
    select: str = "*",
    full_refresh: bool = False,
    instance: dg.DagsterInstance | None = None,
) -> dg.ExecuteInJobResult:
    """Run the selected assets (default: everything) and their checks in-process."""
    from pipeline.definitions import defs as load_defs

    defs = load_defs()
    job = defs.resolve_implicit_global_asset_job_def()
    run_config = {}
    if full_refresh:
        run_config = {
            "ops": {
                "extract_claims": {"config": {"full_refresh": True}},
                "newsclaims_dbt_models": {"config": {"full_refresh": True}},
            }
        }
    selection = None if select == "*" else [select]
    return job.execute_in_process(
        run_config=run_config,
        instance=instance or dagster_instance(),
        asset_selection=(
            None
            if selection is None
            else list(dg.AssetSelection.from_string(select).resolve(defs.resolve_asset_graph()))
        ),
        tags={"newsclaims/trigger": "cli", "newsclaims/seeds": str(settings.seeds_dir())},
    )
