"""Read-only SQL access to the published warehouse: one-shot queries and an interactive shell.

Both open the *published* file read-only, which the pipeline only ever replaces atomically, so
a long query or an open shell never blocks a pipeline run and never sees a half-built state.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import duckdb

from pipeline.warehouse.connection import connection

MAX_CELL = 80


def _missing(path: Path) -> int:
    print(
        f"newsclaims: error: no warehouse at {path}; run `make run` first "
        "(or set NEWSCLAIMS_WAREHOUSE)",
        file=sys.stderr,
    )
    return 2


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def _cell(value: Any) -> str:
    text = "NULL" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def format_table(columns: list[str], rows: list[tuple]) -> str:
    """A plain aligned text table with a row count footer."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "-+-".join("-" * w for w in widths)
    out = [" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)), line]
    out += [" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def write_result(columns: list[str], rows: list[tuple], fmt: str, out: TextIO) -> None:
    """Write a result as an aligned table, CSV or a JSON array of objects."""
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt == "json":
        records = [{c: _json_value(v) for c, v in zip(columns, r, strict=True)} for r in rows]
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(format_table(columns, rows) + "\n")


def run_query(
    sql: str, fmt: str = "table", path: Path | None = None, out: TextIO = sys.stdout
) -> int:
    """Run one query against the published warehouse, read-only; 0 on success."""
    from pipeline import settings

    path = path or settings.warehouse_path()
    if not path.exists():
        return _missing(path)
    with connection(path, read_only=True) as con:
        try:
            cursor = con.execute(sql)
        except duckdb.Error as exc:
            print(f"newsclaims: SQL error: {exc}", file=sys.stderr)
            return 1
        if cursor.description is None:
            return 0
        columns = [d[0] for d in cursor.description]
        write_result(columns, cursor.fetchall(), fmt, out)
    return 0


def _line_shell(path: Path, stdin: TextIO, out: TextIO) -> int:
    """A minimal statement-per-semicolon shell for piped input (and terminals without a TUI)."""
    status = 0
    with connection(path, read_only=True) as con:
        buffer: list[str] = []
        interactive = stdin.isatty()
        while True:
            if interactive:
                out.write("newsclaims> " if not buffer else "      ...> ")
                out.flush()
            line = stdin.readline()
            if not line:
                break
            if not buffer and line.strip() in (".quit", ".exit", "\\q"):
                break
            buffer.append(line)
            if not line.rstrip().endswith(";"):
                continue
            sql = "".join(buffer)
            buffer = []
            try:
                cursor = con.execute(sql)
            except duckdb.Error as exc:
                out.write(f"error: {exc}\n")
                status = 1
                continue
            if cursor.description is not None:
                write_result([d[0] for d in cursor.description], cursor.fetchall(), "table", out)
    return status


def open_shell(
    path: Path | None = None, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout
) -> int:
    """Interactive SQL on the published warehouse, read-only.

    On a terminal this starts Harlequin (a SQL IDE for DuckDB that uses the same DuckDB library
    as the pipeline, so it reads the same file format); with piped input, or with
    NEWSCLAIMS_SQL_SHELL=plain, a built-in line shell runs the statements instead.
    """
    from pipeline import settings

    path = path or settings.warehouse_path()
    if not path.exists():
        return _missing(path)
    use_tui = stdin.isatty() and os.environ.get("NEWSCLAIMS_SQL_SHELL", "harlequin") != "plain"
    harlequin = shutil.which("harlequin") or str(Path(sys.executable).parent / "harlequin")
    if use_tui and Path(harlequin).exists():
        os.execv(harlequin, [harlequin, "--read-only", str(path)])
    return _line_shell(path, stdin, out)
