"""`newsclaims export` and `newsclaims query -o`: marts and query results as real Parquet, CSV and
JSON lines (read back by DuckDB), an unknown suffix refused in one line; and `newsclaims extract
--jsonl` carries fct_claims' fields and claim_id."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from pipeline.cli.main import main

from .conftest import SEED_FILE


def _rows(path: Path) -> list[tuple]:
    reader = {".parquet": "read_parquet", ".csv": "read_csv", ".jsonl": "read_json"}[path.suffix]
    return duckdb.sql(f"SELECT * FROM {reader}('{path}') ORDER BY ALL").fetchall()


def _mart(pipeline_run, name: str) -> list[tuple]:
    return pipeline_run.query(f"SELECT * FROM marts.{name} ORDER BY ALL")


def test_query_output_parquet_is_parquet(pipeline_run, tmp_path: Path, capsys):
    out = tmp_path / "edges.parquet"
    sql = "SELECT * FROM actor_claim_edges"
    assert main(["query", sql, "--warehouse", str(pipeline_run.published), "-o", str(out)]) == 0
    assert out.read_bytes()[:4] == b"PAR1"  # not a text table in a file named .parquet
    assert _rows(out) == _mart(pipeline_run, "actor_claim_edges")
    assert "as parquet" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["x.xlsx", "x.tsv", "x.PARQUETT"])
def test_an_unknown_suffix_is_one_line_and_writes_nothing(pipeline_run, tmp_path, capsys, name):
    out = tmp_path / name
    for argv in (
        ["query", "SELECT 1", "-o", str(out)],
        ["export", "fct_claims", "-o", str(out)],
        ["export", "--query", "SELECT 1", "-o", str(out)],
    ):
        assert main([*argv, "--warehouse", str(pipeline_run.published)]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("newsclaims: error: cannot tell the format of") and "\n" not in err
        assert ".parquet" in err and not out.exists()


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_every_mart_exports_and_reads_back(pipeline_run, tmp_path: Path, fmt: str):
    folder = tmp_path / "out"
    argv = [
        "export",
        "-o",
        str(folder),
        "--format",
        fmt,
        "--warehouse",
        str(pipeline_run.published),
    ]
    assert main(argv) == 0
    marts = {r[0] for r in pipeline_run.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts'"
    )}  # fmt: skip
    assert {p.stem for p in folder.iterdir()} == marts
    claims = _rows(folder / f"fct_claims.{fmt}")
    assert len(claims) == len(_mart(pipeline_run, "fct_claims"))
    if fmt == "parquet":  # types survive: the whole table is equal
        assert claims == _mart(pipeline_run, "fct_claims")


def test_a_query_export_keeps_the_lockdown(pipeline_run, tmp_path: Path, capsys):
    out = tmp_path / "x.csv"
    argv = ["export", "--query", "SELECT * FROM read_text('/etc/hostname')", "-o", str(out)]
    assert main([*argv, "--warehouse", str(pipeline_run.published)]) == 2
    assert "file system operations are disabled" in capsys.readouterr().err
    assert not out.exists()
    sql = "SELECT claim_id, act FROM fct_claims WHERE act = 'accuse'"
    out = tmp_path / "accusations.jsonl"
    assert (
        main(["export", "--query", sql, "-o", str(out), "--warehouse", str(pipeline_run.published)])
        == 0
    )
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines and all(row["act"] == "accuse" for row in lines)


def test_extract_jsonl_carries_fct_claims_fields_and_ids(pipeline_run, capsys):
    """The same claims, ids, acts and accused/about actors as the warehouse (names resolved
    through int_actor_map); offsets differ by design: they point into the file as read."""
    assert main(["extract", str(SEED_FILE), "--jsonl", "--n-process", "1"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    warehouse = {
        r[0]: r[1:]
        for r in pipeline_run.query(
            "SELECT claim_id, article_id, sentence_index, speaker_mention, speaker_role, "
            "speaker_type, cue, form, act, round(confidence, 4), content, reported_by, "
            "extractor_version FROM marts.fct_claims WHERE article_id = ?",
            [rows[0]["article_id"]],
        )
    }
    fields = (
        *("article_id", "sentence_index", "speaker_mention", "speaker_role", "speaker_type"),
        *("cue", "form", "act", "confidence", "content", "reported_by", "extractor_version"),
    )
    assert {r["claim_id"]: tuple(r[f] for f in fields) for r in rows} == warehouse
    resolved = _resolved_targets(pipeline_run, rows)
    for bridge, key in (("bridge_claim_accused", "accused"), ("bridge_claim_about", "about")):
        held = pipeline_run.query(
            f"SELECT claim_id, actor_name FROM marts.{bridge} WHERE claim_id IN "
            f"(SELECT unnest(?::VARCHAR[]))",
            [[r["claim_id"] for r in rows]],
        )
        assert set(held) == resolved[key], bridge
    assert any(r["accused"] for r in rows)


def _resolved_targets(pipeline_run, rows: list[dict]) -> dict[str, set]:
    """(claim_id, canonical name) of each accused and about name, through dbt's actor map."""
    import jinja2

    from pipeline.common.paths import DBT_PROJECT_DIR

    macro = (DBT_PROJECT_DIR / "macros" / "actor_key.sql").read_text(encoding="utf-8")
    key = jinja2.Environment().from_string(macro + "{{ actor_key('n.name') }}").render().strip()
    pairs = [(r["claim_id"], name, kind) for r in rows for kind in ("accused", "about")
             for name in r[kind]]  # fmt: skip
    with duckdb.connect(str(pipeline_run.published), read_only=True) as con:
        con.execute("CREATE TEMP TABLE n (claim_id VARCHAR, name VARCHAR, kind VARCHAR)")
        con.executemany("INSERT INTO n VALUES (?, ?, ?)", pairs)
        found = con.execute(
            f"SELECT DISTINCT n.kind, n.claim_id, m.canonical_name FROM n "
            f"JOIN intermediate.int_actor_map m ON m.base_key = {key}"
        ).fetchall()
    return {k: {(c, a) for kind, c, a in found if kind == k} for k in ("accused", "about")}
