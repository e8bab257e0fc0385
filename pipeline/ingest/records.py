"""Records produced by ingestion."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

QUARANTINE_REASONS = (
    "empty",
    "binary",
    "undecodable",
    "too_large",
    "malformed_json",
    "missing_field",
    "not_english",
    "duplicate",
    "unsupported_format",
    "unreadable",
)


@dataclass(frozen=True)
class Article:
    """One cleaned article. `text` is title + "\\n\\n" + body; all offsets refer to it."""

    article_id: str
    title: str
    body: str
    text: str
    source_path: str
    source_format: str
    url: str | None
    outlet: str | None
    published_at: datetime | None
    language: str
    word_count: int
    external_id: str | None = None
    # per character of `text`, the index in the source file text (only for plain-text files)
    source_offsets: list[int] | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class QuarantineItem:
    """A file (or one line of a JSONL file) that could not be ingested, and why."""

    path: str
    reason: str
    detail: str
    line_number: int | None = None
