"""Decided drafts -> `Claim` and `ClaimTarget` records (speaker descriptions and labels)."""

from __future__ import annotations

from collections.abc import Callable

from ..entities import short_hash
from ..records import Claim, ClaimTarget
from ..speakers import SpeakerInfo
from .context import ArticleContext
from .draft import Draft
from .passes import labels

ClaimTrace = Callable[[Claim, Draft], None]


def build_records(
    ctx: ArticleContext,
    drafts: list[Draft],
    article_id: str,
    version: str = "",
    trace: ClaimTrace | None = None,
) -> tuple[list[Claim], list[ClaimTarget]]:
    """One claim per distinct (content, cue) in text order, with its targets."""
    doc, text, lex = ctx.doc, ctx.text, ctx.lex
    drafts = sorted(drafts, key=lambda d: (d.spans[0][0], d.cue_i))
    infos: list[tuple[Draft, SpeakerInfo | None]] = [
        (d, ctx.speakers.describe(d.speaker) if d.speaker is not None else None) for d in drafts
    ]
    by_start = sorted(ctx.mentions, key=lambda m: m.start_char)
    starts = [m.start_char for m in by_start]
    claims: list[Claim] = []
    targets: list[ClaimTarget] = []
    seen: set[str] = set()
    for d, info in infos:
        if d.cue_span is not None:
            cue_start, cue_end = d.cue_span
        else:
            toks = [doc[i] for i in d.cue_tokens]
            cue_start, cue_end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        cue_text = text[cue_start:cue_end]
        content = " … ".join(text[s:e] for s, e in d.spans)
        c_start, c_end = d.spans[0][0], d.spans[-1][1]
        claim_id = short_hash(article_id, c_start, c_end, cue_start)
        if claim_id in seen:
            continue
        seen.add(claim_id)
        kind = labels.kind(d, ctx.quotes, text, lex)
        claim = Claim(
            claim_id=claim_id,
            article_id=article_id,
            sentence_index=ctx.sent_index(d.cue_i),
            kind=kind,
            stance=labels.stance(kind, d, cue_text, content, lex),
            cue=cue_text,
            cue_start=cue_start,
            cue_end=cue_end,
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
            reported_by=labels.reported_by(ctx, d, infos),
            extractor_version=version,
        )
        claims.append(claim)
        targets.extend(labels.targets(claim_id, article_id, d, info, by_start, starts))
        if trace is not None:
            trace(claim, d)
    return claims, targets
