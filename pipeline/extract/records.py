"""Plain records produced by extraction: the contract between the NLP core and the warehouse."""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

_SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"


def _seed_values(name: str) -> tuple[str, ...]:
    """The first column of a dbt seed: the one home of a value set shared with dbt and GX."""
    with (_SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(row[0] for row in list(csv.reader(fh))[1:] if row)


# how a claim is reported / what its speaker does (meanings in the seeds)
CLAIM_FORMS = _seed_values("claim_forms")  # direct, mixed, indirect, none
CLAIM_ACTS = _seed_values("claim_acts")  # accuse, deny, noncommittal, hedge, assert
TARGET_ROLES = ("accused", "about")
CLAIM_KINDS = ("direct", "mixed", "indirect", "accusation", "denial", "unattributed")
STANCES = ("assert", "deny", "noncommittal", "hedged")
# OTHER: a source that is not an actor (a document, a thing, an unresolved pronoun)
SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "GROUP", "UNNAMED", "OTHER")


@dataclass(frozen=True)
class EntityMention:
    """One named-entity mention; offsets are into the stored article text."""

    mention_id: str
    article_id: str
    sentence_index: int
    start_char: int
    end_char: int
    text: str
    label: str
    normalized_name: str
    resolved_name: str  # within-article resolution: "Gladkov" -> "Vyacheslav Gladkov"


@dataclass(frozen=True)
class ClaimTarget:
    """An actor a claim is about, and where the claim names it: an entity mention or a pronoun
    in the content, or (for a denial of one's own wrongdoing) the speaker. `role` is
    "accused" for the party the claim blames, else "about"."""

    claim_id: str
    article_id: str
    target_name: str  # resolved name, same normalisation as EntityMention.resolved_name
    target_label: str
    start_char: int
    end_char: int
    role: str = "about"
    # calibrated probability that this party is accused (the analysis model's, for role
    # "accused"); None for "about" and when acts come from the rules alone
    confidence: float | None = None


@dataclass(frozen=True)
class Claim:
    """One attributed statement. Spans are (start, end) character offsets into the article text."""

    claim_id: str
    article_id: str
    sentence_index: int
    kind: str
    stance: str
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    content: str
    content_start: int
    content_end: int
    content_spans: list[tuple[int, int]] = field(default_factory=list)
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None
    speaker_role: str | None = None
    speaker_type: str | None = None
    reported_by: str | None = None
    # probability that the claim is right (content and speaker), from the decision model;
    # None when the extractor runs on rules alone
    confidence: float | None = None
    extractor_version: str = ""
    form: str = "indirect"  # one of CLAIM_FORMS
    act: str = "assert"  # one of CLAIM_ACTS
    # calibrated probability that `act` is right (the analysis model's); None on rules alone
    act_confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ArticleExtraction:
    """Everything extracted from one article; `error` says why nothing was, when it failed."""

    article_id: str
    mentions: list[EntityMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    targets: list[ClaimTarget] = field(default_factory=list)
    error: str | None = None


def claim_to_json(claim: Claim, article: str) -> dict[str, Any]:
    """The JSON object of one claim (`newsclaims extract --jsonl`, the scorer's input)::

    {"article": "a1", "content": "...", "speaker": "Peskov", "cue": "said", "kind": ...}
    """
    return {
        "article": article,
        "content": claim.content,
        "content_start": claim.content_start,
        "content_end": claim.content_end,
        "content_spans": [list(s) for s in claim.content_spans],
        "speaker": claim.speaker_text,
        "speaker_start": claim.speaker_start,
        "speaker_end": claim.speaker_end,
        "speaker_name": claim.speaker_name,
        "speaker_role": claim.speaker_role,
        "speaker_type": claim.speaker_type,
        "cue": claim.cue,
        "cue_start": claim.cue_start,
        "cue_end": claim.cue_end,
        "kind": claim.kind,
        "stance": claim.stance,
        "form": claim.form,
        "act": claim.act,
        "act_confidence": claim.act_confidence,
        "reported_by": claim.reported_by,
        "confidence": claim.confidence,
        "claim_id": claim.claim_id,
    }
