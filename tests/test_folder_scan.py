"""The folder scan when the folder changes or hides things: files removed while it is read,
subfolders that cannot be listed. Each ends as a quarantine row or is left out; none fails."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import pytest

from pipeline.ingest.changes import folder_state
from pipeline.ingest.folder import InputFolderError, scan_folder

NOBODY = 65534


def test_files_removed_while_the_folder_is_read_never_fail_the_change_scan(tmp_path: Path):
    """Files removed and added again the whole time (a sync tool's) while the sensor and the
    run stamp look at the folder: each look lists what is there, never raises."""
    names = [tmp_path / f"f{i:03d}.txt" for i in range(300)]
    for path in names:
        path.write_text("x", encoding="utf-8")
    stop = threading.Event()

    def churn() -> None:
        while not stop.is_set():
            for path in names:
                path.unlink(missing_ok=True)
                path.write_text("x", encoding="utf-8")

    thread = threading.Thread(target=churn, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 3
        looks = 0
        while time.monotonic() < deadline:
            state = folder_state(tmp_path)
            assert set(state) <= {p.name for p in names}
            looks += 1
    finally:
        stop.set()
        thread.join()
    assert looks > 10


def _scan_as(uid: int | None, folder: Path) -> dict:
    """`scan_folder(folder)` in a forked child running as `uid` (None: as we are; the
    interpreter may live where that user cannot exec it, so no exec): {"files": [...],
    "rejects": [[path, reason, detail], ...]} or {"error": "Type: message"}."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            if uid is not None:
                os.setuid(uid)
            files, rejects = scan_folder(folder)
            out = {
                "files": [str(p) for p in files],
                "rejects": [[r.path, r.reason, r.detail] for r in rejects],
            }
        except Exception as exc:
            out = {"error": f"{type(exc).__name__}: {exc}"}
        os.write(write, json.dumps(out).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    return json.loads(data)


def _unprivileged() -> int | None:
    """The uid to scan as so that permissions apply: nobody when we are root."""
    return NOBODY if os.geteuid() == 0 else None


def test_a_subfolder_without_permissions_is_a_quarantine_row_not_a_silent_gap():
    """os.walk skips a folder it cannot list without a word; the scan names it. Run as an
    unprivileged user when the tests run as root (root reads it all the same)."""
    base = Path(tempfile.mkdtemp())  # not under pytest's tmp folder, which only root may enter
    try:
        base.chmod(0o755)
        (base / "good.txt").write_text("Good\n\nText.", encoding="utf-8")
        locked = base / "sub" / "locked"
        locked.mkdir(parents=True)
        (locked / "inside.txt").write_text("Locked\n\nText.", encoding="utf-8")
        (base / "sub").chmod(0o755)
        locked.chmod(0)
        found = _scan_as(_unprivileged(), base)
    finally:
        (base / "sub" / "locked").chmod(0o755)
        shutil.rmtree(base)
    assert "error" not in found, found
    assert [Path(p).name for p in found["files"]] == ["good.txt"]
    (rejects,) = found["rejects"]
    assert rejects[:2] == ["sub/locked", "unreadable"]
    assert "PermissionError" in rejects[2] and "not read" in rejects[2]


def test_an_input_folder_that_cannot_be_listed_is_one_clear_error(tmp_path: Path):
    with pytest.raises(InputFolderError, match="input folder not found"):
        scan_folder(tmp_path / "missing")
    base = Path(tempfile.mkdtemp())
    try:
        base.chmod(0)
        found = _scan_as(_unprivileged(), base)
    finally:
        base.chmod(0o755)
        shutil.rmtree(base)
    assert found["error"].startswith("InputFolderError: input folder cannot be read")
