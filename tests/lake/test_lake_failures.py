"""Failure in lake mode: a worker killed mid-partition leaves the lake consistent and the
partition re-runnable; a re-run replaces exactly its rows; two runs of one partition never
both commit; a lost catalog connection is retried, then fails in one line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from ..conftest import ROOT
from .conftest import need_services

pytestmark = pytest.mark.slow

ROWS = """
    SELECT 'claims', count(*), count(DISTINCT claim_id), bit_xor(hash(claim_id, content)) FROM raw.claims
    UNION ALL SELECT 'mentions', count(*), count(DISTINCT mention_id), bit_xor(hash(mention_id)) FROM raw.entity_mentions
    UNION ALL SELECT 'targets', count(*), count(DISTINCT (claim_id, start_char, role)), bit_xor(hash(claim_id, start_char)) FROM raw.claim_targets
    UNION ALL SELECT 'extractions', count(*), count(DISTINCT article_id), 0 FROM raw.article_extractions
    ORDER BY 1
"""  # noqa: E501


def _rerun(lake, keys: list[str], timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline.scaleout.runs",
            "extract",
            *keys,
            "--folder",
            str(lake.folder),
        ],
        env=lake.run_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _partitions(lake) -> list[str]:
    return json.loads((lake.folder / "last-demo.json").read_text())["partitions"]


def test_a_rerun_replaces_exactly_its_rows(lake_run):
    before = lake_run.query(ROWS)
    assert all(total == distinct for _, total, distinct, _ in before), before
    out = _rerun(lake_run, _partitions(lake_run)[:2])
    assert out.returncode == 0, (out.stdout + out.stderr)[-3000:]
    assert lake_run.query(ROWS) == before  # same rows: none lost, none doubled


def test_two_runs_of_one_partition_never_both_commit(lake_run):
    from pipeline.lake.guard import PartitionBusyError, partition_guard

    key = _partitions(lake_run)[0]
    before = lake_run.query(ROWS)
    with partition_guard(lake_run.config(), [key]):  # a run holding the partition
        code = (
            "import sys\n"
            "from pipeline.common import settings\n"
            "from pipeline.lake.config import lake_config\n"
            "from pipeline.lake.connect import lake_connection\n"
            "from pipeline.scaleout.extract import extract_partitions\n"
            "from pipeline.extract import Extractor\n"
            "cfg = lake_config(settings.current())\n"
            "with lake_connection(cfg) as con:\n"
            f"    extract_partitions(con, cfg, Extractor(), [{key!r}], chunk_size=50,"
            " log=lambda *a: None, shards=settings.current().lake_shards)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], env=lake_run.run_env(), cwd=ROOT,
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    assert out.returncode != 0
    assert PartitionBusyError.__name__ in out.stderr and f"partition {key}" in out.stderr
    assert lake_run.query(ROWS) == before
    with partition_guard(lake_run.config(), [key]):
        pass  # released with its holder: the partition can be taken again


def _worker_running(folder, key: str, seen: dict[str, int]) -> str | None:
    """The log of the worker that started extracting `key` since `seen` (sizes)."""
    for log in sorted(folder.glob("worker-*.log")):
        text = log.read_bytes()[seen.get(log.name, 0) :].decode(errors="replace")
        if f"partition(s) {key}" in text:
            return log.name
    return None


def test_a_worker_killed_mid_partition_leaves_the_lake_consistent(lake_run):
    from pipeline.lake.guard import partition_guard
    from pipeline.scaleout import cluster

    key = max(_partitions(lake_run), key=lambda k: k)  # any partition holding articles
    before = lake_run.query(ROWS)
    seen = {log.name: log.stat().st_size for log in lake_run.folder.glob("worker-*.log")}
    args = [sys.executable, "-m", "pipeline.scaleout.runs", "extract", key]
    rerun = subprocess.Popen(
        [*args, "--folder", str(lake_run.folder)], env=lake_run.run_env(), cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 300
    while (log := _worker_running(lake_run.folder, key, seen)) is None:
        assert time.monotonic() < deadline, "no worker started the partition"
        time.sleep(0.05)
    state = json.loads((lake_run.folder / "cluster.json").read_text())
    number = int(log.removeprefix("worker-").removesuffix(".log"))
    victim = state["pids"][number]  # pids: the daemon, then the workers in order
    os.killpg(victim, signal.SIGKILL)  # mid-partition: after its articles were read
    rerun.kill()
    rerun.wait()
    assert lake_run.query(ROWS) == before  # nothing half-committed, nothing lost
    with partition_guard(lake_run.config(), [key]):
        pass  # the killed worker's claim on the partition went with it
    replacement = cluster.start_workers(lake_run.folder, lake_run.env, 1, first=len(state["pids"]))
    state["pids"][number] = replacement[0]
    (lake_run.folder / "cluster.json").write_text(json.dumps(state))
    out = _rerun(lake_run, [key])  # the dead run is marked failed, the partition runs again
    assert out.returncode == 0, (out.stdout + out.stderr)[-3000:]
    assert "marked failed" in out.stdout
    assert lake_run.query(ROWS) == before


def test_a_lost_catalog_is_retried_then_fails_in_one_line(lake_tmp):
    need_services("postgresql")
    from pipeline.lake.config import LakeConfig
    from pipeline.lake.connect import LakeUnavailableError, open_lake
    from pipeline.scaleout.services import free_port, start_postgres

    folder = lake_tmp
    port = free_port()
    server = start_postgres(folder, port=port, databases=("lake",))
    cfg = LakeConfig(
        f"ducklake:postgres:{server.dsn('lake')}", str(folder / "data") + "/", retries=4
    )
    open_lake(cfg).close()  # creates the catalog
    server.stop()
    try:
        started = time.monotonic()
        with pytest.raises(LakeUnavailableError) as failed:
            open_lake(cfg)
        assert time.monotonic() - started >= 0.5 + 1 + 2 + 4  # backed off between the tries
        message = str(failed.value)
        assert "\n" not in message and "after 5 tries" in message and server.dsn("lake") in message

        # the catalog comes back while the retries go on: the connection succeeds
        threading.Timer(1.0, lambda: start_postgres(folder, port=port)).start()
        con = open_lake(cfg)
        assert con.execute("SELECT current_database()").fetchone()[0] == "lake"
        con.close()
    finally:
        server.stop()
