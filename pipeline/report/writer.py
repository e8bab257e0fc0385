"""Incremental writing of the site: a page is written only when its bytes change.

A manifest (`.manifest.json` in the site folder) holds each page's hash from the last build;
pages a build no longer produces are deleted at the end. Every page is written to a temporary
file and renamed into place, so a build that is killed or runs out of disk leaves each page whole
(old or new), never cut off. `.finished.json` is removed when a build starts and written when it
ends, with what the caller says the site was built from: a site without it is an unfinished
build, which the next build rewrites whole.

    writer = SiteWriter(Path("warehouse/report"))
    writer.write("index.html", "<html>...")
    stats = writer.finish({"warehouse_build": "1a2b"})   # WriteStats(pages=1, written=1, ...)
    finished_state(Path("warehouse/report"))             # {"warehouse_build": "1a2b", ...}
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".manifest.json"
FINISHED = ".finished.json"
# Files are written by a few threads: creating a file waits on the file system (much longer on a
# busy disk) while rendering the next page needs the CPU, so the two overlap.
WRITE_THREADS = 4
MAX_PENDING = 256


@dataclass
class WriteStats:
    pages: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    written_paths: list[str] = field(default_factory=list)


def finished_state(root: Path) -> dict | None:
    """What the last finished build of the site at `root` recorded; None while a build runs,
    after one that did not finish, or where there is no site."""
    try:
        return json.loads((Path(root) / FINISHED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class SiteWriter:
    """Writes pages under `root`, skipping those whose content hash matches the last build."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._old = self._load_manifest()
        # Only a finished build's hashes say what is on disk; after an unfinished one every
        # page is written again (its leftovers are still deleted at the end).
        self._trusted = self._old if finished_state(self.root) is not None else {}
        if not self._trusted:
            for stranded in self.root.rglob(".*.tmp"):
                stranded.unlink(missing_ok=True)
        (self.root / FINISHED).unlink(missing_ok=True)
        self._new: dict[str, str] = {}
        self._dirs: set[Path] = set()
        self.stats = WriteStats()
        self._pool = ThreadPoolExecutor(WRITE_THREADS, thread_name_prefix="site-writer")
        self._pending: deque[Future] = deque()

    def _load_manifest(self) -> dict[str, str]:
        try:
            return json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def write(self, rel: str, content: str | bytes) -> bool:
        """Write `content` to root/rel unless the last build wrote the same bytes there."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        self._new[rel] = digest
        self.stats.pages += 1
        path = self.root / rel
        if self._trusted.get(rel) == digest and path.exists():
            self.stats.unchanged += 1
            return False
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        while len(self._pending) >= MAX_PENDING:
            self._pending.popleft().result()
        self._pending.append(self._pool.submit(_write_atomically, path, data))
        self.stats.written += 1
        self.stats.written_paths.append(rel)
        return True

    def finish(self, built_from: dict | None = None) -> WriteStats:
        """Wait for the writes; delete pages of the last build not written in this one; save the
        manifest, then the finished marker with `built_from` (last, so an interrupted build is
        redone, never trusted)."""
        try:
            while self._pending:
                self._pending.popleft().result()
        finally:
            self._pool.shutdown(wait=True)
        for rel in set(self._old) - set(self._new):
            try:
                (self.root / rel).unlink()
                self.stats.removed += 1
            except FileNotFoundError:
                pass
        _write_atomically(self.root / MANIFEST, json.dumps(self._new, sort_keys=True).encode())
        marker = {**(built_from or {}), "pages": self.stats.pages}
        _write_atomically(self.root / FINISHED, json.dumps(marker, sort_keys=True).encode())
        return self.stats
