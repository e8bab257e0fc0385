"""The pipeline's ingest and extract bookkeeping, shared by the Dagster assets and the CLI.

Plain Python (no Dagster): each step takes an open work-database connection and reports
through `log(level, message)` callbacks, so `newsclaims ingest` and the `raw/articles` asset
run the same code::

    with connection(work) as con:
        report = ingest(con, folder, max_bytes=cfg.max_file_bytes, log=print_log)
    print(report.summary())
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from pipeline.ingest import IngestBatch, QuarantineItem, ingest_folder
from pipeline.run.progress import Progress, Ticker
from pipeline.warehouse.store import (
    IngestStats,
    pending_articles,
    write_extractions,
    write_ingest_batch,
)

if TYPE_CHECKING:
    from pipeline.extract import Extractor


def extract_isolated(
    extractor: Extractor, chunk: list[tuple[str, str]], timeout_s: float | None = None
) -> list:
    """`pipeline.extract.isolation.extract_isolated`, imported when needed (spaCy is heavy)."""
    from pipeline.extract.isolation import extract_isolated as isolated

    return isolated(extractor, chunk, timeout_s)


Log = Callable[[str, str], None]  # (level: "info" | "warning", message)


def quarantine_line(item: QuarantineItem) -> str:
    """ "path[:line]: reason (detail)" for a quarantined file or line."""
    where = f"{item.path}:{item.line_number}" if item.line_number else item.path
    return f"{where}: {item.reason} ({item.detail})"


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # fixed table names


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did, and the totals in the warehouse afterwards."""

    batch: IngestBatch
    stats: IngestStats
    articles_total: int
    quarantine_total: int

    def summary(self) -> str:
        s = self.stats
        if not s.changed:
            return (
                f"no changes: {s.articles_unchanged} articles unchanged, "
                f"{s.quarantined} files still quarantined"
            )
        return (
            f"ingested {s.articles_new} new, {s.articles_unchanged} unchanged, "
            f"{s.articles_removed} removed, {s.quarantined} quarantined "
            f"from {s.files_scanned} files"
        )

    def counts(self) -> str:
        """ "changed: 1 new, 0 unchanged, 0 removed, 1 quarantined (2 files)" (the CLI's line)."""
        s = self.stats
        state = "changed" if s.changed else "no changes"
        return (
            f"{state}: {s.articles_new} new, {s.articles_unchanged} unchanged, "
            f"{s.articles_removed} removed, {s.quarantined} quarantined ({s.files_scanned} files)"
        )

    def reasons(self) -> dict[str, int]:
        """Quarantined items of this batch per reason."""
        out: dict[str, int] = {}
        for q in self.batch.quarantine:
            out[q.reason] = out.get(q.reason, 0) + 1
        return out


def ingest(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    *,
    max_bytes: int,
    log: Log,
    max_chars: int | None = None,
) -> IngestReport:
    """Scan `folder`, write new and changed articles and the quarantine, in one transaction.

    Articles longer than `max_chars` (the parser's limit) are quarantined `too_long`."""
    batch = ingest_folder(folder, max_bytes=max_bytes, max_chars=max_chars)
    for item in batch.quarantine:
        log("warning", f"quarantined {quarantine_line(item)}")
    for warning in batch.warnings:
        log("warning", warning)
    stats = write_ingest_batch(con, batch)
    report = IngestReport(batch, stats, _count(con, "raw.articles"), _count(con, "raw.quarantine"))
    log("info", report.summary())
    return report


@dataclass
class ExtractReport:
    """What an extraction run did, and the totals in the warehouse afterwards."""

    version: str
    pending: int = 0
    articles: int = 0
    failed: int = 0  # recorded in raw.article_extractions with their error
    claims: int = 0
    mentions: int = 0
    targets: int = 0
    words: int = 0
    seconds: float = 0.0
    totals: dict[str, int] = field(default_factory=dict)  # rows per raw table afterwards

    def rates(self) -> dict[str, float]:
        """Articles and words per second over the whole step."""
        if not self.articles or not self.seconds:
            return {"articles_per_s": 0.0, "words_per_s": 0}
        return {
            "articles_per_s": round(self.articles / self.seconds, 2),
            "words_per_s": round(self.words / self.seconds),
        }


def extract_pending(
    con: duckdb.DuckDBPyConnection,
    extractor: Extractor,
    *,
    full_refresh: bool,
    chunk_size: int,
    log: Log,
    timeout_s: float | None = None,
) -> ExtractReport:
    """Extract the articles not yet extracted by this extractor version (all on
    `full_refresh`), committing one transaction per chunk of `chunk_size` articles; an article
    not done within `timeout_s` (NEWSCLAIMS_ARTICLE_TIMEOUT_S) is recorded `too_slow`."""
    started = time.perf_counter()
    report = ExtractReport(extractor.version)
    pending = pending_articles(con, report.version, force=full_refresh)
    report.pending = len(pending)
    log("info", f"{len(pending)} articles to extract (extractor {report.version})")
    progress = Progress(len(pending), unit="articles")
    with Ticker("extracting", status=progress.describe):
        _extract_chunks(con, extractor, pending, (chunk_size, timeout_s), (report, progress), log)
    progress.close()
    for table in ("raw.entity_mentions", "raw.claims", "raw.claim_targets"):
        report.totals[table] = _count(con, table)
    report.seconds = time.perf_counter() - started
    return report


def _extract_chunks(
    con: duckdb.DuckDBPyConnection,
    extractor: Extractor,
    pending: list,
    limits: tuple[int, float | None],
    state: tuple[ExtractReport, Progress],
    log: Log,
) -> None:
    """Extract and write `pending` a chunk (one transaction) at a time; `limits` are the chunk
    size and the article timeout."""
    (chunk_size, timeout_s), (report, progress) = limits, state
    for offset in range(0, len(pending), chunk_size):
        chunk = pending[offset : offset + chunk_size]
        results = extract_isolated(extractor, chunk, timeout_s)  # one bad one never fails it
        progress.update(len(results))
        for failed in (r for r in results if r.error):
            log("warning", f"article {failed.article_id} not extracted: {failed.error}")
        stats = write_extractions(con, results, report.version)
        report.articles += stats.articles
        report.failed += stats.failed
        report.claims += stats.claims
        report.mentions += stats.mentions
        report.targets += stats.targets
        report.words += sum(len(text.split()) for _, text in chunk)
        progress.clear()
        log("info", f"extracted {progress.describe()}")
