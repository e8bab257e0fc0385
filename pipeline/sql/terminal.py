"""Make hostile text safe to print on a terminal.

Article text and metadata come from anywhere: an ANSI escape sequence in a title can recolour,
retitle or rewrite a terminal, and a bidi override can make a line read differently from what it
holds. Everything printed for a person goes through `terminal_safe`; machine formats keep the data
(JSON escapes these characters instead, see `json_safe`).

>>> terminal_safe("ok\\x1b[31m red\\x1b[0m\\x07")
'ok red'
>>> terminal_safe("two\\nlines\\tand tab", single_line=True)
'two lines and tab'
"""

from __future__ import annotations

import re

# Whole escape sequences first, so their parameters do not survive as visible junk:
# CSI (ESC [ or 8-bit 0x9b), OSC/DCS/SOS/PM/APC strings up to their terminator (or the end),
# then any other two-character ESC sequence.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
# Remaining C0 controls except tab/newline, DEL, C1 controls, and bidi embedding/override/isolate
# marks, which reorder what a terminal shows.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\t\x0b\x0c\x85\u2028\u2029]")
# What JSON leaves raw (ensure_ascii=False) but a terminal would act on.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str, single_line: bool = False) -> str:
    """`text` without escape sequences or control characters; tab and newline are kept
    unless `single_line`, which turns every line break and tab into a space."""
    if single_line:
        text = _LINE_BREAK.sub(" ", text)
    else:
        text = text.replace("\r\n", "\n")
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def json_safe(encoded: str) -> str:
    """JSON text with DEL, C1 controls, line separators and bidi marks written as \\u escapes.

    Lossless: a JSON reader gets the same strings back.

    >>> json_safe('["a\\x9b31m"]')
    '["a\\\\u009b31m"]'
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
