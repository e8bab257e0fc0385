"""Plain result records of a suite validation (no Great Expectations import): easy to log, test,
and turn into Dagster check metadata."""

from __future__ import annotations

import datetime as dt
import decimal
import math
from dataclasses import dataclass, field
from typing import Any

_MAX_TEXT = 200


def jsonable(value: Any, max_text: int = _MAX_TEXT) -> Any:
    """`value` as plain JSON data: NaN/NA -> None, numpy -> Python, dates -> ISO text.

    Long strings are cut to `max_text` characters so a sample of article rows stays small.
    """
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return value if len(value) <= max_text else value[: max_text - 1] + "…"
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, dict):
        return {str(k): jsonable(v, max_text) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v, max_text) for v in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    # numpy / pandas scalars and arrays, without importing them here
    if hasattr(value, "tolist") and not isinstance(value, type):
        try:
            return jsonable(value.tolist(), max_text)
        except (TypeError, ValueError):
            pass
    if hasattr(value, "isoformat"):
        try:
            return value.isoformat()
        except ValueError:  # NaT
            return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(value, "item"):
        try:
            return jsonable(value.item(), max_text)
        except (TypeError, ValueError):
            pass
    return str(value)


@dataclass
class ExpectationOutcome:
    """The result of one expectation, reduced to what a user needs to find the problem."""

    type: str
    columns: list[str]
    success: bool
    severity: str
    description: str = ""
    kwargs: dict[str, Any] = field(default_factory=dict)
    observed_value: Any = None
    element_count: int | None = None
    unexpected_count: int | None = None
    unexpected_percent: float | None = None
    sample: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None

    @property
    def label(self) -> str:
        """`type(col_a, col_b)`: how summaries name the expectation."""
        return f"{self.type}({', '.join(self.columns)})" if self.columns else self.type

    def describe(self) -> str:
        """One line: what failed, on which columns, how badly, with the first bad row."""
        parts = [f"[{self.severity}] {self.label}"]
        if self.description:
            parts.append(f"- {self.description}")
        detail = []
        if self.error:
            detail.append(f"error: {self.error}")
        if self.unexpected_count is not None and self.element_count is not None:
            pct = (
                f" ({self.unexpected_percent:.2f}%)" if self.unexpected_percent is not None else ""
            )
            detail.append(f"{self.unexpected_count} of {self.element_count} rows unexpected{pct}")
        if self.observed_value is not None:
            detail.append(f"observed {_short(self.observed_value)}")
        if self.sample:
            detail.append(f"e.g. {_short(self.sample[0])}")
        line = " ".join(parts)
        return f"{line}: {'; '.join(detail)}" if detail else line

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "type": self.type,
            "columns": list(self.columns),
            "success": self.success,
            "severity": self.severity,
            "description": self.description,
            "kwargs": jsonable(self.kwargs),
            "observed_value": jsonable(self.observed_value),
            "element_count": self.element_count,
            "unexpected_count": self.unexpected_count,
            "unexpected_percent": jsonable(self.unexpected_percent),
            "sample": jsonable(self.sample),
            "error": self.error,
        }


@dataclass
class SuiteResult:
    """The validation of one suite against one warehouse state."""

    suite: str
    table: str
    asset_key: list[str]
    blocking: bool
    success: bool
    n_rows: int
    seconds: float
    expectations: list[ExpectationOutcome] = field(default_factory=list)
    error: str | None = None
    validated_at: str = ""
    gx_result: Any = field(default=None, repr=False, compare=False)
    docs_page: str = ""
    """The result's own Data Docs page, once written."""
    reused_from: str = ""
    """When the validated data was unchanged: the time of the validation reported again."""

    @property
    def failures(self) -> list[ExpectationOutcome]:
        """Expectations that did not succeed, in suite order."""
        return [e for e in self.expectations if not e.success]

    @property
    def failed_columns(self) -> list[str]:
        """Columns named by failing expectations (deduplicated, in order)."""
        seen: dict[str, None] = {}
        for outcome in self.failures:
            for col in outcome.columns:
                seen.setdefault(col, None)
        return list(seen)

    def summary(self) -> str:
        """Readable text: the verdict, then one line per failing expectation with its columns."""
        kind = "blocking" if self.blocking else "warning"
        verdict = "passed" if self.success else "FAILED"
        head = f"{self.suite} on {self.table} ({kind}): {verdict}"
        if self.error:
            return f"{head}: {self.error}"
        n = len(self.expectations)
        head += (
            f", {len(self.failures)} of {n} expectations failed"
            f" on {self.n_rows} rows in {self.seconds:.2f} s"
        )
        return "\n".join([head, *(f"  - {o.describe()}" for o in self.failures)])

    def to_dict(self) -> dict[str, Any]:
        """Everything, as JSON-able data."""
        return {
            "suite": self.suite,
            "table": self.table,
            "asset_key": list(self.asset_key),
            "blocking": self.blocking,
            "success": self.success,
            "n_rows": self.n_rows,
            "seconds": round(self.seconds, 3),
            "error": self.error,
            "validated_at": self.validated_at,
            "docs_page": self.docs_page,
            "expectations": [e.to_dict() for e in self.expectations],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SuiteResult:
        """The inverse of `to_dict` (without the GX result object)."""
        fields = {k: v for k, v in data.items() if k != "expectations"}
        outcomes = [ExpectationOutcome(**e) for e in data.get("expectations", [])]
        return cls(**fields, expectations=outcomes)

    def to_metadata(self) -> dict[str, Any]:
        """Flat, JSON-able values for Dagster check metadata (no None values).

        Scalars become text/int/float/bool entries; `failed_expectations` is a list of dicts
        (type, columns, severity, observed value, unexpected count/percent, sample rows).
        """
        meta: dict[str, Any] = {
            "suite": self.suite,
            "table": self.table,
            "blocking": self.blocking,
            "success": self.success,
            "n_rows": self.n_rows,
            "seconds": round(self.seconds, 3),
            "expectations_evaluated": len(self.expectations),
            "expectations_failed": len(self.failures),
            "summary": self.summary(),
        }
        if self.error:
            meta["error"] = self.error
        if self.reused_from:
            meta["reused_from"] = self.reused_from
        if self.failures:
            meta["failed_columns"] = ", ".join(self.failed_columns)
            meta["failed_expectations"] = [_drop_none(o.to_dict()) for o in self.failures]
        return meta


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and k != "success"}


def _short(value: Any, limit: int = 160) -> str:
    text = repr(jsonable(value, max_text=60))
    return text if len(text) <= limit else text[: limit - 1] + "…"
