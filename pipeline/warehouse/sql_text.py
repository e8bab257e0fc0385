"""SQL text for the values DuckDB takes no parameters for: file paths in ATTACH, database and
schema names. Everything else is passed as a parameter (`?`).

>>> sql_string("/data/it's here.duckdb")
"'/data/it''s here.duckdb'"
>>> print(sql_identifier('my "db".x'))
"my ""db"".x"
"""

from __future__ import annotations

from pathlib import Path


def sql_string(value: str | Path) -> str:
    """`value` as a SQL string literal (quotes doubled), e.g. a path for ATTACH."""
    return "'" + str(value).replace("'", "''") + "'"


def sql_identifier(name: str) -> str:
    """`name` as a quoted SQL identifier (double quotes doubled), e.g. a database name."""
    return '"' + name.replace('"', '""') + '"'
