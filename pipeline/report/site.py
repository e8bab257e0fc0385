"""Build the static report site from the published warehouse, rewriting only changed pages.

    result = build_site(Path("warehouse/newsclaims.duckdb"), Path("warehouse/report"))
    print(result.index)   # warehouse/report/index.html, opens from file:// with no network

Layout: index.html, network.html, search.html, actors.html, articles.html, quarantine.html,
a/<article_id>.html, p/<actor_id>.html, data/ (network, lists, claim chunks, search index) and
static/ (site scripts and the vendored libraries of static/vendor/VERSIONS.md).

A finished build records what it was built from: the published warehouse's build id and a hash
of the report's code, templates and static files. `site_is_current` compares that with now, so
a run rebuilds a site that is older than the warehouse, built by other templates, or unfinished.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.dbt_build.builds import build_id_in
from pipeline.lake.config import LakeConfig
from pipeline.report.data import ACTS, Capabilities, capabilities, open_report_data
from pipeline.report.model import (
    NETWORK_FILTERS,
    Edge,
    day_number,
    edges,
    network_links,
    number_claims,
)
from pipeline.report.pages import PageRenderer, environment, snippet_sql
from pipeline.report.search import SearchIndex, js_call
from pipeline.report.writer import SiteWriter, WriteStats, finished_state

STATIC = Path(__file__).with_name("static")
_SITE_INPUTS = {".py", ".html", ".js", ".css", ".txt"}  # what in pipeline/report/ shapes a page
CLAIM_CHUNK = 1000
MAX_EDGES = 300  # edges drawn at first; the page lets a user raise it
NETWORK_LABELS = 25  # nodes named on the graph (the strongest); the others on hover
TYPE_COLOURS = {
    "person": "#1f77b4",
    "organisation": "#d62728",
    "place": "#2ca02c",
    "group": "#9467bd",
    "unnamed": "#8c8c8c",
}


@dataclass
class BuildResult:
    """What a build produced: where, how many pages, what it wrote, the strongest accusations."""

    root: Path
    stats: WriteStats
    seconds: float
    articles: int
    actors: int
    claims: int
    top_edges: list[Edge]
    capabilities: Capabilities
    phases: dict[str, float]  # seconds per build step

    @property
    def index(self) -> Path:
        return self.root / "index.html"


def site_inputs_hash(folder: Path = Path(__file__).parent) -> str:
    """Hash of the report's code, templates, scripts, styles and word lists."""
    digest = hashlib.sha1()
    for path in sorted(p for p in folder.rglob("*") if p.suffix in _SITE_INPUTS and p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def site_is_current(root: Path, warehouse_build: str | None) -> bool:
    """True when the site at `root` finished building from the warehouse build
    `warehouse_build` with today's templates."""
    state = finished_state(root) or {}
    return (
        state.get("warehouse_build") == warehouse_build
        and state.get("site_inputs") == site_inputs_hash()
    )


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write_static(writer: SiteWriter) -> None:
    for path in sorted(STATIC.rglob("*")):
        if path.is_file() and (path.suffix in {".js", ".css", ".md"} or path.suffix == ".LICENSE"):
            writer.write(f"static/{path.relative_to(STATIC).as_posix()}", path.read_bytes())


def confidence_code(conf: float | None) -> int:
    """A link's confidence as the page stores it: whole thousandths, rounded down, -1 when
    unknown. The page's thresholds are whole thousandths, so `code >= 1000 * x` is exactly
    `conf >= x` (0.4996 -> 499 stays below 0.5)."""
    return -1 if conf is None else math.floor(conf * 1000 + 1e-9)


def _write_network(con: duckdb.DuckDBPyConnection, writer: SiteWriter, env) -> None:
    """data/network.js: per filter view, flat links of NETWORK_LINK fields (indexes into
    `nodes`, `outlets` and `folders`) that static/network.js filters, groups and draws."""
    order = dict(con.execute("SELECT claim_id, n FROM claim_order").fetchall())
    links = {view: network_links(con, view) for view in NETWORK_FILTERS}
    used = sorted({actor for rows in links.values() for r in rows for actor in r[:2]})
    index = {actor_id: i for i, actor_id in enumerate(used)}
    outlets = sorted({r[5] for rows in links.values() for r in rows})
    folders = sorted({r[6] for rows in links.values() for r in rows})
    outlet_ix = {o: i for i, o in enumerate(outlets)}
    folder_ix = {f: i for i, f in enumerate(folders)}
    info = {
        r[0]: r
        for r in con.execute(
            "SELECT actor_id, name, type, n_claims_made FROM actors "
            "WHERE actor_id IN (SELECT unnest($ids))",
            {"ids": used},
        ).fetchall()
    }
    act_code = {act: i for i, act in enumerate(ACTS)}
    flat: dict[str, list[int]] = {}
    days = []
    for view, rows in links.items():
        out = flat[view] = []
        for speaker, other, act, day, claim_id, outlet, folder, conf in rows:
            d = day_number(day)
            days.append(d)
            out.extend((index[speaker], index[other], act_code[act], d, order[claim_id]))
            out.extend((outlet_ix[outlet], folder_ix[folder], confidence_code(conf)))
    known = [d for d in days if d >= 0]
    data = {
        "chunk": CLAIM_CHUNK,
        "colours": TYPE_COLOURS,
        "nodes": [list(info.get(a, (a, a, "unnamed", 0))) for a in used],
        "links": flat,
        "stride": 8,
        "outlets": outlets,
        "folders": folders,
        "dayMin": min(known, default=-1),
        "dayMax": max(known, default=-1),
    }
    writer.write("data/network.js", f"window.NC_NETWORK = {_dump(data)};\n")
    page = env.get_template("network.html").render(
        root="",
        page="network",
        title="Network",
        max_edges=MAX_EDGES,
        colours=TYPE_COLOURS,
        labels=NETWORK_LABELS,
    )
    writer.write("network.html", page)


def _write_claims_and_search(con: duckdb.DuckDBPyConnection, writer: SiteWriter, env) -> None:
    """Claim records in chunks (data/claims/NNNN.js) and the search index over them.

    A record has the fields of NC.claimFields in static/nc.js.
    """
    index = SearchIndex()
    act_code = {act: str(i) for i, act in enumerate(ACTS)}
    codes: list[str] = []
    cur = con.execute(f"""
        WITH accused AS (
            SELECT ca.claim_id, string_agg(a.name, ' ') AS names
            FROM claim_accused ca JOIN actors a USING (actor_id) GROUP BY ca.claim_id)
        SELECT c.claim_id, c.article_id, c.speaker_actor_id,
               coalesce(c.speaker_name, c.speaker_mention), c.cue, c.act, c.form,
               coalesce(strftime(c.day, '%Y-%m-%d'), ''), {snippet_sql("c.content")},
               c.confidence, o.n, c.speaker_mention, c.content, ac.names
        FROM claims c JOIN claim_order o USING (claim_id)
        LEFT JOIN accused ac USING (claim_id) ORDER BY o.n""")
    chunk_no = 0
    while rows := cur.fetchmany(CLAIM_CHUNK):
        for row in rows:
            speaker, act, n, mention, content, accused = row[3], row[5], *row[10:14]
            index.add(n, f"{speaker or ''} {mention or ''}", content, act, accused)
            codes.append(act_code[act])
        records = [list(row[:10]) for row in rows]
        writer.write(f"data/claims/{chunk_no:04d}.js", js_call("NC.claimChunk", chunk_no, records))
        chunk_no += 1
    for rel, text in index.files(ACTS, "".join(codes), CLAIM_CHUNK).items():
        writer.write(rel, text)
    page = env.get_template("search.html")
    writer.write(
        "search.html", page.render(root="", page="search", title="Search claims", acts=ACTS)
    )


def _write_lists(con: duckdb.DuckDBPyConnection, writer: SiteWriter, env) -> None:
    actors = con.execute("""
        SELECT actor_id, name, type, n_claims_made, n_claims_about, n_articles FROM actors
        ORDER BY n_claims_made DESC, n_claims_about DESC, name""").fetchall()
    articles = con.execute("""
        SELECT article_id, title, coalesce(strftime(day, '%Y-%m-%d'), ''), coalesce(outlet, ''),
               n_claims
        FROM articles ORDER BY day DESC NULLS LAST, title""").fetchall()
    lists = {
        "actors": (actors, "p/", ["actor", "type", "claims made", "claims about", "articles"]),
        "articles": (articles, "a/", ["title", "date", "outlet", "claims"]),
    }
    tpl = env.get_template("listing.html")
    for name, (rows, prefix, headers) in lists.items():
        data = {"prefix": prefix, "typeCol": 2, "rows": [list(r) for r in rows]}
        writer.write(f"data/{name}.js", f"window.NC_LIST = {_dump(data)};\n")
        types = sorted({r[2] for r in rows}) if name == "actors" else []
        writer.write(
            f"{name}.html",
            tpl.render(
                root="",
                page=name,
                title=name.capitalize(),
                headers=headers,
                types=types,
                data_file=f"{name}.js",
            ),
        )


def _write_quarantine(con: duckdb.DuckDBPyConnection, writer: SiteWriter, env) -> int:
    cur = con.execute("SELECT * FROM quarantine ORDER BY seen_at DESC, path, line_number")
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    reasons = Counter(r["reason"] for r in rows).most_common()
    writer.write(
        "quarantine.html",
        env.get_template("quarantine.html").render(
            root="", page="quarantine", title="Quarantine", rows=rows, reasons=reasons
        ),
    )
    return len(rows)


def build_site(warehouse: Path, out_dir: Path, lake: LakeConfig | None = None) -> BuildResult:
    """Write the report for `warehouse` (in lake mode, the `lake`) into `out_dir`; unchanged
    pages are left untouched."""
    start = time.perf_counter()
    writer = SiteWriter(out_dir)
    env = environment()
    phases: dict[str, float] = {}

    def timed(name: str, step, *args):
        t0 = time.perf_counter()
        value = step(*args)
        phases[name] = round(time.perf_counter() - t0, 2)
        return value

    with open_report_data(warehouse, lake) as con:
        built_from = {"warehouse_build": build_id_in(con, "wh"), "site_inputs": site_inputs_hash()}
        caps = capabilities(con)
        n_claims = timed("number", number_claims, con)
        _write_static(writer)
        pages = timed("prepare", PageRenderer, con, writer)
        n_articles = timed("articles", pages.write_articles)
        n_actors = timed("actors", pages.write_actors)
        timed("network", _write_network, con, writer, env)
        timed("search", _write_claims_and_search, con, writer, env)
        timed("lists", _write_lists, con, writer, env)
        n_quarantined = _write_quarantine(con, writer, env)
        top = timed("top_edges", edges, con, "accuse")[:10]
        corrections = con.execute(
            "SELECT count(*) FILTER (WHERE applied), count(*) FILTER (WHERE NOT applied) "
            "FROM corrections"
        ).fetchone()
        top_speakers = con.execute("""
            SELECT actor_id, name, n_claims_made FROM actors WHERE n_claims_made > 0
            ORDER BY n_claims_made DESC, name LIMIT 10""").fetchall()
    writer.write(
        "index.html",
        env.get_template("index.html").render(
            root="",
            page="index",
            title="Report",
            counts={
                "articles": n_articles,
                "claims": n_claims,
                "actors": n_actors,
                "quarantined": n_quarantined,
            },
            corrections=corrections,
            built=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            top_edges=top,
            top_speakers=top_speakers,
        ),
    )
    stats = writer.finish(built_from)
    return BuildResult(
        root=Path(out_dir),
        stats=stats,
        seconds=time.perf_counter() - start,
        articles=n_articles,
        actors=n_actors,
        claims=n_claims,
        top_edges=top,
        capabilities=caps,
        phases=phases,
    )
