"""What dbt's `lake` target reads (dbt_project/profiles.yml), as dbt vars: the pipeline passes
them with the work database (`--vars {"work_db": ..., "lake": ...}`, pipeline/dbt_build), so
no variable is written for a dbt subprocess to find. Secrets are not vars (a command line is
visible to every user of the machine): the profile reads the S3 keys from dbt's environment,
which holds them as the pipeline's does::

    >>> lake_dbt_vars(LakeConfig("ducklake:postgres:dbname=l", "/srv/lake/"))["lake_data"]
    '/srv/lake/'
"""

from __future__ import annotations

import duckdb

from pipeline.lake.config import LakeConfig
from pipeline.lake.connect import extension_dir, load_extensions


def lake_dbt_vars(cfg: LakeConfig | None) -> dict:
    """The vars the profile's lake target reads (empty in embedded mode: the `dev` target)."""
    if cfg is None:
        return {}
    secrets: list[dict] = []
    if cfg.on_s3 and cfg.s3_endpoint:
        # the keys themselves: read by the profile from dbt's environment (never in its argv)
        secrets.append(
            {"type": "s3", "endpoint": cfg.s3_endpoint, "url_style": "path", "use_ssl": False}
            | {"keys_from_env": True}
        )
    elif cfg.on_s3:
        secrets.append({"type": "s3", "provider": "credential_chain"})
    return {
        "lake": cfg.catalog,
        "lake_data": cfg.data_path,
        "duckdb_extensions": str(extension_dir()),
        "lake_secrets": secrets,
    }


def install_extensions() -> None:
    """Install the lake's extensions from the wheels before dbt runs (dbt would download them)."""
    con = duckdb.connect()
    try:
        load_extensions(con)
    finally:
        con.close()
