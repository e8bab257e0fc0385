"""Opening the warehouse without lock fights, and publishing the serving copy.

The pipeline writes to a private *work* database (`<warehouse dir>/.build/<name>`). At the end
of a run the work database is copied to a temporary file and atomically renamed onto the
published warehouse that users query, so readers never block the pipeline and never see a
half-built state; sessions already open keep reading the copy they opened.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from pipeline.common import settings
from pipeline.warehouse.sql_text import sql_identifier, sql_string

T = TypeVar("T")
_SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (.+?) \(PID (\d+)\)")


class WarehouseLockedError(RuntimeError):
    """The warehouse file stayed locked by another process for the whole retry window."""


class WarehouseSpaceError(RuntimeError):
    """Too little free disk space to publish; raised before anything is written."""


class WarehouseAccessError(RuntimeError):
    """A folder the pipeline writes cannot be written (permissions, a read-only file system)."""


def ensure_writable(folder: Path) -> None:
    """Make `folder` if needed and prove a file can be written there, or raise
    WarehouseAccessError naming the folder and the fix (before a run has written anything)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise WarehouseAccessError(
            f"cannot write to {folder}: {exc.strerror or exc}. Make that folder writable, or "
            "point NEWSCLAIMS_WAREHOUSE (or --warehouse) at a writable place."
        ) from None


# Publishing writes a full copy (plus its WAL while it is built) before the old file goes:
# measured at 2-3x the work database's size at peak, so ask for the upper end up front.
PUBLISH_SPACE_FACTOR = 3.0


def work_path_for(published: Path, work_db: Path | None = None) -> Path:
    """The private database the pipeline writes: `work_db` when set (NEWSCLAIMS_WORK_DB), else
    `.build/` next to the published file.

    DuckDB names a database after its file, and dbt-duckdb puts that name into SQL unescaped,
    so the work file's name keeps only plain letters: `it's.duckdb` -> `it_s-<hash>.duckdb`.
    """
    if work_db is not None:
        return work_db
    return published.parent / ".build" / _sql_safe_name(published.name)


def _sql_safe_name(name: str) -> str:
    """`name` when it is ASCII letters, digits, `_`, `-` and `.`; else those kept and a hash of
    the whole name added, so two awkward names never meet in one file."""
    if _SAFE_NAME.fullmatch(name):
        return name
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    clean = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_") or "warehouse"
    return f"{clean}-{digest}{dot}{re.sub(r'[^A-Za-z0-9]', '', suffix)}"


def lock_holder(message: str) -> str | None:
    """'program (PID n)' from a DuckDB lock error message, if it names one."""
    match = _LOCK_HOLDER.search(message)
    return f"{match.group(1)} (PID {match.group(2)})" if match else None


def _retry_on_lock(action: Callable[[], T], path: Path, timeout_s: float) -> T:
    """Run `action`, retrying with backoff while another process holds the lock on `path`."""
    deadline = time.monotonic() + timeout_s
    wait = 0.1
    while True:
        try:
            return action()
        except duckdb.IOException as exc:
            holder = lock_holder(str(exc))
            if holder is None:
                raise
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WarehouseLockedError(
                    f"{path} is locked by {holder}; gave up after {timeout_s:.0f} s. "
                    "Close that process (a SQL shell or a running pipeline) or query the "
                    "published warehouse, which the pipeline never locks for long."
                ) from None
            time.sleep(min(wait, remaining))
            wait = min(wait * 2, 2.0)


def connect(
    path: Path,
    read_only: bool = False,
    timeout_s: float | None = None,
    config: dict[str, str | bool | int] | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, retrying with backoff while another process holds its lock.

    `config` is passed to `duckdb.connect` (database settings fixed at open time)."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    return _retry_on_lock(
        lambda: duckdb.connect(str(path), read_only=read_only, config=config or {}),
        path,
        settings.default("lock_timeout_s") if timeout_s is None else timeout_s,
    )


@contextmanager
def connection(
    path: Path,
    read_only: bool = False,
    timeout_s: float | None = None,
    config: dict[str, str] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """`connect` as a context manager that always closes (and so releases the lock)."""
    con = connect(path, read_only=read_only, timeout_s=timeout_s, config=config)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The block's statements commit together or not at all: any exception (Ctrl-C too) rolls
    them back and is raised again.

        with transaction(con):
            con.execute("DELETE FROM raw.claims WHERE article_id = ?", [aid])
            con.execute("INSERT INTO raw.claims SELECT * FROM _incoming")
    """
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def publish(work: Path, published: Path, timeout_s: float | None = None) -> float:
    """Atomically replace the published warehouse with a copy of the work database.

    Returns the seconds the copy took. The work file is attached read-only, so a crash at any
    point leaves the published file exactly as it was; the temporary copy a killed publish
    left behind is removed by the next one. Raises WarehouseSpaceError before writing
    anything when the disk cannot hold the copy.
    """
    started = time.perf_counter()
    if timeout_s is None:
        timeout_s = settings.default("lock_timeout_s")
    published.parent.mkdir(parents=True, exist_ok=True)
    remove_stranded_copies(published)
    check_free_space(work, published)
    tmp = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        with connection(tmp, timeout_s=timeout_s) as con:
            con.execute("SET enable_progress_bar = false")
            _retry_on_lock(
                lambda: con.execute(f"ATTACH {sql_string(work)} AS work_db (READ_ONLY)"),
                work,
                timeout_s,
            )
            db_name = con.execute("SELECT current_database()").fetchone()[0]
            con.execute(f"COPY FROM DATABASE work_db TO {sql_identifier(db_name)}")
            con.execute("DETACH work_db")
            con.execute("CHECKPOINT")
        os.replace(tmp, published)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
    return time.perf_counter() - started


def remove_stranded_copies(published: Path) -> list[Path]:
    """Delete temporary copies (and WALs) left by a publish whose process is gone."""
    from pipeline.common.procs import process_is_alive

    removed = []
    for path in published.parent.glob(f".{published.name}.*.tmp*"):
        pid = path.name[len(published.name) + 2 :].split(".")[0]
        if pid.isdigit() and not process_is_alive(int(pid)):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def check_free_space(work: Path, published: Path) -> None:
    """Refuse to start a publish the disk cannot finish (the published file stays as it is)."""
    size = work.stat().st_size + sum(
        p.stat().st_size for p in work.parent.glob(f"{work.name}.wal") if p.exists()
    )
    need = int(size * PUBLISH_SPACE_FACTOR)
    free = shutil.disk_usage(published.parent).free
    if free < need:
        raise WarehouseSpaceError(
            f"not enough disk space to publish: about {need / 1e6:.0f} MB needed in "
            f"{published.parent} ({PUBLISH_SPACE_FACTOR:g}x the {size / 1e6:.0f} MB work "
            f"database), {free / 1e6:.0f} MB free. Free some space and run again; the "
            "published warehouse is unchanged."
        )
