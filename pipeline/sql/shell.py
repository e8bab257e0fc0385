"""The interactive SQL shell: Harlequin on a terminal, a line shell for piped input.

Both run on the locked read-only connection of `pipeline.sql.access`, so the shell can read the
warehouse and nothing else. Example: `echo "SELECT count(*) FROM fct_claims;" | newsclaims sql`.
"""

from __future__ import annotations

import sys
from typing import TextIO

import duckdb

from pipeline.common.settings import Settings
from pipeline.lake.config import lake_config
from pipeline.lake.query import present
from pipeline.sql.access import (
    StatementError,
    missing_warehouse,
    opener,
    run_statements,
    sql_error_text,
    statements_of,
)
from pipeline.sql.limits import QueryStopped, StatementWatch
from pipeline.sql.output import DEFAULT_MAX_WIDTH, write_results

QUIT_COMMANDS = (".quit", ".exit", "\\q")


def _incomplete(error: duckdb.Error) -> bool:
    """A parse error that more input can fix (a string or comment still open)."""
    text = str(error).lower()
    return isinstance(error, duckdb.ParserException) and "unterminated" in text


class _LineShell:
    """A statement-per-semicolon shell for piped input (and terminals without a TUI)."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, out: TextIO, max_width: int, cfg: Settings
    ) -> None:
        self.con, self.out, self.max_width, self.cfg = con, out, max_width, cfg
        self.status = 0
        self.printed = False

    def run(self, sql: str, final: bool = False) -> bool:
        """Run `sql`; False when it is incomplete and more lines should be read first."""
        try:
            statements = statements_of(self.con, sql)
            with StatementWatch(self.con, self.cfg.query_timeout_s) as watch:
                for result in run_statements(self.con, statements, watch):
                    if self.printed:
                        self.out.write("\n")
                    rows = result.first(self.cfg.query_max_rows)
                    write_results([rows], "table", self.out, self.max_width)
                    self.printed = True
        except StatementError as exc:
            self.fail(exc.message())
        except QueryStopped as exc:
            self.fail(str(exc))
        except duckdb.Error as exc:
            if _incomplete(exc) and not final:
                return False
            self.fail(sql_error_text(exc))
        return True

    def fail(self, message: str) -> None:
        self.out.write(f"error: {message}\n")
        self.status = 1


def _line_shell(cfg: Settings, stdin: TextIO, out: TextIO, max_width: int) -> int:
    interactive = stdin.isatty()
    with opener(cfg)(cfg.warehouse_path) as con:
        shell = _LineShell(con, out, max_width, cfg)
        buffer: list[str] = []
        while True:
            if interactive:
                out.write("newsclaims> " if not buffer else "      ...> ")
                out.flush()
            line = stdin.readline()
            if not line:
                break
            if not buffer and line.strip() in QUIT_COMMANDS:
                break
            buffer.append(line)
            if line.rstrip().endswith(";") and shell.run("".join(buffer)):
                buffer = []
        if "".join(buffer).strip():
            shell.run("".join(buffer), final=True)
    return shell.status


def open_shell(
    cfg: Settings,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
    max_width: int = DEFAULT_MAX_WIDTH,
) -> int:
    """Interactive SQL on the settings' warehouse, read-only.

    On a terminal this starts Harlequin (a SQL IDE for DuckDB) on the same locked-down
    connection; with piped input, or with NEWSCLAIMS_SQL_SHELL=plain, a built-in line shell runs
    the statements instead.
    """
    stdin, out = stdin or sys.stdin, out or sys.stdout
    if not present(cfg.warehouse_path, lake_config(cfg)):
        return missing_warehouse(cfg.warehouse_path)
    if stdin.isatty() and cfg.sql_shell != "plain":
        from pipeline.sql.harlequin import run_harlequin

        return run_harlequin(cfg.warehouse_path, opener(cfg), cfg.query_timeout_s)
    return _line_shell(cfg, stdin, out, max_width)
