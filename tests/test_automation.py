"""The nightly schedule and the seeds-folder sensor, evaluated with Dagster's test helpers."""

import json
import os
import time
from pathlib import Path

import dagster as dg
import pytest

from pipeline.defs.automation import new_articles, nightly_reprocess
from pipeline.ingest.changes import detect_changes
from tests.conftest import sensor_context


def test_nightly_schedule_defaults():
    assert nightly_reprocess.cron_schedule == "0 2 * * *"
    assert nightly_reprocess.execution_timezone == "UTC"
    assert nightly_reprocess.default_status == dg.DefaultScheduleStatus.RUNNING
    context = dg.build_schedule_context(scheduled_execution_time=None)
    data = nightly_reprocess.evaluate_tick(context)
    assert len(data.run_requests) == 1
    assert data.run_requests[0].tags["newsclaims/trigger"] == "nightly"


def test_nightly_schedule_is_configurable(monkeypatch: pytest.MonkeyPatch):
    import importlib

    import pipeline.defs.automation as automation

    monkeypatch.setenv("NEWSCLAIMS_NIGHTLY_CRON", "30 3 * * 1-5")
    monkeypatch.setenv("NEWSCLAIMS_TIMEZONE", "Europe/Berlin")
    try:
        reloaded = importlib.reload(automation)
        assert reloaded.nightly_reprocess.cron_schedule == "30 3 * * 1-5"
        assert reloaded.nightly_reprocess.execution_timezone == "Europe/Berlin"
    finally:
        monkeypatch.undo()
        importlib.reload(automation)


def _evaluate(cursor: str | None):
    context = sensor_context(cursor=cursor)  # warehouse_env's folders
    result = new_articles(context)
    return result, context.cursor


def test_sensor_requests_one_run_per_change(warehouse_env: Path, seed_dir: Path):
    # no warehouse yet: the first tick sees every file as new
    first, cursor = _evaluate(None)
    assert isinstance(first, dg.RunRequest)
    assert first.tags["newsclaims/changed_files"] == "1"
    assert json.loads(cursor)["asked"]["state"].keys() == {"000_a81c1ecdc2e2b03d.txt"}

    again, cursor2 = _evaluate(cursor)
    assert isinstance(again, dg.SkipReason)
    # evaluated without an instance there is no run to wait for: the files count as done
    assert json.loads(cursor2)["done"] == json.loads(cursor)["asked"]["state"]

    new_file = seed_dir / "new.txt"
    new_file.write_text("Talks\n\nThe minister said talks would resume on Monday.", "utf-8")
    added, cursor3 = _evaluate(cursor2)
    assert isinstance(added, dg.RunRequest)
    assert added.run_key and added.run_key != first.run_key
    assert added.tags["newsclaims/changed_files"] == "1"

    # the same state evaluated twice (e.g. a retried tick) yields the same run key: no dup run
    replay, _ = _evaluate(cursor2)
    assert replay.run_key == added.run_key

    # a changed file is a change too
    stat = new_file.stat()
    new_file.write_text("Talks\n\nThe minister said talks would resume on Friday, not Monday.")
    os.utime(new_file, (stat.st_atime, stat.st_mtime + 5))
    changed, _ = _evaluate(cursor3)
    assert isinstance(changed, dg.RunRequest)


def test_sensor_skips_missing_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NEWSCLAIMS_SEEDS", str(tmp_path / "nope"))
    result, _ = _evaluate(None)
    assert isinstance(result, dg.SkipReason)


def test_detect_changes_ignores_hidden_files(tmp_path: Path):
    (tmp_path / "a.txt").write_text("x")
    first = detect_changes(tmp_path, None)
    (tmp_path / ".partial.txt").write_text("y")
    time.sleep(0.01)
    assert detect_changes(tmp_path, first.cursor).changed == []


def test_detect_changes_counts_a_removed_file(tmp_path: Path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.txt").write_text("y")
    first = detect_changes(tmp_path, None)
    (tmp_path / "b.txt").unlink()
    after = detect_changes(tmp_path, first.cursor)
    assert after.changed == ["b.txt"] and after.run_key
    assert detect_changes(tmp_path, after.cursor).changed == []
