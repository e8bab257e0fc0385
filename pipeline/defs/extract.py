"""Extraction asset: raw.articles -> entity mentions, claims and claim targets."""

import functools

import dagster as dg

from pipeline.common.settings import Settings
from pipeline.defs.ingest import RAW_ARTICLES, dagster_log
from pipeline.defs.partitions import backfill_policy, lake_partitions
from pipeline.run.resources import ExtractorResource, SettingsResource, WarehouseResource
from pipeline.run.steps import extract_pending

RAW_MENTIONS = dg.AssetKey(["raw", "entity_mentions"])
RAW_CLAIMS = dg.AssetKey(["raw", "claims"])
RAW_CLAIM_TARGETS = dg.AssetKey(["raw", "claim_targets"])


class ExtractConfig(dg.Config):
    full_refresh: bool = False
    """Re-extract every article, not only those missing or extracted by another version."""
    chunk_size: int = 0
    """Articles written per transaction (a crash loses at most one chunk of work); 0: the
    settings' NEWSCLAIMS_EXTRACT_CHUNK."""


@functools.cache  # one Extractor for the three specs (it reads the lexicon and the models' ids)
def _extractor_version() -> str:
    """Code version of the extraction assets: the UI marks them stale when rules change."""
    from pipeline.extract import Extractor

    cfg = Settings.from_env()  # the code location's, when Dagster loads the definitions
    # cheap: the model loads lazily
    return Extractor(**cfg.extractor_options()).version


def _spec(key: dg.AssetKey, description: str) -> dg.AssetSpec:
    return dg.AssetSpec(
        key,
        code_version=_extractor_version(),
        deps=[RAW_ARTICLES],
        description=description,
        kinds={"spacy", "duckdb"},
        group_name="extract",
    )


@dg.multi_asset(
    specs=[
        _spec(RAW_MENTIONS, "Named-entity mentions with offsets, labels and normalised names."),
        _spec(RAW_CLAIMS, "Attributed claims: speaker, role, cue, content, form, act, reporter."),
        _spec(RAW_CLAIM_TARGETS, "Actors each claim is about."),
    ],
    # lake mode: partitioned, and many runs write the lake at once (pipeline/defs/partitions.py)
    partitions_def=lake_partitions(),
    backfill_policy=backfill_policy(),
    pool=None if lake_partitions() else "duckdb",
)
def extract_claims(
    context: dg.AssetExecutionContext,
    config: ExtractConfig,
    warehouse: WarehouseResource,
    extractor: ExtractorResource,
    settings: SettingsResource,
):
    """Extract articles not yet processed by the current extractor version (all on full refresh);
    in lake mode, every article of the run's partitions (their rows replaced in one commit)."""
    cfg = settings.get()
    chunk_size = config.chunk_size or cfg.extract_chunk
    with warehouse.connect() as con:
        if context.has_partition_key or context.has_partition_key_range:
            from pipeline.scaleout.extract import extract_partitions

            report = extract_partitions(
                con,
                warehouse.lake,
                extractor.get_extractor(),
                list(context.partition_keys),
                chunk_size=chunk_size,
                log=dagster_log(context),
                shards=cfg.lake_shards,
                timeout_s=cfg.article_timeout_s,
            )
        else:
            report = extract_pending(
                con,
                extractor.get_extractor(),
                full_refresh=config.full_refresh,
                chunk_size=chunk_size,
                log=dagster_log(context),
                timeout_s=cfg.article_timeout_s,
            )
    common = {
        "extractor_version": report.version,
        "articles_processed": report.articles,
        "articles_failed": report.failed,
        "seconds": round(report.seconds, 2),
        **report.rates(),
    }
    for key, kind, table, written in (
        (RAW_MENTIONS, "mentions", "raw.entity_mentions", report.mentions),
        (RAW_CLAIMS, "claims", "raw.claims", report.claims),
        (RAW_CLAIM_TARGETS, "targets", "raw.claim_targets", report.targets),
    ):
        yield dg.MaterializeResult(
            asset_key=key,
            metadata={
                **common,
                f"{kind}_written": written,
                f"{kind}_total": report.totals[table],
            },
        )
