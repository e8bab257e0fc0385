"""A suite's result is reported again, without GX, while the data it validates is unchanged."""

from pathlib import Path

import duckdb
import pytest

from pipeline.quality import ResultCache, data_fingerprint, get_suite, validate_suite

pytestmark = pytest.mark.usefixtures("gx_ready")


def test_unchanged_data_reuses_the_result_and_a_change_validates_again(
    clean_db: Path, corrupt, tmp_path: Path
):
    spec = get_suite("raw_claims.integrity")
    cache = ResultCache(tmp_path / "checks")
    with duckdb.connect(str(clean_db), read_only=True) as con:
        fingerprint = data_fingerprint(con, spec)
        assert cache.get(spec, fingerprint) is None
        fresh = validate_suite(con, spec)
        cache.put(fingerprint, fresh)
        reused = cache.get(spec, data_fingerprint(con, spec))
    assert reused is not None and reused.success == fresh.success
    assert reused.reused_from == fresh.validated_at
    assert [e.type for e in reused.expectations] == [e.type for e in fresh.expectations]
    assert reused.to_metadata()["reused_from"] == fresh.validated_at

    bad = corrupt(
        [
            "UPDATE raw.claims SET act = 'opinion' WHERE claim_id IN "
            "(SELECT claim_id FROM raw.claims LIMIT 1)"
        ]
    )
    assert cache.get(spec, data_fingerprint(bad, spec)) is None


def test_a_failing_query_is_never_reused(corrupt, tmp_path: Path):
    spec = get_suite("raw_claims.integrity")
    con = corrupt(["DROP TABLE raw.claims CASCADE"])
    assert data_fingerprint(con, spec) is None
    assert ResultCache(tmp_path).get(spec, None) is None
