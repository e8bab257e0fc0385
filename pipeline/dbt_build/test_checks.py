"""dbt tests as one Dagster asset check per model (`dbt_tests`), not one check per test.

Dagster plans, evaluates and stores every asset check of a run (≈ 50 ms of CPU each); with the
project's 141 tests as 141 checks a one-article run spent more on checks than dbt spent running
the tests. Each tested model or seed gets one check that lists every test of it (name, status,
failing rows), fails naming the failing tests and the compiled SQL that finds their rows, and
is blocking when one of its tests has severity error, as each test's own check was::

    specs = check_specs(manifest, translator)  # AssetCheckSpec("dbt_tests", marts/fct_claims)
    record = test_record(raw_event, manifest, translator, folder)
    # {"asset_key": ["marts", "fct_claims"], "test": "unique_fct_claims_claim_id",
    #  "status": "pass", "failures": 0}
    results = model_checks(records, context.selected_asset_check_keys, expected)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import dagster as dg

CHECK_NAME = "dbt_tests"
_TABLE = dg.TableSchema(
    columns=[
        dg.TableColumn("test", "string"),
        dg.TableColumn("status", "string"),
        dg.TableColumn("failing_rows", "int"),
    ]
)


def _node(manifest: Mapping, unique_id: str) -> Mapping[str, Any]:
    return manifest["nodes"].get(unique_id) or manifest["sources"][unique_id]


def _attached(test: Mapping) -> str | None:
    """The model (or seed) a data test checks: a generic test's own, else a singular test's one
    parent; None for a singular test of several tables (reported on none)."""
    parents = test["depends_on"]["nodes"]
    return test.get("attached_node") or (parents[0] if len(parents) == 1 else None)


def tests_by_model(manifest: Mapping) -> dict[str, list[Mapping]]:
    """Each tested node's data tests (unit tests are not data tests), by its unique id."""
    tests: dict[str, list[Mapping]] = defaultdict(list)
    for node in manifest["nodes"].values():
        if node["resource_type"] == "test" and _attached(node):
            tests[_attached(node)].append(node)
    return {uid: sorted(found, key=lambda t: t["name"]) for uid, found in sorted(tests.items())}


def _blocking(test: Mapping) -> bool:
    return (test["config"].get("severity") or "error").lower() == "error"


def check_specs(manifest: Mapping, translator) -> list[dg.AssetCheckSpec]:
    """One `dbt_tests` check per tested model, depending on every table its tests read."""
    specs = []
    for uid, tests in tests_by_model(manifest).items():
        key = translator.get_asset_key(_node(manifest, uid))
        reads = {p for t in tests for p in t["depends_on"]["nodes"]}
        deps = {translator.get_asset_key(_node(manifest, p)) for p in reads} - {key}
        specs.append(
            dg.AssetCheckSpec(
                name=CHECK_NAME,
                asset=key,
                blocking=any(_blocking(t) for t in tests),
                additional_deps=_sorted(deps),
                description=f"The {len(tests)} dbt tests of {_node(manifest, uid)['name']}: "
                + ", ".join(t["name"] for t in tests),
            )
        )
    return specs


def expected_tests(manifest: Mapping, translator) -> dict[dg.AssetKey, list[str]]:
    """The names of each tested model's tests, by the model's asset key."""
    return {
        translator.get_asset_key(_node(manifest, uid)): [t["name"] for t in tests]
        for uid, tests in tests_by_model(manifest).items()
    }


def test_record(raw_event: Mapping, manifest: Mapping, translator, folder: Path) -> dict | None:
    """The result of one data test from dbt's structured log event (`LogTestResult`), or None
    for any other event. A failing test's record names its compiled SQL in the build `folder`."""
    if raw_event["info"]["name"] != "LogTestResult":
        return None
    data = raw_event["data"]
    test = manifest["nodes"].get(data["node_info"]["unique_id"])
    if test is None or test["resource_type"] != "test" or not _attached(test):
        return None
    record = {
        "asset_key": list(translator.get_asset_key(_node(manifest, _attached(test))).path),
        "test": test["name"],
        "status": data["status"],
        "failures": data.get("num_failures") or 0,
    }
    if data["status"] != "pass":
        compiled = Path(folder, "compiled", test["package_name"], test["original_file_path"])
        record["sql"] = str(compiled / test["path"])
    return record


def is_record(test: Mapping) -> bool:
    """A test result in this module's form (a build record of an older form has none)."""
    return {"asset_key", "test", "status"} <= test.keys()


def not_rerun(ran: list[dict], last: list[dict]) -> list[dict]:
    """The last build's results of the tests a partial build did not run (`ran`)."""
    done = {_key(t) for t in ran}
    return [t for t in last if is_record(t) and _key(t) not in done]


def recorded_models(tests: Iterable[dict]) -> set[dg.AssetKey]:
    return {dg.AssetKey(t["asset_key"]) for t in tests if is_record(t)}


def _summary(tests: list[dict], failed: list[dict]) -> str:
    """First line: what failed (the run's summary prints it); then where each one's rows are."""
    if not failed:
        return f"{len(tests)} dbt tests passed"
    named = ", ".join(
        f"{t['test']} ({t['status']}, {t['failures']} row{'' if t['failures'] == 1 else 's'})"
        if t["status"] != "error"
        else f"{t['test']} (error)"
        for t in failed
    )
    lines = [f"{len(failed)} of {len(tests)} dbt tests failed: {named}"]
    lines += [f"{t['test']}: its SQL selects the failing rows: {t['sql']}" for t in failed]
    return "\n".join(lines)


def model_checks(
    tests: list[dict],
    selected: Iterable[dg.AssetCheckKey],
    expected: Mapping[dg.AssetKey, list[str]],
    reused: Mapping[tuple, str] | None = None,
) -> list[dg.AssetCheckResult]:
    """One result per selected model check from its tests' results (`reused`: why a test was
    not run again, by (asset key path, test)); none for a model none of whose tests ran."""
    reused = reused or {}
    by_model: dict[dg.AssetKey, list[dict]] = defaultdict(list)
    for t in tests:
        by_model[dg.AssetKey(t["asset_key"])].append(t)
    results = []
    for key in sorted(selected, key=lambda k: k.asset_key.path):
        ran = sorted(by_model.get(key.asset_key, []), key=lambda t: t["test"])
        if not ran:
            continue
        failed = [t for t in ran if t["status"] != "pass"]
        errors = any(t["status"] in ("fail", "error") for t in failed)
        not_run = sorted(set(expected.get(key.asset_key, [])) - {t["test"] for t in ran})
        again = {reused[_key(t)] for t in ran if _key(t) in reused}
        metadata: dict[str, Any] = {
            "summary": _summary(ran, failed),
            "tests": dg.MetadataValue.table(
                [
                    dg.TableRecord(
                        {"test": t["test"], "status": t["status"], "failing_rows": t["failures"]}
                    )
                    for t in ran
                ],
                schema=_TABLE,
            ),
            "failed": len(failed),
        }
        if not_run:
            metadata["not_run"] = ", ".join(not_run)
        if again and all(_key(t) in reused for t in ran):
            metadata["reused"] = "; ".join(sorted(again))
        elif again:
            metadata["reused_tests"] = sum(_key(t) in reused for t in ran)
        results.append(
            dg.AssetCheckResult(
                asset_key=key.asset_key,
                check_name=key.name,
                passed=not failed,
                severity=dg.AssetCheckSeverity.ERROR if errors else dg.AssetCheckSeverity.WARN,
                metadata=metadata,
            )
        )
    return results


def _key(test: Mapping) -> tuple:
    return (tuple(test["asset_key"]), test["test"])


def reused_as(tests: Iterable[dict], why: str) -> dict[tuple, str]:
    """`model_checks`' `reused` for `tests`, all not run again for the same reason."""
    return {_key(t): why for t in tests}


def subset_args(context: dg.AssetExecutionContext, manifest: Mapping, translator) -> list[str]:
    """dbt's selection for a subset of the models and their checks: the selected models (with
    their tests, dbt's default indirect selection) and the tests of checks selected without
    their model; with a selected model's check left out, its tests are not selected either."""
    uid_by_key = {
        translator.get_asset_key(node): uid
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] in ("model", "seed", "snapshot")
    }
    tests = tests_by_model(manifest)
    assets = context.selected_asset_keys
    checks = {k.asset_key for k in context.selected_asset_check_keys}
    tested = {key for key, uid in uid_by_key.items() if uid in tests}
    left_out = (assets & tested) - checks
    names = [".".join(_node(manifest, uid_by_key[key])["fqn"]) for key in _sorted(assets)]
    test_owners = checks - assets if not left_out else checks
    names += [".".join(t["fqn"]) for key in _sorted(test_owners) for t in tests[uid_by_key[key]]]
    return ["--select", " ".join(names)] + (["--indirect-selection", "empty"] if left_out else [])


def _sorted(keys: Iterable[dg.AssetKey]) -> list[dg.AssetKey]:
    return sorted(keys, key=lambda k: k.path)
