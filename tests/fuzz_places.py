"""Where inputs live, for the adversarial corpus: links, FIFOs, sockets and subfolders the scan
cannot list. Each case ends as a quarantine row; a link is never followed.

Example::

    cases = special_cases(folder, outside) + folder_cases(folder)
    ...
    unlock(folder)  # give the subfolder without permissions its permissions back
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path

from .fuzz_base import Case, Expect, article, prose, quarantine


def special_cases(folder: Path, outside: Path) -> list[Case]:
    """Links and special files: each ends as a quarantine row; a link is never followed."""
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text(f"Outside\n\n{prose('out')}", encoding="utf-8")
    (folder / "inside_target.txt").write_text(f"Inside\n\n{prose('in')}", encoding="utf-8")
    actions: list[tuple[str, Callable[[Path], None], Expect]] = [
        (
            "link_out.txt",
            lambda p: p.symlink_to(outside / "secret.txt"),
            quarantine("link_out.txt", "symlink"),
        ),
        (
            "link_in.txt",
            lambda p: p.symlink_to(folder / "inside_target.txt"),
            quarantine("link_in.txt", "symlink"),
        ),
        (
            "loop.txt",
            lambda p: p.symlink_to(p),
            quarantine("loop.txt", "symlink"),
        ),
        (
            "dangling.txt",
            lambda p: p.symlink_to(folder / "missing.txt"),
            quarantine("dangling.txt", "symlink"),
        ),
        ("pipe.txt", lambda p: os.mkfifo(p), quarantine("pipe.txt", "special_file")),
        ("sock", _bind_socket, quarantine("sock", "special_file")),
        (
            "dirlink",
            lambda p: p.symlink_to(outside, target_is_directory=True),
            quarantine("dirlink", "symlink"),
        ),
    ]
    cases = [Case("inside_target.txt", (article("inside_target.txt"),))]
    for name, make, expect in actions:
        make(folder / name)
        cases.append(Case(name, (expect,)))
    return cases


def _bind_socket(path: Path) -> None:
    """A Unix socket file at `path` (bound from its folder: socket paths are short)."""
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(path.name)
    finally:
        os.chdir(cwd)


def folder_cases(folder: Path) -> list[Case]:
    """Subfolders the scan cannot list: one nested past the system's path limit (unlistable
    whoever runs it) and one without permissions (readable anyway when run as root)."""
    deep = folder / "deep"
    deep.mkdir()
    fd = os.open(deep, os.O_RDONLY)
    depth = 0
    while len(str(deep)) + depth * 201 < 4200:  # mkdir relative to the last level: no long paths
        os.mkdir("d" * 200, dir_fd=fd)
        fd, old = os.open("d" * 200, os.O_RDONLY, dir_fd=fd), fd
        os.close(old)
        depth += 1
    with open(os.open("lost.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as fh:
        fh.write(f"Lost\n\n{prose('deep')}")
    os.close(fd)
    # the level os.walk cannot list: the first whose path is past PATH_MAX (4096 bytes)
    level = next(n for n in range(depth + 1) if len(str(deep)) + n * 201 >= 4096)
    unlisted = "deep/" + "/".join(["d" * 200] * level)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(f"Locked\n\n{prose('locked')}", encoding="utf-8")
    locked.chmod(0)
    locked_expect = (
        article("locked/inside.txt")
        if os.access(locked, os.R_OK | os.X_OK)  # root reads it all the same
        else quarantine("locked", "unreadable")
    )
    return [
        Case("deep", (quarantine(unlisted, "unreadable"),)),
        Case("locked", (locked_expect,)),
    ]


def unlock(folder: Path) -> None:
    """Give the locked subfolder its permissions back (so the folder can be deleted)."""
    locked = folder / "locked"
    if locked.is_dir():
        locked.chmod(0o755)
