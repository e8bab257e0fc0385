"""Dagster's SQLite instance storage commits without a disk sync per event inside its home,
and nowhere else (pipeline/run/sqlite_sync.py)."""

from __future__ import annotations

import dagster as dg
from sqlalchemy import create_engine, text

from pipeline.run.sqlite_sync import relax_instance_syncs

FULL, NORMAL = 2, 1


def _synchronous(path) -> int:
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        value = conn.execute(text("PRAGMA synchronous")).scalar()
    engine.dispose()
    return value


def test_only_files_under_the_home_are_relaxed(tmp_path):
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    (home / "history").mkdir(parents=True)
    elsewhere.mkdir()
    assert _synchronous(home / "history" / "runs.db") == FULL
    relax_instance_syncs(home)
    relax_instance_syncs(home)  # idempotent: one listener
    assert _synchronous(home / "history" / "runs.db") == NORMAL
    assert _synchronous(elsewhere / "other.db") == FULL


def test_a_run_on_a_relaxed_instance_stores_its_events(tmp_path):
    relax_instance_syncs(tmp_path)

    @dg.asset(check_specs=[dg.AssetCheckSpec("positive", asset="numbers")])
    def numbers():
        yield dg.Output([1, 2, 3])
        yield dg.AssetCheckResult(passed=True, check_name="positive")

    with dg.DagsterInstance.local_temp(str(tmp_path)) as instance:
        result = dg.materialize([numbers], instance=instance)
        assert result.success
        stored = instance.get_records_for_run(result.run_id).records
        kinds = {r.event_log_entry.dagster_event_type for r in stored}
        assert dg.DagsterEventType.ASSET_MATERIALIZATION in kinds
        assert dg.DagsterEventType.ASSET_CHECK_EVALUATION in kinds
        assert instance.get_latest_materialization_event(dg.AssetKey("numbers")) is not None
