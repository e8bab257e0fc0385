"""Article and actor pages, rendered in chunks so memory stays flat at any warehouse size.

pages = PageRenderer(con, writer)
pages.write_articles()   # a/<article_id>.html
pages.write_actors()     # p/<actor_id>.html
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import jinja2
from markupsafe import Markup, escape

from pipeline.report.fragments import claim_card, claim_row
from pipeline.report.model import actor_weekly, claim_spans, counterparts, highlight_segments
from pipeline.report.writer import SiteWriter

TEMPLATES = Path(__file__).with_name("templates")
KIND_CLASS = {"speaker": "s", "cue": "q", "content": "c"}
CHUNK = 500  # articles or actors per query
ACTOR_CLAIMS = 100  # newest claims listed on an actor page, made and about each
SNIPPET = 300


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


def _chunks(ids: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def snippet(text: str, limit: int = SNIPPET) -> str:
    """`text` cut to `limit` characters at a word boundary, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def text_html(text: str, claims: list[dict]) -> Markup:
    """The article text with every claim's speaker, cue and content spans as <mark> elements.

    A mark's class lists the kinds covering it (s, q, c) and `data-h` the claim index and kind
    ("0s 2c"), so a claim's words are found again from the page.
    """
    spans = [span for i, claim in enumerate(claims) for span in claim_spans(i, claim)]
    parts = []
    for seg in highlight_segments(text, spans):
        if not seg.spans:
            parts.append(str(escape(seg.text)))
            continue
        classes = " ".join(sorted({KIND_CLASS[kind] for _, kind in seg.spans}))
        keys = " ".join(f"{i}{KIND_CLASS[kind]}" for i, kind in seg.spans)
        parts.append(f'<mark class="{classes}" data-h="{keys}">{escape(seg.text)}</mark>')
    return Markup("".join(parts))


def weekly_spec(series: list[tuple]) -> Markup:
    """Vega-Lite spec of claims made and about per week, as JSON safe inside a script tag.

    Every week from the first to the last is a bar slot, so quiet weeks show as gaps.
    """
    values = []
    if series:
        counts = {week: (made, about) for week, made, about in series}
        week, last = series[0][0], series[-1][0]
        while week <= last:
            made, about = counts.get(week, (0, 0))
            for label, n in (("made", made), ("about", about)):
                values.append({"week": week.isoformat(), "series": label, "claims": n})
            week += dt.timedelta(days=7)
    spec = {
        "width": "container",
        "height": 180,
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {
                "field": "week",
                "type": "ordinal",
                "title": "week starting",
                "axis": {"labelAngle": -45, "labelOverlap": True},
            },
            "xOffset": {"field": "series", "sort": ["made", "about"]},
            "y": {"field": "claims", "type": "quantitative", "title": "claims"},
            "color": {
                "field": "series",
                "type": "nominal",
                "scale": {"domain": ["made", "about"], "range": ["#1f5fa8", "#e07b39"]},
            },
        },
    }
    return Markup(json.dumps(spec, separators=(",", ":")).replace("</", "<\\/"))


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
        con.execute("""
            CREATE OR REPLACE TABLE claim_people AS
            WITH x AS (
                SELECT claim_id, actor_id, 'accused' AS rel FROM claim_accused
                UNION ALL SELECT claim_id, actor_id, 'about' FROM claim_about)
            SELECT claim_id,
                   list([x.actor_id, a.name] ORDER BY a.name) FILTER (WHERE rel = 'accused')
                       AS accused,
                   list([x.actor_id, a.name] ORDER BY a.name) FILTER (WHERE rel = 'about') AS about
            FROM x JOIN actors a USING (actor_id)
            GROUP BY claim_id""")

    def write_articles(self) -> int:
        ids = [
            r[0] for r in self.con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall()
        ]
        for chunk in _chunks(ids):
            params = {"ids": chunk}
            claims_by_article: dict[str, list[dict]] = {}
            for claim in _rows(
                self.con,
                """
                SELECT c.*, p.accused, p.about FROM claims c
                LEFT JOIN claim_people p USING (claim_id)
                WHERE c.article_id IN (SELECT unnest($ids))
                ORDER BY c.article_id, c.content_start, c.claim_id""",
                params,
            ):
                claims_by_article.setdefault(claim["article_id"], []).append(claim)
            for article in _rows(
                self.con, "SELECT * FROM articles WHERE article_id IN (SELECT unnest($ids))", params
            ):
                claims = claims_by_article.get(article["article_id"], [])
                html = self.article_tpl.render(
                    root="../",
                    page="article",
                    title=article["title"],
                    article=article,
                    claims=claims,
                    text_html=text_html(article["text"], claims),
                    cards_html=Markup(
                        "".join(claim_card("../", i, c) for i, c in enumerate(claims))
                    ),
                )
                self.writer.write(f"a/{article['article_id']}.html", html)
        return len(ids)

    def _actor_claims(self, view: str, ids: list[str]) -> dict[str, list[dict]]:
        """The newest ACTOR_CLAIMS claims made by (view "made") or about each actor."""
        source = (
            "SELECT speaker_actor_id AS owner, claim_id FROM claims "
            "WHERE speaker_actor_id IN (SELECT unnest($ids))"
            if view == "made"
            else "SELECT actor_id AS owner, claim_id FROM claim_about "
            "WHERE actor_id IN (SELECT unnest($ids))"
        )
        rows = _rows(
            self.con,
            f"""
            SELECT s.owner, c.claim_id, c.article_id, c.day, c.speaker_actor_id, c.speaker_name,
                   c.speaker_mention, c.cue, c.act, c.form, c.content, c.confidence
            FROM ({source}) s JOIN claims c USING (claim_id) JOIN claim_order o USING (claim_id)
            QUALIFY row_number() OVER (PARTITION BY s.owner ORDER BY o.n) <= {ACTOR_CLAIMS}
            ORDER BY s.owner, o.n""",
            {"ids": ids},
        )
        out: dict[str, list[dict]] = {}
        for row in rows:
            row["snippet"] = snippet(row["content"])
            out.setdefault(row["owner"], []).append(row)
        return out

    def write_actors(self) -> int:
        ids = [r[0] for r in self.con.execute("SELECT actor_id FROM actors ORDER BY 1").fetchall()]
        empty = {"speaks_about": [], "spoken_about_by": []}
        for chunk in _chunks(ids):
            weekly = actor_weekly(self.con, chunk)
            others = counterparts(self.con, chunk)
            made = self._actor_claims("made", chunk)
            about = self._actor_claims("about", chunk)
            params = {"ids": chunk}
            for actor in _rows(
                self.con, "SELECT * FROM actors WHERE actor_id IN (SELECT unnest($ids))", params
            ):
                actor_id = actor["actor_id"]
                series = weekly.get(actor_id, [])
                html = self.actor_tpl.render(
                    root="../",
                    page="actor",
                    title=actor["name"],
                    actor=actor,
                    weekly=series,
                    weekly_spec=weekly_spec(series),
                    counterparts=others.get(actor_id, empty),
                    made=made.get(actor_id, []),
                    about=about.get(actor_id, []),
                    rows_html=[
                        Markup("".join(claim_row("../", c, self.has_confidence) for c in rows))
                        for rows in (made.get(actor_id, []), about.get(actor_id, []))
                    ],
                    has_confidence=self.has_confidence,
                )
                self.writer.write(f"p/{actor_id}.html", html)
        return len(ids)
