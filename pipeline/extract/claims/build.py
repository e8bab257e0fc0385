"""Decided drafts -> `Claim` and `ClaimTarget` records: the speakers described, each claim
labelled by the labels stage (`labels/`), then written out.

    claims, targets = build_records(ctx, drafts, "a1", labellers=LABELLERS)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..entities import short_hash
from ..records import Claim, ClaimTarget
from ..speakers import SpeakerInfo
from .context import ArticleContext
from .draft import Draft
from .labels import LABELLERS, ArticleClaims, Labeller, Labels, label_claim
from .labels.chains import continue_chains

ClaimTrace = Callable[[Claim, Draft], None]


def build_records(
    ctx: ArticleContext,
    drafts: list[Draft],
    article_id: str,
    trace: ClaimTrace | None = None,
    labellers: Sequence[Labeller] = LABELLERS,
) -> tuple[list[Claim], list[ClaimTarget]]:
    """One claim per distinct (content, cue) in text order, with its targets."""
    text = ctx.text
    drafts = sorted(drafts, key=lambda d: (d.spans[0][0], d.cue_i))
    infos: list[tuple[Draft, SpeakerInfo | None]] = [
        (d, ctx.speakers.describe(d.speaker) if d.speaker is not None else None) for d in drafts
    ]
    continue_chains(ctx, infos)
    article = ArticleClaims(ctx, infos)
    claims: list[Claim] = []
    targets: list[ClaimTarget] = []
    seen: set[str] = set()
    for d, info in infos:
        cue_start, cue_end = _cue_chars(ctx, d)
        c_start, c_end = d.spans[0][0], d.spans[-1][1]
        claim_id = short_hash(article_id, c_start, c_end, c_start if d.cueless else cue_start)
        if claim_id in seen:
            continue
        seen.add(claim_id)
        content = " … ".join(text[s:e] for s, e in d.spans)
        cue_text = "" if d.cueless else text[cue_start:cue_end]
        labels = label_claim(article.view(d, info, cue_text, content), labellers)
        claim = Claim(
            claim_id=claim_id,
            article_id=article_id,
            sentence_index=ctx.sent_index(d.cue_i),
            cue=None if d.cueless else text[cue_start:cue_end],
            cue_start=None if d.cueless else cue_start,
            cue_end=None if d.cueless else cue_end,
            content=content,
            content_start=c_start,
            content_end=c_end,
            content_spans=list(d.spans),
            speaker_text=info.text if info else None,
            speaker_start=info.start_char if info else None,
            speaker_end=info.end_char if info else None,
            speaker_name=info.name if info else None,
            speaker_role=info.role if info else None,
            speaker_type=info.type if info else None,
            reported_by=labels.reported_by,
            confidence=None if d.confidence is None else round(d.confidence, 4),
            form=labels.form,
            act=labels.act,
            act_confidence=labels.act_confidence,
        )
        claims.append(claim)
        targets.extend(claim_targets(claim, labels))
        if trace is not None:
            trace(claim, d)
    return claims, targets


def claim_targets(claim: Claim, labels: Labels) -> list[ClaimTarget]:
    """The actors a claim is about, each with its role: "accused" (with the labeller's
    confidence, if any) or "about"; then whom the claim would accuse under each accusing act
    it was not given ("accused_if_deny": dbt uses them only when a reviewed correction gives
    the claim that act)."""
    accused = {r.name for r in labels.accused}
    rows = [
        (r, "accused" if r.name in accused else "about", labels.accused_confidence.get(r.name))
        for r in labels.about
    ]
    for act, chosen in sorted(labels.alternatives.items()):
        rows.extend((r, f"accused_if_{act}", p) for r, p in chosen.items())
    return [
        ClaimTarget(
            claim.claim_id,
            claim.article_id,
            r.name,
            r.label,
            r.start_char,
            r.end_char,
            role,
            p if role != "about" else None,
        )
        for r, role, p in rows
    ]


def _cue_chars(ctx: ArticleContext, d: Draft) -> tuple[int, int]:
    """The cue's (start, end) characters."""
    if d.cue_span is not None:
        return d.cue_span
    toks = [ctx.doc[i] for i in d.cue_tokens]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)
