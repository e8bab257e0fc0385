"""The working copy of an entity mention, shared by the entity passes and the claim rules.

A low module (it imports nothing of the package) so that `entities.py`, which collects mentions,
and the passes it calls (`merges.py`, `non_actors.py`) can all name the type without a circle::

    Mention(start=3, end=5, start_char=17, end_char=30, text="Dmitry Peskov",
            label="PERSON", normalized="Dmitry Peskov")
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Mention:
    """Working copy of a mention with token offsets (used by the claim rules)."""

    start: int  # token index
    end: int  # token index (exclusive)
    start_char: int
    end_char: int
    text: str
    label: str
    normalized: str
    resolved: str = ""
    sentence_index: int = 0
    gender: str | None = None
