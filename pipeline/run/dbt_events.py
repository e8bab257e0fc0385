"""Dagster events of the dbt asset that dbt itself does not send: a partial build's events as
the asset's own, models materialised again without dbt, tests' recorded results reported again.

    yield from materialized_again(context, keys, {"rebuilt": False})  # upstream ones first
    record = test_record(check_result)     # {"asset_key", "check_name", "passed", "severity"}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from graphlib import TopologicalSorter
from typing import Any

import dagster as dg


def materialized_again(
    context: dg.AssetExecutionContext, keys: Iterable[dg.AssetKey], metadata: dict
) -> Iterator[dg.MaterializeResult]:
    """`keys` (of this asset's selection) materialised again without dbt, as they are, with
    `metadata`: upstream models first, as Dagster requires."""
    keys = set(keys)
    deps = context.assets_def.asset_deps
    order = TopologicalSorter({key: deps.get(key, set()) & keys for key in keys})
    for key in order.static_order():
        yield dg.MaterializeResult(asset_key=key, metadata=metadata)


def as_asset_event(event: Any) -> Any:
    """An event of a dbt invocation run without the asset's context (a partial build) as
    this asset's own: a materialisation as a `MaterializeResult`, a test as a check result."""
    if isinstance(event, dg.AssetMaterialization):
        return dg.MaterializeResult(asset_key=event.asset_key, metadata=event.metadata)
    if isinstance(event, dg.AssetCheckEvaluation):
        return dg.AssetCheckResult(
            asset_key=event.asset_key,
            check_name=event.check_name,
            passed=event.passed,
            severity=event.severity,
            metadata=event.metadata,
        )
    return event


def tests_reported_again(
    context: dg.AssetExecutionContext, last: list[dict], ran: list[dict], why: str
) -> Iterator[dg.AssetCheckResult]:
    """After a partial build: the recorded results of the tests it did not run (their data did
    not change), yielded as checks; returns every test's record, the new ones first."""
    done = {check_key(t) for t in ran}
    kept = [t for t in last if check_key(t) not in done]
    selected = context.selected_asset_check_keys
    for t in kept:
        if check_key(t) in selected:
            yield dg.AssetCheckResult(
                asset_key=dg.AssetKey(t["asset_key"]),
                check_name=t["check_name"],
                passed=t["passed"],
                severity=dg.AssetCheckSeverity(t["severity"]),
                metadata={"reused": f"not re-run: only {why}"},
            )
    return ran + kept


def check_key(test: dict) -> dg.AssetCheckKey:
    return dg.AssetCheckKey(dg.AssetKey(test["asset_key"]), test["check_name"])


def test_record(event: dg.AssetCheckResult) -> dict:
    return {
        "asset_key": list(event.asset_key.path),
        "check_name": event.check_name,
        "passed": event.passed,
        "severity": event.severity.value,
    }


def reported_again(
    context: dg.AssetExecutionContext, tests: list[dict], reason: str
) -> list[dg.AssetCheckResult] | None:
    """The last build's results of the selected dbt tests, for data that has not changed;
    None when one of them was not recorded (then the build runs)."""
    by_key = {check_key(t): t for t in tests}
    selected = context.selected_asset_check_keys
    if not selected <= by_key.keys():
        return None
    return [
        dg.AssetCheckResult(
            asset_key=key.asset_key,
            check_name=key.name,
            passed=by_key[key]["passed"],
            severity=dg.AssetCheckSeverity(by_key[key]["severity"]),
            metadata={"reused": f"not re-run: {reason}"},
        )
        for key in sorted(selected, key=lambda k: k.to_user_string())
    ]
