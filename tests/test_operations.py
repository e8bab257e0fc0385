"""Operations: incremental runs, readers during runs, lock conflicts, crash safety."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.warehouse.connection import WarehouseLockedError, connect, work_path_for

from .conftest import FIXTURE_ARTICLES, ROOT

pytestmark = pytest.mark.slow

HOLD_LOCK = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "ro")
print("locked", flush=True)
time.sleep(float(sys.argv[3]))
"""


def _env(published: Path, seeds: Path, **extra: str) -> dict:
    """The environment of cron or an IDE: `newsclaims` is invoked by its path and the venv's
    bin folder is not on PATH, so the pipeline must find its own dbt."""
    venv_bin = str(Path(sys.executable).parent)
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p != venv_bin)
    return {
        **{k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"},
        "PATH": path,
        "NEWSCLAIMS_WAREHOUSE": str(published),
        "NEWSCLAIMS_SEEDS": str(seeds),
        "DAGSTER_HOME": "",
        **extra,
    }


def _newsclaims() -> str:
    return str(Path(sys.executable).parent / "newsclaims")


def _run(published: Path, seeds: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [_newsclaims(), "run", *args],
        env=_env(published, seeds, **extra),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _hold(path: Path, mode: str, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path), mode, str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc


def _many_articles(folder: Path, n: int) -> None:
    base = json.loads((FIXTURE_ARTICLES / "putin_talks.json").read_text())
    for i in range(n):
        item = dict(base, id=f"bulk-{i}", title=f"{base['title']} ({i})")
        item["text"] = base["text"].replace("Saturday", f"day {i}")
        (folder / f"bulk_{i:03d}.json").write_text(json.dumps(item), encoding="utf-8")


def _copy_warehouse(run, target: Path) -> Path:
    """A private copy of the session's seeds, published warehouse, report site and build folder
    (the work database with the records of its last dbt build and check results)."""
    import shutil

    seeds = target / "seeds"
    shutil.copytree(run.seeds, seeds)
    published = target / "w" / "newsclaims.duckdb"
    work = work_path_for(published)
    shutil.copytree(run.work.parent, work.parent)
    shutil.copy(run.published, published)
    shutil.copytree(run.published.parent / "report", published.parent / "report")
    return published


def _run_in_process(published: Path, seeds: Path, monkeypatch) -> list[str]:
    """One whole pipeline run in this process; returns the run's log messages."""
    import dagster as dg

    from pipeline.run.execute import run_pipeline

    monkeypatch.setenv("NEWSCLAIMS_WAREHOUSE", str(published))
    monkeypatch.setenv("NEWSCLAIMS_SEEDS", str(seeds))
    instance = dg.DagsterInstance.ephemeral()
    result = run_pipeline(instance=instance)
    assert result.success
    return [entry.user_message for entry in instance.all_logs(result.run_id)]


def test_incremental_runs_and_a_reader_holding_the_warehouse(
    pipeline_run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A second run with nothing new does no NLP; one new file costs one article; a read-only
    session open across both runs is never disturbed and keeps reading its snapshot."""
    published = _copy_warehouse(pipeline_run, tmp_path)
    seeds = tmp_path / "seeds"
    with duckdb.connect(str(published), read_only=True) as con:
        before = con.execute("SELECT count(*) FROM raw.articles").fetchone()[0]
    reader = _hold(published, "ro", 300)
    try:
        published_before = published.stat().st_mtime_ns
        second = _run_in_process(published, seeds, monkeypatch)
        assert any(m.startswith("0 articles to extract") for m in second)
        assert any(m.startswith("no changes:") for m in second)
        # nothing new: no dbt build, no GX validation, nothing to publish
        assert any(
            m.startswith("dbt build skipped: raw tables and dbt project unchanged") for m in second
        )
        assert published.stat().st_mtime_ns == published_before

        (seeds / "extra.txt").write_text(
            "Minister resigns\n\nThe health minister said on Monday that she would resign.",
            "utf-8",
        )
        third = _run_in_process(published, seeds, monkeypatch)
        assert any(m.startswith("1 articles to extract") for m in third)
        assert any(m.startswith("dbt build done") for m in third)
        assert reader.poll() is None  # still alive, never blocked the runs
    finally:
        reader.kill()
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM raw.articles").fetchone()[0] == before + 1
        assert con.execute(
            "SELECT n_claims > 0 FROM marts.dim_articles WHERE source_path = 'extra.txt'"
        ).fetchone() == (True,)


def test_lock_conflict_is_retried_then_named(tmp_path: Path):
    db = tmp_path / "locked.duckdb"
    duckdb.connect(str(db)).close()
    holder = _hold(db, "rw", 60)
    try:
        started = time.monotonic()
        with pytest.raises(WarehouseLockedError) as err:
            connect(db, timeout_s=1.0)
        assert time.monotonic() - started >= 0.9  # it retried before giving up
        assert f"PID {holder.pid}" in str(err.value)
        out = subprocess.run(
            [_newsclaims(), "query", "SELECT 1", "--warehouse", str(db)],
            capture_output=True,
            text=True,
            env={**os.environ, "NEWSCLAIMS_LOCK_TIMEOUT_S": "1"},
        )
        assert out.returncode == 2
        assert "is locked by" in out.stderr and "Traceback" not in out.stderr
    finally:
        holder.kill()
    # once the holder is gone, the same call succeeds
    connect(db, timeout_s=5).close()


def _published_counts(published: Path) -> tuple[int, int]:
    with duckdb.connect(str(published), read_only=True) as con:
        return (
            con.execute("SELECT count(*) FROM raw.articles").fetchone()[0],
            con.execute("SELECT count(*) FROM marts.fct_claims").fetchone()[0],
        )


def _run_and_stop(env: dict, marker: str, sig: int, *args: str) -> str:
    """Start `newsclaims run`, send `sig` when `marker` shows in its log; returns the log."""
    proc = subprocess.Popen(
        [_newsclaims(), "run", "--log-level", "DEBUG", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    log: list[str] = []
    try:
        for line in proc.stdout:
            log.append(line)
            if marker in line:
                if sig == signal.SIGKILL:
                    os.killpg(proc.pid, sig)  # the process and all its children, at once
                else:
                    os.kill(proc.pid, sig)  # as `timeout` or systemd would: the process only
                    stopped_at = time.monotonic()
                    proc.wait(timeout=30)
                    assert time.monotonic() - stopped_at < 10, "did not stop within seconds"
                break
        log.extend(proc.stdout)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == (-sig if sig == signal.SIGKILL else 128 + sig), (
        f"never reached {marker!r}: {''.join(log[-20:])}"
    )
    if sig != signal.SIGKILL:
        assert _live_in_group(proc.pid) == [], "a dbt or spaCy worker was left behind"
    return "".join(log)


def _live_in_group(pgid: int) -> list[int]:
    """Processes of a process group that still run (zombies nobody reaped do not count)."""
    live = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            live.append(int(stat.parent.name))
    return live


STEP = 'Started execution of step "{}"'


def _stand_in_warehouse(published: Path) -> None:
    """A published file users query, with no work database behind it yet (so the test needs no
    session pipeline run and can go to the other xdist worker)."""
    published.parent.mkdir(parents=True)
    with duckdb.connect(str(published)) as con:
        con.execute("CREATE SCHEMA raw")
        con.execute("CREATE SCHEMA marts")
        con.execute("CREATE TABLE raw.articles AS SELECT range AS article_id FROM range(3)")
        con.execute("CREATE TABLE marts.fct_claims AS SELECT range AS claim_id FROM range(5)")


def test_killed_runs_never_block_the_next_one(tmp_path: Path):
    """SIGKILL during ingest, extraction, dbt, checks and publish, then SIGTERM during dbt, all
    on one persistent Dagster instance: each next run cleans up the dead one and goes on, the
    published warehouse is never touched by a killed run, and the last run completes."""
    published = tmp_path / "w" / "newsclaims.duckdb"
    _stand_in_warehouse(published)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text((ROOT / "dagster.yaml").read_text())
    env = _env(published, seeds, DAGSTER_HOME=str(home), NEWSCLAIMS_EXTRACT_CHUNK="2")
    before = _published_counts(published)
    _many_articles(seeds, 6)

    kills = [
        (STEP.format("ingest_articles"), ()),
        ("extracted 2/", ()),  # between two extraction chunks
        ("Running dbt command", ()),
        (STEP.format("gx_ingest"), ("--select", "raw/articles")),
        (STEP.format("warehouse__published"), ("--select", "warehouse/published")),
    ]
    logs = []
    for marker, args in kills:
        logs.append(_run_and_stop(env, marker, signal.SIGKILL, *args))
        assert _published_counts(published) == before
    # every run after a kill said what it cleaned up, in one line
    for log in logs[1:]:
        assert "newsclaims run: cleaned up run" in log and "marked failed" in log

    stopped = _run_and_stop(env, "Running dbt command", signal.SIGTERM)
    assert "newsclaims run: cleaned up run" in stopped
    assert "newsclaims run: stopped by SIGTERM (run " in stopped, stopped[-3000:]
    assert _published_counts(published) == before

    resumed = _run(published, seeds, DAGSTER_HOME=str(home), NEWSCLAIMS_EXTRACT_CHUNK="2")
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    # the stopped runs had committed every extraction chunk: nothing is redone
    assert "0 articles to extract" in resumed.stderr
    articles, claims = _published_counts(published)
    assert articles == 6 and claims > 6  # the six articles, and nothing of the stand-in
    import dagster as dg

    with dg.DagsterInstance.from_config(str(home)) as instance:
        unfinished = instance.get_run_records(
            dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING])
        )
        assert unfinished == []
        assert not instance.event_log_storage.get_concurrency_info("duckdb").claimed_slots
    assert sorted(p.name for p in published.parent.iterdir() if p.name.startswith(".")) == [
        ".build"
    ]


def test_newsclaims_run_honours_the_lock_timeout_and_names_the_holder(tmp_path: Path):
    from .conftest import SEED_FILE
    from .test_lifecycle import hold_run_lock

    published = tmp_path / "w" / "newsclaims.duckdb"
    seeds = tmp_path / "seeds"  # a folder with an article: an empty one stops before the lock
    seeds.mkdir()
    (seeds / SEED_FILE.name).write_bytes(SEED_FILE.read_bytes())
    holder = hold_run_lock(work_path_for(published), 120)
    try:
        started = time.monotonic()
        out = _run(published, seeds, NEWSCLAIMS_LOCK_TIMEOUT_S="2")
        assert time.monotonic() - started < 60
    finally:
        holder.kill()
        holder.wait()
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert f"waiting for run holder-r (pid {holder.pid}" in lines[0]
    assert lines[-1].startswith("newsclaims: error: the warehouse is being written by run")
    assert f"pid {holder.pid}" in lines[-1] and "gave up after 2 s" in lines[-1]
