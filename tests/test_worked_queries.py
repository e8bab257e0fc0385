"""docs/queries.sql shows each worked query's output on the seed: a test runs every query on a
warehouse built from seeds/ alone and compares what it prints with what the file shows
(re-render with `uv run python docs/render_queries.py warehouse/newsclaims.duckdb`)."""

from __future__ import annotations

import difflib
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.common.paths import DBT_PROJECT_DIR
from pipeline.dbt_build.builds import dbt_vars

from .conftest import ROOT, SEED_FILE

pytestmark = pytest.mark.slow
RAW_BY_ARTICLE = ("articles", "article_extractions", "claims", "claim_targets", "entity_mentions")


@pytest.fixture(scope="module")
def seed_warehouse(pipeline_run, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's work database with only the seed article's raw rows, marts rebuilt."""
    root = tmp_path_factory.mktemp("seed_only")
    work = root / "work.duckdb"
    shutil.copy2(pipeline_run.work, work)
    with duckdb.connect(str(work)) as con:
        con.execute("DELETE FROM raw.quarantine")
        for table in RAW_BY_ARTICLE:  # fixed table names
            con.execute(
                f"DELETE FROM raw.{table} WHERE article_id NOT IN "
                "(SELECT article_id FROM raw.articles WHERE source_path = ?)",
                [SEED_FILE.name],
            )
    done = subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), "run", "--full-refresh"]
        + dbt_vars(work)  # the profile's database: this copy
        + ["--profiles-dir", str(DBT_PROJECT_DIR)],
        cwd=DBT_PROJECT_DIR,
        env={
            **os.environ,
            "DBT_TARGET_PATH": str(root / "target"),
            "DBT_LOG_PATH": str(root / "target"),
        },
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    return work


def test_worked_queries_show_their_output_on_the_seed(seed_warehouse: Path):
    spec = importlib.util.spec_from_file_location(
        "render_queries", ROOT / "docs" / "render_queries.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shown = (ROOT / "docs" / "queries.sql").read_text(encoding="utf-8")
    now = module.rendered(str(seed_warehouse))
    diff = "".join(difflib.unified_diff(shown.splitlines(True), now.splitlines(True), n=1))
    assert not diff, f"docs/queries.sql shows outputs the seed no longer gives:\n{diff}"
