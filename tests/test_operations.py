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
    """A private copy of the session's seeds, published warehouse and build folder (the work
    database with the records of its last dbt build and check results)."""
    import shutil

    seeds = target / "seeds"
    shutil.copytree(run.seeds, seeds)
    published = target / "w" / "newsclaims.duckdb"
    work = work_path_for(published)
    shutil.copytree(run.work.parent, work.parent)
    shutil.copy(run.published, published)
    return published


def _run_in_process(published: Path, seeds: Path, monkeypatch) -> list[str]:
    """One whole pipeline run in this process; returns the run's log messages."""
    import dagster as dg

    from pipeline.run import run_pipeline

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


def _run_and_kill(published: Path, seeds: Path, kill_at: str) -> None:
    proc = subprocess.Popen(
        [_newsclaims(), "run"],
        # one process: the chunks of 5 would each start (and load spaCy in) worker processes
        env=_env(published, seeds, NEWSCLAIMS_EXTRACT_CHUNK="5", NEWSCLAIMS_N_PROCESS="1"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        for line in proc.stderr:
            if kill_at in line:
                os.killpg(proc.pid, signal.SIGKILL)
                break
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL, f"never reached {kill_at!r}"


def test_sigkill_during_extraction_and_dbt_leaves_published_warehouse_intact(
    pipeline_run, tmp_path: Path
):
    published = _copy_warehouse(pipeline_run, tmp_path)
    seeds = tmp_path / "seeds"
    before = _published_counts(published)
    _many_articles(seeds, 30)

    _run_and_kill(published, seeds, "extracted 5/")  # killed between two extraction chunks
    assert _published_counts(published) == before

    _run_and_kill(published, seeds, "Running dbt command")  # killed while dbt builds
    assert _published_counts(published) == before

    resumed = _run(published, seeds)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    # the run killed during dbt had committed every extraction chunk: nothing is redone
    assert "0 articles to extract" in resumed.stderr
    articles, claims = _published_counts(published)
    assert articles == before[0] + 30 and claims > before[1]
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute(
            "SELECT count(*) FROM marts.dim_articles "
            "WHERE source_path LIKE 'bulk_%' AND n_claims > 0"
        ).fetchone() == (30,)
