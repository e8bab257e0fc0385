"""Plain records produced by extraction: the contract between the NLP core and the warehouse."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from pipeline.common import value_sets

# how a claim is reported / what its speaker does / why an actor is its target (meanings and
# the one home of each: dbt_project/seeds/value_sets.csv)
CLAIM_FORMS = value_sets.values("claim_form")  # direct, mixed, indirect, none
CLAIM_ACTS = value_sets.values("claim_act")  # accuse, deny, noncommittal, hedge, assert
TARGET_ROLES = value_sets.values("target_role")  # accused, about
# the roles a claim shows; the others ("accused_if_deny") wait for a reviewed act correction
SHOWN_ROLES = ("accused", "about")
# PERSON, ORG, GPE, GROUP, UNNAMED, OTHER (a source that is not an actor)
SPEAKER_TYPES = value_sets.values("speaker_type")


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
    """One attributed statement. Spans are (start, end) character offsets into the article text.

    The extractor version is not a field: it belongs to the run, and the warehouse writes it
    beside every row of the run (`warehouse.store.write_extractions`)."""

    claim_id: str
    article_id: str
    sentence_index: int
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

    {"article": "a1", "content": "...", "speaker": "Peskov", "cue": "said", "act": ...}
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
        "form": claim.form,
        "act": claim.act,
        "act_confidence": claim.act_confidence,
        "reported_by": claim.reported_by,
        "confidence": claim.confidence,
        "claim_id": claim.claim_id,
    }


def claim_in_source(
    row: dict[str, Any], to_original: Callable[[int, int], tuple[int, int]], source: str
) -> dict[str, Any]:
    """A `claim_to_json` row with its spans re-expressed as offsets into the file as read
    (`source`; `to_original` maps a span of the extracted text into it, e.g. ingestion's
    `CleanText.to_original`, which undoes HTML markup and cleaning), and its speaker, cue and
    one-piece content quoted from the file::

        claim_in_source(row, clean.to_original, html)["content_start"]    # 412, not 17
    """
    row = dict(row)
    for prefix in ("content", "speaker", "cue"):
        start, end = row.get(f"{prefix}_start"), row.get(f"{prefix}_end")
        if start is None or end is None:
            continue
        o_start, o_end = to_original(start, end)
        row[f"{prefix}_start"], row[f"{prefix}_end"] = o_start, o_end
        if prefix != "content" or not row.get("content_spans") or len(row["content_spans"]) == 1:
            row[prefix] = source[o_start:o_end]
    if row.get("content_spans"):
        row["content_spans"] = [list(to_original(s, e)) for s, e in row["content_spans"]]
    return row
