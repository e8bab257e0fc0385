"""Great Expectations suites (expectations/) as Dagster asset checks.

One multi-asset check per checked asset runs its suites against the work database, read-only.
Integrity suites are blocking (downstream assets do not materialise on bad data); plausibility
suites are warnings. Each check also refreshes the GX Data Docs next to the warehouse.
"""

from collections import defaultdict

import dagster as dg

from pipeline.quality import SuiteSpec, build_data_docs, load_suites, validate_suite
from pipeline.resources import WarehouseResource


def _check_spec(spec: SuiteSpec) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        name=spec.check_name,
        asset=dg.AssetKey(list(spec.asset_key)),
        blocking=spec.blocking,
        description=f"GX suite {spec.name}: {spec.description}".strip(),
    )


def _make_check(asset_key: tuple[str, ...], specs: list[SuiteSpec]) -> dg.AssetChecksDefinition:
    @dg.multi_asset_check(
        specs=[_check_spec(s) for s in specs],
        name=f"gx_{'_'.join(asset_key)}",
        pool="duckdb",
    )
    def _gx_check(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource):
        selected = {key.name for key in context.selected_asset_check_keys}
        results = []
        with warehouse.connect(read_only=True) as con:
            for spec in specs:
                if spec.check_name in selected:
                    results.append(validate_suite(con, spec))
        for result in results:
            if not result.success:
                log = context.log.error if result.blocking else context.log.warning
                log(result.summary())
        docs = None
        try:
            docs = build_data_docs(results, warehouse.published_path.parent / "data_docs")
        except Exception as exc:  # docs are a convenience; never fail a check on them
            context.log.warning(f"could not build Data Docs: {exc}")
        for spec, result in zip(
            [s for s in specs if s.check_name in selected], results, strict=True
        ):
            metadata = result.to_metadata()
            if docs is not None:
                metadata["data_docs"] = dg.MetadataValue.path(str(docs))
            yield dg.AssetCheckResult(
                asset_key=dg.AssetKey(list(spec.asset_key)),
                check_name=spec.check_name,
                passed=result.success,
                severity=(
                    dg.AssetCheckSeverity.ERROR if spec.blocking else dg.AssetCheckSeverity.WARN
                ),
                metadata=metadata,
            )

    return _gx_check


def build_gx_checks() -> list[dg.AssetChecksDefinition]:
    """One check definition per asset that has suites in expectations/."""
    by_asset: dict[tuple[str, ...], list[SuiteSpec]] = defaultdict(list)
    for spec in load_suites():
        by_asset[spec.asset_key].append(spec)
    return [_make_check(key, specs) for key, specs in sorted(by_asset.items())]


@dg.definitions
def quality_checks() -> dg.Definitions:
    return dg.Definitions(asset_checks=build_gx_checks())
