"""Run lifecycle: one writer run per warehouse, and stale runs cleaned up.

Every run (from `newsclaims run`, the UI, the schedule or the sensor) takes the warehouse's run
lock (`pipeline.warehouse.runlock`) before its first step and keeps it to the end, so two runs
never interleave their writes and a run publishes only what its own checks saw. A run that was
killed keeps nothing: the kernel drops its lock, and the next run (or the sensor's next tick)
marks it failed on the Dagster instance and frees its pool slots, saying so in one line.

Example::

    with guarded_run(instance, run_id, Settings.from_env(), log=print):
        job.execute_in_process(..., run_id=run_id)
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import dagster as dg

from pipeline.common.procs import process_is_alive, this_process
from pipeline.common.settings import Settings
from pipeline.quality.worker import STEP_PREFIX, shared_worker
from pipeline.warehouse.connection import connect, ensure_writable, work_path_for
from pipeline.warehouse.runlock import run_lock
from pipeline.warehouse.storage_format import set_aside_unreadable

TAG_PID = "newsclaims/pid"
TAG_HOST = "newsclaims/host"
TAG_PID_START = "newsclaims/pid_start"
POOL = "duckdb"
_IN_PROGRESS = [
    dg.DagsterRunStatus.STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.CANCELING,
]


def owner_tags() -> dict[str, str]:
    """Run tags naming the process that executes the run (read by `clean_stale_runs`)."""
    me = this_process()
    return {TAG_PID: me["pid"], TAG_HOST: me["host"], TAG_PID_START: me["pid_start"]}


def _is_dead(run: dg.DagsterRun) -> bool:
    pid = run.tags.get(TAG_PID)
    if not pid or run.tags.get(TAG_HOST) != socket.gethostname():
        return False  # not ours to judge: started elsewhere, or before it was tagged
    return not process_is_alive(int(pid), int(run.tags.get(TAG_PID_START) or 0))


def _claimed_slots(instance: dg.DagsterInstance, run_id: str) -> int:
    storage = instance.event_log_storage
    if not storage.supports_global_concurrency_limits:
        return 0
    info = storage.get_concurrency_info(POOL)
    return sum(1 for slot in info.claimed_slots if slot.run_id == run_id)


def mark_failed(instance: dg.DagsterInstance, run_id: str, why: str) -> int | None:
    """Mark an unfinished run failed and free its pool slots; returns slots freed (None when
    there was no unfinished run to mark)."""
    run = instance.get_run_by_id(run_id)
    if run is None or run.is_finished:
        return None
    slots = _claimed_slots(instance, run_id)
    instance.report_run_failed(run, message=why)
    if instance.event_log_storage.supports_global_concurrency_limits:
        instance.event_log_storage.free_concurrency_slots_for_run(run_id)
    return slots


def _slot_holders(instance: dg.DagsterInstance) -> set[str]:
    """Ids of the runs that hold, or wait for, a slot of any pool."""
    storage = instance.event_log_storage
    if not storage.supports_global_concurrency_limits:
        return set()
    holders = set(storage.get_concurrency_run_ids())
    holders.update(slot.run_id for slot in storage.get_concurrency_info(POOL).claimed_slots)
    return holders


def _plural(n: int) -> str:
    return f"{n} {POOL} pool slot{'s' if n != 1 else ''}"


def clean_stale_runs(instance: dg.DagsterInstance) -> list[str]:
    """Mark in-progress runs whose process is gone as failed, and free the pool slots of every
    run that is not alive, whatever its status.

    A run worker killed by SIGKILL (the UI's, the sensor's or `newsclaims run`'s) keeps its
    slots: Dagster's code server marks such a run FAILURE but frees nothing, and the next run
    would wait for the slot for ever. Returns one line per run cleaned up, e.g.
    "cleaned up run 1a2b3c4d (pid 42 is gone): marked failed, 1 duckdb pool slot freed".
    """
    lines = []
    for record in instance.get_run_records(dg.RunsFilter(statuses=_IN_PROGRESS)):
        run = record.dagster_run
        if not _is_dead(run):
            continue
        slots = mark_failed(
            instance,
            run.run_id,
            f"the process running it (pid {run.tags[TAG_PID]}) is gone (killed or crashed); "
            "marked failed by the next run",
        )
        lines.append(
            f"cleaned up run {run.run_id[:8]} (pid {run.tags[TAG_PID]} is gone): marked failed, "
            f"{_plural(slots or 0)} freed"
        )
    for run_id in sorted(_slot_holders(instance)):
        run = instance.get_run_by_id(run_id)
        if run is not None and not run.is_finished:
            continue  # alive, or not ours to judge (see _is_dead)
        slots = _claimed_slots(instance, run_id)
        instance.event_log_storage.free_concurrency_slots_for_run(run_id)
        status = run.status.value if run is not None else "deleted"
        lines.append(
            f"cleaned up run {run_id[:8]} ({status}, its process gone): {_plural(slots)} freed"
        )
    return lines


@contextmanager
def guarded_run(
    instance: dg.DagsterInstance,
    run_id: str,
    cfg: Settings,
    log: Callable[[str], None],
    should_stop: Callable[[], bool] | None = None,
) -> Iterator[None]:
    """Clean up stale runs, then hold the warehouse's run lock around one run.

    Before the run starts it proves that the warehouse's folders can be written and that no
    other process holds the work database (a SQL shell on it, say): either problem ends here
    in one line that names it (WarehouseAccessError, WarehouseLockedError), not in a step's
    traceback.
    """
    for line in clean_stale_runs(instance):
        log(line)
    published = cfg.warehouse_path
    work = work_path_for(published, cfg.work_db)
    for folder in dict.fromkeys([published.parent, work.parent]):
        ensure_writable(folder)
    with run_lock(work, {"run_id": run_id}, cfg.lock_timeout_s, log, should_stop):
        for path in (work, published):  # a newer DuckDB's files: set aside, built again
            set_aside_unreadable(path, log)
        # waits out (and then names) a process holding the database
        connect(work, timeout_s=cfg.lock_timeout_s).close()
        yield


def _interrupted() -> bool:
    """True once Dagster has captured SIGINT/SIGTERM for this run worker."""
    try:
        from dagster._utils.interrupts import check_captured_interrupt
    except ImportError:  # pragma: no cover - a Dagster without it just waits out the timeout
        return False
    return check_captured_interrupt()


class DelegatingExecutor(dg.Executor):
    """An executor that runs its plan with `inner`; subclasses add what happens around it."""

    def __init__(self, inner: dg.Executor) -> None:
        self._inner = inner

    @property
    def retries(self):
        return self._inner.retries

    @property
    def step_dependency_config(self):
        return self._inner.step_dependency_config

    def execute(self, plan_context, execution_plan):
        yield from self._inner.execute(plan_context, execution_plan)


class OneWriterExecutor(DelegatingExecutor):
    """The in-process executor, holding the warehouse's run lock for the whole run."""

    def __init__(self, inner: dg.Executor, cfg: Settings) -> None:
        super().__init__(inner)
        self._cfg = cfg

    def execute(self, plan_context, execution_plan):
        instance, run_id = plan_context.instance, plan_context.run_id
        instance.add_run_tags(run_id, owner_tags())
        checks = any(key.startswith(STEP_PREFIX) for key in execution_plan.step_keys_to_execute)
        if checks and self._cfg.prestart_now():
            shared_worker()  # GX imports on the second core while the first steps run
        with guarded_run(instance, run_id, self._cfg, plan_context.log.warning, _interrupted):
            yield from self._inner.execute(plan_context, execution_plan)


@dg.executor(name="in_process", config_schema=dg.in_process_executor.config_schema)
def one_writer_executor(init_context) -> dg.Executor:
    """Every step in one process (spaCy and GX load once), one run per warehouse at a time.
    A run launched from the UI, the schedule or the sensor: the code location's settings."""
    inner = dg.in_process_executor.executor_creation_fn(init_context)
    return OneWriterExecutor(inner, Settings.from_env())
