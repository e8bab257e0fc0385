"""dbt models as Dagster assets: staging -> intermediate -> marts, dbt tests as asset checks."""

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)

from pipeline import settings
from pipeline.resources import WarehouseResource

dbt_project = DbtProject(
    project_dir=settings.dbt_project_dir(), profiles_dir=settings.dbt_project_dir()
)
dbt_project.prepare_if_dev()
if not dbt_project.manifest_path.exists():
    # A fresh checkout without `make`: build the manifest with `dbt parse` (never opens the DB).
    dbt_project.preparer.prepare(dbt_project)


class NewsclaimsDbtTranslator(DagsterDbtTranslator):
    """Models are keyed <schema>/<model> (marts/dim_actors) and grouped by layer."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return super().get_asset_key(dbt_resource_props)
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props.get("schema") or "dbt"


class DbtBuildConfig(dg.Config):
    full_refresh: bool = False
    """Rebuild incremental models from scratch (`dbt build --full-refresh`)."""


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=NewsclaimsDbtTranslator(
        settings=DagsterDbtTranslatorSettings(enable_duplicate_source_asset_keys=True)
    ),
    pool="duckdb",
)
def newsclaims_dbt_models(
    context: dg.AssetExecutionContext,
    config: DbtBuildConfig,
    dbt: DbtCliResource,
    warehouse: WarehouseResource,
):
    args = ["build", *(["--full-refresh"] if config.full_refresh else [])]
    # the dbt profile reads NEWSCLAIMS_WORK_DB: point it at this run's work database
    with settings.overridden("NEWSCLAIMS_WORK_DB", warehouse.work_path):
        yield from dbt.cli(args, context=context).stream()
