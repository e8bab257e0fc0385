"""`make ui`: the Dagster UI (`dg dev`) and the GX Data Docs server, stopped together and soon.

    uv run python -m pipeline.run.ui --port 3000      # what `make ui UI_PORT=3000` runs

Each child runs in a process group of its own, so everything it starts (the webserver, the
daemon, the code server, a run in flight with its warm dbt and GX worker) can be signalled as
one. SIGTERM, SIGINT (Ctrl-C) or SIGHUP asks both to stop with SIGTERM; after `GRACE_S` seconds
their groups get SIGTERM, and whatever is left a second later is killed. Before this, SIGTERM
to `make` reached only the recipe's shell: `dg dev` and everything under it stayed up.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

GRACE_S = 2.5  # dagster dev stops its webserver, daemon and code server in about that
_STOPPING = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class _Stop(Exception):
    """A stop signal arrived."""


def _raise_stop(signum: int, frame: object) -> None:
    raise _Stop(signum)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _signal_group(pgid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def _wait_gone(children: list[subprocess.Popen], groups: list[int], seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and any(_group_alive(g) for g in groups):
        for child in children:
            child.poll()  # reap a finished leader: its zombie would keep the group alive
        time.sleep(0.1)


def stop(children: list[subprocess.Popen], grace_s: float = GRACE_S) -> None:
    """SIGTERM to each child, after `grace_s` to its whole group, a second later SIGKILL to
    what is left of the group; returns once every group is gone."""
    groups = [child.pid for child in children]  # each child leads its own group
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    _wait_gone(children, groups, grace_s)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for group in groups:
            if _group_alive(group):
                _signal_group(group, sig)
        _wait_gone(children, groups, 1.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.run.ui", description=__doc__)
    parser.add_argument("--port", type=int, default=3000, help="the Dagster UI's port")
    args = parser.parse_args(argv)
    bin_dir = Path(sys.executable).parent
    commands = [
        [sys.executable, "-m", "pipeline.quality.docs_server"],
        [str(bin_dir / "dg"), "dev", "--port", str(args.port)],
    ]
    previous = {sig: signal.signal(sig, _raise_stop) for sig in _STOPPING}
    children: list[subprocess.Popen] = []
    code = 0
    try:
        for command in commands:
            children.append(subprocess.Popen(command, process_group=0))
        while all(child.poll() is None for child in children):
            time.sleep(0.2)
        code = next(child.returncode for child in children if child.returncode is not None)
    except _Stop as stop_signal:
        print(f"make ui: stopping ({signal.Signals(stop_signal.args[0]).name})", file=sys.stderr)
    finally:
        for sig in _STOPPING:  # a second Ctrl-C must not interrupt the stop half-way
            signal.signal(sig, signal.SIG_IGN)
        stop(children)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return code


if __name__ == "__main__":
    sys.exit(main())
