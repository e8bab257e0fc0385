"""dbt models as Dagster assets: staging -> intermediate -> marts, each model's dbt tests as one
asset check (`dbt_tests`, `pipeline.dbt_build.test_checks`).

A complete build is skipped when the raw tables and the dbt project are unchanged since the last
one; `rebuild: true` forces it. When the published warehouse does not hold that build (its
publish failed, or the file was replaced) or the report site was not finished from it, the
skipped build's models are passed on again, so publishing and the report follow without a
rebuild. dbt's line-per-node log goes to the build's folder in `dbt_project/target/runs/` (the
newest NEWSCLAIMS_DBT_RUNS_KEEP are kept) and the run log gets a one-line summary.
"""

import contextlib
import json
import time
from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    build_dbt_asset_specs,
)
from dagster_dbt.compat import DBT_PYTHON_VERSION
from pydantic import PrivateAttr

from pipeline.common.paths import DBT_PROJECT_DIR
from pipeline.common.settings import Settings, prestart_now
from pipeline.dbt_build.builds import (
    UNFINISHED,
    BuildFolders,
    BuildRecord,
    dbt_vars,
    ensure_manifest,
    project_files,
    set_build_id,
)
from pipeline.dbt_build.changes import (
    RebuildPlan,
    input_hashes,
    inputs_fingerprint,
    rebuild_plan,
)
from pipeline.dbt_build.subset import seed_path_args
from pipeline.dbt_build.test_checks import (
    check_specs,
    expected_tests,
    is_record,
    model_checks,
    not_rerun,
    recorded_models,
    reused_as,
    subset_args,
    test_record,
)
from pipeline.dbt_build.warm import WarmDbt, client_executable
from pipeline.lake.config import lake_config
from pipeline.lake.dbt_env import lake_dbt_vars
from pipeline.report.site import site_is_current
from pipeline.run.dbt_events import as_asset_event, materialized_again
from pipeline.run.progress import Ticker
from pipeline.run.resources import SettingsResource, WarehouseResource
from pipeline.warehouse.connection import work_path_for

REPORT = dg.AssetKey(["warehouse", "report"])
dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
# Parses only when a project file changed (not on every load, as prepare_if_dev would), with
# the code location's settings, read as Dagster loads the definitions.
_LOADED = Settings.from_env()
ensure_manifest(
    dbt_project.project_dir,
    work_path_for(_LOADED.warehouse_path, _LOADED.work_db),
    _LOADED.dbt_executable,
    lake_dbt_vars(lake_config(_LOADED)),
)


class LocalDbtCliResource(DbtCliResource):
    """The dbt-core installed next to the pipeline, driven as a subprocess.

    dagster-dbt would otherwise run `dbt --version` (~2.5 s) and build a dbt adapter in this
    process (used only to fetch column metadata, which these assets do not) for every step.
    When it drives `newsclaims-dbt`, a warm dbt is started with the run (`pipeline.dbt_build.warm`).
    """

    prestart: str = "auto"  # NEWSCLAIMS_PRESTART: start a warm dbt with the run
    _warm: WarmDbt | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        super().setup_for_execution(context)
        run = context.run
        selected = run.asset_selection if run else None
        builds = not selected or bool(selected & newsclaims_dbt_models.keys)  # empty: all
        if builds and self.dbt_executable == client_executable() and prestart_now(self.prestart):
            self._warm = WarmDbt.start()

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._warm is not None:
            self._warm.stop()
            self._warm = None

    @cached_property
    def _cli_version(self):  # noqa: ANN202 - overrides dagster-dbt's private probe
        return DBT_PYTHON_VERSION

    def _initialize_dbt_core_adapter(self, args):  # noqa: ANN001, ANN202
        return None


class NewsclaimsDbtTranslator(DagsterDbtTranslator):
    """Models are keyed <schema>/<model> (marts/dim_actors) and grouped by layer."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return super().get_asset_key(dbt_resource_props)
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props.get("schema") or "dbt"


# dagster-dbt's one check per test is off: each model gets one check of all its tests
TRANSLATOR = NewsclaimsDbtTranslator(
    settings=DagsterDbtTranslatorSettings(
        enable_duplicate_source_asset_keys=True, enable_asset_checks=False
    )
)


class DbtBuildConfig(dg.Config):
    full_refresh: bool = False
    """Rebuild incremental models from scratch (`dbt build --full-refresh`)."""
    rebuild: bool = False
    """Build even when the raw tables and the dbt project are unchanged since the last build."""


def _manifest() -> dict:
    return json.loads(Path(dbt_project.manifest_path).read_text(encoding="utf-8"))


def _relations(manifest: Mapping) -> list[str]:
    """The project's model and seed relations, as `schema.name`."""
    return [
        f"{n['schema']}.{n.get('alias') or n['name']}"
        for n in manifest["nodes"].values()
        if n["resource_type"] in ("model", "seed")
    ]


def _stream_quietly(invocation, log_path: Path) -> Iterator[Any]:
    """dbt's structured events of an invocation; its per-node lines go to `log_path`."""
    with log_path.open("w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        yield from invocation.stream_raw_events()


_MANIFEST = _manifest()


@dg.multi_asset(
    name="newsclaims_dbt_models",
    specs=build_dbt_asset_specs(
        manifest=_MANIFEST, dagster_dbt_translator=TRANSLATOR, project=dbt_project
    ),
    check_specs=check_specs(_MANIFEST, TRANSLATOR),
    can_subset=True,
    pool="duckdb",
)
def newsclaims_dbt_models(
    context: dg.AssetExecutionContext,
    config: DbtBuildConfig,
    dbt: DbtCliResource,
    warehouse: WarehouseResource,
    settings: SettingsResource,
):
    cfg = settings.get()
    complete = not context.is_subset
    record = BuildRecord.for_work_db(warehouse.work_path)
    manifest = _manifest()
    relations = _relations(manifest)
    incremental = complete and not (config.full_refresh or config.rebuild)
    with warehouse.connect(read_only=True) as con:
        inputs = build_inputs(manifest, con)
        fingerprint = inputs_fingerprint(inputs)
        reason = record.unchanged_reason(fingerprint, relations, con) if incremental else None
        last = record.current(relations, con) if incremental else None
    if reason:
        skipped = yield from _skipped(context, manifest, record, warehouse, cfg.report_dir, reason)
        if skipped:
            return
    plan = _plan(context, manifest, last, inputs) if lake_config(cfg) is None else None
    record.forget()  # a build that stops half-way must not look complete
    run_id = context.run.run_id
    with warehouse.connect() as con:
        set_build_id(con, UNFINISHED + run_id)  # nor may its half-built models be published
    folders = BuildFolders(dbt_project.project_dir, keep=cfg.dbt_runs_keep)
    folder = folders.new(run_id)
    # the profile's database: this run's work database or the lake (as the parse had it)
    args = ["build", *dbt_vars(warehouse.work_path, lake_dbt_vars(lake_config(cfg)))]
    args += ["--full-refresh"] if config.full_refresh else []
    # dbt's unit tests test the SQL, not the data: the suite runs them (test_warehouse_models)
    args += ["--exclude-resource-type", "unit_test"]
    if plan is not None:
        context.log.info(
            f"dbt build of what changed ({plan.describe()}): {' '.join(plan.selectors)}"
        )
        yield from _unchanged_models(context, manifest, plan)
        args += ["--select", " ".join(plan.selectors)]  # one value: dagster-dbt parses it
    elif not complete:  # a seed edit reaches the selection through the models between
        _build_from_seeds(context, dbt, folder, dbt_vars(warehouse.work_path))
        args += subset_args(context, manifest, TRANSLATOR)
    # without the context: dagster-dbt would map each selected check to one test
    invocation = dbt.cli(
        args,
        raise_on_error=False,
        manifest=dbt_project.manifest_path,
        dagster_dbt_translator=TRANSLATOR,
        target_path=folder,
    )
    tests = yield from _run_build(context, manifest, invocation, folder, folders)
    reused = {}
    if plan is not None:
        kept = not_rerun(tests, last["tests"])
        reused = reused_as(kept, f"not re-run: only {plan.describe()}")
        tests += kept
    yield from model_checks(
        tests, context.selected_asset_check_keys, expected_tests(manifest, TRANSLATOR), reused
    )
    error = invocation.get_error()
    if error is not None:
        raise error  # after the checks: they name the failing tests
    with warehouse.connect() as con:
        set_build_id(con, run_id)
    if complete:
        record.save(fingerprint, run_id, tests, inputs)


def _run_build(
    context: dg.AssetExecutionContext,
    manifest: dict,
    invocation,
    folder: Path,
    folders: BuildFolders,
) -> Iterator[Any]:
    """Stream a dbt invocation's models as this asset's materialisations (returns its tests'
    results, `test_checks.test_record`), log one summary line and close the build's folder."""
    started = time.perf_counter()
    counts = {"models": 0, "tests": 0, "failed": 0}
    tests: list[dict] = []
    streamed = False
    try:
        status = lambda: f"{counts['models']} models and seeds, {counts['tests']} tests"  # noqa: E731
        with Ticker("dbt build", status=status):
            for raw in _stream_quietly(invocation, folder / "dbt_output.log"):
                test = test_record(raw.raw_event, manifest, TRANSLATOR, folder)
                if test is not None:
                    counts["tests"] += 1
                    counts["failed"] += test["status"] != "pass"
                    tests.append(test)
                    continue
                for event in raw.to_default_asset_events(
                    manifest=manifest,
                    dagster_dbt_translator=TRANSLATOR,
                    target_path=folder,
                    project=dbt_project,
                ):
                    counts["models"] += 1
                    yield as_asset_event(event)
        streamed = True
    finally:
        seconds = time.perf_counter() - started
        success = streamed and invocation.is_successful()
        folders.finish(folder, success)
        log = folder / "dbt_output.log"
        outcome = "done" if success else "FAILED"
        context.log.info(
            f"dbt build {outcome}: {counts['models']} models and seeds, {counts['tests']} tests "
            f"({counts['failed']} failed) in {seconds:.1f} s; dbt's log: {log}"
        )
    return tests


def _skipped(
    context: dg.AssetExecutionContext,
    manifest: dict,
    record: BuildRecord,
    warehouse: WarehouseResource,
    report_dir: Path,
    reason: str,
) -> Iterator[Any]:
    """Nothing changed: the last build's test results, and its models passed on when the
    published warehouse or the report is behind. Returns False (nothing yielded: build) when a
    result is missing."""
    tests = [t for t in (record.load() or {}).get("tests", []) if is_record(t)]
    selected = context.selected_asset_check_keys
    if not {k.asset_key for k in selected} <= recorded_models(tests):
        return False
    behind = _downstream_behind(context, record, warehouse, report_dir)
    if behind:
        context.log.info(f"dbt build skipped: {reason}; {behind}: passing it on again")
        yield from _passed_on(context, record)
    else:
        context.log.info(f"dbt build skipped: {reason} (config rebuild: true forces it)")
    expected = expected_tests(manifest, TRANSLATOR)
    yield from model_checks(tests, selected, expected, reused_as(tests, f"not re-run: {reason}"))
    return True


def _plan(
    context: dg.AssetExecutionContext, manifest: dict, last: dict | None, inputs: dict
) -> RebuildPlan | None:
    """The partial build from the last complete one, or None (build everything) when there is
    none, the change is not local, or one of the tests has no recorded result."""
    plan = rebuild_plan(manifest, (last or {}).get("inputs") or None, inputs)
    if plan is None or not plan.selectors:
        return None
    recorded = recorded_models(last["tests"])
    selected = {k.asset_key for k in context.selected_asset_check_keys}
    return plan if selected <= recorded else None


def _unchanged_models(
    context: dg.AssetExecutionContext, manifest: dict, plan: RebuildPlan
) -> Iterator[dg.MaterializeResult]:
    """The models a partial build leaves as they are (they depend on nothing that changed)."""
    built = {TRANSLATOR.get_asset_key(manifest["nodes"][uid]) for uid in plan.built}
    metadata = {"rebuilt": False, "unchanged_since": "the last build"}
    return materialized_again(context, context.selected_asset_keys - built, metadata)


def _passed_on(context: dg.AssetExecutionContext, record: BuildRecord) -> Iterator[Any]:
    """The selected models as the last build left them, materialised again without dbt."""
    build = (record.load() or {}).get("build_id", "")
    metadata = {"rebuilt": False, "build": build, "passed_on": True}
    return materialized_again(context, context.selected_asset_keys, metadata)


def _build_from_seeds(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, folder: Path, work_vars: list[str]
) -> None:
    """Build the seeds and the models between them and the selected models (dbt's log only),
    in the work database `work_vars` names (`dbt_vars`)."""
    args = seed_path_args(key.path[-1] for key in context.selected_asset_keys)
    if args is None:
        return
    args += work_vars
    with (folder / "dbt_seed_path.log").open("w", encoding="utf-8") as log:
        with contextlib.redirect_stdout(log):
            dbt.cli(args, target_path=folder / "seed_path").wait()
    context.log.info(f"built the seeds and the models between them and the selection: {args}")


def _downstream_behind(
    context: dg.AssetExecutionContext,
    record: BuildRecord,
    warehouse: WarehouseResource,
    report_dir: Path,
) -> str | None:
    """Why the published warehouse or the report (when this run makes it) does not show the
    last build, or None when both do."""
    behind = record.published_behind(warehouse.published_path)
    if behind:
        return behind
    selection = context.run.asset_selection  # None or empty: every asset
    build = (record.load() or {}).get("build_id")
    if (not selection or REPORT in selection) and not site_is_current(report_dir, build):
        return "the report site was not finished from it (or its templates changed)"
    return None


def build_inputs(manifest: Mapping, con) -> dict[str, str]:
    """What a build reads (`changes.input_hashes`) and the dbt-core version that builds it."""
    project_dir = Path(dbt_project.project_dir)
    inputs = input_hashes(manifest, project_dir, project_files(project_dir), con)
    return {**inputs, "dbt": str(DBT_PYTHON_VERSION)}
