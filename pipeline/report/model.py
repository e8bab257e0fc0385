"""Page data: network edges, per-actor weekly series, counterparts and highlighted spans.

Everything here reads the views of `pipeline.report.data` (never the marts directly), so the
pages and the unit tests see one data model.

    with open_report_data(path) as con:
        top = edges(con, act="accuse", min_count=1)[:5]
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import duckdb

from pipeline.report.data import ACTS

# Network filter -> (relation, acts, the actor_claim_edges column it shows). The mart is the
# one home of what an edge means: a pair is drawn only where its column is > 0, and the
# relation and acts are those the mart counts the column over (tests/report/test_browser.py
# compares the pages with the mart): accusations and denials follow the accused parties (a
# denial counts towards the party whose wrongdoing it denies), and "all" everyone a claim is
# about, whatever its act.
NETWORK_FILTERS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "accuse": ("accused", ("accuse",), "n_accusations"),
    "deny": ("accused", ("deny",), "n_denials"),
    "all": ("about", ACTS, "n_claims"),
}
SPAN_KINDS = ("speaker", "cue", "content")
EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Edge:
    """Speaker -> other actor, with the claims behind it (newest first)."""

    speaker_id: str
    speaker_name: str
    target_id: str
    target_name: str
    count: int
    claim_ids: tuple[str, ...]


def day_number(day: dt.date | None) -> int:
    """Days since 1970-01-01 (the network page filters dates as integers); -1 when unknown."""
    return (day - EPOCH).days if day else -1


def number_claims(con: duckdb.DuckDBPyConnection) -> int:
    """Create `claim_order` (claim_id, n): 0 is the oldest claim; returns the claim count.

    Search results and network edges refer to claims by this number. Oldest first, so a new
    article's claims take new numbers and the claim chunks and search shards of older claims
    stay as they were.
    """
    con.execute("""
        CREATE OR REPLACE TEMP TABLE claim_order AS
        SELECT claim_id, (row_number() OVER (
            ORDER BY day NULLS FIRST, article_id, content_start, claim_id) - 1)::INTEGER AS n
        FROM claims""")
    return con.execute("SELECT count(*) FROM claim_order").fetchone()[0]


def network_links(con: duckdb.DuckDBPyConnection, view: str) -> list[tuple]:
    """(speaker_id, other_id, act, day, claim_id, outlet, folder, confidence) per claim and
    other actor of the network filter `view` (a key of NETWORK_FILTERS), self-links dropped,
    only for pairs the mart actor_claim_edges counts under the view (when the warehouse has
    it). `confidence`: the claim's accusation (denial) confidence towards that actor, as the
    mart's `accusation_confidence` takes its best; None for "all" and when unknown."""
    relation, acts, column = NETWORK_FILTERS[view]
    table = {"accused": "claim_accused", "about": "claim_about"}[relation]
    confidence = "b.confidence" if relation == "accused" else "CAST(NULL AS DOUBLE)"
    return con.execute(
        f"""
        SELECT c.speaker_actor_id, b.actor_id, c.act, c.day, c.claim_id, c.outlet, c.folder,
               {confidence}
        FROM claims c JOIN {table} b USING (claim_id)
        WHERE c.speaker_actor_id IS NOT NULL AND c.speaker_actor_id <> b.actor_id
          AND c.act IN (SELECT unnest($acts))
          AND (NOT (SELECT has_edges FROM report_capabilities) OR EXISTS (
              SELECT 1 FROM actor_edges e WHERE e.speaker_actor_id = c.speaker_actor_id
                AND e.target_actor_id = b.actor_id AND e.{column} > 0))
        ORDER BY c.day DESC NULLS LAST, c.claim_id, b.actor_id""",
        {"acts": list(acts)},
    ).fetchall()


def edges(
    con: duckdb.DuckDBPyConnection,
    act: str = "accuse",
    start: dt.date | None = None,
    end: dt.date | None = None,
    min_count: int = 1,
    min_confidence: float = 0.0,
) -> list[Edge]:
    """Network edges under the page's filters, largest first (the page computes the same).

    `act` is a key of NETWORK_FILTERS; `start`/`end` bound the article date, inclusive;
    above 0, `min_confidence` keeps the claims whose confidence towards the other actor
    reaches it (a claim without one is left out), so an edge stays when its best claim does,
    as `accusation_confidence >= x` on actor_claim_edges.
    """
    names = dict(con.execute("SELECT actor_id, name FROM actors").fetchall())
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    view_has_confidence = NETWORK_FILTERS[act][0] == "accused"  # "all" has none
    for speaker, other, _act, day, claim_id, _outlet, _folder, conf in network_links(con, act):
        if (start and (day is None or day < start)) or (end and (day is None or day > end)):
            continue
        if min_confidence > 0 and view_has_confidence and (conf is None or conf < min_confidence):
            continue
        grouped[(speaker, other)].append(claim_id)
    out = [
        Edge(s, names.get(s, s), t, names.get(t, t), len(ids), tuple(ids))
        for (s, t), ids in grouped.items()
        if len(ids) >= min_count
    ]
    return sorted(out, key=lambda e: (-e.count, e.speaker_name, e.target_name))


def week_start(day: dt.date) -> dt.date:
    """The Monday of the day's ISO week."""
    return day - dt.timedelta(days=day.weekday())


def actor_weekly(
    con: duckdb.DuckDBPyConnection, actor_ids: Sequence[str] | None = None
) -> dict[str, list[tuple[dt.date, int, int]]]:
    """actor_id -> [(week's Monday, claims made, claims about)], weeks in order.

    Claims without a date are left out (they belong to no week).
    """
    where = "" if actor_ids is None else "WHERE actor_id IN (SELECT unnest($ids))"
    rows = con.execute(
        f"""
        WITH made AS (
            SELECT speaker_actor_id AS actor_id, date_trunc('week', day)::DATE AS week,
                   count(*) AS n
            FROM claims WHERE speaker_actor_id IS NOT NULL AND day IS NOT NULL GROUP BY ALL),
        about AS (
            SELECT b.actor_id, date_trunc('week', c.day)::DATE AS week,
                   count(DISTINCT c.claim_id) AS n
            FROM claim_about b JOIN claims c USING (claim_id)
            WHERE c.day IS NOT NULL GROUP BY ALL)
        SELECT actor_id, week, coalesce(made.n, 0), coalesce(about.n, 0)
        FROM made FULL OUTER JOIN about USING (actor_id, week)
        {where}
        ORDER BY actor_id, week""",
        {} if actor_ids is None else {"ids": list(actor_ids)},
    ).fetchall()
    series: dict[str, list[tuple[dt.date, int, int]]] = defaultdict(list)
    for actor_id, week, made, about in rows:
        series[actor_id].append((week, made, about))
    return dict(series)


def counterparts(
    con: duckdb.DuckDBPyConnection, actor_ids: Sequence[str] | None = None, limit: int = 10
) -> dict[str, dict[str, list[tuple[str, str, int]]]]:
    """actor_id -> {"speaks_about": [...], "spoken_about_by": [...]} of (id, name, claims).

    The actors it makes claims about, and the speakers making claims about it, top `limit` each
    (for every actor when `actor_ids` is None).
    """
    where = "" if actor_ids is None else "WHERE w.actor_id IN (SELECT unnest($ids))"
    rows = con.execute(
        f"""
        WITH pairs AS (
            SELECT c.speaker_actor_id AS speaker, b.actor_id AS other, count(*) AS n
            FROM claims c JOIN claim_about b USING (claim_id)
            WHERE c.speaker_actor_id IS NOT NULL AND c.speaker_actor_id <> b.actor_id
            GROUP BY ALL),
        both_ways AS (
            SELECT speaker AS actor_id, 'speaks_about' AS way, other, n FROM pairs
            UNION ALL
            SELECT other AS actor_id, 'spoken_about_by' AS way, speaker AS other, n FROM pairs)
        SELECT w.actor_id, w.way, w.other, a.name, w.n
        FROM both_ways w JOIN actors a ON a.actor_id = w.other
        {where}
        QUALIFY row_number() OVER (PARTITION BY w.actor_id, w.way ORDER BY w.n DESC, a.name) <= $k
        ORDER BY w.actor_id, w.way, w.n DESC, a.name""",
        {"k": limit} if actor_ids is None else {"ids": list(actor_ids), "k": limit},
    ).fetchall()
    out: dict[str, dict[str, list[tuple[str, str, int]]]] = {}
    for actor_id, way, other, name, n in rows:
        out.setdefault(actor_id, {"speaks_about": [], "spoken_about_by": []})[way].append(
            (other, name, n)
        )
    return out


class Span(NamedTuple):
    """One highlighted stretch of article text: [start, end) of `kind` for claim number `claim`."""

    start: int
    end: int
    kind: str
    claim: int


class Segment(NamedTuple):
    """A run of text with the same highlights; `spans` holds (claim, kind) pairs covering it."""

    text: str
    spans: tuple[tuple[int, str], ...]


def claim_spans(claim: int, row: dict) -> list[Span]:
    """The speaker, cue and content spans of one claim row (content may have several parts)."""
    spans = []
    for kind in ("speaker", "cue"):
        start, end = row.get(f"{kind}_start"), row.get(f"{kind}_end")
        if start is not None and end is not None and end > start:
            spans.append(Span(start, end, kind, claim))
    parts = row.get("content_spans") or [(row["content_start"], row["content_end"])]
    spans.extend(Span(s, e, "content", claim) for s, e in parts if e > s)
    return spans


def highlight_segments(text: str, spans: Iterable[Span]) -> list[Segment]:
    """Cut `text` at every span boundary; each piece lists the spans covering it.

    Joining the pieces gives `text` back, and the pieces carrying (claim, kind) join to exactly
    text[start:end] of that span:

    >>> [s.text for s in highlight_segments("Ann said hi", [Span(0, 3, "speaker", 0)])]
    ['Ann', ' said hi']
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    opening: dict[int, list[Span]] = defaultdict(list)
    for span in spans:
        opening[span.start].append(span)
    active: list[Span] = []
    segments: list[Segment] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = [s for s in active if s.end > left] + opening.get(left, [])
        keys = tuple(sorted({(s.claim, s.kind) for s in active}))
        segments.append(Segment(text[left:right], keys))
    return segments
