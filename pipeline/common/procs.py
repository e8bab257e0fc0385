"""Process identity and clean-up helpers (Linux /proc, with a portable fallback).

Example::

    me = this_process()                       # {"pid": "42", "host": ..., "pid_start": ...}
    process_is_alive(42, int(me["pid_start"]))  # True while this very process runs
"""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

_PROC = Path("/proc")


def process_start_ticks(pid: int) -> int | None:
    """When a process started (clock ticks since boot), None when it is gone.

    Together with the pid it identifies a process even after the pid is reused; 0 where
    /proc is missing (then only existence is checked).
    """
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        if (_PROC / "self" / "stat").exists():
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return 0
    return int(stat[stat.rindex(")") + 2 :].split()[19])


def this_process() -> dict[str, str]:
    """Identity of the current process: pid, host and start time."""
    return {
        "pid": str(os.getpid()),
        "host": socket.gethostname(),
        "pid_start": str(process_start_ticks(os.getpid()) or 0),
    }


def process_is_alive(pid: int, start_ticks: int | None = None) -> bool:
    """True when process `pid` exists and (if given) started at `start_ticks`."""
    ticks = process_start_ticks(pid)
    if ticks is None:
        return False
    return not start_ticks or not ticks or ticks == start_ticks


def descendants(pid: int) -> list[int]:
    """Every live descendant of `pid` (children first), from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in _PROC.glob("[0-9]*/stat"):
        try:
            stat = entry.read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        parents.setdefault(ppid, []).append(int(entry.parent.name))
    found: list[int] = []
    todo = [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found.extend(kids)
        todo.extend(kids)
    return found


def kill_descendants(pid: int | None = None) -> int:
    """SIGKILL every descendant of `pid` (default: this process); returns how many."""
    killed = 0
    for child in descendants(os.getpid() if pid is None else pid):
        try:
            os.kill(child, signal.SIGKILL)
            killed += 1
        except ProcessLookupError:
            pass
    return killed
