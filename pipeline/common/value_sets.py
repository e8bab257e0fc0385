"""The one home of every value set: `dbt_project/seeds/value_sets.csv`.

Each row is (value_set, value, meaning). Python reads it here, dbt loads it as the seed
`value_sets` and tests columns against it (`in_value_set`, `dbt_project/macros/`), and the
expectation suites name a set with `{"$PARAMETER": "<value_set>"}` (filled in by
`pipeline.quality.suites`). For `input_suffix` the meaning is the `source_format` a file with
that suffix is read as. A malformed file is refused with its path and line::

    values("claim_act")           # ('accuse', 'deny', 'noncommittal', 'hedge', 'assert')
    meanings("claim_form")["none"] # 'no speech: a belief, a fear, a poll result'
    input_suffixes()[".htm"]       # 'html'
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from pipeline.common.paths import DBT_SEEDS_DIR

VALUE_SETS_FILE = DBT_SEEDS_DIR / "value_sets.csv"
HEADER = ("value_set", "value", "meaning")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class ValueSetError(ValueError):
    """The value set file is malformed, or a value set is unknown (names the file and line)."""


def read_value_sets(path: Path = VALUE_SETS_FILE) -> dict[str, dict[str, str]]:
    """{value_set: {value: meaning}} in file order; every row checked.

    A row needs three non-blank cells, a set name of lower-case letters, digits and `_`, and a
    value not listed before in its set.
    """
    with Path(path).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or tuple(rows[0]) != HEADER:
        raise ValueSetError(f"{path}:1: the header must be {','.join(HEADER)}")
    sets: dict[str, dict[str, str]] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != len(HEADER) or any(cell != cell.strip() or not cell for cell in row):
            raise ValueSetError(
                f"{path}:{line}: expected 3 non-blank cells without outer spaces "
                f"(value_set,value,meaning), got {row!r}"
            )
        name, value, meaning = row
        if not _NAME.match(name):
            raise ValueSetError(f"{path}:{line}: value set name {name!r} is not snake_case")
        if value in sets.setdefault(name, {}):
            raise ValueSetError(f"{path}:{line}: {value!r} is listed twice in {name}")
        sets[name][value] = meaning
    return sets


@lru_cache(maxsize=1)
def _loaded() -> dict[str, dict[str, str]]:
    sets = read_value_sets()
    _check_suffixes(sets)
    return sets


def _check_suffixes(sets: dict[str, dict[str, str]]) -> None:
    """Every input suffix starts with a dot and is read as a listed source format."""
    formats = sets.get("source_format", {})
    for suffix, fmt in sets.get("input_suffix", {}).items():
        if not suffix.startswith(".") or suffix != suffix.lower() or fmt not in formats:
            raise ValueSetError(
                f"{VALUE_SETS_FILE}: input_suffix {suffix!r} must be a lower-case '.suffix' "
                f"read as one of the source_format values {sorted(formats)}, not {fmt!r}"
            )


def names() -> tuple[str, ...]:
    """Every value set's name, in file order."""
    return tuple(_loaded())


def meanings(name: str) -> dict[str, str]:
    """{value: meaning} of one value set."""
    try:
        return dict(_loaded()[name])
    except KeyError:
        raise ValueSetError(
            f"{VALUE_SETS_FILE}: no value set named {name!r} (there are: {', '.join(names())})"
        ) from None


def values(name: str) -> tuple[str, ...]:
    """The values of one value set, in file order."""
    return tuple(meanings(name))


def input_suffixes() -> dict[str, str]:
    """{".suffix": source_format} of every file suffix ingest reads."""
    return meanings("input_suffix")
