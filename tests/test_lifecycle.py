"""Run lifecycle: the run lock, stale-run clean-up, waiting without burning CPU."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest

from pipeline.common.procs import process_is_alive, process_start_ticks, this_process
from pipeline.run.lifecycle import POOL, TAG_HOST, TAG_PID, TAG_PID_START, clean_stale_runs
from pipeline.warehouse.connection import WarehouseLockedError, work_path_for
from pipeline.warehouse.runlock import RunLock
from tests.conftest import sensor_context

HOLD_RUN_LOCK = """
import sys, time
from pathlib import Path
from pipeline.warehouse.runlock import RunLock
assert RunLock(Path(sys.argv[1])).try_acquire({"run_id": "holder-run"})
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def hold_run_lock(work: Path, seconds: float) -> subprocess.Popen:
    """A separate process holding the run lock of `work` (as a running pipeline would)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_RUN_LOCK, str(work), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_run_lock_waits_asleep_names_the_holder_and_dies_with_it(tmp_path: Path):
    work = tmp_path / ".build" / "newsclaims.duckdb"
    holder = hold_run_lock(work, 60)
    try:
        said: list[str] = []
        cpu, wall = time.process_time(), time.monotonic()
        with pytest.raises(WarehouseLockedError) as err:
            RunLock(work).acquire({"run_id": "me"}, timeout_s=1.5, on_wait=said.append)
        cpu, wall = time.process_time() - cpu, time.monotonic() - wall
        assert wall >= 1.4
        assert cpu < 0.3 * wall, f"waiting burnt {cpu:.2f} s of CPU in {wall:.2f} s"
        assert len(said) == 1 and f"pid {holder.pid}" in said[0]  # one line, naming it
        assert f"pid {holder.pid}" in str(err.value)
        assert "NEWSCLAIMS_LOCK_TIMEOUT_S" in str(err.value)
    finally:
        holder.kill()
        holder.wait()
    # SIGKILL released it: the next run gets it at once
    lock = RunLock(work)
    started = time.monotonic()
    lock.acquire({"run_id": "next"}, timeout_s=5)
    assert time.monotonic() - started < 1
    assert lock.holder()["run_id"] == "next"
    lock.release()


def test_stop_request_ends_the_wait(tmp_path: Path):
    work = tmp_path / "w.duckdb"
    holder = hold_run_lock(work, 60)
    try:
        asked = iter([False, False, True])
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            RunLock(work).acquire({}, timeout_s=60, should_stop=lambda: next(asked))
        assert time.monotonic() - started < 3
    finally:
        holder.kill()
        holder.wait()


def test_process_identity_survives_pid_checks():
    me = this_process()
    assert process_is_alive(int(me["pid"]), int(me["pid_start"]))
    assert not process_is_alive(int(me["pid"]), int(me["pid_start"]) + 1)  # a reused pid
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], text=True, capture_output=True
    )
    gone = int(done.stdout)
    assert process_start_ticks(gone) is None and not process_is_alive(gone)


def _zombie_run(instance: dg.DagsterInstance, dead_pid: int, claim: bool) -> dg.DagsterRun:
    """A run left STARTED by a killed process, optionally holding a pool slot."""
    run = instance.add_run(
        dg.DagsterRun(
            job_name="__ASSET_JOB",
            status=dg.DagsterRunStatus.STARTED,
            tags={TAG_PID: str(dead_pid), TAG_HOST: this_process()["host"], TAG_PID_START: "1"},
        )
    )
    if claim:
        instance.event_log_storage.set_concurrency_slots(POOL, 1)
        assert instance.event_log_storage.claim_concurrency_slot(
            POOL, run.run_id, "extract_claims"
        ).is_claimed
    return run


def test_stale_runs_are_marked_failed_and_their_slots_freed(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], text=True, capture_output=True
    )
    dead_pid = int(done.stdout)
    with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
        zombie = _zombie_run(instance, dead_pid, claim=True)
        me = this_process()
        alive = instance.add_run(
            dg.DagsterRun(
                job_name="__ASSET_JOB",
                status=dg.DagsterRunStatus.STARTED,
                tags={TAG_PID: me["pid"], TAG_HOST: me["host"], TAG_PID_START: me["pid_start"]},
            )
        )
        lines = clean_stale_runs(instance)
        assert lines == [
            f"cleaned up run {zombie.run_id[:8]} (pid {dead_pid} is gone): marked failed, "
            f"1 {POOL} pool slot freed"
        ]
        assert instance.get_run_by_id(zombie.run_id).status == dg.DagsterRunStatus.FAILURE
        assert instance.get_run_by_id(alive.run_id).status == dg.DagsterRunStatus.STARTED
        info = instance.event_log_storage.get_concurrency_info(POOL)
        assert not info.claimed_slots
        assert clean_stale_runs(instance) == []  # nothing left to clean


def test_publish_cleans_stranded_copies_and_checks_space_first(tmp_path: Path, monkeypatch):
    import shutil

    import duckdb

    from pipeline.warehouse import connection as conn

    work = tmp_path / ".build" / "newsclaims.duckdb"
    work.parent.mkdir()
    with duckdb.connect(str(work)) as con:
        con.execute("CREATE TABLE t AS SELECT range AS i FROM range(1000)")
    published = tmp_path / "newsclaims.duckdb"
    # what a publish killed mid-copy leaves: a temp copy and its WAL, named by its dead pid
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], text=True, capture_output=True
    )
    dead = int(done.stdout)
    stranded = [
        tmp_path / f".newsclaims.duckdb.{dead}.tmp",
        tmp_path / f".newsclaims.duckdb.{dead}.tmp.wal",
    ]
    for path in stranded:
        path.write_bytes(b"x" * 100)
    conn.publish(work, published)
    assert not any(p.exists() for p in stranded)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build", "newsclaims.duckdb"]
    before = published.read_bytes()

    real = shutil.disk_usage
    monkeypatch.setattr(
        conn.shutil, "disk_usage", lambda p: real(p)._replace(free=work.stat().st_size)
    )
    with pytest.raises(conn.WarehouseSpaceError, match="not enough disk space to publish"):
        conn.publish(work, published)
    assert published.read_bytes() == before  # untouched, and no partial copy left
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build", "newsclaims.duckdb"]


def _lock_state() -> None:
    """Record whether the run lock of the configured warehouse is free during this step."""
    import os

    from pipeline.common.settings import Settings
    from pipeline.warehouse.connection import work_path_for

    work = work_path_for(Settings.from_env().warehouse_path)
    probe = RunLock(work)
    free = probe.try_acquire({"run_id": "intruder"})
    probe.release()
    with open(os.environ["LOCK_PROBE_LOG"], "a") as log:
        log.write("free\n" if free else "held\n")


@dg.asset
def lock_probe_first() -> None:
    _lock_state()


@dg.asset(deps=[lock_probe_first])
def lock_probe_second() -> None:
    _lock_state()


def lock_probe_job() -> dg.JobDefinition:
    from pipeline.run.lifecycle import one_writer_executor

    job = dg.define_asset_job("lock_probe", executor_def=one_writer_executor)
    defs = dg.Definitions(assets=[lock_probe_first, lock_probe_second], jobs=[job])
    return defs.resolve_job_def("lock_probe")


def test_every_launched_run_holds_the_run_lock_for_all_its_steps(tmp_path: Path, monkeypatch):
    """Runs launched by the UI, schedule or sensor go through the code location's executor: it
    takes the run lock before the first step and keeps it to the last, so runs never
    interleave (`newsclaims run` takes the same lock in run_pipeline)."""
    published = tmp_path / "w" / "newsclaims.duckdb"
    monkeypatch.setenv("NEWSCLAIMS_WAREHOUSE", str(published))
    monkeypatch.setenv("LOCK_PROBE_LOG", str(tmp_path / "probe.log"))
    (tmp_path / "home").mkdir()
    with dg.instance_for_test(temp_dir=str(tmp_path / "home")) as instance:
        result = dg.execute_job(dg.reconstructable(lock_probe_job), instance=instance)
        assert result.success
        tags = instance.get_run_by_id(result.run_id).tags
    assert (tmp_path / "probe.log").read_text().split() == ["held", "held"]
    assert tags[TAG_PID] == this_process()["pid"]  # so a kill of this process can be cleaned up
    assert RunLock(work_path_for(published)).try_acquire({"run_id": "after"})  # released


def test_the_sensor_cleans_up_a_dead_run_that_would_hold_the_queue(tmp_path: Path, monkeypatch):
    from pipeline.defs.automation import new_articles

    monkeypatch.setenv("NEWSCLAIMS_SEEDS", str(tmp_path / "no-such-folder"))
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], text=True, capture_output=True
    )
    (tmp_path / "home").mkdir()
    with dg.instance_for_test(temp_dir=str(tmp_path / "home")) as instance:
        zombie = _zombie_run(instance, int(done.stdout), claim=False)
        new_articles(sensor_context(instance=instance))
        assert instance.get_run_by_id(zombie.run_id).status == dg.DagsterRunStatus.FAILURE
