"""Driving lake mode through Dagster: ingest, a backfill of the partitions through the run queue,
then the marts, with public entry points only (the `dagster` CLI and the instance's run records).

    env = cluster.up()                              # then, in a process of the cluster:
    batch = ingest_into_lake(seeds, instance, cfg)  # raw.articles + the days as partitions
    runs = submit_backfill(batch.partitions, env)   # one queued run per partition
    wait_for_runs(instance, runs.tag)               # the workers take them
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from pipeline.common.settings import Settings, child_environment
from pipeline.lake.config import lake_config
from pipeline.lake.partitions import (
    DAY_SQL,
    EXTRACT_JOB,
    MARTS_JOB,
    article_days,
    register_days,
    shard_sql,
)

BATCH_TAG = "newsclaims/batch"


class LakeRunError(RuntimeError):
    """A lake-mode run failed or did not finish in time (one line, naming the run)."""


def create_raw_schema(cfg: Settings) -> None:
    """Create the lake's raw schema and tables (idempotent)."""
    from pipeline.lake.connect import lake_connection
    from pipeline.warehouse.schema import ensure_raw_schema

    with lake_connection(lake_config(cfg)) as con:
        ensure_raw_schema(con)


@dataclass(frozen=True)
class IngestedBatch:
    articles: int
    partitions: list[str]  # every day x shard key that holds articles ("2026-12-06|0")


def ingest_into_lake(folder: Path, instance: dg.DagsterInstance, cfg: Settings) -> IngestedBatch:
    """Ingest `folder` into the lake's raw tables and register its days as partitions."""
    from pipeline.lake.connect import lake_connection
    from pipeline.run.steps import ingest

    with lake_connection(lake_config(cfg)) as con:
        report = ingest(
            con,
            folder,
            max_bytes=cfg.max_file_bytes,
            max_chars=cfg.max_article_chars,
            log=lambda level, message: None,
        )
        register_days(instance, article_days(con))
        keys = con.execute(
            f"SELECT DISTINCT {DAY_SQL} || '|' || {shard_sql(cfg.lake_shards)} AS k "
            "FROM raw.articles ORDER BY k"
        ).fetchall()
    return IngestedBatch(report.articles_total, [k for (k,) in keys])


def _dagster_cli(args: list[str], env: dict[str, str]) -> None:
    """Run a `dagster` CLI command against the code location; its output only on failure."""
    dagster = str(Path(sys.executable).parent / "dagster")
    out = subprocess.run(
        [dagster, *args, "-m", "pipeline.definitions"],
        env=child_environment(env),
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        tail = " ".join((out.stderr or out.stdout).split())[-600:]
        raise LakeRunError(f"dagster {args[0]} {args[1]} failed: {tail}")


def submit_backfill(partitions: list[str], env: dict[str, str]) -> str:
    """Queue one `lake_extract` run per partition (a backfill the UI shows); returns the tag
    value that marks its runs."""
    batch = uuid.uuid4().hex[:12]
    args = ["job", "backfill", "-j", EXTRACT_JOB, "--partitions", ",".join(partitions)]
    args += ["--noprompt", "--tags", json.dumps({BATCH_TAG: batch})]
    _dagster_cli(args, env)
    return batch


def launch_marts(env: dict[str, str]) -> str:
    """Queue one `lake_marts` run (dbt build of the marts and every check); returns its tag."""
    batch = uuid.uuid4().hex[:12]
    _dagster_cli(["job", "launch", "-j", MARTS_JOB, "--tags", json.dumps({BATCH_TAG: batch})], env)
    return batch


def wait_for_runs(
    instance: dg.DagsterInstance, batch: str, expected: int, timeout_s: float = 3600
) -> list[dg.DagsterRun]:
    """Wait until the `expected` runs tagged `batch` have finished; LakeRunError naming the
    first failed run (or on timeout)."""
    deadline = time.monotonic() + timeout_s
    runs: list[dg.DagsterRun] = []
    while time.monotonic() < deadline:
        runs = list(instance.get_runs(dg.RunsFilter(tags={BATCH_TAG: batch})))
        if len(runs) >= expected and all(r.is_finished for r in runs):
            failed = [r for r in runs if r.status != dg.DagsterRunStatus.SUCCESS]
            if failed:
                run = failed[0]
                raise LakeRunError(
                    f"{len(failed)} of {len(runs)} runs failed, e.g. run {run.run_id[:8]} "
                    f"({run.tags.get('dagster/partition', run.job_name)}): see `dg dev` or the "
                    "workers' logs; re-running a partition replaces its rows"
                )
            return runs
        time.sleep(0.5)
    done = sum(r.is_finished for r in runs)
    raise LakeRunError(f"{done} of {expected} runs finished within {timeout_s:.0f} s")


def check_results(instance: dg.DagsterInstance, runs: list[dg.DagsterRun]) -> list[dict]:
    """Every asset check evaluated in `runs`: asset, check name and whether it passed."""
    results = []
    for run in runs:
        records = instance.get_records_for_run(
            run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION
        ).records
        for record in records:
            evaluation = record.event_log_entry.asset_check_evaluation
            results.append(
                {
                    "asset": evaluation.asset_key.to_user_string(),
                    "check": evaluation.check_name,
                    "passed": evaluation.passed,
                }
            )
    return sorted(results, key=lambda r: (r["asset"], r["check"]))


def rerun_partitions(keys: list[str], env: dict[str, str], timeout_s: float = 3600) -> int:
    """Queue `keys` again and wait: their rows are replaced. Runs left STARTED by a killed
    worker on this machine are marked failed first, so they do not hold the partitions' slots.
    Called in a process of the cluster (`cluster.run_inside`: DAGSTER_HOME is the cluster's)."""
    from pipeline.run.lifecycle import clean_stale_runs

    with dg.DagsterInstance.get() as instance:
        for line in clean_stale_runs(instance):
            print(f"lake: {line}")
        runs = wait_for_runs(instance, submit_backfill(keys, env), len(keys), timeout_s)
    return len(runs)


def main(argv: list[str] | None = None) -> int:
    """`python -m pipeline.scaleout.runs extract KEY...`: re-run partitions on the cluster."""
    import argparse

    from pipeline.scaleout import cluster

    parser = argparse.ArgumentParser(prog="python -m pipeline.scaleout.runs")
    parser.add_argument("action", choices=["extract"])
    parser.add_argument("keys", nargs="+", help="partition keys, e.g. 2026-12-06|0")
    parser.add_argument("--folder", type=Path, default=cluster.DEFAULT_FOLDER)
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    env = cluster.load_env(args.folder)
    if env is None:
        print(f"lake: no cluster running in {args.folder} (make lake-up)", file=sys.stderr)
        return 2
    if not args.inside:  # the rest runs as a process of the cluster
        argv = sys.argv[1:] if argv is None else argv
        return cluster.run_inside(env, "pipeline.scaleout.runs", [*argv, "--inside"], replace=True)
    try:
        done = rerun_partitions(args.keys, env)
    except LakeRunError as exc:
        print(f"lake: error: {exc}", file=sys.stderr)
        return 1
    print(f"lake: {done} partition run(s) succeeded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
