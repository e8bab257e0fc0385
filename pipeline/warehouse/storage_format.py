"""Warehouse files this DuckDB cannot read: said in one line, set aside and rebuilt.

The lake mode pins DuckDB 1.5.5 (its extensions load offline only there), so a warehouse that
an install on DuckDB 2.0 wrote (storage version 999) cannot be opened any more. Opening one
raises WarehouseFormatError instead of DuckDB's IOException; a run sets such files aside
(`<name>.newer-duckdb`, kept, never deleted) and builds the warehouse again from its input
folder::

    >>> set_aside_unreadable(Path("warehouse/.build/newsclaims.duckdb"), print)  # doctest: +SKIP
    warehouse/.build/newsclaims.duckdb was written by a newer DuckDB ...: moved to ...
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

_NEWER = "created with an newer version of DuckDB"
SET_ASIDE_SUFFIX = ".newer-duckdb"


class WarehouseFormatError(RuntimeError):
    """The file was written by a DuckDB newer than the installed one."""


def format_error(path: Path, exc: duckdb.Error) -> WarehouseFormatError | None:
    """A one-line WarehouseFormatError for DuckDB's 'newer version' refusal, else None."""
    if _NEWER not in str(exc):
        return None
    return WarehouseFormatError(
        f"{path} was written by a newer DuckDB than this install's {duckdb.__version__}; "
        "`newsclaims run` sets it aside and rebuilds the warehouse from the input folder"
    )


def set_aside_unreadable(path: Path, log: Callable[[str], None]) -> Path | None:
    """Move `path` (and its WAL) to `<path>.newer-duckdb` when this DuckDB cannot read it;
    returns the new place, or None when the file is readable or absent."""
    if not path.exists():
        return None
    try:
        duckdb.connect(str(path), read_only=True).close()
        return None
    except duckdb.IOException as exc:
        if format_error(path, exc) is None:
            return None  # a lock or another problem: the caller's own open reports it
    target = path.with_name(path.name + SET_ASIDE_SUFFIX)
    path.replace(target)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        wal.replace(target.with_name(target.name + ".wal"))
    log(
        f"{path} was written by a newer DuckDB than {duckdb.__version__}: moved to "
        f"{target.name}, rebuilding from the input folder"
    )
    return target
