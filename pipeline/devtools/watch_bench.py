"""The warm path of the operations benchmark: one new article into a watching process.

`newsclaims run --watch` keeps Python, Dagster, spaCy and the GX worker loaded; an article
dropped into its folder is timed from the drop to the run's summary line. CPU seconds are
those of the watching process and everything it started (dbt, the GX worker), read from
/proc (Linux), so a long-lived child's share counts too.

    timing = Timing("one new article, watching", "-")
    time_watch(timing, clone, env, repeat=3, log=log, add=add_article)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SUCCESS = "newsclaims run: SUCCESS"
_TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # the fields after the command's name


def tree_cpu(pid: int) -> float:
    """CPU seconds of `pid`, its live descendants and the children they have reaped.

    >>> tree_cpu(os.getpid()) > 0
    True
    """
    parents: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            stats[int(entry.name)] = fields
            parents.setdefault(int(fields[1]), []).append(int(entry.name))
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        if (fields := stats.get(current)) is None:
            continue
        # utime, stime, cutime, cstime: fields 14-17 of proc(5), 11-14 after the name
        total += sum(int(x) for x in fields[11:15]) / _TICK
        todo.extend(parents.get(current, []))
    return total


class _Output:
    """The watching process's output, read on a thread; counts its summary lines."""

    def __init__(self, proc: subprocess.Popen, log: Path) -> None:
        self.successes = 0
        self.failures = 0
        self.ready = False  # it said there was nothing new, or finished its first run
        self._log = log
        threading.Thread(target=self._read, args=(proc,), daemon=True).start()

    def _read(self, proc: subprocess.Popen) -> None:
        with self._log.open("a", encoding="utf-8") as fh:
            for line in proc.stdout:
                fh.write(line)
                self.ready |= "nothing new since run" in line
                ended = line.startswith((SUCCESS, "newsclaims run: FAILURE"))
                self.ready |= ended
                self.successes += line.startswith(SUCCESS)
                self.failures += ended and not line.startswith(SUCCESS)

    def wait(self, runs: int, proc: subprocess.Popen, timeout_s: float = 600) -> bool:
        """Until `runs` runs ended (or, with `runs=0`, until the first look is done)."""
        deadline = time.monotonic() + timeout_s
        while (self.successes + self.failures < runs) if runs else not self.ready:
            if proc.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True


def time_watch(
    timing: Any,
    clone: Path,
    env: dict[str, str],
    repeat: int,
    log: Path,
    add: Callable[[Path, int], None],
) -> None:
    """Start `newsclaims run --watch` in `clone`, then `repeat` times: add an article, time it."""
    # it looks once a second: the wall time includes the wait for the next look (0.5 s mean)
    cmd = [str(clone / ".venv" / "bin" / "newsclaims"), "run", "--watch", "--every", "1"]
    with log.open("a", encoding="utf-8") as fh:
        fh.write(f"\n===== {timing.label}: {' '.join(cmd)}\n")
    proc = subprocess.Popen(
        cmd, cwd=clone, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    out = _Output(proc, log)
    try:
        if not out.wait(0, proc):
            timing.failures += 1
            return
        runs = out.successes + out.failures  # a first run when anything had changed
        for i in range(repeat):
            cpu, started = tree_cpu(proc.pid), time.perf_counter()
            add(clone / "seeds", 100 + i)
            runs += 1
            if not out.wait(runs, proc):
                timing.failures += 1
                print(f"  {timing.label}: no summary line (see {log})", file=sys.stderr)
                return
            wall = time.perf_counter() - started
            timing.wall.append(wall)
            timing.cpu.append(tree_cpu(proc.pid) - cpu)
            print(
                f"  {timing.label}: {wall:.1f} s wall, {timing.cpu[-1]:.1f} s CPU", file=sys.stderr
            )
        timing.failures += out.failures
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
