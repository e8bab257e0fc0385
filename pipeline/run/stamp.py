"""Is there anything for `newsclaims run` to do? (plain Python; no Dagster, dbt or GX import)

After a complete, successful run the CLI stamps what it ran on: the input files (path, mtime,
size), a hash of the code (the report's templates, scripts and styles too), the dbt project, the
suites and the lock file, the NEWSCLAIMS_* settings, the work and published database files as
the run left them and the report site's finished marker. When all of that is
unchanged, a new run could only repeat itself, so `newsclaims run` says so and stops.
Anything else (a new or touched file, a code change, a run from the UI that wrote the work
database, a deleted warehouse) runs the pipeline.

    stamp = RunStamp(cfg)                  # the settings' warehouse and seeds folder
    if (reason := stamp.unchanged()) is None:
        ...run, then stamp.record(run_id, checks_passed, checks_failed)
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.common.paths import PROJECT_ROOT
from pipeline.common.settings import Settings
from pipeline.ingest.changes import folder_state
from pipeline.report.writer import finished_state
from pipeline.warehouse.connection import work_path_for

# with the report's templates, scripts and styles: an edit there changes the site
_CODE_SUFFIXES = {".py", ".json", ".yml", ".yaml", ".sql", ".csv", ".tsv", ".txt", ".lock"} | {
    ".html",
    ".js",
    ".css",
}


CODE_FOLDERS = ("pipeline", "dbt_project", "expectations")


def code_hash(root: Path = PROJECT_ROOT, folders: tuple[str, ...] = CODE_FOLDERS) -> str:
    """Hash of everything a run executes or reads as configuration (not the inputs).

    `folders=("pipeline",)`: only what a process imports or loads once (with the lock file).
    """
    digest = hashlib.sha1()
    files = [root / "uv.lock", root / "pyproject.toml"]
    for folder in folders:
        files.extend(
            p
            for p in (root / folder).rglob("*")
            if p.suffix in _CODE_SUFFIXES and "target" not in p.relative_to(root).parts
        )
    for path in sorted(p for p in files if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _file_id(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return [stat.st_mtime_ns, stat.st_size]


@dataclass
class RunStamp:
    """The stamp of the last complete run on one warehouse (`<work dir>/<name>.last-run.json`)."""

    cfg: Settings

    @property
    def published(self) -> Path:
        return self.cfg.warehouse_path

    @property
    def seeds(self) -> Path:
        return self.cfg.seeds_dir

    @property
    def work(self) -> Path:
        return work_path_for(self.cfg.warehouse_path, self.cfg.work_db)

    @property
    def path(self) -> Path:
        return self.work.with_name(f"{self.work.stem}.last-run.json")

    def state(self) -> dict:
        """What a run depends on, as it is now."""
        return {
            "seeds": str(self.seeds),
            "inputs": folder_state(self.seeds) if self.seeds.is_dir() else None,
            "code": code_hash(),
            "settings": self.cfg.run_inputs(),
            "work": _file_id(self.work),
            "published": _file_id(self.published),
            # what the report's last finished build recorded (None while one runs or after one
            # was killed): a site left unfinished is a change
            "report": finished_state(self.cfg.report_dir),
        }

    def unchanged(self, state: dict | None = None) -> str | None:
        """A one-line account of the last run when nothing changed since; else None.

        `state`: `self.state()` when the caller has just read it.
        """
        try:
            stamp = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if stamp.get("state") != (state or self.state()) or stamp["state"]["published"] is None:
            return None
        n_files = len(stamp["state"]["inputs"] or {})
        return (
            f"nothing new since run {stamp['run_id'][:8]} at {stamp['finished_at']}: "
            f"{n_files} input files, code, settings and warehouse unchanged "
            f"(that run: {stamp['checks_passed']} checks passed, {stamp['checks_failed']} failed)"
        )

    def record(self, run_id: str, checks_passed: int, checks_failed: int) -> None:
        """Stamp a complete, successful run (written atomically)."""
        payload = {
            "run_id": run_id,
            "finished_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
            "checks_passed": checks_passed,
            "checks_failed": checks_failed,
            "state": self.state(),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)
