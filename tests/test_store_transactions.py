"""Every write of the raw tables is one transaction (`warehouse.connection.transaction`): a write
that fails half-way leaves the rows it found, and the error is raised."""

from pathlib import Path

import duckdb
import pytest

from pipeline.extract.records import ArticleExtraction, Claim, ClaimTarget
from pipeline.warehouse.connection import transaction
from pipeline.warehouse.store import write_extractions


def test_transaction_commits_the_block_or_nothing(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute("CREATE TABLE t (n INTEGER NOT NULL)")
        with transaction(con):
            con.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(duckdb.ConstraintException), transaction(con):
            con.execute("INSERT INTO t VALUES (2)")
            con.execute("INSERT INTO t VALUES (NULL)")
        with pytest.raises(KeyboardInterrupt), transaction(con):
            con.execute("DELETE FROM t")
            raise KeyboardInterrupt
        assert con.execute("SELECT n FROM t").fetchall() == [(1,)]


def test_a_failed_extraction_write_keeps_the_article_s_earlier_rows(tmp_path: Path) -> None:
    """The new rows replace the old ones only when all of them are stored: a target without a
    name (NOT NULL) fails the write after the old rows were deleted, and they come back."""
    old = Claim("c1", "a1", 0, "said", 4, 8, "that it rained", 9, 23, form="indirect")
    new = Claim("c2", "a1", 0, "said", 4, 8, "that it snowed", 9, 23, form="indirect")
    bad_target = ClaimTarget("c2", "a1", None, "GPE", 10, 17)  # type: ignore[arg-type]
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        write_extractions(con, [ArticleExtraction("a1", claims=[old])], "v1")
        with pytest.raises(duckdb.ConstraintException):
            write_extractions(
                con, [ArticleExtraction("a1", claims=[new], targets=[bad_target])], "v2"
            )
        claims = con.execute("SELECT claim_id, extractor_version FROM raw.claims").fetchall()
        runs = con.execute("SELECT extractor_version FROM raw.article_extractions").fetchall()
    assert claims == [("c1", "v1")]
    assert runs == [("v1",)]
