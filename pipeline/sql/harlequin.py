"""Harlequin (the terminal SQL IDE behind `newsclaims sql`) on the locked-down connection.

Harlequin's own DuckDB adapter opens the file itself, with external access on. This adapter
hands Harlequin the connection `pipeline.sql.access.open_readonly` makes instead (passed in by
`newsclaims sql`: this module does not import the one that imports it), so the IDE can read
the warehouse and nothing else: the same refusals as `newsclaims query`. Harlequin's Data
Exporter still writes the result a user exports to the file they name in its dialog (Harlequin
writes it with its own DuckDB instance, outside this connection). A result is fetched within
NEWSCLAIMS_QUERY_TIMEOUT_S and NEWSCLAIMS_QUERY_MEMORY, like `newsclaims query`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
from harlequin.exception import HarlequinConnectionError, HarlequinQueryError
from harlequin_duckdb.adapter import DuckDbAdapter, DuckDbConnection, DuckDbCursor

from pipeline.sql.limits import StatementWatch
from pipeline.warehouse.connection import WarehouseLockedError

# opens a warehouse for the analyst: `pipeline.sql.access.open_readonly`
Opener = Callable[..., duckdb.DuckDBPyConnection]

NOTICE = (
    "Read-only: this session reads the warehouse and nothing else (no file reads or writes, "
    "no ATTACH). Tables of the marts schema need no prefix; raw tables are raw.<name>."
)


class _TimedCursor(DuckDbCursor):
    """A result Harlequin fetches within NEWSCLAIMS_QUERY_TIMEOUT_S (it cancels on its own key)."""

    def fetchall(self) -> object:
        with StatementWatch(self.conn.conn, self.conn.timeout_s) as watch:
            watch.arm()
            result = super().fetchall()  # None when interrupted
        if stopped := watch.stopped():
            raise HarlequinQueryError(msg=str(stopped), title="newsclaims stopped the query.")
        return result


class _TimedConnection(DuckDbConnection):
    timeout_s: float = 0.0  # set by the adapter: its statement timeout

    def execute(self, query: str) -> DuckDbCursor | None:
        cursor = super().execute(query)
        return None if cursor is None else _TimedCursor(conn=self, relation=cursor.relation)


class ReadOnlyAdapter(DuckDbAdapter):
    """A Harlequin DuckDB adapter whose connection is `open_readonly(path)`, each result
    fetched within `timeout_s` (NEWSCLAIMS_QUERY_TIMEOUT_S; 0: no limit).

    >>> ReadOnlyAdapter(("warehouse/n.duckdb",), open_readonly, 300).connect()  # doctest: +SKIP
    """

    def __init__(
        self, conn_str: tuple[str, ...], open_readonly: Opener, timeout_s: float, **_: object
    ) -> None:
        super().__init__(conn_str=conn_str, read_only=True, no_init=True)
        self.open_readonly = open_readonly
        self.timeout_s = timeout_s

    def connect(self) -> DuckDbConnection:
        try:
            con = self.open_readonly(Path(self.conn_str[0]), progress_bar=False)
        except (duckdb.Error, WarehouseLockedError) as exc:
            raise HarlequinConnectionError(
                str(exc), title="newsclaims could not open the warehouse."
            ) from exc
        timed = _TimedConnection(conn=con, init_message=NOTICE)
        timed.timeout_s = self.timeout_s
        return timed


def run_harlequin(path: Path, open_readonly: Opener, timeout_s: float) -> int:
    """Run the Harlequin IDE on `path` (opened by `open_readonly`, statements stopped after
    `timeout_s`) until the user quits; its exit status."""
    from harlequin import Harlequin

    adapter = ReadOnlyAdapter((str(path),), open_readonly, timeout_s)
    app = Harlequin(adapter=adapter, adapter_name="duckdb", connection_hash=adapter.connection_id)
    app.run()
    return app.return_code or 0
