"""Text cleaning for ingested articles: NFC, mojibake repair, whitespace, page furniture.

`clean_text` returns the cleaned text together with an offset map (for every character of
the cleaned text, the index of the character of the input it came from), so spans found in
the cleaned text can be reported against the file as read.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

import ftfy

# Whole lines of scraped page furniture (comment forms, share bars, read-more links).
# Each pattern must match the *entire* line (case-insensitive), so a real sentence that merely
# contains these words is never removed. Tested in tests/test_cleaning.py.
FURNITURE_PATTERNS: tuple[str, ...] = (
    r"please enter your comment!?",
    r"please enter your name here\.?",
    r"you have entered an incorrect email address!?",
    r"please enter your email address here\.?",
    r"leave a (reply|comment)\.?",
    r"(save my name, email, and website in this browser for the next time i comment\.?)",
    r"share (this|on) (article|story|facebook|twitter|x|whatsapp|email)[.!]?",
    r"(click|tap) here to (read|subscribe|sign up|comment)[^.]{0,40}\.?",
    r"read the rest here\.?",
    r"read more:?",
    r"advertisement",
    r"sign up (for|to) our [a-z ]{0,30}newsletters?[.!]?",
    r"subscribe (now|today)[.!]?",
    r"follow us on (twitter|facebook|instagram|x)[.!]?",
    r"(all rights reserved\.?|copyright ©?.{0,60})",
    r"related( articles| stories)?:?",
    # a dateline on a line of its own ("Friday, January 4, 2019"), as Wikinews prints them
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday), [a-z]+ \d{1,2}, \d{4}",
)
_FURNITURE_RE = re.compile(r"^(?:" + "|".join(FURNITURE_PATTERNS) + r")$", re.IGNORECASE)

_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,  # curly quotes are signal for quote detection
    fix_character_width=False,
    fix_latin_ligatures=True,
    normalization="NFC",
    explain=False,
)

# Characters treated as a plain space (NBSP, thin spaces, tabs, ...). Zero-width characters
# are dropped.
_SPACE_CHARS = {"\t", "\x0b", "\x0c", "\xa0", "\u1680", "\u202f", "\u205f", "\u3000"} | {
    chr(c) for c in range(0x2000, 0x200B)
}
_DROP_CHARS = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\x00"}
_LINE_BREAKS = {"\n", "\u2028", "\u2029", "\x85"}
_MAX_DIFF_ALIGN = 4_000  # beyond this, align a changed region proportionally (difflib is quadratic)


@dataclass(frozen=True)
class CleanText:
    """Cleaned text and, per cleaned character, its index in the original string."""

    text: str
    offsets: list[int]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the cleaned text to the original string."""
        if start >= len(self.offsets):
            return self.original_length, self.original_length
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end > start else o_start
        return o_start, o_end

    def slice(self, start: int, end: int | None = None) -> CleanText:
        """A sub-span of the cleaned text, keeping its offsets."""
        return CleanText(self.text[start:end], self.offsets[start:end], self.original_length)


def is_furniture(line: str) -> bool:
    """True when a whole line is scraped page furniture (comment forms, share links...)."""
    return bool(_FURNITURE_RE.match(line.strip()))


def _repair(raw: str) -> tuple[str, list[int]]:
    """Mojibake repair + NFC, line by line, with an offset map back to `raw`."""
    fixed_parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for line in raw.splitlines(keepends=True):
        fixed = ftfy.fix_text(line, config=_FTFY_CONFIG) if not line.isascii() else line
        fixed_parts.append(fixed)
        offsets.extend(pos + k for k in _align(line, fixed))
        pos += len(line)
    return "".join(fixed_parts), offsets


def _align(before: str, after: str) -> list[int]:
    """For every character of `after`, an index into `before` (exact where unchanged)."""
    if before == after:
        return list(range(len(before)))
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    b_mid, a_mid = before[prefix : len(before) - suffix], after[prefix : len(after) - suffix]
    middle: list[int] = []
    if len(a_mid) + len(b_mid) <= _MAX_DIFF_ALIGN:
        matcher = difflib.SequenceMatcher(None, b_mid, a_mid, autojunk=False)
        for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
            span = max(i2 - i1, 1)
            middle.extend(i1 + (k * span) // max(j2 - j1, 1) for k in range(j2 - j1))
    else:
        scale = len(b_mid) / max(len(a_mid), 1)
        middle = [int(k * scale) for k in range(len(a_mid))]
    last = max(len(before) - 1, 0)
    return (
        list(range(prefix))
        + [min(prefix + m, last) for m in middle]
        + list(range(len(before) - suffix, len(before)))
    )


def _normalise_lines(text: str, offsets: list[int]) -> list[tuple[str, list[int]]]:
    """Split into lines with collapsed inner whitespace; blank lines become empty strings."""
    lines: list[tuple[str, list[int]]] = []
    chars: list[str] = []
    offs: list[int] = []
    pending_space: int | None = None
    prev_cr = False
    for ch, off in zip(text, offsets, strict=True):
        if ch == "\r" or ch in _LINE_BREAKS:
            if ch == "\n" and prev_cr:
                prev_cr = False
                continue
            prev_cr = ch == "\r"
            lines.append(("".join(chars), offs))
            chars, offs, pending_space = [], [], None
            continue
        prev_cr = False
        if ch in _DROP_CHARS:
            continue
        if ch == " " or ch in _SPACE_CHARS:
            if chars and pending_space is None:
                pending_space = off
            continue
        if unicodedata.category(ch) == "Cc":
            continue
        if pending_space is not None:
            chars.append(" ")
            offs.append(pending_space)
            pending_space = None
        chars.append(ch)
        offs.append(off)
    lines.append(("".join(chars), offs))
    return lines


def clean_text(raw: str) -> CleanText:
    """Clean article text: repair mojibake, NFC, collapse whitespace, drop page furniture.

    Paragraph breaks survive as exactly one blank line ("\\n\\n"); single line breaks inside a
    paragraph are kept. Leading and trailing blank lines are removed.
    """
    repaired, rep_offsets = _repair(raw)
    out: list[str] = []
    out_offsets: list[int] = []
    blank_run = 0
    for line, offs in _normalise_lines(repaired, rep_offsets):
        if not line or is_furniture(line):
            blank_run += 1
            continue
        if out:
            # separator newlines map to the start of the line they introduce
            sep = "\n\n" if blank_run else "\n"
            out.append(sep)
            out_offsets.extend([max(offs[0] - 1, 0)] * len(sep))
        out.append(line)
        out_offsets.extend(offs)
        blank_run = 0
    text = "".join(out)
    return CleanText(text=text, offsets=out_offsets, original_length=len(raw))


def join_title_body(title: CleanText, body: CleanText) -> CleanText:
    """The stored article text: title + "\\n\\n" + body, with offsets preserved."""
    if not title.text:
        return body
    sep_off = title.offsets[-1] if title.offsets else 0
    return CleanText(
        text=f"{title.text}\n\n{body.text}",
        offsets=[*title.offsets, sep_off, sep_off, *body.offsets],
        original_length=max(title.original_length, body.original_length),
    )


def split_title_body(clean: CleanText) -> tuple[CleanText, CleanText]:
    """First line is the title, everything after it (minus leading newlines) the body."""
    nl = clean.text.find("\n")
    if nl < 0:
        return clean, clean.slice(len(clean.text))
    body_start = nl
    while body_start < len(clean.text) and clean.text[body_start] == "\n":
        body_start += 1
    return clean.slice(0, nl), clean.slice(body_start)
