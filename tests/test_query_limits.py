"""The SQL shell's bounds: a statement timeout, a memory limit, at most so many rows printed
(all of them streamed into --output), and Ctrl-C stopping a running statement, each ending
with one line. Every case runs `newsclaims query` as a process, as an analyst does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

BILLION_ROWS = "SELECT * FROM range(1000000000)"
# about 10^11 row pairs to join: minutes of work, and no row until it is done
SLOW_COUNT = "SELECT count(*) FROM range(100000) a, range(1000000) b WHERE a.range + b.range < 0"
# Runs the CLI in a process that reports its own peak memory (VmHWM, KB: ru_maxrss would keep
# the peak of the forked test process it was exec'd from) on the last line;
# its address space is capped at 3 GB, so a shell that fetched every row fails fast instead of
# taking the machine's memory.
MEASURED_CLI = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
from pipeline.cli.main import main
code = main(sys.argv[1:])
sys.stdout.flush()
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(f"maxrss_kb={peak.split()[1]}", file=sys.stderr)
sys.exit(code)
"""


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "newsclaims.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE SCHEMA marts")
        con.execute("CREATE TABLE marts.fct_claims AS SELECT 1 AS claim_id")
    return path


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", **extra}


def _query(warehouse: Path, *args: str, **env: str) -> tuple[subprocess.CompletedProcess, int]:
    """Run `newsclaims query` on `warehouse`: (the process, its peak memory in MB)."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURED_CLI, "query", *args, "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(**env),
        timeout=120,
    )
    *lines, measured = done.stderr.rstrip("\n").split("\n")
    done.stderr = "\n".join(lines)
    return done, int(measured.removeprefix("maxrss_kb=")) // 1024


def test_a_billion_row_result_prints_its_first_rows_in_bounded_memory(warehouse: Path):
    table, table_mb = _query(warehouse, BILLION_ROWS, NEWSCLAIMS_QUERY_MAX_ROWS="1000")
    assert table.returncode == 0, table.stderr
    assert table.stdout.rstrip().endswith(
        "(1000 rows; the query returned more: narrow it with "
        "WHERE or LIMIT, or write all rows with --output FILE "
        "(NEWSCLAIMS_QUERY_MAX_ROWS))"
    )
    as_csv, csv_mb = _query(warehouse, BILLION_ROWS, "--csv", NEWSCLAIMS_QUERY_MAX_ROWS="1000")
    assert as_csv.returncode == 0
    assert as_csv.stdout.split() == ["range", *map(str, range(1000))]
    assert as_csv.stderr.startswith("newsclaims: result 1: the first 1000 rows; the query")
    assert len(as_csv.stderr.splitlines()) == 1
    assert max(table_mb, csv_mb) < 400


def test_a_statement_past_its_timeout_stops_with_one_line(warehouse: Path, tmp_path: Path):
    out = tmp_path / "all.csv"
    started = time.monotonic()
    streamed, mb = _query(
        warehouse, BILLION_ROWS, "--output", str(out), NEWSCLAIMS_QUERY_TIMEOUT_S="3"
    )
    slow, _ = _query(warehouse, SLOW_COUNT, NEWSCLAIMS_QUERY_TIMEOUT_S="2")
    assert time.monotonic() - started < 60
    for done in (streamed, slow):
        assert done.returncode == 1
        assert done.stderr.startswith("newsclaims: query stopped after ")
        assert "NEWSCLAIMS_QUERY_TIMEOUT_S" in done.stderr and len(done.stderr.splitlines()) == 1
    assert not out.exists() and list(tmp_path.glob(".all.csv*")) == []  # no half-written file
    assert mb < 400  # rows went to the file as they came, never all into Python


def test_a_query_over_the_memory_limit_fails_with_one_line(warehouse: Path):
    done, mb = _query(
        warehouse, "SELECT list(range) FROM range(200000000)", NEWSCLAIMS_QUERY_MEMORY="200MB"
    )
    assert done.returncode == 1
    assert done.stderr.startswith("newsclaims: SQL error: Out of Memory Error")
    assert len(done.stderr.splitlines()) == 1
    assert mb < 600


def test_ctrl_c_stops_a_running_statement_at_once(warehouse: Path):
    exe = Path(sys.executable).parent / "newsclaims"
    proc = subprocess.Popen(
        [str(exe), "query", SLOW_COUNT, "--warehouse", str(warehouse)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=_env(),
    )
    try:
        time.sleep(4)  # started, and deep inside the join
        assert proc.poll() is None
        proc.send_signal(signal.SIGINT)
        sent = time.monotonic()
        _, err = proc.communicate(timeout=30)
        assert time.monotonic() - sent < 5
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert err == "newsclaims: query interrupted (Ctrl-C)\n"


def test_harlequin_stops_a_result_at_the_timeout(warehouse: Path, monkeypatch):
    pytest.importorskip("harlequin")
    from harlequin.exception import HarlequinQueryError

    from pipeline.common.settings import Settings
    from pipeline.sql.access import open_readonly
    from pipeline.sql.harlequin import ReadOnlyAdapter

    monkeypatch.setenv("NEWSCLAIMS_QUERY_TIMEOUT_S", "1")
    timeout_s = Settings.from_env().query_timeout_s
    connection = ReadOnlyAdapter((str(warehouse),), open_readonly, timeout_s).connect()
    cursor = connection.execute(SLOW_COUNT)
    started = time.monotonic()
    with pytest.raises(HarlequinQueryError, match="query stopped after 1 s"):
        cursor.fetchall()
    assert time.monotonic() - started < 10
    assert connection.execute("SELECT 42 AS a").fetchall().to_pylist() == [{"a": 42}]
