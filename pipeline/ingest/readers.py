"""Readers that turn one input file into article records or quarantine items.

Supported formats: `.txt` (first non-empty line is the title), `.json` (one article object),
`.jsonl` (one object per line) and `.html`/`.htm` (main text via trafilatura). Every failure
becomes a `QuarantineItem` naming the file and the reason; a reader never raises on bad input.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.ingest.cleaning import CleanText, clean_text, join_title_body, split_title_body
from pipeline.ingest.language import guess_language
from pipeline.ingest.records import Article, QuarantineItem

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")
TEXT_FIELDS = ("text", "body", "content")
OUTLET_FIELDS = ("outlet", "source", "publisher", "site_name")
DATE_FIELDS = ("published_at", "date", "published", "publish_date")

_WORD = re.compile(r"\w+")
Record = Article | QuarantineItem


def content_hash(text: str) -> str:
    """Stable article id: hash of the case- and whitespace-normalised text."""
    normalised = " ".join(text.lower().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def parse_published_at(value: Any) -> datetime | None:
    """Parse a metadata date into naive UTC; None when absent or unparseable."""
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, tz=UTC).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError):
            return None
    try:
        from dateutil import parser as date_parser

        parsed = date_parser.parse(str(value))
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def _decode(data: bytes) -> str | QuarantineItem | None:
    """Decode bytes as UTF-8 (or BOM-marked UTF-16); None-safe reasons as quarantine."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return QuarantineItem("", "undecodable", f"invalid UTF-16 at byte {exc.start}")
    sample = data[:8192]
    if b"\x00" in sample or _control_share(sample) > 0.10:
        return QuarantineItem("", "binary", "file looks binary (NUL or control bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return QuarantineItem(
            "",
            "undecodable",
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}",
        )


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)


def build_article(
    title: CleanText,
    body: CleanText,
    *,
    path: str,
    fmt: str,
    meta: dict[str, Any] | None = None,
    keep_offsets: bool = False,
) -> Record:
    """Assemble an Article from cleaned title and body, or quarantine it when unusable."""
    meta = meta or {}
    if not body.text.strip():
        return QuarantineItem(path, "empty", "no body text after cleaning")
    joined = join_title_body(title, body)
    language = guess_language(joined.text)
    if language == "other":
        return QuarantineItem(path, "not_english", "text does not look like English")
    return Article(
        article_id=content_hash(joined.text),
        title=title.text,
        body=body.text,
        text=joined.text,
        source_path=path,
        source_format=fmt,
        url=_first(meta, ("url", "link")),
        outlet=_first(meta, OUTLET_FIELDS),
        published_at=parse_published_at(_first(meta, DATE_FIELDS)),
        language=language,
        word_count=len(_WORD.findall(joined.text)),
        external_id=_first(meta, ("id", "article_id", "guid")),
        source_offsets=joined.offsets if keep_offsets else None,
    )


def _first(meta: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = meta.get(key)
        if value not in (None, ""):
            return value if not isinstance(value, str) else value.strip()
    return None


def read_txt(text: str, path: str, keep_offsets: bool = False) -> Record:
    """A plain-text article: first non-empty line is the title, the rest the body."""
    title, body = split_title_body(clean_text(text))
    return build_article(title, body, path=path, fmt="txt", keep_offsets=keep_offsets)


def read_object(obj: Any, path: str, fmt: str, line_number: int | None = None) -> Record:
    """One JSON article object with `title` and `text`/`body` (plus optional metadata)."""
    if not isinstance(obj, dict):
        return QuarantineItem(
            path, "malformed_json", f"expected an object, got {type(obj).__name__}", line_number
        )
    body_value = _first(obj, TEXT_FIELDS)
    if not isinstance(body_value, str) or not body_value.strip():
        return QuarantineItem(
            path, "missing_field", "no non-empty 'text' or 'body' field", line_number
        )
    title_value = obj.get("title")
    title = clean_text(title_value if isinstance(title_value, str) else "")
    title = title.slice(0, title.text.find("\n")) if "\n" in title.text else title
    record = build_article(title, clean_text(body_value), path=path, fmt=fmt, meta=obj)
    if isinstance(record, QuarantineItem):
        return QuarantineItem(record.path, record.reason, record.detail, line_number)
    return record


def read_json(text: str, path: str) -> Iterator[Record]:
    """A `.json` file: one article object (or a list of them)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield QuarantineItem(path, "malformed_json", f"{exc.msg} at line {exc.lineno}")
        return
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items, start=1):
        yield read_object(item, path, "json", index if isinstance(data, list) else None)


def read_jsonl(text: str, path: str) -> Iterator[Record]:
    """A `.jsonl` file: one article object per line; a bad line quarantines only itself."""
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield QuarantineItem(path, "malformed_json", exc.msg, line_number)
            continue
        yield read_object(obj, path, "jsonl", line_number)


def read_html(text: str, path: str) -> Record:
    """An HTML page: main text, title, date and site name via trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        return QuarantineItem(path, "empty", "no main text found in HTML")
    title_text = (doc.title or "").strip()
    paragraphs = [p for p in doc.text.split("\n") if p.strip()]
    if paragraphs and title_text and paragraphs[0].strip() == title_text:
        paragraphs = paragraphs[1:]  # trafilatura repeats the <h1> as the first line
    meta = {"url": doc.url, "outlet": doc.sitename, "published_at": doc.date}
    return build_article(
        clean_text(title_text),
        clean_text("\n\n".join(paragraphs)),
        path=path,
        fmt="html",
        meta=meta,
    )


def read_path(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, keep_offsets: bool = False
) -> Iterator[Record]:
    """Read one file into article records and quarantine items; never raises on bad input."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield QuarantineItem(name, "unsupported_format", f"unsupported extension {suffix!r}")
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield QuarantineItem(name, "too_large", f"{size} bytes exceeds limit of {max_bytes}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield QuarantineItem(name, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    if not data.strip():
        yield QuarantineItem(name, "empty", "file is empty")
        return
    decoded = _decode(data)
    if isinstance(decoded, QuarantineItem):
        yield QuarantineItem(name, decoded.reason, decoded.detail)
        return
    assert decoded is not None
    if suffix == ".txt":
        yield read_txt(decoded, name, keep_offsets)
    elif suffix == ".json":
        yield from read_json(decoded, name)
    elif suffix == ".jsonl":
        yield from read_jsonl(decoded, name)
    else:
        yield read_html(decoded, name)
