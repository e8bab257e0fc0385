"""Stopping a running SQL statement: at its deadline (NEWSCLAIMS_QUERY_TIMEOUT_S) or on Ctrl-C.

DuckDB runs a statement in C++ while Python's own SIGINT handling waits for it to return, so a
watchdog thread does the stopping with `connection.interrupt()`: it wakes at the statement's
deadline, and on SIGINT through `signal.set_wakeup_fd`, which the interpreter writes to the
moment the signal arrives. The statement then fails with DuckDB's InterruptException, which
`StatementWatch.stopped()` turns into one line saying why.

Example::

    with StatementWatch(con, timeout_s=300) as watch:
        watch.arm()
        try:
            rows = con.execute(sql).fetchmany(100)
        except duckdb.Error as exc:
            raise watch.stopped() or exc
        finally:
            watch.disarm()
"""

from __future__ import annotations

import os
import select
import signal
import threading
import time

import duckdb

_POKE, _QUIT = b"\x00", b"\xff"  # our own bytes on the wakeup pipe (signal numbers are 1-64)


class QueryStopped(Exception):
    """A statement stopped at its deadline or by Ctrl-C; `exit_code` for the CLI."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class StatementWatch:
    """Interrupts the statement running on `con` past `timeout_s` (0: never) or on SIGINT.

    SIGINT is caught only while the watch is open, and only from the main thread (elsewhere,
    as in a TUI's worker thread, only the deadline applies).
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, timeout_s: float) -> None:
        self.con, self.timeout_s = con, timeout_s
        self.reason: str | None = None  # "timeout" or "interrupt" once it stopped a statement
        self._deadline: float | None = None
        self._read_fd, self._write_fd = os.pipe()
        os.set_blocking(self._write_fd, False)
        self._signals = threading.current_thread() is threading.main_thread()
        self._thread = threading.Thread(target=self._watch, name="statement-watch", daemon=True)

    def __enter__(self) -> StatementWatch:
        if self._signals:
            self._old_handler = signal.signal(signal.SIGINT, self._on_sigint)
            self._old_wakeup = signal.set_wakeup_fd(self._write_fd, warn_on_full_buffer=False)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._signals:
            signal.set_wakeup_fd(self._old_wakeup)
            signal.signal(signal.SIGINT, self._old_handler)
        self._poke(_QUIT)
        self._thread.join()
        os.close(self._read_fd)
        os.close(self._write_fd)

    def arm(self) -> None:
        """A statement starts now: it has `timeout_s` seconds."""
        if self.timeout_s > 0:
            self._deadline = time.monotonic() + self.timeout_s
            self._poke(_POKE)

    def disarm(self) -> None:
        self._deadline = None

    def stopped(self) -> QueryStopped | None:
        """Why the watch stopped the statement (None: it did not)."""
        if self.reason == "interrupt":
            return QueryStopped("query interrupted (Ctrl-C)", 130)
        if self.reason == "timeout":
            return QueryStopped(
                f"query stopped after {self.timeout_s:g} s (NEWSCLAIMS_QUERY_TIMEOUT_S); narrow "
                "it with WHERE or LIMIT, or raise the limit",
                1,
            )
        return None

    def _on_sigint(self, _signum: int, _frame: object) -> None:
        # Runs once the main thread is back in Python: the watchdog has interrupted already.
        self._stop("interrupt")

    def _stop(self, reason: str) -> None:
        self.reason = self.reason or reason
        self._deadline = None
        self.con.interrupt()

    def _poke(self, byte: bytes) -> None:
        try:
            os.write(self._write_fd, byte)
        except BlockingIOError:  # the pipe is full of pokes already: the watchdog will wake
            pass

    def _watch(self) -> None:
        while True:
            deadline = self._deadline
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            readable, _, _ = select.select([self._read_fd], [], [], wait)
            if readable:
                data = os.read(self._read_fd, 512)
                if _QUIT in data:
                    return
                if bytes([signal.SIGINT]) in data:
                    self._stop("interrupt")
            elif self._deadline is not None and time.monotonic() >= self._deadline:
                self._stop("timeout")
