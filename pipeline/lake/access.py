"""One opener for the pipeline's database in either mode: the embedded work file, or the lake
when NEWSCLAIMS_LAKE is set (then `path` is not read)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipeline.lake.config import lake_config
from pipeline.warehouse.connection import connection


@contextmanager
def pipeline_connection(
    path: Path, read_only: bool = False, timeout_s: float | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The work database at `path`, or the lake (current database `lake`) in lake mode."""
    cfg = lake_config()
    if cfg is None:
        with connection(path, read_only=read_only, timeout_s=timeout_s) as con:
            yield con
        return
    from pipeline.lake.connect import lake_connection

    with lake_connection(cfg, read_only=read_only) as con:
        yield con
