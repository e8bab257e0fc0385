"""The `newsclaims` console script, run as a user runs it, on a temp folder."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def _newsclaims(*args: str, env: dict | None = None, stdin: str | None = None):
    exe = Path(sys.executable).parent / "newsclaims"
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_ingest_then_query_end_to_end(tmp_path: Path, seed_dir: Path):
    (seed_dir / "empty.txt").write_text("", encoding="utf-8")
    warehouse = tmp_path / "out" / "w.duckdb"
    first = _newsclaims("ingest", "--seeds", str(seed_dir), "--warehouse", str(warehouse))
    assert first.returncode == 0, first.stderr
    assert "1 new" in first.stdout and "1 quarantined" in first.stdout
    assert "quarantined empty.txt: empty" in first.stderr
    assert warehouse.exists()

    second = _newsclaims("ingest", "--seeds", str(seed_dir), "--warehouse", str(warehouse))
    assert second.returncode == 0
    assert second.stdout.startswith("no changes: 0 new, 1 unchanged")

    out = _newsclaims(
        "query",
        "SELECT source_path, word_count FROM raw.articles",
        "--csv",
        "--warehouse",
        str(warehouse),
    )
    assert out.returncode == 0, out.stderr
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert rows[0] == ["source_path", "word_count"]
    assert rows[1][0] == "000_a81c1ecdc2e2b03d.txt" and int(rows[1][1]) > 300

    as_json = _newsclaims(
        "query", "SELECT reason FROM raw.quarantine", "--json", "--warehouse", str(warehouse)
    )
    assert json.loads(as_json.stdout) == [{"reason": "empty"}]

    shell = _newsclaims(
        "sql", "--warehouse", str(warehouse), stdin="SELECT count(*) AS n\nFROM raw.articles;\n"
    )
    assert shell.returncode == 0 and "(1 row)" in shell.stdout


def test_query_errors_are_one_line_messages(tmp_path: Path):
    missing = _newsclaims("query", "SELECT 1", "--warehouse", str(tmp_path / "nope.duckdb"))
    assert missing.returncode == 2
    assert "no warehouse at" in missing.stderr and "Traceback" not in missing.stderr


def test_partial_run_selects_multi_asset_neighbours_and_publishes(warehouse_env: Path):
    import dagster as dg
    import duckdb

    from pipeline.common.settings import Settings
    from pipeline.run.execute import run_pipeline, summarize

    cfg = Settings.from_env()  # warehouse_env's folders
    result = run_pipeline(cfg, 'key:"raw/articles"', instance=dg.DagsterInstance.ephemeral())
    assert result.success
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    # raw/quarantine comes with raw/articles (one multi-asset); the run still publishes
    assert materialized == {"raw/articles", "raw/quarantine", "warehouse/published"}
    with duckdb.connect(str(warehouse_env), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM raw.articles").fetchone() == (1,)
    assert "newsclaims run: SUCCESS" in summarize(result, cfg)
