"""The lake's data path on an S3-compatible store (moto's server on loopback stands in for it):
rows written through DuckLake land as Parquet objects in the bucket and read back, also through
the read-only connection the query shell uses."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import need_services

pytestmark = pytest.mark.slow


@pytest.fixture
def s3_endpoint(monkeypatch):
    import boto3

    from pipeline.scaleout.services import free_port

    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    client = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1")
    deadline = time.monotonic() + 30
    while True:
        try:
            client.create_bucket(Bucket="lake")
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    yield f"127.0.0.1:{port}", client
    server.terminate()
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:  # a loaded machine: do not leave it running
        server.kill()
        server.wait()


@contextlib.contextmanager
def _s3_lake(lake_tmp: Path, monkeypatch, endpoint: str, prefix: str):
    """The lake's settings with a PostgreSQL catalog in `lake_tmp` and its data under
    s3://lake/`prefix`/ on the stand-in S3 at `endpoint`; the catalog stops afterwards."""
    from pipeline.common.settings import Settings
    from pipeline.lake.config import lake_config
    from pipeline.scaleout.services import start_postgres

    server = start_postgres(lake_tmp, databases=("lake",))
    try:
        monkeypatch.setenv("NEWSCLAIMS_LAKE", f"ducklake:postgres:{server.dsn('lake')}")
        monkeypatch.setenv("NEWSCLAIMS_LAKE_DATA", f"s3://lake/{prefix}/")
        monkeypatch.setenv("NEWSCLAIMS_LAKE_S3_ENDPOINT", endpoint)
        yield lake_config(Settings.from_env())
    finally:
        server.stop()


def test_the_lake_writes_and_reads_parquet_on_s3(s3_endpoint, lake_tmp, monkeypatch):
    need_services("postgresql")
    from pipeline.lake.connect import lake_connection
    from pipeline.lake.query import readonly_connect
    from pipeline.warehouse.schema import ensure_raw_schema

    endpoint, client = s3_endpoint
    with _s3_lake(lake_tmp, monkeypatch, endpoint, "data") as cfg:
        with lake_connection(cfg) as con:
            ensure_raw_schema(con)
            con.execute(  # past DuckLake's inlining of small inserts into the catalog
                "INSERT INTO raw.quarantine SELECT 'f' || i || '.txt', NULL, 'empty', 'no text', "
                "now() FROM range(5000) t(i)"
            )
        keys = [o["Key"] for o in client.list_objects_v2(Bucket="lake").get("Contents", [])]
        assert any(k.startswith("data/") and k.endswith(".parquet") for k in keys), keys
        con = readonly_connect(Path("unused"), None, {"enable_external_access": False}, cfg)
        try:
            rows = con.execute("SELECT count(*), min(path) FROM raw.quarantine").fetchall()
            assert rows == [(5000, "f0.txt")]
        finally:
            con.close()


def _dbt(argv: list[str], target: Path) -> subprocess.CompletedProcess:
    """The checkout's dbt in its project folder, with this process's environment; must pass."""
    import os

    from pipeline.common.paths import DBT_PROJECT_DIR

    done = subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), *argv],
        cwd=DBT_PROJECT_DIR,
        env={**os.environ, "DBT_TARGET_PATH": str(target)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    return done


def test_dbt_writes_to_the_s3_lake_with_keys_from_its_environment_not_its_argv(
    s3_endpoint, lake_tmp, monkeypatch
):
    """dbt loads a seed into the lake on S3 (Parquet objects in the bucket) although its
    command line, which `ps` shows every user, carries no S3 key: the profile reads them."""
    need_services("postgresql")
    import json
    import re

    from pipeline.common.paths import DBT_PROJECT_DIR
    from pipeline.dbt_build.builds import dbt_vars
    from pipeline.lake.dbt_env import install_extensions, lake_dbt_vars

    endpoint, client = s3_endpoint
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDNEWSCLAIMSPROBE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "probe-secret-not-in-argv")
    with _s3_lake(lake_tmp, monkeypatch, endpoint, "dbt") as cfg:
        argv = ["seed", "--select", "demonyms", "--profiles-dir", str(DBT_PROJECT_DIR)]
        argv += dbt_vars(lake_tmp / "unused.duckdb", lake_dbt_vars(cfg))
        assert "probe-secret" not in json.dumps(argv) and "AKIDNEWS" not in json.dumps(argv)
        install_extensions()
        done = _dbt(argv, lake_tmp / "target")
        keys = [o["Key"] for o in client.list_objects_v2(Bucket="lake").get("Contents", [])]
        assert any(k.startswith("dbt/") and k.endswith(".parquet") for k in keys), keys
        # the secret of dbt's connection holds the key id of its environment (the secret itself
        # is redacted by DuckDB)
        probe = "select count(*) as keyed from duckdb_secrets() "
        probe += "where secret_string like '%AKIDNEWSCLAIMSPROBE%'"
        argv[:3] = ["show", "--inline", probe]
        done = _dbt(argv, lake_tmp / "target")
        assert re.search(r"\|\s+1 \|", done.stdout), done.stdout[-1000:]  # keyed = 1
