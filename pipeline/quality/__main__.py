"""`python -m pipeline.quality`: validate the published warehouse and print each suite's summary.

Exit status 1 when a blocking suite fails. `--docs` also writes GX Data Docs next to the warehouse.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pipeline.common.settings import current


def main(argv: list[str] | None = None) -> int:
    """Run the suites (optionally only those matching `--suite`) and report."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.quality", description=__doc__)
    parser.add_argument("--warehouse", type=Path, help="DuckDB file (default: published warehouse)")
    parser.add_argument("--suite", action="append", help="suite name or prefix (repeatable)")
    parser.add_argument("--docs", action="store_true", help="also build GX Data Docs")
    args = parser.parse_args(argv)

    from pipeline.quality.docs import build_data_docs
    from pipeline.quality.suites import load_suites
    from pipeline.quality.validate import validate_suite, warm_up
    from pipeline.warehouse.connection import connection

    cfg = current()
    path = args.warehouse.resolve() if args.warehouse else cfg.warehouse_path
    specs = [
        s for s in load_suites() if not args.suite or any(s.name.startswith(p) for p in args.suite)
    ]
    print(f"GX start-up {warm_up():.2f} s", file=sys.stderr)
    with connection(path, read_only=True, timeout_s=cfg.lock_timeout_s) as con:
        results = [validate_suite(con, spec) for spec in specs]
    for result in results:
        print(result.summary())
    if args.docs:
        started = time.perf_counter()
        index = build_data_docs(results, path.parent / "data_docs", keep_runs=cfg.data_docs_keep)
        print(f"data docs: {index} ({time.perf_counter() - started:.2f} s)", file=sys.stderr)
    return 1 if any(r.blocking and not r.success for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
