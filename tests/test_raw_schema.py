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
