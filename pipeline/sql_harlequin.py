"""Harlequin (the terminal SQL IDE behind `newsclaims sql`) on the locked-down connection.

Harlequin's own DuckDB adapter opens the file itself, with external access on. This adapter
hands Harlequin the connection `pipeline.sql.open_readonly` makes instead (passed in by
`newsclaims sql`: this module does not import the one that imports it), so the IDE can read
the warehouse and nothing else: the same refusals as `newsclaims query`. Harlequin's Data
Exporter still writes the result a user exports to the file they name in its dialog (Harlequin
writes it with its own DuckDB instance, outside this connection).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
from harlequin.exception import HarlequinConnectionError
from harlequin_duckdb.adapter import DuckDbAdapter, DuckDbConnection

from pipeline.warehouse.connection import WarehouseLockedError

# opens a warehouse for the analyst: `pipeline.sql.open_readonly`
Opener = Callable[..., duckdb.DuckDBPyConnection]

NOTICE = (
    "Read-only: this session reads the warehouse and nothing else (no file reads or writes, "
    "no ATTACH). Tables of the marts schema need no prefix; raw tables are raw.<name>."
)


class ReadOnlyAdapter(DuckDbAdapter):
    """A Harlequin DuckDB adapter whose connection is `open_readonly(path)`.

    >>> ReadOnlyAdapter(("warehouse/newsclaims.duckdb",), open_readonly).connect()  # doctest: +SKIP
    """

    def __init__(self, conn_str: tuple[str, ...], open_readonly: Opener, **_: object) -> None:
        super().__init__(conn_str=conn_str, read_only=True, no_init=True)
        self.open_readonly = open_readonly

    def connect(self) -> DuckDbConnection:
        try:
            con = self.open_readonly(Path(self.conn_str[0]), progress_bar=False)
        except (duckdb.Error, WarehouseLockedError) as exc:
            raise HarlequinConnectionError(
                str(exc), title="newsclaims could not open the warehouse."
            ) from exc
        return DuckDbConnection(conn=con, init_message=NOTICE)


def run_harlequin(path: Path, open_readonly: Opener) -> int:
    """Run the Harlequin IDE on `path` (opened by `open_readonly`) until the user quits; its
    exit status."""
    from harlequin import Harlequin

    adapter = ReadOnlyAdapter((str(path),), open_readonly)
    app = Harlequin(adapter=adapter, adapter_name="duckdb", connection_hash=adapter.connection_id)
    app.run()
    return app.return_code or 0
