"""Progress of a long loop: rate and time left, as a one-line bar on a terminal and as text;
and `Ticker`, a status line for any step (dbt, checks) that runs longer than a few seconds.

progress = Progress(total=840, unit="articles")
for item in items:
    ...
    progress.update()
log(progress.describe())   # "840/840 articles, 8.9 articles/s, done in 94 s"
progress.close()
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    return (
        f"{minutes} min {seconds:02d} s"
        if minutes < 60
        else f"{minutes // 60} h {minutes % 60:02d} min"
    )


class Progress:
    """Counts done items; draws a bar on `stream` when it is a terminal and the loop is long."""

    def __init__(
        self,
        total: int,
        unit: str = "items",
        stream: TextIO | None = None,
        min_total: int = 20,
        interval_s: float = 0.25,
    ) -> None:
        self.total = total
        self.unit = unit
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.perf_counter()
        self.interval_s = interval_s
        self._drawn_at = 0.0
        isatty = getattr(self.stream, "isatty", lambda: False)
        self.draws = total >= min_total and isatty()

    @property
    def rate(self) -> float:
        """Items per second so far."""
        elapsed = time.perf_counter() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def eta_s(self) -> float | None:
        """Seconds left at the current rate (None before the first item)."""
        return (self.total - self.done) / self.rate if self.rate else None

    def describe(self) -> str:
        """`120/840 articles, 8.9 articles/s, about 1 min 21 s left`."""
        text = f"{self.done}/{self.total} {self.unit}"
        if self.done:
            text += f", {self.rate:.1f} {self.unit}/s"
            eta = self.eta_s()
            if self.done >= self.total:
                text += f", done in {_duration(time.perf_counter() - self.started)}"
            elif eta is not None:
                text += f", about {_duration(eta)} left"
        return text

    def update(self, n: int = 1) -> None:
        self.done += n
        now = time.perf_counter()
        if self.draws and (now - self._drawn_at >= self.interval_s or self.done >= self.total):
            self._drawn_at = now
            width = 24
            filled = width * self.done // max(self.total, 1)
            bar = "#" * filled + "." * (width - filled)
            self.stream.write(f"\r\x1b[K[{bar}] {self.describe()}")
            self.stream.flush()

    def clear(self) -> None:
        """Remove the bar so a log line can be printed in its place."""
        if self.draws:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def close(self) -> None:
        self.clear()


class Ticker:
    """While a step runs, redraws `label: 12 s (status)` every `interval_s` on a terminal once
    it has run `after_s`; nothing when the stream is not a terminal (logs, the UI's runs)::

        with Ticker("dbt build"):
            build()
        with Ticker("extracting", status=progress.describe):
            ...

    The line ends with a carriage return, so a log line printed meanwhile writes over it.
    """

    def __init__(
        self,
        label: str,
        status: Callable[[], str] | None = None,
        stream: TextIO | None = None,
        after_s: float = 2.0,
        interval_s: float = 0.5,
    ) -> None:
        self.label, self.status = label, status
        self.stream = stream if stream is not None else sys.stderr
        self.after_s, self.interval_s = after_s, interval_s
        self.draws = getattr(self.stream, "isatty", lambda: False)()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ticker", daemon=True)
        self._drawn = False
        self.started = time.perf_counter()

    def __enter__(self) -> Ticker:
        self.started = time.perf_counter()
        if self.draws:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.draws:
            self._stop.set()
            self._thread.join()
            if self._drawn:
                self.stream.write("\r\x1b[K")
                self.stream.flush()

    def line(self) -> str:
        """`dbt build: 12 s` and the status, if any."""
        elapsed = _duration(time.perf_counter() - self.started)
        status = self.status() if self.status else ""
        return f"{self.label}: {elapsed}" + (f" ({status})" if status else "")

    def _run(self) -> None:
        if self._stop.wait(self.after_s):
            return
        while True:
            self.stream.write(f"\r\x1b[K{self.line()}\r")
            self.stream.flush()
            self._drawn = True
            if self._stop.wait(self.interval_s):
                return
