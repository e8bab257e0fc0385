"""Writing query results: an aligned text table for people, CSV or JSON for programs.

Tables are for terminals, so every cell and header is made terminal-safe (escape sequences and
control characters removed, line breaks shown as spaces) and long cells are cut. CSV keeps the
data as stored unless it is going to a terminal; JSON escapes what a terminal would act on.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from typing import Any, TextIO

from pipeline.sql.terminal import json_safe, terminal_safe

DEFAULT_MAX_WIDTH = 80
MORE_ROWS = (
    "the query returned more: narrow it with WHERE or LIMIT, or write all rows with "
    "--output FILE (NEWSCLAIMS_QUERY_MAX_ROWS)"
)
FORMATS = ("table", "csv", "json")


@dataclass
class Result:
    """The columns and rows one statement returned (`more`: rows past these were not fetched)."""

    columns: list[str]
    rows: list[tuple]
    more: bool = False


@dataclass
class StreamedResult:
    """The columns of one statement and its rows as DuckDB hands them over, batch by batch."""

    columns: list[str]
    rows: Iterator[tuple]

    def first(self, limit: int) -> Result:
        """The first `limit` rows (0: all), fetching one more to tell whether there are more."""
        if limit <= 0:
            return Result(self.columns, list(self.rows))
        rows = list(islice(self.rows, limit + 1))
        return Result(self.columns, rows[:limit], more=len(rows) > limit)


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


def _cell(value: Any, max_width: int) -> tuple[str, bool]:
    """The cell's text for a table, and whether it was cut."""
    if isinstance(value, float):  # 0.36107239999999996 (a float32 score) reads 0.3610724
        text = format(value, ".7g")
    else:
        text = "NULL" if value is None else terminal_safe(str(value), single_line=True)
    if max_width <= 0 or len(text) <= max_width:
        return text, False
    return text[: max_width - 1] + "…", True


def format_table(
    columns: list[str], rows: list[tuple], max_width: int = DEFAULT_MAX_WIDTH, more: bool = False
) -> str:
    """A plain aligned text table with a row count footer; cells over `max_width` characters
    are cut (0: never); `more` says the rows are the first of more.

    >>> print(format_table(["a", "b"], [(1, "x\\x1b[31my")]))
    a | b
    --+---
    1 | xy
    (1 row)
    """
    cut = False
    cells = []
    for row in rows:
        line = []
        for value in row:
            text, was_cut = _cell(value, max_width)
            line.append(text)
            cut = cut or was_cut
        cells.append(line)
    names = [_cell(c, max_width)[0] for c in columns]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(names)]
    out = [
        " | ".join(c.ljust(w) for c, w in zip(names, widths, strict=True)).rstrip(),
        "-+-".join("-" * w for w in widths),
    ]
    out += [" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    footer = f"({len(rows)} row{'s' if len(rows) != 1 else ''}"
    if more:
        footer += f"; {MORE_ROWS}"
    if cut:
        footer += f"; cells cut at {max_width} characters, --max-width 0 shows them whole"
    out.append(footer + ")")
    return "\n".join(out)


def _write_csv(result: Result, out: TextIO, for_terminal: bool) -> None:
    writer = csv.writer(out)  # \r\n (RFC 4180), so a field holding a lone \r is quoted
    clean = terminal_safe if for_terminal else str
    writer.writerow([clean(c) for c in result.columns])
    for row in result.rows:
        writer.writerow(["" if v is None else clean(str(v)) for v in row])


def _records(result: Result) -> list[dict]:
    return [
        {c: _json_value(v) for c, v in zip(result.columns, row, strict=True)} for row in result.rows
    ]


def write_results(
    results: list[Result], fmt: str, out: TextIO, max_width: int = DEFAULT_MAX_WIDTH
) -> None:
    """Write results one after another in `fmt` (table, csv or json).

    One result is written as it always was: a table, one CSV document, or a JSON array of
    objects. Several: tables separated by a blank line; CSV documents (each with its header)
    separated by an empty line; JSON as one array holding each result's array of objects.
    """
    if not results:
        return
    for_terminal = out.isatty()
    if fmt == "json":
        value = _records(results[0]) if len(results) == 1 else [_records(r) for r in results]
        out.write(json_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")
        return
    for i, result in enumerate(results):
        if i:
            out.write("\r\n" if fmt == "csv" else "\n")
        if fmt == "csv":
            _write_csv(result, out, for_terminal)
        else:
            out.write(format_table(result.columns, result.rows, max_width, result.more) + "\n")


def write_result(
    columns: list[str],
    rows: list[tuple],
    fmt: str,
    out: TextIO,
    max_width: int = DEFAULT_MAX_WIDTH,
) -> None:
    """Write one result as an aligned table, CSV or a JSON array of objects."""
    write_results([Result(columns, rows)], fmt, out, max_width)


def stream_results(
    results: Iterable[StreamedResult],
    fmt: str,
    out: TextIO,
    max_width: int,
    max_rows: int,
    nested: bool,
) -> int:
    """Write results as they come, CSV and JSON row by row (never all rows in memory at
    once; `nested`: JSON as an array per result, as `write_results` writes several); a table,
    which needs every width first, holds its first `max_rows`. Returns the rows written."""
    written = 0
    if fmt == "json" and nested:
        out.write("[")
    for i, result in enumerate(results):
        if i:
            out.write({"csv": "\r\n", "json": ","}.get(fmt, "\n"))
        if fmt == "table":
            table = result.first(max_rows)
            out.write(format_table(table.columns, table.rows, max_width, table.more) + "\n")
            written += len(table.rows)
        elif fmt == "csv":
            written += _stream_csv(result, out)
        else:
            out.write("[")
            written += _stream_json(result, out)
            out.write("\n]")
    if fmt == "json":
        out.write("]\n" if nested else "\n")
    return written


def _stream_csv(result: StreamedResult, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(result.columns)
    n = 0
    for row in result.rows:
        writer.writerow(["" if v is None else str(v) for v in row])
        n += 1
    return n


def _stream_json(result: StreamedResult, out: TextIO) -> int:
    n = 0
    for n, row in enumerate(result.rows, start=1):
        record = {c: _json_value(v) for c, v in zip(result.columns, row, strict=True)}
        out.write((",\n" if n > 1 else "\n") + json_safe(json.dumps(record, ensure_ascii=False)))
    return n
