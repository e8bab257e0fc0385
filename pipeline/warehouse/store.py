"""Reads and writes of the raw tables. Every write is one transaction: all or nothing."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import duckdb
import pandas as pd

from pipeline.extract.records import ArticleExtraction
from pipeline.ingest import IngestBatch
from pipeline.warehouse.connection import transaction
from pipeline.warehouse.schema import columns as _columns
from pipeline.warehouse.schema import ensure_raw_schema

_EXTRACTION_TABLES = ("entity_mentions", "claims", "claim_targets", "article_extractions")


@dataclass(frozen=True)
class IngestStats:
    """What one ingestion changed."""

    files_scanned: int
    articles_new: int
    articles_unchanged: int
    articles_removed: int
    quarantined: int
    quarantined_new: int

    @property
    def changed(self) -> bool:
        return bool(self.articles_new or self.articles_removed or self.quarantined_new)


@dataclass(frozen=True)
class ExtractionStats:
    """What one extraction write changed."""

    articles: int
    claims: int
    mentions: int
    targets: int
    failed: int = 0


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    cols = _columns(table)
    con.register("_incoming", frame[cols])
    try:
        con.execute(f"INSERT INTO raw.{table} ({', '.join(cols)}) SELECT * FROM _incoming")
    finally:
        # in a transaction the failed INSERT aborted, unregistering raises too and would hide
        # the INSERT's own error; the next register replaces the view anyway
        with contextlib.suppress(duckdb.TransactionException):
            con.unregister("_incoming")


def _delete_articles(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> None:
    if not article_ids:
        return
    for table in (*_EXTRACTION_TABLES, "articles"):
        con.execute(
            f"DELETE FROM raw.{table} WHERE article_id IN (SELECT UNNEST(?))", [list(article_ids)]
        )


def write_ingest_batch(
    con: duckdb.DuckDBPyConnection, batch: IngestBatch, now: datetime | None = None
) -> IngestStats:
    """Store a scan of the input folder, idempotently.

    New articles are inserted; articles already stored are left as they are. The batch is a
    scan of the whole folder, and the warehouse follows it: an article whose file no longer
    yields it (the file changed) or is gone is removed with its extractions, and so are the
    quarantine rows of files that are gone. Quarantine rows for the scanned files are replaced
    by this scan's findings, keeping `seen_at` for problems already known. A scan that found
    no file at all removes nothing (an unmounted or emptied folder must not empty the
    warehouse: delete the warehouse file to start again).
    """
    now = now or utcnow()
    ensure_raw_schema(con)
    with transaction(con):
        stored = {aid for (aid,) in con.execute("SELECT article_id FROM raw.articles").fetchall()}
        batch_ids = {a.article_id for a in batch.articles}
        scanned = set(batch.files_scanned)
        new = [a for a in batch.articles if a.article_id not in stored]
        # what the folder no longer yields: a changed or a deleted file's article
        removed = sorted(stored - batch_ids) if scanned else []
        _delete_articles(con, removed)
        rows = []
        for article in new:
            row = asdict(article)
            row.pop("source_offsets", None)
            row["ingested_at"] = now
            rows.append(row)
        _insert_frame(con, "articles", pd.DataFrame(rows, columns=_columns("articles")))

        known = {
            (path, line, reason): seen_at
            for path, line, reason, seen_at in con.execute(
                "SELECT path, line_number, reason, seen_at FROM raw.quarantine"
            ).fetchall()
        }
        if scanned:  # the scan read the whole folder: its findings are the quarantine
            con.execute("DELETE FROM raw.quarantine")
        q_rows = []
        for item in batch.quarantine:
            key = (item.path, item.line_number, item.reason)
            q_rows.append({**asdict(item), "seen_at": known.get(key, now)})
        quarantine = pd.DataFrame(q_rows, columns=_columns("quarantine"))
        quarantine["line_number"] = quarantine["line_number"].astype("Int64")
        _insert_frame(con, "quarantine", quarantine)
        quarantine_too_slow(con, sorted(scanned), now)  # the rescan deleted them too
    return IngestStats(
        files_scanned=len(scanned),
        articles_new=len(new),
        articles_unchanged=len(batch.articles) - len(new),
        articles_removed=len(removed),
        quarantined=len(batch.quarantine),
        quarantined_new=sum(
            (q.path, q.line_number, q.reason) not in known for q in batch.quarantine
        ),
    )


def pending_articles(
    con: duckdb.DuckDBPyConnection, extractor_version: str, force: bool = False
) -> list[tuple[str, str]]:
    """(article_id, text) of articles not yet extracted with this extractor version."""
    ensure_raw_schema(con)
    sql = """
        SELECT a.article_id, a.text
        FROM raw.articles a
        LEFT JOIN raw.article_extractions e USING (article_id)
        WHERE ? OR e.extractor_version IS DISTINCT FROM ?
        ORDER BY a.article_id
    """
    return [tuple(row) for row in con.execute(sql, [force, extractor_version]).fetchall()]


def write_extractions(
    con: duckdb.DuckDBPyConnection,
    results: Iterable[ArticleExtraction],
    extractor_version: str,
    now: datetime | None = None,
) -> ExtractionStats:
    """Replace the extraction rows of the given articles in one transaction.

    A failed article (`error` set) gets its row in raw.article_extractions with the error and
    no claims; it is not retried until the extractor version changes (or a full refresh).
    """
    now = now or utcnow()
    results = list(results)
    ensure_raw_schema(con)
    mentions = [
        {**asdict(m), "extractor_version": extractor_version} for r in results for m in r.mentions
    ]
    claims = []
    for r in results:
        for c in r.claims:
            row = asdict(c)
            row["content_spans"] = [list(span) for span in c.content_spans] or [
                [c.content_start, c.content_end]
            ]
            row["extractor_version"] = extractor_version
            claims.append(row)
    targets = [asdict(t) for r in results for t in r.targets]
    runs = [
        {
            "article_id": r.article_id,
            "extractor_version": extractor_version,
            "extracted_at": now,
            "n_claims": len(r.claims),
            "n_mentions": len(r.mentions),
            "error": r.error,
        }
        for r in results
    ]
    ids = [r.article_id for r in results]
    with transaction(con):
        for table in _EXTRACTION_TABLES:
            con.execute(f"DELETE FROM raw.{table} WHERE article_id IN (SELECT UNNEST(?))", [ids])
        _insert_frame(con, "entity_mentions", _frame(mentions, "entity_mentions"))
        _insert_frame(con, "claims", _frame(claims, "claims"))
        _insert_frame(con, "claim_targets", _frame(targets, "claim_targets"))
        _insert_frame(con, "article_extractions", _frame(runs, "article_extractions"))
        paths = con.execute(
            "SELECT DISTINCT source_path FROM raw.articles WHERE article_id IN (SELECT UNNEST(?))",
            [ids],
        ).fetchall()
        quarantine_too_slow(con, [path for (path,) in paths], now)
    failed = sum(r.error is not None for r in results)
    return ExtractionStats(len(results), len(claims), len(mentions), len(targets), failed)


def quarantine_too_slow(con: duckdb.DuckDBPyConnection, paths: list[str], now: datetime) -> None:
    """One `too_slow` quarantine row for each of `paths` holding articles whose extraction was
    stopped at its deadline (`extract.isolation`), naming them; none for the others. A row
    already there keeps its `seen_at`. Runs inside the caller's transaction."""
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _too_slow AS
        SELECT a.source_path AS path, NULL::INTEGER AS line_number, 'too_slow' AS reason,
               format('{} article(s) not extracted in time: {}; {}', count(*),
                      string_agg(a.article_id, ', ' ORDER BY a.article_id),
                      min(regexp_replace(e.error, '^too_slow: ', ''))) AS detail,
               coalesce(min(q.seen_at), ?::TIMESTAMP) AS seen_at
        FROM raw.articles a
        JOIN raw.article_extractions e USING (article_id)
        LEFT JOIN raw.quarantine q ON q.path = a.source_path AND q.reason = 'too_slow'
        WHERE e.error LIKE 'too_slow:%' AND a.source_path IN (SELECT UNNEST(?))
        GROUP BY a.source_path
        """,
        [now, paths],
    )
    con.execute(
        "DELETE FROM raw.quarantine WHERE reason = 'too_slow' AND path IN (SELECT UNNEST(?))",
        [paths],
    )
    con.execute("INSERT INTO raw.quarantine SELECT * FROM _too_slow")
    con.execute("DROP TABLE _too_slow")


def _frame(rows: list[dict], table: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=_columns(table))
    for col in frame.columns:
        if col.endswith(("_start", "_end")) or col in ("sentence_index",):
            frame[col] = frame[col].astype("Int64")
    return frame
