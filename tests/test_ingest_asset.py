"""The ingestion asset, materialised by Dagster into a real temp DuckDB file."""

from pathlib import Path

import dagster as dg
import duckdb

from pipeline.defs.ingest import ingest_articles
from pipeline.run.resources import ArticleSourceResource, WarehouseResource


def _materialize(
    seed_dir: Path, published: Path, instance: dg.DagsterInstance | None = None
) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [ingest_articles],
        instance=instance,
        resources={
            "warehouse": WarehouseResource(path=str(published)),
            "article_source": ArticleSourceResource(
                seeds_dir=str(seed_dir), max_file_bytes=100_000
            ),
        },
    )


def _metadata(result: dg.ExecuteInProcessResult, key: str) -> dict:
    event = next(
        e for e in result.get_asset_materialization_events() if e.asset_key.to_user_string() == key
    )
    return {k: v.value for k, v in event.materialization.metadata.items()}


def test_materialize_ingestion_into_temp_warehouse(tmp_path: Path, seed_dir: Path):
    published = tmp_path / "wh" / "newsclaims.duckdb"
    (seed_dir / "broken.jsonl").write_text('{"title": "a", "text": "b"\n', encoding="utf-8")
    (seed_dir / "bin.txt").write_bytes(b"\x00" * 64)

    result = _materialize(seed_dir, published)
    assert result.success
    meta = _metadata(result, "raw/articles")
    assert (meta["articles_new"], meta["articles_unchanged"], meta["files_scanned"]) == (1, 0, 3)
    assert _metadata(result, "raw/quarantine")["quarantined"] == 2

    work = WarehouseResource(path=str(published)).work_path
    with duckdb.connect(str(work), read_only=True) as con:
        rows = con.execute("SELECT title, source_path, language, text FROM raw.articles").fetchall()
        quarantine = con.execute(
            "SELECT path, line_number, reason FROM raw.quarantine ORDER BY path"
        ).fetchall()
    assert len(rows) == 1
    title, source_path, language, text = rows[0]
    assert title.startswith("Peace talks under threat")
    assert (source_path, language) == ("000_a81c1ecdc2e2b03d.txt", "en")
    assert "Please enter your comment" not in text
    assert quarantine == [("bin.txt", None, "binary"), ("broken.jsonl", 1, "malformed_json")]


def test_rerun_is_idempotent_and_says_so(tmp_path: Path, seed_dir: Path):
    published = tmp_path / "wh" / "newsclaims.duckdb"
    (seed_dir / "bin.txt").write_bytes(b"\x00" * 64)
    assert _materialize(seed_dir, published).success
    work = WarehouseResource(path=str(published)).work_path
    with duckdb.connect(str(work), read_only=True) as con:
        before = con.execute(
            "SELECT * FROM raw.articles UNION ALL BY NAME SELECT * FROM raw.quarantine"
        ).fetchall()

    instance = dg.DagsterInstance.ephemeral()
    again = _materialize(seed_dir, published, instance)
    meta = _metadata(again, "raw/articles")
    assert (meta["articles_new"], meta["articles_unchanged"], meta["changed"]) == (0, 1, False)
    assert _metadata(again, "raw/quarantine")["quarantined_new"] == 0
    with duckdb.connect(str(work), read_only=True) as con:
        after = con.execute(
            "SELECT * FROM raw.articles UNION ALL BY NAME SELECT * FROM raw.quarantine"
        ).fetchall()
    assert after == before
    messages = [entry.user_message for entry in instance.all_logs(again.run_id)]
    assert any(m.startswith("no changes: 1 articles unchanged") for m in messages)


def test_changed_file_replaces_its_article_and_fixed_file_leaves_quarantine(
    tmp_path: Path, seed_dir: Path
):
    published = tmp_path / "wh" / "newsclaims.duckdb"
    story = seed_dir / "story.txt"
    story.write_text(
        "Talks\n\nThe minister said the talks would resume on Monday in Geneva.", "utf-8"
    )
    bad = seed_dir / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    assert _materialize(seed_dir, published).success

    story.write_text(
        "Talks\n\nThe minister said the talks would resume on Friday in Geneva.", "utf-8"
    )
    bad.write_text(
        '{"title": "Fixed", "text": "Officials said the border crossing would reopen next week."}',
        encoding="utf-8",
    )
    result = _materialize(seed_dir, published)
    meta = _metadata(result, "raw/articles")
    assert (meta["articles_new"], meta["articles_removed"]) == (2, 1)
    work = WarehouseResource(path=str(published)).work_path
    with duckdb.connect(str(work), read_only=True) as con:
        bodies = sorted(r[0] for r in con.execute("SELECT body FROM raw.articles").fetchall())
        assert con.execute("SELECT count(*) FROM raw.quarantine").fetchone()[0] == 0
    assert any("Friday" in b for b in bodies) and not any("Monday" in b for b in bodies)


def test_a_deleted_file_takes_its_article_and_its_quarantine_row_with_it(
    tmp_path: Path, seed_dir: Path
):
    published = tmp_path / "wh" / "newsclaims.duckdb"
    kept, gone = seed_dir / "kept.txt", seed_dir / "gone.txt"
    kept.write_text("Talks\n\nThe minister said the talks would resume on Monday.", "utf-8")
    gone.write_text("Floods\n\nThe mayor said the river would crest on Sunday night.", "utf-8")
    bad = seed_dir / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    assert _materialize(seed_dir, published).success
    gone.unlink()
    bad.unlink()
    result = _materialize(seed_dir, published)
    meta = _metadata(result, "raw/articles")
    assert (meta["articles_new"], meta["articles_removed"]) == (0, 1)
    work = WarehouseResource(path=str(published)).work_path
    with duckdb.connect(str(work), read_only=True) as con:
        paths = {r[0] for r in con.execute("SELECT source_path FROM raw.articles").fetchall()}
        assert "kept.txt" in paths and "gone.txt" not in paths
        assert con.execute("SELECT count(*) FROM raw.quarantine").fetchone()[0] == 0


def test_an_emptied_folder_removes_nothing(tmp_path: Path, seed_dir: Path):
    published = tmp_path / "wh" / "newsclaims.duckdb"
    assert _materialize(seed_dir, published).success
    for path in seed_dir.iterdir():
        path.unlink()  # an unmounted share looks like this
    meta = _metadata(_materialize(seed_dir, published), "raw/articles")
    assert meta["articles_removed"] == 0 and meta["articles_total"] >= 1
