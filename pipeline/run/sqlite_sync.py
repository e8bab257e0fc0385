"""Dagster's SQLite instance storage without two disk syncs for every event it stores.

The embedded instance (`DAGSTER_HOME`, SQLite) opens a new connection for every event and, for
asset and check events, a second one to its index shard; each commits with a full sync of the
write-ahead log and, being the last connection to close, checkpoints with another. A run with
one new article stores ~640 events (44 assets and 157 checks planned, evaluated, stored): about
3,500 connections, 9 ms each on a busy disk against 1.4 ms without the syncs
(docs/scaling.md, "One new article in embedded mode").

In WAL mode SQLite's `synchronous=NORMAL` keeps every committed event across a crash of the
process; only a power loss or an OS crash can roll back the last events of a run. That is the
right trade for a run log on one machine (the warehouse is a separate DuckDB file, written and
published by the run itself). Postgres instance storage (lake mode) is untouched.

    relax_instance_syncs(Path(".dagster_home"))   # once per process, before the run starts
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

_HOMES: set[Path] = set()


def relax_instance_syncs(home: Path | None) -> None:
    """Connections to SQLite files under `home` commit with `synchronous=NORMAL`.

    Idempotent; a listener on every SQLAlchemy engine of this process (SQLAlchemy's public
    event API), acting only on SQLite files inside a registered Dagster home.
    """
    if home is None:
        return
    if not _HOMES:
        event.listen(Engine, "connect", _on_connect)
    _HOMES.add(home.resolve())


def _on_connect(dbapi_connection: object, _record: object) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    rows = dbapi_connection.execute("PRAGMA database_list").fetchall()
    path = next((Path(r[2]) for r in rows if r[1] == "main" and r[2]), None)
    if path is not None and any(path.is_relative_to(home) for home in _HOMES):
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")
