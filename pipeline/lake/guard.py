"""Two runs of one partition never both write it: each holds a PostgreSQL advisory lock on the
lake's catalog, named after the partition, for as long as it works on it.

The lock lives in a session of its own, so it goes with the process: a worker killed
mid-partition frees it at once (the server sees the connection drop), and a re-run can start.

    with partition_guard(cfg, ["2026-12-06|0"]):
        ...  # extract and commit the partition's rows
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from pipeline.lake.config import LakeConfig

_NAMESPACE = 0x6E657773  # "news": the advisory-lock class of newsclaims' partitions


class PartitionBusyError(RuntimeError):
    """Another run holds one of the partitions this run was asked to write."""


def _lock_id(key: str) -> int:
    return zlib.crc32(key.encode()) - (1 << 31)  # into PostgreSQL's int4 range


@contextmanager
def partition_guard(cfg: LakeConfig, keys: list[str]) -> Iterator[None]:
    """Hold an advisory lock for each of `keys`, or raise PartitionBusyError naming the first
    one that another run holds (nothing written)."""
    import psycopg2

    from pipeline.lake.connect import LakeUnavailableError

    try:
        session = psycopg2.connect(cfg.dsn, connect_timeout=10)
    except psycopg2.OperationalError as exc:
        first = " ".join(str(exc).split())[:200]
        raise LakeUnavailableError(
            f"cannot reach the lake's catalog ({cfg.dsn}) to claim the partition: {first}"
        ) from None
    session.autocommit = True
    try:
        with session.cursor() as cur:
            for key in keys:
                cur.execute("SELECT pg_try_advisory_lock(%s, %s)", (_NAMESPACE, _lock_id(key)))
                if not cur.fetchone()[0]:
                    raise PartitionBusyError(
                        f"partition {key} is being written by another run; this run wrote "
                        "nothing (re-run it once the other has finished)"
                    )
        yield
    finally:
        session.close()  # ends the session: every lock it held goes with it
