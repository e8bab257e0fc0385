"""`newsclaims run` stops at once when nothing changed since the last complete run."""

import os
from pathlib import Path

import pytest

from pipeline.common.settings import Settings
from pipeline.run.stamp import RunStamp
from pipeline.warehouse.connection import work_path_for


@pytest.fixture
def stamped(warehouse_env: Path, seed_dir: Path) -> RunStamp:
    """A stamp over a seeds folder and stand-in work and published files."""
    work = work_path_for(warehouse_env)
    work.parent.mkdir(parents=True)
    work.write_bytes(b"work")
    warehouse_env.write_bytes(b"published")
    stamp = RunStamp(Settings.from_env())  # warehouse_env set the warehouse and seeds
    stamp.record("0123456789abcdef", checks_passed=101, checks_failed=2)
    return stamp


def test_unchanged_after_a_run_says_what_it_checked(stamped: RunStamp):
    reason = stamped.unchanged()
    assert reason and reason.startswith("nothing new since run 01234567")
    assert "1 input files" in reason and "101 checks passed, 2 failed" in reason


def test_a_new_input_file_is_a_change(stamped: RunStamp):
    (stamped.seeds / "new.txt").write_text("Talks\n\nThe minister said talks would resume.")
    assert stamped.unchanged() is None


def test_a_touched_input_file_is_a_change(stamped: RunStamp):
    seed = next(stamped.seeds.iterdir())
    stat = seed.stat()
    os.utime(seed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert stamped.unchanged() is None


def test_a_write_to_the_work_database_is_a_change(stamped: RunStamp):
    work = work_path_for(stamped.published)
    work.write_bytes(b"work, then a run from the UI")
    assert stamped.unchanged() is None


def test_a_missing_published_warehouse_is_a_change(stamped: RunStamp):
    stamped.published.unlink()
    assert stamped.unchanged() is None


def test_other_settings_are_a_change(stamped: RunStamp, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NEWSCLAIMS_MAX_FILE_BYTES", "1000")
    assert RunStamp(Settings.from_env()).unchanged() is None


def test_where_links_point_is_not_a_change(stamped: RunStamp, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NEWSCLAIMS_DATA_DOCS_URL", "http://127.0.0.1:3001")
    assert RunStamp(Settings.from_env()).unchanged() is not None


def test_no_stamp_no_shortcut(warehouse_env: Path, seed_dir: Path):
    assert RunStamp(Settings.from_env()).unchanged() is None
