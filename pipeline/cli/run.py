"""`newsclaims run`: materialise the pipeline in this process, once or (`--watch`) whenever
anything it depends on changes.

    newsclaims run                 # stops at once when nothing changed since the last run
    newsclaims run --watch         # stays up (pipeline/run/watch.py)
"""

from __future__ import annotations

import argparse
import sys

from pipeline.common.settings import Settings


def cmd_run(args: argparse.Namespace) -> int:
    from pipeline.run.stamp import RunStamp

    cfg = args.settings
    if args.watch:
        if args.select != "*":
            print("newsclaims: error: --watch runs everything; drop --select", file=sys.stderr)
            return 2
        from pipeline.run.watch import watch

        flags = [args.full_refresh, args.force]  # the first run's only

        def run_once() -> int:
            full_refresh, force = flags
            flags[:] = [False, False]
            return _run_and_stamp(cfg, args, full_refresh, force)

        forced = args.full_refresh or args.force
        return watch(cfg, run_once, args.every or cfg.sensor_interval_s, run_first=forced)
    complete = args.select == "*"
    if complete and not (args.force or args.full_refresh) and (reason := RunStamp(cfg).unchanged()):
        print(f"newsclaims run: {reason}; --force runs it anyway")
        return 0
    return _run_and_stamp(cfg, args, args.full_refresh, args.force)


def _run_and_stamp(cfg: Settings, args: argparse.Namespace, full_refresh: bool, force: bool) -> int:
    """One run in this process (the summary printed); a complete successful run is stamped."""
    from pipeline.run.preflight import PreflightError, check_run_inputs
    from pipeline.run.stamp import RunStamp

    try:  # before Dagster starts: one line naming the problem and the fix
        check_run_inputs(cfg.seeds_dir)
    except PreflightError as exc:
        print(f"newsclaims: error: {exc}", file=sys.stderr)
        return 2
    from pipeline.run.execute import run_until_stopped, summarize

    result = run_until_stopped(
        cfg=cfg,
        select=args.select,
        full_refresh=full_refresh,
        rebuild=force,
        log_level=args.log_level,
    )
    print(summarize(result, cfg), flush=True)
    if args.select == "*" and result.success:
        checks = result.get_asset_check_evaluations()
        failed = sum(not c.passed for c in checks)
        RunStamp(cfg).record(result.run_id, len(checks) - failed, failed)
    return 0 if result.success else 1


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `newsclaims run`."""
    run = sub.add_parser(
        "run", help="materialise the whole pipeline (ingest, extract, dbt, checks)"
    )
    run.add_argument("--seeds", help="input folder (default: NEWSCLAIMS_SEEDS or ./seeds)")
    run.add_argument("--warehouse", help="published DuckDB file (default: NEWSCLAIMS_WAREHOUSE)")
    run.add_argument("--select", default="*", help="Dagster asset selection (default: all)")
    run.add_argument("--full-refresh", action="store_true", help="re-extract every article")
    run.add_argument(
        "--force",
        action="store_true",
        help="run even when nothing changed since the last run: dbt builds, the warehouse is "
        "published and the report rebuilt",
    )
    run.add_argument("--log-level", default="INFO", help="Dagster console log level")
    run.add_argument(
        "--watch",
        action="store_true",
        help="stay running: run again whenever the input folder (or a correction) changes, "
        "with spaCy, Dagster and the checks kept loaded (Ctrl-C stops)",
    )
    run.add_argument(
        "--every",
        type=float,
        metavar="SECONDS",
        help="with --watch: how often to look (default: NEWSCLAIMS_SENSOR_INTERVAL_S)",
    )
    run.set_defaults(func=cmd_run)
