"""Ingest a folder of article files: read every file, deduplicate, collect quarantine items."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ingest.readers import DEFAULT_MAX_BYTES, read_path
from pipeline.ingest.records import Article, QuarantineItem, printable


@dataclass
class IngestBatch:
    """The articles and quarantine items found in one scan."""

    articles: list[Article] = field(default_factory=list)
    quarantine: list[QuarantineItem] = field(default_factory=list)
    files_scanned: list[str] = field(default_factory=list)


def scan_folder(folder: Path) -> tuple[list[Path], list[QuarantineItem]]:
    """Regular files under `folder` (hidden ones skipped), and everything else found there.

    Links are never followed (a link may point out of the folder, at itself or nowhere) and
    FIFOs, sockets and devices are never opened: each becomes a quarantine item.
    """
    if not folder.is_dir():
        raise FileNotFoundError(f"input folder not found: {folder}")
    files: list[Path] = []
    rejects: list[QuarantineItem] = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        base = Path(root)
        links = [d for d in dirs if (base / d).is_symlink()]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in links)
        for name in sorted([*names, *links]):
            if name.startswith("."):
                continue
            path = base / name
            problem = _not_a_plain_file(path, folder)
            if problem is None:
                files.append(path)
            else:
                rejects.append(QuarantineItem(path.relative_to(folder).as_posix(), *problem))
    return sorted(files), sorted(rejects, key=lambda r: r.path)


def _not_a_plain_file(path: Path, folder: Path) -> tuple[str, str] | None:
    """(reason, detail) when `path` is a link or a special file, else None."""
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        return "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}"
    if stat.S_ISLNK(mode):
        target = os.readlink(path)
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "symlink", f"link to {printable(target)!r} is dangling or loops; not followed"
        where = "inside" if resolved.is_relative_to(folder.resolve()) else "outside"
        return "symlink", f"link to {printable(target)!r} ({where} the folder); not followed"
    if not stat.S_ISREG(mode):
        kind = "FIFO" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
        return "special_file", f"{kind}, not a regular file; not opened"
    return None


def list_input_files(folder: Path) -> list[Path]:
    """Every non-hidden regular file under `folder`, in a stable order (links excluded)."""
    return scan_folder(folder)[0]


def ingest_files(
    paths: Iterable[Path],
    root: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int | None = None,
) -> IngestBatch:
    """Read files into one batch; the second copy of an article becomes a 'duplicate' item.

    Paths are recorded relative to `root` when given, so the warehouse does not depend on
    where the checkout lives.
    """
    batch = IngestBatch()
    first_seen: dict[str, str] = {}
    for path in paths:
        name = printable(path.relative_to(root).as_posix() if root else str(path))
        batch.files_scanned.append(name)
        for record in _read_safely(path, max_bytes):
            if isinstance(record, QuarantineItem):
                batch.quarantine.append(
                    QuarantineItem(name, record.reason, record.detail, record.line_number)
                )
                continue
            if max_chars is not None and len(record.text) > max_chars:
                batch.quarantine.append(
                    QuarantineItem(
                        name,
                        "too_long",
                        f"{len(record.text):,} characters; the parser takes at most "
                        f"{max_chars:,} (NEWSCLAIMS_MAX_ARTICLE_CHARS)",
                    )
                )
                continue
            if record.article_id in first_seen:
                batch.quarantine.append(
                    QuarantineItem(
                        name,
                        "duplicate",
                        f"same article as {first_seen[record.article_id]} "
                        f"(article_id {record.article_id})",
                    )
                )
                continue
            first_seen[record.article_id] = name
            batch.articles.append(_with_path(record, name))
    return batch


def _read_safely(path: Path, max_bytes: int) -> list[Article | QuarantineItem]:
    """`read_path`, with any reader bug turned into a quarantine item for this file only."""
    try:
        return list(read_path(path, max_bytes=max_bytes))
    except Exception as exc:  # a reader must never lose the batch
        detail = f"reader failed: {type(exc).__name__}: {str(exc)[:200]}"
        return [QuarantineItem(str(path), "reader_error", printable(detail))]


def ingest_folder(
    folder: Path, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int | None = None
) -> IngestBatch:
    """Read every file under `folder` (recursively, hidden files skipped); links and special
    files become quarantine items."""
    files, rejects = scan_folder(folder)
    batch = ingest_files(files, root=folder, max_bytes=max_bytes, max_chars=max_chars)
    for item in rejects:
        name = printable(item.path)
        batch.files_scanned.append(name)
        batch.quarantine.append(QuarantineItem(name, item.reason, item.detail))
    return batch


def _with_path(article: Article, name: str) -> Article:
    from dataclasses import replace

    return replace(article, source_path=name)
