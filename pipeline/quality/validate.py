"""Run a suite: DuckDB query -> pandas DataFrame -> Great Expectations -> `SuiteResult`.

`great_expectations` is imported lazily (it costs ~5 s); one ephemeral GX context is created per
process on first use and reused by every later validation.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import TYPE_CHECKING, Any

import duckdb

from pipeline.quality.results import ExpectationOutcome, SuiteResult, jsonable
from pipeline.quality.suites import SuiteSpec, expectation_columns, get_suite

if TYPE_CHECKING:
    import pandas as pd

DATASOURCE = "newsclaims"
BATCH_DEFINITION = "whole_dataframe"
SAMPLE_SIZE = 5
_ORDER_KEY = "expectation_index"

gx_lock = threading.RLock()
_runner: _GxRunner | None = None


class _GxRunner:
    """The process-wide ephemeral GX context and its pandas datasource."""

    def __init__(self) -> None:
        import great_expectations as gx
        from great_expectations.data_context.types.base import (
            DataContextConfig,
            InMemoryStoreBackendDefaults,
            ProgressBarsConfig,
        )

        config = DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(),
            analytics_enabled=False,
            progress_bars=ProgressBarsConfig(globally=False),
        )
        self.context = gx.get_context(mode="ephemeral", project_config=config)
        self.datasource = self.context.data_sources.add_pandas(DATASOURCE)
        self._batch_definitions: dict[str, Any] = {}

    def batch_definition(self, suite_name: str) -> Any:
        """The whole-DataFrame batch definition of one suite's asset (created once)."""
        if suite_name not in self._batch_definitions:
            asset = self.datasource.add_dataframe_asset(suite_name)
            self._batch_definitions[suite_name] = asset.add_batch_definition_whole_dataframe(
                BATCH_DEFINITION
            )
        return self._batch_definitions[suite_name]


def gx_context() -> Any:
    """The shared ephemeral GX context (imports GX and creates it on first call)."""
    return _get_runner().context


def _get_runner() -> _GxRunner:
    global _runner
    with gx_lock:
        if _runner is None:
            _runner = _GxRunner()
        return _runner


def build_gx_suite(spec: SuiteSpec) -> Any:
    """A fresh `great_expectations.ExpectationSuite` for a spec (raises on an unknown type)."""
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    expectations = []
    for i, exp in enumerate(spec.expectations):
        config = ExpectationConfiguration(
            type=exp["type"],
            kwargs=dict(exp["kwargs"]),
            meta={**exp.get("meta", {}), _ORDER_KEY: i},
            severity=exp["severity"],
            description=exp.get("description"),
            notes=exp.get("notes"),
        )
        expectations.append(config.to_domain_obj())
    suite = gx.ExpectationSuite(name=spec.name, expectations=expectations, meta=dict(spec.meta))
    if len(suite.expectations) != len(spec.expectations):  # GX logs and drops invalid configs
        raise ValueError(f"{spec.name}: GX rejected some expectations (see the log)")
    return suite


def validate_suite(
    con: duckdb.DuckDBPyConnection,
    spec: SuiteSpec | str,
    *,
    sample_size: int = SAMPLE_SIZE,
) -> SuiteResult:
    """Validate one suite against the database behind `con` (read-only is enough).

    Never raises for bad data or a missing table: a query that fails (e.g. a table not built
    yet) or a GX error gives a failed result with `error` set. `spec` may be a loaded
    `SuiteSpec` or a suite name. `seconds` excludes the one-time GX import and context set-up.
    """
    if isinstance(spec, str):
        spec = get_suite(spec)
    started = time.perf_counter()
    result = SuiteResult(
        suite=spec.name,
        table=spec.table,
        asset_key=list(spec.asset_key),
        blocking=spec.blocking,
        success=False,
        n_rows=0,
        seconds=0.0,
        validated_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    )
    try:
        frame = con.execute(spec.query).df().reset_index(drop=True)
    except duckdb.Error as exc:
        result.error = _query_error(exc)
        result.seconds = time.perf_counter() - started
        return result
    result.n_rows = len(frame)
    missing = sorted(spec.columns_used - set(frame.columns))
    if missing:
        result.error = f"the suite query does not return the columns {missing}"
        result.seconds = time.perf_counter() - started
        return result
    with gx_lock:
        setup = time.perf_counter()
        runner = _get_runner()
        started += time.perf_counter() - setup
        try:
            batch = runner.batch_definition(spec.name).get_batch(
                batch_parameters={"dataframe": frame}
            )
            gx_result = batch.validate(
                build_gx_suite(spec),
                result_format={"result_format": "SUMMARY", "partial_unexpected_count": sample_size},
            )
        except Exception as exc:  # a broken suite must fail the check, not crash the run
            result.error = f"GX validation raised {type(exc).__name__}: {exc}"
            result.seconds = time.perf_counter() - started
            return result
    outcomes = sorted(
        (_outcome(r, spec, frame, sample_size) for r in gx_result.results), key=lambda p: p[0]
    )
    result.expectations = [o for _, o in outcomes]
    result.success = bool(gx_result.success) and all(o.success for o in result.expectations)
    result.gx_result = gx_result
    result.seconds = time.perf_counter() - started
    return result


def warm_up() -> float:
    """Import GX and create the shared context now (seconds taken; ~0 when already done)."""
    started = time.perf_counter()
    _get_runner()
    return time.perf_counter() - started


def validate_all(
    con: duckdb.DuckDBPyConnection, specs: list[SuiteSpec] | None = None
) -> list[SuiteResult]:
    """Validate several suites (default: every suite in `expectations/`)."""
    from pipeline.quality.suites import load_suites

    return [validate_suite(con, s) for s in (specs if specs is not None else load_suites())]


def _query_error(exc: duckdb.Error) -> str:
    message = str(exc).strip().splitlines()[0]
    if isinstance(exc, duckdb.CatalogException):
        return f"query failed, a table it reads does not exist (not built yet?): {message}"
    return f"query failed: {type(exc).__name__}: {message}"


def _outcome(
    result: Any, spec: SuiteSpec, frame: pd.DataFrame, sample_size: int
) -> tuple[int, ExpectationOutcome]:
    config = result.expectation_config
    meta = dict(config.meta or {})
    position = int(meta.pop(_ORDER_KEY, 0))
    raw_exp = spec.expectations[position]
    kwargs = {k: v for k, v in config.kwargs.items() if k != "batch_id"}
    columns = expectation_columns(raw_exp)
    info = result.result or {}
    error = None
    if result.exception_info and result.exception_info.get("raised_exception"):
        error = str(result.exception_info.get("exception_message") or "expectation raised")
    sample: list[dict[str, Any]] = []
    if not result.success:
        sample = _sample_rows(info, spec, raw_exp, columns, frame, sample_size)
    severity = getattr(config.severity, "value", config.severity)
    return position, ExpectationOutcome(
        type=config.type,
        columns=columns,
        success=bool(result.success),
        severity=str(severity),
        description=raw_exp.get("description") or "",
        kwargs=jsonable(kwargs),
        observed_value=jsonable(info.get("observed_value")),
        element_count=info.get("element_count"),
        unexpected_count=info.get("unexpected_count"),
        unexpected_percent=jsonable(info.get("unexpected_percent")),
        sample=sample,
        error=error,
    )


def _sample_rows(
    info: dict[str, Any],
    spec: SuiteSpec,
    raw_exp: dict[str, Any],
    columns: list[str],
    frame: pd.DataFrame,
    sample_size: int,
) -> list[dict[str, Any]]:
    """Up to `sample_size` failing rows: the row id columns, then the checked columns."""
    wanted = [*spec.row_id_columns, *columns, *raw_exp.get("meta", {}).get("sample_columns", [])]
    cols = [c for c in dict.fromkeys(wanted) if c in frame.columns]
    index = info.get("partial_unexpected_index_list") or []
    rows = []
    for idx in index[:sample_size]:
        if isinstance(idx, dict):  # when GX returns id-column dicts instead of positions
            rows.append(jsonable(idx))
            continue
        try:
            record = frame.loc[idx, cols]
        except (KeyError, TypeError):
            continue
        rows.append({c: jsonable(record[c]) for c in cols})
    if not rows and info.get("partial_unexpected_list"):
        rows = [{"value": jsonable(v)} for v in info["partial_unexpected_list"][:sample_size]]
    return rows
