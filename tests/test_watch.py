"""`newsclaims run --watch`: one warm process runs the pipeline again when an article arrives,
does not repeat a run whose inputs did not change, and stops on Ctrl-C or a code change."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.common.settings import Settings
from pipeline.run.stamp import RunStamp
from pipeline.run.watch import CODE_CHANGED, Watcher

from .conftest import FIXTURE_ARTICLES, ROOT, SEEDS


class _Lines:
    """A process's stdout+stderr read on a thread, so a test can wait for a line."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self._thread.start()

    def _read(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, count: int, timeout_s: float, proc: subprocess.Popen) -> None:
        deadline = time.monotonic() + timeout_s
        while sum(text in line for line in self.lines) < count:
            assert proc.poll() is None, "\n".join(self.lines[-40:])
            assert time.monotonic() < deadline, "\n".join(self.lines[-40:])
            time.sleep(0.5)


def _articles(warehouse: Path) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("SELECT count(*) FROM marts.dim_articles").fetchone()[0]


@pytest.mark.slow
def test_watching_runs_again_when_an_article_arrives_and_stops_on_ctrl_c(tmp_path: Path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    warehouse = tmp_path / "w" / "newsclaims.duckdb"
    env = {
        **os.environ,
        "NEWSCLAIMS_SEEDS": str(seeds),
        "NEWSCLAIMS_WAREHOUSE": str(warehouse),
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),  # none there: an ephemeral instance
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli.main", "run", "--watch", "--every", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    out = _Lines(proc)
    try:
        out.wait_for("newsclaims run: SUCCESS", 1, 240, proc)
        before = _articles(warehouse)
        time.sleep(3)  # three looks at an unchanged folder: no second run
        assert sum("newsclaims run: SUCCESS" in line for line in out.lines) == 1
        new = next(p for p in sorted(FIXTURE_ARTICLES.iterdir()) if p.suffix in {".txt", ".json"})
        shutil.copy(new, seeds / new.name)
        out.wait_for("newsclaims run: SUCCESS", 2, 240, proc)
        assert _articles(warehouse) == before + 1
        assert any("1 new" in line for line in out.lines)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert out.lines[-1] == "newsclaims run --watch: stopped"


def _watcher(tmp_path: Path, code: str = "") -> tuple[Watcher, list[str]]:
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    cfg = Settings.from_env(
        {
            "NEWSCLAIMS_SEEDS": str(seeds),
            "NEWSCLAIMS_WAREHOUSE": str(tmp_path / "w" / "newsclaims.duckdb"),
        }
    )
    said: list[str] = []
    watcher = Watcher(stamp=RunStamp(cfg), say=said.append)
    if code:
        watcher.code = code
    return watcher, said


def test_a_failed_run_is_not_repeated_until_its_inputs_change(tmp_path: Path):
    watcher, _ = _watcher(tmp_path)
    runs: list[str] = []

    def failing_run() -> int:
        runs.append("run")
        return 1

    assert watcher.step(failing_run) is None
    assert watcher.step(failing_run) is None  # same inputs: not run again
    assert len(runs) == 1
    (tmp_path / "seeds" / "a.txt").write_text("Title\n\nA new article arrived.", encoding="utf-8")
    assert watcher.step(failing_run) is None
    assert len(runs) == 2


def test_a_code_change_stops_watching_with_a_line_saying_restart(tmp_path: Path):
    watcher, said = _watcher(tmp_path, code="the hash of older code")
    assert watcher.step(lambda: pytest.fail("must not run old code")) == CODE_CHANGED
    assert said == ["the code changed since this process started; restart it to run the new code"]


def test_force_runs_at_the_first_look_even_when_nothing_changed(tmp_path: Path):
    watcher, _ = _watcher(tmp_path)
    published = tmp_path / "w" / "newsclaims.duckdb"
    published.parent.mkdir()
    published.write_bytes(b"a published warehouse")
    watcher.stamp.record("0123456789abcdef", checks_passed=1, checks_failed=0)
    assert watcher.stamp.unchanged() is not None  # a recorded run: nothing new
    runs: list[str] = []
    watcher.step(lambda: runs.append("run") or 0)
    assert runs == []  # unforced: the recorded run stands
    watcher.run_first = True
    watcher.step(lambda: runs.append("run") or 0)
    watcher.step(lambda: runs.append("run") or 0)
    assert runs == ["run"]  # forced once, then only on a change
