"""`newsclaims ingest`: the input folder into the work database, no NLP; published only when that
keeps the published warehouse checked::

    newsclaims ingest --seeds seeds/ --warehouse warehouse/newsclaims.duckdb
"""

from __future__ import annotations

import argparse
import sys


def cmd_ingest(args: argparse.Namespace) -> int:
    """Ingest the folder into the work database; publish it only when the work database's
    models are the ones published (checked by the run that published them): ingest never
    publishes models whose checks did not pass."""
    from pipeline.dbt_build.builds import build_id_of
    from pipeline.run.steps import ingest
    from pipeline.warehouse.connection import connection, ensure_writable, publish, work_path_for
    from pipeline.warehouse.runlock import run_lock

    cfg = args.settings  # with --seeds and --warehouse
    folder, published = cfg.seeds_dir, cfg.warehouse_path
    work = work_path_for(published, cfg.work_db)
    for writable in dict.fromkeys([published.parent, work.parent]):
        ensure_writable(writable)  # else one line naming the folder (WarehouseAccessError)
    with run_lock(work, {"run_id": "newsclaims-ingest"}, cfg.lock_timeout_s, _say):
        with connection(work, timeout_s=cfg.lock_timeout_s) as con:
            report = ingest(
                con,
                folder,
                max_bytes=cfg.max_file_bytes,
                max_chars=cfg.max_article_chars,
                log=_stderr_warnings,
            )
        built, held = build_id_of(work), build_id_of(published)
        if built != held:
            print(f"{report.counts()} -> {work} (the work database)")
            _say(
                f"not published: the work database's models (build {str(built)[:20]}) are not "
                f"the published ones (build {str(held)[:20]}): a run built them and its checks "
                "failed or it was stopped. `newsclaims run` builds, checks and publishes them"
            )
            return 0
        publish(work, published, timeout_s=cfg.lock_timeout_s)
    print(f"{report.counts()} -> {published}")
    return 0


def _say(line: str) -> None:
    print(f"newsclaims: {line}", file=sys.stderr, flush=True)


def _stderr_warnings(level: str, message: str) -> None:
    """The CLI's `steps.Log`: warnings to stderr, the rest is summarised by the command."""
    if level == "warning":
        print(message, file=sys.stderr)
