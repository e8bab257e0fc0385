"""What was published is read from the files, never inferred from times: a build whose publish
failed is published by the next run, a report killed mid-build is finished by the next run,
`newsclaims ingest` never publishes models whose checks did not pass, and `--force` builds."""

import os
import shutil
import signal
import subprocess
from pathlib import Path

import duckdb
import pytest

from .conftest import ROOT
from .test_operations import (
    STEP,
    _copy_warehouse,
    _env,
    _newsclaims,
    _run,
    _run_and_stop,
    _run_in_process,
)

pytestmark = pytest.mark.slow

EXTRA = "Minister resigns\n\nThe health minister said on Monday that she would resign."


def _counts(published: Path) -> tuple[int, int]:
    """(articles stored, articles in the marts) of the published warehouse."""
    with duckdb.connect(str(published), read_only=True) as con:
        return (
            con.execute("SELECT count(*) FROM raw.articles").fetchone()[0],
            con.execute("SELECT count(*) FROM marts.dim_articles").fetchone()[0],
        )


def _with_new_article(pipeline_run, tmp_path: Path) -> tuple[Path, Path, tuple[int, int]]:
    published = _copy_warehouse(pipeline_run, tmp_path)
    before = _counts(published)
    (tmp_path / "seeds" / "extra.txt").write_text(EXTRA, "utf-8")
    return published, tmp_path / "seeds", before


def test_a_build_whose_publish_failed_is_published_by_the_next_run(
    pipeline_run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import dagster as dg

    from pipeline.run.execute import run_pipeline
    from pipeline.warehouse import connection as conn

    published, seeds, before = _with_new_article(pipeline_run, tmp_path)
    real = shutil.disk_usage
    with monkeypatch.context() as patch:  # the disk is full when the run publishes
        patch.setattr(conn.shutil, "disk_usage", lambda p: real(p)._replace(free=0))
        patch.setenv("NEWSCLAIMS_WAREHOUSE", str(published))
        patch.setenv("NEWSCLAIMS_SEEDS", str(seeds))
        assert not run_pipeline(instance=dg.DagsterInstance.ephemeral()).success
    assert _counts(published) == before
    # the published file is copied back from elsewhere: newer than the build it lacks
    copy = tmp_path / "copied.duckdb"
    shutil.copy(published, copy)
    os.replace(copy, published)
    messages = _run_in_process(published, seeds, monkeypatch)
    assert _counts(published) == (before[0] + 1, before[1] + 1)
    # published without building again
    assert any("dbt build skipped" in m and "passing it on again" in m for m in messages)


def test_ingest_never_publishes_models_whose_checks_did_not_pass(pipeline_run, tmp_path: Path):
    published, seeds, before = _with_new_article(pipeline_run, tmp_path)
    env = _env(published, seeds)
    # dbt built the new models; the run is killed before their checks finish
    _run_and_stop(env, STEP.format("gx_marts"), signal.SIGKILL)
    assert _counts(published) == before
    ingest = subprocess.run(
        [_newsclaims(), "ingest"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert ingest.returncode == 0, ingest.stderr
    assert _counts(published) == before
    assert "not published" in ingest.stderr and "newsclaims run" in ingest.stderr
    # a run checks and publishes them; --force builds them again first, and rebuilds the report
    done = _run(published, seeds, "--force")
    assert done.returncode == 0, done.stderr[-3000:]
    assert _counts(published) == (before[0] + 1, before[1] + 1)
    assert "dbt build done" in done.stderr and "report: " in done.stderr


def test_a_report_killed_mid_build_is_finished_by_the_next_run(pipeline_run, tmp_path: Path):
    published, seeds, before = _with_new_article(pipeline_run, tmp_path)
    report = published.parent / "report"
    _run_and_stop(_env(published, seeds), STEP.format("warehouse__report"), signal.SIGKILL)
    assert _counts(published)[1] == before[1] + 1  # published, then killed in the report
    after = _run(published, seeds)
    assert after.returncode == 0, after.stderr[-3000:]
    index = report / "index.html"
    assert index.is_file() and f"{before[1] + 1} articles" in index.read_text("utf-8")
    assert all(p.read_text("utf-8").rstrip().endswith("</html>") for p in report.rglob("*.html"))
    from pipeline.dbt_build.builds import build_id_of
    from pipeline.report.site import site_is_current

    assert site_is_current(report, build_id_of(published))
