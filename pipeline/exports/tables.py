"""Marts, or the result of a query, written as Parquet, CSV or JSON lines for other programs.

The query runs on the analyst's locked read-only connection (`pipeline.sql.access`), so it can
read the warehouse and nothing else; its rows cross as Arrow batches into a separate in-memory
DuckDB that only writes the file (DuckDB's own Parquet, CSV and JSON writers), to a temporary
name replaced atomically. The format comes from `--format` or the file's suffix::

    export_marts(cfg, ["fct_claims", "dim_actors"], Path("out"), "parquet")
    export_query(cfg, "SELECT * FROM actor_claim_edges", Path("edges.csv"))

`cfg` is the run's `Settings`: its warehouse, lock wait, memory limit and statement timeout.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import duckdb

from pipeline.common.settings import Settings
from pipeline.sql.access import guard_output, opener, statements_of
from pipeline.sql.limits import StatementWatch
from pipeline.warehouse.sql_text import sql_string

FORMATS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl"}
# DuckDB COPY options of each format (JSON: one object per line)
COPY_OPTIONS = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json"}


class ExportError(ValueError):
    """An export that cannot be done as asked; the message says what to do instead."""


def format_for(path: Path, fmt: str | None) -> str:
    """The format of `path`: `fmt` when given (it must agree with a known suffix), else the
    suffix's; an unknown suffix is an `ExportError` naming the known ones."""
    by_suffix = FORMATS.get(path.suffix.lower())
    known = ", ".join(FORMATS)
    if fmt:
        if fmt not in COPY_OPTIONS:
            raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(COPY_OPTIONS)}")
        if path.suffix and by_suffix not in (None, fmt):
            raise ExportError(f"{path} ends in {path.suffix} but the format asked is {fmt}")
        return fmt
    if by_suffix is None:
        raise ExportError(
            f"cannot tell the format of {path} from its suffix {path.suffix or '(none)'}: "
            f"name a file ending in {known}, or pass --format"
        )
    return by_suffix


def _write_batches(reader, output: Path, fmt: str) -> int:
    """Write an Arrow record batch reader to `output` atomically; the rows written."""
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    writer = duckdb.connect()  # in memory: it sees the batches and the output file only
    try:
        writer.register("result_rows", reader)
        copy = f"COPY (SELECT * FROM result_rows) TO {sql_string(tmp)} ({COPY_OPTIONS[fmt]})"
        n_rows = writer.execute(copy).fetchone()[0]
        os.replace(tmp, output)
    finally:
        writer.close()
        tmp.unlink(missing_ok=True)
    return n_rows


def _export_sql(
    con: duckdb.DuckDBPyConnection, sql: str, output: Path, fmt: str, timeout_s: float
) -> int:
    statements = statements_of(con, sql)
    if len(statements) != 1:
        raise ExportError(
            f"an export writes one result: give one SELECT (the query has {len(statements)} "
            "statements)"
        )
    with StatementWatch(con, timeout_s) as watch:
        watch.arm()
        try:
            relation = con.sql(statements[0].query)
            if relation is None:
                raise ExportError("the statement returns no rows to write: give a SELECT")
            return _write_batches(relation.to_arrow_reader(), output, fmt)
        except duckdb.Error as exc:
            stopped = watch.stopped()  # its deadline or Ctrl-C, said in one line
            if stopped is None:
                raise
            raise stopped from exc
        finally:
            watch.disarm()


def export_query(cfg: Settings, sql: str, output: Path, fmt: str | None = None) -> int:
    """Write the result of one `sql` statement on the warehouse to `output`; the rows written."""
    fmt = format_for(output, fmt)
    warehouse = cfg.warehouse_path
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}; run `newsclaims run` first")
    guard_output(output, cfg)
    with opener(cfg)(warehouse) as con:
        return _export_sql(con, sql, output, fmt, cfg.query_timeout_s)


def mart_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables of the marts schema, by name."""
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts' "
        "ORDER BY table_name"
    ).fetchall()
    return [r[0] for r in rows]


def export_marts(
    cfg: Settings, names: Iterable[str], folder: Path, fmt: str
) -> list[tuple[Path, int]]:
    """Write each mart of `names` (all when empty) to `folder`/<name>.<fmt>; (file, rows)."""
    format_for(folder / f"x.{fmt}", fmt)
    written = []
    with opener(cfg)(cfg.warehouse_path) as con:
        known = mart_names(con)
        wanted = list(names) or known
        unknown = [n for n in wanted if n not in known]
        if unknown:
            raise ExportError(f"no mart named {', '.join(unknown)}; the marts: {', '.join(known)}")
        for name in wanted:
            output = folder / f"{name}.{fmt}"
            guard_output(output, cfg)
            sql = f'SELECT * FROM marts."{name}"'
            written.append((output, _export_sql(con, sql, output, fmt, cfg.query_timeout_s)))
    return written
