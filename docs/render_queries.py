"""Re-render docs/queries.sql with every query's output as comments.

Usage: uv run python docs/render_queries.py warehouse/newsclaims.duckdb
"""

import io
import re
import sys
from pathlib import Path

import duckdb

from pipeline.sql.output import write_result

QUERIES = Path(__file__).with_name("queries.sql")


def rendered(warehouse: str) -> str:
    """docs/queries.sql with the output of every query on `warehouse` under it."""
    text = re.sub(r"\n(?:--   .*\n)+", "\n", QUERIES.read_text(encoding="utf-8"))
    out = []
    with duckdb.connect(warehouse, read_only=True) as con:
        for block in re.split(r"\n(?=-- name:)", text):
            is_query = block.startswith("-- name:")
            out.append(("\n" if is_query else "") + block.strip("\n"))
            if is_query:
                sql = "\n".join(line for line in block.splitlines() if not line.startswith("--"))
                cursor = con.execute(sql)
                buffer = io.StringIO()
                write_result([d[0] for d in cursor.description], cursor.fetchall(), "table", buffer)
                lines = buffer.getvalue().rstrip().splitlines()
                out.append("\n".join(f"--   {line}".rstrip() for line in lines))
    return "\n".join(out) + "\n"


def render(warehouse: str) -> None:
    QUERIES.write_text(rendered(warehouse), encoding="utf-8")


if __name__ == "__main__":
    render(sys.argv[1])
