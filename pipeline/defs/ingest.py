"""Ingestion asset: the seeds folder -> raw.articles and raw.quarantine."""

import dagster as dg

from pipeline.run.resources import ArticleSourceResource, WarehouseResource
from pipeline.run.steps import Log, ingest

RAW_ARTICLES = dg.AssetKey(["raw", "articles"])
RAW_QUARANTINE = dg.AssetKey(["raw", "quarantine"])


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            RAW_ARTICLES,
            description="Cleaned articles from the seeds folder, one row per distinct article.",
            kinds={"python", "duckdb"},
            group_name="ingest",
        ),
        dg.AssetSpec(
            RAW_QUARANTINE,
            description="Files (or JSONL lines) that could not be ingested, with the reason.",
            kinds={"python", "duckdb"},
            group_name="ingest",
        ),
    ],
    pool="duckdb",
)
def ingest_articles(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    article_source: ArticleSourceResource,
):
    """Scan the seeds folder, clean and deduplicate articles, quarantine bad files."""
    with warehouse.connect() as con:
        report = ingest(
            con,
            article_source.folder,
            max_bytes=article_source.max_file_bytes,
            max_chars=article_source.max_article_chars,
            log=dagster_log(context),
        )
        new_days = _register_days(context, con)
    stats = report.stats
    yield dg.MaterializeResult(
        asset_key=RAW_ARTICLES,
        metadata={
            "files_scanned": stats.files_scanned,
            "articles_new": stats.articles_new,
            "articles_unchanged": stats.articles_unchanged,
            "articles_removed": stats.articles_removed,
            "articles_total": report.articles_total,
            "changed": stats.changed,
            **({"new_partition_days": len(new_days)} if new_days is not None else {}),
            "seeds_dir": dg.MetadataValue.path(str(article_source.folder)),
        },
    )
    yield dg.MaterializeResult(
        asset_key=RAW_QUARANTINE,
        metadata={
            "quarantined": stats.quarantined,
            "quarantined_new": stats.quarantined_new,
            "quarantine_total": report.quarantine_total,
            "reasons": dg.MetadataValue.json(report.reasons()),
        },
    )


def _register_days(context: dg.AssetExecutionContext, con) -> list[str] | None:
    """Lake mode: the days that now hold articles become partitions (None in embedded mode)."""
    from pipeline.defs.partitions import lake_partitions
    from pipeline.lake.partitions import register_days

    if lake_partitions() is None:
        return None
    from pipeline.lake.partitions import article_days

    return register_days(context.instance, article_days(con))


def dagster_log(context: dg.AssetExecutionContext) -> Log:
    """A `steps.Log` that writes to the run's log."""
    return lambda level, message: getattr(context.log, level)(message)
