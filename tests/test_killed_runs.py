"""Runs whose process was killed by SIGKILL (as a UI- or sensor-launched run worker can be), on a
real Dagster instance with the project's dagster.yaml: the next run is not blocked by the pool
slot the dead run held, and the sensor asks again for the files of its killed run."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest

from pipeline.run.lifecycle import POOL
from tests.conftest import sensor_context

RUN_KEY_TAG = "dagster/run_key"  # the tag the daemon gives the run of a sensor's request

RUN_SLOT_JOB = """
import json, sys
import dagster as dg
from tests.test_killed_runs import slot_job
with dg.DagsterInstance.get() as instance:
    tags = json.loads(sys.argv[1])
    result = dg.execute_job(dg.reconstructable(slot_job), instance=instance, tags=tags)
    print("success" if result.success else "failed", flush=True)
"""


@dg.asset(pool=POOL)
def slot_holder() -> None:
    """A step in the warehouse's pool that holds its slot for SLOT_HOLD_S seconds."""
    import os

    time.sleep(float(os.environ.get("SLOT_HOLD_S", "0")))


def slot_job() -> dg.JobDefinition:
    from pipeline.run.lifecycle import one_writer_executor

    job = dg.define_asset_job("slot_job", executor_def=one_writer_executor)
    return dg.Definitions(assets=[slot_holder], jobs=[job]).resolve_job_def("slot_job")


def _instance_home(tmp_path: Path) -> tuple[Path, dict]:
    """A Dagster home with the project's dagster.yaml, and the environment of a run on it."""
    import os

    from .conftest import ROOT

    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text((ROOT / "dagster.yaml").read_text())
    # make its storage now: two processes making it at once race on its schema migration
    dg.DagsterInstance.from_config(str(home)).dispose()
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "NEWSCLAIMS_WAREHOUSE": str(tmp_path / "w" / "newsclaims.duckdb"),
        "NEWSCLAIMS_SEEDS": str(tmp_path / "seeds"),
    }
    return home, env


def _run_slot_job(env: dict, tags: dict, hold_s: float) -> subprocess.Popen:
    import json

    from .conftest import ROOT

    return subprocess.Popen(
        [sys.executable, "-c", RUN_SLOT_JOB, json.dumps(tags)],
        env={**env, "SLOT_HOLD_S": str(hold_s)},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_while_holding_the_slot(home: Path, env: dict, tags: dict) -> str:
    """Start a run in a process of its own, SIGKILL it while its step holds the pool slot, then
    mark it failed as Dagster's code server does for a run worker that died (it frees no slot).
    Returns the run id."""
    proc = _run_slot_job(env, tags, hold_s=120)
    try:
        deadline = time.monotonic() + 90
        with dg.DagsterInstance.from_config(str(home)) as instance:
            claimed = instance.event_log_storage.get_concurrency_info(POOL)
            while not claimed.claimed_slots:
                assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read()
                time.sleep(0.3)
                claimed = instance.event_log_storage.get_concurrency_info(POOL)
            run_id = claimed.claimed_slots[0].run_id
            proc.kill()
            proc.wait()
            instance.report_run_failed(instance.get_run_by_id(run_id))
            assert instance.get_run_by_id(run_id).status == dg.DagsterRunStatus.FAILURE
            assert instance.event_log_storage.get_concurrency_info(POOL).claimed_slots
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return run_id


@pytest.mark.slow
def test_a_run_killed_by_sigkill_and_marked_failed_does_not_block_the_next(tmp_path: Path):
    """The UI's run worker killed by SIGKILL: Dagster marks the run FAILURE but its `duckdb`
    pool slot stays taken; the next run frees it and goes on, saying so in one line."""
    home, env = _instance_home(tmp_path)
    killed = _kill_while_holding_the_slot(home, env, tags={})
    proc = _run_slot_job(env, tags={}, hold_s=0)
    try:
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert out.strip() == "success", err[-3000:]
    assert f"cleaned up run {killed[:8]} (FAILURE, its process gone): 1 duckdb pool slot freed" in (
        err
    )
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert not instance.event_log_storage.get_concurrency_info(POOL).claimed_slots


def test_dagster_yaml_turns_on_run_monitoring(tmp_path: Path):
    """The monitoring daemon frees the slots of ended runs (and fails runs stuck starting);
    the default launcher cannot resume a run, so monitoring must not try to."""
    home, _ = _instance_home(tmp_path)
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert instance.run_monitoring_enabled
        assert "MONITORING" in instance.get_required_daemon_types()
        settings = instance.run_monitoring_settings
        assert 0 < settings["free_slots_after_run_end_seconds"] <= 60
        assert settings["max_resume_run_attempts"] == 0


@pytest.mark.slow
def test_the_sensor_asks_again_for_the_files_of_a_killed_run(tmp_path: Path, monkeypatch):
    import shutil

    from pipeline.defs.automation import new_articles

    from .conftest import SEEDS

    home, env = _instance_home(tmp_path)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    for name in ("NEWSCLAIMS_WAREHOUSE", "NEWSCLAIMS_SEEDS"):
        monkeypatch.setenv(name, env[name])

    def tick(cursor: str | None):
        with dg.DagsterInstance.from_config(str(home)) as instance:
            context = sensor_context(instance=instance, cursor=cursor)
            return new_articles(context), context.cursor

    first, cursor = tick(None)
    assert isinstance(first, dg.RunRequest)
    # the daemon launches the request's run; its worker is killed
    _kill_while_holding_the_slot(home, env, {**first.tags, RUN_KEY_TAG: first.run_key})
    again, cursor = tick(cursor)
    assert isinstance(again, dg.RunRequest), again
    assert again.run_key != first.run_key  # a new key: Dagster launches a key only once
    assert again.tags["newsclaims/changed_files"] == "1"
    # while that run is queued the sensor waits for it; once it succeeded the files are done
    proc = _run_slot_job(env, {**again.tags, RUN_KEY_TAG: again.run_key}, hold_s=0)
    assert proc.communicate(timeout=120)[0].strip() == "success"
    done, cursor = tick(cursor)
    assert isinstance(done, dg.SkipReason) and "no new or changed files" in done.skip_message
