"""Dagster events of the dbt asset that dbt itself does not send: a build's materialisations
as the asset's own, models materialised again without dbt (the tests' checks:
`pipeline.dbt_build.test_checks`).

    yield from materialized_again(context, keys, {"rebuilt": False})  # upstream ones first
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
    """An event of a dbt invocation run without the asset's context as this asset's own: a
    materialisation as a `MaterializeResult`."""
    if isinstance(event, dg.AssetMaterialization):
        return dg.MaterializeResult(asset_key=event.asset_key, metadata=event.metadata)
    return event
