"""Change detection on the input folder: which files are new or changed since a cursor."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest.folder import list_input_files


@dataclass(frozen=True)
class FolderChanges:
    """Files new, modified or removed since the previous cursor, and the cursor to store next."""

    changed: list[str]
    cursor: str

    @property
    def run_key(self) -> str:
        """One key per distinct set of changes, so a change never launches two runs."""
        return hashlib.sha1(self.cursor.encode()).hexdigest()[:16] if self.changed else ""


def folder_state(folder: Path) -> dict[str, list[float]]:
    """{relative path: [mtime, size]} for every input file under `folder`.

    A file removed after the folder was listed is left out: it is no input any more, and a
    run that saw it must not fail for its going (the next look sees the folder as it is)."""
    state: dict[str, list[float]] = {}
    for path in list_input_files(folder):
        try:
            stat = path.lstat()
        except FileNotFoundError:
            continue
        state[path.relative_to(folder).as_posix()] = [stat.st_mtime, stat.st_size]
    return state


def detect_changes(folder: Path, cursor: str | None) -> FolderChanges:
    """Compare the folder with the state saved in `cursor` (a JSON object, or None)."""
    previous: dict[str, list[float]] = json.loads(cursor) if cursor else {}
    current = folder_state(folder)
    changed = sorted(path for path, sig in current.items() if previous.get(path) != sig)
    changed += sorted(set(previous) - set(current))  # a removed file takes its articles away
    return FolderChanges(changed=changed, cursor=json.dumps(current, sort_keys=True))
