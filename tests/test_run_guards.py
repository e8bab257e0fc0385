"""Guards around a run: problems met before it starts end in one line (exit 2), and the run lock
cannot be swapped under its holder (nor written over by `newsclaims query -o`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.warehouse.connection import work_path_for
from pipeline.warehouse.runlock import RunLock

from .test_lifecycle import hold_run_lock

# --- problems a run meets before it starts: one line, exit 2 ---------------------------------


def _newsclaims_run(published: Path, *prefix: str, **extra: str) -> subprocess.CompletedProcess:
    import os
    import shutil

    from .conftest import ROOT, SEEDS

    seeds = published.parent.parent / "seeds"
    if not seeds.exists():
        shutil.copytree(SEEDS, seeds)
    env = {
        **os.environ,
        "NEWSCLAIMS_WAREHOUSE": str(published),
        "NEWSCLAIMS_SEEDS": str(seeds),
        "DAGSTER_HOME": "",
        **extra,
    }
    newsclaims = str(Path(sys.executable).parent / "newsclaims")
    return subprocess.run(
        [*prefix, newsclaims, "run"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def _one_error_line(out: subprocess.CompletedProcess) -> str:
    assert out.returncode == 2, out.stderr[-3000:]
    assert "Traceback" not in out.stderr and "Stack Trace" not in out.stderr, out.stderr[-3000:]
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, out.stderr[-3000:]
    assert lines[0].startswith("newsclaims: error: ")
    return lines[0]


def test_a_read_only_warehouse_folder_ends_in_one_line(tmp_path: Path):
    import os
    import shutil

    prefix: list[str] = []
    if os.geteuid() == 0:  # root writes anywhere: drop the capabilities that let it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot make a folder read-only")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]
    folder = tmp_path / "w"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        line = _one_error_line(_newsclaims_run(folder / "newsclaims.duckdb", *prefix))
    finally:
        folder.chmod(0o755)
    assert f"cannot write to {folder}" in line and "writable" in line


@pytest.mark.parametrize("make", ["missing", "file", "empty"])
def test_a_bad_input_folder_ends_in_one_line_before_dagster(tmp_path: Path, make: str):
    seeds = tmp_path / "articles"
    if make == "file":
        seeds.write_text("not a folder")
    elif make == "empty":
        seeds.mkdir()
    run = _newsclaims_run(tmp_path / "w" / "newsclaims.duckdb", NEWSCLAIMS_SEEDS=str(seeds))
    line = _one_error_line(run)
    assert f"input folder {seeds}" in line and "set NEWSCLAIMS_SEEDS" in line
    assert not (tmp_path / "w").exists()  # nothing written, no Dagster run started


def test_a_held_write_lock_ends_in_one_line(tmp_path: Path):
    import duckdb

    published = tmp_path / "w" / "newsclaims.duckdb"
    work = work_path_for(published)
    work.parent.mkdir(parents=True)
    duckdb.connect(str(work)).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_DUCKDB, str(work)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        line = _one_error_line(_newsclaims_run(published, NEWSCLAIMS_LOCK_TIMEOUT_S="2"))
    finally:
        holder.kill()
        holder.wait()
    assert f"{work} is locked by" in line and f"PID {holder.pid}" in line
    assert "Close that process" in line


HOLD_DUCKDB = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(120)
"""


# --- the run lock cannot be swapped under its holder -----------------------------------------


def test_the_run_lock_survives_removal_and_replacement_of_its_path(tmp_path: Path):
    import contextlib
    import os

    from pipeline.warehouse.runlock import lock_path_for

    work = tmp_path / ".build" / "newsclaims.duckdb"
    holder = hold_run_lock(work, 60)
    try:
        path = lock_path_for(work)
        # what tidying up a lock that looks stale, or an export written over it, does
        with contextlib.suppress(OSError):
            path.unlink()
        export = tmp_path / "export.csv"
        export.write_text("n\n1\n")
        with contextlib.suppress(OSError):
            os.replace(export, path)
        assert not RunLock(work).try_acquire({"run_id": "second"})
        assert RunLock(work).holder()["run_id"] == "holder-run"
    finally:
        holder.kill()
        holder.wait()
    assert RunLock(work).try_acquire({"run_id": "after"})


def test_query_output_refuses_the_warehouse_folders(tmp_path: Path, capsys):
    import duckdb

    from pipeline.cli.main import main
    from pipeline.warehouse.runlock import lock_path_for

    published = tmp_path / "w" / "newsclaims.duckdb"
    published.parent.mkdir()
    duckdb.connect(str(published)).close()
    work = work_path_for(published)
    lock = RunLock(work)
    assert lock.try_acquire({"run_id": "r"})
    lock.release()
    targets = [
        lock_path_for(work),
        lock_path_for(work) / "holder.json",
        work.parent / "claims.csv",
        published.parent / "data_docs" / "index.html",
        published.with_name(f"{published.name}.wal"),
    ]
    for target in targets:
        status = main(["query", "SELECT 1 AS n", "--warehouse", str(published), "-o", str(target)])
        err = capsys.readouterr().err
        assert status == 2 and "would overwrite a warehouse file" in err, (target, err)
    assert RunLock(work).holder()["run_id"] == "r"
    assert lock.try_acquire({"run_id": "again"})
    lock.release()
    elsewhere = tmp_path / "claims.csv"
    assert (
        main(["query", "SELECT 1 AS n", "--warehouse", str(published), "-o", str(elsewhere)]) == 0
    )
    assert elsewhere.read_text() == "n\n1\n"
