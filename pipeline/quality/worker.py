"""Validations in a process of their own that imports Great Expectations ahead of time.

Importing GX costs ~2.5 s, and the first suites of a run are validated a second after the
run starts. `newsclaims run` starts this worker before it loads Dagster, so the import runs on
the second core; the checks then send it the suites to validate (and the Data Docs to write)
and get plain `SuiteResult`s back, one JSON line each way. It lives as long as the process that
started it (it exits at the end of its stdin). When it is gone or breaks, validation happens
in the calling process, as without it.

    worker = shared_worker()                   # started once per process
    results, docs_error = worker.validate(work_db, specs, docs_dir, keep_runs=10)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from pipeline.quality.results import SuiteResult
from pipeline.quality.suites import SuiteSpec, load_suite

STEP_PREFIX = "gx_"
"""Dagster step keys of the checks that validate suites (`gx_ingest`, `gx_marts`, ...)."""

_shared: GxWorker | None = None
_shared_lock = threading.Lock()


class GxWorker:
    """One worker process and its request/reply pipe."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipeline.quality.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self._lock = threading.Lock()

    def validate(
        self,
        db: Path,
        specs: list[SuiteSpec],
        docs_dir: Path | None,
        keep_runs: int,
        lock_timeout_s: float | None = None,
    ) -> tuple[list[SuiteResult], str | None]:
        """Validate `specs` against the DuckDB file `db` (read-only, waiting up to
        `lock_timeout_s` for a lock), then write their Data Docs pages into `docs_dir`;
        returns the results and the docs error, if any."""
        request = {
            "db": str(db),
            "suites": [str(s.path) for s in specs],
            "docs_dir": str(docs_dir) if docs_dir else None,
            "keep_runs": keep_runs,
            "lock_timeout_s": lock_timeout_s,
        }
        with self._lock:
            reply = self._ask(request)
        if reply is None:
            return validate_here(db, specs, docs_dir, keep_runs, lock_timeout_s)
        return [SuiteResult.from_dict(r) for r in reply["results"]], reply.get("docs_error")

    def _ask(self, request: dict) -> dict | None:
        """The worker's reply; None when it is gone or answered with an error."""
        if self.process.poll() is not None:
            return None
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        except (OSError, ValueError):
            return None
        reply = json.loads(line) if line.strip() else {"error": "no reply"}
        return None if "error" in reply else reply

    def close(self) -> None:
        """End the worker (it exits at the end of its input)."""
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def shared_worker() -> GxWorker:
    """This process's worker, started on first use (and again if it died)."""
    global _shared
    with _shared_lock:
        if _shared is None or _shared.process.poll() is not None:
            _shared = GxWorker()
        return _shared


def validate_here(
    db: Path,
    specs: list[SuiteSpec],
    docs_dir: Path | None,
    keep_runs: int,
    lock_timeout_s: float | None = None,
) -> tuple[list[SuiteResult], str | None]:
    """What the worker does, in this process."""
    from pipeline.quality.docs import build_data_docs
    from pipeline.quality.validate import validate_suite
    from pipeline.warehouse.connection import connection

    with connection(Path(db), read_only=True, timeout_s=lock_timeout_s) as con:
        results = [validate_suite(con, spec) for spec in specs]
    docs_error = None
    if docs_dir is not None:
        try:
            build_data_docs(results, Path(docs_dir), keep_runs=keep_runs)
        except Exception as exc:  # docs are a convenience, never a reason to fail a check
            docs_error = f"{type(exc).__name__}: {exc}"
    return results, docs_error


def serve() -> None:
    """The worker: import GX, then answer one JSON line per request until stdin ends."""
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # whatever GX prints goes to stderr, never into the replies
    from pipeline.quality.validate import warm_up

    warm_up()
    for line in sys.stdin:
        try:
            request = json.loads(line)
            specs = [load_suite(Path(p)) for p in request["suites"]]
            results, docs_error = validate_here(
                Path(request["db"]),
                specs,
                request["docs_dir"],
                request["keep_runs"],
                request.get("lock_timeout_s"),
            )
            reply = {"results": [r.to_dict() for r in results], "docs_error": docs_error}
        except Exception as exc:  # the caller validates itself
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


if __name__ == "__main__":
    serve()
    sys.stderr.flush()
    os._exit(0)  # no teardown of GX's modules (~1 s): the run's output pipes close now
