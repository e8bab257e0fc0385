"""Publishing: copy the work database onto the warehouse file users query, atomically."""

import time

import dagster as dg

from pipeline.defs.dbt import newsclaims_dbt_models
from pipeline.defs.extract import RAW_CLAIM_TARGETS, RAW_CLAIMS, RAW_MENTIONS
from pipeline.defs.ingest import RAW_ARTICLES, RAW_QUARANTINE
from pipeline.run.resources import WarehouseResource


@dg.asset(
    key=["warehouse", "published"],
    deps=[
        RAW_ARTICLES,
        RAW_QUARANTINE,
        RAW_MENTIONS,
        RAW_CLAIMS,
        RAW_CLAIM_TARGETS,
        *newsclaims_dbt_models.keys,
    ],
    group_name="publish",
    kinds={"duckdb"},
    pool="duckdb",
    description=(
        "The published warehouse file (NEWSCLAIMS_WAREHOUSE) that users and SQL tools read: "
        "an atomic copy of the pipeline's work database taken at the end of each run, or by "
        "the publish_after_runs sensor after a run that changed it without publishing."
    ),
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    seconds = warehouse.publish()
    size = warehouse.published_path.stat().st_size
    context.log.info(
        f"published {warehouse.published_path} ({size / 1e6:.1f} MB) in {seconds:.2f} s"
    )
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(warehouse.published_path)),
            "bytes": size,
            "copy_seconds": round(seconds, 3),
            # which run's changes this copy carries when a sensor published after that run
            "after_run": context.run.tags.get("newsclaims/after_run", context.run.run_id),
            "published_at": dg.MetadataValue.timestamp(time.time()),
        }
    )
