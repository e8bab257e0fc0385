"""Data quality: Great Expectations suites from `expectations/` run against the DuckDB warehouse.

Plain Python (no Dagster). Importing this package does not import great_expectations; the first
validation does (about 5 s), and every later one reuses the same ephemeral GX context.

    from pipeline.quality import load_suites, validate_suite
    with duckdb.connect(path, read_only=True) as con:
        for spec in load_suites():
            result = validate_suite(con, spec)
            print(result.summary())
"""

from pipeline.quality.cache import ResultCache, data_fingerprint
from pipeline.quality.docs import build_data_docs
from pipeline.quality.results import ExpectationOutcome, SuiteResult
from pipeline.quality.suites import (
    SuiteFileError,
    SuiteSpec,
    get_suite,
    load_suite,
    load_suites,
    suites_dir,
    suites_for_asset,
)
from pipeline.quality.validate import (
    build_gx_suite,
    validate_all,
    validate_suite,
    warm_up,
)

__all__ = [
    "ExpectationOutcome",
    "ResultCache",
    "SuiteFileError",
    "SuiteResult",
    "SuiteSpec",
    "build_data_docs",
    "build_gx_suite",
    "data_fingerprint",
    "get_suite",
    "load_suite",
    "load_suites",
    "suites_dir",
    "suites_for_asset",
    "validate_all",
    "validate_suite",
    "warm_up",
]
