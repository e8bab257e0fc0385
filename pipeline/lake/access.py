"""One opener for the pipeline's database in either mode: the embedded work file, or the lake
when the settings name one (`lake` given: then `path` is not read)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipeline.lake.config import LakeConfig
from pipeline.warehouse.connection import connection


@contextmanager
def pipeline_connection(
    path: Path,
    read_only: bool = False,
    timeout_s: float | None = None,
    lake: LakeConfig | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The work database at `path`, or the lake (current database `lake`) in lake mode."""
    if lake is None:
        with connection(path, read_only=read_only, timeout_s=timeout_s) as con:
            yield con
        return
    from pipeline.lake.connect import lake_connection

    with lake_connection(lake, read_only=read_only) as con:
        yield con
