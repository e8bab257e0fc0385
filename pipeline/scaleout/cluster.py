"""`make lake-up` / `make lake-down`: a whole lake-mode cluster on one machine, on loopback.

    PostgreSQL (catalog `newsclaims_lake`, Dagster storage `dagster`)  <- pipeline/scaleout/services
    Redis (Celery broker and results)
    dagster-daemon  (run queue -> CeleryRunLauncher, sensors, backfills)
    N Celery workers (`celery -A dagster_celery.app worker -c 1`): each runs whole partition runs

Everything lives under one folder (default `.lake/`, git-ignored); `env.sh` there holds the
variables that point `newsclaims`, `dagster` and `dg dev` at it (`. .lake/env.sh`).

    python -m pipeline.scaleout.cluster up --workers 2
    python -m pipeline.scaleout.cluster down
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline.common.paths import PROJECT_ROOT
from pipeline.common.settings import child_environment
from pipeline.scaleout.services import (
    Postgres,
    Redis,
    ServiceUnavailable,
    start_postgres,
    start_redis,
)

DEFAULT_FOLDER = PROJECT_ROOT / ".lake"
LAKE_DB = "newsclaims_lake"
DAGSTER_DB = "dagster"
INSTANCE_YAML = PROJECT_ROOT / "deploy" / "local" / "dagster.yaml"


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def cluster_env(folder: Path, pg: Postgres, redis: Redis) -> dict[str, str]:
    """What every process of the cluster (and a user's shell) needs to find it."""
    return {
        "DAGSTER_HOME": str(folder / "dagster_home"),
        "NEWSCLAIMS_DAGSTER_PG_URL": pg.url(DAGSTER_DB),
        "NEWSCLAIMS_CELERY_BROKER": redis.url,
        "NEWSCLAIMS_LAKE": f"ducklake:postgres:{pg.dsn(LAKE_DB)}",
        "NEWSCLAIMS_LAKE_DATA": str(folder / "data"),
        "NEWSCLAIMS_WAREHOUSE": str(folder / "warehouse" / "newsclaims.duckdb"),
    }


def run_inside(env: dict[str, str], module: str, argv: list[str], replace: bool = False) -> int:
    """`python -m module argv` in this environment plus the cluster's `env`: a process of the
    cluster, whose settings and Dagster instance (DAGSTER_HOME) come from its environment, as
    in the daemon and the workers. Returns its exit code; `replace`: becomes that process
    (same pid, so a signal to this one reaches it) and never returns."""
    args = [sys.executable, "-m", module, *argv]
    if replace:
        os.chdir(PROJECT_ROOT)
        os.execve(sys.executable, args, child_environment(env))
    return subprocess.run(args, env=child_environment(env), cwd=PROJECT_ROOT).returncode


def _write_env(folder: Path, env: dict[str, str]) -> None:
    (folder / "env.json").write_text(json.dumps(env, indent=1))
    lines = [f"export {k}='{v}'" for k, v in env.items()]
    (folder / "env.sh").write_text("\n".join(lines) + "\n")


def load_env(folder: Path = DEFAULT_FOLDER) -> dict[str, str] | None:
    """The running cluster's variables, or None when it is not up."""
    path = folder / "env.json"
    return json.loads(path.read_text()) if path.exists() else None


def _spawn(args: list[str], env: dict[str, str], log: Path) -> int:
    """Start a process in its own session (so `down` stops it and its children together)."""
    with log.open("ab") as out:
        proc = subprocess.Popen(
            args,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=PROJECT_ROOT,
        )
    return proc.pid


def _celery_config(folder: Path, broker: str) -> Path:
    """The module dagster-celery's app reads (`dagster_celery_config`): broker and results."""
    where = folder / "celery_config"
    where.mkdir(parents=True, exist_ok=True)
    (where / "dagster_celery_config.py").write_text(
        f"broker_url = {broker!r}\nresult_backend = {broker!r}\n"
        "worker_prefetch_multiplier = 1\ntask_acks_late = False\n"
    )
    return where


def start_workers(folder: Path, env: dict[str, str], count: int, first: int = 1) -> list[int]:
    """`count` Celery worker processes, one run at a time each. The solo pool runs the task in
    the worker process itself: extraction forks its own parser processes, which a prefork
    pool's daemonic children may not; one parser process each (NEWSCLAIMS_N_PROCESS=1), the
    workers are the parallelism."""
    config = _celery_config(folder, env["NEWSCLAIMS_CELERY_BROKER"])
    worker_env = child_environment(env | {"PYTHONPATH": f"{config}{os.pathsep}{PROJECT_ROOT}"})
    worker_env.setdefault("NEWSCLAIMS_N_PROCESS", "1")
    pids = []
    for i in range(first, first + count):
        args = [
            _bin("celery"),
            "-A",
            "dagster_celery.app",
            "worker",
            "--pool",
            "solo",
            "-Q",
            "dagster",
        ]
        args += ["--prefetch-multiplier=1", "-n", f"newsclaims-{i}@%h", "--loglevel", "INFO"]
        pids.append(_spawn(args, worker_env, folder / f"worker-{i}.log"))
    return pids


def up(folder: Path = DEFAULT_FOLDER, workers: int = 2) -> dict[str, str]:
    """Start (or keep) the services, the daemon and `workers` workers; returns the env."""
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    state = _state(folder)
    if state.get("pids") and all(_alive(p) for p in state["pids"]):
        return load_env(folder) or {}
    down(folder, quiet=True)
    pg = start_postgres(folder, databases=(LAKE_DB, DAGSTER_DB))
    redis = start_redis(folder)
    env = cluster_env(folder, pg, redis)
    home = Path(env["DAGSTER_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    write_instance_yaml(home / "dagster.yaml", workers)
    _write_env(folder, env)
    full = child_environment(env)
    _prepare_lake(full)
    daemon = _spawn(
        [_bin("dagster-daemon"), "run", "-m", "pipeline.definitions"], full, folder / "daemon.log"
    )
    pids = [daemon, *start_workers(folder, env, workers)]
    _save_state(folder, {"pids": pids, "pg": [str(pg.data_dir), pg.port], "redis": redis.port})
    return env


def write_instance_yaml(target: Path, workers: int) -> None:
    """deploy/local/dagster.yaml with as many runs in progress as there are workers: a run
    launched beyond them would wait in Celery's queue, where run monitoring fails it after
    `start_timeout_seconds`; in Dagster's queue it waits visibly, for as long as it takes."""
    import yaml

    instance = yaml.safe_load(INSTANCE_YAML.read_text())
    instance["run_queue"]["max_concurrent_runs"] = workers
    target.write_text(yaml.safe_dump(instance, sort_keys=False))


def _prepare_lake(env: dict[str, str]) -> None:
    """The raw schema is created once here, not by many workers racing on the catalog."""
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from pipeline.common import settings\n"
            "from pipeline.scaleout.runs import create_raw_schema\n"
            "create_raw_schema(settings.current())",
        ],
        env=env,
        check=True,
        cwd=PROJECT_ROOT,
    )


def _state(folder: Path) -> dict:
    path = folder / "cluster.json"
    return json.loads(path.read_text()) if path.exists() else {}


def _save_state(folder: Path, state: dict) -> None:
    (folder / "cluster.json").write_text(json.dumps(state))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def down(folder: Path = DEFAULT_FOLDER, quiet: bool = False) -> None:
    """Stop the workers, the daemon and the services this folder's `up` started."""
    folder = folder.resolve()
    state = _state(folder)
    for pid in state.get("pids", []):
        if _alive(pid):
            os.killpg(pid, signal.SIGTERM)  # each was started as its own session leader
    deadline = time.monotonic() + 20
    for pid in state.get("pids", []):
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _alive(pid):
            os.killpg(pid, signal.SIGKILL)
    if "redis" in state:
        Redis(folder / "redis", state["redis"]).stop()
    if "pg" in state:
        Postgres(Path(state["pg"][0]), state["pg"][1]).stop()
    (folder / "cluster.json").unlink(missing_ok=True)
    (folder / "env.json").unlink(missing_ok=True)
    if not quiet:
        print(f"lake-down: stopped the cluster in {folder}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.scaleout.cluster")
    parser.add_argument("action", choices=["up", "down"])
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if args.action == "down":
        down(args.folder)
        return 0
    try:
        env = up(args.folder, args.workers)
    except ServiceUnavailable as exc:
        print(f"lake-up: {exc}", file=sys.stderr)
        return 2
    print(f"lake-up: catalog, broker, daemon and {args.workers} workers running in {args.folder}")
    print(f"  lake: {env['NEWSCLAIMS_LAKE']}")
    print(f"  use it from a shell: . {args.folder}/env.sh")
    return 0


if __name__ == "__main__":
    sys.exit(main())
