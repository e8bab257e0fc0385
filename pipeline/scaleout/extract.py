"""Extraction of whole partitions into the lake: a partition's articles are extracted and their
rows replaced in one transaction, so a re-run replaces exactly its rows and a run killed before
the commit leaves the lake as it was (DuckLake commits nothing of an unfinished transaction).

    report = extract_partitions(con, lake, extractor, ["2026-12-06|0"], log=print_log, shards=4)
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import duckdb

from pipeline.lake.config import LakeConfig
from pipeline.lake.connect import with_retries
from pipeline.lake.guard import partition_guard
from pipeline.lake.partitions import articles_in
from pipeline.run.steps import ExtractReport, Log, extract_isolated
from pipeline.warehouse.store import write_extractions

if TYPE_CHECKING:
    from pipeline.extract import Extractor


def split_key(key: str) -> tuple[str, str]:
    """'2026-12-06|3' -> ('2026-12-06', '3') (Dagster's multi-partition key, day first)."""
    day, _, shard = key.partition("|")
    return day, shard


def extract_partitions(
    con: duckdb.DuckDBPyConnection,
    cfg: LakeConfig,
    extractor: Extractor,
    keys: list[str],
    *,
    chunk_size: int,
    log: Log,
    shards: int,
    timeout_s: float | None = None,
) -> ExtractReport:
    """Extract every article of the partitions `keys` (`shards` per day, NEWSCLAIMS_LAKE_SHARDS)
    and replace their rows in one commit; an article taking over `timeout_s` is quarantined."""
    started = time.perf_counter()
    report = ExtractReport(extractor.version)
    with partition_guard(cfg, keys):
        pending = articles_in(con, [split_key(k) for k in keys], shards)
        report.pending = len(pending)
        log("info", f"{len(pending)} articles in {len(keys)} partition(s) {', '.join(keys)}")
        results = []
        for offset in range(0, len(pending), chunk_size):
            chunk = pending[offset : offset + chunk_size]
            results.extend(extract_isolated(extractor, chunk, timeout_s))
            report.words += sum(len(text.split()) for _, text in chunk)
        for failed in (r for r in results if r.error):
            log("warning", f"article {failed.article_id} not extracted: {failed.error}")
        stats = with_retries(
            lambda: write_extractions(con, results, report.version), cfg, "committing the partition"
        )
    report.articles, report.failed, report.claims = stats.articles, stats.failed, stats.claims
    report.mentions, report.targets = stats.mentions, stats.targets
    for table in ("raw.entity_mentions", "raw.claims", "raw.claim_targets"):
        report.totals[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    report.seconds = time.perf_counter() - started
    return report
