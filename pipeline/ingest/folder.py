"""Ingest a folder of article files: read every file, deduplicate, collect quarantine items."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ingest.readers import DEFAULT_MAX_BYTES, read_path
from pipeline.ingest.records import Article, QuarantineItem


@dataclass
class IngestBatch:
    """The articles and quarantine items found in one scan."""

    articles: list[Article] = field(default_factory=list)
    quarantine: list[QuarantineItem] = field(default_factory=list)
    files_scanned: list[str] = field(default_factory=list)


def list_input_files(folder: Path) -> list[Path]:
    """Every non-hidden file under `folder`, in a stable order."""
    if not folder.is_dir():
        raise FileNotFoundError(f"input folder not found: {folder}")
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def ingest_files(
    paths: Iterable[Path], root: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> IngestBatch:
    """Read files into one batch; the second copy of an article becomes a 'duplicate' item.

    Paths are recorded relative to `root` when given, so the warehouse does not depend on
    where the checkout lives.
    """
    batch = IngestBatch()
    first_seen: dict[str, str] = {}
    for path in paths:
        name = path.relative_to(root).as_posix() if root else str(path)
        batch.files_scanned.append(name)
        for record in read_path(path, max_bytes=max_bytes):
            if isinstance(record, QuarantineItem):
                batch.quarantine.append(
                    QuarantineItem(name, record.reason, record.detail, record.line_number)
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


def ingest_folder(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestBatch:
    """Read every file under `folder` (recursively, hidden files skipped)."""
    return ingest_files(list_input_files(folder), root=folder, max_bytes=max_bytes)


def _with_path(article: Article, name: str) -> Article:
    from dataclasses import replace

    return replace(article, source_path=name)
