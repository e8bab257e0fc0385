"""Local stand-ins for a cluster's services, on loopback: a PostgreSQL catalog and a Redis broker.

Production points the lake at its own PostgreSQL server and Celery broker; `make lake-up` and
the tests start Debian's `postgresql` and `redis-server` in a folder of their own, on free ports.
PostgreSQL refuses to run as root, so as root its files belong to the `postgres` user::

    >>> pg = start_postgres(Path(".lake"))  # doctest: +SKIP
    >>> pg.dsn("newsclaims_lake")  # doctest: +SKIP
    'dbname=newsclaims_lake host=127.0.0.1 port=54123 user=postgres'
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.common import settings

PG_USER = "postgres"


class ServiceUnavailable(RuntimeError):
    """A binary the local services need is not installed (the message names the package)."""


def free_port() -> int:
    """A TCP port nothing listens on at the moment (loopback)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin(name: str) -> str:
    # a local dev service with no run to take settings from: this process's NEWSCLAIMS_PG_BIN_DIR
    if (folder := settings.current().pg_bin_dir) is not None:
        path = shutil.which(name, path=folder)
    else:
        found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
        path = found[-1] if found else shutil.which(name)
    if not path:
        raise ServiceUnavailable(f"{name} not found: install Debian's postgresql package")
    return path


def missing_binaries() -> list[str]:
    """Which of PostgreSQL and Redis are not installed here (empty when both are)."""
    missing = []
    try:
        _pg_bin("initdb")
    except ServiceUnavailable:
        missing.append("postgresql")
    if not shutil.which("redis-server"):
        missing.append("redis-server")
    return missing


def _as_pg_user(args: list[str]) -> list[str]:
    """PostgreSQL will not run as root: run its tools as the postgres user then."""
    return ["runuser", "-u", PG_USER, "--", *args] if os.geteuid() == 0 else args


def _wait_for_port(port: int, timeout_s: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    tail = log.read_text(errors="replace")[-500:] if log.exists() else ""
    raise RuntimeError(f"{what} did not start on port {port} within {timeout_s:.0f} s: {tail}")


@dataclass(frozen=True)
class Postgres:
    """A PostgreSQL cluster in `data_dir`, listening on 127.0.0.1:`port`."""

    data_dir: Path
    port: int

    def dsn(self, dbname: str) -> str:
        """A libpq connection string (what DuckLake's `ducklake:postgres:` prefix takes)."""
        return f"dbname={dbname} host=127.0.0.1 port={self.port} user={PG_USER}"

    def url(self, dbname: str) -> str:
        """SQLAlchemy URL for dagster-postgres (psycopg2; SQLAlchemy 2.1 defaults to psycopg 3)."""
        return f"postgresql+psycopg2://{PG_USER}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str) -> None:
        """Create database `name` unless it exists."""
        psql = [_pg_bin("psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", PG_USER]
        have = subprocess.run(
            [*psql, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not have:
            subprocess.run([*psql, "-qc", f'CREATE DATABASE "{name}"'], check=True)

    def stop(self) -> None:
        """Stop the server (fast shutdown); nothing when it is not running."""
        subprocess.run(
            _as_pg_user([_pg_bin("pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "stop"]),
            capture_output=True,
        )


def start_postgres(
    folder: Path, port: int | None = None, databases: tuple[str, ...] = ()
) -> Postgres:
    """Initialise (once) and start a PostgreSQL cluster under `folder/pg` on loopback only,
    trusting local connections; create `databases`. Returns it running."""
    data = folder.resolve() / "pg"
    port = port or free_port()
    if not (data / "PG_VERSION").exists():
        data.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:  # the postgres user must reach its folder through ours
            data.parent.chmod(0o711)
            shutil.chown(data, PG_USER, PG_USER)
            data.chmod(0o700)
        _run(
            _as_pg_user(
                [_pg_bin("initdb"), "-D", str(data), "-U", PG_USER, "--auth=trust", "-E", "UTF8"]
            )
        )
    log = data / "server.log"
    options = f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
    options += "-c max_connections=200 -c fsync=off"  # a scratch catalog: speed over durability
    _run(_as_pg_user([_pg_bin("pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "start"]))
    _wait_for_port(port, 30, "postgresql", log)
    server = Postgres(data, port)
    for name in databases:
        _retry(lambda name=name: server.create_database(name), 10)
    return server


def _run(args: list[str]) -> None:
    """Run a server tool; its own error output in one line when it fails."""
    out = subprocess.run(args, capture_output=True, text=True)
    if out.returncode != 0:
        said = " ".join((out.stderr or out.stdout).split())[-400:]
        raise RuntimeError(f"{Path(args[4] if args[0] == 'runuser' else args[0]).name}: {said}")


def _retry(action, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            action()
            return
        except subprocess.CalledProcessError:  # still starting up ("the database system is …")
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@dataclass(frozen=True)
class Redis:
    """A Redis server on 127.0.0.1:`port`, its files in `folder`."""

    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        pidfile = self.folder / "redis.pid"
        if pidfile.exists():
            try:
                os.kill(int(pidfile.read_text().strip()), 15)
            except (ProcessLookupError, ValueError):
                pass


def start_redis(folder: Path, port: int | None = None) -> Redis:
    """Start `redis-server` daemonised on loopback, no persistence, files under `folder/redis`."""
    if not shutil.which("redis-server"):
        raise ServiceUnavailable("redis-server not found: install Debian's redis-server package")
    where = folder.resolve() / "redis"
    where.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    log = where / "redis.log"
    subprocess.run(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--daemonize",
            "yes",
            "--dir",
            str(where),
            "--pidfile",
            str(where / "redis.pid"),
            "--logfile",
            str(log),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        check=True,
    )
    _wait_for_port(port, 15, "redis-server", log)
    return Redis(where, port)
