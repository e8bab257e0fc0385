"""One writer run at a time per warehouse: an OS file lock held for a whole run.

The lock is `flock` on a file next to the work database, so the kernel releases it when the
holder exits for any reason (SIGKILL, power loss of the process, a crash): a dead run never
blocks the next one. The file also records who holds it, so a waiting run can say what it
waits for. No Dagster here.

Example::

    with run_lock(work_db, {"run_id": "abc"}, timeout_s=60, on_wait=print):
        ...  # ingest, extract, build, publish
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.procs import this_process
from pipeline.warehouse.connection import WarehouseLockedError

POLL_S = 0.5  # how often a waiting run retries; it sleeps in between (no busy wait)


def lock_path_for(work: Path) -> Path:
    """The run-lock file of a work database."""
    return work.with_name(f"{work.name}.run.lock")


def describe_holder(holder: dict | None) -> str:
    """'run 1a2b3c4d (pid 42, since 17:01:02)' from a lock file's record."""
    if not holder:
        return "another run"
    run = str(holder.get("run_id") or "?")[:8]
    since = holder.get("since", "")
    return f"run {run} (pid {holder.get('pid', '?')}{', since ' + since if since else ''})"


class RunLock:
    """The run lock of one work database."""

    def __init__(self, work: Path) -> None:
        self.path = lock_path_for(work)
        self._fd: int | None = None

    def holder(self) -> dict | None:
        """Who holds (or last held) the lock, as recorded in the lock file."""
        try:
            return json.loads(self.path.read_text() or "null")
        except (OSError, ValueError):
            return None

    def try_acquire(self, owner: dict) -> bool:
        """Take the lock if it is free and record `owner` in it; never blocks."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        record = {**owner, **this_process(), "since": time.strftime("%H:%M:%S")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(record).encode(), 0)
        self._fd = fd
        return True

    def acquire(
        self,
        owner: dict,
        timeout_s: float,
        on_wait: Callable[[str], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        """Wait (sleeping, at most `timeout_s`) for the lock; say once what it waits for.

        `should_stop` is polled while waiting: when it turns true the wait ends with
        KeyboardInterrupt (a stop request never waits out the timeout).
        """
        deadline = time.monotonic() + timeout_s
        told = False
        while not self.try_acquire(owner):
            if should_stop is not None and should_stop():
                raise KeyboardInterrupt("stopped while waiting for the warehouse")
            holder = describe_holder(self.holder())
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WarehouseLockedError(
                    f"the warehouse is being written by {holder}; gave up after "
                    f"{timeout_s:.0f} s (NEWSCLAIMS_LOCK_TIMEOUT_S). Wait for that run to "
                    "finish, or stop it, then run again."
                )
            if not told and on_wait is not None:
                on_wait(
                    f"waiting for {holder} to finish writing the warehouse "
                    f"(up to {timeout_s:.0f} s, NEWSCLAIMS_LOCK_TIMEOUT_S)"
                )
                told = True
            time.sleep(min(POLL_S, remaining))

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


@contextmanager
def run_lock(
    work: Path,
    owner: dict,
    timeout_s: float,
    on_wait: Callable[[str], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Iterator[RunLock]:
    """Hold the run lock of `work` for the duration of the block."""
    lock = RunLock(work)
    lock.acquire(owner, timeout_s, on_wait, should_stop)
    try:
        yield lock
    finally:
        lock.release()
