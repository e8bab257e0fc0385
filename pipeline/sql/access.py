"""Read-only SQL access to the published warehouse: one-shot queries (the shell: `sql.shell`).

Both open the *published* file read-only, which the pipeline only ever replaces atomically, so
a long query or an open shell never blocks a pipeline run and never sees a half-built state.
The connection can read the warehouse and nothing else: no file reads or writes (`COPY`,
`EXPORT DATABASE`, `read_text`, `ATTACH` of other files) and no way to turn that back on.
Exporting goes through `--output FILE`, written by Python.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import duckdb

from pipeline.common.settings import Settings, default
from pipeline.lake.config import LakeConfig, lake_config
from pipeline.lake.query import present, readonly_connect
from pipeline.sql.limits import QueryStopped, StatementWatch
from pipeline.sql.output import (
    DEFAULT_MAX_WIDTH,
    MORE_ROWS,
    Result,
    StreamedResult,
    stream_results,
    write_results,
)
from pipeline.sql.terminal import terminal_safe
from pipeline.warehouse.connection import work_path_for

# Fixed when the database opens (external access cannot be turned back on; `open_readonly` adds
# the memory limit), then the configuration is locked: no statement can change a setting.
READ_ONLY_CONFIG: dict[str, str | bool | int] = {"enable_external_access": False}
# Unqualified names find the marts first; raw.x, staging.x ... stay reachable qualified.
SEARCH_PATH = ("marts", "main")
ST = duckdb.StatementType
# Statements whose result is only a status (a `Success` or `Count` column), not rows to show.
STATUS_ONLY = {
    ST.SET, ST.VARIABLE_SET, ST.TRANSACTION, ST.PREPARE, ST.CREATE, ST.DROP, ST.ALTER,
    ST.ATTACH, ST.DETACH, ST.LOAD, ST.EXTENSION, ST.VACUUM, ST.ANALYZE, ST.CREATE_FUNC,
}  # fmt: skip
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
    if isinstance(error, duckdb.OutOfMemoryException):  # DuckDB's hints name locked settings
        first = str(error).split("\n", 1)[0]
        error = f"{first} (the limit is NEWSCLAIMS_QUERY_MEMORY; narrow the query or raise it)"
    text = terminal_safe(f"SQL error{where}: {error}")
    if isinstance(error, duckdb.PermissionException) or "configuration has been locked" in text:
        text += f"\n{LOCKDOWN_HINT}"
    return text


def open_readonly(
    path: Path,
    timeout_s: float | None = None,
    progress_bar: bool = True,
    memory_limit: str | None = None,
    lake: LakeConfig | None = None,
) -> duckdb.DuckDBPyConnection:
    """The analyst connection: `path` (or the `lake`) read-only, no other file reachable.

    `progress_bar=False` for a TUI, which DuckDB's progress bar on stdout would draw over (the
    locked configuration stops a statement from turning it off later); `memory_limit`: DuckDB's.

    >>> con = open_readonly(Path("warehouse/newsclaims.duckdb"))  # doctest: +SKIP
    >>> con.execute("COPY (SELECT 1) TO 'x.csv'")  # doctest: +SKIP
    duckdb.PermissionException: ... file system operations are disabled by configuration
    """
    config = {**READ_ONLY_CONFIG, "memory_limit": memory_limit or default("query_memory")}
    con = readonly_connect(path, timeout_s, config, lake)
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


def missing_warehouse(path: Path) -> int:
    """Say there is no warehouse at `path` and how to make one; the exit status 2."""
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
    con: duckdb.DuckDBPyConnection, statements: list[duckdb.Statement], watch: StatementWatch
) -> Iterator[StreamedResult]:
    """Run statements in order, yielding the rows of each one that returns rows, streamed from
    DuckDB: read what you need of one result before asking for the next.

    Stops at the first failure with a `StatementError` naming which statement failed, or with
    `QueryStopped` when `watch` stopped it (its deadline, Ctrl-C).
    """
    for index, statement in enumerate(statements, start=1):

        def failure(exc: duckdb.Error, index: int = index) -> Exception:
            return watch.stopped() or StatementError(index, len(statements), exc)

        if stopped := watch.stopped():  # Ctrl-C while Python wrote the rows before
            raise stopped
        watch.arm()
        try:
            try:
                cursor = con.execute(statement)
                if statement.type in STATUS_ONLY:
                    cursor.fetchall()
                    continue
                columns = [d[0] for d in cursor.description]
            except duckdb.Error as exc:
                raise failure(exc) from None
            yield StreamedResult(columns, _fetch(cursor, failure))
        finally:
            watch.disarm()
    if stopped := watch.stopped():  # Ctrl-C while Python wrote the last rows
        raise stopped


FETCH_ROWS = 10_000  # rows fetched from DuckDB at once


def _fetch(
    cursor: duckdb.DuckDBPyConnection, failure: Callable[[duckdb.Error], Exception]
) -> Iterator[tuple]:
    while True:
        try:
            rows = cursor.fetchmany(FETCH_ROWS)
        except duckdb.Error as exc:
            raise failure(exc) from None
        if not rows:
            return
        yield from rows


def returns_rows(statements: list[duckdb.Statement]) -> int:
    """How many of `statements` return rows (not only a status)."""
    return sum(statement.type not in STATUS_ONLY for statement in statements)


def opener(cfg: Settings) -> Callable[..., duckdb.DuckDBPyConnection]:
    """`open_readonly` with the settings' lock wait, memory limit and lake."""
    limits = {"timeout_s": cfg.lock_timeout_s, "memory_limit": cfg.query_memory}
    return functools.partial(open_readonly, **limits, lake=lake_config(cfg))


def guard_output(output: Path, cfg: Settings) -> None:
    """Refuse to write query results into the warehouse's folders: over the warehouse or one of
    its siblings named after it (WAL, temporary copies), into the work database's folder (the
    work database and the run lock), the Data Docs or the report site."""
    target = output.resolve()
    published = cfg.warehouse_path.resolve()
    work = work_path_for(cfg.warehouse_path, cfg.work_db).resolve()
    folders = [work.parent, published.parent / "data_docs", cfg.report_dir]
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


def _write_file(output: Path, write: Callable[[TextIO], int]) -> int:
    """`write(fh)` into `output` atomically: a failed or stopped write leaves any old file as
    it was. Returns what `write` returned (the rows written)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            n_rows = write(fh)
        os.replace(tmp, output)
    finally:
        tmp.unlink(missing_ok=True)
    return n_rows


def run_query(
    sql: str,
    cfg: Settings,
    fmt: str | None = None,
    out: TextIO | None = None,
    max_width: int = DEFAULT_MAX_WIDTH,
    output: Path | None = None,
) -> int:
    """Run every statement of `sql` on the settings' warehouse, read-only; 0 on success.

    Tables are printed as each statement finishes, CSV and JSON when every statement
    succeeded; each shows at most NEWSCLAIMS_QUERY_MAX_ROWS rows of a result. `output` is a
    file written by Python, every row streamed into it. A statement running longer than
    NEWSCLAIMS_QUERY_TIMEOUT_S, or interrupted with Ctrl-C, stops with one line.
    """
    out, path = out or sys.stdout, cfg.warehouse_path
    if not present(path, lake_config(cfg)):
        return missing_warehouse(path)
    fmt = _format_for(output, fmt)
    if output is not None:
        try:
            guard_output(output, cfg)
        except ValueError as exc:
            print(f"newsclaims: error: {exc}", file=sys.stderr)
            return 2
    with opener(cfg)(cfg.warehouse_path) as con:
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
        max_rows = cfg.query_max_rows
        with StatementWatch(con, cfg.query_timeout_s) as watch:
            try:
                results = run_statements(con, statements, watch)
                if output is None:
                    titles = _titles(sql, returns_rows(statements))
                    _print_results(results, fmt, out, (max_width, max_rows), titles)
                    return 0
                nested = returns_rows(statements) > 1
                n_rows = _write_file(
                    output, lambda fh: stream_results(results, fmt, fh, max_width, max_rows, nested)
                )
            except StatementError as exc:
                print(f"newsclaims: {exc.message()}", file=sys.stderr)
                return 1
            except QueryStopped as exc:
                print(f"newsclaims: {exc}", file=sys.stderr)
                return exc.exit_code
    n_results = returns_rows(statements)
    print(f"wrote {n_results} result(s), {n_rows} row(s) as {fmt} to {output}", file=sys.stderr)
    return 0


def _titles(sql: str, n_results: int) -> list[str]:
    """The `-- name:` line above each statement of a file like docs/queries.sql, when every
    statement that returns rows has one (else none)."""
    names = re.findall(r"^--\s*name:\s*(.+?)\s*$", sql, re.MULTILINE)
    return names if n_results > 1 and len(names) == n_results else []


def _print_results(
    results: Iterator[StreamedResult],
    fmt: str,
    out: TextIO,
    limits: tuple[int, int],
    titles: list[str],
) -> None:
    """Tables as each statement finishes (under its `titles` line, if any); CSV and JSON once
    every statement succeeded. Only the first `max_rows` rows of a result are fetched; a
    table's footer or a line on stderr says when there were more."""
    max_width, max_rows = limits
    kept: list[Result] = []
    for index, streamed in enumerate(results, start=1):
        result = streamed.first(max_rows)
        if fmt == "table":
            if kept:
                out.write("\n")
            if titles:
                out.write(f"-- {terminal_safe(titles[index - 1], single_line=True)}\n")
            write_results([result], fmt, out, max_width)
            out.flush()
        elif result.more:
            print(
                f"newsclaims: result {index}: the first {max_rows} rows; {MORE_ROWS}",
                file=sys.stderr,
            )
        kept.append(result)
    if fmt != "table":
        write_results(kept, fmt, out, max_width)
