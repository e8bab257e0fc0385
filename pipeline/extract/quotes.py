"""Find quotation spans in raw article text.

Handles curly quotes (“…”), straight double quotes ("…"), the doubled-apostrophe convention
of some wires (''…''), and quotes that run over several paragraphs (the news convention: a
paragraph that continues a quote opens with a quote mark but the previous one is left open).
Single quotes (‘…’) are only accepted when they cannot be apostrophes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening / closing marks. Straight marks and '' are ambiguous and decided by context.
_MARK_RE = re.compile(r"''|``|[“”\"„‘’]")
_WORDCHAR = re.compile(r"\w")


@dataclass(frozen=True)
class Quote:
    """A quoted stretch of text; `start`/`end` include the quote marks.

    `group` numbers quotes that belong to one multi-paragraph quotation (same group id).
    `closed` is False when the quote ran to the end of its paragraph without a closing mark.
    """

    start: int
    end: int
    group: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the quoted text without the marks."""
        s, e = self.start, self.end
        text_len = e - s
        return (s + 1, e - 1 if self.closed and text_len > 1 else e)


def _is_open_context(text: str, i: int) -> bool:
    """A mark at i looks like an opener: preceded by start/space/bracket/dash, followed by text."""
    before = text[i - 1] if i > 0 else " "
    return before.isspace() or before in "([{—–-:/" or i == 0


def _is_close_context(text: str, j: int) -> bool:
    """A mark ending at j looks like a closer: followed by end/space/punctuation."""
    after = text[j] if j < len(text) else " "
    return not _WORDCHAR.match(after)


def _paragraph_quotes(text: str, p_start: int, p_end: int) -> list[tuple[int, int, bool]]:
    """Quotes inside one paragraph as (start, end, closed)."""
    out: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    open_kind = ""
    for m in _MARK_RE.finditer(text, p_start, p_end):
        mark = m.group()
        i, j = m.start(), m.end()
        if mark in ("’",):
            # closes a ‘…’ quote only when not an apostrophe
            if open_at is not None and open_kind == "‘" and _is_close_context(text, j):
                out.append((open_at, j, True))
                open_at = None
            continue
        if mark == "‘":
            if open_at is None and _is_open_context(text, i):
                open_at, open_kind = i, "‘"
            continue
        if open_at is None:
            if mark == "”" and i == p_start and j < p_end and not text[j].isspace():
                # a closing mark used to open a paragraph's quote (”Fear. …”)
                open_at, open_kind = i, "“"
            elif mark in ("“", "„", "``") or (mark in ('"', "''") and _is_open_context(text, i)):
                open_at, open_kind = i, mark
            elif mark in ('"', "''") and j < p_end and not text[j].isspace():
                open_at, open_kind = i, mark
            continue
        # a quote is open
        if open_kind == "‘":
            # a double mark inside a single-quoted stretch: the single quote was an apostrophe
            open_at = None
            if mark in ("“", "„", "``") or _is_open_context(text, i):
                open_at, open_kind = i, mark
            continue
        if mark in ("”", "''", '"'):
            out.append((open_at, j, True))
            open_at = None
        elif mark in ("“", "„", "``"):
            # a second opener: typographic slip. Treat as closer when it ends a word run.
            if _is_close_context(text, j) and not _is_open_context(text, i):
                out.append((open_at, j, True))
                open_at = None
            else:
                open_at = i
    if open_at is not None and open_kind != "‘":
        end = p_end
        while end > open_at and text[end - 1].isspace():
            end -= 1
        if end - open_at > 1:
            out.append((open_at, end, False))
    return out


_PARA_RE = re.compile(r"[^\n]+")


def find_quotes(text: str) -> list[Quote]:
    """All quotation spans in `text`, in order, with multi-paragraph quotes grouped."""
    quotes: list[Quote] = []
    group = -1
    prev_unclosed = False
    for para in _PARA_RE.finditer(text):
        p_start, p_end = para.start(), para.end()
        spans = _paragraph_quotes(text, p_start, p_end)
        for k, (s, e, closed) in enumerate(spans):
            lead = text[p_start:s].strip()
            if not (k == 0 and prev_unclosed and lead == ""):
                group += 1
            quotes.append(Quote(s, e, group, closed))
        prev_unclosed = bool(spans) and not spans[-1][2]
    return quotes


def quote_at(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The quote that contains the character range [start, end), if any."""
    for q in quotes:
        if q.start <= start and end <= q.end:
            return q
        if q.start > end:
            break
    return None
