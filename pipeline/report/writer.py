"""Incremental writing of the site: a page is written only when its bytes change.

A manifest (`.manifest.json` in the site folder) holds each page's hash from the last build;
pages a build no longer produces are deleted at the end.

    writer = SiteWriter(Path("warehouse/report"))
    writer.write("index.html", "<html>...")
    stats = writer.finish()   # WriteStats(pages=1, written=1, unchanged=0, removed=0)
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


class SiteWriter:
    """Writes pages under `root`, skipping those whose content hash matches the last build."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._old = self._load_manifest()
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
        if self._old.get(rel) == digest and path.exists():
            self.stats.unchanged += 1
            return False
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        while len(self._pending) >= MAX_PENDING:
            self._pending.popleft().result()
        self._pending.append(self._pool.submit(path.write_bytes, data))
        self.stats.written += 1
        self.stats.written_paths.append(rel)
        return True

    def finish(self) -> WriteStats:
        """Wait for the writes; delete pages of the last build not written in this one; save the
        manifest (last, so an interrupted build is redone, never trusted)."""
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
        tmp = self.root / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(self._new, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.root / MANIFEST)
        return self.stats
