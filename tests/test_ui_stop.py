"""`make ui` stops with all it started: SIGTERM to make (as a service manager or `kill` sends)
or Ctrl-C (SIGINT to the terminal's process group) leaves no process behind within seconds."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_ui_ports import _free_port

pytestmark = pytest.mark.slow
BOUND_S = 6.0  # the UI's own stop (≈ 2.5 s) and the group kill after it, with room for load


def _session(sid: int) -> list[str]:
    """The command lines of session `sid`'s live processes (a zombie is dead already)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            stat = (proc / "stat").read_text()
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(f"{proc.name} {command[:120]}")
    return found


def _wait_for_ui(make: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 240
    while True:
        assert make.poll() is None, "make ui ended before the UI was up (make-ui.log)"
        assert time.monotonic() < deadline, "the UI did not come up"
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2)
        except OSError:
            time.sleep(1)
            continue
        running = " ".join(_session(make.pid))  # the daemon and the code server beside it
        if "dagster._daemon" in running and "code-server" in running:
            return
        time.sleep(1)


@pytest.mark.parametrize("how", ["SIGTERM to make", "Ctrl-C to the group"])
def test_make_ui_stops_everything_it_started_within_seconds(tmp_path: Path, how: str):
    port = _free_port()
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    env = {
        **os.environ,
        "MAKEFLAGS": "",
        "NEWSCLAIMS_WAREHOUSE": str(tmp_path / "warehouse" / "newsclaims.duckdb"),
        "NEWSCLAIMS_SEEDS": str(seeds),
    }
    command = ["make", "-s", "-o", ".venv/.installed", "ui", f"UI_PORT={port}"]
    command += [f"DOCS_PORT={_free_port()}", f"DAGSTER_HOME={tmp_path / 'dagster_home'}"]
    log = (tmp_path / "make-ui.log").open("w")
    make = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own session: every process it starts can be found
    )
    try:
        _wait_for_ui(make, port)
        started = time.monotonic()
        if how == "SIGTERM to make":
            make.send_signal(signal.SIGTERM)
        else:
            os.killpg(make.pid, signal.SIGINT)
        while _session(make.pid) and time.monotonic() - started < 30:
            make.poll()
            time.sleep(0.1)
        left, took = _session(make.pid), time.monotonic() - started
        assert not left and took <= BOUND_S, f"{took:.1f} s; still running: {left}"
    finally:  # the UI's processes lead groups of their own: kill each, not make's group
        for line in _session(make.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(line.split()[0]), signal.SIGKILL)
        make.wait(timeout=30)
