"""Read-only SQL access to the published warehouse: one-shot queries and an interactive shell.

Both open the *published* file read-only, which the pipeline only ever replaces atomically, so
a long query or an open shell never blocks a pipeline run and never sees a half-built state.
The connection can read the warehouse and nothing else: no file reads or writes (`COPY`,
`EXPORT DATABASE`, `read_text`, `ATTACH` of other files) and no way to turn that back on.
Exporting goes through `--output FILE`, written by Python.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import duckdb

from pipeline.sql_output import DEFAULT_MAX_WIDTH, Result, write_results
from pipeline.terminal import terminal_safe
from pipeline.warehouse.connection import connect, work_path_for

# Fixed when the database opens (external access cannot be turned back on); `open_readonly`
# then locks the configuration, so no statement can change a database setting.
READ_ONLY_CONFIG: dict[str, str | bool | int] = {"enable_external_access": False}
# Unqualified names find the marts first; raw.x, staging.x ... stay reachable qualified.
SEARCH_PATH = ("marts", "main")
ST = duckdb.StatementType
# Statements whose result is only a status (a `Success` or `Count` column), not rows to show.
STATUS_ONLY = {
    ST.SET, ST.VARIABLE_SET, ST.TRANSACTION, ST.PREPARE, ST.CREATE, ST.DROP, ST.ALTER,
    ST.ATTACH, ST.DETACH, ST.LOAD, ST.EXTENSION, ST.VACUUM, ST.ANALYZE, ST.CREATE_FUNC,
}  # fmt: skip
QUIT_COMMANDS = (".quit", ".exit", "\\q")
LOCKDOWN_HINT = (
    "(the SQL shell reads the warehouse and nothing else; to save results to a file use "
    "`newsclaims query ... --output FILE`)"
)


class StatementError(Exception):
    """Statement `index` (1-based) of `total` failed."""

    def __init__(self, index: int, total: int, error: duckdb.Error) -> None:
        super().__init__(str(error))
        self.index, self.total, self.error = index, total, error

    def message(self) -> str:
        where = f" (statement {self.index} of {self.total})" if self.total > 1 else ""
        return sql_error_text(self.error, where)


def sql_error_text(error: duckdb.Error, where: str = "") -> str:
    """A terminal-safe error message, with what to do instead when the lockdown refused it."""
    text = terminal_safe(f"SQL error{where}: {error}")
    if isinstance(error, duckdb.PermissionException) or "configuration has been locked" in text:
        text += f"\n{LOCKDOWN_HINT}"
    return text


def open_readonly(
    path: Path, timeout_s: float | None = None, progress_bar: bool = True
) -> duckdb.DuckDBPyConnection:
    """The analyst connection: `path` read-only, no other file reachable, marts on the path.

    `progress_bar=False` for a TUI, which DuckDB's progress bar on stdout would draw over (the
    locked configuration stops a statement from turning it off later).

    >>> con = open_readonly(Path("warehouse/newsclaims.duckdb"))  # doctest: +SKIP
    >>> con.execute("COPY (SELECT 1) TO 'x.csv'")  # doctest: +SKIP
    duckdb.PermissionException: ... file system operations are disabled by configuration
    """
    con = connect(path, read_only=True, timeout_s=timeout_s, config=READ_ONLY_CONFIG)
    try:
        _prepare_session(con, progress_bar)
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def _prepare_session(con: duckdb.DuckDBPyConnection, progress_bar: bool) -> None:
    """Session settings made before the configuration is locked."""
    if not progress_bar:
        con.execute("SET enable_progress_bar = false")
    schemas = {
        name
        for (name,) in con.execute(
            "SELECT schema_name FROM duckdb_schemas() WHERE database_name = current_database()"
        ).fetchall()
    }
    # a warehouse that has only been ingested into has no marts schema yet
    search_path = ",".join(s for s in SEARCH_PATH if s in schemas)
    con.execute(f"SET search_path = '{search_path}'")


def _missing(path: Path) -> int:
    print(
        f"newsclaims: error: no warehouse at {path}; run `make run` first "
        "(or set NEWSCLAIMS_WAREHOUSE)",
        file=sys.stderr,
    )
    return 2


def statements_of(con: duckdb.DuckDBPyConnection, sql: str) -> list[duckdb.Statement]:
    """The statements in `sql` (comments and empty statements dropped); raises on bad syntax."""
    return con.extract_statements(sql)


def run_statements(
    con: duckdb.DuckDBPyConnection, statements: list[duckdb.Statement]
) -> Iterator[Result]:
    """Run statements in order, yielding the rows of each one that returns rows.

    Stops at the first failure with a `StatementError` naming which statement failed.
    """
    for index, statement in enumerate(statements, start=1):
        try:
            cursor = con.execute(statement)
            if statement.type in STATUS_ONLY:
                cursor.fetchall()
                continue
            yield Result([d[0] for d in cursor.description], cursor.fetchall())
        except duckdb.Error as exc:
            raise StatementError(index, len(statements), exc) from None


def _guard_output(output: Path, warehouse: Path) -> None:
    """Refuse to write query results into the warehouse's folders: over the warehouse or one of
    its siblings named after it (WAL, temporary copies), into the work database's folder (the
    work database and the run lock), the Data Docs or the report site."""
    from pipeline import settings

    target = output.resolve()
    published = warehouse.resolve()
    work = work_path_for(warehouse).resolve()
    folders = [work.parent, published.parent / "data_docs"]
    if warehouse == settings.warehouse_path():
        folders.append(settings.report_dir())
    inside = any(target.is_relative_to(folder) for folder in folders)
    named = target.parent in (published.parent, work.parent) and target.name.lstrip(".").startswith(
        (published.name, work.name)
    )
    if inside or named or target == published:
        raise ValueError(
            f"--output {output} would overwrite a warehouse file or write among them (the "
            "warehouse, its work folder, Data Docs and report); name a file elsewhere"
        )


def _format_for(output: Path | None, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = output.suffix.lower() if output else ""
    return {".csv": "csv", ".json": "json"}.get(suffix, "table")


def _write_file(output: Path, results: list[Result], fmt: str, max_width: int) -> None:
    """Write results to `output` atomically: a failed write leaves any old file as it was."""
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            write_results(results, fmt, fh, max_width)
        os.replace(tmp, output)
    finally:
        tmp.unlink(missing_ok=True)


def run_query(
    sql: str,
    fmt: str | None = None,
    path: Path | None = None,
    out: TextIO | None = None,
    max_width: int = DEFAULT_MAX_WIDTH,
    output: Path | None = None,
) -> int:
    """Run every statement of `sql` on the published warehouse, read-only; 0 on success.

    Tables are printed as each statement finishes. CSV and JSON (and `output`, a file written
    by Python) are written only when every statement succeeded.
    """
    from pipeline import settings

    out = out or sys.stdout
    path = path or settings.warehouse_path()
    if not path.exists():
        return _missing(path)
    fmt = _format_for(output, fmt)
    if output is not None:
        try:
            _guard_output(output, path)
        except ValueError as exc:
            print(f"newsclaims: error: {exc}", file=sys.stderr)
            return 2
    with open_readonly(path) as con:
        try:
            statements = statements_of(con, sql)
        except duckdb.Error as exc:
            print(f"newsclaims: {sql_error_text(exc)}", file=sys.stderr)
            return 1
        if not statements:
            print(
                "newsclaims: error: no SQL statement to run (the query is empty or only "
                'comments); try: newsclaims query "SELECT * FROM fct_claims LIMIT 5"',
                file=sys.stderr,
            )
            return 2
        results: list[Result] = []
        try:
            for result in run_statements(con, statements):
                if fmt == "table" and output is None:
                    if results:
                        out.write("\n")
                    write_results([result], fmt, out, max_width)
                    out.flush()
                results.append(result)
        except StatementError as exc:
            print(f"newsclaims: {exc.message()}", file=sys.stderr)
            return 1
    if output is not None:
        _write_file(output, results, fmt, max_width)
        n_rows = sum(len(r.rows) for r in results)
        print(
            f"wrote {len(results)} result(s), {n_rows} row(s) as {fmt} to {output}", file=sys.stderr
        )
    elif fmt != "table":
        write_results(results, fmt, out, max_width)
    return 0


def _incomplete(error: duckdb.Error) -> bool:
    """A parse error that more input can fix (a string or comment still open)."""
    text = str(error).lower()
    return isinstance(error, duckdb.ParserException) and "unterminated" in text


class _LineShell:
    """A statement-per-semicolon shell for piped input (and terminals without a TUI)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, out: TextIO, max_width: int) -> None:
        self.con, self.out, self.max_width = con, out, max_width
        self.status = 0
        self.printed = False

    def run(self, sql: str, final: bool = False) -> bool:
        """Run `sql`; False when it is incomplete and more lines should be read first."""
        try:
            statements = statements_of(self.con, sql)
            for result in run_statements(self.con, statements):
                if self.printed:
                    self.out.write("\n")
                write_results([result], "table", self.out, self.max_width)
                self.printed = True
        except StatementError as exc:
            self.fail(exc.message())
        except duckdb.Error as exc:
            if _incomplete(exc) and not final:
                return False
            self.fail(sql_error_text(exc))
        return True

    def fail(self, message: str) -> None:
        self.out.write(f"error: {message}\n")
        self.status = 1


def _line_shell(path: Path, stdin: TextIO, out: TextIO, max_width: int) -> int:
    interactive = stdin.isatty()
    with open_readonly(path) as con:
        shell = _LineShell(con, out, max_width)
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
    path: Path | None = None,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
    max_width: int = DEFAULT_MAX_WIDTH,
) -> int:
    """Interactive SQL on the published warehouse, read-only.

    On a terminal this starts Harlequin (a SQL IDE for DuckDB) on the same locked-down
    connection; with piped input, or with NEWSCLAIMS_SQL_SHELL=plain, a built-in line shell runs
    the statements instead.
    """
    from pipeline import settings

    stdin, out = stdin or sys.stdin, out or sys.stdout
    path = path or settings.warehouse_path()
    if not path.exists():
        return _missing(path)
    if stdin.isatty() and settings.sql_shell() != "plain":
        from pipeline.sql_harlequin import run_harlequin

        return run_harlequin(path, open_readonly)
    return _line_shell(path, stdin, out, max_width)
