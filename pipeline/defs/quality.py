"""Great Expectations suites (expectations/) as Dagster asset checks.

One multi-asset check per step (ingest, extract, dbt) runs the suites of that step's assets
against the work database, read-only.
Integrity suites are blocking (downstream assets do not materialise on bad data); plausibility
suites are warnings. A suite whose data is unchanged since its last validation reports that
result again (`reused_from`) without loading GX; the others are validated by the GX worker
(`pipeline.quality.worker`), get their own Data Docs page, and the check's `data_docs` link
opens it.
"""

from collections import defaultdict
from pathlib import Path

import dagster as dg

from pipeline.defs.dbt import newsclaims_dbt_models
from pipeline.defs.extract import extract_claims
from pipeline.defs.ingest import ingest_articles
from pipeline.lake.config import lake_config
from pipeline.quality import ResultCache, SuiteResult, SuiteSpec, data_fingerprint, load_suites
from pipeline.quality.docs_server import served_url
from pipeline.quality.worker import STEP_PREFIX, shared_worker
from pipeline.run.progress import Ticker
from pipeline.run.resources import SettingsResource, WarehouseResource


def _docs_dir(warehouse: WarehouseResource) -> Path:
    return warehouse.published_path.parent / "data_docs"


def _docs_links(
    result: SuiteResult, warehouse: WarehouseResource, explicit_url: str | None
) -> dict[str, dg.MetadataValue]:
    """The result's own validation page (else the site index): its path in the Data Docs folder,
    the file, and a link through the docs server running now, if one runs (`served_url`; or
    `explicit_url`, NEWSCLAIMS_DATA_DOCS_URL, when set)."""
    docs = _docs_dir(warehouse)
    page = Path(result.docs_page) if result.docs_page else docs / "index.html"
    if not (page.is_relative_to(docs) and page.is_file()):
        page = docs / "index.html"  # e.g. a result reused from a copied warehouse's cache
        if not page.is_file():
            return {}
    relative = page.relative_to(docs).as_posix()
    links = {
        "data_docs_page": dg.MetadataValue.text(relative),
        "data_docs_file": dg.MetadataValue.path(str(page)),
    }
    base = served_url(docs, explicit_url)
    if base:
        links["data_docs"] = dg.MetadataValue.url(f"{base.rstrip('/')}/{relative}")
    return links


def _check_spec(spec: SuiteSpec) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        name=spec.check_name,
        asset=dg.AssetKey(list(spec.asset_key)),
        blocking=spec.blocking,
        description=f"GX suite {spec.name}: {spec.description}".strip(),
    )


def _check_key(spec: SuiteSpec) -> dg.AssetCheckKey:
    return dg.AssetCheckKey(dg.AssetKey(list(spec.asset_key)), spec.check_name)


def _make_check(name: str, specs: list[SuiteSpec]) -> dg.AssetChecksDefinition:
    @dg.multi_asset_check(
        specs=[_check_spec(s) for s in specs],
        name=f"{STEP_PREFIX}{name}",
        pool="duckdb",
        can_subset=True,
    )
    def _gx_check(
        context: dg.AssetCheckExecutionContext,
        warehouse: WarehouseResource,
        settings: SettingsResource,
    ):
        cfg = settings.get()
        selected = [s for s in specs if _check_key(s) in context.selected_asset_check_keys]
        cache = ResultCache(warehouse.work_path.with_name(f"{warehouse.work_path.stem}.checks"))
        with warehouse.connect(read_only=True) as con:
            fingerprints = {spec.name: data_fingerprint(con, spec) for spec in selected}
        reused = {s.name: cache.get(s, fingerprints[s.name]) for s in selected}
        todo = [spec for spec in selected if reused[spec.name] is None]
        fresh: dict[str, SuiteResult] = {}
        if todo:
            with Ticker(f"GX checks: {len(todo)} suites"):
                validated, docs_error = shared_worker().validate(
                    warehouse.work_path,
                    todo,
                    _docs_dir(warehouse),
                    cfg.data_docs_keep,
                    cfg.lock_timeout_s,
                    lake_config(cfg),
                )
            if docs_error:
                context.log.warning(f"could not build Data Docs: {docs_error}")
            fresh = {result.suite: result for result in validated}
        results = [reused[spec.name] or fresh[spec.name] for spec in selected]
        for result in results:
            if not result.success:
                log = context.log.error if result.blocking else context.log.warning
                log(result.summary())
        for name, result in fresh.items():
            cache.put(fingerprints[name], result)
        for spec, result in zip(selected, results, strict=True):
            yield dg.AssetCheckResult(
                asset_key=dg.AssetKey(list(spec.asset_key)),
                check_name=spec.check_name,
                passed=result.success,
                severity=(
                    dg.AssetCheckSeverity.ERROR if spec.blocking else dg.AssetCheckSeverity.WARN
                ),
                metadata={
                    **result.to_metadata(),
                    **_docs_links(result, warehouse, cfg.data_docs_url),
                },
            )

    return _gx_check


def _producing_step(asset_key: tuple[str, ...]) -> str:
    """The step that materialises an asset: its checks run together, right after it."""
    key = dg.AssetKey(list(asset_key))
    for name, step in (
        ("ingest", ingest_articles),
        ("extract", extract_claims),
        ("marts", newsclaims_dbt_models),
    ):
        if key in step.keys:
            return name
    return "_".join(asset_key)


def build_gx_checks() -> list[dg.AssetChecksDefinition]:
    """One check definition per step whose assets have suites in expectations/ (the suites of
    one step's assets share one GX session and one Data Docs build)."""
    by_step: dict[str, list[SuiteSpec]] = defaultdict(list)
    for spec in load_suites():
        by_step[_producing_step(spec.asset_key)].append(spec)
    return [_make_check(name, specs) for name, specs in sorted(by_step.items())]


@dg.definitions
def quality_checks() -> dg.Definitions:
    return dg.Definitions(asset_checks=build_gx_checks())
