"""A warehouse written by a newer DuckDB (the 2.0 line wrote storage version 999; the lake mode
pins 1.5.5): queries end in one line, and a run sets the files aside and builds them again."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.warehouse.connection import work_path_for

from .test_run_guards import _newsclaims_run, _one_error_line

# a database file (one table, marts.fct_claims) that duckdb 2.0.1 wrote: storage version 999
NEWER_FILE = Path(__file__).parent / "fixtures" / "warehouses" / "written_by_duckdb_2.0.1.duckdb.gz"


def _written_by_newer_duckdb(path: Path) -> Path:
    """A copy of the file duckdb 2.0.1 wrote, at `path`; this DuckDB refuses to open it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(NEWER_FILE) as src, path.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    with pytest.raises(duckdb.IOException, match="newer version"):
        duckdb.connect(str(path), read_only=True)
    return path


def test_a_query_on_a_newer_format_warehouse_ends_in_one_line(tmp_path: Path):
    published = _written_by_newer_duckdb(tmp_path / "warehouse" / "newsclaims.duckdb")
    newsclaims = str(Path(sys.executable).parent / "newsclaims")
    out = subprocess.run(
        [newsclaims, "query", "SELECT 1", "--warehouse", str(published)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = _one_error_line(out)
    assert "written by a newer DuckDB" in line and "newsclaims run" in line


@pytest.mark.slow
def test_a_run_sets_newer_format_files_aside_and_rebuilds(tmp_path: Path):
    published = _written_by_newer_duckdb(tmp_path / "warehouse" / "newsclaims.duckdb")
    work = _written_by_newer_duckdb(work_path_for(published))
    out = _newsclaims_run(published)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Traceback" not in out.stderr
    said = [line for line in out.stderr.splitlines() if "written by a newer DuckDB" in line]
    assert len(said) == 2, out.stderr[-3000:]  # one line each: the work and published files
    for path in (work, published):
        assert path.with_name(path.name + ".newer-duckdb").exists()  # kept, not deleted
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM marts.fct_claims").fetchone()[0] > 0
