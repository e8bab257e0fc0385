"""`newsclaims query` and `newsclaims sql` as an analyst uses them, on real DuckDB files.

The warehouse here is a small file built with DuckDB directly (a marts and a raw schema, with
hostile article text), so the tests run in a second; `test_cli.py` and `test_queries.py` cover
the warehouse the pipeline builds.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.cli.main import build_parser, main
from pipeline.sql.access import open_readonly
from pipeline.sql.output import write_results

from .conftest import ROOT

LONG = "All the words of a long quoted claim, " * 6  # 228 characters
HOSTILE = "Title\x1b[2J\x1b]0;pwned\x07 with\x9b31m C1\u202eevil\rover\x00end"
# Everything a terminal acts on: C0 (bar tab/newline), DEL, C1, bidi overrides, ESC.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    """A published warehouse file plus the work database the pipeline keeps beside it."""
    path = tmp_path / "warehouse" / "newsclaims.duckdb"
    path.parent.mkdir()
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE SCHEMA marts; CREATE SCHEMA raw")
        con.execute(
            "CREATE TABLE marts.fct_claims AS SELECT * FROM (VALUES "
            "(1, 'Kremlin', 'accuses', 'Ukraine of attacking'), (2, 'Gladkov', 'said', ?)) "
            "t(claim_id, speaker, cue, content)",
            [LONG],
        )
        con.execute("CREATE TABLE marts.dim_actors AS SELECT 'Russia' AS canonical_name")
        con.execute(
            "CREATE TABLE raw.articles AS SELECT 'a1' AS article_id, ? AS title, "
            "'https://example.org/\x1b[31mred' AS url",
            [HOSTILE],
        )
    work = path.parent / ".build" / path.name
    work.parent.mkdir()
    with duckdb.connect(str(work)) as con:
        con.execute("CREATE TABLE t AS SELECT 42 AS answer")
    return path


def query(capsys: pytest.CaptureFixture, warehouse: Path, *args: str) -> tuple[int, str, str]:
    """`newsclaims query ARGS --warehouse W` in-process: (exit status, stdout, stderr)."""
    status = main(["query", *args, "--warehouse", str(warehouse)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --- statements -----------------------------------------------------------------------------


@pytest.mark.parametrize("sql", ["", "   \n", "-- nothing to see", "/* a block */ ;; ;"])
def test_empty_or_comment_only_query_is_one_clear_line(capsys, warehouse: Path, sql: str):
    status, out, err = query(capsys, warehouse, sql)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "no SQL statement to run" in err
    assert "Traceback" not in err


def test_several_statements_show_every_result_in_order(capsys, warehouse: Path):
    sql = (
        "SELECT count(*) AS n_claims FROM fct_claims;\n"
        "SET search_path = 'raw';  -- a status only: shows nothing\n"
        "SELECT article_id FROM articles;\n"
        "SELECT canonical_name FROM marts.dim_actors;"
    )
    status, out, err = query(capsys, warehouse, sql)
    assert status == 0, err
    blocks = out.strip().split("\n\n")
    assert [b.splitlines()[0].strip() for b in blocks] == [
        "n_claims",
        "article_id",
        "canonical_name",
    ]
    assert [b.splitlines()[2].strip() for b in blocks] == ["2", "a1", "Russia"]
    assert all(b.endswith("(1 row)") for b in blocks)


def test_failing_statement_stops_the_run_and_is_named(capsys, warehouse: Path):
    status, out, err = query(
        capsys, warehouse, "SELECT 1 AS first; SELECT * FROM no_such_table; SELECT 3 AS third"
    )
    assert status == 1
    assert "first" in out and "third" not in out
    assert "SQL error (statement 2 of 3)" in err and "no_such_table" in err


def test_marts_are_on_the_search_path_and_raw_stays_qualified(capsys, warehouse: Path):
    status, out, _ = query(capsys, warehouse, "SELECT speaker FROM fct_claims ORDER BY claim_id")
    assert status == 0 and out.splitlines()[2:4] == ["Kremlin", "Gladkov"]
    status, out, _ = query(capsys, warehouse, "SELECT article_id FROM raw.articles")
    assert status == 0 and "a1" in out
    status, _, err = query(capsys, warehouse, "SELECT * FROM articles")
    assert status == 1 and "articles" in err


# --- cell width -----------------------------------------------------------------------------


def _content_cell(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("All the words"))


def test_cells_are_cut_at_80_by_default_and_the_footer_says_how_to_see_them(capsys, warehouse):
    status, out, _ = query(capsys, warehouse, "SELECT content FROM fct_claims WHERE claim_id = 2")
    assert status == 0
    assert _content_cell(out) == LONG[:79] + "…"
    assert "cells cut at 80 characters, --max-width 0 shows them whole" in out


@pytest.mark.parametrize(("width", "shown"), [("0", LONG.rstrip()), ("20", LONG[:19] + "…")])
def test_max_width_option(capsys, warehouse: Path, width: str, shown: str):
    sql = "SELECT content FROM fct_claims WHERE claim_id = 2"
    status, out, _ = query(capsys, warehouse, sql, "--max-width", width)
    assert status == 0 and _content_cell(out) == shown
    assert ("cells cut" in out) == (width != "0")


# --- where the SQL comes from ---------------------------------------------------------------


def test_sql_from_a_file(capsys, warehouse: Path, tmp_path: Path):
    script = tmp_path / "report.sql"
    script.write_text("-- two results\nSELECT 1 AS a;\nSELECT cue FROM fct_claims;\n", "utf-8")
    status, out, _ = query(capsys, warehouse, "-f", str(script))
    assert status == 0 and "accuses" in out and out.count("(1 row)") == 1
    assert "(2 rows)" in out


def test_sql_from_stdin(capsys, warehouse: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("SELECT count(*) AS n FROM raw.articles;"))
    status, out, _ = query(capsys, warehouse, "-f", "-", "--csv")
    assert status == 0 and out == "n\r\n1\r\n"


def test_unreadable_file_and_two_sources_are_usage_errors(capsys, warehouse, tmp_path):
    status, out, err = query(capsys, warehouse, "-f", str(tmp_path / "missing.sql"))
    assert status == 2 and "cannot read" in err and "missing.sql" in err
    with pytest.raises(SystemExit) as exit_info:
        query(capsys, warehouse, "SELECT 1", "-f", "x.sql")
    assert exit_info.value.code == 2
    assert "not allowed with argument sql" in capsys.readouterr().err


def test_help_explains_every_option(capsys):
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command").choices
    for name in ("query", "sql"):
        with pytest.raises(SystemExit):
            main([name, "--help"])
        shown = capsys.readouterr().out
        for action in subparsers[name]._actions:
            assert action.help, f"{name} {action.option_strings or action.dest} has no help"
            for option in action.option_strings:
                assert option in shown
    assert "--max-width" in shown and "search path" in shown


# --- machine formats ------------------------------------------------------------------------


def test_csv_of_several_results_is_one_document_per_result(capsys, warehouse: Path):
    status, out, _ = query(
        capsys, warehouse, "SELECT cue FROM fct_claims ORDER BY 1; SELECT 'x,y' AS s", "--csv"
    )
    assert status == 0
    docs = [list(csv.reader(io.StringIO(block))) for block in out.split("\r\n\r\n")]
    assert docs == [[["cue"], ["accuses"], ["said"]], [["s"], ["x,y"]]]


def test_json_is_an_array_per_result(capsys, warehouse: Path):
    _, one, _ = query(
        capsys, warehouse, "SET search_path='raw'; SELECT article_id FROM articles", "--json"
    )
    assert json.loads(one) == [{"article_id": "a1"}]
    _, two, _ = query(capsys, warehouse, "SELECT 1 AS a; SELECT 2 AS b", "--json")
    assert json.loads(two) == [[{"a": 1}], [{"b": 2}]]


def test_machine_formats_print_nothing_when_a_statement_fails(capsys, warehouse: Path):
    status, out, err = query(capsys, warehouse, "SELECT 1 AS a; SELECT nope", "--json")
    assert status == 1 and out == "" and "statement 2 of 2" in err


# --- hostile text ---------------------------------------------------------------------------


def test_tables_strip_control_sequences_from_cells_and_headers(capsys, warehouse: Path):
    sql = 'SELECT title, url, title AS "head\x1b[5m" FROM raw.articles'
    status, out, _ = query(capsys, warehouse, sql, "--max-width", "0")
    assert status == 0
    assert not CONTROL.search(out.replace("\n", ""))
    assert "Title with C1evil over" in out  # the visible text stays, sequences go whole
    assert "https://example.org/red" in out and "pwned" not in out and "31m" not in out


def test_json_keeps_the_data_and_escapes_what_a_terminal_would_act_on(capsys, warehouse):
    status, out, _ = query(capsys, warehouse, "SELECT title FROM raw.articles", "--json")
    assert status == 0
    assert not re.search(r"[\x1b\x7f-\x9f\u202e]", out)
    assert json.loads(out) == [{"title": HOSTILE}]


def test_csv_is_verbatim_in_a_file_and_safe_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    from pipeline.sql.output import Result

    result = Result(["title"], [(HOSTILE,)])
    to_file, to_terminal = io.StringIO(), Terminal()
    write_results([result], "csv", to_file)
    write_results([result], "csv", to_terminal)
    assert list(csv.reader(io.StringIO(to_file.getvalue(), newline="")))[1] == [HOSTILE]
    assert not CONTROL.search(to_terminal.getvalue().replace("\r\n", ""))


# --- the lockdown ---------------------------------------------------------------------------

ESCAPES = {
    "copy to a new file": "COPY (SELECT 'oops') TO '{tmp}/oops.csv'",
    "copy over the work database": "COPY (SELECT 'oops') TO '{work}'",
    "export database": "EXPORT DATABASE '{tmp}/export'",
    "read a system file": "SELECT * FROM read_text('/etc/passwd')",
    "read a csv file": "SELECT * FROM read_csv('{tmp}/secret.csv')",
    "list files": "SELECT * FROM glob('{tmp}/*')",
    "attach the work database": "ATTACH '{work}' AS w",
    "attach a new file": "ATTACH '{tmp}/new.duckdb' AS n",
    "re-enable external access": "SET enable_external_access = true",
    "unlock the configuration": "SET lock_configuration = false",
    "widen the allow-list": "SET allowed_directories = ['/']",
    "load an extension": "LOAD httpfs",
}


@pytest.mark.parametrize("escape", list(ESCAPES), ids=list(ESCAPES))
def test_every_escape_is_refused(capsys, warehouse: Path, tmp_path: Path, escape: str):
    work = warehouse.parent / ".build" / warehouse.name
    (tmp_path / "secret.csv").write_text("password\nhunter2\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (warehouse, work)}
    listing = sorted(p.name for p in tmp_path.iterdir())
    sql = ESCAPES[escape].format(tmp=tmp_path, work=work)
    status, out, err = query(capsys, warehouse, sql)
    assert status == 1, out
    assert "Permission Error" in err or "configuration has been locked" in err
    assert "--output FILE" in err  # the message says how to export instead
    assert "hunter2" not in out and "root:" not in out
    assert {p: p.read_bytes() for p in (warehouse, work)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
    with duckdb.connect(str(work), read_only=True) as con:  # the pipeline's file still works
        assert con.execute("SELECT answer FROM t").fetchone() == (42,)


def test_the_connection_itself_is_locked(warehouse: Path, tmp_path: Path):
    with open_readonly(warehouse) as con:
        settings = dict(
            con.execute(
                "SELECT name, value FROM duckdb_settings() WHERE name IN "
                "('enable_external_access', 'lock_configuration', 'access_mode')"
            ).fetchall()
        )
        assert settings == {
            "enable_external_access": "false",
            "lock_configuration": "true",
            "access_mode": "read_only",
        }
        with pytest.raises(duckdb.PermissionException):
            con.execute(f"COPY (SELECT 1) TO '{tmp_path / 'x.parquet'}'")
        with pytest.raises(duckdb.Error, match="read-only"):
            con.execute("CREATE TABLE marts.new AS SELECT 1")


def test_output_is_the_explicit_way_to_export(capsys, warehouse: Path, tmp_path: Path):
    target = tmp_path / "exports" / "claims.csv"
    status, out, err = query(
        capsys, warehouse, "SELECT cue FROM fct_claims ORDER BY 1", "-o", str(target)
    )
    assert status == 0 and out == "" and "2 row(s) as csv" in err
    assert list(csv.reader(target.open(newline=""))) == [["cue"], ["accuses"], ["said"]]
    as_json = tmp_path / "claims.json"
    assert query(capsys, warehouse, "SELECT 1 AS a", "--output", str(as_json))[0] == 0
    assert json.loads(as_json.read_text("utf-8")) == [{"a": 1}]
    # a failing query leaves the earlier export as it was, with no temp file beside it
    assert query(capsys, warehouse, "SELECT nope", "-o", str(target))[0] == 1
    assert target.read_text("utf-8") == "cue\naccuses\nsaid\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["claims.csv"]


def test_output_refuses_the_warehouse_files(capsys, warehouse: Path):
    work = warehouse.parent / ".build" / warehouse.name
    for target in (warehouse, work, Path(f"{warehouse}.wal")):
        before = target.read_bytes() if target.exists() else None
        status, _, err = query(capsys, warehouse, "SELECT 1", "-o", str(target))
        assert status == 2 and "would overwrite a warehouse file" in err
        assert (target.read_bytes() if target.exists() else None) == before


# --- the line shell -------------------------------------------------------------------------


def sql_shell(capsys, monkeypatch, warehouse: Path, script: str, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(script))
    status = main(["sql", "--warehouse", str(warehouse), *args])
    return status, capsys.readouterr().out


def test_line_shell_shows_every_result_and_skips_empty_statements(capsys, monkeypatch, warehouse):
    script = (
        "SELECT 1 AS a; SELECT 2 AS b;\n"
        ";\n"
        "-- a comment line;\n"
        "SELECT 'semi;\ncolon' AS s;\n"
        "SELECT count(*) AS n FROM fct_claims"  # the last statement needs no ;
    )
    status, out = sql_shell(capsys, monkeypatch, warehouse, script)
    assert status == 0, out
    assert [b.splitlines()[0].strip() for b in out.strip().split("\n\n")] == ["a", "b", "s", "n"]
    assert "semi; colon" in out and "error" not in out


def test_line_shell_is_locked_sanitised_and_takes_max_width(
    capsys, monkeypatch, warehouse, tmp_path
):
    script = (
        f"COPY (SELECT 1) TO '{tmp_path}/x.csv';\n"
        "SELECT title FROM raw.articles;\n"
        "SELECT content FROM fct_claims WHERE claim_id = 2;\n"
    )
    status, out = sql_shell(capsys, monkeypatch, warehouse, script, "--max-width", "12")
    assert status == 1
    assert "error: SQL error: Permission Error" in out and not (tmp_path / "x.csv").exists()
    assert not CONTROL.search(out.replace("\n", ""))
    assert "All the wor…" in out and "Title with …" in out


def test_harlequin_gets_the_locked_connection(warehouse: Path, tmp_path: Path):
    from harlequin.exception import HarlequinQueryError

    from pipeline.sql.harlequin import ReadOnlyAdapter

    connection = ReadOnlyAdapter((str(warehouse),), open_readonly, 300).connect()
    rows = connection.execute("SELECT count(*) AS n FROM fct_claims").fetchall()
    assert rows.to_pylist() == [{"n": 2}]
    with pytest.raises(HarlequinQueryError, match="disabled by configuration"):
        connection.execute(f"COPY (SELECT 1) TO '{tmp_path / 'x.csv'}'")
    with pytest.raises(HarlequinQueryError, match="disabled by configuration"):
        connection.execute("SELECT * FROM read_text('/etc/passwd')")
    assert not (tmp_path / "x.csv").exists()
    connection.conn.close()


def test_the_harlequin_app_runs_on_the_locked_connection(warehouse: Path):
    import asyncio

    from harlequin import Harlequin

    from pipeline.sql.harlequin import NOTICE, ReadOnlyAdapter

    adapter = ReadOnlyAdapter((str(warehouse),), open_readonly, 300)
    app = Harlequin(adapter=adapter, connection_hash="test", record_history=False)

    async def connected_settings() -> list[tuple]:
        async with app.run_test() as pilot:
            for _ in range(600):  # the app connects in a worker; allow a slow, shared machine
                if app.connection is not None:
                    break
                await pilot.pause(0.05)
            assert app.connection is not None and app.connection.init_message == NOTICE
            rows = app.connection.conn.execute(
                "SELECT current_setting('enable_external_access'), current_setting('search_path'), "
                "current_setting('enable_progress_bar')"
            ).fetchall()
            app.exit()
            return rows

    # no DuckDB progress bar drawn over the TUI
    assert asyncio.run(connected_settings()) == [(False, "marts,main", False)]


# --- the console script ---------------------------------------------------------------------


def test_console_script_runs_a_piped_script(warehouse: Path):
    exe = Path(sys.executable).parent / "newsclaims"
    done = subprocess.run(
        [str(exe), "query", "-f", "-", "--json", "--warehouse", str(warehouse)],
        input="-- header comment\nSELECT cue FROM fct_claims ORDER BY 1;\nSELECT 1 AS one;\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [[{"cue": "accuses"}, {"cue": "said"}], [{"one": 1}]]


def test_a_warehouse_without_marts_still_opens(capsys, tmp_path: Path):
    ingested_only = tmp_path / "ingested.duckdb"
    with duckdb.connect(str(ingested_only)) as con:
        con.execute("CREATE SCHEMA raw; CREATE TABLE raw.articles AS SELECT 'a1' AS article_id")
    status, out, err = query(capsys, ingested_only, "SELECT article_id FROM raw.articles")
    assert status == 0 and "a1" in out, err


def test_a_float32_score_prints_as_its_digits_not_its_binary_tail(capsys, warehouse: Path):
    sql = "SELECT 0.3610724::FLOAT::DOUBLE AS confidence, 1.0::DOUBLE AS whole, 1e-9 AS tiny"
    status, out, _ = query(capsys, warehouse, sql)
    assert status == 0
    assert "0.3610724" in out and "0.36107239999999996" not in out
    assert "1e-09" in out


def test_a_file_of_named_queries_prints_each_name_above_its_table(
    capsys, warehouse: Path, tmp_path: Path
):
    queries = tmp_path / "q.sql"
    queries.write_text(
        "-- a header comment\n\n-- name: claims\nSELECT count(*) AS n FROM fct_claims;\n\n"
        "-- name: the first claim\nSELECT claim_id FROM fct_claims ORDER BY claim_id LIMIT 1;\n",
        encoding="utf-8",
    )
    status, out, _ = query(capsys, warehouse, "-f", str(queries))
    assert status == 0
    assert out.index("-- claims\n") < out.index("-- the first claim\n")
    assert out.splitlines()[1].strip().startswith("n")  # the table follows its name


def test_unnamed_statements_print_no_titles(capsys, warehouse: Path):
    status, out, _ = query(capsys, warehouse, "SELECT 1 AS a; SELECT 2 AS b")
    assert status == 0 and "-- " not in out
