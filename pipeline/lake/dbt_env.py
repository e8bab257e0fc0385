"""The environment dbt's `lake` target reads (dbt_project/profiles.yml), set for lake mode.

dbt runs in a subprocess (or the warm dbt process) that inherits os.environ, so the settings
are put there once, before the first build::

    >>> prepare_dbt_env(lake_config())  # doctest: +SKIP
    >>> os.environ["NEWSCLAIMS_LAKE_DATA_PATH"]  # doctest: +SKIP
    '/srv/lake/data/'
"""

from __future__ import annotations

import json
import os

import duckdb

from pipeline.lake.config import LakeConfig, s3_credentials
from pipeline.lake.connect import extension_dir, load_extensions


def dbt_env(cfg: LakeConfig) -> dict[str, str]:
    """The variables the profile's lake target reads."""
    secrets: list[dict] = []
    if cfg.on_s3 and cfg.s3_endpoint:
        secrets.append(
            {"type": "s3", "endpoint": cfg.s3_endpoint, "url_style": "path", "use_ssl": False}
            | s3_credentials()
        )
    elif cfg.on_s3:
        secrets.append({"type": "s3", "provider": "credential_chain"})
    return {
        "NEWSCLAIMS_LAKE": cfg.catalog,
        "NEWSCLAIMS_LAKE_DATA_PATH": cfg.data_path,
        "NEWSCLAIMS_DUCKDB_EXTENSIONS": str(extension_dir()),
        "NEWSCLAIMS_LAKE_DBT_SECRETS": json.dumps(secrets),
    }


def prepare_dbt_env(cfg: LakeConfig) -> None:
    """Install the extensions from the wheels (dbt would download them) and export `dbt_env`."""
    con = duckdb.connect()
    try:
        load_extensions(con)
    finally:
        con.close()
    os.environ.update(dbt_env(cfg))
