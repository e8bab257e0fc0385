"""The warm dbt: `newsclaims-dbt` hands its command to a server that imported dbt ahead of time,
and is a plain `dbt` when there is none."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.common.paths import DBT_PROJECT_DIR
from pipeline.common.procs import process_start_ticks
from pipeline.dbt_build.warm import WarmDbt, client_executable, socket_for

CLIENT = client_executable()
pytestmark = pytest.mark.skipif(CLIENT is None, reason="newsclaims-dbt is not installed")


def _list_seeds(target: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            CLIENT,
            "--quiet",
            "ls",
            "--resource-type",
            "seed",
            "--profiles-dir",
            ".",
            "--target-path",
            target,
        ],
        cwd=DBT_PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_the_client_hands_one_command_to_the_warm_server_then_runs_dbt_itself(tmp_path: Path):
    warm = WarmDbt.start()
    try:
        env = dict(os.environ)  # nothing added: the client finds its parent's server
        assert warm.socket_path == socket_for(os.getpid()) and warm.socket_path.exists()
        served = _list_seeds(tmp_path / "served", env)
        assert served.returncode == 0, served.stdout + served.stderr
        assert "newsclaims.demonyms" in served.stdout
        # the server ran it and is gone, with its socket: the next command runs dbt itself
        assert warm.process.wait(timeout=30) == 0
        assert not warm.socket_path.exists()
        fallback = subprocess.run(
            [CLIENT, "no-such-command"], env=env, capture_output=True, text=True, timeout=120
        )
        assert (fallback.returncode, "No such command" in fallback.stderr) == (2, True)
    finally:
        warm.stop()
    assert not warm.socket_path.parent.exists()


def test_a_served_command_exits_as_dbt_did():
    warm = WarmDbt.start()
    try:
        bad = subprocess.run(
            [CLIENT, "no-such-command"], capture_output=True, text=True, timeout=120
        )
        assert warm.process.wait(timeout=30) == 2  # the server ran it...
        assert bad.returncode == 2  # ...and the client exits as dbt did
        assert "No such command" in bad.stderr
    finally:
        warm.stop()


def test_a_waiting_server_exits_when_its_run_dies():
    parent = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os; from pipeline.dbt_build.warm import WarmDbt; "
            "print(WarmDbt.start().process.pid, flush=True); os._exit(0)",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    server = int(parent.stdout)
    deadline = time.monotonic() + 30
    while _running(server) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _running(server)


def _running(pid: int) -> bool:
    if process_start_ticks(pid) is None:
        return False
    state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    return state != "Z"


def test_prestart_follows_the_setting_and_the_free_cores(monkeypatch):
    from pipeline.common.settings import Settings

    def prestart() -> bool:  # the settings as a new run builds them
        return Settings.from_env().prestart_now()

    monkeypatch.setenv("NEWSCLAIMS_PRESTART", "never")
    assert prestart() is False
    monkeypatch.setenv("NEWSCLAIMS_PRESTART", "always")
    assert prestart() is True
    monkeypatch.setenv("NEWSCLAIMS_PRESTART", "auto")
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.4, 0.4, 0.4))
    assert prestart() is True
    monkeypatch.setattr(os, "getloadavg", lambda: (1.2, 1.0, 1.0))  # the last run's share
    assert prestart() is True
    monkeypatch.setattr(os, "getloadavg", lambda: (2.3, 1.0, 1.0))  # both cores busy
    assert prestart() is False
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert prestart() is False
