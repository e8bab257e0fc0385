"""The analysts' read-only connection in either mode: `newsclaims query`, `sql` and their
shells open the published file, or in lake mode the lake, attached read-only, with file access
limited to the lake's data path before external access is switched off; the report attaches
either beside its in-memory views.

    lake = lake_config(cfg)  # None in embedded mode
    con = readonly_connect(Path("warehouse/newsclaims.duckdb"), 60, {"memory_limit": "1GB"}, lake)
    attach_readonly(duckdb.connect(), Path("warehouse/newsclaims.duckdb"), "wh", lake)
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.lake.config import LakeConfig
from pipeline.warehouse.connection import connect
from pipeline.warehouse.sql_text import sql_string


def present(path: Path, lake: LakeConfig | None) -> bool:
    """Is there a warehouse to read: the published file, or (lake mode) a configured lake."""
    return lake is not None or path.exists()


def readonly_connect(
    path: Path, timeout_s: float | None, config: dict, lake: LakeConfig | None
) -> duckdb.DuckDBPyConnection:
    """`connect(path, read_only=True, config=config)`, or the lake read-only in lake mode."""
    if (cfg := lake) is None:
        return connect(path, read_only=True, timeout_s=timeout_s, config=config)
    from pipeline.lake.connect import open_lake

    locked = config.get("enable_external_access") is False
    con = open_lake(
        cfg,
        read_only=True,
        config={k: v for k, v in config.items() if k != "enable_external_access"},
    )
    if locked:  # the lake's data files stay readable, nothing else
        con.execute(f"SET allowed_directories = [{sql_string(cfg.data_path)}]")
        con.execute("SET enable_external_access = false")
    return con


def attach_readonly(
    con: duckdb.DuckDBPyConnection, path: Path, alias: str, lake: LakeConfig | None
) -> None:
    """Attach the published file read-only as `alias`, or in lake mode the lake; the current
    database stays the connection's own (in-memory) one."""
    if (cfg := lake) is None:
        con.execute(f"ATTACH {sql_string(path)} AS {alias} (READ_ONLY)")
        return
    from pipeline.lake.connect import attach, with_retries

    current = con.execute("SELECT current_database()").fetchone()[0]
    with_retries(lambda: attach(con, cfg, read_only=True, alias=alias), cfg, "attaching the lake")
    con.execute(f"USE {current}")
