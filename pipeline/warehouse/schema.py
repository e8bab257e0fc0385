"""DDL of the raw schema the Python assets write (dbt builds everything downstream)."""

from __future__ import annotations

import duckdb

RAW_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("article_id", "VARCHAR NOT NULL"),
        ("title", "VARCHAR NOT NULL"),
        ("body", "VARCHAR NOT NULL"),
        ("text", "VARCHAR NOT NULL"),
        ("source_path", "VARCHAR NOT NULL"),
        ("source_format", "VARCHAR NOT NULL"),
        ("url", "VARCHAR"),
        ("outlet", "VARCHAR"),
        ("published_at", "TIMESTAMP"),
        ("language", "VARCHAR NOT NULL"),
        ("word_count", "INTEGER NOT NULL"),
        ("external_id", "VARCHAR"),
        ("ingested_at", "TIMESTAMP NOT NULL"),
        ("published_utc_offset_min", "INTEGER"),  # zone of published_at as published
    ),
    "quarantine": (
        ("path", "VARCHAR NOT NULL"),
        ("line_number", "INTEGER"),
        ("reason", "VARCHAR NOT NULL"),
        ("detail", "VARCHAR NOT NULL"),
        ("seen_at", "TIMESTAMP NOT NULL"),
    ),
    "article_extractions": (
        ("article_id", "VARCHAR NOT NULL"),
        ("extractor_version", "VARCHAR NOT NULL"),
        ("extracted_at", "TIMESTAMP NOT NULL"),
        ("n_claims", "INTEGER NOT NULL"),
        ("n_mentions", "INTEGER NOT NULL"),
        ("error", "VARCHAR"),  # why nothing was extracted (too long, parser or rule error)
    ),
    "entity_mentions": (
        ("mention_id", "VARCHAR NOT NULL"),
        ("article_id", "VARCHAR NOT NULL"),
        ("sentence_index", "INTEGER NOT NULL"),
        ("start_char", "INTEGER NOT NULL"),
        ("end_char", "INTEGER NOT NULL"),
        ("text", "VARCHAR NOT NULL"),
        ("label", "VARCHAR NOT NULL"),
        ("normalized_name", "VARCHAR NOT NULL"),
        ("resolved_name", "VARCHAR NOT NULL"),
        ("extractor_version", "VARCHAR NOT NULL"),
    ),
    "claims": (
        ("claim_id", "VARCHAR NOT NULL"),
        ("article_id", "VARCHAR NOT NULL"),
        ("sentence_index", "INTEGER NOT NULL"),
        ("cue", "VARCHAR"),
        ("cue_start", "INTEGER"),
        ("cue_end", "INTEGER"),
        ("content", "VARCHAR NOT NULL"),
        ("content_start", "INTEGER NOT NULL"),
        ("content_end", "INTEGER NOT NULL"),
        ("content_spans", "INTEGER[][] NOT NULL"),
        ("speaker_text", "VARCHAR"),
        ("speaker_start", "INTEGER"),
        ("speaker_end", "INTEGER"),
        ("speaker_name", "VARCHAR"),
        ("speaker_role", "VARCHAR"),
        ("speaker_type", "VARCHAR"),
        ("reported_by", "VARCHAR"),
        ("extractor_version", "VARCHAR NOT NULL"),
        # added after the first release (nullable: older rows lack them)
        ("form", "VARCHAR"),
        ("act", "VARCHAR"),
        ("confidence", "DOUBLE"),  # decision model's P(claim right); null on rules alone
        ("act_confidence", "DOUBLE"),  # analysis model's P(act right); null on rules alone
    ),
    "claim_targets": (
        ("claim_id", "VARCHAR NOT NULL"),
        ("article_id", "VARCHAR NOT NULL"),
        ("target_name", "VARCHAR NOT NULL"),
        ("target_label", "VARCHAR NOT NULL"),
        ("start_char", "INTEGER NOT NULL"),
        ("end_char", "INTEGER NOT NULL"),
        ("role", "VARCHAR"),  # accused | about (added later: nullable)
        ("confidence", "DOUBLE"),  # P(accused) for role accused; null otherwise / rules alone
    ),
}
PRIMARY_KEYS: dict[str, str] = {"articles": "article_id", "article_extractions": "article_id"}
# Columns a warehouse of an older version has and this one no longer writes: dropped when the
# schema is ensured (kind and stance, NOT NULL there, gave way to form and act).
RETIRED_COLUMNS: dict[str, tuple[str, ...]] = {"claims": ("kind", "stance")}


def columns(table: str) -> list[str]:
    """Column names of a raw table, in DDL order."""
    return [name for name, _ in RAW_TABLES[table]]


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw schema and its tables when missing (idempotent)."""
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    for table, columns in RAW_TABLES.items():
        ddl = [f"{name} {typ}" for name, typ in columns]
        if table in PRIMARY_KEYS:
            ddl.append(f"PRIMARY KEY ({PRIMARY_KEYS[table]})")
        con.execute(f"CREATE TABLE IF NOT EXISTS raw.{table} ({', '.join(ddl)})")
        _add_missing_columns(con, table, columns)
        for name in RETIRED_COLUMNS.get(table, ()):
            con.execute(f"ALTER TABLE raw.{table} DROP COLUMN IF EXISTS {name}")


def _add_missing_columns(
    con: duckdb.DuckDBPyConnection, table: str, columns: tuple[tuple[str, str], ...]
) -> None:
    """A warehouse created by an older version gains the (nullable) columns added since."""
    have = {
        row[0]
        for row in con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'raw' AND table_name = ?",
            [table],
        ).fetchall()
    }
    for name, typ in columns:
        if name not in have and "NOT NULL" not in typ:
            con.execute(f"ALTER TABLE raw.{table} ADD COLUMN {name} {typ}")
