"""Lake mode where no service runs: a query without its catalog ends in one line, and the lake
tests skip, naming what is missing, before they build anything (tests/lake/ needs Debian's
postgresql and redis-server; `make test-lake` runs it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def test_a_query_without_the_catalog_ends_in_one_line(tmp_path):
    from pipeline.scaleout.services import free_port

    dsn = f"dbname=lake host=127.0.0.1 port={free_port()} user=postgres"  # nothing listens
    env = {
        **os.environ,
        "NEWSCLAIMS_LAKE": f"ducklake:postgres:{dsn}",
        "NEWSCLAIMS_LAKE_RETRIES": "1",
    }
    env["NEWSCLAIMS_LAKE_DATA"] = str(tmp_path / "data")
    newsclaims = os.path.join(os.path.dirname(sys.executable), "newsclaims")
    out = subprocess.run(
        [newsclaims, "query", "SELECT count(*) FROM fct_claims"], env=env, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 2, out.stderr[-2000:]
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in out.stderr, out.stderr[-2000:]
    assert lines[0].startswith("newsclaims: error: attaching the lake failed after 2 tries")


def test_the_lake_tests_skip_naming_what_is_missing(tmp_path):
    env = {
        **os.environ,
        "NEWSCLAIMS_PG_BIN_DIR": str(tmp_path),  # no PostgreSQL binaries there
        "PATH": str(Path(sys.executable).parent),  # nor redis-server
    }
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "-m", "lake",
         "tests/lake"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout[-3000:]
    summary = out.stdout.strip().splitlines()[-1]
    assert " skipped" in summary and "passed" not in summary and "failed" not in summary, summary
    assert "lake tests need postgresql and redis-server (Debian packages)" in out.stdout


def test_the_local_cluster_runs_as_many_runs_at_once_as_it_has_workers(tmp_path):
    """More runs in progress than workers wait in Celery's queue, where run monitoring fails
    them after its start timeout (3 of 8 partition runs failed so with 1 worker)."""
    import yaml

    from pipeline.scaleout.cluster import INSTANCE_YAML, write_instance_yaml

    write_instance_yaml(tmp_path / "dagster.yaml", workers=5)
    written = yaml.safe_load((tmp_path / "dagster.yaml").read_text())
    assert written["run_queue"]["max_concurrent_runs"] == 5
    template = yaml.safe_load(INSTANCE_YAML.read_text())
    template["run_queue"]["max_concurrent_runs"] = 5
    assert written == template  # everything else as deploy/local/dagster.yaml says
