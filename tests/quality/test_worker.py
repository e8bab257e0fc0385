"""The GX worker: suites validated in a process of their own give the results (and the Data
Docs pages) an in-process validation gives; a dead worker costs nothing but its head start."""

from pathlib import Path

from pipeline.quality import get_suite, validate_suite
from pipeline.quality.worker import GxWorker

SUITES = ["raw_claims.integrity", "raw_claims.plausibility", "marts_fct_claims.integrity"]


def _essentials(result) -> tuple:
    return (
        result.suite,
        result.success,
        result.n_rows,
        [(e.type, e.columns, e.success, e.unexpected_count) for e in result.expectations],
    )


def test_worker_results_and_pages_match_an_in_process_validation(
    clean_db: Path, clean_con, corrupt, gx_ready, tmp_path: Path
):
    specs = [get_suite(name) for name in SUITES]
    here = [validate_suite(clean_con, spec) for spec in specs]
    first_claim = "SELECT min(claim_id) FROM raw.claims"
    bad = corrupt([f"UPDATE raw.claims SET cue_start = -1 WHERE claim_id IN ({first_claim})"])
    bad_here = validate_suite(bad, specs[0])
    bad_db = Path(
        bad.execute("SELECT path FROM duckdb_databases() WHERE NOT internal").fetchone()[0]
    )
    bad.close()
    worker = GxWorker()
    try:
        served, docs_error = worker.validate(clean_db, specs, tmp_path / "docs", keep_runs=3)
        assert docs_error is None
        assert [_essentials(r) for r in served] == [_essentials(r) for r in here]
        for result in served:
            assert Path(result.docs_page).is_file()
            assert Path(result.docs_page).is_relative_to(tmp_path / "docs" / "validations")
        [bad_served], _ = worker.validate(bad_db, specs[:1], None, keep_runs=3)
        assert not bad_served.success and "cue_start" in bad_served.failed_columns
        assert _essentials(bad_served) == _essentials(bad_here)
        assert worker.process.poll() is None  # one worker answers every request

        worker.process.kill()
        worker.process.wait()
        fallback, _ = worker.validate(clean_db, specs[:1], None, keep_runs=3)
        assert _essentials(fallback[0]) == _essentials(here[0])
    finally:
        worker.close()
