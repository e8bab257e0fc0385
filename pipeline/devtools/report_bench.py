"""Report-site benchmark on synthetic scaled warehouses (`make bench-report`).

    uv run python -m pipeline.devtools.report_bench [--base WAREHOUSE] [--articles 1000 10000]

Replicates the articles, claims and bridges of a real published warehouse (default: this
checkout's, from `make run`) until it holds N articles: dates spread over two years, person and
group actors split into variants so the actor count grows with the corpus. For each N it builds
the site in a fresh process and prints seconds, peak RSS, pages and site size; then it times a
rebuild with no change and one with one new article (pages rewritten). Targets: ≤ 30 s and
≤ 500 MB at 10,000 articles.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

from pipeline.common.settings import current
from pipeline.warehouse.sql_text import sql_string

SPLIT_TYPES = ("person", "group", "unnamed")  # these get one variant per few copies


def _copy_sql(copies: int, variants: int, limit: int) -> list[str]:
    """Statements that fill `marts`/`raw` of the open database from the attached base `b`."""
    shift = "(x.article_date + to_days(CAST(cp.k * 2 % 730 AS INTEGER)))::DATE"
    return [
        "CREATE SCHEMA marts",
        "CREATE SCHEMA raw",
        f"""CREATE TEMP TABLE cp AS
            SELECT k.range AS k, a.article_id
            FROM range({copies}) k,
                 (SELECT article_id, row_number() OVER (ORDER BY article_id) - 1 AS i
                  FROM b.marts.dim_articles) a
            WHERE k.range * (SELECT count(*) FROM b.marts.dim_articles) + a.i < {limit}""",
        f"""CREATE TEMP TABLE am AS
            SELECT a.actor_id, k.range AS k,
                   CASE WHEN a.actor_type IN {SPLIT_TYPES}
                        THEN a.actor_id || '-' || (k.range % {variants})
                        ELSE a.actor_id END AS new_id,
                   CASE WHEN a.actor_type IN {SPLIT_TYPES}
                        THEN a.canonical_name || ' ' || (k.range % {variants})
                        ELSE a.canonical_name END AS new_name
            FROM b.marts.dim_actors a, range({copies}) k""",
        f"""CREATE TABLE marts.fct_claims AS
            SELECT x.* REPLACE (
                x.claim_id || '-' || cp.k AS claim_id, x.article_id || '-' || cp.k AS article_id,
                {shift} AS article_date, s.new_id AS speaker_actor_id,
                coalesce(s.new_name, x.speaker_canonical_name) AS speaker_canonical_name,
                r.new_id AS reported_by_actor_id)
            FROM b.marts.fct_claims x JOIN cp USING (article_id)
            LEFT JOIN am s ON s.actor_id = x.speaker_actor_id AND s.k = cp.k
            LEFT JOIN am r ON r.actor_id = x.reported_by_actor_id AND r.k = cp.k""",
        f"""CREATE TABLE marts.dim_articles AS
            SELECT x.* REPLACE (x.article_id || '-' || cp.k AS article_id,
                                x.title || ' #' || cp.k AS title, {shift} AS article_date)
            FROM b.marts.dim_articles x JOIN cp USING (article_id)""",
        """CREATE TABLE raw.articles AS
            SELECT x.* REPLACE (x.article_id || '-' || cp.k AS article_id)
            FROM b.raw.articles x JOIN cp USING (article_id)""",
        "CREATE TABLE raw.quarantine AS SELECT * FROM b.raw.quarantine",
    ]


def _bridge_sql(table: str) -> str:
    return f"""CREATE TABLE marts.{table} AS
        SELECT x.* REPLACE (x.claim_id || '-' || cp.k AS claim_id, m.new_id AS actor_id)
        FROM b.marts.{table} x
        JOIN b.marts.fct_claims c USING (claim_id) JOIN cp ON cp.article_id = c.article_id
        JOIN am m ON m.actor_id = x.actor_id AND m.k = cp.k"""


def _actors_sql(bridges: list[str]) -> str:
    about = " UNION ".join(f"SELECT claim_id, actor_id FROM marts.{t}" for t in bridges)
    return f"""CREATE TABLE marts.dim_actors AS
        WITH v AS (SELECT DISTINCT actor_id, new_id, new_name FROM am),
        made AS (SELECT speaker_actor_id AS id, count(*) AS n, count(DISTINCT article_id) AS na
                 FROM marts.fct_claims GROUP BY 1),
        about AS (SELECT actor_id AS id, count(DISTINCT claim_id) AS n FROM ({about}) GROUP BY 1)
        SELECT a.* REPLACE (v.new_id AS actor_id, v.new_name AS canonical_name,
                            coalesce(made.na, 0) + 1 AS n_articles,
                            coalesce(made.n, 0) AS n_claims_made,
                            coalesce(about.n, 0) AS n_claims_about)
        FROM b.marts.dim_actors a JOIN v USING (actor_id)
        LEFT JOIN made ON made.id = v.new_id LEFT JOIN about ON about.id = v.new_id
        WHERE made.n IS NOT NULL OR about.n IS NOT NULL"""


def scale_warehouse(base: Path, out: Path, articles: int) -> Path:
    """A warehouse like `base` with `articles` articles (copies of its own, re-keyed)."""
    out.unlink(missing_ok=True)
    con = duckdb.connect(str(out))
    try:
        con.execute(f"ATTACH {sql_string(base)} AS b (READ_ONLY)")
        n_base = con.execute("SELECT count(*) FROM b.marts.dim_articles").fetchone()[0]
        if not n_base:
            raise SystemExit(f"{base} has no articles: run `make run` first")
        copies = math.ceil(articles / n_base)
        for sql in _copy_sql(copies, max(1, copies // 5), articles):
            con.execute(sql)
        bridges = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'b' "
                "AND table_schema = 'marts' AND table_name LIKE 'bridge_claim_%'"
            ).fetchall()
        ]
        for table in bridges:
            con.execute(_bridge_sql(table))
        con.execute(_actors_sql(bridges))
    finally:
        con.close()
    return out


def add_article(warehouse: Path, base: Path) -> None:
    """One more article: a copy of the base's first article under a new id, with its claims."""
    known = "IN (SELECT actor_id FROM marts.dim_actors)"

    def actor(col: str) -> str:
        return f"CASE WHEN x.{col} {known} THEN x.{col} ELSE x.{col} || '-0' END AS {col}"

    con = duckdb.connect(str(warehouse))
    try:
        con.execute(f"ATTACH {sql_string(base)} AS b (READ_ONLY)")
        con.execute("""CREATE TEMP TABLE one AS SELECT article_id FROM b.marts.dim_articles
                       ORDER BY article_id LIMIT 1""")
        new_id = "x.article_id || '-new' AS article_id"
        con.execute(f"""INSERT INTO raw.articles SELECT x.* REPLACE ({new_id})
                        FROM b.raw.articles x JOIN one USING (article_id)""")
        con.execute(f"""INSERT INTO marts.dim_articles SELECT x.* REPLACE ({new_id})
                        FROM b.marts.dim_articles x JOIN one USING (article_id)""")
        con.execute(f"""INSERT INTO marts.fct_claims
            SELECT x.* REPLACE ({new_id}, x.claim_id || '-new' AS claim_id,
                                {actor("speaker_actor_id")}, {actor("reported_by_actor_id")})
            FROM b.marts.fct_claims x JOIN one USING (article_id)""")
        for (table,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'b' "
            "AND table_schema = 'marts' AND table_name LIKE 'bridge_claim_%'"
        ).fetchall():
            con.execute(f"""INSERT INTO marts.{table}
                SELECT x.* REPLACE (x.claim_id || '-new' AS claim_id, {actor("actor_id")})
                FROM b.marts.{table} x JOIN b.marts.fct_claims c USING (claim_id)
                JOIN one USING (article_id)""")
    finally:
        con.close()


def _build_once(warehouse: Path, site: Path) -> dict:
    from pipeline.report import build_site

    result = build_site(warehouse, site)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "seconds": result.seconds,
        "pages": result.stats.pages,
        "written": result.stats.written,
        "written_pages": sum(p.endswith(".html") for p in result.stats.written_paths),
        "claims": result.claims,
        "actors": result.actors,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "phases": result.phases,
    }


def _build_in_subprocess(warehouse: Path, site: Path) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline.devtools.report_bench",
            "--build-one",
            str(warehouse),
            str(site),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _site_mb(site: Path) -> float:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, default=current().warehouse_path)
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--build-one", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_one:
        print(json.dumps(_build_once(*args.build_one)))
        return 0
    if not args.base.exists():
        print(f"no warehouse at {args.base}: run `make run` first (or pass --base)")
        return 2
    print(f"report bench: base {args.base}")
    print(
        f"{'articles':>8} {'claims':>8} {'actors':>7} {'pages':>7} {'site MB':>8} {'build s':>8} "
        f"{'cpu s':>6} {'peak MB':>8} {'no-op s':>8} {'+1 article s':>12} {'rewritten':>18}"
    )
    with tempfile.TemporaryDirectory(prefix="newsclaims-report-bench-") as tmp:
        for n in args.articles:
            warehouse = scale_warehouse(args.base, Path(tmp) / f"wh{n}.duckdb", n)
            site = Path(tmp) / f"site{n}"
            first = _build_in_subprocess(warehouse, site)
            noop = _build_in_subprocess(warehouse, site)
            add_article(warehouse, args.base)
            plus = _build_in_subprocess(warehouse, site)
            data = plus["written"] - plus["written_pages"]
            rewritten = f"{plus['written_pages']} pages, {data} data"
            print(
                f"{n:>8} {first['claims']:>8} {first['actors']:>7} {first['pages']:>7} "
                f"{_site_mb(site):>8.1f} {first['seconds']:>8.1f} {first['cpu_seconds']:>6.1f} "
                f"{first['peak_rss_mb']:>8.0f} {noop['seconds']:>8.1f} {plus['seconds']:>12.1f} "
                f"{rewritten:>18}",
                flush=True,
            )
            print(f"{'':>8} phases (s): {first['phases']}", flush=True)
            shutil.rmtree(site)
            warehouse.unlink()
    print("targets at 10,000 articles: build <= 30 s, peak <= 500 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
