"""Paths and names are quoted wherever they reach SQL: a warehouse folder named with quotes,
spaces and non-ASCII letters builds and publishes like any other."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from pipeline.warehouse.sql_text import sql_identifier, sql_string

from .conftest import ROOT, SEED_FILE
from .test_operations import _env, _newsclaims

pytestmark = pytest.mark.slow

AWKWARD_FOLDER = 'it\'s a "quoted" Zürich folder'


def test_quoted_literals_round_trip_through_duckdb():
    con = duckdb.connect()
    for value in ("it's", 'say "no"', "a'';DROP TABLE x;--", "Zürich ✓"):
        assert con.execute(f"SELECT {sql_string(value)}").fetchone() == (value,)
        assert con.execute(f"SELECT 1 AS {sql_identifier(value)}").description[0][0] == value


def test_a_full_run_publishes_into_a_folder_named_with_quotes_and_non_ascii(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED_FILE, seeds / 'it\'s "one" ü.txt')
    published = tmp_path / AWKWARD_FOLDER / 'news\'claims "ü".duckdb'
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text((ROOT / "dagster.yaml").read_text())
    run = subprocess.run(
        [_newsclaims(), "run"],
        env=_env(published, seeds, DAGSTER_HOME=str(home)),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    with duckdb.connect(str(published), read_only=True) as con:
        articles = con.execute("SELECT source_path FROM marts.dim_articles").fetchall()
        claims = con.execute("SELECT count(*) FROM marts.fct_claims").fetchone()[0]
    assert articles == [('it\'s "one" ü.txt',)] and claims > 0
    query = subprocess.run(
        [_newsclaims(), "query", "SELECT count(*) AS n FROM dim_articles", "--csv"],
        env=_env(published, seeds),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert query.returncode == 0 and query.stdout.split() == ["n", "1"], query.stderr
