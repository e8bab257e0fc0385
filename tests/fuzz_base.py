"""The pieces of the adversarial corpus (`tests/fuzz_corpus.py`): what an input unit must
become (`Expect`), the cases, and English prose to vary so no two good articles are duplicates.

Example::

    quarantine("list.json", "malformed_json", 2)  # line 2 of list.json is quarantined
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# English news prose, long enough for the language guess; each case varies it so no two
# good articles are duplicates.
PROSE = (
    "The minister said on Monday that the talks would continue next week. "
    "She told reporters that the delegation was ready to travel, but that the attack on the "
    "depot had not helped the negotiations at all, and that a decision would come later."
)
FRENCH = (
    "Le ministre a déclaré lundi que les négociations reprendraient la semaine prochaine. "
    "Elle a dit aux journalistes que la délégation était prête à partir, mais que "
    "l'attaque contre le dépôt n'avait pas aidé les négociations du tout, et qu'une "
    "décision serait prise plus tard dans la semaine par le gouvernement."
)


MAX_BYTES = 12_000
MAX_CHARS = 5_000  # stands for the parser's limit


@dataclass(frozen=True)
class Expect:
    """What one input unit (a file, or one line/item of it) must become."""

    path: str  # relative to the seeds folder
    outcome: str  # "article" or "quarantine"
    reason: str | None = None  # quarantine reason, when fixed
    line: int | None = None


@dataclass(frozen=True)
class Case:
    name: str
    expect: tuple[Expect, ...]


def prose(tag: str) -> str:
    return f"{PROSE} The report number {tag} was filed."


def obj(tag: str, **extra: object) -> dict:
    return {"title": f"Talks update {tag}", "text": prose(tag), **extra}


def write(folder: Path, name: str, data: str | bytes) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def article(name: str, line: int | None = None) -> Expect:
    return Expect(name, "article", line=line)


def quarantine(name: str, reason: str | None, line: int | None = None) -> Expect:
    return Expect(name, "quarantine", reason, line)
