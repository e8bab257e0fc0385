"""The fuzz corpus (tests/fuzz_corpus.py) through the real ingest asset: no crash, every input
accounted for, metadata typed and free of control characters."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import dagster as dg
import duckdb

from pipeline.defs.ingest import ingest_articles
from pipeline.ingest.records import QUARANTINE_REASONS, printable
from pipeline.run.resources import ArticleSourceResource, WarehouseResource

from .fuzz_corpus import BAD_DATES, MAX_BYTES, MAX_CHARS, build_corpus, unlock


def _clean(value: str | None) -> bool:
    return value is None or not any(unicodedata.category(c) in ("Cc", "Cs") for c in value)


def test_every_hostile_input_ends_as_an_article_or_a_quarantine_row(tmp_path: Path):
    seeds = tmp_path / "seeds"
    cases = build_corpus(seeds, tmp_path / "elsewhere")
    published = tmp_path / "w" / "newsclaims.duckdb"
    instance = dg.DagsterInstance.ephemeral()
    result = dg.materialize(
        [ingest_articles],
        instance=instance,
        resources={
            "warehouse": WarehouseResource(path=str(published)),
            "article_source": ArticleSourceResource(
                seeds_dir=str(seeds), max_file_bytes=MAX_BYTES, max_article_chars=MAX_CHARS
            ),
        },
    )
    unlock(seeds)
    assert result.success
    with duckdb.connect(str(WarehouseResource(path=str(published)).work_path)) as con:
        articles = con.execute(
            "SELECT source_path, title, url, outlet, external_id FROM raw.articles"
        ).fetchall()
        dated = con.execute(
            "SELECT count(*) FROM raw.articles WHERE source_path LIKE 'date%'"
            " AND published_at IS NULL"
        ).fetchone()[0]
        quarantine = con.execute("SELECT path, line_number, reason FROM raw.quarantine").fetchall()

    expected = [e for case in cases for e in case.expect]
    want_articles = sorted(printable(e.path) for e in expected if e.outcome == "article")
    assert sorted(a[0] for a in articles) == want_articles
    want_quarantine = sorted(
        (printable(e.path), e.line, e.reason) for e in expected if e.outcome == "quarantine"
    )
    assert sorted(quarantine, key=str) == sorted(want_quarantine, key=str)
    assert {q[2] for q in quarantine} <= set(QUARANTINE_REASONS)
    # the suites' key: repeats in one file keep their lines, look-alike names stay apart
    assert len(set(quarantine)) == len(quarantine), sorted(quarantine, key=str)
    assert "secret.txt" not in {a[0] for a in articles}  # a link out was not followed

    for path, title, url, outlet, external_id in articles:
        assert all(_clean(v) for v in (path, title, url, outlet, external_id)), path
    by_path = {a[0]: a for a in articles}
    # typed metadata: an int id is its digits; a list url / object outlet are dropped
    assert by_path["typed_meta.json"][2:] == (None, None, "12345")
    # escapes stripped from metadata (the printable rest kept)
    assert by_path["escapes_meta.json"][2:] == ("https://e.org/[2J", "Wire[31m red", "x]0;pwnedy")
    # the page's declared charset was honoured
    assert by_path["cp1252.html"][1] == "Café talks"
    # a date out of range kept its article, undated, with one warning naming file and line
    assert dated == 2 + len(BAD_DATES)
    logs = [e.user_message for e in instance.all_logs(result.run_id)]
    assert sum("kept with an unknown date" in m for m in logs) == 3 + len(BAD_DATES)
    assert any(m.startswith("dates.jsonl:2: date '0001-01-01T00:00:00+05:00'") for m in logs)
