"""One writer run at a time per warehouse: an OS file lock held for a whole run.

The lock is `flock` on a folder next to the work database (`<work>.run.lock/`), so the kernel
releases it when the holder exits for any reason (SIGKILL, a crash): a dead run never blocks the
next one. A folder, not a file, because a file can be deleted or replaced (by hand, or by a
`newsclaims query -o`) while a run holds it, and the next run would lock the new file and write
alongside; a folder holding a file can be neither replaced nor removed short of `rm -r`, and
the lock is taken only when the path still names the very folder locked. `holder.json` in it
says who holds it, so a waiting run can say what it waits for. No Dagster here.

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

from pipeline.common.procs import this_process
from pipeline.warehouse.connection import WarehouseLockedError

POLL_S = 0.5  # how often a waiting run retries; it sleeps in between (no busy wait)
HOLDER = "holder.json"


def lock_path_for(work: Path) -> Path:
    """The run-lock folder of a work database."""
    return work.with_name(f"{work.name}.run.lock")


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


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

    @property
    def record(self) -> Path:
        return self.path / HOLDER

    def holder(self) -> dict | None:
        """Who holds (or last held) the lock, as recorded in the lock folder."""
        try:
            return json.loads(self.record.read_text() or "null")
        except (OSError, ValueError):
            return None

    def _open_folder(self) -> int:
        """The lock folder, opened (made first; a plain file there, a lock of an earlier
        version, is replaced by the folder)."""
        if self.path.is_file() or self.path.is_symlink():
            self.path.unlink()
        self.path.mkdir(parents=True, exist_ok=True)
        return os.open(self.path, os.O_RDONLY | os.O_DIRECTORY)

    def try_acquire(self, owner: dict) -> bool:
        """Take the lock if it is free and record `owner` in it; never blocks."""
        fd = self._open_folder()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        if not _same_file(fd, self.path):  # removed and made again between open and lock
            os.close(fd)
            return self.try_acquire(owner)
        record = {**owner, **this_process(), "since": time.strftime("%H:%M:%S")}
        tmp = self.path / f".{HOLDER}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(record))
        os.replace(tmp, self.record)
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
