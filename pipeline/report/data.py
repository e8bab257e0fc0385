"""The one place the report reads the warehouse: marts columns -> the page data model.

Pages speak of a claim's `form` (direct, mixed, indirect, none), `act` (accuse, deny,
noncommittal, hedge, assert), `accused` and `about` actors and a `confidence`, read from the
marts as they are; a warehouse change is a change to this file only.

    with open_report_data(Path("warehouse/newsclaims.duckdb")) as con:
        con.sql("SELECT act, count(*) FROM claims GROUP BY act").fetchall()

The views every other report module may use: `claims`, `claim_accused`, `claim_about`, `actors`,
`articles` (with `text`), `quarantine` and `corrections` (reviewed corrections, `applied`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.common import value_sets
from pipeline.lake.config import LakeConfig
from pipeline.lake.query import attach_readonly, present

FORMS = value_sets.values("claim_form")  # direct, mixed, indirect, none
ACTS = value_sets.values("claim_act")  # accuse, deny, noncommittal, hedge, assert

# Bridge tables of the claims' accused and about actors.
ACCUSED_TABLE = "bridge_claim_accused"
ABOUT_TABLE = "bridge_claim_about"


@dataclass(frozen=True)
class Capabilities:
    """Which optional parts of the page data model the warehouse stores."""

    confidence: bool
    edges: bool  # marts.actor_claim_edges (the network draws only the pairs it counts)


def _columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> set[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_catalog = 'wh' AND table_schema = ? AND table_name = ?",
        [schema, table],
    ).fetchall()
    return {r[0] for r in rows}


def _create_views(con: duckdb.DuckDBPyConnection) -> Capabilities:
    claim_cols = _columns(con, "marts", "fct_claims")
    if not claim_cols:
        raise FileNotFoundError("the warehouse has no marts.fct_claims: run `newsclaims run` first")
    caps = Capabilities(
        confidence="confidence" in claim_cols,
        edges=bool(_columns(con, "marts", "actor_claim_edges")),
    )
    confidence = "c.confidence" if caps.confidence else "CAST(NULL AS DOUBLE)"
    con.execute(f"""
        CREATE TABLE claims AS
        SELECT c.claim_id, c.article_id, c.article_date AS day, c.published_at,
               c.speaker_actor_id, c.speaker_canonical_name AS speaker_name, c.speaker_mention,
               c.speaker_role, c.cue, c.form, c.act, c.content,
               c.content_start, c.content_end, c.content_spans,
               c.speaker_start, c.speaker_end, c.cue_start, c.cue_end,
               c.reported_by, c.reported_by_actor_id, {confidence} AS confidence,
               coalesce(d.outlet, '') AS outlet,
               coalesce(regexp_extract(d.source_path, '^(.*)/[^/]*$', 1), '') AS folder
        FROM wh.marts.fct_claims c LEFT JOIN wh.marts.dim_articles d USING (article_id)""")
    # an accusation's confidence for the network's filter: P(act) x P(this party accused), as
    # actor_claim_edges computes it per claim (null on rules alone and for reviewed acts)
    accused_cols = _columns(con, "marts", ACCUSED_TABLE)
    link = (
        "c.act_confidence * b.accused_confidence"
        if {"act_confidence"} <= claim_cols and "accused_confidence" in accused_cols
        else "CAST(NULL AS DOUBLE)"
    )
    con.execute(f"""
        CREATE TABLE claim_accused AS
        SELECT b.claim_id, b.actor_id, {link} AS confidence
        FROM wh.marts.{ACCUSED_TABLE} b LEFT JOIN wh.marts.fct_claims c USING (claim_id)""")
    # "about" includes the accused by definition; the union keeps that true here.
    con.execute(f"""
        CREATE TABLE claim_about AS
        SELECT claim_id, actor_id FROM wh.marts.{ABOUT_TABLE}
        UNION SELECT claim_id, actor_id FROM claim_accused""")
    con.execute("""
        CREATE TABLE actors AS
        SELECT actor_id, canonical_name AS name, actor_type AS type, aliases, roles,
               affiliations, n_articles, n_claims_made, n_claims_about, first_seen, last_seen
        FROM wh.marts.dim_actors""")
    con.execute("""
        CREATE VIEW articles AS
        SELECT d.article_id, d.title, d.outlet, d.url, d.published_at, d.article_date AS day,
               d.source_path, d.word_count, d.n_claims, r.text
        FROM wh.marts.dim_articles d JOIN wh.raw.articles r USING (article_id)""")
    con.execute("""
        CREATE VIEW quarantine AS
        SELECT path, line_number, reason, detail, seen_at FROM wh.raw.quarantine""")
    edge_source = "wh.marts.actor_claim_edges" if caps.edges else None
    con.execute(
        f"CREATE TABLE actor_edges AS SELECT * FROM {edge_source}"
        if edge_source
        else "CREATE TABLE actor_edges (speaker_actor_id VARCHAR, target_actor_id VARCHAR, "
        "n_claims INTEGER, n_accusations INTEGER, n_denials INTEGER)"
    )
    # reviewed corrections (a warehouse built before they existed has none)
    source = "wh.marts.fct_corrections" if _columns(con, "marts", "fct_corrections") else None
    con.execute(
        f"CREATE TABLE corrections AS SELECT kind, action, subject, value, applied FROM {source}"
        if source
        else "CREATE TABLE corrections (kind VARCHAR, action VARCHAR, subject VARCHAR, "
        "value VARCHAR, applied BOOLEAN)"
    )
    return caps


@contextmanager
def open_report_data(
    warehouse: Path, lake: LakeConfig | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory connection with the published warehouse (in lake mode, the lake) attached
    read-only and the views.

    The views live in memory, so the warehouse file is never written and never locked for writing.
    """
    if not present(Path(warehouse), lake):
        raise FileNotFoundError(f"no warehouse at {warehouse}: run `newsclaims run` first")
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        attach_readonly(con, Path(warehouse), "wh", lake)  # in lake mode, the lake
        caps = _create_views(con)
        con.execute(
            "CREATE TABLE report_capabilities AS SELECT ? AS confidence, ? AS has_edges",
            [caps.confidence, caps.edges],
        )
        yield con
    finally:
        con.close()


def capabilities(con: duckdb.DuckDBPyConnection) -> Capabilities:
    """What the attached warehouse stores of the optional parts."""
    row = con.execute("SELECT confidence, has_edges FROM report_capabilities").fetchone()
    return Capabilities(*row)
