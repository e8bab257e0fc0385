"""Readers that turn one input file into article records or quarantine items.

Supported formats: `.txt` (first non-empty line is the title), `.json` (one article object),
`.jsonl` (one object per line) and `.html`/`.htm` (main text via trafilatura); the suffixes and
formats are the value sets `input_suffix` and `source_format` (`pipeline/common/value_sets.py`).
Every failure becomes a `QuarantineItem` naming the file and the reason; a reader never raises on
bad input. A date that cannot be used leaves the article undated, with `Article.date_warning` set.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.common import value_sets
from pipeline.common.words import WORD_RE as _WORD
from pipeline.ingest.cleaning import CleanText, clean_text, join_title_body, split_title_body
from pipeline.ingest.dates import html_published_time, parse_publication
from pipeline.ingest.language import guess_language
from pipeline.ingest.records import Article, QuarantineItem, strip_controls

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
INPUT_SUFFIXES = value_sets.input_suffixes()  # {".htm": "html", ...}
SUPPORTED_SUFFIXES = tuple(INPUT_SUFFIXES)
# schema.org's NewsArticle names them `headline` and `articleBody`
TITLE_FIELDS = ("title", "headline")
TEXT_FIELDS = ("text", "body", "content", "articleBody")
OUTLET_FIELDS = ("outlet", "source", "publisher", "site_name")
DATE_FIELDS = ("published_at", "date", "published", "publish_date")

_URL = re.compile(r"(?i)^(https?|ftp)://[^\s/?#]+[^\s]*$")
_META_MAX_CHARS = {"url": 2048, "outlet": 200, "external_id": 200}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
Record = Article | QuarantineItem


def content_hash(text: str) -> str:
    """Stable article id: hash of the case- and whitespace-normalised text."""
    normalised = " ".join(text.lower().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def _declared_charset(data: bytes) -> str | None:
    """The text codec an HTML page declares in `<meta charset>` (or http-equiv), if Python has
    it; None for an unknown name or a codec that is no text encoding (`hex`, `rot13`, `zlib`)."""
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
        b" ".decode(name)  # LookupError for bytes-to-bytes and str-to-str codecs
    except (LookupError, UnicodeError):
        return None
    return name


def _decode(data: bytes, html: bool = False) -> str | QuarantineItem | None:
    """Decode bytes as UTF-8 (or BOM-marked UTF-16, or an HTML page's declared charset)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return QuarantineItem("", "undecodable", f"invalid UTF-16 at byte {exc.start}")
    sample = data[:8192]
    if b"\x00" in sample or _control_share(sample) > 0.10:
        return QuarantineItem("", "binary", "file looks binary (NUL or control bytes)")
    charset = _declared_charset(data) if html else None
    if charset and charset != "utf-8":
        try:
            return data.decode(charset)
        except UnicodeError as exc:  # some codecs (idna, punycode) raise no UnicodeDecodeError
            at = f" at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
            return QuarantineItem("", "undecodable", f"not valid {charset} (declared){at}")
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
    published = parse_publication(_first(meta, DATE_FIELDS))
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
        url=_meta_text(_first(meta, ("url", "link")), "url"),
        outlet=_meta_text(_first(meta, OUTLET_FIELDS), "outlet"),
        published_at=published.at,
        published_utc_offset_min=published.offset_min,
        language=language,
        word_count=len(_WORD.findall(joined.text)),
        external_id=_meta_text(_first(meta, ("id", "article_id", "guid")), "external_id"),
        source_offsets=joined.offsets if keep_offsets else None,
        date_warning=published.problem and f"{published.problem}; kept with an unknown date",
    )


def _meta_text(value: Any, field: str) -> str | None:
    """A metadata value as clean text, or None when it has the wrong type or shape.

    Strings lose control characters; an integer id becomes its digits; lists, objects,
    floats and booleans are dropped rather than stored as Python reprs; a url must be an
    absolute http(s)/ftp URL.
    """
    if isinstance(value, int) and not isinstance(value, bool) and field == "external_id":
        value = str(value)
    if not isinstance(value, str):
        return None
    text = " ".join(strip_controls(value).split())
    if not text or len(text) > _META_MAX_CHARS[field]:
        return None
    if field == "url" and not _URL.match(text):
        return None
    return text


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
    """One JSON article object with `title`/`headline` and `text`/`body`/`content`/`articleBody`
    (plus optional metadata)."""
    if not isinstance(obj, dict):
        return QuarantineItem(
            path, "malformed_json", f"expected an object, got {type(obj).__name__}", line_number
        )
    body_value = _first(obj, TEXT_FIELDS)
    if not isinstance(body_value, str) or not body_value.strip():
        return QuarantineItem(path, "missing_field", _no_text(obj), line_number)
    title_value = _first(obj, TITLE_FIELDS)
    title = clean_text(title_value if isinstance(title_value, str) else "")
    title = title.slice(0, title.text.find("\n")) if "\n" in title.text else title
    record = build_article(title, clean_text(body_value), path=path, fmt=fmt, meta=obj)
    if isinstance(record, QuarantineItem):
        return QuarantineItem(record.path, record.reason, record.detail, line_number)
    return replace(record, line_number=line_number)


_JSON_KINDS = {
    list: "a list",
    dict: "an object",
    int: "a number",
    float: "a number",
    bool: "a boolean",
}


def _no_text(obj: dict[str, Any]) -> str:
    """Why an object has no body, naming what it holds instead, e.g. "'text' holds a list, not
    a string; ..." or "no non-empty 'text' or ... field (it has 'name', 'stuff')"."""
    wrong = next((k for k in TEXT_FIELDS if obj.get(k) not in (None, "")), None)
    if wrong is not None and not isinstance(obj[wrong], str):
        kind = _JSON_KINDS.get(type(obj[wrong]), type(obj[wrong]).__name__)
        return f"{wrong!r} holds {kind}, not a string; put the article's text there as one string"
    keys = ", ".join(repr(k[:40]) for k in list(obj)[:8]) or "no fields"
    return f"no non-empty {' or '.join(map(repr, TEXT_FIELDS))} field (it has {keys})"


def _load_json(text: str) -> tuple[Any, str | None]:
    """(value, None), or (None, why) for anything `json` refuses: syntax, nesting deeper than
    the interpreter allows, numbers too long to convert."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        # some messages end in "at" ("Unterminated string starting at"): no "at at"
        where = "" if exc.msg.endswith(" at") else " at"
        return None, f"{exc.msg}{where} line {exc.lineno} column {exc.colno}"
    except RecursionError:
        return None, "nested too deeply to parse"
    except ValueError as exc:  # e.g. an integer with more digits than int() accepts
        return None, str(exc).split(";")[0][:200]


def read_json(text: str, path: str) -> Iterator[Record]:
    """A `.json` file: one article object (or a list of them)."""
    data, error = _load_json(text)
    if error is not None:
        yield QuarantineItem(path, "malformed_json", error)
        return
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items, start=1):
        yield read_object(item, path, "json", index if isinstance(data, list) else None)


def read_jsonl(text: str, path: str) -> Iterator[Record]:
    """A `.jsonl` file: one article object per line; a bad line quarantines only itself.

    Lines end at "\n" (or "\r\n") only: U+2028, U+2029 and U+0085 are legal inside JSON
    strings, so `str.splitlines` would cut articles apart.
    """
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        obj, error = _load_json(line)
        if error is not None:
            yield QuarantineItem(path, "malformed_json", error, line_number)
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
    published = html_published_time(text) or doc.date  # trafilatura keeps only the day
    meta = {"url": doc.url, "outlet": doc.sitename, "published_at": published}
    return build_article(
        clean_text(title_text),
        clean_text("\n\n".join(paragraphs)),
        path=path,
        fmt="html",
        meta=meta,
    )


def _read_regular_file(path: Path, name: str, max_bytes: int) -> bytes | QuarantineItem:
    """The bytes of a regular file, never following a link or opening a FIFO or device
    (the folder may change between listing and reading), never more than `max_bytes`."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except FileNotFoundError:
        return QuarantineItem(name, "unreadable", "removed after the folder was listed; not read")
    except OSError as exc:
        if path.is_symlink():
            return QuarantineItem(name, "symlink", "symbolic link; not followed")
        return QuarantineItem(name, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return QuarantineItem(name, "special_file", "not a regular file; not read")
        if info.st_size > max_bytes:
            return QuarantineItem(
                name, "too_large", f"{info.st_size} bytes {_over_limit(max_bytes)}"
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return QuarantineItem(name, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        return QuarantineItem(name, "too_large", f"grew while read: {_over_limit(max_bytes)}")
    return data


def _over_limit(max_bytes: int) -> str:
    return f"exceeds the limit of {max_bytes}; raise NEWSCLAIMS_MAX_FILE_BYTES to read it"


def _txt_records(text: str, path: str, keep_offsets: bool) -> Iterator[Record]:
    yield read_txt(text, path, keep_offsets)


def _html_records(text: str, path: str, keep_offsets: bool) -> Iterator[Record]:
    yield read_html(text, path)


# one reader per source format; the formats and the suffixes read as each are value sets
FORMAT_READERS: dict[str, Callable[[str, str, bool], Iterator[Record]]] = {
    "txt": _txt_records,
    "json": lambda text, path, _keep: read_json(text, path),
    "jsonl": lambda text, path, _keep: read_jsonl(text, path),
    "html": _html_records,
}
if set(FORMAT_READERS) != set(value_sets.values("source_format")):
    raise value_sets.ValueSetError(
        f"{value_sets.VALUE_SETS_FILE}: the source_format values must be the formats with a "
        f"reader in {__name__}: {sorted(FORMAT_READERS)}"
    )


def read_path(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, keep_offsets: bool = False
) -> Iterator[Record]:
    """Read one file into article records and quarantine items; never raises on bad input."""
    name = str(path)
    suffix = path.suffix.lower()
    fmt = INPUT_SUFFIXES.get(suffix)
    if fmt is None:
        known = ", ".join(sorted(INPUT_SUFFIXES))
        yield QuarantineItem(
            name,
            "unsupported_format",
            f"unsupported extension {suffix!r}; the suffixes read are {known}",
        )
        return
    data = _read_regular_file(path, name, max_bytes)
    if isinstance(data, QuarantineItem):
        yield data
        return
    if not data.strip():
        yield QuarantineItem(name, "empty", "file is empty")
        return
    decoded = _decode(data, html=fmt == "html")
    if isinstance(decoded, QuarantineItem):
        yield QuarantineItem(name, decoded.reason, decoded.detail)
        return
    assert decoded is not None
    yield from FORMAT_READERS[fmt](decoded, name, keep_offsets)
