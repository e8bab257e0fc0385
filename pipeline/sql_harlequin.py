"""Harlequin (the terminal SQL IDE behind `newsclaims sql`) on the locked-down connection.

Harlequin's own DuckDB adapter opens the file itself, with external access on. This adapter
hands Harlequin the connection `open_readonly` makes instead, so the IDE can read the warehouse
and nothing else: the same refusals as `newsclaims query`. Harlequin's Data Exporter still
writes the result a user exports to the file they name in its dialog (Harlequin writes it with
its own DuckDB instance, outside this connection).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
from harlequin.exception import HarlequinConnectionError
from harlequin_duckdb.adapter import DuckDbAdapter, DuckDbConnection

from pipeline.sql import open_readonly
from pipeline.warehouse.connection import WarehouseLockedError

NOTICE = (
    "Read-only: this session reads the warehouse and nothing else (no file reads or writes, "
    "no ATTACH). Tables of the marts schema need no prefix; raw tables are raw.<name>."
)


class ReadOnlyAdapter(DuckDbAdapter):
    """A Harlequin DuckDB adapter whose connection is `open_readonly(path)`.

    >>> ReadOnlyAdapter(conn_str=("warehouse/newsclaims.duckdb",)).connect()  # doctest: +SKIP
    """

    def __init__(self, conn_str: tuple[str, ...], **_: object) -> None:
        super().__init__(conn_str=conn_str, read_only=True, no_init=True)

    def connect(self) -> DuckDbConnection:
        try:
            con = open_readonly(Path(self.conn_str[0]), progress_bar=False)
        except (duckdb.Error, WarehouseLockedError) as exc:
            raise HarlequinConnectionError(
                str(exc), title="newsclaims could not open the warehouse."
            ) from exc
        return DuckDbConnection(conn=con, init_message=NOTICE)


def run_harlequin(path: Path) -> int:
    """Run the Harlequin IDE on `path` until the user quits; its exit status."""
    from harlequin import Harlequin

    adapter = ReadOnlyAdapter(conn_str=(str(path),))
    app = Harlequin(adapter=adapter, adapter_name="duckdb", connection_hash=adapter.connection_id)
    app.run()
    return app.return_code or 0
