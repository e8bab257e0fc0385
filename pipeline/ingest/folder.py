"""Ingest a folder of article files: read every file, deduplicate, collect quarantine items."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.ingest.readers import DEFAULT_MAX_BYTES, read_path
from pipeline.ingest.records import Article, QuarantineItem, printable


@dataclass
class IngestBatch:
    """The articles and quarantine items found in one scan, and warnings about kept articles."""

    articles: list[Article] = field(default_factory=list)
    quarantine: list[QuarantineItem] = field(default_factory=list)
    files_scanned: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "path:line: what was not used"


class InputFolderError(FileNotFoundError):
    """The input folder is missing or cannot be listed: there is no input to read (a
    FileNotFoundError, so the CLI says it in one line)."""


def scan_folder(folder: Path) -> tuple[list[Path], list[QuarantineItem]]:
    """Regular files under `folder` (hidden ones skipped), and everything else found there.

    Links are never followed (a link may point out of the folder, at itself or nowhere) and
    FIFOs, sockets and devices are never opened: each becomes a quarantine item, and so does
    a subfolder that cannot be listed. A file removed while the folder is scanned is not an
    input any more and is left out.
    """
    if not folder.is_dir():
        raise InputFolderError(f"input folder not found: {folder}")
    files: list[Path] = []
    rejects: list[QuarantineItem] = []
    unlisted: list[OSError] = []
    for root, dirs, names in os.walk(folder, onerror=unlisted.append, followlinks=False):
        base = Path(root)
        links = [d for d in dirs if _is_link(base / d)]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in links)
        for name in sorted([*names, *links]):
            if name.startswith("."):
                continue
            path = base / name
            problem = _not_a_plain_file(path, folder)
            if problem is None:
                files.append(path)
            elif problem != _GONE:
                rejects.append(QuarantineItem(path.relative_to(folder).as_posix(), *problem))
    rejects.extend(_unlisted_folders(folder, unlisted))
    return sorted(files), sorted(rejects, key=lambda r: r.path)


def _unlisted_folders(folder: Path, errors: list[OSError]) -> list[QuarantineItem]:
    """One `unreadable` item per subfolder os.walk could not list (it would skip it silently)."""
    items = []
    for exc in errors:
        where = Path(exc.filename or folder)
        if isinstance(exc, FileNotFoundError):
            continue  # removed while the folder was scanned
        if where == folder:
            raise InputFolderError(f"input folder cannot be read: {folder}: {exc.strerror or exc}")
        why = f"{type(exc).__name__}: {exc.strerror or exc}"
        detail = f"folder could not be listed ({why}); its files were not read"
        items.append(QuarantineItem(where.relative_to(folder).as_posix(), "unreadable", detail))
    return items


def _is_link(path: Path) -> bool:
    """True for a symbolic link; False when it cannot be looked at (then os.walk, which does
    not follow links, tries to list it and reports what stops it)."""
    try:
        return path.is_symlink()
    except OSError:  # a path past the system's limit (ENAMETOOLONG), an I/O error
        return False


_GONE = ("", "")  # the entry was removed between listing the folder and looking at it


def _not_a_plain_file(path: Path, folder: Path) -> tuple[str, str] | None:
    """(reason, detail) when `path` is a link or a special file, _GONE when it vanished, else
    None."""
    try:
        mode = path.lstat().st_mode
        target = os.readlink(path) if stat.S_ISLNK(mode) else ""
    except FileNotFoundError:
        return _GONE
    except OSError as exc:
        return "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}"
    if stat.S_ISLNK(mode):
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
    where the checkout lives. Every item of a JSONL or JSON list keeps its line number, so no
    two quarantine rows share (path, line_number, reason).
    """
    batch = IngestBatch()
    first_seen: dict[str, str] = {}
    for path in paths:
        name = printable(path.relative_to(root).as_posix() if root else str(path))
        batch.files_scanned.append(name)
        for record in _read_safely(path, max_bytes):
            if isinstance(record, QuarantineItem):
                batch.quarantine.append(replace(record, path=name))
                continue
            where = f"{name}:{record.line_number}" if record.line_number else name
            problem = _refused(record, first_seen.get(record.article_id), max_chars)
            if problem is not None:
                batch.quarantine.append(QuarantineItem(name, *problem, record.line_number))
                continue
            if record.date_warning:
                batch.warnings.append(f"{where}: {record.date_warning}")
            first_seen[record.article_id] = where
            batch.articles.append(replace(record, source_path=name))
    return batch


def _refused(article: Article, first_seen: str | None, max_chars: int | None) -> tuple | None:
    """(reason, detail) when a readable article is still not stored: longer than the parser
    takes, or a copy of one stored from `first_seen` ("path[:line]")."""
    if max_chars is not None and len(article.text) > max_chars:
        return (
            "too_long",
            f"{len(article.text):,} characters; the parser takes at most "
            f"{max_chars:,} (NEWSCLAIMS_MAX_ARTICLE_CHARS)",
        )
    if first_seen is not None:
        return "duplicate", f"same article as {first_seen} (article_id {article.article_id})"
    return None


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
        batch.quarantine.append(replace(item, path=name))
    return batch
