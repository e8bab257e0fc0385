"""Records produced by ingestion."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from pipeline.common import value_sets

# why a file or line was not ingested: one home for Python, dbt and the suites
QUARANTINE_REASONS = value_sets.values("quarantine_reason")

# C0/C1 controls (ESC, BEL, ...), bidi overrides and lone surrogates: never written raw to a
# terminal or the warehouse.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


# ... and the backslash itself, so two different names never print alike: a file named
# 'a<ESC>' shows as 'a\x1b', one named 'a\x1b' (four characters) as 'a\\x1b'
_ESCAPED = re.compile(r"\\|" + _UNPRINTABLE.pattern)


def printable(text: str) -> str:
    r"""`text` with control characters and backslashes shown as escapes, one to one:
    'a<ESC>[31m' -> 'a\x1b[31m' and 'a\b' -> 'a\\b'."""
    return _ESCAPED.sub(lambda m: ascii(m.group())[1:-1], text)


def strip_controls(text: str) -> str:
    """`text` without control characters (for metadata values such as url and outlet)."""
    return _UNPRINTABLE.sub("", text)


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
    # the UTC offset the publication time was given in (published_at itself is UTC)
    published_utc_offset_min: int | None = None
    # per character of `text`, the index in the source file text (only for plain-text files)
    source_offsets: list[int] | None = field(default=None, repr=False, compare=False)
    # the JSONL line or JSON list item (1-based) it came from; None for a whole file
    line_number: int | None = field(default=None, compare=False)
    # why a date the file gave was not used (the article is kept undated); not stored
    date_warning: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class QuarantineItem:
    """A file (or one line of a JSONL file) that could not be ingested, and why."""

    path: str
    reason: str
    detail: str
    line_number: int | None = None

    def __post_init__(self) -> None:
        # a reason dbt and the suites would refuse must fail here, in the code that made it,
        # never as a failed run after every file was read
        if self.reason not in QUARANTINE_REASONS:
            raise ValueError(
                f"unknown quarantine reason {self.reason!r}: add it to "
                f"{value_sets.VALUE_SETS_FILE} (value set quarantine_reason)"
            )
