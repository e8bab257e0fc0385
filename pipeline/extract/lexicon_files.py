"""The file formats of the rule tables: word lists, tab-separated tables, curated CSV maps.

Each reader names the file and line of what it refuses::

    read_words(path)                    # frozenset of its non-comment lines
    read_table(path, ("a", "b"))        # [{"a": ..., "b": ..., "_where": "file:line"}, ...]
"""

from __future__ import annotations

import csv
import re
from pathlib import Path


class LexiconError(ValueError):
    """A rule data file is malformed (the message names the file and line)."""


def read_lines(path: Path) -> list[str]:
    """Non-blank lines of a text file, without `#` comment lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]


def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of the phrases as whole words, any spacing.

    >>> bool(phrase_pattern(("that said",)).search("That  said, he left"))
    True
    """
    alts = sorted((r"\s+".join(map(re.escape, p.split())) for p in phrases), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alts or ["(?!)"]) + r")\b", re.I)


def read_words(path: Path) -> frozenset[str]:
    """A word list: one entry per line (an entry may hold spaces: 'north korean')."""
    return frozenset(read_lines(path))


def read_table(path: Path, columns: tuple[str, ...], key: int = 1) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header; the first `key` columns must be unique."""
    lines = [
        (n, line)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.strip() and not line.startswith("#")
    ]
    if not lines or tuple(lines[0][1].split("\t")) != columns:
        raise LexiconError(f"{path}: the header must be {' | '.join(columns)} (tab-separated)")
    rows: list[dict[str, str]] = []
    seen: dict[tuple[str, ...], int] = {}
    for n, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > len(columns):
            raise LexiconError(f"{path}:{n}: {len(cells)} cells, expected {len(columns)}")
        cells += [""] * (len(columns) - len(cells))
        k = tuple(c.strip() for c in cells[:key])
        if k in seen:
            raise LexiconError(f"{path}:{n}: duplicate {k} (first on line {seen[k]})")
        seen[k] = n
        row = {c: v.strip() for c, v in zip(columns, cells, strict=True)}
        row["_where"] = f"{path}:{n}"
        rows.append(row)
    return rows


def read_map(path: Path, key: str, value: str) -> dict[str, str]:
    """A two-column CSV (with header) as a dict; keys are unique and lower-case."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out: dict[str, str] = {}
    for n, row in enumerate(rows, 2):
        k = row[key].strip().lower()
        if k in out:
            raise LexiconError(f"{path}:{n}: duplicate {key} {k!r}")
        out[k] = row[value].strip()
    return out
