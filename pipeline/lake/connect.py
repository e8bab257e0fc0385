"""Connections to the lake: the extensions from their wheels (never downloaded), the catalog
attached as `lake` and made the current database, so `raw.claims` means the lake's table.

    with lake_connection(lake_config(cfg)) as con:
        con.execute("SELECT count(*) FROM raw.claims")

A catalog that cannot be reached is retried (NEWSCLAIMS_LAKE_RETRIES, with backoff), then
fails with LakeUnavailableError: one line naming the catalog and the fix.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from pipeline.lake.config import ALIAS, LakeConfig
from pipeline.warehouse.sql_text import sql_string

T = TypeVar("T")
EXTENSIONS = ("ducklake", "postgres_scanner", "httpfs")
# DuckLake retries its own commit conflicts this many times (its default, 10, ran out with
# many writers: duckdb/ducklake#1283); the application retries the rest (`with_retries`)
MAX_RETRY_COUNT = 100
# errors worth another try: the catalog or the network went away, or a commit lost a race
_TRANSIENT = re.compile(
    r"unable to connect|could not connect|connection refused|server closed|"
    r"connection.*(lost|reset|closed)|terminating connection|SSL SYSCALL|"
    r"conflict|retry|timed? ?out",
    re.IGNORECASE,
)


class LakeUnavailableError(RuntimeError):
    """The lake's catalog could not be reached (or a commit kept failing) after the retries."""


def extension_dir() -> Path:
    """Where DuckDB finds the lake's extensions, installed from the wheels of this environment
    (`duckdb-extension-*`), beside the interpreter so a different DuckDB never meets them."""
    return Path(sys.prefix) / "share" / "newsclaims" / "duckdb-extensions"


def load_extensions(con: duckdb.DuckDBPyConnection) -> None:
    """Install (once, from the wheels: no network) and load the lake's extensions."""
    import duckdb_extensions

    con.execute(f"SET extension_directory = {sql_string(extension_dir())}")
    for name in EXTENSIONS:
        try:
            con.execute(f"LOAD {name}")
        except duckdb.Error:
            duckdb_extensions.import_extension(name, con=con)
            con.execute(f"LOAD {name}")


def _s3_secret(con: duckdb.DuckDBPyConnection, cfg: LakeConfig) -> None:
    if not cfg.on_s3:
        return
    parts = ["TYPE s3", "PROVIDER credential_chain"]
    if cfg.s3_endpoint:
        creds = [f"{k.upper()} {sql_string(v)}" for k, v in cfg.s3_credentials.items()]
        parts = ["TYPE s3", "PROVIDER config", *creds]
        parts += [f"ENDPOINT {sql_string(cfg.s3_endpoint)}", "URL_STYLE 'path'", "USE_SSL false"]
    con.execute(f"CREATE OR REPLACE SECRET newsclaims_lake_s3 ({', '.join(parts)})")


def attach(
    con: duckdb.DuckDBPyConnection, cfg: LakeConfig, read_only: bool = False, alias: str = ALIAS
) -> None:
    """Attach the lake as `alias` (default `lake`) and make it the current database."""
    load_extensions(con)
    _s3_secret(con, cfg)
    options = [f"DATA_PATH {sql_string(cfg.data_path)}"] + (["READ_ONLY"] if read_only else [])
    con.execute(f"ATTACH {sql_string(cfg.catalog)} AS {alias} ({', '.join(options)})")
    con.execute(f"USE {alias}")
    if not read_only:
        con.execute(f"SET ducklake_max_retry_count = {MAX_RETRY_COUNT}")


def with_retries(action: Callable[[], T], cfg: LakeConfig, what: str) -> T:
    """`action()`, tried again with backoff while its error looks transient (the catalog went
    away, a commit lost a race), `cfg.retries` times; then LakeUnavailableError in one line."""
    wait = 0.5
    for attempt in range(cfg.retries + 1):
        try:
            return action()
        except duckdb.Error as exc:
            first = " ".join(str(exc).split())[:300]
            if not _TRANSIENT.search(str(exc)):
                raise
            if attempt == cfg.retries:
                raise LakeUnavailableError(
                    f"{what} failed after {cfg.retries + 1} tries: {first}. Check that the lake's "
                    f"catalog ({cfg.dsn}) is up and reachable, then run again."
                ) from None
            time.sleep(wait)
            wait = min(wait * 2, 8.0)
    raise AssertionError("unreachable")


def open_lake(cfg: LakeConfig, read_only: bool = False, config: dict | None = None):
    """A new in-memory DuckDB with the lake attached (retried as `with_retries` says)."""

    def opened() -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(config=config or {})
        try:
            attach(con, cfg, read_only=read_only)
        except BaseException:
            con.close()
            raise
        return con

    return with_retries(opened, cfg, "attaching the lake")


@contextmanager
def lake_connection(
    cfg: LakeConfig, read_only: bool = False
) -> Iterator[duckdb.DuckDBPyConnection]:
    """`open_lake` as a context manager that always closes."""
    con = open_lake(cfg, read_only=read_only)
    try:
        yield con
    finally:
        con.close()
