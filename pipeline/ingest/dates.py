"""Publication dates of ingested articles: parsed into naive UTC plus the published offset.

A date that is given but cannot be used (not a date, out of range once in UTC) leaves the
article undated and says why, so ingest keeps the article and logs one warning::

    parse_publication("2022-04-01T23:30:00+02:00")  # Publication(2022-04-01 21:30, 120, None)
    parse_publication("9999-12-31T23:00:00-05:00").problem  # "date '9999-...' is out of range..."
"""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any, NamedTuple

from pipeline.ingest.records import printable


class Publication(NamedTuple):
    """A metadata date as stored: naive UTC time, UTC offset in minutes as published, and why a
    given date could not be used (None when it could, or when there was none)."""

    at: datetime | None
    offset_min: int | None
    problem: str | None = None


def parse_published_at(value: Any) -> datetime | None:
    """Parse a metadata date into naive UTC; None when absent or unparseable."""
    return parse_publication(value).at


def parse_publication(value: Any) -> Publication:
    """The publication time of a metadata date; never raises.

    The offset is None when the value names no zone (a bare date, epoch seconds). Example:
    "2022-04-01T23:30:00+02:00" -> (2022-04-01 21:30, 120, None);
    "9999-12-31T23:00:00-05:00" -> (None, None, "... out of range ...").
    """
    if value in (None, ""):
        return Publication(None, None)
    shown = printable(repr(value))[:80]
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return Publication(None, None, f"date {shown} is not a date")
    if isinstance(value, int | float):
        try:
            return Publication(datetime.fromtimestamp(value, tz=UTC).replace(tzinfo=None), None)
        except (OverflowError, OSError, ValueError):
            return Publication(None, None, f"date {shown} is out of range as epoch seconds")
    try:
        from dateutil import parser as date_parser

        parsed = date_parser.parse(value[:100])
    except (ValueError, OverflowError, TypeError):
        return Publication(None, None, f"date {shown} is not a date")
    try:
        offset = parsed.utcoffset()
        if offset is None:
            return Publication(parsed, None)
        utc = parsed.astimezone(UTC).replace(tzinfo=None)
    except (OverflowError, ValueError):  # 9999-12-31T23:00-05:00 is in year 10000 in UTC
        return Publication(None, None, f"date {shown} is out of range in UTC (years 1-9999)")
    return Publication(utc, int(offset.total_seconds() // 60))


class _PublishedTime(HTMLParser):
    """Finds a page's publication time in its <meta> tags or <time datetime>."""

    KEYS = ("article:published_time", "og:published_time", "datepublished", "pubdate")

    def __init__(self) -> None:
        super().__init__()
        self.found: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.found:
            return
        a = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in self.KEYS and a.get("content"):
                self.found = a["content"]
        elif tag == "time" and a.get("datetime") and "T" in a["datetime"]:
            self.found = a["datetime"]


def html_published_time(html: str) -> str | None:
    """The full publication time a page declares ("2022-04-01T23:30:00+02:00"), if any."""
    finder = _PublishedTime()
    try:
        finder.feed(html[:200_000])
    except Exception:  # a hostile page: fall back to trafilatura's date
        return None
    return finder.found
