"""Lake mode's settings, from the environment (unset NEWSCLAIMS_LAKE: embedded mode).

    NEWSCLAIMS_LAKE=ducklake:postgres:dbname=newsclaims_lake host=db.internal user=etl
    NEWSCLAIMS_LAKE_DATA=s3://news-lake/claims/        # or a local (shared) folder
    NEWSCLAIMS_LAKE_S3_ENDPOINT=127.0.0.1:9000          # an S3-compatible store (optional)

S3 credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (AWS_REGION optional).
Every lake-mode variable is read here (the embedded ones in pipeline/common/settings.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.common import settings

PREFIX = "ducklake:postgres:"
ALIAS = "lake"  # the attached database's name: dbt's `database`, the queries' current database


class LakeConfigError(ValueError):
    """NEWSCLAIMS_LAKE is set to something lake mode cannot use."""


@dataclass(frozen=True)
class LakeConfig:
    """Where the lake's catalog and data live."""

    catalog: str  # "ducklake:postgres:dbname=… host=…"
    data_path: str  # a folder or s3://bucket/prefix/
    s3_endpoint: str | None = None
    retries: int = 3  # application-level retries of a commit or a lost catalog connection

    @property
    def on_s3(self) -> bool:
        return self.data_path.startswith("s3://")

    @property
    def dsn(self) -> str:
        """The libpq part of the catalog (`dbname=… host=…`)."""
        return self.catalog[len(PREFIX) :]


def lake_config() -> LakeConfig | None:
    """The lake's settings, or None in embedded mode (NEWSCLAIMS_LAKE unset or empty)."""
    catalog = os.environ.get("NEWSCLAIMS_LAKE", "").strip()
    if not catalog:
        return None
    if not catalog.startswith(PREFIX):
        raise LakeConfigError(
            f"NEWSCLAIMS_LAKE={catalog!r}: expected {PREFIX}<libpq connection string>, e.g. "
            f"'{PREFIX}dbname=newsclaims_lake host=127.0.0.1 port=5432 user=postgres'"
        )
    default = settings.warehouse_path().parent / "lake_data"
    data = os.environ.get("NEWSCLAIMS_LAKE_DATA", "").strip() or str(default)
    if not data.startswith("s3://"):
        data = str(Path(data).resolve())
    if not data.endswith("/"):
        data += "/"
    return LakeConfig(
        catalog=catalog,
        data_path=data,
        s3_endpoint=os.environ.get("NEWSCLAIMS_LAKE_S3_ENDPOINT") or None,
        retries=int(os.environ.get("NEWSCLAIMS_LAKE_RETRIES") or 3),
    )


def shard_count() -> int:
    """Shards per day (NEWSCLAIMS_LAKE_SHARDS, default 4). Fixed for the life of a lake:
    changing it moves articles between partitions (re-run every partition after a change)."""
    return max(1, int(os.environ.get("NEWSCLAIMS_LAKE_SHARDS") or 4))


def partitions_per_run() -> int:
    """Partitions one run of a UI backfill takes (NEWSCLAIMS_LAKE_PARTITIONS_PER_RUN, 4)."""
    return max(1, int(os.environ.get("NEWSCLAIMS_LAKE_PARTITIONS_PER_RUN") or 4))


def automation_on() -> bool:
    """Lake mode's nightly ingest and new-partition sensor start on (NEWSCLAIMS_LAKE_AUTOMATION)."""
    return os.environ.get("NEWSCLAIMS_LAKE_AUTOMATION", "").strip().lower() in ("1", "true", "on")


def pg_bin_dir() -> str | None:
    """Where PostgreSQL's server binaries are for the local services (NEWSCLAIMS_PG_BIN_DIR,
    e.g. /usr/pgsql-15/bin); unset: Debian's /usr/lib/postgresql/<version>/bin, then PATH."""
    return os.environ.get("NEWSCLAIMS_PG_BIN_DIR") or None


def s3_credentials() -> dict[str, str]:
    """key_id, secret and region of an S3 secret, from the usual AWS_* variables."""
    keys = {
        "key_id": "AWS_ACCESS_KEY_ID",
        "secret": "AWS_SECRET_ACCESS_KEY",
        "region": "AWS_REGION",
    }
    return {k: os.environ[v] for k, v in keys.items() if os.environ.get(v)}
