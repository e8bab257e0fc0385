"""Which partition an article falls in: its publication day (its own UTC offset), or the day it
was ingested when the date is unknown, and a shard of its id, so one busy day (a feed's million
articles) still spreads over many workers.

    day   = 2026-12-06           (publication day; ingest day for undated articles)
    shard = md5(article_id) % NEWSCLAIMS_LAKE_SHARDS   (stable across DuckDB versions)

Plain SQL over raw.articles; `pipeline/defs/partitions.py` turns it into Dagster partitions
(their names and the lake's job names are here, so the lake's own code needs no definitions).
"""

from __future__ import annotations

import duckdb

DAYS_NAME = "article_day"  # the dynamic partitions of days
EXTRACT_JOB = "lake_extract"
MARTS_JOB = "lake_marts"

# The publication day as stg_articles.article_date computes it (a test compares the two), with
# the ingest day standing in when it is unknown.
DAY_SQL = (
    "strftime(coalesce(cast(published_at + to_minutes(coalesce(published_utc_offset_min, 0)) "
    "AS DATE), cast(ingested_at AS DATE)), '%Y-%m-%d')"
)


def shard_sql(shards: int) -> str:
    """The shard of `article_id` as text ('0' … 'shards-1')."""
    return f"((('0x' || substr(md5(article_id), 1, 8))::UBIGINT) % {shards})::VARCHAR"


def article_days(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every day that holds at least one article, oldest first."""
    sql = f"SELECT DISTINCT {DAY_SQL} AS day FROM raw.articles ORDER BY day"
    return [day for (day,) in con.execute(sql).fetchall()]


def articles_in(
    con: duckdb.DuckDBPyConnection, keys: list[tuple[str, str]], shards: int
) -> list[tuple[str, str]]:
    """(article_id, text) of the articles in the (day, shard) partitions `keys`."""
    if not keys:
        return []
    wanted = [f"{day}|{shard}" for day, shard in keys]
    sql = f"""
        SELECT article_id, text FROM raw.articles
        WHERE {DAY_SQL} || '|' || {shard_sql(shards)} IN (SELECT UNNEST(?))
        ORDER BY article_id
    """
    return [tuple(row) for row in con.execute(sql, [wanted]).fetchall()]


def register_days(instance, days: list[str]) -> list[str]:
    """Add the days not yet known as partitions to a Dagster instance; returns the new ones."""
    known = set(instance.get_dynamic_partitions(DAYS_NAME))
    new = [day for day in days if day not in known]
    if new:
        instance.add_dynamic_partitions(DAYS_NAME, new)
    return new
