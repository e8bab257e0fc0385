"""The integrity contract on news nobody tuned on: every Wikinews article of the shared corpus
(295 CC BY articles, ../shared/corpora/wikinews; skipped without it), ingested and extracted
as a run does, passes the blocking raw suites. A blocking failure stops a whole run, so an
extractor inconsistency that only unseen text shows ("a Cabinet officer" once became a
target at offsets no mention has) must be found here, not in a user's nightly run."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.ingest import ingest_folder
from pipeline.quality import load_suites, validate_suite
from pipeline.warehouse.store import pending_articles, write_extractions, write_ingest_batch

from ..conftest import shared_path

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def test_unseen_news_passes_the_raw_integrity_suites(tmp_path: Path, gx_ready: float) -> None:
    from pipeline.extract import Extractor

    seeds = shared_path("corpora", "wikinews", "articles")
    db = tmp_path / "warehouse.duckdb"
    extractor = Extractor()
    with duckdb.connect(str(db)) as con:
        write_ingest_batch(con, ingest_folder(seeds))
        results = list(extractor.extract(pending_articles(con, extractor.version)))
        write_extractions(con, results, extractor.version)
    assert len(results) >= 250 and sum(len(r.claims) for r in results) > 1000
    with duckdb.connect(str(db), read_only=True) as con:
        checked = [
            validate_suite(con, spec)
            for spec in load_suites()
            if spec.table.startswith("raw.") and spec.blocking
        ]
    assert checked and not [r.summary() for r in checked if not r.success]
