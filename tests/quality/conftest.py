"""Fixtures for the quality suites: one clean warehouse per session, corrupted copies per test,
and one GX context per session (the first validation imports GX, ~5 s)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import duckdb
import pytest

from tests.quality.factory import build_clean_warehouse


@pytest.fixture(scope="session")
def clean_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean warehouse file (raw tables from real ingestion + synthetic extraction, marts built
    by dbt from them)."""
    root = tmp_path_factory.mktemp("quality")
    return build_clean_warehouse(root / "warehouse" / "newsclaims.duckdb", root / "seeds")


@pytest.fixture
def clean_con(clean_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the clean warehouse."""
    con = duckdb.connect(str(clean_db), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def gx_ready() -> float:
    """Import GX and create the shared context once; returns the seconds it took."""
    from pipeline.quality.validate import warm_up

    return warm_up()


CorruptFn = Callable[[Sequence[str]], duckdb.DuckDBPyConnection]


@pytest.fixture
def corrupt(clean_db: Path, tmp_path: Path) -> Iterator[CorruptFn]:
    """`corrupt(statements)`: a read-only connection to a copy of the clean warehouse on which
    the SQL statements were run."""
    opened: list[duckdb.DuckDBPyConnection] = []

    def _corrupt(statements: Sequence[str]) -> duckdb.DuckDBPyConnection:
        path = tmp_path / f"corrupt{len(opened)}.duckdb"
        shutil.copy(clean_db, path)
        with duckdb.connect(str(path)) as con:
            for sql in statements:
                con.execute(sql)
        ro = duckdb.connect(str(path), read_only=True)
        opened.append(ro)
        return ro

    yield _corrupt
    for con in opened:
        con.close()
