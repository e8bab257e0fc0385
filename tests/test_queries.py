"""Every worked query in docs/queries.sql runs on a real warehouse and returns rows."""

import re

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def _queries() -> list[tuple[str, str]]:
    text = (ROOT / "docs" / "queries.sql").read_text(encoding="utf-8")
    queries = []
    for block in re.split(r"\n(?=-- name:)", text)[1:]:
        name = block.splitlines()[0].removeprefix("-- name:").strip()
        sql = "\n".join(line for line in block.splitlines() if not line.startswith("--"))
        queries.append((name, sql))
    return queries


def test_there_are_ten_queries():
    assert len(_queries()) == 11


@pytest.mark.parametrize(("name", "sql"), _queries(), ids=[n for n, _ in _queries()])
def test_query_returns_rows(pipeline_run, name: str, sql: str):
    assert pipeline_run.query(sql), name
