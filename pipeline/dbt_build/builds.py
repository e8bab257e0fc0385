"""dbt as the pipeline runs it (plain Python, no Dagster).

- `ensure_manifest`: `dbt parse` only when the project's files changed since the last parse,
  with the profile pointed at the work database, so the partial-parse cache matches the runs.
- `BuildRecord`: what the last complete `dbt build` of a work database was built from (the raw
  tables' content and the project's files). A run whose inputs are unchanged skips dbt; one
  where only tables, seeds or model SQL changed rebuilds what is downstream of them
  (`pipeline.dbt_build.changes`).
- Build ids: every successful build writes its id into the work database (`meta.dbt_build`), so
  the published copy carries the id of the build it holds: whether the last build reached the
  published warehouse is read from the file, never inferred from modification times.
- `BuildFolders`: one folder per build under `dbt_project/target/runs/`, the newest N kept.

    record = BuildRecord.for_work_db(work_db)
    reason = record.unchanged_reason(fingerprint, relations, con)
    if reason is None: ...build, then record.save(...)
    record.published_behind(published)   # "the published warehouse holds build ..." or None
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

_SOURCE_SUFFIXES = {".sql", ".yml", ".yaml", ".csv", ".md"}
_SOURCE_DIRS = ("models", "macros", "seeds", "tests", "snapshots", "analyses")
PARTIAL_PARSE = "partial_parse.msgpack"
_BUILDING = ".building"  # in a folder whose build has not finished (another run, maybe)
_STALE_BUILDING_S = 6 * 3600  # a marker this old is a build that was killed
BUILD_TABLE = "meta.dbt_build"  # one row: the id of the build the database's models are from
UNFINISHED = "unfinished-"  # the id while a build runs (and after it failed or was killed)


def project_files(project_dir: Path) -> list[Path]:
    """Every file dbt reads from the project (models, macros, seeds, yml, profiles), sorted."""
    project_dir = Path(project_dir)
    files = [project_dir / "dbt_project.yml", project_dir / "profiles.yml"]
    for name in _SOURCE_DIRS:
        folder = project_dir / name
        if folder.is_dir():
            files.extend(p for p in folder.rglob("*") if p.suffix in _SOURCE_SUFFIXES)
    return sorted(p for p in files if p.is_file())


def project_hash(project_dir: Path) -> str:
    """Hash of what `dbt parse` reads of the project (`project_files`): a seed by its name
    only, since its rows are loaded by the build, not parsed (a correction is no new parse)."""
    project_dir = Path(project_dir)
    digest = hashlib.sha1()
    for path in project_files(project_dir):
        digest.update(path.relative_to(project_dir).as_posix().encode() + b"\0")
        if path.suffix != ".csv":
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes (a CLI run and the UI's code server)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def dbt_vars(work_db: Path, lake: dict | None = None) -> list[str]:
    """The arguments that point dbt's profile at a work database (profiles.yml reads the var
    `work_db`), or in lake mode at the lake (`lake`: pipeline.lake.dbt_env.lake_dbt_vars), the
    same for the parse and the builds so the parse cache stays valid.

    >>> dbt_vars(Path("/w/.build/n.duckdb"))
    ['--vars', '{"work_db": "/w/.build/n.duckdb"}']
    """
    return ["--vars", json.dumps({"work_db": str(work_db), **(lake or {})})]


def ensure_manifest(
    project_dir: Path, work_db: Path, dbt_executable: str, lake: dict | None = None
) -> Path:
    """`target/manifest.json`, parsed again only when a project file changed.

    The parse sees the same profile as the runs (`dbt_vars(work_db, lake)`), so its
    `partial_parse.msgpack` lets the next `dbt build` skip most of its own parsing.
    """
    target = Path(project_dir) / "target"
    manifest = target / "manifest.json"
    stamp = target / "manifest.project_hash"
    current = project_hash(project_dir)
    if manifest.is_file() and stamp.is_file() and stamp.read_text().strip() == current:
        return manifest
    with _file_lock(target / ".parse.lock"):
        if manifest.is_file() and stamp.is_file() and stamp.read_text().strip() == current:
            return manifest
        # dbt's own variables from a caller would send the manifest elsewhere
        env = {k: v for k, v in os.environ.items() if k not in ("DBT_TARGET_PATH", "DBT_LOG_PATH")}
        subprocess.run(
            [dbt_executable, "parse", "--quiet", *dbt_vars(work_db, lake)]
            + ["--profiles-dir", str(project_dir)],
            cwd=project_dir,
            env=env,
            check=True,
        )
        stamp.write_text(current + "\n")
    return manifest


def _existing_relations(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_schema || '.' || table_name FROM information_schema.tables"
    ).fetchall()
    return {r[0] for r in rows}


def set_build_id(con: duckdb.DuckDBPyConnection, build_id: str) -> None:
    """Say which build the database's models are from (`UNFINISHED + run id` while one runs)."""
    con.execute("CREATE SCHEMA IF NOT EXISTS meta")
    con.execute(
        f"CREATE OR REPLACE TABLE {BUILD_TABLE} AS "
        "SELECT ?::VARCHAR AS build_id, current_timestamp AS set_at",
        [build_id],
    )


def build_id_in(con: duckdb.DuckDBPyConnection, database: str | None = None) -> str | None:
    """The build id stored in a database (`database`: an attached one), None when it has none."""
    table = f"{database}.{BUILD_TABLE}" if database else BUILD_TABLE
    try:
        row = con.execute(f"SELECT build_id FROM {table}").fetchone()
    except duckdb.CatalogException:
        return None
    return row[0] if row else None


def build_id_of(path: Path, timeout_s: float = 5) -> str | None:
    """The build id stored in the DuckDB file `path`; None when it has none or cannot be read
    (missing, locked for `timeout_s`, not a database)."""
    from pipeline.warehouse.connection import WarehouseLockedError, connection

    if not Path(path).is_file():
        return None
    try:
        with connection(Path(path), read_only=True, timeout_s=timeout_s) as con:
            return build_id_in(con)
    except (duckdb.Error, WarehouseLockedError):
        return None


@dataclass
class BuildRecord:
    """The inputs of the last complete, successful `dbt build` of one work database."""

    path: Path

    @classmethod
    def for_work_db(cls, work_db: Path) -> BuildRecord:
        """The record lives next to the work database: `<dir>/<name>.dbt-build.json`."""
        return cls(work_db.with_name(f"{work_db.stem}.dbt-build.json"))

    def load(self) -> dict | None:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def save(
        self, fingerprint: str, run_id: str, tests: list[dict], inputs: dict | None = None
    ) -> None:
        """Remember a complete build, its test results and its inputs
        (`changes.input_hashes`), written atomically; its build id is its run id."""
        record = {
            "fingerprint": fingerprint,
            "inputs": inputs or {},
            "run_id": run_id,
            "build_id": run_id,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "tests": tests,
        }
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)

    def unchanged_reason(
        self, fingerprint: str, relations: list[str], con: duckdb.DuckDBPyConnection
    ) -> str | None:
        """Why a build can be skipped (inputs as built, every model present, and the work
        database still holding that build), or None when it must run."""
        record = self.current(relations, con)
        if not record or record.get("fingerprint") != fingerprint:
            return None
        return (
            f"raw tables and dbt project unchanged since the build of run "
            f"{record['run_id'][:8]} at {record['built_at']}"
        )

    def current(self, relations: list[str], con: duckdb.DuckDBPyConnection) -> dict | None:
        """The record while the work database still holds its build (every model present,
        the same build id), else None: only then can a build start from it."""
        record = self.load()
        if not record or not set(relations) <= _existing_relations(con):
            return None
        if not record.get("build_id") or build_id_in(con) != record["build_id"]:
            return None  # the models were rebuilt (or half-rebuilt) since
        return record

    def published_behind(self, published: Path) -> str | None:
        """What the published warehouse holds when it is not the last build, else None."""
        build = (self.load() or {}).get("build_id")
        held = build_id_of(published)
        if build and held == build:
            return None
        what = f"build {held[:8]}" if held else "no recorded build"
        return f"the published warehouse holds {what}, not build {str(build)[:8]}"


@dataclass
class BuildFolders:
    """Per-build dbt target folders under `<project>/target/runs/`, newest `keep` kept."""

    project_dir: Path
    keep: int

    @property
    def root(self) -> Path:
        return Path(self.project_dir) / "target" / "runs"

    def new(self, run_id: str) -> Path:
        """A fresh folder for one build, named so that names sort by time."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        path = self.root / f"{stamp}-{run_id[:8]}"
        suffix = 1
        while path.exists():
            suffix += 1
            path = self.root / f"{stamp}-{run_id[:8]}-{suffix}"
        path.mkdir(parents=True)
        (path / _BUILDING).touch()
        return path

    def finish(self, folder: Path, success: bool) -> None:
        """Keep a successful build's parse cache for the next build, then prune old folders."""
        (folder / _BUILDING).unlink(missing_ok=True)
        cache = folder / PARTIAL_PARSE
        if success and cache.is_file():
            tmp = self.root.parent / f".{PARTIAL_PARSE}.{os.getpid()}"
            shutil.copyfile(cache, tmp)
            os.replace(tmp, self.root.parent / PARTIAL_PARSE)
        self.prune()

    def prune(self) -> list[Path]:
        """Delete all but the newest `keep` build folders (never one still building, unless
        its marker is hours old); returns what was deleted."""
        if not self.root.is_dir():
            return []
        folders = sorted((p for p in self.root.iterdir() if p.is_dir()), key=lambda p: p.name)
        stale = [p for p in folders[: max(0, len(folders) - max(self.keep, 1))] if not _building(p)]
        for path in stale:
            shutil.rmtree(path, ignore_errors=True)
        return stale


def _building(folder: Path) -> bool:
    marker = folder / _BUILDING
    try:
        return time.time() - marker.stat().st_mtime < _STALE_BUILDING_S
    except FileNotFoundError:
        return False
