"""Lake mode's partitions and jobs (nothing in embedded mode).

Articles are partitioned by day x shard (`pipeline/lake/partitions.py` says why). Days are
dynamic partitions, added by ingestion as articles arrive: history that reaches back decades
shows only the days that hold articles (a `DailyPartitionsDefinition` from 1990 would show
13,000 mostly empty days and backfill them all). A backfill of many partitions runs several
per run (`BackfillPolicy.multi_run`), and the run queue never runs one partition twice at once
(`tag_concurrency_limits` on `dagster/partition`, deploy/local/dagster.yaml).
"""

from __future__ import annotations

import dagster as dg

from pipeline.common.settings import Settings
from pipeline.lake.config import lake_config
from pipeline.lake.partitions import DAYS_NAME

DAYS = dg.DynamicPartitionsDefinition(name=DAYS_NAME)
# the code location's settings, read as Dagster loads the definitions
_LOADED = Settings.from_env()


def lake_partitions() -> dg.MultiPartitionsDefinition | None:
    """day x shard in lake mode, None in embedded mode (one unpartitioned run, as before)."""
    if lake_config(_LOADED) is None:
        return None
    shards = dg.StaticPartitionsDefinition([str(i) for i in range(_LOADED.lake_shards)])
    return dg.MultiPartitionsDefinition({"day": DAYS, "shard": shards})


def backfill_policy() -> dg.BackfillPolicy | None:
    """Partitions per run of a backfill (NEWSCLAIMS_LAKE_PARTITIONS_PER_RUN, default 4)."""
    if lake_config(_LOADED) is None:
        return None
    return dg.BackfillPolicy.multi_run(max_partitions_per_run=_LOADED.lake_partitions_per_run)


def embedded_only(status_enum):
    """RUNNING in embedded mode, STOPPED in lake mode (whose own schedule and sensor run it),
    for a schedule's or sensor's default_status."""
    return status_enum.STOPPED if lake_config(_LOADED) is not None else status_enum.RUNNING
