"""Article and actor pages, rendered in chunks so memory stays flat at any warehouse size.

pages = PageRenderer(con, writer)
pages.write_articles()   # a/<article_id>.html
pages.write_actors()     # p/<actor_id>.html
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html import escape
from pathlib import Path

import duckdb
import jinja2
from markupsafe import Markup

from pipeline.report.fragments import claim_card, claim_row
from pipeline.report.model import actor_weekly, claim_spans, counterparts, highlight_segments
from pipeline.report.writer import SiteWriter

TEMPLATES = Path(__file__).with_name("templates")
KIND_CLASS = {"speaker": "s", "cue": "q", "content": "c"}
CHUNK = 500  # articles or actors per query
ACTOR_CLAIMS = 100  # newest claims listed on an actor page, made and about each
SNIPPET = 300


def snippet_sql(column: str, limit: int = SNIPPET) -> str:
    """SQL for `column` cut to `limit` characters at a word boundary, with " …" when cut."""
    return (
        f"CASE WHEN length({column}) <= {limit} THEN {column} "
        f"ELSE regexp_replace(left({column}, {limit}), '\\s+\\S*$', '') || ' …' END"
    )


# Dates leave DuckDB as text: converting date objects was a measurable part of a 10k build.
DAY = "strftime(day, '%Y-%m-%d')"
ARTICLE_SQL = f"""
    SELECT article_id, title, outlet, url, {DAY} AS day, source_path, text FROM articles
    WHERE article_id IN (SELECT unnest($ids))"""
ARTICLE_CLAIMS_SQL = """
    SELECT c.claim_id, c.article_id, c.speaker_actor_id, c.speaker_name, c.speaker_mention,
           c.speaker_role, c.cue, c.act, c.form, c.confidence, c.content, c.content_start,
           c.content_end, c.content_spans, c.speaker_start, c.speaker_end, c.cue_start,
           c.cue_end, c.reported_by, c.reported_by_actor_id, p.accused, p.about
    FROM claims c LEFT JOIN claim_people p USING (claim_id)
    WHERE c.article_id IN (SELECT unnest($ids))
    ORDER BY c.article_id, c.content_start, c.claim_id"""
ACTOR_CLAIMS_SQL = f"""
    SELECT s.owner, c.claim_id, c.article_id, {DAY} AS day, c.speaker_actor_id,
           c.speaker_name, c.speaker_mention, c.cue, c.act, c.form, c.confidence,
           {snippet_sql("c.content")} AS snippet
    FROM ({{source}}) s JOIN claims c USING (claim_id) JOIN claim_order o USING (claim_id)
    QUALIFY row_number() OVER (PARTITION BY s.owner ORDER BY o.n DESC) <= {ACTOR_CLAIMS}
    ORDER BY s.owner, o.n DESC"""
ACTOR_SOURCES = (  # claims made by, then claims about, the actors of a chunk
    "SELECT speaker_actor_id AS owner, claim_id FROM claims "
    "WHERE speaker_actor_id IN (SELECT unnest($ids))",
    "SELECT actor_id AS owner, claim_id FROM claim_about WHERE actor_id IN (SELECT unnest($ids))",
)
CLAIM_PEOPLE_SQL = """
    CREATE OR REPLACE TABLE claim_people AS
    WITH x AS (
        SELECT claim_id, actor_id, 'accused' AS rel FROM claim_accused
        UNION ALL SELECT claim_id, actor_id, 'about' FROM claim_about)
    SELECT claim_id,
           list([x.actor_id, a.name] ORDER BY a.name) FILTER (WHERE rel = 'accused') AS accused,
           list([x.actor_id, a.name] ORDER BY a.name) FILTER (WHERE rel = 'about') AS about
    FROM x JOIN actors a USING (actor_id)
    GROUP BY claim_id"""


def environment() -> jinja2.Environment:
    """The page templates (templates/), autoescaped."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> list[dict]:
    cur = con.execute(sql, params or {})
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _grouped(rows: list[dict], key: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out


def _chunks(con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[list[str]]:
    ids = [r[0] for r in con.execute(sql).fetchall()]
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def text_html(text: str, claims: list[dict]) -> Markup:
    """The article text with every claim's speaker, cue and content spans as <mark> elements.

    A mark's class lists the kinds covering it (s, q, c) and `data-h` the claim index and kind
    ("0s 2c"), so a claim's words are found again from the page.
    """
    spans = [span for i, claim in enumerate(claims) for span in claim_spans(i, claim)]
    parts = []
    for piece, covering in highlight_segments(text, spans):
        if not covering:
            parts.append(escape(piece, quote=False))
            continue
        classes = " ".join(sorted({KIND_CLASS[kind] for _, kind in covering}))
        keys = " ".join(f"{i}{KIND_CLASS[kind]}" for i, kind in covering)
        parts.append(f'<mark class="{classes}" data-h="{keys}">{escape(piece, quote=False)}</mark>')
    return Markup("".join(parts))


def weekly_json(series: list[tuple]) -> Markup:
    """[[week's Monday, made, about], ...] for actor.js, which fills in quiet weeks and draws it.

    JSON of dates and numbers only, so it is safe inside a script tag.
    """
    rows = [[week.isoformat(), made, about] for week, made, about in series]
    return Markup(json.dumps(rows, separators=(",", ":")))


class PageRenderer:
    """Renders article and actor pages from the report views into a SiteWriter."""

    def __init__(self, con: duckdb.DuckDBPyConnection, writer: SiteWriter) -> None:
        self.con = con
        self.writer = writer
        env = environment()
        self.article_tpl = env.get_template("article.html")
        self.actor_tpl = env.get_template("actor.html")
        self.has_confidence = bool(
            con.execute("SELECT count(confidence) > 0 FROM claims").fetchone()[0]
        )
        con.execute(CLAIM_PEOPLE_SQL)

    def write_articles(self) -> int:
        """a/<article_id>.html for every article; returns how many."""
        n = 0
        for chunk in _chunks(self.con, "SELECT article_id FROM articles ORDER BY 1"):
            params = {"ids": chunk}
            claims = _grouped(_rows(self.con, ARTICLE_CLAIMS_SQL, params), "article_id")
            for article in _rows(self.con, ARTICLE_SQL, params):
                mine = claims.get(article["article_id"], [])
                cards = "".join(claim_card("../", i, c) for i, c in enumerate(mine))
                html = self.article_tpl.render(
                    root="../",
                    page="article",
                    title=article["title"],
                    article=article,
                    claims=mine,
                    text_html=text_html(article["text"], mine),
                    cards_html=Markup(cards),
                )
                self.writer.write(f"a/{article['article_id']}.html", html)
                n += 1
        return n

    def write_actors(self) -> int:
        """p/<actor_id>.html for every actor; returns how many."""
        empty = {"speaks_about": [], "spoken_about_by": []}
        weekly = actor_weekly(self.con)
        others = counterparts(self.con)
        n = 0
        for chunk in _chunks(self.con, "SELECT actor_id FROM actors ORDER BY 1"):
            params = {"ids": chunk}
            made, about = (
                _grouped(_rows(self.con, ACTOR_CLAIMS_SQL.format(source=src), params), "owner")
                for src in ACTOR_SOURCES
            )
            for actor in _rows(
                self.con, "SELECT * FROM actors WHERE actor_id IN (SELECT unnest($ids))", params
            ):
                actor_id = actor["actor_id"]
                series = weekly.get(actor_id, [])
                tables = (made.get(actor_id, []), about.get(actor_id, []))
                rows_html = [
                    Markup("".join(claim_row("../", c, self.has_confidence) for c in rows))
                    for rows in tables
                ]
                html = self.actor_tpl.render(
                    root="../",
                    page="actor",
                    title=actor["name"],
                    actor=actor,
                    weekly=series,
                    weekly_json=weekly_json(series),
                    counterparts=others.get(actor_id, empty),
                    made=tables[0],
                    about=tables[1],
                    rows_html=rows_html,
                    has_confidence=self.has_confidence,
                )
                self.writer.write(f"p/{actor_id}.html", html)
                n += 1
        return n
