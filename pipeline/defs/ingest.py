"""Ingestion asset: the seeds folder -> raw.articles and raw.quarantine."""

import dagster as dg

from pipeline.ingest import ingest_folder
from pipeline.resources import ArticleSourceResource, WarehouseResource
from pipeline.warehouse.store import write_ingest_batch

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
    batch = ingest_folder(article_source.folder, max_bytes=article_source.max_file_bytes)
    for item in batch.quarantine:
        where = f"{item.path}:{item.line_number}" if item.line_number else item.path
        context.log.warning(f"quarantined {where}: {item.reason} ({item.detail})")
    with warehouse.connect() as con:
        stats = write_ingest_batch(con, batch)
        total = con.execute("SELECT count(*) FROM raw.articles").fetchone()[0]
        q_total = con.execute("SELECT count(*) FROM raw.quarantine").fetchone()[0]
    if stats.changed:
        context.log.info(
            f"ingested {stats.articles_new} new, {stats.articles_unchanged} unchanged, "
            f"{stats.articles_removed} removed, {stats.quarantined} quarantined "
            f"from {stats.files_scanned} files"
        )
    else:
        context.log.info(
            f"no changes: {stats.articles_unchanged} articles unchanged, "
            f"{stats.quarantined} files still quarantined"
        )
    yield dg.MaterializeResult(
        asset_key=RAW_ARTICLES,
        metadata={
            "files_scanned": stats.files_scanned,
            "articles_new": stats.articles_new,
            "articles_unchanged": stats.articles_unchanged,
            "articles_removed": stats.articles_removed,
            "articles_total": total,
            "changed": stats.changed,
            "seeds_dir": dg.MetadataValue.path(str(article_source.folder)),
        },
    )
    yield dg.MaterializeResult(
        asset_key=RAW_QUARANTINE,
        metadata={
            "quarantined": stats.quarantined,
            "quarantined_new": stats.quarantined_new,
            "quarantine_total": q_total,
            "reasons": dg.MetadataValue.json(
                {
                    r: sum(q.reason == r for q in batch.quarantine)
                    for r in {q.reason for q in batch.quarantine}
                }
            ),
        },
    )
