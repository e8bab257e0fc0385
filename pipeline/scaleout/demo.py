"""`make scale-demo`: a folder (NEWSCLAIMS_SEEDS, default seeds/) through lake mode with the
local cluster's workers, then one summary line:

    scale-demo: N articles, C claims, E accusation edges, W workers, T s

C = rows of marts.fct_claims, E = rows of marts.actor_claim_edges with n_accusations > 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from pipeline.common.settings import Settings
from pipeline.scaleout import cluster

RECORD = "last-demo.json"  # the demo's runs, check results and counts


def lake_counts(cfg: Settings) -> tuple[int, int]:
    """(claims, accusation edges) in the lake's marts."""
    from pipeline.lake.config import lake_config
    from pipeline.lake.connect import lake_connection

    with lake_connection(lake_config(cfg), read_only=True) as con:
        claims = con.execute("SELECT count(*) FROM marts.fct_claims").fetchone()[0]
        edges = con.execute(
            "SELECT count(*) FROM marts.actor_claim_edges WHERE n_accusations > 0"
        ).fetchone()[0]
    return claims, edges


def run_through_lake(cfg: Settings, env: dict[str, str], record: Path) -> int:
    """Ingest the seeds folder, extract every partition on the workers, build the marts, in a
    process of the cluster (`cluster.run_inside`); returns the number of articles in the lake.
    `record` gets the runs, the marts run's check results and the marts' counts."""
    import dagster as dg

    from pipeline.scaleout.runs import (
        check_results,
        ingest_into_lake,
        launch_marts,
        submit_backfill,
        wait_for_runs,
    )

    seconds = {}
    with dg.DagsterInstance.get() as instance:  # the cluster's (DAGSTER_HOME)
        started = time.perf_counter()
        batch = ingest_into_lake(cfg.seeds_dir, instance, cfg)
        seconds["ingest"] = time.perf_counter() - started
        extract_runs = []
        if batch.partitions:
            tag = submit_backfill(batch.partitions, env)
            extract_runs = wait_for_runs(instance, tag, len(batch.partitions))
        seconds["extract"] = time.perf_counter() - started - seconds["ingest"]
        marts_runs = wait_for_runs(instance, launch_marts(env), 1)
        seconds["marts"] = time.perf_counter() - started - seconds["ingest"] - seconds["extract"]
        claims, edges = lake_counts(cfg)
        record.write_text(
            json.dumps(
                {
                    "articles": batch.articles,
                    "claims": claims,
                    "accusation_edges": edges,
                    "partitions": batch.partitions,
                    "seconds": {k: round(v, 2) for k, v in seconds.items()},
                    "extract_runs": [r.run_id for r in extract_runs],
                    "marts_run": marts_runs[0].run_id,
                    "checks": check_results(instance, marts_runs),
                },
                indent=1,
            )
        )
    return batch.articles


def _inside(folder: Path) -> int:
    """The demo's runs, in a process of the cluster; errors in one line."""
    from pipeline.common import settings

    try:
        run_through_lake(settings.current(), cluster.load_env(folder) or {}, folder / RECORD)
    except Exception as exc:  # one line, never a traceback
        print(f"scale-demo: error: {' '.join(str(exc).split())[:500]}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.scaleout.demo")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--folder", type=Path, default=cluster.DEFAULT_FOLDER)
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inside:
        return _inside(args.folder)
    started = time.perf_counter()
    try:
        env = cluster.up(args.folder, args.workers)
    except Exception as exc:  # one line, never a traceback
        print(f"scale-demo: error: {' '.join(str(exc).split())[:500]}", file=sys.stderr)
        return 1
    inside = ["--folder", str(args.folder), "--inside"]
    if cluster.run_inside(env, "pipeline.scaleout.demo", inside) != 0:
        return 1
    record = json.loads((args.folder / RECORD).read_text())
    seconds = time.perf_counter() - started
    print(
        f"scale-demo: {record['articles']} articles, {record['claims']} claims, "
        f"{record['accusation_edges']} accusation edges, {args.workers} workers, {seconds:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
