"""Reviewed corrections: the files dbt applies on every build, read and appended to here.

Two CSV seeds of the dbt project hold them (their one home; `dbt_project/seeds/_seeds.yml`
documents the columns, `value_sets.csv` the actions as the value sets `actor_correction` and
`claim_correction`):

- `actor_corrections.csv`: action,name,value,article_id,note
- `claim_corrections.csv`: action,claim_id,value,note

A merge that must never happen is no correction: its one home is `actor_never_merge.csv`
(name,other_name,note; `*` = never merged), which `add_never_merge` appends to.

dbt applies them (`int_corrections` and the `*_corrected` models), so a correction never
re-extracts an article. This module validates rows and appends them for `newsclaims correct`;
a bad row is one `CorrectionError` naming the file, the line and the fix::

    add_correction("claim", {"action": "not_claim", "claim_id": "7496b5c6fcd9a765"})
    check_corrections()        # every row of both files, or CorrectionError("file:3: ...")
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.common.paths import DBT_SEEDS_DIR
from pipeline.common.value_sets import meanings

HEADERS: dict[str, tuple[str, ...]] = {
    "actor": ("action", "name", "value", "article_id", "note"),
    "claim": ("action", "claim_id", "value", "note"),
}
SUBJECT = {"actor": "name", "claim": "claim_id"}
_ID = re.compile(r"^[0-9a-f]{16}$")  # claim_id and article_id: 16 hex digits
# the value set a value must be in, by action; other actions take an actor's name
VALUE_SETS = {"type": "actor_type", "act": "claim_act"}
NO_VALUE = {"not_claim"}


class CorrectionError(ValueError):
    """A correction row is malformed: the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Correction:
    """One validated row of a corrections file."""

    kind: str
    line: int
    fields: dict[str, str]

    @property
    def key(self) -> tuple[str, str, str]:
        """(action, subject, article): two rows with one key would contradict each other."""
        f = self.fields
        return (f["action"], f[SUBJECT[self.kind]].lower(), f.get("article_id", ""))


def corrections_file(kind: str, folder: Path = DBT_SEEDS_DIR) -> Path:
    """The file of `kind` ("actor" or "claim") in `folder` (default: the dbt seeds)."""
    if kind not in HEADERS:
        raise CorrectionError(f"no correction kind {kind!r}: use actor or claim")
    return Path(folder) / f"{kind}_corrections.csv"


def row_problem(kind: str, fields: dict[str, str]) -> str | None:
    """What is wrong with a row and how to fix it, or None when it is valid."""
    action = fields.get("action", "")
    actions = meanings(f"{kind}_correction")
    if kind == "actor" and action == "never_merge":
        return (
            "never_merge is no correction: add the pair to actor_never_merge.csv "
            "(newsclaims correct actor never_merge NAME OTHER)"
        )
    if action not in actions:
        return f"action {action!r} is not one of {', '.join(actions)} (value set {kind}_correction)"
    subject = fields.get(SUBJECT[kind], "")
    if not subject:
        return f"{SUBJECT[kind]} is empty; name the {kind} the correction is about"
    if kind == "claim" and not _ID.match(subject):
        return f"claim_id {subject!r} is not 16 hex digits; copy it from fct_claims.claim_id"
    value = fields.get("value", "")
    if action in NO_VALUE:
        return f"{action} takes no value; leave value empty" if value else None
    if not value:
        return f"{action} needs a value ({_value_hint(action)})"
    allowed = meanings(VALUE_SETS[action]) if action in VALUE_SETS else None
    if allowed is not None and value not in allowed:
        return f"{action} value {value!r} is not one of {', '.join(allowed)}"
    article = fields.get("article_id", "")
    if kind == "actor" and (action == "split") != bool(article):
        need = "needs the article_id it applies in" if article == "" else "takes no article_id"
        return f"{action} {need} (dim_articles.article_id, 16 hex digits)"
    if article and not _ID.match(article):
        return f"article_id {article!r} is not 16 hex digits; copy it from dim_articles"
    return None


def _value_hint(action: str) -> str:
    if action in VALUE_SETS:
        return f"one of {', '.join(meanings(VALUE_SETS[action]))}"
    return "an actor's name, as dim_actors.canonical_name shows it"


def read_corrections(kind: str, path: Path | None = None) -> list[Correction]:
    """Every row of the `kind` file, validated; a `CorrectionError` at the first bad one."""
    path = path or corrections_file(kind)
    with Path(path).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = HEADERS[kind]
    if not rows or tuple(rows[0]) != header:
        raise CorrectionError(f"{path}:1: the header must be {','.join(header)}; restore it")
    out: list[Correction] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise CorrectionError(
                f"{path}:{line}: {len(row)} cells, the header has {len(header)} "
                f"({','.join(header)}); quote a cell that holds a comma"
            )
        cells = {h: cell.strip() for h, cell in zip(header, row, strict=True)}
        item = Correction(kind, line, cells)
        problem = row_problem(kind, item.fields)
        if problem:
            raise CorrectionError(f"{path}:{line}: {problem}")
        if item.key in seen:
            raise CorrectionError(
                f"{path}:{line}: repeats the {item.key[0]} of line {seen[item.key]} for the same "
                f"{SUBJECT[kind]}; keep one of the two rows"
            )
        seen[item.key] = line
        out.append(item)
    return out


def check_corrections(folder: Path = DBT_SEEDS_DIR) -> int:
    """Validate both files; the number of corrections (a `CorrectionError` on a bad row)."""
    return sum(len(read_corrections(k, corrections_file(k, folder))) for k in HEADERS)


def add_correction(kind: str, fields: dict[str, str], folder: Path = DBT_SEEDS_DIR) -> int:
    """Append one validated row to the `kind` file (the whole file is checked with it, and
    replaced atomically); returns its line number."""
    path = corrections_file(kind, folder)
    header = HEADERS[kind]
    row = {h: (fields.get(h) or "").strip() for h in header}
    existing = read_corrections(kind, path)
    problem = row_problem(kind, row)
    if problem:
        raise CorrectionError(f"{path}: not added: {problem}")
    new = Correction(kind, 0, row)
    clash = next((c for c in existing if c.key == new.key), None)
    if clash is not None:
        raise CorrectionError(
            f"{path}:{clash.line}: already has a {row['action']} of {row[SUBJECT[kind]]!r}; "
            "edit or delete that row instead"
        )
    return _append_row(path, [row[h] for h in header])


NEVER_MERGE_HEADER = ("name", "other_name", "note")


def add_never_merge(name: str, other: str, note: str = "", folder: Path = DBT_SEEDS_DIR) -> int:
    """Append (name, other, note) to actor_never_merge.csv: `name` never resolves to the actor
    `other` (`*`: to no other actor). Returns its line number.

        add_never_merge("Jackson", "Andrew Jackson", "Judge Jackson is Amy Berman Jackson")
    """
    path = Path(folder) / "actor_never_merge.csv"
    name, other = name.strip(), other.strip()
    if not name or not other:
        raise CorrectionError(f"{path}: not added: name both actors (or `*` as the other one)")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or tuple(rows[0]) != NEVER_MERGE_HEADER:
        raise CorrectionError(f"{path}:1: the header must be {','.join(NEVER_MERGE_HEADER)}")
    pair = {name.lower(), other.lower()}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) >= 2 and {row[0].strip().lower(), row[1].strip().lower()} == pair:
            raise CorrectionError(f"{path}:{line}: already forbids this merge")
    return _append_row(path, [name, other, note.strip()])


def _append_row(path: Path, cells: list[str]) -> int:
    """Append one CSV row to `path` (the file replaced atomically); its line number."""
    text = path.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text + buffer.getvalue(), encoding="utf-8")
    os.replace(tmp, path)
    return len(text.splitlines()) + 1
