"""The report site (pipeline/report/) as an asset downstream of the published warehouse."""

import dagster as dg

from pipeline.defs.publish import published_warehouse
from pipeline.report import build_site
from pipeline.run.resources import SettingsResource, WarehouseResource


def _edges_markdown(edges) -> str:
    rows = ["| speaker | accused | claims |", "| --- | --- | --- |"]
    rows += [f"| {e.speaker_name} | {e.target_name} | {e.count} |" for e in edges]
    return "\n".join(rows) if edges else "No accusations yet."


@dg.asset(
    key=["warehouse", "report"],
    deps=[published_warehouse],
    group_name="publish",
    kinds={"html"},
    description=(
        "Static report site (NEWSCLAIMS_REPORT_DIR, default warehouse/report/): the who-accuses-"
        "whom network, actor pages, articles with their claims highlighted, quarantine and a "
        "claim search. Opens from file:// with no network; unchanged pages are not rewritten."
    ),
    output_required=False,
)
def report_site(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, settings: SettingsResource
):
    try:
        result = build_site(warehouse.published_path, settings.get().report_dir, warehouse.lake)
    except FileNotFoundError as exc:  # a partial run that published no marts yet: no report
        context.log.info(f"report not built: {exc}")
        return
    stats = result.stats
    context.log.info(
        f"report: {stats.pages} pages, {stats.written} written, {stats.removed} removed "
        f"in {result.seconds:.1f} s -> {result.index}"
    )
    yield dg.MaterializeResult(
        metadata={
            "site": dg.MetadataValue.url(result.index.as_uri()),
            "path": dg.MetadataValue.path(str(result.index)),
            "pages": stats.pages,
            "pages_written": stats.written,
            "pages_removed": stats.removed,
            "articles": result.articles,
            "actors": result.actors,
            "claims": result.claims,
            "build_seconds": round(result.seconds, 2),
            "top_edges": dg.MetadataValue.md(_edges_markdown(result.top_edges)),
        }
    )
