"""The ingest and extract steps the assets and the CLI share, on the seed in a temp warehouse."""

from __future__ import annotations

from pipeline.extract import Extractor
from pipeline.run.steps import extract_pending, ingest
from pipeline.warehouse.connection import connection


def test_ingest_then_extract_then_nothing_left(tmp_path, seed_dir):
    (seed_dir / "empty.txt").write_text("", encoding="utf-8")
    logged: list[tuple[str, str]] = []

    def log(level: str, message: str) -> None:
        logged.append((level, message))

    extractor = Extractor(n_process=1)
    with connection(tmp_path / "work.duckdb") as con:
        first = ingest(con, seed_dir, max_bytes=1_000_000, log=log)
        assert first.stats.articles_new == 1 and first.articles_total == 1
        assert first.reasons() == {"empty": 1} and first.quarantine_total == 1
        assert any(
            level == "warning" and msg.startswith("quarantined empty.txt: empty")
            for level, msg in logged
        )
        done = extract_pending(con, extractor, full_refresh=False, chunk_size=1, log=log)
        assert done.pending == done.articles == 1
        assert done.claims == done.totals["raw.claims"] >= 10
        # the run's extractor version, written once for every row of the run
        versions = con.execute(
            "SELECT DISTINCT extractor_version FROM raw.claims UNION "
            "SELECT DISTINCT extractor_version FROM raw.entity_mentions"
        ).fetchall()
        assert versions == [(extractor.version,)]
        again = extract_pending(con, extractor, full_refresh=False, chunk_size=1, log=log)
        assert again.pending == 0 and again.totals == done.totals
        assert (
            ingest(con, seed_dir, max_bytes=1_000_000, log=log).summary().startswith("no changes")
        )
    assert ("info", "1 articles to extract (extractor " + extractor.version + ")") in logged
