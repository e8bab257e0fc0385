"""Extraction asset: raw.articles -> entity mentions, claims and claim targets."""

import time

import dagster as dg

from pipeline import settings
from pipeline.defs.ingest import RAW_ARTICLES
from pipeline.progress import Progress
from pipeline.resources import ExtractorResource, WarehouseResource
from pipeline.warehouse.store import pending_articles, write_extractions

RAW_MENTIONS = dg.AssetKey(["raw", "entity_mentions"])
RAW_CLAIMS = dg.AssetKey(["raw", "claims"])
RAW_CLAIM_TARGETS = dg.AssetKey(["raw", "claim_targets"])


class ExtractConfig(dg.Config):
    full_refresh: bool = False
    """Re-extract every article, not only those missing or extracted by another version."""
    chunk_size: int = settings.extract_chunk()
    """Articles written per transaction (a crash loses at most one chunk of work)."""


def _extractor_version() -> str:
    """Code version of the extraction assets: the UI marks them stale when rules change."""
    from pipeline.extract import Extractor

    return Extractor(model=settings.spacy_model()).version  # cheap: the model loads lazily


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
        _spec(
            RAW_CLAIMS, "Attributed claims: speaker, role, cue, content, kind, stance, reporter."
        ),
        _spec(RAW_CLAIM_TARGETS, "Actors each claim is about."),
    ],
    pool="duckdb",
)
def extract_claims(
    context: dg.AssetExecutionContext,
    config: ExtractConfig,
    warehouse: WarehouseResource,
    extractor: ExtractorResource,
):
    """Extract articles not yet processed by the current extractor version (all on full refresh)."""
    nlp = extractor.get_extractor()
    version = nlp.version
    started = time.perf_counter()
    totals = {"articles": 0, "claims": 0, "mentions": 0, "targets": 0, "words": 0}
    with warehouse.connect() as con:
        pending = pending_articles(con, version, force=config.full_refresh)
        context.log.info(f"{len(pending)} articles to extract (extractor {version})")
        progress = Progress(len(pending), unit="articles")
        for offset in range(0, len(pending), config.chunk_size):
            chunk = pending[offset : offset + config.chunk_size]
            results = []
            for result in nlp.extract(chunk):
                results.append(result)
                progress.update()
            stats = write_extractions(con, results, version)
            totals["articles"] += stats.articles
            totals["claims"] += stats.claims
            totals["mentions"] += stats.mentions
            totals["targets"] += stats.targets
            totals["words"] += sum(len(text.split()) for _, text in chunk)
            progress.clear()
            context.log.info(f"extracted {progress.describe()}")
        progress.close()
        n_claims = con.execute("SELECT count(*) FROM raw.claims").fetchone()[0]
        n_mentions = con.execute("SELECT count(*) FROM raw.entity_mentions").fetchone()[0]
        n_targets = con.execute("SELECT count(*) FROM raw.claim_targets").fetchone()[0]
    seconds = time.perf_counter() - started
    rate = {
        "articles_per_s": round(totals["articles"] / seconds, 2) if totals["articles"] else 0.0,
        "words_per_s": round(totals["words"] / seconds) if totals["words"] else 0,
    }
    common = {
        "extractor_version": version,
        "articles_processed": totals["articles"],
        "seconds": round(seconds, 2),
        **rate,
    }
    yield dg.MaterializeResult(
        asset_key=RAW_MENTIONS,
        metadata={**common, "mentions_written": totals["mentions"], "mentions_total": n_mentions},
    )
    yield dg.MaterializeResult(
        asset_key=RAW_CLAIMS,
        metadata={**common, "claims_written": totals["claims"], "claims_total": n_claims},
    )
    yield dg.MaterializeResult(
        asset_key=RAW_CLAIM_TARGETS,
        metadata={**common, "targets_written": totals["targets"], "targets_total": n_targets},
    )
