"""The raw schema grows with the code: a warehouse from an older version gains new columns."""

from pathlib import Path

import duckdb

from pipeline.warehouse.schema import RAW_TABLES, columns, ensure_raw_schema


def test_older_warehouse_gains_the_new_nullable_columns(tmp_path: Path) -> None:
    old = [(n, t) for n, t in RAW_TABLES["claim_targets"] if n not in ("role", "confidence")]
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute("CREATE SCHEMA raw")
        con.execute(f"CREATE TABLE raw.claim_targets ({', '.join(f'{n} {t}' for n, t in old)})")
        con.execute("INSERT INTO raw.claim_targets VALUES ('c1', 'a1', 'Ukraine', 'GPE', 10, 17)")
        ensure_raw_schema(con)
        ensure_raw_schema(con)  # idempotent
        have = [r[0] for r in con.execute("DESCRIBE raw.claim_targets").fetchall()]
        row = con.execute("SELECT target_name, role, confidence FROM raw.claim_targets").fetchall()
    assert have == columns("claim_targets")
    assert row == [("Ukraine", None, None)]


def test_a_warehouse_with_kind_and_stance_takes_new_extractions(tmp_path: Path) -> None:
    """raw.claims of a warehouse written before kind and stance were retired (both NOT NULL
    there) loses them, keeps its rows, and takes claims that no longer carry them."""
    from pipeline.extract.records import ArticleExtraction, Claim
    from pipeline.warehouse.store import write_extractions

    new = RAW_TABLES["claims"]
    old = [*new[:3], ("kind", "VARCHAR NOT NULL"), ("stance", "VARCHAR NOT NULL"), *new[3:]]
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute("CREATE SCHEMA raw")
        con.execute(f"CREATE TABLE raw.claims ({', '.join(f'{n} {t}' for n, t in old)})")
        con.execute(
            "INSERT INTO raw.claims (claim_id, article_id, sentence_index, kind, stance, content,"
            " content_start, content_end, content_spans, extractor_version)"
            " VALUES ('c0', 'a0', 0, 'direct', 'assert', 'x', 0, 1, [[0, 1]], 'old')"
        )
        claim = Claim("c1", "a1", 0, "said", 4, 8, "that it rained", 9, 23, form="indirect")
        write_extractions(con, [ArticleExtraction("a1", claims=[claim])], "new")
        have = [r[0] for r in con.execute("DESCRIBE raw.claims").fetchall()]
        rows = con.execute("SELECT claim_id, form, extractor_version FROM raw.claims").fetchall()
    assert have == columns("claims")
    assert sorted(rows) == [("c0", None, "old"), ("c1", "indirect", "new")]
