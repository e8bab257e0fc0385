"""Materialise the pipeline in this process, on the Dagster instance the UI uses."""

from __future__ import annotations

import os
import signal
import sys
import threading
import uuid
from collections.abc import Callable
from typing import NoReturn

import dagster as dg

from pipeline.common.settings import Settings
from pipeline.run.lifecycle import guarded_run, owner_tags

PUBLISHED = dg.AssetKey(["warehouse", "published"])
REPORT = dg.AssetKey(["warehouse", "report"])
PUBLISHES = (PUBLISHED, REPORT)  # a partial run ends with both


def dagster_instance(cfg: Settings) -> dg.DagsterInstance:
    """The shared instance in DAGSTER_HOME (the Makefile sets it), else an ephemeral one."""
    home = cfg.dagster_home
    if home and home.is_dir():
        return dg.DagsterInstance.get()
    return dg.DagsterInstance.ephemeral()


def run_pipeline(
    cfg: Settings | None = None,
    select: str = "*",
    full_refresh: bool = False,
    instance: dg.DagsterInstance | None = None,
    log_level: str = "INFO",
    run_id: str | None = None,
    log: Callable[[str], None] | None = None,
    rebuild: bool = False,
) -> dg.ExecuteInProcessResult:
    """Run the selected assets (default: everything) and their checks in-process, with the
    settings `cfg` (default: the environment's) in every resource.

    Stale runs are cleaned up first and the warehouse's run lock is held for the whole run
    (`pipeline.run.lifecycle`); `log` gets those one-line messages (default: stderr). `rebuild`
    builds dbt even when its inputs are unchanged (then publishing and the report follow).
    """
    cfg = cfg or Settings.from_env()
    instance = instance or dagster_instance(cfg)
    run_id = run_id or str(uuid.uuid4())
    with guarded_run(instance, run_id, cfg, log or _to_stderr):
        return _execute(cfg, select, (full_refresh, rebuild), instance, (log_level, run_id))


def _to_stderr(line: str) -> None:
    print(f"newsclaims run: {line}", file=sys.stderr, flush=True)


def _execute(
    cfg: Settings,
    select: str,
    refresh: tuple[bool, bool],
    instance: dg.DagsterInstance,
    level_and_id: tuple[str, str],
) -> dg.ExecuteInProcessResult:
    from pipeline.definitions import defs as load_defs
    from pipeline.quality.worker import shared_worker
    from pipeline.run.resources import resource_config

    log_level, run_id = level_and_id
    if cfg.prestart_now():
        shared_worker()  # GX imports on the second core while Dagster loads the definitions
    defs = load_defs()
    job = defs.resolve_implicit_global_asset_job_def()
    run_config: dict = {
        "loggers": {"console": {"config": {"log_level": log_level}}},
        "resources": resource_config(cfg),  # this run's settings, in place of the location's
    }
    full_refresh, rebuild = refresh
    if full_refresh:
        run_config["ops"] = {
            "extract_claims": {"config": {"full_refresh": True}},
            "newsclaims_dbt_models": {"config": {"full_refresh": True}},
        }
    elif rebuild:
        run_config["ops"] = {"newsclaims_dbt_models": {"config": {"rebuild": True}}}
    selection = None if select == "*" else [select]
    return job.execute_in_process(
        run_config=run_config,
        instance=instance,
        run_id=run_id,
        asset_selection=(
            None
            if selection is None
            else list(
                # a partial run still publishes, so its result is what users query, and the
                # report follows the publish
                (dg.AssetSelection.from_string(select) | dg.AssetSelection.assets(*PUBLISHES))
                .required_multi_asset_neighbors()
                .resolve(defs.resolve_asset_graph())
            )
        ),
        raise_on_error=False,
        tags={
            "newsclaims/trigger": "cli",
            "newsclaims/seeds": str(cfg.seeds_dir),
            **owner_tags(),
        },
    )


def _step_failures(result: dg.ExecuteInProcessResult) -> list[str]:
    """One line per failed step: which step, and the first line of its error."""
    lines = []
    for event in result.all_events:
        if event.event_type != dg.DagsterEventType.STEP_FAILURE:
            continue
        error = event.step_failure_data.error
        while error is not None and error.cause is not None and _is_dagsters(error.cls_name):
            error = error.cause  # the user code's error, not Dagster's wrapper
        message = (error.message.strip().splitlines() or ["?"])[-1] if error else "unknown error"
        lines.append(f"  step {event.step_key} failed: {message[:300]}")
    return lines


def _is_dagsters(cls_name: str) -> bool:
    """True for Dagster's own wrappers ("DagsterExecutionStepExecutionError")."""
    return cls_name.lower().startswith("dagster")


def summarize(result: dg.ExecuteInProcessResult, cfg: Settings) -> str:
    """A few lines for the terminal: outcome, what changed, failing checks, where to look."""
    checks = result.get_asset_check_evaluations()
    failed = [c for c in checks if not c.passed]
    lines = [f"newsclaims run: {'SUCCESS' if result.success else 'FAILED'} (run {result.run_id})"]
    for event in result.get_asset_materialization_events():
        key = event.asset_key.to_user_string()
        meta = {k: v.value for k, v in event.materialization.metadata.items()}
        if key == "raw/articles":
            lines.append(
                f"  articles: {meta.get('articles_total')} stored, {meta.get('articles_new')} new, "
                f"{meta.get('articles_removed')} removed"
            )
        elif key == "raw/quarantine" and meta.get("quarantined"):
            lines.append(f"  quarantined: {meta['quarantined']} (see raw.quarantine)")
        elif key == "raw/claims":
            lines.append(
                f"  extracted: {meta.get('articles_processed')} articles, "
                f"{meta.get('claims_written')} claims ({meta.get('claims_total')} in warehouse)"
            )
    lines.extend(_step_failures(result))
    reused = sum(("reused" in c.metadata or "reused_from" in c.metadata) for c in checks)
    again = f" ({reused} reported again: their data did not change)" if reused else ""
    lines.append(f"  checks: {len(checks) - len(failed)} passed, {len(failed)} failed{again}")
    for check in failed:
        kind = "blocking" if check.severity == dg.AssetCheckSeverity.ERROR else "warning"
        summary = check.metadata.get("summary")
        detail = f": {summary.value.splitlines()[0]}" if summary else ""
        lines.append(
            f"    FAILED ({kind}) {check.asset_key.to_user_string()} {check.check_name}{detail}"
        )
    published = cfg.warehouse_path
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    if result.success and PUBLISHED not in materialized:
        lines.append("  nothing new to build or publish: the warehouse is as the last run left it")
    if published.exists():
        lines.append(f"  warehouse: {published}")
        docs = published.parent / "data_docs" / "index.html"
        if docs.exists():
            lines.append(f"  data docs: {docs}")
        report = cfg.report_dir / "index.html"
        if report.exists():
            lines.append(f"  report: {report}  (newsclaims report --open)")
        lines.append(
            '  try: uv run newsclaims query "SELECT speaker_canonical_name, cue, content '
            'FROM marts.fct_claims LIMIT 5"'
        )
    return "\n".join(lines)


def run_until_stopped(**kwargs) -> dg.ExecuteInProcessResult:
    """`run_pipeline` in a worker thread; SIGTERM or SIGINT stop it within a second.

    Dagster only acts on a signal between steps (and never while a run waits for a pool
    slot), so the main thread keeps the signals: on one it kills the run's child processes
    (dbt, spaCy workers), marks the run failed and exits. That is as safe as a SIGKILL, which
    every step tolerates: the published file is replaced atomically or not at all, the run
    lock dies with the process and extraction resumes from its last committed chunk.
    """
    kwargs["cfg"] = kwargs.get("cfg") or Settings.from_env()
    instance = kwargs.pop("instance", None) or dagster_instance(kwargs["cfg"])
    run_id = str(uuid.uuid4())
    outcome: dict = {}

    def work() -> None:
        try:
            outcome["result"] = run_pipeline(instance=instance, run_id=run_id, **kwargs)
        except BaseException as exc:  # handed to the main thread
            outcome["error"] = exc

    received: list[int] = []
    stop = threading.Event()

    def on_signal(signum: int, _frame) -> None:
        received.append(signum)
        stop.set()

    # Dagster redirects fds 1 and 2 into its compute logs while a run executes: keep the
    # terminal's stderr to say why the run stopped
    terminal = os.dup(2)
    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    worker = threading.Thread(target=work, name="newsclaims-run", daemon=True)
    worker.start()
    try:
        while worker.is_alive() and not stop.wait(0.2):
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if received:
        _stop_now(instance, run_id, received[0], terminal)
    os.close(terminal)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _stop_now(instance: dg.DagsterInstance, run_id: str, signum: int, terminal: int) -> NoReturn:
    """Kill the run's children, mark it failed, say so in one line and exit 128+signum."""
    from pipeline.common.procs import kill_descendants
    from pipeline.run.lifecycle import mark_failed

    name = signal.Signals(signum).name
    kill_descendants()
    marked = mark_failed(instance, run_id, f"stopped by {name}") is not None
    message = (
        f"\nnewsclaims run: stopped by {name}"
        f"{f' (run {run_id[:8]} marked failed)' if marked else ' before the run started'}. "
        "The published warehouse is the last one published; the next run resumes where this "
        "one stopped.\n"
    )
    sys.stdout.flush()
    os.write(terminal, message.encode())  # on a line of its own, past any half-written log line
    os._exit(128 + signum)
