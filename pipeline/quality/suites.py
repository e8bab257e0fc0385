"""Discover and load the expectation suites in `expectations/` (no Great Expectations import).

A suite is two sibling files: `<name>.json` (GX 1.x suite format, with our settings in its
top-level `meta`) and `<name>.sql` (the DuckDB query whose result is the validated DataFrame).
Cross-table rules live in the query as computed columns (e.g. `article_exists`,
`text_at_offsets`), so every expectation checks one DataFrame. A kwarg written as a GX suite
parameter, `{"$PARAMETER": "claim_act"}`, is the value set of that name
(`dbt_project/seeds/value_sets.csv`), filled in when the suite is loaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.common import value_sets
from pipeline.common.paths import EXPECTATIONS_DIR

SEVERITIES = ("critical", "warning", "info")
PURPOSES = ("integrity", "plausibility")
_EXPECTATION_KEYS = {"type", "kwargs", "meta", "severity", "description", "notes"}
_COLUMN_KWARGS = ("column", "column_A", "column_B")


class SuiteFileError(ValueError):
    """A suite file is malformed (caught when loading, before any data is touched)."""


@dataclass(frozen=True)
class SuiteSpec:
    """One suite as loaded from disk: what to query, what to expect, and how to report it."""

    name: str
    path: Path
    table: str
    asset_key: tuple[str, ...]
    blocking: bool
    purpose: str
    query: str
    row_id_columns: tuple[str, ...]
    description: str
    expectations: tuple[dict[str, Any], ...]
    meta: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def check_name(self) -> str:
        """A Dagster-safe check name (letters, digits, underscores): `raw_claims_integrity`."""
        return "".join(ch if ch.isalnum() else "_" for ch in self.name)

    @property
    def columns_used(self) -> set[str]:
        """Every DataFrame column the suite's expectations (and samples) refer to."""
        used = set(self.row_id_columns)
        for exp in self.expectations:
            used.update(expectation_columns(exp))
            used.update(exp.get("meta", {}).get("sample_columns", []))
        return used


def expectation_columns(expectation: dict[str, Any]) -> list[str]:
    """The column names an expectation configuration checks, in kwarg order."""
    kwargs = expectation.get("kwargs", {})
    cols = [kwargs[k] for k in _COLUMN_KWARGS if k in kwargs]
    cols.extend(kwargs.get("column_list", []))
    return cols


def suites_dir() -> Path:
    """The folder holding the suite files (`<project>/expectations`)."""
    return EXPECTATIONS_DIR


def load_suite(path: Path) -> SuiteSpec:
    """Load and check one `<name>.json` suite file (and its `<name>.sql` query)."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SuiteFileError(f"{path}: cannot read suite: {exc}") from exc
    name = raw.get("name")
    if name != path.stem:
        raise SuiteFileError(f"{path}: suite name {name!r} must equal the file stem {path.stem!r}")
    meta = raw.get("meta") or {}
    for key in ("table", "asset_key", "blocking", "purpose", "row_id_columns"):
        if key not in meta:
            raise SuiteFileError(f"{path}: meta.{key} is required")
    if not isinstance(meta["blocking"], bool):
        raise SuiteFileError(f"{path}: meta.blocking must be true or false")
    if meta["purpose"] not in PURPOSES:
        raise SuiteFileError(f"{path}: meta.purpose must be one of {PURPOSES}")
    asset_key = meta["asset_key"]
    if not (
        isinstance(asset_key, list) and asset_key and all(isinstance(p, str) for p in asset_key)
    ):
        raise SuiteFileError(f"{path}: meta.asset_key must be a non-empty list of strings")
    sql_path = path.with_suffix(".sql")
    if not sql_path.is_file():
        raise SuiteFileError(f"{path}: the query file {sql_path.name} is missing")
    query = sql_path.read_text(encoding="utf-8").strip().rstrip(";")
    expectations = raw.get("expectations")
    if not isinstance(expectations, list) or not expectations:
        raise SuiteFileError(f"{path}: 'expectations' must be a non-empty list")
    default_severity = "critical" if meta["blocking"] else "warning"
    checked: list[dict[str, Any]] = []
    for i, exp in enumerate(expectations):
        where = f"{path}: expectations[{i}]"
        if not isinstance(exp, dict) or "type" not in exp or "kwargs" not in exp:
            raise SuiteFileError(f"{where} needs 'type' and 'kwargs' (1.x format)")
        unknown = set(exp) - _EXPECTATION_KEYS
        if unknown:
            raise SuiteFileError(f"{where} has unknown keys {sorted(unknown)}")
        exp = {
            **exp,
            "kwargs": _with_value_sets(exp["kwargs"], where),
            "severity": exp.get("severity", default_severity),
        }
        if exp["severity"] not in SEVERITIES:
            raise SuiteFileError(f"{where}: severity must be one of {SEVERITIES}")
        checked.append(exp)
    return SuiteSpec(
        name=name,
        path=path,
        table=meta["table"],
        asset_key=tuple(asset_key),
        blocking=meta["blocking"],
        purpose=meta["purpose"],
        query=query,
        row_id_columns=tuple(meta["row_id_columns"]),
        description=meta.get("description", ""),
        expectations=tuple(checked),
        meta=meta,
    )


def _with_value_sets(kwargs: dict[str, Any], where: str) -> dict[str, Any]:
    """`kwargs` with every `{"$PARAMETER": name}` replaced by the values of that value set."""
    out = dict(kwargs)
    for key, value in kwargs.items():
        if isinstance(value, dict) and set(value) == {"$PARAMETER"}:
            try:
                out[key] = list(value_sets.values(value["$PARAMETER"]))
            except value_sets.ValueSetError as exc:
                raise SuiteFileError(f"{where}: kwargs.{key}: {exc}") from None
    return out


def load_suites(directory: Path | None = None) -> list[SuiteSpec]:
    """Every suite in `directory` (default `expectations/`), sorted by name."""
    directory = Path(directory) if directory else suites_dir()
    return [load_suite(p) for p in sorted(directory.glob("*.json"))]


def get_suite(name: str, directory: Path | None = None) -> SuiteSpec:
    """One suite by name (`raw_claims.integrity`)."""
    path = (Path(directory) if directory else suites_dir()) / f"{name}.json"
    if not path.is_file():
        raise SuiteFileError(f"no suite named {name!r} ({path} not found)")
    return load_suite(path)


def suites_for_asset(
    asset_key: tuple[str, ...] | list[str], directory: Path | None = None
) -> list[SuiteSpec]:
    """The suites that check one asset (by asset key path)."""
    key = tuple(asset_key)
    return [s for s in load_suites(directory) if s.asset_key == key]
