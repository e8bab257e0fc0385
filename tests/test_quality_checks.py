"""GX suites as Dagster asset checks: a blocking failure stops downstream assets."""

from dataclasses import replace
from pathlib import Path

import dagster as dg
import pytest

from pipeline.defs.extract import RAW_CLAIMS, extract_claims
from pipeline.defs.ingest import ingest_articles
from pipeline.defs.quality import build_gx_checks
from pipeline.run.resources import (
    ArticleSourceResource,
    ExtractorResource,
    SettingsResource,
    WarehouseResource,
)

pytestmark = pytest.mark.slow


class _OffsetsPastTheEnd:
    """Wraps the real extractor and corrupts every claim: content ends past the text."""

    def __init__(self, inner):
        self._inner = inner
        self.version = inner.version

    def extract(self, articles):
        articles = list(articles)
        lengths = {article_id: len(text) for article_id, text in articles}
        for result in self._inner.extract(articles):
            end = lengths[result.article_id] + 50
            result.claims = [replace(c, content_end=end) for c in result.claims]
            yield result


class CorruptingExtractor(ExtractorResource):
    def get_extractor(self):
        return _OffsetsPastTheEnd(super().get_extractor())


downstream_ran: list[str] = []


@dg.asset(deps=[RAW_CLAIMS])
def claims_consumer() -> None:
    downstream_ran.append("yes")


def _materialize(extractor: ExtractorResource, seed_dir: Path, tmp_path: Path):
    checks = [c for c in build_gx_checks() if any(k.asset_key == RAW_CLAIMS for k in c.check_keys)]
    return dg.materialize(
        [ingest_articles, extract_claims, claims_consumer, *checks],
        resources={
            "warehouse": WarehouseResource(path=str(tmp_path / "w" / "newsclaims.duckdb")),
            "article_source": ArticleSourceResource(seeds_dir=str(seed_dir)),
            "extractor": extractor,
            "settings": SettingsResource(),
        },
        raise_on_error=False,
    )


def _claims_checks(result) -> dict[str, dg.AssetCheckEvaluation]:
    return {c.check_name: c for c in result.get_asset_check_evaluations()}


def test_clean_data_passes_and_downstream_runs(seed_dir: Path, tmp_path: Path):
    downstream_ran.clear()
    result = _materialize(ExtractorResource(), seed_dir, tmp_path)
    assert result.success
    checks = _claims_checks(result)
    assert checks["raw_claims_integrity"].passed
    assert downstream_ran == ["yes"]


def test_blocking_failure_stops_downstream_and_names_the_column(seed_dir: Path, tmp_path: Path):
    downstream_ran.clear()
    result = _materialize(CorruptingExtractor(), seed_dir, tmp_path)
    assert not result.success
    integrity = _claims_checks(result)["raw_claims_integrity"]
    assert not integrity.passed
    assert integrity.severity == dg.AssetCheckSeverity.ERROR
    assert "content_end" in integrity.metadata["summary"].value
    assert "content_end" in integrity.metadata["failed_columns"].value
    assert integrity.metadata["failed_expectations"].value[0]["sample"]
    assert downstream_ran == []  # the blocking check kept the consumer from running
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    assert dg.AssetKey("claims_consumer") not in materialized
