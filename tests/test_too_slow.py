"""An article that cannot be extracted in time is stopped and quarantined `too_slow`, and the
run goes on: the quarantine row names the file and the articles, dbt and GX accept it."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from pipeline.extract.isolation import too_slow
from pipeline.extract.records import ArticleExtraction
from pipeline.warehouse.schema import ensure_raw_schema
from pipeline.warehouse.store import write_extractions

from .conftest import SEED_FILE
from .test_operations import _run_in_process

NOW = datetime(2026, 12, 7, 12, 0, 0)


def _article(con: duckdb.DuckDBPyConnection, article_id: str, path: str) -> None:
    con.execute(
        "INSERT INTO raw.articles (article_id, title, body, text, source_path, source_format, "
        "language, word_count, ingested_at) VALUES (?, '', '', 'text', ?, 'jsonl', 'en', 1, ?)",
        [article_id, path, NOW],
    )


def _quarantine(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        "SELECT path, line_number, reason, detail, seen_at FROM raw.quarantine ORDER BY path"
    ).fetchall()


def test_articles_stopped_at_their_deadline_get_one_quarantine_row_per_file():
    con = duckdb.connect()
    ensure_raw_schema(con)
    for article_id, path in (("a1", "feed.jsonl"), ("a2", "feed.jsonl"), ("b1", "other.jsonl")):
        _article(con, article_id, path)
    slow = too_slow(300)
    first = [ArticleExtraction("a1", error=slow), ArticleExtraction("b1")]
    write_extractions(con, first, "v1", now=NOW)
    write_extractions(con, [ArticleExtraction("a2", error=slow)], "v1", now=datetime(2027, 1, 1))
    rows = _quarantine(con)
    assert [(p, line, reason) for p, line, reason, *_ in rows] == [("feed.jsonl", None, "too_slow")]
    detail, seen_at = rows[0][3], rows[0][4]
    assert detail.startswith("2 article(s) not extracted in time: a1, a2; not extracted within")
    assert seen_at == NOW  # first seen when a1 was stopped
    # extracted in time by a later extractor version: the row goes
    write_extractions(con, [ArticleExtraction("a1"), ArticleExtraction("a2")], "v2", now=NOW)
    assert _quarantine(con) == []


@pytest.mark.slow
def test_a_run_with_an_article_too_slow_to_extract_succeeds_and_quarantines_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED_FILE, seeds / SEED_FILE.name)
    # ~300k characters of news text without a full stop: about 25 s of one core to extract
    body = SEED_FILE.read_text("utf-8").split("\n", 1)[1].replace(". ", ", ")
    (seeds / "endless.txt").write_text("An endless report\n\n" + body * (300_000 // len(body)))
    monkeypatch.setenv("NEWSCLAIMS_ARTICLE_TIMEOUT_S", "8")
    published = tmp_path / "w" / "newsclaims.duckdb"
    _run_in_process(published, seeds, monkeypatch)  # asserts the run succeeded
    with duckdb.connect(str(published), read_only=True) as con:
        rows = con.execute("SELECT path, reason, detail FROM staging.stg_quarantine").fetchall()
        extracted = con.execute(
            "SELECT source_path, n_claims > 0 FROM marts.dim_articles ORDER BY 1"
        ).fetchall()
    assert [(path, reason) for path, reason, _ in rows] == [("endless.txt", "too_slow")]
    assert "not extracted within 8 s (NEWSCLAIMS_ARTICLE_TIMEOUT_S)" in rows[0][2]
    assert extracted == [(SEED_FILE.name, True), ("endless.txt", False)]
