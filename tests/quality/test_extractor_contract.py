"""The integrity suites accept what the real extractor writes: the contract between
`pipeline/extract` and `expectations/`. Ingest the test seeds, extract with spaCy, validate."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.ingest import ingest_folder
from pipeline.quality import load_suites, validate_suite
from pipeline.warehouse.store import pending_articles, write_extractions, write_ingest_batch
from tests.quality.factory import make_seed_folder


def test_real_extraction_passes_the_raw_integrity_suites(tmp_path: Path, gx_ready: float) -> None:
    from pipeline.extract import Extractor

    seeds = make_seed_folder(tmp_path / "seeds")
    db = tmp_path / "warehouse.duckdb"
    extractor = Extractor()
    with duckdb.connect(str(db)) as con:
        write_ingest_batch(con, ingest_folder(seeds))
        try:
            results = list(extractor.extract(pending_articles(con, extractor.version)))
        except OSError as exc:  # the spaCy model package is missing
            pytest.skip(f"spaCy model unavailable: {exc}")
        write_extractions(con, results, extractor.version)
    assert sum(len(r.claims) for r in results) > 0
    with duckdb.connect(str(db), read_only=True) as con:
        for spec in load_suites():
            if spec.table.startswith("raw.") and spec.blocking:
                result = validate_suite(con, spec)
                assert result.success, result.summary()
