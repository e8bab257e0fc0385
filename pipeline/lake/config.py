"""Lake mode's settings, made from the one `Settings` (unset NEWSCLAIMS_LAKE: embedded mode).

    NEWSCLAIMS_LAKE=ducklake:postgres:dbname=newsclaims_lake host=db.internal user=etl
    NEWSCLAIMS_LAKE_DATA=s3://news-lake/claims/        # or a local (shared) folder
    NEWSCLAIMS_LAKE_S3_ENDPOINT=127.0.0.1:9000          # an S3-compatible store (optional)

    lake = lake_config(cfg)   # None in embedded mode

Every variable is read by pipeline/common/settings.py; S3 credentials (AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_REGION) are secrets, taken from the environment where they are used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.common.settings import LAKE_PREFIX, Settings

PREFIX = LAKE_PREFIX
ALIAS = "lake"  # the attached database's name: dbt's `database`, the queries' current database


@dataclass(frozen=True)
class LakeConfig:
    """Where the lake's catalog and data live."""

    catalog: str  # "ducklake:postgres:dbname=… host=…"
    data_path: str  # a folder or s3://bucket/prefix/
    s3_endpoint: str | None = None
    retries: int = 3  # application-level retries of a commit or a lost catalog connection
    s3_credentials: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def on_s3(self) -> bool:
        return self.data_path.startswith("s3://")

    @property
    def dsn(self) -> str:
        """The libpq part of the catalog (`dbname=… host=…`)."""
        return self.catalog[len(PREFIX) :]


def lake_config(cfg: Settings) -> LakeConfig | None:
    """The lake's settings in `cfg`, or None in embedded mode (NEWSCLAIMS_LAKE unset).

    >>> lake_config(settings.load({})) is None  # doctest: +SKIP
    True
    """
    if not cfg.lake_catalog:
        return None
    data = cfg.lake_data or str(cfg.warehouse_path.parent / "lake_data")
    if not data.startswith("s3://"):
        data = str(Path(data).resolve())
    if not data.endswith("/"):
        data += "/"
    secrets = cfg.with_secrets()
    creds = {"key_id": secrets.s3_key_id, "secret": secrets.s3_secret, "region": cfg.s3_region}
    return LakeConfig(
        catalog=cfg.lake_catalog,
        data_path=data,
        s3_endpoint=cfg.lake_s3_endpoint,
        retries=cfg.lake_retries,
        s3_credentials={k: v for k, v in creds.items() if v},
    )


_HANDED_ON = ("NEWSCLAIMS_LAKE", "NEWSCLAIMS_LAKE_S3_ENDPOINT", "NEWSCLAIMS_LAKE_RETRIES")
_HANDED_ON += ("AWS_REGION",)


def lake_environment(cfg: Settings) -> dict[str, str]:
    """The variables that make `lake_config(cfg)` again (the data path resolved, no secrets):
    how a resource holds the lake. Empty in embedded mode.

    >>> lake_config(Settings.from_env(lake_environment(cfg))) == lake_config(cfg)  # doctest: +SKIP
    True
    """
    lake = lake_config(cfg)
    if lake is None:
        return {}
    handed = {k: v for k, v in cfg.as_environment().items() if k in _HANDED_ON}
    return handed | {"NEWSCLAIMS_LAKE_DATA": lake.data_path}
